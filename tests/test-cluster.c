/* test-cluster.c: the clustered order puts tags that move together side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "test-analysis-common.h"

#define N_TAGS 40
#define N_SNAPSHOTS 120

/* Two planted groups, scattered over the tag names, each following its own
 * hidden signal plus a little noise; every other tag is independent noise. */
static const guint group_a[] = { 3, 9, 14, 22, 31, 37 };
static const guint group_b[] = { 1, 17, 26, 39 };

static gboolean
in_group (const guint *group,
          guint        n,
          guint        tag)
{
  for (guint i = 0; i < n; i++)
    if (group[i] == tag)
      return TRUE;
  return FALSE;
}

static PmDataset *
planted_dataset (guint64 seed)
{
  g_autofree const char **tag_names = g_new0 (const char *, N_TAGS);
  g_autofree gint64 *v = g_new (gint64, N_TAGS * N_SNAPSHOTS);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  double signal_a[N_SNAPSHOTS], signal_b[N_SNAPSHOTS];
  guint64 state = seed;

  for (guint s = 0; s < N_SNAPSHOTS; s++)
    {
      signal_a[s] = 10000 * fixture_uniform (&state);
      signal_b[s] = 10000 * fixture_uniform (&state);
    }

  for (guint i = 0; i < N_TAGS; i++)
    {
      tag_names[i] = g_strdup_printf ("K%03u", i);
      g_ptr_array_add (owned, (char *) tag_names[i]);
      for (guint s = 0; s < N_SNAPSHOTS; s++)
        {
          double noise = 10000 * fixture_uniform (&state);
          double x;

          if (in_group (group_a, G_N_ELEMENTS (group_a), i))
            x = (i + 1) * signal_a[s] + 0.2 * noise;
          else if (in_group (group_b, G_N_ELEMENTS (group_b), i))
            x = 5e5 - signal_b[s] + 0.2 * noise;
          else
            x = noise;
          v[i * N_SNAPSHOTS + s] = (gint64) (1e6 + x);
        }
    }

  return fixture_dataset (tag_names, N_TAGS, v, N_SNAPSHOTS);
}

/* The positions of a group's rows in @order form one run. */
static void
assert_contiguous (PmCorrMatrix *m,
                   const guint  *order,
                   const guint  *group,
                   guint         n_group)
{
  guint n = pm_corr_matrix_get_size (m);
  guint lo = G_MAXUINT, hi = 0, count = 0;

  for (guint pos = 0; pos < n; pos++)
    if (in_group (group, n_group, pm_corr_matrix_get_tag (m, order[pos])))
      {
        lo = MIN (lo, pos);
        hi = pos;
        count++;
      }

  g_assert_cmpuint (count, ==, n_group);
  g_assert_cmpuint (hi - lo + 1, ==, n_group);
}

static void
assert_permutation (const guint *order,
                    guint        n)
{
  g_autofree guint8 *seen = g_new0 (guint8, n);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (order[i], <, n);
      g_assert_false (seen[order[i]]);
      seen[order[i]] = TRUE;
    }
}

