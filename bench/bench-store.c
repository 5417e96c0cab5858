/* bench-store.c: opening the 3,000 x 2,880 folder with the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's goals on the folder of bench-load.c: the first open, which
 * parses every file and writes the store, as fast as a load without it
 * (<= 2.5 s, >= 3.5 M rows/s); a reopen from the store (<= 0.25 s); one new
 * file added, then a reopen (<= 0.1 s plus that file's parse). The user's
 * folder is never touched: the bench opens a folder of symbolic links to its
 * files, and the store goes to a temporary XDG_CACHE_HOME.
 *
 *   bench-store [--generator PM_GENERATE] [--runs N] [DIR]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "poolstats.h"
#include "pm-dataset-private.h"
#include "pm-store-private.h"

#include "bench-common.h"

/* CPU seconds (user + system, every thread) of the last time_load(): on a
 * shared machine the wall time says little, this says what the work costs. */
static double last_cpu;
static gboolean last_appended;

/* Loads @folder; returns seconds, the dataset in *out when asked. */
static double
time_load (const char  *folder,
           gboolean     use_store,
           guint       *n_from_store,
           PmDataset  **out)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = bench_cpu_seconds ();
  PmDataset *dataset;
  double seconds;

  pm_loader_add_path (loader, folder);
  pm_loader_set_use_store (loader, use_store);
  dataset = pm_loader_load (loader, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND;
  last_cpu = bench_cpu_seconds () - cpu_start;
  if (dataset == NULL)
    {
      g_printerr ("load of %s failed: %s\n", folder, error->message);
      exit (1);
    }
  if (n_from_store != NULL)
    *n_from_store = _pm_loader_get_n_from_store (loader);
  last_appended = _pm_loader_get_appended (loader);
  if (out != NULL)
    *out = dataset;
  else
    g_object_unref (dataset);
  return seconds;
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), bench_compare_double);
  return values[n / 2];
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *generator = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("[DIR]");
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *work = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *abs_folder = NULL;
  g_autoptr(PmDataset) dataset = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *folder, *name;
  int runs = 3;
  double times[16], plain, first, reopen, one_parse, after_new;
  guint n_files = 0, from_store = 0;
  guint64 rows = 0;
  GPtrArray *files;
  const GOptionEntry entries[] = {
    { "generator", 0, 0, G_OPTION_ARG_FILENAME, &generator, "pm-generate, to make a missing folder and the new file", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Reopens to time (default 3)", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  /* Before GLib reads it: the store goes to a temporary cache folder. */
  cache = g_dir_make_tmp ("pm-bench-store-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  runs = CLAMP (runs, 1, (int) G_N_ELEMENTS (times));
  folder = bench_folder (rest);

  if (!bench_ensure_folder (folder, generator))
    return 1;

  /* A folder of links to the files, so one can be added. The links name
   * their targets by absolute paths: the folder may be given relative to
   * the current directory, the links live in another. */
  abs_folder = g_canonicalize_filename (folder, NULL);
  folder = abs_folder;
  work = g_dir_make_tmp ("pm-bench-store-XXXXXX", NULL);
  dir = g_dir_open (folder, 0, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *target = NULL;
      g_autofree char *link = g_build_filename (work, name, NULL);

      if (!g_str_has_suffix (name, ".csv"))
        continue;
      target = g_canonicalize_filename (name, folder);
      if (symlink (target, link) != 0)
        {
          g_printerr ("cannot link %s\n", link);
          return 1;
        }
      n_files++;
    }

  {
    g_autofree char *load = NULL;

    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      printf ("load average: %s", load);
  }
  plain = time_load (work, FALSE, NULL, NULL);
  printf ("load without the store: %.3f s, CPU %.3f s (%u files)\n", plain, last_cpu, n_files);
  fflush (stdout);

  first = time_load (work, TRUE, NULL, &dataset);
  files = pm_dataset_get_files (dataset);
  for (guint i = 0; i < files->len; i++)
    rows += ((PmFileReport *) files->pdata[i])->rows_loaded;
  {
    g_autoptr(GPtrArray) stores = pm_store_list ();
    guint64 size = stores->len > 0 ? ((PmStoreInfo *) stores->pdata[0])->size : 0;

    printf ("first open, writing the store: %.3f s, CPU %.3f s, %.2f M rows/s (goal <= 2.5 s, "
            ">= 3.5 M rows/s); store %.1f MiB, %.1f bytes per row\n",
            first, last_cpu, rows / first / 1e6, size / 1048576.0, rows ? (double) size / rows : 0);
  }
  fflush (stdout);

  for (int r = 0; r < runs; r++)
    {
      times[r] = time_load (work, TRUE, &from_store, NULL);
      printf ("  reopen %d: %.3f s, CPU %.3f s\n", r + 1, times[r], last_cpu);
      if (from_store != n_files)
        printf ("  (only %u of %u files came from the store)\n", from_store, n_files);
    }
  reopen = median (times, runs);
  printf ("reopen from the store: %.3f s (median of %d; goal <= 0.25 s)\n", reopen, runs);
  fflush (stdout);

  /* One more snapshot, a minute after the last, of the same machine (the
   * preset's seed: the same tags). */
  if (generator != NULL)
    {
      const gint64 *utc = pm_dataset_get_times (dataset, PM_TIME_BASE_UTC);
      g_autofree char *when = pm_format_timestamp (utc[pm_dataset_get_n_snapshots (dataset) - 1] + 60);
      const char *gen_argv[] = { generator, "--preset", "bench", "--snapshots", "1",
                                 "--start", when, "--out", NULL, NULL };
      g_autoptr(GDir) d = NULL;
      int status = 1;

      extra = g_dir_make_tmp ("pm-bench-store-new-XXXXXX", NULL);
      gen_argv[8] = extra;
      if (!g_spawn_sync (NULL, (char **) gen_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("pm-generate failed: %s\n", error->message);
          return 1;
        }
      one_parse = time_load (extra, FALSE, NULL, NULL);
      d = g_dir_open (extra, 0, NULL);
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *target = g_build_filename (extra, name, NULL);
          g_autofree char *link = g_build_filename (work, name, NULL);

          if (g_str_has_suffix (name, ".csv") && symlink (target, link) != 0)
            return 1;
        }
      {
        double parse_cpu = last_cpu;

        after_new = time_load (work, TRUE, &from_store, NULL);
        printf ("one new file, then reopen: %.3f s, CPU %.3f s, %u files from the store%s; that "
                "file alone parses in %.3f s (CPU %.3f s): reopen - parse = %.3f s (goal <= 0.1 s)\n",
                after_new, last_cpu, from_store, last_appended ? ", appended to the image" : "",
                one_parse, parse_cpu, after_new - one_parse);
      }
    }
  else
    printf ("one new file: skipped (no --generator)\n");

  printf ("dataset numbers: %.2f bytes per (tag, snapshot)\n",
          _pm_dataset_get_storage_size (dataset) /
          ((double) pm_dataset_get_n_tags (dataset) * pm_dataset_get_n_snapshots (dataset)));
  printf ("peak RSS: %.0f MiB\n", bench_peak_rss_mib ());

  remove_tree (work);
  if (extra != NULL)
    remove_tree (extra);
  remove_tree (cache);
  return 0;
}
