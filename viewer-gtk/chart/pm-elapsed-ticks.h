/* pm-elapsed-ticks.h: an axis of time elapsed since a run's start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs recorded on different days are laid over each other on the time
 * since each one's first snapshot (docs/runs.md): the axis then reads
 * "0 h", "6 h", "1 d 12 h" instead of dates.
 */
#pragma once

#include <glib.h>

#include "pm-chart-layout.h"

G_BEGIN_DECLS

GArray  *pm_ticks_elapsed     (double       s0,
                               double       s1,
                               guint        target);
char    *pm_format_elapsed    (double       seconds);
char    *pm_format_duration   (double       seconds);

G_END_DECLS
