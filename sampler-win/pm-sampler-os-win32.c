/* pm-sampler-os-win32.c: clock, sleep, files and Ctrl+C on Windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KERNEL32 only. Snapshot files are written to NAME.tmp, flushed, then
 * renamed over NAME with MoveFileEx: a reader (or the old analyzer's
 * *pool.csv glob) never sees half a snapshot, and a crash or a full disk
 * leaves at most a stray .tmp that no reader picks up.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <string.h>
#include <time.h>

#include "pm-sampler.h"

static HANDLE stop_event;
static HANDLE finished_event;
static volatile LONG stop_flag;

static HANDLE
get_stop_event (void)
{
  if (stop_event == NULL)
    stop_event = CreateEventA (NULL, TRUE, FALSE, NULL);
  return stop_event;
}

void
pm_os_request_stop (void)
{
  InterlockedExchange (&stop_flag, 1);
  if (stop_event != NULL)
    SetEvent (stop_event);
}

char
pm_os_dir_separator (void)
{
  return '\\';
}

static BOOL WINAPI
console_ctrl_cb (DWORD type)
{
  switch (type)
    {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
      pm_os_request_stop ();
      return TRUE;

    case CTRL_CLOSE_EVENT:
    case CTRL_SHUTDOWN_EVENT:
      /* Windows ends the process when this returns: give the snapshot in
       * progress a few seconds to reach its file. */
      pm_os_request_stop ();
      if (finished_event != NULL)
        WaitForSingleObject (finished_event, 4000);
      return TRUE;

    default:
      /* CTRL_LOGOFF_EVENT: a user logging off must not stop a sampler
       * that runs as a boot-time task. */
      return FALSE;
    }
}

static void
copy_string (char       *out,
             size_t      out_size,
             size_t     *n,
             const char *s)
{
  while (*s != '\0' && *n + 1 < out_size)
    out[(*n)++] = *s++;
  out[*n] = '\0';
}

/* "WHAT PATH: system message (Win32 error N)" */
static void
set_error (char       *error,
           size_t      error_size,
           const char *what,
           const char *path,
           DWORD       code)
{
  char message[256];
  char number[16];
  size_t n = 0;
  int i = (int) sizeof number - 1;
  DWORD len;

  if (error_size == 0)
    return;

  len = FormatMessageA (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code,
                        0, message, sizeof message, NULL);
  while (len > 0 && (message[len - 1] == '\n' || message[len - 1] == '\r'
                     || message[len - 1] == ' ' || message[len - 1] == '.'))
    len--;
  message[len] = '\0';

  number[i] = '\0';
  do
    {
      number[--i] = (char) ('0' + code % 10);
      code /= 10;
    }
  while (code != 0 && i > 0);

  error[0] = '\0';
  copy_string (error, error_size, &n, what);
  copy_string (error, error_size, &n, " ");
  copy_string (error, error_size, &n, path);
  copy_string (error, error_size, &n, ": ");
  copy_string (error, error_size, &n, message);
  copy_string (error, error_size, &n, " (Win32 error ");
  copy_string (error, error_size, &n, number + i);
  copy_string (error, error_size, &n, ")");
}

