/* ps-leaks.c: poolstats leaks — which tags leak, with the evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ps-analysis.h"
#include "ps-leaks-follow.h"

#include <math.h>
#include <string.h>

static const char summary[] =
  "Judges every tag for a leak: outstanding allocations (TotalDiff) and bytes\n"
  "(TotalUsedBytes) together, or the one metric -t names. Each boot of the lab\n"
  "machine is judged on its own from the tag's first presence in it: a robust\n"
  "(Theil-Sen) slope with its 95 % interval, a Mann-Kendall trend test corrected\n"
  "for autocorrelation (Hamed-Rao), a drift test that holds for random walks, and\n"
  "the shapes that look like growth and are not: a cache levelling off, a burst\n"
  "given back, one level step, wandering with the workload of correlated tags.\n"
  "A leak hidden in a tag that follows the workload is found by taking away what\n"
  "its peers explain. docs/leaks.md has the method and every threshold.\n"
  "\n"
  "Verdicts: leak (grew steadily in a boot, and every boot from the first growing\n"
  "one on grows too or agrees with its rate; or every boot rises, or every boot\n"
  "after flat ones before the leak started rises clearly, and their evidence\n"
  "taken together is strong), suspect (grew in some boot without that;\n"
  "grew and then stopped in every boot it grew in; grew only since it was loaded\n"
  "mid-boot, slowing down as a cache warming up; grew only in boots where most\n"
  "of the tags it moves with climbed too; climbed through a boot but kept that\n"
  "climb at the reboot after it, which frees what leaked; or grows but the\n"
  "evidence is weak, or no more steadily than a slow wander could), none.\n"
  "\n"
  "text (default): the leaks and suspects, most likely first, one line each:\n"
  "VERDICT, TAG, SCORE, BYTES/H and ALLOCS/H (rate ± half its 95 % interval),\n"
  "BOOTS (growing/judged) and REASON; then a count of the other tags by pattern.\n"
  "csv: one row per tag, ranked: Tag, Verdict, Score, Pattern, BytesPerHour,\n"
  "BytesPerHourLow, BytesPerHourHigh, AllocsPerHour, AllocsPerHourLow,\n"
  "AllocsPerHourHigh, GrowthStart, BootsGrowing, BootsTotal, GrowthBytes,\n"
  "GrowthAllocs, Peers, Reason.\n"
  "json: {\"metric\", \"snapshots\", \"boots\", \"tags\": [{\"tag\", \"verdict\", \"score\",\n"
  "\"bytes_per_hour\", \"bytes_per_hour_low\", \"bytes_per_hour_high\",\n"
  "\"allocs_per_hour\", \"growth_start\", \"boots_growing\", \"boots_total\",\n"
  "\"reason\"}, ...]}: every tag, most likely leak first; TOTAL is not ranked.\n"
  "\n"
  "Fields: metric the metrics judged, joined by '+'; boots the boots in the range;\n"
  "score 0-100 to rank by (leak above 66, suspect 33-66); rates per hour\n"
  "of the time base, over the growing boots (else the boot that looked most like\n"
  "growth), null/empty when the metric was not judged; growth_start the time the\n"
  "growth began (null for none); boots_growing of boots_total judged (present long\n"
  "enough); GrowthBytes/GrowthAllocs last minus first present value over the\n"
  "range; Peers the tags whose workload it follows; reason one line in words.\n"
  "Pattern: grows, grows-weakly, flat, falls, levels-off, given-back, step,\n"
  "wanders, workload, mostly-zero, too-short, absent.\n"
  "\n"
  "--fail-on-leak: exit 3 when any tag's verdict is leak (for CI).\n"
  "\n"
  "--follow: keep following the folder while the sampler writes into it; print\n"
  "a line whenever a tag's verdict changes (newest snapshot, tag, old → new\n"
  "verdict, rates), starting with the verdicts of what is there. Ends on Ctrl+C,\n"
  "after --for DURATION (90s, 15m, 2h, 1d) or at --until TIME (local time); the\n"
  "exit status is that of the last state (3 with --fail-on-leak and a leak).\n"
  "docs/follow.md says how often the leak finder runs and what it costs.";

static char *
format_rate (double   rate,
             double   low,
             double   high,
             gboolean bytes)
{
  double v = fabs (rate), half = 0.5 * (high - low);
  const char *unit = "";
  g_autofree char *pct = NULL;

  if (isnan (rate))
    return g_strdup ("-");
  if (bytes)
    {
      unit = " B";
      if (v >= 1024.0 * 1024 * 1024)
        rate /= 1024.0 * 1024 * 1024, unit = " GiB";
      else if (v >= 1024.0 * 1024)
        rate /= 1024.0 * 1024, unit = " MiB";
      else if (v >= 1024.0)
        rate /= 1024.0, unit = " KiB";
    }
  if (v > 0 && isfinite (half))
    pct = 100.0 * half / v < 0.5 ? g_strdup (" ± <1 %") : g_strdup_printf (" ± %.0f %%", 100.0 * half / v);
  return g_strdup_printf ("%.1f%s/h%s", rate, unit, pct ? pct : "");
}

static char *
growth_start_text (const PmLeakTag *t)
{
  return t->growth_start != G_MININT64 ? pm_format_timestamp (t->growth_start) : NULL;
}

/* The metrics judged, joined by @sep. */
static char *
metric_name (PmLeakResult *result,
             const char   *sep)
{
  guint n;
  const PmMetric *metrics = pm_leak_result_get_metrics (result, &n);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i ? sep : "", pm_metric_to_string (metrics[i]));
  return g_string_free (out, FALSE);
}

