/* pm-window-views.c: the window's correlation pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pages beside the chart in the window's view stack: the correlation
 * matrix and the tags that move with TOTAL, with a switcher in the header
 * bar (pm_window_add_view()). A clicked matrix cell becomes the chart's selection, and the chart
 * comes to the front to show it.
 */
#include "pm-total-corr-view.h"
#include "pm-window-private.h"
#include "pm-window-views.h"

static PmCorrelationView *
get_correlation_view (PmWindow *self)
{
  return PM_CORRELATION_VIEW (gtk_stack_get_child_by_name (self->view_stack, "correlation"));
}

static void
chart_requested_cb (PmWindow *self)
{
  pm_window_show_view (self, "chart");
  gtk_widget_grab_focus (GTK_WIDGET (self->chart_view));
}

static void
working_cb (PmWindow          *self,
            GParamSpec        *pspec,
            PmCorrelationView *view)
{
  gboolean working;

  g_object_get (view, "working", &working, NULL);
  pm_tag_table_view_set_held (self->tag_table, working);
}

void
_pm_window_views_init (PmWindow *self)
{
  GtkWidget *correlation = pm_correlation_view_new ();
  GtkWidget *total = pm_total_corr_view_new ();

  pm_correlation_view_set_session (PM_CORRELATION_VIEW (correlation), self->session);
  pm_total_corr_view_set_session (PM_TOTAL_CORR_VIEW (total), self->session);
  g_signal_connect_object (correlation, "chart-requested", G_CALLBACK (chart_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (total, "chart-requested", G_CALLBACK (chart_requested_cb),
                           self, G_CONNECT_SWAPPED);

  /* A matrix being computed has both cores before the tag table's rows. */
  g_signal_connect_object (correlation, "notify::working", G_CALLBACK (working_cb),
                           self, G_CONNECT_SWAPPED);

  pm_window_add_view (self, correlation, "correlation", "Correlation");
  pm_window_add_view (self, total, "total", "With TOTAL");
}

/**
 * _pm_window_show_correlation:
 *
 * Brings the correlation page to the front, in @mode (the old `-sc` or
 * `-sce`), of levels or @increments.
 */
void
_pm_window_show_correlation (PmWindow          *self,
                             PmCorrelationMode  mode,
                             gboolean           increments)
{
  PmCorrelationView *view = get_correlation_view (self);

  pm_correlation_view_set_mode (view, mode);
  pm_correlation_view_set_increments (view, increments);
  pm_window_show_view (self, "correlation");
}
