/* test-runs.c: paths that are separate runs are never merged; day folders are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Folders written by the real generator (PM_GENERATE) with other seeds and
 * start times, loaded through the real loader: interleaving runs, runs at the
 * same times, runs of two machines one after the other, and one run split
 * into day folders (given in any order), a reboot between day folders.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "pm-loader.h"
#include "pm-run-set.h"
#include "test-common.h"

typedef struct
{
  char *root;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->root = g_dir_make_tmp ("pm-runs-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->root, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->root, name, NULL);

      remove_flat_dir (path);
    }
  g_rmdir (f->root);
  g_free (f->root);
}

/* 40 tags, 48 snapshots every 30 min (one day), UTF-8, one file each. */
static char *
generate (Fixture    *f,
          const char *name,
          const char *seed,
          const char *start)
{
  char *dir = g_build_filename (f->root, name, NULL);
  const char *argv[] = {
    g_getenv ("PM_GENERATE"), "--out", dir, "--encoding", "utf8", "--tags", "40",
    "--snapshots", "48", "--interval", "1800", "--seed", seed, "--start", start, NULL
  };

  g_assert_nonnull (argv[0]);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  spawn_ok (argv);

  return dir;
}

/* Moves the files of @dir from the @keep-th on (in name order, which is time
 * order) into a new folder @name: a run split into two day folders. */
static char *
split (Fixture    *f,
       const char *dir,
       const char *name,
       guint       keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char *second = g_build_filename (f->root, name, NULL);
  const char *entry;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_strings);
  g_assert_cmpuint (names->len, >, keep);

  g_assert_cmpint (g_mkdir (second, 0755), ==, 0);
  for (guint i = keep; i < names->len; i++)
    {
      g_autofree char *from = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *to = g_build_filename (second, g_ptr_array_index (names, i), NULL);

      g_assert_cmpint (g_rename (from, to), ==, 0);
    }

  return second;
}

static PmRunSet *
load_runs (const char *first,
           ...)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(GError) error = NULL;
  PmRunSet *runs;
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    pm_loader_add_path (loader, path);
  va_end (args);

  runs = pm_loader_load_runs (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (runs);
  return runs;
}

static void
assert_paths (PmRunSet   *runs,
              guint       run,
              const char *first,
              ...)
{
  const char * const *paths = pm_run_set_get_paths (runs, run);
  guint i = 0;
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *), i++)
    g_assert_cmpstr (paths[i], ==, path);
  va_end (args);
  g_assert_null (paths[i]);
}

/* Run B starts a quarter of an hour after A, same interval: their snapshots
 * alternate. Two runs, each whole; the reason names both paths. */
static void
test_interleaved (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = generate (f, "runA", "1", "2021-07-13T00:00:00");
  g_autofree char *b = generate (f, "runB", "2", "2021-07-13T00:15:00");
  g_autoptr(PmRunSet) runs = load_runs (a, b, NULL);
  const char *reason;

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  g_assert_cmpstr (pm_run_set_get_name (runs, 0), ==, "runA");
  g_assert_cmpstr (pm_run_set_get_name (runs, 1), ==, "runB");
  assert_paths (runs, 0, a, NULL);
  assert_paths (runs, 1, b, NULL);
  for (guint r = 0; r < 2; r++)
    {
      PmDataset *dataset = pm_run_set_get_dataset (runs, r);

      g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 48);
      guint n_boots = 99;

      g_assert_cmpuint (pm_dataset_get_n_problems (dataset), ==, 0);
      /* No reboot every other snapshot, as a merge of two machines shows. */
      g_assert_nonnull (pm_dataset_get_boots (dataset, &n_boots));
      g_assert_cmpuint (n_boots, ==, 0);
    }

  g_assert_cmpint (pm_run_set_get_separation (runs, 0), ==, PM_RUN_SEPARATION_NONE);
  g_assert_null (pm_run_set_get_reason (runs, 0));
  g_assert_cmpint (pm_run_set_get_separation (runs, 1), ==, PM_RUN_SEPARATION_INTERLEAVED);
  reason = pm_run_set_get_reason (runs, 1);
  g_assert_nonnull (strstr (reason, a));
  g_assert_nonnull (strstr (reason, b));
  g_assert_nonnull (strstr (reason, "interleave"));

  /* Given the other way round, B is the first run. */
  {
    g_autoptr(PmRunSet) swapped = load_runs (b, a, NULL);

    g_assert_cmpuint (pm_run_set_get_n_runs (swapped), ==, 2);
    g_assert_cmpstr (pm_run_set_get_name (swapped, 0), ==, "runB");
    g_assert_cmpstr (pm_run_set_get_name (swapped, 1), ==, "runA");
  }
}

