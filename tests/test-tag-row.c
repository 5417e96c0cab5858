/* test-tag-row.c: one row of the tag table, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PmTagRow is the tag table's list item (a GObject of the GTK viewer, but
 * no widget): what the search box matches it against. No display is needed.
 */
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/tag-row/search", test_search);

  return g_test_run ();
}
