/* pm-svg-text-private.h: text of SVG exports as SVG <text>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

void     _pm_svg_text_attach (cairo_surface_t *surface,
                              GString         *layer);
gboolean _pm_svg_text_record (cairo_t         *cr,
                              double           x,
                              double           y,
                              const char      *text);

G_END_DECLS
