/* test-query.c: the old analyzer's command line, every option, short and long
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "poolstats.h"

/* One command line, written as a shell would split it ('|' between
 * arguments, so that tags with spaces can be written), what the query
 * holds after it (as pm_query_to_string() writes it) and what is left
 * of argv. */
typedef struct
{
  const char *args;
  const char *query;
  const char *rest;
} Case;

static const Case good_cases[] = {
  /* Every option, short and long, and the --opt=value form. */
  { "-d|/data/x", "-d /data/x", "" },
  { "--directory|/data/x", "-d /data/x", "" },
  { "--directory=/data/x", "-d /data/x", "" },
  { "-d|a|-d|b", "-d a -d b", "" },
  { "-t|PagedDiff", "-t PagedDiff", "" },
  { "--type|NonPagedDiff", "-t NonPagedDiff", "" },
  { "--type=TotalDiff", "-t TotalDiff", "" },
  { "-t|PagedDiff|-t|TotalUsedBytes", "-t TotalUsedBytes", "" },
  { "-t|PagedUsedBytes", "-t PagedUsedBytes", "" },
  { "-t|NonPagedUsedBytes", "-t NonPagedUsedBytes", "" },
  { "-ts|DateTime", "-ts DateTime", "" },
  { "--time-stamp|DateTime", "-ts DateTime", "" },
  { "--time-stamp=DateTimeUTC", "", "" },
  { "-it|mfel", "-it mfel", "" },
  { "-it|mfel|FxL2", "-it mfel FxL2", "" },
  { "--include-tags|mfel|FxL2|Mm  ", "-it mfel FxL2 'Mm  '", "" },
  { "--include-tags=mfel|FxL2", "-it mfel", "FxL2" },
  { "-it|a|-it|b", "-it a b", "" },
  { "-et|MmSt", "-et MmSt", "" },
  { "--exclude-tags|MmSt|Io  ", "-et MmSt 'Io  '", "" },
  { "--exclude-tags=MmSt", "-et MmSt", "" },
  { "-nmc|2", "-nmc 2", "" },
  { "--n-most-changed-tags|7", "-nmc 7", "" },
  { "--n-most-changed-tags=0", "-nmc 0", "" },
  { "-nmca|3", "-nmca 3", "" },
  { "--n-most-changed-tags-absolute|9", "-nmca 9", "" },
  { "-nh|2", "-nh 2", "" },
  { "--n-highest-usage-tags|11", "-nh 11", "" },
  { "-nha|4", "-nha 4", "" },
  { "--n-highest-average-usage-tags=12", "-nha 12", "" },
  { "-nh|5", "", "" },
  { "-sc", "-sc", "" },
  { "--show-correlation", "-sc", "" },
  { "-sce", "-sce", "" },
  { "--show-correlation-extended", "-sce", "" },
  /* The README's example. */
  { "-d|.|-t|TotalUsedBytes|-et|MmSt|-it|mfel|FxL2|-nmc|2|-nh|2",
    "-d . -t TotalUsedBytes -it mfel FxL2 -et MmSt -nh 2 -nmc 2", "" },
  /* What is not ours is left, in order, for the caller. */
  { "-t|PagedDiff|--export|out.png|-sc", "-t PagedDiff -sc", "--export|out.png" },
  { "-it|a|b|--export|out.png", "-it a b", "--export|out.png" },
  { "somedir|-t|TotalDiff|--format|json", "-t TotalDiff", "somedir|--format|json" },
  { "-it|a|--|-t|PagedDiff", "-it a", "--|-t|PagedDiff" },
  { "--typo|x|-v", "", "--typo|x|-v" },
  /* A tag that looks like a negative number is a value, as in argparse. */
  { "-it|-1", "-it -1", "" },
  { "", "", "" },
};

static const char * const bad_cases[] = {
  "-t",
  "-t|Bytes",
  "--type=",
  "-ts|Local",
  "-it",
  "-it|--export|x",
  "-et",
  "-nmc|x",
  "-nmca|-1",
  "-nh|2.5",
  "-nha",
  "-nh|99999999999",
  "-sc=1",
  "--show-correlation-extended=yes",
  "-d",
  "-d|--",
};

