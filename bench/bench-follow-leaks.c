/* bench-follow-leaks.c: the leak finder's CPU while following
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leak finder judges the whole history at each run, so while following
 * its runs are spaced by PmFollowSchedule (docs/follow.md, "How often the
 * leak finder runs"). This follows a simulated sampler writing --rate
 * snapshots a second for --seconds against the 3,000 × 2,880 benchmark
 * dataset (pm-generate's bench preset, built in memory): the clock is
 * simulated between snapshots, but every run the schedule starts is a real
 * pm_leak_analyse() over the dataset, and the clock moves on by the wall
 * time it really took (snapshots arriving meanwhile are judged by the next
 * run). The history stays at 2,880 snapshots (the runs' cost is that of the
 * history given). Prints the runs, their CPU amortised per followed
 * snapshot, the finder's share of the time and of the machine, and the same
 * projected for longer histories (the run's cost scaled with the history,
 * the schedule simulated alone). Exits 1 when the share of the time passes
 * 1 / (K + 1) by more than the rounding of one run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "poolstats.h"
#include "pm-gen-model.h"
#include "pm-gen-image.h"

static int n_tags = 3000;
static int n_snapshots = 2880;
static int interval = 60;
static double rate = 1.0;
static int seconds = 300;
static int leak_interval_ms = 2000;

static const GOptionEntry entries[] = {
  { "tags", 0, 0, G_OPTION_ARG_INT, &n_tags, "Tags (3000)", "N" },
  { "snapshots", 0, 0, G_OPTION_ARG_INT, &n_snapshots, "Snapshots of history (2880)", "N" },
  { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, "Snapshots a second while following (1)", "R" },
  { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Seconds of following, simulated (300)", "S" },
  { "leak-interval", 0, 0, G_OPTION_ARG_INT, &leak_interval_ms,
    "The schedule's least interval, ms (2000, the viewer's)", "MS" },
  { NULL }
};

static gint64
cpu_us (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * G_USEC_PER_SEC
         + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

/* The schedule alone, runs of @cost µs wall (@cpu µs CPU) over @duration µs
 * of following at --rate: the share of the time in runs, and the CPU per
 * snapshot. The same loop as main()'s, with the runs' cost given. */
