/* ps-compare.c: poolstats compare — two runs, tag by tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ps-analysis.h"

#include <math.h>
#include <string.h>

typedef struct
{
  PmQuery    *query;
  char      **paths;
  char       *format_name;
  char       *tagfile;
  char       *per;
  char       *align;
  gboolean    common;
  gboolean    fail_on_new_leak;
  gboolean    no_cache;
  gint        top;
  PsFormat    format;
  PmRunCompareOptions options;
} Compare;

static void
compare_clear (Compare *c)
{
  g_clear_pointer (&c->query, pm_query_free);
  g_clear_pointer (&c->paths, g_strfreev);
  g_clear_pointer (&c->format_name, g_free);
  g_clear_pointer (&c->tagfile, g_free);
  g_clear_pointer (&c->per, g_free);
  g_clear_pointer (&c->align, g_free);
}

static const char summary[] =
  "Compares run A (a control, the run before a change) with run B (the test, the run after),\n"
  "tag by tag: each run's figures over the metric, the leak finder's rate with its 95 %\n"
  "interval and verdict in each run, the differences B - A, and a verdict per tag:\n"
  "  only-b   a leak in B and not in A (a new leak)\n"
  "  both     a leak in both runs\n"
  "  only-a   a leak in A and not in B (gone in B)\n"
  "  neither  a leak in neither run\n"
  "'A leak' is the leak finder's verdict 'leak' in that run ('suspect' is shown, not counted).\n"
  "Tags are ranked by the rate difference B - A, largest first (B's growth on top); tags\n"
  "without rates follow, by the growth difference; ties by name. A tag a run lacks held\n"
  "nothing there: it counts as 0 in the differences.\n"
  "\n"
  "A and B are two paths (a folder or a file each), each one run. With more than two paths,\n"
  "the paths are grouped into runs as every command groups them (day folders of one run\n"
  "are one run) and must form exactly two; the run of the first path given is A.\n"
  "\n"
  "The runs are laid over each other on the time elapsed since each one's first snapshot\n"
  "(--align elapsed, the default) or on the clock (--align clock). Each run is compared\n"
  "whole, or with --common only over the span both cover on that axis.\n"
  "\n"
  "Metric: without -t, figures and rates are in TotalUsedBytes and the leak finder judges\n"
  "outstanding allocations and bytes together (its default); with -t METRIC, everything\n"
  "is over that metric alone.\n"
  "\n"
  "--per A_COUNT,B_COUNT (or --per COUNT for both) gives the workload each run did over\n"
  "its whole length: operations, iterations, launches. Growth and rates then read per\n"
  "operation, the workload taken as even over the run: growth / operations in the span\n"
  "compared, and rate per hour / (COUNT / the run's hours). So '--per 1000' says each run\n"
  "did 1000 operations, and a rate of 0.98 reads 0.98 allocations (or bytes) left\n"
  "outstanding per operation. Peak and mean stay in the metric's units.\n"
  "\n"
  "text: a header (each run's snapshots, hours and times; the metric, span and axis; the\n"
  "units; the count of each verdict), then the --top rows and TOTAL in the columns Rank,\n"
  "Tag, Verdict ('-' for neither), Rate A and A (A's rate and verdict: leak, suspect, none,\n"
  "n/j not judged, absent), Rate B and B, B-A (the rate difference), its 95 % interval\n"
  "(* when it excludes 0), Growth A, Growth B, Peak B-A; '-' where a figure does not exist.\n"
  "\n"
  "Fields (csv and json: every tag, TOTAL first):\n"
  "  Rank        the tag's place in the ranking (TOTAL has none)\n"
  "  Tag         the tag, byte for byte\n"
  "  Verdict     only-b, both, only-a or neither\n"
  "  VerdictA/B  the leak finder's verdict in that run: leak, suspect, none, not-judged\n"
  "              (present but too short to judge), absent (not in the run)\n"
  "  RateA/B     the leak finder's rate (Theil-Sen slope), units per hour or per\n"
  "              operation; 0 for an absent tag, empty (null) when not judged\n"
  "  RateA/B_Low, _High   its 95 % interval\n"
  "  RateDiff    RateB - RateA\n"
  "  RateDiff_Low, _High  the difference's 95 % interval: the runs are independent, so\n"
  "              each end combines the two intervals' half-widths on that side as the\n"
  "              root of their squares (low: B's lower with A's upper half-width)\n"
  "  Differs     1 when the difference's interval excludes 0\n"
  "  GrowthA/B   last minus first non-zero value in the span (per operation with --per)\n"
  "  GrowthDiff  GrowthB - GrowthA\n"
  "  PeakA/B, PeakDiff, MeanA/B, MeanDiff   the largest value and the mean where present\n"
  "  PresentA/B  snapshots in which the tag is present\n"
  "json: {\"metric\", \"judged_on\", \"time_base\", \"align\", \"span\" (whole or common),\n"
  "\"units\", \"per\": null or [A, B], \"judged\" (false when no leak finder gave rates),\n"
  "\"runs\": [{\"name\", \"paths\", \"first\", \"last\", \"snapshots\", \"hours\"} A, B],\n"
  "\"counts\": {\"only_b\", \"both\", \"only_a\", \"neither\"}, \"total\": ROW, \"tags\": [ROW...]}\n"
  "with ROW {\"rank\", \"tag\", \"verdict\", \"a\": {\"present\", \"verdict\", \"peak\", \"mean\",\n"
  "\"growth\", \"rate\", \"rate_low\", \"rate_high\", \"reason\"}, \"b\": {...}, \"diff\": {\"peak\",\n"
  "\"mean\", \"growth\", \"rate\", \"rate_low\", \"rate_high\", \"differs\"}}; missing numbers are null.\n"
  "\n"
  "Exit status: 0 done, 1 usage error (or the paths do not form two runs), 2 nothing could\n"
  "be loaded or a run lacks the columns for the metric, 3 with --fail-on-new-leak when a\n"
  "tag leaks in B and not in A.";

static gboolean
parse_count (const char *text,
             double     *count)
{
  char *end = NULL;

  *count = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*count) && *count > 0;
}

static gboolean
parse_per (const char *text,
           double      per[2])
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);

  if (n == 1)
    {
      if (!parse_count (g_strstrip (parts[0]), &per[0]))
        return FALSE;
      per[1] = per[0];
      return TRUE;
    }

  return n == 2 && parse_count (g_strstrip (parts[0]), &per[0]) &&
         parse_count (g_strstrip (parts[1]), &per[1]);
}

static int
parse (Compare  *c,
       int       argc,
       char    **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  char **remaining = NULL;
  const GOptionEntry entries[] = {
    { "per", 0, 0, G_OPTION_ARG_STRING, &c->per,
      "Workload of each run (A,B or one count for both): growth and rates per operation",
      "A_COUNT,B_COUNT" },
    { "align", 0, 0, G_OPTION_ARG_STRING, &c->align,
      "elapsed (default: time since each run's start) or clock", "HOW" },
    { "common", 0, 0, G_OPTION_ARG_NONE, &c->common,
      "Compare only the span both runs cover on the aligned axis", NULL },
    { "top", 'n', 0, G_OPTION_ARG_INT, &c->top, "Rows in text output (default 20, 0 for all)", "N" },
    { "fail-on-new-leak", 0, 0, G_OPTION_ARG_NONE, &c->fail_on_new_leak,
      "Exit 3 when a tag leaks in B and not in A", NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &c->format_name, "Output: text (default), csv or json",
      "FORMAT" },
    PS_OPTION_TAGFILE (&c->tagfile),
    PS_OPTION_NO_CACHE (&c->no_cache),
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, "A B" },
    { NULL }
  };

  if (!pm_query_parse_args (c->query, &argc, &argv, &error))
    return ps_usage_error ("compare", "%s", error->message);

  context = g_option_context_new ("- two runs, tag by tag");
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
    "-t/--type METRIC and -ts/--time-stamp DateTimeUTC|DateTime are taken as in the other\n"
    "commands (the old analyzer's spellings); -d DIR adds a path.");
  g_option_context_add_main_entries (context, entries, NULL);
  c->top = 20;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ps_usage_error ("compare", "%s", error->message);

  for (guint i = 0; i < c->query->directories->len; i++)
    g_strv_builder_add (paths, g_ptr_array_index (c->query->directories, i));
  for (guint i = 0; remaining != NULL && remaining[i] != NULL; i++)
    g_strv_builder_add (paths, remaining[i]);
  g_strfreev (remaining);
  c->paths = g_strv_builder_end (paths);

  if (g_strv_length (c->paths) < 2)
    return ps_usage_error ("compare", "give two runs: poolstats compare A B");
  if (c->top < 0)
    return ps_usage_error ("compare", "--top takes a count, 0 for all");

  pm_run_compare_options_init (&c->options);
  if (c->query->have_metric)
    {
      c->options.metric = c->query->metric;
      c->options.judge_both = FALSE;
    }
  c->options.time_base = c->query->time_base;
  c->options.common_span = c->common;
  if (c->align != NULL && !pm_run_align_from_string (c->align, &c->options.align))
    return ps_usage_error ("compare", "--align takes elapsed or clock, not '%s'", c->align);
  if (c->per != NULL && !parse_per (c->per, c->options.per))
    return ps_usage_error ("compare", "--per takes A_COUNT,B_COUNT or one COUNT, positive numbers, "
                           "not '%s'", c->per);

  c->format = PS_FORMAT_TEXT;
  if (c->format_name != NULL &&
      !ps_format_parse (c->format_name, PS_FORMAT_TEXT | PS_FORMAT_CSV | PS_FORMAT_JSON,
                        &c->format, &error))
    return ps_usage_error ("compare", "%s", error->message);

  return PS_CONTINUE;
}

static void
report_problems (PmRunSet *set)
{
  for (guint r = 0; r < pm_run_set_get_n_runs (set); r++)
    {
      guint n = pm_dataset_get_n_problems (pm_run_set_get_dataset (set, r));

      if (n > 0)
        fprintf (stderr, "poolstats compare: %u problems in the input of run '%s', skipped "
                 "('poolstats info' lists them)\n", n, pm_run_set_get_name (set, r));
    }
}

/* Two paths are two runs, as the user says, whatever they look like; more
 * paths are grouped and must make two. Returns PS_CONTINUE or an exit code. */
