/* test-compare.c: two runs compared, in the library and through poolstats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pair: two runs written by the real generator (PM_GENERATE), a day
 * apart, other seeds (so other machines to the run detection), 60 tags, 96
 * snapshots every 15 min. Both carry the generator's own leak (QdrC, the
 * same rate in both: a leak common to both). On top, this test plants leaks
 * into the files, adding k outstanding allocations (of 1 KiB) per snapshot
 * to a tag's non-paged counters (Allocs, Diff, UsedBytes, TotalUsedBytes):
 *
 *   tag    A (control)   B (test)     so
 *   TcpE   -             10/snap      a leak only in B, 40 allocs/h
 *   Proc   -             5/snap       a leak only in B, 20 allocs/h
 *   AfdB   3/snap        8/snap       a leak in both, 12 and 32 allocs/h
 *   Thre   10/snap       -            a leak only in A, 40 allocs/h
 *
 * Golden outputs (tests/data/cli/compare-*) compare byte for byte; after a
 * deliberate change, PM_UPDATE_GOLDEN=1 rewrites them (review the diff).
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "poolstats.h"
#include "test-common.h"

#define SNAPSHOTS_PER_HOUR 4.0

static char *root;
static char *control;
static char *test_run;
static char *day1;
static char *day2;

/* ---- the pair --------------------------------------------------------------- */

static void
generate (const char *dir,
          const char *seed,
          const char *start)
{
  const char *argv[] = {
    g_getenv ("PM_GENERATE"), "--out", dir, "--encoding", "utf8", "--tags", "60",
    "--snapshots", "96", "--interval", "900", "--seed", seed, "--start", start, NULL
  };

  g_assert_nonnull (argv[0]);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  spawn_ok (argv);
}

static GPtrArray *
sorted_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

/* The generator writes every field quoted, in the full column order:
 * 7 NonPagedAllocs, 9 NonPagedDiff, 10 NonPagedUsedBytes, 11 TotalUsedBytes. */
static char *
plant_line (const char *line,
            gint64      add)
{
  g_auto(GStrv) fields = g_strsplit (line, "\",\"", -1);
  static const guint columns[] = { 7, 9, 10, 11 };

  g_assert_cmpuint (g_strv_length (fields), ==, 14);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      guint c = columns[i];
      gint64 value = g_ascii_strtoll (fields[c], NULL, 10);

      g_free (fields[c]);
      fields[c] = g_strdup_printf ("%" G_GINT64_FORMAT, value + (c >= 10 ? add * 1024 : add));
    }

  return g_strjoinv ("\",\"", fields);
}

/* Adds @per_snapshot allocations per snapshot to @tag, from 0 at the first. */
static void
plant (const char *dir,
       const char *tag,
       gint64      per_snapshot)
{
  g_autoptr(GPtrArray) files = sorted_files (dir);
  g_autofree char *needle = g_strdup_printf ("\",\"%s\",\"", tag);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *joined = NULL;
      guint hits = 0;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      lines = g_strsplit (text, "\r\n", -1);
      for (guint l = 1; lines[l] != NULL; l++)
        if (strstr (lines[l], needle) != NULL)
          {
            char *planted = plant_line (lines[l], i * per_snapshot);

            g_free (lines[l]);
            lines[l] = planted;
            hits++;
          }
      g_assert_cmpuint (hits, ==, 1);
      joined = g_strjoinv ("\r\n", lines);
      g_assert_true (g_file_set_contents (path, joined, -1, NULL));
    }
}

static void
plant_test_run (const char *dir)
{
  plant (dir, "TcpE", 10);
  plant (dir, "Proc", 5);
  plant (dir, "AfdB", 8);
}

/* The first @keep files of @from stay, the rest move to @to. */
static void
split_folder (const char *from,
              const char *to,
              guint       keep)
{
  g_autoptr(GPtrArray) files = sorted_files (from);

  g_assert_cmpint (g_mkdir (to, 0755), ==, 0);
  for (guint i = keep; i < files->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (files, i));
      g_autofree char *target = g_build_filename (to, base, NULL);

      g_assert_cmpint (g_rename (g_ptr_array_index (files, i), target), ==, 0);
    }
}

