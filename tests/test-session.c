/* test-session.c: the viewer's view state, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PmSession is what drag-to-zoom, Back, Home, the tag table and the style
 * dialog write into; these tests drive it as the widgets do, on datasets
 * small enough to check every figure by hand. No display is needed.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pm-figures.h"
#include "pm-session.h"
#include "pm-user-state.h"

#ifdef G_OS_UNIX
# include <sys/stat.h>
#endif

#define T0   1626171300 /* 2021-07-13 10:15:00 UTC */
#define STEP 60
#define N_SNAPSHOTS 10
#define LOCAL_OFFSET 7200

/* Ten snapshots, one a minute, of four tags plus TOTAL:
 *   Big  steady at 1000 (highest peak and mean)
 *   Grow 10, 20, ... 100 (biggest increase)
 *   Spik 0 except 500 at snapshot 4 (a one-sample spike)
 *   Tiny 1 throughout */
static PmDataset *
make_dataset (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  const char *names[] = { "Big ", "Grow", "Spik", "Tiny" };

  for (guint s = 0; s < N_SNAPSHOTS; s++)
    {
      guint snap = pm_dataset_builder_add_snapshot (builder, T0 + s * STEP,
                                                    T0 + s * STEP + LOCAL_OFFSET);
      gint64 values[] = { 1000, 10 * (s + 1), s == 4 ? 500 : 0, 1 };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          PmRowValues row = { 0 };

          row.paged_used = values[i];
          row.non_paged_used = 0;
          row.paged_diff = (guint32) values[i];
          row.non_paged_diff = 0;
          row.have = PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED |
                     PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF;
          pm_dataset_builder_add_row (builder, snap, names[i], &row);
        }
    }
  pm_dataset_builder_set_tag_info (builder, "Grow", "grow.sys", "A driver that leaks");

  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

static guint
tag_of (PmDataset  *dataset,
        const char *name)
{
  guint tag = G_MAXUINT;

  g_assert_true (pm_dataset_lookup_tag (dataset, name, &tag));
  return tag;
}

typedef struct
{
  char        *dir;
  PmUserState *state;
  PmDataset   *dataset;
  PmSession   *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-session-XXXXXX", &error);
  g_assert_no_error (error);
  f->state = pm_user_state_new (f->dir);
  f->dataset = make_dataset ();
  f->session = pm_session_new (f->state);
  pm_session_set_dataset (f->session, f->dataset);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->dataset);
  g_clear_object (&f->state);
  remove_dir (f->dir);
  g_free (f->dir);
}

