/* test-decimate.c: min/max per pixel column keeps what the eye must see
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>

#include "pmchart.h"

static void
test_visible (void)
{
  gint64 times[] = { 10, 20, 30, 40, 50, 60 };
  gsize first, end;

  g_assert_cmpuint (pm_decimate_lower_bound (times, 6, 30), ==, 2);
  g_assert_cmpuint (pm_decimate_lower_bound (times, 6, 31), ==, 3);
  g_assert_cmpuint (pm_decimate_lower_bound (times, 6, 0), ==, 0);
  g_assert_cmpuint (pm_decimate_lower_bound (times, 6, 99), ==, 6);

  /* 25..45 holds 30 and 40; one more each side so lines reach the edges. */
  pm_decimate_visible (times, 6, 25, 45, &first, &end);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (end, ==, 5);

  pm_decimate_visible (times, 6, 30, 40, &first, &end);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (end, ==, 5);

  pm_decimate_visible (times, 6, 0, 100, &first, &end);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (end, ==, 6);

  /* Between two samples: both, so the line crosses the view. */
  pm_decimate_visible (times, 6, 33, 37, &first, &end);
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpuint (end, ==, 4);

  pm_decimate_visible (times, 0, 33, 37, &first, &end);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (end, ==, 0);
}

typedef struct
{
  gint64 *times;
  double *values;
  gsize   n;
} Series;

static void
series_free (Series *s)
{
  g_free (s->times);
  g_free (s->values);
}

static Series
make_noise (gsize   n,
            guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Series s = { g_new (gint64, n), g_new (double, n), n };

  for (gsize i = 0; i < n; i++)
    {
      s.times[i] = 1626134400 + 60 * (gint64) i;
      s.values[i] = 1e6 + g_rand_double_range (rand, -1000, 1000);
    }

  return s;
}

static void
test_spike_kept (void)
{
  Series s = make_noise (43200, 7);
  gsize spike = 31337, dip = 1234;
  g_autofree PmPoint *out = NULL;
  gboolean saw_spike = FALSE, saw_dip = FALSE;
  PmAxisMap xmap;
  gsize n, cap;

  s.values[spike] = 5e9;
  s.values[dip] = -5e9;

  /* 43,200 samples on 500 pixels: 86 per column, 4 kept at most. */
  pm_axis_map_init (&xmap, s.times[0], s.times[s.n - 1], 0, 500, FALSE);
  cap = pm_decimate_max_points (0, s.n, 500);
  out = g_new (PmPoint, cap);
  n = pm_decimate_minmax (s.times, s.values, 0, s.n, &xmap, out, cap);

  g_assert_cmpuint (n, <=, 4 * 501);
  g_assert_cmpuint (n, >=, 2 * 500);
  for (gsize i = 0; i < n; i++)
    {
      saw_spike |= out[i].y == 5e9;
      saw_dip |= out[i].y == -5e9;
      if (i > 0)
        g_assert_cmpfloat (out[i].x, >=, out[i - 1].x);
    }
  g_assert_true (saw_spike);
  g_assert_true (saw_dip);

  series_free (&s);
}

/* Per column, the kept points' min and max are the data's min and max,
 * the first kept point is the column's first sample and the last its
 * last: the drawn line is the full line to the pixel. */
static void
test_columns_exact (void)
{
  Series s = make_noise (20000, 11);
  g_autofree PmPoint *out = NULL;
  PmAxisMap xmap;
  gsize n, cap, k = 0;
  const int width = 333;

  pm_axis_map_init (&xmap, s.times[0], s.times[s.n - 1], 10, 10 + width, FALSE);
  cap = pm_decimate_max_points (0, s.n, width);
  out = g_new (PmPoint, cap);
  n = pm_decimate_minmax (s.times, s.values, 0, s.n, &xmap, out, cap);

  for (gsize i = 0; i < s.n;)
    {
      double column = floor (pm_axis_map_to_pixel (&xmap, s.times[i]));
      double lo = HUGE_VAL, hi = -HUGE_VAL, klo = HUGE_VAL, khi = -HUGE_VAL;
      gsize j = i;

      while (j < s.n && floor (pm_axis_map_to_pixel (&xmap, s.times[j])) == column)
        {
          lo = MIN (lo, s.values[j]);
          hi = MAX (hi, s.values[j]);
          j++;
        }

      g_assert_cmpuint (k, <, n);
      g_assert_cmpfloat (out[k].y, ==, s.values[i]);
      while (k < n && floor (out[k].x) == column)
        {
          klo = MIN (klo, out[k].y);
          khi = MAX (khi, out[k].y);
          k++;
        }
      g_assert_cmpfloat (out[k - 1].y, ==, s.values[j - 1]);
      g_assert_cmpfloat (klo, ==, lo);
      g_assert_cmpfloat (khi, ==, hi);

      i = j;
    }
  g_assert_cmpuint (k, ==, n);

  series_free (&s);
}

