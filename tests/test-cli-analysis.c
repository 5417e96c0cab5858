/* test-cli-analysis.c: poolstats rank, corr and tags on the sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Golden outputs: each case runs poolstats on data/sample/powershell and
 * compares stdout byte for byte with tests/data/cli/NAME. After a deliberate
 * change of output, PM_UPDATE_GOLDEN=1 rewrites the files (then review the
 * diff). JSON cases are checked by parsing, not byte for byte, since their
 * doubles carry every digit.
 */
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include "poolstats.h"
#include "test-common.h"

/* name: golden file under tests/data/cli, or NULL; args: '|' between
 * arguments; @ is the sample folder, % a folder with PagedUsedBytes only. */
typedef CliCase Case;

static const Case cases[] = {
  { "rank-default.txt", "rank|@|-t|TotalUsedBytes", 0 },
  { "rank-options.txt", "rank|@|-t|PagedDiff|-nh|3|-nha|0|-nmc|4|-nmca|2|-it|Mm|Io  |-et|MmSt|CM*", 0 },
  { "rank-long-local.txt",
    "rank|--directory=@|--type|TotalDiff|--time-stamp|DateTime|--n-highest-usage-tags=2|"
    "--n-highest-average-usage-tags|1|--n-most-changed-tags|1|--n-most-changed-tags-absolute|1|"
    "--from|2021-07-13T06:00:00|--to|2021-07-13T12:00:00", 0 },
  { "tags-total-used.csv", "tags|@|-t|TotalUsedBytes", 0 },
  { "tags-nonpaged-range.csv", "tags|-d|@|-t|NonPagedDiff|--from|2021-07-13T20:00:00", 0 },
  { "corr-sc.csv", "corr|@|-t|TotalDiff|-sc|-nh|3|-nha|0|-nmc|3|-nmca|0", 0 },
  { "corr-tags.txt", "corr|@|-t|PagedDiff|--tags|QdrC,Ntff|--tags|Mm,TOTAL|--format|text", 0 },
  { "corr-tags-increments.csv", "corr|@|-t|TotalUsedBytes|--increments|--tags|QdrC,EH,CM31,TOTAL", 0 },
  { "corr-total.csv", "corr|@|-t|TotalDiff|--total|--increments", 0 },
  { "corr-total.txt", "corr|@|-t|TotalUsedBytes|--total|--threshold|0.5|--format|text", 0 },
  /* Exit codes, as for info: 1 usage, 2 no data. */
  { NULL, "rank|@", 1 },
  { NULL, "rank|-t|TotalDiff", 1 },
  { NULL, "rank|@|-t|Bytes", 1 },
  { NULL, "rank|@|-t|TotalDiff|-nh", 1 },
  { NULL, "rank|@|-t|TotalDiff|--format|csv", 1 },
  { NULL, "rank|@|-t|TotalDiff|--from|yesterday", 1 },
  { NULL, "rank|/nonexistent/folder|-t|TotalDiff", 2 },
  { NULL, "rank|@|-t|TotalDiff|--from|2030-01-01T00:00:00", 2 },
  { NULL, "rank|%|-t|PagedDiff", 2 },
  { NULL, "corr|%|-t|TotalUsedBytes|--total", 2 },
  { "corr-bytes-only.txt", "corr|%|-t|PagedUsedBytes|--all|--format|text", 0 },
  { NULL, "tags|@|-t|TotalDiff|--format|text", 1 },
  { NULL, "corr|@|-t|TotalDiff", 1 },
  { NULL, "corr|@|-t|TotalDiff|--all|--total", 1 },
  { NULL, "corr|@|-t|TotalDiff|--tags|NoSuchTag", 1 },
  { NULL, "corr|@|-t|TotalDiff|--total|--threshold|2", 1 },
};

static char *sample;
static char *bytes_only;
static char *poolstats;

static char *
run (const char *args,
     int         expected_status)
{
  const char * const subst[] = { "@", sample, "%", bytes_only, NULL };
  g_autofree char *err = NULL;
  char *out = run_cli (poolstats, args, subst, expected_status, &err);

  if (expected_status != 0)
    g_assert_true (strstr (err, "poolstats ") != NULL);

  return out;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *out = run (c->args, c->status);

  if (c->name != NULL)
    check_golden_cli (c->name, out);
}

