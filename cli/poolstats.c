/* poolstats.c: the headless PoolmonViz, for scripts and CI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <locale.h>
#include <string.h>

#include "ps-common.h"

typedef struct
{
  const char    *name;
  PsCommandFunc  func;
  const char    *summary;
} PsCommand;

static const PsCommand commands[] = {
  { "info", ps_command_info, "What a folder of snapshots holds, and what was wrong with it" },
  { "compare", ps_command_compare, "Two runs tag by tag: which tags leak in B and not in A" },
  { "rank", ps_command_rank, "The old analyzer's four rankings and the tags it would plot" },
  { "corr", ps_command_corr, "Pearson correlation between tags, or with TOTAL" },
  { "tags", ps_command_tags, "Every tag's figures: peak, mean, first and last seen, increase" },
  { "leaks", ps_command_leaks, "Which tags leak: a verdict per tag with the evidence, ranked" },
  { "cache", ps_command_cache, "The stores of parsed folders in the user cache: list, clear" },
};

static void
print_help (FILE *stream)
{
  fprintf (stream,
           "Usage: poolstats COMMAND PATH... [OPTIONS]\n"
           "\n"
           "Analyses Windows pool-tag snapshots (folders of *.pool.csv files).\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf (stream,
           "\n"
           "'poolstats COMMAND --help' tells a command's options.\n"
           "Exit status: 0 data loaded, 1 usage error or output that could not be written,\n"
           "2 nothing could be loaded, 3 'leaks --fail-on-leak' found a leak, or\n"
           "'compare --fail-on-new-leak' a tag that leaks in B and not in A.\n");
}

/* Output that could not be written (a full disk, a closed pipe, /dev/full)
 * is a failure, not a success with the output lost: every write and the
 * final flush and close are checked here, where stdout ends. */
static int
finish_output (const char *command,
               int         status)
{
  int saved = 0;

  errno = 0;
  if (fflush (stdout) != 0)
    saved = errno;
  if (ferror (stdout) && saved == 0)
    saved = errno ? errno : EIO;
  if (fclose (stdout) != 0 && saved == 0)
    saved = errno;

  if (saved == 0)
    return status;
  fprintf (stderr, "poolstats %s: cannot write the output: %s\n", command, g_strerror (saved));
  return PS_EXIT_USAGE;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_help (stderr);
      return PS_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_help (stdout);
      return PS_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("poolstats %s\n", PM_VERSION);
      return PS_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return finish_output (commands[i].name, commands[i].func (argc - 1, argv + 1));

  fprintf (stderr, "poolstats: unknown command '%s'\n\n", argv[1]);
  print_help (stderr);
  return PS_EXIT_USAGE;
}
