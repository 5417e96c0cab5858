/* pm-palette.h: series colours and the light/dark chart themes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free: the renderers and headless export use these, and the viewer
 * converts to GdkRGBA (same field names and order, also floats).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PmRgba:
 *
 * A colour with straight (not premultiplied) alpha, each part 0..1. Laid
 * out like GdkRGBA so the viewer can copy it field by field.
 */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} PmRgba;

/**
 * PmChartTheme:
 * @background: behind everything
 * @plot_background: inside the plot area
 * @text: labels, legend and title
 * @text_dim: secondary labels (dates under times, axis titles)
 * @axis: axis lines and tick marks
 * @grid: the light grid
 * @crosshair: hover line and selection band outline
 * @band: the selection band fill (translucent)
 * @missing: heat map cells with an undefined r
 * @dark: %TRUE when the background is dark
 *
 * Colours that are not per series. The same themes serve the window and
 * export, so a file looks like the window.
 */
typedef struct
{
  PmRgba   background;
  PmRgba   plot_background;
  PmRgba   text;
  PmRgba   text_dim;
  PmRgba   axis;
  PmRgba   grid;
  PmRgba   crosshair;
  PmRgba   band;
  PmRgba   missing;
  gboolean dark;
} PmChartTheme;

const PmChartTheme *pm_chart_theme_get_light     (void);
const PmChartTheme *pm_chart_theme_get_dark      (void);

guint     pm_palette_get_n_colors      (void);
void      pm_palette_get_color         (guint          index,
                                        PmRgba        *color);
void      pm_palette_get_total_color   (PmRgba        *color);

gboolean  pm_rgba_parse                (PmRgba        *color,
                                        const char    *text);
char     *pm_rgba_to_string            (const PmRgba  *color);
gboolean  pm_rgba_equal                (const PmRgba  *a,
                                        const PmRgba  *b);

G_END_DECLS
