/* bench-follow.c: following a folder of 3,000 tags × 2,880 snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history (pm-generate's `bench` machine, 3,000 tags, one snapshot a
 * minute for two days) is built in memory and handed to a PmFollower on an
 * empty folder; the same machine then goes on, and each new snapshot is
 * written into the folder as the sampler does (a temporary name, renamed)
 * and taken by two looks (the first sees the file change, the second sees
 * it stand still and appends it). Measured:
 *
 *  - CPU per new snapshot (user + system, both looks, parse and append;
 *    goal <= 20 ms), median and 95th percentile, UTF-16LE files as the
 *    bench folder has;
 *  - memory over --memory N more snapshots (default 10,000; UTF-8 files to
 *    keep the run short): resident set growth against the growth of the
 *    dataset's own numbers (goal: within 10 %).
 *
 * Files are deleted once taken, so the disk never holds more than one.
 */
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <unistd.h>
#endif
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include "poolstats.h"
#include "pm-dataset-private.h"
#include "pm-gen-image.h"
#include "pm-gen-model.h"
#include "pm-gen-writer.h"
#include "bench-common.h"

#define START    1626134400        /* 2021-07-13T00:00:00 UTC, as the bench preset */
#define OFFSET   (-7 * 3600)
#define INTERVAL 60

static char *
format_time (gint64      seconds,
             const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (dt, format);
}

/* Snapshot @s of the model (advanced to it) into @folder; its path. */
static char *
write_snapshot (PmGenWriter *writer,
                PmGenModel  *model,
                const char  *folder,
                guint        s)
{
  gint64 utc = START + (gint64) s * INTERVAL, local = utc + OFFSET;
  g_autofree char *stamp = format_time (local, PM_FORMAT_FILE_NAME_STRFTIME);
  g_autofree char *name = g_strdup_printf ("%s_%" G_GINT64_FORMAT "%s", stamp, utc,
                                           PM_FORMAT_FILE_SUFFIX);
  g_autofree char *utc_text = format_time (utc, PM_FORMAT_TIMESTAMP_STRFTIME);
  g_autofree char *local_text = format_time (local, PM_FORMAT_TIMESTAMP_STRFTIME);
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  pm_gen_model_advance (model);
  if (!pm_gen_writer_open (writer, path, &error))
    g_error ("%s", error->message);
  pm_gen_writer_set_times (writer, local_text, utc_text);
  for (guint i = 0; i < pm_gen_model_get_n_tags (model); i++)
    {
      guint tag = pm_gen_model_get_row_order (model, i);
      PmGenRow row;

      if (pm_gen_model_get_row (model, tag, &row) &&
          !pm_gen_writer_add_row (writer, tag, &row, &error))
        g_error ("%s", error->message);
    }
  if (!pm_gen_writer_close (writer, &error))
    g_error ("%s", error->message);
  return path;
}

/* Two looks; the CPU seconds they took. */
static double
take (PmFollower *follower,
      guint       expect)
{
  g_autoptr(GError) error = NULL;
  double cpu = bench_cpu_seconds ();

  pm_follower_poll (follower, NULL, &error);
  g_assert_no_error (error);
  pm_follower_poll (follower, NULL, &error);
  g_assert_no_error (error);
  cpu = bench_cpu_seconds () - cpu;
  if (pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)) != expect)
    g_error ("expected %u snapshots, have %u (reloads %u)", expect,
             pm_dataset_get_n_snapshots (pm_follower_get_dataset (follower)),
             pm_follower_get_n_reloads (follower));
  return cpu;
}

/* What the allocator has handed out and not taken back, in MiB (glibc;
 * -1 elsewhere): the live memory, without the allocator's own slack. */
static double
in_use_mib (void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  struct mallinfo2 info = mallinfo2 ();

  return (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
#else
  return -1;
#endif
}

/* The resident set now, in MiB (Linux; -1 elsewhere). */
static double
rss_mib (void)
{
#ifdef G_OS_UNIX
  g_autofree char *text = NULL;
  long pages = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL) ||
      sscanf (text, "%ld %ld", &pages, &resident) != 2)
    return -1;
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
#else
  return -1;
#endif
}

static void
print_load (void)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    printf ("load average: %s", text);
}

