/* pm-follower.c: following a folder while the sampler writes into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PmFollower holds the dataset of one folder and keeps it up to date. A
 * poll of the folder listing every poll-interval is the reliable path
 * (network mounts deliver no file events); a GFileMonitor, where one can be
 * made, only makes a look come sooner. Each look runs in a worker thread
 * (pm-follower-scan.c), one at a time, and its result is applied in the
 * thread whose main context started the follower: the new dataset replaces
 * the old one and ::changed says how many snapshots came. Nothing is ever
 * written into the folder. docs/follow.md has the rules.
 */
#include "pm-follower-private.h"

#include <stdlib.h>
#include <string.h>

#include "pm-types.h"

/* A file seen changing is looked at again this soon, to see it stand still. */
#define SETTLE_MS   250
/* Events come in bursts (create, changes, rename): one look after them. */
#define DEBOUNCE_MS 100

struct _PmFollower
{
  GObject        parent_instance;

  char          *folder;
  PmDataset     *dataset;
  PmFollowScan  *scan;
  gboolean       use_monitor;
  guint          poll_interval;

  gboolean       running;
  GFileMonitor  *monitor;
  guint          poll_id;
  guint          soon_id;
  GCancellable  *cancellable;
  gboolean       busy;
  gboolean       again;
  guint          n_reloads;
  gint64         last_arrival;
};

enum
{
  PROP_0,
  PROP_FOLDER,
  PROP_DATASET,
  PROP_USE_MONITOR,
  PROP_POLL_INTERVAL,
  PROP_RUNNING,
  N_PROPS
};

enum
{
  CHANGED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmFollower, pm_follower, G_TYPE_OBJECT)

static void look (PmFollower *self);

static void
outcome_free (PmFollowOutcome *out)
{
  g_clear_object (&out->dataset);
  g_free (out);
}

/* Applies what a look found; TRUE when the dataset changed. */
static gboolean
apply_outcome (PmFollower      *self,
               PmFollowOutcome *out)
{
  guint before = self->dataset != NULL ? pm_dataset_get_n_snapshots (self->dataset) : 0;
  guint n_added;

  if (out->dataset == NULL)
    return FALSE;
  g_set_object (&self->dataset, out->dataset);
  n_added = out->reloaded ? (pm_dataset_get_n_snapshots (self->dataset) > before
                             ? pm_dataset_get_n_snapshots (self->dataset) - before : 0)
                          : out->n_added;
  if (n_added > 0)
    self->last_arrival = g_get_real_time ();
  self->n_reloads += out->reloaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_signal_emit (self, signals[CHANGED], 0, self->dataset, n_added, out->reloaded);
  return TRUE;
}

static gboolean
soon_cb (gpointer data)
{
  PmFollower *self = data;

  self->soon_id = 0;
  look (self);
  return G_SOURCE_REMOVE;
}

static void
look_soon (PmFollower *self,
           guint       msec)
{
  if (self->running && self->soon_id == 0)
    self->soon_id = g_timeout_add (msec, soon_cb, self);
}

static void
look_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PmFollower *self = source_object;
  PmFollowOutcome *out = g_new0 (PmFollowOutcome, 1);
  GError *error = NULL;

  if (!_pm_follow_scan_look (self->scan, task_data, out, cancellable, &error))
    {
      outcome_free (out);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, out, (GDestroyNotify) outcome_free);
}

static void
look_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PmFollower *self = PM_FOLLOWER (object);
  g_autoptr(GError) error = NULL;
  PmFollowOutcome *out = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean held = out != NULL && out->held;

  self->busy = FALSE;
  if (out != NULL)
    {
      apply_outcome (self, out);
      outcome_free (out);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[FAILED], 0, error->message);

  if (self->again)
    {
      self->again = FALSE;
      look_soon (self, 0);
    }
  else if (held)
    look_soon (self, SETTLE_MS);
}

static void
look (PmFollower *self)
{
  g_autoptr(GTask) task = NULL;

  if (!self->running)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, look_done_cb, NULL);
  g_task_set_source_tag (task, look);
  if (self->dataset != NULL)
    g_task_set_task_data (task, g_object_ref (self->dataset), g_object_unref);
  g_task_run_in_thread (task, look_thread);
}

static gboolean
poll_cb (gpointer data)
{
  look (data);
  return G_SOURCE_CONTINUE;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  PmFollower *self = user_data;

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  look_soon (self, DEBOUNCE_MS);
}

static void
pm_follower_dispose (GObject *object)
{
  PmFollower *self = PM_FOLLOWER (object);

  pm_follower_stop (self);
  g_clear_object (&self->dataset);
  G_OBJECT_CLASS (pm_follower_parent_class)->dispose (object);
}

static void
pm_follower_finalize (GObject *object)
{
  PmFollower *self = PM_FOLLOWER (object);

  g_clear_pointer (&self->scan, _pm_follow_scan_free);
  g_clear_object (&self->cancellable);
  g_free (self->folder);
  G_OBJECT_CLASS (pm_follower_parent_class)->finalize (object);
}

