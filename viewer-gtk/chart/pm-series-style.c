/* pm-series-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-series-style.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char * const line_style_names[] = { "solid", "dashed", "dotted" };
static const char * const marker_names[] = {
  "none", "circle", "square", "triangle", "diamond", "cross"
};

G_STATIC_ASSERT (G_N_ELEMENTS (line_style_names) == PM_N_LINE_STYLES);
G_STATIC_ASSERT (G_N_ELEMENTS (marker_names) == PM_N_MARKERS);

#define DEFAULT_WIDTH 1.5

/* The index of @text among @names, ignoring ASCII case. */
static gboolean
index_from_name (const char * const *names,
                 guint               n_names,
                 const char         *text,
                 guint              *index)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *index = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * pm_series_style_init_default:
 * @style: (out): the style
 * @index: the series' position among those shown
 *
 * The palette's colours in order, solid; once they are used up, the same
 * colours dashed, then dotted, so that no two of the first 36 series look
 * the same.
 */
void
pm_series_style_init_default (PmSeriesStyle *style,
                              guint          index)
{
  guint n = pm_palette_get_n_colors ();

  g_return_if_fail (style != NULL);

  pm_palette_get_color (index, &style->color);
  style->line_style = (PmLineStyle) ((index / n) % PM_N_LINE_STYLES);
  style->width = DEFAULT_WIDTH;
  style->marker = PM_MARKER_NONE;
}

gboolean
pm_series_style_equal (const PmSeriesStyle *a,
                       const PmSeriesStyle *b)
{
  return pm_rgba_equal (&a->color, &b->color) &&
         a->line_style == b->line_style &&
         fabs (a->width - b->width) < 1e-6 &&
         a->marker == b->marker;
}

const char *
pm_line_style_to_string (PmLineStyle line_style)
{
  g_return_val_if_fail (line_style < PM_N_LINE_STYLES, NULL);

  return line_style_names[line_style];
}

gboolean
pm_line_style_from_string (const char  *text,
                           PmLineStyle *line_style)
{
  guint i;

  if (!index_from_name (line_style_names, PM_N_LINE_STYLES, text, &i))
    return FALSE;

  *line_style = (PmLineStyle) i;
  return TRUE;
}

const char *
pm_marker_to_string (PmMarker marker)
{
  g_return_val_if_fail (marker < PM_N_MARKERS, NULL);

  return marker_names[marker];
}

gboolean
pm_marker_from_string (const char *text,
                       PmMarker   *marker)
{
  guint i;

  if (!index_from_name (marker_names, PM_N_MARKERS, text, &i))
    return FALSE;

  *marker = (PmMarker) i;
  return TRUE;
}

static gboolean
parse_width (const char *text,
             double     *width)
{
  char *end = NULL;
  double w;

  if (text == NULL || *text == '\0')
    return FALSE;

  /* Key files are written in C locale whatever the user's locale is. */
  w = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (w) ||
      w < PM_SERIES_STYLE_MIN_WIDTH || w > PM_SERIES_STYLE_MAX_WIDTH)
    return FALSE;

  *width = w;

  return TRUE;
}

static char *
format_width (double width)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", width));
}

/**
 * pm_series_style_to_string:
 * @style: a style
 *
 * Returns: (transfer full): e.g. "#2e7dd1 dashed 1.5 circle": colour, line
 *   style, width and marker, as pm_series_style_parse() reads them back
 */
char *
pm_series_style_to_string (const PmSeriesStyle *style)
{
  g_autofree char *color = NULL;
  g_autofree char *width = NULL;

  g_return_val_if_fail (style != NULL, NULL);

  color = pm_rgba_to_string (&style->color);
  width = format_width (style->width);

  return g_strdup_printf ("%s %s %s %s", color,
                          pm_line_style_to_string (style->line_style),
                          width,
                          pm_marker_to_string (style->marker));
}

/**
 * pm_series_style_parse:
 * @style: (inout): the style to change
 * @text: words separated by spaces, in any order: a colour ("#rrggbb" or
 *   "#rrggbbaa"), a line style, a width in pixels, a marker
 * @error: a #G_KEY_FILE_ERROR_INVALID_VALUE naming the word not understood
 *
 * Words that are left out keep their value in @style, so a hand-edited
 * "dashed" alone is a valid style.
 *
 * Returns: %TRUE on success; on failure @style is unchanged
 */
