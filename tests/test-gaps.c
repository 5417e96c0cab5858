/* test-gaps.c: the holes in a series of snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "poolstats.h"

#define T0 1626171300 /* 2021-07-13 10:15:00 UTC */

/* One tag at the given UTC offsets from T0; the local clock runs an hour
 * ahead and jumps back an hour halfway (daylight saving time ends), which
 * must not count. */
static PmDataset *
make_dataset (const gint64 *offsets,
              guint         n)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      gint64 local = T0 + offsets[i] + (i < n / 2 ? 3600 : 0);
      guint snap = pm_dataset_builder_add_snapshot (builder, T0 + offsets[i], local);
      PmRowValues row = { 0 };

      row.paged_used = 100 + i;
      row.have = PM_ROW_HAVE_PAGED_USED;
      pm_dataset_builder_add_row (builder, snap, "Tag1", &row);
    }

  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

static void
test_gaps (void)
{
  /* Every minute, one step of exactly three minutes (not a gap: longer
   * than three median intervals is), then one of ten and one of a day. */
  static const gint64 offsets[] = { 0, 60, 120, 180, 360, 420, 1020, 1080, 1140, 87540, 87600 };
  g_autoptr(PmDataset) dataset = make_dataset (offsets, G_N_ELEMENTS (offsets));
  g_autoptr(GArray) gaps = pm_dataset_get_gaps (dataset);

  g_assert_cmpint (pm_dataset_get_median_interval (dataset), ==, 60);
  g_assert_cmpuint (gaps->len, ==, 2);
  g_assert_cmpuint (g_array_index (gaps, guint, 0), ==, 6);
  g_assert_cmpuint (g_array_index (gaps, guint, 1), ==, 9);
}

static void
test_regular (void)
{
  static const gint64 offsets[] = { 0, 60, 120, 180, 240 };
  g_autoptr(PmDataset) dataset = make_dataset (offsets, G_N_ELEMENTS (offsets));
  g_autoptr(GArray) gaps = pm_dataset_get_gaps (dataset);

  g_assert_cmpint (pm_dataset_get_median_interval (dataset), ==, 60);
  g_assert_cmpuint (gaps->len, ==, 0);
}

/* With fewer than two snapshots there is no interval, so no gap. */
static void
test_too_few (void)
{
  static const gint64 offsets[] = { 0 };

  for (guint n = 0; n <= 1; n++)
    {
      g_autoptr(PmDataset) dataset = make_dataset (offsets, n);
      g_autoptr(GArray) gaps = pm_dataset_get_gaps (dataset);

      g_assert_cmpint (pm_dataset_get_median_interval (dataset), ==, 0);
      g_assert_cmpuint (gaps->len, ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/gaps/gaps", test_gaps);
  g_test_add_func ("/poolstats/gaps/regular", test_regular);
  g_test_add_func ("/poolstats/gaps/too-few", test_too_few);

  return g_test_run ();
}
