/* pm-sampler.h: the portable part of poolmon-sampler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C11, no GLib: everything here builds for Windows (the product) and
 * for Linux (where it is unit-tested). The pool-tag query sits behind
 * PmQueryFunc and the clock, the sleep and the file writing behind
 * PmSamplerHooks, so tests drive the whole loop without Windows and without
 * waiting. Only pm-sampler-os-win32.c and main-win32.c know about Win32.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The NTSTATUS values the sampler acts on. */
#define PM_STATUS_SUCCESS              0x00000000u
#define PM_STATUS_NOT_IMPLEMENTED      0xC0000002u
#define PM_STATUS_INVALID_INFO_CLASS   0xC0000003u
#define PM_STATUS_INFO_LENGTH_MISMATCH 0xC0000004u
#define PM_STATUS_BUFFER_TOO_SMALL     0xC0000023u
#define PM_STATUS_NOT_SUPPORTED        0xC00000BBu

/* SystemPoolTagInformation, x64 layout: a ULONG count, padded to 8, then
 * one 40-byte SYSTEM_POOLTAG per tag:
 *   0 Tag[4]  4 PagedAllocs  8 PagedFrees  (12 padding)  16 PagedUsed (SIZE_T)
 *  24 NonPagedAllocs  28 NonPagedFrees  32 NonPagedUsed (SIZE_T)
 * Parsed by offset, not through a struct, so the Linux tests read the very
 * bytes Windows writes. */
#define PM_POOLTAG_INFO_CLASS   22
#define PM_POOLTAG_HEADER_SIZE  8
#define PM_POOLTAG_ENTRY_SIZE   40

/* Exit codes of the program. */
enum
{
  PM_EXIT_OK          = 0,
  PM_EXIT_FAILURE     = 1, /* bad usage, or nothing could be written */
  PM_EXIT_UNSUPPORTED = 2, /* this system does not answer the query */
};

/* Calls NtQuerySystemInformation (SystemPoolTagInformation) or a test
 * double: fills @buffer (@size bytes), sets *@return_length to the size
 * needed or written, returns an NTSTATUS. */
typedef uint32_t (*PmQueryFunc) (void     *buffer,
                                 uint32_t  size,
                                 uint32_t *return_length,
                                 void     *user_data);

typedef struct
{
  char     tag[4];
  uint32_t paged_allocs;
  uint32_t paged_frees;
  uint64_t paged_used;
  uint32_t non_paged_allocs;
  uint32_t non_paged_frees;
  uint64_t non_paged_used;
} PmPoolTag;

/* A growable byte buffer, reused from one snapshot to the next. */
typedef struct
{
  char   *data;
  size_t  len;
  size_t  capacity;
} PmBuf;

int    pm_buf_reserve (PmBuf  *buf,
                       size_t  extra);
void   pm_buf_clear   (PmBuf  *buf);

/* ---- the query ----------------------------------------------------------- */

typedef enum
{
  PM_QUERY_OK,
  PM_QUERY_UNSUPPORTED, /* the system does not know the information class */
  PM_QUERY_FAILED,      /* another NTSTATUS, or a malformed answer */
  PM_QUERY_NO_MEMORY,
} PmQueryResult;

/* The query's buffer and the parsed tags; both are kept and reused so a
 * sampler running for months allocates only while the tag list grows. */
typedef struct
{
  PmQueryFunc    func;
  void          *user_data;
  unsigned char *buffer;
  size_t         buffer_size;
  PmPoolTag     *tags;
  size_t         n_tags;
  size_t         tags_capacity;
  uint32_t       status;      /* the last NTSTATUS */
  unsigned int   n_calls;     /* calls made by the last run, for tests */
} PmPoolQuery;

void           pm_pool_query_init   (PmPoolQuery       *query,
                                     PmQueryFunc        func,
                                     void              *user_data);
void           pm_pool_query_clear  (PmPoolQuery       *query);
PmQueryResult  pm_pool_query_run    (PmPoolQuery       *query);
PmQueryResult  pm_pool_query_parse  (PmPoolQuery       *query,
                                     const void        *data,
                                     size_t             len);

/* ---- pooltag.txt --------------------------------------------------------- */

typedef struct _PmTagFile PmTagFile;

PmTagFile   *pm_tag_file_new_from_data (const char   *data,
                                        size_t        len);
PmTagFile   *pm_tag_file_new_from_path (const char   *path);
size_t       pm_tag_file_get_n_entries (PmTagFile    *self);
int          pm_tag_file_lookup        (PmTagFile    *self,
                                        const char    tag[4],
                                        const char  **binary,
                                        const char  **description);
void         pm_tag_file_free          (PmTagFile    *self);

/* ---- formatting ---------------------------------------------------------- */

typedef struct
{
  int64_t   epoch;  /* seconds since 1970 UTC */
  struct tm utc;
  struct tm local;
} PmSnapshotTime;

/* Length of a file name that pm_sampler_file_name() writes, NUL included. */
#define PM_SAMPLER_FILE_NAME_MAX 64

/* Seconds since 1970 to UTC fields, without gmtime_r or gmtime_s. */
void  pm_sampler_utc_time         (int64_t               epoch,
                                   struct tm            *tm);
int   pm_sampler_file_name        (const PmSnapshotTime *time,
                                   char                 *out,
                                   size_t                out_size);
