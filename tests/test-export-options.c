/* test-export-options.c: what an export can be asked for, and what the
 * chart draws for it: the format from the dialog's filter, size and theme
 * names, text kept as text in SVG, a title line, TOTAL's right-hand axis,
 * markers at every zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memmem */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pmchart.h"
#include "test-common.h"

#define N_POINTS (7 * 1440)

typedef struct
{
  char          *dir;
  gint64        *times;
  double        *values[3];
  PmChartSeries  series[3];
  PmChartModel   chart;
  PmChartRange   range;
} Fixture;

/* A week a minute apart: TOTAL (about 600 MB) on the right-hand axis, two
 * tags of a few MB on the left. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const names[] = { "TOTAL", "Mm  ", "Ntfs" };

  f->dir = g_dir_make_tmp ("pm-export-options-XXXXXX", &error);
  g_assert_no_error (error);

  f->times = g_new (gint64, N_POINTS);
  for (guint s = 0; s < 3; s++)
    f->values[s] = g_new (double, N_POINTS);
  for (gsize i = 0; i < N_POINTS; i++)
    {
      f->times[i] = 1626134400 + 60 * (gint64) i;
      f->values[1][i] = 4e6 + 1e2 * i;
      f->values[2][i] = 8e6 + 2e6 * sin (i / 300.0);
      f->values[0][i] = 6e8 + f->values[1][i] + f->values[2][i];
    }
  for (guint s = 0; s < 3; s++)
    {
      f->series[s] = (PmChartSeries) { names[s], f->times, f->values[s], N_POINTS, { { 0 } }, TRUE };
      pm_series_style_init_default (&f->series[s].style, s);
    }
  f->series[0].right_axis = TRUE;
  f->chart = (PmChartModel) { f->series, 3, PM_VALUE_KIND_BYTES, FALSE, NULL, "TotalUsedBytes",
                              TRUE };
  f->chart.right_label = "TOTAL";
  pm_chart_model_autoscale (&f->chart, NAN, NAN, &f->range);
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

static int
compare_doubles (const double *a,
                 const double *b)
{
  return *a < *b ? -1 : *a > *b;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
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

/* A name typed without an extension takes the filter's; a name with one
 * keeps it. */
static void
test_extension (void)
{
  static const struct
  {
    const char    *typed;
    PmExportFormat filter;
    const char    *written;
  } cases[] = {
    { "chart", PM_EXPORT_FORMAT_SVG, "chart.svg" },
    { "chart", PM_EXPORT_FORMAT_PDF, "chart.pdf" },
    { "chart", PM_EXPORT_FORMAT_PNG, "chart.png" },
    { "chart.PNG", PM_EXPORT_FORMAT_PDF, "chart.PNG" },
    { "chart.svg", PM_EXPORT_FORMAT_PNG, "chart.svg" },
    { "runs.d/chart", PM_EXPORT_FORMAT_PDF, "runs.d/chart.pdf" },
    { "chart.txt", PM_EXPORT_FORMAT_PNG, "chart.txt.png" },
    { "chart.", PM_EXPORT_FORMAT_SVG, "chart..svg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = pm_export_path_with_format (cases[i].typed, cases[i].filter);
      PmExportFormat format;

      g_assert_cmpstr (path, ==, cases[i].written);
      g_assert_true (pm_export_format_from_path (path, &format));
    }
  g_assert_cmpstr (pm_export_format_get_extension (PM_EXPORT_FORMAT_SVG), ==, ".svg");
}

static void
test_size_and_theme (void)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
    int         width;
    int         height;
  } cases[] = {
    { "1600x900", TRUE, 1600, 900 },
    { "1920X1080", TRUE, 1920, 1080 },
    { "800×600", TRUE, 800, 600 },
    { "16x16", TRUE, 16, 16 },
    { "x900", FALSE, 0, 0 },
    { "1600x", FALSE, 0, 0 },
    { "1600", FALSE, 0, 0 },
    { "-5x10", FALSE, 0, 0 },
    { "0x10", FALSE, 0, 0 },
    { "10x10x10", FALSE, 0, 0 },
    { "10 x 10", FALSE, 0, 0 },
    { "99999999999999999999x5", FALSE, 0, 0 },
    { "", FALSE, 0, 0 },
    { NULL, FALSE, 0, 0 },
  };
  const PmChartTheme *theme = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int w = 0, h = 0;

      g_test_message ("%s", cases[i].text != NULL ? cases[i].text : "(null)");
      g_assert_cmpint (pm_export_parse_size (cases[i].text, &w, &h), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmpint (w, ==, cases[i].width);
          g_assert_cmpint (h, ==, cases[i].height);
        }
    }

  g_assert_true (pm_export_parse_theme ("light", &theme));
  g_assert_true (theme == pm_chart_theme_get_light ());
  g_assert_true (pm_export_parse_theme ("dark", &theme));
  g_assert_true (theme == pm_chart_theme_get_dark ());
  g_assert_false (pm_export_parse_theme ("Dark", &theme));
  g_assert_false (pm_export_parse_theme (NULL, &theme));
}

