/* test-robust.c: the reading layer against hostile input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files that change while they are read, FIFOs where files were listed,
 * bad paths beside good ones, line ends and headers of every shape, and
 * gzipped snapshots, whole and cut short. Cases that used to hang run in a
 * subprocess with a time limit, so a regression fails instead of blocking.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "poolstats.h"
#include "pm-csv-reader.h"
#include "test-common.h"

#ifdef G_OS_UNIX
# include <sys/stat.h>
# include <unistd.h>
#endif

#define HEADER "\"DateTime\",\"DateTimeUTC\",\"Tag\",\"PagedAllocs\",\"PagedFrees\",\"PagedDiff\"," \
               "\"PagedUsedBytes\",\"NonPagedAllocs\",\"NonPagedFrees\",\"NonPagedDiff\"," \
               "\"NonPagedUsedBytes\",\"TotalUsedBytes\",\"Binary\",\"Description\""

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "loader", name, NULL);
}

/* One quoted row of snapshot @snap for tag number @t. */
static void
append_row (GString    *out,
            guint       snap,
            guint       t,
            const char *eol)
{
  g_string_append_printf (out, "\"2021-07-13T10:%02u:%02u\",\"2021-07-13T17:%02u:%02u\","
                          "\"T%03u\",\"%u\",\"0\",\"%u\",\"%u\",\"0\",\"0\",\"0\",\"0\",\"%u\","
                          "\"\",\"\"%s", snap / 60, snap % 60, snap / 60, snap % 60, t % 1000,
                          t + 1, t + 1, 100 * t + snap, 100 * t + snap, eol);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *data,
            gsize       len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

/* Reads @path through the file reader, as a loader's worker does. */
static PmDataset *
read_file (const char         *path,
           PmReadProgressFunc  progress,
           gpointer            user_data)
{
  PmDatasetBuilder *builder = pm_dataset_builder_new ();
  PmTagCache *cache = _pm_tag_cache_new (builder);
  PmPart *part = _pm_csv_read_file (cache, path, NULL, progress, user_data);

  _pm_tag_cache_free (cache);
  _pm_dataset_builder_set_n_parts (builder, 1);
  _pm_dataset_builder_set_part (builder, 0, part);
  return pm_dataset_builder_end (builder);
}

static const PmProblem *
find_problem (PmDataset  *dataset,
              const char *text)
{
  GPtrArray *problems = pm_dataset_get_problems (dataset);

  for (guint i = 0; i < problems->len; i++)
    {
      const PmProblem *p = g_ptr_array_index (problems, i);

      if (strstr (p->message, text) != NULL)
        return p;
    }
  return NULL;
}

static const PmProblem *
must_find_problem (PmDataset  *dataset,
                   const char *text)
{
  const PmProblem *p = find_problem (dataset, text);

  if (p == NULL)
    g_error ("no problem says \"%s\"", text);
  return p;
}

static void
log_problems (PmDataset *dataset)
{
  GPtrArray *problems = pm_dataset_get_problems (dataset);

  for (guint i = 0; i < problems->len; i++)
    {
      const PmProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("%s:%u: %s", p->file, p->line, p->message);
    }
}

static const PmFileReport *
report_of (PmDataset *dataset)
{
  return g_ptr_array_index (pm_dataset_get_files (dataset), 0);
}

/* Reads @data through the file reader, in blocks of @block bytes. */
static PmDataset *
read_data (const char *data,
           gsize       len,
           gsize       block)
{
  PmDatasetBuilder *builder = pm_dataset_builder_new ();
  PmTagCache *cache = _pm_tag_cache_new (builder);
  PmPart *part = _pm_csv_read_data_sized (cache, "t.csv", data, len, block, NULL, NULL, NULL);

  _pm_tag_cache_free (cache);
  _pm_dataset_builder_set_n_parts (builder, 1);
  _pm_dataset_builder_set_part (builder, 0, part);
  return pm_dataset_builder_end (builder);
}

#ifdef G_OS_UNIX
typedef struct
{
  const char *path;
  goffset     to;
  gboolean    done;
} Shrink;

static void
shrink_cb (gsize    n_bytes,
           gpointer user_data)
{
  Shrink *shrink = user_data;

  if (!shrink->done)
    g_assert_cmpint (truncate (shrink->path, shrink->to), ==, 0);
  shrink->done = TRUE;
}
#endif

/* Item 1: the file is cut while it is read (after its first MiB); what
 * was read loads, the rest is reported, nothing faults. */
static void
test_shrinking_file (void)
{
#ifdef G_OS_UNIX
  static const goffset cut[] = { 0, 5 << 20 };

  for (guint c = 0; c < G_N_ELEMENTS (cut); c++)
    {
      g_autofree char *dir = g_dir_make_tmp ("pm-robust-XXXXXX", NULL);
      g_autoptr(GString) text = g_string_new (HEADER "\r\n");
      g_autofree char *path = NULL;
      g_autoptr(PmDataset) ds = NULL;
      Shrink shrink = { NULL, cut[c], FALSE };
      const PmProblem *problem;
      guint n_rows = 0;

      for (guint s = 0; text->len < (16 << 20); s++)
        for (guint t = 0; t < 1000; t++, n_rows++)
          append_row (text, s, t, "\r\n");
      path = write_temp (dir, "big.pool.csv", text->str, text->len);
      shrink.path = path;

      ds = read_file (path, shrink_cb, &shrink);
      log_problems (ds);
      g_assert_true (shrink.done);
      problem = must_find_problem (ds, "changed while being read");
      g_assert_true (g_str_has_suffix (problem->file, "big.pool.csv"));
      g_assert_cmpuint (report_of (ds)->rows_loaded, >, 0);
      g_assert_cmpuint (report_of (ds)->rows_loaded, <, n_rows);

      g_unlink (path);
      g_rmdir (dir);
    }
#else
  g_test_skip ("truncating a file open elsewhere is a POSIX thing");
#endif
}

#ifdef G_OS_UNIX
static char *
make_fifo (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return path;
}
#endif

/* Item 2: a FIFO put where a snapshot file was listed (the reader opens by
 * name after the listing) is refused without blocking; so is a FIFO given
 * as pooltag.txt. In a subprocess bounded in time: a hang fails. */
static void
test_fifo (void)
{
#ifdef G_OS_UNIX
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("pm-robust-XXXXXX", NULL);
      g_autofree char *fifo = make_fifo (dir, "late.pool.csv");
      g_autofree char *tagfifo = make_fifo (dir, "pooltag.txt");
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDataset) ds = NULL;
      g_autofree char *contents = NULL;
      gsize len;

      ds = read_file (fifo, NULL, NULL);
      g_assert_nonnull (find_problem (ds, "not a regular file"));

      g_assert_null (pm_pooltag_new_from_file (tagfifo, &error));
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      g_clear_error (&error);

      g_assert_false (pm_file_get_contents (tagfifo, 1024, &contents, &len, &error));
      g_assert_error (error, PM_ERROR, PM_ERROR_UNREADABLE);

      g_unlink (fifo);
      g_unlink (tagfifo);
      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
#else
  g_test_skip ("no FIFOs");
#endif
}

