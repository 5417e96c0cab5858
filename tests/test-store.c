/* test-store.c: the dataset from the store equals the dataset from the CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case loads a folder three ways: from the CSV files without the
 * store, with the store (which writes it) and again (which reads it), and
 * compares everything the dataset tells through its API. XDG_CACHE_HOME
 * points at a temporary folder of the run's own.
 */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <sys/stat.h>
# include <utime.h>
#else
# include <sys/utime.h>
#endif

#include "poolstats.h"
#include "pm-store-private.h"
#include "pm-windows-private.h"
#include "test-common.h"

/* ---- comparing datasets ------------------------------------------------- */

static void
assert_data_equal (PmDataset *a,
                   PmDataset *b,
                   gboolean   with_reports)
{
  guint n_snapshots = pm_dataset_get_n_snapshots (a);
  guint n_tags = pm_dataset_get_n_tags (a);
  g_autofree gint64 *va = g_new (gint64, MAX (n_snapshots, 1));
  g_autofree gint64 *vb = g_new (gint64, MAX (n_snapshots, 1));
  g_autofree guint8 *pa = g_new (guint8, MAX (n_snapshots, 1));
  g_autofree guint8 *pb = g_new (guint8, MAX (n_snapshots, 1));
  GPtrArray *la, *lb;
  const guint *ba, *bb;
  guint nba = 0, nbb = 0;

  g_assert_cmpuint (n_snapshots, ==, pm_dataset_get_n_snapshots (b));
  g_assert_cmpuint (n_tags, ==, pm_dataset_get_n_tags (b));

  for (guint base = 0; base < PM_N_TIME_BASES; base++)
    {
      g_assert_cmpint (pm_dataset_has_time_base (a, base), ==, pm_dataset_has_time_base (b, base));
      g_assert_cmpmem (pm_dataset_get_times (a, base), n_snapshots * sizeof (gint64),
                       pm_dataset_get_times (b, base), n_snapshots * sizeof (gint64));
    }
  for (guint m = 0; m < PM_N_METRICS; m++)
    g_assert_cmpint (pm_dataset_has_metric (a, m), ==, pm_dataset_has_metric (b, m));

  for (guint t = 0; t <= n_tags; t++)
    {
      g_assert_cmpstr (pm_dataset_get_tag_name (a, t), ==, pm_dataset_get_tag_name (b, t));
      g_assert_cmpstr (pm_dataset_get_tag_binary (a, t), ==, pm_dataset_get_tag_binary (b, t));
      g_assert_cmpstr (pm_dataset_get_tag_description (a, t), ==,
                       pm_dataset_get_tag_description (b, t));
      g_assert_cmpuint (pm_dataset_get_n_present (a, t), ==, pm_dataset_get_n_present (b, t));
      pm_dataset_copy_present (a, t, 0, n_snapshots, pa);
      pm_dataset_copy_present (b, t, 0, n_snapshots, pb);
      g_assert_cmpmem (pa, n_snapshots, pb, n_snapshots);
      for (guint m = 0; m < PM_N_METRICS; m++)
        {
          pm_dataset_copy_series (a, m, t, 0, n_snapshots, va);
          pm_dataset_copy_series (b, m, t, 0, n_snapshots, vb);
          g_assert_cmpmem (va, n_snapshots * sizeof (gint64), vb, n_snapshots * sizeof (gint64));
        }
    }

  ba = pm_dataset_get_boots (a, &nba);
  bb = pm_dataset_get_boots (b, &nbb);
  g_assert_cmpint (ba == NULL, ==, bb == NULL);
  g_assert_cmpuint (nba, ==, nbb);
  if (nba > 0)
    g_assert_cmpmem (ba, nba * sizeof (guint), bb, nbb * sizeof (guint));
  if (!with_reports)
    return;

  la = pm_dataset_get_problems (a);
  lb = pm_dataset_get_problems (b);
  g_assert_cmpuint (la->len, ==, lb->len);
  g_assert_cmpuint (pm_dataset_get_n_problems (a), ==, pm_dataset_get_n_problems (b));
  for (guint i = 0; i < la->len; i++)
    {
      const PmProblem *x = la->pdata[i], *y = lb->pdata[i];

      g_assert_cmpstr (x->file, ==, y->file);
      g_assert_cmpuint (x->line, ==, y->line);
      g_assert_cmpstr (x->message, ==, y->message);
    }

  la = pm_dataset_get_files (a);
  lb = pm_dataset_get_files (b);
  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    {
      const PmFileReport *x = la->pdata[i], *y = lb->pdata[i];

      g_assert_cmpstr (x->path, ==, y->path);
      g_assert_cmpuint (x->rows_loaded, ==, y->rows_loaded);
      g_assert_cmpuint (x->rows_skipped, ==, y->rows_skipped);
      g_assert_cmpuint (x->n_snapshots, ==, y->n_snapshots);
      g_assert_cmpuint (x->n_problems, ==, y->n_problems);
    }
}

static void
assert_datasets_equal (PmDataset *a,
                       PmDataset *b)
{
  assert_data_equal (a, b, TRUE);
}

/* ---- loading ------------------------------------------------------------ */

/* Loads @folder; with @use_store, *n_from_store says how many files came
 * from the store. A folder with nothing loadable gives NULL. */
