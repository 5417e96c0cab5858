/* pm-runs.c: the runs a window shows side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run A is the window's own session; every other run gets a session of
 * its own whose metric and time base follow run A's, so its values, tag
 * table and leak finder's answer come the way run A's do. On the chart all
 * runs share run A's time axis: a run's times are moved by its shift (its
 * start onto run A's start for elapsed time, nothing for the clock), so
 * zoom, pan and the zoom history keep working in run A's times. The chart
 * and the session's home range take the other runs in through
 * pm-runs-chart.c.
 */
#include "pm-runs-private.h"

#include <math.h>

#include "pm-session-private.h"

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GQuark runs_quark;

G_DEFINE_FINAL_TYPE (PmRuns, pm_runs, G_TYPE_OBJECT)

void
_pm_runs_notify (PmRuns *self,
                 guint   prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_pm_runs_emit (PmRuns *self,
               guint   signal)
{
  g_signal_emit (self, signals[signal], 0);
}

static void
unref_session (gpointer session)
{
  if (session != NULL)
    g_object_unref (session);
}

static void
forget_times (PmRuns *self)
{
  for (guint i = 0; i < self->times->len; i++)
    g_clear_pointer (&g_ptr_array_index (self->times, i), g_free);
}

/* The views of run A follow its session: a new home range over every run,
 * then "stats-changed" rebuilds the chart and the tag table. */
static void
runs_changed (PmRuns   *self,
              gboolean  home)
{
  forget_times (self);
  _pm_runs_forget_tables (self);
  if (pm_session_get_dataset (self->primary) != NULL)
    {
      _pm_session_refit (self->primary);
      if (home)
        pm_session_zoom_home (self->primary);
      _pm_session_emit (self->primary, PM_SESSION_STATS_CHANGED, 0);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
reset (PmRuns *self)
{
  g_clear_object (&self->set);
  g_ptr_array_set_size (self->sessions, 0);
  g_ptr_array_add (self->sessions, NULL);
  forget_times (self);
  _pm_runs_forget_tables (self);
  g_ptr_array_set_size (self->times, 1);
  g_ptr_array_set_size (self->tables, 1);
  g_array_set_size (self->hidden, 0);
  g_hash_table_remove_all (self->extra_shown);
  if (self->current != 0)
    {
      self->current = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
}

static void
primary_dataset_cb (PmRuns    *self,
                    GParamSpec *pspec,
                    PmSession *session)
{
  PmDataset *before = self->set != NULL ? pm_run_set_get_dataset (self->set, 0) : NULL;
  PmDataset *now = pm_session_get_dataset (session);
  gboolean had_others;

  if (before == NULL || before == now)
    return;

  /* A followed folder's newer dataset (pm_session_update_dataset()): the
   * same run, from the same first snapshot, with more; the others stay
   * beside it. */
  if (now != NULL && self->sessions->len > 1 &&
      pm_dataset_get_n_snapshots (before) > 0 && pm_dataset_get_n_snapshots (now) > 0 &&
      pm_dataset_has_time_base (before, pm_session_get_time_base (session)) &&
      pm_dataset_get_times (before, pm_session_get_time_base (session))[0] ==
      pm_dataset_get_times (now, pm_session_get_time_base (session))[0])
    {
      forget_times (self);
      _pm_runs_forget_tables (self);
      _pm_runs_emit (self, TABLES_CHANGED);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  /* A new load: its runs come with pm_runs_set_run_set(). The home range
   * was fitted with the old runs beside the new dataset: again without. */
  had_others = self->sessions->len > 1;
  reset (self);
  pm_runs_clear_measure (self);
  if (had_others && now != NULL)
    _pm_session_refit (self->primary);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
follow_primary (PmRuns    *self,
                PmSession *session)
{
  session = session != NULL ? session : self->primary;
  for (guint i = 1; i < self->sessions->len; i++)
    {
      PmSession *other = g_ptr_array_index (self->sessions, i);

      pm_session_set_metric (other, pm_session_get_metric (self->primary));
      pm_session_set_time_base (other, pm_session_get_time_base (self->primary));
    }
}

static void
primary_metric_cb (PmRuns    *self,
                   GParamSpec *pspec,
                   PmSession *session)
{
  follow_primary (self, session);
  _pm_runs_forget_tables (self);
  if (self->sessions->len > 1)
    runs_changed (self, FALSE);
  g_signal_emit (self, signals[TABLES_CHANGED], 0);
}

static void
primary_time_base_cb (PmRuns    *self,
                      GParamSpec *pspec,
                      PmSession *session)
{
  follow_primary (self, session);
  pm_runs_clear_measure (self);
  if (self->sessions->len > 1)
    runs_changed (self, TRUE);
}

static void
primary_range_cb (PmRuns    *self,
                  GParamSpec *pspec,
                  PmSession *session)
{
  if (!self->follow)
    return;
  _pm_runs_forget_tables (self);
  g_signal_emit (self, signals[TABLES_CHANGED], 0);
}

static void
pm_runs_finalize (GObject *object)
{
  PmRuns *self = PM_RUNS (object);

  forget_times (self);
  _pm_runs_forget_tables (self);
  g_ptr_array_unref (self->times);
  g_ptr_array_unref (self->tables);
  g_ptr_array_unref (self->sessions);
  g_array_unref (self->hidden);
  g_hash_table_unref (self->extra_shown);
  g_clear_object (&self->set);

  G_OBJECT_CLASS (pm_runs_parent_class)->finalize (object);
}

static void
pm_runs_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PmRuns *self = PM_RUNS (object);

  switch (prop_id)
    {
    case PROP_ALIGN:
      g_value_set_int (value, self->align);
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;
    case PROP_FOLLOW_RANGE:
      g_value_set_boolean (value, self->follow);
      break;
    case PROP_MEASURE_MODE:
      g_value_set_boolean (value, self->measure_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_runs_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PmRuns *self = PM_RUNS (object);

  switch (prop_id)
    {
    case PROP_ALIGN:
      pm_runs_set_align (self, g_value_get_int (value));
      break;
    case PROP_CURRENT:
      pm_runs_set_current (self, g_value_get_uint (value));
      break;
    case PROP_FOLLOW_RANGE:
      pm_runs_set_follow_range (self, g_value_get_boolean (value));
      break;
    case PROP_MEASURE_MODE:
      pm_runs_set_measure_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_runs_class_init (PmRunsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_runs_finalize;
  object_class->get_property = pm_runs_get_property;
  object_class->set_property = pm_runs_set_property;

  properties[PROP_ALIGN] =
    g_param_spec_int ("align", NULL, NULL, PM_RUN_ALIGN_ELAPSED, PM_RUN_ALIGN_CLOCK,
                      PM_RUN_ALIGN_ELAPSED,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_RANGE] =
    g_param_spec_boolean ("follow-range", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEASURE_MODE] =
    g_param_spec_boolean ("measure-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PmRuns::changed:
   *
   * Runs came or went, or their alignment changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PmRuns::measure-changed:
   *
   * A span was measured, or the measure was cleared.
   */
  signals[MEASURE_CHANGED] =
    g_signal_new ("measure-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PmRuns::tables-changed:
   *
   * pm_runs_get_tag_table() answers differently: the zoomed range, the
   * metric or the follow-range switch changed.
   */
  signals[TABLES_CHANGED] =
    g_signal_new ("tables-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  runs_quark = g_quark_from_static_string ("pm-runs");
}

static void
pm_runs_init (PmRuns *self)
{
  self->sessions = g_ptr_array_new_with_free_func (unref_session);
  g_ptr_array_add (self->sessions, NULL);
  self->times = g_ptr_array_new ();
  g_ptr_array_set_size (self->times, 1);
  self->tables = g_ptr_array_new ();
  g_ptr_array_set_size (self->tables, 1);
  self->hidden = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->extra_shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * pm_runs_new:
 * @primary: the window's session, which shows run A
 *
 * The runs beside @primary: one (run A) until pm_runs_set_run_set() or
 * pm_runs_add(). @primary keeps the object (pm_runs_get_for_session()).
 *
 * Returns: (transfer none): the runs of @primary
 */
PmRuns *
pm_runs_new (PmSession *primary)
{
  PmRuns *self;

  g_return_val_if_fail (PM_IS_SESSION (primary), NULL);

  self = g_object_new (PM_TYPE_RUNS, NULL);
  self->primary = primary;
  g_object_set_qdata_full (G_OBJECT (primary), runs_quark, self, g_object_unref);
  g_signal_connect_object (primary, "notify::dataset", G_CALLBACK (primary_dataset_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (primary, "notify::metric", G_CALLBACK (primary_metric_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (primary, "notify::time-base", G_CALLBACK (primary_time_base_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (primary, "notify::range", G_CALLBACK (primary_range_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * pm_runs_get_for_session:
 *
 * Returns: (transfer none) (nullable): the runs beside @session, if any
 */
PmRuns *
pm_runs_get_for_session (PmSession *session)
{
  if (session == NULL || runs_quark == 0)
    return NULL;

  return g_object_get_qdata (G_OBJECT (session), runs_quark);
}

static PmSession *
new_run_session (PmRuns    *self,
                 PmDataset *dataset)
{
  PmSession *session = pm_session_new (pm_session_get_user_state (self->primary));

  pm_session_set_dataset (session, dataset);
  pm_session_set_metric (session, pm_session_get_metric (self->primary));
  pm_session_set_time_base (session, pm_session_get_time_base (self->primary));

  return session;
}

/**
 * pm_runs_set_run_set:
 * @set: (nullable): what the loader found; run 0's dataset is the one the
 *   primary session shows
 *
 * Shows every run of @set beside run A (%NULL or one run: only run A).
 */
void
pm_runs_set_run_set (PmRuns   *self,
                     PmRunSet *set)
{
  gboolean was_one;

  g_return_if_fail (PM_IS_RUNS (self));

  was_one = self->sessions->len == 1;
  reset (self);
  pm_runs_clear_measure (self);
  /* Kept with one run too: its name is run A's when a run is added. */
  if (set != NULL && pm_run_set_get_n_runs (set) > 0 &&
      pm_run_set_get_dataset (set, 0) == pm_session_get_dataset (self->primary))
    self->set = g_object_ref (set);
  if (self->set != NULL && pm_run_set_get_n_runs (set) > 1)
    {
      for (guint i = 1; i < pm_run_set_get_n_runs (set); i++)
        g_ptr_array_add (self->sessions, new_run_session (self, pm_run_set_get_dataset (set, i)));
      g_ptr_array_set_size (self->times, self->sessions->len);
      g_ptr_array_set_size (self->tables, self->sessions->len);
    }
  /* One run before and after: the single-run view, left as it is. */
  if (was_one && self->sessions->len == 1)
    {
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  runs_changed (self, TRUE);
}

/**
 * pm_runs_add:
 * @name: (nullable): the run's name; the base name of its first path by
 *   default
 * @dataset: the run, loaded on its own ("Add run…")
 * @paths: (nullable): what it was loaded from
 *
 * Returns: the new run's index
 */
guint
pm_runs_add (PmRuns             *self,
             const char         *name,
             PmDataset          *dataset,
             const char * const *paths)
{
  g_autofree char *base = NULL;
  guint run;

  g_return_val_if_fail (PM_IS_RUNS (self), 0);
  g_return_val_if_fail (PM_IS_DATASET (dataset), 0);
  g_return_val_if_fail (pm_session_get_dataset (self->primary) != NULL, 0);

  if (self->set == NULL)
    {
      const char *none[] = { NULL };

      self->set = pm_run_set_new ();
      pm_run_set_add (self->set, "A", pm_session_get_dataset (self->primary), none);
    }
  if (name == NULL && paths != NULL && paths[0] != NULL)
    name = base = g_path_get_basename (paths[0]);
  run = pm_run_set_add (self->set, name, dataset, paths);
  g_ptr_array_add (self->sessions, new_run_session (self, dataset));
  g_ptr_array_set_size (self->times, self->sessions->len);
  g_ptr_array_set_size (self->tables, self->sessions->len);
  runs_changed (self, TRUE);

  return run;
}

PmRunSet *
pm_runs_get_run_set (PmRuns *self)
{
  g_return_val_if_fail (PM_IS_RUNS (self), NULL);

  return self->set;
}

guint
pm_runs_get_n_runs (PmRuns *self)
{
  g_return_val_if_fail (PM_IS_RUNS (self), 1);

  return self->sessions->len;
}

/**
 * pm_runs_get_name:
 *
 * Returns: (nullable): the run's name, %NULL while only run A is shown
 */
const char *
pm_runs_get_name (PmRuns *self,
                  guint   run)
{
  g_return_val_if_fail (PM_IS_RUNS (self), NULL);

  if (self->set == NULL || run >= pm_run_set_get_n_runs (self->set))
    return NULL;

  return pm_run_set_get_name (self->set, run);
}

/**
 * pm_runs_get_letter:
 *
 * Returns: "A" for run 0, "B" for run 1, ... (the legend's and the table's
 *   short names)
 */
const char *
pm_runs_get_letter (guint run)
{
  static const char * const letters[] = {
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
    "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z",
  };

  return run < G_N_ELEMENTS (letters) ? letters[run] : "…";
}

/**
 * pm_runs_get_session:
 *
 * Returns: (transfer none): the session of @run: the primary for run 0
 */
PmSession *
pm_runs_get_session (PmRuns *self,
                     guint   run)
{
  g_return_val_if_fail (PM_IS_RUNS (self), NULL);

  if (run == 0 || run >= self->sessions->len)
    return self->primary;

  return g_ptr_array_index (self->sessions, run);
}

/**
 * pm_runs_lookup_tag:
 * @tag: (out): @name's index in @run's dataset
 *
 * Tags match by name, byte for byte; "TOTAL" is every run's TOTAL.
 *
 * Returns: whether @run has the tag
 */
gboolean
pm_runs_lookup_tag (PmRuns     *self,
                    guint       run,
                    const char *name,
                    guint      *tag)
{
  PmDataset *dataset = pm_session_get_dataset (pm_runs_get_session (self, run));
  PmDataset *primary = pm_session_get_dataset (self->primary);

  if (dataset == NULL || name == NULL)
    return FALSE;
  if (primary != NULL &&
      g_strcmp0 (name, pm_dataset_get_tag_name (primary, pm_dataset_get_total_tag (primary))) == 0)
    {
      *tag = pm_dataset_get_total_tag (dataset);
      return TRUE;
    }

  return pm_dataset_lookup_tag (dataset, name, tag);
}

PmRunAlign
pm_runs_get_align (PmRuns *self)
{
  g_return_val_if_fail (PM_IS_RUNS (self), PM_RUN_ALIGN_ELAPSED);

  return self->align;
}

/**
 * pm_runs_set_align:
 *
 * Elapsed time (each run from its start) or the clock.
 */
void
pm_runs_set_align (PmRuns     *self,
                   PmRunAlign  align)
{
  g_return_if_fail (PM_IS_RUNS (self));

  if (self->align == align)
    return;

  self->align = align;
  pm_runs_clear_measure (self);
  runs_changed (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALIGN]);
}

static gint64
first_time (PmRuns *self,
            guint   run)
{
  PmSession *session = pm_runs_get_session (self, run);
  guint n = 0;
  const gint64 *times = pm_session_get_dataset (session) != NULL
                        ? pm_session_get_times (session, &n) : NULL;

  return n > 0 ? times[0] : 0;
}

/**
 * pm_runs_get_shift:
 *
 * Returns: seconds added to @run's times to lay them on run A's axis: its
 *   start onto run A's start for elapsed time, 0 for the clock
 */
gint64
pm_runs_get_shift (PmRuns *self,
                   guint   run)
{
  g_return_val_if_fail (PM_IS_RUNS (self), 0);

  if (run == 0 || self->align == PM_RUN_ALIGN_CLOCK)
    return 0;

  return first_time (self, 0) - first_time (self, run);
}

/**
 * pm_runs_get_times:
 * @n_times: (out): how many
 *
 * Returns: (transfer none): @run's snapshot times in the current time
 *   base, moved onto run A's axis (pm_runs_get_shift())
 */
const gint64 *
pm_runs_get_times (PmRuns *self,
                   guint   run,
                   guint  *n_times)
{
  PmSession *session = pm_runs_get_session (self, run);
  const gint64 *times;
  gint64 *moved;
  gint64 shift;
  guint n = 0;

  if (pm_session_get_dataset (session) == NULL)
    {
      *n_times = 0;
      return NULL;
    }
  times = pm_session_get_times (session, &n);
  *n_times = n;
  if (run == 0 || run >= self->times->len)
    return times;

  moved = g_ptr_array_index (self->times, run);
  if (moved == NULL)
    {
      shift = pm_runs_get_shift (self, run);
      moved = g_new (gint64, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        moved[i] = times[i] + shift;
      g_ptr_array_index (self->times, run) = moved;
    }

  return moved;
}

/**
 * pm_runs_get_run_hidden:
 *
 * Returns: whether @run's lines are left out of the chart (its legend entry
 *   clicked); run A's never are
 */
gboolean
pm_runs_get_run_hidden (PmRuns *self,
                        guint   run)
{
  g_return_val_if_fail (PM_IS_RUNS (self), FALSE);

  return run > 0 && run < self->hidden->len && g_array_index (self->hidden, gboolean, run);
}

/**
 * pm_runs_set_run_hidden:
 *
 * Leaves @run's lines out of the chart, or puts them back; the value axis
 * refits to what is left. Run A, whose tags the chart lists, stays.
 */
void
pm_runs_set_run_hidden (PmRuns   *self,
                        guint     run,
                        gboolean  hidden)
{
  g_return_if_fail (PM_IS_RUNS (self));

  if (run == 0 || run >= self->sessions->len || pm_runs_get_run_hidden (self, run) == !!hidden)
    return;

  if (self->hidden->len < self->sessions->len)
    g_array_set_size (self->hidden, self->sessions->len);
  g_array_index (self->hidden, gboolean, run) = !!hidden;
  runs_changed (self, FALSE);
}

/**
 * pm_runs_get_line_style:
 *
 * Returns: how @run's lines are drawn: solid for A, dashed for B, dotted
 *   for C, and round again after that
 */
PmLineStyle
pm_runs_get_line_style (guint run)
{
  static const PmLineStyle styles[PM_RUNS_MAX_STYLES] = {
    PM_LINE_STYLE_SOLID, PM_LINE_STYLE_DASHED, PM_LINE_STYLE_DOTTED,
  };

  return styles[run % PM_RUNS_MAX_STYLES];
}

guint
pm_runs_get_current (PmRuns *self)
{
  g_return_val_if_fail (PM_IS_RUNS (self), 0);

  return self->current;
}

/**
 * pm_runs_set_current:
 *
 * The run that the Correlation and Leaks pages show.
 */
void
pm_runs_set_current (PmRuns *self,
                     guint   run)
{
  g_return_if_fail (PM_IS_RUNS (self));

  run = MIN (run, self->sessions->len - 1);
  if (self->current == run)
    return;

  self->current = run;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

/* For pm-runs-extra.c: the chart, its fit and the tables again. */
void
_pm_runs_changed (PmRuns   *self,
                  gboolean  home)
{
  runs_changed (self, home);
}