static int
load (Compare   *c,
      PmRunSet **set)
{
  g_autoptr(PmRunSet) runs = NULL;

  *set = NULL;
  if (g_strv_length (c->paths) == 2)
    {
      PmRunSet *loaded[2] = { NULL, NULL };
      const char *names[2];

      for (guint i = 0; i < 2; i++)
        {
          const char *one[] = { c->paths[i], NULL };

          loaded[i] = ps_load_runs ("compare", one, c->tagfile, c->no_cache);
          if (loaded[i] == NULL)
            {
              g_clear_object (&loaded[0]);
              return PS_EXIT_NO_DATA;
            }
          names[i] = pm_run_set_get_name (loaded[i], 0);
        }
      /* Two folders of one name (runA/pool, runB/pool) go by their paths;
       * one path given twice is A and B. */
      if (g_strcmp0 (names[0], names[1]) == 0)
        {
          gboolean same = g_strcmp0 (c->paths[0], c->paths[1]) == 0;

          names[0] = same ? "A" : c->paths[0];
          names[1] = same ? "B" : c->paths[1];
        }

      *set = pm_run_set_new ();
      for (guint i = 0; i < 2; i++)
        pm_run_set_add (*set, names[i], pm_run_set_get_dataset (loaded[i], 0),
                        pm_run_set_get_paths (loaded[i], 0));
      g_object_unref (loaded[0]);
      g_object_unref (loaded[1]);
      return PS_CONTINUE;
    }

  runs = ps_load_runs ("compare", (const char * const *) c->paths, c->tagfile, c->no_cache);
  if (runs == NULL)
    return PS_EXIT_NO_DATA;
  if (pm_run_set_get_n_runs (runs) != 2)
    {
      g_autofree char *text = pm_run_set_describe (runs);

      fprintf (stderr, "poolstats compare: the paths given are %s\npoolstats compare takes two runs.\n",
               text);
      return PS_EXIT_USAGE;
    }

  *set = g_steal_pointer (&runs);
  return PS_CONTINUE;
}

