/* test-sampler-run.c: the sampler's schedule, loop, program and file writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second half of test-sampler (see test-sampler.c): fake hooks drive
 * the loop and the program; the file writer is the real one of the system.
 */
#ifndef _WIN32
# define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
# include <unistd.h>
#endif

#include "test-sampler-private.h"

/* ---- schedule -------------------------------------------------------------- */

static void
test_schedule (void)
{
  /* On time: the next slot. */
  PM_CHECK_U64 (pm_schedule_next_slot (1000, 60000, 1000 + 250, 0), 1);
  PM_CHECK_U64 (pm_schedule_next_slot (1000, 60000, 1000 + 5 * 60000 + 999, 5), 6);
  /* Exactly at the next slot's time: that slot, now. */
  PM_CHECK_U64 (pm_schedule_next_slot (1000, 60000, 1000 + 60000, 0), 1);
  /* A snapshot that took 90 s: slot 1 is gone, slot 2 is next. */
  PM_CHECK_U64 (pm_schedule_next_slot (1000, 60000, 1000 + 90000, 0), 2);
  /* Three hours asleep. */
  PM_CHECK_U64 (pm_schedule_next_slot (0, 60000, 3 * 3600000 + 1, 7), 181);

  PM_CHECK_U64 (pm_schedule_n_slots (60000, 48ull * 3600000), 2880);
  PM_CHECK_U64 (pm_schedule_n_slots (60000, 1), 1);
  PM_CHECK_U64 (pm_schedule_n_slots (60000, 60001), 2);
  PM_CHECK (pm_schedule_n_slots (60000, 0) == UINT64_MAX);
}

/* ---- the loop -------------------------------------------------------------- */

/* A sampler on fake hooks: loop_parse() reads the options and installs the
 * hooks; the test then sets its knobs on l.test and calls pm_sampler_init(). */
typedef struct
{
  PmSamplerOptions options;
  PmSamplerHooks   hooks;
  PmTestHooks      test;
  PmSampler        sampler;
} Loop;

static int
loop_parse (Loop       *l,
            const char *line)
{
  char error[256];
  int argc;
  char **argv = make_argv (line, &argc);

  if (pm_sampler_options_parse (&l->options, argc, argv, error, sizeof error) != 0)
    return -1;
  pm_test_hooks_init (&l->test, &l->hooks);
  return 0;
}

static void
loop_clear (Loop *l)
{
  pm_sampler_clear (&l->sampler);
  pm_sampler_options_clear (&l->options);
  pm_test_hooks_clear (&l->test);
}

static void
test_loop_count_no_drift (void)
{
  Loop l;
  PmFakeQuery fake = { .n_tags = 50 };

  PM_CHECK (loop_parse (&l, "--count 4 --interval 60 --out OUT") == 0);
  /* Each snapshot costs 1.7 s: the next still starts on its slot. */
  l.test.write_cost_ms = 1700;
  l.test.mono = 5000;

  pm_sampler_init (&l.sampler, &l.options, &l.hooks, pm_fake_query, &fake);
  PM_CHECK_U64 (pm_sampler_run_loop (&l.sampler), PM_EXIT_OK);
  PM_CHECK_U64 (l.sampler.n_written, 4);
  PM_CHECK_U64 (l.test.n_files, 4);
  PM_CHECK_U64 (l.test.n_waits, 3);
  PM_CHECK_U64 (l.test.deadlines[0], 5000 + 60000);
  PM_CHECK_U64 (l.test.deadlines[1], 5000 + 120000);
  PM_CHECK_U64 (l.test.deadlines[2], 5000 + 180000);
  PM_CHECK_STR (l.test.names[0], "2021.07.13_10.15.05_1626171305.pool.csv");
  PM_CHECK_STR (l.test.names[3], "2021.07.13_10.18.05_1626171485.pool.csv");
  PM_CHECK_U64 (l.test.n_reports, 0);
  PM_CHECK (l.test.last.len > sizeof PM_TEST_HEADER &&
            memcmp (l.test.last.data, PM_TEST_HEADER, sizeof PM_TEST_HEADER - 1) == 0);

  loop_clear (&l);
}

static void
test_loop_duration_and_lateness (void)
{
  Loop l;
  PmFakeQuery fake = { .n_tags = 5 };

  /* Six minutes at one a minute: slots 0 to 5. Each snapshot here takes
   * 70 s, so every other slot is skipped and reported. */
  PM_CHECK (loop_parse (&l, "--duration 0.1 --interval 60") == 0);
  l.test.write_cost_ms = 70000;

  pm_sampler_init (&l.sampler, &l.options, &l.hooks, pm_fake_query, &fake);
  PM_CHECK_U64 (pm_sampler_run_loop (&l.sampler), PM_EXIT_OK);
  PM_CHECK_U64 (l.test.n_files, 3);
  PM_CHECK_U64 (l.test.deadlines[0], 120000);
  PM_CHECK_U64 (l.test.deadlines[1], 240000);
  PM_CHECK_U64 (l.test.n_reports, 2);
  PM_CHECK (strstr (l.test.err.data, "late by 1 interval(s)") != NULL);

  loop_clear (&l);
}

