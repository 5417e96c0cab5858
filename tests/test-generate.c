/* test-generate.c: pm-generate writes the format, the features, the same bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real generator (its path in PM_GENERATE) and reads what it wrote
 * with a strict reader of its own: every field quoted, CRLF, the BOM, the
 * counter arithmetic of docs/design.md, The snapshot format. The committed data/sample/ folders
 * must come out byte for byte.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pm-format.h"

#define TAG_LEAK  "QdrC"
#define TAG_BUSY  "Irp "
#define TAG_LATE  "Usbp"

/* One file, decoded to UTF-8, split into rows of fields. */
typedef struct
{
  gboolean   bom;
  GPtrArray *rows;  /* of GStrv; rows[0] is the header */
} CsvFile;

static void
csv_file_free (CsvFile *f)
{
  g_ptr_array_unref (f->rows);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvFile, csv_file_free)

static const char *
generator_path (void)
{
  const char *path = g_getenv ("PM_GENERATE");

  g_assert_nonnull (path);
  return path;
}

static char *
sample_dir (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);
}

/* Runs pm-generate with @args (NULL-terminated) and returns its exit status. */
static int
run_generator (const char *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) exit_error = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) generator_path ());
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  /* Quiet on success: only --verbose prints. */
  if (g_spawn_check_wait_status (status, &exit_error))
    {
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, ==, "");
      return 0;
    }
  g_assert_error (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code);
  g_assert_cmpstr (err, !=, "");
  return exit_error->code;
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted names of the *.csv files in @dir. */
static GPtrArray *
list_csv (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_assert_false (g_str_has_suffix (name, ".tmp"));
      if (g_str_has_suffix (name, ".csv"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Every field "quoted" (with "" inside), separated by commas. */
static GStrv
split_quoted_line (const char *line)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  const char *p = line;

  for (;;)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      g_assert_cmpint (*p, ==, '"');
      for (p++;; p++)
        {
          g_assert_cmpint (*p, !=, '\0');
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            break;
          else
            g_string_append_c (field, *p);
        }
      g_strv_builder_add (fields, field->str);
      p++;
      if (*p == '\0')
        break;
      g_assert_cmpint (*p, ==, ',');
      p++;
    }
  return g_strv_builder_end (fields);
}

static CsvFile *
read_csv (const char *path,
          gboolean    utf16)
{
  g_autofree char *bytes = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  CsvFile *f = g_new0 (CsvFile, 1);
  gsize len;

  g_file_get_contents (path, &bytes, &len, &error);
  g_assert_no_error (error);
  if (utf16)
    {
      g_assert_cmpuint (len % 2, ==, 0);
      g_assert_cmpuint (len, >=, 2);
      f->bom = (guchar) bytes[0] == 0xFF && (guchar) bytes[1] == 0xFE;
      text = g_utf16_to_utf8 ((const gunichar2 *) (bytes + 2), (len - 2) / 2, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  else
    {
      g_assert_true (g_utf8_validate (bytes, len, NULL));
      f->bom = len >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0;
      text = g_strndup (bytes, len);
    }

  /* CRLF everywhere, the last line included, and no bare LF or CR. */
  g_assert_true (g_str_has_suffix (text, PM_FORMAT_LINE_END));
  lines = g_strsplit (text, PM_FORMAT_LINE_END, -1);
  f->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; lines[i + 1] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_ptr_array_add (f->rows, split_quoted_line (lines[i]));
    }
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
  return f;
}

static int
column_index (CsvFile  *f,
              PmColumn  column)
{
  GStrv header = g_ptr_array_index (f->rows, 0);

  for (int i = 0; header[i]; i++)
    if (g_str_equal (header[i], pm_format_column_name (column)))
      return i;
  return -1;
}

static guint64
field_u64 (GStrv    row,
           int      index)
{
  guint64 v = 0;
  g_autoptr(GError) error = NULL;

  g_ascii_string_to_unsigned (row[index], 10, 0, G_MAXUINT64, &v, &error);
  g_assert_no_error (error);
  return v;
}

static GStrv
find_row (CsvFile    *f,
          const char *tag)
{
  int t = column_index (f, PM_COLUMN_TAG);

  for (guint r = 1; r < f->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (f->rows, r);

      if (g_str_equal (row[t], tag))
        return row;
    }
  return NULL;
}

static void
assert_same_folders (const char *expected,
                     const char *actual)
{
  g_autoptr(GPtrArray) a = list_csv (expected);
  g_autoptr(GPtrArray) b = list_csv (actual);

  g_assert_cmpuint (a->len, >, 0);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_autofree char *pa = g_build_filename (expected, a->pdata[i], NULL);
      g_autofree char *pb = g_build_filename (actual, b->pdata[i], NULL);
      g_autofree char *ca = NULL;
      g_autofree char *cb = NULL;
      gsize la, lb;

      g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);
      g_assert_true (g_file_get_contents (pa, &ca, &la, NULL));
      g_assert_true (g_file_get_contents (pb, &cb, &lb, NULL));
      g_assert_cmpmem (ca, la, cb, lb);
    }
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GPtrArray) names = list_csv (dir);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *p = g_build_filename (dir, names->pdata[i], NULL);

      g_unlink (p);
    }
  g_rmdir (dir);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pm-generate-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The committed samples are what the generator writes today. */
