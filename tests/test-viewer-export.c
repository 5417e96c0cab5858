/* test-viewer-export.c: poolmonviz's old command line and headless --export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real program ($POOLMONVIZ) on the bundled sample with DISPLAY
 * and WAYLAND_DISPLAY removed from its environment: the exports must come
 * out as valid PNG, SVG and PDF files of the requested size, and stdout
 * must carry the old analyzer's ranking lines. Every old option is tried in
 * its short and its long spelling, and each must have its effect.
 */
#define _GNU_SOURCE /* memmem */
#include <glib/gstdio.h>
#include <string.h>

#include "test-common.h"

typedef struct
{
  char *dir;
} Fixture;

static char *
sample_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "powershell", NULL);
}

/* poolmonviz @args... (NULL-terminated) with no display in reach. */
static void
run_viewer (Run        *run,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("POOLMONVIZ");
  va_list args;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  /* Were GTK initialised anyway, it would fail to find a display. */
  env = g_environ_setenv (env, "GDK_BACKEND", "x11,wayland", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

static gboolean
exited_ok (Run *run)
{
  if (!g_spawn_check_wait_status (run->status, NULL))
    {
      g_test_message ("stderr: %s", run->err);
      return FALSE;
    }
  return TRUE;
}

static int
exit_code (Run *run)
{
  g_autoptr(GError) error = NULL;

  if (g_spawn_check_wait_status (run->status, &error))
    return 0;
  g_assert_error (error, G_SPAWN_EXIT_ERROR, error->code);

  return error->code;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pm-viewer-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_flat_dir (f->dir);
  g_free (f->dir);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
assert_png (const char *path,
            guint       width,
            guint       height)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize length;
  g_autofree guchar *data = (guchar *) read_file (path, &length);

  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (data, 8, signature, 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (be32 (data + 16), ==, width);
  g_assert_cmpuint (be32 (data + 20), ==, height);
  /* Drawn, not blank: a chart with lines compresses to more than a few bytes. */
  g_assert_cmpuint (length, >, 4000);
}

static void
assert_svg (const char *path,
            guint       width,
            guint       height)
{
  g_autofree char *data = read_file (path, NULL);
  g_autofree char *size = g_strdup_printf ("width=\"%upt\" height=\"%upt\"", width, height);

  g_assert_true (g_str_has_prefix (data, "<?xml"));
  g_assert_nonnull (strstr (data, "<svg"));
  g_assert_nonnull (strstr (data, size));
  g_assert_nonnull (strstr (data, "</svg>"));
}

static void
assert_pdf (const char *path,
            guint       width,
            guint       height)
{
  gsize length;
  g_autofree char *data = read_file (path, &length);
  g_autofree char *box = g_strdup_printf ("/MediaBox [ 0 0 %u %u ]", width, height);

  /* Compressed streams hold NUL bytes: search bytes, not strings. */
  g_assert_true (g_str_has_prefix (data, "%PDF-1."));
  g_assert_nonnull (memmem (data, length, box, strlen (box)));
  g_assert_nonnull (memmem (data + length - 8, 8, "%%EOF", 5));
}

/* The 4 lines of the old tool, in its order. */
static void
assert_ranking_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), >=, 4);
  g_assert_true (g_str_has_prefix (lines[0], "tags with BIGGEST INCREASE (%)     : ['"));
  g_assert_true (g_str_has_prefix (lines[1], "tags with BIGGEST INCREASE (ABS)   : ['"));
  g_assert_true (g_str_has_prefix (lines[2], "tags with HIGHEST USAGE    (PEAK)  : ['"));
  g_assert_true (g_str_has_prefix (lines[3], "tags with HIGHEST USAGE    (MEAN)  : ['"));
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *ext; guint w, h; } cases[] = {
    { "png", 800, 500 }, { "svg", 640, 480 }, { "pdf", 1024, 600 },
  };
  g_autofree char *sample = sample_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *path = g_strdup_printf ("%s/chart.%s", f->dir, cases[i].ext);
      g_autofree char *w = g_strdup_printf ("%u", cases[i].w);
      g_autofree char *h = g_strdup_printf ("%u", cases[i].h);
      gint64 start = g_get_monotonic_time ();

      run_viewer (&run, "-d", sample, "-t", "TotalDiff", "--export", path,
                  "--width", w, "--height", h, NULL);
      g_test_message ("%s in %.0f ms", cases[i].ext, (g_get_monotonic_time () - start) / 1000.0);
      g_assert_true (exited_ok (&run));
      assert_ranking_lines (run.out);

      if (i == 0)
        assert_png (path, cases[i].w, cases[i].h);
      else if (i == 1)
        assert_svg (path, cases[i].w, cases[i].h);
      else
        assert_pdf (path, cases[i].w, cases[i].h);
    }
}

