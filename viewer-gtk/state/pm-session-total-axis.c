/* pm-session-total-axis.c: TOTAL on a value axis of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TOTAL (hundreds of MiB) flattens tags of a few MiB on a shared axis.
 * With the session's total-axis on (the default, remembered as the user
 * left it), TOTAL is drawn against the chart's right-hand axis whenever
 * another series is drawn beside it, and the left axis fits the tags
 * alone: both can be read. The figure marks the series, the chart draws
 * the axis (chart/pm-chart-right-axis.c).
 */
#include "pm-session-private.h"

gboolean
pm_session_get_total_axis (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  return self->total_axis;
}

/**
 * pm_session_set_total_axis:
 * @total_axis: whether TOTAL gets the right-hand axis
 *
 * Refits the view (the left axis no longer holds TOTAL, or holds it again).
 */
void
pm_session_set_total_axis (PmSession *self,
                           gboolean   total_axis)
{
  g_return_if_fail (PM_IS_SESSION (self));

  total_axis = !!total_axis;
  if (self->total_axis == total_axis)
    return;

  self->total_axis = total_axis;
  if (self->dataset != NULL)
    _pm_session_refit (self);
  g_object_notify (G_OBJECT (self), "total-axis");
}

/* Whether @tag is TOTAL and drawn against the right-hand axis now: with
 * the axis asked for, TOTAL drawn and not hidden, beside at least one
 * other visible series. */
gboolean
_pm_session_total_on_right (PmSession *self,
                            guint      tag)
{
  guint total, n_drawn = 0;
  gboolean total_drawn = FALSE, other = FALSE;
  const guint *drawn;

  if (!self->total_axis || self->dataset == NULL)
    return FALSE;
  total = pm_dataset_get_total_tag (self->dataset);
  if (tag != total || pm_session_get_series_hidden (self, total))
    return FALSE;

  drawn = pm_session_get_drawn (self, &n_drawn);
  for (guint i = 0; i < n_drawn; i++)
    {
      if (drawn[i] == total)
        total_drawn = TRUE;
      else if (!pm_session_get_series_hidden (self, drawn[i]))
        other = TRUE;
    }
  return total_drawn && other;
}

/**
 * pm_session_get_total_on_right:
 *
 * Returns: whether the chart draws TOTAL against its right-hand axis now
 *   (total-axis on, TOTAL drawn beside another visible series)
 */
gboolean
pm_session_get_total_on_right (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  return self->dataset != NULL &&
         _pm_session_total_on_right (self, pm_dataset_get_total_tag (self->dataset));
}
