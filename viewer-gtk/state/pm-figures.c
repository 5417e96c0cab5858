/* pm-figures.c: what the renderers draw, built from a session or a matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderers borrow every array and string of their models; a figure is
 * the owner that keeps them alive for as long as the model is drawn.
 */
#include <math.h>

#include "pm-figures.h"
#include "pm-figures-private.h"
#include "pm-runs.h"
#include "pm-session-private.h"

struct _PmChartFigure
{
  GArray       *series;
  GArray       *markers;      /* gint64: reboot times */
  GArray       *gaps;         /* gint64 pairs: the snapshots around each gap */
  GArray       *trends;       /* PmChartTrend: the leak finder's lines */
  GPtrArray    *strings;      /* what the series and trends borrow */
  PmChartModel  model;
};

struct _PmCorrFigure
{
  PmDataset      *dataset;
  PmCorrMatrix   *matrix;
  const char    **labels;
  guint          *order;
  char           *title;
  PmHeatmapModel  model;
};

/* What the leak finder said of @tag, drawn series @index: its verdict in
 * the hover readout, its trend lines (one per boot) with the rate. */
static void
add_leak (PmChartFigure *self,
          PmSession     *session,
          guint          tag,
          guint          index,
          PmChartSeries *s)
{
  PmLeakVerdict verdict = pm_session_get_leak_verdict (session, tag);
  g_autofree char *rate = NULL;
  PmChartTrend trend = { 0 };
  char *note;

  if (verdict == PM_LEAK_VERDICT_NONE)
    return;

  rate = pm_session_format_leak_rate (session, tag);
  note = rate != NULL ? g_strdup_printf ("%s, %s", pm_leak_verdict_to_string (verdict), rate)
                      : g_strdup (pm_leak_verdict_to_string (verdict));
  g_ptr_array_add (self->strings, note);
  s->note = note;

  trend.series = index;
  for (guint k = 0;
       pm_session_get_trend (session, tag, k, &trend.t0, &trend.v0, &trend.t1, &trend.v1);
       k++)
    {
      double hours = (trend.t1 - trend.t0) / 3600.0;
      double slope = hours > 0 ? (trend.v1 - trend.v0) / hours : 0;
      g_autofree char *value = pm_metric_is_bytes (pm_session_get_metric (session))
                               ? pm_format_bytes (fabs (slope)) : pm_format_count (fabs (slope));
      char *label = g_strdup_printf ("%s%s/h", slope < 0 ? "−" : "+", value);

      g_ptr_array_add (self->strings, label);
      trend.label = label;
      g_array_append_val (self->trends, trend);
    }
}

/**
 * pm_chart_figure_new:
 * @session: a session with a dataset
 *
 * The time chart of what @session shows: its drawn tags in their styles,
 * its metric and its y scale. The values stay owned by @session, which
 * must outlive the figure.
 *
 * Returns: (transfer full): the figure
 */
PmChartFigure *
pm_chart_figure_new (PmSession *session)
{
  PmChartFigure *self = g_new0 (PmChartFigure, 1);
  PmDataset *dataset = pm_session_get_dataset (session);
  const guint *drawn;
  const gint64 *times;
  guint n_drawn, n_times;

  self->series = g_array_new (FALSE, TRUE, sizeof (PmChartSeries));
  self->markers = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->trends = g_array_new (FALSE, TRUE, sizeof (PmChartTrend));
  self->strings = g_ptr_array_new_with_free_func (g_free);
  if (dataset == NULL)
    return self;

  drawn = pm_session_get_drawn (session, &n_drawn);
  times = pm_session_get_times (session, &n_times);
  for (guint i = 0; i < n_drawn; i++)
    {
      PmChartSeries s = { 0 };

      s.label = pm_dataset_get_tag_name (dataset, drawn[i]);
      s.times = times;
      s.values = pm_session_get_values (session, drawn[i]);
      s.lod = pm_session_get_lod (session, drawn[i]);
      s.n_points = n_times;
      s.visible = !pm_session_get_series_hidden (session, drawn[i]);
      pm_session_get_style (session, drawn[i], &s.style);
      s.right_axis = _pm_session_total_on_right (session, drawn[i]);
      add_leak (self, session, drawn[i], i, &s);
      g_array_append_val (self->series, s);
    }

  self->model.series = (const PmChartSeries *) (gpointer) self->series->data;
  self->model.n_series = self->series->len;
  self->model.kind = pm_metric_is_bytes (pm_session_get_metric (session))
                     ? PM_VALUE_KIND_BYTES : PM_VALUE_KIND_COUNT;
  self->model.log_y = pm_session_get_log_scale (session);
  self->model.y_label = pm_metric_to_string (pm_session_get_metric (session));
  /* TOTAL on the right-hand axis says so there (pm-session-total-axis.c). */
  self->model.right_label = "TOTAL";
  self->model.show_legend = TRUE;
  self->model.trends = (const PmChartTrend *) (gpointer) self->trends->data;
  self->model.n_trends = self->trends->len;

  /* Reboots, midway between the snapshots on either side. */
  {
    guint n_boots = 0;
    const guint *boots = pm_dataset_get_boots (dataset, &n_boots);

    for (guint i = 0; boots != NULL && i < n_boots && boots[i] < n_times; i++)
      {
        gint64 t = times[boots[i] - 1] + (times[boots[i]] - times[boots[i] - 1]) / 2;
        g_array_append_val (self->markers, t);
      }
    self->model.markers = (const gint64 *) (gpointer) self->markers->data;
    self->model.n_markers = self->markers->len;
    self->model.marker_label = "reboot";
  }

  /* Gaps, from the snapshot before to the one after. */
  {
    g_autoptr(GArray) gaps = pm_dataset_get_gaps (dataset);

    for (guint i = 0; i < gaps->len; i++)
      {
        guint after = g_array_index (gaps, guint, i);

        if (after >= n_times)
          continue;
        g_array_append_val (self->gaps, times[after - 1]);
        g_array_append_val (self->gaps, times[after]);
      }
    self->model.gaps = (const gint64 *) (gpointer) self->gaps->data;
    self->model.n_gaps = self->gaps->len / 2;
    self->model.gap_label = "gap";
  }

  /* Other runs beside this one: their lines and the runs' legend. */
  pm_runs_extend_chart (session, self->series, self->strings, &self->model);

  return self;
}