static PmDataset *
load (const char *folder,
      gboolean    use_store,
      guint      *n_from_store)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  PmDataset *dataset;

  pm_loader_add_path (loader, folder);
  pm_loader_set_use_store (loader, use_store);
  dataset = pm_loader_load (loader, NULL, NULL);
  if (n_from_store != NULL)
    *n_from_store = _pm_loader_get_n_from_store (loader);
  return dataset;
}

static guint
count_csv (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, ".csv");
  return n;
}

/* The CSV load, and the store's answer when it is made and when it is read,
 * all equal; the second store load takes @expect_from_store files from it
 * (G_MAXUINT: every file). */
static char *store_path (const char *folder);
static char *image_path (const char *folder);

/* Loads @folder with the store, and says whether the load was the image. */
static PmDataset *
load_image (const char *folder,
            gboolean   *from_image)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  PmDataset *dataset;

  pm_loader_add_path (loader, folder);
  pm_loader_set_use_store (loader, TRUE);
  dataset = pm_loader_load (loader, NULL, NULL);
  *from_image = _pm_loader_get_from_image (loader);
  return dataset;
}

/* The CSV load, and the store's answers when it is made, when the image of
 * the dataset is read, and when the files are read from the store without
 * the image, all equal; that last load takes @expect_from_store files from
 * the store (G_MAXUINT: every file). */
static void
check_folder (const char *folder,
              guint       expect_from_store)
{
  g_autoptr(PmDataset) csv = load (folder, FALSE, NULL);
  g_autoptr(PmDataset) made = NULL;
  g_autoptr(PmDataset) image = NULL;
  g_autoptr(PmDataset) parts = NULL;
  g_autofree char *image_file = image_path (folder);
  gboolean from_image = FALSE;
  guint from_store = 0;

  made = load (folder, TRUE, NULL);
  image = load_image (folder, &from_image);
  g_assert_cmpint (from_image, ==, csv != NULL);
  g_unlink (image_file);
  parts = load (folder, TRUE, &from_store);
  g_assert_cmpint (csv == NULL, ==, made == NULL);
  g_assert_cmpint (csv == NULL, ==, image == NULL);
  g_assert_cmpint (csv == NULL, ==, parts == NULL);
  if (csv != NULL)
    {
      assert_datasets_equal (csv, made);
      assert_datasets_equal (csv, image);
      assert_datasets_equal (csv, parts);
    }
  g_assert_cmpuint (from_store, ==, expect_from_store == G_MAXUINT ? count_csv (folder)
                                                                   : expect_from_store);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pm-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
store_path (const char *folder)
{
  g_autofree char *real = _pm_store_real_path (folder);

  return _pm_store_path_for_folder (real);
}

static char *
image_path (const char *folder)
{
  g_autofree char *real = _pm_store_real_path (folder);

  return _pm_store_image_path (real);
}

/* ---- the cases ---------------------------------------------------------- */

/* Each loader fixture alone in a folder, then all of them together. */
static void
test_fixtures (void)
{
  const char *fixtures = g_test_get_filename (G_TEST_DIST, "data", "loader", NULL);
  g_autoptr(GDir) dir = g_dir_open (fixtures, 0, NULL);
  g_autofree char *all = make_temp_dir ();
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (fixtures, name, NULL);
      g_autofree char *one = NULL;
      g_autofree char *to = NULL;
      g_autofree char *to_all = g_build_filename (all, name, NULL);

      if (!g_str_has_suffix (name, ".csv") && strcmp (name, "pooltag.txt") != 0)
        continue;
      copy_file (from, to_all);
      if (strcmp (name, "pooltag.txt") == 0)
        continue;

      one = make_temp_dir ();
      to = g_build_filename (one, name, NULL);
      copy_file (from, to);
      g_test_message ("fixture %s", name);
      check_folder (one, G_MAXUINT);
      remove_flat_dir (one);
      n++;
    }
  g_assert_cmpuint (n, >=, 20);
  check_folder (all, G_MAXUINT);

  /* The user's folder is never written to: only the files put there. */
  g_assert_cmpuint (count_csv (all), ==, n);
  remove_flat_dir (all);
}

static void
generate (const char *folder,
          const char *start,
          const char *seed,
          const char *tags,
          const char *snapshots)
{
  const char *generator = g_getenv ("PM_GENERATE");
  const char *argv[] = { generator, "--out", folder, "--start", start, "--seed", seed,
                         "--tags", tags, "--snapshots", snapshots, "--encoding", "utf8", NULL };
  g_autoptr(GError) error = NULL;
  int status = 1;

  g_assert_nonnull (generator);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Generated snapshots (a late tag, a busy tag that wraps), a second run
 * after a reboot (every counter small again), then files added, changed and
 * removed: the store follows the folder and always equals the CSV. */
static void
test_generated (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autoptr(PmDataset) check = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *changed = NULL;
  const char *name;
  guint n_boots = 0;

  generate (folder, "2021-07-13T10:00:00", "1", "60", "40");
  generate (folder, "2021-07-14T10:00:00", "2", "60", "30");
  check_folder (folder, G_MAXUINT);

  check = load (folder, TRUE, NULL);
  pm_dataset_get_boots (check, &n_boots);
  g_assert_cmpuint (n_boots, >=, 1);

  /* Files added: only they are parsed. */
  generate (folder, "2021-07-15T10:00:00", "3", "61", "10");
  {
    guint from_store = 0;
    g_autoptr(PmDataset) csv = load (folder, FALSE, NULL);
    g_autoptr(PmDataset) mixed = load (folder, TRUE, &from_store);

    g_assert_cmpuint (from_store, ==, 70);
    assert_datasets_equal (csv, mixed);
  }
  check_folder (folder, G_MAXUINT);

  /* One file changed (a row cut short in the middle), one removed. */
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_str_has_suffix (name, ".csv"))
        continue;
      if (changed == NULL)
        changed = g_build_filename (folder, name, NULL);
      else if (victim == NULL)
        victim = g_build_filename (folder, name, NULL);
    }
  {
    g_autofree char *contents = NULL;
    gsize len;
    guint from_store = 0;
    g_autoptr(PmDataset) csv = NULL;
    g_autoptr(PmDataset) mixed = NULL;

    g_assert_true (g_file_get_contents (changed, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (changed, contents, len * 2 / 3, NULL));
    g_assert_cmpint (g_unlink (victim), ==, 0);

    csv = load (folder, FALSE, NULL);
    mixed = load (folder, TRUE, &from_store);
    g_assert_cmpuint (from_store, ==, 78);
    assert_datasets_equal (csv, mixed);
    g_assert_cmpuint (pm_dataset_get_n_problems (mixed), >=, 1);
  }
  check_folder (folder, G_MAXUINT);

  remove_flat_dir (folder);
}