/* ---- text ----------------------------------------------------------------- */

/* Fixed decimals that suit the size: 1234567, 12.35, 0.0123. */
static char *
format_figure (double value,
               gboolean signed_)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double a = fabs (value);
  const char *format;

  if (isnan (value))
    return g_strdup ("-");
  if (a >= 100 || a == 0)
    format = signed_ ? "%+.0f" : "%.0f";
  else if (a >= 1)
    format = signed_ ? "%+.2f" : "%.2f";
  else
    format = signed_ ? "%+.3g" : "%.3g";

  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

/* The verdict's name, but "n/j" for not judged (the text table's column is
 * narrow) and "?" for a value that is no verdict. */
static const char *
short_verdict (PmRunVerdict verdict)
{
  switch (verdict)
    {
    case PM_RUN_VERDICT_NOT_JUDGED:
      return "n/j";
    case PM_RUN_VERDICT_ABSENT:
    case PM_RUN_VERDICT_NONE:
    case PM_RUN_VERDICT_SUSPECT:
    case PM_RUN_VERDICT_LEAK:
      return pm_run_verdict_to_string (verdict);
    default:
      return "?";
    }
}

typedef struct
{
  char *cells[12];
} TextRow;

static void
text_row_fill (TextRow               *tr,
               guint                  rank,
               const PmRunCompareRow *row,
               gboolean               is_total)
{
  const PmRunTagFigures *a = &row->run[0], *b = &row->run[1];

  tr->cells[0] = is_total ? g_strdup ("") : g_strdup_printf ("%u", rank);
  tr->cells[1] = g_strdup (row->name);
  tr->cells[2] = g_strdup (is_total ? "" : row->growth == PM_RUN_GROWTH_NEITHER ? "-"
                                         : pm_run_growth_to_string (row->growth));
  tr->cells[3] = is_total ? g_strdup ("") : format_figure (a->rate, FALSE);
  tr->cells[4] = g_strdup (is_total ? "" : short_verdict (a->verdict));
  tr->cells[5] = is_total ? g_strdup ("") : format_figure (b->rate, FALSE);
  tr->cells[6] = g_strdup (is_total ? "" : short_verdict (b->verdict));
  tr->cells[7] = is_total ? g_strdup ("") : format_figure (row->d_rate, TRUE);
  if (is_total || isnan (row->d_rate))
    tr->cells[8] = g_strdup ("");
  else
    {
      g_autofree char *lo = format_figure (row->d_rate_low, TRUE);
      g_autofree char *hi = format_figure (row->d_rate_high, TRUE);

      tr->cells[8] = g_strdup_printf ("[%s, %s]%s", lo, hi, row->differs ? " *" : "");
    }
  tr->cells[9] = a->verdict == PM_RUN_VERDICT_ABSENT ? g_strdup ("-") : format_figure (a->growth, TRUE);
  tr->cells[10] = b->verdict == PM_RUN_VERDICT_ABSENT ? g_strdup ("-") : format_figure (b->growth, TRUE);
  tr->cells[11] = format_figure (row->d_peak, TRUE);
}

