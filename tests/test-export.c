/* test-export.c: chart, heat map and bars to PNG, SVG and PDF, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pmchart.h"
#include "test-common.h"

typedef struct
{
  char          *dir;
  gint64        *times;
  double        *values[3];
  gsize          n;
  PmChartSeries  series[3];
  PmChartModel   chart;
  PmChartRange   range;
  double         r[16];
  const char    *labels[4];
  PmHeatmapModel heatmap;
  PmBarsItem     items[3];
  PmBarsModel    bars;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const names[] = { "TOTAL", "Mm  ", "Ntfs" };

  f->dir = g_dir_make_tmp ("pm-export-XXXXXX", &error);
  g_assert_no_error (error);

  /* A week at one sample a minute, in three shapes. */
  f->n = 7 * 1440;
  f->times = g_new (gint64, f->n);
  for (guint s = 0; s < 3; s++)
    f->values[s] = g_new (double, f->n);
  for (gsize i = 0; i < f->n; i++)
    {
      f->times[i] = 1626134400 + 60 * (gint64) i;
      f->values[1][i] = 4e6 + 1e3 * i;
      f->values[2][i] = 8e6 + 2e6 * sin (i / 300.0);
      f->values[0][i] = f->values[1][i] + f->values[2][i];
    }
  for (guint s = 0; s < 3; s++)
    {
      f->series[s] = (PmChartSeries) { names[s], f->times, f->values[s], f->n, { { 0 } }, TRUE };
      pm_series_style_init_default (&f->series[s].style, s);
    }
  f->chart = (PmChartModel) { f->series, 3, PM_VALUE_KIND_BYTES, FALSE, "Export", "TotalUsedBytes",
                              TRUE };
  pm_chart_model_autoscale (&f->chart, NAN, NAN, &f->range);

  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      f->r[i * 4 + j] = i == j ? 1 : (i + j == 3 ? NAN : 0.5 - 0.3 * (i + j));
  f->labels[0] = "TOTAL";
  f->labels[1] = "Mm  ";
  f->labels[2] = "Ntfs";
  f->labels[3] = "FMfn";
  f->heatmap = (PmHeatmapModel) { 4, f->r, NULL, f->labels, NULL, "r" };

  f->items[0] = (PmBarsItem) { "Mm  ", 0.97 };
  f->items[1] = (PmBarsItem) { "Ntfs", 0.93 };
  f->items[2] = (PmBarsItem) { "FMfn", NAN };
  f->bars = (PmBarsModel) { f->items, 3, PM_VALUE_KIND_CORRELATION, 0.9, "Bars", "r" };
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_flat_dir (f->dir);
  g_free (f->dir);
  g_free (f->times);
  for (guint s = 0; s < 3; s++)
    g_free (f->values[s]);
}

typedef enum
{
  WHAT_CHART,
  WHAT_HEATMAP,
  WHAT_BARS,
} What;

static gboolean
export (Fixture     *f,
        What         what,
        const char  *path,
        int          width,
        int          height,
        GError     **error)
{
  switch (what)
    {
    case WHAT_CHART:
      return pm_export_chart (path, width, height, NULL, &f->chart, &f->range, error);
    case WHAT_HEATMAP:
      return pm_export_heatmap (path, width, height, pm_chart_theme_get_dark (), &f->heatmap, NULL,
                                error);
    case WHAT_BARS:
    default:
      return pm_export_bars (path, width, height, NULL, &f->bars, error);
    }
}

/* Colours in the picture: a blank or one-colour image would be a failed
 * render, whatever its size. */
static guint
count_colors (cairo_surface_t *image)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  int w = cairo_image_surface_get_width (image), h = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);

  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2)
      g_hash_table_add (seen, GUINT_TO_POINTER (((const guint32 *) (data + y * stride))[x]));

  return g_hash_table_size (seen);
}

static void
check_png (const char *path,
           int         width,
           int         height)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
  g_assert_cmpuint (count_colors (image), >, 20);
  cairo_surface_destroy (image);
}