static void
make_pair (void)
{
  g_autoptr(GError) error = NULL;

  root = g_dir_make_tmp ("pm-compare-XXXXXX", &error);
  g_assert_no_error (error);
  control = g_build_filename (root, "control", NULL);
  test_run = g_build_filename (root, "test", NULL);
  day1 = g_build_filename (root, "test-day1", NULL);
  day2 = g_build_filename (root, "test-day2", NULL);

  generate (control, "11", "2021-07-12T00:00:00");
  plant (control, "AfdB", 3);
  plant (control, "Thre", 10);
  generate (test_run, "12", "2021-07-14T00:00:00");
  plant_test_run (test_run);
  /* The test run again, split into two day folders of 12 h. */
  generate (day1, "12", "2021-07-14T00:00:00");
  plant_test_run (day1);
  split_folder (day1, day2, 48);
}

static void
remove_pair (void)
{
  const char *dirs[] = { control, test_run, day1, day2 };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    remove_flat_dir (dirs[i]);
  g_rmdir (root);
  g_free (root);
  g_free (control);
  g_free (test_run);
  g_free (day1);
  g_free (day2);
}

/* ---- the library -------------------------------------------------------------- */

static PmRunSet *
load_pair (void)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(GError) error = NULL;
  PmRunSet *runs;

  pm_loader_add_path (loader, control);
  pm_loader_add_path (loader, test_run);
  runs = pm_loader_load_runs (loader, NULL, &error);
  g_assert_no_error (error);
  return runs;
}

static PmRunCompare *
compare_pair (PmRunSet                  *runs,
              const PmRunCompareOptions *options)
{
  g_autoptr(GError) error = NULL;
  PmRunCompare *cmp = pm_run_compare_new (runs, 0, 1, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cmp);
  return cmp;
}

static const PmRunCompareRow *
row (PmRunCompare *cmp,
     const char   *tag)
{
  const PmRunCompareRow *r = pm_run_compare_lookup (cmp, tag);

  if (r == NULL)
    g_error ("no row for “%s”", tag);
  return r;
}

/* The rate and its interval hold the planted rate give or take @slack
 * (the tag's own wandering adds to what was planted). */
static void
assert_rate (double          rate,
             double          low,
             double          high,
             double          truth,
             double          slack)
{
  g_assert_cmpfloat_with_epsilon (rate, truth, slack);
  g_assert_cmpfloat (low, <=, rate);
  g_assert_cmpfloat (high, >=, rate);
  g_assert_cmpfloat (low, <=, truth + slack);
  g_assert_cmpfloat (high, >=, truth - slack);
}

static guint
rank_of (PmRunCompare *cmp,
         const char   *tag)
{
  for (guint i = 0; i < pm_run_compare_get_n_rows (cmp); i++)
    if (strcmp (pm_run_compare_get_row (cmp, i)->name, tag) == 0)
      return i;
  g_assert_not_reached ();
}

