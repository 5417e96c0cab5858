/* pm-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#ifdef G_OS_UNIX
# include <unistd.h>
#else
# include <io.h>
#endif

#define MIN_SIZE 16
#define MAX_SIZE 20000

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

/* Where the picture goes: a temporary file beside the target, renamed
 * over it only once complete, so a failed export leaves no half file.
 * Writes go through here so that a failure keeps the system's reason. */
typedef struct
{
  int   fd;
  int   error;    /* errno of the first failed write, or 0 */
} Sink;

static cairo_status_t
sink_write_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0 && sink->error == 0)
    {
      gssize n = write (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          sink->error = n < 0 ? errno : EIO;
          break;
        }
      data += n;
      length -= n;
    }

  return sink->error == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
fail_write (const char  *path,
            const char  *reason,
            GError     **error)
{
  g_set_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_WRITE,
               "Could not write “%s”: %s", path, reason);
  return FALSE;
}

/* Opens a temporary file in @path's folder; the reasons people meet (no such
 * folder, permission denied, a folder of that name) are told plainly. */
static int
open_temporary (const char  *path,
                char       **tmp_path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  int fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      fail_write (path, "it is a folder", error);
      return -1;
    }

  *tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp (*tmp_path);
  if (fd < 0)
    {
      int saved = errno;

      fail_write (path, saved == ENOENT ? "no such folder" : g_strerror (saved), error);
      g_clear_pointer (tmp_path, g_free);
    }
  return fd;
}

/* Closes the temporary file and puts it in place, or removes it. */
static gboolean
finish_temporary (Sink            *sink,
                  char            *tmp_path,
                  const char      *path,
                  cairo_status_t   status,
                  GError         **error)
{
  gboolean ok = FALSE;

  if (sink->error == 0 && close (sink->fd) != 0)
    sink->error = errno;
  else if (sink->error != 0)
    close (sink->fd);

  if (sink->error != 0)
    fail_write (path, g_strerror (sink->error), error);
  else if (status != CAIRO_STATUS_SUCCESS)
    fail_write (path, cairo_status_to_string (status), error);
  else
    {
#ifdef G_OS_WIN32
      g_unlink (path);
#endif
      /* Exports are meant to be read by others, not private like mkstemp's. */
      g_chmod (tmp_path, 0644);
      if (g_rename (tmp_path, path) != 0)
        fail_write (path, g_strerror (errno), error);
      else
        ok = TRUE;
    }

  if (!ok)
    g_unlink (tmp_path);
  g_free (tmp_path);
  return ok;
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
 * folder, no space left). Nothing here needs a display.
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
  char *tmp_path = NULL;
  Sink sink = { -1, 0 };
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

  sink.fd = open_temporary (path, &tmp_path, error);
  if (sink.fd < 0)
    return FALSE;

  switch (format)
    {
    case PM_EXPORT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (sink_write_cb, &sink, width, height);
      break;
    case PM_EXPORT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (sink_write_cb, &sink, width, height);
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
        status = cairo_surface_write_to_png_stream (surface, sink_write_cb, &sink);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  return finish_temporary (&sink, tmp_path, path, status, error);
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
