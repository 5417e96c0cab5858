/* test-runs-view.c: several runs in the viewer's state, and range figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PmRuns lays other runs on run A's time axis (elapsed time or the clock),
 * the chart figure draws them in their line styles with a legend entry per
 * run, PmRangeFigures measures a span and the tag table's figures can
 * follow the zoom. Headless, on runs small enough to check every figure by
 * hand (docs/runs.md, "The viewer").
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pm-figures.h"
#include "pm-range-figures.h"
#include "pm-runs.h"
#include "pm-session.h"
#include "pm-user-state.h"

#define T0    1626171300 /* 2021-07-13 10:15:00 UTC */
#define DAY   86400
#define STEP  900

/* @n snapshots every 15 min from @start of three tags and TOTAL:
 *   Big  steady at 1000
 *   Grow @grow × (snapshot + 1): a leak of @grow bytes per snapshot
 *   Flat 5, in run A only when @flat */
static PmDataset *
make_run (gint64   start,
          guint    n,
          gint64   grow,
          gboolean flat)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();

  for (guint s = 0; s < n; s++)
    {
      guint snap = pm_dataset_builder_add_snapshot (builder, start + s * STEP, start + s * STEP);
      const char *names[] = { "Big ", "Grow", "Flat" };
      gint64 values[] = { 1000, grow * (s + 1), 5 };

      for (guint i = 0; i < (flat ? 3u : 2u); i++)
        {
          PmRowValues row = { 0 };

          row.paged_used = values[i];
          row.paged_diff = (guint32) values[i];
          row.have = PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED |
                     PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF;
          pm_dataset_builder_add_row (builder, snap, names[i], &row);
        }
    }

  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

typedef struct
{
  char        *dir;
  PmUserState *state;
  PmDataset   *a;
  PmDataset   *b;
  PmSession   *session;
  PmRuns      *runs;
} Fixture;

/* Run A: 12 snapshots from T0, Grow +10 a snapshot. Run B: 16 snapshots
 * two days later, Grow +30 a snapshot, no Flat. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmRunSet) set = pm_run_set_new ();
  const char *pa[] = { "/runs/control", NULL };
  const char *pb[] = { "/runs/test", NULL };

  f->dir = g_dir_make_tmp ("test-runs-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->state = pm_user_state_new (f->dir);
  f->a = make_run (T0, 12, 10, TRUE);
  f->b = make_run (T0 + 2 * DAY, 16, 30, FALSE);
  f->session = pm_session_new (f->state);
  pm_session_set_dataset (f->session, f->a);
  pm_session_set_metric (f->session, PM_METRIC_TOTAL_USED_BYTES);
  f->runs = pm_runs_new (f->session);
  pm_run_set_add (set, "control", f->a, pa);
  pm_run_set_add (set, "test", f->b, pb);
  if (data != NULL)
    pm_runs_set_run_set (f->runs, set);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->session);
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  g_clear_object (&f->state);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_align (Fixture       *f,
            gconstpointer  data)
{
  const PmChartRange *home;
  const gint64 *times;
  guint n;

  g_assert_cmpuint (pm_runs_get_n_runs (f->runs), ==, 2);
  g_assert_cmpstr (pm_runs_get_name (f->runs, 1), ==, "test");
  g_assert_cmpstr (pm_runs_get_letter (1), ==, "B");
  g_assert_true (pm_runs_get_session (f->runs, 0) == f->session);
  g_assert_true (pm_session_get_dataset (pm_runs_get_session (f->runs, 1)) == f->b);

  /* Elapsed time: B's start onto A's. */
  g_assert_cmpint (pm_runs_get_shift (f->runs, 1), ==, -2 * DAY);
  times = pm_runs_get_times (f->runs, 1, &n);
  g_assert_cmpuint (n, ==, 16);
  g_assert_cmpint (times[0], ==, T0);
  g_assert_cmpint (times[15], ==, T0 + 15 * STEP);
  /* Home: every run, here the longer B; y up to B's TOTAL (1000 + 480)
   * with TOTAL on the tags' axis (on an axis of its own, every run's
   * TOTAL is fitted there). */
  pm_session_set_total_axis (f->session, FALSE);
  home = pm_session_get_home_range (f->session);
  g_assert_cmpfloat (home->t0, ==, T0);
  g_assert_cmpfloat (home->t1, ==, T0 + 15 * STEP);
  g_assert_cmpfloat (home->y1, >=, 1480);

  /* The clock: B where it was. */
  pm_runs_set_align (f->runs, PM_RUN_ALIGN_CLOCK);
  g_assert_cmpint (pm_runs_get_shift (f->runs, 1), ==, 0);
  times = pm_runs_get_times (f->runs, 1, &n);
  g_assert_cmpint (times[0], ==, T0 + 2 * DAY);
  home = pm_session_get_home_range (f->session);
  g_assert_cmpfloat (home->t1, ==, T0 + 2 * DAY + 15 * STEP);

  /* Metric and time base follow run A's. */
  pm_session_set_metric (f->session, PM_METRIC_TOTAL_DIFF);
  g_assert_cmpint (pm_session_get_metric (pm_runs_get_session (f->runs, 1)), ==,
                   PM_METRIC_TOTAL_DIFF);
}

