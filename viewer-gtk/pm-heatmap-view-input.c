/* pm-heatmap-view-input.c: what the pointer and keys do to the heat map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pointer:  left-drag          zoom to the dragged rows and columns
 *           Ctrl+left-drag,
 *           middle-drag        pan
 *           wheel              zoom around the pointer (Shift+wheel pans)
 *           left click         activate the cell (the window charts the pair)
 *           right click        back to the previous view
 * Keys:     BackSpace back, Home everything, +/- zoom, arrows pan
 *
 * Everything goes through the view's window and zoom history, as the
 * chart's interaction goes through the session.
 */
#include <math.h>

#include "pm-heatmap-view-private.h"
#include "pm-pointer.h"

static void
motion_cb (PmHeatmapView            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  guint row, col;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode == PM_HEATMAP_DRAG_NONE && self->figure != NULL &&
      pm_heatmap_renderer_hit (self->renderer, x, y, &row, &col))
    _pm_heatmap_view_set_hover (self, row, col);
  else
    _pm_heatmap_view_set_hover (self, -1, -1);
}

static void
leave_cb (PmHeatmapView            *self,
          GtkEventControllerMotion *motion)
{
  self->pointer_x = self->pointer_y = NAN;
  _pm_heatmap_view_set_hover (self, -1, -1);
}

static void
pan_to (PmHeatmapView         *self,
        const PmHeatmapWindow *from,
        double                 dx,
        double                 dy,
        gboolean               new_step)
{
  double cell = pm_heatmap_renderer_get_cell_size (self->renderer);
  PmHeatmapWindow w = *from;

  if (cell <= 0)
    return;

  w.col0 -= dx / cell;
  w.row0 -= dy / cell;
  _pm_heatmap_view_set_window (self, &w, new_step);
}

void
_pm_heatmap_view_zoom_around (PmHeatmapView *self,
                              double         row,
                              double         col,
                              double         factor,
                              gboolean       new_step)
{
  PmHeatmapWindow w = self->window;
  double size = CLAMP (w.n_rows * factor, MIN (PM_HEATMAP_VIEW_MIN_WINDOW, _pm_heatmap_view_get_size (self)), _pm_heatmap_view_get_size (self));

  /* The cell under the pointer stays under it. */
  factor = size / w.n_rows;
  w.row0 = row - (row - w.row0) * factor;
  w.col0 = col - (col - w.col0) * factor;
  w.n_rows = w.n_cols = size;
  _pm_heatmap_view_set_window (self, &w, new_step);
}

static void
drag_begin_cb (PmHeatmapView  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state;
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (self->figure == NULL || button == GDK_BUTTON_SECONDARY)
    {
      if (button == GDK_BUTTON_SECONDARY)
        pm_heatmap_view_back (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  self->drag_x0 = self->drag_x1 = x;
  self->drag_y0 = self->drag_y1 = y;
  self->drag_window = self->window;
  self->drag_mode = button == GDK_BUTTON_MIDDLE || (state & GDK_CONTROL_MASK) != 0
                    ? PM_HEATMAP_DRAG_PAN : PM_HEATMAP_DRAG_BOX;
}

static void
drag_update_cb (PmHeatmapView  *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  gboolean first = self->drag_x1 == self->drag_x0 && self->drag_y1 == self->drag_y0;

  if (self->drag_mode == PM_HEATMAP_DRAG_NONE)
    return;

  self->drag_x1 = self->drag_x0 + dx;
  self->drag_y1 = self->drag_y0 + dy;
  if (self->drag_mode == PM_HEATMAP_DRAG_PAN)
    {
      /* The first step of a pan is a new history step, later ones replace it. */
      pan_to (self, &self->drag_window, dx, dy, first);
      return;
    }

  if (fabs (dx) >= PM_POINTER_MIN_DRAG_PX || fabs (dy) >= PM_POINTER_MIN_DRAG_PX)
    _pm_heatmap_view_set_hover (self, -1, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (PmHeatmapView  *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  PmHeatmapDrag mode = self->drag_mode;
  double r0, c0, r1, c1;
  guint row, col;

  self->drag_mode = PM_HEATMAP_DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (mode != PM_HEATMAP_DRAG_BOX)
    return;

  if (fabs (dx) < PM_POINTER_MIN_DRAG_PX && fabs (dy) < PM_POINTER_MIN_DRAG_PX)
    {
      /* A click, not a drag. */
      if (pm_heatmap_renderer_hit (self->renderer, self->drag_x0, self->drag_y0, &row, &col))
        {
          _pm_heatmap_view_activate (self, row, col);
        }
      return;
    }

  if (!pm_heatmap_renderer_position_at (self->renderer, self->drag_x0, self->drag_y0, &r0, &c0) ||
      !pm_heatmap_renderer_position_at (self->renderer, self->drag_x0 + dx, self->drag_y0 + dy,
                                        &r1, &c1))
    return;

  /* A square from the corner where the drag began, as large as the larger
   * side of the box (cells stay square). */
  {
    double size = MAX (fabs (r1 - r0), fabs (c1 - c0));
    PmHeatmapWindow w = { r1 < r0 ? r0 - size : r0, c1 < c0 ? c0 - size : c0, size, size };

    _pm_heatmap_view_set_window (self, &w, TRUE);
  }
}

static gboolean
scroll_cb (PmHeatmapView            *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state;
  gint64 now = g_get_monotonic_time ();
  double cell = pm_heatmap_renderer_get_cell_size (self->renderer);
  gboolean new_step;
  double row, col;

  if (self->figure == NULL || cell <= 0)
    return FALSE;

  new_step = now - self->last_wheel > PM_POINTER_WHEEL_BURST_USEC;
  self->last_wheel = now;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if ((state & GDK_SHIFT_MASK) != 0 || (dx != 0 && dy == 0))
    {
      double d = dy != 0 ? dy : dx;

      pan_to (self, &self->window, -d * self->window.n_cols * cell * 0.1, 0, new_step);
      return TRUE;
    }

  if (isnan (self->pointer_x) ||
      !pm_heatmap_renderer_position_at (self->renderer, self->pointer_x, self->pointer_y,
                                        &row, &col))
    {
      row = self->window.row0 + self->window.n_rows / 2;
      col = self->window.col0 + self->window.n_cols / 2;
    }

  _pm_heatmap_view_zoom_around (self, row, col, pow (1.25, dy), new_step);
  return TRUE;
}

static gboolean
key_back_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  return pm_heatmap_view_back (PM_HEATMAP_VIEW (widget));
}

static gboolean
key_home_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  pm_heatmap_view_home (PM_HEATMAP_VIEW (widget));
  return TRUE;
}

static gboolean
key_zoom_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  pm_heatmap_view_zoom_by (PM_HEATMAP_VIEW (widget), g_variant_get_double (args));
  return TRUE;
}

static gboolean
key_pan_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  PmHeatmapView *self = PM_HEATMAP_VIEW (widget);
  double cell = pm_heatmap_renderer_get_cell_size (self->renderer);
  double fx, fy;

  g_variant_get (args, "(dd)", &fx, &fy);
  pan_to (self, &self->window, -fx * self->window.n_cols * cell,
          -fy * self->window.n_rows * cell, TRUE);
  return TRUE;
}

