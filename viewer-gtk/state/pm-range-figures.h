/* pm-range-figures.h: what changed over a measured span of the chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free. For a span of the chart's time axis (dragged with Alt or in
 * Measure mode, or the visible range): its duration, and for each tag
 * the chart shows, in each run shown, the value at the first and last
 * snapshot inside the span, the change and the rate per hour between
 * those two snapshots. "What grew during the stress phase."
 */
#pragma once

#include "pm-session.h"

G_BEGIN_DECLS

/**
 * PmRangeRow:
 * @tag: the tag's name (borrowed from run A's dataset)
 * @run: the run (0 is A)
 * @color: the tag's line colour
 * @n_snapshots: snapshots of the run inside the span (0: no figures)
 * @t0: the first of them, on run A's axis
 * @t1: the last
 * @v0: the value there
 * @v1: the value at the last
 * @change: @v1 − @v0
 * @rate: @change per hour between @t0 and @t1 (NaN for one snapshot)
 */
typedef struct
{
  const char *tag;
  guint       run;
  PmRgba      color;
  guint       n_snapshots;
  double      t0;
  double      t1;
  double      v0;
  double      v1;
  double      change;
  double      rate;
} PmRangeRow;

typedef struct _PmRangeFigures PmRangeFigures;

PmRangeFigures   *pm_range_figures_new          (PmSession      *session,
                                                 double          t0,
                                                 double          t1);
void              pm_range_figures_free         (PmRangeFigures *self);
double            pm_range_figures_get_t0       (PmRangeFigures *self);
double            pm_range_figures_get_t1       (PmRangeFigures *self);
double            pm_range_figures_get_duration (PmRangeFigures *self);
guint             pm_range_figures_get_n_runs   (PmRangeFigures *self);
guint             pm_range_figures_get_n_rows   (PmRangeFigures *self);
const PmRangeRow *pm_range_figures_get_row      (PmRangeFigures *self,
                                                 guint           i);
char             *pm_range_figures_format_value (PmRangeFigures *self,
                                                 double          value,
                                                 gboolean        signed_value);
char             *pm_range_figures_describe     (PmRangeFigures *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmRangeFigures, pm_range_figures_free)

G_END_DECLS
