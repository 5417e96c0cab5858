/* test-follower.c: following a folder while snapshots are written into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generated snapshot files are dropped into a followed folder, renamed into
 * place or appended in place with half-written lines, faster than real
 * time. After each, the follower's dataset must hold exactly the complete
 * snapshots so far, never report a problem while a file grows, and in the
 * end equal the dataset a fresh load of the folder makes.
 */
#include "poolstats.h"
#include "pm-dataset-private.h"

#include "test-follow-common.h"

#ifdef G_OS_UNIX
# include <sys/stat.h>
#endif

static void
assert_same_data (PmDataset *a,
                  PmDataset *b)
{
  guint n = pm_dataset_get_n_snapshots (a);
  g_autofree gint64 *va = g_new (gint64, MAX (n, 1));
  g_autofree gint64 *vb = g_new (gint64, MAX (n, 1));
  const guint *ba, *bb;
  guint nba = 0, nbb = 0;

  g_assert_cmpuint (n, ==, pm_dataset_get_n_snapshots (b));
  g_assert_cmpuint (pm_dataset_get_n_tags (a), ==, pm_dataset_get_n_tags (b));
  for (guint base = 0; base < PM_N_TIME_BASES; base++)
    g_assert_cmpmem (pm_dataset_get_times (a, base), n * sizeof (gint64),
                     pm_dataset_get_times (b, base), n * sizeof (gint64));
  for (guint t = 0; t <= pm_dataset_get_n_tags (a); t++)
    {
      guint u;

      g_assert_true (t == pm_dataset_get_total_tag (a) ||
                     pm_dataset_lookup_tag (b, pm_dataset_get_tag_name (a, t), &u));
      if (t == pm_dataset_get_total_tag (a))
        u = pm_dataset_get_total_tag (b);
      /* Tags in the same (name) order, described the same. */
      g_assert_cmpuint (u, ==, t);
      g_assert_cmpstr (pm_dataset_get_tag_binary (a, t), ==, pm_dataset_get_tag_binary (b, u));
      g_assert_cmpstr (pm_dataset_get_tag_description (a, t), ==,
                       pm_dataset_get_tag_description (b, u));
      g_assert_cmpuint (pm_dataset_get_n_present (a, t), ==, pm_dataset_get_n_present (b, u));
      pm_dataset_copy_present (a, t, 0, n, (guint8 *) va);
      pm_dataset_copy_present (b, u, 0, n, (guint8 *) vb);
      g_assert_cmpmem (va, n, vb, n);
      for (guint m = 0; m < PM_N_METRICS; m++)
        {
          if (!pm_dataset_has_metric (a, m))
            continue;
          pm_dataset_copy_series (a, m, t, 0, n, va);
          pm_dataset_copy_series (b, m, u, 0, n, vb);
          g_assert_cmpmem (va, n * sizeof (gint64), vb, n * sizeof (gint64));
        }
    }
  ba = pm_dataset_get_boots (a, &nba);
  bb = pm_dataset_get_boots (b, &nbb);
  g_assert_cmpuint (nba, ==, nbb);
  if (nba > 0)
    g_assert_cmpmem (ba, nba * sizeof (guint), bb, nbb * sizeof (guint));
  g_assert_cmpuint (pm_dataset_get_n_problems (a), ==, pm_dataset_get_n_problems (b));
}

/* The file reports too (in the test of windows, files come in name order
 * as a load lists them). */
static void
assert_same_files (PmDataset *a,
                   PmDataset *b)
{
  GPtrArray *fa = pm_dataset_get_files (a), *fb = pm_dataset_get_files (b);

  g_assert_cmpuint (fa->len, ==, fb->len);
  for (guint i = 0; i < fa->len; i++)
    {
      const PmFileReport *ra = g_ptr_array_index (fa, i), *rb = g_ptr_array_index (fb, i);

      g_assert_cmpstr (ra->path, ==, rb->path);
      g_assert_cmpuint (ra->rows_loaded, ==, rb->rows_loaded);
      g_assert_cmpuint (ra->n_snapshots, ==, rb->n_snapshots);
    }
}

