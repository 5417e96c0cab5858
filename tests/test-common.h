/* test-common.h: helpers the GTest programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#ifndef G_OS_WIN32
#include <sys/wait.h>
#endif

/* What a program run by a test did: its exit (as the test defines it),
 * stdout and stderr. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Removes a test's temporary folder with the files in it (no subfolders). */
static inline void
remove_flat_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Runs @argv (with @envp, or the test's environment when %NULL) and keeps
 * its stdout, stderr and exit in @run: the exit status, portably, as GLib
 * reports it (the code of an error), or -1 when it did not exit. */
static inline void
run_spawn (Run         *run,
           char       **argv,
           char       **envp)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (g_error_matches (error, G_SPAWN_EXIT_ERROR, error->code))
    run->status = error->code;
  else
    run->status = -1;
}

/* Runs $POOLSTATS with the arguments @first and then @args up to a %NULL,
 * into @run (see run_spawn()). */
static inline void
run_poolstats_valist (Run        *run,
                      const char *first,
                      va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("POOLSTATS"));
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  run_spawn (run, (char **) argv->pdata, NULL);
}

/* The argument vector of @program and @args, '|' between arguments, where
 * each mark of @subst (mark, text, ..., %NULL) is replaced by its text, in
 * that order. */
static inline char **
cli_argv (const char        *program,
          const char        *args,
          const char * const *subst)
{
  g_auto(GStrv) parts = g_strsplit (args, "|", -1);
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, g_strdup (program));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GString) arg = g_string_new (parts[i]);

      for (guint s = 0; subst[s] != NULL; s += 2)
        g_string_replace (arg, subst[s], subst[s + 1], 0);
      g_ptr_array_add (argv, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  g_ptr_array_add (argv, NULL);

  return (char **) g_ptr_array_free (argv, FALSE);
}

#ifndef G_OS_WIN32
/* Runs cli_argv(@program, @args, @subst) in the C locale, so decimal points
 * and messages are the same everywhere; asserts it exited with
 * @expected_status. Returns its stdout; @err gets its stderr. */
static inline char *
run_cli (const char         *program,
         const char         *args,
         const char * const *subst,
         int                 expected_status,
         char              **err)
{
  g_auto(GStrv) argv = cli_argv (program, args, subst);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, argv, (char **) (const char *[]) { "LC_ALL=C", NULL },
                               G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s\nstderr: %s", args, *err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected_status);

  return out;
}
#endif

/* Compares @out byte for byte with the golden file tests/data/cli/@name;
 * with PM_UPDATE_GOLDEN set, writes @out there instead. */
static inline void
check_golden_cli (const char *name,
                  const char *out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("PM_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, out, -1, &error));
      g_test_message ("wrote %s", path);
      return;
    }

  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected);
}

/* Runs @argv (pm-generate, say) and asserts it ran and succeeded. */
static inline void
spawn_ok (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* A GCompareFunc for the pointer array sort of strings. */
static inline int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* A case of a CLI test: run @args (see cli_argv(); the test says what its
 * marks stand for), expect @status and, if @name is not %NULL, stdout as
 * the golden file tests/data/cli/@name. */
typedef struct
{
  const char *name;
  const char *args;
  int         status;
} CliCase;

/* Adds @func for each of @cases as PREFIX/NAME, or PREFIX/exit-I for a case
 * without a golden file. */
static inline void
add_cli_cases (const char    *prefix,
               const CliCase *cases,
               guint          n_cases,
               GTestDataFunc  func)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s", prefix, cases[i].name ? cases[i].name : "");
      g_autofree char *unique = cases[i].name ? g_strdup (path) : g_strdup_printf ("%sexit-%u", path, i);

      g_test_add_data_func (unique, &cases[i], func);
    }
}

/* The poolstats program under test: $POOLSTATS, else the one built. */
static inline char *
cli_poolstats_path (void)
{
  char *path = g_strdup (g_getenv ("POOLSTATS"));

  if (path == NULL)
    path = g_test_build_filename (G_TEST_BUILT, "..", "cli", "poolstats", NULL);
  return path;
}
