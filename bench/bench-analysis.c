/* bench-analysis.c: the speed goals of the analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On 3,000 tags x 2,880 snapshots (built with PmDatasetBuilder, so load time
 * does not count; or a folder with --folder):
 *   - all four rankings (the tag table and pm_rank()) in at most 50 ms;
 *   - the all-tags Pearson matrix (3,001 x 3,001) in at most 1.1 x the time
 *     numpy.corrcoef takes on the same series, measured in the same run;
 *   - peak extra memory for the matrix no more than the matrix plus one copy
 *     of the series;
 * and, for the viewer, the clustered order of that matrix.
 * Prints one line per figure; exits 1 when a goal is missed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <sys/resource.h>
#endif

#include "bench-common.h"
#include "poolstats.h"
#include "pm-corr-private.h"
#include "pm-dataset-private.h"
#include "pm-store-private.h"

static int n_tags = 3000;
static int n_snapshots = 2880;
static int runs = 5;
static char *folder;
static char *python;
static char *numpy_script;
static gboolean no_numpy;
static char *image;
static char *generator;
static gboolean no_corr;
static gboolean month;

static const GOptionEntry entries[] = {
  { "tags", 0, 0, G_OPTION_ARG_INT, &n_tags, "Tags in the built dataset (3000)", "N" },
  { "snapshots", 0, 0, G_OPTION_ARG_INT, &n_snapshots, "Snapshots (2880)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of the matrix, numpy's too (5)", "N" },
  { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, "Load this folder instead of building", "DIR" },
  { "python", 0, 0, G_OPTION_ARG_FILENAME, &python, "A python3 with numpy", "PATH" },
  { "numpy-script", 0, 0, G_OPTION_ARG_FILENAME, &numpy_script, "numpy-corrcoef.py", "PATH" },
  { "no-numpy", 0, 0, G_OPTION_ARG_NONE, &no_numpy, "Skip the numpy yardstick", NULL },
  { "image", 0, 0, G_OPTION_ARG_FILENAME, &image,
    "Open this dataset image of the store instead (made with pm-generate --image when missing)", "FILE" },
  { "generator", 0, 0, G_OPTION_ARG_FILENAME, &generator, "pm-generate, to make a missing image", "PATH" },
  { "no-corr", 0, 0, G_OPTION_ARG_NONE, &no_corr, "Stop after the rankings", NULL },
  { "month", 0, 0, G_OPTION_ARG_NONE, &month,
    "--image $PM_MONTH_IMAGE (else /tmp/pm-month-3000x43200.image) --snapshots 43200", NULL },
  { NULL }
};

static guint64 rng = 0x9e3779b97f4a7c15ULL;

static double
uniform (void)
{
  return bench_uniform (&rng);
}

/* Tags of every kind a real machine shows: big and steady, small and
 * noisy, slowly leaking, appearing late, some constant. */
static PmDataset *
build_dataset (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autofree double *level = g_new (double, n_tags);
  g_autofree double *drift = g_new (double, n_tags);
  g_autofree double *noise = g_new (double, n_tags);
  g_autofree guint *born = g_new (guint, n_tags);
  g_autofree char *names = g_malloc0 ((gsize) n_tags * 8);

  for (int i = 0; i < n_tags; i++)
    {
      level[i] = exp (8 + 10 * uniform ());
      drift[i] = (uniform () < 0.05) ? level[i] * 1e-4 * uniform () : 0;
      noise[i] = (i % 50 == 7) ? 0 : level[i] * 0.02 * uniform ();
      born[i] = (uniform () < 0.03) ? (guint) (uniform () * n_snapshots) : 0;
      g_snprintf (names + (gsize) i * 8, 8, "%c%c%02x", 'A' + i % 26, 'a' + (i / 26) % 26, i / 676);
    }

  for (int s = 0; s < n_snapshots; s++)
    {
      gint64 t = 1626134400 + (gint64) s * 60;
      guint handle = pm_dataset_builder_add_snapshot (builder, t, t - 7 * 3600);

      for (int i = 0; i < n_tags; i++)
        {
          PmRowValues row = { 0 };
          double v;

          if ((guint) s < born[i])
            continue;
          level[i] += drift[i] + noise[i] * (uniform () - 0.5);
          v = MAX (level[i], 0);
          row.paged_used = (gint64) (v * 0.6);
          row.non_paged_used = (gint64) (v * 0.4);
          row.paged_diff = (guint32) (v / 700);
          row.non_paged_diff = (guint32) (v / 1100);
          row.have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF |
                     PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED;
          pm_dataset_builder_add_row (builder, handle, names + (gsize) i * 8, &row);
        }
    }

  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

/* VmRSS and VmHWM in bytes, from /proc (Linux only; 0 elsewhere). */
static gint64
proc_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, key);
  if (line == NULL)
    return 0;
  return g_ascii_strtoll (line + strlen (key) + 1, NULL, 10) * 1024;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
}

