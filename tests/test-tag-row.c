/* test-tag-row.c: one row of the tag table, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PmTagRow is the tag table's list item (a GObject of the GTK viewer, but
 * no widget): what the search box matches it against. No display is needed.
 */
#include "poolstats.h"
#include "pm-tag-row.h"

/* Two tags, one of them with a driver and a description. */
static PmDataset *
make_dataset (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  const char *names[] = { "Big ", "Grow" };
  guint snap = pm_dataset_builder_add_snapshot (builder, 1626171300, 1626171300);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      PmRowValues row = { 0 };

      row.paged_used = 10 * (i + 1);
      row.have = PM_ROW_HAVE_PAGED_USED;
      pm_dataset_builder_add_row (builder, snap, names[i], &row);
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

static void
test_search (void)
{
  g_autoptr(PmDataset) dataset = make_dataset ();
  g_autoptr(PmTagRow) grow = pm_tag_row_new (dataset, tag_of (dataset, "Grow"), NULL);
  g_autoptr(PmTagRow) big = pm_tag_row_new (dataset, tag_of (dataset, "Big "), NULL);
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
