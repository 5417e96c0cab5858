/* pm-test-events.h: one line per state change, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With POOLMONVIZ_TEST_EVENTS=1 in the environment the viewer prints lines
 * such as "ZOOM t0=... t1=..." on stdout, flushed at once, so that a test
 * driving the window with xdotool knows when something happened instead of
 * sleeping and guessing. Without the variable these calls cost one branch.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pm_test_events_enabled (void);
gint64   pm_test_events_elapsed_ms (void);
void     pm_test_event          (const char *format,
                                 ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
