/* pm-sampler-os-posix.c: clock, sleep and files on Linux
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sampler ships for Windows only; this is what lets the portable part
 * and its loop run, and be tested, where development happens. It does
 * what pm-sampler-os-win32.c does, with the same guarantees: a snapshot
 * file appears under its name whole or not at all.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pm-sampler.h"

static volatile sig_atomic_t stop_flag;

void
pm_os_request_stop (void)
{
  stop_flag = 1;
}

char
pm_os_dir_separator (void)
{
  return '/';
}

static void
set_error (char       *error,
           size_t      error_size,
           const char *what,
           const char *path,
           int         errsv)
{
  if (error_size > 0)
    snprintf (error, error_size, "%s %s: %s", what, path, strerror (errsv));
}

int
pm_os_write_file_atomic (const char *dir,
                         const char *name,
                         const char *data,
                         size_t      len,
                         char       *error,
                         size_t      error_size)
{
  char path[4096];
  char tmp[4096 + 8];
  int fd;

  if ((size_t) snprintf (path, sizeof path, "%s/%s", dir, name) >= sizeof path)
    {
      set_error (error, error_size, "path too long:", dir, ENAMETOOLONG);
      return -1;
    }
  snprintf (tmp, sizeof tmp, "%s.tmp", path);

  fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_error (error, error_size, "cannot create", tmp, errno);
      return -1;
    }

  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_error (error, error_size, "cannot write", tmp, n < 0 ? errno : ENOSPC);
          close (fd);
          unlink (tmp);
          return -1;
        }
      data += n;
      len -= (size_t) n;
    }

  /* Durable before it is visible: after a crash the name holds the whole
   * snapshot or does not exist. */
  if (fsync (fd) != 0)
    {
      set_error (error, error_size, "cannot flush", tmp, errno);
      close (fd);
      unlink (tmp);
      return -1;
    }
  if (close (fd) != 0)
    {
      set_error (error, error_size, "cannot close", tmp, errno);
      unlink (tmp);
      return -1;
    }
  if (rename (tmp, path) != 0)
    {
      set_error (error, error_size, "cannot rename into place", path, errno);
      unlink (tmp);
      return -1;
    }
  return 0;
}

static int64_t
wall_now (void *user_data)
{
  return (int64_t) time (NULL);
}

static uint64_t
mono_now_ms (void *user_data)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000 + (uint64_t) ts.tv_nsec / 1000000;
}

static int
wait_until_ms (uint64_t  deadline_ms,
               void     *user_data)
{
  for (;;)
    {
      uint64_t now = mono_now_ms (user_data);
      uint64_t left;
      struct timespec ts;

      if (stop_flag)
        return 1;
      if (now >= deadline_ms)
        return 0;

      /* Short naps so a stop is seen promptly. */
      left = deadline_ms - now;
      if (left > 200)
        left = 200;
      ts.tv_sec = 0;
      ts.tv_nsec = (long) left * 1000000;
      nanosleep (&ts, NULL);
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

  localtime_r (&t, out);
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
  if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
    return -1;
  return 0;
}

static void
report (const char *line,
        void       *user_data)
{
  fprintf (stderr, "%s\n", line);
}

static int
file_exists (const char *path,
             void       *user_data)
{
  return access (path, R_OK) == 0;
}

static int
dir_exists (const char *path,
            void       *user_data)
{
  struct stat st;

  return stat (path, &st) == 0 && S_ISDIR (st.st_mode);
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