static void
test_sample_reproducible (gconstpointer data)
{
  const char *preset = data;
  g_autofree char *expected = sample_dir (preset);
  g_autofree char *dir = make_temp_dir ();

  g_assert_cmpint (run_generator ("--preset", preset, "--out", dir, NULL), ==, 0);
  assert_same_folders (expected, dir);
  remove_folder (dir);
}

static void
test_seed (void)
{
  g_autofree char *a = make_temp_dir ();
  g_autofree char *b = make_temp_dir ();
  g_autofree char *c = make_temp_dir ();
  g_autoptr(GPtrArray) names_a = NULL;
  g_autoptr(GPtrArray) names_c = NULL;

  g_assert_cmpint (run_generator ("--out", a, "--tags", "80", "--snapshots", "4", "--seed", "77", NULL), ==, 0);
  g_assert_cmpint (run_generator ("--out", b, "--tags", "80", "--snapshots", "4", "--seed", "77", NULL), ==, 0);
  g_assert_cmpint (run_generator ("--out", c, "--tags", "80", "--snapshots", "4", "--seed", "78", NULL), ==, 0);
  assert_same_folders (a, b);

  /* Another seed: the same file names, other contents. */
  names_a = list_csv (a);
  names_c = list_csv (c);
  g_assert_cmpuint (names_a->len, ==, 4);
  g_assert_cmpuint (names_c->len, ==, 4);
  for (guint i = 0; i < names_a->len; i++)
    {
      g_autofree char *pa = g_build_filename (a, names_a->pdata[i], NULL);
      g_autofree char *pc = g_build_filename (c, names_c->pdata[i], NULL);
      g_autofree char *ca = NULL;
      g_autofree char *cc = NULL;
      gsize la, lc;

      g_assert_cmpstr (names_a->pdata[i], ==, names_c->pdata[i]);
      g_assert_true (g_file_get_contents (pa, &ca, &la, NULL));
      g_assert_true (g_file_get_contents (pc, &cc, &lc, NULL));
      g_assert_false (la == lc && memcmp (ca, cc, la) == 0);
    }
  remove_folder (a);
  remove_folder (b);
  remove_folder (c);
}

/* "2021.07.13_01.00.00_1626163200.pool.csv" names DateTime and the epoch
 * of DateTimeUTC. */