static void
test_loop_failure_goes_on (void)
{
  Loop l;
  PmFakeQuery fake = { .n_tags = 5 };

  PM_CHECK (loop_parse (&l, "--count 3 --interval 10") == 0);
  l.test.fail_write_at = 2;

  pm_sampler_init (&l.sampler, &l.options, &l.hooks, pm_fake_query, &fake);
  PM_CHECK_U64 (pm_sampler_run_loop (&l.sampler), PM_EXIT_OK);
  PM_CHECK_U64 (l.sampler.n_written, 2);
  PM_CHECK_U64 (l.sampler.n_failed, 1);
  PM_CHECK_U64 (l.test.n_reports, 1);
  /* The report names the time of the lost snapshot and why. */
  PM_CHECK_STR (l.test.err.data,
                "2021-07-13T10:15:10Z poolmon-sampler: snapshot not written: "
                "cannot write ./2021.07.13_10.15.10_1626171310.pool.csv.tmp: disk full\n");

  /* A query error is one lost snapshot too. */
  pm_sampler_clear (&l.sampler);
  pm_test_hooks_clear (&l.test);
  pm_test_hooks_init (&l.test, &l.hooks);
  pm_sampler_init (&l.sampler, &l.options, &l.hooks, pm_fake_query, &fake);
  fake.status = 0xC0000022u;
  PM_CHECK (pm_sampler_take_snapshot (&l.sampler) == 1);
  fake.status = 0;
  PM_CHECK (pm_sampler_take_snapshot (&l.sampler) == 0);
  PM_CHECK (strstr (l.test.err.data, "the pool-tag query failed: NTSTATUS 0xC0000022") != NULL);

  loop_clear (&l);
}

static void
test_loop_stop (void)
{
  Loop l;
  PmFakeQuery fake = { .n_tags = 5 };

  /* Ctrl+C arrives while the third snapshot is being written: it is
   * finished, and the loop ends with success. */
  PM_CHECK (loop_parse (&l, "--duration 0") == 0);
  l.test.stop_at_write = 3;

  pm_sampler_init (&l.sampler, &l.options, &l.hooks, pm_fake_query, &fake);
  PM_CHECK_U64 (pm_sampler_run_loop (&l.sampler), PM_EXIT_OK);
  PM_CHECK_U64 (l.test.n_files, 3);

  loop_clear (&l);
}

static void
test_loop_unsupported (void)
{
  Loop l;
  PmFakeQuery fake = { .n_tags = 5, .status = PM_STATUS_INVALID_INFO_CLASS };

  PM_CHECK (loop_parse (&l, "--count 3") == 0);
  pm_sampler_init (&l.sampler, &l.options, &l.hooks, pm_fake_query, &fake);
  PM_CHECK_U64 (pm_sampler_run_loop (&l.sampler), PM_EXIT_UNSUPPORTED);
  PM_CHECK_U64 (l.test.n_files, 0);
  PM_CHECK_U64 (l.test.n_waits, 0);
  PM_CHECK (strstr (l.test.err.data, "does not answer the pool-tag query") != NULL);
  PM_CHECK (strstr (l.test.err.data, "NTSTATUS 0xC0000003") != NULL);

  loop_clear (&l);
}

/* ---- the program ----------------------------------------------------------- */

static int
run_main (const char  *line,
          PmFakeQuery *fake,
          PmTestHooks *test,
          const char  *exe_dir)
{
  PmSamplerHooks hooks;
  const char *defaults[] = { "C:\\Kits\\triage\\pooltag.txt", NULL };
  const char *existing = test->existing;
  uint64_t epoch0 = (uint64_t) test->epoch0;
  int argc;
  char **argv = make_argv (line, &argc);

  pm_test_hooks_init (test, &hooks);
  test->existing = existing;
  test->epoch0 = (int64_t) epoch0;
  return pm_sampler_main (argc, argv, pm_fake_query, fake, &hooks, exe_dir, defaults);
}

