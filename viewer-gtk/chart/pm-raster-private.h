/* pm-raster-private.h: a fast rasteriser for dense time-series lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pm-decimate.h"
#include "pm-lod.h"
#include "pm-palette.h"
#include "pm-series-style.h"

G_BEGIN_DECLS

/* An ARGB32 (premultiplied, as Cairo's image surfaces) pixel buffer that
 * x-monotone polylines are drawn into, plus per-column scratch. */
typedef struct
{
  guint8 *data;
  int     width;
  int     height;
  int     stride;  /* bytes */
  float  *ymin;
  float  *ymax;
  float  *xmin;
  float  *xmax;
  int     n_columns;
} PmRaster;

void _pm_raster_init     (PmRaster            *raster,
                          guint8              *data,
                          int                  width,
                          int                  height,
                          int                  stride);
void _pm_raster_clear    (PmRaster            *raster);
void _pm_raster_polyline (PmRaster            *raster,
                          const PmPoint       *points,
                          gsize                n_points,
                          double               width,
                          PmLineStyle          line_style,
                          const PmRgba        *color);

void _pm_raster_series   (PmRaster            *raster,
                          const gint64        *times,
                          const double        *values,
                          gsize                first,
                          gsize                end,
                          const PmAxisMap     *xmap,
                          const PmAxisMap     *ymap,
                          double               width,
                          PmLineStyle          line_style,
                          const PmRgba        *color);

void _pm_raster_series_lod (PmRaster            *raster,
                            const gint64        *times,
                            const double        *values,
                            const PmLod         *lod,
                            gsize                first,
                            gsize                end,
                            const PmAxisMap     *xmap,
                            const PmAxisMap     *ymap,
                            double               width,
                            PmLineStyle          line_style,
                            const PmRgba        *color);

G_END_DECLS
