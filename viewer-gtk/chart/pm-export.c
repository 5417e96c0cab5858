/* pm-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>

#include "pm-file.h"
#include "pm-svg-text-private.h"

#define MIN_SIZE 16
#define MAX_SIZE 20000
/* Bytes of an SVG held back until its end, to put the text before
 * "</svg>" (cairo ends with "</g>\n</svg>\n"). */
#define SVG_TAIL 64

G_DEFINE_QUARK (pm-export-error-quark, pm_export_error)

/**
 * pm_export_format_from_path:
 * @path: a file name
 * @format: (out): the format its extension names
 *
 * Returns: %TRUE for ".png", ".svg" and ".pdf", in any case
 */
gboolean
pm_export_format_from_path (const char     *path,
                            PmExportFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;

  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = PM_EXPORT_FORMAT_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = PM_EXPORT_FORMAT_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = PM_EXPORT_FORMAT_PDF;
  else
    return FALSE;

  return TRUE;
}

/* The picture goes through pm_file_writer_new(): whole or not at all, a
 * failure with its reason. */
static cairo_status_t
sink_write_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return pm_file_writer_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR;
}

/* An SVG goes through here: all but its last bytes, which
 * svg_sink_finish() writes with the text layer before "</svg>". */
typedef struct
{
  PmFileWriter *writer;
  GByteArray   *tail;
  GString      *layer;
} SvgSink;

static cairo_status_t
svg_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  SvgSink *sink = closure;
  gsize n;

  g_byte_array_append (sink->tail, data, length);
  if (sink->tail->len <= SVG_TAIL)
    return CAIRO_STATUS_SUCCESS;

  n = sink->tail->len - SVG_TAIL;
  if (!pm_file_writer_write (sink->writer, sink->tail->data, n))
    return CAIRO_STATUS_WRITE_ERROR;
  g_byte_array_remove_range (sink->tail, 0, n);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
svg_sink_finish (SvgSink *sink)
{
  const char *tail = (const char *) sink->tail->data;
  const char *end = g_strrstr_len (tail, sink->tail->len, "</svg>");
  gsize before = end != NULL ? (gsize) (end - tail) : sink->tail->len;

  if (!pm_file_writer_write (sink->writer, tail, before) ||
      (end != NULL && sink->layer->len > 0 &&
       (!pm_file_writer_write (sink->writer, "<g id=\"text\">\n", 14) ||
        !pm_file_writer_write (sink->writer, sink->layer->str, sink->layer->len) ||
        !pm_file_writer_write (sink->writer, "</g>\n", 5))) ||
      !pm_file_writer_write (sink->writer, tail + before, sink->tail->len - before))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
finish (PmFileWriter    *writer,
        const char      *path,
        cairo_status_t   status,
        GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (pm_file_writer_finish (writer, status == CAIRO_STATUS_SUCCESS, &local_error))
    return TRUE;

  if (local_error != NULL)
    g_set_error_literal (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_WRITE, local_error->message);
  else
    g_set_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_WRITE,
                 "Could not write “%s”: %s", path, cairo_status_to_string (status));
  return FALSE;
}