/* Item 8: pooltag.txt is capped in size; a device is refused. */
static void
test_pooltag_limits (void)
{
#ifdef G_OS_UNIX
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (pm_pooltag_new_from_file ("/dev/zero", &error));
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      return;
    }

  /* Bounded: reading /dev/zero for ever would hang and eat memory. */
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
#else
  g_test_skip ("no /dev/zero");
#endif
}

/* Item 3: a missing path, a dangling link or an unreadable folder beside a
 * good folder is a problem; the good folder loads. */
static void
test_bad_path_beside_good (void)
{
  g_autofree char *good = fixture ("basic-utf8-bom.csv");
  g_autofree char *dir = g_dir_make_tmp ("pm-robust-XXXXXX", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling", NULL);
  g_autofree char *long_path = g_strnfill (300, 'x');
  const char * const paths[] = { "/nonexistent/folder", dangling, long_path, good, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) ds = NULL;
  const char * const only_bad[] = { "/nonexistent/folder", NULL };

#ifdef G_OS_UNIX
  g_assert_cmpint (symlink ("/nonexistent/x", dangling), ==, 0);
#endif
  ds = pm_dataset_load (paths, NULL, &error);
  g_assert_no_error (error);
  log_problems (ds);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 3);
  g_assert_nonnull (find_problem (ds, "No such file"));
  g_assert_cmpstr (((PmProblem *) pm_dataset_get_problems (ds)->pdata[0])->file, ==,
                   "/nonexistent/folder");
  g_clear_object (&ds);

  /* Nothing at all: a failure naming the path. */
  ds = pm_dataset_load (only_bad, NULL, &error);
  g_assert_null (ds);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder"));

  g_unlink (dangling);
  g_rmdir (dir);
}

