/* pm-follow-schedule.c: when the leak finder runs again while following
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leak finder judges every tag over the whole history, so a run costs
 * more as the followed folder grows (about 0.2 s for 3,000 tags × 2,880
 * snapshots on two cores, a minute after a week at a snapshot a second).
 * Runs after new data are therefore spaced: one at a time, and the next
 * not before max (interval, K × the last run's wall time) after the end of
 * the last, so the finder is at work at most 1 / (K + 1) of the time.
 * A run asked for (the follow ends, the user wants the verdicts now) does
 * not wait. docs/follow.md explains the choice of K.
 */
#include "pm-follow-schedule.h"

#include <string.h>

/**
 * pm_follow_schedule_init:
 * @min_interval: µs from the end of a run to the start of the next, at least
 *
 * Starts a schedule with nothing to run and no wait.
 */
void
pm_follow_schedule_init (PmFollowSchedule *self,
                         gint64            min_interval)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->min_interval = MAX (min_interval, 0);
  self->not_before = G_MININT64;
  self->last_cost = -1;
}

/**
 * pm_follow_schedule_data_came:
 *
 * New snapshots: a run is due, when the wait allows.
 */
void
pm_follow_schedule_data_came (PmFollowSchedule *self)
{
  g_return_if_fail (self != NULL);

  self->dirty = TRUE;
}

/**
 * pm_follow_schedule_ask:
 *
 * A run wanted now (the follow ends and its data must be judged, or the
 * user asks): the next run does not wait, even with no new data since the
 * last one started. It still comes after a run under way.
 */
void
pm_follow_schedule_ask (PmFollowSchedule *self)
{
  g_return_if_fail (self != NULL);

  self->urgent = TRUE;
}

/**
 * pm_follow_schedule_wait:
 * @now: the clock, µs
 *
 * Returns: -1 when no run is to be started (nothing new, or one is under
 *   way; ask again after pm_follow_schedule_data_came() or _finished()),
 *   0 to start one now, else the µs to wait before it
 */
gint64
pm_follow_schedule_wait (const PmFollowSchedule *self,
                         gint64                  now)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->running)
    return -1;
  if (self->urgent)
    return 0;
  if (!self->dirty)
    return -1;
  if (self->not_before == G_MININT64 || now >= self->not_before)
    return 0;
  return self->not_before - now;
}

/**
 * pm_follow_schedule_started:
 *
 * A run started: it covers every snapshot up to now.
 */
void
pm_follow_schedule_started (PmFollowSchedule *self)
{
  g_return_if_fail (self != NULL);

  self->running = TRUE;
  self->dirty = FALSE;
  self->urgent = FALSE;
}

/**
 * pm_follow_schedule_finished:
 * @now: the clock, µs
 * @cost: the wall time the run took, µs
 *
 * A run ended (also one the schedule did not start, as the first after a
 * load): the next waits max (interval, %PM_FOLLOW_SCHEDULE_FACTOR × @cost).
 */
void
pm_follow_schedule_finished (PmFollowSchedule *self,
                             gint64            now,
                             gint64            cost)
{
  g_return_if_fail (self != NULL);

  cost = MAX (cost, 0);
  self->running = FALSE;
  self->last_cost = cost;
  self->total_cost += cost;
  self->n_runs++;
  /* Saturating: a run of hours must not overflow the clock. */
  if (cost > (G_MAXINT64 / 2) / PM_FOLLOW_SCHEDULE_FACTOR)
    self->not_before = G_MAXINT64 / 2;
  else
    self->not_before = now + MAX (self->min_interval, PM_FOLLOW_SCHEDULE_FACTOR * cost);
}

/**
 * pm_follow_schedule_abandoned:
 *
 * A run was cancelled before its end: nothing it judged counts, so the
 * data it covered is due again (after the wait of the run before).
 */
void
pm_follow_schedule_abandoned (PmFollowSchedule *self)
{
  g_return_if_fail (self != NULL);

  if (!self->running)
    return;
  self->running = FALSE;
  self->dirty = TRUE;
}