static void
text_row_clear (TextRow *tr)
{
  for (guint i = 0; i < G_N_ELEMENTS (tr->cells); i++)
    g_free (tr->cells[i]);
}

static char *
describe_run (PmRunCompare *cmp,
              guint         which)
{
  PmRunSet *set = pm_run_compare_get_run_set (cmp);
  guint run = pm_run_compare_get_run (cmp, which);
  PmDataset *dataset = pm_run_set_get_dataset (set, run);
  PmTimeBase base = pm_run_compare_get_options (cmp)->time_base;
  const gint64 *times = pm_dataset_get_times (dataset, base);
  guint first, n;
  g_autofree char *t0 = NULL, *t1 = NULL;

  pm_run_compare_get_range (cmp, which, &first, &n);
  t0 = pm_format_timestamp (times[first]);
  t1 = pm_format_timestamp (times[first + n - 1]);

  return g_strdup_printf ("Run %c '%s': %u snapshots, %.1f h, %s to %s %s", which ? 'B' : 'A',
                          pm_run_set_get_name (set, run), n, pm_run_compare_get_hours (cmp, which),
                          t0, t1, base == PM_TIME_BASE_UTC ? "UTC" : "local");
}

static void
print_text (Compare      *c,
            PmRunCompare *cmp)
{
  static const char * const headers[12] = {
    "Rank", "Tag", "Verdict", "Rate A", "A", "Rate B", "B", "B-A", "95 % interval",
    "Growth A", "Growth B", "Peak B-A",
  };
  static const gboolean left[12] = { FALSE, TRUE, TRUE, FALSE, TRUE, FALSE, TRUE, FALSE, TRUE,
                                     FALSE, FALSE, FALSE };
  const PmRunCompareOptions *o = pm_run_compare_get_options (cmp);
  guint n_rows = pm_run_compare_get_n_rows (cmp);
  guint shown = c->top == 0 ? n_rows : MIN ((guint) c->top, n_rows);
  g_autofree TextRow *rows = g_new0 (TextRow, shown + 1);
  guint widths[12];
  g_autofree char *run_a = describe_run (cmp, 0);
  g_autofree char *run_b = describe_run (cmp, 1);

  printf ("%s\n%s\n", run_a, run_b);
  printf ("Metric:  %s", pm_metric_to_string (o->metric));
  if (o->judge_both && (o->metric == PM_METRIC_TOTAL_USED_BYTES || o->metric == PM_METRIC_TOTAL_DIFF))
    printf (" (verdicts on TotalDiff and TotalUsedBytes together)");
  printf ("; %s, on %s time\n", o->common_span ? "the span both runs cover" : "each run whole",
          o->align == PM_RUN_ALIGN_CLOCK ? "clock" : "elapsed");
  if (pm_run_compare_get_normalised (cmp))
    {
      g_autofree char *pa = format_figure (o->per[0], FALSE), *pb = format_figure (o->per[1], FALSE);

      printf ("Units:   growth and rates per operation (A did %s, B did %s)\n", pa, pb);
    }
  else
    printf ("Units:   rates per hour, growth over the span\n");
  if (!pm_run_compare_get_judged (cmp))
    printf ("Rates:   none (no leak finder in this build): verdicts cannot be given\n");
  printf ("Leaks:   %u only in B, %u in both, %u only in A (%u tags)\n\n",
          pm_run_compare_count (cmp, PM_RUN_GROWTH_ONLY_B), pm_run_compare_count (cmp, PM_RUN_GROWTH_BOTH),
          pm_run_compare_count (cmp, PM_RUN_GROWTH_ONLY_A), n_rows);

  for (guint i = 0; i < shown; i++)
    text_row_fill (&rows[i], i + 1, pm_run_compare_get_row (cmp, i), FALSE);
  text_row_fill (&rows[shown], 0, pm_run_compare_get_total (cmp), TRUE);

  for (guint k = 0; k < 12; k++)
    {
      widths[k] = ps_text_width (headers[k]);
      for (guint i = 0; i <= shown; i++)
        widths[k] = MAX (widths[k], ps_text_width (rows[i].cells[k]));
    }

  for (guint i = 0; i <= shown + 1; i++)
    {
      for (guint k = 0; k < 12; k++)
        {
          const char *cell = i == 0 ? headers[k] : rows[i - 1].cells[k];

          if (k > 0)
            fputs ("  ", stdout);
          ps_print_padded (cell, widths[k], left[k]);
        }
      fputc ('\n', stdout);
    }
  if (shown < n_rows)
    printf ("(%u more tags: --top 0 lists all)\n", n_rows - shown);
  printf ("\nRates: the leak finder's, %s; * the 95 %% interval of B-A excludes 0.\n",
          pm_run_compare_get_normalised (cmp) ? "per operation" : "per hour");

  for (guint i = 0; i <= shown; i++)
    text_row_clear (&rows[i]);
}

