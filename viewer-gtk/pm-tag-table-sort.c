/* pm-tag-table-sort.c: which column the tag table is sorted by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window keeps the sort column for the next start. GTK 4.8 has no call
 * that tells it (gtk_column_view_sorter_get_primary_sort_column() came in
 * 4.10); what 4.8 does show is the sort indicator in the column's header,
 * an icon with the style class "ascending" or "descending" beside the
 * column's title label. That is read here, with public widget calls only.
 * Setting it back is plain 4.8 API (gtk_column_view_sort_by_column()).
 */
#include "pm-tag-table-view-private.h"

/* The header widget under @widget that carries a sort direction, and the
 * title label beside it. */
static gboolean
find_indicator (GtkWidget   *widget,
                const char **title,
                GtkSortType *order)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean up = gtk_widget_has_css_class (child, "ascending");

      if (up || gtk_widget_has_css_class (child, "descending"))
        {
          for (GtkWidget *sibling = gtk_widget_get_first_child (widget); sibling != NULL;
               sibling = gtk_widget_get_next_sibling (sibling))
            if (GTK_IS_LABEL (sibling))
              {
                *title = gtk_label_get_text (GTK_LABEL (sibling));
                *order = up ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING;
                return TRUE;
              }
        }
      if (find_indicator (child, title, order))
        return TRUE;
    }
  return FALSE;
}

/**
 * pm_tag_table_view_get_sort_column:
 * @order: (out): the direction
 *
 * Returns: (transfer full) (nullable): the title of the column the table
 *   is sorted by, as its header shows it, or %NULL when unsorted
 */
char *
pm_tag_table_view_get_sort_column (PmTagTableView *self,
                                   GtkSortType    *order)
{
  GtkWidget *header;
  const char *title = NULL;

  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), NULL);

  /* The header row is the column view's first child; the rows' list
   * never shows an indicator. */
  header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  if (header == NULL || GTK_IS_LIST_VIEW (header) || !find_indicator (header, &title, order))
    return NULL;
  return g_strdup (title);
}

/**
 * pm_tag_table_view_set_sort_column:
 * @title: a column's title ("Peak", "% Inc.")
 * @order: the direction
 *
 * Sorts by that column, as a click on its header does.
 *
 * Returns: %FALSE when no column has that title (or it does not sort)
 */
gboolean
pm_tag_table_view_set_sort_column (PmTagTableView *self,
                                   const char     *title,
                                   GtkSortType     order)
{
  GListModel *columns;

  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), FALSE);

  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; title != NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0 &&
          gtk_column_view_column_get_sorter (column) != NULL)
        {
          /* GTK 4.8 leaves the old column's indicator up when another
           * column is set directly: unsorted first clears it. */
          gtk_column_view_sort_by_column (self->column_view, NULL, order);
          gtk_column_view_sort_by_column (self->column_view, column, order);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * pm_tag_table_view_get_sorter:
 *
 * Returns: (transfer none): the table's sorter, whose "changed" says that
 *   the user sorted (pm_tag_table_view_get_sort_column() tells how, once
 *   the headers are updated: after the signal)
 */
GtkSorter *
pm_tag_table_view_get_sorter (PmTagTableView *self)
{
  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), NULL);

  return gtk_column_view_get_sorter (self->column_view);
}
