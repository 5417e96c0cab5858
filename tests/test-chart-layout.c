/* test-chart-layout.c: value/pixel mapping, ticks and number formatting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "pmchart.h"

static void
test_map_linear (void)
{
  PmAxisMap map;

  /* A y axis: value 0 at the bottom (pixel 500), 1000 at the top (100). */
  pm_axis_map_init (&map, 0, 1000, 500, 100, FALSE);
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_pixel (&map, 0), 500, 1e-9);
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_pixel (&map, 1000), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_pixel (&map, 250), 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_pixel (&map, -500), 700, 1e-9);

  for (double v = -300; v <= 1300; v += 37.5)
    g_assert_cmpfloat_with_epsilon (pm_axis_map_to_value (&map, pm_axis_map_to_pixel (&map, v)),
                                    v, 1e-9);

  /* A time axis in seconds since the epoch keeps sub-pixel precision. */
  pm_axis_map_init (&map, 1626134400, 1626134400 + 30 * 86400, 80, 1580, FALSE);
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_pixel (&map, 1626134400 + 15 * 86400), 830, 1e-6);
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_value (&map, 81), 1626134400 + 1728, 1e-3);
}

static void
test_map_log (void)
{
  PmAxisMap map;
  double p1, p10, p100;

  pm_axis_map_init (&map, 1, 1e6, 600, 0, TRUE);
  p1 = pm_axis_map_to_pixel (&map, 1);
  p10 = pm_axis_map_to_pixel (&map, 10);
  p100 = pm_axis_map_to_pixel (&map, 100);

  /* Each decade the same height: 600 px / 6 decades. */
  g_assert_cmpfloat_with_epsilon (p1, 600, 1e-9);
  g_assert_cmpfloat_with_epsilon (p1 - p10, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (p10 - p100, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_pixel (&map, 1e6), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_value (&map, 300), 1000, 1e-6);

  /* Zero and negatives have no logarithm: below the axis, finite. */
  g_assert_true (isfinite (pm_axis_map_to_pixel (&map, 0)));
  g_assert_cmpfloat (pm_axis_map_to_pixel (&map, 0), >, 600);
  g_assert_cmpfloat (pm_axis_map_to_pixel (&map, -5), >, 600);
}

static void
test_map_degenerate (void)
{
  PmAxisMap map;
  double p;

  /* One constant value: still a usable axis, the value in the middle. */
  pm_axis_map_init (&map, 42, 42, 400, 0, FALSE);
  p = pm_axis_map_to_pixel (&map, 42);
  g_assert_true (isfinite (p));
  g_assert_cmpfloat_with_epsilon (p, 200, 1e-9);

  /* A log axis asked to start at 0. */
  pm_axis_map_init (&map, 0, 1000, 400, 0, TRUE);
  g_assert_true (isfinite (pm_axis_map_to_pixel (&map, 10)));
  g_assert_cmpfloat_with_epsilon (pm_axis_map_to_pixel (&map, 1000), 0, 1e-9);
}

static void
test_nice_step (void)
{
  static const struct
  {
    double range;
    guint  target;
    double step;
  } cases[] = {
    { 10, 5, 2 },
    { 10, 10, 1 },
    { 1, 10, 0.1 },
    { 7, 5, 2 },
    { 100, 4, 25 },
    { 100, 3, 50 },
    { 0.003, 3, 0.001 },
    { 3e9, 6, 5e8 },
    { 1, 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double step = pm_ticks_nice_step (cases[i].range, cases[i].target);

      g_test_message ("range %g target %u -> %g", cases[i].range, cases[i].target, step);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, cases[i].step * 1e-9);
      g_assert_cmpfloat (cases[i].range / step, <=, cases[i].target + 1e-9);
    }
}

static void
assert_ticks_sane (GArray *ticks,
                   double  lo,
                   double  hi)
{
  g_assert_cmpuint (ticks->len, >=, 2);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PmTick *t = &g_array_index (ticks, PmTick, i);

      g_assert_cmpfloat (t->value, >=, lo - 1e-9 * fabs (lo));
      g_assert_cmpfloat (t->value, <=, hi + 1e-9 * fabs (hi));
      g_assert_nonnull (t->label);
      if (i > 0)
        g_assert_cmpfloat (t->value, >, g_array_index (ticks, PmTick, i - 1).value);
    }
}

static const char *
label_at (GArray *ticks,
          double  value)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      const PmTick *t = &g_array_index (ticks, PmTick, i);

      if (fabs (t->value - value) <= 1e-9 * MAX (1, fabs (value)))
        return t->label;
    }

  return NULL;
}