static void
test_planted (void)
{
  g_autoptr(PmRunSet) runs = load_pair ();
  g_autoptr(PmRunCompare) cmp = NULL;
  PmRunCompareOptions options;
  const PmRunCompareRow *r;

  /* A day apart, other seeds: the run detection keeps them apart. */
  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  g_assert_cmpint (pm_run_set_get_separation (runs, 1), ==, PM_RUN_SEPARATION_COUNTERS);
  g_assert_cmpstr (pm_run_set_get_name (runs, 0), ==, "control");
  g_assert_cmpstr (pm_run_set_get_name (runs, 1), ==, "test");

  pm_run_compare_options_init (&options);
  options.metric = PM_METRIC_TOTAL_DIFF;
  options.judge_both = FALSE;
  cmp = compare_pair (runs, &options);

  g_assert_true (pm_run_compare_get_judged (cmp));
  g_assert_false (pm_run_compare_get_normalised (cmp));
  g_assert_cmpfloat_with_epsilon (pm_run_compare_get_hours (cmp, 0), 23.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (pm_run_compare_get_hours (cmp, 1), 23.75, 1e-9);

  /* Exactly the planted verdicts: no background tag passes for a leak. */
  g_assert_cmpuint (pm_run_compare_count (cmp, PM_RUN_GROWTH_ONLY_B), ==, 2);
  g_assert_cmpuint (pm_run_compare_count (cmp, PM_RUN_GROWTH_BOTH), ==, 2);
  g_assert_cmpuint (pm_run_compare_count (cmp, PM_RUN_GROWTH_ONLY_A), ==, 1);

  r = row (cmp, "TcpE");
  g_assert_cmpint (r->growth, ==, PM_RUN_GROWTH_ONLY_B);
  g_assert_cmpint (r->run[0].verdict, ==, PM_RUN_VERDICT_NONE);
  g_assert_cmpint (r->run[1].verdict, ==, PM_RUN_VERDICT_LEAK);
  assert_rate (r->run[1].rate, r->run[1].rate_low, r->run[1].rate_high, 10 * SNAPSHOTS_PER_HOUR, 3);
  assert_rate (r->d_rate, r->d_rate_low, r->d_rate_high, 10 * SNAPSHOTS_PER_HOUR, 3);
  g_assert_true (r->differs);
  g_assert_cmpfloat (r->d_growth, >, 900);

  r = row (cmp, "Proc");
  g_assert_cmpint (r->growth, ==, PM_RUN_GROWTH_ONLY_B);
  assert_rate (r->run[1].rate, r->run[1].rate_low, r->run[1].rate_high, 5 * SNAPSHOTS_PER_HOUR, 1.5);
  assert_rate (r->d_rate, r->d_rate_low, r->d_rate_high, 5 * SNAPSHOTS_PER_HOUR, 1.5);
  g_assert_true (r->differs);

  /* A leak in both, faster in B: "both", with the difference. */
  r = row (cmp, "AfdB");
  g_assert_cmpint (r->growth, ==, PM_RUN_GROWTH_BOTH);
  assert_rate (r->run[0].rate, r->run[0].rate_low, r->run[0].rate_high, 3 * SNAPSHOTS_PER_HOUR, 1);
  assert_rate (r->run[1].rate, r->run[1].rate_low, r->run[1].rate_high, 8 * SNAPSHOTS_PER_HOUR, 1);
  assert_rate (r->d_rate, r->d_rate_low, r->d_rate_high, 5 * SNAPSHOTS_PER_HOUR, 1);
  g_assert_true (r->differs);

  /* The generator's own leak, the same in both runs: "both", no difference. */
  r = row (cmp, "QdrC");
  g_assert_cmpint (r->growth, ==, PM_RUN_GROWTH_BOTH);
  g_assert_cmpfloat (r->run[0].rate, >, 240);
  g_assert_cmpfloat (r->run[1].rate, >, 240);
  g_assert_cmpfloat (fabs (r->d_rate), <, 2);
  g_assert_cmpfloat (r->d_rate_low, <, 0);
  g_assert_cmpfloat (r->d_rate_high, >, 0);
  g_assert_false (r->differs);

  r = row (cmp, "Thre");
  g_assert_cmpint (r->growth, ==, PM_RUN_GROWTH_ONLY_A);
  assert_rate (r->run[0].rate, r->run[0].rate_low, r->run[0].rate_high, 10 * SNAPSHOTS_PER_HOUR, 3);
  g_assert_cmpfloat (r->d_rate_high, <, 0);

  /* Ranked by the rate difference: the new leaks high, the fixed one among
   * the last (with background tags that happened to wander down in B). */
  g_assert_cmpuint (rank_of (cmp, "TcpE"), <, rank_of (cmp, "Proc"));
  g_assert_cmpuint (rank_of (cmp, "TcpE"), <, 5);
  g_assert_cmpuint (rank_of (cmp, "Thre") + 5, >=, pm_run_compare_get_n_rows (cmp));
  for (guint i = 1; i < pm_run_compare_get_n_rows (cmp); i++)
    {
      const PmRunCompareRow *prev = pm_run_compare_get_row (cmp, i - 1);
      const PmRunCompareRow *cur = pm_run_compare_get_row (cmp, i);

      if (isfinite (cur->d_rate))
        g_assert_cmpfloat (prev->d_rate, >=, cur->d_rate);
    }

  /* TOTAL: figures, no rate. */
  r = pm_run_compare_get_total (cmp);
  g_assert_cmpstr (r->name, ==, "TOTAL");
  g_assert_cmpuint (r->run[0].n_present, ==, 96);
  g_assert_true (isnan (r->d_rate));
  g_assert_cmpfloat (r->d_peak, ==, (double) r->run[1].peak - (double) r->run[0].peak);
}

/* Tags of one run only (the seeds draw other synthetic tags): absent on
 * one side, counted as 0 there. */
static void
test_absent_tags (void)
{
  g_autoptr(PmRunSet) runs = load_pair ();
  g_autoptr(PmRunCompare) cmp = compare_pair (runs, NULL);
  guint only_a = 0, only_b = 0;

  for (guint i = 0; i < pm_run_compare_get_n_rows (cmp); i++)
    {
      const PmRunCompareRow *r = pm_run_compare_get_row (cmp, i);

      for (guint w = 0; w < 2; w++)
        if (r->run[w].verdict == PM_RUN_VERDICT_ABSENT)
          {
            const PmRunTagFigures *other = &r->run[1 - w];

            g_assert_cmpuint (r->run[w].tag, ==, G_MAXUINT);
            g_assert_cmpuint (r->run[w].n_present, ==, 0);
            g_assert_cmpfloat (r->run[w].rate, ==, 0);
            g_assert_cmpfloat (r->d_peak, ==, w == 0 ? (double) other->peak : -(double) other->peak);
            if (isfinite (other->rate))
              g_assert_cmpfloat_with_epsilon (r->d_rate, w == 0 ? other->rate : -other->rate, 1e-9);
            if (w == 0)
              only_b++;
            else
              only_a++;
          }
    }
  g_assert_cmpuint (only_a, >, 0);
  g_assert_cmpuint (only_b, >, 0);
  g_assert_cmpuint (pm_run_compare_get_n_rows (cmp),
                    ==, pm_dataset_get_n_tags (pm_run_set_get_dataset (runs, 0)) + only_b);
}

/* Per operation: every growth and rate divided by the run's operations (in
 * the span, per hour), verdicts unchanged. B did 8000 operations, A 3000:
 * AfdB leaks about as much per operation in both; QdrC, the same per hour,
 * leaks less per operation in B. */
static void
test_normalised (void)
{
  g_autoptr(PmRunSet) runs = load_pair ();
  g_autoptr(PmRunCompare) plain = NULL;
  g_autoptr(PmRunCompare) per = NULL;
  PmRunCompareOptions options;
  const double counts[2] = { 3000, 8000 };

  pm_run_compare_options_init (&options);
  options.metric = PM_METRIC_TOTAL_DIFF;
  options.judge_both = FALSE;
  plain = compare_pair (runs, &options);
  options.per[0] = counts[0];
  options.per[1] = counts[1];
  per = compare_pair (runs, &options);

  g_assert_true (pm_run_compare_get_normalised (per));
  g_assert_cmpuint (pm_run_compare_get_n_rows (per), ==, pm_run_compare_get_n_rows (plain));
  for (guint i = 0; i < pm_run_compare_get_n_rows (plain); i++)
    {
      const PmRunCompareRow *p = pm_run_compare_get_row (plain, i);
      const PmRunCompareRow *n = pm_run_compare_lookup (per, p->name);

      g_assert_cmpint (n->growth, ==, p->growth);
      for (guint w = 0; w < 2; w++)
        {
          /* Each run is whole: ops per hour = count / 23.75, ops = count. */
          double per_hour = counts[w] / 23.75;

          g_assert_cmpint (n->run[w].verdict, ==, p->run[w].verdict);
          g_assert_cmpint (n->run[w].peak, ==, p->run[w].peak);
          if (isfinite (p->run[w].rate))
            {
              g_assert_cmpfloat_with_epsilon (n->run[w].rate, p->run[w].rate / per_hour, 1e-12);
              g_assert_cmpfloat_with_epsilon (n->run[w].rate_low, p->run[w].rate_low / per_hour, 1e-12);
            }
          g_assert_cmpfloat_with_epsilon (n->run[w].growth, p->run[w].growth / counts[w], 1e-12);
        }
    }

  g_assert_true (row (plain, "AfdB")->differs);
  /* 12 allocs/h × 23.75 h / 3000 = 0.095 per operation; 32/h × 23.75 / 8000 = 0.095. */
  g_assert_cmpfloat_with_epsilon (row (per, "AfdB")->run[0].rate, 0.095, 0.003);
  g_assert_cmpfloat_with_epsilon (row (per, "AfdB")->run[1].rate, 0.095, 0.003);
  g_assert_cmpfloat (fabs (row (per, "AfdB")->d_rate), <, 0.003);
  g_assert_false (row (plain, "QdrC")->differs);
  g_assert_true (row (per, "QdrC")->differs);
  g_assert_cmpfloat (row (per, "QdrC")->d_rate_high, <, 0);
}

/* The common span: B's first day folder alone (12 h) against A's 24 h. */
static void
test_common_span (void)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(PmRunSet) runs = NULL;
  g_autoptr(PmRunCompare) whole = NULL;
  g_autoptr(PmRunCompare) common = NULL;
  g_autoptr(GError) error = NULL;
  PmRunCompareOptions options;
  guint first, n;

  pm_loader_add_path (loader, control);
  pm_loader_add_path (loader, day1);
  runs = pm_loader_load_runs (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);

  pm_run_compare_options_init (&options);
  whole = compare_pair (runs, &options);
  pm_run_compare_get_range (whole, 0, &first, &n);
  g_assert_cmpuint (n, ==, 96);

  options.common_span = TRUE;
  common = compare_pair (runs, &options);
  for (guint w = 0; w < 2; w++)
    {
      pm_run_compare_get_range (common, w, &first, &n);
      g_assert_cmpuint (first, ==, 0);
      g_assert_cmpuint (n, ==, 48);
      g_assert_cmpfloat_with_epsilon (pm_run_compare_get_hours (common, w), 11.75, 1e-9);
    }
  g_assert_cmpint (row (common, "TcpE")->growth, ==, PM_RUN_GROWTH_ONLY_B);

  /* On the clock, two days apart: nothing in common. */
  options.align = PM_RUN_ALIGN_CLOCK;
  g_assert_null (pm_run_compare_new (runs, 0, 1, &options, NULL, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_NO_DATA);
}

static void
test_bad_options (void)
{
  g_autoptr(PmRunSet) runs = load_pair ();
  PmRunCompareOptions options;
  g_autoptr(GError) error = NULL;

  pm_run_compare_options_init (&options);
  options.per[0] = 1000;
  g_assert_null (pm_run_compare_new (runs, 0, 1, &options, NULL, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
  g_clear_error (&error);

  options.per[1] = -5;
  g_assert_null (pm_run_compare_new (runs, 0, 1, &options, NULL, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
}

/* A run set made by hand from builder datasets, as a viewer adding runs
 * would: one tag flat in A, growing in B; one tag only in A. */
static PmDataset *
tiny_run (gint64   start,
          gboolean grows)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();

  for (guint s = 0; s < 40; s++)
    {
      guint snap = pm_dataset_builder_add_snapshot (builder, start + s * 600, start + s * 600);
      PmRowValues v = { 0 };

      v.have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_PAGED_USED;
      v.paged_diff = 100 + (grows ? s * 6 : (s % 3));
      v.paged_used = (gint64) v.paged_diff * 64;
      pm_dataset_builder_add_row (builder, snap, "Grow", &v);
      if (!grows)
        pm_dataset_builder_add_row (builder, snap, "OnlA", &v);
    }

  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

static void
test_by_hand (void)
{
  g_autoptr(PmRunSet) runs = pm_run_set_new ();
  g_autoptr(PmDataset) a = tiny_run (1600000000, FALSE);
  g_autoptr(PmDataset) b = tiny_run (1700000000, TRUE);
  g_autoptr(PmRunCompare) cmp = NULL;
  g_autofree char *text = NULL;
  PmRunCompareOptions options;
  const PmRunCompareRow *r;

  g_assert_cmpuint (pm_run_set_add (runs, "before", a, NULL), ==, 0);
  g_assert_cmpuint (pm_run_set_add (runs, "after", b, NULL), ==, 1);
  g_assert_cmpint (pm_run_set_get_separation (runs, 1), ==, PM_RUN_SEPARATION_GIVEN);
  g_assert_null (pm_run_set_get_paths (runs, 1)[0]);
  text = pm_run_set_describe (runs);
  g_assert_true (g_str_has_prefix (text, "2 separate runs, not merged:\n  run 1 'before':"));

  pm_run_compare_options_init (&options);
  options.metric = PM_METRIC_PAGED_DIFF;
  options.judge_both = FALSE;
  cmp = compare_pair (runs, &options);
  g_assert_cmpuint (pm_run_compare_get_n_rows (cmp), ==, 2);
  r = pm_run_compare_get_row (cmp, 0);
  g_assert_cmpstr (r->name, ==, "Grow");
  g_assert_cmpint (r->growth, ==, PM_RUN_GROWTH_ONLY_B);
  /* 6 per 10 min is 36 per hour, exactly. */
  g_assert_cmpfloat_with_epsilon (r->run[1].rate, 36, 1e-6);
  g_assert_cmpfloat (r->d_growth, ==, 39 * 6 - (double) r->run[0].growth);
  r = pm_run_compare_get_row (cmp, 1);
  g_assert_cmpstr (r->name, ==, "OnlA");
  g_assert_cmpint (r->run[1].verdict, ==, PM_RUN_VERDICT_ABSENT);
  g_assert_cmpint (r->run[1].peak, ==, 0);
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PmRunCompare **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pm_run_compare_new_finish (result, &error);
  g_assert_no_error (error);
}

/* The same comparison in a worker thread, as a window runs it. */
static void
test_async (void)
{
  g_autoptr(PmRunSet) runs = load_pair ();
  g_autoptr(PmRunCompare) sync = compare_pair (runs, NULL);
  g_autoptr(PmRunCompare) async = NULL;

  pm_run_compare_new_async (runs, 0, 1, NULL, NULL, compare_done_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (pm_run_compare_get_n_rows (async), ==, pm_run_compare_get_n_rows (sync));
  for (guint i = 0; i < pm_run_compare_get_n_rows (sync); i++)
    {
      g_assert_cmpstr (pm_run_compare_get_row (async, i)->name, ==, pm_run_compare_get_row (sync, i)->name);
      g_assert_cmpint (pm_run_compare_get_row (async, i)->growth, ==, pm_run_compare_get_row (sync, i)->growth);
    }
}

/* ---- poolstats compare ------------------------------------------------------------ */

static void
run_poolstats (Run  *run,
               ...)
{
  const char *first;
  va_list args;

  g_assert_nonnull (g_getenv ("POOLSTATS"));
  va_start (args, run);
  first = va_arg (args, const char *);
  run_poolstats_valist (run, first, args);
  va_end (args);
}

static void
check_golden (const char *name,
              const char *out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", name, NULL);
  g_autofree char *expected = NULL;

  if (g_strcmp0 (g_getenv ("PM_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_true (g_file_set_contents (path, out, -1, NULL));
      return;
    }
  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  g_assert_cmpstr (out, ==, expected);
}

static void
test_cli_golden (void)
{
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "--top", "12", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    check_golden ("compare-text.txt", run.out);
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "-t", "TotalDiff", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    check_golden ("compare-totaldiff.csv", run.out);
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "-t", "TotalDiff", "--per", "3000,8000",
                   "--top", "6", NULL);
    g_assert_cmpint (run.status, ==, 0);
    check_golden ("compare-per.txt", run.out);
  }
}

/* The test run given as its two day folders: the same comparison. */
static void
test_cli_day_folders (void)
{
  g_auto(Run) whole = { 0 };
  g_auto(Run) days = { 0 };

  run_poolstats (&whole, "compare", control, test_run, "-t", "TotalDiff", "--format", "csv", NULL);
  run_poolstats (&days, "compare", control, day1, day2, "-t", "TotalDiff", "--format", "csv", NULL);
  g_assert_cmpint (days.status, ==, 0);
  g_assert_cmpstr (days.out, ==, whole.out);
}

static void
test_cli_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root_obj, *counts, *first, *b;
  JsonArray *tags, *per, *runs;

  run_poolstats (&run, "compare", control, test_run, "--per", "1000", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);

  root_obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root_obj, "metric"), ==, "TotalUsedBytes");
  g_assert_cmpstr (json_object_get_string_member (root_obj, "judged_on"), ==, "TotalDiff+TotalUsedBytes");
  g_assert_cmpstr (json_object_get_string_member (root_obj, "units"), ==, "per operation");
  g_assert_cmpstr (json_object_get_string_member (root_obj, "align"), ==, "elapsed");
  g_assert_cmpstr (json_object_get_string_member (root_obj, "span"), ==, "whole");
  g_assert_true (json_object_get_boolean_member (root_obj, "judged"));
  per = json_object_get_array_member (root_obj, "per");
  g_assert_cmpfloat (json_array_get_double_element (per, 0), ==, 1000);
  g_assert_cmpfloat (json_array_get_double_element (per, 1), ==, 1000);
  runs = json_object_get_array_member (root_obj, "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (runs, 1), "name"),
                   ==, "test");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (runs, 0), "snapshots"),
                   ==, 96);

  counts = json_object_get_object_member (root_obj, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "only_b"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "both"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "only_a"), ==, 1);

  tags = json_object_get_array_member (root_obj, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 77);
  first = json_array_get_object_element (tags, 0);
  g_assert_cmpint (json_object_get_int_member (first, "rank"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "tag"), ==, "TcpE");
  g_assert_cmpstr (json_object_get_string_member (first, "verdict"), ==, "only-b");
  b = json_object_get_object_member (first, "b");
  g_assert_cmpstr (json_object_get_string_member (b, "verdict"), ==, "leak");
  g_assert_nonnull (json_object_get_string_member (b, "reason"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (first, "diff"),
                                                 "differs"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root_obj, "total"),
                                              "rank"));
}