#define N_COLUMNS 7

static void
print_text (PsAnalysis   *a,
            PmLeakResult *result)
{
  static const char * const headers[N_COLUMNS] = {
    "VERDICT", "TAG", "SCORE", "BYTES/H", "ALLOCS/H", "BOOTS", "REASON",
  };
  PmDataset *dataset = a->dataset;
  const gint64 *times = pm_dataset_get_times (dataset, a->query->time_base);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint widths[N_COLUMNS] = { 0 }, counts[PM_LEAK_N_PATTERNS] = { 0 };
  guint n, n_shown = 0, n_rest = 0;
  const guint *rank = pm_leak_result_get_ranking (result, &n);
  g_autofree char *t0 = pm_format_timestamp (times[a->first]);
  g_autofree char *t1 = pm_format_timestamp (times[a->first + a->n_snapshots - 1]);
  guint n_boots = pm_leak_result_get_n_boots (result);
  g_autofree char *metrics = metric_name (result, " and ");

  printf ("Leaks over %s, %u snapshots, %s to %s (%s), %u boot%s\n\n", metrics,
          a->n_snapshots, t0, t1, pm_time_base_to_string (a->query->time_base),
          n_boots, n_boots == 1 ? "" : "s");

  for (guint c = 0; c < N_COLUMNS; c++)
    g_ptr_array_add (cells, g_strdup (headers[c]));
  for (guint i = 0; i < n; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (result, rank[i]);

      if (t->verdict == PM_LEAK_VERDICT_NONE)
        {
          counts[t->pattern]++;
          n_rest++;
          continue;
        }
      n_shown++;
      g_ptr_array_add (cells, g_strdup (pm_leak_verdict_to_string (t->verdict)));
      g_ptr_array_add (cells, g_strdup (pm_dataset_get_tag_name (dataset, t->tag)));
      g_ptr_array_add (cells, ps_format_double (t->score, 1));
      g_ptr_array_add (cells, format_rate (t->bytes_per_hour, t->bytes_per_hour_low, t->bytes_per_hour_high, TRUE));
      g_ptr_array_add (cells, format_rate (t->allocs_per_hour, t->allocs_per_hour_low, t->allocs_per_hour_high, FALSE));
      g_ptr_array_add (cells, g_strdup_printf ("%u/%u", t->boots_growing, t->boots_total));
      g_ptr_array_add (cells, g_strdup (t->reason));
    }

  if (n_shown == 0)
    printf ("No tag leaks or is suspect.\n");
  else
    {
      for (guint i = 0; i < cells->len; i++)
        if (i % N_COLUMNS != N_COLUMNS - 1)
          widths[i % N_COLUMNS] = MAX (widths[i % N_COLUMNS], ps_text_width (g_ptr_array_index (cells, i)));
      for (guint row = 0; row <= n_shown; row++)
        {
          for (guint c = 0; c < N_COLUMNS; c++)
            {
              const char *cell = g_ptr_array_index (cells, row * N_COLUMNS + c);

              if (c > 0)
                fputs ("  ", stdout);
              if (c == N_COLUMNS - 1)
                fputs (cell, stdout);
              else
                ps_print_padded (cell, widths[c], c < 2 || c == 5);
            }
          putchar ('\n');
        }
    }

  printf ("\n%u other tag%s: no evidence of a leak", n_rest, n_rest == 1 ? "" : "s");
  if (n_rest > 0)
    {
      gboolean first = TRUE;

      printf (" (");
      for (guint p = 0; p < PM_LEAK_N_PATTERNS; p++)
        if (counts[p] > 0)
          {
            printf ("%s%s %u", first ? "" : ", ", pm_leak_pattern_to_string (p), counts[p]);
            first = FALSE;
          }
      printf (")");
    }
  printf ("\n");
}