/* Item 5a: CR-only line ends (old Mac), larger than any header limit. */
static void
test_cr_only (void)
{
  g_autoptr(GString) text = g_string_new (HEADER "\r");
  g_autoptr(PmDataset) ds = NULL;

  for (guint s = 0; s < 3; s++)
    for (guint t = 0; t < 1000; t++)
      append_row (text, s, t, "\r");
  g_assert_cmpuint (text->len, >, 128 * 1024);

  ds = read_data (text->str, text->len, 1 << 20);
  log_problems (ds);
  g_assert_cmpuint (report_of (ds)->rows_loaded, ==, 3000);
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 0);
  g_clear_object (&ds);

  /* And in small blocks, where lines fall across them. */
  ds = read_data (text->str, text->len, 100);
  g_assert_cmpuint (report_of (ds)->rows_loaded, ==, 3000);
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 0);
  g_clear_object (&ds);

  /* "\r\r\n" (a CRLF file passed through a converter once too often) is
   * still read by LF, its line numbers right. */
  {
    g_autoptr(GString) crcrlf = g_string_new (HEADER "\r\r\n");

    append_row (crcrlf, 0, 1, "\r\r\n");
    g_string_append (crcrlf, "\"x\"\r\r\n");
    ds = read_data (crcrlf->str, crcrlf->len, 1 << 20);
    log_problems (ds);
    g_assert_cmpuint (report_of (ds)->rows_loaded, ==, 1);
    g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 1);
    g_assert_cmpuint (((PmProblem *) pm_dataset_get_problems (ds)->pdata[0])->line, ==, 3);
  }
}

/* Item 5b: no fixed limit on columns: 200 extra columns, the Tag column
 * after the 64th. */
static void
test_wide_header (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PmDataset) ds = NULL;
  guint tag = 0;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "\"X%u\",", i);
  g_string_append (text, HEADER);
  for (guint i = 100; i < 200; i++)
    g_string_append_printf (text, ",\"X%u\"", i);
  g_string_append (text, "\r\n");
  for (guint t = 0; t < 10; t++)
    {
      g_autoptr(GString) row = g_string_new (NULL);

      for (guint i = 0; i < 100; i++)
        g_string_append (text, "\"x\",");
      append_row (row, 0, t, "");
      g_string_append (text, row->str);
      for (guint i = 100; i < 200; i++)
        g_string_append (text, ",\"y\"");
      g_string_append (text, "\r\n");
    }

  ds = read_data (text->str, text->len, 1 << 20);
  log_problems (ds);
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 0);
  g_assert_cmpuint (report_of (ds)->rows_loaded, ==, 10);
  g_assert_true (pm_dataset_lookup_tag (ds, "T007", &tag));
  g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_PAGED_USED_BYTES, tag, 0), ==, 700);
}

