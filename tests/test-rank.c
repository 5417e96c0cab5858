/* test-rank.c: per-tag figures and the four rankings, against hand-computed answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-analysis-common.h"

/* Five snapshots. Every figure below was worked out by hand (docs/design.md, The analyses):
 *
 *   tag    values              peak  mean  nz first/last  abs   pct
 *   AAAA   10 20 30 40 50        50    30     10 / 50      40   400
 *   BBBB    0  0 100 100 150    150    70    100 / 150     50    50
 *   CCCC    -  -  5 10  -        10   7.5      5 / 10       5   100
 *   DDDD  200 180 160 140 120   200   160    200 / 120    -80   -40
 *   EEEE    0  0  0  0  0         0     0      none        -     -
 *   FFFF   50 50 50 50 50        50    50     50 / 50       0     0
 *   "Mm  "  1  2  3  4  5         5     3      1 / 5        4   400
 */
static const char * const names[] = { "AAAA", "BBBB", "CCCC", "DDDD", "EEEE", "FFFF", "Mm  " };
static const gint64 values[] = {
  10, 20, 30, 40, 50,
  0, 0, 100, 100, 150,
  ABSENT, ABSENT, 5, 10, ABSENT,
  200, 180, 160, 140, 120,
  0, 0, 0, 0, 0,
  50, 50, 50, 50, 50,
  1, 2, 3, 4, 5,
};

static PmDataset *
make_dataset (void)
{
  return fixture_dataset (names, G_N_ELEMENTS (names), values, 5);
}

static char *
ranking_names (PmRankResult *result,
               PmRanking     ranking)
{
  guint n;
  const guint *tags = pm_rank_result_get_ranking (result, ranking, &n);

  return fixture_names (pm_tag_table_get_dataset (pm_rank_result_get_table (result)), tags, n);
}

static char *
selection_names (PmRankResult *result)
{
  guint n;
  const guint *tags = pm_rank_result_get_selection (result, &n);

  return fixture_names (pm_tag_table_get_dataset (pm_rank_result_get_table (result)), tags, n);
}

#define assert_ranking(result, ranking, expected) G_STMT_START { \
    g_autofree char *got_ = ranking_names (result, ranking); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

/* Byte counts near 2^63 (bad input the loader still keeps) give a mean and
 * an increase without overflowing: UBSan found the sum wrapping. */
static void
test_stats_huge_values (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmDataset) ds = NULL;
  g_autoptr(PmTagTable) table = NULL;
  const gint64 huge[] = { 1, G_MAXINT64, G_MAXINT64 };
  const PmTagStats *st;
  guint tag;

  for (guint i = 0; i < G_N_ELEMENTS (huge); i++)
    {
      PmRowValues v = { .paged_used = huge[i], .have = PM_ROW_HAVE_PAGED_USED };
      guint s = pm_dataset_builder_add_snapshot (builder, 60 * i, 60 * i);

      pm_dataset_builder_add_row (builder, s, "Huge", &v);
    }
  ds = pm_dataset_builder_end (g_steal_pointer (&builder));
  table = pm_tag_table_new (ds, PM_METRIC_PAGED_USED_BYTES, 0, G_MAXUINT, NULL);
  g_assert_true (pm_dataset_lookup_tag (ds, "Huge", &tag));
  st = pm_tag_table_get_stats (table, tag);

  g_assert_cmpint (st->peak, ==, G_MAXINT64);
  g_assert_cmpfloat_with_epsilon (st->mean, (1.0 + 2.0 * (double) G_MAXINT64) / 3.0, 1e4);
  g_assert_cmpint (st->increase_abs, ==, G_MAXINT64 - 1);
  g_assert_cmpfloat (st->increase_pct, >, 9e20);
}

