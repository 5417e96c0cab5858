/* pm-heatmap-view-private.h: what pm-heatmap-view.c and its input share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-heatmap-view.h"
#include "pm-zoom-history.h"

G_BEGIN_DECLS

/* The smallest window, in cells: closer than this nothing more is learnt. */
#define PM_HEATMAP_VIEW_MIN_WINDOW 2.0

typedef enum
{
  PM_HEATMAP_DRAG_NONE,
  PM_HEATMAP_DRAG_BOX,
  PM_HEATMAP_DRAG_PAN,
} PmHeatmapDrag;

struct _PmHeatmapView
{
  GtkWidget          parent_instance;

  PmHeatmapRenderer *renderer;
  PmCorrFigure      *figure;
  PmZoomHistory     *history;
  PmHeatmapWindow    window;
  GskRenderNode     *node;
  int                node_width;
  int                node_height;

  double             pointer_x;
  double             pointer_y;
  int                hover_row;
  int                hover_col;
  int                selected_row;
  int                selected_col;

  PmHeatmapDrag           drag_mode;
  double             drag_x0;
  double             drag_y0;
  double             drag_x1;
  double             drag_y1;
  PmHeatmapWindow    drag_window;
  gint64             last_wheel;
};

guint _pm_heatmap_view_get_size          (PmHeatmapView         *self);
void  _pm_heatmap_view_set_window        (PmHeatmapView         *self,
                                          const PmHeatmapWindow *window,
                                          gboolean               new_step);
void  _pm_heatmap_view_set_hover         (PmHeatmapView         *self,
                                          int                    row,
                                          int                    col);
void  _pm_heatmap_view_activate          (PmHeatmapView         *self,
                                          guint                  row,
                                          guint                  col);
void  _pm_heatmap_view_zoom_around       (PmHeatmapView         *self,
                                          double                 row,
                                          double                 col,
                                          double                 factor,
                                          gboolean               new_step);
void  _pm_heatmap_view_class_init_input  (GtkWidgetClass        *widget_class);
void  _pm_heatmap_view_init_input        (PmHeatmapView         *self);

G_END_DECLS
