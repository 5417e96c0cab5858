/* pm-chart-view-measure.c: the span measured on the time chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Alt+drag, or a plain drag while Measure is on (PmRuns:measure-mode),
 * marks a span instead of zooming to it. The span goes into the window's
 * PmRuns (GTK-free), whose range figures the window shows over the chart;
 * here it is only drawn: a tinted band with its edges, under the pointer's
 * crosshair of the next frame, over the cached chart.
 */
#include <math.h>

#include "pm-chart-view-private.h"
#include "pm-runs.h"

static PmRuns *
runs_of (PmChartView *self)
{
  PmRuns *runs = pm_runs_get_for_session (self->session);

  return runs != NULL ? runs : pm_runs_new (self->session);
}

gboolean
_pm_chart_view_measure_wanted (PmChartView     *self,
                               GdkModifierType  state)
{
  if ((state & GDK_ALT_MASK) != 0)
    return TRUE;
  if ((state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    return FALSE;

  return pm_runs_get_measure_mode (runs_of (self));
}

void
_pm_chart_view_measured (PmChartView *self,
                         double       t0,
                         double       t1)
{
  pm_runs_set_measure (runs_of (self), t0, t1);
}

static void
draw_band (cairo_t      *cr,
           const PmRect *plot,
           double        x0,
           double        x1,
           gboolean      final)
{
  double a = MAX (MIN (x0, x1), plot->x);
  double b = MIN (MAX (x0, x1), plot->x + plot->width);

  if (!(b > a))
    return;

  cairo_set_source_rgba (cr, 0.95, 0.55, 0.1, final ? 0.14 : 0.22);
  cairo_rectangle (cr, a, plot->y, b - a, plot->height);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0.85, 0.45, 0.05, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, floor (a) + 0.75, plot->y);
  cairo_line_to (cr, floor (a) + 0.75, plot->y + plot->height);
  cairo_move_to (cr, floor (b) - 0.75, plot->y);
  cairo_line_to (cr, floor (b) - 0.75, plot->y + plot->height);
  cairo_stroke (cr);
}

void
_pm_chart_view_draw_measure (PmChartView *self,
                             GtkSnapshot *snapshot,
                             int          width,
                             int          height)
{
  PmRuns *runs = pm_runs_get_for_session (self->session);
  gboolean measured;
  double t0, t1;
  PmRect plot;
  cairo_t *cr;

  measured = runs != NULL && pm_runs_get_measure (runs, &t0, &t1);
  if ((!measured && self->drag_mode != PM_CHART_DRAG_MEASURE) ||
      !pm_chart_renderer_get_plot_area (self->renderer, &plot))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (measured)
    draw_band (cr, &plot, pm_chart_renderer_time_to_x (self->renderer, t0),
               pm_chart_renderer_time_to_x (self->renderer, t1), TRUE);
  if (self->drag_mode == PM_CHART_DRAG_MEASURE)
    draw_band (cr, &plot, self->drag_x0, self->drag_x1, FALSE);
  cairo_destroy (cr);
}
