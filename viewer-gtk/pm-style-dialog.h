/* pm-style-dialog.h: colour, line, width and marker of one series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-session.h"

G_BEGIN_DECLS

#define PM_TYPE_STYLE_DIALOG (pm_style_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PmStyleDialog, pm_style_dialog, PM, STYLE_DIALOG, GtkWindow)

GtkWindow *pm_style_dialog_new         (GtkWindow     *parent,
                                        PmSession     *session,
                                        guint          tag);
guint      pm_style_dialog_get_tag     (PmStyleDialog *self);
PmSession *pm_style_dialog_get_session (PmStyleDialog *self);

G_END_DECLS