static PmDataset *
load_fresh (const char *folder)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(GError) error = NULL;
  PmDataset *dataset;

  pm_loader_add_path (loader, folder);
  pm_loader_set_use_store (loader, FALSE);
  dataset = pm_loader_load (loader, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static int
poll_once (PmFollower *follower)
{
  g_autoptr(GError) error = NULL;
  int n = pm_follower_poll (follower, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 0);
  return n;
}

typedef struct
{
  guint n_signals;
  guint n_added;
  guint n_tags;
  guint n_new_tags;
  guint new_tag_at;     /* snapshots when a new tag last came */
} Changes;

/* Every snapshot is appended, also the one with a tag never seen before
 * (the generated runs have a tag that appears at 2/5 of the run). */
static void
changed_cb (PmFollower *follower,
            PmDataset  *dataset,
            guint       n_added,
            gboolean    reloaded,
            Changes    *changes)
{
  g_assert_true (dataset == pm_follower_get_dataset (follower));
  g_assert_false (reloaded);
  changes->n_new_tags += pm_dataset_get_n_tags (dataset) - changes->n_tags;
  if (pm_dataset_get_n_tags (dataset) > changes->n_tags)
    changes->new_tag_at = pm_dataset_get_n_snapshots (dataset);
  changes->n_tags = pm_dataset_get_n_tags (dataset);
  changes->n_signals++;
  changes->n_added += n_added;
}

/* Files renamed into place one at a time (UTF-16, as PowerShell 5.1
 * writes): each is in the dataset after two looks (the first sees it
 * change, the second sees it stand still), by appending, never reloading. */
static void
test_renamed (void)
{
  g_autofree char *source = g_dir_make_tmp ("pm-follow-src-XXXXXX", NULL);
  g_autofree char *folder = g_dir_make_tmp ("pm-follow-XXXXXX", NULL);
  g_autoptr(PmFollower) follower = pm_follower_new (folder);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(PmDataset) fresh = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  follow_generate (source, "--preset", "powershell", "--snapshots", "40", NULL);
  names = follow_list (source);
  g_assert_cmpuint (names->len, ==, 40);
  for (guint i = 0; i < 10; i++)
    follow_drop_renamed (source, names->pdata[i], folder);

  pm_follower_set_use_store (follower, FALSE);
  g_assert_true (pm_follower_load (follower, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)), ==, 10);
  changes.n_tags = pm_dataset_get_n_tags (pm_follower_get_dataset (follower));
  g_signal_connect (follower, "changed", G_CALLBACK (changed_cb), &changes);

  for (guint i = 10; i < names->len; i++)
    {
      follow_drop_renamed (source, names->pdata[i], folder);
      poll_once (follower);
      if (poll_once (follower) == 0)
        g_assert_cmpint (poll_once (follower), ==, 0);
      g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)), ==, i + 1);
    }
  g_assert_cmpuint (changes.n_added, ==, 30);
  g_assert_cmpuint (changes.n_new_tags, ==, 1);
  g_assert_cmpuint (pm_follower_get_n_reloads (follower), ==, 1);   /* the first load */
  g_assert_cmpuint (pm_dataset_get_files (pm_follower_get_dataset (follower))->len, ==, 40);

  fresh = load_fresh (folder);
  assert_same_data (pm_follower_get_dataset (follower), fresh);

  remove_flat_dir (source);
  remove_flat_dir (folder);
}

/* One loop-mode file appended in place, each snapshot in two writes cut
 * in the middle of a line (and of a UTF-16 code unit): the half-written
 * line is never read, never a problem; the snapshot arrives once the file
 * stands still. */
