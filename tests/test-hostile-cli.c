/* test-hostile-cli.c: both programs against what a hostile user gives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * poolstats and the headless poolmonviz, run under timeout(1) so that a
 * regression that hangs fails instead of blocking: FIFOs, bad paths beside
 * good ones, exports named like their input, stdout on /dev/full, file
 * names that are not UTF-8 or hold a newline, contradictory options.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "test-common.h"

#ifdef G_OS_UNIX
# include <sys/stat.h>
# include <unistd.h>
#endif

/* Runs @command (a shell line; POOLSTATS and POOLMONVIZ are set) bounded
 * to 30 s: exit 124 means it hung. */
static void
run_sh (Run        *run,
        const char *command)
{
  g_autofree char *quoted = g_shell_quote (command);
  g_autofree char *line = g_strdup_printf ("timeout 30 /bin/sh -c %s", quoted);
  const char *argv[] = { "/bin/sh", "-c", line, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_test_message ("$ %s", command);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  run->status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
  {
    /* The messages name files whose names are not UTF-8 on purpose; the
     * test's log must stay valid TAP. */
    g_autofree char *out = g_utf8_make_valid (run->out, -1);
    g_autofree char *err = g_utf8_make_valid (run->err, -1);

    g_test_message ("exit %d\n%s%s", run->status, out, err);
  }
  g_assert_cmpint (run->status, !=, 124);
}

/* @template with every "@" replaced by @folder. */
static char *
subst (const char *template,
       const char *folder)
{
  GString *out = g_string_new (template);

  g_string_replace (out, "@", folder, 0);
  return g_string_free (out, FALSE);
}

static char *
sample_folder (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "loader", "basic-utf8-bom.csv", NULL);
}

/* A folder holding one good snapshot file, ok.csv. */
static char *
make_folder (void)
{
  g_autofree char *good = sample_folder ();
  g_autofree char *contents = NULL;
  char *dir = g_dir_make_tmp ("pm-hostile-XXXXXX", NULL);
  g_autofree char *ok = g_build_filename (dir, "ok.csv", NULL);
  gsize len;

  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (ok, contents, len, NULL));
  return dir;
}

static gboolean
have_viewer (void)
{
  if (g_getenv ("POOLMONVIZ") != NULL)
    return TRUE;
  g_test_message ("the viewer is not built: its cases are left out");
  return FALSE;
}

/* Item 2: --tagfile naming a FIFO. */
static void
test_tagfile_fifo (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = make_folder ();
  g_autofree char *fifo = g_build_filename (dir, "tags.fifo", NULL);
  g_autofree char *q = NULL, *cmd = NULL;
  g_auto(Run) run = { 0 };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  q = g_shell_quote (dir);
  cmd = g_strdup_printf ("\"$POOLSTATS\" info %s --tagfile %s/tags.fifo", q, q);
  run_sh (&run, cmd);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "not a regular file"));
  remove_flat_dir (dir);
#else
  g_test_skip ("no FIFOs");
#endif
}

/* Item 3: a missing path beside a good one, in both programs. */
static void
test_bad_path_beside_good (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *q = g_shell_quote (dir);
  g_autofree char *cmd = g_strdup_printf ("\"$POOLSTATS\" info /nonexistent/run %s", q);
  g_auto(Run) run = { 0 };

  run_sh (&run, cmd);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "/nonexistent/run: cannot be read"));

  if (have_viewer ())
    {
      g_auto(Run) viewer = { 0 };
      g_autofree char *cmd2 = g_strdup_printf ("\"$POOLMONVIZ\" -d /nonexistent/run -d %s "
                                               "-t TotalUsedBytes --export %s/chart.png", q, q);

      run_sh (&viewer, cmd2);
      g_assert_cmpint (viewer.status, ==, 0);
      /* Item 10: the problems themselves, as poolstats info prints them. */
      g_assert_nonnull (strstr (viewer.err, "/nonexistent/run: cannot be read"));
      g_assert_nonnull (strstr (viewer.out, "tags with HIGHEST USAGE    (PEAK)  : ["));
    }
  remove_flat_dir (dir);
}

/* Item 4: an export named like an input is refused, the input untouched;
 * a failed export says why and leaves nothing behind. */
static void
test_export_over_input (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *q = g_shell_quote (dir);
  g_autofree char *ok = g_build_filename (dir, "ok.csv", NULL);
  g_autofree char *before = NULL, *after = NULL;
  gsize len;

  if (!have_viewer ())
    {
      g_test_skip ("the viewer is not built");
      remove_flat_dir (dir);
      return;
    }
  g_assert_true (g_file_get_contents (ok, &before, &len, NULL));

  {
    g_auto(Run) run = { 0 };
    g_autofree char *cmd = g_strdup_printf ("cd %s && \"$POOLMONVIZ\" -d . -t TotalUsedBytes -sc "
                                            "--export-matrix ok.csv", q);

    run_sh (&run, cmd);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "one of the files loaded"));
    g_assert_true (g_file_get_contents (ok, &after, &len, NULL));
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *cmd = g_strdup_printf ("\"$POOLMONVIZ\" -d %s -t TotalUsedBytes "
                                            "--export %s/%s", q, q, "ok.csv/../ok.csv.png");

    /* Through a path that is not a folder: the system's reason. */
    run_sh (&run, cmd);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Could not write"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *cmd = g_strdup_printf ("\"$POOLMONVIZ\" -d %s -t TotalUsedBytes "
                                            "--export /nonexistent/folder/x.png", q);

    run_sh (&run, cmd);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no such folder"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *sub = g_build_filename (dir, "x.png", NULL);
    g_autofree char *cmd = g_strdup_printf ("\"$POOLMONVIZ\" -d %s/ok.csv -t TotalUsedBytes "
                                            "--export %s/x.png", q, q);

    g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
    run_sh (&run, cmd);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "it is a folder"));
    g_rmdir (sub);
  }
  {
    /* Nothing half-written is left: only ok.csv and the chart of case 2 at most. */
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_true (name[0] != '.');
  }
  remove_flat_dir (dir);
}