void
pm_chart_figure_free (PmChartFigure *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->series);
  g_array_unref (self->markers);
  g_array_unref (self->gaps);
  g_array_unref (self->trends);
  g_ptr_array_unref (self->strings);
  g_free (self);
}

const PmChartModel *
pm_chart_figure_get_model (PmChartFigure *self)
{
  return &self->model;
}

/**
 * pm_chart_figure_set_title:
 * @title: (nullable): a line drawn above the chart (an export's, see
 *   pm_chart_figure_describe()); %NULL for none
 */
void
pm_chart_figure_set_title (PmChartFigure *self,
                           const char    *title)
{
  char *copy = g_strdup (title);

  if (copy != NULL)
    g_ptr_array_add (self->strings, copy);
  self->model.title = copy;
}

/**
 * pm_corr_figure_new:
 * @dataset: the dataset @matrix was computed from
 * @matrix: the matrix
 * @order: (nullable) (array): display position -> matrix index, as many as
 *   @matrix has rows (a clustering); %NULL keeps the matrix order
 * @title: (nullable): drawn above the heat map
 *
 * Returns: (transfer full): a heat map of @matrix labelled with tag names
 */
PmCorrFigure *
pm_corr_figure_new (PmDataset    *dataset,
                    PmCorrMatrix *matrix,
                    const guint  *order,
                    const char   *title)
{
  PmCorrFigure *self = g_new0 (PmCorrFigure, 1);
  guint n = pm_corr_matrix_get_size (matrix);

  self->dataset = g_object_ref (dataset);
  self->matrix = pm_corr_matrix_ref (matrix);
  self->labels = g_new (const char *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->labels[i] = pm_dataset_get_tag_name (dataset, pm_corr_matrix_get_tag (matrix, i));
  if (order != NULL)
    self->order = g_memdup2 (order, sizeof (guint) * n);
  self->title = g_strdup (title);

  self->model.n = n;
  self->model.r = pm_corr_matrix_get_data (matrix);
  self->model.labels = self->labels;
  self->model.order = self->order;
  self->model.title = self->title;

  return self;
}

void
pm_corr_figure_free (PmCorrFigure *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->dataset);
  pm_corr_matrix_unref (self->matrix);
  g_free (self->labels);
  g_free (self->order);
  g_free (self->title);
  g_free (self);
}

const PmHeatmapModel *
pm_corr_figure_get_model (PmCorrFigure *self)
{
  return &self->model;
}

PmCorrMatrix *
pm_corr_figure_get_matrix (PmCorrFigure *self)
{
  return self->matrix;
}

/* The matrix index drawn at display @position. */
guint
pm_corr_figure_get_index (PmCorrFigure *self,
                          guint         position)
{
  g_return_val_if_fail (position < self->model.n, 0);

  return self->order != NULL ? self->order[position] : position;
}

/* The dataset tag drawn at display @position. */
guint
pm_corr_figure_get_tag (PmCorrFigure *self,
                        guint         position)
{
  return pm_corr_matrix_get_tag (self->matrix, pm_corr_figure_get_index (self, position));
}

/**
 * pm_corr_figure_title:
 * @every: every tag (`-sce`) rather than the shown ones (`-sc`)
 * @zoomed: over the chart's zoomed range only
 *
 * Returns: (transfer full): the heat map's title, the same in the window
 *   and in exported files, e.g. "Pearson r of TotalDiff levels · every tag
 *   (3001) · clustered"
 */