static void
assert_file_name (const char *name,
                  const char *local,
                  const char *utc)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *iso = g_strconcat (utc, "Z", NULL);
  int y, mo, d, h, mi, s;

  g_assert_cmpint (sscanf (local, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s), ==, 6);
  stamp = g_strdup_printf ("%04d.%02d.%02d_%02d.%02d.%02d", y, mo, d, h, mi, s);
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (dt);
  expected = g_strdup_printf ("%s_%" G_GINT64_FORMAT "%s", stamp,
                              g_date_time_to_unix (dt), PM_FORMAT_FILE_SUFFIX);
  g_assert_cmpstr (name, ==, expected);
}

/* The arithmetic every row must obey, whatever the tag. */
static void
assert_row_arithmetic (CsvFile *f,
                       GStrv    row)
{
  static const PmColumn pools[2][4] = {
    { PM_COLUMN_PAGED_ALLOCS, PM_COLUMN_PAGED_FREES, PM_COLUMN_PAGED_DIFF, PM_COLUMN_PAGED_USED_BYTES },
    { PM_COLUMN_NON_PAGED_ALLOCS, PM_COLUMN_NON_PAGED_FREES, PM_COLUMN_NON_PAGED_DIFF, PM_COLUMN_NON_PAGED_USED_BYTES },
  };
  guint64 used = 0;

  g_assert_cmpuint (strlen (row[column_index (f, PM_COLUMN_TAG)]), >=, PM_FORMAT_TAG_LEN);
  for (guint p = 0; p < 2; p++)
    {
      guint64 allocs = field_u64 (row, column_index (f, pools[p][0]));
      guint64 frees = field_u64 (row, column_index (f, pools[p][1]));
      guint64 diff = field_u64 (row, column_index (f, pools[p][2]));
      guint64 bytes = field_u64 (row, column_index (f, pools[p][3]));

      g_assert_cmpuint (allocs, <=, G_MAXUINT32);
      g_assert_cmpuint (frees, <=, G_MAXUINT32);
      g_assert_cmpuint (diff, ==, PM_FORMAT_DIFF (allocs, frees));
      /* Outstanding allocations are few; bytes held only when some are. */
      g_assert_cmpuint (diff, <, 1000000);
      g_assert_true ((diff == 0) == (bytes == 0));
      used += bytes;
    }
  g_assert_cmpuint (used, ==, field_u64 (row, column_index (f, PM_COLUMN_TOTAL_USED_BYTES)));
}

/* The PowerShell sample: format, times, and the planted features that the
 * other tests rely on (data/README.md). */