/* Item 7: stdout on /dev/full fails with the reason. */
static void
test_write_errors (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = make_folder ();
  g_autofree char *q = g_shell_quote (dir);
  static const char * const commands[] = {
    "\"$POOLSTATS\" info @", "\"$POOLSTATS\" tags @ -t TotalUsedBytes",
    "\"$POOLSTATS\" corr @ -t TotalUsedBytes --all", "\"$POOLSTATS\" rank @ -t TotalUsedBytes",
    "\"$POOLSTATS\" corr @ -t TotalUsedBytes --all --format json",
  };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *cmd = subst (commands[i], q);
      g_autofree char *full = g_strconcat (cmd, " > /dev/full", NULL);

      run_sh (&run, full);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "No space left on device"));
    }
  if (have_viewer ())
    {
      g_auto(Run) run = { 0 };
      g_autofree char *cmd = g_strdup_printf ("\"$POOLMONVIZ\" -d %s -t TotalUsedBytes "
                                              "--export %s/c.svg > /dev/full", q, q);

      run_sh (&run, cmd);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "No space left on device"));
    }
  if (have_viewer ())
    {
      static const struct { const char *option; const char *ext; } exports[] = {
        { "--export", "svg" }, { "--export", "png" }, { "-sc --export-matrix", "csv" },
      };

      /* Exports to a device (through a link named like the format): written
       * to it, not renamed over it (which would replace /dev/full itself),
       * and its error told. */
      for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
        {
          g_auto(Run) run = { 0 };
          g_autofree char *name = g_strdup_printf ("full.%s", exports[i].ext);
          g_autofree char *link = g_build_filename (dir, name, NULL);
          g_autofree char *cmd = g_strdup_printf ("\"$POOLMONVIZ\" -d %s/ok.csv -t TotalUsedBytes "
                                                  "%s %s/%s", q, exports[i].option, q, name);
          GStatBuf st;

          g_assert_cmpint (symlink ("/dev/full", link), ==, 0);
          run_sh (&run, cmd);
          g_assert_cmpint (run.status, ==, 1);
          g_assert_nonnull (strstr (run.err, "No space left on device"));
          g_assert_cmpint (g_stat ("/dev/full", &st), ==, 0);
          g_assert_true (S_ISCHR (st.st_mode));
          g_unlink (link);
        }
    }
  remove_flat_dir (dir);
#else
  g_test_skip ("no /dev/full");
#endif
}

/* Item 9: a file name that is not UTF-8 keeps the JSON valid; one with a
 * newline keeps each problem on one line. */
static void
test_odd_file_names (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = g_dir_make_tmp ("pm-hostile-XXXXXX", NULL);
  g_autofree char *latin1 = g_build_filename (dir, "caf\xe9.csv", NULL);
  g_autofree char *newline = g_build_filename (dir, "two\nlines.csv", NULL);
  g_autofree char *good = sample_folder ();
  g_autofree char *contents = NULL;
  g_autofree char *q = g_shell_quote (dir);
  g_autofree char *cmd = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) text = { 0 };
  gsize len;

  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  /* Both files cut short, so that each has a problem naming it. */
  g_assert_true (g_file_set_contents (latin1, contents, len - 5, NULL));
  g_assert_true (g_file_set_contents (newline, contents, len - 5, NULL));

  cmd = g_strdup_printf ("\"$POOLSTATS\" info %s --format json", q);
  run_sh (&run, cmd);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (run.out, "\"file_bytes\""));

  g_free (cmd);
  cmd = g_strdup_printf ("\"$POOLSTATS\" info %s", q);
  run_sh (&text, cmd);
  g_assert_nonnull (strstr (text.err, "two\\nlines.csv:"));
  g_assert_null (strstr (text.err, "two\nlines"));

  g_unlink (latin1);
  g_unlink (newline);
  g_rmdir (dir);
#else
  g_test_skip ("POSIX file names");
#endif
}

/* Item 10: --from after --to and --tags naming no tag are usage errors. */
static void
test_usage_errors (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *q = g_shell_quote (dir);
  static const char * const commands[] = {
    "\"$POOLSTATS\" tags @ -t TotalUsedBytes --from 2021-07-14T00:00:00 --to 2021-07-13T00:00:00",
    "\"$POOLSTATS\" corr @ -t TotalUsedBytes --tags ,,,,",
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *cmd = subst (commands[i], q);

      run_sh (&run, cmd);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
    }
  remove_flat_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/hostile-cli/tagfile-fifo", test_tagfile_fifo);
  g_test_add_func ("/poolstats/hostile-cli/bad-path-beside-good", test_bad_path_beside_good);
  g_test_add_func ("/poolstats/hostile-cli/export-over-input", test_export_over_input);
  g_test_add_func ("/poolstats/hostile-cli/write-errors", test_write_errors);
  g_test_add_func ("/poolstats/hostile-cli/odd-file-names", test_odd_file_names);
  g_test_add_func ("/poolstats/hostile-cli/usage-errors", test_usage_errors);

  return g_test_run ();
}
