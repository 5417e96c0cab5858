/* pm-test-events.c: one line per state change, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "pm-test-events.h"

static gint64 started;

gboolean
pm_test_events_enabled (void)
{
  static gsize initialized;
  static gboolean enabled;

  if (g_once_init_enter (&initialized))
    {
      started = g_get_monotonic_time ();
      enabled = g_strcmp0 (g_getenv ("POOLMONVIZ_TEST_EVENTS"), "1") == 0;
      g_once_init_leave (&initialized, 1);
    }

  return enabled;
}

void
pm_test_event (const char *format,
               ...)
{
  va_list args;

  if (!pm_test_events_enabled ())
    return;

  /* Tests read stdout through a pipe: without the flush a line could sit in
   * the buffer while the test waits for it. */
  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* Milliseconds since the first pm_test_events_enabled() call, which
 * pm_application_new() makes: what the opening benchmark reports. */
gint64
pm_test_events_elapsed_ms (void)
{
  pm_test_events_enabled ();

  return (g_get_monotonic_time () - started) / 1000;
}
