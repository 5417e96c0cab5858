/* main.c: poolmonviz, the GTK 4 viewer of pool-tag snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "pm-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PmApplication) app = NULL;

  setlocale (LC_ALL, "");

  app = pm_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
