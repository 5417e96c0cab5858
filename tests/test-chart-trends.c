/* test-chart-trends.c: trend lines and sparklines of the chart library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn on image surfaces and read back: a trend line lands on the pixels
 * its times and values map to, only while its series is visible, on a
 * linear and on a log axis (where it is a curve), and a line that ends at
 * or below zero on a log axis draws what it can without a crash. The
 * sparkline scales a series to its own box.
 */
#include <math.h>

#include "pmchart.h"

#define W 600
#define H 400

static const gint64 times[] = { 0, 3600, 7200, 10800, 14400 };
static const double flat[] = { 100, 100, 100, 100, 100 };

/* The pixel at @x, @y differs from the plot's background. */
static gboolean
inked (cairo_surface_t    *surface,
       const PmChartTheme *theme,
       int                 x,
       int                 y)
{
  guint32 *row = (guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                         y * cairo_image_surface_get_stride (surface));
  guint32 p = row[x];
  int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return abs (r - (int) (theme->plot_background.red * 255)) +
         abs (g - (int) (theme->plot_background.green * 255)) +
         abs (b - (int) (theme->plot_background.blue * 255)) > 60;
}

static cairo_surface_t *
render (PmChartRenderer    *renderer,
        const PmChartModel *model,
        const PmChartRange *range)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  pm_chart_renderer_draw (renderer, cr, W, H, model, range);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Draws a flat series at 100 with and without one trend from @v0 to @v1
 * and tells whether the trend changed any pixel where @probe_v is at the
 * middle time (a few pixels either way: the line is dashed). */
static gboolean
draw_trend (gboolean log_y,
            gboolean visible,
            double   v0,
            double   v1,
            double   probe_v)
{
  const PmChartTheme *theme = pm_chart_theme_get_light ();
  g_autoptr(PmChartRenderer) renderer = pm_chart_renderer_new ();
  PmChartSeries series = { 0 };
  PmChartTrend trend = { 0, 0, v0, 14400, v1, NULL };
  PmChartModel model = { 0 };
  PmChartRange range = { 0, 14400, log_y ? 10 : 0, 1000 };
  cairo_surface_t *with, *without;
  gboolean hit = FALSE;
  int stride;
  double x, y;

  series.label = "Leak";
  series.times = times;
  series.values = flat;
  series.n_points = G_N_ELEMENTS (times);
  series.visible = visible;
  series.note = "leak";
  pm_series_style_init_default (&series.style, 1);
  model.series = &series;
  model.n_series = 1;
  model.kind = PM_VALUE_KIND_COUNT;
  model.log_y = log_y;
  pm_chart_renderer_set_theme (renderer, theme);

  without = render (renderer, &model, &range);
  model.trends = &trend;
  model.n_trends = 1;
  with = render (renderer, &model, &range);

  x = pm_chart_renderer_time_to_x (renderer, 7200);
  y = pm_chart_renderer_value_to_y (renderer, probe_v);
  stride = cairo_image_surface_get_stride (with) / 4;
  for (int dx = -12; dx <= 12 && !hit; dx++)
    for (int dy = -1; dy <= 1 && !hit; dy++)
      {
        int i = ((int) y + dy) * stride + (int) x + dx;

        hit = ((guint32 *) (gpointer) cairo_image_surface_get_data (with))[i] !=
              ((guint32 *) (gpointer) cairo_image_surface_get_data (without))[i];
      }

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  return hit;
}

static void
test_linear (void)
{
  /* Halfway between 200 and 800. */
  g_assert_true (draw_trend (FALSE, TRUE, 200, 800, 500));
  /* Nothing where there is no line. */
  g_assert_false (draw_trend (FALSE, TRUE, 200, 800, 300));
  /* A hidden series takes its trend with it. */
  g_assert_false (draw_trend (FALSE, FALSE, 200, 800, 500));
}

static void
test_log (void)
{
  /* On a log axis the midpoint in time is the midpoint in value, drawn
   * where 500 maps, not where the straight pixel line would pass. */
  g_assert_true (draw_trend (TRUE, TRUE, 200, 800, 500));
  /* From below zero: the part above it is drawn, nothing breaks. */
  g_assert_true (draw_trend (TRUE, TRUE, -400, 1400, 500));
}

static void
test_sparkline (void)
{
  const PmChartTheme *theme = pm_chart_theme_get_light ();
  static const double rising[] = { 0, 10, 20, 30, 40 };
  PmChartTrend trend = { 0, 0, 0, 14400, 40, NULL };
  PmSparkline spark = { times, rising, G_N_ELEMENTS (times), &trend, 1, { 0.2, 0.4, 0.8, 1 } };
  PmRect area = { 10, 10, 100, 30 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 50);
  cairo_t *cr = cairo_create (surface);
  guint32 *data;
  int stride;

  cairo_set_source_rgb (cr, theme->plot_background.red, theme->plot_background.green,
                        theme->plot_background.blue);
  cairo_paint (cr);
  pm_sparkline_draw (cr, &area, &spark, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  /* Bottom left to top right of its box; nothing outside the box. */
  g_assert_true (inked (surface, theme, 12, 37) || inked (surface, theme, 12, 36));
  g_assert_true (inked (surface, theme, 108, 13) || inked (surface, theme, 108, 12));
  g_assert_false (inked (surface, theme, 108, 37));
  for (int x = 0; x < 120; x++)
    g_assert_false (inked (surface, theme, x, 3) && data[3 * stride + x] != 0);

  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/chart-trends/linear", test_linear);
  g_test_add_func ("/poolstats/chart-trends/log", test_log);
  g_test_add_func ("/poolstats/chart-trends/sparkline", test_sparkline);

  return g_test_run ();
}
