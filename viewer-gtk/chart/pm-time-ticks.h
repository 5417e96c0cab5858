/* pm-time-ticks.h: time axis ticks and time labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are seconds of the chart's time base (UTC or the lab machine's
 * wall clock), shown as they are: never moved into the viewer's zone.
 */
#pragma once

#include <glib.h>

#include "pm-chart-layout.h"

G_BEGIN_DECLS

GArray  *pm_ticks_time        (double       t0,
                               double       t1,
                               guint        target);
char    *pm_format_time       (double       t,
                               double       span);

G_END_DECLS