/* ---- csv ------------------------------------------------------------------ */

/* Whole numbers exactly, others to six significant digits; NaN empty. */
static void
csv_number (GString *out,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  if (isnan (value) || isinf (value))
    return;
  if (value == floor (value) && fabs (value) < 1e15)
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.0f", value));
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

static void
csv_row (GString               *out,
         guint                  rank,
         const PmRunCompareRow *row,
         gboolean               is_total)
{
  const PmRunTagFigures *f[2] = { &row->run[0], &row->run[1] };

  if (!is_total)
    g_string_append_printf (out, "%u", rank);
  g_string_append_c (out, ',');
  ps_write_csv_field (out, row->name);
  g_string_append_printf (out, ",%s", is_total ? "" : pm_run_growth_to_string (row->growth));
  for (guint w = 0; w < 2; w++)
    g_string_append_printf (out, ",%s", is_total ? "" : pm_run_verdict_to_string (f[w]->verdict));
  for (guint w = 0; w < 2; w++)
    {
      csv_number (out, f[w]->rate);
      csv_number (out, f[w]->rate_low);
      csv_number (out, f[w]->rate_high);
    }
  csv_number (out, row->d_rate);
  csv_number (out, row->d_rate_low);
  csv_number (out, row->d_rate_high);
  g_string_append_printf (out, ",%s", is_total ? "" : row->differs ? "1" : "0");
  for (guint w = 0; w < 2; w++)
    csv_number (out, f[w]->verdict == PM_RUN_VERDICT_ABSENT ? NAN : f[w]->growth);
  csv_number (out, row->d_growth);
  for (guint w = 0; w < 2; w++)
    csv_number (out, f[w]->verdict == PM_RUN_VERDICT_ABSENT ? NAN : (double) f[w]->peak);
  csv_number (out, row->d_peak);
  for (guint w = 0; w < 2; w++)
    csv_number (out, f[w]->verdict == PM_RUN_VERDICT_ABSENT ? NAN : f[w]->mean);
  csv_number (out, row->d_mean);
  g_string_append_printf (out, ",%u,%u\n", f[0]->n_present, f[1]->n_present);
}

static void
print_csv (PmRunCompare *cmp)
{
  g_autoptr(GString) out = g_string_new (
    "Rank,Tag,Verdict,VerdictA,VerdictB,RateA,RateA_Low,RateA_High,RateB,RateB_Low,RateB_High,"
    "RateDiff,RateDiff_Low,RateDiff_High,Differs,GrowthA,GrowthB,GrowthDiff,PeakA,PeakB,PeakDiff,"
    "MeanA,MeanB,MeanDiff,PresentA,PresentB\n");

  csv_row (out, 0, pm_run_compare_get_total (cmp), TRUE);
  for (guint i = 0; i < pm_run_compare_get_n_rows (cmp); i++)
    csv_row (out, i + 1, pm_run_compare_get_row (cmp, i), FALSE);
  fwrite (out->str, 1, out->len, stdout);
}

/* ---- json ----------------------------------------------------------------- */

static void
json_figures (JsonBuilder           *builder,
              const PmRunTagFigures *f,
              gboolean               is_total)
{
  gboolean present = f->verdict != PM_RUN_VERDICT_ABSENT;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "present");
  json_builder_add_int_value (builder, f->n_present);
  json_builder_set_member_name (builder, "verdict");
  ps_json_add_string_or_null (builder, is_total ? NULL : pm_run_verdict_to_string (f->verdict));
  json_builder_set_member_name (builder, "peak");
  ps_json_add_int_or_null (builder, present, f->peak);
  json_builder_set_member_name (builder, "mean");
  ps_json_add_double (builder, present ? f->mean : NAN);
  json_builder_set_member_name (builder, "growth");
  ps_json_add_double (builder, present ? f->growth : NAN);
  json_builder_set_member_name (builder, "rate");
  ps_json_add_double (builder, f->rate);
  json_builder_set_member_name (builder, "rate_low");
  ps_json_add_double (builder, f->rate_low);
  json_builder_set_member_name (builder, "rate_high");
  ps_json_add_double (builder, f->rate_high);
  json_builder_set_member_name (builder, "reason");
  ps_json_add_string_or_null (builder, f->reason);
  json_builder_end_object (builder);
}

