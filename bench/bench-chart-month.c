/* bench-chart-month.c: chart frames over a generated month of 3,000 tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the dataset image that `pm-generate --image` writes (3,000 tags x
 * 43,200 one-minute snapshots, no CSV needed), decodes the drawn tags'
 * series as the viewer's session does, builds their levels of detail
 * (pm-lod.h) and times chart frames at 1600x900 into an image surface:
 * the whole month, two days and two hours zoomed in, each with and
 * without the levels, and for scale the same tags over the first two days
 * only. The goals: a frame over the month costs what a frame over two days
 * costs, at most 8 ms (median); the reopen to the first chart (image read,
 * series decoded, levels built, one frame) at most 1.5 s. --repeat 3 draws
 * the month three times end to end: three months.
 *
 *   bench-chart-month [--image FILE] [--generator PM-GENERATE] [--series N]
 *                     [--repeat K] [--frames N] [--png FILE]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"
#include "pmchart.h"
#include "poolstats.h"
#include "pm-store-private.h"

typedef struct
{
  PmChartRenderer *renderer;
  cairo_t         *cr;
  int              width;
  int              height;
  int              frames;
} Frame;

static double
time_frames (Frame              *f,
             const PmChartModel *model,
             double              t0,
             double              t1,
             double             *cpu_ms)
{
  g_autofree double *ms = g_new (double, f->frames);
  PmChartRange range;
  double cpu0;

  pm_chart_model_autoscale (model, t0, t1, &range);
  /* One frame to warm the caches, as the window has drawn before. */
  pm_chart_renderer_draw (f->renderer, f->cr, f->width, f->height, model, &range);

  cpu0 = bench_cpu_seconds ();
  for (int i = 0; i < f->frames; i++)
    {
      gint64 start = g_get_monotonic_time ();

      pm_chart_renderer_draw (f->renderer, f->cr, f->width, f->height, model, &range);
      cairo_surface_flush (cairo_get_target (f->cr));
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  *cpu_ms = (bench_cpu_seconds () - cpu0) * 1000 / f->frames;

  return bench_median (ms, f->frames);
}

static void
set_lods (PmChartSeries *series,
          guint          n,
          PmLod        **lods)
{
  for (guint i = 0; i < n; i++)
    series[i].lod = lods != NULL ? lods[i] : NULL;
}