/* Damages @len bytes of @good in one of four ways, at random. */
static char *
damage (GRand      *rand,
        const char *good,
        gsize       len,
        guint       round,
        gsize      *bad_len)
{
  char *bad = g_memdup2 (good, len);

  *bad_len = len;
  switch (round % 4)
    {
    case 0:     /* one byte changed anywhere */
    case 1:
      bad[g_rand_int_range (rand, 0, (gint32) len)] ^= (char) g_rand_int_range (rand, 1, 256);
      break;
    case 2:     /* cut short */
      *bad_len = g_rand_int_range (rand, 0, (gint32) len);
      break;
    default:    /* a run of random bytes */
      {
        gsize at = g_rand_int_range (rand, 0, (gint32) len);

        for (gsize i = at; i < MIN (len, at + 64); i++)
          bad[i] = (char) g_rand_int_range (rand, 0, 256);
      }
      break;
    }
  return bad;
}

/* The store of the files and the image of the dataset damaged at random
 * offsets, truncated, replaced by garbage: never trusted, the dataset equals
 * the CSV, and what was damaged is rebuilt so the load after that uses it. */
static void
test_damage (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autofree char *path = NULL;
  g_autofree char *image = NULL;
  g_autofree char *good = NULL;
  g_autofree char *good_image = NULL;
  g_autoptr(PmDataset) csv = NULL;
  gsize len, image_len;
  GRand *rand = g_rand_new_with_seed (20261205);
  guint n_files;

  generate (folder, "2021-07-13T10:00:00", "5", "40", "25");
  {
    g_autofree char *to = g_build_filename (folder, "truncated.csv", NULL);

    copy_file (g_test_get_filename (G_TEST_DIST, "data", "loader", "truncated.csv", NULL), to);
  }
  n_files = count_csv (folder);
  check_folder (folder, G_MAXUINT);
  csv = load (folder, FALSE, NULL);
  path = store_path (folder);
  image = image_path (folder);
  g_assert_true (g_file_get_contents (path, &good, &len, NULL));
  g_assert_true (g_file_get_contents (image, &good_image, &image_len, NULL));

  /* The files' store, without an image to fall back on. */
  for (guint round = 0; round < 100; round++)
    {
      gsize bad_len;
      g_autofree char *bad = damage (rand, good, len, round, &bad_len);
      guint from_store = G_MAXUINT;
      g_autoptr(PmDataset) damaged = NULL;
      g_autoptr(PmDataset) rebuilt = NULL;

      g_assert_true (g_file_set_contents (path, bad, bad_len, NULL));
      g_unlink (image);
      damaged = load (folder, TRUE, &from_store);
      assert_datasets_equal (csv, damaged);
      g_assert_cmpuint (from_store, <=, n_files);

      g_unlink (image);
      rebuilt = load (folder, TRUE, &from_store);
      assert_datasets_equal (csv, rebuilt);
      g_assert_cmpuint (from_store, ==, n_files);
    }

  /* The image, beside a sound store. */
  for (guint round = 0; round < 100; round++)
    {
      gsize bad_len;
      g_autofree char *bad = damage (rand, good_image, image_len, round, &bad_len);
      gboolean from_image = TRUE;
      g_autoptr(PmDataset) damaged = NULL;
      g_autoptr(PmDataset) rebuilt = NULL;

      g_assert_true (g_file_set_contents (image, bad, bad_len, NULL));
      damaged = load_image (folder, &from_image);
      assert_datasets_equal (csv, damaged);
      g_assert_false (from_image);

      rebuilt = load_image (folder, &from_image);
      assert_datasets_equal (csv, rebuilt);
      g_assert_true (from_image);
    }

  /* Another version of the format: neither is read. */
  {
    g_autofree char *other = g_memdup2 (good, len);
    g_autofree char *other_image = g_memdup2 (good_image, image_len);
    guint from_store = G_MAXUINT;
    gboolean from_image = TRUE;
    g_autoptr(PmDataset) d = NULL;
    g_autoptr(PmDataset) e = NULL;

    other[8] = PM_STORE_VERSION + 1;
    other_image[8] = PM_STORE_VERSION + 1;
    g_assert_true (g_file_set_contents (path, other, len, NULL));
    g_unlink (image);
    d = load (folder, TRUE, &from_store);
    g_assert_cmpuint (from_store, ==, 0);
    assert_datasets_equal (csv, d);
    g_assert_true (g_file_set_contents (image, other_image, image_len, NULL));
    e = load_image (folder, &from_image);
    g_assert_false (from_image);
    assert_datasets_equal (csv, e);
  }

  g_rand_free (rand);
  g_unlink (path);
  g_unlink (image);
  remove_flat_dir (folder);
}

