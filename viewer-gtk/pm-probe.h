/* pm-probe.h: what the GUI tests see of the viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With POOLMONVIZ_TEST_EVENTS=1 in the environment, the probe prints one
 * line per state change on stdout ("READY chart_origin=X,Y ...", "ZOOM
 * t0=.. t1=..", "PAINTED", ...), flushed at once, so that a test driving
 * the window with xdotool knows when something happened instead of
 * sleeping and guessing. It watches from outside: the session's signals,
 * the widgets' public signals and getters, the frame clock's after-paint.
 * No widget calls it. docs/design.md lists the lines.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean pm_probe_enabled    (void);
gint64   pm_probe_elapsed_ms (void);
void     pm_probe_start      (GtkApplication *app);

G_END_DECLS