static void
test_ticks_linear_bytes (void)
{
  g_autoptr(GArray) ticks = pm_ticks_linear (0, 3.2 * 1073741824.0, 7, PM_VALUE_KIND_BYTES);

  assert_ticks_sane (ticks, 0, 3.2 * 1073741824.0);
  /* Steps of half a GiB, not of a round number of bytes. */
  g_assert_cmpuint (ticks->len, ==, 7);
  g_assert_cmpstr (label_at (ticks, 0), ==, "0");
  g_assert_cmpstr (label_at (ticks, 536870912.0), ==, "0.5 GiB");
  g_assert_cmpstr (label_at (ticks, 1610612736.0), ==, "1.5 GiB");
  g_assert_cmpstr (label_at (ticks, 3221225472.0), ==, "3.0 GiB");

  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_linear (100 * 1024, 180 * 1024, 4, PM_VALUE_KIND_BYTES);
  assert_ticks_sane (ticks, 100 * 1024, 180 * 1024);
  g_assert_cmpstr (label_at (ticks, 120 * 1024), ==, "120 KiB");
  g_assert_cmpstr (label_at (ticks, 160 * 1024), ==, "160 KiB");

  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_linear (0, 800, 4, PM_VALUE_KIND_BYTES);
  g_assert_cmpstr (label_at (ticks, 200), ==, "200 B");
}

static void
test_ticks_linear_counts (void)
{
  g_autoptr(GArray) ticks = pm_ticks_linear (-3, 101, 5, PM_VALUE_KIND_COUNT);

  assert_ticks_sane (ticks, -3, 101);
  /* 104 in 5 steps: 25 apart (20 would make 6). */
  g_assert_cmpuint (ticks->len, ==, 5);
  g_assert_cmpstr (label_at (ticks, 0), ==, "0");
  g_assert_cmpstr (label_at (ticks, 25), ==, "25");
  g_assert_cmpstr (label_at (ticks, 100), ==, "100");

  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_linear (0, 3e6, 6, PM_VALUE_KIND_COUNT);
  assert_ticks_sane (ticks, 0, 3e6);
  g_assert_cmpstr (label_at (ticks, 5e5), ==, "0.5M");
  g_assert_cmpstr (label_at (ticks, 2e6), ==, "2.0M");

  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_linear (0.1, 0.35, 5, PM_VALUE_KIND_COUNT);
  assert_ticks_sane (ticks, 0.1, 0.35);
  g_assert_cmpstr (label_at (ticks, 0.15), ==, "0.15");

  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_linear (5, 5, 5, PM_VALUE_KIND_COUNT);
  g_assert_cmpuint (ticks->len, ==, 0);
}

static void
test_ticks_log (void)
{
  g_autoptr(GArray) ticks = pm_ticks_log (1, 1e6, 8, PM_VALUE_KIND_COUNT);
  guint majors = 0;

  assert_ticks_sane (ticks, 1, 1e6);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PmTick *t = &g_array_index (ticks, PmTick, i);
      double e = log10 (t->value);

      if (t->major)
        {
          /* Labelled ticks at powers of ten only over six decades. */
          g_assert_cmpfloat_with_epsilon (e, round (e), 1e-9);
          g_assert_cmpstr (t->label, !=, "");
          majors++;
        }
      else
        g_assert_cmpstr (t->label, ==, "");
    }
  g_assert_cmpuint (majors, ==, 7);
  g_assert_cmpstr (label_at (ticks, 1000), ==, "1000");
  g_assert_cmpstr (label_at (ticks, 1e6), ==, "1e6");

  /* Over one decade, 2 and 5 get labels too. */
  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_log (10, 100, 8, PM_VALUE_KIND_COUNT);
  g_assert_cmpstr (label_at (ticks, 20), ==, "20");
  g_assert_cmpstr (label_at (ticks, 50), ==, "50");

  /* Bytes: powers of two, whole units labelled. */
  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_log (1024, 1073741824.0, 6, PM_VALUE_KIND_BYTES);
  assert_ticks_sane (ticks, 1024, 1073741824.0);
  g_assert_cmpstr (label_at (ticks, 1024), ==, "1 KiB");
  g_assert_cmpstr (label_at (ticks, 1048576), ==, "1 MiB");
  g_assert_cmpstr (label_at (ticks, 1073741824.0), ==, "1 GiB");

  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_log (0, 10, 5, PM_VALUE_KIND_COUNT);
  g_assert_cmpuint (ticks->len, ==, 0);

  /* Every decade is labelled, even when fewer labels were asked for. */
  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_log (1, 1e6, 4, PM_VALUE_KIND_COUNT);
  assert_ticks_sane (ticks, 1, 1e6);
  for (double v = 1; v <= 1e6; v *= 10)
    {
      g_assert_nonnull (label_at (ticks, v));
      g_assert_cmpstr (label_at (ticks, v), !=, "");
    }

  /* Within a decade: 1, 2 and 5 when they are in range ... */
  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_log (150, 900, 6, PM_VALUE_KIND_COUNT);
  assert_ticks_sane (ticks, 150, 900);
  g_assert_cmpstr (label_at (ticks, 200), ==, "200");
  g_assert_cmpstr (label_at (ticks, 500), ==, "500");

  /* ... and plain steps when none is (600 to 900). */
  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_log (600, 900, 6, PM_VALUE_KIND_COUNT);
  assert_ticks_sane (ticks, 600, 900);
  g_assert_cmpstr (label_at (ticks, 700), ==, "700");
  g_assert_cmpstr (label_at (ticks, 800), ==, "800");
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

