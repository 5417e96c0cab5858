/* test-figures.c: the models and CSV files behind the viewer's exports, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pm-figures.c builds what the chart, heat map and export draw from a
 * session or a matrix, and writes the tag table and the matrix as CSV. A
 * small dataset with a planted pair of tags that move together and one
 * constant tag checks every figure by hand. No display is needed.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pm-cluster.h"
#include "pm-figures.h"

#define N_SNAPSHOTS 12

/* Five tags plus TOTAL:
 *   "A b" and Twin move together (Twin = 2 x "A b" + 5), a tag with a space
 *   Anti moves against them
 *   Flat is constant (r undefined)
 *   "Q,\"x" has a comma and a quote in its description */
static PmDataset *
make_dataset (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  const char *names[] = { "A b ", "Twin", "Anti", "Flat", "Quot" };

  for (guint s = 0; s < N_SNAPSHOTS; s++)
    {
      guint snap = pm_dataset_builder_add_snapshot (builder, 1626171300 + 60 * s,
                                                    1626171300 + 60 * s);
      gint64 wave = (gint64) (100 + 40 * sin (s * 0.9) + 3 * s);
      gint64 values[] = { wave, 2 * wave + 5, 500 - wave, 77, 50 + (s * 7) % 5 };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          PmRowValues row = { 0 };

          row.paged_used = values[i];
          row.paged_diff = (guint32) values[i];
          row.have = PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED |
                     PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF;
          pm_dataset_builder_add_row (builder, snap, names[i], &row);
        }
    }
  pm_dataset_builder_set_tag_info (builder, "Quot", "q.sys", "Says \"hi\", twice");

  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static char **
read_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "\n"));
  text[strlen (text) - 1] = '\0';

  return g_strsplit (text, "\n", -1);
}

static void
test_chart_model (void)
{
  g_autoptr(PmDataset) dataset = make_dataset ();
  g_autoptr(PmSession) session = pm_session_new (NULL);
  g_autoptr(PmChartFigure) figure = NULL;
  const PmChartModel *model;
  guint tags[2];
  guint n_times;

  pm_session_set_dataset (session, dataset);
  pm_session_set_metric (session, PM_METRIC_PAGED_DIFF);
  g_assert_true (pm_dataset_lookup_tag (dataset, "Twin", &tags[0]));
  tags[1] = pm_dataset_get_total_tag (dataset);
  pm_session_set_selection (session, tags, 2);

  /* What the session draws, in its order, with its values and times. */
  figure = pm_chart_figure_new (session);
  model = pm_chart_figure_get_model (figure);
  g_assert_cmpuint (model->n_series, ==, 2);
  g_assert_cmpstr (model->series[0].label, ==, "Twin");
  g_assert_cmpstr (model->series[1].label, ==, "TOTAL");
  g_assert_true (model->series[0].times == pm_session_get_times (session, &n_times));
  g_assert_cmpuint (model->series[0].n_points, ==, N_SNAPSHOTS);
  g_assert_true (model->series[0].values == pm_session_get_values (session, tags[0]));
  g_assert_cmpint (model->kind, ==, PM_VALUE_KIND_COUNT);
  g_assert_cmpstr (model->y_label, ==, "PagedDiff");

  /* Hiding TOTAL leaves it out, as on the chart. */
  pm_session_set_hide_total (session, TRUE);
  g_clear_pointer (&figure, pm_chart_figure_free);
  figure = pm_chart_figure_new (session);
  g_assert_cmpuint (pm_chart_figure_get_model (figure)->n_series, ==, 1);
}

/* A reboot in the data is a marker on the chart, midway between the
 * snapshots on either side; the renderer draws it as a thin vertical line. */