static void
test_stats (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmTagTable) table = pm_tag_table_new (ds, PM_METRIC_TOTAL_USED_BYTES, 0, G_MAXUINT, &error);
  const PmTagStats *st;
  static const struct {
    const char *tag;
    guint n_present, first, last;
    gint64 peak;
    double mean;
    guint n_nonzero;
    gint64 first_nz, last_nz, abs;
    double pct;
  } expected[] = {
    { "AAAA", 5, 0, 4, 50, 30, 5, 10, 50, 40, 400 },
    { "BBBB", 5, 0, 4, 150, 70, 3, 100, 150, 50, 50 },
    { "CCCC", 2, 2, 3, 10, 7.5, 2, 5, 10, 5, 100 },
    { "DDDD", 5, 0, 4, 200, 160, 5, 200, 120, -80, -40 },
    { "EEEE", 5, 0, 4, 0, 0, 0, 0, 0, 0, NAN },
    { "FFFF", 5, 0, 4, 50, 50, 5, 50, 50, 0, 0 },
    { "Mm  ", 5, 0, 4, 5, 3, 5, 1, 5, 4, 400 },
    /* TOTAL: 261 252 348 344 375 */
    { "TOTAL", 5, 0, 4, 375, 316, 5, 261, 375, 114, 114.0 / 261 * 100 },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (pm_tag_table_get_n_tags (table), ==, G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint tag = fixture_tag (ds, expected[i].tag);

      st = pm_tag_table_get_stats (table, tag);
      g_test_message ("%s", expected[i].tag);
      g_assert_cmpuint (st->tag, ==, tag);
      g_assert_cmpuint (st->n_present, ==, expected[i].n_present);
      g_assert_cmpuint (st->first_snapshot, ==, expected[i].first);
      g_assert_cmpuint (st->last_snapshot, ==, expected[i].last);
      g_assert_cmpint (st->peak, ==, expected[i].peak);
      g_assert_cmpfloat_with_epsilon (st->mean, expected[i].mean, 1e-12);
      g_assert_cmpuint (st->n_nonzero, ==, expected[i].n_nonzero);
      g_assert_cmpint (st->first_nonzero, ==, expected[i].first_nz);
      g_assert_cmpint (st->last_nonzero, ==, expected[i].last_nz);
      g_assert_cmpint (st->increase_abs, ==, expected[i].abs);
      if (isnan (expected[i].pct))
        g_assert_true (isnan (st->increase_pct));
      else
        g_assert_cmpfloat_with_epsilon (st->increase_pct, expected[i].pct, 1e-9);
    }

  /* The times of the first and last presence come from the dataset. */
  st = pm_tag_table_get_stats (table, fixture_tag (ds, "CCCC"));
  g_assert_cmpint (pm_dataset_get_times (ds, PM_TIME_BASE_UTC)[st->first_snapshot], ==,
                   FIXTURE_T0 + 2 * FIXTURE_STEP);
  g_assert_cmpint (pm_dataset_get_times (ds, PM_TIME_BASE_LOCAL)[st->last_snapshot], ==,
                   FIXTURE_T0 + 3 * FIXTURE_STEP + 7200);
}

static void
test_rankings_default (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmTagTable) table = pm_tag_table_new (ds, PM_METRIC_TOTAL_USED_BYTES, 0, G_MAXUINT, NULL);
  g_autoptr(PmRankResult) result = pm_rank (table, NULL);
  g_autofree char *selection = NULL;

  /* Ties: AAAA and FFFF both peak at 50, AAAA and "Mm  " both grow 400 %:
   * the name decides. TOTAL, the largest of all, is never ranked. */
  assert_ranking (result, PM_RANKING_HIGHEST_PEAK, "DDDD|BBBB|AAAA|FFFF|CCCC");
  assert_ranking (result, PM_RANKING_HIGHEST_AVERAGE, "DDDD|BBBB|FFFF|AAAA|CCCC");
  /* EEEE has no non-zero value, so no increase at all: not ranked. */
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_PCT, "AAAA|Mm  |CCCC|BBBB|FFFF");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_ABS, "BBBB|AAAA|CCCC|Mm  |FFFF");

  selection = selection_names (result);
  g_assert_cmpstr (selection, ==, "TOTAL|DDDD|BBBB|AAAA|FFFF|CCCC|Mm  ");
  g_assert_cmpuint (g_strv_length ((char **) pm_rank_result_get_unmatched (result)), ==, 0);
}

static void
test_rankings_full (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmTagTable) table = pm_tag_table_new (ds, PM_METRIC_PAGED_DIFF, 0, G_MAXUINT, NULL);
  g_autoptr(PmRankResult) result = NULL;
  PmRankOptions options;

  pm_rank_options_init (&options);
  for (guint r = 0; r < PM_N_RANKINGS; r++)
    options.n[r] = 100;
  result = pm_rank (table, &options);

  assert_ranking (result, PM_RANKING_HIGHEST_PEAK, "DDDD|BBBB|AAAA|FFFF|CCCC|Mm  |EEEE");
  assert_ranking (result, PM_RANKING_HIGHEST_AVERAGE, "DDDD|BBBB|FFFF|AAAA|CCCC|Mm  |EEEE");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_PCT, "AAAA|Mm  |CCCC|BBBB|FFFF|DDDD");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_ABS, "BBBB|AAAA|CCCC|Mm  |FFFF|DDDD");
}

