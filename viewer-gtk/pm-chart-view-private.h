/* pm-chart-view-private.h: what pm-chart-view.c and its input share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-chart-view.h"
#include "pm-figures.h"

G_BEGIN_DECLS

typedef enum
{
  PM_CHART_DRAG_NONE,
  PM_CHART_DRAG_BAND,
  PM_CHART_DRAG_BOX,
  PM_CHART_DRAG_PAN,
  PM_CHART_DRAG_MEASURE,
} PmChartDrag;

struct _PmChartView
{
  GtkWidget           parent_instance;

  PmSession          *session;
  GSignalGroup       *session_signals;
  PmChartRenderer    *renderer;

  PmChartFigure      *figure;
  const PmChartModel *model;     /* the figure's, or an empty one */
  GskRenderNode      *chart_node;
  int                 node_width;
  int                 node_height;

  double              hover_x;
  double              hover_y;

  PmChartDrag            drag_mode;
  double              drag_x0;
  double              drag_y0;
  double              drag_x1;
  double              drag_y1;
  PmChartRange        drag_range;

  gint64              last_wheel;

  guint               highlight_tag;  /* the tag table's row, or G_MAXUINT */
};

void _pm_chart_view_style_requested (PmChartView *self,
                                     guint        tag);
void _pm_chart_view_init_input      (PmChartView *self);
int  _pm_chart_view_row_highlight   (PmChartView *self);

/* The measured span (pm-chart-view-measure.c). */
gboolean _pm_chart_view_measure_wanted (PmChartView     *self,
                                        GdkModifierType  state);
void     _pm_chart_view_measured       (PmChartView     *self,
                                        double           t0,
                                        double           t1);
void     _pm_chart_view_draw_measure   (PmChartView     *self,
                                        GtkSnapshot     *snapshot,
                                        int              width,
                                        int              height);

G_END_DECLS
