/* bench-sampler.c: CPU time per snapshot of 3,000 tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One snapshot as the sampler takes it, with the query's test double:
 * query, pooltag.txt lookups, CSV formatting, and the atomic write (temp
 * file, flush to disk, rename) into a temporary folder. The goal is at most
 * 5 ms of CPU (user + system) per snapshot; the program fails above it.
 *
 * Usage: bench-sampler [SNAPSHOTS]   (default 200)
 */
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
# define WIN32_LEAN_AND_MEAN
# include <windows.h>
#else
# include <sys/resource.h>
#endif

#include "pm-sampler-test.h"

#define N_TAGS 3000
#define GOAL_MS 5.0

static double
cpu_seconds (void)
{
#ifdef _WIN32
  FILETIME created, exited, kernel, user;
  ULARGE_INTEGER k, u;

  GetProcessTimes (GetCurrentProcess (), &created, &exited, &kernel, &user);
  k.LowPart = kernel.dwLowDateTime;
  k.HighPart = kernel.dwHighDateTime;
  u.LowPart = user.dwLowDateTime;
  u.HighPart = user.dwHighDateTime;
  return (double) (k.QuadPart + u.QuadPart) / 1e7;
#else
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (double) usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + (double) usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
#endif
}

/* A pooltag.txt of the real one's shape: most tags listed exactly, a few
 * hundred wildcard entries. */
static PmTagFile *
make_tag_file (void)
{
  size_t capacity = 512 * 1024, n = 0;
  char *text = malloc (capacity);
  PmTagFile *tag_file;

  for (size_t i = 0; i < N_TAGS; i += 3)
    {
      PmPoolTag tag;

      pm_fake_tag (i, 0, &tag);
      n += (size_t) snprintf (text + n, capacity - n,
                              "%.4s - driver%zu.sys - what driver %zu allocates here\r\n",
                              tag.tag, i, i);
    }
  for (int i = 0; i < 200; i++)
    n += (size_t) snprintf (text + n, capacity - n, "%c%c?%c - w%d.sys - wildcard %d\r\n",
                            'a' + i % 26, 'a' + i / 26, 'z' - i % 7, i, i);
  tag_file = pm_tag_file_new_from_data (text, n);
  free (text);
  return tag_file;
}

int
main (int    argc,
      char **argv)
{
  unsigned long n = argc > 1 ? strtoul (argv[1], NULL, 10) : 200;
  PmFakeQuery fake = { .n_tags = N_TAGS };
  PmSamplerOptions options;
  PmSamplerHooks hooks;
  PmSampler sampler;
  char *dir = pm_test_make_dir ();
  char *sampler_argv[] = { "poolmon-sampler", "--out", dir, NULL };
  char error[256];
  double start, per_snapshot;

  if (dir == NULL || n == 0
      || pm_sampler_options_parse (&options, 3, sampler_argv, error, sizeof error) != 0)
    return 2;

  pm_sampler_hooks_init_default (&hooks);
  pm_sampler_init (&sampler, &options, &hooks, pm_fake_query, &fake);
  sampler.tag_file = make_tag_file ();

  /* One snapshot to size the buffers and fill the lookup cache, as the
   * first minute of a real run does. */
  if (pm_sampler_take_snapshot (&sampler) != 0)
    return 2;

  start = cpu_seconds ();
  for (unsigned long i = 0; i < n; i++)
    if (pm_sampler_take_snapshot (&sampler) != 0)
      return 2;
  per_snapshot = (cpu_seconds () - start) * 1000.0 / (double) n;

  printf ("cpu per snapshot: %.3f ms (%lu snapshots of %d tags, %zu bytes each, "
          "query double + pooltag lookup + CSV + atomic write; goal <= %.1f ms)\n",
          per_snapshot, n, N_TAGS, sampler.out.len, GOAL_MS);

  pm_sampler_clear (&sampler);
  pm_sampler_options_clear (&options);
  pm_test_remove_dir (dir);
  return per_snapshot <= GOAL_MS ? 0 : 1;
}
