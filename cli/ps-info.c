/* ps-info.c: poolstats info — what a folder of snapshots holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ps-common.h"

/* "3 h 10 min": the two largest units that are not zero. */
static char *
format_span (gint64 seconds)
{
  static const struct { gint64 size; const char *name; } units[] = {
    { 86400, "d" }, { 3600, "h" }, { 60, "min" }, { 1, "s" },
  };
  GString *text = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (units) && shown < 2; i++)
    {
      gint64 n = seconds / units[i].size;

      if (n == 0 && shown == 0)
        continue;
      if (n > 0)
        g_string_append_printf (text, "%s%" G_GINT64_FORMAT " %s", text->len ? " " : "", n,
                                units[i].name);
      seconds -= n * units[i].size;
      shown++;
    }

  if (text->len == 0)
    g_string_append (text, "0 s");
  return g_string_free (text, FALSE);
}

static char *
time_or_null (PmDataset  *dataset,
              PmTimeBase  base,
              gboolean    last)
{
  guint n = pm_dataset_get_n_snapshots (dataset);

  if (!pm_dataset_has_time_base (dataset, base) || n == 0)
    return NULL;

  return pm_format_timestamp (pm_dataset_get_times (dataset, base)[last ? n - 1 : 0]);
}

/* The members of one run's object (the object is opened by the caller). */
static void
add_info_members (JsonBuilder *builder,
                  PmDataset   *dataset)
{
  GPtrArray *problems = pm_dataset_get_problems (dataset);
  GPtrArray *files = pm_dataset_get_files (dataset);
  static const char * const keys[] = { "first_utc", "last_utc", "first_local", "last_local" };
  gint64 median = pm_dataset_get_median_interval (dataset);
  g_autoptr(GArray) gaps = pm_dataset_get_gaps (dataset);
  const gint64 *times = pm_dataset_get_times (dataset, PM_TIME_BASE_UTC);
  guint n_boots = 0;
  const guint *boots = pm_dataset_get_boots (dataset, &n_boots);

  json_builder_set_member_name (builder, "files");
  json_builder_add_int_value (builder, files->len);
  json_builder_set_member_name (builder, "snapshots");
  json_builder_add_int_value (builder, pm_dataset_get_n_snapshots (dataset));
  json_builder_set_member_name (builder, "tags");
  json_builder_add_int_value (builder, pm_dataset_get_n_tags (dataset));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *value = time_or_null (dataset, i < 2 ? PM_TIME_BASE_UTC : PM_TIME_BASE_LOCAL,
                                             i % 2 == 1);

      json_builder_set_member_name (builder, keys[i]);
      ps_json_add_string_or_null (builder, value);
    }

  json_builder_set_member_name (builder, "median_interval_seconds");
  json_builder_add_int_value (builder, median);

  json_builder_set_member_name (builder, "reboots");
  if (boots == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_boots; i++)
        {
          g_autofree char *before = pm_format_timestamp (times[boots[i] - 1]);
          g_autofree char *after = pm_format_timestamp (times[boots[i]]);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "before_utc");
          json_builder_add_string_value (builder, before);
          json_builder_set_member_name (builder, "after_utc");
          json_builder_add_string_value (builder, after);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "gaps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < gaps->len; i++)
    {
      guint after = g_array_index (gaps, guint, i);
      g_autofree char *from = pm_format_timestamp (times[after - 1]);
      g_autofree char *to = pm_format_timestamp (times[after]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from_utc");
      json_builder_add_string_value (builder, from);
      json_builder_set_member_name (builder, "to_utc");
      json_builder_add_string_value (builder, to);
      json_builder_set_member_name (builder, "seconds");
      json_builder_add_int_value (builder, times[after] - times[after - 1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "metrics");
  json_builder_begin_array (builder);
  for (PmMetric m = 0; m < PM_N_METRICS; m++)
    if (pm_dataset_has_metric (dataset, m))
      json_builder_add_string_value (builder, pm_metric_to_string (m));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      const PmProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      ps_json_add_text (builder, "file", problem->file);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
      ps_json_add_text (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "file_reports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < files->len; i++)
    {
      const PmFileReport *report = g_ptr_array_index (files, i);

      json_builder_begin_object (builder);
      ps_json_add_text (builder, "file", report->path);
      json_builder_set_member_name (builder, "rows_loaded");
      json_builder_add_int_value (builder, report->rows_loaded);
      json_builder_set_member_name (builder, "rows_skipped");
      json_builder_add_int_value (builder, report->rows_skipped);
      json_builder_set_member_name (builder, "snapshots");
      json_builder_add_int_value (builder, report->n_snapshots);
      json_builder_set_member_name (builder, "problems");
      json_builder_add_int_value (builder, report->n_problems);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The first run's members at the top, as before runs existed, and every
 * run, the first included, under "runs". */
static JsonNode *
info_to_json (PmRunSet *runs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_info_members (builder, pm_run_set_get_dataset (runs, 0));

  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint r = 0; r < pm_run_set_get_n_runs (runs); r++)
    {
      const char * const *paths = pm_run_set_get_paths (runs, r);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, pm_run_set_get_name (runs, r));
      json_builder_set_member_name (builder, "paths");
      json_builder_begin_array (builder);
      for (guint p = 0; paths[p] != NULL; p++)
        json_builder_add_string_value (builder, paths[p]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "separation");
      json_builder_add_string_value (builder,
                                     pm_run_separation_to_string (pm_run_set_get_separation (runs, r)));
      json_builder_set_member_name (builder, "reason");
      ps_json_add_string_or_null (builder, pm_run_set_get_reason (runs, r));
      add_info_members (builder, pm_run_set_get_dataset (runs, r));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_reboots (PmDataset *dataset)
{
  const gint64 *times = pm_dataset_get_times (dataset, PM_TIME_BASE_UTC);
  guint n_boots = 0;
  const guint *boots = pm_dataset_get_boots (dataset, &n_boots);

  if (boots == NULL)
    printf ("Reboots:    cannot be told (the files have no Allocs columns)\n");
  else if (n_boots == 0)
    printf ("Reboots:    none seen\n");
  else
    for (guint i = 0; i < n_boots; i++)
      {
        g_autofree char *before = pm_format_timestamp (times[boots[i] - 1]);
        g_autofree char *after = pm_format_timestamp (times[boots[i]]);

        printf ("%s between %s and %s UTC (counters started again)\n",
                i == 0 ? "Reboots:   " : "           ", before, after);
      }
}

static void
print_text (PmDataset *dataset)
{
  GPtrArray *files = pm_dataset_get_files (dataset);
  guint n_rows = 0, n_skipped = 0, n_problem_files = 0;
  gint64 median = pm_dataset_get_median_interval (dataset);
  g_autofree char *interval = format_span (median);
  g_autoptr(GArray) gaps = pm_dataset_get_gaps (dataset);
  g_autoptr(GString) metrics = g_string_new (NULL);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    {
      const PmFileReport *report = g_ptr_array_index (files, i);

      n_rows += report->rows_loaded;
      n_skipped += report->rows_skipped;
      n_problem_files += report->n_problems > 0;
    }

  for (PmMetric m = 0; m < PM_N_METRICS; m++)
    g_string_append_printf (pm_dataset_has_metric (dataset, m) ? metrics : missing, "%s%s",
                            (pm_dataset_has_metric (dataset, m) ? metrics : missing)->len ? " " : "",
                            pm_metric_to_string (m));

  printf ("Files:      %u (%u with problems)\n", files->len, n_problem_files);
  printf ("Rows:       %u loaded, %u skipped\n", n_rows, n_skipped);
  printf ("Snapshots:  %u\n", pm_dataset_get_n_snapshots (dataset));
  for (int last = 0; last <= 1; last++)
    {
      g_autofree char *utc = time_or_null (dataset, PM_TIME_BASE_UTC, last);
      g_autofree char *local = time_or_null (dataset, PM_TIME_BASE_LOCAL, last);

      printf ("%s      %s UTC   %s local\n", last ? "Last: " : "First:",
              utc ? utc : "(none)", local ? local : "(none)");
    }
  printf ("Interval:   %s (median)\n", interval);
  if (gaps->len == 0)
    printf ("Gaps:       none longer than three median intervals\n");
  else
    {
      const gint64 *times = pm_dataset_get_times (dataset, PM_TIME_BASE_UTC);
      guint longest = g_array_index (gaps, guint, 0);
      g_autofree char *span = NULL, *from = NULL, *to = NULL;

      for (guint i = 1; i < gaps->len; i++)
        {
          guint g = g_array_index (gaps, guint, i);

          if (times[g] - times[g - 1] > times[longest] - times[longest - 1])
            longest = g;
        }
      span = format_span (times[longest] - times[longest - 1]);
      from = pm_format_timestamp (times[longest - 1]);
      to = pm_format_timestamp (times[longest]);
      printf ("Gaps:       %u longer than three median intervals; the longest %s, %s to %s UTC\n",
              gaps->len, span, from, to);
    }
  print_reboots (dataset);
  printf ("Tags:       %u (and TOTAL)\n", pm_dataset_get_n_tags (dataset));
  printf ("Metrics:    %s\n", metrics->str);
  if (missing->len > 0)
    printf ("Missing:    %s (the files lack the columns)\n", missing->str);
  printf ("Problems:   %u%s\n", pm_dataset_get_n_problems (dataset),
          pm_dataset_get_n_problems (dataset) ? " (listed on stderr)" : "");
}

/* Separate runs: what they are and why, then each run's block. */
static void
print_runs_text (PmRunSet *runs)
{
  g_autofree char *text = pm_run_set_describe (runs);

  printf ("Runs:       %s\n", text);
  printf ("            (each run below on its own; 'poolstats compare A B' compares two)\n");
  for (guint r = 0; r < pm_run_set_get_n_runs (runs); r++)
    {
      PmDataset *dataset = pm_run_set_get_dataset (runs, r);

      printf ("\nRun %u '%s'\n", r + 1, pm_run_set_get_name (runs, r));
      print_text (dataset);
      ps_print_problems (dataset, stderr);
    }
}

int
ps_command_info (int    argc,
                 char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *tagfile = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmRunSet) runs = NULL;
  PsFormat format = PS_FORMAT_TEXT;
  gboolean no_cache = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "Output: text (default) or json", "FORMAT" },
    PS_OPTION_TAGFILE (&tagfile),
    PS_OPTION_NO_CACHE (&no_cache),
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
    { NULL }
  };

  context = g_option_context_new ("PATH... - what a folder of pool-tag snapshots holds");
  g_option_context_set_summary (context,
    "Prints the files read, snapshots, the first and last time in UTC and local time, the\n"
    "median interval and the gaps longer than three of it, the reboots of the lab machine\n"
    "(where most allocation counters start again), the number of tags, which metrics the\n"
    "columns allow, and every problem found (file:line: message; on stderr in text mode).\n"
    "\n"
    "JSON: {\"files\", \"snapshots\", \"tags\" (TOTAL not counted), \"first_utc\", \"last_utc\",\n"
    "\"first_local\", \"last_local\", \"median_interval_seconds\", \"gaps\": [{\"from_utc\",\n"
    "\"to_utc\", \"seconds\"}] (steps over three median intervals), \"reboots\":\n"
    "[{\"before_utc\", \"after_utc\"}] (null without Allocs columns), \"metrics\": [...],\n"
    "\"problems\": [{\"file\", \"line\", \"message\"}], \"file_reports\": [...],\n"
    "\"runs\": [{\"name\", \"paths\": [...], \"separation\", \"reason\", and the members above\n"
    "for that run}]}; the members at the top are the first run's. A file name that is not\n"
    "UTF-8 shows U+FFFD for the bad bytes, and \"file_bytes\" holds its bytes in hex.\n"
    "\n"
    "Several paths that form one series (a run split into day folders) are one run. Paths\n"
    "that are separate runs are never merged: their time ranges interleave (separation\n"
    "\"interleaved\"), the same times hold other counters (\"conflict\"), the allocation\n"
    "counters neither continue nor start again where one follows the other (\"counters\"),\n"
    "or the tags there have too little in common (\"tags\"). Text output then lists the runs,\n"
    "the reason for each (naming the paths), and each run's figures in turn.\n"
    "Exit status: 0 data loaded, 1 usage error, 2 nothing could be loaded.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ps_usage_error ("info", "%s", error->message);
  if (paths == NULL || paths[0] == NULL)
    return ps_usage_error ("info", "no folder or file given");
  if (format_name != NULL && !ps_format_parse (format_name, PS_FORMAT_TEXT | PS_FORMAT_JSON,
                                               &format, &error))
    return ps_usage_error ("info", "%s", error->message);

  runs = ps_load_runs ("info", (const char * const *) paths, tagfile, no_cache);
  if (runs == NULL)
    return PS_EXIT_NO_DATA;

  if (format == PS_FORMAT_JSON)
    ps_print_json (info_to_json (runs));
  else if (pm_run_set_get_n_runs (runs) == 1)
    {
      print_text (pm_run_set_get_dataset (runs, 0));
      ps_print_problems (pm_run_set_get_dataset (runs, 0), stderr);
    }
  else
    print_runs_text (runs);

  return PS_EXIT_OK;
}
