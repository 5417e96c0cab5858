/* pm-application.h: the poolmonviz GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-user-state.h"

G_BEGIN_DECLS

#define PM_APPLICATION_ID "org.poolmonviz.Viewer"

#define PM_TYPE_APPLICATION (pm_application_get_type ())

G_DECLARE_FINAL_TYPE (PmApplication, pm_application, PM, APPLICATION, GtkApplication)

PmApplication *pm_application_new              (void);
PmUserState   *pm_application_get_user_state   (PmApplication *self);
gboolean       pm_application_get_use_store    (PmApplication *self);
int            pm_application_get_follow_mode  (PmApplication *self);

G_END_DECLS
