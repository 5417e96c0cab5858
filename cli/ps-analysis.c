/* ps-analysis.c: what poolstats rank, corr and tags share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ps-analysis.h"

#include <math.h>
#include <string.h>

void
ps_analysis_init (PsAnalysis *self,
                  const char *command)
{
  memset (self, 0, sizeof *self);
  self->command = command;
  self->query = pm_query_new ();
}

void
ps_analysis_clear (PsAnalysis *self)
{
  g_clear_pointer (&self->query, pm_query_free);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->format_name, g_free);
  g_clear_pointer (&self->tagfile, g_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_object (&self->dataset);
}

/* The old options first (GOption cannot take `-nh 3` or `-it A B`), then
 * GOption for ours and the folders. Returns PS_CONTINUE or an exit code. */
int
ps_analysis_parse (PsAnalysis         *self,
                   int                 argc,
                   char              **argv,
                   const GOptionEntry *extra,
                   const char         *parameter,
                   const char         *summary,
                   const char         *formats,
                   PsFormat            allowed,
                   PsFormat            default_format)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *format_help = g_strdup_printf ("Output: %s", formats);
  char **remaining = NULL;
  const GOptionEntry common[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &self->format_name, format_help, "FORMAT" },
    PS_OPTION_TAGFILE (&self->tagfile),
    PS_OPTION_NO_CACHE (&self->no_cache),
    { "from", 0, 0, G_OPTION_ARG_STRING, &self->from,
      "Only snapshots at or after TIME (YYYY-MM-DDTHH:MM:SS, in the -ts time base)", "TIME" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &self->to,
      "Only snapshots at or before TIME", "TIME" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, "PATH..." },
    { NULL }
  };
  GPtrArray *dirs;
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();

  if (!pm_query_parse_args (self->query, &argc, &argv, &error))
    return ps_usage_error (self->command, "%s", error->message);

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  description = g_strconcat ("The old analyzer's options (visualize.py's spellings):\n",
                             pm_query_get_help (),
                             "\nA tag given to -it, -et or --tags matches byte for byte, or else as a\n"
                             "pattern: trailing spaces do not matter ('Mm' is 'Mm  '), '?' is one\n"
                             "byte, '*' any run. Quote tags that hold spaces.\n"
                             "\nSeveral paths must form one run (a run split into day folders): paths\n"
                             "that are separate runs (time ranges that interleave, the same times with\n"
                             "other counters, counters that neither continue nor start again) are\n"
                             "refused with exit status 1, naming the runs and why; compare two runs\n"
                             "with 'poolstats compare A B'.\n"
                             "\nExit status: 0 done, 1 usage error (or separate runs), 2 nothing could\n"
                             "be loaded or the files lack the columns for the metric.",
                             NULL);
  g_option_context_set_description (context, description);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, NULL);
  g_option_context_add_main_entries (context, common, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ps_usage_error (self->command, "%s", error->message);

  dirs = self->query->directories;
  for (guint i = 0; i < dirs->len; i++)
    g_strv_builder_add (paths, g_ptr_array_index (dirs, i));
  for (guint i = 0; remaining != NULL && remaining[i] != NULL; i++)
    g_strv_builder_add (paths, remaining[i]);
  g_strfreev (remaining);
  self->paths = g_strv_builder_end (paths);

  if (self->paths[0] == NULL)
    return ps_usage_error (self->command, "no folder or file given (PATH or -d DIR)");
  if (!self->query->have_metric && !self->metric_optional)
    return ps_usage_error (self->command, "-t/--type is required: one of TotalUsedBytes, PagedDiff, "
                           "NonPagedDiff, TotalDiff, PagedUsedBytes, NonPagedUsedBytes");

  self->format = default_format;
  if (self->format_name != NULL &&
      !ps_format_parse (self->format_name, allowed, &self->format, &error))
    return ps_usage_error (self->command, "%s", error->message);

  return PS_CONTINUE;
}

static gboolean
parse_time (const char *text,
            gint64     *seconds)
{
  return pm_parse_timestamp (text, strlen (text), seconds);
}

/* Loads, checks the metric and resolves --from/--to to a snapshot range.
 * Paths that are separate runs are refused (exit 1, with the runs and what
 * tells them apart): rank, tags and corr analyse one run; compare takes two.
 * Returns PS_CONTINUE or an exit code. */