static void
test_powershell_sample (void)
{
  g_autofree char *dir = sample_dir ("powershell");
  g_autoptr(GPtrArray) names = list_csv (dir);
  guint64 prev_allocs = 0, prev_frees = 0, first_leak = 0, last_leak = 0;
  guint n_alloc_wraps = 0, n_free_wraps = 0, n_negative_int64 = 0;
  g_autoptr(GDateTime) prev_time = NULL;
  g_autoptr(GHashTable) previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_cmpuint (names->len, ==, 120);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autoptr(CsvFile) f = read_csv (path, TRUE);
      GStrv header = g_ptr_array_index (f->rows, 0);
      GStrv first = g_ptr_array_index (f->rows, 1);
      const char *local = first[PM_COLUMN_DATE_TIME];
      const char *utc = first[PM_COLUMN_DATE_TIME_UTC];
      g_autofree char *iso = g_strconcat (utc, "Z", NULL);
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);
      GStrv busy = find_row (f, TAG_BUSY);
      GStrv leak = find_row (f, TAG_LEAK);
      guint64 allocs, frees;

      g_assert_true (f->bom);
      g_assert_cmpuint (g_strv_length (header), ==, PM_N_COLUMNS);
      for (guint c = 0; c < PM_N_COLUMNS; c++)
        g_assert_cmpstr (header[c], ==, pm_format_column_name ((PmColumn) c));

      /* Every tag once; the late tag only from 2/5 of the run on. */
      g_assert_cmpuint (f->rows->len - 1, ==, i < 48 ? 59 : 60);
      g_assert_true ((find_row (f, TAG_LATE) != NULL) == (i >= 48));

      assert_file_name (names->pdata[i], local, utc);
      g_assert_nonnull (time);
      if (prev_time != NULL)
        g_assert_cmpint (g_date_time_difference (time, prev_time), ==, 600 * G_TIME_SPAN_SECOND);
      g_clear_pointer (&prev_time, g_date_time_unref);
      prev_time = g_date_time_ref (time);

      for (guint r = 1; r < f->rows->len; r++)
        {
          GStrv row = g_ptr_array_index (f->rows, r);

          g_assert_cmpuint (g_strv_length (row), ==, PM_N_COLUMNS);
          g_assert_cmpstr (row[PM_COLUMN_DATE_TIME], ==, local);
          g_assert_cmpstr (row[PM_COLUMN_DATE_TIME_UTC], ==, utc);
          assert_row_arithmetic (f, row);
        }

      /* No other tag's counters ever go down. */
      for (guint r = 1; r < f->rows->len; r++)
        {
          GStrv row = g_ptr_array_index (f->rows, r);
          const char *tag = row[PM_COLUMN_TAG];
          guint64 counters[4] = {
            field_u64 (row, PM_COLUMN_PAGED_ALLOCS), field_u64 (row, PM_COLUMN_PAGED_FREES),
            field_u64 (row, PM_COLUMN_NON_PAGED_ALLOCS), field_u64 (row, PM_COLUMN_NON_PAGED_FREES),
          };
          guint64 *prev = g_hash_table_lookup (previous, tag);

          if (prev != NULL && !g_str_equal (tag, TAG_BUSY))
            for (guint c = 0; c < 4; c++)
              g_assert_cmpuint (counters[c], >=, prev[c]);
          g_hash_table_replace (previous, g_strdup (tag), g_memdup2 (counters, sizeof counters));
        }

      /* The busy tag's counters wrap: Allocs first, then Frees, and in
       * between the old sampler's int64 Allocs - Frees was negative. */
      g_assert_nonnull (busy);
      allocs = field_u64 (busy, PM_COLUMN_NON_PAGED_ALLOCS);
      frees = field_u64 (busy, PM_COLUMN_NON_PAGED_FREES);
      if (i > 0)
        {
          n_alloc_wraps += allocs < prev_allocs;
          n_free_wraps += frees < prev_frees;
        }
      n_negative_int64 += allocs < frees;
      prev_allocs = allocs;
      prev_frees = frees;

      g_assert_nonnull (leak);
      last_leak = field_u64 (leak, PM_COLUMN_TOTAL_USED_BYTES);
      if (i == 0)
        first_leak = last_leak;
    }

  g_assert_cmpuint (n_alloc_wraps, ==, 1);
  g_assert_cmpuint (n_free_wraps, ==, 1);
  g_assert_cmpuint (n_negative_int64, ==, 1);
  /* The leak ends at about four times where it started. */
  g_assert_cmpuint (last_leak, >, 3 * first_leak);
  g_assert_cmpuint (last_leak, <, 5 * first_leak);
}

static void
test_sampler_sample (void)
{
  g_autofree char *dir = sample_dir ("sampler");
  g_autoptr(GPtrArray) names = list_csv (dir);

  g_assert_cmpuint (names->len, ==, 24);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autoptr(CsvFile) f = read_csv (path, FALSE);
      GStrv first = g_ptr_array_index (f->rows, 1);

      g_assert_false (f->bom);
      g_assert_cmpuint (g_strv_length (g_ptr_array_index (f->rows, 0)), ==, PM_N_COLUMNS);
      g_assert_cmpuint (f->rows->len - 1, ==, i < 9 ? 29 : 30);
      assert_file_name (names->pdata[i], first[PM_COLUMN_DATE_TIME], first[PM_COLUMN_DATE_TIME_UTC]);
      for (guint r = 1; r < f->rows->len; r++)
        assert_row_arithmetic (f, g_ptr_array_index (f->rows, r));
    }
}

