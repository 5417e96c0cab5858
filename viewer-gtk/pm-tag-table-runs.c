/* pm-tag-table-runs.c: the tag table's columns per run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While several runs are open, the table gains a Growth column per run
 * (last minus first non-zero value of the tag in that run, as the Abs
 * column and `poolstats compare`) and a difference column per run after
 * A ("Δ B−A"), and sorts by the first difference, largest first: the tags
 * that grew more in B on top. A run without the tag held nothing there:
 * its growth shows "—" and counts as 0 in the difference. Tags are
 * matched by name, byte for byte; the rows are run A's tags, then those
 * only a later run has (pm_runs_dup_extra_tags()): their run A figures
 * empty, shown by name through PmRuns.
 *
 * With Tag Table Follows the Zoom (PmRuns:follow-range) every figure of
 * the table, run A's own columns included, is over the snapshots the
 * chart shows (pm_runs_get_tag_table()).
 */
#include <math.h>
#include <string.h>

#include "pm-tag-table-runs.h"
#include "pm-tag-table-view-private.h"

#define RUN_COLUMNS_KEY "pm-tag-table-runs"

typedef struct
{
  PmTagTableView *view;
  PmRuns         *runs;
  GPtrArray      *columns;    /* GtkColumnViewColumn added here */
  guint           n_runs;     /* what the columns were made for */
} RunColumns;

static void
run_columns_free (RunColumns *rc)
{
  g_signal_handlers_disconnect_by_data (rc->runs, rc);
  g_clear_object (&rc->runs);
  g_ptr_array_unref (rc->columns);
  g_free (rc);
}

static RunColumns *
get_rc (PmTagTableView *self)
{
  return g_object_get_data (G_OBJECT (self), RUN_COLUMNS_KEY);
}

/* The table the rows' own figures come from (pm-tag-table-view.c). */
PmTagTable *
_pm_tag_table_view_get_table (PmTagTableView *self)
{
  RunColumns *rc = get_rc (self);

  if (rc == NULL || pm_runs_get_session (rc->runs, 0) != self->session)
    return pm_session_get_tag_table (self->session);

  return pm_runs_get_tag_table (rc->runs, 0);
}

/**
 * pm_tag_table_view_get_run_growth:
 * @tag: a tag name (byte for byte)
 * @growth: (out): its growth in @run, 0 where the run lacks it
 *
 * Returns: whether @run has @tag
 */
gboolean
pm_tag_table_view_get_run_growth (PmTagTableView *self,
                                  const char     *tag,
                                  guint           run,
                                  double         *growth)
{
  RunColumns *rc = get_rc (self);

  *growth = 0;

  return rc != NULL && pm_runs_get_growth (rc->runs, run, tag, TRUE, growth);
}

#define EXTRA_ROW_KEY "pm-tag-row-other-run"

/* The rows of the tags only a later run has, after run A's: their own
 * figures (run A's columns) empty, their Growth and Δ columns by name as
 * every row's, a row index no tag of run A has. */
void
_pm_tag_table_view_append_run_rows (PmTagTableView *self,
                                    GPtrArray      *rows)
{
  RunColumns *rc = get_rc (self);
  g_auto(GStrv) extra = NULL;

  if (rc == NULL || pm_runs_get_session (rc->runs, 0) != self->session ||
      pm_runs_get_n_runs (rc->runs) < 2)
    return;

  extra = pm_runs_dup_extra_tags (rc->runs);
  for (guint i = 0; extra[i] != NULL; i++)
    for (guint run = 1; run < pm_runs_get_n_runs (rc->runs); run++)
      {
        PmDataset *dataset = pm_session_get_dataset (pm_runs_get_session (rc->runs, run));
        PmTagRow *row;
        guint tag;

        if (!pm_runs_lookup_tag (rc->runs, run, extra[i], &tag))
          continue;
        row = pm_tag_row_new_as (dataset, tag, NULL, G_MAXUINT - 1 - i);
        g_object_set_data (G_OBJECT (row), EXTRA_ROW_KEY, GUINT_TO_POINTER (run));
        g_ptr_array_add (rows, row);
        g_ptr_array_add (self->rows_by_tag, row);
        _pm_tag_table_view_sync_run_row (self, row);
        break;
      }
}

