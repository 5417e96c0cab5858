/* bench-load.c: loading the 3,000 tags x 2,880 snapshots folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The goal: the folder of the old PowerShell format (UTF-16LE, about
 * 2.2 GB, 8.6 M rows) loads in at most 2.5 s with a peak RSS of at most
 * 600 MiB, warm cache. Prints the load time (median of the runs), rows per
 * second, peak RSS, and the time `cat` takes to read the same files in the
 * same run, with the ratio between the two.
 *
 *   bench-load [--generator PM_GENERATE] [--runs N] [--usual-merge] [--piece-rows N] [DIR]
 *
 * --usual-merge keeps every parsed row until all files are read, as files
 * out of time order are merged, instead of merging window by window as
 * they come (docs/store.md, "Import memory"): the peak RSS of the two.
 * --piece-rows sets the rows of a file of many snapshots (a loop-mode
 * file, pm-generate --layout loop) merged per piece while it is read; 0
 * merges each file whole once read, as before pieces.
 *
 * DIR defaults to $PM_BENCH_DIR, else /tmp/pm-bench-3000x2880; it is
 * generated (pm-generate --preset bench) when missing.
 */
#include <stdio.h>
#include <stdlib.h>

#include "poolstats.h"
#include "pm-dataset-private.h"
#include "pm-windows-private.h"

#include "bench-common.h"

static double
time_cat (const char *dir)
{
  g_autofree char *quoted = g_shell_quote (dir);
  g_autofree char *command = g_strdup_printf ("cat %s/*.csv > /dev/null", quoted);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL))
    return -1;
  return (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *generator = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("[DIR]");
  g_autoptr(GError) error = NULL;
  const char *dir;
  int runs = 3;
  gboolean usual_merge = FALSE;
  int piece_rows = -1;
  double times[16], cat_before, cat_after, dataset_mib = 0;
  guint64 rows = 0;
  const GOptionEntry entries[] = {
    { "generator", 0, 0, G_OPTION_ARG_FILENAME, &generator, "pm-generate, to make a missing folder", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Loads to time (default 3)", "N" },
    { "usual-merge", 0, 0, G_OPTION_ARG_NONE, &usual_merge, "Merge every part at the end, not as the files are read", NULL },
    { "piece-rows", 0, 0, G_OPTION_ARG_INT, &piece_rows, "Rows of a file merged per piece as it is read (0: whole files)", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  runs = CLAMP (runs, 1, (int) G_N_ELEMENTS (times));

  dir = bench_folder (rest);

  if (!bench_ensure_folder (dir, generator))
    return 1;

  /* Twice: once to warm the cache, once to measure. */
  time_cat (dir);
  cat_before = time_cat (dir);

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(PmLoader) loader = pm_loader_new ();
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PmDataset) ds = NULL;
      GPtrArray *files;

      pm_loader_add_path (loader, dir);
      _pm_loader_set_merge_as_read (loader, !usual_merge);
      if (piece_rows >= 0)
        _pm_loader_set_piece_rows (loader, (guint) piece_rows);
      ds = pm_loader_load (loader, NULL, &error);

      times[r] = (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND;
      if (ds == NULL)
        {
          g_printerr ("load failed: %s\n", error->message);
          return 1;
        }
      files = pm_dataset_get_files (ds);
      rows = 0;
      for (guint i = 0; i < files->len; i++)
        rows += ((PmFileReport *) files->pdata[i])->rows_loaded;
      printf ("run %d: %.3f s, %u snapshots x %u tags, %" G_GUINT64_FORMAT " rows, %u problems%s\n",
              r + 1, times[r], pm_dataset_get_n_snapshots (ds), pm_dataset_get_n_tags (ds),
              rows, pm_dataset_get_n_problems (ds),
              _pm_loader_get_merged_as_read (loader) ? ", merged as read" : ", usual merge");
      if (_pm_loader_get_n_pieces (loader) > 0)
        printf ("  %u pieces merged while their file was read\n", _pm_loader_get_n_pieces (loader));
      if (r == 0)
        {
          gsize bytes = _pm_dataset_get_storage_size (ds);
          double cells = (double) pm_dataset_get_n_tags (ds) * pm_dataset_get_n_snapshots (ds);

          dataset_mib = bytes / 1048576.0;
          printf ("dataset numbers: %.1f MiB, %.2f bytes per (tag, snapshot) with every column "
                  "(goal <= 4, aim < 2)\n", bytes / 1048576.0, cells > 0 ? bytes / cells : 0);
        }
      fflush (stdout);
    }

  cat_after = time_cat (dir);
  qsort (times, runs, sizeof (double), bench_compare_double);

  printf ("load: %.3f s (median of %d; goal <= 2.5 s)\n", times[runs / 2], runs);
  printf ("rows/s: %.2f M\n", rows / times[runs / 2] / 1e6);
  printf ("peak RSS: %.0f MiB (goal <= 600 MiB); beyond the dataset's %.1f MiB of numbers: "
          "%.0f MiB, %.0f bytes per row (import goal: below 1.5 GB beyond the dataset on a "
          "folder of any size)\n",
          bench_peak_rss_mib (), dataset_mib, bench_peak_rss_mib () - dataset_mib,
          rows ? (bench_peak_rss_mib () - dataset_mib) * 1048576.0 / rows : 0);
  printf ("CPU %.3f s in all (user + system, every thread)\n", bench_cpu_seconds ());
  printf ("cat of the same files: %.3f s before, %.3f s after; load / cat = %.1f\n",
          cat_before, cat_after, times[runs / 2] / MIN (cat_before, cat_after));

  return 0;
}