/* pm-generate --image writes the dataset its CSV files load into (every
 * number, name, time; it has no files to report). */
static void
test_generated_image (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autofree char *image = g_build_filename (folder, "run.image", NULL);
  const char *generator = g_getenv ("PM_GENERATE");
  const char *argv[] = { generator, "--image", image, "--start", "2021-07-13T10:00:00",
                         "--seed", "11", "--tags", "70", "--snapshots", "1200", NULL };
  guint8 key[PM_STORE_IMAGE_KEY_SIZE] = { 0 };
  g_autoptr(PmDataset) csv = NULL;
  g_autoptr(PmDataset) from_image = NULL;
  int status = 1;

  generate (folder, "2021-07-13T10:00:00", "11", "70", "1200");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  csv = load (folder, FALSE, NULL);
  from_image = _pm_store_image_load (image, key);
  g_assert_nonnull (from_image);
  assert_data_equal (csv, from_image, FALSE);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (from_image), ==, 1200);

  remove_flat_dir (folder);
}

static void assert_same_bytes (PmDataset *a,
                               PmDataset *b);

/* Loads @folder with the store; says whether the load appended new files
 * to the image, and checks it against the CSV, byte for byte. */
static void
check_append (const char *folder,
              gboolean    expect_appended)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(PmDataset) csv = load (folder, FALSE, NULL);
  g_autoptr(PmDataset) d = NULL;
  g_autoptr(PmDataset) again = NULL;
  gboolean from_image = FALSE;

  pm_loader_add_path (loader, folder);
  pm_loader_set_use_store (loader, TRUE);
  d = pm_loader_load (loader, NULL, NULL);
  g_assert_cmpint (_pm_loader_get_appended (loader), ==, expect_appended);
  assert_same_bytes (csv, d);

  /* The image made of that is the next open's answer. */
  again = load_image (folder, &from_image);
  g_assert_true (from_image);
  assert_datasets_equal (csv, again);
}

/* Files added after the last snapshot (after a reboot, across a window of
 * 512 snapshots, twice in a row) are appended to the image; a file before
 * the others, a new tag, a file with a problem are merged the usual way;
 * every answer equals the CSV. */
static void
test_append (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autoptr(PmDataset) first = NULL;
  guint n_boots = 0;

  generate (folder, "2021-07-13T10:00:00", "1", "50", "500");
  first = load (folder, TRUE, NULL);
  g_assert_nonnull (first);

  /* The same machine (the same seed: the same tags) after reboots. */
  generate (folder, "2021-07-17T00:00:00", "1", "50", "30");
  check_append (folder, TRUE);
  generate (folder, "2021-07-18T00:00:00", "1", "50", "1");
  check_append (folder, TRUE);
  {
    g_autoptr(PmDataset) d = load (folder, FALSE, NULL);

    pm_dataset_get_boots (d, &n_boots);
    g_assert_cmpuint (n_boots, >=, 2);
    g_assert_cmpuint (pm_dataset_get_n_snapshots (d), ==, 531);
  }

  generate (folder, "2021-07-12T00:00:00", "1", "50", "1");
  check_append (folder, FALSE);
  generate (folder, "2021-07-19T00:00:00", "5", "50", "1");    /* other tags */
  check_append (folder, FALSE);
  {
    g_autofree char *to = g_build_filename (folder, "zz-truncated.csv", NULL);

    copy_file (g_test_get_filename (G_TEST_DIST, "data", "loader", "truncated.csv", NULL), to);
  }
  check_append (folder, FALSE);

  remove_flat_dir (folder);
}

/* A FIFO where the store and the image should be is never waited on; a
 * cache folder that cannot be made costs only the store. */
static void
test_hostile_cache (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autofree char *path = NULL;
  g_autofree char *image = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PmDataset) csv = NULL;
  guint from_store = 0;

  generate (folder, "2021-07-13T10:00:00", "13", "30", "20");
  csv = load (folder, FALSE, NULL);
  path = store_path (folder);
  image = image_path (folder);
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

#ifdef G_OS_UNIX
  g_unlink (path);
  g_unlink (image);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_cmpint (mkfifo (image, 0600), ==, 0);
  {
    g_autoptr(PmDataset) d = load (folder, TRUE, &from_store);
    /* Listing the stores does not block on the FIFOs either. */
    g_autoptr(GPtrArray) list = pm_store_list ();

    g_assert_nonnull (list);
    assert_datasets_equal (csv, d);
    g_assert_cmpuint (from_store, ==, 0);
  }
  g_unlink (path);
  g_unlink (image);
#endif

  /* The cache folder is a file: nothing can be kept, everything still loads. */
  remove_flat_dir (dir);
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));
  {
    g_autoptr(PmDataset) d = load (folder, TRUE, &from_store);
    g_autoptr(GPtrArray) list = pm_store_list ();

    assert_datasets_equal (csv, d);
    g_assert_cmpuint (list->len, ==, 0);
  }
  g_unlink (dir);
  remove_flat_dir (folder);
}