static void
test_cli_exit_codes (void)
{
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "--fail-on-new-leak", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "2 tags leak in B and not in A: \"TcpE\", \"Proc\""));
  }
  {
    /* Swapped, the planted leaks are gone in B: nothing new. */
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", test_run, control, "--fail-on-new-leak", NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "1 tag leaks in B and not in A: \"Thre\""));
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, control, "--fail-on-new-leak", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Run A 'A'"));
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "--per", "0,5", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "--per"));
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "--per", "1,2,3", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "--align", "sideways", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "--format", "yaml", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", "/nonexistent/run", test_run, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    /* A run without the columns for the metric, a file with no snapshot. */
    g_autofree char *bytes_only = g_test_build_filename (G_TEST_DIST, "data", "cli", "bytes-only", NULL);
    g_autofree char *empty = g_test_build_filename (G_TEST_DIST, "data", "loader", "empty.csv", NULL);
    g_auto(Run) run = { 0 };
    g_auto(Run) run2 = { 0 };

    run_poolstats (&run, "compare", bytes_only, test_run, "-t", "TotalDiff", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "run 'bytes-only' has no columns to compute TotalDiff"));
    run_poolstats (&run2, "compare", empty, test_run, NULL);
    g_assert_cmpint (run2.status, ==, 2);
    g_assert_nonnull (strstr (run2.err, "the file is empty"));
  }
  {
    /* On the clock, two days apart, only what they share: nothing. */
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", control, test_run, "--align", "clock", "--common", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "no time in common"));
  }
  {
    /* Three paths that make one run (the day folders and a copy of them). */
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", day1, day2, test_run, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "the paths given are one run, 'test-day1'"));
    g_assert_nonnull (strstr (run.err, "takes two runs"));
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "compare", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "'--per 1000' says each run"));
    g_assert_nonnull (strstr (run.out, "RateDiff_Low"));
  }
}

