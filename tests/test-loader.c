/* test-loader.c: snapshot files into a dataset, good and bad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "poolstats.h"
#include "test-common.h"

#ifdef G_OS_UNIX
# include <unistd.h>
#endif

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "loader", name, NULL);
}

static PmDataset *
load_one (const char  *name,
          GError     **error)
{
  g_autofree char *path = fixture (name);
  g_autofree char *pooltag = fixture ("pooltag.txt");
  g_autoptr(PmLoader) loader = pm_loader_new ();

  pm_loader_add_path (loader, path);
  pm_loader_set_pooltag_file (loader, pooltag);
  return pm_loader_load (loader, NULL, error);
}

static guint
tag_of (PmDataset  *dataset,
        const char *name)
{
  guint tag = G_MAXUINT;

  if (!pm_dataset_lookup_tag (dataset, name, &tag))
    g_error ("tag \"%s\" missing", name);
  return tag;
}

static gint64
value (PmDataset  *dataset,
       PmMetric    metric,
       const char *name,
       guint       snapshot)
{
  return pm_dataset_get_value (dataset, metric, tag_of (dataset, name), snapshot);
}

static gint64
utc (const char *text)
{
  gint64 seconds = 0;

  g_assert_true (pm_parse_timestamp (text, strlen (text), &seconds));
  return seconds;
}

/* Every encoding of the same three snapshots gives the same numbers. */
static void
test_encodings (void)
{
  static const char * const files[] = {
    "basic-utf16le.csv", "basic-utf16be.csv", "basic-utf8-bom.csv",
    "basic-utf8-lf-unquoted.csv", "utf16-nobom.csv",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDataset) ds = load_one (files[f], &error);
      const gint64 *times, *local;

      g_test_message ("%s", files[f]);
      g_assert_no_error (error);
      g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 3);
      g_assert_cmpuint (pm_dataset_get_n_tags (ds), ==, 3);
      g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 0);

      /* Byte order: 'A' < 'M' < 'N'; TOTAL last. */
      g_assert_cmpstr (pm_dataset_get_tag_name (ds, 0), ==, "AfdB");
      g_assert_cmpstr (pm_dataset_get_tag_name (ds, 1), ==, "Mm  ");
      g_assert_cmpstr (pm_dataset_get_tag_name (ds, 2), ==, "Ntfx");
      g_assert_cmpstr (pm_dataset_get_tag_name (ds, 3), ==, "TOTAL");
      g_assert_cmpuint (pm_dataset_get_total_tag (ds), ==, 3);

      times = pm_dataset_get_times (ds, PM_TIME_BASE_UTC);
      local = pm_dataset_get_times (ds, PM_TIME_BASE_LOCAL);
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *u = g_strdup_printf ("2021-07-13T17:0%u:00", i);
          g_autofree char *l = g_strdup_printf ("2021-07-13T10:0%u:00", i);

          g_assert_cmpint (times[i], ==, utc (u));
          g_assert_cmpint (local[i], ==, utc (l));
          g_assert_cmpint (value (ds, PM_METRIC_PAGED_DIFF, "Mm  ", i), ==, 50 + i);
          g_assert_cmpint (value (ds, PM_METRIC_NON_PAGED_DIFF, "Mm  ", i), ==, 5);
          g_assert_cmpint (value (ds, PM_METRIC_TOTAL_DIFF, "Mm  ", i), ==, 55 + i);
          g_assert_cmpint (value (ds, PM_METRIC_PAGED_USED_BYTES, "Mm  ", i), ==, 1000 * (i + 1));
          g_assert_cmpint (value (ds, PM_METRIC_TOTAL_USED_BYTES, "Mm  ", i), ==, 1000 * (i + 1) + 10);
          g_assert_cmpint (value (ds, PM_METRIC_NON_PAGED_USED_BYTES, "AfdB", i), ==, 4096 * (i + 1));
          g_assert_cmpint (value (ds, PM_METRIC_NON_PAGED_DIFF, "AfdB", i), ==, 200 + i);
          /* TOTAL is the sum over the tags. */
          g_assert_cmpint (value (ds, PM_METRIC_TOTAL_USED_BYTES, "TOTAL", i), ==,
                           1000 * (i + 1) + 10 + 2000 + 4096 * (i + 1));
          g_assert_cmpint (value (ds, PM_METRIC_PAGED_DIFF, "TOTAL", i), ==,
                           (50 + i) + (10 + 2 * i) + 0);
        }

      for (PmMetric m = 0; m < PM_N_METRICS; m++)
        g_assert_true (pm_dataset_has_metric (ds, m));
      g_assert_true (pm_dataset_has_time_base (ds, PM_TIME_BASE_UTC));
      g_assert_true (pm_dataset_has_time_base (ds, PM_TIME_BASE_LOCAL));

      g_assert_cmpstr (pm_dataset_get_tag_binary (ds, tag_of (ds, "Mm  ")), ==, "nt!mm");
      if (f != 3)
        g_assert_cmpstr (pm_dataset_get_tag_description (ds, tag_of (ds, "Ntfx")), ==,
                         "General, \"quoted\"");
      /* AfdB has no Binary in the files: pooltag.txt's exact entry beats Afd?. */
      g_assert_cmpstr (pm_dataset_get_tag_binary (ds, tag_of (ds, "AfdB")), ==, "afd.sys");
      g_assert_cmpstr (pm_dataset_get_tag_description (ds, tag_of (ds, "AfdB")), ==, "AFD buffers");
    }
}

