/* test-tag-table-append.c: a tag table carried on over appended snapshots equals one made in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A followed folder's datasets are made here as the follower makes them
 * (_pm_follow_append(), pm-follower-append.c: shared windows and frame,
 * new tags placed in name order), from generated rows: tags absent now and
 * then, zero runs, tags that start mid-run (also between existing names),
 * a reboot (every counter starts again), 32-bit Diff counters that wrap,
 * byte counts near 2^62 whose sums pass 2^63, negative bytes (bad input the
 * loader keeps). After every batch, for every metric, the table carried on
 * by pm_tag_table_new_appended() from the previous carried-on table must
 * equal pm_tag_table_new() over the whole dataset in every field, the
 * doubles to the bit.
 */
#include <math.h>
#include <string.h>

#include "poolstats.h"
#include "pm-dataset-private.h"
#include "pm-follower-private.h"

#define START 1700000000

typedef struct
{
  GRand   *rand;
  guint    n_tags;          /* tags that have appeared so far */
  char   **names;
  guint32  allocs[64];
  guint32  diff[64];
  gint64   used[64];
  guint    snapshot;
} Gen;

static const char * const tag_names[] = {
  "Aaaa", "Bbbb", "Cccc", "Dddd", "Eeee", "Ffff", "Gggg", "Hhhh", "Mm  ", "Io  ",
  "Wrap", "Huge", "Zero", "Neg ", "Rare", "Step",
  /* Those below start mid-run, some between the names above. */
  "Bzzz", "Aaab", "Zzzz", "Cc  ", "Late", "Mmm?",
};
#define N_FIRST_TAGS 16

/* One snapshot of every tag that has appeared, into @builder. */
static void
gen_snapshot (Gen              *gen,
              PmDatasetBuilder *builder,
              gboolean          follower_part)
{
  gint64 utc = START + (gint64) gen->snapshot * 60;
  guint handle = pm_dataset_builder_add_snapshot (builder, utc, utc - 7 * 3600);
  gboolean reboot = gen->snapshot == 700;

  if (follower_part)
    {
      /* The follower takes the parts of files it read; these stand for them. */
      PmPart *part = g_ptr_array_index (builder->parts, handle);

      part->is_input_file = TRUE;
    }
  /* New tags now and then. */
  if (gen->n_tags < G_N_ELEMENTS (tag_names) && gen->snapshot > 0 &&
      g_rand_int_range (gen->rand, 0, 90) == 0)
    gen->n_tags++;

  for (guint t = 0; t < gen->n_tags; t++)
    {
      const char *name = tag_names[t];
      PmRowValues row = { 0 };

      if (reboot)
        {
          gen->allocs[t] = 0;
          gen->diff[t] = 0;
          gen->used[t] = 0;
        }
      /* Absent now and then; "Rare" mostly. */
      if (g_rand_int_range (gen->rand, 0, strcmp (name, "Rare") == 0 ? 3 : 25) == 0)
        continue;
      gen->allocs[t] += 1000 + g_rand_int_range (gen->rand, 0, 500);
      if (strcmp (name, "Wrap") == 0)
        gen->diff[t] += 0x20000000u + g_rand_int_range (gen->rand, 0, 1000); /* wraps */
      else if (strcmp (name, "Zero") == 0)
        gen->diff[t] = g_rand_int_range (gen->rand, 0, 4) == 0 ? 0 : g_rand_int_range (gen->rand, 0, 3);
      else
        gen->diff[t] += g_rand_int_range (gen->rand, -40, 60);
      if (strcmp (name, "Huge") == 0)
        gen->used[t] = (G_GINT64_CONSTANT (1) << 62) + g_rand_int_range (gen->rand, 0, 1 << 30);
      else if (strcmp (name, "Neg ") == 0)
        gen->used[t] = -(gint64) g_rand_int_range (gen->rand, 0, 100000);
      else if (strcmp (name, "Zero") == 0)
        gen->used[t] = g_rand_int_range (gen->rand, 0, 3) == 0 ? 0 : 4096;
      else if (strcmp (name, "Step") == 0)
        gen->used[t] = gen->snapshot < 300 ? 0 : gen->snapshot < 900 ? 1 << 20 : 7;
      else
        gen->used[t] = MAX (0, gen->used[t] + g_rand_int_range (gen->rand, -5000, 9000));
      row.have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF | PM_ROW_HAVE_PAGED_USED |
                 PM_ROW_HAVE_NON_PAGED_USED | PM_ROW_HAVE_ALLOCS;
      row.allocs = gen->allocs[t];
      row.paged_diff = gen->diff[t];
      row.non_paged_diff = gen->diff[t] / 3 + (t & 1);
      row.paged_used = gen->used[t];
      row.non_paged_used = gen->used[t] / 2 + 8 * t;
      pm_dataset_builder_add_row (builder, handle, name, &row);
    }
  gen->snapshot++;
}