static void
test_chart (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PmChartFigure) figure = pm_chart_figure_new (f->session);
  const PmChartModel *model = pm_chart_figure_get_model (figure);
  guint n_drawn, others = 0, legends = 0;
  const guint *drawn = pm_session_get_drawn (f->session, &n_drawn);

  if (data == NULL)
    {
      /* One run: the single-run chart, untouched. */
      g_assert_cmpuint (model->n_series, ==, n_drawn);
      g_assert_false (model->x_elapsed);
      for (guint i = 0; i < model->n_series; i++)
        g_assert_false (model->series[i].no_legend);
      return;
    }

  g_assert_true (model->x_elapsed);
  g_assert_cmpfloat (model->x_origin, ==, T0);
  for (guint i = 0; i < model->n_series; i++)
    {
      const PmChartSeries *s = &model->series[i];

      if (i < n_drawn)
        {
          g_assert_cmpstr (s->label, ==, pm_dataset_get_tag_name (f->a, drawn[i]));
          g_assert_cmpint (s->style.line_style, ==, PM_LINE_STYLE_SOLID);
        }
      else if (s->no_legend)
        {
          /* B's line of a tag: its colour, dashed, on A's axis. */
          g_autofree char *tag = g_strndup (s->label, strlen (s->label) - 4);
          guint j;

          g_assert_true (g_str_has_suffix (s->label, " (B)"));
          g_assert_cmpint (s->style.line_style, ==, PM_LINE_STYLE_DASHED);
          g_assert_cmpuint (s->n_points, ==, 16);
          g_assert_cmpint (s->times[0], ==, T0);
          for (j = 0; j < n_drawn; j++)
            if (strcmp (model->series[j].label, tag) == 0)
              break;
          g_assert_cmpuint (j, <, n_drawn);
          /* TOTAL on the right-hand axis in both runs, or in neither. */
          g_assert_cmpint (s->right_axis, ==, model->series[j].right_axis);
          g_assert_true (pm_rgba_equal (&s->style.color, &model->series[j].style.color));
          g_assert_cmpstr (tag, !=, "Flat");
          others++;
        }
      else
        {
          g_assert_cmpuint (s->n_points, ==, 0);
          g_assert_cmpstr (s->label, ==, legends == 0 ? "A: control" : "B: test");
          g_assert_cmpint (s->style.line_style, ==,
                           legends == 0 ? PM_LINE_STYLE_SOLID : PM_LINE_STYLE_DASHED);
          legends++;
        }
    }
  /* Every tag A draws but Flat, which B lacks. */
  g_assert_cmpuint (others, ==, n_drawn - (pm_session_is_shown (f->session, 2) ? 1 : 0));
  g_assert_cmpuint (legends, ==, 2);

  /* Run B hidden (its legend entry clicked): its lines out, its entry
   * greyed; run A cannot be. */
  pm_runs_set_run_hidden (f->runs, 0, TRUE);
  g_assert_false (pm_runs_get_run_hidden (f->runs, 0));
  pm_runs_set_run_hidden (f->runs, 1, TRUE);
  {
    g_autoptr(PmChartFigure) again = pm_chart_figure_new (f->session);
    const PmChartModel *m = pm_chart_figure_get_model (again);

    for (guint i = 0; i < m->n_series; i++)
      if (m->series[i].no_legend)
        g_assert_false (m->series[i].visible);
    g_assert_true (m->series[m->n_series - 2].visible);
    g_assert_false (m->series[m->n_series - 1].visible);
  }
}