static void
test_subset_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = load_one ("subset.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 2);
  g_assert_true (pm_dataset_has_metric (ds, PM_METRIC_PAGED_USED_BYTES));
  g_assert_true (pm_dataset_has_metric (ds, PM_METRIC_PAGED_DIFF));
  g_assert_false (pm_dataset_has_metric (ds, PM_METRIC_NON_PAGED_DIFF));
  g_assert_false (pm_dataset_has_metric (ds, PM_METRIC_TOTAL_DIFF));
  g_assert_false (pm_dataset_has_metric (ds, PM_METRIC_TOTAL_USED_BYTES));
  g_assert_true (pm_dataset_has_time_base (ds, PM_TIME_BASE_UTC));
  g_assert_false (pm_dataset_has_time_base (ds, PM_TIME_BASE_LOCAL));
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_USED_BYTES, "Io  ", 1), ==, 640);
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_DIFF, "Io  ", 0), ==, 4);
  /* pooltag.txt's "Io" names the tag "Io  ". */
  g_assert_cmpstr (pm_dataset_get_tag_binary (ds, tag_of (ds, "Io  ")), ==, "nt!io");
}

static void
test_times_from_file_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = load_one ("2021.07.13_10.15.00_1626196500.pool.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 1);
  g_assert_cmpint (pm_dataset_get_times (ds, PM_TIME_BASE_UTC)[0], ==, 1626196500);
  g_assert_cmpint (pm_dataset_get_times (ds, PM_TIME_BASE_LOCAL)[0], ==, utc ("2021-07-13T10:15:00"));
  g_assert_cmpint (value (ds, PM_METRIC_NON_PAGED_USED_BYTES, "Thre", 0), ==, 200);
  /* Wildcard entry "Th*". */
  g_assert_cmpstr (pm_dataset_get_tag_binary (ds, tag_of (ds, "Thre")), ==, "nt!ps");
  g_assert_cmpstr (pm_dataset_get_tag_description (ds, tag_of (ds, "Vad ")), ==,
                   "Mm virtual address descriptors");
}

static void
test_counter_wrap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = load_one ("wrap.csv", &error);
  g_autoptr(PmDataset) old = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_DIFF, "Busy", 0), ==, 290);
  /* Allocs wrapped past 2^32: 5 - 4294967200 modulo 2^32. */
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_DIFF, "Busy", 1), ==, 101);

  /* The old sampler's int64 Diff went negative after a wrap. */
  old = load_one ("old-negative-diff.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (value (old, PM_METRIC_PAGED_DIFF, "Busy", 0), ==, 111);
}

static void
test_loop_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = load_one ("loop.csv", &error);
  GPtrArray *files;

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (value (ds, PM_METRIC_PAGED_USED_BYTES, "Leak", i), ==, 100 * (i + 1));
  files = pm_dataset_get_files (ds);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpuint (((PmFileReport *) files->pdata[0])->n_snapshots, ==, 4);
  g_assert_cmpuint (((PmFileReport *) files->pdata[0])->rows_loaded, ==, 8);
}