static void
test_default_selection (Fixture       *f,
                        gconstpointer  data)
{
  const guint *shown;
  guint n = 0;

  shown = pm_session_get_shown (f->session, &n);
  /* TOTAL, then the union of the top 5 of each ranking: all four tags. */
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (shown[0], ==, pm_dataset_get_total_tag (f->dataset));
  for (guint i = 0; i < 4; i++)
    g_assert_true (pm_session_is_shown (f->session, tag_of (f->dataset, (const char *[]) {
                                          "Big ", "Grow", "Spik", "Tiny" }[i])));

  /* Top 1 of each: Big (peak, mean), Grow (% and absolute increase). */
  for (PmRanking r = 0; r < PM_N_RANKINGS; r++)
    pm_session_set_top_n (f->session, r, 1);
  shown = pm_session_get_shown (f->session, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (pm_session_is_shown (f->session, tag_of (f->dataset, "Big ")));
  g_assert_true (pm_session_is_shown (f->session, tag_of (f->dataset, "Grow")));
  g_assert_false (pm_session_is_shown (f->session, tag_of (f->dataset, "Tiny")));

  /* Included tags join it, excluded ones leave the rankings. */
  pm_session_set_include (f->session, (const char *[]) { "Tiny", NULL });
  g_assert_true (pm_session_is_shown (f->session, tag_of (f->dataset, "Tiny")));
  pm_session_set_exclude (f->session, (const char *[]) { "Big*", NULL });
  g_assert_false (pm_session_is_shown (f->session, tag_of (f->dataset, "Big ")));
}

static void
test_home_range (Fixture       *f,
                 gconstpointer  data)
{
  const PmChartRange *r = pm_session_get_range (f->session);

  g_assert_cmpfloat (r->t0, ==, T0);
  g_assert_cmpfloat (r->t1, ==, T0 + (N_SNAPSHOTS - 1) * STEP);
  /* TOTAL has the right-hand axis: the left fits the tags, Big's 1000
   * at most. */
  g_assert_true (pm_session_get_total_on_right (f->session));
  g_assert_cmpfloat (r->y1, >=, 1000);
  g_assert_cmpfloat (r->y1, <, 1000 + 50 + 500 + 1);
  g_assert_cmpfloat (r->y0, ==, 0);
  /* On one axis with the tags, TOTAL peaks at 1000 + 50 + 500 + 1, the
   * sum at snapshot 4. */
  pm_session_set_total_axis (f->session, FALSE);
  r = pm_session_get_range (f->session);
  g_assert_cmpfloat (r->y1, >=, 1000 + 50 + 500 + 1);
  g_assert_cmpfloat (r->y0, ==, 0);
  g_assert_false (pm_session_get_zoomed (f->session));
  g_assert_false (pm_session_get_can_go_back (f->session));
}

/* TOTAL's own axis: on by default, only beside another visible series,
 * in the chart model, kept by the Back step of "chart against TOTAL". */
static void
test_total_axis (Fixture       *f,
                 gconstpointer  data)
{
  guint total = pm_dataset_get_total_tag (f->dataset);
  guint grow = tag_of (f->dataset, "Grow");
  g_autoptr(PmChartFigure) figure = NULL;
  const PmChartModel *model;
  guint n_right = 0;
  double y0, y1;

  g_assert_true (pm_session_get_total_axis (f->session));
  figure = pm_chart_figure_new (f->session);
  model = pm_chart_figure_get_model (figure);
  for (guint i = 0; i < model->n_series; i++)
    if (model->series[i].right_axis)
      {
        g_assert_cmpstr (model->series[i].label, ==, "TOTAL");
        n_right++;
      }
  g_assert_cmpuint (n_right, ==, 1);
  g_assert_cmpstr (model->right_label, ==, "TOTAL");
  /* The right axis fits TOTAL alone: 1011..1551 over all snapshots. */
  g_assert_true (pm_chart_model_autoscale_right (model, T0, T0 + (N_SNAPSHOTS - 1) * STEP,
                                                 &y0, &y1));
  g_assert_cmpfloat (y0, <=, 1000 + 10 + 1);
  g_assert_cmpfloat (y0, >, 900);
  g_assert_cmpfloat (y1, >=, 1551);
  g_assert_cmpfloat (y1, <, 1700);

  /* TOTAL alone needs no second axis. */
  pm_session_set_selection (f->session, &total, 1);
  g_assert_false (pm_session_get_total_on_right (f->session));
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, >=, 1551);

  /* Hidden TOTAL: nothing on the right. */
  pm_session_set_selection (f->session, (guint[]) { total, grow }, 2);
  g_assert_true (pm_session_get_total_on_right (f->session));
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, <, 200);
  pm_session_set_hide_total (f->session, TRUE);
  g_assert_false (pm_session_get_total_on_right (f->session));
  pm_session_set_hide_total (f->session, FALSE);

  /* Chart against TOTAL puts TOTAL on its own axis even when the user
   * had turned that off; Back brings the user's choice back. */
  pm_session_set_total_axis (f->session, FALSE);
  g_assert_false (pm_session_get_total_on_right (f->session));
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, >=, 1551);
  pm_session_chart_against_total (f->session, grow);
  g_assert_true (pm_session_get_total_axis (f->session));
  g_assert_true (pm_session_get_total_on_right (f->session));
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, <, 200);
  g_assert_true (pm_session_zoom_back (f->session));
  g_assert_false (pm_session_get_total_axis (f->session));
}

