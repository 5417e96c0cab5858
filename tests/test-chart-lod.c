/* test-chart-lod.c: a chart drawn through levels of detail is the chart
 * drawn from the samples, pixel for pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "pmchart.h"
#include "pm-raster-private.h"

#define N_SERIES 6

typedef struct
{
  gint64 *times;
  double *values[N_SERIES];
  PmLod  *lods[N_SERIES];
  gsize   n;
} Data;

/* A month of minutes with what real folders have: a sampler that stopped
 * for hours, uneven steps, leaks, spikes, NaN gaps and absences (0). */
static void
data_init (Data  *d,
           gsize  n)
{
  GRand *rand = g_rand_new_with_seed (7);
  gint64 t = 1626134400;

  d->n = n;
  d->times = g_new (gint64, n);
  for (gsize i = 0; i < n; i++)
    {
      d->times[i] = t;
      t += (i % 5000 == 4999) ? 6 * 3600 : 55 + g_rand_int_range (rand, 0, 11);
    }

  for (int s = 0; s < N_SERIES; s++)
    {
      double *v = d->values[s] = g_new (double, n);
      double level = 1e6 * (s + 1);

      for (gsize i = 0; i < n; i++)
        {
          double r = g_rand_double (rand);

          if (s % 3 == 0)
            level += 40;                          /* a leak */
          else if (r < 0.002)
            level = g_rand_double_range (rand, 1e5, 8e6);  /* steps */
          v[i] = level + g_rand_double_range (rand, -3e4, 3e4);
          if (r > 0.9995)
            v[i] *= 3;                            /* a spike */
          if (s == 2 && r > 0.99)
            v[i] = NAN;
          if (s == 4 && (i / 3000) % 4 == 1)
            v[i] = 0;                             /* absent for a while */
          if (s == 5 && i > n / 2 && i < n / 2 + 9000)
            v[i] = NAN;                           /* a long gap */
        }
      d->lods[s] = pm_lod_new (v, n);
    }
  g_rand_free (rand);
}

static void
data_clear (Data *d)
{
  g_free (d->times);
  for (int s = 0; s < N_SERIES; s++)
    {
      g_free (d->values[s]);
      pm_lod_free (d->lods[s]);
    }
}

/* Draws the chart of @d over [@t0, @t1] with or without the levels and
 * returns the pixels. */
static guint8 *
draw (Data     *d,
      double    t0,
      double    t1,
      gboolean  log_y,
      gboolean  with_lod,
      gboolean  recording,
      gsize    *size,
      PmChartRange *range_out)
{
  PmChartSeries series[N_SERIES] = { 0 };
  PmChartModel model = { .series = series, .n_series = N_SERIES, .log_y = log_y,
                         .kind = PM_VALUE_KIND_BYTES, .show_legend = TRUE };
  g_autoptr(PmChartRenderer) renderer = pm_chart_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 500);
  cairo_t *cr = cairo_create (surface);
  PmChartRange range;
  guint8 *pixels;

  for (int s = 0; s < N_SERIES; s++)
    {
      series[s].label = "Tag";
      series[s].times = d->times;
      series[s].values = d->values[s];
      series[s].n_points = d->n;
      series[s].visible = TRUE;
      series[s].lod = with_lod ? d->lods[s] : NULL;
      pm_series_style_init_default (&series[s].style, s);
      series[s].style.width = 1 + s % 3;
    }
  pm_chart_model_autoscale (&model, t0, t1, &range);
  *range_out = range;

  if (recording)
    {
      cairo_rectangle_t extents = { 0, 0, 1200, 500 };
      cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *rcr = cairo_create (rec);

      pm_chart_renderer_draw (renderer, rcr, 1200, 500, &model, &range);
      cairo_destroy (rcr);
      cairo_set_source_surface (cr, rec, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (rec);
    }
  else
    pm_chart_renderer_draw (renderer, cr, 1200, 500, &model, &range);
  cairo_surface_flush (surface);

  *size = (gsize) cairo_image_surface_get_stride (surface) * 500;
  pixels = g_memdup2 (cairo_image_surface_get_data (surface), *size);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return pixels;
}

