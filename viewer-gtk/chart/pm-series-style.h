/* pm-series-style.h: how one series is drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the old tool's "Figure options" offered per line: colour, line style,
 * width and marker. Styles persist per tag in a key file; the string forms
 * here are what goes into it.
 */
#pragma once

#include <glib.h>

#include "pm-palette.h"

G_BEGIN_DECLS

typedef enum
{
  PM_LINE_STYLE_SOLID,
  PM_LINE_STYLE_DASHED,
  PM_LINE_STYLE_DOTTED,
  PM_N_LINE_STYLES
} PmLineStyle;

typedef enum
{
  PM_MARKER_NONE,
  PM_MARKER_CIRCLE,
  PM_MARKER_SQUARE,
  PM_MARKER_TRIANGLE,
  PM_MARKER_DIAMOND,
  PM_MARKER_CROSS,
  PM_N_MARKERS
} PmMarker;

/**
 * PmSeriesStyle:
 * @color: the line colour
 * @line_style: solid, dashed or dotted
 * @width: line width in pixels (0.5..10)
 * @marker: the marker drawn on the points at every zoom, thinned where
 *   points are dense (no two closer than 10 px); %PM_MARKER_NONE gets
 *   small dots while few points are visible, so samples are visible
 */
typedef struct
{
  PmRgba      color;
  PmLineStyle line_style;
  double      width;
  PmMarker    marker;
} PmSeriesStyle;

#define PM_SERIES_STYLE_MIN_WIDTH 0.5
#define PM_SERIES_STYLE_MAX_WIDTH 10.0

void         pm_series_style_init_default   (PmSeriesStyle       *style,
                                             guint                index);
gboolean     pm_series_style_equal          (const PmSeriesStyle *a,
                                             const PmSeriesStyle *b);
char        *pm_series_style_to_string      (const PmSeriesStyle *style);
gboolean     pm_series_style_parse          (PmSeriesStyle       *style,
                                             const char          *text,
                                             GError             **error);
void         pm_series_style_save           (const PmSeriesStyle *style,
                                             GKeyFile            *key_file,
                                             const char          *group);
gboolean     pm_series_style_load           (PmSeriesStyle       *style,
                                             GKeyFile            *key_file,
                                             const char          *group,
                                             GError             **error);

const char  *pm_line_style_to_string        (PmLineStyle          line_style);
gboolean     pm_line_style_from_string      (const char          *text,
                                             PmLineStyle         *line_style);
const char  *pm_marker_to_string            (PmMarker             marker);
gboolean     pm_marker_from_string          (const char          *text,
                                             PmMarker            *marker);

G_END_DECLS
