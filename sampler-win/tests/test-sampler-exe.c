/* test-sampler-exe.c: poolmon-sampler.exe as a user runs it, under wine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Windows only. Starts the real exe (and the same program built with the
 * query's test double) with CreateProcess, its output going to files, and
 * checks exit codes, messages and the files written.
 *
 * Usage: test-sampler-exe POOLMON-SAMPLER.EXE SAMPLER-FAKE.EXE
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <stdlib.h>
#include <string.h>

#include "pm-format.h"
#include "pm-sampler-test.h"

static char real_exe[MAX_PATH];
static char fake_exe[MAX_PATH];

typedef struct
{
  DWORD  status;
  char  *out;
  char  *err;
  DWORD  ms;
} Run;

/* meson passes Unix paths; wine sees / as drive Z:. */
static void
to_windows_path (const char *path,
                 char       *out,
                 size_t      out_size)
{
  size_t n = 0;

  if (path[0] == '/')
    {
      out[n++] = 'Z';
      out[n++] = ':';
    }
  for (; *path != '\0' && n + 1 < out_size; path++)
    out[n++] = *path == '/' ? '\\' : *path;
  out[n] = '\0';
}

static HANDLE
open_capture (const char *path)
{
  SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };

  return CreateFileA (path, GENERIC_WRITE, FILE_SHARE_READ, &sa, CREATE_ALWAYS,
                      FILE_ATTRIBUTE_NORMAL, NULL);
}

