/* pm-figures-title.c: the title line of an exported chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A picture that leaves the window loses the window's title bar: what was
 * loaded, which metric and which times. The export dialog and `--export`
 * draw this line above the chart unless asked not to.
 */
#include <math.h>

#include "pm-figures.h"

/* Whole minutes read best; a range under ten minutes keeps its seconds. */
static char *
format_time (double   t,
             gboolean seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) floor (t));

  if (dt == NULL)
    return g_strdup ("?");
  return g_date_time_format (dt, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M");
}

/**
 * pm_chart_figure_describe:
 * @session: a session with a dataset
 * @names: (nullable) (array zero-terminated=1): what was loaded (folders,
 *   runs or files); only their last parts are written
 *
 * Returns: (transfer full): the title line of @session's chart, e.g.
 *   "powershell · TotalUsedBytes · 2021-07-13 08:00 – 2021-07-14 03:50 UTC":
 *   the names, the metric (with "log scale") and the visible time range in
 *   the session's time base
 */
char *
pm_chart_figure_describe (PmSession          *session,
                          const char * const *names)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const PmChartRange *range = pm_session_get_range (session);
  gboolean seconds = range->t1 - range->t0 < 600;
  g_autofree char *from = format_time (range->t0, seconds);
  g_autofree char *to = format_time (range->t1, seconds);
  guint n = names != NULL ? g_strv_length ((char **) names) : 0;

  for (guint i = 0; i < n && i < 3; i++)
    {
      g_autofree char *base = g_path_get_basename (names[i]);
      g_autofree char *shown = g_filename_display_name (base);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", shown);
    }
  if (n > 3)
    g_string_append_printf (text, " and %u more", n - 3);
  if (n > 0)
    g_string_append (text, " · ");

  g_string_append (text, pm_metric_to_string (pm_session_get_metric (session)));
  if (pm_session_get_log_scale (session))
    g_string_append (text, " (log scale)");
  g_string_append_printf (text, " · %s – %s %s", from, to,
                          pm_session_get_time_base (session) == PM_TIME_BASE_UTC
                          ? "UTC" : "lab machine's clock");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
