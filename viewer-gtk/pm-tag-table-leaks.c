/* pm-tag-table-leaks.c: the tag table's Leak column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Right after the tag's name: the leak finder's verdict as a badge
 * ("leak", "suspect") with the growth rate, empty for the rest. The
 * column sorts by the leak finder's score, so one click on its header
 * lists the tags most likely to leak first. The cells follow the
 * session's leak result (PmSession:leaks).
 */
#include <math.h>
#include <string.h>

#include "pm-tag-table-view-private.h"

static double
score_of (PmTagTableView *self,
          PmTagRow       *row)
{
  PmLeakResult *leaks = self->session != NULL ? pm_session_get_leaks (self->session) : NULL;
  guint tag = pm_tag_row_get_tag (row);

  /* TOTAL and tags without an answer sort below every score. */
  if (leaks == NULL || tag >= pm_leak_result_get_n_tags (leaks))
    return NAN;

  return pm_leak_result_get_tag (leaks, tag)->score;
}

static void
leak_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "leak-verdict");
  gtk_list_item_set_child (item, label);
}

static void
leak_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PmTagTableView           *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  guint tag = pm_tag_row_get_tag (gtk_list_item_get_item (item));
  PmLeakVerdict verdict = self->session != NULL
                          ? pm_session_get_leak_verdict (self->session, tag)
                          : PM_LEAK_VERDICT_NONE;
  g_autofree char *rate = NULL;
  g_autofree char *text = NULL;
  const char *reason;

  /* What the cell shows already (the same row bound again after a sort
   * moved it) is not set again: each tooltip set makes GTK look for the
   * widget under the pointer. */
  if (verdict == PM_LEAK_VERDICT_NONE)
    {
      if (gtk_label_get_text (GTK_LABEL (label))[0] == 0)
        return;
      gtk_widget_remove_css_class (label, "leak");
      gtk_widget_remove_css_class (label, "suspect");
      gtk_label_set_text (GTK_LABEL (label), "");
      gtk_widget_set_tooltip_text (label, NULL);
      return;
    }

  rate = pm_session_format_leak_rate (self->session, tag);
  text = rate != NULL ? g_strdup_printf ("%s %s", pm_leak_verdict_to_string (verdict), rate)
                      : g_strdup (pm_leak_verdict_to_string (verdict));
  reason = pm_leak_result_get_tag (pm_session_get_leaks (self->session), tag)->reason;
  if (strcmp (gtk_label_get_text (GTK_LABEL (label)), text) == 0 &&
      g_strcmp0 (gtk_widget_get_tooltip_text (label), reason) == 0)
    return;
  gtk_widget_remove_css_class (label, "leak");
  gtk_widget_remove_css_class (label, "suspect");
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_add_css_class (label, verdict == PM_LEAK_VERDICT_LEAK ? "leak" : "suspect");
  gtk_widget_set_tooltip_text (label, reason);
}

static int
leak_sort_func (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PmTagTableView *self = user_data;
  double sa = score_of (self, (PmTagRow *) a);
  double sb = score_of (self, (PmTagRow *) b);
  int r;

  if (isnan (sa) || isnan (sb))
    r = isnan (sa) && isnan (sb) ? 0 : isnan (sa) ? -1 : 1;
  else
    r = (sa > sb) - (sa < sb);
  /* Ties by tag, as the other columns. */
  if (r == 0)
    r = strcmp (pm_tag_row_get_name ((PmTagRow *) a), pm_tag_row_get_name ((PmTagRow *) b));

  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/**
 * _pm_tag_table_view_setup_leak_column:
 *
 * Adds the Leak column after the Tag column. GTK 4.8 can only append a
 * column, so the columns after Tag are taken out and appended again
 * behind it.
 */
void
_pm_tag_table_view_setup_leak_column (PmTagTableView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  gboolean past_tag = FALSE;

  g_signal_connect (factory, "setup", G_CALLBACK (leak_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (leak_bind_cb), self);
  self->leak_column = gtk_column_view_column_new ("Leak", factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (leak_sort_func, self, NULL));
  gtk_column_view_column_set_sorter (self->leak_column, sorter);
  gtk_column_view_column_set_resizable (self->leak_column, TRUE);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      GtkColumnViewColumn *column = g_list_model_get_item (columns, i);

      if (past_tag)
        g_ptr_array_add (after, column);
      else
        {
          past_tag = column == self->tag_column;
          g_object_unref (column);
        }
    }
  for (guint i = 0; i < after->len; i++)
    gtk_column_view_remove_column (self->column_view, g_ptr_array_index (after, i));
  gtk_column_view_append_column (self->column_view, self->leak_column);
  /* The column view holds it from now on. */
  g_object_unref (self->leak_column);
  for (guint i = 0; i < after->len; i++)
    gtk_column_view_append_column (self->column_view, g_ptr_array_index (after, i));
}

/**
 * _pm_tag_table_view_leaks_changed:
 *
 * The session's leak result changed: every cell of the Leak column is
 * bound again and the column sorts by the new scores.
 */
void
_pm_tag_table_view_leaks_changed (PmTagTableView *self)
{
  GtkSorter *sorter;
  guint n;

  if (self->leak_column == NULL || self->store == NULL)
    return;

  sorter = gtk_column_view_column_get_sorter (self->leak_column);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  if (sorter != NULL)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->store), 0, n, n);
}