static void
test_in_place (gconstpointer data)
{
  const char *encoding = data;
  g_autofree char *source = g_dir_make_tmp ("pm-follow-src-XXXXXX", NULL);
  g_autofree char *folder = g_dir_make_tmp ("pm-follow-XXXXXX", NULL);
  g_autoptr(PmFollower) follower = pm_follower_new (folder);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) ends = NULL;
  g_autoptr(PmDataset) fresh = NULL;
  g_autoptr(PmDataset) older = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  Changes changes = { 0 };
  gsize len, done;
  guint first = 4;

  follow_generate (source, "--preset", "powershell", "--snapshots", "24", "--layout", "loop",
                   "--encoding", encoding, NULL);
  names = follow_list (source);
  g_assert_cmpuint (names->len, ==, 1);
  from = g_build_filename (source, names->pdata[0], NULL);
  to = g_build_filename (folder, names->pdata[0], NULL);
  g_assert_true (g_file_get_contents (from, &bytes, &len, NULL));
  ends = follow_snapshot_ends (bytes, len);
  g_assert_cmpuint (ends->len, ==, 1 + 24);

  /* The header and the first snapshots, then the follower starts. */
  done = g_array_index (ends, gsize, first);
  follow_append (to, bytes, done);
  pm_follower_set_use_store (follower, FALSE);
  g_assert_true (pm_follower_load (follower, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)), ==, first);
  changes.n_tags = pm_dataset_get_n_tags (pm_follower_get_dataset (follower));
  g_signal_connect (follower, "changed", G_CALLBACK (changed_cb), &changes);

  for (guint s = first + 1; s < ends->len; s++)
    {
      gsize end = g_array_index (ends, gsize, s);
      gsize middle = done + (end - done) / 2 + 1;   /* odd: mid code unit too */

      follow_append (to, bytes + done, middle - done);
      poll_once (follower);
      poll_once (follower);
      g_assert_cmpuint (pm_dataset_get_n_problems (pm_follower_get_dataset (follower)), ==, 0);
      follow_append (to, bytes + middle, end - middle);
      done = end;
      poll_once (follower);
      g_assert_cmpuint (pm_dataset_get_n_problems (pm_follower_get_dataset (follower)), ==, 0);
      poll_once (follower);
      g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)), ==, s);
      /* The one file's report counts what this dataset has; the dataset
       * before, still held, keeps its own count. */
      for (guint k = 0; k < 2; k++)
        {
          PmDataset *d = k == 0 ? pm_follower_get_dataset (follower) : older;
          GPtrArray *files = d != NULL ? pm_dataset_get_files (d) : NULL;

          if (d == NULL)
            continue;
          g_assert_cmpuint (files->len, ==, 1);
          g_assert_cmpuint (((PmFileReport *) files->pdata[0])->n_snapshots, ==,
                            pm_dataset_get_n_snapshots (d));
        }
      g_set_object (&older, pm_follower_get_dataset (follower));
    }
  g_assert_cmpuint (changes.n_added, ==, 24 - first);
  g_assert_cmpuint (pm_follower_get_n_reloads (follower), ==, 1);

  fresh = load_fresh (folder);
  assert_same_data (pm_follower_get_dataset (follower), fresh);
  g_assert_cmpuint (pm_dataset_get_files (pm_follower_get_dataset (follower))->len, ==, 1);

  remove_flat_dir (source);
  remove_flat_dir (folder);
}

/* Across windows of packed columns (512 snapshots) and a reboot, in
 * batches of several sizes: after every batch the dataset equals a fresh
 * load of the folder, with no full load but for the late tag. */