int
main (int   argc,
      char *argv[])
{
  int n_tags = 3000, n_history = 2880, n_cpu = 60, n_memory = 10000;
  GOptionEntry entries[] = {
    { "tags", 0, 0, G_OPTION_ARG_INT, &n_tags, "Tags (3000)", "N" },
    { "history", 0, 0, G_OPTION_ARG_INT, &n_history, "Snapshots before following (2880)", "N" },
    { "snapshots", 0, 0, G_OPTION_ARG_INT, &n_cpu, "New snapshots timed one by one (60)", "N" },
    { "memory", 0, 0, G_OPTION_ARG_INT, &n_memory, "Snapshots followed for the memory figure (10000; 0: none)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- CPU and memory while following");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmGenModel) model = NULL;
  g_autoptr(PmGenWriter) writer = NULL;
  g_autoptr(PmFollower) follower = NULL;
  g_autoptr(PmDataset) history = NULL;
  g_autofree char *folder = NULL;
  g_autofree double *cpu = NULL;
  PmColumn columns[PM_N_COLUMNS];
  double t0, median, p95, worst = 0, rss0, rss1, live0, live1;
  gsize size0, size1;
  guint s;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint c = 0; c < PM_N_COLUMNS; c++)
    columns[c] = (PmColumn) c;

  print_load ();
  t0 = g_get_monotonic_time () / 1e6;
  model = pm_gen_model_new (n_tags, n_history + n_cpu + n_memory + 1, INTERVAL, 3);
  history = pm_gen_build_dataset (model, n_history, START, OFFSET, INTERVAL);
  printf ("history: %d tags x %d snapshots built in %.1f s\n", n_tags, n_history,
          g_get_monotonic_time () / 1e6 - t0);

  folder = g_dir_make_tmp ("pm-bench-follow-XXXXXX", &error);
  g_assert_no_error (error);
  follower = pm_follower_new (folder);
  pm_follower_set_use_store (follower, FALSE);
  pm_follower_set_use_monitor (follower, FALSE);
  pm_follower_set_loaded (follower, history);
  g_clear_object (&history);

  /* CPU per snapshot, UTF-16LE as Windows PowerShell writes. */
  writer = pm_gen_writer_new (PM_GEN_ENCODING_UTF16LE, columns, PM_N_COLUMNS, model);
  cpu = g_new (double, MAX (n_cpu, 1));
  for (s = n_history; s < (guint) (n_history + n_cpu); s++)
    {
      g_autofree char *path = write_snapshot (writer, model, folder, s);

      cpu[s - n_history] = take (follower, s + 1) * 1000.0;
      worst = MAX (worst, cpu[s - n_history]);
      g_unlink (path);
    }
  if (n_cpu > 0)
    {
      median = bench_median (cpu, n_cpu);
      p95 = cpu[(int) (0.95 * (n_cpu - 1))];
      printf ("CPU per new snapshot (%d tags, UTF-16LE, after %d): median %.1f ms, "
              "95th percentile %.1f ms, max %.1f ms (goal <= 20 ms)\n",
              n_tags, n_history, median, p95, worst);
    }
  g_clear_pointer (&writer, pm_gen_writer_free);

  /* Memory over many more snapshots (UTF-8, to keep the run short). */
  if (n_memory > 0)
    {
      double started = bench_cpu_seconds ();

      writer = pm_gen_writer_new (PM_GEN_ENCODING_UTF8, columns, PM_N_COLUMNS, model);
      rss0 = rss_mib ();
      live0 = in_use_mib ();
      size0 = _pm_dataset_get_storage_size (pm_follower_get_dataset (follower));
      for (guint i = 0; i < (guint) n_memory; i++, s++)
        {
          g_autofree char *path = write_snapshot (writer, model, folder, s);

          take (follower, s + 1);
          g_unlink (path);
        }
      rss1 = rss_mib ();
      live1 = in_use_mib ();
      size1 = _pm_dataset_get_storage_size (pm_follower_get_dataset (follower));
      printf ("memory over %d followed snapshots (to %u): RSS %.1f -> %.1f MiB (+%.1f MiB), "
              "dataset numbers %.1f -> %.1f MiB (+%.1f MiB): growth %.2f x the data's "
              "(goal <= 1.10 x); %.1f ms CPU per snapshot on average\n",
              n_memory, s, rss0, rss1, rss1 - rss0, size0 / 1048576.0, size1 / 1048576.0,
              (size1 - size0) / 1048576.0, (rss1 - rss0) / ((size1 - size0) / 1048576.0),
              (bench_cpu_seconds () - started) * 1000.0 / n_memory);
      printf ("allocated and not freed (malloc): %.1f -> %.1f MiB (+%.1f MiB, %.2f x the data's)\n",
              live0, live1, live1 - live0, (live1 - live0) / ((size1 - size0) / 1048576.0));
    }
  printf ("full loads while following: %u (0: every snapshot appended)\n", pm_follower_get_n_reloads (follower));
  print_load ();
  g_rmdir (folder);
  return 0;
}