static void
check_same (Data    *d,
            double   t0,
            double   t1,
            gboolean log_y,
            gboolean recording)
{
  gsize size_raw, size_lod;
  PmChartRange r_raw, r_lod;
  g_autofree guint8 *raw = draw (d, t0, t1, log_y, FALSE, recording, &size_raw, &r_raw);
  g_autofree guint8 *lod = draw (d, t0, t1, log_y, TRUE, recording, &size_lod, &r_lod);
  gsize differ = 0, lit = 0;

  /* The axis fit reads the same extremes. */
  g_assert_cmpfloat (r_raw.y0, ==, r_lod.y0);
  g_assert_cmpfloat (r_raw.y1, ==, r_lod.y1);

  g_assert_cmpuint (size_raw, ==, size_lod);
  for (gsize i = 0; i < size_raw; i++)
    {
      differ += raw[i] != lod[i];
      lit += raw[i] != raw[0];
    }
  g_assert_cmpuint (differ, ==, 0);
  /* And something was drawn at all. */
  g_assert_cmpuint (lit, >, 10000);
}

static void
test_same_pixels (void)
{
  Data d;
  double a, b;

  data_init (&d, 43200 * 3);
  a = (double) d.times[0];
  b = (double) d.times[d.n - 1];

  for (int log_y = 0; log_y < 2; log_y++)
    {
      /* Full range: a hundred samples a column. */
      check_same (&d, a, b, log_y, FALSE);
      /* Two days in the middle, two hours (a few samples a column), a
       * span across the sampler's stop, and one past the last sample. */
      check_same (&d, a + (b - a) * 0.4, a + (b - a) * 0.4 + 2 * 86400, log_y, FALSE);
      check_same (&d, a + (b - a) * 0.7, a + (b - a) * 0.7 + 7200, log_y, FALSE);
      check_same (&d, (double) d.times[4990], (double) d.times[5020], log_y, FALSE);
      check_same (&d, b - 3 * 86400, b + 86400, log_y, FALSE);
    }
  /* Through a recording surface, as the widget draws. */
  check_same (&d, a, b, FALSE, TRUE);

  data_clear (&d);
}

/* The raster's two ways straight, at any density: the chart takes the
 * levels only from 40 samples a column, but they must be right at one. */
static void
test_raster_any_density (void)
{
  const int w = 700, h = 300, stride = w * 4;
  g_autofree guint8 *raw = g_malloc0 ((gsize) stride * h);
  g_autofree guint8 *via = g_malloc0 ((gsize) stride * h);
  PmRgba color = { 0.2, 0.4, 0.8, 1 };
  PmRaster raster = { 0 };
  Data d;

  data_init (&d, 43200);
  for (int s = 0; s < N_SERIES; s++)
    for (int log_y = 0; log_y < 2; log_y++)
      for (int zoom = 0; zoom < 5; zoom++)
        {
          /* From the whole month down to a handful of samples. */
          double span = (double) (d.times[d.n - 1] - d.times[0]) / pow (6, zoom);
          double t0 = (double) d.times[d.n / 3], t1 = t0 + span;
          PmAxisMap xmap, ymap;
          double lo = 0, hi = 0;
          gsize first, end;

          if (zoom == 0)
            t0 = (double) d.times[0], t1 = (double) d.times[d.n - 1];
          pm_decimate_visible (d.times, d.n, t0, t1, &first, &end);
          g_assert_true (pm_lod_range (d.lods[s], first, end, log_y, &lo, &hi));
          pm_axis_map_init (&xmap, t0, t1, 0, w, FALSE);
          pm_axis_map_init (&ymap, log_y ? lo / 2 : lo, hi * 1.1, h, 0, log_y);

          memset (raw, 0, (gsize) stride * h);
          memset (via, 0, (gsize) stride * h);
          _pm_raster_init (&raster, raw, w, h, stride);
          _pm_raster_series (&raster, d.times, d.values[s], first, end, &xmap, &ymap, 1.5,
                             PM_LINE_STYLE_SOLID, &color);
          _pm_raster_init (&raster, via, w, h, stride);
          _pm_raster_series_lod (&raster, d.times, d.values[s], d.lods[s], first, end, &xmap,
                                 &ymap, 1.5, PM_LINE_STYLE_SOLID, &color);
          g_assert_cmpmem (raw, (gsize) stride * h, via, (gsize) stride * h);
        }
  _pm_raster_clear (&raster);
  data_clear (&d);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-lod/same-pixels", test_same_pixels);
  g_test_add_func ("/chart-lod/raster-any-density", test_raster_any_density);

  return g_test_run ();
}