static void
print_load (void)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    printf ("load average: %s", load);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *image = NULL;
  g_autofree char *generator = NULL;
  g_autofree char *png = NULL;
  int n_series = 25, repeat = 1, frames = 50;
  GOptionEntry entries[] = {
    { "image", 0, 0, G_OPTION_ARG_FILENAME, &image,
      "The month's dataset image ($PM_MONTH_IMAGE, else /tmp/pm-month-3000x43200.image)", "FILE" },
    { "generator", 0, 0, G_OPTION_ARG_FILENAME, &generator, "pm-generate, to make a missing image", "PATH" },
    { "series", 0, 0, G_OPTION_ARG_INT, &n_series, "Tags drawn (25)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Draw the month K times end to end (1)", "K" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames timed per case (50)", "N" },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, "Write the full-range frame to FILE", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- chart frames over a month");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) dataset = NULL;
  guint8 key[PM_STORE_IMAGE_KEY_SIZE] = { 0 };
  g_autofree gint64 *times = NULL;
  g_autofree PmChartSeries *series = NULL;
  g_autofree PmLod **lods = NULL;
  g_autofree double **values = NULL;
  PmChartModel model = { 0 };
  guint n_tags, n_snap;
  gsize n, lod_bytes = 0;
  gint64 t0, open_start;
  double open_cpu;
  double cpu0, a, b, day = 86400;
  double full_lod, full_raw, zoom_lod, zoom_raw, hours_lod, two_days;
  double c_full_lod, c_full_raw, c_zoom_lod, c_zoom_raw, c_hours_lod, c_two_days;
  cairo_surface_t *surface;
  Frame f = { .width = 1600, .height = 900 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_series = CLAMP (n_series, 1, 3000);
  repeat = CLAMP (repeat, 1, 12);
  f.frames = MAX (frames, 1);
  if (image == NULL)
    image = g_strdup (g_getenv ("PM_MONTH_IMAGE") != NULL ? g_getenv ("PM_MONTH_IMAGE")
                                                          : "/tmp/pm-month-3000x43200.image");

  print_load ();
  if (!g_file_test (image, G_FILE_TEST_EXISTS))
    {
      const char *gen_argv[] = { generator, "--preset", "bench", "--snapshots", "43200",
                                 "--image", image, NULL };
      int status = 1;

      if (generator == NULL)
        {
          g_printerr ("%s does not exist and no --generator was given\n", image);
          return 2;
        }
      printf ("generating %s ...\n", image);
      fflush (stdout);
      if (!g_spawn_sync (NULL, (char **) gen_argv, NULL, 0, NULL, NULL, NULL, NULL, &status,
                         &error) || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("pm-generate failed: %s\n", error->message);
          return 2;
        }
    }

  /* Read once for the page cache (a reopen follows a first open), then
   * time the reopen to the first chart: the image, the drawn tags'
   * series, their levels and one frame. */
  dataset = _pm_store_image_load (image, key);
  g_clear_object (&dataset);
  open_start = g_get_monotonic_time ();
  open_cpu = bench_cpu_seconds ();
  dataset = _pm_store_image_load (image, key);
  if (dataset == NULL)
    {
      g_printerr ("%s is not a sound dataset image\n", image);
      return 2;
    }
  printf ("image read in %.3f s (CPU %.3f s)\n", (g_get_monotonic_time () - open_start) / 1e6,
          bench_cpu_seconds () - open_cpu);
  n_tags = pm_dataset_get_n_tags (dataset);
  n_snap = pm_dataset_get_n_snapshots (dataset);
  n_series = MIN ((guint) n_series, n_tags);
  n = (gsize) n_snap * repeat;
  if (n_snap < 2)
    {
      g_printerr ("%s has too few snapshots\n", image);
      return 2;
    }

  /* The times, the month repeated after itself for --repeat. */
  times = g_new (gint64, n);
  {
    const gint64 *src = pm_dataset_get_times (dataset, PM_TIME_BASE_UTC);
    gint64 span = src[n_snap - 1] - src[0] + (src[1] - src[0]);

    for (int r = 0; r < repeat; r++)
      for (guint i = 0; i < n_snap; i++)
        times[(gsize) r * n_snap + i] = src[i] + r * span;
  }

  /* The series, as the session decodes them, then their levels. */
  values = g_new0 (double *, n_series);
  lods = g_new0 (PmLod *, n_series);
  series = g_new0 (PmChartSeries, n_series);
  t0 = g_get_monotonic_time ();
  for (int s = 0; s < n_series; s++)
    {
      guint tag = (guint) ((gsize) s * n_tags / n_series);

      values[s] = g_new (double, n);
      pm_dataset_copy_series_double (dataset, PM_METRIC_TOTAL_USED_BYTES, tag, 0, n_snap, values[s]);
      for (int r = 1; r < repeat; r++)
        memcpy (values[s] + (gsize) r * n_snap, values[s], n_snap * sizeof (double));
      series[s].label = pm_dataset_get_tag_name (dataset, tag);
      series[s].times = times;
      series[s].values = values[s];
      series[s].n_points = n;
      series[s].visible = TRUE;
      pm_series_style_init_default (&series[s].style, s);
    }
  printf ("%d tags of %u x %zu snapshots (%d x the month): decoded in %.1f ms\n",
          n_series, n_tags, n, repeat, (g_get_monotonic_time () - t0) / 1000.0);

  t0 = g_get_monotonic_time ();
  cpu0 = bench_cpu_seconds ();
  for (int s = 0; s < n_series; s++)
    {
      lods[s] = pm_lod_new (values[s], n);
      lod_bytes += pm_lod_get_memory (lods[s]);
    }
  printf ("levels of detail built in %.1f ms (CPU %.1f ms), %.1f MiB (%.2f bytes per sample)\n",
          (g_get_monotonic_time () - t0) / 1000.0, (bench_cpu_seconds () - cpu0) * 1000,
          lod_bytes / 1048576.0, (double) lod_bytes / ((double) n * n_series));

  model.series = series;
  model.n_series = n_series;
  model.kind = PM_VALUE_KIND_BYTES;
  model.title = "TotalUsedBytes";
  model.y_label = "TotalUsedBytes";
  model.show_legend = TRUE;

  f.renderer = pm_chart_renderer_new ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, f.width, f.height);
  f.cr = cairo_create (surface);

  a = (double) times[0];
  b = (double) times[n - 1];

  set_lods (series, n_series, lods);
  {
    PmChartRange range;

    pm_chart_model_autoscale (&model, a, b, &range);
    pm_chart_renderer_draw (f.renderer, f.cr, f.width, f.height, &model, &range);
    cairo_surface_flush (surface);
    printf ("reopen to the first chart: %.3f s, CPU %.3f s (goal <= 1.5 s)\n",
            (g_get_monotonic_time () - open_start) / 1e6, bench_cpu_seconds () - open_cpu);
  }

  set_lods (series, n_series, lods);
  full_lod = time_frames (&f, &model, a, b, &c_full_lod);
  if (png != NULL)
    cairo_surface_write_to_png (surface, png);
  zoom_lod = time_frames (&f, &model, a + (b - a) / 2, a + (b - a) / 2 + 2 * day, &c_zoom_lod);
  hours_lod = time_frames (&f, &model, a + (b - a) / 3, a + (b - a) / 3 + 7200, &c_hours_lod);

  set_lods (series, n_series, NULL);
  full_raw = time_frames (&f, &model, a, b, &c_full_raw);
  zoom_raw = time_frames (&f, &model, a + (b - a) / 2, a + (b - a) / 2 + 2 * day, &c_zoom_raw);

  /* For scale: the same tags over two days only (2,880 snapshots). */
  for (int s = 0; s < n_series; s++)
    series[s].n_points = MIN (n, 2880);
  two_days = time_frames (&f, &model, a, (double) times[MIN (n, 2880) - 1], &c_two_days);

  printf ("chart frame, %d series at %dx%d, median of %d (CPU per frame):\n", n_series, f.width,
          f.height, f.frames);
  printf ("  whole range (%zu snapshots), levels of detail: %.2f ms (%.2f) (goal <= 8 ms)\n", n,
          full_lod, c_full_lod);
  printf ("  whole range, from the samples:               %.2f ms (%.2f)\n", full_raw, c_full_raw);
  printf ("  two days zoomed in, levels of detail:        %.2f ms (%.2f) (goal <= 8 ms)\n",
          zoom_lod, c_zoom_lod);
  printf ("  two days zoomed in, from the samples:        %.2f ms (%.2f)\n", zoom_raw, c_zoom_raw);
  printf ("  two hours zoomed in, levels of detail:       %.2f ms (%.2f)\n", hours_lod, c_hours_lod);
  printf ("  a two-day dataset, whole range (scale):      %.2f ms (%.2f)\n", two_days, c_two_days);
  printf ("peak RSS %.0f MiB\n", bench_peak_rss_mib ());
  print_load ();

  cairo_destroy (f.cr);
  cairo_surface_destroy (surface);
  pm_chart_renderer_free (f.renderer);
  for (int s = 0; s < n_series; s++)
    {
      pm_lod_free (lods[s]);
      g_free (values[s]);
    }

  return 0;
}
