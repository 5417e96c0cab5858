/* pm-problems-dialog.h: every problem the loader found, in a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "poolstats.h"

G_BEGIN_DECLS

GtkWindow *pm_problems_dialog_new (GtkWindow *parent,
                                   PmDataset *dataset);

G_END_DECLS