static void
csv_double (GString *out,
            double   value)
{
  g_autofree char *text = isnan (value) ? g_strdup ("") : ps_format_double (value, 3);

  g_string_append_printf (out, ",%s", text);
}

static void
print_csv (PsAnalysis   *a,
           PmLeakResult *result)
{
  g_autoptr(GString) out = g_string_new ("Tag,Verdict,Score,Pattern,BytesPerHour,BytesPerHourLow,"
                                         "BytesPerHourHigh,AllocsPerHour,AllocsPerHourLow,"
                                         "AllocsPerHourHigh,GrowthStart,BootsGrowing,BootsTotal,"
                                         "GrowthBytes,GrowthAllocs,Peers,Reason\n");
  guint n;
  const guint *rank = pm_leak_result_get_ranking (result, &n);
  guint n_metrics;
  const PmMetric *metrics = pm_leak_result_get_metrics (result, &n_metrics);
  gboolean bytes = FALSE, allocs = FALSE;

  for (guint m = 0; m < n_metrics; m++)
    {
      bytes |= pm_metric_is_bytes (metrics[m]);
      allocs |= !pm_metric_is_bytes (metrics[m]);
    }

  for (guint i = 0; i < n; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (result, rank[i]);
      g_autofree char *start = growth_start_text (t);
      g_autofree char *score = ps_format_double (t->score, 3);
      g_autoptr(GString) peers = g_string_new (NULL);

      ps_write_csv_field (out, pm_dataset_get_tag_name (a->dataset, t->tag));
      g_string_append_printf (out, ",%s,%s,%s", pm_leak_verdict_to_string (t->verdict), score,
                              pm_leak_pattern_to_string (t->pattern));
      csv_double (out, t->bytes_per_hour);
      csv_double (out, t->bytes_per_hour_low);
      csv_double (out, t->bytes_per_hour_high);
      csv_double (out, t->allocs_per_hour);
      csv_double (out, t->allocs_per_hour_low);
      csv_double (out, t->allocs_per_hour_high);
      g_string_append_printf (out, ",%s,%u,%u,", start ? start : "", t->boots_growing, t->boots_total);
      if (bytes)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, t->growth_bytes);
      g_string_append_c (out, ',');
      if (allocs)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, t->growth_allocs);
      g_string_append_c (out, ',');
      for (guint p = 0; p < t->n_peers; p++)
        g_string_append_printf (peers, "%s%s", p ? " " : "", pm_dataset_get_tag_name (a->dataset, t->peers[p]));
      ps_write_csv_field (out, peers->str);
      g_string_append_c (out, ',');
      ps_write_csv_field (out, t->reason);
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
}

static JsonNode *
leaks_to_json (PsAnalysis   *a,
               PmLeakResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;
  const guint *rank = pm_leak_result_get_ranking (result, &n);
  g_autofree char *metrics = metric_name (result, "+");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, metrics);
  json_builder_set_member_name (builder, "snapshots");
  json_builder_add_int_value (builder, a->n_snapshots);
  json_builder_set_member_name (builder, "boots");
  json_builder_add_int_value (builder, pm_leak_result_get_n_boots (result));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (result, rank[i]);
      g_autofree char *start = growth_start_text (t);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "tag");
      json_builder_add_string_value (builder, pm_dataset_get_tag_name (a->dataset, t->tag));
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, pm_leak_verdict_to_string (t->verdict));
      json_builder_set_member_name (builder, "score");
      ps_json_add_double (builder, t->score);
      json_builder_set_member_name (builder, "bytes_per_hour");
      ps_json_add_double (builder, t->bytes_per_hour);
      json_builder_set_member_name (builder, "bytes_per_hour_low");
      ps_json_add_double (builder, t->bytes_per_hour_low);
      json_builder_set_member_name (builder, "bytes_per_hour_high");
      ps_json_add_double (builder, t->bytes_per_hour_high);
      json_builder_set_member_name (builder, "allocs_per_hour");
      ps_json_add_double (builder, t->allocs_per_hour);
      json_builder_set_member_name (builder, "growth_start");
      ps_json_add_string_or_null (builder, start);
      json_builder_set_member_name (builder, "boots_growing");
      json_builder_add_int_value (builder, t->boots_growing);
      json_builder_set_member_name (builder, "boots_total");
      json_builder_add_int_value (builder, t->boots_total);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, t->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