/* SVG text stays text: <text> elements with the labels as written (tags'
 * spaces kept, markup escaped), no glyph outlines; PDF embeds a font. */
static void
test_svg_text (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (f->dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "chart.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdf_data = NULL;
  g_autoptr(GError) error = NULL;
  gsize pdf_len = 0;

  f->chart.title = "Runs A & B <lab>";
  g_assert_true (pm_export_chart (svg, 900, 500, NULL, &f->chart, &f->range, &error));
  g_assert_no_error (error);
  text = read_text (svg);
  g_assert_nonnull (strstr (text, ">Mm  </text>"));
  g_assert_nonnull (strstr (text, ">Ntfs</text>"));
  g_assert_nonnull (strstr (text, ">Runs A &amp; B &lt;lab&gt;</text>"));
  g_assert_nonnull (strstr (text, ">TotalUsedBytes</text>"));
  /* The title is bold; the y axis title is turned a quarter. */
  g_assert_nonnull (strstr (text, "font-weight=\"bold\""));
  g_assert_nonnull (strstr (text, "matrix(0.000 -1.000 1.000 0.000"));
  /* Cairo writes glyph outlines as <symbol>s: none left. */
  g_assert_null (strstr (text, "<symbol"));
  g_assert_true (g_str_has_suffix (g_strchomp (text), "</svg>"));

  g_assert_true (pm_export_chart (pdf, 900, 500, NULL, &f->chart, &f->range, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &pdf_data, &pdf_len, NULL));
  g_assert_nonnull (memmem (pdf_data, pdf_len, "/FontDescriptor", strlen ("/FontDescriptor")));
}

static cairo_surface_t *
draw_image (const PmChartModel *model,
            const PmChartRange *range,
            const PmChartTheme *theme,
            int                 width,
            int                 height,
            PmChartRenderer    *renderer)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (image);

  pm_chart_renderer_set_theme (renderer, theme);
  pm_chart_renderer_draw (renderer, cr, width, height, model, range);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

static double
luminance_at (cairo_surface_t *image,
              int              x,
              int              y)
{
  const guint8 *p = cairo_image_surface_get_data (image) +
                    y * cairo_image_surface_get_stride (image) + x * 4;

  return (0.2126 * p[2] + 0.7152 * p[1] + 0.0722 * p[0]) / 255.0;
}

/* The title line pushes the plot down; the dark theme is dark. */
static void
test_title_and_theme (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PmChartRenderer) renderer = pm_chart_renderer_new ();
  cairo_surface_t *image;
  PmRect plain, titled;

  image = draw_image (&f->chart, &f->range, pm_chart_theme_get_light (), 800, 450, renderer);
  g_assert_true (pm_chart_renderer_get_plot_area (renderer, &plain));
  g_assert_cmpfloat (luminance_at (image, 2, 2), >, 0.8);
  cairo_surface_destroy (image);

  f->chart.title = "powershell · TotalUsedBytes · 2021-07-13 08:00 – 2021-07-20 07:59 UTC";
  image = draw_image (&f->chart, &f->range, pm_chart_theme_get_dark (), 800, 450, renderer);
  g_assert_true (pm_chart_renderer_get_plot_area (renderer, &titled));
  g_assert_cmpfloat (titled.y, >=, plain.y + 12);
  g_assert_cmpfloat (luminance_at (image, 2, 2), <, 0.3);
  cairo_surface_destroy (image);
}

