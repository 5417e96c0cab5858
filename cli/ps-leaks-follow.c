/* ps-leaks-follow.c: poolstats leaks DIR --follow — verdicts as they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder is followed (PmFollower) while the sampler writes into it. The
 * leak finder runs again when new snapshots came, one run at a time, as
 * PmFollowSchedule says: at most once per --leak-interval and at most a
 * tenth of the time (the next run waits nine times as long as the last one
 * took), so its share stays bounded however long the history grows. Each
 * tag whose verdict differs from the last run gets one line.
 * docs/follow.md describes it.
 */
#include "ps-leaks-follow.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#ifdef G_OS_UNIX
# include <glib-unix.h>
#endif

typedef struct
{
  PsAnalysis    *a;
  PsFollowArgs  *args;
  PmFollower    *follower;
  GMainLoop     *loop;
  GHashTable    *verdicts;      /* tag name -> PmLeakVerdict + 1 */
  PmDataset     *judged;        /* the dataset of the last run */
  PmFollowSchedule schedule;   /* when the next leak run may start */
  gint64        run_started;
  guint         run_id;
  guint         n_leaks;
  gboolean      stopping;
  char         *last_failure;
  int           status;
} Follow;

#ifndef G_OS_UNIX
static volatile sig_atomic_t interrupted;

static void
interrupt_handler (int signum)
{
  interrupted = 1;
}
#endif

static char *
format_rate (double rate)
{
  double v = fabs (rate);
  const char *unit = "";

  if (isnan (rate))
    return g_strdup ("-");
  if (v >= 1024.0 * 1024 * 1024)
    rate /= 1024.0 * 1024 * 1024, unit = " GiB";
  else if (v >= 1024.0 * 1024)
    rate /= 1024.0 * 1024, unit = " MiB";
  else if (v >= 1024.0)
    rate /= 1024.0, unit = " KiB";
  else
    unit = " B";
  return g_strdup_printf ("%.1f%s/h", rate, unit);
}

/* One line per tag whose verdict changed since the last run. */
static void
report_changes (Follow       *f,
                PmLeakResult *result)
{
  PmDataset *dataset = pm_leak_result_get_dataset (result);
  const gint64 *times = pm_dataset_get_times (dataset, f->a->query->time_base);
  guint n, n_snapshots = pm_dataset_get_n_snapshots (dataset);
  const guint *rank = pm_leak_result_get_ranking (result, &n);
  g_autofree char *when = pm_format_timestamp (times[n_snapshots - 1]);

  for (guint i = 0; i < n; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (result, rank[i]);
      const char *name = pm_dataset_get_tag_name (dataset, t->tag);
      gpointer old = g_hash_table_lookup (f->verdicts, name);
      PmLeakVerdict before = old != NULL ? (PmLeakVerdict) (GPOINTER_TO_UINT (old) - 1)
                                         : PM_LEAK_VERDICT_NONE;
      g_autofree char *bytes = NULL;
      g_autofree char *allocs = NULL;

      if (t->verdict == before)
        continue;
      g_hash_table_replace (f->verdicts, g_strdup (name), GUINT_TO_POINTER (t->verdict + 1));
      bytes = format_rate (t->bytes_per_hour);
      allocs = isnan (t->allocs_per_hour) ? g_strdup ("-")
                                          : g_strdup_printf ("%.1f/h", t->allocs_per_hour);
      printf ("%s  %s  %s → %s  bytes %s  allocs %s  (%u snapshots)\n", when, name,
              pm_leak_verdict_to_string (before), pm_leak_verdict_to_string (t->verdict),
              bytes, allocs, n_snapshots);
    }
  fflush (stdout);
  f->n_leaks = pm_leak_result_count (result, PM_LEAK_VERDICT_LEAK);
}

static void
leak_options (Follow        *f,
              PmLeakOptions *options)
{
  pm_leak_options_init (options);
  options->both = !f->a->query->have_metric;
  options->metric = f->a->query->metric;
  options->time_base = f->a->query->time_base;
}

static void schedule_run (Follow *f);
static void start_run (Follow *f);