static void
check_svg (const char *path,
           int         width,
           int         height)
{
  g_autofree char *text = NULL;
  g_autofree char *w = g_strdup_printf ("width=\"%dpt\"", width);
  g_autofree char *h = g_strdup_printf ("height=\"%dpt\"", height);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, w));
  g_assert_nonnull (strstr (text, h));
  g_assert_nonnull (strstr (text, "</svg>"));
  /* Real vector content: paths and text, not one embedded image. */
  g_assert_nonnull (strstr (text, "<path"));
  g_assert_nonnull (strstr (text, "</text>"));
}

/* PDF streams hold NUL bytes: search all @len bytes, not up to a NUL. */
static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static void
check_pdf (const char *path,
           int         width,
           int         height)
{
  g_autofree char *text = NULL;
  g_autofree char *box = g_strdup_printf ("/MediaBox [ 0 0 %d %d ]", width, height);
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_true (contains (text, len, box));
  g_assert_true (contains (text, len, "%%EOF"));
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  static const char * const whats[] = { "chart", "heatmap", "bars" };

  /* Headless: nothing may need a display. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");

  for (What what = WHAT_CHART; what <= WHAT_BARS; what++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *png = g_strdup_printf ("%s/%s.png", f->dir, whats[what]);
      g_autofree char *svg = g_strdup_printf ("%s/%s.SVG", f->dir, whats[what]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", f->dir, whats[what]);

      g_test_message ("%s", whats[what]);
      g_assert_true (export (f, what, png, 640, 360, &error));
      g_assert_no_error (error);
      check_png (png, 640, 360);

      g_assert_true (export (f, what, svg, 500, 400, &error));
      g_assert_no_error (error);
      check_svg (svg, 500, 400);

      g_assert_true (export (f, what, pdf, 842, 595, &error));
      g_assert_no_error (error);
      check_pdf (pdf, 842, 595);
    }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  static const char * const exts[] = { "png", "svg", "pdf" };
  g_autofree char *txt = g_build_filename (f->dir, "chart.txt", NULL);
  g_autofree char *none = g_build_filename (f->dir, "chart", NULL);
  g_autofree char *png = g_build_filename (f->dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (export (f, WHAT_CHART, txt, 100, 100, &error));
  g_assert_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (export (f, WHAT_CHART, none, 100, 100, &error));
  g_assert_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_false (export (f, WHAT_CHART, png, 0, 100, &error));
  g_assert_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_SIZE);
  g_clear_error (&error);
  g_assert_false (export (f, WHAT_BARS, png, 100, 30000, &error));
  g_assert_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_SIZE);
  g_clear_error (&error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* A folder that does not exist, in every format. */
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *bad = g_strdup_printf ("%s/missing/chart.%s", f->dir, exts[i]);

      g_assert_false (export (f, WHAT_HEATMAP, bad, 200, 200, &error));
      g_assert_error (error, PM_EXPORT_ERROR, PM_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, bad));
      g_clear_error (&error);
    }
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* A vector file holds the decimated line, not every sample: 200,000
 * samples on a 400 point wide chart stay a few thousand segments. */
static void
test_svg_decimated (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (f->dir, "big.svg", NULL);
  g_autofree gint64 *times = g_new (gint64, 200000);
  g_autofree double *values = g_new (double, 200000);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  PmChartSeries series = { "Big", times, values, 200000, { { 0 } }, TRUE };
  PmChartModel model = { &series, 1, PM_VALUE_KIND_COUNT, FALSE, NULL, NULL, FALSE };
  PmChartRange range;
  guint segments;

  for (gsize i = 0; i < 200000; i++)
    {
      times[i] = 1600000000 + (gint64) i;
      values[i] = (double) ((i * 7919) % 1000);
    }
  pm_series_style_init_default (&series.style, 0);
  pm_chart_model_autoscale (&model, NAN, NAN, &range);

  g_assert_true (pm_export_chart (svg, 400, 300, NULL, &model, &range, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));

  segments = count (text, " L ");
  g_test_message ("%u line segments in the SVG", segments);
  g_assert_cmpuint (segments, >, 400);
  g_assert_cmpuint (segments, <, 4 * 400 + 200);
}

