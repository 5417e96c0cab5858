/* pm-draw.c: drawing helpers shared by the renderers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-draw-private.h"
#include "pm-svg-text-private.h"

#include <math.h>
#include <string.h>

void
_pm_draw_set_color (cairo_t      *cr,
                    const PmRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
_pm_draw_set_color_a (cairo_t      *cr,
                      const PmRgba *color,
                      double        alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Cairo's "toy" text API: it needs no Pango (GLib and Cairo only, so
 * export works without GTK) and draws the short labels a chart has well
 * enough. Cairo caches the face, so selecting it per label is cheap. */
void
_pm_draw_set_font (cairo_t  *cr,
                   double    size,
                   gboolean  bold)
{
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

double
_pm_draw_text_width (cairo_t    *cr,
                     const char *text)
{
  cairo_text_extents_t ext;

  if (text == NULL || *text == '\0')
    return 0;

  cairo_text_extents (cr, text, &ext);

  return ext.x_advance;
}

double
_pm_draw_line_height (cairo_t *cr)
{
  cairo_font_extents_t fe;

  cairo_font_extents (cr, &fe);

  return fe.ascent + fe.descent;
}

/**
 * _pm_draw_text:
 * @align_x: 0 puts @x at the left of the text, 0.5 the middle, 1 the right
 * @align_y: the same for @y over the font's ascent + descent (0 = top)
 */
void
_pm_draw_text (cairo_t    *cr,
               double      x,
               double      y,
               const char *text,
               double      align_x,
               double      align_y)
{
  cairo_font_extents_t fe;
  double w;

  if (text == NULL || *text == '\0')
    return;

  cairo_font_extents (cr, &fe);
  w = _pm_draw_text_width (cr, text);
  /* Whole pixels keep the glyphs sharp on image surfaces. */
  x = round (x - align_x * w);
  y = round (y - align_y * (fe.ascent + fe.descent) + fe.ascent);
  /* An SVG export keeps its text as text (pm-svg-text.c). */
  if (_pm_svg_text_record (cr, x, y, text))
    return;
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

/* Centred on (@x, @y), reading upwards: the y axis title. */
void
_pm_draw_text_rotated (cairo_t    *cr,
                       double      x,
                       double      y,
                       const char *text)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, -G_PI / 2);
  _pm_draw_text (cr, 0, 0, text, 0.5, 0.5);
  cairo_restore (cr);
}

/**
 * _pm_draw_ellipsize:
 *
 * Returns: (transfer full): @text, cut with "…" so it fits @max_width
 */
char *
_pm_draw_ellipsize (cairo_t    *cr,
                    const char *text,
                    double      max_width)
{
  g_autofree char *cut = NULL;
  glong n;

  if (_pm_draw_text_width (cr, text) <= max_width)
    return g_strdup (text);

  n = g_utf8_strlen (text, -1);
  while (n > 1)
    {
      g_autofree char *head = g_utf8_substring (text, 0, --n);

      g_free (cut);
      cut = g_strconcat (head, "…", NULL);
      if (_pm_draw_text_width (cr, cut) <= max_width)
        return g_steal_pointer (&cut);
    }

  return g_strdup ("…");
}

void
_pm_draw_set_line_style (cairo_t             *cr,
                         const PmSeriesStyle *style)
{
  double w = style->width;

  cairo_set_line_width (cr, w);
  switch (style->line_style)
    {
    case PM_LINE_STYLE_DASHED:
      {
        double dash[] = { 4 * w + 2, 2 * w + 1 };

        cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
        cairo_set_dash (cr, dash, 2, 0);
      }
      break;

    case PM_LINE_STYLE_DOTTED:
      {
        /* Zero-length dashes with round caps are round dots. */
        double dash[] = { 0, 2 * w + 1 };

        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash (cr, dash, 2, 0);
      }
      break;

    case PM_LINE_STYLE_SOLID:
    default:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
}

void
_pm_draw_marker_path (cairo_t  *cr,
                      PmMarker  marker,
                      double    x,
                      double    y,
                      double    r)
{
  switch (marker)
    {
    case PM_MARKER_SQUARE:
      r *= 0.88;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;

    case PM_MARKER_TRIANGLE:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
      cairo_close_path (cr);
      break;

    case PM_MARKER_DIAMOND:
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;

    case PM_MARKER_CROSS:
      cairo_move_to (cr, x - r, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_move_to (cr, x + r, y - r);
      cairo_line_to (cr, x - r, y + r);
      break;

    case PM_MARKER_CIRCLE:
    case PM_MARKER_NONE:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

/**
 * _pm_draw_marker:
 * @fill: the background colour, drawn as a thin outline so markers stand
 *   apart where lines cross
 *
 * %PM_MARKER_NONE draws a small dot: with few points on screen the user
 * still sees where the samples are.
 */
void
_pm_draw_marker (cairo_t             *cr,
                 const PmSeriesStyle *style,
                 double               x,
                 double               y,
                 const PmRgba        *fill)
{
  double r = style->marker == PM_MARKER_NONE ? 1.2 + style->width * 0.6 : 2.6 + style->width;

  cairo_set_dash (cr, NULL, 0, 0);
  if (style->marker == PM_MARKER_CROSS)
    {
      _pm_draw_marker_path (cr, style->marker, x, y, r);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, MAX (1.5, style->width));
      _pm_draw_set_color (cr, &style->color);
      cairo_stroke (cr);
      return;
    }

  _pm_draw_marker_path (cr, style->marker, x, y, r);
  _pm_draw_set_color (cr, &style->color);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  _pm_draw_set_color (cr, fill);
  cairo_stroke (cr);
}

void
_pm_draw_rounded_rect (cairo_t *cr,
                       double   x,
                       double   y,
                       double   width,
                       double   height,
                       double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The centre of a pixel: a 1-pixel line there covers exactly one row. */
double
_pm_draw_snap (double v)
{
  return floor (v) + 0.5;
}

/* What every renderer draws first: the theme's background over the whole
 * target and, when there is one, the bold title at the top left. Returns
 * where the content below starts: the padding, plus the title and @gap. */
double
_pm_draw_background_and_title (cairo_t            *cr,
                               const PmChartTheme *theme,
                               const char         *title,
                               double              gap)
{
  double top = PM_DRAW_PAD;

  _pm_draw_set_color (cr, &theme->background);
  cairo_paint (cr);

  if (title != NULL && *title != '\0')
    {
      _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_TITLE, TRUE);
      _pm_draw_set_color (cr, &theme->text);
      _pm_draw_text (cr, PM_DRAW_PAD, top, title, 0, 0);
      top += _pm_draw_line_height (cr) + gap;
    }

  return top;
}
