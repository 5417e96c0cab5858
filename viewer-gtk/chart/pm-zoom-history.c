/* pm-zoom-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-zoom-history.h"

struct _PmZoomHistory
{
  /* Element 0 is home; the last element is the current range. */
  GArray *ranges;
};

/**
 * pm_zoom_history_new:
 * @home: the range that shows everything
 *
 * Returns: (transfer full): a history holding only @home
 */
PmZoomHistory *
pm_zoom_history_new (const PmChartRange *home)
{
  PmZoomHistory *self;

  g_return_val_if_fail (home != NULL, NULL);

  self = g_new0 (PmZoomHistory, 1);
  self->ranges = g_array_new (FALSE, FALSE, sizeof (PmChartRange));
  g_array_append_val (self->ranges, *home);

  return self;
}

void
pm_zoom_history_free (PmZoomHistory *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->ranges);
  g_free (self);
}

/**
 * pm_zoom_history_reset:
 * @self: a history
 * @home: the new home, e.g. after other data was loaded
 *
 * Forgets every step and makes @home current.
 */
void
pm_zoom_history_reset (PmZoomHistory      *self,
                       const PmChartRange *home)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (home != NULL);

  g_array_set_size (self->ranges, 0);
  g_array_append_val (self->ranges, *home);
}

/**
 * pm_zoom_history_push:
 * @self: a history
 * @range: the range zoomed to
 *
 * Makes @range current; Back returns to the range current before. Beyond
 * %PM_ZOOM_HISTORY_MAX_DEPTH steps the oldest step (never home) is dropped.
 *
 * Returns: %FALSE if @range was already current (nothing was pushed)
 */
gboolean
pm_zoom_history_push (PmZoomHistory      *self,
                      const PmChartRange *range)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  if (pm_chart_range_equal (pm_zoom_history_get_current (self), range))
    return FALSE;

  if (self->ranges->len >= PM_ZOOM_HISTORY_MAX_DEPTH)
    g_array_remove_index (self->ranges, 1);
  g_array_append_val (self->ranges, *range);

  return TRUE;
}

/**
 * pm_zoom_history_push_step:
 * @self: a history
 * @range: the range to show
 *
 * Pushes @range even when it is current: a step that changed something
 * other than the range (the tags shown), which Back must undo.
 */
void
pm_zoom_history_push_step (PmZoomHistory      *self,
                           const PmChartRange *range)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (range != NULL);

  if (self->ranges->len >= PM_ZOOM_HISTORY_MAX_DEPTH)
    g_array_remove_index (self->ranges, 1);
  g_array_append_val (self->ranges, *range);
}

/**
 * pm_zoom_history_replace:
 * @self: a history
 * @range: the range panned to
 *
 * Changes the current range without adding a step, for continuous moves
 * (panning, each wheel notch of one gesture). Home itself is never
 * changed: at home this pushes instead, so Back still returns there.
 */
void
pm_zoom_history_replace (PmZoomHistory      *self,
                         const PmChartRange *range)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (range != NULL);

  if (self->ranges->len == 1)
    {
      pm_zoom_history_push (self, range);
      return;
    }

  g_array_index (self->ranges, PmChartRange, self->ranges->len - 1) = *range;
}

/**
 * pm_zoom_history_back:
 * @self: a history
 *
 * Returns to the range before the current one.
 *
 * Returns: %FALSE when already at home (nothing changed)
 */
gboolean
pm_zoom_history_back (PmZoomHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->ranges->len <= 1)
    return FALSE;

  g_array_set_size (self->ranges, self->ranges->len - 1);

  return TRUE;
}

/**
 * pm_zoom_history_home:
 * @self: a history
 *
 * Shows home as one more step: Back returns to the view before it, so
 * Home loses nothing the user zoomed through.
 *
 * Returns: %FALSE when already at home (nothing changed)
 */
gboolean
pm_zoom_history_home (PmZoomHistory *self)
{
  PmChartRange home;

  g_return_val_if_fail (self != NULL, FALSE);

  home = *pm_zoom_history_get_home (self);
  return pm_zoom_history_push (self, &home);
}

/**
 * pm_zoom_history_set_home:
 * @self: a history
 * @home: the new home (everything, with its values fitted anew)
 *
 * Replaces home, and every step that showed home (the Home steps), keeping
 * the steps in between.
 */
void
pm_zoom_history_set_home (PmZoomHistory      *self,
                          const PmChartRange *home)
{
  PmChartRange old;

  g_return_if_fail (self != NULL);
  g_return_if_fail (home != NULL);

  old = *pm_zoom_history_get_home (self);
  for (guint i = 0; i < self->ranges->len; i++)
    if (i == 0 || pm_chart_range_equal (&g_array_index (self->ranges, PmChartRange, i), &old))
      g_array_index (self->ranges, PmChartRange, i) = *home;
}

const PmChartRange *
pm_zoom_history_get_current (PmZoomHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &g_array_index (self->ranges, PmChartRange, self->ranges->len - 1);
}

const PmChartRange *
pm_zoom_history_get_home (PmZoomHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &g_array_index (self->ranges, PmChartRange, 0);
}

gboolean
pm_zoom_history_can_go_back (PmZoomHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->ranges->len > 1;
}

/**
 * pm_zoom_history_get_depth:
 * @self: a history
 *
 * Returns: how many times Back can be used (0 at home)
 */
guint
pm_zoom_history_get_depth (PmZoomHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ranges->len - 1;
}
