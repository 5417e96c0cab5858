/* bench-chart.c: how long one chart frame takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The goal: 25 series x 43,200 points (a month at one snapshot a
 * minute) drawn at 1600x900 into a Cairo image surface in at most 8 ms
 * (median). matplotlib needs 274 ms for the same. The data is generated
 * here, deterministically, in the shapes pool tags have: slow leaks,
 * sawtooth caches, steps, noise and one-sample spikes.
 *
 * --recording draws as the viewer's widget does: into a recording surface
 * (what gtk_snapshot_append_cairo() hands out), replayed onto an image
 * (what GSK's renderer then does); the time covers both.
 *
 *   bench-chart [--frames N] [--points N] [--series N] [--recording] [--png FILE]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "pmchart.h"

typedef struct
{
  gint64  *times;
  double **values;
  guint    n_series;
  gsize    n_points;
} Data;

/* xorshift64*: the same numbers on every machine. */
static guint64
next_random (guint64 *state)
{
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return *state * 2685821657736338717ULL;
}

static double
uniform (guint64 *state)
{
  return (next_random (state) >> 11) * (1.0 / 9007199254740992.0);
}

static void
data_generate (Data  *data,
               guint  n_series,
               gsize  n_points)
{
  guint64 state = 0x9E3779B97F4A7C15ULL;
  const gint64 start = 1626134400; /* 2021-07-13 00:00:00 */

  data->n_series = n_series;
  data->n_points = n_points;
  data->times = g_new (gint64, n_points);
  data->values = g_new0 (double *, n_series);

  for (gsize i = 0; i < n_points; i++)
    data->times[i] = start + 60 * (gint64) i;

  for (guint s = 0; s < n_series; s++)
    {
      double *v = data->values[s] = g_new (double, n_points);
      double base = 2e6 * (1 + s % 7) * (1 + uniform (&state) * 4);
      double leak = (s % 3 == 0) ? base * (0.5 + uniform (&state)) / n_points : 0;
      double period = 300 + uniform (&state) * 3000;
      double level = base;

      for (gsize i = 0; i < n_points; i++)
        {
          double noise = (uniform (&state) - 0.5) * base * 0.04;

          switch (s % 4)
            {
            case 0: /* a leak: steady growth */
              level = base + leak * i;
              break;
            case 1: /* a cache: fills, then is trimmed */
              level = base * (0.6 + 0.4 * fmod (i, period) / period);
              break;
            case 2: /* steps when a driver loads or unloads */
              if (uniform (&state) < 0.0005)
                level = base * (0.5 + uniform (&state));
              break;
            default: /* daily rhythm */
              level = base * (1 + 0.3 * sin (2 * G_PI * i / 1440.0));
              break;
            }

          v[i] = level + noise;
          /* A rare one-sample spike: decimation must keep it. */
          if (uniform (&state) < 0.0002)
            v[i] += base * 2;
        }
    }
}

static void
data_clear (Data *data)
{
  for (guint s = 0; s < data->n_series; s++)
    g_free (data->values[s]);
  g_free (data->values);
  g_free (data->times);
}

static void
draw_frame (PmChartRenderer    *renderer,
            cairo_t            *cr,
            int                 width,
            int                 height,
            const PmChartModel *model,
            const PmChartRange *range,
            gboolean            recording)
{
  cairo_rectangle_t extents = { 0, 0, width, height };
  cairo_surface_t *rec;
  cairo_t *rcr;

  if (!recording)
    {
      pm_chart_renderer_draw (renderer, cr, width, height, model, range);
      return;
    }

  rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  rcr = cairo_create (rec);
  pm_chart_renderer_draw (renderer, rcr, width, height, model, range);
  cairo_destroy (rcr);
  cairo_set_source_surface (cr, rec, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (rec);
}

int
main (int   argc,
      char *argv[])
{
  int frames = 200, n_series = 25, n_points = 43200, width = 1600, height = 900;
  g_autofree char *png = NULL;
  gboolean recording = FALSE;
  g_autofree PmChartSeries *series = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmChartRenderer) renderer = NULL;
  g_autofree double *times_ms = NULL;
  g_autofree double *overlay_ms = NULL;
  GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames to time", "N" },
    { "series", 0, 0, G_OPTION_ARG_INT, &n_series, "Series", "N" },
    { "points", 0, 0, G_OPTION_ARG_INT, &n_points, "Points per series", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height", "PX" },
    { "recording", 0, 0, G_OPTION_ARG_NONE, &recording, "Draw through a recording surface", NULL },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, "Also write the frame to FILE", "FILE" },
    { NULL }
  };
  cairo_surface_t *surface;
  PmChartModel model = { 0 };
  PmChartRange range;
  Data data;
  cairo_t *cr;

  context = g_option_context_new ("- time chart frames");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  frames = MAX (frames, 1);

  data_generate (&data, n_series, n_points);
  series = g_new0 (PmChartSeries, n_series);
  for (int s = 0; s < n_series; s++)
    {
      series[s].label = g_intern_string (((const char *[]) {
        "MmSt", "Ntfs", "FMfn", "File", "Thre", "Even", "Irp ", "CcSc", "Toke", "Vad ",
        "ObNm", "SeTl", "IoNm", "Pool", "Mdl ", "TcpE", "AfdE", "Proc", "Key ", "MiIo",
        "NtFs", "Wfp ", "Ndis", "Usbp", "Hal " })[s % 25]);
      series[s].times = data.times;
      series[s].values = data.values[s];
      series[s].n_points = data.n_points;
      series[s].visible = TRUE;
      pm_series_style_init_default (&series[s].style, s);
    }

  model.series = series;
  model.n_series = n_series;
  model.kind = PM_VALUE_KIND_BYTES;
  model.title = "TotalUsedBytes";
  model.y_label = "TotalUsedBytes";
  model.show_legend = TRUE;
  pm_chart_model_autoscale (&model, NAN, NAN, &range);

  renderer = pm_chart_renderer_new ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);

  /* One frame to warm caches (fonts, scratch buffers), as the window has. */
  draw_frame (renderer, cr, width, height, &model, &range, recording);
  if (png != NULL)
    cairo_surface_write_to_png (surface, png);

  times_ms = g_new (double, frames);
  for (int f = 0; f < frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();

      draw_frame (renderer, cr, width, height, &model, &range, recording);
      cairo_surface_flush (surface);
      times_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  qsort (times_ms, frames, sizeof (double), bench_compare_double);

  /* What a pointer motion costs over the cached frame: crosshair, dots
   * and the tooltip listing every series. */
  overlay_ms = g_new (double, frames);
  for (int f = 0; f < frames; f++)
    {
      PmChartOverlay overlay;
      PmRect plot;
      gint64 t0;

      pm_chart_renderer_get_plot_area (renderer, &plot);
      pm_chart_overlay_init (&overlay);
      overlay.hover_x = plot.x + plot.width * (f + 0.5) / frames;
      t0 = g_get_monotonic_time ();
      pm_chart_renderer_draw_overlay (renderer, cr, &model, &overlay);
      cairo_surface_flush (surface);
      overlay_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (overlay_ms, frames, sizeof (double), bench_compare_double);
  printf ("chart frame%s: %d series x %d points at %dx%d, %d frames: "
          "median %.2f ms, min %.2f ms, p90 %.2f ms (goal: median <= 8 ms); "
          "hover overlay median %.3f ms\n",
          recording ? " (recording surface, replayed)" : "",
          n_series, n_points, width, height, frames,
          times_ms[frames / 2], times_ms[0], times_ms[frames * 9 / 10], overlay_ms[frames / 2]);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  data_clear (&data);

  return 0;
}