static void
test_chart_reboot_marker (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "loader", "reboot.csv", NULL);
  const char * const paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) dataset = pm_dataset_load (paths, NULL, &error);
  g_autoptr(PmSession) session = pm_session_new (NULL);
  g_autoptr(PmChartFigure) figure = NULL;
  PmChartRenderer *renderer = pm_chart_renderer_new ();
  cairo_surface_t *with = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_surface_t *without = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  PmChartModel model;
  PmChartRange range;
  const gint64 *times;
  guint n_times, min_x = G_MAXUINT, max_x = 0, n_differ = 0;
  cairo_t *cr;

  g_assert_no_error (error);
  pm_session_set_dataset (session, dataset);
  figure = pm_chart_figure_new (session);
  model = *pm_chart_figure_get_model (figure);
  times = pm_session_get_times (session, &n_times);
  g_assert_cmpuint (model.n_markers, ==, 1);
  g_assert_cmpint (model.markers[0], ==, times[2] + 30);
  g_assert_cmpstr (model.marker_label, ==, "reboot");

  range = (PmChartRange) { times[0], times[n_times - 1], 0, 1000 };
  model.marker_label = NULL;
  cr = cairo_create (with);
  pm_chart_renderer_draw (renderer, cr, 400, 300, &model, &range);
  cairo_destroy (cr);
  model.n_markers = 0;
  cr = cairo_create (without);
  pm_chart_renderer_draw (renderer, cr, 400, 300, &model, &range);
  cairo_destroy (cr);

  /* The two frames differ only in one narrow column of pixels. */
  cairo_surface_flush (with);
  cairo_surface_flush (without);
  for (guint y = 0; y < 300; y++)
    for (guint x = 0; x < 400; x++)
      {
        const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (with) +
                                              y * cairo_image_surface_get_stride (with));
        const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (without) +
                                              y * cairo_image_surface_get_stride (without));

        if ((a[x] & 0xffffff) != (b[x] & 0xffffff))
          {
            n_differ++;
            min_x = MIN (min_x, x);
            max_x = MAX (max_x, x);
          }
      }
  g_assert_cmpuint (n_differ, >, 50);
  g_assert_cmpuint (max_x - min_x, <=, 2);

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  pm_chart_renderer_free (renderer);
}

/* A gap in the data is a shaded band on the chart, from the snapshot
 * before it to the one after. */
static void
test_chart_gap (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  static const gint64 offsets[] = { 0, 60, 120, 180, 1800, 1860, 1920 };
  g_autoptr(PmDataset) dataset = NULL;
  g_autoptr(PmSession) session = pm_session_new (NULL);
  g_autoptr(PmChartFigure) figure = NULL;
  PmChartRenderer *renderer = pm_chart_renderer_new ();
  cairo_surface_t *surfaces[2];
  PmChartModel model;
  PmChartRange range;
  const gint64 *times;
  guint n_times, min_x = G_MAXUINT, max_x = 0, n_differ = 0;
  double x0, x1;

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      guint snap = pm_dataset_builder_add_snapshot (builder, 1626171300 + offsets[i],
                                                    1626171300 + offsets[i]);
      PmRowValues row = { 0 };

      row.paged_used = 100 + i;
      row.have = PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED;
      pm_dataset_builder_add_row (builder, snap, "Tag1", &row);
    }
  dataset = pm_dataset_builder_end (g_steal_pointer (&builder));
  pm_session_set_dataset (session, dataset);
  figure = pm_chart_figure_new (session);
  model = *pm_chart_figure_get_model (figure);
  times = pm_session_get_times (session, &n_times);
  g_assert_cmpuint (model.n_gaps, ==, 1);
  g_assert_cmpint (model.gaps[0], ==, times[3]);
  g_assert_cmpint (model.gaps[1], ==, times[4]);
  g_assert_cmpstr (model.gap_label, ==, "gap");

  /* The frames with and without it differ only within the band. */
  range = (PmChartRange) { times[0], times[n_times - 1], 0, 1000 };
  model.gap_label = NULL;
  for (guint pass = 0; pass < 2; pass++)
    {
      cairo_t *cr;

      surfaces[pass] = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
      cr = cairo_create (surfaces[pass]);
      model.n_gaps = pass == 0 ? 1 : 0;
      pm_chart_renderer_draw (renderer, cr, 400, 300, &model, &range);
      cairo_destroy (cr);
      cairo_surface_flush (surfaces[pass]);
    }
  x0 = pm_chart_renderer_time_to_x (renderer, times[3]);
  x1 = pm_chart_renderer_time_to_x (renderer, times[4]);
  for (guint y = 0; y < 300; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (surfaces[0]) +
                                            y * cairo_image_surface_get_stride (surfaces[0]));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (surfaces[1]) +
                                            y * cairo_image_surface_get_stride (surfaces[1]));

      for (guint x = 0; x < 400; x++)
        if ((a[x] & 0xffffff) != (b[x] & 0xffffff))
          {
            n_differ++;
            min_x = MIN (min_x, x);
            max_x = MAX (max_x, x);
          }
    }
  g_assert_cmpuint (n_differ, >, 1000);
  g_assert_cmpfloat (min_x, >=, x0 - 1);
  g_assert_cmpfloat (max_x, <=, x1 + 1);

  cairo_surface_destroy (surfaces[0]);
  cairo_surface_destroy (surfaces[1]);
  pm_chart_renderer_free (renderer);
}