static void
test_windows (void)
{
  g_autofree char *source = g_dir_make_tmp ("pm-follow-src-XXXXXX", NULL);
  g_autofree char *folder = g_dir_make_tmp ("pm-follow-XXXXXX", NULL);
  g_autoptr(PmFollower) follower = pm_follower_new (folder);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  static const guint batches[] = { 1, 7, 60, 1, 1, 200, 13, 300, 2, 511, 512, 3 };
  g_autoptr(PmDataset) older = NULL;
  g_autoptr(PmDataset) older_fresh = NULL;
  Changes changes = { 0 };
  guint next = 450, n_boots = 0;

  follow_generate (source, "--preset", "sampler", "--start", "2021-07-13T10:00:00",
                   "--interval", "60", "--snapshots", "1200", "--seed", "5", NULL);
  follow_generate (source, "--preset", "sampler", "--start", "2021-07-14T07:00:00",
                   "--interval", "60", "--snapshots", "500", "--seed", "6", NULL);
  names = follow_list (source);
  g_assert_cmpuint (names->len, ==, 1700);
  for (guint i = 0; i < next; i++)
    follow_drop_renamed (source, names->pdata[i], folder);
  pm_follower_set_use_store (follower, FALSE);
  g_assert_true (pm_follower_load (follower, NULL, &error));
  changes.n_tags = pm_dataset_get_n_tags (pm_follower_get_dataset (follower));
  g_signal_connect (follower, "changed", G_CALLBACK (changed_cb), &changes);

  for (guint b = 0; next < names->len; b++)
    {
      guint end = MIN (next + batches[b % G_N_ELEMENTS (batches)], names->len);
      g_autoptr(PmDataset) fresh = NULL;

      for (; next < end; next++)
        follow_drop_renamed (source, names->pdata[next], folder);
      poll_once (follower);
      poll_once (follower);
      g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)), ==, next);
      fresh = load_fresh (folder);
      assert_same_data (pm_follower_get_dataset (follower), fresh);
      assert_same_files (pm_follower_get_dataset (follower), fresh);
      /* The dataset before, still held, did not change when this one was
       * made from it (they share the times, TOTAL and presence bits). */
      if (older != NULL)
        {
          assert_same_data (older, older_fresh);
          assert_same_files (older, older_fresh);
        }
      g_set_object (&older, pm_follower_get_dataset (follower));
      g_set_object (&older_fresh, fresh);
    }
  pm_dataset_get_boots (pm_follower_get_dataset (follower), &n_boots);
  g_assert_cmpuint (n_boots, >=, 1);
  /* The second run's tags came after full windows: those were extended. */
  g_assert_cmpuint (changes.new_tag_at, >, PM_CHUNK);
  g_assert_cmpuint (pm_follower_get_n_reloads (follower), ==, 1);

  remove_flat_dir (source);
  remove_flat_dir (folder);
}

/* ---- following in a main loop ------------------------------------------- */

typedef struct
{
  const char *source;
  const char *folder;
  GPtrArray  *names;
  guint       next;
  guint       n_wanted;
  GMainLoop  *loop;
  gboolean    timed_out;
} Feed;

static gboolean
feed_cb (gpointer data)
{
  Feed *feed = data;

  if (feed->next >= feed->names->len)
    return G_SOURCE_REMOVE;
  follow_drop_renamed (feed->source, feed->names->pdata[feed->next++], feed->folder);
  return G_SOURCE_CONTINUE;
}

static void
feed_changed_cb (PmFollower *follower,
                 PmDataset  *dataset,
                 guint       n_added,
                 gboolean    reloaded,
                 Feed       *feed)
{
  if (pm_dataset_get_n_snapshots (dataset) >= feed->n_wanted)
    g_main_loop_quit (feed->loop);
}

static gboolean
feed_timeout_cb (gpointer data)
{
  Feed *feed = data;

  feed->timed_out = TRUE;
  g_main_loop_quit (feed->loop);
  return G_SOURCE_REMOVE;
}