static const PmRangeRow *
find_row (PmRangeFigures *f,
          const char     *tag,
          guint           run)
{
  for (guint i = 0; i < pm_range_figures_get_n_rows (f); i++)
    {
      const PmRangeRow *row = pm_range_figures_get_row (f, i);

      if (strcmp (row->tag, tag) == 0 && row->run == run)
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_range_figures (Fixture       *f,
                    gconstpointer  data)
{
  /* From 30 min to 1 h 40 min: snapshots 2 to 6 (15 min apart) of both
   * runs on the elapsed axis. */
  g_autoptr(PmRangeFigures) figures = pm_range_figures_new (f->session, T0 + 1800, T0 + 6000);
  g_autofree char *text = NULL;
  const PmRangeRow *a, *b;

  g_assert_cmpfloat (pm_range_figures_get_duration (figures), ==, 4200);
  g_assert_cmpuint (pm_range_figures_get_n_runs (figures), ==, data != NULL ? 2 : 1);

  a = find_row (figures, "Grow", 0);
  g_assert_cmpuint (a->n_snapshots, ==, 5);
  g_assert_cmpfloat (a->t0, ==, T0 + 2 * STEP);
  g_assert_cmpfloat (a->t1, ==, T0 + 6 * STEP);
  g_assert_cmpfloat (a->v0, ==, 30);
  g_assert_cmpfloat (a->v1, ==, 70);
  g_assert_cmpfloat (a->change, ==, 40);
  /* 40 over one hour: 10 a snapshot, 4 snapshots an hour. */
  g_assert_cmpfloat_with_epsilon (a->rate, 40, 1e-9);

  if (data == NULL)
    return;

  b = find_row (figures, "Grow", 1);
  g_assert_cmpuint (b->n_snapshots, ==, 5);
  g_assert_cmpfloat (b->v0, ==, 90);
  g_assert_cmpfloat (b->change, ==, 120);
  g_assert_cmpfloat_with_epsilon (b->rate, 120, 1e-9);

  text = pm_range_figures_describe (figures);
  g_assert_nonnull (strstr (text, "Span 1 h 10 min."));
  g_assert_nonnull (strstr (text, "Grow B: +120 B, +120 B/h (5 snapshots)."));

  /* The span lives in the runs; a new alignment clears it. */
  pm_runs_set_measure (f->runs, T0 + 1800, T0 + 6000);
  g_assert_true (pm_runs_get_measure (f->runs, NULL, NULL));
  pm_runs_set_align (f->runs, PM_RUN_ALIGN_CLOCK);
  g_assert_false (pm_runs_get_measure (f->runs, NULL, NULL));
}

static void
test_follow_range (Fixture       *f,
                   gconstpointer  data)
{
  guint grow_a = 1, grow_b = 1;
  PmTagTable *table;

  g_assert_true (pm_runs_lookup_tag (f->runs, 0, "Grow", &grow_a));
  g_assert_true (pm_runs_lookup_tag (f->runs, 1, "Grow", &grow_b));

  /* Everything: 10..120 in A, 30..480 in B. */
  pm_runs_set_follow_range (f->runs, TRUE);
  table = pm_runs_get_tag_table (f->runs, 0);
  g_assert_cmpint (pm_tag_table_get_stats (table, grow_a)->increase_abs, ==, 110);

  /* Zoomed to snapshots 2..6: 30..70 in A, 90..210 in B. */
  pm_session_zoom_time (f->session, T0 + 1800, T0 + 6000);
  table = pm_runs_get_tag_table (f->runs, 0);
  g_assert_cmpint (pm_tag_table_get_stats (table, grow_a)->increase_abs, ==, 40);
  g_assert_cmpuint (pm_tag_table_get_stats (table, grow_a)->n_present, ==, 5);
  table = pm_runs_get_tag_table (f->runs, 1);
  g_assert_cmpint (pm_tag_table_get_stats (table, grow_b)->increase_abs, ==, 120);

  /* Off: every snapshot again. */
  pm_runs_set_follow_range (f->runs, FALSE);
  table = pm_runs_get_tag_table (f->runs, 1);
  g_assert_cmpint (pm_tag_table_get_stats (table, grow_b)->increase_abs, ==, 450);
}

/* A followed folder's newer dataset keeps the runs beside it; another
 * dataset shown afresh drops them, and its home range is its own. */
static void
test_new_dataset (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PmDataset) longer = make_run (T0, 20, 10, TRUE);
  g_autoptr(PmDataset) other = make_run (T0 + 10 * DAY, 4, 1, TRUE);
  const PmChartRange *home;

  pm_session_update_dataset (f->session, longer);
  g_assert_cmpuint (pm_runs_get_n_runs (f->runs), ==, 2);
  home = pm_session_get_home_range (f->session);
  g_assert_cmpfloat (home->t1, ==, T0 + 19 * STEP);

  pm_session_set_dataset (f->session, other);
  g_assert_cmpuint (pm_runs_get_n_runs (f->runs), ==, 1);
  home = pm_session_get_home_range (f->session);
  g_assert_cmpfloat (home->t0, ==, T0 + 10 * DAY);
  g_assert_cmpfloat (home->t1, ==, T0 + 10 * DAY + 3 * STEP);
}

/* The tag table CSV gains the run columns, over every snapshot. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "tags.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  gboolean grow = FALSE, flat = FALSE;

  g_assert_true (pm_figures_write_tag_table_csv (f->session, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  if (data == NULL)
    {
      g_assert_true (g_str_has_suffix (lines[0], "\"Present\""));
      return;
    }
  g_assert_true (g_str_has_suffix (lines[0], "\"Present\",\"GrowthA\",\"GrowthB\",\"DeltaB-A\""));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      /* Grow: 10..120 in A, 30..480 in B; Flat: steady in A, absent in B. */
      if (g_str_has_prefix (lines[i], "\"Grow\""))
        grow = g_str_has_suffix (lines[i], ",12,110,450,340");
      if (g_str_has_prefix (lines[i], "\"Flat\""))
        flat = g_str_has_suffix (lines[i], ",12,0,,0");
    }
  g_assert_true (grow);
  g_assert_true (flat);
  pm_runs_set_follow_range (f->runs, TRUE);
  pm_session_zoom_time (f->session, T0 + 1800, T0 + 6000);
  g_clear_pointer (&text, g_free);
  g_assert_true (pm_figures_write_tag_table_csv (f->session, path, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ",12,110,450,340\n"));
}

