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
 *    dataset's own numbers (goal: within 10 %);
 *  - the viewer's tag table (TotalUsedBytes) for each new dataset: computed
 *    over the whole history (pm_tag_table_new(), what the viewer did) and
 *    carried on over the new snapshot (pm_tag_table_new_appended(), what it
 *    does now), checked equal at the end.
 *
 * Files are deleted once taken, so the disk never holds more than one.
 */
#include <string.h>

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

#define TABLE_METRIC PM_METRIC_TOTAL_USED_BYTES

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* Whether two tables of one dataset hold the same figures, to the bit. */
static gboolean
tables_equal (PmTagTable *a,
              PmTagTable *b)
{
  if (pm_tag_table_get_n_tags (a) != pm_tag_table_get_n_tags (b))
    return FALSE;
  for (guint t = 0; t <= pm_tag_table_get_n_tags (a); t++)
    {
      const PmTagStats *x = pm_tag_table_get_stats (a, t), *y = pm_tag_table_get_stats (b, t);

      if (x->n_present != y->n_present || x->first_snapshot != y->first_snapshot ||
          x->last_snapshot != y->last_snapshot || x->peak != y->peak ||
          x->n_nonzero != y->n_nonzero || x->first_nonzero != y->first_nonzero ||
          x->last_nonzero != y->last_nonzero || x->increase_abs != y->increase_abs ||
          !same_bits (x->mean, y->mean) || !same_bits (x->increase_pct, y->increase_pct))
        return FALSE;
    }
  return TRUE;
}

/* @table carried on to the follower's dataset; the CPU seconds it took. */
static double
carry_table (PmTagTable **table,
             PmFollower  *follower)
{
  double cpu = bench_cpu_seconds ();
  PmTagTable *next = pm_tag_table_new_appended (*table, pm_follower_get_dataset (follower), NULL);

  cpu = bench_cpu_seconds () - cpu;
  pm_tag_table_unref (*table);
  *table = next;
  return cpu;
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
  g_autofree double *cpu_full = NULL;
  g_autofree double *cpu_carried = NULL;
  g_autofree double *cpu_with = NULL;
  g_autofree double *cpu_before = NULL;
  g_autoptr(PmTagTable) table = NULL;
  g_autoptr(PmTagTable) check = NULL;
  double table_cpu = 0;
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
  table = pm_tag_table_new (pm_follower_get_dataset (follower), TABLE_METRIC, 0, G_MAXUINT, NULL);

  /* CPU per snapshot, UTF-16LE as Windows PowerShell writes. */
  writer = pm_gen_writer_new (PM_GEN_ENCODING_UTF16LE, columns, PM_N_COLUMNS, model);
  cpu = g_new (double, MAX (n_cpu, 1));
  cpu_full = g_new (double, MAX (n_cpu, 1));
  cpu_carried = g_new (double, MAX (n_cpu, 1));
  cpu_with = g_new (double, MAX (n_cpu, 1));
  cpu_before = g_new (double, MAX (n_cpu, 1));
  for (s = n_history; s < (guint) (n_history + n_cpu); s++)
    {
      g_autofree char *path = write_snapshot (writer, model, folder, s);
      guint i = s - n_history;
      double started;

      cpu[i] = take (follower, s + 1) * 1000.0;
      worst = MAX (worst, cpu[i]);
      g_unlink (path);

      /* The viewer's tag table, before (in full) and now (carried on). */
      started = bench_cpu_seconds ();
      g_clear_pointer (&check, pm_tag_table_unref);
      check = pm_tag_table_new (pm_follower_get_dataset (follower), TABLE_METRIC, 0, G_MAXUINT, NULL);
      cpu_full[i] = (bench_cpu_seconds () - started) * 1000.0;
      cpu_carried[i] = carry_table (&table, follower) * 1000.0;
      cpu_with[i] = cpu[i] + cpu_carried[i];
      cpu_before[i] = cpu[i] + cpu_full[i];
    }
  if (n_cpu > 0)
    {
      median = bench_median (cpu, n_cpu);
      p95 = cpu[(int) (0.95 * (n_cpu - 1))];
      printf ("CPU per new snapshot (%d tags, UTF-16LE, after %d): median %.1f ms, "
              "95th percentile %.1f ms, max %.1f ms (goal <= 20 ms)\n",
              n_tags, n_history, median, p95, worst);
      printf ("the tag table (%s) for each new dataset: over the whole history %.1f ms "
              "(median; before), carried on over the new snapshot %.2f ms (median; now), "
              "%s; with the snapshot's own CPU: median %.1f ms before, %.1f ms now\n",
              pm_metric_to_string (TABLE_METRIC), bench_median (cpu_full, n_cpu),
              bench_median (cpu_carried, n_cpu),
              tables_equal (table, check) ? "the same figures to the bit" : "FIGURES DIFFER",
              bench_median (cpu_before, n_cpu),
              bench_median (cpu_with, n_cpu));
    }
  g_clear_pointer (&writer, pm_gen_writer_free);
  /* It holds its dataset, and that the follower's frame of then. */
  g_clear_pointer (&check, pm_tag_table_unref);

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
          table_cpu += carry_table (&table, follower);
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
      g_clear_pointer (&check, pm_tag_table_unref);
      check = pm_tag_table_new (pm_follower_get_dataset (follower), TABLE_METRIC, 0, G_MAXUINT, NULL);
      printf ("the tag table carried on over those %d snapshots (in the figures above): "
              "%.2f ms CPU per snapshot on average, %s a full computation at the end\n",
              n_memory, table_cpu * 1000.0 / n_memory,
              tables_equal (table, check) ? "the same figures to the bit as" : "FIGURES DIFFER from");
    }
  printf ("full loads while following: %u (0: every snapshot appended)\n", pm_follower_get_n_reloads (follower));
  print_load ();
  g_rmdir (folder);
  return 0;
}
