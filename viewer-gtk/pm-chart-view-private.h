/* pm-chart-view-private.h: what pm-chart-view.c and its input share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-chart-view.h"
#include "pm-figures.h"

G_BEGIN_DECLS

/* A drag shorter than this is a click, not a zoom. */
#define MIN_DRAG_PX 5.0
/* Wheel turns closer together than this are one step of the zoom history. */
#define WHEEL_BURST_USEC (600 * 1000)

typedef enum
{
  DRAG_NONE,
  DRAG_BAND,
  DRAG_BOX,
  DRAG_PAN,
} DragMode;

struct _PmChartView
{
  GtkWidget           parent_instance;

  PmSession          *session;
  GSignalGroup       *session_signals;
  PmChartRenderer    *renderer;

  PmChartFigure      *figure;
  const PmChartModel *model;     /* the figure's, or an empty one */
  GskRenderNode      *chart_node;
  int                 node_width;
  int                 node_height;

  double              hover_x;
  double              hover_y;

  DragMode            drag_mode;
  double              drag_x0;
  double              drag_y0;
  double              drag_x1;
  double              drag_y1;
  PmChartRange        drag_range;

  gint64              last_wheel;
};

void _pm_chart_view_style_requested (PmChartView *self,
                                     guint        tag);
void _pm_chart_view_init_input      (PmChartView *self);

G_END_DECLS