/* Shift+arrows move a keyboard cell, shown and described like the
 * hovered one (row and column of the display order). */
static gboolean
key_cell_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  PmHeatmapView *self = PM_HEATMAP_VIEW (widget);
  int n = self->figure != NULL ? (int) pm_corr_figure_get_model (self->figure)->n : 0;
  int drow, dcol, row, col;

  if (n == 0)
    return TRUE;
  g_variant_get (args, "(ii)", &drow, &dcol);
  /* From the hovered cell, or else the top left one in view. */
  row = self->hover_row >= 0 ? self->hover_row + drow : (int) self->window.row0;
  col = self->hover_col >= 0 ? self->hover_col + dcol : (int) self->window.col0;
  _pm_heatmap_view_set_hover (self, CLAMP (row, 0, n - 1), CLAMP (col, 0, n - 1));
  return TRUE;
}

static gboolean
key_activate_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  PmHeatmapView *self = PM_HEATMAP_VIEW (widget);

  if (self->hover_row < 0 || self->hover_col < 0)
    return FALSE;
  _pm_heatmap_view_activate (self, self->hover_row, self->hover_col);
  return TRUE;
}

void
_pm_heatmap_view_class_init_input (GtkWidgetClass *widget_class)
{
  static const struct { guint key; int drow, dcol; } cells[] = {
    { GDK_KEY_Left, 0, -1 }, { GDK_KEY_Right, 0, 1 },
    { GDK_KEY_Up, -1, 0 }, { GDK_KEY_Down, 1, 0 },
  };

  static const struct { guint key; double dx, dy; } pans[] = {
    { GDK_KEY_Left, -0.25, 0 }, { GDK_KEY_Right, 0.25, 0 },
    { GDK_KEY_Up, 0, -0.25 }, { GDK_KEY_Down, 0, 0.25 },
  };

  /* Bound on the widget, so they win over the window's chart shortcuts
   * while the matrix has the focus. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0, key_back_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, key_home_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, key_zoom_cb, "d", 0.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, key_zoom_cb, "d", 0.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, key_zoom_cb, "d", 2.0);
  for (guint i = 0; i < G_N_ELEMENTS (pans); i++)
    gtk_widget_class_add_binding (widget_class, pans[i].key, 0, key_pan_cb, "(dd)",
                                  pans[i].dx, pans[i].dy);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    gtk_widget_class_add_binding (widget_class, cells[i].key, GDK_SHIFT_MASK, key_cell_cb,
                                  "(ii)", cells[i].drow, cells[i].dcol);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, key_activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, key_activate_cb, NULL);
}

void
_pm_heatmap_view_init_input (PmHeatmapView *self)
{
  static const PmPointerHandlers handlers = {
    .motion = G_CALLBACK (motion_cb),
    .leave = G_CALLBACK (leave_cb),
    .drag_begin = G_CALLBACK (drag_begin_cb),
    .drag_update = G_CALLBACK (drag_update_cb),
    .drag_end = G_CALLBACK (drag_end_cb),
    .scroll = G_CALLBACK (scroll_cb),
  };

  pm_pointer_attach (GTK_WIDGET (self), &handlers);
}
