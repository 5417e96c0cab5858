/* test-follow-schedule.c: when the leak finder runs again while following
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PmFollowSchedule on a fake clock (µs): no sleeps.
 */
#include "poolstats.h"

#define MS 1000
#define S  G_USEC_PER_SEC
#define K  PM_FOLLOW_SCHEDULE_FACTOR

static void
test_nothing_to_do (void)
{
  PmFollowSchedule s;

  pm_follow_schedule_init (&s, 2 * S);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 0), ==, -1);
  /* The first data: no run before, no wait. */
  pm_follow_schedule_data_came (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 0), ==, 0);
  pm_follow_schedule_started (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 0), ==, -1);
  /* Data during the run: still one run at a time. */
  pm_follow_schedule_data_came (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 100 * MS), ==, -1);
  pm_follow_schedule_finished (&s, 100 * MS, 100 * MS);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 100 * MS), ==, 2 * S);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 2 * S), ==, 100 * MS);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 2100 * MS), ==, 0);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 10 * S), ==, 0);
  pm_follow_schedule_started (&s);
  pm_follow_schedule_finished (&s, 10100 * MS, 100 * MS);
  /* No new data: nothing to run, however long one waits. */
  g_assert_cmpint (pm_follow_schedule_wait (&s, 100 * S), ==, -1);
  g_assert_cmpuint (s.n_runs, ==, 2);
  g_assert_cmpint (s.total_cost, ==, 200 * MS);
}

/* A run longer than interval / K: the wait is K times the run. */
static void
test_wait_grows_with_the_run (void)
{
  static const struct { gint64 interval, cost, wait; } cases[] = {
    { 2 * S, 0, 2 * S },
    { 2 * S, 180 * MS, 2 * S },              /* 3,000 × 2,880: the interval */
    { 2 * S, 2 * S / K, 2 * S },
    { 2 * S, 300 * MS, K * 300 * MS },
    { 1 * S, 40 * S, K * 40 * S },           /* a week at a snapshot a second */
    { 0, 5 * MS, K * 5 * MS },
    { 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PmFollowSchedule s;
      gint64 now = 1000 * S;

      pm_follow_schedule_init (&s, cases[i].interval);
      pm_follow_schedule_data_came (&s);
      pm_follow_schedule_started (&s);
      now += cases[i].cost;
      pm_follow_schedule_finished (&s, now, cases[i].cost);
      pm_follow_schedule_data_came (&s);
      g_assert_cmpint (pm_follow_schedule_wait (&s, now), ==, cases[i].wait);
      g_assert_cmpint (s.last_cost, ==, cases[i].cost);
    }
}

/* Asked for (the follow ends, the user): no wait, even with nothing new,
 * but never beside a run under way. */
static void
test_ask (void)
{
  PmFollowSchedule s;

  pm_follow_schedule_init (&s, 2 * S);
  pm_follow_schedule_data_came (&s);
  pm_follow_schedule_started (&s);
  pm_follow_schedule_finished (&s, 1 * S, 1 * S);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 1 * S), ==, -1);
  pm_follow_schedule_ask (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 1 * S), ==, 0);
  pm_follow_schedule_started (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 1 * S), ==, -1);
  /* Asked during a run: right after it. */
  pm_follow_schedule_data_came (&s);
  pm_follow_schedule_ask (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 2 * S), ==, -1);
  pm_follow_schedule_finished (&s, 3 * S, 2 * S);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 3 * S), ==, 0);
  pm_follow_schedule_started (&s);
  pm_follow_schedule_finished (&s, 4 * S, 1 * S);
  /* The ask is used up by the run it started. */
  pm_follow_schedule_data_came (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 4 * S), ==, K * S);
}

/* A cancelled run: its data is due again, after the wait of the run
 * before it. */
static void
test_abandoned (void)
{
  PmFollowSchedule s;

  pm_follow_schedule_init (&s, 1 * S);
  pm_follow_schedule_abandoned (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 0), ==, -1);
  pm_follow_schedule_data_came (&s);
  pm_follow_schedule_started (&s);
  pm_follow_schedule_finished (&s, 500 * MS, 500 * MS);
  pm_follow_schedule_data_came (&s);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 5 * S), ==, 0);
  pm_follow_schedule_started (&s);
  pm_follow_schedule_abandoned (&s);
  g_assert_cmpuint (s.n_runs, ==, 1);
  g_assert_cmpint (pm_follow_schedule_wait (&s, 5 * S), ==, 0);
}

/* Snapshots every second for a simulated day, each run costing 10 ms per
 * snapshot of the history: once K times a run outgrows the interval, the
 * time from one start to the next is at least K + 1 times the run, so the
 * finder's share of the time is at most 1 / (K + 1) (and not much less:
 * the schedule does not over-wait); at the end every snapshot is judged. */
static void
test_share_is_bounded (void)
{
  PmFollowSchedule s;
  gint64 now = 0, run_end = -1, last_start = -1, first_start = -1;
  gint64 busy = 0, last_cost = 0;
  guint64 snapshots = 0, judged = 0;

  pm_follow_schedule_init (&s, 2 * S);
  for (gint64 t = 0; t < 86400; t++)
    {
      now = t * S;
      if (run_end >= 0 && run_end <= now)
        {
          pm_follow_schedule_finished (&s, run_end, run_end - last_start);
          run_end = -1;
        }
      snapshots++;
      pm_follow_schedule_data_came (&s);
      if (pm_follow_schedule_wait (&s, now) == 0)
        {
          gint64 cost = (gint64) snapshots * 10 * MS;

          pm_follow_schedule_started (&s);
          if (first_start >= 0)
            busy += last_cost;
          else if (cost * K > 2 * S)
            first_start = now;
          if (first_start >= 0)
            last_cost = cost;
          last_start = now;
          run_end = now + cost;
          judged = snapshots;
        }
    }
  g_assert_cmpint (first_start, >=, 0);
  g_assert_cmpint (last_start, >, first_start);
  g_assert_cmpfloat ((double) busy / (last_start - first_start), <=, 1.0 / (K + 1));
  g_assert_cmpfloat ((double) busy / (last_start - first_start), >=, 0.09);

  /* The end: asked for, right after the run under way. */
  pm_follow_schedule_ask (&s);
  if (run_end >= 0)
    {
      g_assert_cmpint (pm_follow_schedule_wait (&s, now), ==, -1);
      now = MAX (now, run_end);
      pm_follow_schedule_finished (&s, now, run_end - last_start);
    }
  g_assert_cmpint (pm_follow_schedule_wait (&s, now), ==, 0);
  pm_follow_schedule_started (&s);
  judged = snapshots;
  g_assert_cmpuint (judged, ==, 86400);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/poolstats/follow-schedule/nothing-to-do", test_nothing_to_do);
  g_test_add_func ("/poolstats/follow-schedule/wait-grows-with-the-run", test_wait_grows_with_the_run);
  g_test_add_func ("/poolstats/follow-schedule/ask", test_ask);
  g_test_add_func ("/poolstats/follow-schedule/abandoned", test_abandoned);
  g_test_add_func ("/poolstats/follow-schedule/share-is-bounded", test_share_is_bounded);
  return g_test_run ();
}
