/* pm-follow-schedule.h: when the leak finder runs again while following
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* After a run that took t (wall time), the next waits at least K × t: the
 * finder then runs at most 1 / (K + 1) of the wall time, and so uses at
 * most 10 % of the machine however many cores it uses (docs/follow.md,
 * "How often the leak finder runs"). */
#define PM_FOLLOW_SCHEDULE_FACTOR 9

/**
 * PmFollowSchedule:
 *
 * When to run the leak finder again while a folder is followed: a plain
 * state machine on a clock the caller gives (microseconds, any origin),
 * so that it is tested without waiting. Shared by the viewer and
 * `poolstats leaks --follow`.
 */
typedef struct
{
  gint64    min_interval;   /* µs between the end of a run and the next start, at least */
  gint64    not_before;     /* the clock's µs: no run from the schedule before */
  gint64    last_cost;      /* µs the last run took (wall), -1 before the first */
  gint64    total_cost;     /* µs all the finished runs took */
  guint     n_runs;         /* finished runs */
  gboolean  running;        /* a run is under way */
  gboolean  dirty;          /* new data since the last run started */
  gboolean  urgent;         /* asked for: no waiting (the end, the user) */
} PmFollowSchedule;

void      pm_follow_schedule_init        (PmFollowSchedule *self,
                                          gint64            min_interval);
void      pm_follow_schedule_data_came   (PmFollowSchedule *self);
void      pm_follow_schedule_ask         (PmFollowSchedule *self);
gint64    pm_follow_schedule_wait        (const PmFollowSchedule *self,
                                          gint64            now);
void      pm_follow_schedule_started     (PmFollowSchedule *self);
void      pm_follow_schedule_finished    (PmFollowSchedule *self,
                                          gint64            now,
                                          gint64            cost);
void      pm_follow_schedule_abandoned   (PmFollowSchedule *self);

G_END_DECLS
