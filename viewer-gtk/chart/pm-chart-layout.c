/* pm-chart-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-chart-layout.h"

#include <math.h>
#include <string.h>

gboolean
pm_chart_range_equal (const PmChartRange *a,
                      const PmChartRange *b)
{
  return a->t0 == b->t0 && a->t1 == b->t1 && a->y0 == b->y0 && a->y1 == b->y1;
}

/* ---- value <-> pixel ---------------------------------------------------- */

static inline double
axis_f (gboolean log,
        double   v)
{
  return log ? log10 (v) : v;
}

/**
 * pm_axis_map_init:
 * @map: (out): the map
 * @v0: value at @p0
 * @v1: value at @p1; must differ from @v0 (both > 0 when @log)
 * @p0: pixel of @v0
 * @p1: pixel of @v1
 * @log: map log10 of the values
 *
 * A degenerate range (v0 == v1, or a non-positive end on a log map) is
 * widened rather than refused: a chart of one constant value still draws.
 */
void
pm_axis_map_init (PmAxisMap *map,
                  double     v0,
                  double     v1,
                  double     p0,
                  double     p1,
                  gboolean   log)
{
  double f0, f1;

  g_return_if_fail (map != NULL);

  if (log)
    {
      if (!(v0 > 0))
        v0 = v1 > 0 ? v1 / 10 : 1;
      if (!(v1 > 0))
        v1 = v0 * 10;
    }
  if (v0 == v1)
    {
      double pad = log ? v0 * 0.5 : MAX (fabs (v0) * 0.05, 0.5);

      v0 -= pad;
      v1 += pad;
    }

  map->v0 = v0;
  map->v1 = v1;
  map->p0 = p0;
  map->p1 = p1;
  map->log = log;

  f0 = axis_f (log, v0);
  f1 = axis_f (log, v1);
  map->b = (p1 - p0) / (f1 - f0);
  map->a = p0 - map->b * f0;
}

/**
 * pm_axis_map_to_pixel:
 *
 * Returns: the pixel of @value. On a log map, a value <= 0 lands one axis
 *   length beyond @p0, off the plot, so it is clipped rather than poisoning
 *   a path with infinities.
 */
double
pm_axis_map_to_pixel (const PmAxisMap *map,
                      double           value)
{
  if (map->log && !(value > 0))
    return map->p0 - (map->p1 - map->p0);

  return map->a + map->b * axis_f (map->log, value);
}

double
pm_axis_map_to_value (const PmAxisMap *map,
                      double           pixel)
{
  double f = (pixel - map->a) / map->b;

  return map->log ? pow (10, f) : f;
}

/* ---- numbers ------------------------------------------------------------ */

static const char * const byte_units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
static const char * const count_units[] = { "", "k", "M", "G", "T", "P" };

/* Picks the unit (a power of @base) in which @magnitude is below 1000. */
static guint
pick_unit (double magnitude,
           double base,
           double *divisor)
{
  guint unit = 0;

  *divisor = 1;
  while (unit + 1 < G_N_ELEMENTS (byte_units) && magnitude / *divisor >= 1000)
    {
      *divisor *= base;
      unit++;
    }

  return unit;
}

/**
 * pm_format_bytes:
 * @bytes: a byte count (negative for a decrease)
 *
 * Returns: (transfer full): e.g. "512 B", "1.5 KiB", "12.3 MiB", three
 *   significant digits in the largest unit that keeps the number below 1000
 */
char *
pm_format_bytes (double bytes)
{
  double divisor;
  guint unit;

  if (!isfinite (bytes))
    return g_strdup ("–");

  unit = pick_unit (fabs (bytes), 1024, &divisor);
  if (unit == 0)
    return g_strdup_printf ("%.0f B", bytes);

  return g_strdup_printf ("%.3g %s", bytes / divisor, byte_units[unit]);
}

