/* pm-bars-renderer.h: horizontal bars, e.g. the tags most correlated with TOTAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The old tool's third figure. No GTK (see pm-chart-renderer.h).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pm-chart-layout.h"
#include "pm-palette.h"

G_BEGIN_DECLS

/**
 * PmBarsItem:
 * @label: the bar's name (a tag); borrowed
 * @value: its length; NaN draws an "undefined" placeholder
 */
typedef struct
{
  const char *label;
  double      value;
} PmBarsItem;

/**
 * PmBarsModel:
 * @items: the bars, top to bottom in this order; borrowed
 * @n_items: how many
 * @kind: what the values are (%PM_VALUE_KIND_CORRELATION draws a -1..1 or
 *   0..1 axis and colours bars with the heat map's colour map)
 * @threshold: a dashed reference line (e.g. 0.9), NaN for none
 * @title: (nullable): drawn above the bars
 * @value_label: (nullable): the value axis title, e.g. "r with TOTAL"
 */
typedef struct
{
  const PmBarsItem *items;
  guint             n_items;
  PmValueKind       kind;
  double            threshold;
  const char       *title;
  const char       *value_label;
} PmBarsModel;

typedef struct _PmBarsRenderer PmBarsRenderer;

PmBarsRenderer *pm_bars_renderer_new       (void);
void            pm_bars_renderer_free      (PmBarsRenderer    *self);
void            pm_bars_renderer_set_theme (PmBarsRenderer    *self,
                                            const PmChartTheme *theme);
void            pm_bars_renderer_draw      (PmBarsRenderer    *self,
                                            cairo_t           *cr,
                                            int                width,
                                            int                height,
                                            const PmBarsModel *model);
int             pm_bars_renderer_hit       (PmBarsRenderer    *self,
                                            double             x,
                                            double             y);
gboolean        pm_bars_renderer_get_row   (PmBarsRenderer    *self,
                                            guint              index,
                                            PmRect            *rect);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmBarsRenderer, pm_bars_renderer_free)

G_END_DECLS