/* Runs a follower in a main loop while files arrive every 20 ms. */
static void
follow_in_loop (gboolean use_monitor,
                guint    poll_msec)
{
  g_autofree char *source = g_dir_make_tmp ("pm-follow-src-XXXXXX", NULL);
  g_autofree char *folder = g_dir_make_tmp ("pm-follow-XXXXXX", NULL);
  g_autoptr(PmFollower) follower = pm_follower_new (folder);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(PmDataset) fresh = NULL;
  g_autoptr(GError) error = NULL;
  Feed feed = { source, folder, NULL, 0, 30, loop, FALSE };
  guint feed_id, timeout_id;

  follow_generate (source, "--preset", "sampler", "--snapshots", "30", NULL);
  feed.names = follow_list (source);
  for (; feed.next < 5; feed.next++)
    follow_drop_renamed (source, feed.names->pdata[feed.next], folder);

  pm_follower_set_use_store (follower, FALSE);
  pm_follower_set_use_monitor (follower, use_monitor);
  pm_follower_set_poll_interval (follower, poll_msec);
  g_assert_true (pm_follower_load (follower, NULL, &error));
  g_signal_connect (follower, "changed", G_CALLBACK (feed_changed_cb), &feed);
  pm_follower_start (follower);
  g_assert_true (pm_follower_get_running (follower));

  feed_id = g_timeout_add (20, feed_cb, &feed);
  timeout_id = g_timeout_add_seconds (30, feed_timeout_cb, &feed);
  g_main_loop_run (loop);
  g_assert_false (feed.timed_out);
  g_source_remove (timeout_id);
  if (feed.next < feed.names->len)
    g_source_remove (feed_id);
  pm_follower_stop (follower);
  /* A look under way still ends with ::changed: not into this frame. */
  g_signal_handlers_disconnect_by_data (follower, &feed);

  fresh = load_fresh (folder);
  assert_same_data (pm_follower_get_dataset (follower), fresh);
  g_ptr_array_unref (feed.names);
  remove_flat_dir (source);
  remove_flat_dir (folder);
}

/* As on a network mount: no file monitor, the poll alone. */
static void
test_poll_only (void)
{
  follow_in_loop (FALSE, 50);
}

/* The monitor brings files in long before the next poll (10 s). */
static void
test_monitor (void)
{
  g_autofree char *probe = g_dir_make_tmp ("pm-follow-probe-XXXXXX", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (probe);
  g_autoptr(GFileMonitor) monitor = g_file_monitor_directory (file, G_FILE_MONITOR_NONE, NULL, NULL);

  g_rmdir (probe);
  if (monitor == NULL)
    {
      g_test_skip ("no file monitor on this system");
      return;
    }
  follow_in_loop (TRUE, 10000);
}

/* A snapshot with a tag never seen before is appended too: the tag takes
 * its place in name order, absent before; the result is the folder's
 * dataset as a load makes it, tags in the same order. */
static void
test_new_tag (void)
{
  g_autofree char *source = g_dir_make_tmp ("pm-follow-src-XXXXXX", NULL);
  g_autofree char *folder = g_dir_make_tmp ("pm-follow-XXXXXX", NULL);
  g_autoptr(PmFollower) follower = pm_follower_new (folder);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(PmDataset) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *row = NULL;
  g_autoptr(GString) text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  gsize len;
  guint tag;

  follow_generate (source, "--preset", "sampler", "--snapshots", "6", NULL);
  names = follow_list (source);
  for (guint i = 0; i < 5; i++)
    follow_drop_renamed (source, names->pdata[i], folder);
  pm_follower_set_use_store (follower, FALSE);
  g_assert_true (pm_follower_load (follower, NULL, &error));

  /* The sixth file, with one more row of a new tag. */
  from = g_build_filename (source, names->pdata[5], NULL);
  to = g_build_filename (folder, names->pdata[5], NULL);
  g_assert_true (g_file_get_contents (from, &bytes, &len, NULL));
  lines = g_strsplit (bytes, "\r\n", 3);
  fields = g_strsplit (lines[1], "\",\"", -1);
  g_assert_cmpuint (g_strv_length (fields), >=, 4);
  g_free (fields[2]);
  fields[2] = g_strdup ("Zq9!");
  row = g_strjoinv ("\",\"", fields);
  text = g_string_new_len (bytes, len);
  g_string_append (text, row);
  g_string_append (text, "\r\n");
  g_assert_true (g_file_set_contents (to, text->str, text->len, NULL));

  poll_once (follower);
  g_assert_cmpint (poll_once (follower), ==, 1);
  g_assert_cmpuint (pm_follower_get_n_reloads (follower), ==, 1);
  g_assert_true (pm_dataset_lookup_tag (pm_follower_get_dataset (follower), "Zq9!", &tag));

  fresh = load_fresh (folder);
  assert_same_data (pm_follower_get_dataset (follower), fresh);
  for (guint t = 0; t <= pm_dataset_get_n_tags (fresh); t++)
    g_assert_cmpstr (pm_dataset_get_tag_name (pm_follower_get_dataset (follower), t), ==,
                     pm_dataset_get_tag_name (fresh, t));
  remove_flat_dir (source);
  remove_flat_dir (folder);
}

/* Hostile changes: a FIFO named like a snapshot file (never opened), a
 * file cut shorter and rewritten (read again, nothing doubled), the folder
 * gone (an error, the dataset kept). */
static void
test_hostile (void)
{
  g_autofree char *source = g_dir_make_tmp ("pm-follow-src-XXXXXX", NULL);
  g_autofree char *folder = g_dir_make_tmp ("pm-follow-XXXXXX", NULL);
  g_autoptr(PmFollower) follower = pm_follower_new (folder);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = g_build_filename (folder, "zz.pool.csv", NULL);
  g_autofree char *last = NULL;
  guint n;

  follow_generate (source, "--preset", "sampler", "--snapshots", "8", NULL);
  names = follow_list (source);
  for (guint i = 0; i < 6; i++)
    follow_drop_renamed (source, names->pdata[i], folder);
  pm_follower_set_use_store (follower, FALSE);
  g_assert_true (pm_follower_load (follower, NULL, &error));

#ifdef G_OS_UNIX
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
#endif
  follow_drop_renamed (source, names->pdata[6], folder);
  poll_once (follower);
  poll_once (follower);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)), ==, 7);

  /* The last file cut to half, then written whole again. */
  last = g_build_filename (folder, names->pdata[6], NULL);
  {
    g_autofree char *bytes = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (last, &bytes, &len, NULL));
    g_assert_true (g_file_set_contents (last, bytes, len / 2, NULL));
    poll_once (follower);
    poll_once (follower);
    g_assert_true (g_file_set_contents (last, bytes, len, NULL));
    poll_once (follower);
    poll_once (follower);
  }
  follow_drop_renamed (source, names->pdata[7], folder);
  poll_once (follower);
  poll_once (follower);
  n = pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower));
  g_assert_cmpuint (n, ==, 8);

  g_unlink (fifo);
  remove_flat_dir (folder);
  g_assert_cmpint (pm_follower_poll (follower, NULL, &error), ==, -1);
  g_assert_nonnull (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)), ==, n);
  remove_flat_dir (source);
}

