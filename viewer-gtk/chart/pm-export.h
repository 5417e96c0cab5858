/* pm-export.h: render a chart, heat map or bar chart to a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs no display: the renderers draw on a Cairo image, SVG or PDF surface.
 * The viewer's export menu and its headless --export use the same calls.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pm-bars-renderer.h"
#include "pm-chart-renderer.h"
#include "pm-heatmap-renderer.h"

G_BEGIN_DECLS

#define PM_EXPORT_ERROR (pm_export_error_quark ())

/**
 * PmExportError:
 * @PM_EXPORT_ERROR_FORMAT: the file name's extension is not .png, .svg or .pdf
 * @PM_EXPORT_ERROR_SIZE: the size is not between 16 and 20000 pixels
 * @PM_EXPORT_ERROR_WRITE: Cairo could not write the file
 */
typedef enum
{
  PM_EXPORT_ERROR_FORMAT,
  PM_EXPORT_ERROR_SIZE,
  PM_EXPORT_ERROR_WRITE,
} PmExportError;

typedef enum
{
  PM_EXPORT_FORMAT_PNG,
  PM_EXPORT_FORMAT_SVG,
  PM_EXPORT_FORMAT_PDF,
} PmExportFormat;

/* Draws the picture at @width x @height, in pixels (points for SVG/PDF). */
typedef void (*PmExportDrawFunc) (cairo_t  *cr,
                                  int       width,
                                  int       height,
                                  gpointer  user_data);

GQuark   pm_export_error_quark       (void);
gboolean pm_export_format_from_path  (const char            *path,
                                      PmExportFormat        *format);
const char *pm_export_format_get_extension (PmExportFormat  format);
char    *pm_export_path_with_format  (const char            *path,
                                      PmExportFormat         format);
gboolean pm_export_parse_size        (const char            *text,
                                      int                   *width,
                                      int                   *height);
gboolean pm_export_parse_theme       (const char            *name,
                                      const PmChartTheme   **theme);
gboolean pm_export_draw              (const char            *path,
                                      int                    width,
                                      int                    height,
                                      PmExportDrawFunc       draw,
                                      gpointer               user_data,
                                      GError               **error);
gboolean pm_export_chart             (const char            *path,
                                      int                    width,
                                      int                    height,
                                      const PmChartTheme    *theme,
                                      const PmChartModel    *model,
                                      const PmChartRange    *range,
                                      GError               **error);
gboolean pm_export_heatmap           (const char            *path,
                                      int                    width,
                                      int                    height,
                                      const PmChartTheme    *theme,
                                      const PmHeatmapModel  *model,
                                      const PmHeatmapWindow *window,
                                      GError               **error);
gboolean pm_export_bars              (const char            *path,
                                      int                    width,
                                      int                    height,
                                      const PmChartTheme    *theme,
                                      const PmBarsModel     *model,
                                      GError               **error);

G_END_DECLS