static void
test_default_size (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *sample = sample_dir ();
  g_autofree char *path = g_build_filename (f->dir, "chart.png", NULL);

  run_viewer (&run, "-d", sample, "-t", "TotalUsedBytes", "--export", path, NULL);
  g_assert_true (exited_ok (&run));
  assert_png (path, 1600, 900);
}

/* Line @i of the matrix CSV split into fields (quotes removed). */
static char **
csv_row (const char *csv,
         guint       i)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  char **fields;

  g_assert_cmpuint (i, <, g_strv_length (lines));
  fields = g_strsplit (lines[i], ",", -1);
  for (guint j = 0; fields[j] != NULL; j++)
    {
      char *s = fields[j];

      if (s[0] == '"')
        {
          memmove (s, s + 1, strlen (s));
          s[strlen (s) - 1] = '\0';
        }
    }

  return fields;
}

static void
test_matrix (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *sample = sample_dir ();
  g_autofree char *png = g_build_filename (f->dir, "matrix.png", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "matrix.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) header = NULL;
  guint n;

  {
    g_auto(Run) run = { 0 };

    run_viewer (&run, "-d", sample, "-t", "TotalDiff", "-sce", "--export-matrix", png,
                "--width", "900", "--height", "800", NULL);
    g_assert_true (exited_ok (&run));
    assert_ranking_lines (run.out);
    assert_png (png, 900, 800);
  }
  {
    g_auto(Run) run = { 0 };

    run_viewer (&run, "-d", sample, "-t", "TotalDiff", "-sce", "--export-matrix", csv_path, NULL);
    g_assert_true (exited_ok (&run));
  }

  /* Every tag and TOTAL; a symmetric matrix with 1 on the diagonal where
   * defined, empty where r is undefined. */
  csv = read_file (csv_path, NULL);
  header = csv_row (csv, 0);
  n = g_strv_length (header) - 1;
  g_assert_cmpuint (n, ==, 61);
  g_assert_cmpstr (header[0], ==, "Tag");
  g_assert_true (g_strv_contains ((const char * const *) header, "TOTAL"));
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) fields = csv_row (csv, i + 1);

      g_assert_cmpuint (g_strv_length (fields), ==, n + 1);
      g_assert_cmpstr (fields[0], ==, header[i + 1]);
      g_assert_true (fields[i + 1][0] == '\0' || strcmp (fields[i + 1], "1.000000") == 0);
      for (guint j = 0; j < i; j++)
        {
          g_auto(GStrv) other = csv_row (csv, j + 1);

          g_assert_cmpstr (fields[j + 1], ==, other[i + 1]);
        }
    }
}

/* One old option, both spellings: @check must hold for the output of each. */
typedef struct
{
  const char *short_args[4];
  const char *long_args[4];
  const char *check;
} OptionCase;

static const OptionCase option_cases[] = {
  { { "-nh", "2" }, { "--n-highest-usage-tags", "2" },
    "peak=2" },
  { { "-nha", "1" }, { "--n-highest-average-usage-tags", "1" },
    "average=1" },
  { { "-nmc", "0" }, { "--n-most-changed-tags", "0" },
    "no-increase" },
  { { "-nmca", "3" }, { "--n-most-changed-tags-absolute", "3" },
    "absolute=3" },
  { { "-et", "MmSt", "Ntff" }, { "--exclude-tags", "MmSt", "Ntff" },
    "no-MmSt-Ntff" },
  { { "-it", "Vad", "AfdB" }, { "--include-tags", "Vad", "AfdB" },
    "matrix-has-Vad-AfdB" },
  { { "-t", "PagedUsedBytes" }, { "--type", "PagedUsedBytes" },
    "metric-PagedUsedBytes" },
  { { "-ts", "DateTime" }, { "--time-stamp", "DateTime" },
    "local-time" },
  { { "-sc" }, { "--show-correlation" },
    "matrix-selection" },
  { { "-sce" }, { "--show-correlation-extended" },
    "matrix-every" },
};

static guint
count_in_line (const char *out,
               const char *prefix)
{
  const char *line = strstr (out, prefix);
  const char *end;
  guint quotes = 0;

  if (line == NULL)
    return G_MAXUINT;
  end = strchr (line, '\n');
  for (const char *p = line; p < end; p++)
    quotes += *p == '\'';

  return quotes / 2;
}