/* Loop mode: one file, the header once, every snapshot in it. */
static void
test_loop_layout (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(CsvFile) f = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) times = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (run_generator ("--out", dir, "--layout", "loop", "--tags", "20",
                                  "--snapshots", "5", "--encoding", "utf8", NULL), ==, 0);
  names = list_csv (dir);
  g_assert_cmpuint (names->len, ==, 1);
  path = g_build_filename (dir, names->pdata[0], NULL);
  f = read_csv (path, FALSE);

  /* 20 tags in 5 snapshots, less the late tag in the first two. */
  g_assert_cmpuint (f->rows->len, ==, 1 + 5 * 20 - 2);
  for (guint r = 1; r < f->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (f->rows, r);

      g_assert_cmpstr (row[PM_COLUMN_TAG], !=, pm_format_column_name (PM_COLUMN_TAG));
      g_hash_table_add (times, row[PM_COLUMN_DATE_TIME_UTC]);
      assert_row_arithmetic (f, row);
    }
  g_assert_cmpuint (g_hash_table_size (times), ==, 5);
  remove_folder (dir);
}

/* A subset of columns, in the order asked for. */
static void
test_columns (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(CsvFile) f = NULL;
  g_autofree char *path = NULL;
  GStrv header;

  g_assert_cmpint (run_generator ("--out", dir, "--tags", "12", "--snapshots", "1",
                                  "--columns", "Tag,DateTime,PagedUsedBytes", NULL), ==, 0);
  names = list_csv (dir);
  g_assert_cmpuint (names->len, ==, 1);
  path = g_build_filename (dir, names->pdata[0], NULL);
  f = read_csv (path, TRUE);
  header = g_ptr_array_index (f->rows, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 3);
  g_assert_cmpstr (header[0], ==, "Tag");
  g_assert_cmpstr (header[1], ==, "DateTime");
  g_assert_cmpstr (header[2], ==, "PagedUsedBytes");
  g_assert_cmpuint (f->rows->len, ==, 1 + 12);
  for (guint r = 1; r < f->rows->len; r++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (f->rows, r)), ==, 3);
  g_assert_nonnull (find_row (f, TAG_LEAK));
  remove_folder (dir);
}

/* Usage errors exit 1 and write nothing. */
static void
test_bad_options (void)
{
  static const char *const bad[][2] = {
    { "--columns", "Tag,Nonsense" },
    { "--columns", "Tag,Tag" },
    { "--tags", "0" },
    { "--interval", "99999999" },
    { "--start", "2021-07-13 08:00:00" },
    { "--utc-offset", "east" },
    { "--encoding", "latin1" },
    { "--layout", "heap" },
    { "--preset", "huge" },
    { "--seed", "-1" },
  };
  g_autofree char *dir = make_temp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) names = NULL;

      g_test_message ("%s %s", bad[i][0], bad[i][1]);
      g_assert_cmpint (run_generator ("--out", dir, bad[i][0], bad[i][1], NULL), ==, 1);
      names = list_csv (dir);
      g_assert_cmpuint (names->len, ==, 0);
    }
  g_assert_cmpint (run_generator ("--tags", "3", NULL), ==, 1);
  remove_folder (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/poolstats/generate/sample-powershell-reproducible", "powershell", test_sample_reproducible);
  g_test_add_data_func ("/poolstats/generate/sample-sampler-reproducible", "sampler", test_sample_reproducible);
  g_test_add_func ("/poolstats/generate/seed", test_seed);
  g_test_add_func ("/poolstats/generate/powershell-sample", test_powershell_sample);
  g_test_add_func ("/poolstats/generate/sampler-sample", test_sampler_sample);
  g_test_add_func ("/poolstats/generate/loop-layout", test_loop_layout);
  g_test_add_func ("/poolstats/generate/columns", test_columns);
  g_test_add_func ("/poolstats/generate/bad-options", test_bad_options);

  return g_test_run ();
}