static gboolean
reset_peak_rss (void)
{
  /* Linux >= 4.0: writing 5 resets VmHWM to the current RSS. */
  return g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

/* The series numpy reads: every tag and TOTAL, row-major float64. */
static char *
write_series (PmDataset *dataset,
              PmMetric   metric)
{
  guint n = pm_dataset_get_n_tags (dataset) + 1;
  guint m = pm_dataset_get_n_snapshots (dataset);
  g_autofree double *row = g_new (double, m);
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  FILE *f;
  int fd;

  fd = g_file_open_tmp ("pm-bench-XXXXXX.f64", &path, &error);
  if (fd < 0)
    {
      g_printerr ("numpy: %s\n", error->message);
      return NULL;
    }
  f = fdopen (fd, "wb");
  for (guint t = 0; t < n; t++)
    {
      pm_dataset_copy_series_double (dataset, metric, t, 0, m, row);
      fwrite (row, sizeof (double), m, f);
    }
  fclose (f);

  return path;
}

/* The load average, for the record: the machine may be shared. */
static void
print_load (const char *when)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    printf ("load average %s: %s", when, load);
}

/* One numpy.corrcoef run, in its own process. Returns its time in seconds
 * (NaN when numpy could not run), its CPU seconds in @cpu, and prints its
 * report line once. */
