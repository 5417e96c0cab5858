/* test-cli-info.c: poolstats info, run as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "test-common.h"

static void
run_poolstats (Run        *run,
               const char *first,
               ...)
{
  va_list args;

  va_start (args, first);
  run_poolstats_valist (run, first, args);
  va_end (args);
}

static char *
sample (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "powershell", NULL);
}

static void
test_json (void)
{
  g_autofree char *dir = sample ();
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *metrics;

  run_poolstats (&run, "info", dir, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "files"), ==, 120);
  g_assert_cmpint (json_object_get_int_member (root, "snapshots"), ==, 120);
  g_assert_cmpint (json_object_get_int_member (root, "tags"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (root, "median_interval_seconds"), ==, 600);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "problems")), ==, 0);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "reboots")), ==, 0);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "gaps")), ==, 0);
  metrics = json_object_get_array_member (root, "metrics");
  g_assert_cmpint (json_array_get_length (metrics), ==, 6);
  g_assert_cmpstr (json_array_get_string_element (metrics, 0), ==, "TotalUsedBytes");
  g_assert_nonnull (json_object_get_string_member (root, "first_utc"));
  g_assert_cmpint (strlen (json_object_get_string_member (root, "last_local")), ==, 19);
}

static void
test_text_and_problems (void)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "loader", "basic-utf16le.csv", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "loader", "numbers.csv", NULL);
  g_auto(Run) run = { 0 };

  run_poolstats (&run, "info", good, bad, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Snapshots:  3"));
  g_assert_nonnull (strstr (run.out, "Problems:   4"));
  /* Problems go to stderr as FILE:LINE: message. */
  g_assert_nonnull (strstr (run.err, "numbers.csv:3: a value that is not a whole number"));
  g_assert_null (strstr (run.out, "numbers.csv:3"));
}

/* Snapshots a minute apart with one eight-minute hole: the hole is named. */
static void
test_gaps (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pm-cli-info-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "gap.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("DateTimeUTC,Tag,PagedUsedBytes\n");
  static const guint minutes[] = { 0, 1, 2, 10, 11, 12 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *gaps;
  JsonObject *gap;

  for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
    g_string_append_printf (csv, "2021-07-13T10:%02u:00,Mm  ,%u\n", minutes[i], 100 + i);
  g_assert_true (g_file_set_contents (file, csv->str, csv->len, NULL));

  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "info", file, "--format", "json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    gaps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "gaps");
    g_assert_cmpuint (json_array_get_length (gaps), ==, 1);
    gap = json_array_get_object_element (gaps, 0);
    g_assert_cmpstr (json_object_get_string_member (gap, "from_utc"), ==, "2021-07-13T10:02:00");
    g_assert_cmpstr (json_object_get_string_member (gap, "to_utc"), ==, "2021-07-13T10:10:00");
    g_assert_cmpint (json_object_get_int_member (gap, "seconds"), ==, 480);
  }
  {
    g_auto(Run) run = { 0 };

    run_poolstats (&run, "info", file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Interval:   1 min (median)"));
    g_assert_nonnull (strstr (run.out, "Gaps:       1 longer than three median intervals; "
                                       "the longest 8 min, 2021-07-13T10:02:00 to "
                                       "2021-07-13T10:10:00 UTC"));
  }

  g_unlink (file);
  g_rmdir (dir);
}

static void
test_exit_codes (void)
{
  g_autofree char *empty = g_test_build_filename (G_TEST_DIST, "data", "loader", "empty.csv", NULL);
  g_autofree char *dir = sample ();

  {
    g_auto(Run) run = { 0 };
    run_poolstats (&run, "info", empty, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "empty.csv: the file is empty"));
  }
  {
    g_auto(Run) run = { 0 };
    run_poolstats (&run, "info", "/nonexistent", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "/nonexistent"));
  }
  {
    g_auto(Run) run = { 0 };
    run_poolstats (&run, "info", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };
    run_poolstats (&run, "info", dir, "--format", "yaml", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "yaml"));
  }
  {
    g_auto(Run) run = { 0 };
    run_poolstats (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };
    run_poolstats (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "info"));
  }
}

/* Copies the loader fixture NAME into DIR. */
static void
copy_fixture (const char *name,
              const char *dir)
{
  g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "loader", name, NULL);
  g_autofree char *to = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

/* The store: info reports the same (problems included) without it, when it
 * is made and when it is read, and from two runs at once; --no-cache leaves
 * no store; cache list and clear see and free it. */
