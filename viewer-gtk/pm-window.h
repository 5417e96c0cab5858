/* pm-window.h: a window showing one dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-application.h"
#include "pm-session.h"

G_BEGIN_DECLS

#define PM_TYPE_WINDOW (pm_window_get_type ())

G_DECLARE_FINAL_TYPE (PmWindow, pm_window, PM, WINDOW, GtkApplicationWindow)

PmWindow   *pm_window_new          (PmApplication      *app);
PmSession  *pm_window_get_session  (PmWindow           *self);
gint64      pm_window_get_load_time (PmWindow          *self);
gboolean    pm_window_is_empty     (PmWindow           *self);
void        pm_window_open_files   (PmWindow           *self,
                                    GFile             **files,
                                    int                 n_files);
void        pm_window_open_paths   (PmWindow           *self,
                                    const char * const *paths);
void        pm_window_add_view     (PmWindow           *self,
                                    GtkWidget          *view,
                                    const char         *name,
                                    const char         *title);
void        pm_window_show_view    (PmWindow           *self,
                                    const char         *name);

gboolean    pm_window_get_finding_leaks (PmWindow *self);
GtkWidget  *pm_window_get_follow_button (PmWindow *self);
GtkWidget  *pm_window_get_follow_status (PmWindow *self);

G_END_DECLS
