/* pm-session.h: what one window shows of its dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "poolstats.h"
#include "pm-rank.h"
#include "pm-chart-layout.h"
#include "pm-series-style.h"
#include "pm-user-state.h"

G_BEGIN_DECLS

#define PM_TYPE_SESSION (pm_session_get_type ())
#define PM_TYPE_CHART_RANGE (pm_chart_range_get_type ())

GType               pm_chart_range_get_type      (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (PmSession, pm_session, PM, SESSION, GObject)

PmSession          *pm_session_new               (PmUserState         *state);
PmUserState        *pm_session_get_user_state    (PmSession           *self);

PmDataset          *pm_session_get_dataset       (PmSession           *self);
void                pm_session_update_dataset    (PmSession           *self,
                                                  PmDataset           *dataset);
void                pm_session_append_dataset    (PmSession           *self,
                                                  PmDataset           *dataset);
void                pm_session_set_dataset       (PmSession           *self,
                                                  PmDataset           *dataset);
PmMetric            pm_session_get_metric        (PmSession           *self);
void                pm_session_set_metric        (PmSession           *self,
                                                  PmMetric             metric);
PmTimeBase          pm_session_get_time_base     (PmSession           *self);
void                pm_session_set_time_base     (PmSession           *self,
                                                  PmTimeBase           base);
gboolean            pm_session_get_log_scale     (PmSession           *self);
void                pm_session_set_log_scale     (PmSession           *self,
                                                  gboolean             log_scale);
gboolean            pm_session_get_hide_total    (PmSession           *self);
void                pm_session_set_hide_total    (PmSession           *self,
                                                  gboolean             hide_total);
gboolean            pm_session_get_total_axis    (PmSession           *self);
void                pm_session_set_total_axis    (PmSession           *self,
                                                  gboolean             total_axis);
gboolean            pm_session_get_total_on_right (PmSession          *self);

/* The visible range and its history. */
const PmChartRange *pm_session_get_range         (PmSession           *self);
const PmChartRange *pm_session_get_home_range    (PmSession           *self);
void                pm_session_zoom              (PmSession           *self,
                                                  const PmChartRange  *range,
                                                  gboolean             rescale_y,
                                                  gboolean             new_step);
void                pm_session_zoom_time         (PmSession           *self,
                                                  double               t0,
                                                  double               t1);
gboolean            pm_session_zoom_back         (PmSession           *self);
void                pm_session_zoom_home         (PmSession           *self);
gboolean            pm_session_get_can_go_back   (PmSession           *self);
gboolean            pm_session_get_zoomed        (PmSession           *self);

/* The series: times of the current base, values of the current metric. */
const gint64       *pm_session_get_times         (PmSession           *self,
                                                  guint               *n_times);
const double       *pm_session_get_values        (PmSession           *self,
                                                  guint                tag);
const PmLod        *pm_session_get_lod           (PmSession           *self,
                                                  guint                tag);

/* Figures and rankings for the current metric, and the selection. */
PmTagTable         *pm_session_get_tag_table     (PmSession           *self);
PmRankResult       *pm_session_get_rank_result   (PmSession           *self);
guint               pm_session_get_top_n         (PmSession           *self,
                                                  PmRanking            ranking);
void                pm_session_set_top_n         (PmSession           *self,
                                                  PmRanking            ranking,
                                                  guint                n);
const char * const *pm_session_get_include       (PmSession           *self);
void                pm_session_set_include       (PmSession           *self,
                                                  const char * const  *tags);
const char * const *pm_session_get_exclude       (PmSession           *self);
void                pm_session_set_exclude       (PmSession           *self,
                                                  const char * const  *tags);
void                pm_session_reset_selection   (PmSession           *self);

const guint        *pm_session_get_shown         (PmSession           *self,
                                                  guint               *n_tags);
const guint        *pm_session_get_drawn         (PmSession           *self,
                                                  guint               *n_tags);
gboolean            pm_session_is_shown          (PmSession           *self,
                                                  guint                tag);
void                pm_session_set_shown         (PmSession           *self,
                                                  guint                tag,
                                                  gboolean             shown);
void                pm_session_set_selection     (PmSession           *self,
                                                  const guint         *tags,
                                                  guint                n_tags);
void                pm_session_chart_tags        (PmSession           *self,
                                                  const guint         *tags,
                                                  guint                n_tags);
void                pm_session_chart_against_total (PmSession         *self,
                                                    guint              tag);
gboolean            pm_session_get_series_hidden (PmSession           *self,
                                                  guint                tag);
void                pm_session_set_series_hidden (PmSession           *self,
                                                  guint                tag,
                                                  gboolean             hidden);
guint               pm_session_get_n_hidden      (PmSession           *self);

/* Per-series style, persisted through the user state. */
void                pm_session_get_style         (PmSession           *self,
                                                  guint                tag,
                                                  PmSeriesStyle       *style);
void                pm_session_set_style         (PmSession           *self,
                                                  guint                tag,
                                                  const PmSeriesStyle *style);
void                pm_session_reset_style       (PmSession           *self,
                                                  guint                tag);

/* The leak finder's answer (pm-session-leaks.c). */
PmLeakResult       *pm_session_get_leaks         (PmSession           *self);
PmTimeBase          pm_session_get_leaks_time_base (PmSession         *self);
void                pm_session_set_leaks         (PmSession           *self,
                                                  PmLeakResult        *leaks,
                                                  PmTimeBase           time_base);
gboolean            pm_session_get_select_leaks  (PmSession           *self);
void                pm_session_set_select_leaks  (PmSession           *self,
                                                  gboolean             select_leaks);
PmLeakVerdict       pm_session_get_leak_verdict  (PmSession           *self,
                                                  guint                tag);
char               *pm_session_describe_leaks    (PmSession           *self);
char               *pm_session_format_leak_rate  (PmSession           *self,
                                                  guint                tag);
gboolean            pm_session_get_trend         (PmSession           *self,
                                                  guint                tag,
                                                  guint                index,
                                                  double              *t0,
                                                  double              *v0,
                                                  double              *t1,
                                                  double              *v1);

/**
 * PmSessionHandler:
 * @signal: a detailed signal of #PmSession ("notify::metric", "style-changed")
 * @handler: the view's handler, which takes the view first
 */
typedef struct
{
  const char *signal;
  GCallback   handler;
} PmSessionHandler;

gboolean            pm_session_attach            (PmSession              **slot,
                                                  GSignalGroup           **group,
                                                  PmSession               *session,
                                                  gpointer                 view,
                                                  const PmSessionHandler  *handlers,
                                                  guint                    n_handlers);

G_END_DECLS
