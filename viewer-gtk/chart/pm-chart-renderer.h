/* pm-chart-renderer.h: draws a time chart of pool-tag series with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK: the viewer's chart widget calls this from its snapshot (through
 * gtk_snapshot_append_cairo), and headless export calls it on an image, SVG
 * or PDF surface. The widget caches pm_chart_renderer_draw()'s output and
 * draws pm_chart_renderer_draw_overlay() (hover, drag band) on top of it
 * each time the pointer moves.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pm-chart-layout.h"
#include "pm-lod.h"
#include "pm-palette.h"
#include "pm-series-style.h"

G_BEGIN_DECLS

/**
 * PmChartSeries:
 * @label: the legend text (a tag, or "TOTAL"); borrowed
 * @times: sample times, seconds since the epoch, ascending; borrowed
 * @values: the values; NaN breaks the line (a gap); borrowed
 * @n_points: length of @times and @values
 * @style: how to draw it
 * @visible: %FALSE leaves it out of the plot and greys its legend entry
 * @note: (nullable): a word shown after the label in the hover readout,
 *   e.g. the leak finder's verdict ("leak"); borrowed
 * @lod: (nullable): levels of detail of @values (pm_lod_new() on the same
 *   array); borrowed. With them a frame over months reads a few buckets
 *   per pixel column instead of every sample, and draws the same pixels.
 * @no_legend: leave it out of the legend (another run's line of a tag that
 *   the legend lists once; the legend says the runs' line styles)
 * @right_axis: drawn against the right-hand value axis (TOTAL beside
 *   tags a hundred times smaller), which fits the visible right-axis
 *   series alone; the left axis then fits the others
 *
 * One line on the chart. The arrays are not copied: they must outlive
 * every draw that uses them (the viewer keeps them in its session).
 */
typedef struct
{
  const char    *label;
  const gint64  *times;
  const double  *values;
  gsize          n_points;
  PmSeriesStyle  style;
  gboolean       visible;
  const char    *note;
  const PmLod   *lod;
  gboolean       no_legend;
  gboolean       right_axis;
} PmChartSeries;

/**
 * PmChartTrend:
 * @series: the index of the series it belongs to (drawn in its colour,
 *   and only while it is visible)
 * @t0: where the line starts (seconds since the epoch)
 * @v0: its value there
 * @t1: where it ends
 * @v1: its value there
 * @label: (nullable): written at its end, e.g. the rate "+14 KiB/h"; borrowed
 *
 * A fitted trend line drawn dashed over its series (a leak's growth in one
 * boot of the lab machine).
 */
typedef struct
{
  guint       series;
  double      t0;
  double      v0;
  double      t1;
  double      v1;
  const char *label;
} PmChartTrend;

/**
 * PmChartModel:
 * @series: the series, drawn in this order (later on top); borrowed
 * @n_series: how many
 * @kind: bytes or counts, for the y axis labels
 * @log_y: a log10 y axis (values <= 0 are not drawn)
 * @title: (nullable): drawn above the plot
 * @y_label: (nullable): the y axis title, e.g. the metric's name
 * @show_legend: draw the legend
 * @markers: (nullable) (array length=n_markers): times of events across all
 *   series, such as the lab machine's reboots, drawn as dashed vertical lines
 * @n_markers: how many
 * @marker_label: (nullable): written beside each marker, e.g. "reboot"
 * @gaps: (nullable) (array length=n_gaps): spans without samples in any
 *   series (the sampler stopped, the machine was off), as @n_gaps pairs of
 *   times (last sample before, first after), drawn as shaded bands
 * @n_gaps: how many pairs
 * @gap_label: (nullable): written in each band, e.g. "gap"
 * @trends: (nullable) (array length=n_trends): dashed trend lines over
 *   series; borrowed
 * @n_trends: how many
 * @x_elapsed: label the time axis with the time elapsed since @x_origin
 *   ("0", "6 h", "1 d") rather than dates: several runs laid over each
 *   other (docs/runs.md)
 * @x_origin: where elapsed time is 0, in the series' times
 * @right_label: (nullable): the right-hand axis's title, drawn when a
 *   visible series has @right_axis
 *
 * Everything a chart frame draws except its size and visible range.
 */