/* Odd input draws something sensible and never crashes: no series, no
 * samples, one sample, only gaps, a log axis over values <= 0, a range
 * far from the data, tiny and huge surfaces, an empty matrix. */
static void
test_degenerate (Fixture       *f,
                 gconstpointer  data)
{
  gint64 one_t[] = { 1626134400 };
  double one_v[] = { 5 }, gaps[] = { NAN, NAN, NAN }, neg[] = { -1, 0, -5 };
  gint64 three_t[] = { 1626134400, 1626134460, 1626134520 };
  PmChartSeries series[] = {
    { "One", one_t, one_v, 1, { { 0 } }, TRUE },
    { "Gaps", three_t, gaps, 3, { { 0 } }, TRUE },
    { "Neg", three_t, neg, 3, { { 0 } }, TRUE },
    { NULL, NULL, NULL, 0, { { 0 } }, TRUE },
  };
  PmChartRange ranges[] = {
    { 0, 0, 0, 0 },
    { 1626134400, 1626134400 + 1e-3, -1e300, 1e300 },
    { -1e12, 1e12, 1, 1 },
    { 1626134400 + 1e6, 1626134400 + 2e6, 5, 4 },
  };
  int sizes[][2] = { { 16, 16 }, { 2000, 40 }, { 40, 2000 } };
  g_autofree char *png = g_build_filename (f->dir, "odd.png", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "odd.svg", NULL);
  PmHeatmapModel empty = { 0, NULL, NULL, NULL, NULL, "Empty" };
  PmHeatmapWindow silly = { -5, 1e9, 0, -3 };
  PmBarsModel no_bars = { NULL, 0, PM_VALUE_KIND_COUNT, NAN, NULL, NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    pm_series_style_init_default (&series[i].style, i);

  for (guint n = 0; n <= G_N_ELEMENTS (series); n++)
    for (int log = 0; log < 2; log++)
      for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
        for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
          {
            PmChartModel model = { series, n, PM_VALUE_KIND_BYTES, log, "t", "y", TRUE };
            PmChartRange auto_range;

            g_assert_true (pm_export_chart (png, sizes[z][0], sizes[z][1], NULL, &model,
                                            &ranges[r], &error));
            g_assert_no_error (error);
            pm_chart_model_autoscale (&model, NAN, NAN, &auto_range);
            g_assert_true (isfinite (auto_range.y0) && isfinite (auto_range.y1));
            g_assert_cmpfloat (auto_range.y1, >, auto_range.y0);
            g_assert_cmpfloat (auto_range.t1, >, auto_range.t0);
            if (log)
              g_assert_cmpfloat (auto_range.y0, >, 0);
            g_assert_true (pm_export_chart (svg, sizes[z][0], sizes[z][1], NULL, &model,
                                            &auto_range, &error));
            g_assert_no_error (error);
          }

  g_assert_true (pm_export_heatmap (png, 300, 300, NULL, &empty, NULL, &error));
  g_assert_true (pm_export_heatmap (png, 300, 300, NULL, &f->heatmap, &silly, &error));
  g_assert_true (pm_export_heatmap (png, 16, 16, NULL, &f->heatmap, NULL, &error));
  g_assert_true (pm_export_bars (png, 300, 200, NULL, &no_bars, &error));
  g_assert_true (pm_export_bars (png, 16, 16, NULL, &f->bars, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/poolstats/export/formats", Fixture, NULL,
              fixture_set_up, test_formats, fixture_tear_down);
  g_test_add ("/poolstats/export/errors", Fixture, NULL,
              fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/poolstats/export/degenerate", Fixture, NULL,
              fixture_set_up, test_degenerate, fixture_tear_down);
  g_test_add ("/poolstats/export/svg-decimated", Fixture, NULL,
              fixture_set_up, test_svg_decimated, fixture_tear_down);

  return g_test_run ();
}
