/* pm-correlation-view.h: the correlation matrix page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-heatmap-view.h"
#include "pm-session.h"

G_BEGIN_DECLS

/**
 * PmCorrelationMode:
 * @PM_CORRELATION_SELECTED: the tags shown on the chart (the old `-sc`)
 * @PM_CORRELATION_EVERY: every tag and TOTAL (the old `-sce`)
 */
typedef enum
{
  PM_CORRELATION_SELECTED,
  PM_CORRELATION_EVERY,
} PmCorrelationMode;

#define PM_TYPE_CORRELATION_VIEW (pm_correlation_view_get_type ())

G_DECLARE_FINAL_TYPE (PmCorrelationView, pm_correlation_view, PM, CORRELATION_VIEW, GtkWidget)

GtkWidget         *pm_correlation_view_new           (void);
void               pm_correlation_view_set_session   (PmCorrelationView *self,
                                                      PmSession         *session);
PmCorrelationMode  pm_correlation_view_get_mode      (PmCorrelationView *self);
void               pm_correlation_view_set_mode      (PmCorrelationView *self,
                                                      PmCorrelationMode  mode);
void               pm_correlation_view_set_increments (PmCorrelationView *self,
                                                      gboolean           increments);
PmHeatmapView     *pm_correlation_view_get_heatmap   (PmCorrelationView *self);

G_END_DECLS
