/* ps-corr.c: poolstats corr — Pearson correlation between tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ps-analysis.h"
#include "ps-write.h"

#include <math.h>
#include <string.h>

typedef struct
{
  gint64 started;
  gboolean shown;
} Progress;

/* A percentage on stderr, only on a terminal and only for long runs. */
static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *p = user_data;

  if (g_get_monotonic_time () - p->started < G_TIME_SPAN_SECOND / 2)
    return;
  fprintf (stderr, "\rcorrelating... %3d%%", (int) (fraction * 100));
  fflush (stderr);
  p->shown = TRUE;
}

static void
write_csv (PmDataset    *dataset,
           PmCorrMatrix *m)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = pm_corr_matrix_get_size (m);
  const double *r = pm_corr_matrix_get_data (m);

  for (guint j = 0; j < n; j++)
    {
      g_string_append_c (out, ',');
      ps_write_csv_field (out, pm_dataset_get_tag_name (dataset, pm_corr_matrix_get_tag (m, j)));
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < n; i++)
    {
      ps_write_csv_field (out, pm_dataset_get_tag_name (dataset, pm_corr_matrix_get_tag (m, i)));
      for (guint j = 0; j < n; j++)
        {
          double v = r[(gsize) i * n + j];

          g_string_append_c (out, ',');
          if (!isnan (v))
            ps_append_fixed (out, v, 6);
        }
      g_string_append_c (out, '\n');

      /* 3,001 rows of 3,001 values: write as we go, not all at the end. */
      if (out->len > (1 << 20))
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }

  fwrite (out->str, 1, out->len, stdout);
}

static void
write_text (PmDataset    *dataset,
            PmCorrMatrix *m)
{
  guint n = pm_corr_matrix_get_size (m);
  guint width = 6;

  for (guint i = 0; i < n; i++)
    width = MAX (width, ps_text_width (pm_dataset_get_tag_name (dataset, pm_corr_matrix_get_tag (m, i))));

  ps_print_padded ("", width, TRUE);
  for (guint j = 0; j < n; j++)
    {
      fputc (' ', stdout);
      ps_print_padded (pm_dataset_get_tag_name (dataset, pm_corr_matrix_get_tag (m, j)), width, FALSE);
    }
  fputc ('\n', stdout);

  for (guint i = 0; i < n; i++)
    {
      ps_print_padded (pm_dataset_get_tag_name (dataset, pm_corr_matrix_get_tag (m, i)), width, TRUE);
      for (guint j = 0; j < n; j++)
        {
          char text[PS_NUMBER_BUF];
          gsize len = ps_format_fixed (text, pm_corr_matrix_get (m, i, j), 3);

          /* Numbers are ASCII: their width is their length. */
          printf (" %*s%s", (int) (width > len ? width - len : 0), "", text);
        }
      fputc ('\n', stdout);
    }
}

/* The matrix as JSON, written row by row as the CSV is (json-glib would
 * hold the whole tree: 2.9 GB for 5,000 tags), in json-glib's own layout. */
static void
write_matrix_json (PsAnalysis    *a,
                   gboolean       increments,
                   PmCorrMatrix  *m)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"metric\" : ");
  guint n = pm_corr_matrix_get_size (m);

  ps_append_json_string (out, pm_metric_to_string (a->query->metric));
  g_string_append_printf (out, ",\n  \"increments\" : %s,\n  \"snapshots\" : %u,\n  \"tags\" : [",
                          increments ? "true" : "false", a->n_snapshots);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      ps_append_json_string (out, pm_dataset_get_tag_name (a->dataset, pm_corr_matrix_get_tag (m, i)));
    }
  g_string_append (out, n == 0 ? " ],\n  \"matrix\" : [" : "\n  ],\n  \"matrix\" : [");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, i == 0 ? "\n    [" : ",\n    [");
      for (guint j = 0; j < n; j++)
        {
          g_string_append (out, j == 0 ? "\n      " : ",\n      ");
          ps_append_json_double (out, pm_corr_matrix_get (m, i, j));
        }
      g_string_append (out, "\n    ]");
      if (out->len > (1 << 20))
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  g_string_append (out, n == 0 ? " ]\n}\n" : "\n  ]\n}\n");
  fwrite (out->str, 1, out->len, stdout);
}