/* Run B with a tag run A lacks: NewB, from B's fifth snapshot on, 100 more
 * each snapshot (100 at snapshot 4, 1200 at 15): a new driver's leak. */
static void
fixture_set_up_new_tag (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmRunSet) set = pm_run_set_new ();
  const char *pa[] = { "/runs/control", NULL };
  const char *pb[] = { "/runs/test", NULL };
  gint64 start = T0 + 2 * DAY;

  fixture_set_up (f, NULL);
  g_clear_object (&f->b);
  for (guint s = 0; s < 16; s++)
    {
      guint snap = pm_dataset_builder_add_snapshot (builder, start + s * STEP, start + s * STEP);
      const char *names[] = { "Big ", "Grow", "NewB" };
      gint64 values[] = { 1000, 30 * (s + 1), 100 * ((gint64) s - 3) };

      for (guint i = 0; i < (s >= 4 ? 3u : 2u); i++)
        {
          PmRowValues row = { 0 };

          row.paged_used = values[i];
          row.paged_diff = (guint32) values[i];
          row.have = PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED |
                     PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF;
          pm_dataset_builder_add_row (builder, snap, names[i], &row);
        }
    }
  f->b = pm_dataset_builder_end (g_steal_pointer (&builder));
  pm_run_set_add (set, "control", f->a, pa);
  pm_run_set_add (set, "test", f->b, pb);
  if (data != NULL)
    pm_runs_set_run_set (f->runs, set);
}

static const PmChartSeries *
find_series (const PmChartModel *model,
             const char         *label)
{
  for (guint i = 0; i < model->n_series; i++)
    if (g_strcmp0 (model->series[i].label, label) == 0)
      return &model->series[i];

  return NULL;
}

static const PmChartSeries *
get_series (const PmChartModel *model,
            const char         *label)
{
  const PmChartSeries *s = find_series (model, label);

  if (s == NULL)
    g_error ("no line labelled %s", label);

  return s;
}

