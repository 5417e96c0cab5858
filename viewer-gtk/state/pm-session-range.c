/* pm-session-range.c: the session's time and value range, and its zoom history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The home view is every snapshot with the drawn series' values fitted
 * in; zooming pushes views on the history, Back and Home walk it. The
 * y range follows what is drawn unless the user chose it (box zoom).
 */
#include <math.h>

#include "pm-chart-renderer.h"
#include "pm-runs.h"
#include "pm-session-private.h"

static PmChartRange *
pm_chart_range_copy (const PmChartRange *range)
{
  return g_memdup2 (range, sizeof *range);
}

/* A range as a GValue: the session's "range" property. */
G_DEFINE_BOXED_TYPE (PmChartRange, pm_chart_range, pm_chart_range_copy, g_free)

/* The drawn series' values over [t0, t1], fitted by the chart model's
 * rule (pm_chart_model_autoscale()), which exports and tests use too. */
static void
fit_y (PmSession    *self,
       PmChartRange *range)
{
  g_autofree PmChartSeries *series = g_new0 (PmChartSeries, MAX (self->drawn->len, 1));
  PmChartModel model = { .series = series, .log_y = self->log_scale };
  PmChartRange fitted;
  const gint64 *times;
  guint n;

  times = pm_session_get_times (self, &n);
  for (guint i = 0; i < self->drawn->len && n > 0; i++)
    {
      PmChartSeries *s = &series[model.n_series++];

      s->times = times;
      s->values = pm_session_get_values (self, g_array_index (self->drawn, guint, i));
      s->lod = pm_session_get_lod (self, g_array_index (self->drawn, guint, i));
      s->n_points = n;
      /* A series hidden from the legend does not stretch the axis. */
      s->visible = !pm_session_get_series_hidden (self, g_array_index (self->drawn, guint, i));
      s->right_axis = _pm_session_total_on_right (self, g_array_index (self->drawn, guint, i));
    }

  pm_chart_model_autoscale (&model, range->t0, range->t1, &fitted);
  range->y0 = fitted.y0;
  range->y1 = fitted.y1;
  /* Other runs shown beside this one (pm-runs-chart.c). */
  _pm_runs_widen_fit (self, range);
}

void
_pm_session_compute_home (PmSession    *self,
                          PmChartRange *home)
{
  const gint64 *times;
  guint n;

  times = pm_session_get_times (self, &n);
  if (n == 0)
    {
      home->t0 = 0;
      home->t1 = 1;
    }
  else
    {
      home->t0 = times[0];
      home->t1 = times[n - 1];
      /* One snapshot is a point in time: give it a minute around. */
      if (home->t1 - home->t0 < 1)
        {
          home->t0 -= 30;
          home->t1 += 30;
        }
      _pm_runs_extend_home (self, home);
    }
  fit_y (self, home);
}

/* After a change of what is drawn, the home view and the current view
 * both refit their y range; the times stay where the user put them. */
void
_pm_session_refit (PmSession *self)
{
  PmChartRange home, current;
  gboolean zoomed;

  _pm_session_compute_home (self, &home);
  if (self->history == NULL)
    {
      self->history = pm_zoom_history_new (&home);
      _pm_session_set_current (self, &home);
      return;
    }

  zoomed = pm_session_get_zoomed (self);
  if (!zoomed)
    {
      /* Home moves with what is drawn; the steps before stay for Back. */
      pm_zoom_history_set_home (self->history, &home);
      _pm_session_set_current (self, &home);
      return;
    }

  current = self->range;
  fit_y (self, &current);
  pm_zoom_history_replace (self->history, &current);
  _pm_session_set_current (self, &current);
}

const PmChartRange *
pm_session_get_range (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  return &self->range;
}

const PmChartRange *
pm_session_get_home_range (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  if (self->history == NULL)
    return &self->range;

  return pm_zoom_history_get_home (self->history);
}

/**
 * pm_session_zoom:
 * @range: the new view
 * @rescale_y: fit y to the data visible in @range's times, ignoring its y
 * @new_step: %TRUE to remember the current view for Back; %FALSE to
 *   replace it (the steps of one pan or of a burst of wheel turns)
 *
 * Shows @range. A range wider than the data is cut to the data's span.
 */
void
pm_session_zoom (PmSession          *self,
                 const PmChartRange *range,
                 gboolean            rescale_y,
                 gboolean            new_step)
{
  const PmChartRange *home;
  PmChartRange r;

  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (range != NULL);

  if (self->history == NULL || !(range->t1 > range->t0))
    return;

  home = pm_zoom_history_get_home (self->history);
  r = *range;
  if (r.t1 - r.t0 >= home->t1 - home->t0)
    {
      r.t0 = home->t0;
      r.t1 = home->t1;
    }
  /* Below a second there is nothing more to see: snapshots have one-second
   * timestamps. */
  if (r.t1 - r.t0 < 1)
    {
      double mid = (r.t0 + r.t1) / 2;

      r.t0 = mid - 0.5;
      r.t1 = mid + 0.5;
    }
  if (rescale_y || !(r.y1 > r.y0) || (self->log_scale && r.y0 <= 0))
    fit_y (self, &r);

  if (new_step)
    pm_zoom_history_push (self->history, &r);
  else
    pm_zoom_history_replace (self->history, &r);

  _pm_session_set_current (self, pm_zoom_history_get_current (self->history));
}

void
pm_session_zoom_time (PmSession *self,
                      double     t0,
                      double     t1)
{
  PmChartRange r = { t0, t1, 0, 0 };

  pm_session_zoom (self, &r, TRUE, TRUE);
}

gboolean
pm_session_zoom_back (PmSession *self)
{
  guint depth;

  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  if (self->history == NULL)
    return FALSE;
  depth = pm_zoom_history_get_depth (self->history);
  if (!pm_zoom_history_back (self->history))
    return FALSE;

  _pm_session_set_current (self, pm_zoom_history_get_current (self->history));
  /* A step that charted other tags gives the old ones back (and refits
   * the view just restored to them). */
  _pm_session_restore_selection_step (self, depth);
  return TRUE;
}

void
pm_session_zoom_home (PmSession *self)
{
  g_return_if_fail (PM_IS_SESSION (self));

  if (self->history == NULL)
    return;

  pm_zoom_history_home (self->history);
  _pm_session_set_current (self, pm_zoom_history_get_current (self->history));
}

gboolean
pm_session_get_can_go_back (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  return self->history != NULL && pm_zoom_history_can_go_back (self->history);
}

gboolean
pm_session_get_zoomed (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  return self->history != NULL &&
         !pm_chart_range_equal (&self->range, pm_zoom_history_get_home (self->history));
}
