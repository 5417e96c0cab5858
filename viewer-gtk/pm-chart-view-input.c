/* pm-chart-view-input.c: pointer and zoom of the time chart widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pointer:  left-drag         zoom the time axis to the band
 *           Shift+left-drag   zoom to the box, time and value
 *           Alt+left-drag,
 *           drag in Measure mode  measure the span (range figures)
 *           Ctrl+left-drag,
 *           middle-drag       pan
 *           wheel             zoom around the pointer (Shift+wheel pans)
 *           right click       back to the previous view
 *           double click      home (everything)
 *           legend click      hide or show that series
 *           legend double click   restyle it
 */
#include <math.h>

#include "pm-chart-view-private.h"
#include "pm-pointer.h"

/* Pixel to time and value through the session's current range, not the
 * last frame's: events can arrive between a zoom and its redraw. */
static double
x_to_time (PmChartView *self,
           double       x)
{
  const PmChartRange *r = pm_session_get_range (self->session);
  PmRect plot;
  PmAxisMap map;

  if (!pm_chart_renderer_get_plot_area (self->renderer, &plot) || plot.width <= 0)
    return r->t0;

  pm_axis_map_init (&map, r->t0, r->t1, plot.x, plot.x + plot.width, FALSE);
  return pm_axis_map_to_value (&map, x);
}

static double
y_to_value (PmChartView *self,
            double       y)
{
  const PmChartRange *r = pm_session_get_range (self->session);
  PmRect plot;
  PmAxisMap map;

  if (!pm_chart_renderer_get_plot_area (self->renderer, &plot) || plot.height <= 0)
    return r->y0;

  pm_axis_map_init (&map, r->y0, r->y1, plot.y + plot.height, plot.y,
                    pm_session_get_log_scale (self->session));
  return pm_axis_map_to_value (&map, y);
}

static void
zoom_around (PmChartView *self,
             double       t_fixed,
             double       factor,
             gboolean     new_step)
{
  PmChartRange r = *pm_session_get_range (self->session);

  r.t0 = t_fixed - (t_fixed - r.t0) * factor;
  r.t1 = t_fixed + (r.t1 - t_fixed) * factor;
  pm_session_zoom (self->session, &r, TRUE, new_step);
}

static void
pan_to (PmChartView        *self,
        const PmChartRange *from,
        double              dx,
        double              dy,
        gboolean            new_step)
{
  PmRect plot;
  PmChartRange r = *from;
  double dt;

  if (!pm_chart_renderer_get_plot_area (self->renderer, &plot) || plot.width <= 0)
    return;

  dt = -dx / plot.width * (from->t1 - from->t0);
  r.t0 += dt;
  r.t1 += dt;
  pm_session_zoom (self->session, &r, TRUE, new_step);
}

