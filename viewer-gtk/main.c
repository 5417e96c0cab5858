/* main.c: poolmonviz, the GTK 4 viewer of pool-tag snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "pm-application.h"
#include "pm-legacy-cli.h"
#include "pm-probe.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PmApplication) app = NULL;

  setlocale (LC_ALL, "");

  /* visualize.py's options, and --export without a display: handled before
   * any GtkApplication exists (pm-legacy-cli.c). */
  if (pm_legacy_cli_handles (argc, argv))
    return pm_legacy_cli_main (argc, argv);

  app = pm_application_new ();
  pm_probe_start (GTK_APPLICATION (app));
  g_application_set_option_context_description (G_APPLICATION (app), pm_legacy_cli_get_help ());

  return g_application_run (G_APPLICATION (app), argc, argv);
}