static void
simulate (gint64  cost,
          gint64  cpu,
          gint64  duration,
          double *share,
          double *cpu_per_snapshot)
{
  PmFollowSchedule s;
  gint64 step = (gint64) (G_USEC_PER_SEC / rate), now = 0, busy = 0;
  guint64 n = 0, runs = 0;

  pm_follow_schedule_init (&s, (gint64) leak_interval_ms * 1000);
  for (gint64 next = 0; now < duration;)
    {
      gint64 wait;

      while (next <= now)
        {
          n++;
          pm_follow_schedule_data_came (&s);
          next += step;
        }
      wait = pm_follow_schedule_wait (&s, now);
      if (wait == 0)
        {
          pm_follow_schedule_started (&s);
          busy += cost;
          runs++;
          now += cost;
          pm_follow_schedule_finished (&s, now, cost);
        }
      else
        now = wait > 0 ? MIN (now + wait, next) : next;
    }
  *share = (double) busy / now;
  *cpu_per_snapshot = (double) runs * cpu / n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- the leak finder while following");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) dataset = NULL;
  PmFollowSchedule s;
  PmLeakOptions options;
  gint64 now = 0, end, step, busy = 0, cpu_total = 0, worst = 0;
  guint64 n_followed = 0, n_runs = 0;
  guint n_cpus = g_get_num_processors ();
  static const int days[] = { 1, 7, 30 };
  double share;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rate <= 0 || seconds < 1)
    {
      fprintf (stderr, "bench-follow-leaks: %s\n",
               error ? error->message : "--rate and --seconds must be positive");
      return 2;
    }

  {
    g_autoptr(PmGenModel) model = pm_gen_model_new (n_tags, n_snapshots, interval, 3);

    dataset = pm_gen_build_dataset (model, n_snapshots, 1626134400, -7 * 3600, interval);
  }
  pm_leak_options_init (&options);
  pm_follow_schedule_init (&s, (gint64) leak_interval_ms * 1000);
  step = (gint64) (G_USEC_PER_SEC / rate);
  end = (gint64) seconds * G_USEC_PER_SEC;

  /* The simulated sampler: a snapshot every step; a run when the
   * schedule says, which moves the clock on by what it really took. */
  for (gint64 next = 0; now < end;)
    {
      gint64 wait;

      while (next <= now)
        {
          n_followed++;
          pm_follow_schedule_data_came (&s);
          next += step;
        }
      wait = pm_follow_schedule_wait (&s, now);
      if (wait == 0)
        {
          gint64 t0 = g_get_monotonic_time (), c0 = cpu_us (), took;
          g_autoptr(PmLeakResult) result = NULL;

          pm_follow_schedule_started (&s);
          result = pm_leak_analyse (dataset, &options, NULL, &error);
          g_assert_no_error (error);
          took = g_get_monotonic_time () - t0;
          cpu_total += cpu_us () - c0;
          worst = MAX (worst, took);
          busy += took;
          n_runs++;
          now += took;
          pm_follow_schedule_finished (&s, now, took);
        }
      else
        now = wait > 0 ? MIN (now + wait, next) : next;
    }

  share = (double) busy / now;
  printf ("leak finder while following %d tags x %d snapshots at %.3g snapshots/s for %d s "
          "(simulated clock, real runs; K = %d, interval %d ms, %u CPUs):\n"
          "  %" G_GUINT64_FORMAT " runs for %" G_GUINT64_FORMAT " snapshots; a run: %.1f ms wall, "
          "%.1f ms CPU on average (longest %.1f ms)\n"
          "  CPU per followed snapshot, amortised: %.1f ms; the finder's share of the time %.1f %%, "
          "of the machine %.1f %% (bound: %.1f %% of the time once K x a run passes the interval)\n",
          n_tags, n_snapshots, rate, seconds, PM_FOLLOW_SCHEDULE_FACTOR, leak_interval_ms, n_cpus,
          n_runs, n_followed, busy / 1000.0 / MAX (n_runs, 1), cpu_total / 1000.0 / MAX (n_runs, 1),
          worst / 1000.0, cpu_total / 1000.0 / MAX (n_followed, 1), 100 * share,
          100.0 * cpu_total / now / n_cpus, 100.0 / (PM_FOLLOW_SCHEDULE_FACTOR + 1));

  /* Longer histories: the run's cost scaled with the snapshots (it reads
   * every series), the schedule simulated alone over a day. */
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      double factor = days[i] * 86400.0 * rate / n_snapshots;
      gint64 cost = (gint64) (busy / (double) MAX (n_runs, 1) * factor);
      gint64 cpu = (gint64) (cpu_total / (double) MAX (n_runs, 1) * factor);
      double sim_share, per_snapshot;

      if (factor <= 1)
        continue;
      simulate (cost, cpu, (gint64) 86400 * G_USEC_PER_SEC, &sim_share, &per_snapshot);
      printf ("  projected after %d day%s at %.3g snapshots/s (%.0f snapshots, a run %.1f s): "
              "share of the time %.1f %%, CPU per snapshot %.1f ms, of the machine %.1f %%\n",
              days[i], days[i] == 1 ? "" : "s", rate, days[i] * 86400.0 * rate,
              cost / 1e6, 100 * sim_share, per_snapshot / 1000.0,
              100 * per_snapshot * rate / G_USEC_PER_SEC / n_cpus);
    }

  /* The last run may end past the bound by its own length over the whole. */
  return share <= 1.0 / (PM_FOLLOW_SCHEDULE_FACTOR + 1) + (double) worst / now ? 0 : 1;
}