/* The interval is the median step of the latest snapshots. */
static void
test_interval (void)
{
  PmDatasetBuilder *builder = pm_dataset_builder_new ();   /* ended below */
  g_autoptr(PmDataset) dataset = NULL;
  PmRowValues v = { .have = PM_ROW_HAVE_PAGED_DIFF, .paged_diff = 1 };
  gint64 t = 1700000000;

  for (guint i = 0; i < 10; i++)
    {
      guint s = pm_dataset_builder_add_snapshot (builder, t, t);

      pm_dataset_builder_add_row (builder, s, "Abcd", &v);
      t += i == 5 ? 3600 : 60;
    }
  dataset = pm_dataset_builder_end (builder);
  g_assert_cmpfloat (pm_dataset_get_recent_interval (dataset), ==, 60.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/follower/renamed", test_renamed);
  g_test_add_data_func ("/poolstats/follower/in-place-utf16", "utf16le", test_in_place);
  g_test_add_data_func ("/poolstats/follower/in-place-utf8", "utf8", test_in_place);
  g_test_add_func ("/poolstats/follower/windows", test_windows);
  g_test_add_func ("/poolstats/follower/poll-only", test_poll_only);
  g_test_add_func ("/poolstats/follower/monitor", test_monitor);
  g_test_add_func ("/poolstats/follower/new-tag", test_new_tag);
  g_test_add_func ("/poolstats/follower/hostile", test_hostile);
  g_test_add_func ("/poolstats/follower/interval", test_interval);

  return g_test_run ();
}
