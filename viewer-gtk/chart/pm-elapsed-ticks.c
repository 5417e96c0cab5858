/* pm-elapsed-ticks.c: ticks of elapsed time, from seconds to weeks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-elapsed-ticks.h"

#include <math.h>

#include "pm-chart-layout-private.h"
#include "pm-chart-renderer-private.h"
#include "pm-draw-private.h"

/* Steps a reader counts in: seconds, minutes, hours, days, weeks. */
static const double steps[] = {
  1, 2, 5, 10, 15, 30,
  60, 120, 300, 600, 900, 1800,
  3600, 7200, 10800, 21600, 43200,
  86400, 172800, 604800, 1209600, 2419200,
};

/**
 * pm_format_duration:
 * @seconds: a length of time (>= 0; a negative one is shown with "−")
 *
 * Returns: (transfer full): the length in its two largest units, e.g.
 *   "45 s", "12 min", "3 h 15 min", "2 d 6 h"
 */
char *
pm_format_duration (double seconds)
{
  const char *sign = seconds < 0 ? "−" : "";
  gint64 s = (gint64) llround (fabs (seconds));

  if (!isfinite (seconds))
    return g_strdup ("–");
  if (s < 60)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT " s", sign, s);
  if (s < 3600)
    return s % 60 == 0 ? g_strdup_printf ("%s%" G_GINT64_FORMAT " min", sign, s / 60)
                       : g_strdup_printf ("%s%" G_GINT64_FORMAT " min %" G_GINT64_FORMAT " s",
                                          sign, s / 60, s % 60);
  if (s < 86400)
    return (s / 60) % 60 == 0 ? g_strdup_printf ("%s%" G_GINT64_FORMAT " h", sign, s / 3600)
                              : g_strdup_printf ("%s%" G_GINT64_FORMAT " h %" G_GINT64_FORMAT " min",
                                                 sign, s / 3600, (s / 60) % 60);
  return (s / 3600) % 24 == 0 ? g_strdup_printf ("%s%" G_GINT64_FORMAT " d", sign, s / 86400)
                              : g_strdup_printf ("%s%" G_GINT64_FORMAT " d %" G_GINT64_FORMAT " h",
                                                 sign, s / 86400, (s / 3600) % 24);
}

/**
 * pm_format_elapsed:
 * @seconds: time since the start
 *
 * Returns: (transfer full): "+3 h 15 min", the hover readout's header on
 *   an elapsed-time axis ("+0 s" at the start)
 */
char *
pm_format_elapsed (double seconds)
{
  g_autofree char *d = pm_format_duration (seconds);

  return seconds < 0 ? g_steal_pointer (&d) : g_strdup_printf ("+%s", d);
}

/* A tick label: the step's unit decides ("6 h", "1 d 12 h", "90 min"). */
static char *
tick_label (double value,
            double step)
{
  gint64 v = (gint64) llround (value);

  if (v == 0)
    return g_strdup ("0");
  if (step >= 86400 && v % 86400 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " d", v / 86400);
  if (step >= 3600)
    return pm_format_duration (value);
  if (step >= 60 && llabs (v) < 3600 * 24)
    return llabs (v) % 3600 == 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " h", v / 3600)
                                 : pm_format_duration (value);
  return pm_format_duration (value);
}

/**
 * pm_ticks_elapsed:
 * @s0: first visible elapsed time, seconds
 * @s1: last one (> @s0)
 * @target: about how many intervals are wanted
 *
 * Returns: (transfer full) (element-type PmTick): ticks at whole minutes,
 *   hours or days of elapsed time, the values in seconds like @s0
 */
GArray *
pm_ticks_elapsed (double s0,
                  double s1,
                  guint  target)
{
  GArray *ticks = _pm_tick_array_new ();
  double span = s1 - s0, step = steps[G_N_ELEMENTS (steps) - 1];

  if (!(span > 0) || !isfinite (span))
    return ticks;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span / steps[i] <= MAX (target, 1))
      {
        step = steps[i];
        break;
      }
  /* Longer than the steps go: whole weeks, several at a time. */
  while (span / step > MAX (target, 1) * 1.5)
    step *= 2;

  for (double v = ceil (s0 / step) * step; v <= s1 + step * 1e-9; v += step)
    _pm_tick_append (ticks, v, tick_label (v, step), NULL, TRUE);

  return ticks;
}

/* Like the clock axis: as many ticks as fit without their labels running
 * into each other; the values are moved back into the series' times. */
GArray *
_pm_chart_elapsed_x_ticks (cairo_t *cr,
                           double   origin,
                           double   t0,
                           double   t1,
                           double   width)
{
  guint target = (guint) MAX (2, width / 80);

  for (;;)
    {
      GArray *ticks = pm_ticks_elapsed (t0 - origin, t1 - origin, target);
      double need = 0, spacing;

      for (guint i = 0; i < ticks->len; i++)
        {
          PmTick *tick = &g_array_index (ticks, PmTick, i);

          need = MAX (need, _pm_draw_text_width (cr, tick->label));
          tick->value += origin;
        }
      spacing = ticks->len > 1 ? width * (g_array_index (ticks, PmTick, 1).value -
                                          g_array_index (ticks, PmTick, 0).value) / (t1 - t0)
                               : width;
      if (spacing >= need + 12 || target <= 2)
        return ticks;

      g_array_unref (ticks);
      target = MAX (2, target * 2 / 3);
    }
}