typedef struct
{
  const char *folder;
  PmDataset  *csv;
  guint       rounds;
} Opener;

static gpointer
open_thread (gpointer data)
{
  Opener *opener = data;

  for (guint i = 0; i < opener->rounds; i++)
    {
      g_autoptr(PmDataset) d = load (opener->folder, TRUE, NULL);

      assert_datasets_equal (opener->csv, d);
    }
  return NULL;
}

/* Two opens of one folder at the same time, again and again, from a store
 * that is missing, then being replaced: each gets the CSV's dataset, and the
 * store left behind is whole. */
static void
test_concurrent (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autofree char *path = NULL;
  g_autofree char *image = NULL;
  g_autoptr(PmDataset) csv = NULL;
  Opener opener;
  GThread *threads[2];
  guint from_store = 0;

  generate (folder, "2021-07-13T10:00:00", "7", "50", "30");
  csv = load (folder, FALSE, NULL);
  path = store_path (folder);
  image = image_path (folder);
  opener = (Opener) { folder, csv, 6 };

  for (guint round = 0; round < 3; round++)
    {
      g_unlink (path);
      g_unlink (image);
      for (guint i = 0; i < 2; i++)
        threads[i] = g_thread_new ("opener", open_thread, &opener);
      for (guint i = 0; i < 2; i++)
        g_thread_join (threads[i]);
    }

  {
    g_autoptr(PmDataset) d = load (folder, TRUE, &from_store);

    assert_datasets_equal (csv, d);
    g_assert_cmpuint (from_store, ==, count_csv (folder));
  }

  /* No temporary file is left beside the store (the day's tidying leaves
   * its stamp). */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_true (g_str_has_suffix (name, ".store") || g_str_has_suffix (name, ".store.image") ||
                     strcmp (name, "tidied") == 0);
  }

  g_unlink (path);
  g_unlink (image);
  remove_flat_dir (folder);
}

/* ---- merging window by window as the files are read --------------------- */

/* Rows per piece of a file merged while it is read (0: the loader's own). */
static guint piece_rows;
static guint n_pieces;

static PmDataset *
load_merging (const char *folder,
              gboolean    merge_as_read,
              gboolean    use_store,
              gboolean   *merged,
              guint      *n_from_store)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  PmDataset *dataset;

  pm_loader_add_path (loader, folder);
  pm_loader_set_use_store (loader, use_store);
  _pm_loader_set_merge_as_read (loader, merge_as_read);
  if (piece_rows > 0)
    _pm_loader_set_piece_rows (loader, piece_rows);
  dataset = pm_loader_load (loader, NULL, NULL);
  *merged = _pm_loader_get_merged_as_read (loader);
  if (merge_as_read && !use_store)
    n_pieces = _pm_loader_get_n_pieces (loader);
  if (n_from_store != NULL)
    *n_from_store = _pm_loader_get_n_from_store (loader);
  return dataset;
}

/* Equal through the API and byte for byte in the image (every packed
 * chunk, every offset, every name, problem and report). */
static void
assert_same_bytes (PmDataset *a,
                   PmDataset *b)
{
  g_autoptr(GBytes) ia = NULL;
  g_autoptr(GBytes) ib = NULL;

  g_assert_cmpint (a == NULL, ==, b == NULL);
  if (a == NULL)
    return;
  assert_datasets_equal (a, b);
  ia = _pm_dataset_to_image (a);
  ib = _pm_dataset_to_image (b);
  g_assert_true (g_bytes_equal (ia, ib));
}

/* The usual merge of every part against the merge as the files are read:
 * without the store, with the store being made, and from the store's parts.
 * @expect_merged: whether the files were read in time order (-1: either).
 * Returns whether they were merged as read. */
static gboolean
check_merge_as_read (const char *folder,
                     int         expect_merged)
{
  g_autofree char *store = store_path (folder);
  g_autofree char *image = image_path (folder);
  g_autoptr(PmDataset) usual = NULL;
  g_autoptr(PmDataset) as_read = NULL;
  g_autoptr(PmDataset) made = NULL;
  g_autoptr(PmDataset) parts = NULL;
  gboolean merged = TRUE, as_read_merged = FALSE;
  guint from_store = 0;

  usual = load_merging (folder, FALSE, FALSE, &merged, NULL);
  g_assert_false (merged);
  as_read = load_merging (folder, TRUE, FALSE, &as_read_merged, NULL);
  if (expect_merged >= 0)
    g_assert_cmpint (as_read_merged, ==, expect_merged);
  assert_same_bytes (usual, as_read);

  g_unlink (store);
  g_unlink (image);
  made = load_merging (folder, TRUE, TRUE, &merged, NULL);
  g_assert_cmpint (merged, ==, as_read_merged);
  assert_same_bytes (usual, made);
  g_unlink (image);
  parts = load_merging (folder, TRUE, TRUE, &merged, &from_store);
  g_assert_cmpint (merged, ==, as_read_merged);
  assert_same_bytes (usual, parts);
  /* A file merged in pieces is not kept in the store (the image keeps it). */
  if (usual != NULL && n_pieces == 0)
    g_assert_cmpuint (from_store, ==, count_csv (folder));
  else if (usual != NULL && as_read_merged)
    g_assert_cmpuint (from_store, <, count_csv (folder));
  g_unlink (store);
  g_unlink (image);
  return as_read_merged;
}