static void
test_main_help_version_usage (void)
{
  PmFakeQuery fake = { .n_tags = 5 };
  PmTestHooks test = { .epoch0 = 1626171300 };

  PM_CHECK_U64 (run_main ("--help", &fake, &test, NULL), PM_EXIT_OK);
  PM_CHECK (strstr (test.out.data, "Usage: poolmon-sampler") != NULL);
  PM_CHECK (strstr (test.out.data, "--interval SECONDS") != NULL);
  PM_CHECK_U64 (fake.n_calls, 0);
  pm_test_hooks_clear (&test);

  PM_CHECK_U64 (run_main ("--version", &fake, &test, NULL), PM_EXIT_OK);
  PM_CHECK (strncmp (test.out.data, "poolmon-sampler ", 16) == 0);
  pm_test_hooks_clear (&test);

  PM_CHECK_U64 (run_main ("--interval x", &fake, &test, NULL), PM_EXIT_FAILURE);
  PM_CHECK (test.out.len == 0);
  PM_CHECK_STR (test.err.data, "poolmon-sampler: --interval: not a whole number of seconds "
                               "(1 to 604800): x (try --help)\n");
  pm_test_hooks_clear (&test);
}

static void
test_main_once (void)
{
  PmFakeQuery fake = { .n_tags = 20 };
  PmTestHooks test = { .epoch0 = 1626171300 };
  size_t lines = 0;

  PM_CHECK_U64 (run_main ("--once --tags A*,B", &fake, &test, NULL), PM_EXIT_OK);
  PM_CHECK (memcmp (test.out.data, PM_TEST_HEADER, sizeof PM_TEST_HEADER - 1) == 0);
  for (size_t i = 0; i < test.out.len; i++)
    lines += test.out.data[i] == '\n';
  /* The header, then tags "A" and "B" (indices 0 and 1) only. */
  PM_CHECK_U64 (lines, 3);
  PM_CHECK (strstr (test.out.data, "\"A   \"") != NULL);
  PM_CHECK (strstr (test.out.data, "\"B   \"") != NULL);
  PM_CHECK_U64 (test.n_files, 0);
  pm_test_hooks_clear (&test);

  fake.status = PM_STATUS_INVALID_INFO_CLASS;
  PM_CHECK_U64 (run_main ("--once", &fake, &test, NULL), PM_EXIT_UNSUPPORTED);
  PM_CHECK_U64 (test.out.len, 0);
  PM_CHECK (strstr (test.err.data, "0xC0000003") != NULL);
  pm_test_hooks_clear (&test);

  fake.status = 0xC0000022u;
  PM_CHECK_U64 (run_main ("--once", &fake, &test, NULL), PM_EXIT_FAILURE);
  pm_test_hooks_clear (&test);
}

static void
test_main_tag_file_search (void)
{
  PmFakeQuery fake = { .n_tags = 3 };
  PmTestHooks test = { .epoch0 = 1626171300 };
  char *dir = pm_test_make_dir ();
  char path[4096];
  char error[256];
  static const char text[] = "A - a.sys - tag A\r\nB* - b.sys - tag B\r\n";

  PM_CHECK (dir != NULL);
  PM_CHECK (pm_os_write_file_atomic (dir, "pooltag.txt", text, sizeof text - 1,
                                     error, sizeof error) == 0);
  snprintf (path, sizeof path, "%s%cpooltag.txt", dir, pm_os_dir_separator ());

  /* Next to the exe. */
  test.existing = path;
  PM_CHECK_U64 (run_main ("--once", &fake, &test, dir), PM_EXIT_OK);
  PM_CHECK (strstr (test.out.data, "\"A   \",") != NULL);
  PM_CHECK (strstr (test.out.data, "\"a.sys\",\"tag A\"\r\n") != NULL);
  PM_CHECK (strstr (test.out.data, "\"b.sys\",\"tag B\"\r\n") != NULL);
  pm_test_hooks_clear (&test);

  /* --tagfile wins; when it cannot be read, nothing is sampled. */
  test.existing = NULL;
  PM_CHECK_U64 (run_main ("--once --tagfile /nonexistent/pooltag.txt", &fake, &test, dir),
                PM_EXIT_FAILURE);
  PM_CHECK_STR (test.err.data, "poolmon-sampler: cannot read the tag file "
                               "/nonexistent/pooltag.txt\n");
  PM_CHECK_U64 (test.out.len, 0);
  pm_test_hooks_clear (&test);

  /* Nothing found: the loop says so once and goes on without one. */
  test.existing = NULL;
  PM_CHECK_U64 (run_main ("--count 1", &fake, &test, dir), PM_EXIT_OK);
  PM_CHECK (strstr (test.err.data, "no pooltag.txt found") != NULL);
  PM_CHECK (strstr (test.err.data, "a snapshot every 60 s into ., 1 in all") != NULL);
  PM_CHECK_U64 (test.n_files, 1);
  PM_CHECK (strstr (test.last.data, "\"A   \",") != NULL);
  PM_CHECK (strstr (test.last.data, "a.sys") == NULL);
  pm_test_hooks_clear (&test);

  /* A mistyped --out ends the program before any snapshot. */
  PM_CHECK_U64 (run_main ("--count 1 --out NO-SUCH-FOLDER --tagfile", &fake, &test, NULL),
                PM_EXIT_FAILURE);
  pm_test_hooks_clear (&test);
  PM_CHECK_U64 (run_main ("--count 1 --out NO-SUCH-FOLDER", &fake, &test, NULL), PM_EXIT_FAILURE);
  PM_CHECK (strstr (test.err.data, "the output folder does not exist: NO-SUCH-FOLDER\n") != NULL);
  PM_CHECK_U64 (test.n_writes, 0);
  pm_test_hooks_clear (&test);

  pm_test_remove_dir (dir);
}

