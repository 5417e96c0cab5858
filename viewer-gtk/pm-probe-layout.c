/* pm-probe-layout.c: what the probe says about the window's layout and the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SIZE (the window's size and the least it can be), VIEW (what the user may
 * have left the window at last time), COLUMNS and ROWS-SCROLL (the tag
 * table's titles and scrolling), FOCUS (where the keyboard is) and
 * SELECTION (the shown tags and the focused row). docs/design.md lists
 * every line the probe prints.
 */
#include "pm-probe-private.h"

#include "pm-tag-row.h"
#include "pm-tag-table-view.h"

/* The window's size and the least it can be, when either changed: a window
 * whose content needs more than its surface is drawn cut off. */
void
_pm_probe_say_size (WindowProbe *probe)
{
  GtkWidget *widget = GTK_WIDGET (probe->window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int min_width, min_height;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  if (width == probe->size[0] && height == probe->size[1] &&
      min_width == probe->size[2] && min_height == probe->size[3])
    return;
  probe->size[0] = width;
  probe->size[1] = height;
  probe->size[2] = min_width;
  probe->size[3] = min_height;
  _pm_probe_say ("SIZE w=%d h=%d min_w=%d min_h=%d", width, height, min_width, min_height);
}

/* How the window is set up: what the user may have left it at last time. */
void
_pm_probe_say_view (PmWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  PmSession *session = pm_window_get_session (window);
  GtkPaned *paned = GTK_PANED (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW, "paned"));
  GtkStack *views = GTK_STACK (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW,
                                                              "view_stack"));
  GtkExpander *expander = GTK_EXPANDER (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW,
                                                                       "rank_expander"));
  PmTagTableView *table = PM_TAG_TABLE_VIEW (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW,
                                                                           "tag_table"));
  GtkSortType order = GTK_SORT_ASCENDING;
  g_autofree char *sort = pm_tag_table_view_get_sort_column (table, &order);
  g_autofree char *sort_word = _pm_probe_word_of (sort != NULL ? sort : "none");
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  _pm_probe_say ("VIEW log=%d hide_total=%d total_axis=%d side_panel=%d default_selection=%d "
                 "page=%s size=%dx%d sort=%s,%s",
                 pm_session_get_log_scale (session), pm_session_get_hide_total (session),
                 pm_session_get_total_axis (session),
                 gtk_widget_get_visible (gtk_paned_get_start_child (paned)),
                 gtk_expander_get_expanded (expander), gtk_stack_get_visible_child_name (views),
                 width, height, sort_word, order == GTK_SORT_DESCENDING ? "desc" : "asc");
}

static void
table_scrolled_cb (GtkAdjustment *adjustment)
{
  _pm_probe_say ("ROWS-SCROLL y=%.0f", gtk_adjustment_get_value (adjustment));
}

/* Where each column's title of the tag table is, for clicking it to sort;
 * and the table's scrolling, once. */
void
_pm_probe_say_table_header (PmWindow *window)
{
  GObject *table = gtk_widget_get_template_child (GTK_WIDGET (window), PM_TYPE_WINDOW,
                                                  "tag_table");
  GtkWidget *view = table != NULL ? _pm_probe_find_column_view (GTK_WIDGET (table)) : NULL;
  GtkWidget *scrolled = view != NULL ? gtk_widget_get_parent (view) : NULL;
  GtkWidget *header = view != NULL ? gtk_widget_get_first_child (view) : NULL;
  g_autoptr(GString) titles = g_string_new (NULL);

  for (GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;
       title != NULL; title = gtk_widget_get_next_sibling (title))
    {
      int x, y;

      if (_pm_probe_window_point (title, 10, gtk_widget_get_height (title) / 2.0, &x, &y))
        g_string_append_printf (titles, " %d,%d", x, y);
    }
  _pm_probe_say ("COLUMNS titles=%s", titles->len > 0 ? titles->str + 1 : "");

  if (GTK_IS_SCROLLED_WINDOW (scrolled) &&
      g_object_get_data (G_OBJECT (scrolled), "pm-probe-scroll") == NULL)
    {
      g_object_set_data (G_OBJECT (scrolled), "pm-probe-scroll", GINT_TO_POINTER (1));
      g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                        "value-changed", G_CALLBACK (table_scrolled_cb), NULL);
    }
}

static PmTagRow *
focused_row (PmWindow *window)
{
  GObject *table = gtk_widget_get_template_child (GTK_WIDGET (window), PM_TYPE_WINDOW,
                                                  "tag_table");

  return table != NULL ? pm_tag_table_view_get_focused_row (PM_TAG_TABLE_VIEW (table)) : NULL;
}

/* Where the keyboard is: the focused widget's type, whether it is on a row
 * of the tag table and, there, the row's tag. */
static void
focus_cb (PmWindow   *window,
          GParamSpec *pspec,
          GtkWindow  *toplevel)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  PmTagRow *row = focused_row (window);
  g_autofree char *tag = _pm_probe_word_of (row != NULL ? pm_tag_row_get_label (row) : "-");

  _pm_probe_say ("FOCUS widget=%s table=%d tag=%s shown=%d",
                 focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none",
                 row != NULL, tag, row != NULL && pm_tag_row_get_shown (row));
  if (row != NULL)
    _pm_probe_say_table_header (window);
}

/* The shown tags changed: how many, and the focused row's state. */
static void
selection_cb (PmWindow *window)
{
  PmSession *session = pm_window_get_session (window);
  PmTagRow *row = focused_row (window);
  g_autofree char *tag = _pm_probe_word_of (row != NULL ? pm_tag_row_get_label (row) : "-");
  guint n_shown = 0;

  pm_session_get_shown (session, &n_shown);
  _pm_probe_say ("SELECTION shown=%u hidden=%u focused=%s focused_shown=%d", n_shown,
                 pm_session_get_n_hidden (session), tag,
                 row != NULL && pm_session_is_shown (session, pm_tag_row_get_tag (row)));
}

/* FOCUS and SELECTION from now on. */
void
_pm_probe_watch_keyboard (PmWindow *window)
{
  g_signal_connect_object (window, "notify::focus-widget", G_CALLBACK (focus_cb), window,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (pm_window_get_session (window), "selection-changed",
                           G_CALLBACK (selection_cb), window, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