static void
test_planted (void)
{
  for (guint64 seed = 1; seed <= 5; seed++)
    {
      g_autoptr(PmDataset) ds = planted_dataset (seed);
      g_autoptr(PmCorrMatrix) m = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree guint *order = NULL;
      g_autofree guint *tags = g_new (guint, N_TAGS);
      PmCorrOptions options;
      guint n_scattered = 0;

      /* The tags alone, in name order, so the groups start scattered. */
      for (guint i = 0; i < N_TAGS; i++)
        tags[i] = i;
      pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
      options.tags = tags;
      options.n_tags = N_TAGS;
      m = pm_corr_compute (ds, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      order = pm_cluster_order (m, NULL, &error);
      g_assert_no_error (error);
      assert_permutation (order, N_TAGS);
      assert_contiguous (m, order, group_a, G_N_ELEMENTS (group_a));
      assert_contiguous (m, order, group_b, G_N_ELEMENTS (group_b));

      /* Not contiguous to begin with, so the order did the work. */
      for (guint i = 1; i < G_N_ELEMENTS (group_a); i++)
        n_scattered += group_a[i] != group_a[i - 1] + 1;
      g_assert_cmpuint (n_scattered, >, 0);
    }
}

/* Every tag included, TOTAL and an undefined (constant) row among them. */
static void
test_with_undefined (void)
{
  static const char * const names[] = { "a", "b", "c", "d" };
  static const gint64 values[] = {
    1, 2, 3, 4, 5, 6,
    2, 4, 6, 8, 10, 13,
    9, 9, 9, 9, 9, 9,
    6, 5, 4, 3, 2, 1,
  };
  g_autoptr(PmDataset) ds = fixture_dataset (names, 4, values, 6);
  g_autoptr(PmCorrMatrix) m = NULL;
  g_autofree guint *order = NULL;
  PmCorrOptions options;
  static const guint pair[] = { 0, 1 };

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  m = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  order = pm_cluster_order (m, NULL, NULL);
  assert_permutation (order, pm_corr_matrix_get_size (m));
  assert_contiguous (m, order, pair, 2);
}

static void
test_small_and_cancel (void)
{
  static const char * const names[] = { "a" };
  static const gint64 values[] = { 1, 2 };
  g_autoptr(PmDataset) one = fixture_dataset (names, 1, values, 2);
  g_autoptr(PmDataset) ds = planted_dataset (9);
  g_autoptr(PmCorrMatrix) m1 = NULL;
  g_autoptr(PmCorrMatrix) m = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree guint *order1 = NULL;
  g_autofree guint *order = NULL;
  guint tag = 0;
  PmCorrOptions options;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  options.tags = &tag;
  options.n_tags = 1;
  m1 = pm_corr_compute (one, &options, NULL, NULL, NULL, NULL);
  order1 = pm_cluster_order (m1, NULL, NULL);
  g_assert_cmpuint (order1[0], ==, 0);

  options.tags = NULL;
  m = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  g_cancellable_cancel (cancellable);
  order = pm_cluster_order (m, cancellable, &error);
  g_assert_null (order);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The textbook O(n³) average linkage: merge the closest pair of clusters,
 * the lower slot keeping the merged cluster and coming first. */
static guint *
naive_order (PmCorrMatrix *m)
{
  guint n = pm_corr_matrix_get_size (m);
  g_autofree double *d = g_new (double, n * n);
  g_autofree GPtrArray **members = g_new0 (GPtrArray *, n);
  guint *order;

  for (guint i = 0; i < n; i++)
    {
      members[i] = g_ptr_array_new ();
      g_ptr_array_add (members[i], GUINT_TO_POINTER (i));
      for (guint j = 0; j < n; j++)
        {
          double r = pm_corr_matrix_get (m, i, j);
          d[i * n + j] = isnan (r) ? 1.0 : 1.0 - r;
        }
    }

  for (guint step = 0; step + 1 < n; step++)
    {
      guint bi = 0, bj = 0;
      double best = INFINITY;

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n && members[i] != NULL; j++)
          if (members[j] != NULL)
            {
              /* The mean distance over all pairs of members. */
              double sum = 0;

              for (guint p = 0; p < members[i]->len; p++)
                for (guint q = 0; q < members[j]->len; q++)
                  sum += d[GPOINTER_TO_UINT (members[i]->pdata[p]) * n +
                           GPOINTER_TO_UINT (members[j]->pdata[q])];
              sum /= members[i]->len * members[j]->len;
              if (sum < best)
                {
                  best = sum;
                  bi = i;
                  bj = j;
                }
            }

      for (guint q = 0; q < members[bj]->len; q++)
        g_ptr_array_add (members[bi], members[bj]->pdata[q]);
      g_clear_pointer (&members[bj], g_ptr_array_unref);
    }

  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = GPOINTER_TO_UINT (members[0]->pdata[i]);
  g_ptr_array_unref (members[0]);
  return order;
}

/* The nearest-neighbour chain finds the same tree, hence the same order, as
 * the textbook loop (random data: no ties). */
static void
test_against_naive (void)
{
  for (guint64 seed = 11; seed <= 14; seed++)
    {
      g_autoptr(PmDataset) ds = planted_dataset (seed);
      g_autoptr(PmCorrMatrix) m = NULL;
      g_autofree guint *fast = NULL;
      g_autofree guint *slow = NULL;
      PmCorrOptions options;

      pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
      m = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
      fast = pm_cluster_order (m, NULL, NULL);
      slow = naive_order (m);
      for (guint i = 0; i < pm_corr_matrix_get_size (m); i++)
        g_assert_cmpuint (fast[i], ==, slow[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/cluster/planted", test_planted);
  g_test_add_func ("/poolstats/cluster/with-undefined", test_with_undefined);
  g_test_add_func ("/poolstats/cluster/against-naive", test_against_naive);
  g_test_add_func ("/poolstats/cluster/small-and-cancel", test_small_and_cancel);

  return g_test_run ();
}