char *
pm_corr_figure_title (PmMetric  metric,
                      gboolean  increments,
                      gboolean  every,
                      guint     n,
                      gboolean  clustered,
                      gboolean  zoomed)
{
  return g_strdup_printf ("Pearson r of %s %s · %s (%u) · %s%s", pm_metric_to_string (metric),
                          increments ? "increments" : "levels",
                          every ? "every tag" : "shown tags", n,
                          clustered ? "clustered" : "selection order",
                          zoomed ? " · zoomed range" : "");
}

/* Every field quoted, as the snapshot files are: tags hold spaces and
 * descriptions hold commas. @last ends the row. */
void
_pm_figures_append_csv_field (GString    *out,
                              const char *text,
                              gboolean    last)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != 0; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append (out, last ? "\"\n" : "\",");
}

static void
append_number (GString    *out,
               const char *format,
               double      value,
               gboolean    last)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Undefined stays empty, never 0 (docs/design.md, The analyses). */
  if (!isnan (value))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
  g_string_append_c (out, last ? '\n' : ',');
}

static gboolean
write_text (const char  *path,
            GString     *text,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!pm_file_set_contents (path, text->str, text->len, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * pm_corr_figure_write_csv:
 *
 * Writes the matrix as drawn, rows and columns in display order: a header
 * row of tags, then one row per tag with its name and r against each
 * column (empty where r is undefined).
 */
gboolean
pm_corr_figure_write_csv (PmCorrFigure  *self,
                          const char    *path,
                          GError       **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = self->model.n;

  _pm_figures_append_csv_field (out, "Tag", n == 0);
  for (guint j = 0; j < n; j++)
    _pm_figures_append_csv_field (out, self->labels[pm_corr_figure_get_index (self, j)],
                                  j + 1 == n);

  for (guint i = 0; i < n; i++)
    {
      guint row = pm_corr_figure_get_index (self, i);

      _pm_figures_append_csv_field (out, self->labels[row], n == 0);
      for (guint j = 0; j < n; j++)
        append_number (out, "%.6f",
                       pm_corr_matrix_get (self->matrix, row, pm_corr_figure_get_index (self, j)),
                       j + 1 == n);
    }

  return write_text (path, out, error);
}

/**
 * pm_figures_write_tag_table_csv:
 *
 * Writes the tag table of @session's metric: one row per tag (TOTAL last)
 * with the columns of the viewer's table and whether the chart shows it.
 * Figures are of the session's metric (the file name should say which).
 */
gboolean
pm_figures_write_tag_table_csv (PmSession   *session,
                                const char  *path,
                                GError     **error)
{
  PmDataset *dataset = pm_session_get_dataset (session);
  PmTagTable *table = pm_session_get_tag_table (session);
  g_autoptr(GString) out = g_string_new (NULL);
  static const char *columns[] = { "Tag", "Binary", "Description", "Shown", "Peak", "Mean",
                                   "IncreasePercent", "IncreaseAbsolute", "Present" };

  if (dataset == NULL || table == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_NO_DATA, "There is no tag table to export");
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    _pm_figures_append_csv_field (out, columns[i], i + 1 == G_N_ELEMENTS (columns));
  /* Several runs: the table's run columns too (pm-runs-range.c). */
  if (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  _pm_runs_append_csv (session, out, G_MAXUINT);
  g_string_append_c (out, '\n');

  /* TOTAL's figures follow the last tag's. */
  for (guint tag = 0; tag <= pm_tag_table_get_n_tags (table); tag++)
    {
      const PmTagStats *s = pm_tag_table_get_stats (table, tag);

      _pm_figures_append_csv_field (out, pm_dataset_get_tag_name (dataset, s->tag), FALSE);
      _pm_figures_append_csv_field (out, pm_dataset_get_tag_binary (dataset, s->tag), FALSE);
      _pm_figures_append_csv_field (out, pm_dataset_get_tag_description (dataset, s->tag), FALSE);
      g_string_append (out, pm_session_is_shown (session, s->tag) ? "1," : "0,");
      append_number (out, "%.0f", s->n_present > 0 ? (double) s->peak : NAN, FALSE);
      append_number (out, "%.3f", s->mean, FALSE);
      append_number (out, "%.3f", s->increase_pct, FALSE);
      append_number (out, "%.0f", s->n_nonzero > 0 ? (double) s->increase_abs : NAN, FALSE);
      g_string_append_printf (out, "%u", s->n_present);
      _pm_runs_append_csv (session, out, s->tag);
      g_string_append_c (out, '\n');
    }
  /* Several runs: the rows of the tags only a later run has. */
  _pm_runs_append_csv_rows (session, out);

  return write_text (path, out, error);
}