int
ps_analysis_load (PsAnalysis *self)
{
  PmQuery *q = self->query;
  gint64 t0 = G_MININT64, t1 = G_MAXINT64;
  int status;

  if ((self->from != NULL && !parse_time (self->from, &t0)) ||
      (self->to != NULL && !parse_time (self->to, &t1)))
    return ps_usage_error (self->command, "--from and --to take YYYY-MM-DDTHH:MM:SS");
  if (self->from != NULL && self->to != NULL && t0 > t1)
    return ps_usage_error (self->command, "--from %s is after --to %s", self->from, self->to);

  status = ps_load_one_run (self->command, (const char * const *) self->paths, self->tagfile,
                            self->no_cache, &self->dataset);
  if (status != PS_EXIT_OK)
    return status;
  if (pm_dataset_get_n_problems (self->dataset) > 0)
    fprintf (stderr, "poolstats %s: %u problems in the input, skipped ('poolstats info' lists them)\n",
             self->command, pm_dataset_get_n_problems (self->dataset));

  if (q->have_metric && !pm_dataset_has_metric (self->dataset, q->metric))
    {
      fprintf (stderr, "poolstats %s: the files have no columns to compute %s from\n",
               self->command, pm_metric_to_string (q->metric));
      return PS_EXIT_NO_DATA;
    }

  self->first = 0;
  self->n_snapshots = pm_dataset_get_n_snapshots (self->dataset);
  if (self->from != NULL || self->to != NULL)
    {
      if (!pm_dataset_has_time_base (self->dataset, q->time_base))
        {
          fprintf (stderr, "poolstats %s: the files have no %s column\n",
                   self->command, pm_time_base_to_string (q->time_base));
          return PS_EXIT_NO_DATA;
        }
      if (!pm_snapshot_range_from_times (self->dataset, q->time_base, t0, t1,
                                         &self->first, &self->n_snapshots))
        {
          fprintf (stderr, "poolstats %s: no snapshot lies in the time range given\n", self->command);
          return PS_EXIT_NO_DATA;
        }
    }

  return PS_CONTINUE;
}

/* The figures of every tag over the command's metric and range. The metric
 * was checked by ps_analysis_load(), so this cannot fail. */
PmTagTable *
ps_analysis_tag_table (PsAnalysis *self)
{
  g_autoptr(GError) error = NULL;
  PmTagTable *table;

  table = pm_tag_table_new (self->dataset, self->query->metric, self->first,
                            self->n_snapshots, &error);
  g_assert_no_error (error);

  return table;
}

/* The old analyzer's rankings and selection from -nh/-it/-et..., with a
 * warning on stderr for each -it/-et name that matched no tag. */
PmRankResult *
ps_analysis_rank (PsAnalysis *self)
{
  g_autoptr(PmTagTable) table = ps_analysis_tag_table (self);
  PmRankOptions options;
  PmRankResult *result;
  const char * const *unmatched;

  pm_query_get_rank_options (self->query, &options);
  result = pm_rank (table, &options);

  unmatched = pm_rank_result_get_unmatched (result);
  for (guint i = 0; unmatched[i] != NULL; i++)
    fprintf (stderr, "poolstats %s: no tag matches '%s'\n", self->command, unmatched[i]);

  return result;
}

/* Opens the JSON object that rank and tags write, with what it is about. */
void
ps_analysis_json_begin (PsAnalysis  *self,
                        JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, pm_metric_to_string (self->query->metric));
  json_builder_set_member_name (builder, "time_base");
  json_builder_add_string_value (builder, pm_time_base_to_string (self->query->time_base));
  json_builder_set_member_name (builder, "snapshots");
  json_builder_add_int_value (builder, self->n_snapshots);
}

/**
 * ps_format_double:
 *
 * Formats in the C locale whatever the user's (a CSV must not get decimal
 * commas). NaN gives "nan".
 */
char *
ps_format_double (double value,
                  int    decimals)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("nan");

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

/**
 * ps_text_width:
 *
 * Returns: the columns @text takes on a terminal (characters, for tags
 *   such as "µDrv"; bytes when it is not UTF-8)
 */
guint
ps_text_width (const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return g_utf8_strlen (text, -1);
  return strlen (text);
}

/**
 * ps_print_padded:
 * @left: pad on the right (left-aligned) rather than on the left
 *
 * Prints @text in a column @width wide.
 */
void
ps_print_padded (const char *text,
                 guint       width,
                 gboolean    left)
{
  guint w = ps_text_width (text);
  guint pad = w < width ? width - w : 0;

  if (!left)
    printf ("%*s", (int) pad, "");
  fputs (text, stdout);
  if (left)
    printf ("%*s", (int) pad, "");
}