/* pm_loader_load() (one dataset) loads the first run only and reports the
 * other as a problem that says why; nothing is merged. */
static void
test_single_dataset_api (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = generate (f, "control", "1", "2021-07-13T00:00:00");
  g_autofree char *b = generate (f, "test", "2", "2021-07-13T00:10:00");
  const char *paths[] = { a, b, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) dataset = pm_dataset_load (paths, NULL, &error);
  const PmProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 48);
  g_assert_cmpuint (pm_dataset_get_files (dataset)->len, ==, 48);
  g_assert_cmpuint (pm_dataset_get_n_problems (dataset), ==, 1);
  problem = g_ptr_array_index (pm_dataset_get_problems (dataset), 0);
  g_assert_cmpstr (problem->file, ==, b);
  g_assert_cmpuint (problem->line, ==, 0);
  g_assert_nonnull (strstr (problem->message, "separate run ('test')"));
  g_assert_nonnull (strstr (problem->message, "'control'"));
  g_assert_nonnull (strstr (problem->message, "interleave"));
}

/* Two machines sampled at the same seconds: the same times, other counters. */
static void
test_same_times (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = generate (f, "m1", "1", "2021-07-13T00:00:00");
  g_autofree char *b = generate (f, "m2", "7", "2021-07-13T00:00:00");
  g_autoptr(PmRunSet) runs = load_runs (a, b, NULL);
  const char *reason;

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  g_assert_cmpint (pm_run_set_get_separation (runs, 1), ==, PM_RUN_SEPARATION_CONFLICT);
  reason = pm_run_set_get_reason (runs, 1);
  g_assert_nonnull (strstr (reason, "same snapshot times (48, from 2021-07-13T00:00:00)"));
  g_assert_nonnull (strstr (reason, "different counters"));
  for (guint r = 0; r < 2; r++)
    g_assert_cmpuint (pm_dataset_get_n_problems (pm_run_set_get_dataset (runs, r)), ==, 0);
}

/* Another machine's run the next day: time ranges apart, but the counters
 * neither continue nor restart at the join. */
static void
test_next_day_other_machine (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *a = generate (f, "monday", "1", "2021-07-12T00:00:00");
  g_autofree char *b = generate (f, "tuesday", "5", "2021-07-13T00:00:00");
  g_autoptr(PmRunSet) runs = load_runs (a, b, NULL);
  const char *reason;

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  g_assert_cmpint (pm_run_set_get_separation (runs, 1), ==, PM_RUN_SEPARATION_COUNTERS);
  reason = pm_run_set_get_reason (runs, 1);
  g_assert_nonnull (strstr (reason, "neither continue nor start again"));
  g_assert_nonnull (strstr (reason, "2021-07-12T23:30:00"));
  g_assert_nonnull (strstr (reason, "2021-07-13T00:00:00"));
}

/* The next day, counters that start again as after a reboot, but six times
 * the tags: not the same machine. (39 in common: the late tag Usbp is not
 * there yet at the big run's first snapshot.) */
