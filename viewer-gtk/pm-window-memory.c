/* pm-window-memory.c: the window as the user left it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the user set that is not about one dataset comes back on the next
 * start, through the user state's view.ini: the log axis, Hide TOTAL,
 * TOTAL's own axis, the tag table's sort column,
 * the side panel and its Default Selection part, the page in front and
 * the window's size. Each is saved when it changes (the size when the
 * window closes), so a crash loses nothing. A command line that asks for
 * a page or an option still wins: it is applied after this.
 */
#include "pm-window-private.h"
#include "pm-window-views.h"

static PmUserState *
user_state (PmWindow *self)
{
  return pm_session_get_user_state (self->session);
}

static void
log_scale_cb (PmWindow *self)
{
  pm_user_state_set_view_int (user_state (self), "LogScale",
                              pm_session_get_log_scale (self->session));
}

static void
hide_total_cb (PmWindow *self)
{
  pm_user_state_set_view_int (user_state (self), "HideTotal",
                              pm_session_get_hide_total (self->session));
}

static void
total_axis_cb (PmWindow *self)
{
  pm_user_state_set_view_int (user_state (self), "TotalAxis",
                              pm_session_get_total_axis (self->session));
}

static void
side_panel_cb (PmWindow   *self,
               GParamSpec *pspec,
               GAction    *action)
{
  g_autoptr(GVariant) state = g_action_get_state (action);

  pm_user_state_set_view_int (user_state (self), "SidePanel", g_variant_get_boolean (state));
}

static void
expander_cb (PmWindow *self)
{
  pm_user_state_set_view_int (user_state (self), "DefaultSelection",
                              gtk_expander_get_expanded (self->rank_expander));
}

static void
page_cb (PmWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->view_stack);

  /* Only a page the user could choose: with data on screen. */
  if (page != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "view") == 0)
    pm_user_state_set_view_string (user_state (self), "Page", page);
}

/* The headers show the new order only after the sorter's "changed". */
static gboolean
save_sort_cb (gpointer user_data)
{
  PmWindow *self = user_data;
  GtkSortType order = GTK_SORT_ASCENDING;
  g_autofree char *column = NULL;

  self->sort_source = 0;
  /* The window may have closed meanwhile. */
  if (self->tag_table == NULL)
    return G_SOURCE_REMOVE;
  column = pm_tag_table_view_get_sort_column (self->tag_table, &order);
  if (column != NULL)
    {
      pm_user_state_set_view_string (user_state (self), "SortColumn", column);
      pm_user_state_set_view_int (user_state (self), "SortDescending", order == GTK_SORT_DESCENDING);
    }
  return G_SOURCE_REMOVE;
}

static void
sort_cb (PmWindow *self)
{
  if (self->sort_source == 0)
    self->sort_source = g_idle_add_full (G_PRIORITY_LOW, save_sort_cb, g_object_ref (self),
                                         g_object_unref);
}

static gboolean
close_request_cb (PmWindow *self)
{
  int width, height;

  /* The size to come back at: not a maximized one. */
  pm_user_state_set_view_int (user_state (self), "Maximized",
                              gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          pm_user_state_set_view_int (user_state (self), "Width", width);
          pm_user_state_set_view_int (user_state (self), "Height", height);
        }
    }
  return FALSE;
}

static void
restore (PmWindow *self)
{
  PmUserState *state = user_state (self);
  g_autofree char *page = pm_user_state_get_view_string (state, "Page");
  g_autofree char *sort = pm_user_state_get_view_string (state, "SortColumn");
  int width = pm_user_state_get_view_int (state, "Width", 0);
  int height = pm_user_state_get_view_int (state, "Height", 0);

  pm_session_set_log_scale (self->session, pm_user_state_get_view_int (state, "LogScale", FALSE));
  pm_session_set_hide_total (self->session, pm_user_state_get_view_int (state, "HideTotal", FALSE));
  pm_session_set_total_axis (self->session, pm_user_state_get_view_int (state, "TotalAxis", TRUE));
  g_action_group_change_action_state (G_ACTION_GROUP (self), "side-panel",
                                      g_variant_new_boolean (pm_user_state_get_view_int (state,
                                                                                         "SidePanel",
                                                                                         TRUE)));
  gtk_expander_set_expanded (self->rank_expander,
                             pm_user_state_get_view_int (state, "DefaultSelection", TRUE));
  if (sort != NULL)
    pm_tag_table_view_set_sort_column (self->tag_table, sort,
                                       pm_user_state_get_view_int (state, "SortDescending", TRUE)
                                       ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  if (page != NULL && gtk_stack_get_child_by_name (self->view_stack, page) != NULL)
    gtk_stack_set_visible_child_name (self->view_stack, page);
  /* A size from a bigger screen is the window manager's to fit. */
  if (width >= 200 && height >= 200)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (pm_user_state_get_view_int (state, "Maximized", FALSE))
    gtk_window_maximize (GTK_WINDOW (self));
}

void
_pm_window_memory_init (PmWindow *self)
{
  GAction *side_panel = g_action_map_lookup_action (G_ACTION_MAP (self), "side-panel");

  restore (self);

  g_signal_connect_object (self->session, "notify::log-scale", G_CALLBACK (log_scale_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::hide-total", G_CALLBACK (hide_total_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::total-axis", G_CALLBACK (total_axis_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (side_panel, "notify::state", G_CALLBACK (side_panel_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rank_expander, "notify::expanded", G_CALLBACK (expander_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (page_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pm_tag_table_view_get_sorter (self->tag_table), "changed",
                           G_CALLBACK (sort_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}