static void
test_sparse_untouched (void)
{
  gint64 times[] = { 0, 100, 200, 300 };
  double values[] = { 1, 4, 2, 3 };
  PmPoint out[16];
  PmAxisMap xmap;
  gsize n;

  /* Fewer samples than pixels: every one is kept, in order, at its x. */
  pm_axis_map_init (&xmap, 0, 300, 0, 600, FALSE);
  n = pm_decimate_minmax (times, values, 0, 4, &xmap, out, G_N_ELEMENTS (out));
  g_assert_cmpuint (n, ==, 4);
  for (gsize i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (out[i].x, ==, 2.0 * times[i]);
      g_assert_cmpfloat (out[i].y, ==, values[i]);
    }
}

static void
test_gaps (void)
{
  gint64 times[] = { 0, 10, 20, 30, 40, 50, 60 };
  double values[] = { NAN, 1, 2, NAN, NAN, 5, 6 };
  PmPoint out[32];
  PmAxisMap xmap;
  gsize n;

  pm_axis_map_init (&xmap, 0, 60, 0, 600, FALSE);
  n = pm_decimate_minmax (times, values, 0, 7, &xmap, out, G_N_ELEMENTS (out));

  /* 1 2 | 5 6: one break, none at the start. */
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (out[0].y, ==, 1);
  g_assert_cmpfloat (out[1].y, ==, 2);
  g_assert_true (isnan (out[2].y));
  g_assert_cmpfloat (out[3].y, ==, 5);
  g_assert_cmpfloat (out[4].y, ==, 6);
}

static void
test_value_range (void)
{
  gint64 times[] = { 0, 10, 20, 30, 40 };
  double values[] = { -5, 0, NAN, 7, 3 };
  double lo = 0, hi = 0;

  g_assert_true (pm_decimate_value_range (times, values, 5, 0, 40, FALSE, &lo, &hi));
  g_assert_cmpfloat (lo, ==, -5);
  g_assert_cmpfloat (hi, ==, 7);

  g_assert_true (pm_decimate_value_range (times, values, 5, 0, 40, TRUE, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 3);
  g_assert_cmpfloat (hi, ==, 7);

  /* Only what is inside the range counts. */
  g_assert_true (pm_decimate_value_range (times, values, 5, 5, 25, FALSE, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 0);

  g_assert_false (pm_decimate_value_range (times, values, 5, 15, 25, FALSE, &lo, &hi));
}

static void
test_nearest (void)
{
  gint64 times[] = { 10, 20, 40 };
  gsize i = 99;

  g_assert_true (pm_decimate_nearest (times, 3, 0, &i));
  g_assert_cmpuint (i, ==, 0);
  g_assert_true (pm_decimate_nearest (times, 3, 14, &i));
  g_assert_cmpuint (i, ==, 0);
  g_assert_true (pm_decimate_nearest (times, 3, 15, &i));
  g_assert_cmpuint (i, ==, 0);
  g_assert_true (pm_decimate_nearest (times, 3, 16, &i));
  g_assert_cmpuint (i, ==, 1);
  g_assert_true (pm_decimate_nearest (times, 3, 31, &i));
  g_assert_cmpuint (i, ==, 2);
  g_assert_true (pm_decimate_nearest (times, 3, 1e12, &i));
  g_assert_cmpuint (i, ==, 2);
  g_assert_false (pm_decimate_nearest (times, 0, 5, &i));
}

static gboolean
pixel_is_color (cairo_surface_t *surface,
                int              x,
                int              y,
                const PmRgba    *color)
{
  guint32 px = ((guint32 *) (cairo_image_surface_get_data (surface) +
                             y * cairo_image_surface_get_stride (surface)))[x];
  int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

  return abs (r - (int) (color->red * 255)) < 40 &&
         abs (g - (int) (color->green * 255)) < 40 &&
         abs (b - (int) (color->blue * 255)) < 40;
}

/* End to end: a one-sample spike in a month of minutes reaches the top of
 * the plot in the rendered picture, on an image surface (the fast
 * rasteriser) as well as through a recording surface (the layer GTK's
 * snapshot uses). */
static void
test_render_spike (void)
{
  Series s = make_noise (43200, 3);
  g_autoptr(PmChartRenderer) renderer = pm_chart_renderer_new ();
  PmChartSeries series = { "Spky", s.times, s.values, s.n, { { 0 } }, TRUE };
  PmChartModel model = { &series, 1, PM_VALUE_KIND_BYTES, FALSE, NULL, NULL, FALSE };
  PmChartRange range;
  PmRect plot;

  pm_series_style_init_default (&series.style, 0);
  s.values[20000] = 3e6;
  pm_chart_model_autoscale (&model, NAN, NAN, &range);
  g_assert_cmpfloat (range.y1, >=, 3e6);

  for (int pass = 0; pass < 2; pass++)
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 400);
      cairo_t *cr = cairo_create (image);
      double x, y;
      gboolean found = FALSE;

      if (pass == 0)
        pm_chart_renderer_draw (renderer, cr, 800, 400, &model, &range);
      else
        {
          cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
          cairo_t *rcr = cairo_create (rec);

          pm_chart_renderer_draw (renderer, rcr, 800, 400, &model, &range);
          cairo_destroy (rcr);
          cairo_set_source_surface (cr, rec, 0, 0);
          cairo_paint (cr);
          cairo_surface_destroy (rec);
        }
      cairo_surface_flush (image);

      g_assert_true (pm_chart_renderer_get_plot_area (renderer, &plot));
      x = pm_chart_renderer_time_to_x (renderer, s.times[20000]);
      y = pm_chart_renderer_value_to_y (renderer, 3e6);
      g_assert_cmpfloat (y, >=, plot.y);
      g_assert_cmpfloat (y, <, plot.y + 0.1 * plot.height);

      /* The spike's column is coloured from near the top down to the noise. */
      for (int dx = -1; dx <= 1 && !found; dx++)
        found = pixel_is_color (image, (int) x + dx, (int) y + 2, &series.style.color) &&
                pixel_is_color (image, (int) x + dx, (int) (plot.y + plot.height * 0.5),
                                &series.style.color);
      g_assert_true (found);
      /* ... and two columns further it is not. */
      g_assert_false (pixel_is_color (image, (int) x + 3, (int) y + 2, &series.style.color));

      cairo_destroy (cr);
      cairo_surface_destroy (image);
    }

  series_free (&s);
}