/* The parse takes arguments out of argv without freeing them (argv is
 * usually main()'s): the strings live here until the program ends. */
static GStringChunk *strings;

/* Returns a new argv (free the array alone with g_free()). */
static char **
split_args (const char *args,
            int        *argc)
{
  g_auto(GStrv) parts = args[0] ? g_strsplit (args, "|", -1) : g_new0 (char *, 1);
  guint n = g_strv_length (parts);
  char **argv = g_new0 (char *, n + 2);

  argv[0] = g_string_chunk_insert (strings, "prog");
  for (guint i = 0; i < n; i++)
    argv[i + 1] = g_string_chunk_insert (strings, parts[i]);
  *argc = n + 1;
  return argv;
}

static void
test_good (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      const Case *c = &good_cases[i];
      g_autoptr(PmQuery) query = pm_query_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      g_autofree char *rest = NULL;
      char **argv;
      int argc;

      g_test_message ("args: %s", c->args);
      argv = split_args (c->args, &argc);
      g_assert_true (pm_query_parse_args (query, &argc, &argv, &error));
      g_assert_no_error (error);

      got = pm_query_to_string (query);
      g_assert_cmpstr (got, ==, c->query);
      g_assert_cmpstr (argv[0], ==, "prog");
      g_assert_null (argv[argc]);
      rest = g_strjoinv ("|", argv + 1);
      g_assert_cmpstr (rest, ==, c->rest);

      g_free (argv);
    }
}

static void
test_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(PmQuery) query = pm_query_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char **argv = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      int argc;

      g_test_message ("args: %s", bad_cases[i]);
      argv = split_args (bad_cases[i], &argc);
      before = g_strjoinv ("|", argv);
      g_assert_false (pm_query_parse_args (query, &argc, &argv, &error));
      g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
      g_assert_nonnull (strchr (error->message, '-'));

      /* argv is untouched on failure. */
      after = g_strjoinv ("|", argv);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_defaults (void)
{
  g_autoptr(PmQuery) query = pm_query_new ();
  PmRankOptions options;

  g_assert_false (query->have_metric);
  g_assert_cmpint (query->time_base, ==, PM_TIME_BASE_UTC);
  g_assert_cmpuint (query->directories->len, ==, 0);
  g_assert_cmpuint (query->include_tags->len, ==, 0);
  g_assert_cmpuint (query->exclude_tags->len, ==, 0);
  g_assert_false (query->show_correlation);
  g_assert_false (query->show_correlation_extended);

  pm_query_get_rank_options (query, &options);
  for (guint r = 0; r < PM_N_RANKINGS; r++)
    {
      g_assert_cmpuint (query->n[r], ==, 5);
      g_assert_cmpuint (options.n[r], ==, 5);
    }
  g_assert_null (options.include[0]);
  g_assert_null (options.exclude[0]);
}

static void
test_fields (void)
{
  g_autoptr(PmQuery) query = pm_query_new ();
  g_autofree char **argv = NULL;
  int argc;
  PmRankOptions options;

  argv = split_args ("-d|d1|-t|NonPagedDiff|-ts|DateTime|-it|Mm  |Io  |-et|x|"
                     "-nh|1|-nha|2|-nmc|3|-nmca|4|-sc|-sce|-d|d2", &argc);
  g_assert_true (pm_query_parse_args (query, &argc, &argv, NULL));
  g_assert_cmpint (argc, ==, 1);

  g_assert_cmpstr (((char **) query->directories->pdata)[0], ==, "d1");
  g_assert_cmpstr (((char **) query->directories->pdata)[1], ==, "d2");
  g_assert_null (query->directories->pdata[2]);
  g_assert_true (query->have_metric);
  g_assert_cmpint (query->metric, ==, PM_METRIC_NON_PAGED_DIFF);
  g_assert_cmpint (query->time_base, ==, PM_TIME_BASE_LOCAL);
  g_assert_cmpuint (query->n[PM_RANKING_HIGHEST_PEAK], ==, 1);
  g_assert_cmpuint (query->n[PM_RANKING_HIGHEST_AVERAGE], ==, 2);
  g_assert_cmpuint (query->n[PM_RANKING_BIGGEST_INCREASE_PCT], ==, 3);
  g_assert_cmpuint (query->n[PM_RANKING_BIGGEST_INCREASE_ABS], ==, 4);
  g_assert_true (query->show_correlation);
  g_assert_true (query->show_correlation_extended);

  pm_query_get_rank_options (query, &options);
  g_assert_cmpstr (options.include[0], ==, "Mm  ");
  g_assert_cmpstr (options.include[1], ==, "Io  ");
  g_assert_null (options.include[2]);
  g_assert_cmpstr (options.exclude[0], ==, "x");
  g_assert_null (options.exclude[1]);
  g_assert_cmpuint (options.n[PM_RANKING_BIGGEST_INCREASE_ABS], ==, 4);
}

