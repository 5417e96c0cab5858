/* pm-a11y.h: small fixes to what screen readers are told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pm_a11y_fix_mnemonic_names (GtkWidget   *root);
void pm_a11y_label_drop_down    (GtkDropDown *dropdown,
                                 const char  *label);

G_END_DECLS