static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* Every field of every tag, by name. */
static void
assert_tables_equal (PmTagTable *got,
                     PmTagTable *want)
{
  PmDataset *dataset = pm_tag_table_get_dataset (want);
  guint first, n, got_first, got_n;

  g_assert_true (pm_tag_table_get_dataset (got) == dataset);
  g_assert_cmpint (pm_tag_table_get_metric (got), ==, pm_tag_table_get_metric (want));
  pm_tag_table_get_range (want, &first, &n);
  pm_tag_table_get_range (got, &got_first, &got_n);
  g_assert_cmpuint (got_first, ==, first);
  g_assert_cmpuint (got_n, ==, n);
  g_assert_cmpuint (pm_tag_table_get_n_tags (got), ==, pm_tag_table_get_n_tags (want));

  for (guint t = 0; t <= pm_tag_table_get_n_tags (want); t++)
    {
      const PmTagStats *a = pm_tag_table_get_stats (got, t);
      const PmTagStats *b = pm_tag_table_get_stats (want, t);

      g_assert_cmpuint (a->tag, ==, b->tag);
      g_assert_cmpuint (a->n_present, ==, b->n_present);
      g_assert_cmpuint (a->first_snapshot, ==, b->first_snapshot);
      g_assert_cmpuint (a->last_snapshot, ==, b->last_snapshot);
      g_assert_cmpint (a->peak, ==, b->peak);
      g_assert_cmpuint (a->n_nonzero, ==, b->n_nonzero);
      g_assert_cmpint (a->first_nonzero, ==, b->first_nonzero);
      g_assert_cmpint (a->last_nonzero, ==, b->last_nonzero);
      g_assert_cmpint (a->increase_abs, ==, b->increase_abs);
      if (!same_double (a->mean, b->mean) || !same_double (a->increase_pct, b->increase_pct))
        g_error ("tag %s: mean %.17g / %.17g, increase %.17g %% / %.17g %%",
                 t < pm_tag_table_get_n_tags (want) ? pm_dataset_get_tag_name (dataset, t) : "TOTAL",
                 a->mean, b->mean, a->increase_pct, b->increase_pct);
    }
}

/* Batches of 1 to 40 snapshots (and one of 600, past a whole window)
 * appended as the follower does, to 1,800 snapshots. */
