/* pm-figures-private.h: what the figures' CSV writers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void _pm_figures_append_csv_field (GString    *out,
                                   const char *text,
                                   gboolean    last);

G_END_DECLS