static void
write_total (PsAnalysis *a,
             gboolean    increments,
             double      threshold,
             GArray     *entries)
{
  PmDataset *dataset = a->dataset;

  if (a->format == PS_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "metric");
      json_builder_add_string_value (builder, pm_metric_to_string (a->query->metric));
      json_builder_set_member_name (builder, "increments");
      json_builder_add_boolean_value (builder, increments);
      json_builder_set_member_name (builder, "threshold");
      json_builder_add_double_value (builder, threshold);
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          const PmCorrEntry *e = &g_array_index (entries, PmCorrEntry, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "tag");
          json_builder_add_string_value (builder, pm_dataset_get_tag_name (dataset, e->tag));
          json_builder_set_member_name (builder, "r");
          json_builder_add_double_value (builder, e->r);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      ps_print_json (json_builder_get_root (builder));
    }
  else if (a->format == PS_FORMAT_CSV)
    {
      g_autoptr(GString) out = g_string_new ("Tag,r\n");

      for (guint i = 0; i < entries->len; i++)
        {
          const PmCorrEntry *e = &g_array_index (entries, PmCorrEntry, i);
          g_autofree char *r = ps_format_double (e->r, 6);

          ps_write_csv_field (out, pm_dataset_get_tag_name (dataset, e->tag));
          g_string_append_printf (out, ",%s\n", r);
        }
      fwrite (out->str, 1, out->len, stdout);
    }
  else
    {
      g_autofree char *t = ps_format_double (threshold, 3);

      printf ("Tags whose r with TOTAL exceeds %s (%s, %s): %u\n", t,
              pm_metric_to_string (a->query->metric), increments ? "increments" : "levels",
              entries->len);
      for (guint i = 0; i < entries->len; i++)
        {
          const PmCorrEntry *e = &g_array_index (entries, PmCorrEntry, i);
          g_autofree char *r = ps_format_double (e->r, 6);

          ps_print_padded (pm_dataset_get_tag_name (dataset, e->tag), 6, TRUE);
          printf (" %s\n", r);
        }
    }
}

/* TOTAL first, then every tag in name order. */
static GArray *
all_tags (PmDataset *dataset)
{
  guint n = pm_dataset_get_n_tags (dataset);
  guint total = pm_dataset_get_total_tag (dataset);
  GArray *tags = g_array_sized_new (FALSE, FALSE, sizeof (guint), n + 1);

  g_array_append_val (tags, total);
  for (guint i = 0; i < n; i++)
    g_array_append_val (tags, i);

  return tags;
}

