/* pm-session-private.h: what the files of PmSession share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-session.h"
#include "pm-zoom-history.h"

G_BEGIN_DECLS

struct _PmSession
{
  GObject        parent_instance;

  PmUserState   *state;
  PmDataset     *dataset;
  PmMetric       metric;
  PmTimeBase     time_base;
  guint          log_scale : 1;
  guint          hide_total : 1;
  guint          total_axis : 1;

  PmZoomHistory *history;
  PmChartRange   range;
  GPtrArray     *selection_steps;   /* see pm-session-history.c */
  GHashTable    *hidden;            /* tags shown but hidden from the legend */

  /* tag -> double[n_snapshots] of the current metric, filled on demand. */
  GHashTable    *values;
  /* tag -> PmLod of its values above, built when a chart first draws it. */
  GHashTable    *lods;

  PmTagTable    *table;
  PmRankResult  *rank;
  guint          top_n[PM_N_RANKINGS];
  char         **include;
  char         **exclude;

  GArray        *shown;
  GArray        *drawn;

  /* tag -> palette index + 1, handed out in the order tags are first shown,
   * so a tag keeps its colour while the selection changes around it. */
  GHashTable    *palette_slots;
  guint          next_slot;

  /* tag -> PmSeriesStyle of every shown tag, resolved (user style or
   * palette slot) when the shown set or a user style changes. */
  GHashTable    *styles;

  /* The leak finder's answer for the dataset (pm-session-leaks.c), in
   * the times of leaks_time_base; whether the default selection shows its
   * leaks and suspects (the old command line's does not). */
  PmLeakResult  *leaks;
  PmTimeBase     leaks_time_base;
  guint          select_leaks : 1;
};

typedef enum
{
  PM_SESSION_SELECTION_CHANGED,
  PM_SESSION_STYLE_CHANGED,
  PM_SESSION_STATS_CHANGED,
  PM_SESSION_N_SIGNALS
} PmSessionSignal;

void     _pm_session_emit                  (PmSession       *self,
                                            PmSessionSignal  signal,
                                            guint            tag);
void     _pm_session_refit                 (PmSession       *self);
void     _pm_session_recompute_stats       (PmSession       *self);
void     _pm_session_append_stats          (PmSession       *self);
void     _pm_session_history_changed       (PmSession       *self,
                                            gboolean         could_go_back);
void     _pm_session_forget_selection_steps (PmSession      *self);
void     _pm_session_restore_selection_step (PmSession      *self,
                                             guint           depth);
void     _pm_session_compute_home          (PmSession       *self,
                                            PmChartRange    *home);
void     _pm_session_set_current           (PmSession       *self,
                                            const PmChartRange *range);
void     _pm_session_rerank                (PmSession       *self);
void     _pm_session_update_drawn          (PmSession       *self);
void     _pm_session_take_palette_slot     (PmSession       *self,
                                            guint            tag);
void     _pm_session_update_style          (PmSession       *self,
                                            guint            tag);
gboolean _pm_session_selection_is_default  (PmSession       *self);
void     _pm_session_notify_leaks          (PmSession       *self);
GArray  *_pm_session_leak_selection        (PmSession       *self);
gboolean _pm_session_total_on_right        (PmSession       *self,
                                            guint            tag);

G_END_DECLS