static void
test_next_day_other_tags (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *a = generate (f, "small", "6", "2021-07-12T00:00:00");
  g_autofree char *b = g_build_filename (f->root, "big", NULL);
  const char *argv[] = {
    g_getenv ("PM_GENERATE"), "--out", b, "--encoding", "utf8", "--tags", "240",
    "--snapshots", "4", "--interval", "1800", "--seed", "6", "--start", "2021-07-13T00:00:00", NULL
  };
  g_autoptr(PmRunSet) runs = NULL;

  g_assert_cmpint (g_mkdir (b, 0755), ==, 0);
  spawn_ok (argv);

  runs = load_runs (a, b, NULL);
  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  g_assert_cmpint (pm_run_set_get_separation (runs, 1), ==, PM_RUN_SEPARATION_TAGS);
  g_assert_nonnull (strstr (pm_run_set_get_reason (runs, 1), "only 39 of 240 tags in common"));
}

/* One run split into two day folders loads as one, in either order, with
 * the same numbers as the whole folder. */
static void
test_day_folders (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *whole = generate (f, "whole", "3", "2021-07-13T00:00:00");
  g_autofree char *day1 = generate (f, "day1", "3", "2021-07-13T00:00:00");
  g_autofree char *day2 = split (f, day1, "day2", 20);
  g_autoptr(PmRunSet) runs = load_runs (day1, day2, NULL);
  g_autoptr(PmRunSet) reversed = load_runs (day2, day1, NULL);
  g_autoptr(PmRunSet) one = load_runs (whole, NULL);
  PmDataset *merged = pm_run_set_get_dataset (runs, 0);
  PmDataset *reference = pm_run_set_get_dataset (one, 0);
  guint n_boots = 99;

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 1);
  g_assert_cmpuint (pm_run_set_get_n_runs (reversed), ==, 1);
  g_assert_cmpstr (pm_run_set_get_name (runs, 0), ==, "day1");
  g_assert_cmpstr (pm_run_set_get_name (reversed, 0), ==, "day2");
  assert_paths (runs, 0, day1, day2, NULL);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (merged), ==, 48);
  g_assert_cmpuint (pm_dataset_get_n_problems (merged), ==, 0);
  pm_dataset_get_boots (merged, &n_boots);
  g_assert_cmpuint (n_boots, ==, 0);
  g_assert_cmpuint (pm_dataset_get_n_tags (merged), ==, pm_dataset_get_n_tags (reference));
  for (guint t = 0; t <= pm_dataset_get_n_tags (merged); t++)
    for (guint s = 0; s < 48; s += 7)
      g_assert_cmpint (pm_dataset_get_value (merged, PM_METRIC_TOTAL_DIFF, t, s), ==,
                       pm_dataset_get_value (reference, PM_METRIC_TOTAL_DIFF, t, s));

  /* And through the one-dataset call, as before: no problem at all. */
  {
    const char *paths[] = { day1, day2, NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(PmDataset) dataset = pm_dataset_load (paths, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 48);
    g_assert_cmpuint (pm_dataset_get_n_problems (dataset), ==, 0);
  }
}

/* A file of the day boundary copied into both day folders: the same
 * snapshot with the same counters, one run (the copy reported once). */
static void
test_day_folders_shared_file (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *day1 = generate (f, "d1", "3", "2021-07-13T00:00:00");
  g_autofree char *day2 = split (f, day1, "d2", 24);
  g_autoptr(GDir) d = g_dir_open (day2, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PmRunSet) runs = NULL;
  g_autofree char *from = NULL, *to = NULL, *text = NULL;
  const char *entry;
  PmDataset *dataset;

  while ((entry = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_strings);
  from = g_build_filename (day2, g_ptr_array_index (names, 0), NULL);
  to = g_build_filename (day1, g_ptr_array_index (names, 0), NULL);
  g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (to, text, -1, NULL));

  runs = load_runs (day1, day2, NULL);
  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 1);
  dataset = pm_run_set_get_dataset (runs, 0);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 48);
  g_assert_cmpuint (pm_dataset_get_n_problems (dataset), ==, 1);
}

