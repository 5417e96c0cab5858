/* pm-chart-layout.h: value/pixel mapping, ticks and number formatting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions with no drawing, so they are tested headless.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PmChartRange:
 * @t0: first visible time, seconds since the epoch (may be fractional)
 * @t1: last visible time; @t1 > @t0
 * @y0: value at the bottom of the plot
 * @y1: value at the top of the plot; @y1 > @y0 (both > 0 on a log axis)
 *
 * What a time chart shows. Plain values: the viewer keeps it in its session,
 * the zoom history stacks it, the renderer draws it.
 */
typedef struct
{
  double t0;
  double t1;
  double y0;
  double y1;
} PmChartRange;

gboolean pm_chart_range_equal (const PmChartRange *a,
                               const PmChartRange *b);

/**
 * PmRect:
 *
 * A rectangle in the coordinates of the surface drawn on (pixels from its top left).
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} PmRect;

/**
 * PmAxisMap:
 *
 * Maps values @v0..@v1 onto pixels @p0..@p1 (p1 < p0 is fine: y grows
 * downwards), linearly or by log10. On a log map values <= 0 map to
 * below the axis rather than to NaN. Fill with pm_axis_map_init().
 */
typedef struct
{
  double   v0;
  double   v1;
  double   p0;
  double   p1;
  gboolean log;
  /* Cached: pixel = a + b * f(value), f = identity or log10. */
  double   a;
  double   b;
} PmAxisMap;

void     pm_axis_map_init     (PmAxisMap       *map,
                               double           v0,
                               double           v1,
                               double           p0,
                               double           p1,
                               gboolean         log);
double   pm_axis_map_to_pixel (const PmAxisMap *map,
                               double           value);
double   pm_axis_map_to_value (const PmAxisMap *map,
                               double           pixel);

/**
 * PmValueKind:
 * @PM_VALUE_KIND_COUNT: plain counts (the *Diff metrics)
 * @PM_VALUE_KIND_BYTES: bytes, shown in B/KiB/MiB/GiB/TiB
 * @PM_VALUE_KIND_CORRELATION: a Pearson r in -1..1
 */
typedef enum
{
  PM_VALUE_KIND_COUNT,
  PM_VALUE_KIND_BYTES,
  PM_VALUE_KIND_CORRELATION,
} PmValueKind;

/**
 * PmTick:
 * @value: where the tick is, in axis units (seconds for a time axis)
 * @label: its label
 * @context: (nullable): a second line for a time axis, naming the day,
 *   month or year when it changes (and on the first tick), else %NULL
 * @major: %FALSE for log-axis minor ticks (2..9 x 10^k), which get a
 *   grid line but no label
 */
typedef struct
{
  double    value;
  char     *label;
  char     *context;
  gboolean  major;
} PmTick;

double   pm_ticks_nice_step   (double       range,
                               guint        target);
GArray  *pm_ticks_linear      (double       lo,
                               double       hi,
                               guint        target,
                               PmValueKind  kind);
GArray  *pm_ticks_log         (double       lo,
                               double       hi,
                               guint        target,
                               PmValueKind  kind);

char    *pm_format_bytes      (double       bytes);
char    *pm_format_count      (double       count);
char    *pm_format_value      (double       value,
                               PmValueKind  kind);

G_END_DECLS

/* Time ticks (pm_ticks_time(), pm_format_time()) have their own file. */
#include "pm-time-ticks.h"