static void
test_odd_tags (void)
{
  static const char * const expected[] = { "MM  ", "Mm  ", "Z", "a,\"b", "mm  ", "\xc3\x84\xc3\xa9x " };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = load_one ("odd-tags.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_tags (ds), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (pm_dataset_get_tag_name (ds, i), ==, expected[i]);
}

/* Reboots: most allocation counters going down at one step; one busy tag
 * wrapping is not one; files without Allocs cannot tell. */
static void
test_reboots (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) boot = load_one ("reboot.csv", &error);
  g_autoptr(PmDataset) wrap = NULL;
  g_autoptr(PmDataset) subset = NULL;
  const guint *boots;
  guint n = 99;

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (boot), ==, 6);
  boots = pm_dataset_get_boots (boot, &n);
  g_assert_nonnull (boots);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (boots[0], ==, 3);

  wrap = load_one ("wrap.csv", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pm_dataset_get_boots (wrap, &n));
  g_assert_cmpuint (n, ==, 0);

  subset = load_one ("subset.csv", &error);
  g_assert_no_error (error);
  g_assert_null (pm_dataset_get_boots (subset, &n));
  g_assert_cmpuint (n, ==, 0);
}

/* A file in Windows-1252: tags and text come out as UTF-8. */
static void
test_legacy_code_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = load_one ("cp1252.csv", &error);
  guint tag;

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 0);
  g_assert_true (pm_dataset_lookup_tag (ds, "Ab\xc3\xa9 ", &tag));
  g_assert_true (g_utf8_validate (pm_dataset_get_tag_name (ds, tag), -1, NULL));
  g_assert_cmpstr (pm_dataset_get_tag_description (ds, tag), ==, "caf\xc3\xa9 \xe2\x82\xac");
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_USED_BYTES, "Ab\xc3\xa9 ", 0), ==, 10);
}

typedef struct
{
  const char *file;
  gboolean    loads;
  guint       snapshots;
  guint       rows_loaded;
  guint       rows_skipped;
  guint       lines[4];       /* problem lines, 0-terminated; G_MAXUINT for "line 0" */
  const char *message;        /* a part of the first problem's message */
} BadCase;

static const BadCase bad_cases[] = {
  { "empty.csv", FALSE, 0, 0, 0, { G_MAXUINT }, "empty" },
  { "header-only.csv", FALSE, 0, 0, 0, { G_MAXUINT }, "no rows" },
  { "garbage.csv", FALSE, 0, 0, 0, { 1 }, "not a pool-tag snapshot file" },
  { "not-snapshots.csv", FALSE, 0, 0, 0, { 1 }, "not a pool-tag snapshot file" },
  { "truncated.csv", TRUE, 1, 3, 1, { 5 }, "cut short" },
  { "utf16-odd.csv", TRUE, 1, 3, 0, { G_MAXUINT }, "odd number of bytes" },
  { "fields.csv", TRUE, 1, 3, 2, { 3, 4 }, "15 fields where the header has 14" },
  { "numbers.csv", TRUE, 1, 2, 4, { 3, 4, 5, 7 }, "not a whole number in column PagedAllocs" },
  { "timestamps.csv", TRUE, 1, 2, 2, { 3, 4 }, "malformed timestamp" },
  { "repeated-header.csv", TRUE, 2, 6, 0, { 0 }, NULL },
  { "quoted.csv", TRUE, 1, 2, 0, { 0 }, NULL },
  { "duplicate-tag.csv", TRUE, 1, 2, 1, { 3 }, "appears twice" },
};

