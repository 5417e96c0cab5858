/* test-tag-row.c: one row of the tag table, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PmTagRow is the tag table's list item (a GObject of the GTK viewer, but
 * no widget): what the search box matches it against, and the new figures
 * a followed snapshot sets on it in place. No display is needed.
 */
#include <math.h>
#include <string.h>

#include "pm-tag-row.h"
#include "test-analysis-common.h"

static void
add_tag (PmDatasetBuilder *builder,
         guint             snapshot,
         const char       *name)
{
  PmRowValues row = { .paged_used = 100, .have = PM_ROW_HAVE_PAGED_USED };

  pm_dataset_builder_add_row (builder, snapshot, name, &row);
}

/* One snapshot of two tags, one of them with a driver and a description. */
static PmDataset *
make_dataset (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  guint snapshot = pm_dataset_builder_add_snapshot (builder, 1626171300, 1626171300);

  add_tag (builder, snapshot, "Big ");
  add_tag (builder, snapshot, "Grow");
  pm_dataset_builder_set_tag_info (builder, "Grow", "grow.sys", "A driver that leaks");

  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

static void
test_search (void)
{
  g_autoptr(PmDataset) dataset = make_dataset ();
  g_autoptr(PmTagRow) grow = pm_tag_row_new (dataset, fixture_tag (dataset, "Grow"), NULL);
  g_autoptr(PmTagRow) big = pm_tag_row_new (dataset, fixture_tag (dataset, "Big "), NULL);
  g_autofree char *folded = g_utf8_casefold ("LEAKS", -1);

  /* Substrings of tag, binary and description, ignoring case. */
  g_assert_true (pm_tag_row_matches (grow, "gro", FALSE));
  g_assert_true (pm_tag_row_matches (grow, "grow.sys", FALSE));
  g_assert_true (pm_tag_row_matches (grow, folded, FALSE));
  g_assert_false (pm_tag_row_matches (big, folded, FALSE));

  /* Wildcards on the tag, case sensitive as tags are. */
  g_assert_true (pm_tag_row_matches (grow, "Gr*", TRUE));
  g_assert_true (pm_tag_row_matches (grow, "G?ow", TRUE));
  g_assert_false (pm_tag_row_matches (grow, "gr*", TRUE));
  g_assert_true (pm_tag_row_matches (big, "Bi?", TRUE));
  g_assert_false (pm_tag_row_matches (big, "Gr*", TRUE));
}

static void
count_notify_cb (GObject    *row,
                 GParamSpec *pspec,
                 GString    *said)
{
  g_string_append_printf (said, "%s ", pspec->name);
}

/* A followed snapshot's figures set in place notify what a figure cell
 * would show otherwise, and only that. */
static void
test_set_stats (void)
{
  g_autoptr(PmDataset) dataset = make_dataset ();
  guint tag = fixture_tag (dataset, "Grow");
  PmTagStats stats = { .tag = tag, .n_present = 1, .first_snapshot = 0, .last_snapshot = 0,
                       .peak = 100, .mean = 100, .n_nonzero = 1, .first_nonzero = 100,
                       .last_nonzero = 100, .increase_abs = 0, .increase_pct = NAN };
  g_autoptr(PmTagRow) row = pm_tag_row_new (dataset, tag, &stats);
  g_autoptr(GString) said = g_string_new (NULL);
  double peak;

  g_signal_connect (row, "notify", G_CALLBACK (count_notify_cb), said);

  /* The same figures (NAN included): nothing changes. */
  g_assert_false (pm_tag_row_set_stats (row, &stats));
  g_assert_cmpstr (said->str, ==, "");

  /* A later snapshot the same: only where it ends. */
  stats.last_snapshot = 1;
  stats.n_present = 2;
  g_assert_true (pm_tag_row_set_stats (row, &stats));
  g_assert_cmpstr (said->str, ==, "");

  /* The tag grew: peak, mean, the increases. */
  stats.last_snapshot = 2;
  stats.n_present = 3;
  stats.peak = 160;
  stats.mean = 120;
  stats.last_nonzero = 160;
  stats.increase_abs = 60;
  stats.increase_pct = 60;
  g_assert_true (pm_tag_row_set_stats (row, &stats));
  /* (In whatever order the thaw of notifies gives them.) */
  g_assert_nonnull (strstr (said->str, "peak "));
  g_assert_nonnull (strstr (said->str, "mean "));
  g_assert_nonnull (strstr (said->str, "increase-pct "));
  g_assert_nonnull (strstr (said->str, "increase-abs "));
  g_assert_cmpuint (said->len, ==, strlen ("peak mean increase-pct increase-abs "));
  g_assert_cmpint (pm_tag_row_get_stats (row)->peak, ==, 160);
  g_assert_cmpuint (pm_tag_row_get_stats (row)->tag, ==, tag);
  g_object_get (row, "peak", &peak, NULL);
  g_assert_cmpfloat (peak, ==, 160);

  /* Only the mean moved. */
  g_string_truncate (said, 0);
  stats.last_snapshot = 3;
  stats.n_present = 4;
  stats.mean = 130;
  g_assert_true (pm_tag_row_set_stats (row, &stats));
  g_assert_cmpstr (said->str, ==, "mean ");

  /* TOTAL's row takes its new index after new tags. */
  pm_tag_row_set_tag (row, 7);
  g_assert_cmpuint (pm_tag_row_get_tag (row), ==, 7);
  g_assert_cmpuint (pm_tag_row_get_stats (row)->tag, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/tag-row/search", test_search);
  g_test_add_func ("/poolstats/tag-row/set-stats", test_set_stats);

  return g_test_run ();
}
