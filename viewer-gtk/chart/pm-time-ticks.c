/* pm-time-ticks.c: time axis ticks from seconds to decades
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-time-ticks.h"

#include <math.h>

#include "pm-chart-layout-private.h"

static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

typedef struct
{
  int year;
  int month;   /* 1..12 */
  int day;     /* 1..31 */
  int hour;
  int minute;
  int second;
  int weekday; /* 0 = Monday */
} CivilTime;

/* Days since 1970-01-01 -> proleptic Gregorian date, by counting 400-year
 * eras from 0000-03-01 (so the leap day is the last day of a year). */
static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = m;
  *year = (int) (yoe + era * 400 + (m <= 2));
}

static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

/* The data's timestamps are wall-clock seconds of the chosen time base,
 * encoded as if UTC: they are shown as they are, never shifted into the
 * viewer's own time zone. */
static void
civil_from_seconds (gint64     t,
                    CivilTime *ct)
{
  gint64 days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  gint64 rest = t - days * 86400;

  civil_from_days (days, &ct->year, &ct->month, &ct->day);
  ct->hour = (int) (rest / 3600);
  ct->minute = (int) (rest / 60 % 60);
  ct->second = (int) (rest % 60);
  ct->weekday = (int) (((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

typedef enum
{
  UNIT_SECOND,
  UNIT_DAY,
  UNIT_MONTH,
} StepUnit;

typedef struct
{
  StepUnit unit;
  int      count;
  gint64   approx; /* seconds */
} TimeStep;

static const TimeStep time_steps[] = {
  { UNIT_SECOND, 1, 1 }, { UNIT_SECOND, 2, 2 }, { UNIT_SECOND, 5, 5 },
  { UNIT_SECOND, 10, 10 }, { UNIT_SECOND, 15, 15 }, { UNIT_SECOND, 30, 30 },
  { UNIT_SECOND, 60, 60 }, { UNIT_SECOND, 120, 120 }, { UNIT_SECOND, 300, 300 },
  { UNIT_SECOND, 600, 600 }, { UNIT_SECOND, 900, 900 }, { UNIT_SECOND, 1800, 1800 },
  { UNIT_SECOND, 3600, 3600 }, { UNIT_SECOND, 7200, 7200 }, { UNIT_SECOND, 10800, 10800 },
  { UNIT_SECOND, 21600, 21600 }, { UNIT_SECOND, 43200, 43200 },
  { UNIT_DAY, 1, 86400 }, { UNIT_DAY, 2, 2 * 86400 }, { UNIT_DAY, 7, 7 * 86400 },
  { UNIT_DAY, 14, 14 * 86400 },
  { UNIT_MONTH, 1, 2629746 }, { UNIT_MONTH, 2, 2 * 2629746 }, { UNIT_MONTH, 3, 3 * 2629746 },
  { UNIT_MONTH, 6, 6 * 2629746 }, { UNIT_MONTH, 12, 12 * 2629746 },
  { UNIT_MONTH, 24, 24 * 2629746 }, { UNIT_MONTH, 60, 60 * 2629746 },
  { UNIT_MONTH, 120, 120 * 2629746 }, { UNIT_MONTH, 240, 240 * 2629746 },
  { UNIT_MONTH, 600, 600 * 2629746 },
};

static void
label_time_tick (GArray          *ticks,
                 gint64           t,
                 const TimeStep  *step,
                 const CivilTime *prev)
{
  CivilTime ct;
  char *label, *context = NULL;
  gboolean first = prev->year == G_MININT;

  civil_from_seconds (t, &ct);

  if (step->unit == UNIT_SECOND)
    {
      if (step->count < 60)
        label = g_strdup_printf ("%02d:%02d:%02d", ct.hour, ct.minute, ct.second);
      else
        label = g_strdup_printf ("%02d:%02d", ct.hour, ct.minute);
      /* The date under the first tick and under each new day. */
      if (first || ct.day != prev->day || ct.month != prev->month || ct.year != prev->year)
        context = g_strdup_printf ("%s %d, %d", month_names[ct.month - 1], ct.day, ct.year);
    }
  else if (step->unit == UNIT_DAY)
    {
      label = g_strdup_printf ("%s %d", month_names[ct.month - 1], ct.day);
      if (first || ct.year != prev->year)
        context = g_strdup_printf ("%d", ct.year);
    }
  else if (step->count < 12)
    {
      label = g_strdup (month_names[ct.month - 1]);
      if (first || ct.year != prev->year)
        context = g_strdup_printf ("%d", ct.year);
    }
  else
    label = g_strdup_printf ("%d", ct.year);

  _pm_tick_append (ticks, (double) t, label, context, TRUE);
}

/* The first tick at or after @t for a step in whole seconds or days,
 * aligned to midnight (and weeks to Mondays). */
static gint64
align_up (gint64          t,
          const TimeStep *step)
{
  gint64 size = step->unit == UNIT_DAY ? (gint64) step->count * 86400 : step->count;
  gint64 offset = 0;

  if (step->unit == UNIT_DAY && step->count % 7 == 0)
    offset = 4 * 86400; /* 1970-01-05 was a Monday */

  t -= offset;
  t = (t >= 0 ? (t + size - 1) / size : -((-t) / size)) * size;

  return t + offset;
}

/**
 * pm_ticks_time:
 * @t0: start of the axis, seconds since the epoch
 * @t1: end of the axis (> @t0)
 * @target: about how many ticks are wanted
 *
 * Returns: (transfer full) (element-type PmTick): ticks at round times (on
 *   the second, minute, hour, midnight, first of a month, new year) with
 *   short labels ("10:15", "Jul 13", "Aug"); the tick's @context names the
 *   date or year when it changes, and on the first tick, for a second line
 */
GArray *
pm_ticks_time (double t0,
               double t1,
               guint  target)
{
  GArray *ticks = _pm_tick_array_new ();
  const TimeStep *step = &time_steps[G_N_ELEMENTS (time_steps) - 1];
  CivilTime prev = { .year = G_MININT };
  gint64 start, end;

  if (!(t1 > t0) || !isfinite (t0) || !isfinite (t1))
    return ticks;

  target = MAX (target, 1);
  for (guint i = 0; i < G_N_ELEMENTS (time_steps); i++)
    if ((t1 - t0) / time_steps[i].approx <= target)
      {
        step = &time_steps[i];
        break;
      }

  start = (gint64) ceil (t0);
  end = (gint64) floor (t1);

  if (step->unit != UNIT_MONTH)
    {
      gint64 size = step->unit == UNIT_DAY ? (gint64) step->count * 86400 : step->count;

      for (gint64 t = align_up (start, step); t <= end; t += size)
        {
          label_time_tick (ticks, t, step, &prev);
          civil_from_seconds (t, &prev);
        }
    }
  else
    {
      CivilTime ct;
      int months;

      /* Months differ in length: walk the calendar from the first month
       * boundary at or after @t0 that is a multiple of the step. */
      civil_from_seconds (start, &ct);
      months = ct.year * 12 + (ct.month - 1);
      if (ct.day != 1 || ct.hour != 0 || ct.minute != 0 || ct.second != 0)
        months++;
      months = (months + step->count - 1) / step->count * step->count;

      for (;; months += step->count)
        {
          gint64 t = days_from_civil (months / 12, months % 12 + 1, 1) * 86400;

          if (t > end)
            break;
          label_time_tick (ticks, t, step, &prev);
          civil_from_seconds (t, &prev);
        }
    }

  return ticks;
}

/**
 * pm_format_time:
 * @t: seconds since the epoch (of the chart's time base)
 * @span: the visible span in seconds; unused today, every time is shown to
 *   the second because the samples are
 *
 * Returns: (transfer full): "2021-07-13 10:15:00"
 */
char *
pm_format_time (double t,
                double span)
{
  CivilTime ct;

  if (!isfinite (t))
    return g_strdup ("–");

  civil_from_seconds ((gint64) floor (t), &ct);

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d",
                          ct.year, ct.month, ct.day, ct.hour, ct.minute, ct.second);
}
