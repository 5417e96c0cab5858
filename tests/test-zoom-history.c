/* test-zoom-history.c: Back and Home through zoomed views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pmchart.h"

static PmChartRange
range (double t0,
       double t1)
{
  return (PmChartRange) { t0, t1, 0, 100 };
}

static void
assert_current (PmZoomHistory *history,
                double         t0,
                double         t1)
{
  const PmChartRange *r = pm_zoom_history_get_current (history);

  g_assert_cmpfloat (r->t0, ==, t0);
  g_assert_cmpfloat (r->t1, ==, t1);
}

static void
test_push_back (void)
{
  PmChartRange home = range (0, 1000);
  g_autoptr(PmZoomHistory) history = pm_zoom_history_new (&home);
  PmChartRange a = range (100, 900), b = range (200, 300), c = range (250, 260);

  g_assert_false (pm_zoom_history_can_go_back (history));
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, 0);
  assert_current (history, 0, 1000);

  g_assert_true (pm_zoom_history_push (history, &a));
  g_assert_true (pm_zoom_history_push (history, &b));
  g_assert_true (pm_zoom_history_push (history, &c));
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, 3);
  assert_current (history, 250, 260);

  g_assert_true (pm_zoom_history_back (history));
  assert_current (history, 200, 300);
  g_assert_true (pm_zoom_history_back (history));
  assert_current (history, 100, 900);
  g_assert_true (pm_zoom_history_back (history));
  assert_current (history, 0, 1000);
  g_assert_false (pm_zoom_history_can_go_back (history));

  /* Back at home does nothing and says so. */
  g_assert_false (pm_zoom_history_back (history));
  assert_current (history, 0, 1000);
}

static void
test_home (void)
{
  PmChartRange home = range (0, 1000), a = range (1, 2), b = range (3, 4);
  g_autoptr(PmZoomHistory) history = pm_zoom_history_new (&home);

  g_assert_false (pm_zoom_history_home (history));
  pm_zoom_history_push (history, &a);
  pm_zoom_history_push (history, &b);
  g_assert_true (pm_zoom_history_home (history));
  assert_current (history, 0, 1000);
  /* Home is one more step: Back returns to the view before it. */
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, 3);
  g_assert_false (pm_zoom_history_home (history));
  g_assert_true (pm_zoom_history_back (history));
  assert_current (history, 3, 4);

  /* A new home (values refitted) replaces the Home steps too. */
  g_assert_true (pm_zoom_history_home (history));
  pm_zoom_history_set_home (history, &(PmChartRange) { 0, 1000, 5, 50 });
  g_assert_cmpfloat (pm_zoom_history_get_current (history)->y1, ==, 50);
  g_assert_cmpfloat (pm_zoom_history_get_home (history)->y1, ==, 50);
  g_assert_true (pm_zoom_history_back (history));
  assert_current (history, 3, 4);
}

static void
test_same_range (void)
{
  PmChartRange home = range (0, 1000), a = range (10, 20);
  g_autoptr(PmZoomHistory) history = pm_zoom_history_new (&home);

  /* A click without a drag zooms to where we are: no step to go back. */
  g_assert_false (pm_zoom_history_push (history, &home));
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, 0);

  g_assert_true (pm_zoom_history_push (history, &a));
  g_assert_false (pm_zoom_history_push (history, &a));
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, 1);

  /* A different y range is a different view. */
  a.y1 = 50;
  g_assert_true (pm_zoom_history_push (history, &a));
}

static void
test_replace (void)
{
  PmChartRange home = range (0, 1000), a = range (100, 200), p1 = range (110, 210),
               p2 = range (120, 220);
  g_autoptr(PmZoomHistory) history = pm_zoom_history_new (&home);

  /* Panning from home: home stays, the pan is one step. */
  pm_zoom_history_replace (history, &p1);
  pm_zoom_history_replace (history, &p2);
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, 1);
  assert_current (history, 120, 220);
  g_assert_cmpfloat (pm_zoom_history_get_home (history)->t0, ==, 0);

  pm_zoom_history_back (history);
  assert_current (history, 0, 1000);

  /* Panning a zoomed view moves it without adding steps. */
  pm_zoom_history_push (history, &a);
  pm_zoom_history_replace (history, &p1);
  pm_zoom_history_replace (history, &p2);
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, 1);
  assert_current (history, 120, 220);
}

static void
test_depth_limit (void)
{
  PmChartRange home = range (0, 1e6);
  g_autoptr(PmZoomHistory) history = pm_zoom_history_new (&home);
  guint back = 0;

  for (guint i = 1; i <= PM_ZOOM_HISTORY_MAX_DEPTH + 50; i++)
    {
      PmChartRange r = range (i, 2 * i);

      pm_zoom_history_push (history, &r);
    }
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, PM_ZOOM_HISTORY_MAX_DEPTH - 1);

  /* The oldest steps went; the newest and home are still there. */
  assert_current (history, PM_ZOOM_HISTORY_MAX_DEPTH + 50, 2 * (PM_ZOOM_HISTORY_MAX_DEPTH + 50));
  pm_zoom_history_back (history);
  assert_current (history, PM_ZOOM_HISTORY_MAX_DEPTH + 49, 2 * (PM_ZOOM_HISTORY_MAX_DEPTH + 49));
  while (pm_zoom_history_back (history))
    back++;
  g_assert_cmpuint (back, ==, PM_ZOOM_HISTORY_MAX_DEPTH - 2);
  assert_current (history, 0, 1e6);
}

static void
test_reset (void)
{
  PmChartRange home = range (0, 10), other = range (50, 60), a = range (1, 2);
  g_autoptr(PmZoomHistory) history = pm_zoom_history_new (&home);

  pm_zoom_history_push (history, &a);
  pm_zoom_history_reset (history, &other);
  g_assert_cmpuint (pm_zoom_history_get_depth (history), ==, 0);
  assert_current (history, 50, 60);
  g_assert_cmpfloat (pm_zoom_history_get_home (history)->t0, ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/zoom-history/push-back", test_push_back);
  g_test_add_func ("/poolstats/zoom-history/home", test_home);
  g_test_add_func ("/poolstats/zoom-history/same-range", test_same_range);
  g_test_add_func ("/poolstats/zoom-history/replace", test_replace);
  g_test_add_func ("/poolstats/zoom-history/depth-limit", test_depth_limit);
  g_test_add_func ("/poolstats/zoom-history/reset", test_reset);

  return g_test_run ();
}
