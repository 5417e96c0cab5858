/* test-pooltag-index.c: the pooltag.txt lookup rule, for the sampler and
 * libpoolstats alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "pm-pooltag-index.h"

/* One index per case: its entries in file order, then tags and the entry
 * number each must get (-1: none). */
typedef struct
{
  const char *name;
  const char *entries[8];
  struct { const char *tag; long entry; } lookups[8];
} Case;

static const Case cases[] = {
  { "exact-beats-an-earlier-wildcard",
    { "Afd?", "AfdB" },
    { { "AfdB", 1 }, { "AfdX", 0 }, { "Afd", -1 } } },
  { "exact-beats-a-later-wildcard",
    { "AfdB", "Afd?" },
    { { "AfdB", 0 }, { "AfdQ", 1 } } },
  { "first-wildcard-wins",
    { "Cc*", "C?As", "CcAs*" },
    { { "CcAs", 0 }, { "CxAs", 1 }, { "CcZz", 0 }, { "DcAs", -1 } } },
  { "first-exact-wins",
    { "Mm", "Mm", "Mm  " },
    { { "Mm  ", 0 }, { "Mm", 0 } } },
  { "trailing-blanks-do-not-count",
    { "Io", "Fs? " },
    { { "Io  ", 0 }, { "Io", 0 }, { "Io\t", 0 }, { "Fsx ", 1 }, { "Fs  ", -1 }, { " Io ", -1 } } },
  { "case-and-bytes-count",
    { "AfdB", "Ab\xC3\xA9" },
    { { "afdb", -1 }, { "AFDB", -1 }, { "Ab\xC3\xA9", 1 }, { "Abe ", -1 } } },
  { "longer-exact-entries",
    { "LongerTag", "Long*" },
    { { "LongerTag", 0 }, { "LongerTag  ", 0 }, { "Long", 1 }, { "LongerTags", 1 } } },
  { "no-entries",
    { NULL },
    { { "Io  ", -1 }, { "", -1 } } },
};

static void
run_case (gconstpointer data)
{
  const Case *c = data;

  /* The sampler's index keeps its answers, libpoolstats' does not: both
   * answer alike, also when asked twice. */
  for (int cache = 0; cache <= 1; cache++)
    {
      PmPooltagIndex *index = pm_pooltag_index_new (cache);
      size_t n = 0;

      g_assert_nonnull (index);
      for (; n < G_N_ELEMENTS (c->entries) && c->entries[n] != NULL; n++)
        g_assert_cmpint (pm_pooltag_index_add (index, c->entries[n], strlen (c->entries[n])),
                         ==, (long) n);
      g_assert_cmpuint (pm_pooltag_index_get_n_entries (index), ==, n);

      for (int round = 0; round < 2; round++)
        for (guint i = 0; i < G_N_ELEMENTS (c->lookups) && c->lookups[i].tag != NULL; i++)
          {
            const char *tag = c->lookups[i].tag;

            g_test_message ("cache=%d tag '%s'", cache, tag);
            g_assert_cmpint (pm_pooltag_index_lookup (index, tag, strlen (tag)), ==,
                             c->lookups[i].entry);
          }
      pm_pooltag_index_free (index);
    }
}

/* An answer kept from before an entry was added is not given after it. */
static void
test_add_after_lookup (void)
{
  PmPooltagIndex *index = pm_pooltag_index_new (1);

  pm_pooltag_index_add (index, "Afd?", 4);
  g_assert_cmpint (pm_pooltag_index_lookup (index, "AfdB", 4), ==, 0);
  g_assert_cmpint (pm_pooltag_index_lookup (index, "Nope", 4), ==, -1);
  pm_pooltag_index_add (index, "AfdB", 4);
  pm_pooltag_index_add (index, "No*", 3);
  g_assert_cmpint (pm_pooltag_index_lookup (index, "AfdB", 4), ==, 1);
  g_assert_cmpint (pm_pooltag_index_lookup (index, "Nope", 4), ==, 2);
  pm_pooltag_index_free (index);
}

/* Thousands of entries and distinct tags: the tables grow and still find
 * every one, and the answers of unlisted tags come from the wildcard. */
static void
test_many (void)
{
  PmPooltagIndex *index = pm_pooltag_index_new (1);
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);

  pm_pooltag_index_add (index, "Z*", 2);
  for (guint i = 0; i < 5000; i++)
    {
      char *tag = g_strdup_printf ("%c%03u", 'A' + (i / 1000), i % 1000);

      g_ptr_array_add (tags, tag);
      g_assert_cmpint (pm_pooltag_index_add (index, tag, 4), ==, (long) i + 1);
    }
  for (guint i = 0; i < tags->len; i++)
    g_assert_cmpint (pm_pooltag_index_lookup (index, tags->pdata[i], 4), ==, (long) i + 1);
  for (guint i = 0; i < 3000; i++)
    {
      char tag[5];

      g_snprintf (tag, sizeof tag, "Z%03u", i % 1000);
      g_assert_cmpint (pm_pooltag_index_lookup (index, tag, 4), ==, 0);
    }
  pm_pooltag_index_free (index);
  g_ptr_array_unref (tags);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/poolstats/pooltag-index/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], run_case);
    }
  g_test_add_func ("/poolstats/pooltag-index/add-after-lookup", test_add_after_lookup);
  g_test_add_func ("/poolstats/pooltag-index/many", test_many);

  return g_test_run ();
}
