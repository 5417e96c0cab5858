/* test-corr.c: Pearson r, hand-computed cases, properties and the fast matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "test-analysis-common.h"

/* Five snapshots; r worked out by hand:
 *   x  = 1 2 3 4 5
 *   y  = 2 4 6 8 10            r(x, y) = 1
 *   z  = 5 4 3 2 1             r(x, z) = -1
 *   w  = 1 3 2 5 4             deviations -2 0 -1 2 1: r(x, w) = 8 / 10 = 0.8
 *   c  = 7 7 7 7 7             constant: r undefined
 *   m  = - 1 - 3 -             absent reads 0: 0 1 0 3 0, mean 0.8,
 *                              r(x, m) = 2 / sqrt (10 × 6.8) = 0.242535625...
 *   v  = 1 2 4 7 11            increments 1 2 3 4
 *   u  = 0 2 4 6 9             increments 2 2 2 3:
 *                              r = 1.5 / sqrt (5 × 0.75) = sqrt (0.6)
 */
static const char * const names[] = { "c", "m", "u", "v", "w", "x", "y", "z" };
static const gint64 values[] = {
  7, 7, 7, 7, 7,
  ABSENT, 1, ABSENT, 3, ABSENT,
  0, 2, 4, 6, 9,
  1, 2, 4, 7, 11,
  1, 3, 2, 5, 4,
  1, 2, 3, 4, 5,
  2, 4, 6, 8, 10,
  5, 4, 3, 2, 1,
};

static PmDataset *
make_dataset (void)
{
  return fixture_dataset (names, G_N_ELEMENTS (names), values, 5);
}

static double
r_of (PmCorrMatrix *m,
      PmDataset    *ds,
      const char   *a,
      const char   *b)
{
  guint ia, ib;

  g_assert_true (pm_corr_matrix_find_tag (m, fixture_tag (ds, a), &ia));
  g_assert_true (pm_corr_matrix_find_tag (m, fixture_tag (ds, b), &ib));
  return pm_corr_matrix_get (m, ia, ib);
}

static void
assert_properties (PmCorrMatrix *m)
{
  guint n = pm_corr_matrix_get_size (m);

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        double r = pm_corr_matrix_get (m, i, j);
        double t = pm_corr_matrix_get (m, j, i);

        if (isnan (r))
          {
            g_assert_true (isnan (t));
            continue;
          }
        g_assert_cmpfloat (r, ==, t);
        g_assert_cmpfloat (r, >=, -1.0);
        g_assert_cmpfloat (r, <=, 1.0);
        if (i == j)
          g_assert_cmpfloat (r, ==, 1.0);
      }
}

static void
test_levels (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmCorrMatrix) m = NULL;
  g_autoptr(GError) error = NULL;
  PmCorrOptions options;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  m = pm_corr_compute (ds, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Every tag and TOTAL, in dataset order. */
  g_assert_cmpuint (pm_corr_matrix_get_size (m), ==, G_N_ELEMENTS (names) + 1);
  g_assert_cmpuint (pm_corr_matrix_get_tag (m, G_N_ELEMENTS (names)), ==, pm_dataset_get_total_tag (ds));

  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "x", "y"), 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "x", "z"), -1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "x", "w"), 0.8, 1e-15);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "w", "x"), 0.8, 1e-15);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "x", "m"), 2.0 / sqrt (68.0), 1e-15);
  g_assert_true (isnan (r_of (m, ds, "c", "x")));
  g_assert_true (isnan (r_of (m, ds, "x", "c")));
  /* Undefined, never 1, even on the diagonal. */
  g_assert_true (isnan (r_of (m, ds, "c", "c")));
  g_assert_cmpfloat (r_of (m, ds, "w", "w"), ==, 1.0);

  assert_properties (m);
}