/* The same machine restarted between the day folders (its counters start
 * again): one run, with the reboot at the join. */
static void
test_day_folders_reboot (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = generate (f, "before", "4", "2021-07-12T00:00:00");
  g_autofree char *b = generate (f, "after", "4", "2021-07-13T00:00:00");
  g_autoptr(PmRunSet) runs = load_runs (a, b, NULL);
  PmDataset *dataset = pm_run_set_get_dataset (runs, 0);
  const guint *boots;
  guint n_boots = 0;

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 1);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 96);
  boots = pm_dataset_get_boots (dataset, &n_boots);
  g_assert_cmpuint (n_boots, ==, 1);
  g_assert_cmpuint (boots[0], ==, 48);
}

/* A folder given twice, or a file that is in both day folders: the same
 * snapshots with the same counters are one run (the copies are reported as
 * duplicates, as before). */
static void
test_same_folder_twice (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *a = generate (f, "run", "1", "2021-07-13T00:00:00");
  g_autoptr(PmRunSet) runs = load_runs (a, a, NULL);
  PmDataset *dataset = pm_run_set_get_dataset (runs, 0);

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 1);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 48);
  g_assert_cmpuint (pm_dataset_get_n_problems (dataset), >, 0);
}

/* Day folders of run A and a run B that interleaves with them: two runs, the
 * first of both of A's folders. Names that clash are told apart by path. */
static void
test_three_paths (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *day1 = generate (f, "day1", "3", "2021-07-13T00:00:00");
  g_autofree char *day2 = split (f, day1, "day2", 24);
  g_autofree char *b = generate (f, "other", "9", "2021-07-13T06:05:00");
  g_autoptr(PmRunSet) runs = load_runs (day1, b, day2, NULL);
  g_autofree char *text = pm_run_set_describe (runs);

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  assert_paths (runs, 0, day1, day2, NULL);
  assert_paths (runs, 1, b, NULL);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_run_set_get_dataset (runs, 0)), ==, 48);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (pm_run_set_get_dataset (runs, 1)), ==, 48);
  g_assert_true (g_str_has_prefix (text, "2 separate runs, not merged:\n  run 1 'day1': "));
  g_assert_nonnull (strstr (text, "\n  run 2 'other': "));
}

/* A path with no snapshots goes with the first run, its problem with it. */
static void
test_empty_path (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (f->root, "empty", NULL);
  g_autofree char *a = generate (f, "a", "1", "2021-07-13T00:00:00");
  g_autofree char *b = generate (f, "b", "2", "2021-07-13T00:15:00");
  g_autoptr(PmRunSet) runs = NULL;

  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);
  runs = load_runs (empty, b, a, NULL);
  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  g_assert_cmpstr (pm_run_set_get_name (runs, 0), ==, "b");
  assert_paths (runs, 0, empty, b, NULL);
  assert_paths (runs, 1, a, NULL);
}

static void
runs_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PmRunSet **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pm_loader_load_runs_finish (PM_LOADER (source), result, &error);
  g_assert_no_error (error);
}