static JsonNode *
run_json (const char *args)
{
  g_autofree char *out = run (args, 0);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The JSON says the same as the text: the lists of rank-default.txt. */
static void
test_rank_json (void)
{
  g_autoptr(JsonNode) root = run_json ("rank|@|-t|TotalUsedBytes|--format|json|-it|NoSuch");
  g_autofree char *text = run ("rank|@|-t|TotalUsedBytes", 0);
  JsonObject *o = json_node_get_object (root);
  static const struct { const char *key; const char *title; } lists[] = {
    { "biggest_increase_pct", "BIGGEST INCREASE (%)     : [" },
    { "biggest_increase_abs", "BIGGEST INCREASE (ABS)   : [" },
    { "highest_peak", "HIGHEST USAGE    (PEAK)  : [" },
    { "highest_average", "HIGHEST USAGE    (MEAN)  : [" },
  };
  JsonArray *selection = json_object_get_array_member (o, "selection");
  JsonArray *tags = json_object_get_array_member (o, "tags");

  g_assert_cmpstr (json_object_get_string_member (o, "metric"), ==, "TotalUsedBytes");
  g_assert_cmpint (json_object_get_int_member (o, "snapshots"), ==, 120);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonArray *a = json_object_get_array_member (o, lists[i].key);
      GString *line = g_string_new (lists[i].title);
      g_autofree char *expected = NULL;

      g_assert_cmpuint (json_array_get_length (a), ==, 5);
      for (guint j = 0; j < json_array_get_length (a); j++)
        g_string_append_printf (line, "%s'%s'", j ? ", " : "", json_array_get_string_element (a, j));
      g_string_append (line, "]\n");
      expected = g_string_free (line, FALSE);
      g_assert_nonnull (strstr (text, expected));
    }

  g_assert_cmpstr (json_array_get_string_element (selection, 0), ==, "TOTAL");
  g_assert_cmpuint (json_array_get_length (tags), ==, json_array_get_length (selection));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "unmatched"), 0),
                   ==, "NoSuch");
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *t = json_array_get_object_element (tags, i);

      g_assert_cmpstr (json_object_get_string_member (t, "tag"), ==,
                       json_array_get_string_element (selection, i));
      g_assert_true (json_object_has_member (t, "peak"));
      g_assert_true (json_object_has_member (t, "increase_pct"));
    }
}

/* The matrix in JSON: square, symmetric, null where undefined, TOTAL first
 * with --all. */
static void
test_corr_json (void)
{
  g_autoptr(JsonNode) root = run_json ("corr|@|-t|PagedDiff|--all|--format|json");
  JsonObject *o = json_node_get_object (root);
  JsonArray *tags = json_object_get_array_member (o, "tags");
  JsonArray *matrix = json_object_get_array_member (o, "matrix");
  guint n = json_array_get_length (tags);
  guint n_null = 0;

  g_assert_cmpuint (n, ==, 61);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "TOTAL");
  g_assert_cmpuint (json_array_get_length (matrix), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonArray *row = json_array_get_array_element (matrix, i);

      g_assert_cmpuint (json_array_get_length (row), ==, n);
      for (guint j = 0; j < n; j++)
        {
          JsonNode *a = json_array_get_element (row, j);
          JsonNode *b = json_array_get_element (json_array_get_array_element (matrix, j), i);

          if (JSON_NODE_HOLDS_NULL (a))
            {
              g_assert_true (JSON_NODE_HOLDS_NULL (b));
              n_null++;
              continue;
            }
          g_assert_cmpfloat (json_node_get_double (a), ==, json_node_get_double (b));
          g_assert_cmpfloat (fabs (json_node_get_double (a)), <=, 1.0);
          if (i == j)
            g_assert_cmpfloat (json_node_get_double (a), ==, 1.0);
        }
    }
  /* Tags with constant PagedDiff exist in the sample: their r is null. */
  g_assert_cmpuint (n_null, >, 0);
}

static void
test_tags_json (void)
{
  g_autoptr(JsonNode) root = run_json ("tags|@|-t|TotalUsedBytes|--format|json");
  g_autofree char *csv = run ("tags|@|-t|TotalUsedBytes", 0);
  JsonArray *tags = json_object_get_array_member (json_node_get_object (root), "tags");
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  /* One object per CSV line (header and final newline aside). */
  g_assert_cmpuint (json_array_get_length (tags), ==, g_strv_length (lines) - 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 0), "tag"),
                   ==, "TOTAL");
}

/* The old spellings and the new give the same answer. */
static void
test_same_answers (void)
{
  g_autofree char *a = run ("rank|-d|@|-t|PagedDiff|-nh|2|-nha|2|-nmc|2|-nmca|2|-it|EH  |-et|MmSt", 0);
  g_autofree char *b = run ("rank|@|--type=PagedDiff|--n-highest-usage-tags|2|"
                            "--n-highest-average-usage-tags=2|--n-most-changed-tags|2|"
                            "--n-most-changed-tags-absolute|2|--include-tags=EH  |"
                            "--exclude-tags|MmSt", 0);
  g_autofree char *c = run ("corr|@|-t|TotalDiff|-sce", 0);
  g_autofree char *d = run ("corr|@|-t|TotalDiff|--all", 0);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "powershell", NULL);
  bytes_only = g_test_build_filename (G_TEST_DIST, "data", "cli", "bytes-only", NULL);
  poolstats = cli_poolstats_path ();

  add_cli_cases ("/poolstats/cli-analysis", cases, G_N_ELEMENTS (cases), test_case);
  g_test_add_func ("/poolstats/cli-analysis/rank-json", test_rank_json);
  g_test_add_func ("/poolstats/cli-analysis/corr-json", test_corr_json);
  g_test_add_func ("/poolstats/cli-analysis/tags-json", test_tags_json);
  g_test_add_func ("/poolstats/cli-analysis/same-answers", test_same_answers);

  status = g_test_run ();
  g_free (sample);
  g_free (bytes_only);
  g_free (poolstats);
  return status;
}
