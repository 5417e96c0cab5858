/* pm-overflow-box.h: a row of controls that gives up the last ones when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PM_TYPE_OVERFLOW_BOX (pm_overflow_box_get_type ())

G_DECLARE_FINAL_TYPE (PmOverflowBox, pm_overflow_box, PM, OVERFLOW_BOX, GtkWidget)

GtkWidget *pm_overflow_box_new (void);

G_END_DECLS
