/* pm-leaks-figure.c: the Leaks page's rows and its CSV, from a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leaks and suspects of the session's leak result, most likely first,
 * each with its series of the session's metric and its trend lines (for
 * the sparkline), rate, boots and reason; the rest counted by what they
 * looked like. The figure keeps every string and array the model borrows.
 */
#include <math.h>

#include "pm-leaks-figure.h"
#include "pm-figures-private.h"

struct _PmLeaksFigure
{
  PmLeakResult *leaks;         /* owns the reasons */
  GArray       *rows;          /* PmLeaksRow */
  GArray       *tags;          /* guint, per row */
  GArray       *trends;        /* PmChartTrend, every row's, in row order */
  GArray       *trend_first;   /* guint, per row: its first trend */
  GPtrArray    *strings;
  PmLeaksModel  model;
};

static const char *
keep (PmLeaksFigure *self,
      char          *text)
{
  if (text != NULL)
    g_ptr_array_add (self->strings, text);
  return text;
}

/* "2,998 other tags: no evidence of a leak (flat 2,990, levels off 8)" */
static char *
describe_rest (PmLeakResult *leaks,
               guint         n_rest)
{
  guint counts[PM_LEAK_N_PATTERNS] = { 0 };
  const guint *ranking;
  gboolean first = TRUE;
  GString *out;
  guint n;

  ranking = pm_leak_result_get_ranking (leaks, &n);
  for (guint i = 0; i < n; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (leaks, ranking[i]);

      if (t->verdict == PM_LEAK_VERDICT_NONE && t->pattern < PM_LEAK_N_PATTERNS)
        counts[t->pattern]++;
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "%u other %s: no evidence of a leak", n_rest,
                          n_rest == 1 ? "tag" : "tags");
  for (guint p = 0; p < PM_LEAK_N_PATTERNS; p++)
    if (counts[p] > 0)
      {
        g_string_append_printf (out, "%s%s %u", first ? " (" : ", ",
                                pm_leak_pattern_to_string (p), counts[p]);
        first = FALSE;
      }
  if (!first)
    g_string_append_c (out, ')');

  return g_string_free (out, FALSE);
}

static char *
describe_metrics (PmLeakResult *leaks)
{
  guint n;
  const PmMetric *metrics = pm_leak_result_get_metrics (leaks, &n);
  GString *out = g_string_new ("Leaks and suspects over ");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? "" : " and ", pm_metric_to_string (metrics[i]));

  return g_string_free (out, FALSE);
}

static void
add_row (PmLeaksFigure   *self,
         PmSession       *session,
         const PmLeakTag *t)
{
  PmDataset *dataset = pm_session_get_dataset (session);
  PmLeaksRow row = { 0 };
  PmSeriesStyle style;
  PmChartTrend trend = { 0 };
  guint n_times, first = self->trends->len;

  row.tag = pm_dataset_get_tag_name (dataset, t->tag);
  row.verdict = pm_leak_verdict_to_string (t->verdict);
  row.is_leak = t->verdict == PM_LEAK_VERDICT_LEAK;
  row.rate = keep (self, pm_session_format_leak_rate (session, t->tag));
  row.boots = keep (self, g_strdup_printf ("grew in %u of %u %s", t->boots_growing,
                                           t->boots_total, t->boots_total == 1 ? "boot" : "boots"));
  row.reason = t->reason != NULL ? t->reason : "";

  row.spark.times = pm_session_get_times (session, &n_times);
  row.spark.values = pm_session_get_values (session, t->tag);
  row.spark.n_points = n_times;
  pm_session_get_style (session, t->tag, &style);
  row.spark.color = style.color;

  for (guint k = 0;
       pm_session_get_trend (session, t->tag, k, &trend.t0, &trend.v0, &trend.t1, &trend.v1);
       k++)
    g_array_append_val (self->trends, trend);
  row.spark.n_trends = self->trends->len - first;

  g_array_append_val (self->trend_first, first);
  g_array_append_val (self->rows, row);
  g_array_append_val (self->tags, t->tag);
}

/**
 * pm_leaks_figure_new:
 * @session: a session; its leak result, when it has one, is listed
 *
 * The leaks and suspects of @session, most likely first. Borrows the
 * session's values: @session must outlive the figure.
 *
 * Returns: (transfer full): the figure (no rows while there is no result)
 */
