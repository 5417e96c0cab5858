/* ps-rank.c: poolstats rank — the old analyzer's four rankings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ps-analysis.h"

#include <string.h>

static const char *rank_short[PM_N_RANKINGS] = {
  [PM_RANKING_HIGHEST_PEAK] = "peak",
  [PM_RANKING_HIGHEST_AVERAGE] = "avg",
  [PM_RANKING_BIGGEST_INCREASE_PCT] = "pct",
  [PM_RANKING_BIGGEST_INCREASE_ABS] = "abs",
};

static void
add_tag_array (JsonBuilder *builder,
               PmDataset   *dataset,
               const guint *tags,
               guint        n_tags)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_tags; i++)
    json_builder_add_string_value (builder, pm_dataset_get_tag_name (dataset, tags[i]));
  json_builder_end_array (builder);
}

static JsonNode *
rank_to_json (PsAnalysis   *a,
              PmRankResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PmTagTable *table = pm_rank_result_get_table (result);
  PmDataset *dataset = a->dataset;
  PmTimeBase base = a->query->time_base;
  const char * const *unmatched = pm_rank_result_get_unmatched (result);
  const guint *tags;
  guint n;

  ps_analysis_json_begin (a, builder);

  for (PmRanking r = 0; r < PM_N_RANKINGS; r++)
    {
      tags = pm_rank_result_get_ranking (result, r, &n);
      json_builder_set_member_name (builder, pm_ranking_to_string (r));
      add_tag_array (builder, dataset, tags, n);
    }

  tags = pm_rank_result_get_selection (result, &n);
  json_builder_set_member_name (builder, "selection");
  add_tag_array (builder, dataset, tags, n);

  json_builder_set_member_name (builder, "unmatched");
  json_builder_begin_array (builder);
  for (guint i = 0; unmatched[i] != NULL; i++)
    json_builder_add_string_value (builder, unmatched[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    ps_tag_stats_json (builder, dataset, base, pm_tag_table_get_stats (table, tags[i]));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Where @tag stands in each ranking, e.g. "peak#1 pct#3". */
static char *
ranks_of (PmRankResult *result,
          guint         tag)
{
  GString *out = g_string_new (NULL);

  for (PmRanking r = 0; r < PM_N_RANKINGS; r++)
    {
      guint n;
      const guint *tags = pm_rank_result_get_ranking (result, r, &n);

      for (guint i = 0; i < n; i++)
        if (tags[i] == tag)
          g_string_append_printf (out, "%s%s#%u", out->len ? " " : "", rank_short[r], i + 1);
    }

  return g_string_free (out, FALSE);
}

#define N_COLUMNS 7