/* "1234567" -> "1,234,567": counts are read digit for digit in a tooltip. */
static char *
group_thousands (const char *digits)
{
  GString *out = g_string_new (NULL);
  const char *p = digits;
  gsize n;

  if (*p == '-')
    g_string_append_c (out, *p++);
  n = strlen (p);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, p[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * pm_format_count:
 * @count: a count
 *
 * Returns: (transfer full): whole numbers in full with thousands
 *   separators ("1,234,567"), as are values of 1000 and more (rounded);
 *   smaller fractions get three significant digits
 */
char *
pm_format_count (double count)
{
  char buf[64];

  if (!isfinite (count))
    return g_strdup ("–");

  /* Averages of counts are not whole but are still read as counts. */
  if ((count == floor (count) || fabs (count) >= 1000) && fabs (count) < 1e15)
    {
      g_snprintf (buf, sizeof buf, "%.0f", count);
      return group_thousands (buf);
    }

  return g_strdup_printf ("%.3g", count);
}

/**
 * pm_format_value:
 * @value: a value of @kind
 * @kind: what it is
 *
 * Returns: (transfer full): @value as a tooltip shows it
 */
char *
pm_format_value (double      value,
                 PmValueKind kind)
{
  switch (kind)
    {
    case PM_VALUE_KIND_BYTES:
      return pm_format_bytes (value);
    case PM_VALUE_KIND_CORRELATION:
      return isfinite (value) ? g_strdup_printf ("%.3f", value) : g_strdup ("undefined");
    case PM_VALUE_KIND_COUNT:
    default:
      return pm_format_count (value);
    }
}

/* ---- numeric ticks ------------------------------------------------------ */

static void
tick_clear (gpointer data)
{
  PmTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
  g_clear_pointer (&tick->context, g_free);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (PmTick));

  g_array_set_clear_func (ticks, tick_clear);

  return ticks;
}

static void
tick_append (GArray   *ticks,
             double    value,
             char     *label,
             char     *context,
             gboolean  major)
{
  PmTick tick = { value, label, context, major };

  g_array_append_val (ticks, tick);
}

/**
 * pm_ticks_nice_step:
 * @range: the span to cover (> 0)
 * @target: about how many intervals are wanted (>= 1)
 *
 * Returns: 1, 2, 2.5 or 5 times a power of ten, the smallest such step that
 *   gives at most @target intervals over @range
 */
double
pm_ticks_nice_step (double range,
                    guint  target)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double raw, mag;

  if (!(range > 0) || !isfinite (range))
    return 1;

  raw = range / MAX (target, 1);
  mag = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * mag >= raw * (1 - 1e-9))
      return steps[i] * mag;

  return 10 * mag;
}

/* Digits after the point that a step of @step needs. */
static int
step_decimals (double step)
{
  int d = 0;

  while (d < 9 && fabs (step - round (step)) > 1e-9 * MAX (1, fabs (step)))
    {
      step *= 10;
      d++;
    }

  return d;
}

static char *
format_scaled (double      value,
               double      step,
               double      divisor,
               const char *suffix,
               gboolean    space)
{
  char buf[64];

  if (fabs (value) < step * 1e-6)
    return g_strdup ("0");

  g_snprintf (buf, sizeof buf, "%.*f", step_decimals (step / divisor), value / divisor);
  if (*suffix == '\0')
    return g_strdup (buf);

  return g_strdup_printf ("%s%s%s", buf, space ? " " : "", suffix);
}

/**
 * pm_ticks_linear:
 * @lo: bottom of the axis
 * @hi: top of the axis (> @lo)
 * @target: about how many intervals are wanted
 * @kind: bytes get KiB/MiB/GiB labels, counts k/M/G above 100,000
 *
 * Returns: (transfer full) (element-type PmTick): ticks at multiples of a
 *   nice step inside [@lo, @hi], labelled so that every label has the
 *   same number of decimals
 */
