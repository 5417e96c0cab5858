/* pm-sampler-test.c: the harness, the query's test double and fake hooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _WIN32
# define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
# define WIN32_LEAN_AND_MEAN
# include <windows.h>
#else
# include <dirent.h>
# include <unistd.h>
#endif

#include "pm-sampler-test.h"

typedef struct
{
  const char *path;
  PmTestFunc  func;
} Test;

static Test tests[256];
static int n_tests;
static int current_failed;
static const char *current_skip;

void
pm_test_add (const char *path,
             PmTestFunc  func)
{
  if (n_tests < (int) (sizeof tests / sizeof tests[0]))
    tests[n_tests++] = (Test) { path, func };
}

void
pm_test_fail (const char *file,
              int         line,
              const char *message)
{
  printf ("# %s:%d: %s\n", file, line, message);
  current_failed = 1;
}

void
pm_test_skip (const char *reason)
{
  current_skip = reason;
}

int
pm_test_str_equal (const char *file,
                   int         line,
                   const char *expr,
                   const char *a,
                   const char *b)
{
  if (a != NULL && b != NULL && strcmp (a, b) == 0)
    return 1;
  printf ("# %s:%d: %s\n#   got:      \"%s\"\n#   expected: \"%s\"\n",
          file, line, expr, a ? a : "(null)", b ? b : "(null)");
  current_failed = 1;
  return 0;
}

int
pm_test_u64_equal (const char *file,
                   int         line,
                   const char *expr,
                   uint64_t    a,
                   uint64_t    b)
{
  if (a == b)
    return 1;
  printf ("# %s:%d: %s\n#   got:      %llu\n#   expected: %llu\n",
          file, line, expr, (unsigned long long) a, (unsigned long long) b);
  current_failed = 1;
  return 0;
}

int
pm_test_run (void)
{
  int failed = 0;

  printf ("1..%d\n", n_tests);
  for (int i = 0; i < n_tests; i++)
    {
      current_failed = 0;
      current_skip = NULL;
      tests[i].func ();
      if (current_failed)
        failed++;
      if (current_skip != NULL && !current_failed)
        printf ("ok %d %s # SKIP %s\n", i + 1, tests[i].path, current_skip);
      else
        printf ("%s %d %s\n", current_failed ? "not ok" : "ok", i + 1, tests[i].path);
      fflush (stdout);
    }
  return failed ? 1 : 0;
}

#ifdef _WIN32
char *
pm_test_make_dir (void)
{
  char base[MAX_PATH];
  char *dir = malloc (MAX_PATH + 32);
  static unsigned counter;

  GetTempPathA (sizeof base, base);
  for (;;)
    {
      snprintf (dir, MAX_PATH + 32, "%spm-sampler-%lu-%u", base,
                (unsigned long) GetCurrentProcessId (), counter++);
      if (CreateDirectoryA (dir, NULL))
        return dir;
      if (GetLastError () != ERROR_ALREADY_EXISTS)
        {
          free (dir);
          return NULL;
        }
    }
}

void
pm_test_remove_dir (char *dir)
{
  char pattern[MAX_PATH + 8];
  WIN32_FIND_DATAA data;
  HANDLE find;

  if (dir == NULL)
    return;
  snprintf (pattern, sizeof pattern, "%s\\*", dir);
  find = FindFirstFileA (pattern, &data);
  if (find != INVALID_HANDLE_VALUE)
    {
      do
        {
          char path[MAX_PATH * 2];

          if (strcmp (data.cFileName, ".") == 0 || strcmp (data.cFileName, "..") == 0)
            continue;
          snprintf (path, sizeof path, "%s\\%s", dir, data.cFileName);
          DeleteFileA (path);
        }
      while (FindNextFileA (find, &data));
      FindClose (find);
    }
  RemoveDirectoryA (dir);
  free (dir);
}

static int
list_names (const char *dir,
            char      ***names,
            size_t      *n)
{
  char pattern[MAX_PATH + 8];
  WIN32_FIND_DATAA data;
  HANDLE find;

  *n = 0;
  *names = calloc (4096, sizeof (char *));
  snprintf (pattern, sizeof pattern, "%s\\*", dir);
  find = FindFirstFileA (pattern, &data);
  if (find == INVALID_HANDLE_VALUE)
    return 0;
  do
    if (strcmp (data.cFileName, ".") != 0 && strcmp (data.cFileName, "..") != 0 && *n < 4096)
      (*names)[(*n)++] = strdup (data.cFileName);
  while (FindNextFileA (find, &data));
  FindClose (find);
  return 0;
}
#else
char *
pm_test_make_dir (void)
{
  const char *base = getenv ("TMPDIR");
  char *dir = malloc (4096);

  snprintf (dir, 4096, "%s/pm-sampler-XXXXXX", base && *base ? base : "/tmp");
  if (mkdtemp (dir) == NULL)
    {
      free (dir);
      return NULL;
    }
  return dir;
}

void
pm_test_remove_dir (char *dir)
{
  DIR *d;
  struct dirent *entry;

  if (dir == NULL)
    return;
  d = opendir (dir);
  if (d != NULL)
    {
      while ((entry = readdir (d)) != NULL)
        {
          char path[8192];

          if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
            continue;
          snprintf (path, sizeof path, "%s/%s", dir, entry->d_name);
          unlink (path);
        }
      closedir (d);
    }
  rmdir (dir);
  free (dir);
}

static int
list_names (const char *dir,
            char      ***names,
            size_t      *n)
{
  DIR *d = opendir (dir);
  struct dirent *entry;

  *n = 0;
  *names = calloc (4096, sizeof (char *));
  if (d == NULL)
    return 0;
  while ((entry = readdir (d)) != NULL)
    if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0 && *n < 4096)
      (*names)[(*n)++] = strdup (entry->d_name);
  closedir (d);
  return 0;
}
#endif

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char *
pm_test_list_dir (const char *dir)
{
  char **names;
  size_t n, len = 1;
  char *out;

  list_names (dir, &names, &n);
  qsort (names, n, sizeof (char *), compare_names);
  for (size_t i = 0; i < n; i++)
    len += strlen (names[i]) + 1;
  out = calloc (1, len);
  for (size_t i = 0; i < n; i++)
    {
      if (i > 0)
        strcat (out, "\n");
      strcat (out, names[i]);
      free (names[i]);
    }
  free (names);
  return out;
}

char *
pm_test_read_file (const char *path,
                   size_t     *len)
{
  FILE *file = fopen (path, "rb");
  char *data;
  long size;

  if (file == NULL)
    return NULL;
  fseek (file, 0, SEEK_END);
  size = ftell (file);
  fseek (file, 0, SEEK_SET);
  data = malloc ((size_t) size + 1);
  if (fread (data, 1, (size_t) size, file) != (size_t) size)
    {
      free (data);
      fclose (file);
      return NULL;
    }
  data[size] = '\0';
  fclose (file);
  if (len != NULL)
    *len = (size_t) size;
  return data;
}

/* ---- the query's test double ---------------------------------------------- */

