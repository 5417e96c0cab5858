/* pm-pointer.h: the pointer controllers the chart and the heat map share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A drag shorter than this is a click, not a zoom. */
#define PM_POINTER_MIN_DRAG_PX 5.0
/* Wheel turns closer together than this are one step of the zoom history. */
#define PM_POINTER_WHEEL_BURST_USEC (600 * 1000)

/**
 * PmPointerHandlers:
 * @motion: #GtkEventControllerMotion::motion
 * @leave: #GtkEventControllerMotion::leave
 * @drag_begin: #GtkGestureDrag::drag-begin, of any button
 * @drag_update: #GtkGestureDrag::drag-update
 * @drag_end: #GtkGestureDrag::drag-end
 * @pressed: (nullable): #GtkGestureClick::pressed, of any button
 * @scroll: #GtkEventControllerScroll::scroll, both axes, in discrete steps
 *
 * Each handler takes the widget first (connected swapped).
 */
typedef struct
{
  GCallback motion;
  GCallback leave;
  GCallback drag_begin;
  GCallback drag_update;
  GCallback drag_end;
  GCallback pressed;
  GCallback scroll;
} PmPointerHandlers;

void pm_pointer_attach (GtkWidget               *widget,
                        const PmPointerHandlers *handlers);

G_END_DECLS