static void
test_bad_input (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (bad_cases); c++)
    {
      const BadCase *bc = &bad_cases[c];
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDataset) ds = load_one (bc->file, &error);
      GPtrArray *problems;
      const PmFileReport *report;

      g_test_message ("%s", bc->file);
      if (!bc->loads)
        {
          g_assert_null (ds);
          g_assert_error (error, PM_ERROR, PM_ERROR_NO_DATA);
          /* The message names the file and what was wrong. */
          g_assert_nonnull (strstr (error->message, bc->file));
          g_assert_nonnull (strstr (error->message, bc->message));
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, bc->snapshots);
      report = g_ptr_array_index (pm_dataset_get_files (ds), 0);
      g_assert_cmpuint (report->rows_loaded, ==, bc->rows_loaded);
      g_assert_cmpuint (report->rows_skipped, ==, bc->rows_skipped);

      problems = pm_dataset_get_problems (ds);
      for (guint i = 0; i < G_N_ELEMENTS (bc->lines) && bc->lines[i] != 0; i++)
        {
          const PmProblem *problem;

          g_assert_cmpuint (i, <, problems->len);
          problem = g_ptr_array_index (problems, i);
          g_assert_cmpuint (problem->line, ==, bc->lines[i] == G_MAXUINT ? 0 : bc->lines[i]);
          g_assert_true (g_str_has_suffix (problem->file, bc->file));
        }
      if (bc->lines[0] == 0)
        g_assert_cmpuint (problems->len, ==, 0);
      if (bc->message != NULL)
        g_assert_nonnull (strstr (((PmProblem *) problems->pdata[0])->message, bc->message));
    }
}

static void
test_bad_input_keeps_good_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) numbers = load_one ("numbers.csv", &error);
  g_autoptr(PmDataset) truncated = NULL;
  g_autoptr(PmDataset) quoted = NULL;
  g_autoptr(PmDataset) repeated = NULL;
  g_autoptr(PmDataset) dup = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (value (numbers, PM_METRIC_PAGED_USED_BYTES, "Good", 0), ==, 100);
  g_assert_cmpint (value (numbers, PM_METRIC_PAGED_USED_BYTES, "Big ", 0), ==, G_MAXINT64);
  g_assert_false (pm_dataset_lookup_tag (numbers, "Huge", NULL));
  /* Sums of huge byte counts saturate rather than wrap. */
  g_assert_cmpint (value (numbers, PM_METRIC_PAGED_USED_BYTES, "TOTAL", 0), ==, G_MAXINT64);
  g_assert_cmpint (value (numbers, PM_METRIC_TOTAL_USED_BYTES, "Big ", 0), ==, G_MAXINT64);

  truncated = load_one ("truncated.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_tags (truncated), ==, 3);

  quoted = load_one ("quoted.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pm_dataset_get_tag_binary (quoted, tag_of (quoted, "Qt  ")), ==,
                   "a \"quoted\" b.sys");
  g_assert_cmpstr (pm_dataset_get_tag_description (quoted, tag_of (quoted, "Qt  ")), ==,
                   "line one\r\nline two, with comma");
  g_assert_cmpint (value (quoted, PM_METRIC_PAGED_USED_BYTES, "Qt2 ", 0), ==, 20);

  repeated = load_one ("repeated-header.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (value (repeated, PM_METRIC_PAGED_USED_BYTES, "Mm  ", 1), ==, 2000);

  /* The first of two rows for one tag wins. */
  dup = load_one ("duplicate-tag.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (value (dup, PM_METRIC_PAGED_USED_BYTES, "Dupl", 0), ==, 10);
}

static void
test_duplicate_snapshot_across_files (void)
{
  g_autofree char *a = fixture ("dup-snapshot-a.csv");
  g_autofree char *b = fixture ("dup-snapshot-b.csv");
  const char * const paths[] = { b, a, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;
  const PmProblem *problem;

  /* Input order is by path within a folder; given files keep their order:
   * b is read first here, so b's row wins, deterministically. */
  ds = pm_dataset_load (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 1);
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_USED_BYTES, "Same", 0), ==, 77);
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_USED_BYTES, "Only", 0), ==, 3);
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 1);
  problem = g_ptr_array_index (pm_dataset_get_problems (ds), 0);
  g_assert_true (g_str_has_suffix (problem->file, "dup-snapshot-a.csv"));
  g_assert_cmpuint (problem->line, ==, 2);
  g_assert_nonnull (strstr (problem->message, "dup-snapshot-b.csv"));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
checksum_folder (const char *folder)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_checksum_update (sum, (const guchar *) names->pdata[i], -1);
      if (g_file_get_contents (path, &contents, &len, NULL))
        g_checksum_update (sum, (const guchar *) contents, len);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static void