static void
test_new_tag (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) extra = pm_runs_dup_extra_tags (f->runs);
  g_autoptr(PmChartFigure) before = NULL;
  g_autoptr(PmChartFigure) figure = NULL;
  g_autoptr(PmRangeFigures) figures = NULL;
  g_autofree char *text = NULL;
  const PmChartSeries *s;
  const PmRangeRow *row;
  double growth = -1;

  if (data == NULL)
    {
      /* One run: no other run's tags, nothing to show. */
      g_assert_cmpuint (g_strv_length (extra), ==, 0);
      pm_runs_set_extra_shown (f->runs, "NewB", TRUE);
      g_assert_false (pm_runs_get_extra_shown (f->runs, "NewB"));
      return;
    }

  /* The union's part run A lacks: NewB (Flat is A's). */
  g_assert_cmpuint (g_strv_length (extra), ==, 1);
  g_assert_cmpstr (extra[0], ==, "NewB");

  /* As `poolstats compare`: absent in A (0), last minus first non-zero
   * value in B, from its first presence: 1200 − 100. */
  g_assert_false (pm_runs_get_growth (f->runs, 0, "NewB", FALSE, &growth));
  g_assert_cmpfloat (growth, ==, 0);
  g_assert_true (pm_runs_get_growth (f->runs, 1, "NewB", FALSE, &growth));
  g_assert_cmpfloat (growth, ==, 1100);

  /* The tag table CSV: a row of its own after run A's, run A's figures
   * empty (present 0), growth absent in A, 1100 in B and B − A. */
  {
    g_autofree char *path = g_build_filename (f->dir, "tags.csv", NULL);
    g_autofree char *csv = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (pm_figures_write_tag_table_csv (f->session, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_true (g_str_has_suffix (csv, "\"NewB\",\"\",\"\",0,,,,,0,,1100,1100\n"));
  }

  /* Not drawn until shown. */
  before = pm_chart_figure_new (f->session);
  g_assert_null (find_series (pm_chart_figure_get_model (before), "NewB (B)"));

  /* A tag run A has is shown through its session, not here. */
  pm_runs_set_extra_shown (f->runs, "Grow", TRUE);
  g_assert_false (pm_runs_get_extra_shown (f->runs, "Grow"));
  pm_runs_set_extra_shown (f->runs, "Nope", TRUE);
  g_assert_false (pm_runs_get_extra_shown (f->runs, "Nope"));

  pm_runs_set_extra_shown (f->runs, "NewB", TRUE);
  g_assert_true (pm_runs_get_extra_shown (f->runs, "NewB"));
  figure = pm_chart_figure_new (f->session);
  s = get_series (pm_chart_figure_get_model (figure), "NewB (B)");
  g_assert_cmpint (s->style.line_style, ==, PM_LINE_STYLE_DASHED);
  g_assert_true (s->no_legend);
  g_assert_true (s->visible);
  g_assert_cmpuint (s->n_points, ==, 16);
  g_assert_cmpint (s->times[0], ==, T0);
  /* Before its first presence, 0 as any absent tag on the chart. */
  g_assert_cmpfloat (s->values[3], ==, 0);
  g_assert_cmpfloat (s->values[4], ==, 100);
  g_assert_cmpfloat (s->values[15], ==, 1200);
  /* No line for run A, which lacks it. */
  g_assert_null (find_series (pm_chart_figure_get_model (figure), "NewB"));
  g_assert_null (find_series (pm_chart_figure_get_model (figure), "NewB (A)"));

  /* From 30 min to 1 h 40 min: B's snapshots 2 to 6, NewB 0 (absent)
   * until 4, then 100, 200, 300: from nothing, as the chart shows it. */
  figures = pm_range_figures_new (f->session, T0 + 1800, T0 + 6000);
  row = find_row (figures, "NewB", 0);
  g_assert_cmpuint (row->n_snapshots, ==, 0);
  row = find_row (figures, "NewB", 1);
  g_assert_cmpuint (row->n_snapshots, ==, 5);
  g_assert_cmpfloat (row->t0, ==, T0 + 2 * STEP);
  g_assert_cmpfloat (row->v0, ==, 0);
  g_assert_cmpfloat (row->v1, ==, 300);
  g_assert_cmpfloat (row->change, ==, 300);
  g_assert_cmpfloat_with_epsilon (row->rate, 300, 1e-9);
  text = pm_range_figures_describe (figures);
  g_assert_nonnull (strstr (text, "NewB B: +300 B, +300 B/h (5 snapshots)."));

  /* Run B hidden: its NewB line too. */
  pm_runs_set_run_hidden (f->runs, 1, TRUE);
  {
    g_autoptr(PmChartFigure) again = pm_chart_figure_new (f->session);

    s = get_series (pm_chart_figure_get_model (again), "NewB (B)");
    g_assert_false (s->visible);
  }

  /* Shown no more. */
  pm_runs_set_run_hidden (f->runs, 1, FALSE);
  pm_runs_set_extra_shown (f->runs, "NewB", FALSE);
  g_assert_false (pm_runs_get_extra_shown (f->runs, "NewB"));

  /* A page charting run B's tags by name: exactly those run A lacks. */
  {
    const char *names[] = { "Grow", "NewB", "Nope", NULL };
    g_auto(GStrv) shown = NULL;

    pm_runs_set_extra_selection (f->runs, names);
    shown = pm_runs_dup_extra_shown (f->runs);
    g_assert_cmpuint (g_strv_length (shown), ==, 1);
    g_assert_cmpstr (shown[0], ==, "NewB");
    pm_runs_set_extra_selection (f->runs, NULL);
    g_assert_false (pm_runs_get_extra_shown (f->runs, "NewB"));
  }
  {
    g_autoptr(PmChartFigure) again = pm_chart_figure_new (f->session);

    g_assert_null (find_series (pm_chart_figure_get_model (again), "NewB (B)"));
  }
}

static void
test_elapsed_ticks (void)
{
  static const char * const day[] = { "0", "6 h", "12 h", "18 h", "1 d" };
  g_autoptr(GArray) ticks = pm_ticks_elapsed (0, DAY, 4);
  char *text;

  g_assert_cmpuint (ticks->len, ==, G_N_ELEMENTS (day));
  for (guint i = 0; i < ticks->len; i++)
    {
      g_assert_cmpstr (g_array_index (ticks, PmTick, i).label, ==, day[i]);
      g_assert_cmpfloat (g_array_index (ticks, PmTick, i).value, ==, i * 6 * 3600);
    }
  g_clear_pointer (&ticks, g_array_unref);
  ticks = pm_ticks_elapsed (0, 1800, 3);
  g_assert_cmpstr (g_array_index (ticks, PmTick, 1).label, ==, "10 min");

  text = pm_format_duration (5400);
  g_assert_cmpstr (text, ==, "1 h 30 min");
  g_free (text);
  text = pm_format_duration (2 * DAY + 6 * 3600 + 59);
  g_assert_cmpstr (text, ==, "2 d 6 h");
  g_free (text);
  text = pm_format_elapsed (0);
  g_assert_cmpstr (text, ==, "+0 s");
  g_free (text);
}

int
main (int    argc,
      char **argv)
{
  static const int two = 2;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/viewer/runs/align", Fixture, &two, fixture_set_up, test_align, fixture_tear_down);
  g_test_add ("/viewer/runs/chart", Fixture, &two, fixture_set_up, test_chart, fixture_tear_down);
  g_test_add ("/viewer/runs/chart-one-run", Fixture, NULL, fixture_set_up, test_chart,
              fixture_tear_down);
  g_test_add ("/viewer/runs/range-figures", Fixture, &two, fixture_set_up, test_range_figures,
              fixture_tear_down);
  g_test_add ("/viewer/runs/range-figures-one-run", Fixture, NULL, fixture_set_up,
              test_range_figures, fixture_tear_down);
  g_test_add ("/viewer/runs/follow-range", Fixture, &two, fixture_set_up, test_follow_range,
              fixture_tear_down);
  g_test_add ("/viewer/runs/new-dataset", Fixture, &two, fixture_set_up, test_new_dataset,
              fixture_tear_down);
  g_test_add ("/viewer/runs/csv", Fixture, &two, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/viewer/runs/csv-one-run", Fixture, NULL, fixture_set_up, test_csv,
              fixture_tear_down);
  g_test_add ("/viewer/runs/new-tag", Fixture, &two, fixture_set_up_new_tag, test_new_tag,
              fixture_tear_down);
  g_test_add ("/viewer/runs/new-tag-one-run", Fixture, NULL, fixture_set_up_new_tag,
              test_new_tag, fixture_tear_down);
  g_test_add_func ("/viewer/runs/elapsed-ticks", test_elapsed_ticks);

  return g_test_run ();
}