static void
test_zoom_back_home (Fixture       *f,
                     gconstpointer  data)
{
  guint spike = tag_of (f->dataset, "Spik");
  guint grow = tag_of (f->dataset, "Grow");
  const PmChartRange *r;

  pm_session_set_selection (f->session, (guint[]) { spike, grow }, 2);

  /* Snapshots 6..8: the spike is out of view, y fits Grow's 70..90. */
  pm_session_zoom_time (f->session, T0 + 6 * STEP, T0 + 8 * STEP);
  r = pm_session_get_range (f->session);
  g_assert_cmpfloat (r->t0, ==, T0 + 6 * STEP);
  g_assert_cmpfloat (r->t1, ==, T0 + 8 * STEP);
  g_assert_cmpfloat (r->y1, >=, 90);
  g_assert_cmpfloat (r->y1, <, 200);
  g_assert_true (pm_session_get_zoomed (f->session));
  g_assert_true (pm_session_get_can_go_back (f->session));

  /* Zoom again, onto the spike: y takes it in. */
  pm_session_zoom_time (f->session, T0 + 3 * STEP, T0 + 5 * STEP);
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, >=, 500);

  g_assert_true (pm_session_zoom_back (f->session));
  g_assert_cmpfloat (pm_session_get_range (f->session)->t0, ==, T0 + 6 * STEP);
  g_assert_true (pm_session_zoom_back (f->session));
  g_assert_false (pm_session_get_zoomed (f->session));
  g_assert_false (pm_session_zoom_back (f->session));

  pm_session_zoom_time (f->session, T0 + 1 * STEP, T0 + 2 * STEP);
  pm_session_zoom_time (f->session, T0 + 1 * STEP, T0 + 1.5 * STEP);
  pm_session_zoom_home (f->session);
  g_assert_false (pm_session_get_zoomed (f->session));
  g_assert_cmpfloat (pm_session_get_range (f->session)->t1, ==, T0 + (N_SNAPSHOTS - 1) * STEP);

  /* Home is one more step of the history: Back returns to the zoom. */
  g_assert_true (pm_session_get_can_go_back (f->session));
  g_assert_true (pm_session_zoom_back (f->session));
  g_assert_cmpfloat (pm_session_get_range (f->session)->t1, ==, T0 + 1.5 * STEP);
}

static void
test_zoom_limits (Fixture       *f,
                  gconstpointer  data)
{
  PmChartRange wide = { T0 - 86400, T0 + 86400, 0, 1 };
  const PmChartRange *r;

  /* Wider than the data: the data's span. */
  pm_session_zoom (f->session, &wide, TRUE, TRUE);
  r = pm_session_get_range (f->session);
  g_assert_cmpfloat (r->t0, ==, T0);
  g_assert_cmpfloat (r->t1, ==, T0 + (N_SNAPSHOTS - 1) * STEP);

  /* Narrower than a second: one second. */
  pm_session_zoom_time (f->session, T0 + 100, T0 + 100.01);
  r = pm_session_get_range (f->session);
  g_assert_cmpfloat_with_epsilon (r->t1 - r->t0, 1.0, 1e-9);

  /* A box zoom keeps its values. */
  wide = (PmChartRange) { T0, T0 + 120, 5, 50 };
  pm_session_zoom (f->session, &wide, FALSE, TRUE);
  r = pm_session_get_range (f->session);
  g_assert_cmpfloat (r->y0, ==, 5);
  g_assert_cmpfloat (r->y1, ==, 50);

  /* A pan step replaces the view instead of stacking a new one. */
  wide = (PmChartRange) { T0 + 60, T0 + 180, 5, 50 };
  pm_session_zoom (f->session, &wide, TRUE, FALSE);
  g_assert_true (pm_session_zoom_back (f->session));
  g_assert_cmpfloat (pm_session_get_range (f->session)->t1 - pm_session_get_range (f->session)->t0,
                     ==, 1.0);
}