static void
test_include_exclude (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmTagTable) table = pm_tag_table_new (ds, PM_METRIC_TOTAL_USED_BYTES, 0, G_MAXUINT, NULL);
  static const char * const include[] = { "EEEE", "ZZZZ", "FFFF", NULL };
  /* "Mm" matches "Mm  " (trailing spaces are not significant). */
  static const char * const exclude[] = { "DDDD", "Mm", "QQ*", NULL };
  g_autoptr(PmRankResult) result = NULL;
  g_autofree char *selection = NULL;
  g_autofree char *unmatched = NULL;
  PmRankOptions options;

  pm_rank_options_init (&options);
  for (guint r = 0; r < PM_N_RANKINGS; r++)
    options.n[r] = 2;
  options.include = include;
  options.exclude = exclude;
  result = pm_rank (table, &options);

  assert_ranking (result, PM_RANKING_HIGHEST_PEAK, "BBBB|AAAA");
  assert_ranking (result, PM_RANKING_HIGHEST_AVERAGE, "BBBB|FFFF");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_PCT, "AAAA|CCCC");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_ABS, "BBBB|AAAA");

  /* TOTAL, the included tags in the order given, then the rankings. */
  selection = selection_names (result);
  g_assert_cmpstr (selection, ==, "TOTAL|EEEE|FFFF|BBBB|AAAA|CCCC");

  unmatched = g_strjoinv ("|", (char **) pm_rank_result_get_unmatched (result));
  g_assert_cmpstr (unmatched, ==, "QQ*|ZZZZ");
}

static void
test_patterns (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmTagTable) table = pm_tag_table_new (ds, PM_METRIC_TOTAL_USED_BYTES, 0, G_MAXUINT, NULL);
  static const char * const exclude_all[] = { "*", NULL };
  static const char * const exclude_q[] = { "?BBB", "D*", NULL };
  static const char * const include_p[] = { "*M*", "?A*", NULL };
  g_autoptr(PmRankResult) none = NULL;
  g_autoptr(PmRankResult) some = NULL;
  g_autofree char *selection = NULL;
  PmRankOptions options;

  pm_rank_options_init (&options);
  options.exclude = exclude_all;
  none = pm_rank (table, &options);
  for (guint r = 0; r < PM_N_RANKINGS; r++)
    assert_ranking (none, r, "");
  selection = selection_names (none);
  g_assert_cmpstr (selection, ==, "TOTAL");
  g_clear_pointer (&selection, g_free);

  options.exclude = exclude_q;
  options.include = include_p;
  options.n[PM_RANKING_HIGHEST_PEAK] = 1;
  options.n[PM_RANKING_HIGHEST_AVERAGE] = 0;
  options.n[PM_RANKING_BIGGEST_INCREASE_PCT] = 0;
  options.n[PM_RANKING_BIGGEST_INCREASE_ABS] = 0;
  some = pm_rank (table, &options);
  assert_ranking (some, PM_RANKING_HIGHEST_PEAK, "AAAA");
  assert_ranking (some, PM_RANKING_HIGHEST_AVERAGE, "");
  selection = selection_names (some);
  g_assert_cmpstr (selection, ==, "TOTAL|Mm  |AAAA");
}

