/* pm-probe-axes.c: what the GUI tests see of the chart's axes and of the
 * line picked out for the tag table's selected row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AXES comes with every frame of the chart that PAINTED reports (just
 * before it): whether TOTAL has the right-hand axis and its range. A
 * change of the table's selected row is said as HIGHLIGHT once the chart
 * drew it.
 */
#include "pm-probe-private.h"

#include "pm-tag-table-view.h"

void
_pm_probe_say_axes (WindowProbe *probe)
{
  const PmChartModel *model = pm_chart_view_get_model (probe->chart);
  double y0 = 0, y1 = 0;
  gboolean right = pm_chart_view_get_right_range (probe->chart, &y0, &y1);
  const char *label = "none";

  for (guint i = 0; right && i < model->n_series; i++)
    if (model->series[i].visible && model->series[i].right_axis)
      label = model->series[i].label;
  _pm_probe_say ("AXES right=%d right_tag=%s right_y0=%.6g right_y1=%.6g", right, label, y0, y1);
}

static void
highlight_painted_cb (PmChartView   *chart,
                      GdkFrameClock *clock)
{
  const PmChartModel *model = pm_chart_view_get_model (chart);
  int index = pm_chart_view_get_highlight (chart);
  g_autofree char *tag = NULL;

  g_signal_handlers_disconnect_by_func (clock, highlight_painted_cb, chart);
  tag = _pm_probe_word_of (index >= 0 && (guint) index < model->n_series
                           ? model->series[index].label : "none");
  gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (chart)));
  _pm_probe_say ("HIGHLIGHT tag=%s series=%d", tag, index);
}

static void
selected_cb (PmChartView *chart)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (chart));

  if (clock == NULL)
    return;
  g_signal_handlers_disconnect_by_func (clock, highlight_painted_cb, chart);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (highlight_painted_cb), chart,
                           G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (chart));
}

void
_pm_probe_watch_highlight (PmWindow *window)
{
  WindowProbe *probe = _pm_probe_of (window);
  GObject *table = gtk_widget_get_template_child (GTK_WIDGET (window), PM_TYPE_WINDOW,
                                                    "tag_table");
  GtkSelectionModel *selection = pm_tag_table_view_get_selection (PM_TAG_TABLE_VIEW (table));

  g_signal_connect_object (selection, "notify::selected-item", G_CALLBACK (selected_cb),
                           probe->chart, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
