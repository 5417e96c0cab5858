/* pm-decimate.h: reduce a time series to what a pixel column can show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month at one snapshot a minute is 43,200 points per series; a chart is
 * about 1,500 pixels wide. Each pixel column keeps its first, lowest,
 * highest and last point, in time order, so the line drawn is the same as
 * the full one to the pixel and a one-sample spike never vanishes. The cost
 * of a frame then depends on the width, not on the data.
 */
#pragma once

#include <glib.h>

#include "pm-chart-layout.h"

G_BEGIN_DECLS

/**
 * PmPoint:
 * @x: pixel column (device x)
 * @y: value, in data units; NaN marks a gap (the line breaks there)
 */
typedef struct
{
  double x;
  double y;
} PmPoint;

gsize    pm_decimate_lower_bound  (const gint64    *times,
                                   gsize            n,
                                   double           t);
void     pm_decimate_visible      (const gint64    *times,
                                   gsize            n,
                                   double           t0,
                                   double           t1,
                                   gsize           *first,
                                   gsize           *end);
gsize    pm_decimate_minmax       (const gint64    *times,
                                   const double    *values,
                                   gsize            first,
                                   gsize            end,
                                   const PmAxisMap *xmap,
                                   PmPoint         *out,
                                   gsize            out_len);
gsize    pm_decimate_max_points   (gsize            first,
                                   gsize            end,
                                   double           width_px);
gboolean pm_decimate_value_range  (const gint64    *times,
                                   const double    *values,
                                   gsize            n,
                                   double           t0,
                                   double           t1,
                                   gboolean         positive_only,
                                   double          *lo,
                                   double          *hi);
gboolean pm_decimate_nearest      (const gint64    *times,
                                   gsize            n,
                                   double           t,
                                   gsize           *index);

G_END_DECLS