copy_fixture (const char *name,
              const char *folder,
              const char *as)
{
  g_autofree char *from = fixture (name);
  g_autofree char *to = g_build_filename (folder, as, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

/* A folder as users have them, with what goes wrong in folders. */
static void
test_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pm-loader-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "x.pool.csv", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;
  const char * const paths[] = { dir, NULL };
  gboolean saw_folder = FALSE, saw_loop = FALSE, saw_gone = FALSE;
  GPtrArray *problems;

  copy_fixture ("basic-utf16le.csv", dir, "2021.07.13_10.00.00_1626195600.pool.csv");
  copy_fixture ("loop.csv", dir, "2021.07.13_10.10.00_1626196200.pool.csv");
  copy_fixture ("pooltag.txt", dir, "pooltag.txt");
  copy_fixture ("not-snapshots.csv", dir, "notes.csv");
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
#ifdef G_OS_UNIX
  {
    g_autofree char *loop = g_build_filename (dir, "loop.pool.csv", NULL);
    g_autofree char *gone = g_build_filename (dir, "gone.pool.csv", NULL);

    g_assert_cmpint (symlink (loop, loop), ==, 0);
    /* Unreadable even for root: a link to a file that no longer exists. */
    g_assert_cmpint (symlink ("/nonexistent/snapshot.pool.csv", gone), ==, 0);
  }
#endif

  before = checksum_folder (dir);
  ds = pm_dataset_load (paths, NULL, &error);
  after = checksum_folder (dir);

  g_assert_no_error (error);
  g_assert_cmpstr (before, ==, after);
  /* 3 snapshots at 17:00..17:02 and 4 at 17:00..17:30: 17:00 is shared. */
  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 6);
  g_assert_cmpuint (pm_dataset_get_n_tags (ds), ==, 5);
  /* pooltag.txt beside the files is found by itself. */
  g_assert_cmpstr (pm_dataset_get_tag_binary (ds, tag_of (ds, "AfdB")), ==, "afd.sys");

  problems = pm_dataset_get_problems (ds);
  for (guint i = 0; i < problems->len; i++)
    {
      const PmProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("%s:%u: %s", p->file, p->line, p->message);
      saw_folder |= g_str_has_suffix (p->file, "x.pool.csv") && strstr (p->message, "folder");
      saw_loop |= g_str_has_suffix (p->file, "loop.pool.csv") && strstr (p->message, "cannot be read");
      saw_gone |= g_str_has_suffix (p->file, "gone.pool.csv") && strstr (p->message, "cannot be read");
    }
  g_assert_true (saw_folder);
#ifdef G_OS_UNIX
  g_assert_true (saw_loop);
  g_assert_true (saw_gone);
#endif

  g_rmdir (sub);
  remove_flat_dir (dir);
}

static void
test_unreadable_file (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = g_dir_make_tmp ("pm-loader-XXXXXX", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.pool.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;
  const char * const paths[] = { dir, NULL };
  const PmProblem *problem;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads files whatever their mode");
      g_rmdir (dir);
      return;
    }

  copy_fixture ("basic-utf8-bom.csv", dir, "a.pool.csv");
  copy_fixture ("basic-utf8-bom.csv", dir, "locked.pool.csv");
  g_chmod (locked, 0);

  ds = pm_dataset_load (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 1);
  problem = g_ptr_array_index (pm_dataset_get_problems (ds), 0);
  g_assert_true (g_str_has_suffix (problem->file, "locked.pool.csv"));
  g_assert_nonnull (strstr (problem->message, "cannot be read"));

  g_unlink (locked);
  {
    g_autofree char *a = g_build_filename (dir, "a.pool.csv", NULL);
    g_unlink (a);
  }
  g_rmdir (dir);
#else
  g_test_skip ("POSIX permissions only");
#endif
}

