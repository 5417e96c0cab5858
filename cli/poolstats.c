/* poolstats.c: the headless PoolmonViz, for scripts and CI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
  { "rank", ps_command_rank, "The old analyzer's four rankings and the tags it would plot" },
  { "corr", ps_command_corr, "Pearson correlation between tags, or with TOTAL" },
  { "tags", ps_command_tags, "Every tag's figures: peak, mean, first and last seen, increase" },
  { "leaks", ps_command_leaks, "Which tags leak: a verdict per tag with the evidence, ranked" },
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
           "Exit status: 0 data loaded, 1 usage error, 2 nothing could be loaded,\n"
           "3 'leaks --fail-on-leak' found a leak.\n");
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
      return commands[i].func (argc - 1, argv + 1);

  fprintf (stderr, "poolstats: unknown command '%s'\n\n", argv[1]);
  print_help (stderr);
  return PS_EXIT_USAGE;
}