static void
test_store (void)
{
  const char *fixtures[] = { "basic-utf16le.csv", "numbers.csv", "truncated.csv",
                             "duplicate-tag.csv", "dup-snapshot-a.csv", "dup-snapshot-b.csv",
                             "wrap.csv", "reboot.csv" };
  g_autofree char *cache = g_dir_make_tmp ("pm-cli-cache-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp ("pm-cli-store-XXXXXX", NULL);
  g_autofree char *real = NULL;
  g_auto(Run) plain = { 0 };
  g_auto(Run) made = { 0 };
  g_auto(Run) read = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) clear = { 0 };
  g_auto(Run) none = { 0 };
  g_autofree char *old_cache = g_strdup (g_getenv ("XDG_CACHE_HOME"));

  g_assert_nonnull (cache);
  g_assert_nonnull (dir);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    copy_fixture (fixtures[i], dir);
  {
    char *r = realpath (dir, NULL);
    real = g_strdup (r);
    free (r);
  }

  run_poolstats (&plain, "info", dir, "--no-cache", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_nonnull (strstr (plain.err, "numbers.csv:3: a value that is not a whole number"));
  run_poolstats (&none, "cache", "list", "--format", "json", NULL);
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpstr (g_strstrip (none.out), ==, "[]");

  run_poolstats (&made, "info", dir, NULL);
  run_poolstats (&read, "info", dir, NULL);
  g_assert_cmpstr (made.out, ==, plain.out);
  g_assert_cmpstr (made.err, ==, plain.err);
  g_assert_cmpstr (read.out, ==, plain.out);
  g_assert_cmpstr (read.err, ==, plain.err);

  run_poolstats (&list, "cache", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, real));
  g_assert_nonnull (strstr (list.out, "8 files"));

  /* Two at once, after the store is gone: both as without it. */
  {
    g_autofree char *script = g_strdup_printf (
      "rm -f '%s'/poolmonviz/*.store*; '%s' info '%s' > '%s/a.out' 2> '%s/a.err' & "
      "'%s' info '%s' > '%s/b.out' 2> '%s/b.err' & wait",
      cache, g_getenv ("POOLSTATS"), dir, cache, cache, g_getenv ("POOLSTATS"), dir, cache, cache);
    const char *argv[] = { "/bin/sh", "-c", script, NULL };
    int status = 1;

    for (guint round = 0; round < 3; round++)
      {
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     NULL, NULL, &status, NULL));
        for (const char *c = "ab"; *c; c++)
          {
            g_autofree char *out_path = g_strdup_printf ("%s/%c.out", cache, *c);
            g_autofree char *err_path = g_strdup_printf ("%s/%c.err", cache, *c);
            g_autofree char *out = NULL;
            g_autofree char *err = NULL;

            g_assert_true (g_file_get_contents (out_path, &out, NULL, NULL));
            g_assert_true (g_file_get_contents (err_path, &err, NULL, NULL));
            g_assert_cmpstr (out, ==, plain.out);
            g_assert_cmpstr (err, ==, plain.err);
            g_unlink (out_path);
            g_unlink (err_path);
          }
      }
  }

  /* The folder gone (renamed away): listed as such, cleared by its old name. */
  {
    g_autofree char *moved = g_strconcat (dir, ".moved", NULL);
    g_auto(Run) made_again = { 0 };
    g_auto(Run) gone = { 0 };

    run_poolstats (&made_again, "info", dir, NULL);
    g_assert_cmpint (g_rename (dir, moved), ==, 0);
    run_poolstats (&gone, "cache", "list", NULL);
    g_assert_nonnull (strstr (gone.out, "(folder gone)"));
    run_poolstats (&clear, "cache", "clear", dir, NULL);
    g_assert_cmpint (g_rename (moved, dir), ==, 0);
  }
  g_assert_cmpint (clear.status, ==, 0);
  g_assert_nonnull (strstr (clear.out, "removed 1 store"));
  {
    g_auto(Run) after = { 0 };

    run_poolstats (&after, "cache", "list", "--format", "json", NULL);
    g_assert_cmpstr (g_strstrip (after.out), ==, "[]");
  }

  /* clear --gone: the store of a folder renamed away, not the one of a
   * folder still there; it takes no folder and goes only with clear. */
  {
    g_autofree char *other = g_strconcat (dir, "-other", NULL);
    g_autofree char *other_moved = g_strconcat (dir, "-other.moved", NULL);
    g_autofree char *moved_file = g_build_filename (other_moved, "wrap.csv", NULL);
    g_auto(Run) made_here = { 0 };
    g_auto(Run) made_there = { 0 };
    g_auto(Run) cleared = { 0 };
    g_auto(Run) listed = { 0 };
    g_auto(Run) misused = { 0 };
    g_auto(Run) with_folder = { 0 };
    g_auto(Run) cleared_again = { 0 };

    g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
    copy_fixture ("wrap.csv", other);
    run_poolstats (&made_here, "info", dir, NULL);
    run_poolstats (&made_there, "info", other, NULL);
    g_assert_cmpint (g_rename (other, other_moved), ==, 0);
    run_poolstats (&cleared, "cache", "clear", "--gone", NULL);
    g_assert_cmpint (cleared.status, ==, 0);
    g_assert_nonnull (strstr (cleared.out, "removed 1 store,"));
    run_poolstats (&listed, "cache", "list", NULL);
    g_assert_nonnull (strstr (listed.out, real));
    g_assert_nonnull (strstr (listed.out, "used "));
    g_assert_null (strstr (listed.out, "-other"));
    run_poolstats (&misused, "cache", "list", "--gone", NULL);
    g_assert_cmpint (misused.status, ==, 1);
    run_poolstats (&with_folder, "cache", "clear", "--gone", dir, NULL);
    g_assert_cmpint (with_folder.status, ==, 1);
    g_unlink (moved_file);
    g_rmdir (other_moved);
    run_poolstats (&cleared_again, "cache", "clear", dir, NULL);
    g_assert_nonnull (strstr (cleared_again.out, "removed 1 store,"));
  }

  /* Nothing was written into the folder. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, G_N_ELEMENTS (fixtures));
  }

  if (old_cache != NULL)
    g_setenv ("XDG_CACHE_HOME", old_cache, TRUE);
  else
    g_unsetenv ("XDG_CACHE_HOME");
  {
    g_autofree char *store_dir = g_build_filename (cache, "poolmonviz", NULL);

    g_rmdir (store_dir);
  }
  g_rmdir (cache);
  remove_flat_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/cli-info/json", test_json);
  g_test_add_func ("/poolstats/cli-info/text-and-problems", test_text_and_problems);
  g_test_add_func ("/poolstats/cli-info/gaps", test_gaps);
  g_test_add_func ("/poolstats/cli-info/exit-codes", test_exit_codes);
  g_test_add_func ("/poolstats/cli-info/store", test_store);

  return g_test_run ();
}