static void
test_range (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmTagTable) table = NULL;
  g_autoptr(PmTagTable) early = NULL;
  g_autoptr(PmRankResult) result = NULL;
  const PmTagStats *st;
  guint first, n;

  /* Snapshots 2 and 3, found from their times. */
  g_assert_true (pm_snapshot_range_from_times (ds, PM_TIME_BASE_UTC,
                                               FIXTURE_T0 + 100, FIXTURE_T0 + 180, &first, &n));
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (pm_snapshot_range_from_times (ds, PM_TIME_BASE_LOCAL,
                                               FIXTURE_T0 + 7200, FIXTURE_T0 + 7200, &first, &n));
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (pm_snapshot_range_from_times (ds, PM_TIME_BASE_UTC, 0, 100, &first, &n));

  table = pm_tag_table_new (ds, PM_METRIC_TOTAL_USED_BYTES, 2, 2, NULL);
  pm_tag_table_get_range (table, &first, &n);
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpuint (n, ==, 2);
  st = pm_tag_table_get_stats (table, fixture_tag (ds, "AAAA"));
  g_assert_cmpint (st->peak, ==, 40);
  g_assert_cmpfloat_with_epsilon (st->mean, 35, 1e-12);
  g_assert_cmpfloat_with_epsilon (st->increase_pct, 100.0 / 3, 1e-9);
  g_assert_cmpuint (st->first_snapshot, ==, 2);
  g_assert_cmpuint (st->last_snapshot, ==, 3);

  result = pm_rank (table, NULL);
  /* AAAA and "Mm  " both grow by a third: the name decides. */
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_PCT, "CCCC|AAAA|Mm  |BBBB|FFFF");

  /* CCCC is absent from snapshots 0 and 1: it has no figures there and is
   * not ranked; BBBB's zeros give it no increase. */
  early = pm_tag_table_new (ds, PM_METRIC_TOTAL_USED_BYTES, 0, 2, NULL);
  st = pm_tag_table_get_stats (early, fixture_tag (ds, "CCCC"));
  g_assert_cmpuint (st->n_present, ==, 0);
  g_assert_cmpuint (st->first_snapshot, ==, G_MAXUINT);
  g_assert_true (isnan (st->mean));
  g_clear_pointer (&result, pm_rank_result_unref);
  result = pm_rank (early, NULL);
  assert_ranking (result, PM_RANKING_HIGHEST_PEAK, "DDDD|FFFF|AAAA|Mm  |BBBB");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_ABS, "AAAA|Mm  |FFFF|DDDD");

  /* A range past the end is clipped to nothing, not an error. */
  g_clear_pointer (&table, pm_tag_table_unref);
  table = pm_tag_table_new (ds, PM_METRIC_TOTAL_USED_BYTES, 99, 5, NULL);
  pm_tag_table_get_range (table, &first, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_single_snapshot (void)
{
  static const char * const one_names[] = { "Aa", "Bb" };
  static const gint64 one_values[] = { 7, 0 };
  g_autoptr(PmDataset) ds = fixture_dataset (one_names, 2, one_values, 1);
  g_autoptr(PmTagTable) table = pm_tag_table_new (ds, PM_METRIC_TOTAL_DIFF, 0, G_MAXUINT, NULL);
  g_autoptr(PmRankResult) result = pm_rank (table, NULL);
  const PmTagStats *st = pm_tag_table_get_stats (table, fixture_tag (ds, "Aa"));

  g_assert_cmpint (st->peak, ==, 7);
  g_assert_cmpint (st->increase_abs, ==, 0);
  g_assert_cmpfloat (st->increase_pct, ==, 0);
  assert_ranking (result, PM_RANKING_HIGHEST_PEAK, "Aa|Bb");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_PCT, "Aa");
}

static void
test_unavailable_metric (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmTagTable) table = NULL;
  PmRowValues row = { .paged_used = 10, .have = PM_ROW_HAVE_PAGED_USED };
  guint s = pm_dataset_builder_add_snapshot (builder, FIXTURE_T0, FIXTURE_T0);

  pm_dataset_builder_add_row (builder, s, "Aa", &row);
  ds = pm_dataset_builder_end (g_steal_pointer (&builder));
  table = pm_tag_table_new (ds, PM_METRIC_PAGED_DIFF, 0, G_MAXUINT, &error);
  g_assert_null (table);
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
}

/* Outstanding allocations above 2^31 (the modular Allocs − Frees of a
 * busy tag) stay positive: nothing on the way treats them as int32. */
static void
test_large_counts (void)
{
  static const char * const w_names[] = { "Wrap" };
  static const gint64 w_values[] = { 100, 4000000000, 4000000100 };
  g_autoptr(PmDataset) ds = fixture_dataset (w_names, 1, w_values, 3);
  g_autoptr(PmTagTable) table = pm_tag_table_new (ds, PM_METRIC_PAGED_DIFF, 0, G_MAXUINT, NULL);
  const PmTagStats *st = pm_tag_table_get_stats (table, fixture_tag (ds, "Wrap"));

  g_assert_cmpint (st->peak, ==, 4000000100);
  g_assert_cmpint (st->increase_abs, ==, 4000000000);
}

/* Through the loader: tests/data/analysis/wrap has "Wrap", whose 32-bit
 * PagedAllocs wraps between the second and third snapshot (the old sampler
 * then wrote PagedDiff = -4294966096). Outstanding allocations, by hand:
 * 1000 1100 1200 1300: peak 1300, mean 1150, +300, +30 %. */