static void
test_hide_total_and_log (Fixture       *f,
                         gconstpointer  data)
{
  guint total = pm_dataset_get_total_tag (f->dataset);
  guint tiny = tag_of (f->dataset, "Tiny");
  guint n;
  const guint *drawn;

  /* TOTAL and Tiny on one axis (TOTAL's own axis: test_total_axis). */
  pm_session_set_total_axis (f->session, FALSE);
  pm_session_set_selection (f->session, (guint[]) { total, tiny }, 2);
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, >, 1000);

  pm_session_set_hide_total (f->session, TRUE);
  drawn = pm_session_get_drawn (f->session, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (drawn[0], ==, tiny);
  /* TOTAL still counts as shown; the y axis now fits Tiny alone. */
  g_assert_true (pm_session_is_shown (f->session, total));
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, <, 10);

  pm_session_set_log_scale (f->session, TRUE);
  g_assert_cmpfloat (pm_session_get_range (f->session)->y0, >, 0);
  g_assert_cmpfloat (pm_session_get_range (f->session)->y0, <=, 1);
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, >=, 1);
}

static void
test_time_base (Fixture       *f,
                gconstpointer  data)
{
  guint n;
  const gint64 *times;

  pm_session_zoom_time (f->session, T0 + 120, T0 + 240);
  pm_session_set_time_base (f->session, PM_TIME_BASE_LOCAL);
  times = pm_session_get_times (f->session, &n);
  g_assert_cmpuint (n, ==, N_SNAPSHOTS);
  g_assert_cmpint (times[0], ==, T0 + LOCAL_OFFSET);
  /* The same snapshots stay in view, on the other clock. */
  g_assert_cmpfloat (pm_session_get_range (f->session)->t0, ==, T0 + 120 + LOCAL_OFFSET);
  g_assert_cmpfloat (pm_session_get_range (f->session)->t1, ==, T0 + 240 + LOCAL_OFFSET);
  pm_session_zoom_home (f->session);
  g_assert_cmpfloat (pm_session_get_range (f->session)->t0, ==, T0 + LOCAL_OFFSET);
}

static void
test_metric (Fixture       *f,
             gconstpointer  data)
{
  guint tiny = tag_of (f->dataset, "Tiny");
  const double *values;

  values = pm_session_get_values (f->session, tag_of (f->dataset, "Grow"));
  g_assert_cmpfloat (values[9], ==, 100);

  /* A selection of the user's own survives a change of metric. */
  pm_session_set_selection (f->session, &tiny, 1);
  pm_session_set_metric (f->session, PM_METRIC_PAGED_DIFF);
  g_assert_cmpuint (pm_session_get_metric (f->session), ==, PM_METRIC_PAGED_DIFF);
  g_assert_true (pm_session_is_shown (f->session, tiny));
  g_assert_false (pm_session_is_shown (f->session, tag_of (f->dataset, "Big ")));
  g_assert_nonnull (pm_session_get_tag_table (f->session));
}

/* The chart's levels of detail follow the session's values: built on the
 * values it hands out, kept while they are, anew after a change of metric. */
