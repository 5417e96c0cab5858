/* main-win32.c: poolmon-sampler.exe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only file that calls into ntdll: the real pool-tag query. Everything
 * else is the portable sampler that the tests drive with a test double.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winternl.h>

#include <stddef.h>

#include "pm-sampler.h"

/* The structures as the Windows SDK documents them, only to prove at
 * compile time that the offsets pm-sampler-query.c reads are theirs. */
typedef struct
{
  union
  {
    UCHAR Tag[4];
    ULONG TagUlong;
  };
  ULONG  PagedAllocs;
  ULONG  PagedFrees;
  SIZE_T PagedUsed;
  ULONG  NonPagedAllocs;
  ULONG  NonPagedFrees;
  SIZE_T NonPagedUsed;
} PmSystemPoolTag;

typedef struct
{
  ULONG           Count;
  PmSystemPoolTag TagInfo[1];
} PmSystemPoolTagInformation;

_Static_assert (offsetof (PmSystemPoolTagInformation, TagInfo) == PM_POOLTAG_HEADER_SIZE, "header");
_Static_assert (sizeof (PmSystemPoolTag) == PM_POOLTAG_ENTRY_SIZE, "entry size");
_Static_assert (offsetof (PmSystemPoolTag, PagedAllocs) == 4, "PagedAllocs");
_Static_assert (offsetof (PmSystemPoolTag, PagedFrees) == 8, "PagedFrees");
_Static_assert (offsetof (PmSystemPoolTag, PagedUsed) == 16, "PagedUsed");
_Static_assert (offsetof (PmSystemPoolTag, NonPagedAllocs) == 24, "NonPagedAllocs");
_Static_assert (offsetof (PmSystemPoolTag, NonPagedFrees) == 28, "NonPagedFrees");
_Static_assert (offsetof (PmSystemPoolTag, NonPagedUsed) == 32, "NonPagedUsed");

static uint32_t
query_pool_tags (void     *buffer,
                 uint32_t  size,
                 uint32_t *return_length,
                 void     *user_data)
{
  ULONG needed = 0;
  NTSTATUS status;

  status = NtQuerySystemInformation ((SYSTEM_INFORMATION_CLASS) PM_POOLTAG_INFO_CLASS,
                                     buffer, size, &needed);
  *return_length = needed;
  return (uint32_t) status;
}

int
main (int    argc,
      char **argv)
{
  return pm_sampler_win32_main (argc, argv, query_pool_tags, NULL);
}