typedef struct
{
  const PmChartSeries *series;
  guint                n_series;
  PmValueKind          kind;
  gboolean             log_y;
  const char          *title;
  const char          *y_label;
  gboolean             show_legend;
  const gint64        *markers;
  guint                n_markers;
  const char          *marker_label;
  const gint64        *gaps;
  guint                n_gaps;
  const char          *gap_label;
  const PmChartTrend  *trends;
  guint                n_trends;
  gboolean             x_elapsed;
  double               x_origin;
  const char          *right_label;
} PmChartModel;

/**
 * PmChartOverlay:
 * @hover_x: the pointer's x in the chart's coordinates, or NaN for none:
 *   draws the crosshair at the nearest sample time, a dot on each visible
 *   series and (if @show_tooltip) a box with the time and the values
 * @show_tooltip: draw the value box next to the crosshair
 * @band_x0: one edge of a drag-to-zoom band (NaN for none)
 * @band_x1: the other edge
 * @band_y0: NaN for a time-only band (full height), else the box's top/bottom
 * @band_y1: the other y edge of a box zoom
 * @highlight: index of a series to emphasise (hovered legend entry), or -1
 */
typedef struct
{
  double   hover_x;
  gboolean show_tooltip;
  double   band_x0;
  double   band_x1;
  double   band_y0;
  double   band_y1;
  int      highlight;
} PmChartOverlay;

void pm_chart_overlay_init (PmChartOverlay *overlay);

/**
 * PmChartRenderer:
 *
 * Draws frames and remembers the last frame's geometry (plot area, axis
 * maps, legend entries) for the overlay and for hit testing. It also keeps
 * its scratch buffers, so a frame allocates nothing. Not thread safe; one
 * per widget.
 */
typedef struct _PmChartRenderer PmChartRenderer;

PmChartRenderer *pm_chart_renderer_new             (void);
void             pm_chart_renderer_free            (PmChartRenderer      *self);
void             pm_chart_renderer_set_theme       (PmChartRenderer      *self,
                                                    const PmChartTheme   *theme);
const PmChartTheme *pm_chart_renderer_get_theme    (PmChartRenderer      *self);
void             pm_chart_renderer_set_scale       (PmChartRenderer      *self,
                                                    double                scale);
void             pm_chart_renderer_draw            (PmChartRenderer      *self,
                                                    cairo_t              *cr,
                                                    int                   width,
                                                    int                   height,
                                                    const PmChartModel   *model,
                                                    const PmChartRange   *range);
void             pm_chart_renderer_draw_overlay    (PmChartRenderer      *self,
                                                    cairo_t              *cr,
                                                    const PmChartModel   *model,
                                                    const PmChartOverlay *overlay);

/* Geometry of the last pm_chart_renderer_draw(). */
gboolean         pm_chart_renderer_get_plot_area   (PmChartRenderer      *self,
                                                    PmRect               *area);
double           pm_chart_renderer_x_to_time       (PmChartRenderer      *self,
                                                    double                x);
double           pm_chart_renderer_time_to_x       (PmChartRenderer      *self,
                                                    double                t);
double           pm_chart_renderer_y_to_value      (PmChartRenderer      *self,
                                                    double                y);
double           pm_chart_renderer_value_to_y      (PmChartRenderer      *self,
                                                    double                value);
gboolean         pm_chart_renderer_in_plot         (PmChartRenderer      *self,
                                                    double                x,
                                                    double                y);
int              pm_chart_renderer_legend_hit      (PmChartRenderer      *self,
                                                    double                x,
                                                    double                y);
gboolean         pm_chart_renderer_get_legend_swatch (PmChartRenderer    *self,
                                                    guint                 series,
                                                    PmRect               *rect);

/* Helpers on the model, independent of any frame. */
gboolean         pm_chart_model_get_time_extent    (const PmChartModel   *model,
                                                    double               *t0,
                                                    double               *t1);
gboolean         pm_chart_model_autoscale          (const PmChartModel   *model,
                                                    double                t0,
                                                    double                t1,
                                                    PmChartRange         *range);
gboolean         pm_chart_model_autoscale_right    (const PmChartModel   *model,
                                                    double                t0,
                                                    double                t1,
                                                    double               *y0,
                                                    double               *y1);
gboolean         pm_chart_renderer_get_right_range (PmChartRenderer      *self,
                                                    double               *y0,
                                                    double               *y1);
gboolean         pm_chart_series_value_at          (const PmChartSeries  *series,
                                                    double                t,
                                                    gint64               *sample_time,
                                                    double               *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmChartRenderer, pm_chart_renderer_free)

G_END_DECLS