static void
test_matrix_csv (void)
{
  g_autoptr(PmDataset) dataset = make_dataset ();
  g_autoptr(PmCorrMatrix) matrix = NULL;
  g_autoptr(PmCorrFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *order = NULL;
  g_autofree char *path = temp_path ("pm-test-figures-matrix.csv");
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  PmCorrOptions options;
  guint n, a = G_MAXUINT, twin = G_MAXUINT, flat = G_MAXUINT;

  pm_corr_options_init (&options, PM_METRIC_PAGED_USED_BYTES);
  matrix = pm_corr_compute (dataset, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  order = pm_cluster_order (matrix, NULL, &error);
  g_assert_no_error (error);
  figure = pm_corr_figure_new (dataset, matrix, order, "title");
  n = pm_corr_figure_get_model (figure)->n;
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (pm_corr_figure_get_model (figure)->title, ==, "title");

  g_assert_true (pm_corr_figure_write_csv (figure, path, &error));
  g_assert_no_error (error);
  lines = read_lines (path);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);

  /* Columns in display (clustered) order; names quoted, spaces kept. */
  header = g_strsplit (lines[0], ",", -1);
  g_assert_cmpuint (g_strv_length (header), ==, n + 1);
  g_assert_cmpstr (header[0], ==, "\"Tag\"");
  for (guint j = 0; j < n; j++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", pm_corr_figure_get_model (figure)->labels[order[j]]);

      g_assert_cmpstr (header[j + 1], ==, quoted);
      if (g_str_equal (header[j + 1], "\"A b \""))
        a = j;
      else if (g_str_equal (header[j + 1], "\"Twin\""))
        twin = j;
      else if (g_str_equal (header[j + 1], "\"Flat\""))
        flat = j;
    }
  g_assert_cmpuint (a, <, n);
  g_assert_cmpuint (twin, <, n);
  g_assert_cmpuint (flat, <, n);
  /* The planted pair sits side by side. */
  g_assert_cmpuint (MAX (a, twin) - MIN (a, twin), ==, 1);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) row = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpstr (row[0], ==, header[i + 1]);
      for (guint j = 0; j < n; j++)
        {
          double r = pm_corr_matrix_get (matrix, pm_corr_figure_get_index (figure, i),
                                         pm_corr_figure_get_index (figure, j));

          if (i == flat || j == flat)
            {
              /* Undefined r is left empty, never 0. */
              g_assert_cmpstr (row[j + 1], ==, "");
              g_assert_true (isnan (r));
            }
          else
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[j + 1], NULL), r, 1e-6);
        }
      if (i == a)
        g_assert_cmpstr (row[twin + 1], ==, "1.000000");
    }

  g_unlink (path);
}

static void
test_tag_table_csv (void)
{
  g_autoptr(PmDataset) dataset = make_dataset ();
  g_autoptr(PmSession) session = pm_session_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("pm-test-figures-tags.csv");
  g_auto(GStrv) lines = NULL;
  guint flat, quot;

  /* No data, no file. */
  g_assert_false (pm_figures_write_tag_table_csv (session, path, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_NO_DATA);
  g_clear_error (&error);

  pm_session_set_dataset (session, dataset);
  pm_session_set_metric (session, PM_METRIC_PAGED_DIFF);
  g_assert_true (pm_dataset_lookup_tag (dataset, "Flat", &flat));
  g_assert_true (pm_dataset_lookup_tag (dataset, "Quot", &quot));
  pm_session_set_selection (session, &flat, 1);

  g_assert_true (pm_figures_write_tag_table_csv (session, path, &error));
  g_assert_no_error (error);
  lines = read_lines (path);

  /* A header, every tag, TOTAL last. */
  g_assert_cmpuint (g_strv_length (lines), ==, pm_dataset_get_n_tags (dataset) + 2);
  g_assert_cmpstr (lines[0], ==, "\"Tag\",\"Binary\",\"Description\",\"Shown\",\"Peak\",\"Mean\","
                   "\"IncreasePercent\",\"IncreaseAbsolute\",\"Present\"");
  g_assert_true (g_str_has_prefix (lines[pm_dataset_get_n_tags (dataset) + 1], "\"TOTAL\","));

  /* A constant tag: shown, peak = mean = 77, no increase. */
  g_assert_cmpstr (lines[flat + 1], ==, "\"Flat\",\"\",\"\",1,77,77.000,0.000,0,12");
  /* Quotes doubled inside a quoted field, commas kept. */
  g_assert_true (g_str_has_prefix (lines[quot + 1], "\"Quot\",\"q.sys\",\"Says \"\"hi\"\", twice\",0,"));

  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/figures/chart-model", test_chart_model);
  g_test_add_func ("/poolstats/figures/chart-reboot-marker", test_chart_reboot_marker);
  g_test_add_func ("/poolstats/figures/chart-gap", test_chart_gap);
  g_test_add_func ("/poolstats/figures/matrix-csv", test_matrix_csv);
  g_test_add_func ("/poolstats/figures/tag-table-csv", test_tag_table_csv);

  return g_test_run ();
}