static void
test_ticks_time (void)
{
  static const struct
  {
    const char *name;
    gint64      t0;
    gint64      t1;
    guint       target;
    gint64      first;      /* expected first tick */
    gint64      step;       /* expected spacing (0: months) */
    const char *first_label;
    const char *first_context;
  } cases[] = {
    { "seconds", 1626171300 + 3, 1626171300 + 23, 10, 1626171300 + 4, 2,
      "10:15:04", "Jul 13, 2021" },
    { "minutes", 1626171300 + 30, 1626171300 + 630, 10, 1626171300 + 60, 60,
      "10:16", "Jul 13, 2021" },
    { "hours", 1626134400 + 1800, 1626134400 + 86400, 8, 1626134400 + 10800, 10800,
      "03:00", "Jul 13, 2021" },
    { "days", 1626134400 - 3600, 1626134400 + 10 * 86400, 12, 1626134400, 86400, "Jul 13", "2021" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) ticks = pm_ticks_time (cases[i].t0, cases[i].t1, cases[i].target);
      const PmTick *first;

      g_test_message ("%s", cases[i].name);
      assert_ticks_sane (ticks, cases[i].t0, cases[i].t1);
      g_assert_cmpuint (ticks->len, <=, cases[i].target + 1);
      first = &g_array_index (ticks, PmTick, 0);
      g_assert_cmpfloat (first->value, ==, cases[i].first);
      g_assert_cmpstr (first->label, ==, cases[i].first_label);
      g_assert_cmpstr (first->context, ==, cases[i].first_context);
      for (guint k = 1; k < ticks->len; k++)
        g_assert_cmpfloat (g_array_index (ticks, PmTick, k).value -
                           g_array_index (ticks, PmTick, k - 1).value, ==, cases[i].step);
    }
}

static void
test_ticks_time_context (void)
{
  /* Hours across midnight: the new day is named under its first tick. */
  g_autoptr(GArray) ticks = pm_ticks_time (utc (2021, 12, 31, 18, 0, 0),
                                           utc (2022, 1, 1, 6, 0, 0), 6);
  gboolean saw_new_year = FALSE;

  for (guint i = 1; i < ticks->len; i++)
    {
      const PmTick *t = &g_array_index (ticks, PmTick, i);

      if (t->value == utc (2022, 1, 1, 0, 0, 0))
        {
          g_assert_cmpstr (t->label, ==, "00:00");
          g_assert_cmpstr (t->context, ==, "Jan 1, 2022");
          saw_new_year = TRUE;
        }
      else
        g_assert_null (t->context);
    }
  g_assert_true (saw_new_year);
}

