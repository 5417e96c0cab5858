/* pm-export-options.c: what the export dialog and --export let one choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format a name without an extension gets, the size ("1600x900") and
 * the theme ("light", "dark"), spelled the same in the window's save
 * dialog, in view.ini and on the command line.
 */
#include "pm-export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *extensions[] = { ".png", ".svg", ".pdf" };

/**
 * pm_export_format_get_extension:
 *
 * Returns: ".png", ".svg" or ".pdf"
 */
const char *
pm_export_format_get_extension (PmExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (extensions), ".png");

  return extensions[format];
}

/**
 * pm_export_path_with_format:
 * @path: a file name, as typed in a save dialog
 * @format: the format chosen there (its file type filter)
 *
 * Returns: (transfer full): @path itself when its extension names a
 *   format (the name wins), else @path with @format's extension added
 */
char *
pm_export_path_with_format (const char     *path,
                            PmExportFormat  format)
{
  PmExportFormat named;

  g_return_val_if_fail (path != NULL, NULL);

  if (pm_export_format_from_path (path, &named))
    return g_strdup (path);
  return g_strconcat (path, pm_export_format_get_extension (format), NULL);
}

/**
 * pm_export_parse_size:
 * @text: "WIDTHxHEIGHT" ("1600x900"; "×" and "X" work too)
 * @width: (out): the width
 * @height: (out): the height
 *
 * Returns: %FALSE unless @text is two positive whole numbers so joined
 *   (pm_export_draw() checks their range)
 */
gboolean
pm_export_parse_size (const char *text,
                      int        *width,
                      int        *height)
{
  const char *sep;
  char *end;
  long w, h;
  gsize sep_len = 1;

  if (text == NULL)
    return FALSE;
  sep = strchr (text, 'x');
  if (sep == NULL)
    sep = strchr (text, 'X');
  if (sep == NULL && (sep = strstr (text, "×")) != NULL)
    sep_len = strlen ("×");
  if (sep == NULL || sep == text || !g_ascii_isdigit (*text) || !g_ascii_isdigit (sep[sep_len]))
    return FALSE;

  errno = 0;
  w = strtol (text, &end, 10);
  if (end != sep || errno != 0 || w <= 0 || w > G_MAXINT)
    return FALSE;
  h = strtol (sep + sep_len, &end, 10);
  if (*end != '\0' || errno != 0 || h <= 0 || h > G_MAXINT)
    return FALSE;

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/**
 * pm_export_parse_theme:
 * @name: "light" or "dark"
 * @theme: (out): the chart theme of that name
 *
 * Returns: %FALSE for another name
 */
gboolean
pm_export_parse_theme (const char          *name,
                       const PmChartTheme **theme)
{
  if (g_strcmp0 (name, "light") == 0)
    *theme = pm_chart_theme_get_light ();
  else if (g_strcmp0 (name, "dark") == 0)
    *theme = pm_chart_theme_get_dark ();
  else
    return FALSE;
  return TRUE;
}