static void
test_appended_equals_full (void)
{
  Gen gen = { g_rand_new_with_seed (11), N_FIRST_TAGS };
  PmDatasetBuilder *first = pm_dataset_builder_new ();          /* pm_dataset_builder_end() frees it */
  g_autoptr(PmDataset) dataset = NULL;
  PmFollowTail *tail = _pm_follow_tail_new ();
  PmTagTable *tables[PM_N_METRICS];
  guint n_batches = 0, n_tags_before = 0, grew_tags = 0;

  for (guint s = 0; s < 30; s++)
    gen_snapshot (&gen, first, FALSE);
  dataset = pm_dataset_builder_end (first);
  for (guint m = 0; m < PM_N_METRICS; m++)
    {
      g_autoptr(GError) error = NULL;

      tables[m] = pm_tag_table_new (dataset, m, 0, G_MAXUINT, &error);
      g_assert_no_error (error);
    }

  while (gen.snapshot < 1800)
    {
      g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
      guint batch = n_batches == 20 ? 600 : (guint) g_rand_int_range (gen.rand, 1, 41);
      PmDataset *next;

      for (guint s = 0; s < batch; s++)
        gen_snapshot (&gen, builder, TRUE);
      n_tags_before = pm_dataset_get_n_tags (dataset);
      next = _pm_follow_append (tail, dataset, builder);
      g_assert_nonnull (next);
      grew_tags += pm_dataset_get_n_tags (next) > n_tags_before;
      g_object_unref (dataset);
      dataset = next;
      n_batches++;

      for (guint m = 0; m < PM_N_METRICS; m++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PmTagTable) full = pm_tag_table_new (dataset, m, 0, G_MAXUINT, &error);
          PmTagTable *carried;

          g_assert_no_error (error);
          carried = pm_tag_table_new_appended (tables[m], dataset, &error);
          g_assert_no_error (error);
          assert_tables_equal (carried, full);
          pm_tag_table_unref (tables[m]);
          tables[m] = carried;
        }
    }

  /* What the run was meant to hold did happen. */
  g_assert_cmpuint (grew_tags, >=, 3);
  g_assert_cmpuint (pm_dataset_get_n_tags (dataset), >, N_FIRST_TAGS);
  {
    guint n_boots = 0;

    pm_dataset_get_boots (dataset, &n_boots);
    g_assert_cmpuint (n_boots, >=, 1);
  }
  for (guint m = 0; m < PM_N_METRICS; m++)
    pm_tag_table_unref (tables[m]);
  _pm_follow_tail_free (tail);
  g_rand_free (gen.rand);
}

/* A table of a part of the range, or a dataset that does not begin with
 * the table's: computed in full, so still equal. */
static void
test_fallbacks (void)
{
  Gen gen = { g_rand_new_with_seed (5), N_FIRST_TAGS };
  PmDatasetBuilder *b1 = pm_dataset_builder_new ();
  PmDatasetBuilder *b2 = pm_dataset_builder_new ();
  g_autoptr(PmDataset) small = NULL;
  g_autoptr(PmDataset) other = NULL;
  g_autoptr(PmTagTable) part = NULL;
  g_autoptr(PmTagTable) whole = NULL;
  g_autoptr(PmTagTable) got = NULL;
  g_autoptr(PmTagTable) want = NULL;
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < 40; s++)
    gen_snapshot (&gen, b1, FALSE);
  small = pm_dataset_builder_end (b1);
  /* Other times: a minute later throughout. */
  gen.snapshot = 1;
  for (guint s = 0; s < 60; s++)
    gen_snapshot (&gen, b2, FALSE);
  other = pm_dataset_builder_end (b2);

  part = pm_tag_table_new (small, PM_METRIC_TOTAL_DIFF, 5, 20, NULL);
  got = pm_tag_table_new_appended (part, small, &error);
  g_assert_no_error (error);
  want = pm_tag_table_new (small, PM_METRIC_TOTAL_DIFF, 0, G_MAXUINT, NULL);
  assert_tables_equal (got, want);

  whole = pm_tag_table_new (small, PM_METRIC_PAGED_USED_BYTES, 0, G_MAXUINT, NULL);
  g_clear_pointer (&got, pm_tag_table_unref);
  g_clear_pointer (&want, pm_tag_table_unref);
  got = pm_tag_table_new_appended (whole, other, &error);
  g_assert_no_error (error);
  want = pm_tag_table_new (other, PM_METRIC_PAGED_USED_BYTES, 0, G_MAXUINT, NULL);
  assert_tables_equal (got, want);

  /* Fewer snapshots than the table's: not a continuation either. */
  g_clear_pointer (&whole, pm_tag_table_unref);
  g_clear_pointer (&got, pm_tag_table_unref);
  g_clear_pointer (&want, pm_tag_table_unref);
  whole = pm_tag_table_new (other, PM_METRIC_NON_PAGED_DIFF, 0, G_MAXUINT, NULL);
  got = pm_tag_table_new_appended (whole, small, &error);
  g_assert_no_error (error);
  want = pm_tag_table_new (small, PM_METRIC_NON_PAGED_DIFF, 0, G_MAXUINT, NULL);
  assert_tables_equal (got, want);
  g_rand_free (gen.rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/tag-table-append/equals-full", test_appended_equals_full);
  g_test_add_func ("/poolstats/tag-table-append/fallbacks", test_fallbacks);

  return g_test_run ();
}