/* ---- the real file writer --------------------------------------------------- */

static void
test_os_atomic_write (void)
{
  char *dir = pm_test_make_dir ();
  char path[4096];
  char missing[4096];
  char error[512];
  char *names, *data;
  size_t len;

  PM_CHECK (dir != NULL);
  PM_CHECK (pm_os_write_file_atomic (dir, "a.pool.csv", "one\r\n", 5, error, sizeof error) == 0);
  /* Replacing an existing file works too (same second, same name). */
  PM_CHECK (pm_os_write_file_atomic (dir, "a.pool.csv", "two\r\n2", 6, error, sizeof error) == 0);

  snprintf (path, sizeof path, "%s%ca.pool.csv", dir, pm_os_dir_separator ());
  data = pm_test_read_file (path, &len);
  PM_CHECK (data != NULL);
  PM_CHECK_U64 (len, 6);
  PM_CHECK (memcmp (data, "two\r\n2", 6) == 0);
  free (data);

  names = pm_test_list_dir (dir);
  PM_CHECK_STR (names, "a.pool.csv");
  free (names);

  /* A folder that does not exist: an error that names the path, no file. */
  snprintf (missing, sizeof missing, "%s%cnope", dir, pm_os_dir_separator ());
  PM_CHECK (pm_os_write_file_atomic (missing, "b.pool.csv", "x", 1, error, sizeof error) != 0);
  PM_CHECK (strstr (error, "b.pool.csv.tmp") != NULL);
  names = pm_test_list_dir (dir);
  PM_CHECK_STR (names, "a.pool.csv");
  free (names);

  pm_test_remove_dir (dir);
}

/* A full disk, for real: the temporary file is made a link to /dev/full,
 * where every write fails with ENOSPC. */
static void
test_os_disk_full (void)
{
#ifdef _WIN32
  pm_test_skip ("needs /dev/full");
#else
  char *dir = pm_test_make_dir ();
  char tmp[4096];
  char error[512];
  char *names;

  PM_CHECK (dir != NULL);
  if (access ("/dev/full", W_OK) != 0)
    {
      pm_test_skip ("no /dev/full");
      pm_test_remove_dir (dir);
      return;
    }
  snprintf (tmp, sizeof tmp, "%s/full.pool.csv.tmp", dir);
  PM_CHECK (symlink ("/dev/full", tmp) == 0);

  PM_CHECK (pm_os_write_file_atomic (dir, "full.pool.csv", "data\r\n", 6, error, sizeof error) != 0);
  printf ("# %s\n", error);
  PM_CHECK (strstr (error, "full.pool.csv.tmp") != NULL);
  PM_CHECK (strstr (error, "No space left on device") != NULL);
  /* Nothing under the final name, and the temporary name is gone. */
  names = pm_test_list_dir (dir);
  PM_CHECK_STR (names, "");
  free (names);
  pm_test_remove_dir (dir);
#endif
}

void
test_sampler_add_run_tests (void)
{
  pm_test_add ("/poolstats/sampler/schedule/slots", test_schedule);
  pm_test_add ("/poolstats/sampler/loop/count-no-drift", test_loop_count_no_drift);
  pm_test_add ("/poolstats/sampler/loop/duration-and-lateness", test_loop_duration_and_lateness);
  pm_test_add ("/poolstats/sampler/loop/failure-goes-on", test_loop_failure_goes_on);
  pm_test_add ("/poolstats/sampler/loop/stop", test_loop_stop);
  pm_test_add ("/poolstats/sampler/loop/unsupported", test_loop_unsupported);
  pm_test_add ("/poolstats/sampler/main/help-version-usage", test_main_help_version_usage);
  pm_test_add ("/poolstats/sampler/main/once", test_main_once);
  pm_test_add ("/poolstats/sampler/main/tag-file-search", test_main_tag_file_search);
  pm_test_add ("/poolstats/sampler/os/atomic-write", test_os_atomic_write);
  pm_test_add ("/poolstats/sampler/os/disk-full", test_os_disk_full);
}