void
pm_fake_tag (size_t     index,
             uint64_t   tick,
             PmPoolTag *out)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  uint32_t outstanding = (uint32_t) (index % 97 + tick % 11);
  size_t n = index;

  /* Distinct names for every index: base 62, most significant first,
   * padded with spaces on the right as Windows pads short tags. */
  memset (out->tag, ' ', 4);
  for (int i = 0; i < 4; i++)
    {
      out->tag[i] = alphabet[n % 62];
      n /= 62;
      if (n == 0)
        break;
    }

  out->paged_allocs = (uint32_t) (index * 7919u + tick * 13u);
  /* Every fifth tag has wrapped: allocs below frees, yet few outstanding. */
  if (index % 5 == 0)
    out->paged_allocs = (uint32_t) (index + tick);
  out->paged_frees = out->paged_allocs - outstanding;
  out->paged_used = (uint64_t) outstanding * 64u + (index % 3 == 0 ? 5000000000ull : 0);
  out->non_paged_allocs = (uint32_t) (index * 104729u + tick * 3u + 100u);
  out->non_paged_frees = out->non_paged_allocs - (uint32_t) (index % 13);
  out->non_paged_used = (uint64_t) (index % 13) * 128u;
}

static void
put_u32 (unsigned char *p,
         uint32_t       v)
{
  p[0] = (unsigned char) v;
  p[1] = (unsigned char) (v >> 8);
  p[2] = (unsigned char) (v >> 16);
  p[3] = (unsigned char) (v >> 24);
}

static void
put_u64 (unsigned char *p,
         uint64_t       v)
{
  put_u32 (p, (uint32_t) v);
  put_u32 (p + 4, (uint32_t) (v >> 32));
}

/* The padding at 12..15 is left alone: the parser must not read it. */
static void
encode_entry (unsigned char   *e,
              const PmPoolTag *tag)
{
  memcpy (e, tag->tag, 4);
  put_u32 (e + 4, tag->paged_allocs);
  put_u32 (e + 8, tag->paged_frees);
  put_u64 (e + 16, tag->paged_used);
  put_u32 (e + 24, tag->non_paged_allocs);
  put_u32 (e + 28, tag->non_paged_frees);
  put_u64 (e + 32, tag->non_paged_used);
}

size_t
pm_fake_encode (const PmPoolTag *tags,
                size_t           n_tags,
                unsigned char   *out)
{
  memset (out, 0xAB, PM_POOLTAG_HEADER_SIZE + n_tags * PM_POOLTAG_ENTRY_SIZE);
  put_u32 (out, (uint32_t) n_tags);
  for (size_t i = 0; i < n_tags; i++)
    encode_entry (out + PM_POOLTAG_HEADER_SIZE + i * PM_POOLTAG_ENTRY_SIZE, &tags[i]);
  return PM_POOLTAG_HEADER_SIZE + n_tags * PM_POOLTAG_ENTRY_SIZE;
}

