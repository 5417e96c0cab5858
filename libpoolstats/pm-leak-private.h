/* pm-leak-private.h: what pm-leak.c, pm-leak-stats.c and pm-leak-fit.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-leak.h"

G_BEGIN_DECLS

/* A trend over a short series (the block averages of one boot). */
typedef struct
{
  double slope;       /* Theil–Sen, units per hour */
  double slope_low;   /* 95 % interval from the corrected variance */
  double slope_high;
  double intercept;   /* median of y - slope * t */
  double s;           /* Mann–Kendall S */
  double z;           /* corrected for autocorrelation (Hamed–Rao) */
  double z_plain;     /* uncorrected */
  double factor;      /* the variance inflation n/n* (>= 1) */
} PmLeakTrend;

/* What a series given to _pm_leak_fit() is: a tag's own block averages,
 * or a series derived from them (what its peers leave, its floors, the
 * means of its cycles), smoother than the tag, whose asymmetry z says less
 * of how little it gives back. */
typedef enum
{
  PM_LEAK_SERIES_OWN,
  PM_LEAK_SERIES_DERIVED,
} PmLeakSeriesKind;

/* What one boot of one series looked like. */
typedef struct
{
  guint          n;           /* blocks */
  PmLeakSeriesKind kind;      /* the tag's own block averages, or derived */
  guint          start;       /* block where growth starts */
  PmLeakTrend    trend;       /* over [start, n) */
  double         rise;        /* slope * duration of the growth part */
  double         steady;      /* slope of the last third / slope */
  double         clarity;     /* rise / largest deviation from the line */
  double         drift_z;     /* mean increment / its long-run standard error */
  double         asym_z;      /* rise / the scale of the falling increments */
  double         returned;    /* falls / rises of the increments (0: never falls) */
  double         rho1;        /* lag-1 autocorrelation of the residuals from the line */
  double         revert_t;    /* their Dickey–Fuller t: how fast they fall back */
  double         given_back;  /* share of the peak rise lost by the end */
  double         step_ratio;  /* RSS of one step / RSS of the growth line */
  double         step_time;   /* hours, where the best step is */
  double         amplitude;   /* max - min */
  double         curve_fit;   /* levels-off: RSS of a cache's curve / RSS of
                               * the growth line (1 when not measured) */
  PmLeakPattern  pattern;
  gboolean       growing;
  gboolean       suspect;
  gboolean       inconclusive; /* trend and workload could not be told apart */
  gboolean       paces_differ; /* growth beyond peers that only climb or only
                                * fall, as the tag slows down or falls: it
                                * says neither yes nor no */
  PmLeakTrend    beyond;      /* with paces_differ: that growth's trend */
  gboolean       group;       /* grows with its whole workload group */
  gboolean       beyond_peers; /* judged on what its peers' workload leaves */
  double         cycle_hours; /* > 0: judged over the means of its own cycles */
  gboolean       cycle_fitted; /* ... or with its cycle fitted and taken away */
  gboolean       floor;       /* judged on its blocks' floors (low quantiles) */
  double         hours;       /* from the first block to the last */
  guint          pause;       /* > 0: the block where growth paused (a leak
                               * whose code stopped; judged up to it) */
} PmLeakFit;

/* Scratch space for the statistics of one series of up to n points. */
typedef struct
{
  guint   capacity;
  double *pairs;      /* n (n - 1) / 2 slopes */
  double *work;       /* 4 n */
  guint  *index;      /* n */
} PmLeakScratch;

void     _pm_leak_scratch_init   (PmLeakScratch          *scratch,
                                  guint                   capacity);
void     _pm_leak_scratch_clear  (PmLeakScratch          *scratch);

void     _pm_leak_trend          (const double           *t,
                                  const double           *y,
                                  guint                   n,
                                  PmLeakScratch          *scratch,
                                  PmLeakTrend            *trend);
double   _pm_leak_theil_sen      (const double           *t,
                                  const double           *y,
                                  guint                   n,
                                  PmLeakScratch          *scratch);
gboolean _pm_leak_line           (const double           *t,
                                  const double           *y,
                                  guint                   n,
                                  double                 *tbar,
                                  double                 *ybar,
                                  double                 *slope,
                                  double                 *stt);
double   _pm_leak_drift_z        (const double           *y,
                                  guint                   n);
double   _pm_leak_drift_normal   (double                  z,
                                  guint                   n);
double   _pm_leak_revert_t       (const double           *e,
                                  guint                   n);
double   _pm_leak_asym_z         (const double           *y,
                                  guint                   n,
                                  double                 *returned);
double   _pm_leak_select         (double                 *v,
                                  gsize                   n,
                                  gsize                   k);

double   _pm_leak_block_noise    (const double           *y,
                                  guint                   n,
                                  double                 *d);
gboolean _pm_leak_white_trend    (const PmLeakFit        *fit,
                                  guint                   n,
                                  const PmLeakThresholds *th,
                                  double                  z_min);
gboolean _pm_leak_revert_trend   (const PmLeakFit        *fit,
                                  guint                   n,
                                  const PmLeakThresholds *th,
                                  double                  z_min,
                                  double                  t_max);
double   _pm_leak_curve_ratio    (const double           *t,
                                  const double           *y,
                                  guint                   n,
                                  PmLeakScratch          *scratch,
                                  double                 *steady);
guint    _pm_leak_find_start     (const double           *t,
                                  const double           *y,
                                  guint                   n,
                                  const PmLeakThresholds *th,
                                  double                 *rss_line);
void     _pm_leak_fit            (const double           *t,
                                  const double           *y,
                                  guint                   n,
                                  double                  min_rise,
                                  double                  zero_share,
                                  PmLeakSeriesKind        kind,
                                  const PmLeakThresholds *th,
                                  PmLeakScratch          *scratch,
                                  PmLeakFit              *fit);

/* Whether the boot FIT was judged at all: the tag present in it, for long
 * enough. */
static inline gboolean
_pm_leak_fit_judged (const PmLeakFit *fit)
{
  return fit->pattern != PM_LEAK_PATTERN_ABSENT && fit->pattern != PM_LEAK_PATTERN_TOO_SHORT;
}

/* Whether FIT levels off plainly, as a cache warming up does: over 4 ×
 * min_points blocks or more, or along a cache's curve that leaves at most
 * cache_curve_max of the growth line's residuals. In a shorter boot the
 * slope of the last third is mostly noise, unless the curve fits that
 * closely: a boot of a week, in a run of months, has few blocks, but a
 * cache's curve is plain in them. */
static inline gboolean
_pm_leak_levels_off_plainly (const PmLeakFit        *fit,
                             const PmLeakThresholds *th)
{
  return fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF
         && (fit->n >= 4 * th->min_points || fit->curve_fit <= th->cache_curve_max);
}

G_END_DECLS
