/* pm-leak-work.h: the leak finder's working state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-leak-private.h"

G_BEGIN_DECLS

#define PM_LEAK_MAX_METRICS 2
#define PM_LEAK_MAX_PEERS 8

/* One tag over one metric. */
typedef struct
{
  PmLeakFit *fits;             /* one per boot */
  guint      peers[PM_LEAK_MAX_PEERS];
  double     peer_r[PM_LEAK_MAX_PEERS];
  guint      n_peers;          /* the first MIN (n_peers, peer_max) explain */
  guint      n_workload;       /* peers for the workload's shape and trend */
  double     explained;        /* share of the increments the peers explain */
  double     priority;         /* for the peer analysis: the largest plain z */
  gboolean   can_be_peer;      /* its own boots look like workload, not a shape */
  gint64     growth;           /* last minus first present value */
  gboolean   rate_by_reboots;  /* a leak whose rate is what its reboots gave
                                * back: this one (pm-leak-reboot.c) */
  double     reboot_rate, reboot_rate_low, reboot_rate_high;
} PmLeakSeries;

typedef struct
{
  PmDataset              *dataset;
  const PmLeakThresholds *th;
  GCancellable           *cancellable;
  guint                   first;
  guint                   n;
  guint                   n_tags;
  guint                   n_metrics;
  PmMetric                metrics[PM_LEAK_MAX_METRICS];
  const gint64           *times;

  /* The grid: blocks within boots, shared by every tag. */
  guint                   n_boots;
  guint                  *boot_start;     /* n_boots + 1 snapshots */
  guint                  *boot_block;     /* n_boots + 1 block indices */
  guint                   n_blocks;
  guint                  *block_start;    /* n_blocks + 1 snapshots */
  double                 *block_hours;    /* mean time, hours from the range start */
  double                 *boot_weight;    /* n_boots: what an increment weighs within boots */

  /* Per tag (and metric): the block averages, the normalised increments,
   * where each boot's segment starts, the share at zero. */
  double                 *means;          /* [metric][tag][block] */
  double                 *incs;           /* [metric][tag][block] */
  guint                  *seg_block;      /* [tag][boot]: first block, or G_MAXUINT */
  guint                  *seg_snapshot;   /* [tag][boot]: first presence */
  float                  *zero_share;     /* [metric][tag][boot] */
  PmLeakSeries           *series;         /* [metric][tag] */
  PmLeakFit              *fits;           /* storage of the series' fits */

  guint                  *candidates;     /* metric * n_tags + tag */
  guint                   n_candidates;
  PmLeakFit              *own_fits;       /* [candidate][boot]: before the peers */
  guint8                 *own_growth;     /* [metric][tag][boot]: PM_LEAK_OWN_* before the peers */
  gint                    next;           /* work handed out so far */
} PmLeakWork;

/* What a boot's own fit said, before the peers (own_growth). */
enum
{
  PM_LEAK_OWN_NOT_JUDGED,     /* absent, too short, a step, mostly zero */
  PM_LEAK_OWN_FLAT,
  PM_LEAK_OWN_GREW,
  PM_LEAK_OWN_FELL,           /* fell steadily (not growing, as FLAT) */
};

static inline PmLeakSeries *
_pm_leak_work_series (PmLeakWork *w,
                      guint       m,
                      guint       tag)
{
  return &w->series[(gsize) m * w->n_tags + tag];
}

/* Whether SERIES's peers explain its workload (peer_explained_min): then
 * they are named, and its boots may be judged on what they leave. */
static inline gboolean
_pm_leak_work_peers_explain (PmLeakWork         *w,
                             const PmLeakSeries *series)
{
  return series->n_peers > 0 && series->explained >= w->th->peer_explained_min;
}

/* Whether boot K of TAG's SERIES can be measured: judged, with the block
 * the tag's segment starts at. */
static inline gboolean
_pm_leak_work_measured (PmLeakWork         *w,
                        const PmLeakSeries *series,
                        guint               tag,
                        guint               k)
{
  return _pm_leak_fit_judged (&series->fits[k]) && w->seg_block[(gsize) tag * w->n_boots + k] != G_MAXUINT;
}

static inline double *
_pm_leak_work_means (PmLeakWork *w,
                     guint       m,
                     guint       tag)
{
  return &w->means[((gsize) m * w->n_tags + tag) * w->n_blocks];
}

static inline double *
_pm_leak_work_incs (PmLeakWork *w,
                    guint       m,
                    guint       tag)
{
  return &w->incs[((gsize) m * w->n_tags + tag) * w->n_blocks];
}

