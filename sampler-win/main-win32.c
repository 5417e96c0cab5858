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

#include "pm-sampler.h"

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