static void
test_increments (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmCorrMatrix) m = NULL;
  PmCorrOptions options;

  pm_corr_options_init (&options, PM_METRIC_PAGED_DIFF);
  options.increments = TRUE;
  m = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);

  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "v", "u"), sqrt (0.6), 1e-15);
  /* x and y grow steadily: their increments are constant, r undefined,
   * though their levels correlate perfectly. */
  g_assert_true (isnan (r_of (m, ds, "x", "y")));
  g_assert_true (isnan (r_of (m, ds, "x", "z")));
  /* w's increments 2 −1 3 −1 against v's 1 2 3 4 */
  {
    double a[] = { 2, -1, 3, -1 };
    double b[] = { 1, 2, 3, 4 };

    g_assert_cmpfloat_with_epsilon (r_of (m, ds, "w", "v"), pm_corr_pearson (a, b, 4), 1e-15);
  }
  assert_properties (m);
}

static void
test_tag_list_and_range (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmCorrMatrix) m = NULL;
  g_autoptr(PmCorrMatrix) tail = NULL;
  g_autoptr(GError) error = NULL;
  guint tags[3];
  PmCorrOptions options;

  tags[0] = fixture_tag (ds, "w");
  tags[1] = pm_dataset_get_total_tag (ds);
  tags[2] = fixture_tag (ds, "x");

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  options.tags = tags;
  options.n_tags = 3;
  m = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (pm_corr_matrix_get_size (m), ==, 3);
  g_assert_cmpuint (pm_corr_matrix_get_tags (m)[1], ==, tags[1]);
  g_assert_cmpfloat_with_epsilon (pm_corr_matrix_get (m, 0, 2), 0.8, 1e-15);
  g_assert_cmpfloat (pm_corr_matrix_get (m, 1, 1), ==, 1.0);

  /* Snapshots 2..4: w = 2 5 4, x = 3 4 5: r = 2 / sqrt (2 × 14/3) */
  options.first = 2;
  options.n_snapshots = 3;
  tail = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (pm_corr_matrix_get (tail, 0, 2), 2.0 / sqrt (28.0 / 3.0), 1e-15);

  /* A tag index past TOTAL is an error, not a crash. */
  tags[2] = pm_dataset_get_total_tag (ds) + 1;
  options.first = 0;
  g_assert_null (pm_corr_compute (ds, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
}

static void
test_single_snapshot (void)
{
  static const char * const one_names[] = { "a", "b" };
  static const gint64 one_values[] = { 3, 4 };
  g_autoptr(PmDataset) ds = fixture_dataset (one_names, 2, one_values, 1);
  g_autoptr(PmCorrMatrix) levels = NULL;
  g_autoptr(PmCorrMatrix) incr = NULL;
  PmCorrOptions options;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  levels = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  options.increments = TRUE;
  incr = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      {
        g_assert_true (isnan (pm_corr_matrix_get (levels, i, j)));
        g_assert_true (isnan (pm_corr_matrix_get (incr, i, j)));
      }
}

static PmDataset *
random_dataset (guint    n_tags,
                guint    n_snapshots,
                guint64  seed)
{
  g_autofree const char **tag_names = g_new0 (const char *, n_tags);
  g_autofree gint64 *v = g_new (gint64, (gsize) n_tags * n_snapshots);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  guint64 state = seed;

  for (guint i = 0; i < n_tags; i++)
    {
      double level = 1000 + 1e6 * fixture_uniform (&state);
      double drift = 100 * (fixture_uniform (&state) - 0.5);

      tag_names[i] = g_strdup_printf ("T%03u", i);
      g_ptr_array_add (owned, (char *) tag_names[i]);
      for (guint s = 0; s < n_snapshots; s++)
        {
          double noise = 500 * (fixture_uniform (&state) - 0.5);

          /* Some tags constant, some absent now and then, some sharing a
           * common movement. */
          if (i % 11 == 5)
            v[(gsize) i * n_snapshots + s] = 4242;
          else if (i % 7 == 3 && fixture_uniform (&state) < 0.2)
            v[(gsize) i * n_snapshots + s] = ABSENT;
          else
            v[(gsize) i * n_snapshots + s] = (gint64) (level + drift * s + noise +
                                                       (i % 3 == 0 ? 300 * sin (s * 0.3) : 0));
        }
    }

  return fixture_dataset (tag_names, n_tags, v, n_snapshots);
}

/* The panelled matrix, BLAS or plain, against textbook two-pass r. */
static void
check_against_two_pass (gboolean increments)
{
  g_autoptr(PmDataset) ds = random_dataset (61, 157, 12345);
  g_autoptr(PmCorrMatrix) fast = NULL;
  g_autoptr(PmCorrMatrix) plain = NULL;
  guint n_tags = pm_dataset_get_n_tags (ds) + 1;
  guint n_snap = pm_dataset_get_n_snapshots (ds);
  guint n_values = increments ? n_snap - 1 : n_snap;
  g_autofree double *series = g_new (double, (gsize) n_tags * n_snap);
  PmCorrOptions options;
  guint n_undefined = 0;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  options.increments = increments;
  fast = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);

  g_setenv ("PM_CORR_NO_BLAS", "1", TRUE);
  plain = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  g_unsetenv ("PM_CORR_NO_BLAS");

  for (guint t = 0; t < n_tags; t++)
    {
      double *row = series + (gsize) t * n_snap;

      pm_dataset_copy_series_double (ds, options.metric, t, 0, n_snap, row);
      if (increments)
        for (guint s = 0; s + 1 < n_snap; s++)
          row[s] = row[s + 1] - row[s];
    }

  for (guint i = 0; i < n_tags; i++)
    for (guint j = 0; j < n_tags; j++)
      {
        double expected = pm_corr_pearson (series + (gsize) i * n_snap,
                                           series + (gsize) j * n_snap, n_values);

        if (isnan (expected))
          {
            g_assert_true (isnan (pm_corr_matrix_get (fast, i, j)));
            g_assert_true (isnan (pm_corr_matrix_get (plain, i, j)));
            n_undefined++;
            continue;
          }
        g_assert_cmpfloat_with_epsilon (pm_corr_matrix_get (fast, i, j), expected, 1e-12);
        g_assert_cmpfloat_with_epsilon (pm_corr_matrix_get (plain, i, j), expected, 1e-12);
      }

  /* The planted constant tags were met. */
  g_assert_cmpuint (n_undefined, >, 0);
  assert_properties (fast);
  assert_properties (plain);
}