ps_command_leaks (int    argc,
                  char **argv)
{
  PsAnalysis a;
  PsFollowArgs follow = { .leak_interval = 1000 };
  gboolean fail_on_leak = FALSE;
  const GOptionEntry extra[] = {
    { "fail-on-leak", 0, 0, G_OPTION_ARG_NONE, &fail_on_leak,
      "Exit 3 when any tag's verdict is leak", NULL },
    { "follow", 0, 0, G_OPTION_ARG_NONE, &follow.follow,
      "Keep following the folder; a line per verdict that changes", NULL },
    { "for", 0, 0, G_OPTION_ARG_STRING, &follow.for_text,
      "With --follow: stop after DURATION (90s, 15m, 2h, 1d)", "DURATION" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &follow.until_text,
      "With --follow: stop at TIME (YYYY-MM-DDTHH:MM:SS, local time)", "TIME" },
    { "poll", 0, 0, G_OPTION_ARG_INT, &follow.poll_msec,
      "With --follow: look at the folder listing every MS milliseconds (default 1000)", "MS" },
    { "leak-interval", 0, 0, G_OPTION_ARG_INT, &follow.leak_interval,
      "With --follow: run the leak finder at most every MS milliseconds (default 1000), and at most a tenth of the time", "MS" },
    { "no-monitor", 0, 0, G_OPTION_ARG_NONE, &follow.no_monitor,
      "With --follow: no file monitor, the poll alone (as on a network mount)", NULL },
    { NULL }
  };
  g_autoptr(PmLeakResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PmLeakOptions options;
  int status;

  ps_analysis_init (&a, "leaks");
  a.metric_optional = TRUE;
  status = ps_analysis_parse (&a, argc, argv, extra,
    "[-t METRIC] [--from T] [--to T] [--fail-on-leak] [--follow [--for D | --until T]] - which tags leak",
    summary, "text (default), csv or json", PS_FORMAT_TEXT | PS_FORMAT_CSV | PS_FORMAT_JSON,
    PS_FORMAT_TEXT);
  if (status == PS_CONTINUE && !follow.follow &&
      (follow.for_text != NULL || follow.until_text != NULL))
    status = ps_usage_error ("leaks", "--for and --until go with --follow");
  if (status != PS_CONTINUE || !follow.follow)
    {
      g_clear_pointer (&follow.for_text, g_free);
      g_clear_pointer (&follow.until_text, g_free);
    }
  if (status == PS_CONTINUE && follow.follow)
    {
      follow.fail_on_leak = fail_on_leak;
      status = ps_leaks_follow (&a, &follow);
      g_free (follow.for_text);
      g_free (follow.until_text);
      ps_analysis_clear (&a);
      return status;
    }
  if (status == PS_CONTINUE)
    status = ps_analysis_load (&a);
  if (status != PS_CONTINUE)
    {
      ps_analysis_clear (&a);
      return status;
    }

  pm_leak_options_init (&options);
  options.both = !a.query->have_metric;
  options.metric = a.query->metric;
  options.time_base = a.query->time_base;
  options.first = a.first;
  options.n_snapshots = a.n_snapshots;
  result = pm_leak_analyse (a.dataset, &options, NULL, &error);
  if (result == NULL)
    {
      fprintf (stderr, "poolstats leaks: %s\n", error->message);
      ps_analysis_clear (&a);
      return PS_EXIT_NO_DATA;
    }

  if (a.format == PS_FORMAT_JSON)
    ps_print_json (leaks_to_json (&a, result));
  else if (a.format == PS_FORMAT_CSV)
    print_csv (&a, result);
  else
    print_text (&a, result);

  status = fail_on_leak && pm_leak_result_count (result, PM_LEAK_VERDICT_LEAK) > 0
           ? PS_EXIT_LEAK : PS_EXIT_OK;
  g_clear_pointer (&result, pm_leak_result_unref);
  ps_analysis_clear (&a);
  return status;
}