/* What one metric says about one tag. */
typedef struct
{
  PmLeakVerdict verdict;
  PmLeakPattern pattern;
  double        score;
  double        rate, rate_low, rate_high;
  guint         judged, growing;
  guint         boot;          /* the boot that decided */
  guint         start_snapshot;
  double        z, amplitude, given_back, steady;
  double        combined_z;    /* > 0: a leak by the boots' combined evidence */
  guint         combined_after;/* ... of the boots after this many judged
                                * ones, before the leak started */
  gboolean      paused;        /* grew, then stopped, in every boot it grew in */
  gboolean      warming;       /* grew only from its first appearance, slowing
                                * along a cache's curve */
  gboolean      kin_climbed;   /* a suspect that grew only where most of its
                                * kin climbed too */
  guint         ran_less;      /* a leak's boots that climbed at under
                                * consistent_share of its rate, giving
                                * nothing back */
  guint         not_run;       /* a leak's boots after its first growing
                                * one where it did not run (idle) */
  guint         still;         /* a leak's boots beside its growing ones
                                * that stayed still, when they carried it
                                * (still_share) */
  guint         beneath;       /* a leak's boots where it fell less than its
                                * falling workload, climbing beyond it at
                                * its rate */
  guint         n_shared;      /* > 0: a suspect that wiggles alike with this
                                * many other climbing tags (pm-leak-shared.c) */
  guint         shared_with[3];/* the closest of them */
  double        shared_r;      /* the closest one's correlation */
  guint         reboots;       /* > 0: a leak by what this many reboots
                                * gave back (pm-leak-reboot.c) */
  double        reboot_fall;   /* ... their mean fall */
  double        reboot_jump;   /* ... the largest jump within a boot */
  guint         rate_reboots;  /* > 0: a leak found beyond its workload whose
                                * rate is what this many reboots gave back */
  double        beyond_rate;   /* ... and its rate beyond the workload */
  double        curve_ratio;   /* > 0: a suspect whose boots, taken together,
                                * climbed along a cache's curve: how much
                                * better it fits them than a line */
  gboolean      kept;          /* a suspect that kept, at the reboot after
                                * boot kept_boot, what it gained there */
  guint         kept_boot;
  double        kept_fall;     /* ... what the reboot took */
  double        kept_gained;   /* ... and what it gained in that boot, at the
                                * lesser of the boot's and its own rate */
} PmLeakAnswer;

/* Makes A, a leak, a suspect: its score moved from the leaks' band (66.5
 * to 100) into the suspects' (33.5 to 66), in the same order, and what
 * only a leak's reason tells (its boots combined, boots that ran less)
 * dropped. */
static inline void
_pm_leak_answer_to_suspect (PmLeakAnswer *a)
{
  a->verdict = PM_LEAK_VERDICT_SUSPECT;
  a->score = 33.5 + (a->score - 66.5) * 32.5 / 33.5;
  a->combined_z = 0;
  a->combined_after = 0;
  a->ran_less = 0;
  a->not_run = 0;
  a->still = 0;
  a->beneath = 0;
}

gboolean _pm_leak_kin_climbed    (PmLeakWork         *w,
                                  guint               m,
                                  guint               tag,
                                  guint               k);
char    *_pm_leak_make_reason    (PmLeakWork         *w,
                                  guint               tag,
                                  guint               m,
                                  const PmLeakAnswer *a,
                                  const PmLeakTag    *t);
double   _pm_leak_min_rise       (PmLeakWork   *w,
                                  guint         m);
gboolean _pm_leak_debug_wanted   (PmLeakWork   *w,
                                  guint         tag);
void     _pm_leak_peers_run      (PmLeakWork   *w);
gboolean _pm_leak_peers_again    (PmLeakWork   *w);
void     _pm_leak_peer_one       (PmLeakWork   *w,
                                  guint         item,
                                  PmLeakScratch *scratch);
double   _pm_leak_cycle_fit      (PmLeakWork    *w,
                                  guint          tag,
                                  const double  *values,
                                  guint          from,
                                  guint          to,
                                  guint          b0,
                                  guint          b1,
                                  double         min_rise,
                                  double         zero_share,
                                  PmLeakScratch *scratch,
                                  PmLeakFit     *fit);
void     _pm_leak_shared_climbs  (PmLeakWork         *w,
                                  PmLeakAnswer       *answers,
                                  const guint8       *metric);
gboolean _pm_leak_reboots_judge  (PmLeakWork         *w,
                                  guint               m,
                                  guint               tag,
                                  PmLeakAnswer       *a);
gboolean _pm_leak_reboots_rate   (PmLeakWork         *w,
                                  guint               m,
                                  guint               tag,
                                  PmLeakAnswer       *a);
gboolean _pm_leak_reboots_kept   (PmLeakWork         *w,
                                  guint               m,
                                  guint               tag,
                                  PmLeakAnswer       *a);
PmLeakResult *_pm_leak_result_new (PmLeakWork  *w,
                                  const PmLeakOptions *options);

G_END_DECLS