/* Whether the rows are those of several runs (the rows of tags only
 * another run has may come and go: the rows are then made anew). */
gboolean
_pm_tag_table_view_has_run_rows (PmTagTableView *self)
{
  RunColumns *rc = get_rc (self);

  return rc != NULL && pm_runs_get_session (rc->runs, 0) == self->session &&
         pm_runs_get_n_runs (rc->runs) >= 2;
}

/* A row of a tag only another run has: shown as PmRuns shows it, in the
 * colour of the first run that has it. Returns %FALSE for run A's rows. */
gboolean
_pm_tag_table_view_sync_run_row (PmTagTableView *self,
                                 PmTagRow       *row)
{
  static const GdkRGBA none = { 0, 0, 0, 0 };
  RunColumns *rc = get_rc (self);
  guint run = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), EXTRA_ROW_KEY));
  PmSession *session;
  gboolean shown;
  guint tag;

  if (run == 0)
    return FALSE;
  if (rc == NULL || run >= pm_runs_get_n_runs (rc->runs))
    {
      pm_tag_row_set_shown (row, FALSE);
      pm_tag_row_set_rgba (row, &none);
      return TRUE;
    }

  shown = pm_runs_get_extra_shown (rc->runs, pm_tag_row_get_name (row));
  session = pm_runs_get_session (rc->runs, run);
  pm_tag_row_set_shown (row, shown);
  if (shown && pm_runs_lookup_tag (rc->runs, run, pm_tag_row_get_name (row), &tag))
    {
      PmSeriesStyle style;
      GdkRGBA rgba;

      pm_session_get_style (session, tag, &style);
      rgba = (GdkRGBA) { style.color.red, style.color.green, style.color.blue, style.color.alpha };
      pm_tag_row_set_rgba (row, &rgba);
    }
  else
    pm_tag_row_set_rgba (row, &none);

  return TRUE;
}

/* The check box, Space or a double click on a row. */
void
_pm_tag_table_view_set_row_shown (PmTagTableView *self,
                                  PmTagRow       *row,
                                  gboolean        shown)
{
  RunColumns *rc = get_rc (self);

  if (g_object_get_data (G_OBJECT (row), EXTRA_ROW_KEY) == NULL)
    pm_session_set_shown (self->session, pm_tag_row_get_tag (row), shown);
  else if (rc != NULL)
    pm_runs_set_extra_shown (rc->runs, pm_tag_row_get_name (row), shown);
}

/* What a cell of @column shows: run @run's growth, or (@delta) B − A. */
static double
cell_value (RunColumns *rc,
            PmTagRow   *row,
            guint       run,
            gboolean    delta,
            gboolean   *present)
{
  double a, b;
  gboolean has_a, has_b;

  has_b = pm_tag_table_view_get_run_growth (rc->view, pm_tag_row_get_name (row), run, &b);
  if (!delta)
    {
      *present = has_b;
      return b;
    }
  has_a = pm_tag_table_view_get_run_growth (rc->view, pm_tag_row_get_name (row), 0, &a);
  *present = has_a || has_b;

  return b - a;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         RunColumns               *rc)
{
  guint run = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "run"));
  gboolean delta = g_object_get_data (G_OBJECT (factory), "delta") != NULL;
  PmSession *session = pm_runs_get_session (rc->runs, 0);
  PmValueKind kind = pm_metric_is_bytes (pm_session_get_metric (session))
                     ? PM_VALUE_KIND_BYTES : PM_VALUE_KIND_COUNT;
  gboolean present;
  double value = cell_value (rc, gtk_list_item_get_item (item), run, delta, &present);
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  if (present)
    {
      number = pm_format_value (fabs (value), kind);
      text = g_strdup_printf ("%s%s", value < 0 ? "−" : value > 0 ? "+" : "", number);
    }
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), present ? text : "—");
}

typedef struct
{
  RunColumns *rc;
  guint       run;
  gboolean    delta;
} SortKey;

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  SortKey *key = user_data;
  gboolean pa, pb;
  double va = cell_value (key->rc, (PmTagRow *) a, key->run, key->delta, &pa);
  double vb = cell_value (key->rc, (PmTagRow *) b, key->run, key->delta, &pb);
  int r;

  /* A tag no run has sorts below every figure. */
  if (!pa || !pb)
    r = pa == pb ? 0 : pa ? 1 : -1;
  else
    r = (va > vb) - (va < vb);
  if (r == 0)
    r = strcmp (pm_tag_row_get_name ((PmTagRow *) a), pm_tag_row_get_name ((PmTagRow *) b));

  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkColumnViewColumn *
add_column (RunColumns *rc,
            guint       run,
            gboolean    delta)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;
  g_autofree char *title = NULL;
  GtkColumnViewColumn *column;
  SortKey *key = g_new0 (SortKey, 1);

  g_object_set_data (G_OBJECT (factory), "run", GUINT_TO_POINTER (run));
  g_object_set_data (G_OBJECT (factory), "delta", delta ? factory : NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), rc);
  title = delta ? g_strdup_printf ("Δ %s−A", pm_runs_get_letter (run))
                : g_strdup_printf ("Growth %s", pm_runs_get_letter (run));
  column = gtk_column_view_column_new (title, factory);
  key->rc = rc;
  key->run = run;
  key->delta = delta;
  sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func, key, g_free));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (rc->view->column_view, column);
  g_ptr_array_add (rc->columns, column);

  return column;
}

static void
runs_changed_cb (RunColumns *rc)
{
  guint n = pm_runs_get_n_runs (rc->runs);
  GtkColumnViewColumn *first_delta = NULL;

  if (n == rc->n_runs)
    return;

  for (guint i = 0; i < rc->columns->len; i++)
    gtk_column_view_remove_column (rc->view->column_view, g_ptr_array_index (rc->columns, i));
  g_ptr_array_set_size (rc->columns, 0);
  rc->n_runs = n;
  if (n < 2)
    {
      gtk_column_view_sort_by_column (rc->view->column_view, rc->view->peak_column,
                                      GTK_SORT_DESCENDING);
      return;
    }

  /* Right after run A's own figures: GTK 4.8 can only append, so the
   * columns after Abs. Inc. are taken out and appended again behind. */
  {
    g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_object_unref);
    GListModel *columns = gtk_column_view_get_columns (rc->view->column_view);
    gboolean past = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        GtkColumnViewColumn *column = g_list_model_get_item (columns, i);

        if (past)
          g_ptr_array_add (after, column);
        else
          {
            past = column == rc->view->abs_column;
            g_object_unref (column);
          }
      }
    for (guint i = 0; i < after->len; i++)
      gtk_column_view_remove_column (rc->view->column_view, g_ptr_array_index (after, i));

    for (guint run = 0; run < n; run++)
      add_column (rc, run, FALSE);
    for (guint run = 1; run < n; run++)
      {
        GtkColumnViewColumn *column = add_column (rc, run, TRUE);

        if (first_delta == NULL)
          first_delta = column;
      }
    for (guint i = 0; i < after->len; i++)
      gtk_column_view_append_column (rc->view->column_view, g_ptr_array_index (after, i));
  }
  /* Comparing runs: what grew more in B comes first. */
  gtk_column_view_sort_by_column (rc->view->column_view, first_delta, GTK_SORT_DESCENDING);
}

static void
tables_changed_cb (RunColumns *rc)
{
  _pm_tag_table_view_queue_rebuild (rc->view);
}

/**
 * pm_tag_table_view_set_runs:
 * @runs: the runs beside the view's session
 *
 * Follows @runs: the columns per run while several are open, the figures
 * over the zoomed range while @runs follows the range.
 */
void
pm_tag_table_view_set_runs (PmTagTableView *self,
                            PmRuns         *runs)
{
  RunColumns *rc;

  g_return_if_fail (PM_IS_TAG_TABLE_VIEW (self));
  g_return_if_fail (PM_IS_RUNS (runs));

  rc = g_new0 (RunColumns, 1);
  rc->view = self;
  rc->runs = g_object_ref (runs);
  rc->columns = g_ptr_array_new_with_free_func (g_object_unref);
  rc->n_runs = 1;
  g_object_set_data_full (G_OBJECT (self), RUN_COLUMNS_KEY, rc, (GDestroyNotify) run_columns_free);
  g_signal_connect_swapped (runs, "changed", G_CALLBACK (runs_changed_cb), rc);
  g_signal_connect_swapped (runs, "tables-changed", G_CALLBACK (tables_changed_cb), rc);
}