/* Item 5c: an unquoted Description holding a comma keeps its row. */
static void
test_comma_in_description (void)
{
  static const char text[] =
    "DateTime,DateTimeUTC,Tag,PagedAllocs,PagedFrees,PagedDiff,PagedUsedBytes,"
    "NonPagedAllocs,NonPagedFrees,NonPagedDiff,NonPagedUsedBytes,TotalUsedBytes,Binary,Description\n"
    "2021-07-13T10:00:00,2021-07-13T17:00:00,Xdrv,5,1,4,64,0,0,0,0,64,xdrv.sys,ctx, \"XDRV\"\n"
    "2021-07-13T10:00:00,2021-07-13T17:00:00,Good,5,1,4,32,0,0,0,0,32,good.sys,fine\n"
    "2021-07-13T10:00:00,2021-07-13T17:00:00,Also,5,1,4,16,0,0,0,0,16,a.sys,x,y,z\n";
  g_autoptr(PmDataset) ds = read_data (text, strlen (text), 1 << 20);
  const PmProblem *problem;
  guint tag = 0;

  log_problems (ds);
  g_assert_cmpuint (report_of (ds)->rows_loaded, ==, 3);
  g_assert_true (pm_dataset_lookup_tag (ds, "Xdrv", &tag));
  g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_PAGED_USED_BYTES, tag, 0), ==, 64);
  g_assert_cmpstr (pm_dataset_get_tag_description (ds, tag), ==, "ctx, \"XDRV\"");
  g_assert_true (pm_dataset_lookup_tag (ds, "Also", &tag));
  g_assert_cmpstr (pm_dataset_get_tag_description (ds, tag), ==, "x,y,z");
  /* Noted once, at its line. */
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 1);
  problem = must_find_problem (ds, "Description");
  g_assert_cmpuint (problem->line, ==, 2);
}

/* Converts ASCII @text to UTF-16LE with a BOM. */
static GByteArray *
to_utf16le (const char *text,
            gsize       len)
{
  GByteArray *out = g_byte_array_sized_new (2 * len + 2);

  g_byte_array_append (out, (const guint8 *) "\xFF\xFE", 2);
  for (gsize i = 0; i < len; i++)
    {
      guint8 unit[2] = { (guint8) text[i], 0 };
      g_byte_array_append (out, unit, 2);
    }
  return out;
}

/* Item 6: an over-long row is reported once, at its own line, in UTF-8
 * and UTF-16, and later lines keep their numbers; blank lines are not a
 * row. */
static void
test_line_numbers (void)
{
  g_autoptr(GString) text = g_string_new (HEADER "\r\n");
  g_autoptr(GByteArray) utf16 = NULL;

  append_row (text, 0, 1, "\r\n");                   /* line 2 */
  g_string_append (text, "\"2021-07-13T10:00:00\",\"");  /* line 3: 3 MiB */
  for (guint i = 0; i < (3 << 20); i++)
    g_string_append_c (text, 'a');
  g_string_append (text, "\"\r\n");
  append_row (text, 0, 2, "\r\n");                   /* line 4 */
  g_string_append (text, "\"2021-07-13T10:00:00\",\"2021-07-13T17:00:00\",\"Bad\"\r\n"); /* 5 */
  append_row (text, 0, 3, "\r\n");                   /* line 6 */

  utf16 = to_utf16le (text->str, text->len);
  for (guint enc = 0; enc < 2; enc++)
    {
      const char *data = enc == 0 ? text->str : (const char *) utf16->data;
      gsize len = enc == 0 ? text->len : utf16->len;
      g_autoptr(PmDataset) ds = read_data (data, len, 4 << 20);
      GPtrArray *problems = pm_dataset_get_problems (ds);

      g_test_message ("%s", enc == 0 ? "UTF-8" : "UTF-16LE");
      log_problems (ds);
      g_assert_cmpuint (problems->len, ==, 2);
      g_assert_cmpuint (((PmProblem *) problems->pdata[0])->line, ==, 3);
      g_assert_nonnull (strstr (((PmProblem *) problems->pdata[0])->message, "runs on"));
      g_assert_cmpuint (((PmProblem *) problems->pdata[1])->line, ==, 5);
      g_assert_cmpuint (report_of (ds)->rows_loaded, ==, 3);
    }

  /* More than a MiB of blank lines between rows. */
  {
    g_autoptr(GString) blank = g_string_new (HEADER "\r\n");
    g_autoptr(PmDataset) ds = NULL;

    append_row (blank, 0, 1, "\r\n");
    for (guint i = 0; i < (600 << 10); i++)
      g_string_append (blank, "\r\n");
    append_row (blank, 1, 1, "\r\n");
    g_string_append (blank, "\"x\"\r\n");
    ds = read_data (blank->str, blank->len, 1 << 20);
    log_problems (ds);
    g_assert_cmpuint (report_of (ds)->rows_loaded, ==, 2);
    g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 1);
    g_assert_cmpuint (((PmProblem *) pm_dataset_get_problems (ds)->pdata[0])->line, ==,
                      3 + (600 << 10) + 1);
  }
}

