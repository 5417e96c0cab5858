/* test-cli-follow.c: poolstats leaks DIR --follow while a sampler writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pm-generate's `leaks` run (planted leaks among 200 tags, a snapshot every
 * two minutes) is fed into a folder faster than real time while poolstats
 * follows it: verdict lines must come as the evidence grows, the command
 * must end by itself (--for, --until) or on SIGINT, with the exit status of
 * the last state.
 */
#include <signal.h>

#include "test-follow-common.h"

static char *poolstats;

typedef struct
{
  char      *source;
  char      *folder;
  GPtrArray *names;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->source = g_dir_make_tmp ("pm-cli-follow-src-XXXXXX", NULL);
  fx->folder = g_dir_make_tmp ("pm-cli-follow-XXXXXX", NULL);
  follow_generate (fx->source, "--preset", "leaks", "--snapshots", "600", NULL);
  fx->names = follow_list (fx->source);
  g_assert_cmpuint (fx->names->len, ==, 600);
  for (guint i = 0; i < 40; i++)
    follow_drop_renamed (fx->source, fx->names->pdata[i], fx->folder);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  remove_flat_dir (fx->source);
  remove_flat_dir (fx->folder);
  g_free (fx->source);
  g_free (fx->folder);
  g_ptr_array_unref (fx->names);
}

typedef struct
{
  GPid     pid;
  int      out_fd;
  gint64   started;
} Child;

static void
child_start (Child       *child,
             const char  *folder,
             const char  *extra1,
             const char  *extra2,
             const char  *extra3)
{
  const char *argv[] = { poolstats, "leaks", folder, "--follow", "--poll", "100",
                         "--leak-interval", "100", "--no-cache", extra1, extra2, extra3, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &child->pid, NULL, &child->out_fd, NULL,
                                           &error));
  g_assert_no_error (error);
  child->started = g_get_monotonic_time ();
}

/* Waits for the child to end; its stdout, its exit status, the seconds it ran. */
static char *
child_finish (Child  *child,
              int    *status,
              double *seconds)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (child->out_fd);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_io_channel_set_close_on_unref (channel, TRUE);
  g_assert_cmpint (g_io_channel_read_to_end (channel, &out, NULL, &error), ==, G_IO_STATUS_NORMAL);
  g_assert_cmpint (waitpid (child->pid, &wait_status, 0), ==, child->pid);
  *seconds = (g_get_monotonic_time () - child->started) / 1e6;
  g_spawn_close_pid (child->pid);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
  return out;
}

/* Drops snapshots @first .. @last - 1, renamed into place, @msec apart,
 * the last three appended in place in two halves each. */
static void
feed (Fixture *fx,
      guint    first,
      guint    last,
      guint    msec)
{
  for (guint i = first; i < last; i++)
    {
      const char *name = fx->names->pdata[i];

      if (i + 3 >= last)
        {
          g_autofree char *from = g_build_filename (fx->source, name, NULL);
          g_autofree char *to = g_build_filename (fx->folder, name, NULL);
          g_autofree char *bytes = NULL;
          gsize len;

          g_assert_true (g_file_get_contents (from, &bytes, &len, NULL));
          follow_append (to, bytes, len / 2 + 1);
          g_usleep (150 * 1000);
          follow_append (to, bytes + len / 2 + 1, len - len / 2 - 1);
        }
      else
        follow_drop_renamed (fx->source, name, fx->folder);
      g_usleep (msec * 1000);
    }
}

static guint
count_lines (const char *out,
             const char *needle)
{
  guint n = 0;

  for (const char *p = out; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* --for: verdicts change as the evidence grows; every snapshot dropped is
 * judged by the end; exit 3 with --fail-on-leak. */
static void
test_for (Fixture       *fx,
          gconstpointer  data)
{
  Child child;
  g_autofree char *out = NULL;
  int status;
  double seconds;

  child_start (&child, fx->folder, "--fail-on-leak", "--for", "6s");
  /* Until poolstats has loaded the first 40, nothing else arrives. */
  g_usleep (500 * 1000);
  feed (fx, 40, 400, 2);
  out = child_finish (&child, &status, &seconds);
  g_test_message ("%s", out);

  g_assert_true (g_str_has_prefix (out, "Following "));
  g_assert_cmpuint (count_lines (out, " → "), >=, 3);
  g_assert_nonnull (strstr (out, " → leak"));
  g_assert_nonnull (strstr (out, "Stopped: 400 snapshots"));
  g_assert_cmpint (status, ==, 3);
  g_assert_cmpfloat (seconds, >=, 6.0);
  g_assert_cmpfloat (seconds, <, 30.0);
}

/* The same without the file monitor, as on a network mount, and with
 * --until: it ends at that time. */
static void
test_until_poll_only (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) end = g_date_time_add_seconds (now, 5);
  g_autofree char *until = g_date_time_format (end, "--until=%Y-%m-%dT%H:%M:%S");
  Child child;
  g_autofree char *out = NULL;
  int status;
  double seconds;

  child_start (&child, fx->folder, "--no-monitor", until, NULL);
  g_usleep (500 * 1000);
  feed (fx, 40, 200, 2);
  out = child_finish (&child, &status, &seconds);
  g_test_message ("%s", out);

  g_assert_nonnull (strstr (out, "Stopped: 200 snapshots"));
  g_assert_cmpuint (count_lines (out, " → "), >=, 1);
  g_assert_cmpint (status, ==, 0);                 /* no --fail-on-leak */
  g_assert_cmpfloat (seconds, >=, 3.0);
  g_assert_cmpfloat (seconds, <, 30.0);
}

/* Ctrl+C ends it, after judging what came. */
static void
test_interrupt (Fixture       *fx,
                gconstpointer  data)
{
  Child child;
  g_autofree char *out = NULL;
  int status;
  double seconds;

  child_start (&child, fx->folder, "--fail-on-leak", NULL, NULL);
  g_usleep (500 * 1000);
  feed (fx, 40, 300, 2);
  g_usleep (1500 * 1000);
  g_assert_cmpint (kill (child.pid, SIGINT), ==, 0);
  out = child_finish (&child, &status, &seconds);
  g_test_message ("%s", out);

  g_assert_nonnull (strstr (out, "Stopped: 300 snapshots"));
  g_assert_cmpint (status, ==, 3);
}

static void
test_usage (void)
{
  g_autofree char *folder = g_dir_make_tmp ("pm-cli-follow-XXXXXX", NULL);
  const char *argv1[] = { poolstats, "leaks", folder, "--for", "10s", NULL };
  const char *argv2[] = { poolstats, "leaks", folder, "--follow", "--for", "ten", NULL };
  const char *argv3[] = { poolstats, "leaks", folder, "--follow", "--format", "json", NULL };
  const char **cases[] = { argv1, argv2, argv3 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_spawn (&run, (char **) cases[i], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "poolstats leaks"));
    }
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  poolstats = cli_poolstats_path ();

  g_test_add ("/poolstats/cli-follow/for", Fixture, NULL, fixture_set_up, test_for,
              fixture_tear_down);
  g_test_add ("/poolstats/cli-follow/until-poll-only", Fixture, NULL, fixture_set_up,
              test_until_poll_only, fixture_tear_down);
  g_test_add ("/poolstats/cli-follow/interrupt", Fixture, NULL, fixture_set_up, test_interrupt,
              fixture_tear_down);
  g_test_add_func ("/poolstats/cli-follow/usage", test_usage);

  status = g_test_run ();
  g_free (poolstats);
  return status;
}