static void
print_text (PsAnalysis   *a,
            PmRankResult *result)
{
  static const char * const headers[N_COLUMNS] = {
    "TAG", "PEAK", "MEAN", "FIRST_NZ", "LAST_NZ", "INCREASE", "INCREASE_%",
  };
  PmTagTable *table = pm_rank_result_get_table (result);
  PmDataset *dataset = a->dataset;
  g_autofree char *legacy = pm_rank_result_to_legacy_text (result);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const gint64 *times = pm_dataset_get_times (dataset, a->query->time_base);
  guint widths[N_COLUMNS] = { 0 };
  const guint *tags;
  guint n;

  fputs (legacy, stdout);

  printf ("\n%s over %u snapshots", pm_metric_to_string (a->query->metric), a->n_snapshots);
  if (a->n_snapshots > 0 && pm_dataset_has_time_base (dataset, a->query->time_base))
    {
      g_autofree char *t0 = pm_format_timestamp (times[a->first]);
      g_autofree char *t1 = pm_format_timestamp (times[a->first + a->n_snapshots - 1]);

      printf (", %s to %s (%s)", t0, t1, pm_time_base_to_string (a->query->time_base));
    }
  printf ("\n\n");

  /* The selection, with the figures behind the rankings. */
  tags = pm_rank_result_get_selection (result, &n);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_ptr_array_add (cells, g_strdup (headers[c]));
  for (guint i = 0; i < n; i++)
    {
      const PmTagStats *st = pm_tag_table_get_stats (table, tags[i]);

      g_ptr_array_add (cells, g_strdup (pm_dataset_get_tag_name (dataset, tags[i])));
      g_ptr_array_add (cells, st->n_present ? g_strdup_printf ("%" G_GINT64_FORMAT, st->peak) : g_strdup ("-"));
      g_ptr_array_add (cells, st->n_present ? ps_format_double (st->mean, 1) : g_strdup ("-"));
      g_ptr_array_add (cells, st->n_nonzero ? g_strdup_printf ("%" G_GINT64_FORMAT, st->first_nonzero) : g_strdup ("-"));
      g_ptr_array_add (cells, st->n_nonzero ? g_strdup_printf ("%" G_GINT64_FORMAT, st->last_nonzero) : g_strdup ("-"));
      g_ptr_array_add (cells, st->n_nonzero ? g_strdup_printf ("%+" G_GINT64_FORMAT, st->increase_abs) : g_strdup ("-"));
      g_ptr_array_add (cells, st->n_nonzero ? ps_format_double (st->increase_pct, 1) : g_strdup ("-"));
    }

  for (guint i = 0; i < cells->len; i++)
    widths[i % N_COLUMNS] = MAX (widths[i % N_COLUMNS], ps_text_width (g_ptr_array_index (cells, i)));

  for (guint row = 0; row <= n; row++)
    {
      g_autofree char *ranks = row > 0 ? ranks_of (result, tags[row - 1]) : g_strdup ("RANKS");

      /* Tags left-aligned and kept whole (trailing spaces included). */
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            fputs ("  ", stdout);
          ps_print_padded (g_ptr_array_index (cells, row * N_COLUMNS + c), widths[c], c == 0);
        }
      printf ("  %s\n", ranks);
    }
}

int
ps_command_rank (int    argc,
                 char **argv)
{
  PsAnalysis a;
  g_autoptr(PmRankResult) result = NULL;
  int status;

  ps_analysis_init (&a, "rank");
  status = ps_analysis_parse (&a, argc, argv, NULL,
    "-t TYPE [-nh N] [-nha N] [-nmc N] [-nmca N] [-it TAG...] [-et TAG...] - the four rankings",
    "Ranks the tags four ways over the chosen metric, as the old analyzer did: highest peak\n"
    "(-nh), highest average (-nha), biggest % increase (-nmc) and biggest absolute increase\n"
    "(-nmca), 5 of each by default, over the snapshots where each tag is present; the\n"
    "increases from a tag's first to its last non-zero value. TOTAL and excluded tags are\n"
    "never ranked; ties go by tag name. The selection is TOTAL, the included tags, then the\n"
    "union of the rankings.\n"
    "\n"
    "text (default): the old analyzer's lines, e.g.\n"
    "  tags with HIGHEST USAGE    (PEAK)  : ['Mm  ', 'Ntfx']\n"
    "(one per ranking whose N is not 0), then a table of the selection: TAG, PEAK, MEAN,\n"
    "FIRST_NZ and LAST_NZ (first and last non-zero value), INCREASE, INCREASE_% and RANKS\n"
    "(e.g. 'peak#1 pct#3').\n"
    "json: {\"metric\", \"time_base\", \"snapshots\", \"highest_peak\": [tags],\n"
    "\"highest_average\", \"biggest_increase_pct\", \"biggest_increase_abs\", \"selection\",\n"
    "\"unmatched\": [-it/-et names that matched no tag], \"tags\": [one object per selected tag\n"
    "as 'poolstats tags' writes them]}; tags in rank order.",
    "text (default) or json", PS_FORMAT_TEXT | PS_FORMAT_JSON, PS_FORMAT_TEXT);
  if (status == PS_CONTINUE)
    status = ps_analysis_load (&a);
  if (status != PS_CONTINUE)
    {
      ps_analysis_clear (&a);
      return status;
    }

  result = ps_analysis_rank (&a);

  if (a.format == PS_FORMAT_JSON)
    ps_print_json (rank_to_json (&a, result));
  else
    print_text (&a, result);

  g_clear_pointer (&result, pm_rank_result_unref);
  ps_analysis_clear (&a);
  return PS_EXIT_OK;
}