static void
leaks_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Follow *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmLeakResult) leaks = pm_leak_analyse_finish (result, &error);
  gint64 took = g_get_monotonic_time () - f->run_started;

  pm_follow_schedule_finished (&f->schedule, g_get_monotonic_time (), took);
  if (leaks == NULL)
    fprintf (stderr, "poolstats leaks: %s\n", error->message);
  else
    report_changes (f, leaks);
  if (!f->stopping)
    schedule_run (f);
  else if (f->judged != pm_follower_get_dataset (f->follower))
    start_run (f);                /* the last data, judged before the end */
  else
    g_main_loop_quit (f->loop);
}

static void
start_run (Follow *f)
{
  PmLeakOptions options;

  pm_follow_schedule_started (&f->schedule);
  g_set_object (&f->judged, pm_follower_get_dataset (f->follower));
  leak_options (f, &options);
  f->run_started = g_get_monotonic_time ();
  pm_leak_analyse_async (f->judged, &options, NULL, leaks_done_cb, f);
}

static gboolean
run_cb (gpointer data)
{
  Follow *f = data;

  f->run_id = 0;
  if (!f->stopping && pm_follow_schedule_wait (&f->schedule, g_get_monotonic_time ()) == 0)
    start_run (f);
  else
    schedule_run (f);
  return G_SOURCE_REMOVE;
}

static void
schedule_run (Follow *f)
{
  gint64 wait;

  if (f->run_id != 0 || f->stopping)
    return;
  wait = pm_follow_schedule_wait (&f->schedule, g_get_monotonic_time ());
  if (wait < 0)
    return;
  f->run_id = g_timeout_add (wait > 0 ? (guint) MIN (wait / 1000 + 1, G_MAXUINT) : 0, run_cb, f);
}

static void
changed_cb (PmFollower *follower,
            PmDataset  *dataset,
            guint       n_added,
            gboolean    reloaded,
            Follow     *f)
{
  pm_follow_schedule_data_came (&f->schedule);
  schedule_run (f);
}

/* Said once, not at every poll, until it changes. */
static void
failed_cb (PmFollower *follower,
           const char *message,
           Follow     *f)
{
  if (g_strcmp0 (message, f->last_failure) == 0)
    return;
  g_free (f->last_failure);
  f->last_failure = g_strdup (message);
  fprintf (stderr, "poolstats leaks: %s (still following)\n", message);
}

/* The end (Ctrl+C, --for, --until): the last data judged, then quit. */
static void
stop (Follow *f)
{
  if (f->stopping)
    return;
  f->stopping = TRUE;
  pm_follower_stop (f->follower);
  g_clear_handle_id (&f->run_id, g_source_remove);
  if (f->schedule.running)
    return;                       /* leaks_done_cb() quits */
  /* The last data is judged now, without the wait. */
  pm_follow_schedule_ask (&f->schedule);
  if (f->judged != pm_follower_get_dataset (f->follower))
    start_run (f);                /* leaks_done_cb() quits */
  else
    g_main_loop_quit (f->loop);
}

static gboolean
stop_cb (gpointer data)
{
  stop (data);
  return G_SOURCE_REMOVE;
}

#ifndef G_OS_UNIX
static gboolean
check_interrupt_cb (gpointer data)
{
  if (interrupted)
    {
      stop (data);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}
#endif

/* "90", "90s", "15m", "2h", "1d": seconds. */
gboolean
ps_parse_duration (const char *text,
                   gint64     *seconds)
{
  char *end = NULL;
  double value;
  double unit = 1;

  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value) || value < 0)
    return FALSE;
  if (g_str_equal (end, "") || g_str_equal (end, "s"))
    unit = 1;
  else if (g_str_equal (end, "m"))
    unit = 60;
  else if (g_str_equal (end, "h"))
    unit = 3600;
  else if (g_str_equal (end, "d"))
    unit = 86400;
  else
    return FALSE;
  if (value * unit > 1e9)
    return FALSE;
  *seconds = (gint64) (value * unit + 0.5);
  return TRUE;
}

/* A wall-clock time: YYYY-MM-DDTHH:MM:SS in local time, or with a zone. */
static gboolean
parse_until (const char *text,
             gint64     *real_usec)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, local);

  if (dt == NULL)
    return FALSE;
  *real_usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
  return TRUE;
}