static void
test_random_levels (void)
{
  check_against_two_pass (FALSE);
}

static void
test_random_increments (void)
{
  check_against_two_pass (TRUE);
}

/* r does not change when a series is scaled by a positive factor or
 * offset; a negative factor flips its sign. */
static void
test_invariance (void)
{
  static const char * const inv_names[] = { "a", "a3", "aneg", "b" };
  gint64 v[4 * 40];
  guint64 state = 99;
  g_autoptr(PmDataset) ds = NULL;
  g_autoptr(PmCorrMatrix) m = NULL;
  PmCorrOptions options;

  for (guint s = 0; s < 40; s++)
    {
      gint64 a = (gint64) (1e5 * fixture_uniform (&state));

      v[s] = a;
      v[40 + s] = 3 * a + 1000000;
      v[80 + s] = 10000000 - 2 * a;
      v[120 + s] = (gint64) (a / 2 + 1e5 * fixture_uniform (&state));
    }

  ds = fixture_dataset (inv_names, 4, v, 40);
  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  m = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);

  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "a", "a3"), 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "a", "aneg"), -1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "a3", "b"), r_of (m, ds, "a", "b"), 1e-14);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "aneg", "b"), -r_of (m, ds, "a", "b"), 1e-14);
  g_assert_cmpfloat (fabs (r_of (m, ds, "a", "b")), <, 0.99);
}

/* Near-constant series with a huge offset: the centred computation keeps
 * r exact where a one-pass formula (Σxy − n·x̄·ȳ) would cancel to noise. */
static void
test_large_offset (void)
{
  static const char * const big_names[] = { "p", "q" };
  static const gint64 big[] = {
    1000000000001, 1000000000002, 1000000000003, 1000000000004, 1000000000005,
    1000000000001, 1000000000003, 1000000000002, 1000000000005, 1000000000004,
  };
  g_autoptr(PmDataset) ds = fixture_dataset (big_names, 2, big, 5);
  g_autoptr(PmCorrMatrix) m = NULL;
  PmCorrOptions options;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  m = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "p", "q"), 0.8, 1e-12);
}