static void
test_nothing_to_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pm-loader-XXXXXX", NULL);
  const char * const empty[] = { dir, NULL };
  const char * const missing[] = { "/nonexistent/folder", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;

  ds = pm_dataset_load (empty, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, PM_ERROR, PM_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  ds = pm_dataset_load (missing, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, PM_ERROR, PM_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder"));
  g_clear_error (&error);

  /* A folder of runs, one level too high: the message names the folders
   * inside that hold snapshot files, and only those. */
  {
    g_autofree char *lab1 = g_build_filename (dir, "lab1", NULL);
    g_autofree char *lab2 = g_build_filename (dir, "lab2", NULL);
    g_autofree char *notes = g_build_filename (dir, "notes", NULL);
    g_autofree char *csv1 = g_build_filename (lab1, "a.csv", NULL);
    g_autofree char *csv2 = g_build_filename (lab2, "b.CSV", NULL);
    g_autofree char *txt = g_build_filename (notes, "readme.txt", NULL);

    g_assert_cmpint (g_mkdir (lab1, 0700), ==, 0);
    g_assert_cmpint (g_mkdir (lab2, 0700), ==, 0);
    g_assert_cmpint (g_mkdir (notes, 0700), ==, 0);
    g_assert_true (g_file_set_contents (csv1, "x\n", -1, NULL));
    g_assert_true (g_file_set_contents (csv2, "x\n", -1, NULL));
    g_assert_true (g_file_set_contents (txt, "x\n", -1, NULL));
    ds = pm_dataset_load (empty, NULL, &error);
    g_assert_null (ds);
    g_assert_error (error, PM_ERROR, PM_ERROR_NO_DATA);
    g_assert_nonnull (strstr (error->message, "lab1 and lab2 hold snapshot files"));
    g_assert_null (strstr (error->message, "notes"));
    g_clear_error (&error);
    g_unlink (csv1);
    g_unlink (csv2);
    g_unlink (txt);
    g_rmdir (lab1);
    g_rmdir (lab2);
    g_rmdir (notes);
  }

  g_rmdir (dir);
}

static void
progress_cb (const PmLoadProgress *progress,
             gpointer              user_data)
{
  PmLoadProgress *last = user_data;

  g_assert_cmpuint (progress->files_done, <=, progress->n_files);
  g_assert_cmpuint (progress->bytes_done, <=, progress->n_bytes);
  *last = *progress;
}

static void
test_progress_and_threads (void)
{
  static const char * const names[] = {
    "basic-utf16le.csv", "loop.csv", "odd-tags.csv", "wrap.csv", "numbers.csv", "quoted.csv",
  };
  g_autoptr(PmDataset) reference = NULL;

  for (guint threads = 1; threads <= 4; threads++)
    {
      g_autoptr(PmLoader) loader = pm_loader_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDataset) ds = NULL;
      PmLoadProgress last = { 0 };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = fixture (names[i]);
          pm_loader_add_path (loader, path);
        }
      pm_loader_set_n_threads (loader, threads);
      pm_loader_set_progress_func (loader, progress_cb, &last, NULL);
      ds = pm_loader_load (loader, NULL, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (last.n_files, ==, G_N_ELEMENTS (names));
      g_assert_cmpuint (last.files_done, ==, last.n_files);
      g_assert_cmpuint (last.bytes_done, ==, last.n_bytes);

      /* Whatever the number of threads, the same dataset. */
      if (reference == NULL)
        {
          reference = g_steal_pointer (&ds);
          continue;
        }
      g_assert_cmpuint (pm_dataset_get_n_tags (ds), ==, pm_dataset_get_n_tags (reference));
      g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, pm_dataset_get_n_snapshots (reference));
      g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==,
                        pm_dataset_get_problems (reference)->len);
      for (guint t = 0; t <= pm_dataset_get_n_tags (ds); t++)
        for (guint s = 0; s < pm_dataset_get_n_snapshots (ds); s++)
          for (PmMetric m = 0; m < PM_N_METRICS; m++)
            g_assert_cmpint (pm_dataset_get_value (ds, m, t, s), ==,
                             pm_dataset_get_value (reference, m, t, s));
    }
}