PmLeaksFigure *
pm_leaks_figure_new (PmSession *session)
{
  PmLeaksFigure *self = g_new0 (PmLeaksFigure, 1);
  PmLeakResult *leaks = pm_session_get_leaks (session);
  const guint *ranking;
  guint n, n_rest = 0;

  self->rows = g_array_new (FALSE, TRUE, sizeof (PmLeaksRow));
  self->tags = g_array_new (FALSE, FALSE, sizeof (guint));
  self->trends = g_array_new (FALSE, TRUE, sizeof (PmChartTrend));
  self->trend_first = g_array_new (FALSE, FALSE, sizeof (guint));
  self->strings = g_ptr_array_new_with_free_func (g_free);
  if (leaks == NULL || pm_session_get_dataset (session) == NULL)
    return self;

  self->leaks = pm_leak_result_ref (leaks);
  ranking = pm_leak_result_get_ranking (leaks, &n);
  for (guint i = 0; i < n; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (leaks, ranking[i]);

      if (t->verdict == PM_LEAK_VERDICT_NONE)
        n_rest++;
      else
        add_row (self, session, t);
    }

  /* The trends array settled: point each row at its part. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      PmLeaksRow *row = &g_array_index (self->rows, PmLeaksRow, i);

      row->spark.trends = row->spark.n_trends > 0
        ? &g_array_index (self->trends, PmChartTrend, g_array_index (self->trend_first, guint, i))
        : NULL;
    }

  self->model.rows = (const PmLeaksRow *) (gpointer) self->rows->data;
  self->model.n_rows = self->rows->len;
  self->model.title = keep (self, describe_metrics (leaks));
  self->model.footer = keep (self, describe_rest (leaks, n_rest));

  return self;
}

void
pm_leaks_figure_free (PmLeaksFigure *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->leaks, pm_leak_result_unref);
  g_array_unref (self->rows);
  g_array_unref (self->tags);
  g_array_unref (self->trends);
  g_array_unref (self->trend_first);
  g_ptr_array_unref (self->strings);
  g_free (self);
}

const PmLeaksModel *
pm_leaks_figure_get_model (PmLeaksFigure *self)
{
  return &self->model;
}

/* The dataset tag of @row. */
guint
pm_leaks_figure_get_tag (PmLeaksFigure *self,
                         guint          row)
{
  g_return_val_if_fail (row < self->tags->len, 0);

  return g_array_index (self->tags, guint, row);
}

/**
 * pm_leaks_figure_describe_row:
 *
 * Returns: (transfer full): @row in one sentence, for a screen reader:
 *   "QdrC: leak, +14 KiB/h, grew in 2 of 2 boots. Grew steadily …"
 */
char *
pm_leaks_figure_describe_row (PmLeaksFigure *self,
                              guint          row)
{
  const PmLeaksRow *r;

  g_return_val_if_fail (row < self->rows->len, NULL);

  r = &g_array_index (self->rows, PmLeaksRow, row);
  return g_strdup_printf ("%s: %s, %s, %s. %s", r->tag, r->verdict,
                          r->rate != NULL ? r->rate : "no rate", r->boots, r->reason);
}

/* CSV ------------------------------------------------------------------ */

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Not judged stays empty, never 0. */
  if (isfinite (value))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.3f", value));
  g_string_append_c (out, ',');
}

/**
 * pm_leaks_write_csv:
 *
 * Writes the leak finder's answer for every tag of @session's dataset,
 * most likely leak first, one row each with every field: what `poolstats
 * leaks --format csv` prints.
 *
 * Returns: %TRUE if @path was written
 */
gboolean
pm_leaks_write_csv (PmSession   *session,
                    const char  *path,
                    GError     **error)
{
  PmLeakResult *leaks = pm_session_get_leaks (session);
  PmDataset *dataset = pm_session_get_dataset (session);
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) local_error = NULL;
  const guint *ranking;
  guint n;

  if (leaks == NULL || dataset == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_NO_DATA, "The leak finder has no answer yet");
      return FALSE;
    }

  out = g_string_new ("\"Tag\",\"Verdict\",\"Score\",\"Pattern\",\"BytesPerHour\","
                      "\"BytesPerHourLow\",\"BytesPerHourHigh\",\"AllocsPerHour\","
                      "\"AllocsPerHourLow\",\"AllocsPerHourHigh\",\"GrowthStart\","
                      "\"BootsGrowing\",\"BootsTotal\",\"GrowthBytes\",\"GrowthAllocs\","
                      "\"Peers\",\"Reason\"\n");
  ranking = pm_leak_result_get_ranking (leaks, &n);
  for (guint i = 0; i < n; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (leaks, ranking[i]);
      g_autofree char *start = t->growth_start != G_MININT64
                               ? pm_format_timestamp (t->growth_start) : NULL;
      g_autoptr(GString) peers = g_string_new (NULL);

      _pm_figures_append_csv_field (out, pm_dataset_get_tag_name (dataset, t->tag), FALSE);
      _pm_figures_append_csv_field (out, pm_leak_verdict_to_string (t->verdict), FALSE);
      append_number (out, t->score);
      _pm_figures_append_csv_field (out, pm_leak_pattern_to_string (t->pattern), FALSE);
      append_number (out, t->bytes_per_hour);
      append_number (out, t->bytes_per_hour_low);
      append_number (out, t->bytes_per_hour_high);
      append_number (out, t->allocs_per_hour);
      append_number (out, t->allocs_per_hour_low);
      append_number (out, t->allocs_per_hour_high);
      _pm_figures_append_csv_field (out, start, FALSE);
      g_string_append_printf (out, "%u,%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                              t->boots_growing, t->boots_total, t->growth_bytes,
                              t->growth_allocs);
      for (guint p = 0; p < t->n_peers && p < G_N_ELEMENTS (t->peers); p++)
        g_string_append_printf (peers, "%s%s", p > 0 ? " " : "",
                                pm_dataset_get_tag_name (dataset, t->peers[p]));
      _pm_figures_append_csv_field (out, peers->str, FALSE);
      _pm_figures_append_csv_field (out, t->reason, TRUE);
    }

  if (!g_file_set_contents (path, out->str, out->len, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Could not write %s: ", path);
      return FALSE;
    }

  return TRUE;
}