/* Item 6: a header repeated in another column order (two samplers' files
 * concatenated) is recognised; the rows after it load. */
static void
test_repeated_header_reordered (void)
{
  static const char text[] =
    "\"DateTimeUTC\",\"Tag\",\"PagedUsedBytes\"\n"
    "\"2021-07-13T17:00:00\",\"Mm  \",\"100\"\n"
    "\"Tag\",\"PagedUsedBytes\",\"DateTimeUTC\",\"Description\"\n"
    "\"Mm  \",\"200\",\"2021-07-13T17:01:00\",\"Tag\"\n"
    "\"Ntfx\",\"300\",\"2021-07-13T17:01:00\",\"x\"\n";
  g_autoptr(PmDataset) ds = read_data (text, strlen (text), 1 << 20);
  guint tag = 0;

  log_problems (ds);
  g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==, 0);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==, 2);
  g_assert_true (pm_dataset_lookup_tag (ds, "Mm  ", &tag));
  g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_PAGED_USED_BYTES, tag, 1), ==, 200);
  g_assert_true (pm_dataset_lookup_tag (ds, "Ntfx", &tag));
  g_assert_cmpint (pm_dataset_get_value (ds, PM_METRIC_PAGED_USED_BYTES, tag, 1), ==, 300);
}

/* Item 10: timestamps before 1601 (year 0000, 0000-02-29) are problems that
 * name the column and the value; no GLib criticals (fatal in tests). */
static void
test_timestamps_named (void)
{
  static const char text[] =
    "DateTime,DateTimeUTC,Tag,PagedUsedBytes\n"
    "2021-07-13T10:00:00,0000-02-29T00:00:00,Aaaa,1\n"
    "0000-01-01T00:00:00,2021-07-13T17:00:00,Bbbb,2\n"
    "2021-07-13T10:00:00,1600-12-31T23:59:59,Cccc,3\n"
    "2021-07-13T10:00:00,2021-07-13T17:00:00,Dddd,4\n";
  g_autoptr(PmDataset) ds = read_data (text, strlen (text), 1 << 20);
  GPtrArray *problems = pm_dataset_get_problems (ds);

  log_problems (ds);
  g_assert_cmpuint (report_of (ds)->rows_loaded, ==, 1);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_nonnull (strstr (((PmProblem *) problems->pdata[0])->message,
                            "column DateTimeUTC: \"0000-02-29T00:00:00\""));
  g_assert_nonnull (strstr (((PmProblem *) problems->pdata[1])->message,
                            "column DateTime: \"0000-01-01T00:00:00\""));
  g_assert_nonnull (strstr (((PmProblem *) problems->pdata[2])->message, "1600-12-31"));
}

