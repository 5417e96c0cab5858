/* pm-sampler-test.h: TAP tests, test doubles and fake hooks for the sampler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sampler's tests run on Linux and, cross-built, under wine, where
 * there is no GLib: so instead of GTest, this small harness prints the
 * same TAP (paths /poolstats/sampler/...) that meson reads with
 * protocol: 'tap'.
 */
#pragma once

#include <stdint.h>
#include <stdio.h>

#include "pm-sampler.h"

/* ---- the harness --------------------------------------------------------- */

typedef void (*PmTestFunc) (void);

void  pm_test_add   (const char *path,
                     PmTestFunc  func);
int   pm_test_run   (void);
void  pm_test_fail  (const char *file,
                     int         line,
                     const char *message);
void  pm_test_skip  (const char *reason);

#define PM_CHECK(cond)                                                    \
  do {                                                                    \
    if (!(cond))                                                          \
      {                                                                   \
        pm_test_fail (__FILE__, __LINE__, "check failed: " #cond);        \
        return;                                                           \
      }                                                                   \
  } while (0)

#define PM_CHECK_STR(a, b)                                                \
  do {                                                                    \
    if (!pm_test_str_equal (__FILE__, __LINE__, #a, (a), (b)))            \
      return;                                                             \
  } while (0)

#define PM_CHECK_U64(a, b)                                                \
  do {                                                                    \
    if (!pm_test_u64_equal (__FILE__, __LINE__, #a, (uint64_t) (a),       \
                            (uint64_t) (b)))                              \
      return;                                                             \
  } while (0)

int   pm_test_str_equal (const char *file, int line, const char *expr,
                         const char *a, const char *b);
int   pm_test_u64_equal (const char *file, int line, const char *expr,
                         uint64_t a, uint64_t b);

/* A fresh empty folder for the test's files; removed with its files by
 * pm_test_remove_dir(). */
char *pm_test_make_dir    (void);
void  pm_test_remove_dir  (char *dir);
char *pm_test_read_file   (const char *path,
                           size_t     *len);
/* Names (not paths) in @dir, sorted, joined by '\n'. */
char *pm_test_list_dir    (const char *dir);

/* ---- the query's test double ---------------------------------------------- */

/* Answers like NtQuerySystemInformation (SystemPoolTagInformation) on x64:
 * STATUS_INFO_LENGTH_MISMATCH with the size needed while the buffer is too
 * small, else the list. Tags and counters are a pure function of the tag's
 * index and of @tick, which advances at each full answer, so a test knows
 * every value written. */
typedef struct
{
  size_t    n_tags;
  size_t    grow_by;      /* tags added after each too-small call */
  uint32_t  status;       /* not 0: every call answers this */
  int       no_length;    /* too-small answers give no length */
  uint64_t  tick;
  unsigned  n_calls;
} PmFakeQuery;

uint32_t  pm_fake_query        (void      *buffer,
                                uint32_t   size,
                                uint32_t  *return_length,
                                void      *user_data);
void      pm_fake_tag          (size_t     index,
                                uint64_t   tick,
                                PmPoolTag *out);
/* Writes @tags in the x64 byte layout; returns the bytes written. */
size_t    pm_fake_encode       (const PmPoolTag *tags,
                                size_t           n_tags,
                                unsigned char   *out);

/* ---- hooks without a real clock or disk ------------------------------------ */

typedef struct
{
  int64_t    epoch0;           /* wall clock at mono 0 */
  uint64_t   mono;             /* ms; only waits and write_cost move it */
  int        utc_offset;       /* seconds: local = UTC + this */
  uint64_t   write_cost_ms;
  unsigned   fail_write_at;    /* 1-based write that fails, 0: none */
  unsigned   stop_at_write;    /* 1-based write during which a stop comes */
  int        stop;
  unsigned   n_writes;         /* attempts */
  unsigned   n_files;          /* written */
  char       names[8][PM_SAMPLER_FILE_NAME_MAX];
  uint64_t   deadlines[8];
  unsigned   n_waits;
  PmBuf      last;             /* the last file's bytes */
  uint64_t   total_bytes;
  PmBuf      out;              /* standard output */
  PmBuf      err;              /* reports, one per line */
  unsigned   n_reports;
  const char *existing;        /* the one path file_exists() knows, or NULL */
} PmTestHooks;

void  pm_test_hooks_init   (PmTestHooks    *test,
                            PmSamplerHooks *hooks);
void  pm_test_hooks_clear  (PmTestHooks    *test);