static double
run_numpy (const char *path,
           guint       n,
           guint       m,
           gboolean    report,
           double     *cpu)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *rows = g_strdup_printf ("%u", n);
  g_autofree char *cols = g_strdup_printf ("%u", m);
  g_autoptr(GError) error = NULL;
  const char *py = python;
  const char *p;
  int status;

  if (py == NULL)
    py = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";

  {
    const char *argv[] = { py, numpy_script, path, rows, cols, "1", NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                       &out, &err, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("numpy: %s\n%s", error->message, err ? err : "");
        return NAN;
      }
  }

  if (report)
    fputs (out, stdout);
  p = strstr (out, "cpu ");
  *cpu = p != NULL ? g_ascii_strtod (p + 4, NULL) : NAN;
  p = strstr (out, "min ");
  return p != NULL ? g_ascii_strtod (p + 4, NULL) : NAN;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- speed of rankings and correlation");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) dataset = NULL;
  g_autoptr(PmCorrMatrix) matrix = NULL;
  g_autofree double *t_rank = NULL;
  g_autofree double *t_corr = NULL;
  g_autofree double *t_numpy = NULL;
  g_autofree double *cpu_corr = NULL;
  g_autofree double *cpu_numpy = NULL;
  g_autofree char *series_path = NULL;
  g_autofree guint *order = NULL;
  PmMetric metric = PM_METRIC_TOTAL_USED_BYTES;
  PmCorrOptions options;
  gint64 t0, rss_before, peak;
  double rank_cpu, rank_goal;
  double rank_median, corr_min, corr_median, numpy_min, numpy_median;
  guint n, m;
  gboolean ok = TRUE;
  const int rank_runs = 21;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (month)
    {
      const char *env = g_getenv ("PM_MONTH_IMAGE");

      g_free (image);
      image = g_strdup (env != NULL ? env : "/tmp/pm-month-3000x43200.image");
      n_snapshots = 43200;
    }
  if (numpy_script == NULL && argc > 1)
    numpy_script = g_strdup (argv[1]);

  t0 = g_get_monotonic_time ();
  if (image != NULL)
    {
      guint8 key[PM_STORE_IMAGE_KEY_SIZE] = { 0 };
      gint64 rss0;
      double cpu0;
      double cells;

      if (!g_file_test (image, G_FILE_TEST_EXISTS))
        {
          g_autofree char *snapshots = g_strdup_printf ("%d", n_snapshots);
          g_autofree char *tags = g_strdup_printf ("%d", n_tags);
          const char *gen_argv[] = { generator, "--preset", "bench", "--tags", tags,
                                     "--snapshots", snapshots, "--image", image, NULL };
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
      /* Read it once for the page cache, then time the reopen. */
      g_clear_object (&dataset);
      dataset = _pm_store_image_load (image, key);
      g_clear_object (&dataset);
      rss0 = proc_status_kb ("VmRSS:");
      cpu0 = bench_cpu_seconds ();
      t0 = g_get_monotonic_time ();
      dataset = _pm_store_image_load (image, key);
      if (dataset == NULL)
        {
          g_printerr ("%s is not a sound dataset image\n", image);
          return 2;
        }
      cells = (double) pm_dataset_get_n_tags (dataset) * pm_dataset_get_n_snapshots (dataset);
      printf ("reopen to data from the image: %.3f s, CPU %.3f s (goal <= 1.5 s)\n",
              (g_get_monotonic_time () - t0) / 1e6, bench_cpu_seconds () - cpu0);
      printf ("dataset memory: numbers %.1f MiB (%.2f bytes per tag and snapshot), RSS grew "
              "%.1f MiB (goal <= 520 MB)\n",
              _pm_dataset_get_storage_size (dataset) / 1048576.0,
              _pm_dataset_get_storage_size (dataset) / cells,
              (proc_status_kb ("VmRSS:") - rss0) / 1048576.0);
    }
  else if (folder != NULL)
    {
      const char *paths[] = { folder, NULL };

      dataset = pm_dataset_load (paths, NULL, &error);
      if (dataset == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
    }
  else
    dataset = build_dataset ();
  n = pm_dataset_get_n_tags (dataset) + 1;
  m = pm_dataset_get_n_snapshots (dataset);
  printf ("dataset: %u tags + TOTAL x %u snapshots (%s in %.1f s), BLAS: %s, kernel: %s, %u cores\n",
          n - 1, m, image ? "image read" : folder ? "loaded" : "built", (g_get_monotonic_time () - t0) / 1e6,
          pm_corr_have_blas () ? "yes" : "no",
          _pm_corr_gram_kernel () ? _pm_corr_gram_kernel () : "older path (whole series)",
          g_get_num_processors ());
  print_load ("before");

  /* 1. All four rankings: the table of figures, then the rankings. */
  t_rank = g_new (double, rank_runs);
  rank_cpu = bench_cpu_seconds ();
  for (int i = 0; i < rank_runs; i++)
    {
      g_autoptr(PmTagTable) table = NULL;
      g_autoptr(PmRankResult) result = NULL;

      t0 = g_get_monotonic_time ();
      table = pm_tag_table_new (dataset, metric, 0, G_MAXUINT, NULL);
      result = pm_rank (table, NULL);
      t_rank[i] = (g_get_monotonic_time () - t0) / 1e3;
    }
  rank_cpu = (bench_cpu_seconds () - rank_cpu) / rank_runs;
  rank_median = bench_median (t_rank, rank_runs);
  /* The goal: 50 ms on two days of snapshots, 500 ms on a month. */
  rank_goal = m > 2880 ? 500 : 50;
  printf ("rank-all-four: min %.2f ms median %.2f ms, CPU %.2f ms a run (goal <= %.0f ms) %s\n",
          t_rank[0], rank_median, rank_cpu * 1e3, rank_goal,
          rank_median <= rank_goal ? "OK" : "MISSED");
  ok = ok && rank_median <= rank_goal;

  if (no_corr)
    return ok ? 0 : 1;

  /* 2. The all-tags matrix and numpy on the same series, run in turn (numpy
   * first every other run) so that whatever else the machine does weighs on
   * both alike; wall and CPU time of each. */
  pm_corr_options_init (&options, metric);
  t_corr = g_new (double, runs);
  t_numpy = g_new (double, runs);
  cpu_corr = g_new (double, runs);
  cpu_numpy = g_new (double, runs);
  if (!no_numpy && numpy_script != NULL)
    series_path = write_series (dataset, metric);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(PmCorrMatrix) r = NULL;
      double cpu0;

      t_numpy[i] = cpu_numpy[i] = NAN;
      if (series_path != NULL && i % 2 == 1)
        t_numpy[i] = run_numpy (series_path, n, m, FALSE, &cpu_numpy[i]);
      if (i == runs - 1)
        {
          /* The last run measures memory: peak RSS during it, less the RSS
           * before (the dataset). */
          g_clear_pointer (&matrix, pm_corr_matrix_unref);
          reset_peak_rss ();
        }
      rss_before = proc_status_kb ("VmRSS:");
      cpu0 = bench_cpu_seconds ();
      t0 = g_get_monotonic_time ();
      r = pm_corr_compute (dataset, &options, NULL, NULL, NULL, NULL);
      t_corr[i] = (g_get_monotonic_time () - t0) / 1e6;
      cpu_corr[i] = bench_cpu_seconds () - cpu0;
      if (i == runs - 1)
        {
          double mb = 1024.0 * 1024.0;
          double matrix_mb = (double) n * n * sizeof (double) / mb;
          double series_mb = (double) n * m * sizeof (double) / mb;

          peak = proc_status_kb ("VmHWM:");
          printf ("corr-memory: peak extra %.1f MiB (goal <= matrix %.1f + series %.1f = %.1f MiB) %s\n",
                  (peak - rss_before) / mb, matrix_mb, series_mb, matrix_mb + series_mb,
                  (peak - rss_before) / mb <= matrix_mb + series_mb ? "OK" : "MISSED");
          ok = ok && (peak - rss_before) / mb <= matrix_mb + series_mb;
          matrix = g_steal_pointer (&r);
        }
      g_clear_pointer (&r, pm_corr_matrix_unref);
      if (series_path != NULL && i % 2 == 0)
        t_numpy[i] = run_numpy (series_path, n, m, i == 0, &cpu_numpy[i]);
      printf ("  run %d: poolstats %.4f s (CPU %.2f s), numpy %.4f s (CPU %.2f s)%s\n", i + 1,
              t_corr[i], cpu_corr[i], t_numpy[i], cpu_numpy[i], i % 2 ? ", numpy first" : "");
      fflush (stdout);
    }
  if (series_path != NULL)
    g_unlink (series_path);

  corr_median = bench_median (t_corr, runs);
  corr_min = t_corr[0];
  printf ("corr-all-tags %ux%u over %u: min %.4f s median %.4f s\n", n, n, m, corr_min, corr_median);

  if (series_path != NULL && !isnan (t_numpy[0]))
    {
      numpy_median = bench_median (t_numpy, runs);
      numpy_min = t_numpy[0];
      printf ("numpy-corrcoef: min %.4f s median %.4f s\n", numpy_min, numpy_median);
      printf ("corr/numpy: min/min %.3f, median/median %.3f (goal <= 1.1) %s\n",
              corr_min / numpy_min, corr_median / numpy_median,
              corr_min <= 1.1 * numpy_min ? "OK" : "MISSED");
      printf ("corr/numpy CPU: median/median %.3f (poolstats %.2f s, numpy %.2f s)\n",
              bench_median (cpu_corr, runs) / bench_median (cpu_numpy, runs),
              bench_median (cpu_corr, runs), bench_median (cpu_numpy, runs));
      print_load ("after");
      ok = ok && corr_min <= 1.1 * numpy_min;
    }

  /* The viewer's way: with a GCancellable and progress, the product runs in
   * panels that can be cancelled between them. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree double *t_panels = g_new (double, runs);
    double med;

    for (int i = 0; i < runs; i++)
      {
        g_autoptr(PmCorrMatrix) r = NULL;

        t0 = g_get_monotonic_time ();
        r = pm_corr_compute (dataset, &options, progress_cb, NULL, cancellable, NULL);
        t_panels[i] = (g_get_monotonic_time () - t0) / 1e6;
      }
    med = bench_median (t_panels, runs);
    printf ("corr-all-tags, cancellable, with progress (panels): min %.4f s median %.4f s\n",
            t_panels[0], med);
  }

  /* 3. Increments, and the clustered order for the viewer. */
  options.increments = TRUE;
  t0 = g_get_monotonic_time ();
  g_clear_pointer (&matrix, pm_corr_matrix_unref);
  matrix = pm_corr_compute (dataset, &options, NULL, NULL, NULL, NULL);
  printf ("corr-all-tags-increments: %.4f s\n", (g_get_monotonic_time () - t0) / 1e6);

  t0 = g_get_monotonic_time ();
  order = pm_cluster_order (matrix, NULL, NULL);
  printf ("cluster-order %u tags: %.1f ms\n", n, (g_get_monotonic_time () - t0) / 1e3);

  g_free (folder);
  g_free (python);
  g_free (numpy_script);
  return ok ? 0 : 1;
}
