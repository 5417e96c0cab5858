/* ps-tags.c: poolstats tags — the figures of every tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ps-analysis.h"

int
ps_command_tags (int    argc,
                 char **argv)
{
  PsAnalysis a;
  g_autoptr(PmTagTable) table = NULL;
  guint n_tags;
  guint total;
  int status;

  ps_analysis_init (&a, "tags");
  status = ps_analysis_parse (&a, argc, argv, NULL,
    "-t TYPE - the figures of every tag",
    "The table the viewer shows: for TOTAL and then every tag in name order, over the chosen\n"
    "metric and the snapshots where the tag is present: the number of those snapshots, the\n"
    "first and last time present (in the -ts time base), peak, mean, the first and last\n"
    "non-zero value, the increase between them (absolute and %), Binary and Description.\n"
    "\n"
    "csv (default): header 'Tag,Present,First,Last,Peak,Mean,FirstNonZero,LastNonZero,\n"
    "Increase,IncreasePct,Binary,Description', one line per tag; tags byte for byte, quoted\n"
    "when they hold a comma, a quote or leading or trailing spaces; Mean and IncreasePct with\n"
    "three decimals; a figure that does not exist (a tag never present in the range, or with\n"
    "no non-zero value) is an empty field.\n"
    "json: {\"metric\", \"time_base\", \"snapshots\", \"tags\": [{\"tag\", \"present\", \"first\",\n"
    "\"last\", \"peak\", \"mean\", \"first_nonzero\", \"last_nonzero\", \"increase_abs\",\n"
    "\"increase_pct\", \"binary\", \"description\"}]}; missing figures are null.",
    "csv (default) or json", PS_FORMAT_CSV | PS_FORMAT_JSON, PS_FORMAT_CSV);
  if (status == PS_CONTINUE)
    status = ps_analysis_load (&a);
  if (status != PS_CONTINUE)
    {
      ps_analysis_clear (&a);
      return status;
    }

  table = ps_analysis_tag_table (&a);
  n_tags = pm_tag_table_get_n_tags (table);
  total = pm_dataset_get_total_tag (a.dataset);

  if (a.format == PS_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      ps_analysis_json_begin (&a, builder);
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      ps_tag_stats_json (builder, a.dataset, a.query->time_base, pm_tag_table_get_stats (table, total));
      for (guint tag = 0; tag < n_tags; tag++)
        ps_tag_stats_json (builder, a.dataset, a.query->time_base, pm_tag_table_get_stats (table, tag));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      ps_print_json (json_builder_get_root (builder));
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      ps_tag_stats_csv_header (out);
      ps_tag_stats_csv_row (out, a.dataset, a.query->time_base, pm_tag_table_get_stats (table, total));
      for (guint tag = 0; tag < n_tags; tag++)
        ps_tag_stats_csv_row (out, a.dataset, a.query->time_base, pm_tag_table_get_stats (table, tag));
      fwrite (out->str, 1, out->len, stdout);
    }

  g_clear_pointer (&table, pm_tag_table_unref);
  ps_analysis_clear (&a);
  return PS_EXIT_OK;
}
