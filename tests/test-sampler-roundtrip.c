/* test-sampler-roundtrip.c: what the sampler writes, libpoolstats reads back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The portable sampler (sampler-win/) runs its loop with the query's test
 * double and the real atomic file writer into a temporary folder; the
 * folder then goes through pm_dataset_load(). Every file must load with no
 * problem, and every number, timestamp and pooltag.txt column must come
 * back as the double produced it.
 */
#include <string.h>

#include "pm-format.h"
#include "pm-sampler-test.h"
#include "poolstats.h"

#define N_TAGS      400
#define N_SNAPSHOTS 5
#define UTC_OFFSET  3600

static const char tag_text[] =
  "rem a pooltag.txt for the round trip\r\n"
  "A    - a.sys     - exactly A\r\n"
  "AB   - ab.sys    - exactly AB, with \"quotes\", and a comma\r\n"
  "B?   - b.sys     - B and one more\r\n"
  "C*   - c.sys     - anything from C\r\n";

/* The fake hooks' clock and schedule, with the real file writer. */
static int
write_real_file (const char *dir,
                 const char *name,
                 const char *data,
                 size_t      len,
                 char       *error,
                 size_t      error_size,
                 void       *user_data)
{
  PmTestHooks *test = user_data;

  test->n_files++;
  return pm_os_write_file_atomic (dir, name, data, len, error, error_size);
}

static char *
run_sampler (const char *extra_args)
{
  PmFakeQuery fake = { .n_tags = N_TAGS };
  g_autofree char *line = NULL;
  g_auto(GStrv) argv = NULL;
  PmSamplerOptions options;
  PmSamplerHooks hooks;
  PmTestHooks test;
  PmSampler sampler;
  char *dir = pm_test_make_dir ();
  char error[256];

  g_assert_nonnull (dir);
  line = g_strdup_printf ("poolmon-sampler --count %d --interval 60 --out %s%s%s",
                          N_SNAPSHOTS, dir, *extra_args ? " " : "", extra_args);
  argv = g_strsplit (line, " ", -1);
  g_assert_cmpint (pm_sampler_options_parse (&options, (int) g_strv_length (argv), argv,
                                             error, sizeof error), ==, 0);

  pm_test_hooks_init (&test, &hooks);
  test.utc_offset = UTC_OFFSET;
  hooks.write_file = write_real_file;

  pm_sampler_init (&sampler, &options, &hooks, pm_fake_query, &fake);
  sampler.tag_file = pm_tag_file_new_from_data (tag_text, sizeof tag_text - 1);
  g_assert_cmpint (pm_sampler_run_loop (&sampler), ==, PM_EXIT_OK);
  g_assert_cmpuint (sampler.n_written, ==, N_SNAPSHOTS);
  g_assert_cmpuint (sampler.n_failed, ==, 0);

  pm_sampler_clear (&sampler);
  pm_sampler_options_clear (&options);
  pm_test_hooks_clear (&test);
  return dir;
}

static void
test_roundtrip_all_tags (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;
  char *dir = run_sampler ("");
  const char *paths[] = { dir, NULL };
  const gint64 *utc, *local;
  GPtrArray *files;

  ds = pm_dataset_load (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);

  g_assert_cmpuint (pm_dataset_get_n_problems (ds), ==, 0);
  files = pm_dataset_get_files (ds);
  g_assert_cmpuint (files->len, ==, N_SNAPSHOTS);
  for (guint f = 0; f < files->len; f++)
    {
      const PmFileReport *report = g_ptr_array_index (files, f);

      g_assert_true (g_str_has_suffix (report->path, PM_FORMAT_FILE_SUFFIX));
      g_assert_cmpuint (report->rows_loaded, ==, N_TAGS);
      g_assert_cmpuint (report->rows_skipped, ==, 0);
      g_assert_cmpuint (report->n_snapshots, ==, 1);
    }

  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, N_SNAPSHOTS);
  g_assert_cmpuint (pm_dataset_get_n_tags (ds), ==, N_TAGS);
  for (PmMetric m = 0; m < PM_N_METRICS; m++)
    g_assert_true (pm_dataset_has_metric (ds, m));
  g_assert_true (pm_dataset_has_time_base (ds, PM_TIME_BASE_UTC));
  g_assert_true (pm_dataset_has_time_base (ds, PM_TIME_BASE_LOCAL));

  /* Snapshot s was taken at 2021-07-13 10:15:00 UTC + s minutes, on a
   * machine one hour ahead of UTC. */
  utc = pm_dataset_get_times (ds, PM_TIME_BASE_UTC);
  local = pm_dataset_get_times (ds, PM_TIME_BASE_LOCAL);
  for (guint s = 0; s < N_SNAPSHOTS; s++)
    {
      g_assert_cmpint (utc[s], ==, 1626171300 + 60 * (gint64) s);
      g_assert_cmpint (local[s], ==, 1626171300 + UTC_OFFSET + 60 * (gint64) s);
    }

  for (guint i = 0; i < N_TAGS; i++)
    {
      PmPoolTag expected;
      char name[5];
      guint tag;

      pm_fake_tag (i, 0, &expected);
      memcpy (name, expected.tag, 4);
      name[4] = '\0';
      /* Padding spaces and all: "A   " is the tag, not "A". */
      g_assert_true (pm_dataset_lookup_tag (ds, name, &tag));
      g_assert_cmpstr (pm_dataset_get_tag_name (ds, tag), ==, name);
      g_assert_cmpuint (pm_dataset_get_n_present (ds, tag), ==, N_SNAPSHOTS);

      for (guint s = 0; s < N_SNAPSHOTS; s++)
        {
          guint32 paged_diff, non_paged_diff;

          /* The double's counters move at each answer: tick s. */
          pm_fake_tag (i, s, &expected);
          paged_diff = PM_FORMAT_DIFF (expected.paged_allocs, expected.paged_frees);
          non_paged_diff = PM_FORMAT_DIFF (expected.non_paged_allocs, expected.non_paged_frees);

          g_assert_true (pm_dataset_get_present (ds, tag, s));
          g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_PAGED_DIFF, tag, s), ==, paged_diff);
          g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_NON_PAGED_DIFF, tag, s), ==,
                           non_paged_diff);
          g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_TOTAL_DIFF, tag, s), ==,
                           (gint64) paged_diff + non_paged_diff);
          g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_PAGED_USED_BYTES, tag, s), ==,
                           (gint64) expected.paged_used);
          g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_NON_PAGED_USED_BYTES, tag, s), ==,
                           (gint64) expected.non_paged_used);
          g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_TOTAL_USED_BYTES, tag, s), ==,
                           (gint64) (expected.paged_used + expected.non_paged_used));
        }
    }

  pm_test_remove_dir (dir);
}