int   pm_sampler_format_header    (PmBuf                *out);
int   pm_sampler_format_rows      (PmBuf                *out,
                                   const PmSnapshotTime *time,
                                   const PmPoolTag      *tags,
                                   size_t                n_tags,
                                   PmTagFile            *tag_file,
                                   const char * const   *patterns,
                                   size_t                n_patterns);
int   pm_sampler_tag_selected     (const char           *tag,
                                   const char * const   *patterns,
                                   size_t                n_patterns);

/* ---- options ------------------------------------------------------------- */

typedef struct
{
  const char   *out_dir;        /* "." by default */
  const char   *tag_file;       /* NULL: look next to the exe, then the debuggers' */
  unsigned int  interval;       /* seconds, >= 1 */
  double        duration_hours; /* 0: until stopped */
  unsigned long count;          /* 0: use the duration */
  int           once;
  int           help;
  int           version;
  char        **patterns;       /* --tags, split at commas */
  size_t        n_patterns;
  char         *patterns_data;
} PmSamplerOptions;

int   pm_sampler_options_parse (PmSamplerOptions *options,
                                int               argc,
                                char            **argv,
                                char             *error,
                                size_t            error_size);
void  pm_sampler_options_clear (PmSamplerOptions *options);
const char *pm_sampler_usage   (void);

/* ---- scheduling ---------------------------------------------------------- */

/* Snapshot k is due at start + k × interval, so the schedule never drifts.
 * Returns the first slot after @last_k that is not already in the past at
 * @now_ms: a slow snapshot or a suspended machine skips slots rather than
 * bunching them up. */
uint64_t pm_schedule_next_slot  (uint64_t start_ms,
                                 uint64_t interval_ms,
                                 uint64_t now_ms,
                                 uint64_t last_k);
/* Number of slots in @duration_ms (the first at 0), or UINT64_MAX for 0. */
uint64_t pm_schedule_n_slots    (uint64_t interval_ms,
                                 uint64_t duration_ms);

/* ---- the loop ------------------------------------------------------------ */

typedef struct
{
  /* Seconds since 1970 UTC. */
  int64_t   (*wall_now)      (void *user_data);
  /* A clock that never goes back, in milliseconds. */
  uint64_t  (*mono_now_ms)   (void *user_data);
  /* Sleeps until mono_now_ms() >= @deadline_ms or a stop is requested;
   * returns 1 when a stop is requested. */
  int       (*wait_until_ms) (uint64_t deadline_ms, void *user_data);
  int       (*stop_requested)(void *user_data);
  void      (*local_time)    (int64_t epoch, struct tm *out, void *user_data);
  /* Writes @data into DIR/NAME so that no reader ever sees part of it.
   * Returns 0, or -1 with a message in @error. */
  int       (*write_file)    (const char *dir, const char *name,
                              const char *data, size_t len,
                              char *error, size_t error_size,
                              void *user_data);
  /* Writes the whole of @data to standard output; returns 0 or -1. */
  int       (*write_stdout)  (const char *data, size_t len, void *user_data);
  /* One line for standard error, without its newline. */
  void      (*report)        (const char *line, void *user_data);
  /* Returns 1 when @path is a readable file. */
  int       (*file_exists)   (const char *path, void *user_data);
  /* Returns 1 when @path is a folder. */
  int       (*dir_exists)    (const char *path, void *user_data);
  void      *user_data;
} PmSamplerHooks;

/* The real clock, sleep and files of the machine running the sampler. */
void  pm_sampler_hooks_init_default (PmSamplerHooks *hooks);

typedef struct
{
  PmPoolQuery              query;
  PmBuf                    out;
  PmTagFile               *tag_file;
  const PmSamplerOptions  *options;
  PmSamplerHooks           hooks;
  unsigned long            n_written;
  unsigned long            n_failed;
} PmSampler;

void  pm_sampler_init           (PmSampler              *self,
                                 const PmSamplerOptions *options,
                                 const PmSamplerHooks   *hooks,
                                 PmQueryFunc             func,
                                 void                   *func_data);
void  pm_sampler_clear          (PmSampler              *self);
void  pm_sampler_snapshot_time  (PmSampler              *self,
                                 PmSnapshotTime         *time);
PmQueryResult pm_sampler_format_snapshot (PmSampler            *self,
                                          const PmSnapshotTime *time);
int   pm_sampler_take_snapshot  (PmSampler              *self);
int   pm_sampler_run_loop       (PmSampler              *self);

/* The whole program: options, tag file, then one snapshot or the loop.
 * Returns the exit code. @exe_dir (may be NULL) is where pooltag.txt is
 * looked for first; @default_tag_files, NULL-terminated, after it. */
int   pm_sampler_main           (int                     argc,
                                 char                  **argv,
                                 PmQueryFunc             func,
                                 void                   *func_data,
                                 const PmSamplerHooks   *hooks,
                                 const char             *exe_dir,
                                 const char * const     *default_tag_files);

/* ---- the operating system (pm-sampler-os-*.c) ------------------------------ */

int   pm_os_write_file_atomic   (const char *dir,
                                 const char *name,
                                 const char *data,
                                 size_t      len,
                                 char       *error,
                                 size_t      error_size);
void  pm_os_request_stop        (void);
char  pm_os_dir_separator       (void);

#ifdef _WIN32
/* The program on Windows: Ctrl+C handling, pooltag.txt next to the exe or
 * in the debuggers' folder, then pm_sampler_main(). */
int   pm_sampler_win32_main     (int                     argc,
                                 char                  **argv,
                                 PmQueryFunc             func,
                                 void                   *func_data);
#endif