gboolean
pm_series_style_parse (PmSeriesStyle  *style,
                       const char     *text,
                       GError        **error)
{
  g_auto(GStrv) words = NULL;
  PmSeriesStyle parsed;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  parsed = *style;
  words = g_strsplit_set (text, " \t,;", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];

      if (*w == '\0')
        continue;
      if (pm_rgba_parse (&parsed.color, w) ||
          pm_line_style_from_string (w, &parsed.line_style) ||
          pm_marker_from_string (w, &parsed.marker) ||
          parse_width (w, &parsed.width))
        continue;

      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "“%s” in the style “%s” is not a colour (#rrggbb), a line style "
                   "(solid, dashed, dotted), a width (%g to %g) or a marker "
                   "(none, circle, square, triangle, diamond, cross)",
                   w, text, PM_SERIES_STYLE_MIN_WIDTH, PM_SERIES_STYLE_MAX_WIDTH);
      return FALSE;
    }

  *style = parsed;

  return TRUE;
}

/**
 * pm_series_style_save:
 * @style: a style
 * @key_file: where to write it
 * @group: the group, e.g. the tag's name
 *
 * Writes the keys color, line-style, width and marker.
 */
void
pm_series_style_save (const PmSeriesStyle *style,
                      GKeyFile            *key_file,
                      const char          *group)
{
  g_autofree char *color = NULL;
  g_autofree char *width = NULL;

  g_return_if_fail (style != NULL);
  g_return_if_fail (key_file != NULL);
  g_return_if_fail (group != NULL);

  color = pm_rgba_to_string (&style->color);
  width = format_width (style->width);

  g_key_file_set_string (key_file, group, "color", color);
  g_key_file_set_string (key_file, group, "line-style",
                         pm_line_style_to_string (style->line_style));
  g_key_file_set_string (key_file, group, "width", width);
  g_key_file_set_string (key_file, group, "marker", pm_marker_to_string (style->marker));
}

static gboolean
load_key (GKeyFile    *key_file,
          const char  *group,
          const char  *key,
          char       **value)
{
  *value = g_key_file_get_string (key_file, group, key, NULL);
  if (*value != NULL)
    g_strstrip (*value);

  return *value != NULL;
}

static gboolean
invalid_key (GError     **error,
             const char  *group,
             const char  *key,
             const char  *value)
{
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               "[%s] %s=%s is not valid", group, key, value);
  return FALSE;
}

/**
 * pm_series_style_load:
 * @style: (inout): the style to change
 * @key_file: where to read it
 * @group: the group
 * @error: #G_KEY_FILE_ERROR_GROUP_NOT_FOUND, or
 *   #G_KEY_FILE_ERROR_INVALID_VALUE naming the bad key
 *
 * Reads what pm_series_style_save() wrote. Missing keys keep their value.
 *
 * Returns: %TRUE on success; on failure @style is unchanged
 */
gboolean
pm_series_style_load (PmSeriesStyle  *style,
                      GKeyFile       *key_file,
                      const char     *group,
                      GError        **error)
{
  PmSeriesStyle loaded;
  g_autofree char *color = NULL;
  g_autofree char *line = NULL;
  g_autofree char *width = NULL;
  g_autofree char *marker = NULL;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (key_file != NULL, FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  if (!g_key_file_has_group (key_file, group))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                   "No style for “%s”", group);
      return FALSE;
    }

  loaded = *style;
  if (load_key (key_file, group, "color", &color) && !pm_rgba_parse (&loaded.color, color))
    return invalid_key (error, group, "color", color);
  if (load_key (key_file, group, "line-style", &line) &&
      !pm_line_style_from_string (line, &loaded.line_style))
    return invalid_key (error, group, "line-style", line);
  if (load_key (key_file, group, "width", &width) && !parse_width (width, &loaded.width))
    return invalid_key (error, group, "width", width);
  if (load_key (key_file, group, "marker", &marker) &&
      !pm_marker_from_string (marker, &loaded.marker))
    return invalid_key (error, group, "marker", marker);

  *style = loaded;

  return TRUE;
}
