/* test-cli-leaks.c: poolstats leaks on the sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Golden outputs as in test-cli-analysis.c: each case runs poolstats on
 * data/sample and compares stdout byte for byte with tests/data/cli/NAME
 * (PM_UPDATE_GOLDEN=1 rewrites them; review the diff). The JSON is checked
 * by parsing: exactly the documented fields, every tag, ranked.
 */
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "test-common.h"

/* name: golden file under tests/data/cli, or NULL; args: '|' between
 * arguments; @ is the PowerShell sample, $ the sampler sample, % a folder
 * with PagedUsedBytes only. */
typedef CliCase Case;

static const Case cases[] = {
  { "leaks-default.txt", "leaks|@", 0 },
  { "leaks-sampler.txt", "leaks|$", 0 },
  { "leaks-default.csv", "leaks|@|--format|csv", 0 },
  { "leaks-nonpaged-range.txt", "leaks|@|-t|NonPagedUsedBytes|--from|2021-07-13T12:00:00", 0 },
  { "leaks-paged.csv", "leaks|@|-t|PagedDiff|--format|csv", 0 },
  { "leaks-bytes-only.txt", "leaks|%", 0 },
  /* --fail-on-leak: 3 when a tag leaks; 0 when none does (before QdrC
   * has grown enough to tell: its first hour). */
  { NULL, "leaks|@|--fail-on-leak", 3 },
  { NULL, "leaks|@|--fail-on-leak|--to|2021-07-13T08:30:00", 0 },
  /* Exit codes as the other commands: 1 usage, 2 no data. */
  { NULL, "leaks", 1 },
  { NULL, "leaks|@|-t|Bytes", 1 },
  { NULL, "leaks|@|--format|xml", 1 },
  { NULL, "leaks|@|--from|yesterday", 1 },
  { NULL, "leaks|/nonexistent/folder", 2 },
  { NULL, "leaks|@|--from|2030-01-01T00:00:00", 2 },
  { NULL, "leaks|%|-t|PagedDiff", 2 },
};

static char *sample;
static char *sampler;
static char *bytes_only;
static char *poolstats;

static char *
run (const char *args,
     int         expected_status)
{
  const char * const subst[] = { "@", sample, "$", sampler, "%", bytes_only, NULL };
  g_autofree char *err = NULL;
  char *out = run_cli (poolstats, args, subst, expected_status, &err);

  if (expected_status == 1 || expected_status == 2)
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

/* The JSON: exactly the documented fields, every tag once, ranked by
 * score, QdrC first and the only leak, TOTAL absent. */
static void
test_json (void)
{
  static const char * const fields[] = {
    "tag", "verdict", "score", "bytes_per_hour", "bytes_per_hour_low", "bytes_per_hour_high",
    "allocs_per_hour", "growth_start", "boots_growing", "boots_total", "reason",
  };
  g_autofree char *out = run ("leaks|@|--format|json", 0);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  JsonArray *tags;
  double last_score = INFINITY;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (o), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (o, "metric"), ==, "TotalDiff+TotalUsedBytes");
  g_assert_cmpint (json_object_get_int_member (o, "snapshots"), ==, 120);
  g_assert_cmpint (json_object_get_int_member (o, "boots"), ==, 1);
  tags = json_object_get_array_member (o, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 60);

  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *t = json_array_get_object_element (tags, i);
      const char *verdict = json_object_get_string_member (t, "verdict");
      double score = json_object_get_double_member (t, "score");

      g_assert_cmpuint (json_object_get_size (t), ==, G_N_ELEMENTS (fields));
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        g_assert_true (json_object_has_member (t, fields[f]));
      g_assert_cmpstr (json_object_get_string_member (t, "tag"), !=, "TOTAL");
      g_assert_cmpfloat (score, <=, last_score);
      last_score = score;
      if (i == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (t, "tag"), ==, "QdrC");
          g_assert_cmpstr (verdict, ==, "leak");
          /* 3 × 2,000 allocations of 1 KiB over 119 intervals of 10 min. */
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (t, "allocs_per_hour"), 302.5, 5);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (t, "bytes_per_hour"), 302.5 * 1024, 5 * 1024);
          g_assert_cmpfloat (json_object_get_double_member (t, "bytes_per_hour_low"), <=,
                             json_object_get_double_member (t, "bytes_per_hour"));
          g_assert_cmpint (json_object_get_int_member (t, "boots_growing"), ==, 1);
          g_assert_cmpint (json_object_get_int_member (t, "boots_total"), ==, 1);
          g_assert_nonnull (strstr (json_object_get_string_member (t, "reason"), "grew steadily"));
        }
      else
        {
          g_assert_cmpstr (verdict, ==, "none");
          g_assert_true (json_node_is_null (json_object_get_member (t, "growth_start")));
        }
    }
}

/* Splits one CSV record (RFC 4180 quoting) at *POS into its fields. */
static GPtrArray *
csv_record (const char  *text,
            const char **pos)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  const char *p = *pos;

  for (;;)
    {
      GString *f = g_string_new (NULL);

      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (f, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (f, *p);
            }
          g_assert_cmpint (*p, ==, '"');
          p++;
        }
      else
        for (; *p != '\0' && *p != ',' && *p != '\n'; p++)
          g_string_append_c (f, *p);
      g_ptr_array_add (fields, g_string_free (f, FALSE));
      if (*p == ',')
        {
          p++;
          continue;
        }
      g_assert_true (*p == '\n');
      *pos = p + 1;
      return fields;
    }
}

