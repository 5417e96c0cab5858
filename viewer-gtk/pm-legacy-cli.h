/* pm-legacy-cli.h: the old analyzer's command line, in the viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    pm_legacy_cli_handles  (int    argc,
                                    char **argv);
int         pm_legacy_cli_main     (int    argc,
                                    char **argv);
const char *pm_legacy_cli_get_help (void);

G_END_DECLS
