/* test-session-append.c: a followed folder's appended snapshots in the session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pm_session_append_dataset() carries the tag table on over the new
 * snapshots (pm_tag_table_new_appended()); its figures and rankings must be
 * those of the whole run computed afresh, also when tags join mid-run, and
 * the user's selection stays. The datasets are made as the follower makes
 * them (_pm_follow_append()).
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pm-session.h"
#include "pm-user-state.h"
#include "pm-dataset-private.h"
#include "pm-follower-private.h"

#define START 1700000000

static const char * const names[] = { "Bbbb", "Dddd", "Ffff", "Hhhh", "Aaaa", "Cccc", "Zzzz" };
#define N_FIRST 4

static void
add_snapshot (PmDatasetBuilder *builder,
              guint             s,
              gboolean          follower_part)
{
  guint handle = pm_dataset_builder_add_snapshot (builder, START + (gint64) s * 60,
                                                  START + (gint64) s * 60 + 3600);
  /* A tag joins at 50, two more at 90 (between the others' names). */
  guint n_tags = s < 50 ? N_FIRST : s < 90 ? N_FIRST + 1 : G_N_ELEMENTS (names);

  if (follower_part)
    ((PmPart *) g_ptr_array_index (builder->parts, handle))->is_input_file = TRUE;
  for (guint t = 0; t < n_tags; t++)
    {
      PmRowValues row = { 0 };

      if ((s + t) % 7 == 0)
        continue;                                   /* absent now and then */
      row.have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF | PM_ROW_HAVE_PAGED_USED |
                 PM_ROW_HAVE_NON_PAGED_USED | PM_ROW_HAVE_ALLOCS;
      row.allocs = 1000 * (s + 1) + t;
      row.paged_diff = (guint32) (s * (t + 1) * 3 % 97);
      row.non_paged_diff = (guint32) (s * (t + 2));
      row.paged_used = (gint64) (s % 13) * 4096 * (t + 1);
      row.non_paged_used = (gint64) s * s * (t + 1);
      pm_dataset_builder_add_row (builder, handle, names[t], &row);
    }
}

static void
assert_same_figures (PmTagTable *got,
                     PmTagTable *want)
{
  g_assert_cmpuint (pm_tag_table_get_n_tags (got), ==, pm_tag_table_get_n_tags (want));
  for (guint t = 0; t <= pm_tag_table_get_n_tags (want); t++)
    {
      const PmTagStats *a = pm_tag_table_get_stats (got, t);
      const PmTagStats *b = pm_tag_table_get_stats (want, t);

      g_assert_cmpuint (a->n_present, ==, b->n_present);
      g_assert_cmpuint (a->first_snapshot, ==, b->first_snapshot);
      g_assert_cmpuint (a->last_snapshot, ==, b->last_snapshot);
      g_assert_cmpint (a->peak, ==, b->peak);
      g_assert_cmpint (a->first_nonzero, ==, b->first_nonzero);
      g_assert_cmpint (a->last_nonzero, ==, b->last_nonzero);
      g_assert_cmpint (a->increase_abs, ==, b->increase_abs);
      g_assert_true (memcmp (&a->mean, &b->mean, sizeof (double)) == 0);
      g_assert_true (memcmp (&a->increase_pct, &b->increase_pct, sizeof (double)) == 0);
    }
}

/* Whoever hears of the leak result cleared (the chart) reads the tags
 * drawn in the session's dataset: their indices must be that dataset's. */
static void
leaks_cb (PmSession  *session,
          GParamSpec *pspec,
          guint      *n_heard)
{
  PmDataset *dataset = pm_session_get_dataset (session);
  const guint *drawn;
  guint n_drawn;

  drawn = pm_session_get_drawn (session, &n_drawn);
  for (guint i = 0; i < n_drawn; i++)
    g_assert_cmpuint (drawn[i], <=, pm_dataset_get_total_tag (dataset));
  (*n_heard)++;
}

static void
test_append (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pm-session-append-XXXXXX", NULL);
  g_autoptr(PmUserState) state = pm_user_state_new (dir);
  g_autoptr(PmSession) session = pm_session_new (state);
  PmDatasetBuilder *first = pm_dataset_builder_new ();   /* pm_dataset_builder_end() frees it */
  g_autoptr(PmDataset) dataset = NULL;
  PmFollowTail *tail = _pm_follow_tail_new ();
  const guint *shown;
  guint n_shown, s = 0, hhhh, n_heard = 0;
  PmLeakOptions options;

  for (; s < 20; s++)
    add_snapshot (first, s, FALSE);
  dataset = pm_dataset_builder_end (first);
  pm_session_set_dataset (session, dataset);
  pm_session_set_metric (session, PM_METRIC_TOTAL_DIFF);
  /* The user's own selection: TOTAL and Hhhh. */
  g_assert_true (pm_dataset_lookup_tag (dataset, "Hhhh", &hhhh));
  pm_session_set_selection (session, (guint[]) { pm_dataset_get_total_tag (dataset), hhhh }, 2);
  pm_leak_options_init (&options);
  g_signal_connect (session, "notify::leaks", G_CALLBACK (leaks_cb), &n_heard);

  while (s < 140)
    {
      g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
      g_autoptr(PmTagTable) full = NULL;
      g_autoptr(PmLeakResult) leaks = pm_leak_analyse (dataset, &options, NULL, NULL);
      PmDataset *next;

      /* The leak finder's answer for the dataset so far: new tags (which
       * move TOTAL's index) clear it. */
      g_assert_nonnull (leaks);
      pm_session_set_leaks (session, leaks, pm_session_get_time_base (session));

      for (guint k = 0; k < 1 + s % 5; k++, s++)
        add_snapshot (builder, s, TRUE);
      next = _pm_follow_append (tail, dataset, builder);
      g_assert_nonnull (next);
      g_object_unref (dataset);
      dataset = next;

      pm_session_append_dataset (session, dataset);
      g_assert_true (pm_session_get_dataset (session) == dataset);
      full = pm_tag_table_new (dataset, PM_METRIC_TOTAL_DIFF, 0, G_MAXUINT, NULL);
      assert_same_figures (pm_session_get_tag_table (session), full);
    }

  g_assert_cmpuint (pm_dataset_get_n_tags (dataset), ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (n_heard, >, 0);
  /* The selection stayed, by name, though new tags moved Hhhh's index. */
  shown = pm_session_get_shown (session, &n_shown);
  g_assert_cmpuint (n_shown, ==, 2);
  g_assert_true (pm_dataset_lookup_tag (dataset, "Hhhh", &hhhh));
  g_assert_cmpuint (hhhh, ==, 5);
  g_assert_true ((shown[0] == hhhh) != (shown[1] == hhhh));

  _pm_follow_tail_free (tail);
  g_clear_object (&session);
  g_clear_object (&state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/session-append/figures", test_append);

  return g_test_run ();
}