static int
run (const char *exe,
     const char *args,
     Run        *result)
{
  static char dir_buf[MAX_PATH];
  char out_path[MAX_PATH + 16], err_path[MAX_PATH + 16];
  char command[4096];
  STARTUPINFOA si;
  PROCESS_INFORMATION pi;
  HANDLE out, err;
  DWORD start;

  memset (result, 0, sizeof *result);
  GetTempPathA (sizeof dir_buf, dir_buf);
  snprintf (out_path, sizeof out_path, "%spm-exe-%lu.out", dir_buf, GetCurrentProcessId ());
  snprintf (err_path, sizeof err_path, "%spm-exe-%lu.err", dir_buf, GetCurrentProcessId ());
  out = open_capture (out_path);
  err = open_capture (err_path);
  if (out == INVALID_HANDLE_VALUE || err == INVALID_HANDLE_VALUE)
    return -1;

  snprintf (command, sizeof command, "\"%s\" %s", exe, args);
  memset (&si, 0, sizeof si);
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = GetStdHandle (STD_INPUT_HANDLE);
  si.hStdOutput = out;
  si.hStdError = err;

  start = GetTickCount ();
  /* wine, busy starting its own services, now and then fails a
   * CreateProcess with ERROR_INTERNAL_ERROR (1359) before the program under
   * test runs at all: that one error is the harness's, so it is tried again. */
  for (int attempt = 0;; attempt++)
    {
      if (CreateProcessA (NULL, command, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
        break;
      if (GetLastError () != ERROR_INTERNAL_ERROR || attempt == 2)
        {
          printf ("# cannot start %s (error %lu)\n", command, GetLastError ());
          CloseHandle (out);
          CloseHandle (err);
          return -1;
        }
      printf ("# CreateProcess failed with error 1359; trying again\n");
      Sleep (200);
      start = GetTickCount ();
    }
  WaitForSingleObject (pi.hProcess, 60000);
  GetExitCodeProcess (pi.hProcess, &result->status);
  result->ms = GetTickCount () - start;
  CloseHandle (pi.hProcess);
  CloseHandle (pi.hThread);
  CloseHandle (out);
  CloseHandle (err);

  result->out = pm_test_read_file (out_path, NULL);
  result->err = pm_test_read_file (err_path, NULL);
  DeleteFileA (out_path);
  DeleteFileA (err_path);
  if (result->out == NULL || result->err == NULL)
    return -1;
  printf ("# %s -> %lu (%lu ms)\n", args, result->status, result->ms);
  return 0;
}

static void
run_clear (Run *result)
{
  free (result->out);
  free (result->err);
}

static void
test_help_and_version (void)
{
  Run r;

  PM_CHECK (run (real_exe, "--help", &r) == 0);
  PM_CHECK_U64 (r.status, 0);
  PM_CHECK (strstr (r.out, "Usage: poolmon-sampler") != NULL);
  PM_CHECK (strstr (r.out, "--tagfile PATH") != NULL);
  PM_CHECK_STR (r.err, "");
  run_clear (&r);

  PM_CHECK (run (real_exe, "--version", &r) == 0);
  PM_CHECK_U64 (r.status, 0);
  PM_CHECK_STR (r.out, "poolmon-sampler " PM_VERSION "\n");
  run_clear (&r);
}

static void
test_bad_usage (void)
{
  Run r;

  PM_CHECK (run (real_exe, "--interval 0", &r) == 0);
  PM_CHECK_U64 (r.status, 1);
  PM_CHECK_STR (r.out, "");
  PM_CHECK (strstr (r.err, "--interval: not a whole number") != NULL);
  run_clear (&r);

  PM_CHECK (run (real_exe, "--once --tagfile C:\\no\\such\\pooltag.txt", &r) == 0);
  PM_CHECK_U64 (r.status, 1);
  PM_CHECK_STR (r.err, "poolmon-sampler: cannot read the tag file C:\\no\\such\\pooltag.txt\r\n");
  run_clear (&r);
}

/* wine answers the real query with STATUS_INVALID_INFO_CLASS. */
static void
test_unsupported_query (void)
{
  char *dir = pm_test_make_dir ();
  char args[MAX_PATH + 64];
  char *names;
  Run r;

  PM_CHECK (run (real_exe, "--once", &r) == 0);
  PM_CHECK_U64 (r.status, 2);
  PM_CHECK_STR (r.out, "");
  PM_CHECK (strstr (r.err, "does not answer the pool-tag query") != NULL);
  PM_CHECK (strstr (r.err, "NTSTATUS 0xC0000003") != NULL);
  run_clear (&r);

  PM_CHECK (run (real_exe, "--out C:\\no\\such\\folder", &r) == 0);
  PM_CHECK_U64 (r.status, 1);
  PM_CHECK (strstr (r.err, "the output folder does not exist: C:\\no\\such\\folder") != NULL);
  run_clear (&r);

  PM_CHECK (dir != NULL);
  snprintf (args, sizeof args, "--out \"%s\" --interval 1 --count 5", dir);
  PM_CHECK (run (real_exe, args, &r) == 0);
  PM_CHECK_U64 (r.status, 2);
  /* No waiting for a query that will never work: five snapshots a second
   * apart would take four seconds. */
  PM_CHECK (r.ms < 3000);
  PM_CHECK (strstr (r.err, "NTSTATUS 0xC0000003") != NULL);
  names = pm_test_list_dir (dir);
  PM_CHECK_STR (names, "");
  free (names);
  run_clear (&r);
  pm_test_remove_dir (dir);
}

/* The whole loop with real files, with the query's test double. */
static void
test_loop_writes_files (void)
{
  char *dir = pm_test_make_dir ();
  char args[MAX_PATH + 64];
  char path[MAX_PATH * 2];
  char *names, *line, *data;
  size_t len, n_files = 0, n_rows = 0;
  Run r;

  PM_CHECK (dir != NULL);
  snprintf (args, sizeof args, "--out %s --interval 1 --count 3 --tags A*,B*", dir);
  PM_CHECK (run (fake_exe, args, &r) == 0);
  PM_CHECK_U64 (r.status, 0);
  /* Slots at 0, 1 and 2 s (the upper bound leaves room for a busy machine). */
  PM_CHECK (r.ms >= 1900 && r.ms < 15000);
  PM_CHECK (strstr (r.err, "a snapshot every 1 s into") != NULL);
  run_clear (&r);

  names = pm_test_list_dir (dir);
  for (line = strtok (names, "\n"); line != NULL; line = strtok (NULL, "\n"))
    {
      size_t name_len = strlen (line);

      n_files++;
      printf ("# %s\n", line);
      PM_CHECK (name_len > 9 && strcmp (line + name_len - 9, PM_FORMAT_FILE_SUFFIX) == 0);
      snprintf (path, sizeof path, "%s\\%s", dir, line);
      data = pm_test_read_file (path, &len);
      PM_CHECK (data != NULL);
      PM_CHECK (strncmp (data, "\"DateTime\",\"DateTimeUTC\",\"Tag\",", 31) == 0);
      PM_CHECK (len > 2 && data[len - 2] == '\r' && data[len - 1] == '\n');
      n_rows = 0;
      for (size_t i = 0; i < len; i++)
        n_rows += data[i] == '\n';
      free (data);
    }
  free (names);
  /* Three snapshots, nothing left half-written; "A*" and "B*" pick 10 of
   * the 300 tags ("A", "AB" to "AE", "B", "BB" to "BE"), after the header. */
  PM_CHECK_U64 (n_files, 3);
  PM_CHECK_U64 (n_rows, 11);
  pm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc != 3)
    {
      printf ("usage: test-sampler-exe POOLMON-SAMPLER.EXE SAMPLER-FAKE.EXE\n");
      return 2;
    }
  to_windows_path (argv[1], real_exe, sizeof real_exe);
  to_windows_path (argv[2], fake_exe, sizeof fake_exe);

  pm_test_add ("/poolstats/sampler/exe/help-and-version", test_help_and_version);
  pm_test_add ("/poolstats/sampler/exe/bad-usage", test_bad_usage);
  pm_test_add ("/poolstats/sampler/exe/unsupported-query", test_unsupported_query);
  pm_test_add ("/poolstats/sampler/exe/loop-writes-files", test_loop_writes_files);

  return pm_test_run ();
}