static void
test_with_total (void)
{
  static const char * const t_names[] = { "a", "b", "c", "d", "e" };
  /* TOTAL = 10 21 30 43 50 (+ e's 0s); a follows it, b nearly, c against it. */
  static const gint64 t_values[] = {
    5, 10, 15, 20, 25,
    3, 6, 9, 12, 16,
    1, 4, 2, 8, 3,
    1, 1, 4, 3, 6,
    0, 0, 0, 0, 0,
  };
  g_autoptr(PmDataset) ds = fixture_dataset (t_names, 5, t_values, 5);
  g_autoptr(GArray) above = NULL;
  g_autoptr(GArray) all = NULL;
  double total[5], series[5];
  PmCorrOptions options;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  above = pm_corr_with_total (ds, &options, PM_CORR_DEFAULT_THRESHOLD, NULL, NULL);
  all = pm_corr_with_total (ds, &options, -INFINITY, NULL, NULL);

  pm_dataset_copy_series_double (ds, options.metric, pm_dataset_get_total_tag (ds), 0, 5, total);

  /* Every defined r, strongest first; e (constant) and TOTAL never listed. */
  g_assert_cmpuint (all->len, ==, 4);
  for (guint i = 0; i < all->len; i++)
    {
      PmCorrEntry *e = &g_array_index (all, PmCorrEntry, i);

      pm_dataset_copy_series_double (ds, options.metric, e->tag, 0, 5, series);
      g_assert_cmpfloat_with_epsilon (e->r, pm_corr_pearson (series, total, 5), 1e-14);
      g_assert_cmpuint (e->tag, !=, fixture_tag (ds, "e"));
      if (i > 0)
        g_assert_cmpfloat (e->r, <=, g_array_index (all, PmCorrEntry, i - 1).r);
    }

  for (guint i = 0; i < above->len; i++)
    g_assert_cmpfloat (g_array_index (above, PmCorrEntry, i).r, >, 0.9);
  g_assert_cmpuint (above->len, >=, 2);
  g_assert_cmpuint (above->len, <, all->len);
  g_assert_cmpuint (g_array_index (above, PmCorrEntry, 0).tag, ==, fixture_tag (ds, "a"));
}

static void
test_unavailable_metric (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  PmRowValues row = { .paged_used = 10, .have = PM_ROW_HAVE_PAGED_USED };
  guint s = pm_dataset_builder_add_snapshot (builder, FIXTURE_T0, FIXTURE_T0);
  PmCorrOptions options;

  pm_dataset_builder_add_row (builder, s, "Aa", &row);
  ds = pm_dataset_builder_end (g_steal_pointer (&builder));
  pm_corr_options_init (&options, PM_METRIC_NON_PAGED_DIFF);
  g_assert_null (pm_corr_compute (ds, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pm_corr_with_total (ds, &options, 0.9, NULL, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, fraction);
}

static void
test_progress_cancel (void)
{
  g_autoptr(PmDataset) ds = random_dataset (120, 50, 7);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PmCorrMatrix) m = NULL;
  g_autoptr(GError) error = NULL;
  PmCorrOptions options;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  m = pm_corr_compute (ds, &options, progress_cb, seen, NULL, NULL);
  g_assert_nonnull (m);
  g_assert_cmpuint (seen->len, >=, 2);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);

  g_cancellable_cancel (cancellable);
  g_assert_null (pm_corr_compute (ds, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GMainLoop    *loop;
  PmCorrMatrix *matrix;
  GError       *error;
  gint          destroyed;
} AsyncData;

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;

  data->matrix = pm_corr_compute_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
async_destroy_cb (gpointer user_data)
{
  AsyncData *data = user_data;

  g_atomic_int_set (&data->destroyed, TRUE);
}

static void
test_async (void)
{
  g_autoptr(PmDataset) ds = random_dataset (50, 80, 3);
  g_autoptr(PmCorrMatrix) sync = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncData data = { loop, NULL, NULL, FALSE };
  guint tags[3] = { 4, 2, 9 };
  PmCorrOptions options;
  guint n;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_DIFF);
  options.tags = tags;
  options.n_tags = 3;
  sync = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);

  /* The options are copied: changing them after the call has no effect. */
  pm_corr_compute_async (ds, &options, NULL, &data, async_destroy_cb, NULL, async_done_cb, &data);
  tags[0] = 0;
  g_main_loop_run (loop);
  g_assert_no_error (data.error);
  n = pm_corr_matrix_get_size (data.matrix);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (pm_corr_matrix_get_tag (data.matrix, 0), ==, 4);
  for (guint i = 0; i < n * n; i++)
    {
      double a = pm_corr_matrix_get_data (data.matrix)[i];
      double b = pm_corr_matrix_get_data (sync)[i];

      g_assert_true ((isnan (a) && isnan (b)) || a == b);
    }
  g_clear_pointer (&data.matrix, pm_corr_matrix_unref);
  /* The task data goes with the task's last reference, which the worker
   * thread may hold a moment longer. */
  for (guint i = 0; i < 5000 && !g_atomic_int_get (&data.destroyed); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (g_atomic_int_get (&data.destroyed));

  g_cancellable_cancel (cancelled);
  pm_corr_compute_async (ds, &options, NULL, NULL, NULL, cancelled, async_done_cb, &data);
  g_main_loop_run (loop);
  g_assert_null (data.matrix);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&data.error);
}

