/* pm-leaks-renderer.h: the Leaks page as a picture, and its sparklines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK: the Leaks page's rows draw their sparklines with
 * pm_sparkline_draw(), and the page's export draws the whole table with
 * pm_leaks_renderer_draw() on an image, SVG or PDF surface.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pm-chart-layout.h"
#include "pm-chart-renderer.h"
#include "pm-palette.h"

G_BEGIN_DECLS

/**
 * PmSparkline:
 * @times: sample times, ascending; borrowed
 * @values: the values (NaN: a gap); borrowed
 * @n_points: how many
 * @trends: (nullable) (array length=n_trends): trend lines drawn dashed
 *   over it (their @series is not used); borrowed
 * @n_trends: how many
 * @color: the line's colour
 *
 * A tag's whole series in a few pixels, scaled to its own range.
 */
typedef struct
{
  const gint64       *times;
  const double       *values;
  gsize               n_points;
  const PmChartTrend *trends;
  guint               n_trends;
  PmRgba              color;
} PmSparkline;

/**
 * PmLeaksRow:
 * @tag: the tag's name
 * @verdict: "leak" or "suspect"
 * @is_leak: whether the verdict is a leak (drawn stronger)
 * @rate: (nullable): its growth rate, e.g. "+14 KiB/h"
 * @boots: boots growing of boots seen, e.g. "2/2 boots"
 * @reason: the leak finder's reason in words
 * @spark: its series
 *
 * One leak or suspect; every string borrowed.
 */
typedef struct
{
  const char  *tag;
  const char  *verdict;
  gboolean     is_leak;
  const char  *rate;
  const char  *boots;
  const char  *reason;
  PmSparkline  spark;
} PmLeaksRow;

/**
 * PmLeaksModel:
 * @rows: (array length=n_rows): the leaks and suspects, most likely first
 * @n_rows: how many
 * @title: (nullable): drawn above the table
 * @footer: (nullable): drawn under it (the count of the rest)
 */
typedef struct
{
  const PmLeaksRow *rows;
  guint             n_rows;
  const char       *title;
  const char       *footer;
} PmLeaksModel;

void     pm_sparkline_draw       (cairo_t             *cr,
                                  const PmRect        *area,
                                  const PmSparkline   *spark,
                                  const PmChartTheme  *theme);
void     pm_leaks_renderer_draw  (cairo_t             *cr,
                                  int                  width,
                                  int                  height,
                                  const PmChartTheme  *theme,
                                  const PmLeaksModel  *model);
gboolean pm_export_leaks         (const char          *path,
                                  int                  width,
                                  int                  height,
                                  const PmChartTheme  *theme,
                                  const PmLeaksModel  *model,
                                  GError             **error);

G_END_DECLS