static void
pm_follower_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PmFollower *self = PM_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_USE_MONITOR:
      g_value_set_boolean (value, self->use_monitor);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_follower_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PmFollower *self = PM_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_string (value);
      break;
    case PROP_USE_MONITOR:
      pm_follower_set_use_monitor (self, g_value_get_boolean (value));
      break;
    case PROP_POLL_INTERVAL:
      pm_follower_set_poll_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_follower_constructed (GObject *object)
{
  PmFollower *self = PM_FOLLOWER (object);

  G_OBJECT_CLASS (pm_follower_parent_class)->constructed (object);
  self->scan = _pm_follow_scan_new (self->folder != NULL ? self->folder : ".");
}

static void
pm_follower_class_init (PmFollowerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pm_follower_constructed;
  object_class->dispose = pm_follower_dispose;
  object_class->finalize = pm_follower_finalize;
  object_class->get_property = pm_follower_get_property;
  object_class->set_property = pm_follower_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, PM_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PmFollower:use-monitor:
   *
   * Whether a file monitor hastens looks. The poll runs either way. The
   * default is TRUE unless POOLMONVIZ_FOLLOW_NO_MONITOR=1.
   */
  properties[PROP_USE_MONITOR] =
    g_param_spec_boolean ("use-monitor", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 10, 3600 * 1000, 1000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PmFollower::changed:
   * @dataset: the new dataset (the old one is left as it was)
   * @n_added: snapshots added after the old dataset's last
   * @reloaded: the folder was loaded again in full (a new tag, a file
   *   older than the last snapshot, a problem): anything may have changed
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, PM_TYPE_DATASET, G_TYPE_UINT, G_TYPE_BOOLEAN);
  /**
   * PmFollower::failed:
   * @message: why the folder could not be read or loaded
   *
   * The follower goes on polling; the dataset is kept.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pm_follower_init (PmFollower *self)
{
  const char *env = g_getenv (PM_FOLLOWER_NO_MONITOR_ENV);

  self->use_monitor = !(env != NULL && g_str_equal (env, "1"));
  self->poll_interval = 1000;
  self->cancellable = g_cancellable_new ();
}

/**
 * pm_follower_new:
 * @folder: the folder the sampler writes into
 *
 * Returns: (transfer full): a follower; pm_follower_load() or
 *   pm_follower_set_loaded() gives it its dataset, pm_follower_start()
 *   sets it going
 */
PmFollower *
pm_follower_new (const char *folder)
{
  g_return_val_if_fail (folder != NULL, NULL);

  return g_object_new (PM_TYPE_FOLLOWER, "folder", folder, NULL);
}

const char *
pm_follower_get_folder (PmFollower *self)
{
  g_return_val_if_fail (PM_IS_FOLLOWER (self), NULL);

  return self->folder;
}

/**
 * pm_follower_get_dataset:
 *
 * Returns: (transfer none) (nullable): the folder's dataset as of the last look
 */
PmDataset *
pm_follower_get_dataset (PmFollower *self)
{
  g_return_val_if_fail (PM_IS_FOLLOWER (self), NULL);

  return self->dataset;
}

void
pm_follower_set_use_monitor (PmFollower *self,
                             gboolean    use_monitor)
{
  g_return_if_fail (PM_IS_FOLLOWER (self));

  use_monitor = !!use_monitor;
  if (self->use_monitor == use_monitor)
    return;
  self->use_monitor = use_monitor;
  if (self->running)
    {
      pm_follower_stop (self);
      pm_follower_start (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_MONITOR]);
}

gboolean
pm_follower_get_use_monitor (PmFollower *self)
{
  g_return_val_if_fail (PM_IS_FOLLOWER (self), FALSE);

  return self->use_monitor;
}

/**
 * pm_follower_set_poll_interval:
 * @msec: how often the folder listing is looked at, in milliseconds
 */
void
pm_follower_set_poll_interval (PmFollower *self,
                               guint       msec)
{
  g_return_if_fail (PM_IS_FOLLOWER (self));

  msec = CLAMP (msec, 10, 3600 * 1000);
  if (self->poll_interval == msec)
    return;
  self->poll_interval = msec;
  if (self->poll_id != 0)
    {
      g_source_remove (self->poll_id);
      self->poll_id = g_timeout_add (self->poll_interval, poll_cb, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

guint
pm_follower_get_poll_interval (PmFollower *self)
{
  g_return_val_if_fail (PM_IS_FOLLOWER (self), 0);

  return self->poll_interval;
}

/**
 * pm_follower_set_use_store:
 *
 * Whether full loads read and write the folder's store (default TRUE).
 */
void
pm_follower_set_use_store (PmFollower *self,
                           gboolean    use_store)
{
  g_return_if_fail (PM_IS_FOLLOWER (self));

  self->scan->use_store = use_store;
}

void
pm_follower_set_pooltag_file (PmFollower *self,
                              const char *path)
{
  g_return_if_fail (PM_IS_FOLLOWER (self));

  g_free (self->scan->pooltag_file);
  self->scan->pooltag_file = g_strdup (path);
}

/**
 * pm_follower_load:
 *
 * Loads the folder as it is now, in the calling thread.
 *
 * Returns: FALSE with @error set when nothing could be loaded
 */
gboolean
pm_follower_load (PmFollower    *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  PmFollowOutcome out = { 0 };

  g_return_val_if_fail (PM_IS_FOLLOWER (self), FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  if (!_pm_follow_scan_reload (self->scan, &out, cancellable, error))
    return FALSE;
  g_set_object (&self->dataset, out.dataset);
  g_clear_object (&out.dataset);
  self->n_reloads++;
  self->last_arrival = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  return TRUE;
}

/**
 * pm_follower_set_loaded:
 * @dataset: the folder's dataset, loaded by the caller
 *
 * Files that @dataset names are taken as read; the others are read at the
 * next look.
 */
void
pm_follower_set_loaded (PmFollower *self,
                        PmDataset  *dataset)
{
  g_return_if_fail (PM_IS_FOLLOWER (self));
  g_return_if_fail (PM_IS_DATASET (dataset));
  g_return_if_fail (!self->busy);

  g_set_object (&self->dataset, dataset);
  _pm_follow_scan_adopt (self->scan, dataset);
  self->last_arrival = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/**
 * pm_follower_start:
 *
 * Starts following, in the thread-default main context: a look now, then
 * one every poll-interval and soon after each file event.
 */
void
pm_follower_start (PmFollower *self)
{
  g_return_if_fail (PM_IS_FOLLOWER (self));

  if (self->running)
    return;
  self->running = TRUE;
  g_cancellable_reset (self->cancellable);
  self->poll_id = g_timeout_add (self->poll_interval, poll_cb, self);
  if (self->use_monitor)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->folder);
      g_autoptr(GError) error = NULL;

      self->monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (self->monitor != NULL)
        g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
      else
        g_debug ("follow %s: no file monitor (%s); polling only", self->folder, error->message);
    }
  look_soon (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
pm_follower_stop (PmFollower *self)
{
  g_return_if_fail (PM_IS_FOLLOWER (self));

  if (!self->running)
    return;
  self->running = FALSE;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->soon_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  /* A look under way finishes and is applied (with ::changed: callers
   * that go away disconnect first); no new one starts. */
  self->again = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
pm_follower_get_running (PmFollower *self)
{
  g_return_val_if_fail (PM_IS_FOLLOWER (self), FALSE);

  return self->running;
}

/**
 * pm_follower_poll:
 *
 * One look now, in the calling thread (for tests and benchmarks; not
 * while a look started by pm_follower_start() is under way). ::changed is
 * emitted before it returns when something changed.
 *
 * Returns: snapshots added (0 for none), or -1 with @error set
 */
int
pm_follower_poll (PmFollower    *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  PmFollowOutcome out = { 0 };
  guint before;
  int n;

  g_return_val_if_fail (PM_IS_FOLLOWER (self), -1);
  g_return_val_if_fail (!self->busy, -1);

  before = self->dataset != NULL ? pm_dataset_get_n_snapshots (self->dataset) : 0;
  if (!_pm_follow_scan_look (self->scan, self->dataset, &out, cancellable, error))
    return -1;
  apply_outcome (self, &out);
  g_clear_object (&out.dataset);
  n = self->dataset != NULL ? (int) pm_dataset_get_n_snapshots (self->dataset) - (int) before : 0;
  return MAX (n, 0);
}

guint
pm_follower_get_n_reloads (PmFollower *self)
{
  g_return_val_if_fail (PM_IS_FOLLOWER (self), 0);

  return self->n_reloads;
}

/**
 * pm_follower_get_last_arrival:
 *
 * Returns: when (g_get_real_time()) the last new snapshot was seen, or the
 *   dataset was loaded
 */
gint64
pm_follower_get_last_arrival (PmFollower *self)
{
  g_return_val_if_fail (PM_IS_FOLLOWER (self), 0);

  return self->last_arrival;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * pm_dataset_get_recent_interval:
 *
 * The sampler's interval as of late: the median step between the last 65
 * snapshots (UTC, else local time).
 *
 * Returns: seconds, or 0 with fewer than two snapshots
 */
double
pm_dataset_get_recent_interval (PmDataset *dataset)
{
  PmTimeBase base = pm_dataset_has_time_base (dataset, PM_TIME_BASE_UTC) ? PM_TIME_BASE_UTC
                                                                         : PM_TIME_BASE_LOCAL;
  const gint64 *times = pm_dataset_get_times (dataset, base);
  guint n = pm_dataset_get_n_snapshots (dataset), k;
  gint64 steps[64];

  g_return_val_if_fail (PM_IS_DATASET (dataset), 0);

  if (n < 2 || times == NULL)
    return 0;
  k = MIN (n - 1, G_N_ELEMENTS (steps));
  for (guint i = 0; i < k; i++)
    steps[i] = times[n - 1 - i] - times[n - 2 - i];
  qsort (steps, k, sizeof (gint64), compare_gint64);
  return k % 2 ? (double) steps[k / 2] : 0.5 * (double) (steps[k / 2 - 1] + steps[k / 2]);
}
