/* pm-gen-leaks.h: the `leaks` scenario of pm-generate — planted leaks and traps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A simulated machine for judging a leak finder: leaks of many kinds (steady
 * ones of widely varied rates, very slow ones small beside their tag's size,
 * leaks that start mid-run, staircases of bursts never freed, a leak inside
 * a workload-following group, a leak in a tag loaded mid-run) among the
 * things that look like leaks and are not (caches warming up, bursts given
 * back, one-time level steps, tags loaded mid-run, a workload-following
 * group, random walks and AR(1) series near a unit root, busy tags whose
 * counters wrap, tags zero most of the time, tags that shrink), with
 * reboots (leaks and caches start again) and jitter in the snapshot times.
 * Every parameter is drawn per seed, over wide ranges. The truth says per
 * tag what was planted.
 */
#pragma once

#include <glib.h>

#include "pm-gen-model.h"

G_BEGIN_DECLS

typedef enum
{
  PM_GEN_LEAK_BACKGROUND,     /* wanders around its level (AR(1) + noise) */
  PM_GEN_LEAK_STEADY,         /* leaks at a steady rate; restarts at each boot */
  PM_GEN_LEAK_SLOW,           /* leaks slowly, a fraction of a per cent of its size */
  PM_GEN_LEAK_MID,            /* starts leaking mid-run */
  PM_GEN_LEAK_STAIRCASE,      /* bursts never freed */
  PM_GEN_LEAK_IN_WORKLOAD,    /* follows the workload and leaks beneath it */
  PM_GEN_LEAK_LATE,           /* loaded mid-run, then leaks */
  PM_GEN_LEAK_WARMING,        /* a cache filling up, then flat; again at each boot */
  PM_GEN_LEAK_BURST,          /* grows for a while, then gives it back */
  PM_GEN_LEAK_STEP,           /* one level step, flat before and after */
  PM_GEN_LEAK_LATE_FLAT,      /* loaded mid-run, no trend */
  PM_GEN_LEAK_WORKLOAD,       /* follows the workload: a shared walk and the day */
  PM_GEN_LEAK_RANDOM_WALK,    /* a random walk */
  PM_GEN_LEAK_AR_NEAR_1,      /* AR(1) with phi close to 1 */
  PM_GEN_LEAK_WRAP,           /* busy: its 32-bit counters wrap */
  PM_GEN_LEAK_MOSTLY_ZERO,    /* zero most of the time */
  PM_GEN_LEAK_SHRINKS,        /* gives memory back steadily */
  PM_GEN_LEAK_N_KINDS
} PmGenLeakKind;

PmGenLeaks  *pm_gen_leaks_new             (guint          n_tags,
                                           guint          n_snapshots,
                                           guint          interval,
                                           guint64        seed);
void         pm_gen_leaks_free            (PmGenLeaks    *self);
const char  *pm_gen_leaks_get_tag         (PmGenLeaks    *self,
                                           guint          tag);
PmGenLeakKind pm_gen_leaks_get_kind       (PmGenLeaks    *self,
                                           guint          tag);
gboolean     pm_gen_leaks_get_leaks       (PmGenLeaks    *self,
                                           guint          tag);
double       pm_gen_leaks_get_rate        (PmGenLeaks    *self,
                                           guint          tag);
gint64       pm_gen_leaks_get_time_offset (PmGenLeaks    *self,
                                           guint          snapshot);
guint        pm_gen_leaks_get_n_boots     (PmGenLeaks    *self);
void         pm_gen_leaks_advance         (PmGenLeaks    *self);
gboolean     pm_gen_leaks_get_row         (PmGenLeaks    *self,
                                           guint          tag,
                                           PmGenRow      *row);
const char  *pm_gen_leak_kind_to_string   (PmGenLeakKind  kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmGenLeaks, pm_gen_leaks_free)

G_END_DECLS
