/* pm-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-palette.h"

#include <math.h>
#include <string.h>

/* Hues after the Okabe-Ito set (chosen to stay apart for the
 * common colour-vision deficiencies), each moved to a relative luminance of
 * 0.16..0.30: that keeps a contrast of at least 3:1 both against white and
 * against a dark theme's #242424, so no line fades on either. The order
 * keeps neighbours apart also for the red-green blind (tests/
 * test-series-style.c checks both), since the first few colours are
 * the ones shown together most. */
static const guint32 palette[] = {
  0x2E7DD1, /* blue */
  0xDB7600, /* orange */
  0x8C6A4A, /* brown */
  0x8F63C9, /* purple */
  0xA08C00, /* olive gold */
  0x5A7BA8, /* slate */
  0xD1495B, /* rose red */
  0x1A9FC4, /* sky */
  0x3FA34D, /* leaf green */
  0xC2559C, /* magenta */
  0x009E73, /* bluish green */
  0xDB5F2E, /* vermillion */
};

static void
rgba_from_hex (PmRgba  *color,
               guint32  hex)
{
  color->red = ((hex >> 16) & 0xff) / 255.f;
  color->green = ((hex >> 8) & 0xff) / 255.f;
  color->blue = (hex & 0xff) / 255.f;
  color->alpha = 1.f;
}

#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, \
                       ((hex) & 0xff) / 255.f, (a) }

static const PmChartTheme light_theme = {
  .background = RGBA (0xFFFFFF, 1.f),
  .plot_background = RGBA (0xFFFFFF, 1.f),
  .text = RGBA (0x2E3436, 1.f),
  .text_dim = RGBA (0x6B7075, 1.f),
  .axis = RGBA (0x8A8F94, 1.f),
  .grid = RGBA (0xE4E6E8, 1.f),
  .crosshair = RGBA (0x3D4145, 0.85f),
  .band = RGBA (0x3584E4, 0.18f),
  .missing = RGBA (0xB8B8B8, 1.f),
  .dark = FALSE,
};

static const PmChartTheme dark_theme = {
  .background = RGBA (0x242424, 1.f),
  .plot_background = RGBA (0x242424, 1.f),
  .text = RGBA (0xEDEDED, 1.f),
  .text_dim = RGBA (0xA5A8AB, 1.f),
  .axis = RGBA (0x7A7E82, 1.f),
  .grid = RGBA (0x383A3C, 1.f),
  .crosshair = RGBA (0xE0E0E0, 0.8f),
  .band = RGBA (0x62A0EA, 0.22f),
  .missing = RGBA (0x5E5E5E, 1.f),
  .dark = TRUE,
};

/**
 * pm_chart_theme_get_light:
 *
 * Returns: (transfer none): the theme for light backgrounds (the default)
 */
const PmChartTheme *
pm_chart_theme_get_light (void)
{
  return &light_theme;
}

/**
 * pm_chart_theme_get_dark:
 *
 * Returns: (transfer none): the theme for dark backgrounds
 */
const PmChartTheme *
pm_chart_theme_get_dark (void)
{
  return &dark_theme;
}

guint
pm_palette_get_n_colors (void)
{
  return G_N_ELEMENTS (palette);
}

/**
 * pm_palette_get_color:
 * @index: any number; the palette repeats after pm_palette_get_n_colors()
 * @color: (out): the colour
 *
 * The default colour of the @index-th series.
 */
void
pm_palette_get_color (guint   index,
                      PmRgba *color)
{
  g_return_if_fail (color != NULL);

  rgba_from_hex (color, palette[index % G_N_ELEMENTS (palette)]);
}

/**
 * pm_palette_get_total_color:
 * @color: (out): the colour
 *
 * TOTAL's colour: a neutral grey, apart from every palette hue, that reads
 * on light and dark backgrounds alike.
 */
void
pm_palette_get_total_color (PmRgba *color)
{
  g_return_if_fail (color != NULL);

  rgba_from_hex (color, 0x7D8287);
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/**
 * pm_rgba_parse:
 * @color: (out): the colour read
 * @text: "#rrggbb" or "#rrggbbaa"
 *
 * Returns: %TRUE if @text was a colour; @color is untouched otherwise
 */
gboolean
pm_rgba_parse (PmRgba     *color,
               const char *text)
{
  guint8 parts[4] = { 0, 0, 0, 255 };
  gsize len;

  g_return_val_if_fail (color != NULL, FALSE);

  if (text == NULL || text[0] != '#')
    return FALSE;

  len = strlen (text + 1);
  if (len != 6 && len != 8)
    return FALSE;

  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = hex_digit (text[1 + 2 * i]);
      int lo = hex_digit (text[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      parts[i] = (guint8) (hi * 16 + lo);
    }

  color->red = parts[0] / 255.f;
  color->green = parts[1] / 255.f;
  color->blue = parts[2] / 255.f;
  color->alpha = parts[3] / 255.f;

  return TRUE;
}

static guint
to_byte (float v)
{
  return (guint) CLAMP (lrintf (v * 255.f), 0, 255);
}

/**
 * pm_rgba_to_string:
 * @color: a colour
 *
 * Returns: (transfer full): "#rrggbb", or "#rrggbbaa" when not opaque
 */
char *
pm_rgba_to_string (const PmRgba *color)
{
  g_return_val_if_fail (color != NULL, NULL);

  if (to_byte (color->alpha) == 255)
    return g_strdup_printf ("#%02x%02x%02x",
                            to_byte (color->red), to_byte (color->green), to_byte (color->blue));

  return g_strdup_printf ("#%02x%02x%02x%02x",
                          to_byte (color->red), to_byte (color->green), to_byte (color->blue),
                          to_byte (color->alpha));
}

/* Equal as far as a key file can tell: to 1/255. */
gboolean
pm_rgba_equal (const PmRgba *a,
               const PmRgba *b)
{
  return to_byte (a->red) == to_byte (b->red) &&
         to_byte (a->green) == to_byte (b->green) &&
         to_byte (a->blue) == to_byte (b->blue) &&
         to_byte (a->alpha) == to_byte (b->alpha);
}
