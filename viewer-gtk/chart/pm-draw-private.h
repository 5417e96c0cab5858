/* pm-draw-private.h: drawing helpers shared by the chart, heat map and bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pm-chart-layout.h"
#include "pm-palette.h"
#include "pm-series-style.h"

G_BEGIN_DECLS

/* Sizes in pixels, shared so the three views look like one product. */
#define PM_DRAW_FONT_SIZE        12.0
#define PM_DRAW_FONT_SIZE_SMALL  11.0
#define PM_DRAW_FONT_SIZE_TITLE  15.0
#define PM_DRAW_PAD              12.0

void    _pm_draw_set_color      (cairo_t             *cr,
                                 const PmRgba        *color);
void    _pm_draw_set_color_a    (cairo_t             *cr,
                                 const PmRgba        *color,
                                 double               alpha);
void    _pm_draw_set_font       (cairo_t             *cr,
                                 double               size,
                                 gboolean             bold);
double  _pm_draw_text_width     (cairo_t             *cr,
                                 const char          *text);
double  _pm_draw_line_height    (cairo_t             *cr);
void    _pm_draw_text           (cairo_t             *cr,
                                 double               x,
                                 double               y,
                                 const char          *text,
                                 double               align_x,
                                 double               align_y);
void    _pm_draw_text_rotated   (cairo_t             *cr,
                                 double               x,
                                 double               y,
                                 const char          *text);
char   *_pm_draw_ellipsize      (cairo_t             *cr,
                                 const char          *text,
                                 double               max_width);
void    _pm_draw_set_line_style (cairo_t             *cr,
                                 const PmSeriesStyle *style);
void    _pm_draw_marker         (cairo_t             *cr,
                                 const PmSeriesStyle *style,
                                 double               x,
                                 double               y,
                                 const PmRgba        *fill);
void    _pm_draw_marker_path    (cairo_t             *cr,
                                 PmMarker             marker,
                                 double               x,
                                 double               y,
                                 double               r);
void    _pm_draw_rounded_rect   (cairo_t             *cr,
                                 double               x,
                                 double               y,
                                 double               width,
                                 double               height,
                                 double               radius);
double  _pm_draw_snap           (double               v);
double  _pm_draw_background_and_title (cairo_t            *cr,
                                       const PmChartTheme *theme,
                                       const char         *title,
                                       double              gap);

G_END_DECLS