/* TOTAL on the right-hand axis: fitted to TOTAL alone, the left axis to
 * the tags; gone when nothing is left on the left, or TOTAL is hidden. */
static void
test_right_axis (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PmChartRenderer) renderer = pm_chart_renderer_new ();
  g_autofree char *svg = g_build_filename (f->dir, "right.svg", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  PmRect with_axis, without;
  double y0, y1;

  /* Left: the tags, about 4..10 MB. */
  g_assert_cmpfloat (f->range.y0, <, 4e6);
  g_assert_cmpfloat (f->range.y1, <, 2e7);
  /* Right: TOTAL's 6.1e8..6.2e8, not from zero (it sits far above it). */
  g_assert_true (pm_chart_model_autoscale_right (&f->chart, f->range.t0, f->range.t1, &y0, &y1));
  g_assert_cmpfloat (y0, >, 5.9e8);
  g_assert_cmpfloat (y1, <, 6.3e8);
  g_assert_cmpfloat (y1, >, 6.1e8);

  image = draw_image (&f->chart, &f->range, NULL, 800, 450, renderer);
  g_assert_true (pm_chart_renderer_get_plot_area (renderer, &with_axis));
  g_assert_true (pm_chart_renderer_get_right_range (renderer, &y0, &y1));
  g_assert_cmpfloat (y0, >, 5.9e8);
  cairo_surface_destroy (image);

  /* Its ticks and title are in the export too. */
  g_assert_true (pm_export_chart (svg, 800, 450, NULL, &f->chart, &f->range, &error));
  g_assert_no_error (error);
  text = read_text (svg);
  g_assert_cmpuint (count (text, ">TOTAL</text>"), ==, 2);   /* legend, axis title */
  g_assert_nonnull (strstr (text, " MiB</text>"));

  /* TOTAL alone: one axis, fitted to it. */
  f->series[1].visible = FALSE;
  f->series[2].visible = FALSE;
  g_assert_false (pm_chart_model_autoscale_right (&f->chart, f->range.t0, f->range.t1, &y0, &y1));
  pm_chart_model_autoscale (&f->chart, NAN, NAN, &f->range);
  g_assert_cmpfloat (f->range.y1, >, 6e8);
  image = draw_image (&f->chart, &f->range, NULL, 800, 450, renderer);
  g_assert_false (pm_chart_renderer_get_right_range (renderer, NULL, NULL));
  g_assert_true (pm_chart_renderer_get_plot_area (renderer, &without));
  g_assert_cmpfloat (without.width, >, with_axis.width + 30);
  cairo_surface_destroy (image);

  /* TOTAL hidden: the tags alone, on the left. */
  f->series[0].visible = FALSE;
  f->series[1].visible = TRUE;
  g_assert_false (pm_chart_model_autoscale_right (&f->chart, f->range.t0, f->range.t1, &y0, &y1));
}

/* Where the markers are: the left x of each path of @marked that @plain
 * (the same chart without markers) does not have, sorted; a marker that
 * Cairo clips at the plot's edge comes with a clip path at the same x,
 * so x values within 3 px are one marker. */