static void
motion_cb (PmChartView              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->hover_x = pm_chart_renderer_in_plot (self->renderer, x, y) ? x : NAN;
  self->hover_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (PmChartView              *self,
          GtkEventControllerMotion *motion)
{
  self->hover_x = NAN;
  self->hover_y = NAN;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (PmChartView    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state;
  guint button;

  if (self->session == NULL || !pm_chart_renderer_in_plot (self->renderer, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_x0 = self->drag_x1 = x;
  self->drag_y0 = self->drag_y1 = y;
  self->drag_range = *pm_session_get_range (self->session);

  if (button == GDK_BUTTON_PRIMARY && _pm_chart_view_measure_wanted (self, state))
    self->drag_mode = PM_CHART_DRAG_MEASURE;
  else if (button == GDK_BUTTON_MIDDLE || (state & GDK_CONTROL_MASK) != 0)
    self->drag_mode = PM_CHART_DRAG_PAN;
  else if ((state & GDK_SHIFT_MASK) != 0)
    self->drag_mode = PM_CHART_DRAG_BOX;
  else
    self->drag_mode = PM_CHART_DRAG_BAND;

  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (PmChartView    *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  PmRect plot;

  if (self->drag_mode == PM_CHART_DRAG_NONE)
    return;

  if (self->drag_mode == PM_CHART_DRAG_PAN)
    {
      /* The first step of a pan is a new history step, later ones replace it. */
      gboolean first = self->drag_x1 == self->drag_x0 && self->drag_y1 == self->drag_y0;

      self->drag_x1 = self->drag_x0 + dx;
      self->drag_y1 = self->drag_y0 + dy;
      pan_to (self, &self->drag_range, dx, dy, first);
      return;
    }

  pm_chart_renderer_get_plot_area (self->renderer, &plot);
  self->drag_x1 = CLAMP (self->drag_x0 + dx, plot.x, plot.x + plot.width);
  self->drag_y1 = CLAMP (self->drag_y0 + dy, plot.y, plot.y + plot.height);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (PmChartView    *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  PmChartDrag mode = self->drag_mode;
  double x0 = MIN (self->drag_x0, self->drag_x1);
  double x1 = MAX (self->drag_x0, self->drag_x1);
  double y0 = MIN (self->drag_y0, self->drag_y1);
  double y1 = MAX (self->drag_y0, self->drag_y1);

  self->drag_mode = PM_CHART_DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (mode == PM_CHART_DRAG_MEASURE && x1 - x0 >= PM_POINTER_MIN_DRAG_PX)
    _pm_chart_view_measured (self, x_to_time (self, x0), x_to_time (self, x1));
  else if (mode == PM_CHART_DRAG_BAND && x1 - x0 >= PM_POINTER_MIN_DRAG_PX)
    pm_session_zoom_time (self->session, x_to_time (self, x0), x_to_time (self, x1));
  else if (mode == PM_CHART_DRAG_BOX && x1 - x0 >= PM_POINTER_MIN_DRAG_PX && y1 - y0 >= PM_POINTER_MIN_DRAG_PX)
    {
      PmChartRange r;

      r.t0 = x_to_time (self, x0);
      r.t1 = x_to_time (self, x1);
      /* Pixels grow downwards, values upwards. */
      r.y0 = y_to_value (self, y1);
      r.y1 = y_to_value (self, y0);
      pm_session_zoom (self->session, &r, FALSE, TRUE);
    }
}

static void
click_pressed_cb (PmChartView     *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  int hit;

  if (self->session == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.zoom-back", NULL);
      return;
    }

  hit = pm_chart_renderer_legend_hit (self->renderer, x, y);
  if (hit >= 0 && (guint) hit < self->model->n_series)
    {
      const guint *drawn;
      guint n;

      drawn = pm_session_get_drawn (self->session, &n);
      if ((guint) hit >= n)
        return;
      /* A click hides or shows the series; a double click (whose first
       * click toggled it) puts it back and opens its style. */
      pm_session_set_series_hidden (self->session, drawn[hit],
                                    !pm_session_get_series_hidden (self->session, drawn[hit]));
      if (n_press == 2)
        _pm_chart_view_style_requested (self, drawn[hit]);
      return;
    }

  if (n_press == 2 && pm_chart_renderer_in_plot (self->renderer, x, y))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.zoom-home", NULL);
}

static gboolean
scroll_cb (PmChartView              *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state;
  gint64 now = g_get_monotonic_time ();
  gboolean new_step;
  PmRect plot;
  double t;

  if (self->session == NULL || pm_session_get_dataset (self->session) == NULL ||
      !pm_chart_renderer_get_plot_area (self->renderer, &plot))
    return FALSE;

  new_step = now - self->last_wheel > PM_POINTER_WHEEL_BURST_USEC;
  self->last_wheel = now;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if ((state & GDK_SHIFT_MASK) != 0 || (dx != 0 && dy == 0))
    {
      double d = dy != 0 ? dy : dx;

      pan_to (self, pm_session_get_range (self->session), -d * plot.width * 0.1, 0, new_step);
      return TRUE;
    }

  /* Zoom about the time under the pointer, so it stays where it is. */
  t = isnan (self->hover_x) ? (pm_session_get_range (self->session)->t0 +
                               pm_session_get_range (self->session)->t1) / 2
                            : x_to_time (self, self->hover_x);
  zoom_around (self, t, pow (1.25, dy), new_step);
  return TRUE;
}

void
_pm_chart_view_init_input (PmChartView *self)
{
  /* Button 0: the left button zooms (or pans with Ctrl), the middle pans. */
  static const PmPointerHandlers handlers = {
    .motion = G_CALLBACK (motion_cb),
    .leave = G_CALLBACK (leave_cb),
    .drag_begin = G_CALLBACK (drag_begin_cb),
    .drag_update = G_CALLBACK (drag_update_cb),
    .drag_end = G_CALLBACK (drag_end_cb),
    .pressed = G_CALLBACK (click_pressed_cb),
    .scroll = G_CALLBACK (scroll_cb),
  };

  pm_pointer_attach (GTK_WIDGET (self), &handlers);
}

/**
 * pm_chart_view_zoom_by:
 * @factor: below 1 zooms in, above 1 out, about the middle of the view
 */
void
pm_chart_view_zoom_by (PmChartView *self,
                       double       factor)
{
  const PmChartRange *r;

  g_return_if_fail (PM_IS_CHART_VIEW (self));

  if (self->session == NULL || pm_session_get_dataset (self->session) == NULL)
    return;

  r = pm_session_get_range (self->session);
  zoom_around (self, (r->t0 + r->t1) / 2, factor, TRUE);
}

/**
 * pm_chart_view_pan_by:
 * @fraction: how far to move, in widths of the view (negative: earlier)
 */
void
pm_chart_view_pan_by (PmChartView *self,
                      double       fraction)
{
  PmChartRange r;
  double dt;

  g_return_if_fail (PM_IS_CHART_VIEW (self));

  if (self->session == NULL || pm_session_get_dataset (self->session) == NULL)
    return;

  r = *pm_session_get_range (self->session);
  dt = fraction * (r.t1 - r.t0);
  r.t0 += dt;
  r.t1 += dt;
  pm_session_zoom (self->session, &r, TRUE, TRUE);
}