/* Copies each loader fixture (*.csv) into a folder of its own and calls
 * @check on that folder. Returns how many fixtures there were. */
static guint
each_fixture_alone (void   (*check) (const char *folder,
                                     gpointer    data),
                    gpointer data)
{
  const char *fixtures = g_test_get_filename (G_TEST_DIST, "data", "loader", NULL);
  g_autoptr(GDir) dir = g_dir_open (fixtures, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (fixtures, name, NULL);
      g_autofree char *one = NULL;
      g_autofree char *to = NULL;

      if (!g_str_has_suffix (name, ".csv"))
        continue;
      one = make_temp_dir ();
      to = g_build_filename (one, name, NULL);
      copy_file (from, to);
      g_test_message ("fixture %s", name);
      check (one, data);
      remove_flat_dir (one);
      n++;
    }
  return n;
}

/* Counts the fixtures merged as read. */
static void
count_merged (const char *folder,
              gpointer    data)
{
  *(guint *) data += check_merge_as_read (folder, -1);
}

/* Counts the fixtures whose snapshots went to the merge in pieces. */
static void
count_streamed (const char *folder,
                gpointer    data)
{
  check_merge_as_read (folder, -1);
  *(guint *) data += n_pieces > 0;
}

/* One snapshot at @start, written into @folder under @name. */
static void
add_one_snapshot (const char *folder,
                  const char *start,
                  const char *name)
{
  g_autofree char *tmp = make_temp_dir ();
  g_autoptr(GDir) dir = NULL;
  const char *made;

  generate (tmp, start, "1", "40", "1");
  dir = g_dir_open (tmp, 0, NULL);
  while ((made = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (tmp, made, NULL);
      g_autofree char *to = g_build_filename (folder, name, NULL);

      copy_file (from, to);
    }
  remove_flat_dir (tmp);
}

/* A folder of several windows of 512 snapshots, with reboots and tags that
 * first appear late, merges as it is read into the very dataset of the usual
 * merge; a file out of time order (first or last) falls back to the usual
 * merge, with the same answer. So does every loader fixture. */
static void
test_merge_as_read (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autofree char *early = g_build_filename (folder, "zzz-early.pool.csv", NULL);
  g_autofree char *late = g_build_filename (folder, "0000-late.pool.csv", NULL);
  guint n, n_merged = 0;

  generate (folder, "2021-07-13T10:00:00", "1", "40", "600");
  generate (folder, "2021-07-20T00:00:00", "1", "40", "500");     /* a reboot */
  generate (folder, "2021-07-25T00:00:00", "3", "45", "200");     /* late tags */
  {
    g_autoptr(PmDataset) d = load (folder, FALSE, NULL);
    guint n_boots = 0;

    pm_dataset_get_boots (d, &n_boots);
    g_assert_cmpuint (n_boots, >=, 2);
    g_assert_cmpuint (pm_dataset_get_n_snapshots (d), ==, 1300);
  }
  g_assert_true (check_merge_as_read (folder, TRUE));

  /* Names whose local time goes back (as when summer time ends) but whose
   * epoch does not: read in the epoch's order, still merged as read. */
  {
    g_autoptr(GDir) files = g_dir_open (folder, 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    const char *file;

    /* The third run's (from 2021-07-25T00:00:00Z) go first by name. */
    while ((file = g_dir_read_name (files)) != NULL)
      if (strlen (file) > 20 && g_ascii_strtoll (file + 20, NULL, 10) >= 1627171200)
        g_ptr_array_add (names, g_strdup (file));
    g_assert_cmpuint (names->len, >, 0);
    for (guint i = 0; i < names->len; i++)
      {
        const char *old = g_ptr_array_index (names, i);
        g_autofree char *from = g_build_filename (folder, old, NULL);
        g_autofree char *renamed = g_strconcat ("2021.07.01", old + 10, NULL);
        g_autofree char *to = g_build_filename (folder, renamed, NULL);

        g_assert_cmpint (g_rename (from, to), ==, 0);
      }
  }
  g_assert_true (check_merge_as_read (folder, TRUE));

  add_one_snapshot (folder, "2021-07-01T00:00:00", "zzz-early.pool.csv");
  g_assert_false (check_merge_as_read (folder, FALSE));
  g_unlink (early);
  add_one_snapshot (folder, "2021-08-01T00:00:00", "0000-late.pool.csv");
  g_assert_false (check_merge_as_read (folder, FALSE));
  g_unlink (late);
  remove_flat_dir (folder);

  n = each_fixture_alone (count_merged, &n_merged);
  g_assert_cmpuint (n_merged, >=, n / 2);
}

/* The old sampler's loop mode: @n_snapshots snapshots in one file, appended
 * to @file (its header again, as a sampler started anew writes it). */
static void
append_loop (const char *file,
             const char *start,
             const char *seed,
             const char *tags,
             const char *snapshots)
{
  g_autofree char *tmp = make_temp_dir ();
  const char *generator = g_getenv ("PM_GENERATE");
  const char *argv[] = { generator, "--out", tmp, "--start", start, "--seed", seed,
                         "--tags", tags, "--snapshots", snapshots, "--encoding", "utf8",
                         "--layout", "loop", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  const char *made;
  int status = 1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  if (g_file_test (file, G_FILE_TEST_EXISTS))
    {
      g_autofree char *old = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (file, &old, &len, NULL));
      g_string_append_len (all, old, len);
    }
  dir = g_dir_open (tmp, 0, NULL);
  while ((made = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (tmp, made, NULL);
      g_autofree char *text = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (from, &text, &len, NULL));
      g_string_append_len (all, text, len);
    }
  g_assert_true (g_file_set_contents (file, all->str, all->len, NULL));
  remove_flat_dir (tmp);
}

/* One loop-mode file of 1,300 snapshots (three windows) with a reboot and
 * tags that first appear late, merged in pieces while it is read, is the
 * dataset of the usual merge byte for byte, whatever the pieces' size; so is
 * it beside one-snapshot files. A file that goes back in time after its
 * first pieces were merged is read again and merged the usual way. */
static void
test_merge_as_read_loop (void)
{
  g_autofree char *folder = make_temp_dir ();
  g_autofree char *loop = g_build_filename (folder, "loop.pool.csv", NULL);
  g_autofree char *back = g_build_filename (folder, "loop2.pool.csv", NULL);
  const guint sizes[] = { 1, 1000, 40 * 512 + 7, 0 };

  append_loop (loop, "2021-07-13T10:00:00", "1", "40", "600");
  append_loop (loop, "2021-07-20T00:00:00", "1", "40", "500");      /* a reboot */
  append_loop (loop, "2021-07-25T00:00:00", "3", "45", "200");      /* late tags */
  {
    g_autoptr(PmDataset) d = load (folder, FALSE, NULL);
    guint n_boots = 0;

    pm_dataset_get_boots (d, &n_boots);
    g_assert_cmpuint (n_boots, >=, 1);
    g_assert_cmpuint (pm_dataset_get_n_snapshots (d), ==, 1300);
    g_assert_cmpuint (pm_dataset_get_n_tags (d), ==, 45);
  }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      piece_rows = sizes[i];
      g_test_message ("pieces of %u rows", piece_rows);
      g_assert_true (check_merge_as_read (folder, TRUE));
      if (piece_rows == 1)
        g_assert_cmpuint (n_pieces, >=, 1299);
      else if (piece_rows == 1000)
        g_assert_cmpuint (n_pieces, >=, 40);
      else if (piece_rows == 0)
        g_assert_cmpuint (n_pieces, ==, 0);       /* 52,000 rows: one piece is the file */
    }

  /* Another loop file after it, in time order, then one going back in time
   * in its middle: the merge as read stops there. */
  append_loop (back, "2021-08-01T00:00:00", "4", "45", "100");
  piece_rows = 1000;
  g_assert_true (check_merge_as_read (folder, TRUE));
  append_loop (back, "2021-07-30T00:00:00", "4", "45", "100");
  g_assert_false (check_merge_as_read (folder, FALSE));
  g_assert_cmpuint (n_pieces, >, 40);     /* the first file's, and some of the second's */
  remove_flat_dir (folder);

  /* Every loader fixture, each snapshot a piece: problems (skipped rows, a
   * repeated header, a truncated file, tags twice in a snapshot) and
   * reports as from the whole file. */
  {
    guint n_streamed = 0;

    piece_rows = 1;
    g_test_message ("every fixture again, each snapshot a piece");
    each_fixture_alone (count_streamed, &n_streamed);
    g_assert_cmpuint (n_streamed, >=, 5);
  }
  piece_rows = 0;
}

/* ---- tidying the cache ---------------------------------------------------- */

/* Sets a file's access and modification times to @days_ago days ago. */
static void
age_file (const char *path,
          double      days_ago)
{
  struct utimbuf times;
  time_t when = (time_t) (g_get_real_time () / G_USEC_PER_SEC - days_ago * 24 * 3600);

  times.actime = when;
  times.modtime = when;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static gboolean
exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A folder loaded with the store, then renamed away: its store stays,
 * aged @days_ago days. Returns the folder's new name. */
static char *
gone_folder_store (const char  *seed,
                   double       days_ago,
                   char       **store,
                   char       **image)
{
  g_autofree char *folder = make_temp_dir ();
  g_autoptr(PmDataset) d = NULL;
  char *moved = g_strconcat (folder, ".gone", NULL);

  generate (folder, "2021-07-13T10:00:00", seed, "6", "8");
  d = load (folder, TRUE, NULL);
  g_assert_nonnull (d);
  *store = store_path (folder);
  *image = image_path (folder);
  g_assert_true (exists (*store));
  g_assert_true (exists (*image));
  g_assert_cmpint (g_rename (folder, moved), ==, 0);
  age_file (*store, days_ago);
  age_file (*image, days_ago);
  return moved;
}

/* Loads a new folder with the store (a parse, so a store is written and the
 * cache may be tidied) and returns it. */
static char *
parse_new_folder (const char *seed)
{
  char *folder = make_temp_dir ();
  g_autoptr(PmDataset) d = NULL;
  guint from_store = 1;

  generate (folder, "2021-07-13T10:00:00", seed, "6", "8");
  d = load (folder, TRUE, &from_store);
  g_assert_nonnull (d);
  g_assert_cmpuint (from_store, ==, 0);
  return folder;
}

/* Once a day, when a store is written, the stores of folders that are gone
 * and unused for PM_STORE_UNUSED_DAYS are removed; nothing else is. A store
 * reopened counts as used; clear_unused (0) removes every store of a folder
 * gone at once, but never a write younger than an hour. */
static void
test_tidy (void)
{
  g_autofree char *dir = _pm_store_dir ();
  g_autofree char *stamp = g_build_filename (dir, "tidied", NULL);
  g_autofree char *old_store = NULL, *old_image = NULL;
  g_autofree char *recent_store = NULL, *recent_image = NULL;
  g_autofree char *old = gone_folder_store ("41", PM_STORE_UNUSED_DAYS + 1, &old_store, &old_image);
  g_autofree char *recent = gone_folder_store ("42", PM_STORE_UNUSED_DAYS - 1, &recent_store,
                                               &recent_image);
  g_autofree char *kept = NULL, *kept_store = NULL, *kept_image = NULL;
  g_autofree char *second = NULL, *third = NULL;
  g_autofree char *young_write = g_build_filename (dir, "0123456789abcdef0123456789abcdef.store.Ab12Cd", NULL);
  g_autofree char *old_write = g_build_filename (dir, "0123456789abcdef0123456789abcdef.store.Zz98Yy", NULL);
  guint removed = 0;
  guint64 freed = 0;

  /* A folder that still exists, its store long unused: kept. */
  kept = parse_new_folder ("43");
  kept_store = store_path (kept);
  kept_image = image_path (kept);
  age_file (kept_store, 400);
  age_file (kept_image, 400);

  /* Tidied two days ago: the next parse tidies. */
  g_assert_true (g_file_set_contents (stamp, "", 0, NULL));
  age_file (stamp, 2);
  second = parse_new_folder ("44");
  g_assert_false (exists (old_store));
  g_assert_false (exists (old_image));
  g_assert_true (exists (recent_store));
  g_assert_true (exists (recent_image));
  g_assert_true (exists (kept_store));
  g_assert_true (exists (kept_image));

  /* Tidied just now: the same day does not tidy again. */
  age_file (recent_store, PM_STORE_UNUSED_DAYS + 5);
  age_file (recent_image, PM_STORE_UNUSED_DAYS + 5);
  third = parse_new_folder ("45");
  g_assert_true (exists (recent_store));

  /* Reopened from its image: used now, its modification time kept. */
  {
    GStatBuf before, after;
    g_autoptr(PmDataset) d = NULL;
    g_autoptr(GPtrArray) list = NULL;
    guint from_store = 0;
    gboolean seen = FALSE;

    g_assert_cmpint (g_stat (kept_image, &before), ==, 0);
    d = load (kept, TRUE, &from_store);
    g_assert_nonnull (d);
    g_assert_cmpuint (from_store, >, 0);
    g_assert_cmpint (g_stat (kept_image, &after), ==, 0);
    g_assert_cmpint ((gint64) after.st_mtime, ==, (gint64) before.st_mtime);
    list = pm_store_list ();
    for (guint i = 0; i < list->len; i++)
      {
        const PmStoreInfo *info = g_ptr_array_index (list, i);

        if (strcmp (info->path, kept_store) == 0)
          {
#ifdef G_OS_UNIX
            g_assert_cmpint (info->last_used, >=, g_get_real_time () / G_USEC_PER_SEC - 60);
#endif
            g_assert_true (info->folder_exists);
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }

  /* At once: every store of a folder gone, a write left by a crash; not a
   * write in progress, not a folder that exists. */
  g_assert_true (g_file_set_contents (young_write, "half", -1, NULL));
  g_assert_true (g_file_set_contents (old_write, "half", -1, NULL));
  age_file (old_write, 2.0 / 24);
  g_assert_true (pm_store_clear_unused (0, &removed, &freed, NULL));
  g_assert_false (exists (recent_store));
  g_assert_false (exists (recent_image));
  g_assert_false (exists (old_write));
  g_assert_true (exists (young_write));
  g_assert_true (exists (kept_store));
  for (const char *const *f = (const char *const[]) { second, third, NULL }; *f != NULL; f++)
    {
      g_autofree char *store = store_path (*f);

      g_assert_true (exists (store));
    }
  g_assert_cmpuint (removed, >=, 2);
  g_assert_cmpuint (freed, >, 0);

  g_unlink (young_write);
  for (const char *const *f = (const char *const[]) { old, recent, kept, second, third, NULL };
       *f != NULL; f++)
    remove_flat_dir (*f);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cache = g_dir_make_tmp ("pm-store-cache-XXXXXX", NULL);
  g_autofree char *stores = NULL;
  int status;

  /* Stores go to a cache folder of this run's own, set before GLib reads it. */
  g_assert_nonnull (cache);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/store/fixtures", test_fixtures);
  g_test_add_func ("/poolstats/store/generated", test_generated);
  g_test_add_func ("/poolstats/store/damage", test_damage);
  g_test_add_func ("/poolstats/store/generated-image", test_generated_image);
  g_test_add_func ("/poolstats/store/hostile-cache", test_hostile_cache);
  g_test_add_func ("/poolstats/store/append", test_append);
  g_test_add_func ("/poolstats/store/concurrent", test_concurrent);
  g_test_add_func ("/poolstats/store/merge-as-read", test_merge_as_read);
  g_test_add_func ("/poolstats/store/merge-as-read-loop", test_merge_as_read_loop);
  g_test_add_func ("/poolstats/store/tidy", test_tidy);

  status = g_test_run ();
  stores = g_build_filename (cache, "poolmonviz", NULL);
  remove_flat_dir (stores);
  g_rmdir (cache);
  return status;
}