/* JSON has no NaN: an undefined number is null. */
void
ps_json_add_double (JsonBuilder *builder,
                    double       value)
{
  if (isnan (value) || isinf (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/* A figure that does not exist (a tag never present, no non-zero value) is
 * null, never 0. */
void
ps_json_add_int_or_null (JsonBuilder *builder,
                         gboolean     defined,
                         gint64       value)
{
  if (defined)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
time_of (PmDataset  *dataset,
         PmTimeBase  base,
         guint       snapshot)
{
  if (snapshot == G_MAXUINT || !pm_dataset_has_time_base (dataset, base))
    return NULL;

  return pm_format_timestamp (pm_dataset_get_times (dataset, base)[snapshot]);
}

static const char * const stats_columns[] = {
  "Tag", "Present", "First", "Last", "Peak", "Mean", "FirstNonZero", "LastNonZero",
  "Increase", "IncreasePct", "Binary", "Description",
};

/**
 * ps_tag_stats_csv_header:
 *
 * Appends the header line of the tag table.
 */
void
ps_tag_stats_csv_header (GString *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (stats_columns); i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", stats_columns[i]);
  g_string_append_c (out, '\n');
}

/**
 * ps_tag_stats_csv_row:
 *
 * Appends one tag's line: times in @base, Mean and IncreasePct with three
 * decimals, empty fields where a figure does not exist (never present, no
 * non-zero value).
 */
void
ps_tag_stats_csv_row (GString          *out,
                      PmDataset        *dataset,
                      PmTimeBase        base,
                      const PmTagStats *st)
{
  g_autofree char *first = time_of (dataset, base, st->first_snapshot);
  g_autofree char *last = time_of (dataset, base, st->last_snapshot);
  g_autofree char *mean = st->n_present ? ps_format_double (st->mean, 3) : g_strdup ("");
  g_autofree char *pct = st->n_nonzero ? ps_format_double (st->increase_pct, 3) : g_strdup ("");
  const char *binary = pm_dataset_get_tag_binary (dataset, st->tag);
  const char *description = pm_dataset_get_tag_description (dataset, st->tag);

  ps_write_csv_field (out, pm_dataset_get_tag_name (dataset, st->tag));
  g_string_append_printf (out, ",%u,%s,%s,", st->n_present, first ? first : "", last ? last : "");
  if (st->n_present)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, st->peak);
  g_string_append_printf (out, ",%s,", mean);
  if (st->n_nonzero)
    g_string_append_printf (out, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                            st->first_nonzero, st->last_nonzero, st->increase_abs);
  else
    g_string_append (out, ",,");
  g_string_append_printf (out, ",%s,", pct);
  ps_write_csv_field (out, binary ? binary : "");
  g_string_append_c (out, ',');
  ps_write_csv_field (out, description ? description : "");
  g_string_append_c (out, '\n');
}

/**
 * ps_tag_stats_json:
 *
 * Adds one tag's figures as an object; figures that do not exist are null.
 */
void
ps_tag_stats_json (JsonBuilder      *builder,
                   PmDataset        *dataset,
                   PmTimeBase        base,
                   const PmTagStats *st)
{
  g_autofree char *first = time_of (dataset, base, st->first_snapshot);
  g_autofree char *last = time_of (dataset, base, st->last_snapshot);
  const char *binary = pm_dataset_get_tag_binary (dataset, st->tag);
  const char *description = pm_dataset_get_tag_description (dataset, st->tag);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tag");
  json_builder_add_string_value (builder, pm_dataset_get_tag_name (dataset, st->tag));
  json_builder_set_member_name (builder, "present");
  json_builder_add_int_value (builder, st->n_present);
  json_builder_set_member_name (builder, "first");
  ps_json_add_string_or_null (builder, first);
  json_builder_set_member_name (builder, "last");
  ps_json_add_string_or_null (builder, last);
  json_builder_set_member_name (builder, "peak");
  ps_json_add_int_or_null (builder, st->n_present, st->peak);
  json_builder_set_member_name (builder, "mean");
  ps_json_add_double (builder, st->mean);
  json_builder_set_member_name (builder, "first_nonzero");
  ps_json_add_int_or_null (builder, st->n_nonzero, st->first_nonzero);
  json_builder_set_member_name (builder, "last_nonzero");
  ps_json_add_int_or_null (builder, st->n_nonzero, st->last_nonzero);
  json_builder_set_member_name (builder, "increase_abs");
  ps_json_add_int_or_null (builder, st->n_nonzero, st->increase_abs);
  json_builder_set_member_name (builder, "increase_pct");
  ps_json_add_double (builder, st->increase_pct);
  json_builder_set_member_name (builder, "binary");
  json_builder_add_string_value (builder, binary ? binary : "");
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description ? description : "");
  json_builder_end_object (builder);
}