static void
test_lod (Fixture       *f,
          gconstpointer  data)
{
  guint grow = tag_of (f->dataset, "Grow");
  guint n = pm_dataset_get_n_snapshots (f->dataset);
  const double *values = pm_session_get_values (f->session, grow);
  const PmLod *lod = pm_session_get_lod (f->session, grow);
  double lo, hi, rlo = HUGE_VAL, rhi = -HUGE_VAL;

  g_assert_true (pm_lod_get_values (lod) == values);
  g_assert_cmpuint (pm_lod_get_n_values (lod), ==, n);
  g_assert_true (pm_session_get_lod (f->session, grow) == lod);
  for (guint i = 0; i < n; i++)
    {
      rlo = MIN (rlo, values[i]);
      rhi = MAX (rhi, values[i]);
    }
  g_assert_true (pm_lod_range (lod, 0, n, FALSE, &lo, &hi));
  g_assert_cmpfloat (lo, ==, rlo);
  g_assert_cmpfloat (hi, ==, rhi);

  pm_session_set_metric (f->session, PM_METRIC_PAGED_DIFF);
  values = pm_session_get_values (f->session, grow);
  lod = pm_session_get_lod (f->session, grow);
  g_assert_true (pm_lod_get_values (lod) == values);
}

static void
count_cb (PmSession *session,
          guint      tag,
          guint     *count)
{
  (*count)++;
}

static void
test_styles (Fixture       *f,
             gconstpointer  data)
{
  guint grow = tag_of (f->dataset, "Grow");
  guint big = tag_of (f->dataset, "Big ");
  PmSeriesStyle before, style, again;
  guint changed = 0;
  g_autoptr(PmUserState) reread = NULL;
  g_autoptr(PmSession) other = NULL;

  g_signal_connect (f->session, "style-changed", G_CALLBACK (count_cb), &changed);

  /* Default colours differ and stay with their tag when the selection
   * changes around it. */
  pm_session_get_style (f->session, grow, &before);
  pm_session_get_style (f->session, big, &style);
  g_assert_false (pm_rgba_equal (&before.color, &style.color));
  pm_session_set_selection (f->session, &grow, 1);
  pm_session_get_style (f->session, grow, &style);
  g_assert_true (pm_series_style_equal (&before, &style));

  /* A new style is seen at once and kept on disk. */
  style.color = (PmRgba) { 1, 0, 0, 1 };
  style.line_style = PM_LINE_STYLE_DASHED;
  style.width = 3;
  style.marker = PM_MARKER_DIAMOND;
  pm_session_set_style (f->session, grow, &style);
  g_assert_cmpuint (changed, ==, 1);
  pm_session_get_style (f->session, grow, &again);
  g_assert_true (pm_series_style_equal (&style, &again));

  reread = pm_user_state_new (f->dir);
  other = pm_session_new (reread);
  pm_session_set_dataset (other, f->dataset);
  pm_session_get_style (other, grow, &again);
  g_assert_true (pm_series_style_equal (&style, &again));

  /* Reset forgets it: back to the palette colour. */
  pm_session_reset_style (f->session, grow);
  g_assert_cmpuint (changed, ==, 2);
  pm_session_get_style (f->session, grow, &again);
  g_assert_true (pm_series_style_equal (&before, &again));
}

static void
test_recent (Fixture       *f,
             gconstpointer  data)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(PmUserState) reread = NULL;

  for (guint i = 0; i < PM_USER_STATE_MAX_RECENT + 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/data/run%u", i);

      pm_user_state_add_recent (f->state, path);
    }
  pm_user_state_add_recent (f->state, "/data/run5");

  reread = pm_user_state_new (f->dir);
  recent = pm_user_state_get_recent (reread);
  g_assert_cmpuint (g_strv_length (recent), ==, PM_USER_STATE_MAX_RECENT);
  g_assert_cmpstr (recent[0], ==, "/data/run5");
  g_assert_cmpstr (recent[1], ==, "/data/run12");
  for (guint i = 1; recent[i] != NULL; i++)
    g_assert_cmpstr (recent[i], !=, "/data/run5");
}

/* styles.ini and recent.ini that are FIFOs: the state reads as empty and
 * says why, instead of blocking the window from opening. Bounded in time. */