/* The same in a worker thread, as a window loads. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *a = generate (f, "a", "1", "2021-07-13T00:00:00");
  g_autofree char *b = generate (f, "b", "2", "2021-07-13T00:15:00");
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(PmRunSet) runs = NULL;

  pm_loader_add_path (loader, a);
  pm_loader_add_path (loader, b);
  pm_loader_load_runs_async (loader, NULL, runs_loaded_cb, &runs);
  while (runs == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  g_assert_cmpint (pm_run_set_get_separation (runs, 1), ==, PM_RUN_SEPARATION_INTERLEAVED);

  /* The loader's next one-dataset load is not affected by the runs call. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PmDataset) dataset = pm_loader_load (loader, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pm_dataset_get_n_problems (dataset), ==, 1);
  }
}

/* Elapsed time lines runs up at their starts; the clock keeps them apart. */
static void
test_alignment (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = generate (f, "a", "1", "2021-07-12T00:00:00");
  g_autofree char *b = generate (f, "b", "2", "2021-07-12T12:00:00");
  g_autoptr(PmRunSet) runs = load_runs (a, b, NULL);
  gint64 x0, x1, t_a, t_b;
  guint first, n;

  g_assert_cmpuint (pm_run_set_get_n_runs (runs), ==, 2);
  g_assert_true (pm_parse_timestamp ("2021-07-12T00:00:00", 19, &t_a));
  g_assert_true (pm_parse_timestamp ("2021-07-12T12:00:00", 19, &t_b));

  g_assert_cmpint (pm_run_set_get_origin (runs, 1, PM_RUN_ALIGN_ELAPSED, PM_TIME_BASE_UTC), ==, t_b);
  g_assert_cmpint (pm_run_set_get_origin (runs, 1, PM_RUN_ALIGN_CLOCK, PM_TIME_BASE_UTC), ==, 0);
  pm_run_set_get_span (runs, 1, PM_RUN_ALIGN_ELAPSED, PM_TIME_BASE_UTC, &x0, &x1);
  g_assert_cmpint (x0, ==, 0);
  g_assert_cmpint (x1, ==, 47 * 1800);

  g_assert_true (pm_run_set_get_common_span (runs, PM_RUN_ALIGN_ELAPSED, PM_TIME_BASE_UTC, &x0, &x1));
  g_assert_cmpint (x0, ==, 0);
  g_assert_cmpint (x1, ==, 47 * 1800);
  g_assert_true (pm_run_set_get_common_span (runs, PM_RUN_ALIGN_CLOCK, PM_TIME_BASE_UTC, &x0, &x1));
  g_assert_cmpint (x0, ==, t_b);
  g_assert_cmpint (x1, ==, t_a + 47 * 1800);
  pm_run_set_get_full_span (runs, PM_RUN_ALIGN_CLOCK, PM_TIME_BASE_UTC, &x0, &x1);
  g_assert_cmpint (x0, ==, t_a);
  g_assert_cmpint (x1, ==, t_b + 47 * 1800);

  /* The first hour of elapsed time is snapshots 0..2 of either run. */
  g_assert_true (pm_run_set_get_snapshot_range (runs, 1, PM_RUN_ALIGN_ELAPSED, PM_TIME_BASE_UTC,
                                                0, 3600, &first, &n));
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (n, ==, 3);
  /* On the clock, A's snapshots from B's start on: 24 .. 47. */
  g_assert_true (pm_run_set_get_snapshot_range (runs, 0, PM_RUN_ALIGN_CLOCK, PM_TIME_BASE_UTC,
                                                t_b, G_MAXINT64, &first, &n));
  g_assert_cmpuint (first, ==, 24);
  g_assert_cmpuint (n, ==, 24);
  g_assert_false (pm_run_set_get_snapshot_range (runs, 0, PM_RUN_ALIGN_ELAPSED, PM_TIME_BASE_UTC,
                                                 48 * 1800, G_MAXINT64, &first, &n));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/poolstats/runs/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("interleaved", test_interleaved);
  ADD ("single-dataset-api", test_single_dataset_api);
  ADD ("same-times", test_same_times);
  ADD ("next-day-other-machine", test_next_day_other_machine);
  ADD ("next-day-other-tags", test_next_day_other_tags);
  ADD ("day-folders", test_day_folders);
  ADD ("day-folders-shared-file", test_day_folders_shared_file);
  ADD ("day-folders-reboot", test_day_folders_reboot);
  ADD ("same-folder-twice", test_same_folder_twice);
  ADD ("three-paths", test_three_paths);
  ADD ("empty-path", test_empty_path);
  ADD ("async", test_async);
  ADD ("alignment", test_alignment);
#undef ADD

  return g_test_run ();
}
