/* pm-leaks-view.h: the Leaks page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-leaks-figure.h"
#include "pm-session.h"

G_BEGIN_DECLS

#define PM_TYPE_LEAKS_VIEW (pm_leaks_view_get_type ())

G_DECLARE_FINAL_TYPE (PmLeaksView, pm_leaks_view, PM, LEAKS_VIEW, GtkWidget)

GtkWidget          *pm_leaks_view_new          (void);
void                pm_leaks_view_set_session  (PmLeaksView  *self,
                                                PmSession    *session);
PmLeaksFigure      *pm_leaks_view_get_figure   (PmLeaksView  *self);
GtkWidget          *pm_leaks_view_get_row      (PmLeaksView  *self,
                                                guint         index);
const PmChartTheme *pm_leaks_view_get_theme    (PmLeaksView  *self);

G_END_DECLS
