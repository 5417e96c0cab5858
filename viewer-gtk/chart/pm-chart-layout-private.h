/* pm-chart-layout-private.h: tick arrays, shared by the numeric and time ticks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-chart-layout.h"

G_BEGIN_DECLS

GArray *_pm_tick_array_new (void);
void    _pm_tick_append    (GArray   *ticks,
                            double    value,
                            char     *label,
                            char     *context,
                            gboolean  major);

G_END_DECLS
