/* pm-heatmap-renderer.h: a correlation matrix as a heat map, with colour bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK (see pm-chart-renderer.h). Draws any window of rows and columns of
 * an n x n matrix of Pearson r, so a matrix of thousands of tags can be
 * zoomed and panned: the cost of a frame depends on the pixels, not on n.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pm-chart-layout.h"
#include "pm-palette.h"

G_BEGIN_DECLS

/**
 * PmHeatmapModel:
 * @n: rows = columns
 * @r: (nullable): the matrix, row major, n * n doubles; NaN = undefined r
 * @r_float: (nullable): the same as floats; set exactly one of the two
 * @labels: n tag names, by matrix index; borrowed
 * @order: (nullable): display position -> matrix index (a clustering or
 *   the selection order); %NULL shows matrix order
 * @title: (nullable): drawn above the matrix
 *
 * Borrowed, like #PmChartModel: nothing is copied.
 */
typedef struct
{
  guint               n;
  const double       *r;
  const float        *r_float;
  const char * const *labels;
  const guint        *order;
  const char         *title;
} PmHeatmapModel;

double pm_heatmap_model_get (const PmHeatmapModel *model,
                             guint                 row,
                             guint                 col);

/**
 * PmHeatmapWindow:
 * @row0: first display row shown (may be fractional while panning)
 * @col0: first display column shown
 * @n_rows: rows shown (> 0)
 * @n_cols: columns shown (> 0)
 *
 * The visible part of the matrix, in display positions. Cells stay square:
 * the renderer fits the window into the space it has.
 */
typedef struct
{
  double row0;
  double col0;
  double n_rows;
  double n_cols;
} PmHeatmapWindow;

void pm_heatmap_window_init_full (PmHeatmapWindow *window,
                                  guint            n);

void pm_heatmap_color (double  r,
                       PmRgba *color);

typedef struct _PmHeatmapRenderer PmHeatmapRenderer;

PmHeatmapRenderer *pm_heatmap_renderer_new          (void);
void               pm_heatmap_renderer_free         (PmHeatmapRenderer     *self);
void               pm_heatmap_renderer_set_theme    (PmHeatmapRenderer     *self,
                                                     const PmChartTheme    *theme);
void               pm_heatmap_renderer_set_scale    (PmHeatmapRenderer     *self,
                                                     double                 scale);
void               pm_heatmap_renderer_draw         (PmHeatmapRenderer     *self,
                                                     cairo_t               *cr,
                                                     int                    width,
                                                     int                    height,
                                                     const PmHeatmapModel  *model,
                                                     const PmHeatmapWindow *window);
void               pm_heatmap_renderer_draw_overlay (PmHeatmapRenderer     *self,
                                                     cairo_t               *cr,
                                                     const PmHeatmapModel  *model,
                                                     int                    hover_row,
                                                     int                    hover_col);

/* Geometry of the last draw. Rows and columns are display positions. */
gboolean           pm_heatmap_renderer_get_matrix_area (PmHeatmapRenderer  *self,
                                                     PmRect                *area);
gboolean           pm_heatmap_renderer_hit          (PmHeatmapRenderer     *self,
                                                     double                 x,
                                                     double                 y,
                                                     guint                 *row,
                                                     guint                 *col);
gboolean           pm_heatmap_renderer_position_at  (PmHeatmapRenderer     *self,
                                                     double                 x,
                                                     double                 y,
                                                     double                *row,
                                                     double                *col);
double             pm_heatmap_renderer_get_cell_size (PmHeatmapRenderer    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmHeatmapRenderer, pm_heatmap_renderer_free)

G_END_DECLS