GArray *
pm_ticks_linear (double      lo,
                 double      hi,
                 guint       target,
                 PmValueKind kind)
{
  GArray *ticks = tick_array_new ();
  double magnitude = MAX (fabs (lo), fabs (hi));
  double divisor = 1, step;
  const char *suffix = "";
  gboolean space = TRUE;

  if (!(hi > lo) || !isfinite (lo) || !isfinite (hi))
    return ticks;

  if (kind == PM_VALUE_KIND_BYTES)
    {
      guint unit = pick_unit (magnitude, 1024, &divisor);

      suffix = byte_units[unit];
    }
  else if (kind == PM_VALUE_KIND_COUNT && magnitude >= 1e5)
    {
      guint unit = pick_unit (magnitude, 1000, &divisor);

      suffix = count_units[unit];
      space = FALSE;
    }

  /* Nice in the unit shown: 0.5 GiB steps, not 536,870,912 B steps. */
  step = pm_ticks_nice_step ((hi - lo) / divisor, target) * divisor;

  for (double k = ceil (lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
    {
      double v = k * step;

      tick_append (ticks, v, format_scaled (v, step, divisor, suffix, space), NULL, TRUE);
      if (ticks->len > 1000)
        break;
    }

  return ticks;
}

static char *
format_log_tick (double      v,
                 PmValueKind kind)
{
  if (kind == PM_VALUE_KIND_BYTES)
    {
      double divisor;
      guint unit = pick_unit (v * 1.0000001, 1024, &divisor);

      return g_strdup_printf ("%.4g %s", v / divisor, byte_units[unit]);
    }

  if (v >= 1e5 || v < 1e-3)
    {
      int e = (int) floor (log10 (v) + 1e-9);
      double m = v / pow (10, e);

      if (fabs (m - 1) < 1e-6)
        return g_strdup_printf ("1e%d", e);
      return g_strdup_printf ("%.0fe%d", m, e);
    }

  return g_strdup_printf ("%.4g", v);
}

/**
 * pm_ticks_log:
 * @lo: bottom of the axis (> 0)
 * @hi: top of the axis (> @lo)
 * @target: about how many labelled ticks are wanted
 * @kind: bytes get ticks at powers of two (1 KiB, 4 KiB, 16 KiB ...),
 *   everything else at powers of ten (with 2 and 5 when few decades show)
 *
 * Returns: (transfer full) (element-type PmTick): labelled major ticks and
 *   unlabelled minor ones (label "" and major %FALSE)
 */
GArray *
pm_ticks_log (double      lo,
              double      hi,
              guint       target,
              PmValueKind kind)
{
  GArray *ticks = tick_array_new ();
  double base = kind == PM_VALUE_KIND_BYTES ? 2 : 10;
  double e_lo, e_hi, every;

  if (!(lo > 0) || !(hi > lo) || !isfinite (hi))
    return ticks;

  target = MAX (target, 2);
  e_lo = floor (log (lo) / log (base) + 1e-9);
  e_hi = ceil (log (hi) / log (base) - 1e-9);

  /* Label every n-th power so about @target labels show. For bytes keep
   * n a divisor of 10 so that whole units (KiB, MiB ...) are labelled. */
  every = MAX (1, ceil ((e_hi - e_lo) / target));
  if (kind == PM_VALUE_KIND_BYTES && every > 2)
    every = every > 5 ? 10 * ceil (every / 10) : 5;
  if (kind == PM_VALUE_KIND_BYTES && every == 5)
    every = 10;

  for (double e = e_lo; e <= e_hi; e++)
    {
      double v = pow (base, e);
      gboolean major = fmod (e, every) == 0;

      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
        tick_append (ticks, v, major ? format_log_tick (v, kind) : g_strdup (""), NULL, major);

      /* Decimal axes get 2..9 in between: labelled 2 and 5 when there is
       * room for them, grid-only otherwise. */
      if (base == 10 && every == 1)
        {
          gboolean room = (e_hi - e_lo) * 3 <= target;

          for (int m = 2; m <= 9; m++)
            {
              double mv = m * v;
              gboolean labelled = room && (m == 2 || m == 5);

              if (mv >= lo && mv <= hi)
                tick_append (ticks, mv, labelled ? format_log_tick (mv, kind) : g_strdup (""),
                             NULL, labelled);
            }
        }
      else if (base == 2 && every == 1 && e_hi - e_lo <= 2)
        {
          /* Less than a factor of four on screen: add the midpoints. */
          double mv = 1.5 * v;

          if (mv >= lo && mv <= hi)
            tick_append (ticks, mv, format_log_tick (mv, kind), NULL, TRUE);
        }
    }

  return ticks;
}

/* ---- time ticks --------------------------------------------------------- */

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

  tick_append (ticks, (double) t, label, context, TRUE);
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
  GArray *ticks = tick_array_new ();
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