static GArray *
named_tags (PsAnalysis  *a,
            char       **names,
            GError     **error)
{
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (names[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        if (parts[j][0] != '\0' && !pm_rank_find_tags (a->dataset, parts[j], TRUE, tags))
          {
            g_set_error (error, PM_ERROR, PM_ERROR_INVALID, "no tag matches '%s'", parts[j]);
            return NULL;
          }
    }

  return g_steal_pointer (&tags);
}

static GArray *
selected_tags (PsAnalysis *a)
{
  g_autoptr(PmRankResult) result = ps_analysis_rank (a);
  const guint *tags;
  guint n;
  GArray *out;

  tags = pm_rank_result_get_selection (result, &n);
  out = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_array_append_vals (out, tags, n);

  return out;
}

int
ps_command_corr (int    argc,
                 char **argv)
{
  PsAnalysis a;
  gboolean all = FALSE, total = FALSE, increments = FALSE;
  double threshold = PM_CORR_DEFAULT_THRESHOLD;
  g_auto(GStrv) tag_names = NULL;
  g_autoptr(GArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  PmCorrOptions options;
  Progress progress = { g_get_monotonic_time (), FALSE };
  guint n_modes;
  int status;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, "Every tag and TOTAL (as -sce)", NULL },
    { "tags", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tag_names,
      "These tags, in this order (comma-separated; may be repeated)", "A,B,..." },
    { "total", 0, 0, G_OPTION_ARG_NONE, &total, "The tags most correlated with TOTAL", NULL },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      "With --total: the r a tag must exceed (default 0.9)", "R" },
    { "increments", 'i', 0, G_OPTION_ARG_NONE, &increments,
      "Correlate per-interval increments instead of levels", NULL },
    { NULL }
  };

  ps_analysis_init (&a, "corr");
  status = ps_analysis_parse (&a, argc, argv, entries,
    "-t TYPE (--all | --tags A,B,... | -sc | --total) - Pearson correlation",
    "Pearson r between tags' series of the chosen metric (a tag absent from a snapshot counts\n"
    "as 0 there): for every tag and TOTAL (--all, or the old -sce), for the tags named\n"
    "(--tags), or for the old analyzer's selection (-sc: TOTAL, -it tags and the four\n"
    "rankings, see 'poolstats rank'). --increments correlates the changes from one snapshot\n"
    "to the next: two tags that both grow correlate near 1 on levels even when unrelated.\n"
    "r is undefined for a series that does not change, and written as such, never as 0.\n"
    "With --total: the tags whose r with TOTAL exceeds --threshold, strongest first.\n"
    "\n"
    "csv (default): a square matrix; the first line is an empty cell and the tag names, each\n"
    "line then a tag name and its r with every tag, six decimals, an empty field where r is\n"
    "undefined; --all puts TOTAL first, then the tags in name order. With --total: 'Tag,r'\n"
    "and one line per tag.\n"
    "text: the same matrix aligned, three decimals, 'nan' where undefined; with --total a\n"
    "title line and 'TAG r' lines.\n"
    "json: {\"metric\", \"increments\", \"snapshots\", \"tags\": [...], \"matrix\": [[r, ...], ...]}\n"
    "with null where undefined; with --total {\"metric\", \"increments\", \"threshold\",\n"
    "\"tags\": [{\"tag\", \"r\"}]}.",
    "csv (default), text or json", PS_FORMAT_CSV | PS_FORMAT_TEXT | PS_FORMAT_JSON, PS_FORMAT_CSV);
  if (status != PS_CONTINUE)
    goto out;

  all = all || a.query->show_correlation_extended;
  n_modes = (all ? 1 : 0) + (tag_names != NULL ? 1 : 0) + (a.query->show_correlation ? 1 : 0) + (total ? 1 : 0);
  if (n_modes != 1)
    {
      status = ps_usage_error ("corr", "give exactly one of --all (-sce), --tags, -sc and --total");
      goto out;
    }
  if (threshold < -1 || threshold > 1 || isnan (threshold))
    {
      status = ps_usage_error ("corr", "--threshold takes a number from -1 to 1");
      goto out;
    }

  if (tag_names != NULL)
    {
      gboolean any = FALSE;

      /* ",,,," names no tag: a mistake, not a way to say "every tag". */
      for (guint i = 0; tag_names[i] != NULL && !any; i++)
        {
          g_auto(GStrv) parts = g_strsplit (tag_names[i], ",", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            any |= parts[j][0] != '\0';
        }
      if (!any)
        {
          status = ps_usage_error ("corr", "--tags names no tag");
          goto out;
        }
    }

  status = ps_analysis_load (&a);
  if (status != PS_CONTINUE)
    goto out;

  pm_corr_options_init (&options, a.query->metric);
  options.increments = increments;
  options.first = a.first;
  options.n_snapshots = a.n_snapshots;

  if (total)
    {
      g_autoptr(GArray) above = pm_corr_with_total (a.dataset, &options, threshold, NULL, &error);

      g_assert_no_error (error);
      write_total (&a, increments, threshold, above);
      status = PS_EXIT_OK;
      goto out;
    }

  if (all)
    tags = all_tags (a.dataset);
  else if (tag_names != NULL)
    {
      tags = named_tags (&a, tag_names, &error);
      if (tags == NULL)
        {
          status = ps_usage_error ("corr", "%s", error->message);
          goto out;
        }
    }
  else
    tags = selected_tags (&a);

  options.tags = (const guint *) tags->data;
  options.n_tags = tags->len;

  {
    g_autoptr(PmCorrMatrix) m = pm_corr_compute (a.dataset, &options,
                                                 ps_stderr_is_terminal () ? progress_cb : NULL, &progress,
                                                 NULL, &error);

    if (progress.shown)
      fprintf (stderr, "\r%30s\r", "");
    if (m == NULL)
      {
        fprintf (stderr, "poolstats corr: %s\n", error->message);
        status = PS_EXIT_NO_DATA;
        goto out;
      }

    if (a.format == PS_FORMAT_JSON)
      write_matrix_json (&a, increments, m);
    else if (a.format == PS_FORMAT_TEXT)
      write_text (a.dataset, m);
    else
      write_csv (a.dataset, m);
  }
  status = PS_EXIT_OK;

out:
  ps_analysis_clear (&a);
  return status;
}
