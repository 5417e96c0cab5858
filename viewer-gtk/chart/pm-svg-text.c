/* pm-svg-text.c: text of SVG exports as SVG <text>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cairo's SVG surface writes every glyph as a path: the labels of an
 * exported chart could be neither selected nor searched. An export to SVG
 * therefore collects the text the renderers draw (all of it goes through
 * _pm_draw_text()) instead of drawing it, as <text> elements with the same
 * place, transform, size, weight and colour, and pm_export_draw() writes
 * them before the document's end: they sit above the drawing, which is
 * where the renderers put their labels anyway.
 */
#include "pm-svg-text-private.h"

static const cairo_user_data_key_t layer_key;

/**
 * _pm_svg_text_attach:
 * @surface: an SVG surface
 * @layer: (transfer none): collects the <text> elements; must outlive the
 *   drawing
 */
void
_pm_svg_text_attach (cairo_surface_t *surface,
                     GString         *layer)
{
  cairo_surface_set_user_data (surface, &layer_key, layer, NULL);
}

static void
append_number (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.3f", v));
}

/**
 * _pm_svg_text_record:
 * @x: where the text's baseline starts, in user space
 * @y: its baseline
 *
 * Returns: %TRUE when @cr draws on an SVG surface with a layer attached:
 *   the text was recorded there and must not be drawn as glyphs
 */
gboolean
_pm_svg_text_record (cairo_t    *cr,
                     double      x,
                     double      y,
                     const char *text)
{
  GString *layer = cairo_surface_get_user_data (cairo_get_target (cr), &layer_key);
  cairo_font_face_t *face;
  cairo_matrix_t m, font;
  double r = 0, g = 0, b = 0, a = 1;
  g_autofree char *escaped = NULL;
  double values[6];

  if (layer == NULL)
    return FALSE;

  cairo_get_matrix (cr, &m);
  cairo_get_font_matrix (cr, &font);
  face = cairo_get_font_face (cr);
  if (cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a) != CAIRO_STATUS_SUCCESS)
    r = g = b = 0, a = 1;

  values[0] = m.xx;
  values[1] = m.yx;
  values[2] = m.xy;
  values[3] = m.yy;
  values[4] = m.x0;
  values[5] = m.y0;
  g_string_append (layer, "<text transform=\"matrix(");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (i > 0)
        g_string_append_c (layer, ' ');
      append_number (layer, values[i]);
    }
  g_string_append (layer, ")\" x=\"");
  append_number (layer, x);
  g_string_append (layer, "\" y=\"");
  append_number (layer, y);
  g_string_append (layer, "\" font-family=\"sans-serif\" font-size=\"");
  append_number (layer, font.yy);
  g_string_append_c (layer, '"');
  if (cairo_font_face_get_type (face) == CAIRO_FONT_TYPE_TOY &&
      cairo_toy_font_face_get_weight (face) == CAIRO_FONT_WEIGHT_BOLD)
    g_string_append (layer, " font-weight=\"bold\"");
  g_string_append_printf (layer, " fill=\"rgb(%d,%d,%d)\"", (int) (r * 255 + 0.5),
                          (int) (g * 255 + 0.5), (int) (b * 255 + 0.5));
  if (a < 1)
    {
      g_string_append (layer, " fill-opacity=\"");
      append_number (layer, a);
      g_string_append_c (layer, '"');
    }
  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (layer, " xml:space=\"preserve\">%s</text>\n", escaped);
  return TRUE;
}