static void
check_option_effect (const char *check,
                     Run        *run,
                     Run        *base,
                     const char *chart,
                     const char *matrix,
                     const char *utc_chart)
{
  g_autofree char *csv = NULL;

  if (g_str_equal (check, "peak=2"))
    g_assert_cmpuint (count_in_line (run->out, "tags with HIGHEST USAGE    (PEAK)"), ==, 2);
  else if (g_str_equal (check, "average=1"))
    g_assert_cmpuint (count_in_line (run->out, "tags with HIGHEST USAGE    (MEAN)"), ==, 1);
  else if (g_str_equal (check, "no-increase"))
    g_assert_null (strstr (run->out, "BIGGEST INCREASE (%)"));
  else if (g_str_equal (check, "absolute=3"))
    g_assert_cmpuint (count_in_line (run->out, "tags with BIGGEST INCREASE (ABS)"), ==, 3);
  else if (g_str_equal (check, "no-MmSt-Ntff"))
    {
      g_assert_null (strstr (run->out, "'MmSt'"));
      g_assert_null (strstr (run->out, "'Ntff'"));
    }
  else if (g_str_equal (check, "matrix-has-Vad-AfdB") || g_str_equal (check, "matrix-selection") ||
           g_str_equal (check, "matrix-every"))
    {
      g_auto(GStrv) header = NULL;

      csv = read_file (matrix, NULL);
      header = csv_row (csv, 0);
      if (g_str_equal (check, "matrix-every"))
        g_assert_cmpuint (g_strv_length (header) - 1, ==, 61);
      else
        {
          /* TOTAL and the rankings' union, with -it's tags when given. */
          g_assert_cmpuint (g_strv_length (header) - 1, <, 61);
          g_assert_true (g_strv_contains ((const char * const *) header, "TOTAL"));
          if (g_str_equal (check, "matrix-has-Vad-AfdB"))
            {
              /* -it Vad finds the tag "Vad " (trailing spaces do not matter). */
              g_assert_true (g_strv_contains ((const char * const *) header, "Vad "));
              g_assert_true (g_strv_contains ((const char * const *) header, "AfdB"));
            }
        }
    }
  else if (g_str_equal (check, "metric-PagedUsedBytes"))
    {
      /* Other numbers, other leaders, another picture than TotalDiff's. */
      g_autofree char *a = read_file (chart, NULL);
      g_autofree char *b = read_file (utc_chart, NULL);

      g_assert_cmpstr (run->out, !=, base->out);
      g_assert_cmpstr (a, !=, b);
    }
  else if (g_str_equal (check, "local-time"))
    {
      g_autofree char *a = read_file (chart, NULL);
      g_autofree char *b = read_file (utc_chart, NULL);

      /* The sample's lab clock is not UTC: other axis labels. */
      g_assert_cmpstr (a, !=, b);
    }
  else
    g_assert_not_reached ();
}

