/* test-sampler-soak.c: 100,000 snapshots, no growth, no leak
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loop with the query's test double, a tag list that changes size
 * from one snapshot to the next and grows during queries, and a pooltag.txt
 * with wildcards. After a warm-up, the sampler's buffers must not grow
 * and neither may the process; under AddressSanitizer (the build-asan
 * folder of tools/dev.sh test) the exit also checks for leaks.
 * PM_SOAK_SNAPSHOTS overrides the count, e.g. for a run under valgrind.
 */
#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
# include <unistd.h>
#endif

#include "pm-sampler-test.h"

static long
resident_kb (void)
{
#ifdef _WIN32
  return -1;
#else
  FILE *file = fopen ("/proc/self/statm", "r");
  long size = 0, resident = 0;

  if (file == NULL)
    return -1;
  if (fscanf (file, "%ld %ld", &size, &resident) != 2)
    resident = -1;
  fclose (file);
  return resident < 0 ? -1 : resident * (sysconf (_SC_PAGESIZE) / 1024);
#endif
}

/* Varies the tag list before each query: 100 to 399 tags, now and then a
 * list that grows while it is being asked for, and about once in a
 * thousand a list of 2,500 tags (100 KB) that outgrows the first buffer. */
typedef struct
{
  PmFakeQuery fake;
  unsigned    k;
  int         answered;   /* the last call gave the list: a new snapshot next */
} SoakQuery;

static uint32_t
soak_query (void     *buffer,
            uint32_t  size,
            uint32_t *return_length,
            void     *user_data)
{
  SoakQuery *soak = user_data;
  uint32_t status;

  if (soak->fake.n_calls == 0 || soak->answered)
    {
      soak->k++;
      soak->fake.n_tags = soak->k % 997 == 1 ? 2500 : 100 + (soak->k * 7919u) % 300;
      soak->fake.grow_by = soak->k % 50 == 0 ? 40 : 0;
    }
  status = pm_fake_query (buffer, size, return_length, &soak->fake);
  soak->answered = status == PM_STATUS_SUCCESS;
  return status;
}

static char *
make_tag_file (size_t *len)
{
  size_t capacity = 64 * 1024, n = 0;
  char *text = malloc (capacity);

  n += (size_t) snprintf (text + n, capacity - n, "rem generated for the soak test\r\n");
  for (size_t i = 0; i < 250; i += 2)
    {
      PmPoolTag tag;

      pm_fake_tag (i, 0, &tag);
      n += (size_t) snprintf (text + n, capacity - n, "%.4s - drv%zu.sys - tag number %zu\r\n",
                              tag.tag, i, i);
    }
  n += (size_t) snprintf (text + n, capacity - n,
                          "A? - a.sys - two letters\r\nB* - b.sys - any B\r\n"
                          "?C - c.sys - second C\r\n");
  *len = n;
  return text;
}

static void
test_soak (void)
{
  const char *env = getenv ("PM_SOAK_SNAPSHOTS");
  unsigned long total = env != NULL ? strtoul (env, NULL, 10) : 100000;
  unsigned long warmup = total / 10 < 2000 ? total / 10 : 2000;
  SoakQuery soak = { { 0 } };
  PmSamplerOptions options;
  PmSamplerHooks hooks;
  PmTestHooks test;
  PmSampler sampler;
  char *argv[] = { "poolmon-sampler", "--duration", "0", "--interval", "1", NULL };
  char error[256];
  size_t query_size, tags_capacity, out_capacity, last_capacity, text_len;
  char *text;
  long rss_before, rss_after;

  PM_CHECK (total >= 10);
  PM_CHECK (pm_sampler_options_parse (&options, 5, argv, error, sizeof error) == 0);
  pm_test_hooks_init (&test, &hooks);
  pm_sampler_init (&sampler, &options, &hooks, soak_query, &soak);
  text = make_tag_file (&text_len);
  sampler.tag_file = pm_tag_file_new_from_data (text, text_len);
  free (text);
  PM_CHECK (sampler.tag_file != NULL);

  test.stop_at_write = (unsigned) warmup;
  PM_CHECK_U64 (pm_sampler_run_loop (&sampler), PM_EXIT_OK);
  PM_CHECK_U64 (test.n_files, warmup);

  query_size = sampler.query.buffer_size;
  tags_capacity = sampler.query.tags_capacity;
  out_capacity = sampler.out.capacity;
  last_capacity = test.last.capacity;
  rss_before = resident_kb ();

  test.stop = 0;
  test.stop_at_write = (unsigned) total;
  PM_CHECK_U64 (pm_sampler_run_loop (&sampler), PM_EXIT_OK);
  rss_after = resident_kb ();

  printf ("# %lu snapshots, %llu bytes of CSV; query buffer %zu bytes, %zu tags, "
          "output %zu bytes; resident %ld kB after warm-up, %ld kB at the end\n",
          (unsigned long) test.n_files, (unsigned long long) test.total_bytes,
          sampler.query.buffer_size, sampler.query.tags_capacity, sampler.out.capacity,
          rss_before, rss_after);

  PM_CHECK_U64 (test.n_files, total);
  PM_CHECK_U64 (sampler.n_failed, 0);
  /* The big lists came, and needed the buffer to grow. */
  PM_CHECK (query_size >= PM_POOLTAG_HEADER_SIZE + 2500 * PM_POOLTAG_ENTRY_SIZE);
  PM_CHECK_U64 (test.n_reports, 0);
  /* The largest list came during the warm-up: since then, no allocation. */
  PM_CHECK_U64 (sampler.query.buffer_size, query_size);
  PM_CHECK_U64 (sampler.query.tags_capacity, tags_capacity);
  PM_CHECK_U64 (sampler.out.capacity, out_capacity);
  PM_CHECK_U64 (test.last.capacity, last_capacity);
  /* And the process as a whole: allocator slack only. */
  if (rss_before > 0 && rss_after > 0)
    PM_CHECK (rss_after - rss_before < 1024);

  pm_sampler_clear (&sampler);
  pm_sampler_options_clear (&options);
  pm_test_hooks_clear (&test);
}

int
main (int    argc,
      char **argv)
{
  pm_test_add ("/poolstats/sampler/soak/100k-snapshots", test_soak);
  return pm_test_run ();
}
