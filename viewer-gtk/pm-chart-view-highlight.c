/* pm-chart-view-highlight.c: the line of the tag table's selected row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Selecting a row of the tag table (a click, or the arrow keys) picks out
 * that tag's line on the chart as hovering its legend entry does: drawn
 * wider on top of the others, in the overlay, so the cached chart is not
 * redrawn. Legend hover wins while the pointer is on the legend.
 */
#include "pm-chart-view-private.h"

/* The series index of the highlighted tag, or -1 when it is not drawn. */
int
_pm_chart_view_row_highlight (PmChartView *self)
{
  const guint *drawn;
  guint n = 0;

  if (self->highlight_tag == G_MAXUINT || self->session == NULL)
    return -1;

  drawn = pm_session_get_drawn (self->session, &n);
  for (guint i = 0; i < n && i < self->model->n_series; i++)
    if (drawn[i] == self->highlight_tag)
      return (int) i;
  return -1;
}

/**
 * pm_chart_view_set_highlight_tag:
 * @tag: a tag of the session's dataset, or %G_MAXUINT for none
 *
 * Draws @tag's line emphasised while it is drawn.
 */
void
pm_chart_view_set_highlight_tag (PmChartView *self,
                                 guint        tag)
{
  g_return_if_fail (PM_IS_CHART_VIEW (self));

  if (self->highlight_tag == tag)
    return;
  self->highlight_tag = tag;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pm_chart_view_get_highlight:
 *
 * Returns: the index in the model of the series drawn emphasised for the
 *   tag table's selected row, or -1
 */
int
pm_chart_view_get_highlight (PmChartView *self)
{
  g_return_val_if_fail (PM_IS_CHART_VIEW (self), -1);

  return _pm_chart_view_row_highlight (self);
}

/**
 * pm_chart_view_get_right_range:
 * @y0: (out) (optional): the bottom of the right-hand axis last drawn
 * @y1: (out) (optional): its top
 *
 * Returns: %FALSE when the last frame had no right-hand axis (TOTAL on
 *   its own axis, pm_session_get_total_on_right())
 */
gboolean
pm_chart_view_get_right_range (PmChartView *self,
                               double      *y0,
                               double      *y1)
{
  g_return_val_if_fail (PM_IS_CHART_VIEW (self), FALSE);

  return pm_chart_renderer_get_right_range (self->renderer, y0, y1);
}
