/* pm-window-keys.c: moving around the window from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * F6 and Ctrl+Tab move the focus between the window's panes (the tag
 * table and the page in front), Shift with either goes back; Ctrl+Page
 * Up/Down and Alt+1..4 bring a page to the front and give it the focus.
 * F9 shows or hides the side panel (the tag table), so that a narrow
 * window gives the chart its width. The keys are set in pm-application.c
 * and listed in the shortcuts window.
 */
#include "pm-correlation-view.h"
#include "pm-total-corr-view.h"
#include "pm-window-private.h"
#include "pm-window-views.h"

/* The widget of page @page that takes the keyboard: the picture. */
static void
focus_page (PmWindow  *self,
            GtkWidget *page)
{
  if (PM_IS_CORRELATION_VIEW (page))
    gtk_widget_grab_focus (GTK_WIDGET (pm_correlation_view_get_heatmap (PM_CORRELATION_VIEW (page))));
  else if (gtk_widget_is_ancestor (GTK_WIDGET (self->chart_view), page))
    gtk_widget_grab_focus (GTK_WIDGET (self->chart_view));
  else if (PM_IS_TOTAL_CORR_VIEW (page))
    pm_total_corr_view_focus_bars (PM_TOTAL_CORR_VIEW (page));
  else if (gtk_widget_get_focusable (page))
    gtk_widget_grab_focus (page);
  else
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static gboolean
side_panel_shown (PmWindow *self)
{
  return gtk_widget_is_drawable (GTK_WIDGET (self->tag_table));
}

static void
cycle_pane (PmWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *page = gtk_stack_get_visible_child (self->view_stack);
  gboolean in_table = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->tag_table));

  if (page == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "view") != 0)
    return;

  /* Two panes: either direction goes to the other one. */
  if (in_table || !side_panel_shown (self))
    focus_page (self, page);
  else
    pm_tag_table_view_focus_table (self->tag_table);
}

static void
next_pane_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  cycle_pane (PM_WINDOW (user_data));
}

/* The visible pages, in the switcher's order. */
static GPtrArray *
visible_pages (PmWindow *self)
{
  GPtrArray *pages = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_stack_page_get_visible (gtk_stack_get_page (self->view_stack, child)))
      g_ptr_array_add (pages, child);
  return pages;
}

static void
show_page (PmWindow *self,
           int       index,
           gboolean  relative)
{
  g_autoptr(GPtrArray) pages = visible_pages (self);
  GtkWidget *current = gtk_stack_get_visible_child (self->view_stack);
  guint at = 0;
  int n = pages->len;

  if (n == 0 || g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "view") != 0)
    return;
  if (relative)
    {
      g_ptr_array_find (pages, current, &at);
      index = ((int) at + index % n + n) % n;
    }
  if (index < 0 || index >= n)
    return;

  gtk_stack_set_visible_child (self->view_stack, g_ptr_array_index (pages, index));
  focus_page (self, g_ptr_array_index (pages, index));
}

static void
page_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  /* win.page(1) is the first page, as Alt+1 says. */
  show_page (PM_WINDOW (user_data), g_variant_get_int32 (param) - 1, FALSE);
}

static void
next_page_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  show_page (PM_WINDOW (user_data), 1, TRUE);
}

static void
previous_page_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  show_page (PM_WINDOW (user_data), -1, TRUE);
}

static void
side_panel_action (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  PmWindow *self = user_data;
  GtkWidget *panel = gtk_paned_get_start_child (self->paned);
  gboolean shown = g_variant_get_boolean (state);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  g_simple_action_set_state (action, state);
  /* The focus leaves a panel being hidden for the page in front. */
  if (!shown && focus != NULL && gtk_widget_is_ancestor (focus, panel))
    {
      GtkWidget *page = gtk_stack_get_visible_child (self->view_stack);

      if (page != NULL)
        focus_page (self, page);
    }
  gtk_widget_set_visible (panel, shown);
}

/* The metric from the main menu, for a window too narrow to show its
 * drop-down: choosing goes through the drop-down, which checks that the
 * files have the metric's columns. */
static void
metric_action (GSimpleAction *action,
               GVariant      *state,
               gpointer       user_data)
{
  PmWindow *self = user_data;
  PmMetric metric;

  if (pm_metric_from_string (g_variant_get_string (state, NULL), &metric))
    gtk_drop_down_set_selected (self->metric_dropdown, metric);
}

static void
session_metric_cb (PmWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "metric");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (pm_metric_to_string (
                                                     pm_session_get_metric (self->session))));
}

void
_pm_window_keys_init (PmWindow *self)
{
  static const GActionEntry actions[] = {
    { "side-panel", _pm_window_toggle_action, NULL, "true", side_panel_action },
    { "metric", NULL, "s", "'TotalUsedBytes'", metric_action },
    { "next-pane", next_pane_action },
    { "page", page_action, "i" },
    { "next-page", next_page_action },
    { "previous-page", previous_page_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_signal_connect_object (self->session, "notify::metric", G_CALLBACK (session_metric_cb),
                           self, G_CONNECT_SWAPPED);
  session_metric_cb (self);
}
