/* bench-leaks.c: the leak finder's speed goal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every tag of the 3,000 × 2,880 benchmark dataset judged (both metrics,
 * peers included) in at most 300 ms on two cores, after the load, with
 * memory beyond the dataset in O(tags). The dataset is the bench folder's
 * (pm-generate's bench preset, or with --scenario the `leaks` scenario at
 * the same size) built in memory with PmDatasetBuilder, so that no 2 GB
 * of CSV is needed. Prints the median and best of the runs and the growth
 * of the peak RSS; exits 1 when the median misses the goal.
 *
 * With --all-leak, the worst case of the rule for leaks that wiggle alike
 * (pm-leak-shared.c, docs/leaks.md): every tag climbs through one boot,
 * half of them also on one smooth workload, so that the pass compares
 * each of the leaks with every tag that climbed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench-common.h"
#include "poolstats.h"
#include "pm-gen-model.h"
#include "pm-gen-rows.h"
#include "pm-gen-leaks.h"

static int n_tags = 3000;
static int n_snapshots = 2880;
static int interval = 60;
static int runs = 5;
static int threads = 2;
static gboolean scenario;
static gboolean all_leak;
static double goal_ms = 300;

static const GOptionEntry entries[] = {
  { "tags", 0, 0, G_OPTION_ARG_INT, &n_tags, "Tags (3000)", "N" },
  { "snapshots", 0, 0, G_OPTION_ARG_INT, &n_snapshots, "Snapshots (2880)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs (5)", "N" },
  { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Worker threads (2)", "N" },
  { "scenario", 0, 0, G_OPTION_ARG_NONE, &scenario, "The leaks scenario instead of the bench preset", NULL },
  { "all-leak", 0, 0, G_OPTION_ARG_NONE, &all_leak, "Every tag leaks, half of them on one workload", NULL },
  { "goal", 0, 0, G_OPTION_ARG_DOUBLE, &goal_ms, "Goal for the median, ms (300)", "MS" },
  { NULL }
};

/* Every tag climbs by 30 % of its level over the run in white noise of
 * 0.3 % of it; the even ones also follow a day's workload (a sine near its
 * rising zero crossing with a slow wander, 20 % of the level). */
static PmDataset *
build_all_leak (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autofree double *load = g_new (double, n_snapshots);
  g_autofree double *level = g_new (double, n_tags);
  g_autofree char **names = g_new0 (char *, n_tags + 1);
  double wander = 0;

  for (int s = 0; s < n_snapshots; s++)
    {
      wander += bench_normal (rand);
      load[s] = sin (2 * G_PI * s * interval / 86400.0 - 0.3) + 0.1 * wander / sqrt (n_snapshots);
    }
  for (int i = 0; i < n_tags; i++)
    {
      level[i] = g_rand_double_range (rand, 1000, 50000);
      names[i] = g_strdup_printf ("L%03X", i);
    }
  for (int s = 0; s < n_snapshots; s++)
    {
      gint64 t = 1626134400 + (gint64) s * interval;
      guint snap = pm_dataset_builder_add_snapshot (builder, t, t);

      for (int i = 0; i < n_tags; i++)
        {
          double o = level[i] * (1 + 0.3 * s / n_snapshots + (i % 2 == 0 ? 0.2 * load[s] : 0))
                     + 0.003 * level[i] * bench_normal (rand);
          guint32 diff = (guint32) MAX (o, 0);
          PmRowValues v = {
            .paged_diff = diff,
            .paged_used = (gint64) diff * 64,
            .allocs = 100000 + (guint32) s * 20000 + diff,
            .have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_ALLOCS,
          };

          pm_dataset_builder_add_row (builder, snap, names[i], &v);
        }
    }
  g_strfreev (g_steal_pointer (&names));
  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

static PmDataset *
build_dataset (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmGenModel) model = scenario
    ? pm_gen_model_new_leaks (n_tags, n_snapshots, interval, 3)
    : pm_gen_model_new (n_tags, n_snapshots, interval, 3);

  for (int s = 0; s < n_snapshots; s++)
    {
      gint64 t = 1626134400 + (gint64) s * interval;
      guint snap;

      if (s > 0)
        pm_gen_model_advance (model);
      snap = pm_dataset_builder_add_snapshot (builder, t, t - 7 * 3600);
      for (int i = 0; i < n_tags; i++)
        {
          PmGenRow row;
          PmRowValues v = { 0 };

          if (!pm_gen_model_get_row (model, i, &row))
            continue;
          pm_gen_row_to_values (&row, &v);
          pm_dataset_builder_add_row (builder, snap, pm_gen_model_get_tag (model, i), &v);
        }
    }
  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

static double
cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3
         + ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
}

/* The resident memory now, from /proc (0 elsewhere). */
static double
rss_mib (void)
{
  g_autofree char *text = NULL;
  long pages = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &text, NULL, NULL))
    sscanf (text, "%ld %ld", &pages, &resident);
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static long
peak_rss_kib (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the leak finder");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) dataset = NULL;
  g_autofree double *ms = NULL;
  g_autofree double *cpu = NULL;
  double rss_held = 0, rss_base;
  PmLeakOptions options;
  long rss_before, rss_after;
  guint n_leak = 0, n_suspect = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      fprintf (stderr, "bench-leaks: %s\n", error ? error->message : "--runs must be at least 1");
      return 2;
    }

  dataset = all_leak ? build_all_leak () : build_dataset ();
  pm_leak_options_init (&options);
  options.n_threads = (guint) threads;
  ms = g_new (double, runs);
  cpu = g_new (double, runs);
  rss_before = peak_rss_kib ();
  rss_base = rss_mib ();
  for (int r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_ms ();
      g_autoptr(PmLeakResult) result = pm_leak_analyse (dataset, &options, NULL, &error);

      g_assert_no_error (error);
      ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[r] = cpu_ms () - c0;
      rss_held = MAX (rss_held, rss_mib () - rss_base);
      n_leak = pm_leak_result_count (result, PM_LEAK_VERDICT_LEAK);
      n_suspect = pm_leak_result_count (result, PM_LEAK_VERDICT_SUSPECT);
    }
  rss_after = peak_rss_kib ();
  qsort (ms, runs, sizeof (double), compare_double);
  qsort (cpu, runs, sizeof (double), compare_double);

  printf ("leaks: %d tags x %d snapshots (%s), %d threads: median %.1f ms, best %.1f ms "
          "(goal <= %.0f ms), CPU median %.1f ms; resident +%.1f MiB while a result is held, "
          "peak RSS +%.1f MiB over the %.1f MiB after building; %u leaks, %u suspects\n",
          n_tags, n_snapshots, all_leak ? "every tag leaking" : scenario ? "leaks scenario" : "bench preset", threads,
          ms[runs / 2], ms[0], goal_ms, cpu[runs / 2], rss_held,
          (rss_after - rss_before) / 1024.0, rss_before / 1024.0, n_leak, n_suspect);
  return ms[runs / 2] <= goal_ms ? 0 : 1;
}