/* GTK keeps the recorded frame as a render node and replays it later,
 * while the same renderer draws other frames (and overlays) in between.
 * The series layer is reused; an old recording must still show its own
 * lines, not the newest ones. */
static void
test_recording_kept (void)
{
  gint64 times[] = { 0, 100 };
  double low[] = { 10, 10 }, high[] = { 90, 90 };
  PmChartSeries series = { "Flat", times, low, 2, { { 0 } }, TRUE };
  PmChartModel model = { &series, 1, PM_VALUE_KIND_COUNT, FALSE, NULL, NULL, FALSE };
  PmChartRange range = { 0, 100, 0, 100 };
  g_autoptr(PmChartRenderer) renderer = pm_chart_renderer_new ();
  cairo_surface_t *rec[2], *image;
  cairo_t *cr;
  int x, y_low, y_high;

  pm_series_style_init_default (&series.style, 0);
  series.style.width = 4;

  for (int i = 0; i < 2; i++)
    {
      series.values = i == 0 ? low : high;
      rec[i] = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (rec[i]);
      pm_chart_renderer_draw (renderer, cr, 400, 300, &model, &range);
      cairo_destroy (cr);
    }

  x = (int) pm_chart_renderer_time_to_x (renderer, 50);
  y_low = (int) pm_chart_renderer_value_to_y (renderer, 10);
  y_high = (int) pm_chart_renderer_value_to_y (renderer, 90);

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  for (int i = 0; i < 2; i++)
    {
      cr = cairo_create (image);
      cairo_set_source_surface (cr, rec[i], 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);

      g_assert_true (pixel_is_color (image, x, i == 0 ? y_low : y_high, &series.style.color));
      g_assert_false (pixel_is_color (image, x, i == 0 ? y_high : y_low, &series.style.color));
    }

  cairo_surface_destroy (image);
  cairo_surface_destroy (rec[0]);
  cairo_surface_destroy (rec[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/decimate/visible", test_visible);
  g_test_add_func ("/poolstats/decimate/spike-kept", test_spike_kept);
  g_test_add_func ("/poolstats/decimate/columns-exact", test_columns_exact);
  g_test_add_func ("/poolstats/decimate/sparse-untouched", test_sparse_untouched);
  g_test_add_func ("/poolstats/decimate/gaps", test_gaps);
  g_test_add_func ("/poolstats/decimate/value-range", test_value_range);
  g_test_add_func ("/poolstats/decimate/nearest", test_nearest);
  g_test_add_func ("/poolstats/decimate/render-spike", test_render_spike);
  g_test_add_func ("/poolstats/decimate/recording-kept", test_recording_kept);

  return g_test_run ();
}