static void
json_row (JsonBuilder           *builder,
          guint                  rank,
          const PmRunCompareRow *row,
          gboolean               is_total)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rank");
  ps_json_add_int_or_null (builder, !is_total, rank);
  json_builder_set_member_name (builder, "tag");
  json_builder_add_string_value (builder, row->name);
  json_builder_set_member_name (builder, "verdict");
  ps_json_add_string_or_null (builder, is_total ? NULL : pm_run_growth_to_string (row->growth));
  json_builder_set_member_name (builder, "a");
  json_figures (builder, &row->run[0], is_total);
  json_builder_set_member_name (builder, "b");
  json_figures (builder, &row->run[1], is_total);
  json_builder_set_member_name (builder, "diff");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "peak");
  ps_json_add_double (builder, row->d_peak);
  json_builder_set_member_name (builder, "mean");
  ps_json_add_double (builder, row->d_mean);
  json_builder_set_member_name (builder, "growth");
  ps_json_add_double (builder, row->d_growth);
  json_builder_set_member_name (builder, "rate");
  ps_json_add_double (builder, row->d_rate);
  json_builder_set_member_name (builder, "rate_low");
  ps_json_add_double (builder, row->d_rate_low);
  json_builder_set_member_name (builder, "rate_high");
  ps_json_add_double (builder, row->d_rate_high);
  json_builder_set_member_name (builder, "differs");
  json_builder_add_boolean_value (builder, row->differs);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
