/* pm-chart-view.h: the time chart widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-chart-renderer.h"
#include "pm-session.h"

G_BEGIN_DECLS

#define PM_TYPE_CHART_VIEW (pm_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (PmChartView, pm_chart_view, PM, CHART_VIEW, GtkWidget)

GtkWidget          *pm_chart_view_new            (void);
PmSession          *pm_chart_view_get_session    (PmChartView  *self);
void                pm_chart_view_set_session    (PmChartView  *self,
                                                  PmSession    *session);
void                pm_chart_view_zoom_by        (PmChartView  *self,
                                                  double        factor);
void                pm_chart_view_pan_by         (PmChartView  *self,
                                                  double        fraction);
const PmChartModel *pm_chart_view_get_model      (PmChartView  *self);
const PmChartTheme *pm_chart_view_get_theme      (PmChartView  *self);
gboolean            pm_chart_view_get_plot_area  (PmChartView  *self,
                                                  PmRect       *area);
gboolean            pm_chart_view_get_legend_swatch (PmChartView *self,
                                                  guint         series,
                                                  PmRect       *rect);
void                pm_chart_view_set_highlight_tag (PmChartView *self,
                                                  guint         tag);
int                 pm_chart_view_get_highlight  (PmChartView  *self);
gboolean            pm_chart_view_get_right_range (PmChartView *self,
                                                  double       *y0,
                                                  double       *y1);

const PmChartTheme *pm_chart_theme_for_widget    (GtkWidget    *widget);

G_END_DECLS