/* The CSV's Peers field is one field, quoted when a peer's name needs it
 * (pool tags end in spaces): four tags that follow one workload, named
 * with trailing spaces, are each other's peers. */
static void
test_csv_peers (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pm-leaks-peers-XXXXXX", NULL);
  static const char * const names[] = { "Wa  ", "Wb  ", "Wc  ", "Wd  " };
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autofree char *args = NULL;
  g_autofree char *out = NULL;
  const char *pos;
  double walk = 0;
  guint rows = 0, with_peers = 0;
  g_autoptr(GPtrArray) header = NULL;

  g_assert_nonnull (dir);
  for (guint i = 0; i < 96; i++)
    {
      gint64 t = 1626163200 + 600 * (gint64) i;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autofree char *stamp = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *file = g_date_time_format (dt, "%Y.%m.%d_%H.%M.%S");
      g_autofree char *name = g_strdup_printf ("%s_%" G_GINT64_FORMAT ".pool.csv", file, t);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GString) csv = g_string_new ("\"DateTime\",\"DateTimeUTC\",\"Tag\",\"PagedUsedBytes\"\n");

      walk += g_rand_double_range (rand, -1, 1) * 4000;
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        g_string_append_printf (csv, "\"%s\",\"%s\",\"%s\",\"%.0f\"\n", stamp, stamp, names[k],
                                200000 + (k + 1) * (walk + 20000 * sin (i / 6.0))
                                + g_rand_double_range (rand, -100, 100));
      g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
    }

  args = g_strdup_printf ("leaks|%s|--format|csv", dir);
  out = run (args, 0);
  pos = out;
  header = csv_record (out, &pos);
  g_assert_cmpuint (header->len, ==, 17);
  g_assert_cmpstr (g_ptr_array_index (header, 15), ==, "Peers");
  while (*pos != '\0')
    {
      g_autoptr(GPtrArray) f = csv_record (out, &pos);
      const char *peers = g_ptr_array_index (f, 15);

      g_assert_cmpuint (f->len, ==, 17);
      rows++;
      if (*peers == '\0')
        continue;
      with_peers++;
      /* Names end in spaces: the field is quoted as a whole. */
      {
        g_autofree char *quoted = g_strdup_printf (",\"%s\",", peers);
        g_assert_nonnull (strstr (out, quoted));
      }
      /* Names joined by one space, each as the files spell it. */
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        if (g_str_has_prefix (peers, names[k]))
          peers += strlen (names[k]);
      g_assert_true (*peers == '\0' || *peers == ' ');
    }
  g_assert_cmpuint (rows, ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (with_peers, >, 0);

  for (guint i = 0; i < 96; i++)
    {
      gint64 t = 1626163200 + 600 * (gint64) i;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autofree char *file = g_date_time_format (dt, "%Y.%m.%d_%H.%M.%S");
      g_autofree char *name = g_strdup_printf ("%s_%" G_GINT64_FORMAT ".pool.csv", file, t);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* --help documents every field of every format, and the exit codes. */
static void
test_help (void)
{
  static const char * const words[] = {
    "\"metric\"", "\"snapshots\"", "\"boots\"", "\"tags\"", "\"tag\"", "\"verdict\"", "\"score\"",
    "\"bytes_per_hour\"", "\"bytes_per_hour_low\"", "\"bytes_per_hour_high\"", "\"allocs_per_hour\"",
    "\"growth_start\"", "\"boots_growing\"", "\"boots_total\"", "\"reason\"",
    "Tag", "Verdict", "Score", "Pattern", "BytesPerHour", "BytesPerHourLow", "BytesPerHourHigh",
    "AllocsPerHour", "AllocsPerHourLow", "AllocsPerHourHigh", "GrowthStart", "BootsGrowing",
    "BootsTotal", "GrowthBytes", "GrowthAllocs", "Peers", "Reason",
    "VERDICT", "BYTES/H", "ALLOCS/H", "BOOTS", "REASON", "--fail-on-leak", "exit 3",
    "levels-off", "given-back", "step", "workload", "mostly-zero",
  };
  g_autofree char *out = run ("leaks|--help", 0);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_test_message ("%s", words[i]);
      g_assert_nonnull (strstr (out, words[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "powershell", NULL);
  sampler = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "sampler", NULL);
  bytes_only = g_test_build_filename (G_TEST_DIST, "data", "cli", "bytes-only", NULL);
  poolstats = cli_poolstats_path ();

  add_cli_cases ("/poolstats/cli-leaks", cases, G_N_ELEMENTS (cases), test_case);
  g_test_add_func ("/poolstats/cli-leaks/json", test_json);
  g_test_add_func ("/poolstats/cli-leaks/help", test_help);
  g_test_add_func ("/poolstats/cli-leaks/csv-peers", test_csv_peers);

  status = g_test_run ();
  g_free (sample);
  g_free (sampler);
  g_free (bytes_only);
  g_free (poolstats);
  return status;
}