json_run (JsonBuilder  *builder,
          PmRunCompare *cmp,
          guint         which)
{
  PmRunSet *set = pm_run_compare_get_run_set (cmp);
  guint run = pm_run_compare_get_run (cmp, which);
  PmDataset *dataset = pm_run_set_get_dataset (set, run);
  const gint64 *times = pm_dataset_get_times (dataset, pm_run_compare_get_options (cmp)->time_base);
  const char * const *paths = pm_run_set_get_paths (set, run);
  guint first, n;
  g_autofree char *t0 = NULL, *t1 = NULL;

  pm_run_compare_get_range (cmp, which, &first, &n);
  t0 = pm_format_timestamp (times[first]);
  t1 = pm_format_timestamp (times[first + n - 1]);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pm_run_set_get_name (set, run));
  json_builder_set_member_name (builder, "paths");
  json_builder_begin_array (builder);
  for (guint p = 0; paths[p] != NULL; p++)
    json_builder_add_string_value (builder, paths[p]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "first");
  json_builder_add_string_value (builder, t0);
  json_builder_set_member_name (builder, "last");
  json_builder_add_string_value (builder, t1);
  json_builder_set_member_name (builder, "snapshots");
  json_builder_add_int_value (builder, n);
  json_builder_set_member_name (builder, "hours");
  json_builder_add_double_value (builder, pm_run_compare_get_hours (cmp, which));
  json_builder_end_object (builder);
}