static void
test_roundtrip_tag_info (void)
{
  static const struct { const char *tag, *binary, *description; } cases[] = {
    { "A   ", "a.sys", "exactly A" },
    { "AB  ", "ab.sys", "exactly AB, with \"quotes\", and a comma" },
    { "B   ", "", "" },
    { "BB  ", "b.sys", "B and one more" },
    { "C   ", "c.sys", "anything from C" },
    { "CB  ", "c.sys", "anything from C" },
    { "D   ", "", "" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;
  char *dir = run_sampler ("--tags A*,B*,C*,D");
  const char *paths[] = { dir, NULL };

  ds = pm_dataset_load (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_problems (ds), ==, 0);
  /* "A", "B", "C", "D" and each of A, B, C followed by B to G (indices
   * 62 to 399 have two characters, the second one B to G). */
  g_assert_cmpuint (pm_dataset_get_n_tags (ds), ==, 4 + 3 * 6);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *binary, *description;
      guint tag;

      g_test_message ("%s", cases[i].tag);
      g_assert_true (pm_dataset_lookup_tag (ds, cases[i].tag, &tag));
      binary = pm_dataset_get_tag_binary (ds, tag);
      description = pm_dataset_get_tag_description (ds, tag);
      g_assert_cmpstr (binary ? binary : "", ==, cases[i].binary);
      g_assert_cmpstr (description ? description : "", ==, cases[i].description);
    }

  pm_test_remove_dir (dir);
}

/* Tags as drivers really make them: a quote, a NUL-padded tag, a space
 * inside. */
static uint32_t
odd_query (void     *buffer,
           uint32_t  size,
           uint32_t *return_length,
           void     *user_data)
{
  static const PmPoolTag tags[] = {
    { { 'Q', '"', 'x', ' ' }, 3, 1, 100, 0, 0, 0 },
    { { 'N', 'u', '\0', '\0' }, 5, 2, 200, 1, 0, 8 },
    { { 'S', ' ', 'p', 'c' }, 7, 3, 300, 2, 1, 16 },
    { { ',', 'c', 'm', 'a' }, 9, 4, 400, 3, 2, 24 },
  };
  size_t needed = PM_POOLTAG_HEADER_SIZE + G_N_ELEMENTS (tags) * PM_POOLTAG_ENTRY_SIZE;

  *return_length = (uint32_t) needed;
  if (size < needed)
    return PM_STATUS_INFO_LENGTH_MISMATCH;
  pm_fake_encode (tags, G_N_ELEMENTS (tags), buffer);
  return PM_STATUS_SUCCESS;
}

static void
test_roundtrip_odd_tags (void)
{
  static const char * const names[] = { "Q\"x ", "Nu  ", "S pc", ",cma" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;
  char *argv[] = { "poolmon-sampler", "--count", "1", "--out", NULL, NULL };
  char *dir = pm_test_make_dir ();
  const char *paths[] = { dir, NULL };
  PmSamplerOptions options;
  PmSamplerHooks hooks;
  PmTestHooks test;
  PmSampler sampler;
  char error_text[256];

  argv[4] = dir;
  g_assert_cmpint (pm_sampler_options_parse (&options, 5, argv, error_text, sizeof error_text), ==, 0);
  pm_test_hooks_init (&test, &hooks);
  hooks.write_file = write_real_file;
  pm_sampler_init (&sampler, &options, &hooks, odd_query, NULL);
  g_assert_cmpint (pm_sampler_run_loop (&sampler), ==, PM_EXIT_OK);
  pm_sampler_clear (&sampler);
  pm_sampler_options_clear (&options);
  pm_test_hooks_clear (&test);

  ds = pm_dataset_load (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_problems (ds), ==, 0);
  g_assert_cmpuint (pm_dataset_get_n_tags (ds), ==, G_N_ELEMENTS (names));
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      guint tag;

      g_test_message ("\"%s\"", names[i]);
      g_assert_true (pm_dataset_lookup_tag (ds, names[i], &tag));
      g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_PAGED_USED_BYTES, tag, 0), ==,
                       100 * (gint64) (i + 1));
      g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_PAGED_DIFF, tag, 0), ==,
                       (gint64) i + 2);
    }

  pm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/sampler-roundtrip/all-tags", test_roundtrip_all_tags);
  g_test_add_func ("/poolstats/sampler-roundtrip/tag-info", test_roundtrip_tag_info);
  g_test_add_func ("/poolstats/sampler-roundtrip/odd-tags", test_roundtrip_odd_tags);

  return g_test_run ();
}