static void
test_ticks_time_months (void)
{
  g_autoptr(GArray) ticks = pm_ticks_time (utc (2021, 1, 10, 0, 0, 0),
                                           utc (2022, 3, 5, 0, 0, 0), 8);
  static const char * const labels[] = { "Mar", "May", "Jul", "Sep", "Nov", "Jan", "Mar" };

  /* Fourteen months in eight ticks: every other month, on the 1st. */
  g_assert_cmpuint (ticks->len, ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < ticks->len; i++)
    {
      const PmTick *t = &g_array_index (ticks, PmTick, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) t->value);

      g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 1);
      g_assert_cmpint (g_date_time_get_hour (dt), ==, 0);
      g_assert_cmpstr (t->label, ==, labels[i]);
    }
  g_assert_cmpstr (g_array_index (ticks, PmTick, 0).context, ==, "2021");
  g_assert_null (g_array_index (ticks, PmTick, 1).context);
  g_assert_cmpstr (g_array_index (ticks, PmTick, 5).context, ==, "2022");

  /* Years. */
  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_time (utc (2001, 6, 1, 0, 0, 0), utc (2021, 6, 1, 0, 0, 0), 6);
  g_assert_cmpstr (g_array_index (ticks, PmTick, 0).label, ==, "2005");
  g_assert_cmpfloat (g_array_index (ticks, PmTick, 0).value, ==, utc (2005, 1, 1, 0, 0, 0));

  /* Before 1970 too. */
  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_time (utc (1969, 12, 30, 0, 0, 0), utc (1970, 1, 3, 0, 0, 0), 5);
  g_assert_cmpstr (g_array_index (ticks, PmTick, 0).label, ==, "Dec 30");
  g_assert_cmpstr (g_array_index (ticks, PmTick, 2).label, ==, "Jan 1");
}

static void
test_format (void)
{
  static const struct
  {
    double      value;
    PmValueKind kind;
    const char *text;
  } cases[] = {
    { 0, PM_VALUE_KIND_BYTES, "0 B" },
    { 512, PM_VALUE_KIND_BYTES, "512 B" },
    { 999, PM_VALUE_KIND_BYTES, "999 B" },
    { 1536, PM_VALUE_KIND_BYTES, "1.5 KiB" },
    { 12.3 * 1048576, PM_VALUE_KIND_BYTES, "12.3 MiB" },
    { 1073741824.0, PM_VALUE_KIND_BYTES, "1 GiB" },
    { 5.5 * 1073741824.0, PM_VALUE_KIND_BYTES, "5.5 GiB" },
    { 2.0 * 1099511627776.0, PM_VALUE_KIND_BYTES, "2 TiB" },
    { -2048, PM_VALUE_KIND_BYTES, "-2 KiB" },
    { 0, PM_VALUE_KIND_COUNT, "0" },
    { 999, PM_VALUE_KIND_COUNT, "999" },
    { 1234567, PM_VALUE_KIND_COUNT, "1,234,567" },
    { -1234, PM_VALUE_KIND_COUNT, "-1,234" },
    { 4294967295.0, PM_VALUE_KIND_COUNT, "4,294,967,295" },
    { 0.25, PM_VALUE_KIND_COUNT, "0.25" },
    { 1234.6, PM_VALUE_KIND_COUNT, "1,235" },
    { 0.9123, PM_VALUE_KIND_CORRELATION, "0.912" },
    { NAN, PM_VALUE_KIND_CORRELATION, "undefined" },
    { -0.0001, PM_VALUE_KIND_CORRELATION, "0.000" },
    { -0.25, PM_VALUE_KIND_CORRELATION, "-0.250" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pm_format_value (cases[i].value, cases[i].kind);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_time (void)
{
  g_autofree char *a = pm_format_time (1626171300, 60);
  g_autofree char *b = pm_format_time (utc (2024, 2, 29, 23, 59, 59), 60);
  g_autofree char *c = pm_format_time (-1, 60);

  g_assert_cmpstr (a, ==, "2021-07-13 10:15:00");
  g_assert_cmpstr (b, ==, "2024-02-29 23:59:59");
  g_assert_cmpstr (c, ==, "1969-12-31 23:59:59");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/chart-layout/map-linear", test_map_linear);
  g_test_add_func ("/poolstats/chart-layout/map-log", test_map_log);
  g_test_add_func ("/poolstats/chart-layout/map-degenerate", test_map_degenerate);
  g_test_add_func ("/poolstats/chart-layout/nice-step", test_nice_step);
  g_test_add_func ("/poolstats/chart-layout/ticks-linear-bytes", test_ticks_linear_bytes);
  g_test_add_func ("/poolstats/chart-layout/ticks-linear-counts", test_ticks_linear_counts);
  g_test_add_func ("/poolstats/chart-layout/ticks-log", test_ticks_log);
  g_test_add_func ("/poolstats/chart-layout/ticks-time", test_ticks_time);
  g_test_add_func ("/poolstats/chart-layout/ticks-time-context", test_ticks_time_context);
  g_test_add_func ("/poolstats/chart-layout/ticks-time-months", test_ticks_time_months);
  g_test_add_func ("/poolstats/chart-layout/format", test_format);
  g_test_add_func ("/poolstats/chart-layout/format-time", test_format_time);

  return g_test_run ();
}