static void
test_settings_fifo (void)
{
#ifdef G_OS_UNIX
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("pm-state-XXXXXX", NULL);
      g_autofree char *styles = g_build_filename (dir, "styles.ini", NULL);
      g_autofree char *recent = g_build_filename (dir, "recent.ini", NULL);
      g_autoptr(PmUserState) state = NULL;
      g_auto(GStrv) list = NULL;

      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      g_assert_cmpint (mkfifo (styles, 0600), ==, 0);
      g_assert_cmpint (mkfifo (recent, 0600), ==, 0);
      state = pm_user_state_new (dir);
      list = pm_user_state_get_recent (state);
      g_assert_cmpuint (g_strv_length (list), ==, 0);
      g_unlink (styles);
      g_unlink (recent);
      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*not a regular file*");
#else
  g_test_skip ("no FIFOs");
#endif
}

/* Charting a pair (a matrix cell, a With TOTAL bar) is a step of the
 * history: Back brings back the tags shown before and the view. */
static void
test_chart_tags_back (Fixture       *f,
                      gconstpointer  data)
{
  guint spike = tag_of (f->dataset, "Spik");
  guint grow = tag_of (f->dataset, "Grow");
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint *shown;
  guint n = 0;
  PmChartRange zoomed;

  shown = pm_session_get_shown (f->session, &n);
  g_array_append_vals (before, shown, n);
  g_assert_cmpuint (n, >, 2);
  pm_session_zoom_time (f->session, T0 + 2 * STEP, T0 + 8 * STEP);
  zoomed = *pm_session_get_range (f->session);

  pm_session_chart_tags (f->session, (guint[]) { spike, grow }, 2);
  shown = pm_session_get_shown (f->session, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (pm_session_get_can_go_back (f->session));

  g_assert_true (pm_session_zoom_back (f->session));
  shown = pm_session_get_shown (f->session, &n);
  g_assert_cmpuint (n, ==, before->len);
  g_assert_cmpmem (shown, n * sizeof (guint), before->data, before->len * sizeof (guint));
  g_assert_true (pm_chart_range_equal (pm_session_get_range (f->session), &zoomed));

  /* Once more Back: the zoom before it, the selection as it is. */
  g_assert_true (pm_session_zoom_back (f->session));
  g_assert_false (pm_session_get_zoomed (f->session));
  pm_session_get_shown (f->session, &n);
  g_assert_cmpuint (n, ==, before->len);

  /* From the whole view too. */
  pm_session_chart_tags (f->session, (guint[]) { grow }, 1);
  pm_session_get_shown (f->session, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (pm_session_zoom_back (f->session));
  pm_session_get_shown (f->session, &n);
  g_assert_cmpuint (n, ==, before->len);
  g_assert_false (pm_session_get_zoomed (f->session));
}

/* "Chart tag against TOTAL" shows TOTAL even when it was hidden; Back
 * hides it again and brings back the tags before. */
static void
test_chart_against_total (Fixture       *f,
                          gconstpointer  data)
{
  guint grow = tag_of (f->dataset, "Grow");
  guint total = pm_dataset_get_total_tag (f->dataset);
  const guint *drawn;
  guint n_before = 0, n = 0;
  gboolean total_drawn = FALSE;

  pm_session_get_shown (f->session, &n_before);
  pm_session_set_hide_total (f->session, TRUE);
  pm_session_chart_against_total (f->session, grow);
  g_assert_false (pm_session_get_hide_total (f->session));
  drawn = pm_session_get_drawn (f->session, &n);
  for (guint i = 0; i < n; i++)
    total_drawn |= drawn[i] == total;
  g_assert_true (total_drawn);
  g_assert_cmpuint (n, ==, 2);

  g_assert_true (pm_session_zoom_back (f->session));
  g_assert_true (pm_session_get_hide_total (f->session));
  pm_session_get_shown (f->session, &n);
  g_assert_cmpuint (n, ==, n_before);
}

/* A series hidden from the legend stays shown, is not drawn, and no
 * longer stretches the values axis. */
static void
test_series_hidden (Fixture       *f,
                    gconstpointer  data)
{
  guint spike = tag_of (f->dataset, "Spik");
  guint grow = tag_of (f->dataset, "Grow");
  g_autoptr(PmChartFigure) figure = NULL;
  const PmChartModel *model;
  double y1_both;
  guint n = 0;

  pm_session_set_selection (f->session, (guint[]) { spike, grow }, 2);
  y1_both = pm_session_get_range (f->session)->y1;
  g_assert_cmpfloat (y1_both, >=, 500);

  pm_session_set_series_hidden (f->session, spike, TRUE);
  g_assert_true (pm_session_get_series_hidden (f->session, spike));
  g_assert_cmpuint (pm_session_get_n_hidden (f->session), ==, 1);
  pm_session_get_shown (f->session, &n);
  g_assert_cmpuint (n, ==, 2);
  /* Grow alone: 70..90, the spike's 500 is off the axis. */
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, <, 200);

  figure = pm_chart_figure_new (f->session);
  model = pm_chart_figure_get_model (figure);
  for (guint i = 0; i < model->n_series; i++)
    g_assert_true (model->series[i].visible == (strcmp (model->series[i].label, "Spik") != 0));

  pm_session_set_series_hidden (f->session, spike, FALSE);
  g_assert_cmpfloat (pm_session_get_range (f->session)->y1, ==, y1_both);
}

/* The window's settings: kept across runs, a broken value reads as the
 * fallback, and a value set again as it was does not rewrite the file. */
static void
test_view_settings (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PmUserState) reread = NULL;
  g_autoptr(PmUserState) broken = NULL;
  g_autofree char *path = g_build_filename (f->dir, "view.ini", NULL);
  g_autofree char *page = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (pm_user_state_get_view_int (f->state, "LogScale", 7), ==, 7);
  g_assert_null (pm_user_state_get_view_string (f->state, "Page"));

  pm_user_state_set_view_int (f->state, "LogScale", 1);
  pm_user_state_set_view_int (f->state, "Width", 1024);
  pm_user_state_set_view_string (f->state, "Page", "correlation");

  reread = pm_user_state_new (f->dir);
  g_assert_cmpint (pm_user_state_get_view_int (reread, "LogScale", 0), ==, 1);
  g_assert_cmpint (pm_user_state_get_view_int (reread, "Width", 0), ==, 1024);
  page = pm_user_state_get_view_string (reread, "Page");
  g_assert_cmpstr (page, ==, "correlation");

  /* Unchanged: the file is not written again (the edit below survives). */
  g_assert_true (g_file_set_contents (path, "[View]\nLogScale=1\nWidth=wide\n", -1, NULL));
  pm_user_state_set_view_int (reread, "LogScale", 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Width=wide"));

  /* A value that is no number is the fallback. */
  broken = pm_user_state_new (f->dir);
  g_assert_cmpint (pm_user_state_get_view_int (broken, "Width", 800), ==, 800);
  g_assert_cmpint (pm_user_state_get_view_int (broken, "LogScale", 0), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/session/settings-fifo", test_settings_fifo);

#define ADD(path, func) \
  g_test_add ("/poolstats/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("default-selection", test_default_selection);
  ADD ("home-range", test_home_range);
  ADD ("total-axis", test_total_axis);
  ADD ("zoom-back-home", test_zoom_back_home);
  ADD ("zoom-limits", test_zoom_limits);
  ADD ("hide-total-log", test_hide_total_and_log);
  ADD ("time-base", test_time_base);
  ADD ("metric", test_metric);
  ADD ("lod", test_lod);
  ADD ("styles", test_styles);
  ADD ("recent", test_recent);
  ADD ("view-settings", test_view_settings);
  ADD ("chart-tags-back", test_chart_tags_back);
  ADD ("chart-against-total", test_chart_against_total);
  ADD ("series-hidden", test_series_hidden);

#undef ADD

  return g_test_run ();
}
