/* pm-chart-renderer-private.h: shared by the frame and overlay halves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-chart-renderer.h"
#include "pm-decimate.h"
#include "pm-raster-private.h"

G_BEGIN_DECLS

/* Markers (or dots) show while a series has fewer samples than this in
 * view: then they are far enough apart to be told apart. */
#define PM_CHART_MARKER_LIMIT 50
/* A chosen marker shows at every zoom, no closer than this to the last. */
#define PM_CHART_MARKER_SPACING 10.0
#define PM_CHART_TICK_LEN 5.0
#define PM_CHART_LEGEND_SWATCH 26.0
#define PM_CHART_LEGEND_ROW 20.0
/* Cairo's fixed-point coordinates overflow near 2^23: keep far-off points
 * well inside that. */
#define PM_CHART_COORD_LIMIT 1e6
/* Samples per pixel column, on average over the view, from which a series
 * is drawn through its levels of detail (pm-lod.h). */
#define PM_CHART_LOD_MIN_PER_COLUMN 40

struct _PmChartRenderer
{
  const PmChartTheme *theme;

  /* Scratch, kept between frames so a frame allocates nothing. */
  PmPoint *points;
  gsize    points_len;
  PmRaster raster;
  /* Where series are drawn when the target is not an image surface that
   * can be written to directly (GTK's recording surfaces). */
  cairo_surface_t *layer;
  double           scale; /* device pixels per unit, at least */

  /* The last frame's geometry. */
  gboolean     have_frame;
  PmRect       plot;
  PmAxisMap    xmap;
  PmAxisMap    ymap;       /* the axis being drawn against: ymap_left but
                             while a right-axis series is drawn */
  PmAxisMap    ymap_left;
  PmAxisMap    ymap_right;
  gboolean     have_right;
  double       right_y0;
  double       right_y1;
  PmChartRange range;
  GArray      *legend; /* PmRect per series; width 0 when not shown */
};

typedef struct
{
  gboolean vector;  /* stroke with Cairo: SVG, PDF */
  double   ox;      /* user-space origin of the raster */
  double   oy;
  double   scale;   /* raster pixels per user unit */
} PmSeriesTarget;

void _pm_chart_renderer_begin_series (PmChartRenderer     *self,
                                      cairo_t             *cr,
                                      PmSeriesTarget      *target);
void _pm_chart_renderer_end_series   (PmChartRenderer     *self,
                                      cairo_t             *cr,
                                      PmSeriesTarget      *target);
void _pm_chart_renderer_draw_series (PmChartRenderer     *self,
                                     cairo_t             *cr,
                                     const PmChartModel  *model,
                                     const PmChartSeries *s,
                                     const PmSeriesTarget *target,
                                     double               extra_width);

void _pm_chart_renderer_draw_markers (PmChartRenderer     *self,
                                      cairo_t             *cr,
                                      const PmChartModel  *model,
                                      const PmChartSeries *s,
                                      double               extra_width);

/* pm-elapsed-ticks.c: the x ticks of an elapsed-time axis, in the
 * series' times (labels count from @origin). */
GArray *_pm_chart_elapsed_x_ticks    (cairo_t             *cr,
                                      double               origin,
                                      double               t0,
                                      double               t1,
                                      double               width);

/* The right-hand value axis (pm-chart-right-axis.c). */
double _pm_chart_right_axis_prepare (PmChartRenderer    *self,
                                     cairo_t            *cr,
                                     const PmChartModel *model,
                                     double              plot_height,
                                     GArray            **ticks);
void   _pm_chart_right_axis_draw    (PmChartRenderer    *self,
                                     cairo_t            *cr,
                                     const PmChartModel *model,
                                     GArray             *ticks,
                                     double              surface_width);
gboolean _pm_chart_model_has_left_series (const PmChartModel *model);
void   _pm_chart_renderer_use_axis  (PmChartRenderer     *self,
                                     const PmChartSeries *s);

void _pm_chart_renderer_draw_trends (PmChartRenderer     *self,
                                     cairo_t             *cr,
                                     const PmChartModel  *model);

G_END_DECLS
