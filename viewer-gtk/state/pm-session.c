/* pm-session.c: what one window shows of its dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view state between the immutable dataset and the widgets
 * (docs/design.md, Layers): metric, time base, the visible range with its zoom history, the
 * per-tag figures and rankings, which tags are shown, and how each is
 * drawn. Widgets write here and redraw on notify; nothing here knows GTK,
 * so the whole of it is tested headless. The range and zoom history are
 * in pm-session-range.c, the selection and styles in pm-session-selection.c.
 */
#include "pm-session-private.h"
#include "pm-zoom-history.h"

enum {
  PROP_0,
  PROP_DATASET,
  PROP_METRIC,
  PROP_TIME_BASE,
  PROP_LOG_SCALE,
  PROP_HIDE_TOTAL,
  PROP_RANGE,
  PROP_CAN_GO_BACK,
  PROP_ZOOMED,
  PROP_LEAKS,
  PROP_SELECT_LEAKS,
  PROP_TOTAL_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint signals[PM_SESSION_N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmSession, pm_session, G_TYPE_OBJECT)

void
_pm_session_emit (PmSession       *self,
                  PmSessionSignal  signal,
                  guint            tag)
{
  if (signal == PM_SESSION_STYLE_CHANGED)
    g_signal_emit (self, signals[signal], 0, tag);
  else
    g_signal_emit (self, signals[signal], 0);
}

static guint
n_snapshots (PmSession *self)
{
  return self->dataset != NULL ? pm_dataset_get_n_snapshots (self->dataset) : 0;
}

void
_pm_session_set_current (PmSession          *self,
                         const PmChartRange *range)
{
  gboolean could_go_back = pm_session_get_can_go_back (self);
  gboolean was_zoomed = pm_session_get_zoomed (self);

  self->range = *range;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
  if (could_go_back != pm_session_get_can_go_back (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  if (was_zoomed != pm_session_get_zoomed (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
}

/* The history grew without the view changing (a selection step). */
void
_pm_session_history_changed (PmSession *self,
                             gboolean   could_go_back)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
  if (could_go_back != pm_session_get_can_go_back (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

static void
recompute_stats (PmSession *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->table, pm_tag_table_unref);
  g_hash_table_remove_all (self->lods);
  g_hash_table_remove_all (self->values);

  if (self->dataset != NULL && pm_dataset_has_metric (self->dataset, self->metric))
    {
      self->table = pm_tag_table_new (self->dataset, self->metric, 0,
                                      n_snapshots (self), &error);
      if (self->table == NULL)
        g_warning ("Cannot compute the tag figures: %s", error->message);
    }

  _pm_session_rerank (self);
  _pm_session_emit (self, PM_SESSION_STATS_CHANGED, 0);
}

/* For pm-session-follow.c: the figures again, for a grown dataset. */
void
_pm_session_recompute_stats (PmSession *self)
{
  recompute_stats (self);
}

/* For pm-session-follow.c: the figures of a dataset that begins with the
 * one they were computed for, carried on over its new snapshots alone
 * (pm_tag_table_new_appended()), so a followed folder's new snapshot costs
 * its own size, not the history's. */
void
_pm_session_append_stats (PmSession *self)
{
  g_autoptr(GError) error = NULL;
  PmTagTable *table;

  if (self->table == NULL || pm_tag_table_get_metric (self->table) != self->metric ||
      !pm_dataset_has_metric (self->dataset, self->metric))
    {
      recompute_stats (self);
      return;
    }

  g_hash_table_remove_all (self->lods);
  g_hash_table_remove_all (self->values);
  table = pm_tag_table_new_appended (self->table, self->dataset, &error);
  if (table == NULL)
    g_warning ("Cannot compute the tag figures: %s", error->message);
  g_clear_pointer (&self->table, pm_tag_table_unref);
  self->table = table;

  _pm_session_rerank (self);
  _pm_session_emit (self, PM_SESSION_STATS_CHANGED, 0);
}

static void
state_style_changed_cb (PmSession   *self,
                        const char  *name,
                        PmUserState *state)
{
  guint tag;

  if (self->dataset != NULL && pm_dataset_lookup_tag (self->dataset, name, &tag))
    {
      _pm_session_update_style (self, tag);
      _pm_session_emit (self, PM_SESSION_STYLE_CHANGED, tag);
    }
}

void
_pm_session_notify_leaks (PmSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAKS]);
}

/* The leak finder's part of the default selection changed. */
static void
notify_select_leaks (PmSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECT_LEAKS]);
}

gboolean
pm_session_get_select_leaks (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  return self->select_leaks;
}

/**
 * pm_session_set_select_leaks:
 *
 * Whether the default selection shows the leaks and suspects too
 * (on by default; the old command line turns it off so that it keeps
 * selecting exactly what it did).
 */
void
pm_session_set_select_leaks (PmSession *self,
                             gboolean   select_leaks)
{
  gboolean was_default;

  g_return_if_fail (PM_IS_SESSION (self));

  select_leaks = !!select_leaks;
  if (self->select_leaks == select_leaks)
    return;

  was_default = _pm_session_selection_is_default (self);
  self->select_leaks = select_leaks;
  if (was_default && self->dataset != NULL)
    pm_session_reset_selection (self);
  notify_select_leaks (self);
}

static void
pm_session_dispose (GObject *object)
{
  PmSession *self = PM_SESSION (object);

  g_clear_object (&self->state);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->leaks, pm_leak_result_unref);

  G_OBJECT_CLASS (pm_session_parent_class)->dispose (object);
}

static void
pm_session_finalize (GObject *object)
{
  PmSession *self = PM_SESSION (object);

  g_clear_pointer (&self->history, pm_zoom_history_free);
  g_clear_pointer (&self->selection_steps, g_ptr_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->lods, g_hash_table_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->table, pm_tag_table_unref);
  g_clear_pointer (&self->rank, pm_rank_result_unref);
  g_clear_pointer (&self->include, g_strfreev);
  g_clear_pointer (&self->exclude, g_strfreev);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->drawn, g_array_unref);
  g_clear_pointer (&self->palette_slots, g_hash_table_unref);
  g_clear_pointer (&self->styles, g_hash_table_unref);