/* Every fixture reads the same in blocks of any size as whole. */
static void
test_blocks (void)
{
  static const char * const files[] = {
    "basic-utf16le.csv", "basic-utf16be.csv", "basic-utf8-bom.csv", "loop.csv",
    "basic-utf8-lf-unquoted.csv", "quoted.csv", "fields.csv", "truncated.csv",
    "utf16-odd.csv", "repeated-header.csv",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = fixture (files[f]);
      g_autofree char *data = NULL;
      g_autoptr(PmDataset) whole = NULL;
      gsize len;

      g_test_message ("%s", files[f]);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      whole = read_data (data, len, 1 << 20);
      for (gsize block = 64; block < 300; block += 37)
        {
          g_autoptr(PmDataset) ds = read_data (data, len, block);

          g_assert_cmpuint (pm_dataset_get_n_snapshots (ds), ==,
                            pm_dataset_get_n_snapshots (whole));
          g_assert_cmpuint (report_of (ds)->rows_loaded, ==, report_of (whole)->rows_loaded);
          g_assert_cmpuint (pm_dataset_get_problems (ds)->len, ==,
                            pm_dataset_get_problems (whole)->len);
        }
    }
}

/* The gzip case: a .csv.gz reads as its .csv; a folder counts it; a cut
 * stream gives the rows before the cut and a problem with the offset. */
static void
test_gzip (void)
{
  g_autofree char *plain = fixture ("basic-utf16le.csv");
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "data", "gz", "basic-utf16le.csv.gz",
                                               NULL);
  g_autofree char *cut = g_test_build_filename (G_TEST_DIST, "data", "gz", "truncated.csv.gz",
                                                NULL);
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "gz", NULL);
  const char * const plain_paths[] = { plain, NULL };
  const char * const gz_paths[] = { gz, NULL };
  const char * const cut_paths[] = { cut, NULL };
  const char * const folder_paths[] = { folder, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDataset) a = pm_dataset_load (plain_paths, NULL, &error);
  g_autoptr(PmDataset) b = pm_dataset_load (gz_paths, NULL, &error);
  g_autoptr(PmDataset) c = NULL;
  g_autoptr(PmDataset) d = NULL;
  const PmProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (b), ==, pm_dataset_get_n_snapshots (a));
  g_assert_cmpuint (pm_dataset_get_n_tags (b), ==, pm_dataset_get_n_tags (a));
  for (guint t = 0; t < pm_dataset_get_n_tags (a); t++)
    for (guint s = 0; s < pm_dataset_get_n_snapshots (a); s++)
      g_assert_cmpint (pm_dataset_get_value (a, PM_METRIC_TOTAL_USED_BYTES, t, s), ==,
                       pm_dataset_get_value (b, PM_METRIC_TOTAL_USED_BYTES, t, s));
  g_assert_cmpuint (pm_dataset_get_problems (b)->len, ==, 0);

  c = pm_dataset_load (cut_paths, NULL, &error);
  g_assert_no_error (error);
  log_problems (c);
  problem = must_find_problem (c, "breaks off at byte");
  g_assert_true (g_str_has_suffix (problem->file, "truncated.csv.gz"));
  /* 40 snapshots of 50 tags were written; the cut leaves most of them. */
  g_assert_cmpuint (report_of (c)->rows_loaded, >, 1000);
  g_assert_cmpuint (report_of (c)->rows_loaded, <, 2000);

  /* A folder's *.csv.gz count as its *.csv. */
  d = pm_dataset_load (folder_paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pm_dataset_get_files (d)->len, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/robust/shrinking-file", test_shrinking_file);
  g_test_add_func ("/poolstats/robust/fifo", test_fifo);
  g_test_add_func ("/poolstats/robust/pooltag-limits", test_pooltag_limits);
  g_test_add_func ("/poolstats/robust/bad-path-beside-good", test_bad_path_beside_good);
  g_test_add_func ("/poolstats/robust/cr-only", test_cr_only);
  g_test_add_func ("/poolstats/robust/wide-header", test_wide_header);
  g_test_add_func ("/poolstats/robust/comma-in-description", test_comma_in_description);
  g_test_add_func ("/poolstats/robust/line-numbers", test_line_numbers);
  g_test_add_func ("/poolstats/robust/repeated-header-reordered", test_repeated_header_reordered);
  g_test_add_func ("/poolstats/robust/timestamps-named", test_timestamps_named);
  g_test_add_func ("/poolstats/robust/blocks", test_blocks);
  g_test_add_func ("/poolstats/robust/gzip", test_gzip);

  return g_test_run ();
}
