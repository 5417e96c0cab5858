/* pm-window-runs.h: several runs in one window, and range figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-measure-card.h"
#include "pm-runs.h"
#include "pm-window.h"

G_BEGIN_DECLS

PmRuns        *pm_window_get_runs          (PmWindow      *self);
PmMeasureCard *pm_window_get_measure_card  (PmWindow      *self);
GtkDropDown   *pm_window_get_run_switch    (PmWindow      *self);
void           pm_window_add_run_paths     (PmWindow           *self,
                                            const char * const *paths);

G_END_DECLS