  G_OBJECT_CLASS (pm_session_parent_class)->finalize (object);
}

static void
pm_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PmSession *self = PM_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_METRIC:
      g_value_set_enum (value, self->metric);
      break;
    case PROP_TIME_BASE:
      g_value_set_enum (value, self->time_base);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_HIDE_TOTAL:
      g_value_set_boolean (value, self->hide_total);
      break;
    case PROP_RANGE:
      g_value_set_boxed (value, &self->range);
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, pm_session_get_can_go_back (self));
      break;
    case PROP_ZOOMED:
      g_value_set_boolean (value, pm_session_get_zoomed (self));
      break;
    case PROP_LEAKS:
      g_value_set_boxed (value, self->leaks);
      break;
    case PROP_SELECT_LEAKS:
      g_value_set_boolean (value, self->select_leaks);
      break;
    case PROP_TOTAL_AXIS:
      g_value_set_boolean (value, self->total_axis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PmSession *self = PM_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      pm_session_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_METRIC:
      pm_session_set_metric (self, g_value_get_enum (value));
      break;
    case PROP_TIME_BASE:
      pm_session_set_time_base (self, g_value_get_enum (value));
      break;
    case PROP_LOG_SCALE:
      pm_session_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_HIDE_TOTAL:
      pm_session_set_hide_total (self, g_value_get_boolean (value));
      break;
    case PROP_SELECT_LEAKS:
      pm_session_set_select_leaks (self, g_value_get_boolean (value));
      break;
    case PROP_TOTAL_AXIS:
      pm_session_set_total_axis (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_session_class_init (PmSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pm_session_dispose;
  object_class->finalize = pm_session_finalize;
  object_class->get_property = pm_session_get_property;
  object_class->set_property = pm_session_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, PM_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METRIC] =
    g_param_spec_enum ("metric", NULL, NULL, PM_TYPE_METRIC, PM_METRIC_TOTAL_USED_BYTES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_BASE] =
    g_param_spec_enum ("time-base", NULL, NULL, PM_TYPE_TIME_BASE, PM_TIME_BASE_UTC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDE_TOTAL] =
    g_param_spec_boolean ("hide-total", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The visible range: times in seconds, values of the metric. */
  properties[PROP_RANGE] =
    g_param_spec_boxed ("range", NULL, NULL, PM_TYPE_CHART_RANGE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOMED] =
    g_param_spec_boolean ("zoomed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The leak finder's answer for the dataset, once it came. */
  properties[PROP_LEAKS] =
    g_param_spec_boxed ("leaks", NULL, NULL, PM_TYPE_LEAK_RESULT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the default selection shows the leaks and suspects. */
  properties[PROP_SELECT_LEAKS] =
    g_param_spec_boolean ("select-leaks", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether TOTAL, drawn beside tags, has the right-hand axis to itself
   * (pm-session-total-axis.c). */
  properties[PROP_TOTAL_AXIS] =
    g_param_spec_boolean ("total-axis", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The shown tags changed (which, or their order). */
  signals[PM_SESSION_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* One tag's style changed. */
  signals[PM_SESSION_STYLE_CHANGED] =
    g_signal_new ("style-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* The tag table and rankings were recomputed (new dataset, metric or
   * ranking options). */
  signals[PM_SESSION_STATS_CHANGED] =
    g_signal_new ("stats-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pm_session_init (PmSession *self)
{
  self->metric = PM_METRIC_TOTAL_USED_BYTES;
  self->time_base = PM_TIME_BASE_UTC;
  self->select_leaks = TRUE;
  self->total_axis = TRUE;
  self->range = (PmChartRange) { 0, 1, 0, 1 };
  self->values = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->lods = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) pm_lod_free);
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->drawn = g_array_new (FALSE, FALSE, sizeof (guint));
  self->palette_slots = g_hash_table_new (NULL, NULL);
  self->styles = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < PM_N_RANKINGS; i++)
    self->top_n[i] = PM_RANK_DEFAULT_N;
}

/**
 * pm_session_new:
 * @state: (nullable): where styles persist; %NULL keeps them in memory
 *
 * Returns: (transfer full): an empty session
 */
PmSession *
pm_session_new (PmUserState *state)
{
  PmSession *self = g_object_new (PM_TYPE_SESSION, NULL);

  if (state != NULL)
    {
      self->state = g_object_ref (state);
      g_signal_connect_object (state, "style-changed",
                               G_CALLBACK (state_style_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  return self;
}

/**
 * pm_session_attach:
 * @slot: (inout): where @view keeps its session (a reference)
 * @group: (inout): where @view keeps its #GSignalGroup on the session,
 *   made on the first call; @view clears it when it is disposed
 * @session: (nullable): the session @view shows from now on
 * @view: the object whose handlers @handlers are
 * @handlers: (array length=n_handlers): connected swapped, for @view's lifetime
 *
 * What every view's set_session does: puts @session in @slot and points
 * the signal group, which holds @handlers, at it.
 *
 * Returns: %FALSE, having done nothing, when @slot already holds @session
 */
gboolean
pm_session_attach (PmSession              **slot,
                   GSignalGroup           **group,
                   PmSession               *session,
                   gpointer                 view,
                   const PmSessionHandler  *handlers,
                   guint                    n_handlers)
{
  g_return_val_if_fail (slot != NULL && group != NULL, FALSE);
  g_return_val_if_fail (!session || PM_IS_SESSION (session), FALSE);

  if (*slot == session)
    return FALSE;

  if (*group == NULL)
    {
      *group = g_signal_group_new (PM_TYPE_SESSION);
      for (guint i = 0; i < n_handlers; i++)
        g_signal_group_connect_object (*group, handlers[i].signal, handlers[i].handler, view,
                                       G_CONNECT_SWAPPED);
    }

  g_set_object (slot, session);
  g_signal_group_set_target (*group, session);

  return TRUE;
}

PmUserState *
pm_session_get_user_state (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  return self->state;
}

PmDataset *
pm_session_get_dataset (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  return self->dataset;
}

/**
 * pm_session_set_dataset:
 *
 * Shows @dataset: the first metric it has (keeping the current one when
 * possible), the default selection, the whole time range.
 */
void
pm_session_set_dataset (PmSession *self,
                        PmDataset *dataset)
{
  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (!dataset || PM_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  g_hash_table_remove_all (self->palette_slots);
  g_hash_table_remove_all (self->styles);
  self->next_slot = 0;
  g_clear_pointer (&self->history, pm_zoom_history_free);
  _pm_session_forget_selection_steps (self);
  if (self->hidden != NULL)
    g_hash_table_remove_all (self->hidden);
  g_array_set_size (self->shown, 0);
  /* What is drawn follows what is shown: the old dataset's tag indices
   * must be gone before anyone hears of the change below (a chart
   * rebuilt on the leaks notification would look them up in the new
   * dataset). */
  g_array_set_size (self->drawn, 0);
  /* The answer was about the old dataset. */
  if (self->leaks != NULL)
    {
      g_clear_pointer (&self->leaks, pm_leak_result_unref);
      _pm_session_notify_leaks (self);
    }

  if (dataset != NULL && !pm_dataset_has_metric (dataset, self->metric))
    {
      for (guint m = 0; m < PM_N_METRICS; m++)
        if (pm_dataset_has_metric (dataset, m))
          {
            self->metric = m;
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METRIC]);
            break;
          }
    }
  if (dataset != NULL && !pm_dataset_has_time_base (dataset, self->time_base))
    {
      self->time_base = self->time_base == PM_TIME_BASE_UTC ? PM_TIME_BASE_LOCAL
                                                            : PM_TIME_BASE_UTC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_BASE]);
    }

  recompute_stats (self);
  pm_session_reset_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

PmMetric
pm_session_get_metric (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), 0);

  return self->metric;
}

void
pm_session_set_metric (PmSession *self,
                       PmMetric   metric)
{
  gboolean was_default;

  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (metric < PM_N_METRICS);

  if (self->metric == metric)
    return;

  /* A selection the user made stays; the default one follows the metric,
   * as it would with another -t on the old command line. */
  was_default = _pm_session_selection_is_default (self);
  self->metric = metric;
  recompute_stats (self);
  if (was_default)
    pm_session_reset_selection (self);
  else
    _pm_session_refit (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METRIC]);
}

PmTimeBase
pm_session_get_time_base (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), 0);

  return self->time_base;
}

void
pm_session_set_time_base (PmSession  *self,
                          PmTimeBase  base)
{
  PmChartRange current;
  PmChartRange home;
  gboolean zoomed;
  double shift = 0;

  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (base < PM_N_TIME_BASES);

  if (self->time_base == base)
    return;
  if (self->dataset != NULL && !pm_dataset_has_time_base (self->dataset, base))
    return;

  /* The two bases differ by the lab machine's UTC offset: keep looking at
   * the same snapshots by moving the view by that offset. */
  if (n_snapshots (self) > 0)
    shift = (double) pm_dataset_get_times (self->dataset, base)[0] -
            (double) pm_dataset_get_times (self->dataset, self->time_base)[0];

  zoomed = pm_session_get_zoomed (self);
  current = self->range;
  self->time_base = base;

  if (self->history != NULL)
    {
      _pm_session_compute_home (self, &home);
      pm_zoom_history_reset (self->history, &home);
      _pm_session_forget_selection_steps (self);
      if (zoomed)
        {
          current.t0 += shift;
          current.t1 += shift;
          pm_zoom_history_push (self->history, &current);
        }
      _pm_session_set_current (self, pm_zoom_history_get_current (self->history));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_BASE]);
}

gboolean
pm_session_get_log_scale (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  return self->log_scale;
}

void
pm_session_set_log_scale (PmSession *self,
                          gboolean   log_scale)
{
  g_return_if_fail (PM_IS_SESSION (self));

  log_scale = !!log_scale;
  if (self->log_scale == log_scale)
    return;

  self->log_scale = log_scale;
  _pm_session_refit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

gboolean
pm_session_get_hide_total (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  return self->hide_total;
}

void
pm_session_set_hide_total (PmSession *self,
                           gboolean   hide_total)
{
  g_return_if_fail (PM_IS_SESSION (self));

  hide_total = !!hide_total;
  if (self->hide_total == hide_total)
    return;

  self->hide_total = hide_total;
  _pm_session_update_drawn (self);
  _pm_session_refit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_TOTAL]);
  _pm_session_emit (self, PM_SESSION_SELECTION_CHANGED, 0);
}

