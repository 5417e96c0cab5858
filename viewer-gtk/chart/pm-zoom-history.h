/* pm-zoom-history.h: the views a user zoomed through, for Back and Home
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pm-chart-layout.h"

G_BEGIN_DECLS

/**
 * PmZoomHistory:
 *
 * A stack of #PmChartRange. The bottom is "home" (everything); push makes a
 * new range current and remembers the one before; back returns to it; home
 * pushes home once more, so Back after Home returns to the view before. Pushing the current range again does
 * nothing, so a click without a drag leaves no empty step behind.
 */
typedef struct _PmZoomHistory PmZoomHistory;

#define PM_ZOOM_HISTORY_MAX_DEPTH 256

PmZoomHistory      *pm_zoom_history_new          (const PmChartRange *home);
void                pm_zoom_history_free         (PmZoomHistory      *self);
void                pm_zoom_history_reset        (PmZoomHistory      *self,
                                                  const PmChartRange *home);
gboolean            pm_zoom_history_push         (PmZoomHistory      *self,
                                                  const PmChartRange *range);
void                pm_zoom_history_push_step    (PmZoomHistory      *self,
                                                  const PmChartRange *range);
void                pm_zoom_history_replace      (PmZoomHistory      *self,
                                                  const PmChartRange *range);
gboolean            pm_zoom_history_back         (PmZoomHistory      *self);
gboolean            pm_zoom_history_home         (PmZoomHistory      *self);
void                pm_zoom_history_set_home     (PmZoomHistory      *self,
                                                  const PmChartRange *home);
const PmChartRange *pm_zoom_history_get_current  (PmZoomHistory      *self);
const PmChartRange *pm_zoom_history_get_home     (PmZoomHistory      *self);
gboolean            pm_zoom_history_can_go_back  (PmZoomHistory      *self);
guint               pm_zoom_history_get_depth    (PmZoomHistory      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmZoomHistory, pm_zoom_history_free)

G_END_DECLS