static void
test_wrapped_counters (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "analysis", "wrap", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = pm_dataset_load (paths, NULL, &error);
  g_autoptr(PmTagTable) table = NULL;
  g_autoptr(PmRankResult) result = NULL;
  const PmTagStats *st;

  g_assert_no_error (error);
  table = pm_tag_table_new (ds, PM_METRIC_PAGED_DIFF, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  st = pm_tag_table_get_stats (table, fixture_tag (ds, "Wrap"));
  g_assert_cmpint (st->peak, ==, 1300);
  g_assert_cmpfloat_with_epsilon (st->mean, 1150, 1e-9);
  g_assert_cmpint (st->first_nonzero, ==, 1000);
  g_assert_cmpint (st->last_nonzero, ==, 1300);
  g_assert_cmpint (st->increase_abs, ==, 300);
  g_assert_cmpfloat_with_epsilon (st->increase_pct, 30, 1e-9);

  /* Down: 400 300 200 100; Flat: 5 throughout. */
  result = pm_rank (table, NULL);
  assert_ranking (result, PM_RANKING_HIGHEST_PEAK, "Wrap|Down|Flat");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_ABS, "Wrap|Flat|Down");
  assert_ranking (result, PM_RANKING_BIGGEST_INCREASE_PCT, "Wrap|Flat|Down");
}

static void
test_legacy_text (void)
{
  static const char * const q_names[] = { "it's", "Mm  ", "a\\b" };
  static const gint64 q_values[] = { 1, 2, 5, 3, 4, 4 };
  g_autoptr(PmDataset) ds = fixture_dataset (q_names, 3, q_values, 2);
  g_autoptr(PmTagTable) table = pm_tag_table_new (ds, PM_METRIC_TOTAL_USED_BYTES, 0, G_MAXUINT, NULL);
  g_autoptr(PmRankResult) result = NULL;
  g_autofree char *text = NULL;
  PmRankOptions options;

  pm_rank_options_init (&options);
  options.n[PM_RANKING_HIGHEST_AVERAGE] = 0;
  options.n[PM_RANKING_BIGGEST_INCREASE_ABS] = 1;
  result = pm_rank (table, &options);
  text = pm_rank_result_to_legacy_text (result);

  /* visualize.py's f"tags with {description:25s}: {taglist}", Python's
   * list repr included; rankings with N = 0 print nothing. */
  g_assert_cmpstr (text, ==,
                   "tags with BIGGEST INCREASE (%)     : [\"it's\", 'a\\\\b', 'Mm  ']\n"
                   "tags with BIGGEST INCREASE (ABS)   : [\"it's\"]\n"
                   "tags with HIGHEST USAGE    (PEAK)  : ['Mm  ', 'a\\\\b', \"it's\"]\n");
}

static void
test_names (void)
{
  g_assert_cmpstr (pm_ranking_to_string (PM_RANKING_HIGHEST_PEAK), ==, "highest_peak");
  g_assert_cmpstr (pm_ranking_to_string (PM_RANKING_HIGHEST_AVERAGE), ==, "highest_average");
  g_assert_cmpstr (pm_ranking_to_string (PM_RANKING_BIGGEST_INCREASE_PCT), ==, "biggest_increase_pct");
  g_assert_cmpstr (pm_ranking_to_string (PM_RANKING_BIGGEST_INCREASE_ABS), ==, "biggest_increase_abs");
  for (guint r = 0; r < PM_N_RANKINGS; r++)
    g_assert_nonnull (pm_ranking_get_title (r));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/rank/stats", test_stats);
  g_test_add_func ("/poolstats/rank/stats-huge-values", test_stats_huge_values);
  g_test_add_func ("/poolstats/rank/default", test_rankings_default);
  g_test_add_func ("/poolstats/rank/full", test_rankings_full);
  g_test_add_func ("/poolstats/rank/include-exclude", test_include_exclude);
  g_test_add_func ("/poolstats/rank/patterns", test_patterns);
  g_test_add_func ("/poolstats/rank/range", test_range);
  g_test_add_func ("/poolstats/rank/single-snapshot", test_single_snapshot);
  g_test_add_func ("/poolstats/rank/unavailable-metric", test_unavailable_metric);
  g_test_add_func ("/poolstats/rank/large-counts", test_large_counts);
  g_test_add_func ("/poolstats/rank/wrapped-counters", test_wrapped_counters);
  g_test_add_func ("/poolstats/rank/legacy-text", test_legacy_text);
  g_test_add_func ("/poolstats/rank/names", test_names);

  return g_test_run ();
}