int
pm_os_write_file_atomic (const char *dir,
                         const char *name,
                         const char *data,
                         size_t      len,
                         char       *error,
                         size_t      error_size)
{
  char path[MAX_PATH + 1];
  char tmp[MAX_PATH + 8];
  size_t n = 0;
  HANDLE file;
  DWORD code;

  copy_string (path, sizeof path, &n, dir);
  copy_string (path, sizeof path, &n, "\\");
  copy_string (path, sizeof path, &n, name);
  if (n + 1 >= sizeof path)
    {
      set_error (error, error_size, "path too long:", dir, ERROR_FILENAME_EXCED_RANGE);
      return -1;
    }
  memcpy (tmp, path, n);
  memcpy (tmp + n, ".tmp", 5);

  file = CreateFileA (tmp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (file == INVALID_HANDLE_VALUE)
    {
      set_error (error, error_size, "cannot create", tmp, GetLastError ());
      return -1;
    }

  while (len > 0)
    {
      DWORD chunk = len > (1u << 30) ? (1u << 30) : (DWORD) len;
      DWORD written = 0;

      if (!WriteFile (file, data, chunk, &written, NULL) || written == 0)
        {
          code = GetLastError ();
          set_error (error, error_size, "cannot write", tmp, code ? code : ERROR_DISK_FULL);
          CloseHandle (file);
          DeleteFileA (tmp);
          return -1;
        }
      data += written;
      len -= written;
    }

  if (!FlushFileBuffers (file))
    {
      set_error (error, error_size, "cannot flush", tmp, GetLastError ());
      CloseHandle (file);
      DeleteFileA (tmp);
      return -1;
    }
  CloseHandle (file);

  if (!MoveFileExA (tmp, path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
    {
      set_error (error, error_size, "cannot rename into place", path, GetLastError ());
      DeleteFileA (tmp);
      return -1;
    }
  return 0;
}

static int64_t
wall_now (void *user_data)
{
  FILETIME ft;
  ULARGE_INTEGER t;

  /* 100 ns units since 1601 to seconds since 1970. */
  GetSystemTimeAsFileTime (&ft);
  t.LowPart = ft.dwLowDateTime;
  t.HighPart = ft.dwHighDateTime;
  return (int64_t) ((t.QuadPart - 116444736000000000ull) / 10000000ull);
}

static uint64_t
mono_now_ms (void *user_data)
{
  /* Counts on through sleep and hibernation, which is what the schedule
   * wants: wall-clock slots, not run-time slots. */
  return (uint64_t) GetTickCount64 ();
}

static int
wait_until_ms (uint64_t  deadline_ms,
               void     *user_data)
{
  HANDLE event = get_stop_event ();

  for (;;)
    {
      uint64_t now = mono_now_ms (user_data);
      uint64_t left;

      if (stop_flag)
        return 1;
      if (now >= deadline_ms)
        return 0;

      /* Waits do not count time asleep on recent Windows; re-reading the
       * tick count every second keeps the schedule across a suspend. */
      left = deadline_ms - now;
      if (left > 1000)
        left = 1000;
      if (event != NULL)
        WaitForSingleObject (event, (DWORD) left);
      else
        Sleep ((DWORD) left);
    }
}

static int
stop_requested (void *user_data)
{
  return stop_flag != 0;
}

static void
local_time (int64_t    epoch,
            struct tm *out,
            void      *user_data)
{
  time_t t = (time_t) epoch;
  struct tm *tm = localtime (&t);

  if (tm != NULL)
    *out = *tm;
  else
    memset (out, 0, sizeof *out);
}

static int
write_all (DWORD       which,
           const char *data,
           size_t      len)
{
  HANDLE handle = GetStdHandle (which);

  /* Raw bytes: a text-mode stream would turn the CSV's CRLF into CRCRLF. */
  while (len > 0)
    {
      DWORD written = 0;

      if (handle == NULL || handle == INVALID_HANDLE_VALUE
          || !WriteFile (handle, data, (DWORD) (len > 65536 ? 65536 : len), &written, NULL)
          || written == 0)
        return -1;
      data += written;
      len -= written;
    }
  return 0;
}

static int
write_file (const char *dir,
            const char *name,
            const char *data,
            size_t      len,
            char       *error,
            size_t      error_size,
            void       *user_data)
{
  return pm_os_write_file_atomic (dir, name, data, len, error, error_size);
}

static int
write_stdout (const char *data,
              size_t      len,
              void       *user_data)
{
  return write_all (STD_OUTPUT_HANDLE, data, len);
}

static void
report (const char *line,
        void       *user_data)
{
  write_all (STD_ERROR_HANDLE, line, strlen (line));
  write_all (STD_ERROR_HANDLE, "\r\n", 2);
}

static int
file_exists (const char *path,
             void       *user_data)
{
  DWORD attributes = GetFileAttributesA (path);

  return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

static int
dir_exists (const char *path,
            void       *user_data)
{
  DWORD attributes = GetFileAttributesA (path);

  return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY);
}

void
pm_sampler_hooks_init_default (PmSamplerHooks *hooks)
{
  hooks->wall_now = wall_now;
  hooks->mono_now_ms = mono_now_ms;
  hooks->wait_until_ms = wait_until_ms;
  hooks->stop_requested = stop_requested;
  hooks->local_time = local_time;
  hooks->write_file = write_file;
  hooks->write_stdout = write_stdout;
  hooks->report = report;
  hooks->file_exists = file_exists;
  hooks->dir_exists = dir_exists;
  hooks->user_data = NULL;
}

/* Appends @tail to the value of the environment variable @name. */
static int
env_path (char       *out,
          size_t      out_size,
          const char *name,
          const char *tail)
{
  DWORD n = GetEnvironmentVariableA (name, out, (DWORD) out_size);
  size_t len = n;

  if (n == 0 || n >= out_size)
    return 0;
  copy_string (out, out_size, &len, tail);
  return len + 1 < out_size;
}

int
pm_sampler_win32_main (int          argc,
                       char       **argv,
                       PmQueryFunc  func,
                       void        *func_data)
{
  static char paths[4][MAX_PATH + 1];
  const char *defaults[5] = { NULL };
  char exe_dir[MAX_PATH + 1];
  PmSamplerHooks hooks;
  size_t n_defaults = 0;
  DWORD len;
  int status;

  get_stop_event ();
  finished_event = CreateEventA (NULL, TRUE, FALSE, NULL);
  SetConsoleCtrlHandler (console_ctrl_cb, TRUE);

  len = GetModuleFileNameA (NULL, exe_dir, sizeof exe_dir);
  if (len == 0 || len >= sizeof exe_dir)
    exe_dir[0] = '\0';
  else
    {
      while (len > 0 && exe_dir[len - 1] != '\\' && exe_dir[len - 1] != '/')
        len--;
      exe_dir[len > 0 ? len - 1 : 0] = '\0';
    }

  /* Where the Windows debuggers install pooltag.txt: the Windows Kits
   * (WDK/SDK) and the older standalone Debugging Tools. */
  if (env_path (paths[0], sizeof paths[0], "ProgramFiles(x86)",
                "\\Windows Kits\\10\\Debuggers\\x64\\triage\\pooltag.txt"))
    defaults[n_defaults++] = paths[0];
  if (env_path (paths[1], sizeof paths[1], "ProgramFiles",
                "\\Windows Kits\\10\\Debuggers\\x64\\triage\\pooltag.txt"))
    defaults[n_defaults++] = paths[1];
  if (env_path (paths[2], sizeof paths[2], "ProgramFiles",
                "\\Debugging Tools for Windows (x64)\\triage\\pooltag.txt"))
    defaults[n_defaults++] = paths[2];

  pm_sampler_hooks_init_default (&hooks);
  status = pm_sampler_main (argc, argv, func, func_data, &hooks,
                            exe_dir[0] != '\0' ? exe_dir : NULL, defaults);

  if (finished_event != NULL)
    SetEvent (finished_event);
  return status;
}