static GArray *
marker_xs (const char *plain,
           const char *marked)
{
  g_auto(GStrv) lines = g_strsplit (marked, "\n", -1);
  GArray *xs = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *d = strstr (lines[i], " d=\"M ");
      double x;

      if (strstr (lines[i], "<path") == NULL || d == NULL || strstr (plain, lines[i]) != NULL)
        continue;
      x = g_ascii_strtod (d + 6, NULL);
      g_array_append_val (xs, x);
    }
  g_array_sort (xs, (GCompareFunc) compare_doubles);
  for (guint i = 0; i < xs->len; i++)
    if (merged->len == 0 ||
        g_array_index (xs, double, i) - g_array_index (merged, double, merged->len - 1) > 3)
      g_array_append_val (merged, g_array_index (xs, double, i));
  g_array_unref (xs);
  return merged;
}

/* A chosen marker at every zoom: a week of minutes on 600 px still has
 * markers, about 10 px apart (one per 10 px of plot), and so has a day of
 * it; without a marker, no dots at that density. */
static void
test_markers (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *plain_svg = g_build_filename (f->dir, "plain.svg", NULL);
  g_autofree char *marked_svg = g_build_filename (f->dir, "marked.svg", NULL);
  g_autoptr(PmChartRenderer) renderer = pm_chart_renderer_new ();
  g_autoptr(GError) error = NULL;

  /* Mm alone on the chart. */
  f->chart.n_series = 2;
  f->series[0].visible = FALSE;
  f->chart.show_legend = FALSE;
  pm_chart_model_autoscale (&f->chart, NAN, NAN, &f->range);

  for (guint zoom = 0; zoom < 2; zoom++)
    {
      g_autofree char *plain = NULL;
      g_autofree char *marked = NULL;
      g_autoptr(GArray) xs = NULL;
      cairo_surface_t *image;
      PmRect plot;

      /* Then a day of the week. */
      if (zoom == 1)
        f->range.t1 = f->range.t0 + 86400;
      f->series[1].style.marker = PM_MARKER_NONE;
      g_assert_true (pm_export_chart (plain_svg, 600, 300, NULL, &f->chart, &f->range, &error));
      f->series[1].style.marker = PM_MARKER_SQUARE;
      g_assert_true (pm_export_chart (marked_svg, 600, 300, NULL, &f->chart, &f->range, &error));
      g_assert_no_error (error);
      plain = read_text (plain_svg);
      marked = read_text (marked_svg);
      image = draw_image (&f->chart, &f->range, NULL, 600, 300, renderer);
      g_assert_true (pm_chart_renderer_get_plot_area (renderer, &plot));
      cairo_surface_destroy (image);

      xs = marker_xs (plain, marked);
      g_test_message ("%u markers on a plot %.0f px wide", xs->len, plot.width);
      g_assert_cmpuint (xs->len, >=, plot.width / 10 - 2);
      g_assert_cmpuint (xs->len, <=, plot.width / 10 + 2);
      /* 10 px apart, give or take a path's rounding. */
      for (guint i = 1; i < xs->len; i++)
        g_assert_cmpfloat (g_array_index (xs, double, i) - g_array_index (xs, double, i - 1),
                           >=, 8);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/export-options/extension", test_extension);
  g_test_add_func ("/poolstats/export-options/size-and-theme", test_size_and_theme);
  g_test_add ("/poolstats/export-options/svg-text", Fixture, NULL,
              fixture_set_up, test_svg_text, fixture_tear_down);
  g_test_add ("/poolstats/export-options/title-and-theme", Fixture, NULL,
              fixture_set_up, test_title_and_theme, fixture_tear_down);
  g_test_add ("/poolstats/export-options/right-axis", Fixture, NULL,
              fixture_set_up, test_right_axis, fixture_tear_down);
  g_test_add ("/poolstats/export-options/markers", Fixture, NULL,
              fixture_set_up, test_markers, fixture_tear_down);

  return g_test_run ();
}
