/* pm-window-highlight.c: the tag table's selected row on the chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row selected in the tag table (by a click or the arrow keys) has its
 * line emphasised on the chart (pm-chart-view-highlight.c).
 */
#include "pm-window-private.h"

static void
selected_cb (PmWindow           *self,
             GParamSpec         *pspec,
             GtkSingleSelection *selection)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  /* The rows go away while the window is disposed, after its chart. */
  if (self->chart_view == NULL)
    return;
  pm_chart_view_set_highlight_tag (self->chart_view,
                                   item != NULL && PM_IS_TAG_ROW (item)
                                   ? pm_tag_row_get_tag (item) : G_MAXUINT);
}

void
_pm_window_highlight_init (PmWindow *self)
{
  GtkSelectionModel *selection = pm_tag_table_view_get_selection (self->tag_table);

  if (!GTK_IS_SINGLE_SELECTION (selection))
    return;
  g_signal_connect_object (selection, "notify::selected-item", G_CALLBACK (selected_cb),
                           self, G_CONNECT_SWAPPED);
}
