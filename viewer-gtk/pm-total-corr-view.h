/* pm-total-corr-view.h: the tags that move with TOTAL, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pmchart.h"
#include "pm-session.h"

G_BEGIN_DECLS

#define PM_TYPE_TOTAL_CORR_VIEW (pm_total_corr_view_get_type ())

G_DECLARE_FINAL_TYPE (PmTotalCorrView, pm_total_corr_view, PM, TOTAL_CORR_VIEW, GtkWidget)

GtkWidget          *pm_total_corr_view_new            (void);
void                pm_total_corr_view_set_session    (PmTotalCorrView *self,
                                                       PmSession       *session);
double              pm_total_corr_view_get_threshold  (PmTotalCorrView *self);
void                pm_total_corr_view_set_threshold  (PmTotalCorrView *self,
                                                       double           threshold);
const PmBarsModel  *pm_total_corr_view_get_model      (PmTotalCorrView *self);
const PmChartTheme *pm_total_corr_view_get_theme      (PmTotalCorrView *self);
void                pm_total_corr_view_focus_bars     (PmTotalCorrView *self);

G_END_DECLS
