/* pm-problems-dialog.c: every problem the loader found, in a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File, line and message of each PmProblem, in a sortable column view.
 * The items are GtkStringObjects carrying their PmProblem as data: a list
 * this plain needs no item type of its own.
 */
#include "pm-problems-dialog.h"

static const PmProblem *
item_problem (GtkListItem *item)
{
  return g_object_get_data (gtk_list_item_get_item (item), "problem");
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) == 1 ? 1 : 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (GPOINTER_TO_INT (user_data) == 0)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  const PmProblem *problem = item_problem (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_INT (user_data))
    {
    case 0:
      text = g_filename_display_name (problem->file);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
      break;
    case 1:
      text = problem->line > 0 ? g_strdup_printf ("%u", problem->line) : g_strdup ("—");
      break;
    default:
      text = g_utf8_make_valid (problem->message, -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
      break;
    }
  gtk_label_set_text (label, text);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  const PmProblem *pa = g_object_get_data ((GObject *) a, "problem");
  const PmProblem *pb = g_object_get_data ((GObject *) b, "problem");
  int r;

  switch (GPOINTER_TO_INT (user_data))
    {
    case 2:
      r = g_strcmp0 (pa->message, pb->message);
      break;
    case 1:
      r = (pa->line > pb->line) - (pa->line < pb->line);
      break;
    default:
      r = 0;
      break;
    }
  if (r == 0)
    r = g_strcmp0 (pa->file, pb->file);
  if (r == 0)
    r = (pa->line > pb->line) - (pa->line < pb->line);

  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            int            which,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (which));
  column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func, GINT_TO_POINTER (which), NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (which == 0)
    gtk_column_view_column_set_fixed_width (column, 260);
  gtk_column_view_append_column (view, column);
}

/**
 * pm_problems_dialog_new:
 *
 * Returns: (transfer none): a window listing @dataset's problems
 */
GtkWindow *
pm_problems_dialog_new (GtkWindow *parent,
                        PmDataset *dataset)
{
  GtkWindow *window;
  GtkWidget *scrolled, *view, *header, *box, *label;
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  GPtrArray *problems = pm_dataset_get_problems (dataset);
  GtkSortListModel *sorted;
  GtkSorter *sorter;
  g_autofree char *summary = NULL;
  guint n_problems = pm_dataset_get_n_problems (dataset);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autoptr(GtkStringObject) item = gtk_string_object_new ("");

      g_object_set_data_full (G_OBJECT (item), "problem",
                              pm_problem_copy (g_ptr_array_index (problems, i)),
                              (GDestroyNotify) pm_problem_free);
      g_list_store_append (store, item);
    }

  window = g_object_new (GTK_TYPE_WINDOW,
                         "transient-for", parent,
                         "title", "Loading Problems",
                         "default-width", 820,
                         "default-height", 480,
                         "destroy-with-parent", TRUE,
                         NULL);
  header = gtk_header_bar_new ();
  gtk_window_set_titlebar (window, header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child (window, box);

  /* The dataset keeps only the first problems of a very broken folder;
   * say how many there were in all. */
  if (problems != NULL && problems->len < n_problems)
    summary = g_strdup_printf ("The first %u of %u problems. Rows with a problem were skipped; "
                               "every good row was loaded.", problems->len, n_problems);
  else
    summary = g_strdup_printf ("%u problems. Rows with a problem were skipped; every good row "
                               "was loaded.", n_problems);
  label = gtk_label_new (summary);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  view = gtk_column_view_new (NULL);
  gtk_widget_add_css_class (view, "data-table");
  add_column (GTK_COLUMN_VIEW (view), "File", 0, FALSE);
  add_column (GTK_COLUMN_VIEW (view), "Line", 1, FALSE);
  add_column (GTK_COLUMN_VIEW (view), "Message", 2, TRUE);
  sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (view));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&store)), g_object_ref (sorter));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (view),
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_box_append (GTK_BOX (box), scrolled);

  return window;
}