uint32_t
pm_fake_query (void     *buffer,
               uint32_t  size,
               uint32_t *return_length,
               void     *user_data)
{
  PmFakeQuery *fake = user_data;
  size_t needed = PM_POOLTAG_HEADER_SIZE + fake->n_tags * PM_POOLTAG_ENTRY_SIZE;
  unsigned char *out = buffer;

  fake->n_calls++;

  if (fake->status != 0)
    {
      *return_length = 0;
      return fake->status;
    }

  if (size < needed)
    {
      *return_length = fake->no_length ? 0 : (uint32_t) needed;
      /* The list grows between this answer and the next call. */
      fake->n_tags += fake->grow_by;
      return PM_STATUS_INFO_LENGTH_MISMATCH;
    }

  memset (out, 0xAB, needed);
  put_u32 (out, (uint32_t) fake->n_tags);
  for (size_t i = 0; i < fake->n_tags; i++)
    {
      PmPoolTag tag;

      pm_fake_tag (i, fake->tick, &tag);
      encode_entry (out + PM_POOLTAG_HEADER_SIZE + i * PM_POOLTAG_ENTRY_SIZE, &tag);
    }
  *return_length = (uint32_t) needed;
  fake->tick++;
  return PM_STATUS_SUCCESS;
}

/* ---- hooks without a real clock or disk ------------------------------------ */

static void
buf_append (PmBuf      *buf,
            const char *data,
            size_t      len)
{
  if (pm_buf_reserve (buf, len + 1) != 0)
    abort ();
  memcpy (buf->data + buf->len, data, len);
  buf->len += len;
  buf->data[buf->len] = '\0';
}

static int64_t
fake_wall_now (void *user_data)
{
  PmTestHooks *test = user_data;

  return test->epoch0 + (int64_t) (test->mono / 1000);
}

static uint64_t
fake_mono_now_ms (void *user_data)
{
  PmTestHooks *test = user_data;

  return test->mono;
}

static int
fake_wait_until_ms (uint64_t  deadline_ms,
                    void     *user_data)
{
  PmTestHooks *test = user_data;

  if (test->n_waits < 8)
    test->deadlines[test->n_waits] = deadline_ms;
  test->n_waits++;
  if (test->stop)
    return 1;
  if (deadline_ms > test->mono)
    test->mono = deadline_ms;
  return 0;
}

static int
fake_stop_requested (void *user_data)
{
  PmTestHooks *test = user_data;

  return test->stop;
}

static void
fake_local_time (int64_t    epoch,
                 struct tm *out,
                 void      *user_data)
{
  PmTestHooks *test = user_data;

  pm_sampler_utc_time (epoch + test->utc_offset, out);
}

static int
fake_write_file (const char *dir,
                 const char *name,
                 const char *data,
                 size_t      len,
                 char       *error,
                 size_t      error_size,
                 void       *user_data)
{
  PmTestHooks *test = user_data;

  test->n_writes++;
  test->mono += test->write_cost_ms;
  if (test->stop_at_write == test->n_writes)
    test->stop = 1;
  if (test->fail_write_at == test->n_writes)
    {
      snprintf (error, error_size, "cannot write %s/%s.tmp: disk full", dir, name);
      return -1;
    }

  if (test->n_files < 8)
    snprintf (test->names[test->n_files], sizeof test->names[0], "%s", name);
  test->n_files++;
  test->last.len = 0;
  buf_append (&test->last, data, len);
  test->total_bytes += len;
  return 0;
}

static int
fake_write_stdout (const char *data,
                   size_t      len,
                   void       *user_data)
{
  PmTestHooks *test = user_data;

  buf_append (&test->out, data, len);
  return 0;
}

static void
fake_report (const char *line,
             void       *user_data)
{
  PmTestHooks *test = user_data;

  buf_append (&test->err, line, strlen (line));
  buf_append (&test->err, "\n", 1);
  test->n_reports++;
}

static int
fake_file_exists (const char *path,
                  void       *user_data)
{
  PmTestHooks *test = user_data;

  return test->existing != NULL && strcmp (path, test->existing) == 0;
}

/* Every folder exists but one, for the test of a mistyped --out. */
static int
fake_dir_exists (const char *path,
                 void       *user_data)
{
  return strcmp (path, "NO-SUCH-FOLDER") != 0;
}

void
pm_test_hooks_init (PmTestHooks    *test,
                    PmSamplerHooks *hooks)
{
  memset (test, 0, sizeof *test);
  /* 2021-07-13 10:15:00 UTC, the file-name example in docs/design.md. */
  test->epoch0 = 1626171300;

  hooks->wall_now = fake_wall_now;
  hooks->mono_now_ms = fake_mono_now_ms;
  hooks->wait_until_ms = fake_wait_until_ms;
  hooks->stop_requested = fake_stop_requested;
  hooks->local_time = fake_local_time;
  hooks->write_file = fake_write_file;
  hooks->write_stdout = fake_write_stdout;
  hooks->report = fake_report;
  hooks->file_exists = fake_file_exists;
  hooks->dir_exists = fake_dir_exists;
  hooks->user_data = test;
}

void
pm_test_hooks_clear (PmTestHooks *test)
{
  pm_buf_clear (&test->last);
  pm_buf_clear (&test->out);
  pm_buf_clear (&test->err);
}
