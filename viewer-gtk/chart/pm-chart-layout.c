/* pm-chart-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-chart-layout.h"
#include "pm-chart-layout-private.h"

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
      /* No "-0.000" for an r that rounds to zero. */
      return isfinite (value) ? g_strdup_printf ("%.3f", fabs (value) < 0.0005 ? 0.0 : value)
                              : g_strdup ("undefined");
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

GArray *
_pm_tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (PmTick));

  g_array_set_clear_func (ticks, tick_clear);

  return ticks;
}

void
_pm_tick_append (GArray   *ticks,
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
  GArray *ticks = _pm_tick_array_new ();
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

      _pm_tick_append (ticks, v, format_scaled (v, step, divisor, suffix, space), NULL, TRUE);
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

static guint
count_labelled (GArray *ticks)
{
  guint n = 0;

  for (guint i = 0; i < ticks->len; i++)
    n += g_array_index (ticks, PmTick, i).major;
  return n;
}

/**
 * pm_ticks_log:
 * @lo: bottom of the axis (> 0)
 * @hi: top of the axis (> @lo)
 * @target: about how many labelled ticks are wanted
 * @kind: bytes get ticks at powers of two (1 KiB, 4 KiB, 16 KiB ...),
 *   everything else at every power of ten (with 2 and 5 when few decades
 *   show); a range with fewer than two such values gets linear ticks
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
  GArray *ticks = _pm_tick_array_new ();
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
  /* Every decade keeps its label as long as the labels can be told apart
   * (about twice the asked-for count still fits a plot's height). */
  if (base == 10 && e_hi - e_lo <= 2.0 * target)
    every = 1;
  if (kind == PM_VALUE_KIND_BYTES && every > 2)
    every = every > 5 ? 10 * ceil (every / 10) : 5;
  if (kind == PM_VALUE_KIND_BYTES && every == 5)
    every = 10;

  for (double e = e_lo; e <= e_hi; e++)
    {
      double v = pow (base, e);
      gboolean major = fmod (e, every) == 0;

      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
        _pm_tick_append (ticks, v, major ? format_log_tick (v, kind) : g_strdup (""), NULL, major);

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
                _pm_tick_append (ticks, mv, labelled ? format_log_tick (mv, kind) : g_strdup (""),
                                 NULL, labelled);
            }
        }
      else if (base == 2 && every == 1 && e_hi - e_lo <= 2)
        {
          /* Less than a factor of four on screen: add the midpoints. */
          double mv = 1.5 * v;

          if (mv >= lo && mv <= hi)
            _pm_tick_append (ticks, mv, format_log_tick (mv, kind), NULL, TRUE);
        }
    }

  /* Zoomed within a decade, there may be no 1, 2 or 5 to label (600 to
   * 900): plain steps read better there than a bare axis. */
  if (count_labelled (ticks) < 2)
    {
      g_array_unref (ticks);
      return pm_ticks_linear (lo, hi, target, kind);
    }

  return ticks;
}