static void
print_json (PmRunCompare *cmp)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const PmRunCompareOptions *o = pm_run_compare_get_options (cmp);
  gboolean both = o->judge_both && (o->metric == PM_METRIC_TOTAL_USED_BYTES ||
                                    o->metric == PM_METRIC_TOTAL_DIFF);
  static const struct { const char *name; PmRunGrowth growth; } counts[] = {
    { "only_b", PM_RUN_GROWTH_ONLY_B }, { "both", PM_RUN_GROWTH_BOTH },
    { "only_a", PM_RUN_GROWTH_ONLY_A }, { "neither", PM_RUN_GROWTH_NEITHER },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, pm_metric_to_string (o->metric));
  json_builder_set_member_name (builder, "judged_on");
  json_builder_add_string_value (builder, both ? "TotalDiff+TotalUsedBytes" : pm_metric_to_string (o->metric));
  json_builder_set_member_name (builder, "time_base");
  json_builder_add_string_value (builder, pm_time_base_to_string (o->time_base));
  json_builder_set_member_name (builder, "align");
  json_builder_add_string_value (builder, pm_run_align_to_string (o->align));
  json_builder_set_member_name (builder, "span");
  json_builder_add_string_value (builder, o->common_span ? "common" : "whole");
  json_builder_set_member_name (builder, "units");
  json_builder_add_string_value (builder, pm_run_compare_get_normalised (cmp) ? "per operation" : "per hour");
  json_builder_set_member_name (builder, "per");
  if (pm_run_compare_get_normalised (cmp))
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, o->per[0]);
      json_builder_add_double_value (builder, o->per[1]);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "judged");
  json_builder_add_boolean_value (builder, pm_run_compare_get_judged (cmp));

  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  json_run (builder, cmp, 0);
  json_run (builder, cmp, 1);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].name);
      json_builder_add_int_value (builder, pm_run_compare_count (cmp, counts[i].growth));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "total");
  json_row (builder, 0, pm_run_compare_get_total (cmp), TRUE);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pm_run_compare_get_n_rows (cmp); i++)
    json_row (builder, i + 1, pm_run_compare_get_row (cmp, i), FALSE);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  ps_print_json (json_builder_get_root (builder));
}

/* ---- the command ----------------------------------------------------------- */

static int
new_leaks (PmRunCompare *cmp)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = pm_run_compare_count (cmp, PM_RUN_GROWTH_ONLY_B);

  if (n == 0)
    return PS_EXIT_OK;

  for (guint i = 0, listed = 0; i < pm_run_compare_get_n_rows (cmp) && listed < 10; i++)
    {
      const PmRunCompareRow *row = pm_run_compare_get_row (cmp, i);

      if (row->growth != PM_RUN_GROWTH_ONLY_B)
        continue;
      g_string_append_printf (names, "%s\"%s\"", listed++ ? ", " : "", row->name);
    }
  fprintf (stderr, "poolstats compare: %u tag%s leak%s in B and not in A: %s%s\n", n,
           n == 1 ? "" : "s", n == 1 ? "s" : "", names->str, n > 10 ? ", ..." : "");

  return PS_EXIT_NEW_LEAK;
}

int
ps_command_compare (int    argc,
                    char **argv)
{
  Compare c = { 0 };
  g_autoptr(PmRunSet) set = NULL;
  g_autoptr(PmRunCompare) cmp = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  c.query = pm_query_new ();
  status = parse (&c, argc, argv);
  if (status == PS_CONTINUE)
    status = load (&c, &set);
  if (status != PS_CONTINUE)
    {
      compare_clear (&c);
      return status;
    }

  report_problems (set);
  cmp = pm_run_compare_new (set, 0, 1, &c.options, NULL, &error);
  if (cmp == NULL)
    {
      fprintf (stderr, "poolstats compare: %s\n", error->message);
      compare_clear (&c);
      return g_error_matches (error, PM_ERROR, PM_ERROR_INVALID) ? PS_EXIT_USAGE : PS_EXIT_NO_DATA;
    }

  if (c.format == PS_FORMAT_JSON)
    print_json (cmp);
  else if (c.format == PS_FORMAT_CSV)
    print_csv (cmp);
  else
    print_text (&c, cmp);

  status = c.fail_on_new_leak ? new_leaks (cmp) : PS_EXIT_OK;
  compare_clear (&c);
  return status;
}