/* Through the loader, a counter that wraps (see test-rank.c): Wrap's
 * outstanding allocations 1000 1100 1200 1300 against Down's 400 300 200 100
 * give r = -1; read as the old sampler's int64 PagedDiff (which drops by
 * 2^32 at the wrap) they would not. Flat, and TOTAL (1405 throughout), are
 * constant: undefined. */
static void
test_wrapped_counters (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "analysis", "wrap", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = pm_dataset_load (paths, NULL, &error);
  g_autoptr(PmCorrMatrix) m = NULL;
  PmCorrOptions options;

  g_assert_no_error (error);
  pm_corr_options_init (&options, PM_METRIC_PAGED_DIFF);
  m = pm_corr_compute (ds, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (r_of (m, ds, "Wrap", "Down"), -1.0, 1e-15);
  g_assert_true (isnan (r_of (m, ds, "Wrap", "Flat")));
  g_assert_true (isnan (r_of (m, ds, "Wrap", "TOTAL")));
  assert_properties (m);
}

static void
test_pearson (void)
{
  double x[] = { 1, 2, 3, 4, 5 };
  double w[] = { 1, 3, 2, 5, 4 };
  double c[] = { 7, 7, 7, 7, 7 };

  g_assert_cmpfloat_with_epsilon (pm_corr_pearson (x, w, 5), 0.8, 1e-15);
  g_assert_true (isnan (pm_corr_pearson (x, c, 5)));
  g_assert_true (isnan (pm_corr_pearson (x, w, 1)));
  g_assert_true (isnan (pm_corr_pearson (x, w, 0)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/corr/levels", test_levels);
  g_test_add_func ("/poolstats/corr/increments", test_increments);
  g_test_add_func ("/poolstats/corr/tag-list-and-range", test_tag_list_and_range);
  g_test_add_func ("/poolstats/corr/single-snapshot", test_single_snapshot);
  g_test_add_func ("/poolstats/corr/random-levels", test_random_levels);
  g_test_add_func ("/poolstats/corr/random-increments", test_random_increments);
  g_test_add_func ("/poolstats/corr/invariance", test_invariance);
  g_test_add_func ("/poolstats/corr/large-offset", test_large_offset);
  g_test_add_func ("/poolstats/corr/with-total", test_with_total);
  g_test_add_func ("/poolstats/corr/unavailable-metric", test_unavailable_metric);
  g_test_add_func ("/poolstats/corr/progress-cancel", test_progress_cancel);
  g_test_add_func ("/poolstats/corr/async", test_async);
  g_test_add_func ("/poolstats/corr/wrapped-counters", test_wrapped_counters);
  g_test_add_func ("/poolstats/corr/pearson", test_pearson);

  return g_test_run ();
}
