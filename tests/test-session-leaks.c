/* test-session-leaks.c: the leak finder's answer in the view state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the bundled sample (data/sample/powershell, planted leak QdrC): the
 * session's default selection takes the leaks and suspects unless the old
 * command line turned that off, a selection the user made is kept, an
 * answer about another dataset is ignored, a smaller dataset after an
 * answer leaves no old tag drawn; the summary line, the trend
 * lines in both time bases, the chart figure's trends and verdicts, the
 * Leaks page's rows, its CSV and its picture.
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pm-figures.h"
#include "pm-leaks-figure.h"
#include "pm-session.h"

static PmDataset *
load_sample (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "sample",
                                                "powershell", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  PmDataset *dataset = pm_dataset_load (paths, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static PmLeakResult *
find_leaks (PmDataset  *dataset,
            PmTimeBase  base)
{
  g_autoptr(GError) error = NULL;
  PmLeakOptions options;
  PmLeakResult *leaks;

  pm_leak_options_init (&options);
  options.time_base = base;
  leaks = pm_leak_analyse (dataset, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (leaks);
  return leaks;
}

static guint
tag_of (PmDataset  *dataset,
        const char *name)
{
  guint tag;

  g_assert_true (pm_dataset_lookup_tag (dataset, name, &tag));
  return tag;
}

/* A session on the sample whose old default selection is TOTAL alone. */
static PmSession *
bare_session (PmDataset *dataset)
{
  PmSession *session = pm_session_new (NULL);

  for (guint r = 0; r < PM_N_RANKINGS; r++)
    pm_session_set_top_n (session, r, 0);
  pm_session_set_dataset (session, dataset);
  return session;
}