/**
 * pm_export_draw:
 * @path: the file to write; its extension picks the format
 * @width: width in pixels (PNG) or points (SVG, PDF)
 * @height: height
 * @draw: (scope call): draws the picture
 * @user_data: for @draw
 * @error: a #PM_EXPORT_ERROR
 *
 * Runs @draw on a surface of the right kind and writes it to @path,
 * atomically: a temporary file beside it, renamed over it when complete.
 * A failure names its reason (permission denied, no such folder, it is a
 * folder, no space left). Nothing here needs a display. An SVG keeps its
 * text as <text> elements (pm-svg-text.c): selectable and searchable.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
pm_export_draw (const char        *path,
                int                width,
                int                height,
                PmExportDrawFunc   draw,
                gpointer           user_data,
                GError           **error)
{
  PmExportFormat format;
  cairo_surface_t *surface;
  cairo_status_t status;
  PmFileWriter *writer;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) tail = g_byte_array_new ();
  g_autoptr(GString) layer = g_string_new (NULL);
  SvgSink svg_sink = { NULL, tail, layer };
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pm_export_format_from_path (path, &format))
    {
      g_set_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_FORMAT,
                   "Cannot tell the format of “%s”: use a name ending in .png, .svg or .pdf",
                   path);
      return FALSE;
    }

  if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE)
    {
      g_set_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_SIZE,
                   "The size %d×%d is not between %d and %d pixels each way",
                   width, height, MIN_SIZE, MAX_SIZE);
      return FALSE;
    }

  writer = pm_file_writer_new (path, &local_error);
  if (writer == NULL)
    {
      g_set_error_literal (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_WRITE, local_error->message);
      return FALSE;
    }

  switch (format)
    {
    case PM_EXPORT_FORMAT_SVG:
      svg_sink.writer = writer;
      surface = cairo_svg_surface_create_for_stream (svg_write_cb, &svg_sink, width, height);
      _pm_svg_text_attach (surface, layer);
      break;
    case PM_EXPORT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (sink_write_cb, writer, width, height);
      break;
    case PM_EXPORT_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cr = cairo_create (surface);
      draw (cr, width, height, user_data);
      status = cairo_status (cr);
      cairo_destroy (cr);
    }

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == PM_EXPORT_FORMAT_PNG)
        status = cairo_surface_write_to_png_stream (surface, sink_write_cb, writer);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
          if (status == CAIRO_STATUS_SUCCESS && format == PM_EXPORT_FORMAT_SVG)
            status = svg_sink_finish (&svg_sink);
        }
    }
  cairo_surface_destroy (surface);

  return finish (writer, path, status, error);
}

typedef struct
{
  const PmChartTheme *theme;
  gconstpointer       model;
  gconstpointer       view;
} ExportData;

static void
draw_chart (cairo_t  *cr,
            int       width,
            int       height,
            gpointer  user_data)
{
  ExportData *data = user_data;
  g_autoptr(PmChartRenderer) renderer = pm_chart_renderer_new ();

  pm_chart_renderer_set_theme (renderer, data->theme);
  pm_chart_renderer_draw (renderer, cr, width, height, data->model, data->view);
}

static void
draw_heatmap (cairo_t  *cr,
              int       width,
              int       height,
              gpointer  user_data)
{
  ExportData *data = user_data;
  g_autoptr(PmHeatmapRenderer) renderer = pm_heatmap_renderer_new ();

  pm_heatmap_renderer_set_theme (renderer, data->theme);
  pm_heatmap_renderer_draw (renderer, cr, width, height, data->model, data->view);
}

static void
draw_bars (cairo_t  *cr,
           int       width,
           int       height,
           gpointer  user_data)
{
  ExportData *data = user_data;
  g_autoptr(PmBarsRenderer) renderer = pm_bars_renderer_new ();

  pm_bars_renderer_set_theme (renderer, data->theme);
  pm_bars_renderer_draw (renderer, cr, width, height, data->model);
}

/**
 * pm_export_chart:
 * @path: the file; .png, .svg or .pdf
 * @width: its width
 * @height: its height
 * @theme: (nullable): the colours; %NULL for the light theme
 * @model: the chart
 * @range: the visible range
 * @error: a #PM_EXPORT_ERROR
 *
 * The time chart as the window draws it, without hover. SVG and PDF get
 * real lines (decimated to the width, so files stay small).
 *
 * Returns: %TRUE if the file was written
 */
gboolean
pm_export_chart (const char          *path,
                 int                  width,
                 int                  height,
                 const PmChartTheme  *theme,
                 const PmChartModel  *model,
                 const PmChartRange  *range,
                 GError             **error)
{
  ExportData data = { theme, model, range };

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  return pm_export_draw (path, width, height, draw_chart, &data, error);
}

/**
 * pm_export_heatmap:
 * @window: (nullable): the rows and columns to draw; %NULL for all
 *
 * The correlation heat map; see pm_export_chart().
 *
 * Returns: %TRUE if the file was written
 */
gboolean
pm_export_heatmap (const char             *path,
                   int                     width,
                   int                     height,
                   const PmChartTheme     *theme,
                   const PmHeatmapModel   *model,
                   const PmHeatmapWindow  *window,
                   GError                **error)
{
  ExportData data = { theme, model, window };

  g_return_val_if_fail (model != NULL, FALSE);

  return pm_export_draw (path, width, height, draw_heatmap, &data, error);
}

/**
 * pm_export_bars:
 *
 * The bar chart; see pm_export_chart().
 *
 * Returns: %TRUE if the file was written
 */
gboolean
pm_export_bars (const char         *path,
                int                 width,
                int                 height,
                const PmChartTheme *theme,
                const PmBarsModel  *model,
                GError            **error)
{
  ExportData data = { theme, model, NULL };

  g_return_val_if_fail (model != NULL, FALSE);

  return pm_export_draw (path, width, height, draw_bars, &data, error);
}