int
ps_leaks_follow (PsAnalysis   *a,
                 PsFollowArgs *args)
{
  Follow f = { a, args };
  g_autoptr(PmFollower) follower = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  gint64 for_seconds = -1, until = 0;
  PmDataset *dataset;
  guint n_tags;
  int status;

  if (a->paths == NULL || a->paths[0] == NULL || a->paths[1] != NULL ||
      !g_file_test (a->paths[0], G_FILE_TEST_IS_DIR))
    return ps_usage_error ("leaks", "--follow takes one folder");
  if (a->from != NULL || a->to != NULL)
    return ps_usage_error ("leaks", "--follow judges everything up to the newest snapshot: "
                           "--from and --to do not apply");
  if (a->format != PS_FORMAT_TEXT)
    return ps_usage_error ("leaks", "--follow writes text");
  if (args->for_text != NULL && args->until_text != NULL)
    return ps_usage_error ("leaks", "--for and --until are one or the other");
  if (args->for_text != NULL && !ps_parse_duration (args->for_text, &for_seconds))
    return ps_usage_error ("leaks", "--for takes a duration: 90s, 15m, 2h, 1d");
  if (args->until_text != NULL && !parse_until (args->until_text, &until))
    return ps_usage_error ("leaks", "--until takes YYYY-MM-DDTHH:MM:SS (local time, or with a zone)");

  follower = pm_follower_new (a->paths[0]);
  pm_follower_set_use_store (follower, !a->no_cache);
  if (a->tagfile != NULL)
    pm_follower_set_pooltag_file (follower, a->tagfile);
  if (args->poll_msec > 0)
    pm_follower_set_poll_interval (follower, (guint) args->poll_msec);
  if (args->no_monitor)
    pm_follower_set_use_monitor (follower, FALSE);
  if (!pm_follower_load (follower, NULL, &error))
    {
      fprintf (stderr, "poolstats leaks: %s\n", error->message);
      return PS_EXIT_NO_DATA;
    }
  dataset = pm_follower_get_dataset (follower);
  if (a->query->have_metric && !pm_dataset_has_metric (dataset, a->query->metric))
    {
      fprintf (stderr, "poolstats leaks: the files have no columns to compute %s from\n",
               pm_metric_to_string (a->query->metric));
      return PS_EXIT_NO_DATA;
    }
  n_tags = pm_dataset_get_n_tags (dataset);
  printf ("Following %s: %u snapshots, %u tags so far. A line per verdict that changes "
          "(newest snapshot, tag, old → new, rates).\n", a->paths[0],
          pm_dataset_get_n_snapshots (dataset), n_tags);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  f.follower = follower;
  f.loop = loop;
  f.verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pm_follow_schedule_init (&f.schedule, (gint64) MAX (args->leak_interval, 0) * 1000);
  g_signal_connect (follower, "changed", G_CALLBACK (changed_cb), &f);
  g_signal_connect (follower, "failed", G_CALLBACK (failed_cb), &f);

#ifdef G_OS_UNIX
  g_unix_signal_add (SIGINT, stop_cb, &f);
  g_unix_signal_add (SIGTERM, stop_cb, &f);
#else
  signal (SIGINT, interrupt_handler);
  g_timeout_add (200, check_interrupt_cb, &f);
#endif
  if (for_seconds >= 0)
    /* Not g_timeout_add_seconds(): it may fire up to a second early. */
    g_timeout_add ((guint) MIN ((double) for_seconds * 1000, G_MAXUINT), stop_cb, &f);
  else if (args->until_text != NULL)
    {
      gint64 wait = until - g_get_real_time ();

      g_timeout_add (wait > 0 ? (guint) MIN (wait / 1000, G_MAXUINT) : 0, stop_cb, &f);
    }

  pm_follower_start (follower);
  start_run (&f);
  g_main_loop_run (loop);

  dataset = pm_follower_get_dataset (follower);
  printf ("Stopped: %u snapshots, %u tags; %u leak%s.\n", pm_dataset_get_n_snapshots (dataset),
          pm_dataset_get_n_tags (dataset), f.n_leaks, f.n_leaks == 1 ? "" : "s");
  fflush (stdout);
  status = args->fail_on_leak && f.n_leaks > 0 ? PS_EXIT_LEAK : PS_EXIT_OK;
  g_signal_handlers_disconnect_by_data (follower, &f);
  g_clear_object (&f.judged);
  g_free (f.last_failure);
  g_hash_table_unref (f.verdicts);
  return status;
}
