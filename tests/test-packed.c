/* test-packed.c: the dataset's chunk packing round-trips every int64
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pm-packed-private.h"
#include "poolstats.h"

static guint64 rng = 0x243f6a8885a308d3ULL;

static guint64
next (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* Encodes @n values, checks the chunk, then decodes every sub-run of a few
 * kinds (all, from each start to the end, single values). */
static gsize
round_trip (const gint64 *values,
            guint         n)
{
  g_autofree guint8 *buf = g_malloc0 (_pm_packed_bound (n) + PM_PACKED_PADDING);
  gint64 out[PM_CHUNK];
  gsize size, used = 0;

  size = _pm_packed_encode (values, n, buf);
  g_assert_cmpuint (size, <=, _pm_packed_bound (n));
  g_assert_true (_pm_packed_check (buf, size, n, &used));
  g_assert_cmpuint (used, ==, size);

  _pm_packed_decode (buf, n, 0, n, out);
  g_assert_cmpmem (out, n * sizeof (gint64), values, n * sizeof (gint64));
  for (guint from = 0; from < n; from += 1 + from / 7)
    {
      _pm_packed_decode (buf, n, from, n - from, out);
      g_assert_cmpmem (out, (n - from) * sizeof (gint64), values + from,
                       (n - from) * sizeof (gint64));
      _pm_packed_decode (buf, n, from, 1, out);
      g_assert_cmpint (out[0], ==, values[from]);
    }
  return size;
}

static void
test_kinds (void)
{
  gint64 v[PM_CHUNK];

  /* constant: header only */
  for (guint i = 0; i < PM_CHUNK; i++)
    v[i] = 123456789;
  g_assert_cmpuint (round_trip (v, PM_CHUNK), <=, 8);

  /* a steady leak: constant step, header only */
  for (guint i = 0; i < PM_CHUNK; i++)
    v[i] = 1000 + 48 * (gint64) i;
  g_assert_cmpuint (round_trip (v, PM_CHUNK), <=, 8);

  /* bytes moving in whole allocations of 4,096: the scale takes them out */
  for (guint i = 0; i < PM_CHUNK; i++)
    v[i] = 1 << 20 | (gint64) (4096 * (next () % 8));
  g_assert_cmpuint (round_trip (v, PM_CHUNK), <=, 8 + (PM_CHUNK * 4) / 8 + 8);

  /* the extremes, and every width */
  for (guint w = 0; w <= 64; w++)
    {
      guint64 mask = w == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << w) - 1;

      for (guint i = 0; i < PM_CHUNK; i++)
        v[i] = (gint64) (next () & mask);
      round_trip (v, PM_CHUNK);
      round_trip (v, 1 + w * 7 % PM_CHUNK);
    }
  v[0] = G_MININT64;
  v[1] = G_MAXINT64;
  v[2] = G_MININT64;
  v[3] = 0;
  v[4] = -1;
  round_trip (v, 5);
  round_trip (v, 1);

  /* a 32-bit counter wrapping */
  for (guint i = 0; i < PM_CHUNK; i++)
    v[i] = (gint64) ((G_MAXUINT32 - 100 + 7 * (guint64) i) & G_MAXUINT32);
  round_trip (v, PM_CHUNK);
}

static void
test_check_rejects (void)
{
  guint8 buf[64] = { 0 };
  gsize used;

  buf[0] = 65;
  g_assert_false (_pm_packed_check (buf, sizeof buf, 10, &used));
  buf[0] = 10;
  memset (buf + 1, 0x80, 20);                     /* a varint that never ends */
  g_assert_false (_pm_packed_check (buf, sizeof buf, 10, &used));
  buf[1] = buf[2] = 0;
  buf[3] = 1;                                     /* scale 1, then too few bits */
  g_assert_false (_pm_packed_check (buf, 5, 100, &used));
  g_assert_true (_pm_packed_check (buf, sizeof buf, 10, &used));
  g_assert_cmpuint (used, ==, 4 + (9 * 10 + 7) / 8);
  buf[3] = 0;                                     /* scale 0 with bits */
  g_assert_false (_pm_packed_check (buf, sizeof buf, 10, &used));
}

/* A dataset over several chunks: tags absent in places, files (here
 * snapshots) that lack a column, values of every size. What comes out is
 * what went in, absent cells and missing columns reading 0. */
static void
test_dataset (void)
{
  const guint n_snapshots = 3 * PM_CHUNK + 77, n_tags = 5;
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmDataset) dataset = NULL;
  g_autofree gint64 *want = g_new0 (gint64, (gsize) n_tags * n_snapshots * 2);
  g_autofree gint64 *got = g_new (gint64, n_snapshots);
  g_autofree double *got_double = g_new (double, n_snapshots);

  for (guint s = 0; s < n_snapshots; s++)
    {
      guint snap = pm_dataset_builder_add_snapshot (builder, 1600000000 + 60 * (gint64) s,
                                                    1600000000 + 60 * (gint64) s);

      for (guint t = 0; t < n_tags; t++)
        {
          char tag[5] = { 'T', 'a', 'g', (char) ('0' + t), 0 };
          PmRowValues v = { 0 };

          if (t == 1 && s % 7 == 3)
            continue;                               /* absent now and then */
          if (t == 2 && (s < 100 || s > 1000))
            continue;                               /* late, and gone */
          v.have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_PAGED_USED;
          v.paged_diff = (guint32) (t == 3 ? next () : 1000 + s * t);
          v.paged_used = t == 4 ? (gint64) next () : (gint64) (v.paged_diff * 64);
          if (s % 5 == 0)
            v.have &= ~PM_ROW_HAVE_PAGED_USED;      /* a file without the column */
          pm_dataset_builder_add_row (builder, snap, tag, &v);
          want[((gsize) t * n_snapshots + s) * 2] = v.paged_diff;
          want[((gsize) t * n_snapshots + s) * 2 + 1] =
            (v.have & PM_ROW_HAVE_PAGED_USED) ? v.paged_used : 0;
        }
    }
  dataset = pm_dataset_builder_end (g_steal_pointer (&builder));
  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, n_snapshots);

  for (guint t = 0; t < n_tags; t++)
    for (guint m = 0; m < 2; m++)
      {
        PmMetric metric = m == 0 ? PM_METRIC_PAGED_DIFF : PM_METRIC_PAGED_USED_BYTES;

        pm_dataset_copy_series (dataset, metric, t, 0, n_snapshots, got);
        pm_dataset_copy_series_double (dataset, metric, t, 0, n_snapshots, got_double);
        for (guint s = 0; s < n_snapshots; s++)
          {
            gint64 w = want[((gsize) t * n_snapshots + s) * 2 + m];

            g_assert_cmpint (got[s], ==, w);
            g_assert_cmpfloat (got_double[s], ==, (double) w);
          }
        /* Runs that start and end inside chunks. */
        for (guint first = 0; first < n_snapshots; first += 97)
          {
            guint n = MIN (n_snapshots - first, 600);

            pm_dataset_copy_series (dataset, metric, t, first, n, got);
            for (guint s = 0; s < n; s++)
              g_assert_cmpint (got[s], ==, want[((gsize) t * n_snapshots + first + s) * 2 + m]);
            g_assert_cmpint (pm_dataset_get_value (dataset, metric, t, first), ==,
                             want[((gsize) t * n_snapshots + first) * 2 + m]);
          }
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/poolstats/packed/kinds", test_kinds);
  g_test_add_func ("/poolstats/packed/check-rejects", test_check_rejects);
  g_test_add_func ("/poolstats/packed/dataset", test_dataset);
  return g_test_run ();
}
