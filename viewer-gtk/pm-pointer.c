/* pm-pointer.c: the pointer controllers the chart and the heat map share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both views hover, drag to zoom or pan with any button and zoom with the
 * wheel; they differ only in what their handlers do.
 */
#include "pm-pointer.h"

/**
 * pm_pointer_attach:
 * @widget: the view
 * @handlers: its handlers
 *
 * Adds to @widget, in this order, a motion controller, a drag gesture, a
 * click gesture (when @handlers has @pressed) and a scroll controller.
 */
void
pm_pointer_attach (GtkWidget               *widget,
                   const PmPointerHandlers *handlers)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", handlers->motion, widget);
  g_signal_connect_swapped (controller, "leave", handlers->leave, widget);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", handlers->drag_begin, widget);
  g_signal_connect_swapped (gesture, "drag-update", handlers->drag_update, widget);
  g_signal_connect_swapped (gesture, "drag-end", handlers->drag_end, widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  if (handlers->pressed != NULL)
    {
      gesture = gtk_gesture_click_new ();
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
      g_signal_connect_swapped (gesture, "pressed", handlers->pressed, widget);
      gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
    }

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect_swapped (controller, "scroll", handlers->scroll, widget);
  gtk_widget_add_controller (widget, controller);
}