/**
 * pm_session_get_times:
 * @n_times: (out): the number of snapshots
 *
 * Returns: (transfer none): the snapshot times of the current time base
 */
const gint64 *
pm_session_get_times (PmSession *self,
                      guint     *n_times)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  *n_times = n_snapshots (self);
  if (*n_times == 0)
    return NULL;

  return pm_dataset_get_times (self->dataset, self->time_base);
}

/**
 * pm_session_get_values:
 *
 * Returns: (transfer none): @tag's values of the current metric, one per
 *   snapshot (0 where the tag is absent), kept until the metric changes
 */
const double *
pm_session_get_values (PmSession *self,
                       guint      tag)
{
  double *values;
  guint n;

  g_return_val_if_fail (PM_IS_SESSION (self), NULL);
  g_return_val_if_fail (self->dataset != NULL, NULL);

  values = g_hash_table_lookup (self->values, GUINT_TO_POINTER (tag));
  if (values == NULL)
    {
      n = n_snapshots (self);
      values = g_new0 (double, MAX (n, 1));
      if (pm_dataset_has_metric (self->dataset, self->metric))
        pm_dataset_copy_series_double (self->dataset, self->metric, tag, 0, n, values);
      g_hash_table_insert (self->values, GUINT_TO_POINTER (tag), values);
    }

  return values;
}

/**
 * pm_session_get_lod:
 *
 * Returns: (transfer none): the levels of detail of
 *   pm_session_get_values() for @tag (built on the first call, kept as
 *   long as the values)
 */
const PmLod *
pm_session_get_lod (PmSession *self,
                    guint      tag)
{
  const double *values;
  PmLod *lod;

  g_return_val_if_fail (PM_IS_SESSION (self), NULL);
  g_return_val_if_fail (self->dataset != NULL, NULL);

  values = pm_session_get_values (self, tag);
  lod = g_hash_table_lookup (self->lods, GUINT_TO_POINTER (tag));
  /* Levels of other values (the series was decoded again): built anew. */
  if (lod == NULL || pm_lod_get_values (lod) != values ||
      pm_lod_get_n_values (lod) != n_snapshots (self))
    {
      lod = pm_lod_new (values, n_snapshots (self));
      g_hash_table_replace (self->lods, GUINT_TO_POINTER (tag), lod);
    }

  return lod;
}