static void
test_old_options (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *sample = sample_dir ();
  g_autofree char *utc_chart = g_build_filename (f->dir, "utc.svg", NULL);
  g_auto(Run) base = { 0 };

  run_viewer (&base, "--directory", sample, "--type", "TotalDiff", "--export", utc_chart, NULL);
  g_assert_true (exited_ok (&base));

  for (guint i = 0; i < G_N_ELEMENTS (option_cases); i++)
    for (guint spelling = 0; spelling < 2; spelling++)
      {
        const OptionCase *c = &option_cases[i];
        const char * const *opt = spelling == 0 ? c->short_args : c->long_args;
        g_autofree char *chart = g_strdup_printf ("%s/chart-%u-%u.svg", f->dir, i, spelling);
        g_autofree char *matrix = g_strdup_printf ("%s/matrix-%u-%u.csv", f->dir, i, spelling);
        gboolean correlate = g_str_has_prefix (c->check, "matrix");
        g_autoptr(GPtrArray) args = g_ptr_array_new ();
        g_auto(Run) run = { 0 };

        g_test_message ("%s", opt[0]);
        /* -d/--directory in the other spelling, so both are used. */
        g_ptr_array_add (args, spelling == 0 ? "--directory" : "-d");
        g_ptr_array_add (args, sample);
        if (!g_str_equal (c->check, "metric-PagedUsedBytes"))
          {
            g_ptr_array_add (args, "-t");
            g_ptr_array_add (args, "TotalDiff");
          }
        for (guint j = 0; j < 4 && opt[j] != NULL; j++)
          g_ptr_array_add (args, (char *) opt[j]);
        if (correlate && !g_str_equal (c->check, "matrix-selection") &&
            !g_str_equal (c->check, "matrix-every"))
          g_ptr_array_add (args, "-sc");
        g_ptr_array_add (args, "--export");
        g_ptr_array_add (args, chart);
        if (correlate)
          {
            g_ptr_array_add (args, "--export-matrix");
            g_ptr_array_add (args, matrix);
          }
        while (args->len < 12)
          g_ptr_array_add (args, NULL);

        run_viewer (&run, args->pdata[0], args->pdata[1], args->pdata[2], args->pdata[3],
                    args->pdata[4], args->pdata[5], args->pdata[6], args->pdata[7],
                    args->pdata[8], args->pdata[9], args->pdata[10], args->pdata[11], NULL);
        g_assert_true (exited_ok (&run));
        check_option_effect (c->check, &run, &base, chart, matrix, utc_chart);
      }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *sample = sample_dir ();
  g_autofree char *png = g_build_filename (f->dir, "x.png", NULL);
  g_autofree char *bmp = g_build_filename (f->dir, "x.bmp", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", NULL);

  {
    g_auto(Run) run = { 0 };

    run_viewer (&run, "-d", sample, "-t", "Bogus", "--export", png, NULL);
    g_assert_cmpint (exit_code (&run), ==, 1);
    g_assert_nonnull (strstr (run.err, "Bogus"));
  }
  {
    g_auto(Run) run = { 0 };

    run_viewer (&run, "-d", sample, "--export-matrix", png, NULL);
    g_assert_cmpint (exit_code (&run), ==, 1);
    g_assert_nonnull (strstr (run.err, "-sc"));
  }
  {
    g_auto(Run) run = { 0 };

    run_viewer (&run, "-d", sample, "--export", bmp, NULL);
    g_assert_cmpint (exit_code (&run), ==, 1);
    g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    run_viewer (&run, "-d", missing, "--export", png, NULL);
    g_assert_cmpint (exit_code (&run), ==, 2);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
}

/* --no-cache leaves the store alone; without it the folder's store is made
 * and the chart drawn from it is the same, byte for byte. */
static void
test_no_cache (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = sample_dir ();
  g_autofree char *cache = g_build_filename (f->dir, "cache", NULL);
  g_autofree char *stores = g_build_filename (cache, "poolmonviz", NULL);
  g_autofree char *old_cache = g_strdup (g_getenv ("XDG_CACHE_HOME"));
  const char *names[] = { "plain.png", "made.png", "read.png" };
  char *pngs[3] = { NULL };
  char *bytes[3] = { NULL };
  gsize lengths[3] = { 0 };

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      g_auto(Run) run = { 0 };

      pngs[i] = g_build_filename (f->dir, names[i], NULL);
      run_viewer (&run, "-d", sample, "-t", "TotalDiff", "--export", pngs[i],
                  i == 0 ? "--no-cache" : NULL, NULL);
      g_assert_true (exited_ok (&run));
      g_assert_cmpint (g_file_test (stores, G_FILE_TEST_IS_DIR), ==, i > 0);
      bytes[i] = read_file (pngs[i], &lengths[i]);
    }
  g_assert_cmpmem (bytes[0], lengths[0], bytes[1], lengths[1]);
  g_assert_cmpmem (bytes[0], lengths[0], bytes[2], lengths[2]);

  for (guint i = 0; i < 3; i++)
    g_free (pngs[i]);
  for (guint i = 0; i < 3; i++)
    g_free (bytes[i]);
  remove_flat_dir (stores);
  g_rmdir (cache);
  if (old_cache != NULL)
    g_setenv ("XDG_CACHE_HOME", old_cache, TRUE);
  else
    g_unsetenv ("XDG_CACHE_HOME");
}

static guint
count_text (const char *haystack,
            const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A folder without the old options exports the first view: the leak
 * finder's trend line of QdrC dashed over its series, which the old
 * command line (same selection on the sample) does not draw. */
static void
test_first_view (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *sample = sample_dir ();
  g_autofree char *plain_path = g_build_filename (f->dir, "first.svg", NULL);
  g_autofree char *old_path = g_build_filename (f->dir, "old.svg", NULL);
  g_autofree char *plain = NULL;
  g_autofree char *old = NULL;
  g_auto(Run) run_plain = { 0 };
  g_auto(Run) run_old = { 0 };

  run_viewer (&run_plain, sample, "--export", plain_path, NULL);
  g_assert_true (exited_ok (&run_plain));
  run_viewer (&run_old, "-d", sample, "--export", old_path, NULL);
  g_assert_true (exited_ok (&run_old));
  /* The same ranking lines: the old rankings did not change. */
  g_assert_cmpstr (run_plain.out, ==, run_old.out);

  plain = read_file (plain_path, NULL);
  old = read_file (old_path, NULL);
  g_assert_cmpuint (count_text (plain, "stroke-dasharray"), ==,
                    count_text (old, "stroke-dasharray") + 1);
}

/* For running again with the same Run. */
static void
run_reset (Run *run)
{
  run_clear (run);
  memset (run, 0, sizeof *run);
}

/* The export dialog's options on the command line: a title line (what
 * was loaded, metric, times) unless --no-title, --size, --theme, TOTAL on
 * its own axis unless --no-total-axis; bad values are usage errors. */
static void
test_dialog_options (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sample = sample_dir ();
  g_autofree char *titled_path = g_build_filename (f->dir, "titled.svg", NULL);
  g_autofree char *plain_path = g_build_filename (f->dir, "plain.svg", NULL);
  g_autofree char *png = g_build_filename (f->dir, "dark.png", NULL);
  g_autofree char *titled = NULL;
  g_autofree char *plain = NULL;
  static const char *bad[][2] = {
    { "--size", "1600" }, { "--size", "x900" }, { "--size", "-1x5" }, { "--theme", "blue" },
  };
  g_autofree char *dark_path = g_build_filename (f->dir, "dark.svg", NULL);
  g_autofree char *dark = NULL;
  const char *background;
  g_auto(Run) run = { 0 };

  run_viewer (&run, sample, "--export", titled_path, "--size", "1000x600", NULL);
  g_assert_true (exited_ok (&run));
  assert_svg (titled_path, 1000, 600);
  titled = read_file (titled_path, NULL);
  g_assert_nonnull (strstr (titled, ">powershell · TotalUsedBytes · 2021-07-13 08:00 – "
                                    "2021-07-14 03:50 UTC</text>"));
  /* TOTAL has the right-hand axis: its title there beside its legend entry. */
  g_assert_cmpuint (count_text (titled, ">TOTAL</text>"), ==, 2);
  run_reset (&run);

  run_viewer (&run, sample, "--export", plain_path, "--no-title", "--no-total-axis", NULL);
  g_assert_true (exited_ok (&run));
  assert_svg (plain_path, 1600, 900);
  plain = read_file (plain_path, NULL);
  g_assert_null (strstr (plain, "powershell ·"));
  g_assert_cmpuint (count_text (plain, ">TOTAL</text>"), ==, 1);
  run_reset (&run);

  /* Dark: the background, the first thing drawn, is dark grey. */
  run_viewer (&run, sample, "--export", dark_path, "--theme", "dark", NULL);
  g_assert_true (exited_ok (&run));
  dark = read_file (dark_path, NULL);
  background = strstr (dark, "fill:rgb(");
  g_assert_nonnull (background);
  g_assert_cmpfloat (g_ascii_strtod (background + strlen ("fill:rgb("), NULL), <, 30);
  run_reset (&run);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      run_viewer (&run, sample, "--export", png, bad[i][0], bad[i][1], NULL);
      g_assert_cmpint (exit_code (&run), ==, 1);
      g_assert_nonnull (strstr (run.err, bad[i][0]));
      run_reset (&run);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/poolstats/viewer-export/no-cache", Fixture, NULL,
              fixture_set_up, test_no_cache, fixture_tear_down);
  g_test_add ("/poolstats/viewer-export/dialog-options", Fixture, NULL,
              fixture_set_up, test_dialog_options, fixture_tear_down);
  g_test_add ("/poolstats/viewer-export/formats", Fixture, NULL,
              fixture_set_up, test_formats, fixture_tear_down);
  g_test_add ("/poolstats/viewer-export/default-size", Fixture, NULL,
              fixture_set_up, test_default_size, fixture_tear_down);
  g_test_add ("/poolstats/viewer-export/matrix", Fixture, NULL,
              fixture_set_up, test_matrix, fixture_tear_down);
  g_test_add ("/poolstats/viewer-export/old-options", Fixture, NULL,
              fixture_set_up, test_old_options, fixture_tear_down);
  g_test_add ("/poolstats/viewer-export/errors", Fixture, NULL,
              fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/poolstats/viewer-export/first-view", Fixture, NULL,
              fixture_set_up, test_first_view, fixture_tear_down);

  return g_test_run ();
}