static void
test_cancel (void)
{
  g_autofree char *path = fixture ("basic-utf16le.csv");
  const char * const paths[] = { path, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;

  g_cancellable_cancel (cancellable);
  ds = pm_dataset_load (paths, cancellable, &error);
  g_assert_null (ds);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
load_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PmDataset **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pm_loader_load_finish (PM_LOADER (object), result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *path = fixture ("loop.csv");
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(PmDataset) ds = NULL;

  pm_loader_add_path (loader, path);
  pm_loader_load_async (loader, NULL, load_ready_cb, &ds);
  while (ds == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 4);
}

/* The builder: what tests and generators use to make datasets in memory. */
static void
test_builder (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmDataset) ds = NULL;
  PmRowValues v = { .paged_used = 10, .have = PM_ROW_HAVE_PAGED_USED };
  guint s1, s0;
  guint8 present[2];
  gint64 series[2];

  s1 = pm_dataset_builder_add_snapshot (builder, 200, 100);
  s0 = pm_dataset_builder_add_snapshot (builder, 100, 0);
  pm_dataset_builder_add_row (builder, s1, "Late", &v);
  v.paged_used = 5;
  pm_dataset_builder_add_row (builder, s0, "Earl", &v);
  pm_dataset_builder_add_row (builder, s1, "Earl", &v);
  v.paged_used = 6;
  pm_dataset_builder_add_row (builder, s1, "Earl", &v);   /* a duplicate: ignored */
  pm_dataset_builder_set_tag_info (builder, "Earl", "e.sys", "early");

  ds = pm_dataset_builder_end (g_steal_pointer (&builder));
  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 2);
  g_assert_cmpint (pm_dataset_get_times (ds, PM_TIME_BASE_UTC)[0], ==, 100);
  g_assert_cmpstr (pm_dataset_get_tag_name (ds, 0), ==, "Earl");
  pm_dataset_copy_series (ds, PM_METRIC_PAGED_USED_BYTES, tag_of (ds, "Late"), 0, 2, series);
  g_assert_cmpint (series[0], ==, 0);
  g_assert_cmpint (series[1], ==, 10);
  pm_dataset_copy_present (ds, tag_of (ds, "Late"), 0, 2, present);
  g_assert_cmpuint (present[0], ==, 0);
  g_assert_cmpuint (present[1], ==, 1);
  g_assert_cmpuint (pm_dataset_get_n_present (ds, tag_of (ds, "Late")), ==, 1);
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_USED_BYTES, "Earl", 1), ==, 5);
  g_assert_cmpint (value (ds, PM_METRIC_PAGED_USED_BYTES, "TOTAL", 1), ==, 15);
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 1);
  g_assert_cmpstr (pm_dataset_get_tag_description (ds, tag_of (ds, "Earl")), ==, "early");
  g_assert_false (pm_dataset_has_metric (ds, PM_METRIC_PAGED_DIFF));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/loader/encodings", test_encodings);
  g_test_add_func ("/poolstats/loader/subset-columns", test_subset_columns);
  g_test_add_func ("/poolstats/loader/times-from-file-name", test_times_from_file_name);
  g_test_add_func ("/poolstats/loader/counter-wrap", test_counter_wrap);
  g_test_add_func ("/poolstats/loader/loop-mode", test_loop_mode);
  g_test_add_func ("/poolstats/loader/odd-tags", test_odd_tags);
  g_test_add_func ("/poolstats/loader/legacy-code-page", test_legacy_code_page);
  g_test_add_func ("/poolstats/loader/reboots", test_reboots);
  g_test_add_func ("/poolstats/loader/bad-input", test_bad_input);
  g_test_add_func ("/poolstats/loader/bad-input-keeps-good-rows", test_bad_input_keeps_good_rows);
  g_test_add_func ("/poolstats/loader/duplicate-snapshot", test_duplicate_snapshot_across_files);
  g_test_add_func ("/poolstats/loader/folder", test_folder);
  g_test_add_func ("/poolstats/loader/unreadable-file", test_unreadable_file);
  g_test_add_func ("/poolstats/loader/nothing-to-load", test_nothing_to_load);
  g_test_add_func ("/poolstats/loader/progress-and-threads", test_progress_and_threads);
  g_test_add_func ("/poolstats/loader/cancel", test_cancel);
  g_test_add_func ("/poolstats/loader/async", test_async);
  g_test_add_func ("/poolstats/loader/builder", test_builder);

  return g_test_run ();
}