/* pm_query_to_string() output parses back to the same query. */
static void
test_round_trip (void)
{
  g_autoptr(PmQuery) query = pm_query_new ();
  g_autoptr(PmQuery) again = pm_query_new ();
  g_autofree char **argv = NULL;
  char **argv2 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *line = NULL;
  int argc;

  /* Values that read as options ("-x", "--") are written so that they
   * parse back as values (found by tests/fuzz-options.c). */
  argv = split_args ("-d|my dir|-t|TotalDiff|-it|it's|Mm  |--include-tags=-x|-it|b|"
                     "--exclude-tags=--|--directory=-d|-nmca|0|-sce", &argc);
  g_assert_true (pm_query_parse_args (query, &argc, &argv, NULL));
  text = pm_query_to_string (query);

  line = g_strconcat ("prog ", text, NULL);
  g_assert_true (g_shell_parse_argv (line, &argc, &argv2, NULL));
  for (int i = 0; i < argc; i++)
    {
      char *arg = argv2[i];
      argv2[i] = g_string_chunk_insert (strings, arg);
      g_free (arg);
    }
  g_assert_true (pm_query_parse_args (again, &argc, &argv2, NULL));
  g_assert_cmpint (argc, ==, 1);
  text2 = pm_query_to_string (again);
  g_assert_cmpstr (text, ==, text2);
  g_assert_cmpstr (((char **) again->include_tags->pdata)[0], ==, "it's");
  g_assert_cmpstr (((char **) again->include_tags->pdata)[1], ==, "Mm  ");
  g_assert_cmpstr (((char **) again->directories->pdata)[0], ==, "my dir");
  g_assert_cmpstr (((char **) again->include_tags->pdata)[2], ==, "-x");
  g_assert_cmpstr (((char **) again->include_tags->pdata)[3], ==, "b");
  g_assert_cmpstr (((char **) again->exclude_tags->pdata)[0], ==, "--");
  g_assert_cmpstr (((char **) again->directories->pdata)[1], ==, "-d");
  g_free (argv2);
}

static void
test_help (void)
{
  const char *help = pm_query_get_help ();
  static const char * const flags[] = {
    "-d, --directory", "-t, --type", "-ts, --time-stamp", "-it, --include-tags",
    "-et, --exclude-tags", "-nmc, --n-most-changed-tags",
    "-nmca, --n-most-changed-tags-absolute", "-nh, --n-highest-usage-tags",
    "-nha, --n-highest-average-usage-tags", "-sc, --show-correlation",
    "-sce, --show-correlation-extended",
  };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_assert_nonnull (strstr (help, flags[i]));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  strings = g_string_chunk_new (256);

  g_test_add_func ("/poolstats/query/good", test_good);
  g_test_add_func ("/poolstats/query/bad", test_bad);
  g_test_add_func ("/poolstats/query/defaults", test_defaults);
  g_test_add_func ("/poolstats/query/fields", test_fields);
  g_test_add_func ("/poolstats/query/round-trip", test_round_trip);
  g_test_add_func ("/poolstats/query/help", test_help);

  status = g_test_run ();
  g_string_chunk_free (strings);
  return status;
}