static void
test_first_view (void)
{
  g_autoptr(PmDataset) dataset = load_sample ();
  g_autoptr(PmSession) session = bare_session (dataset);
  g_autoptr(PmLeakResult) leaks = find_leaks (dataset, PM_TIME_BASE_UTC);
  guint total = pm_dataset_get_total_tag (dataset);
  const guint *shown;
  guint n;

  shown = pm_session_get_shown (session, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (shown[0], ==, total);

  pm_session_set_leaks (session, leaks, PM_TIME_BASE_UTC);
  g_assert_true (pm_session_get_leaks (session) == leaks);
  shown = pm_session_get_shown (session, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (shown[0], ==, total);
  g_assert_cmpuint (shown[1], ==, tag_of (dataset, "QdrC"));
  g_assert_cmpint (pm_session_get_leak_verdict (session, shown[1]), ==, PM_LEAK_VERDICT_LEAK);
  g_assert_cmpint (pm_session_get_leak_verdict (session, total), ==, PM_LEAK_VERDICT_NONE);

  /* A new dataset forgets the answer. */
  pm_session_set_dataset (session, NULL);
  g_assert_null (pm_session_get_leaks (session));
}

static void
test_old_command_line (void)
{
  g_autoptr(PmDataset) dataset = load_sample ();
  g_autoptr(PmSession) plain = pm_session_new (NULL);
  g_autoptr(PmSession) old = pm_session_new (NULL);
  g_autoptr(PmLeakResult) leaks = find_leaks (dataset, PM_TIME_BASE_UTC);
  const guint *a, *b;
  guint na, nb;

  /* The old options keep selecting exactly what they did. */
  pm_session_set_select_leaks (old, FALSE);
  for (guint r = 0; r < PM_N_RANKINGS; r++)
    pm_session_set_top_n (old, r, 2);
  pm_session_set_dataset (old, dataset);
  a = pm_session_get_shown (old, &na);
  g_autofree guint *before = g_memdup2 (a, na * sizeof (guint));
  pm_session_set_leaks (old, leaks, PM_TIME_BASE_UTC);
  b = pm_session_get_shown (old, &nb);
  g_assert_cmpuint (na, ==, nb);
  g_assert_cmpmem (before, na * sizeof (guint), b, nb * sizeof (guint));

  /* Without them: the old selection until the leak finder answers, then
   * TOTAL and its leaks and suspects alone (the sample: QdrC). */
  for (guint r = 0; r < PM_N_RANKINGS; r++)
    pm_session_set_top_n (plain, r, 2);
  pm_session_set_dataset (plain, dataset);
  a = pm_session_get_shown (plain, &na);
  g_assert_cmpmem (a, na * sizeof (guint), before, nb * sizeof (guint));
  pm_session_set_leaks (plain, leaks, PM_TIME_BASE_UTC);
  a = pm_session_get_shown (plain, &na);
  g_assert_cmpuint (na, ==, 2);
  g_assert_cmpuint (a[0], ==, pm_dataset_get_total_tag (dataset));
  g_assert_cmpuint (a[1], ==, tag_of (dataset, "QdrC"));

  /* Show Default Selection: the old selection in its order, the leaks
   * after it. */
  pm_session_reset_selection (plain);
  a = pm_session_get_shown (plain, &na);
  g_assert_cmpuint (na, >=, nb);
  g_assert_cmpmem (a, nb * sizeof (guint), before, nb * sizeof (guint));
  g_assert_true (pm_session_is_shown (plain, tag_of (dataset, "QdrC")));
}

static void
test_user_selection_kept (void)
{
  g_autoptr(PmDataset) dataset = load_sample ();
  g_autoptr(PmDataset) other = load_sample ();
  g_autoptr(PmSession) session = bare_session (dataset);
  g_autoptr(PmLeakResult) leaks = find_leaks (dataset, PM_TIME_BASE_UTC);
  g_autoptr(PmLeakResult) stale = find_leaks (other, PM_TIME_BASE_UTC);
  guint mmst = tag_of (dataset, "MmSt");
  const guint *shown;
  guint n;

  /* An answer about another load is ignored. */
  pm_session_set_leaks (session, stale, PM_TIME_BASE_UTC);
  g_assert_null (pm_session_get_leaks (session));

  pm_session_set_selection (session, &mmst, 1);
  pm_session_set_leaks (session, leaks, PM_TIME_BASE_UTC);
  shown = pm_session_get_shown (session, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (shown[0], ==, mmst);

  /* Reset shows the default, with the leak. */
  pm_session_reset_selection (session);
  g_assert_true (pm_session_is_shown (session, tag_of (dataset, "QdrC")));
}

static void
test_summary_and_trend (void)
{
  g_autoptr(PmDataset) dataset = load_sample ();
  g_autoptr(PmSession) session = bare_session (dataset);
  g_autoptr(PmLeakResult) leaks = find_leaks (dataset, PM_TIME_BASE_UTC);
  guint qdrc = tag_of (dataset, "QdrC");
  g_autofree char *summary = NULL;
  const gint64 *utc, *local;
  double t0, v0, t1, v1, lt0, lv0, lt1, lv1;
  guint n;

  g_assert_null (pm_session_describe_leaks (session));
  pm_session_set_leaks (session, leaks, PM_TIME_BASE_UTC);
  summary = pm_session_describe_leaks (session);
  g_test_message ("summary: %s", summary);
  g_assert_true (g_str_has_prefix (summary, "1 leak: QdrC, +"));
  g_assert_nonnull (strstr (summary, "/h since "));

  /* TotalUsedBytes: one boot, one line, climbing, inside the run. */
  utc = pm_session_get_times (session, &n);
  g_assert_true (pm_session_get_trend (session, qdrc, 0, &t0, &v0, &t1, &v1));
  g_assert_false (pm_session_get_trend (session, qdrc, 1, &t0, &v0, &t1, &v1));
  g_assert_cmpfloat (t0, >=, (double) utc[0]);
  g_assert_cmpfloat (t1, <=, (double) utc[n - 1]);
  g_assert_cmpfloat (v1, >, v0 + 1024 * 1024);
  g_assert_false (pm_session_get_trend (session, tag_of (dataset, "MmSt"), 0,
                                        &lt0, &lv0, &lt1, &lv1));

  /* In local time the same line, moved by the lab machine's UTC offset. */
  if (pm_dataset_has_time_base (dataset, PM_TIME_BASE_LOCAL))
    {
      local = pm_dataset_get_times (dataset, PM_TIME_BASE_LOCAL);
      pm_session_set_time_base (session, PM_TIME_BASE_LOCAL);
      g_assert_true (pm_session_get_trend (session, qdrc, 0, &lt0, &lv0, &lt1, &lv1));
      g_assert_cmpfloat (lt0 - t0, ==, (double) (local[0] - utc[0]));
      g_assert_cmpfloat (lv0, ==, v0);
      /* The summary's "since" follows. */
      if (local[0] != utc[0])
        {
          g_autofree char *in_local = pm_session_describe_leaks (session);

          g_test_message ("in local time: %s", in_local);
          g_assert_cmpstr (in_local, !=, summary);
        }
      pm_session_set_time_base (session, PM_TIME_BASE_UTC);
    }

  /* PagedUsedBytes was not judged: no line to draw. */
  if (pm_dataset_has_metric (dataset, PM_METRIC_PAGED_USED_BYTES))
    {
      pm_session_set_metric (session, PM_METRIC_PAGED_USED_BYTES);
      g_assert_false (pm_session_get_trend (session, qdrc, 0, &t0, &v0, &t1, &v1));
    }
}

static void
test_figures (void)
{
  g_autoptr(PmDataset) dataset = load_sample ();
  g_autoptr(PmSession) session = bare_session (dataset);
  g_autoptr(PmLeakResult) leaks = find_leaks (dataset, PM_TIME_BASE_UTC);
  g_autoptr(PmChartFigure) chart = NULL;
  g_autoptr(PmLeaksFigure) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pm-leaks-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "leaks.csv", NULL);
  g_autofree char *png_path = g_build_filename (dir, "leaks.png", NULL);
  g_autofree char *chart_path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  const PmChartModel *model;
  const PmLeaksModel *rows;

  pm_session_set_leaks (session, leaks, PM_TIME_BASE_UTC);

  /* The chart: QdrC's trend line over its series, its verdict in the readout. */
  chart = pm_chart_figure_new (session);
  model = pm_chart_figure_get_model (chart);
  g_assert_cmpuint (model->n_series, ==, 2);
  g_assert_cmpuint (model->n_trends, ==, 1);
  g_assert_cmpstr (model->series[model->trends[0].series].label, ==, "QdrC");
  g_assert_true (g_str_has_prefix (model->series[model->trends[0].series].note, "leak, +"));
  g_assert_null (model->series[0].note);
  g_assert_true (g_str_has_suffix (model->trends[0].label, "/h"));
  g_assert_true (pm_export_chart (chart_path, 800, 500, pm_chart_theme_get_light (), model,
                                  pm_session_get_range (session), &error));
  g_assert_no_error (error);

  /* The Leaks page: one row, the rest counted. */
  page = pm_leaks_figure_new (session);
  rows = pm_leaks_figure_get_model (page);
  g_assert_cmpuint (rows->n_rows, ==, 1);
  g_assert_cmpstr (rows->rows[0].tag, ==, "QdrC");
  g_assert_cmpstr (rows->rows[0].verdict, ==, "leak");
  g_assert_cmpuint (rows->rows[0].spark.n_trends, ==, 1);
  g_assert_cmpuint (pm_leaks_figure_get_tag (page, 0), ==, tag_of (dataset, "QdrC"));
  g_assert_true (g_str_has_prefix (rows->footer, "59 other tags: no evidence of a leak"));
  g_assert_true (pm_export_leaks (png_path, 900, 400, pm_chart_theme_get_light (), rows, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (png_path, G_FILE_TEST_IS_REGULAR));

  /* Its CSV: every tag, most likely leak first. */
  g_assert_true (pm_leaks_write_csv (session, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, pm_dataset_get_n_tags (dataset) + 2);
  g_assert_true (g_str_has_prefix (lines[0], "\"Tag\",\"Verdict\",\"Score\",\"Pattern\""));
  g_assert_true (g_str_has_prefix (lines[1], "\"QdrC\",\"leak\","));

  g_unlink (csv_path);
  g_unlink (png_path);
  g_unlink (chart_path);
  g_rmdir (dir);
}

/* Each notification of the leaks sees only the current dataset's tags
 * drawn: the chart is rebuilt from it. */
static void
leaks_notified_cb (PmSession  *session,
                   GParamSpec *pspec,
                   guint      *n_calls)
{
  PmDataset *dataset = pm_session_get_dataset (session);
  g_autoptr(PmChartFigure) figure = NULL;
  const guint *drawn;
  guint n;

  drawn = pm_session_get_drawn (session, &n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (drawn[i], <=, pm_dataset_get_n_tags (dataset));
  figure = pm_chart_figure_new (session);
  (*n_calls)++;
}

/* A smaller dataset after an answer about a bigger one (the viewer opening
 * another folder): the old tag indices are gone before the leaks are
 * cleared and notified. */
static void
test_smaller_dataset_after_answer (void)
{
  g_autoptr(PmDataset) dataset = load_sample ();
  g_autoptr(PmSession) session = bare_session (dataset);
  g_autoptr(PmLeakResult) leaks = find_leaks (dataset, PM_TIME_BASE_UTC);
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "gz", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) smaller = pm_dataset_load (paths, NULL, &error);
  guint n_calls = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_tags (smaller), <, pm_dataset_get_n_tags (dataset));
  pm_session_set_leaks (session, leaks, PM_TIME_BASE_UTC);
  g_signal_connect (session, "notify::leaks", G_CALLBACK (leaks_notified_cb), &n_calls);
  pm_session_set_dataset (session, smaller);
  g_assert_cmpuint (n_calls, ==, 1);
  g_assert_null (pm_session_get_leaks (session));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/session-leaks/first-view", test_first_view);
  g_test_add_func ("/poolstats/session-leaks/old-command-line", test_old_command_line);
  g_test_add_func ("/poolstats/session-leaks/user-selection-kept", test_user_selection_kept);
  g_test_add_func ("/poolstats/session-leaks/summary-and-trend", test_summary_and_trend);
  g_test_add_func ("/poolstats/session-leaks/figures", test_figures);
  g_test_add_func ("/poolstats/session-leaks/smaller-dataset-after-answer",
                   test_smaller_dataset_after_answer);

  return g_test_run ();
}