/* The other commands on two runs: info lists them, the analyses refuse. */
static void
test_cli_other_commands (void)
{
  const char *analyses[][4] = {
    { "rank", "-t", "TotalDiff", NULL },
    { "tags", "-t", "TotalDiff", NULL },
    { "corr", "-t", "TotalDiff", "--total" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (analyses); i++)
    {
      g_auto(Run) run = { 0 };

      run_poolstats (&run, analyses[i][0], control, test_run, analyses[i][1], analyses[i][2],
                     analyses[i][3], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "the paths given are 2 separate runs, not merged:"));
      g_assert_nonnull (strstr (run.err, "neither continue nor start again"));
      g_assert_nonnull (strstr (run.err, "poolstats compare A B"));
    }
  {
    /* Day folders of one run are one run to them. */
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "rank", day1, day2, "-t", "TotalDiff", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "info", control, test_run, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Runs:       2 separate runs, not merged:\n"));
    g_assert_nonnull (strstr (run.out, "\nRun 1 'control'\nFiles:      96 (0 with problems)\n"));
    g_assert_nonnull (strstr (run.out, "\nRun 2 'test'\nFiles:      96 (0 with problems)\n"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *runs;
    JsonObject *second;

    run_poolstats (&run, "info", control, test_run, "--format", "json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
    runs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "runs");
    g_assert_cmpuint (json_array_get_length (runs), ==, 2);
    second = json_array_get_object_element (runs, 1);
    g_assert_cmpstr (json_object_get_string_member (second, "name"), ==, "test");
    g_assert_cmpstr (json_object_get_string_member (second, "separation"), ==, "counters");
    g_assert_nonnull (strstr (json_object_get_string_member (second, "reason"), control));
    g_assert_cmpint (json_object_get_int_member (second, "snapshots"), ==, 96);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  make_pair ();

  g_test_add_func ("/poolstats/compare/planted", test_planted);
  g_test_add_func ("/poolstats/compare/absent-tags", test_absent_tags);
  g_test_add_func ("/poolstats/compare/normalised", test_normalised);
  g_test_add_func ("/poolstats/compare/common-span", test_common_span);
  g_test_add_func ("/poolstats/compare/bad-options", test_bad_options);
  g_test_add_func ("/poolstats/compare/by-hand", test_by_hand);
  g_test_add_func ("/poolstats/compare/async", test_async);
  g_test_add_func ("/poolstats/compare/cli-golden", test_cli_golden);
  g_test_add_func ("/poolstats/compare/cli-day-folders", test_cli_day_folders);
  g_test_add_func ("/poolstats/compare/cli-json", test_cli_json);
  g_test_add_func ("/poolstats/compare/cli-exit-codes", test_cli_exit_codes);
  g_test_add_func ("/poolstats/compare/cli-other-commands", test_cli_other_commands);

  status = g_test_run ();
  remove_pair ();
  return status;
}
