/* pm-correlation-view-work.c: the correlation page's work off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One job at a time: the matrix (pm_corr_compute_async), then its
 * clustered order in another worker, with a progress card that shows up
 * only for long jobs and Cancel; a newer job or Cancel drops the old one's
 * results. The finished matrix becomes the heat map's figure.
 */
#include <math.h>

#include "pm-cluster.h"
#include "pm-correlation-view-private.h"

/* Short jobs finish before a progress card would be read: show it later. */
#define PROGRESS_DELAY_MS 150

/* From this many tags the matrix is formed in single precision, about
 * twice as fast (every tag of a big folder); r then differs from the
 * double one by a few 1e-6, which no colour and no printed cell shows. */
#define SINGLE_PRECISION_MIN_TAGS 500

void
_pm_correlation_view_stop_progress (PmCorrelationView *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_set_visible (self->progress_box, FALSE);
}

void
_pm_correlation_view_cancel_work (PmCorrelationView *self)
{
  gboolean was_working = self->cancellable != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, g_atomic_rc_box_release);
  _pm_correlation_view_stop_progress (self);
  if (was_working)
    _pm_correlation_view_notify_working (self);
}

static gboolean
progress_cb (gpointer user_data)
{
  PmCorrelationView *self = user_data;
  double fraction = self->progress != NULL ? g_atomic_int_get (self->progress) / 1000.0 : 0;

  gtk_widget_set_visible (self->progress_box, TRUE);
  pm_progress_card_set_fraction (self->progress_card, fraction,
                                 fraction >= 1 ? "Ordering…" : NULL);

  return G_SOURCE_CONTINUE;
}

static gboolean
progress_delay_cb (gpointer user_data)
{
  PmCorrelationView *self = user_data;

  progress_cb (self);
  self->progress_source = g_timeout_add (50, progress_cb, self);

  return G_SOURCE_REMOVE;
}

/* Called in the worker: only an atomic store. */
static void
worker_progress_cb (double   fraction,
                    gpointer user_data)
{
  g_atomic_int_set ((gint *) user_data, (gint) (CLAMP (fraction, 0, 1) * 1000));
}

static gboolean
clustered (PmCorrelationView *self)
{
  return gtk_drop_down_get_selected (self->order_dropdown) == 0;
}

static char *
describe (PmCorrelationView *self,
          guint              n)
{
  return pm_corr_figure_title (pm_session_get_metric (self->session),
                               gtk_toggle_button_get_active (self->increments_button),
                               gtk_toggle_button_get_active (self->every_button), n,
                               clustered (self),
                               gtk_check_button_get_active (self->zoomed_check));
}

static void
show_matrix (PmCorrelationView *self,
             PmCorrMatrix      *matrix,
             const guint       *order)
{
  guint n = pm_corr_matrix_get_size (matrix);
  g_autofree char *title = describe (self, n);
  g_autofree char *status = NULL;
  double ms = (g_get_monotonic_time () - self->started) / 1000.0;

  _pm_correlation_view_cancel_work (self);
  pm_heatmap_view_set_figure (self->heatmap,
                              pm_corr_figure_new (pm_session_get_dataset (self->session),
                                                  matrix, order, title));
  /* The title is drawn above the matrix; below it, what the work was. */
  status = g_strdup_printf ("%u × %u tags · %u snapshots · %.0f ms", n, n, self->n_snapshots, ms);
  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->hover_label, "");
  _pm_correlation_view_describe (self);
  _pm_correlation_view_work_finished (self, NULL, order != NULL, ms);
}

static void
cluster_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  guint *order = pm_cluster_order (task_data, cancellable, &error);

  if (order == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, order, g_free);
}

static void
work_failed (PmCorrelationView *self,
             GError            *error)
{
  /* The job is over. A cancelled one was cancelled by Cancel: newer work
   * drops older results before they get here. */
  _pm_correlation_view_cancel_work (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->status_label, "Cancelled: the matrix shown may be out of date");
  else
    gtk_label_set_text (self->status_label, error->message);
  _pm_correlation_view_work_finished (self, error, FALSE,
                                      (g_get_monotonic_time () - self->started) / 1000.0);
}

static void
cluster_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PmCorrelationView *self = PM_CORRELATION_VIEW (source);
  g_autoptr(GError) error = NULL;
  g_autofree guint *order = g_task_propagate_pointer (G_TASK (result), &error);

  /* Newer work replaced this one. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (order == NULL)
    work_failed (self, error);
  else
    show_matrix (self, g_task_get_task_data (G_TASK (result)), order);
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PmCorrelationView) self = user_data;
  g_autoptr(PmCorrMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  matrix = pm_corr_compute_finish (result, &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (matrix == NULL)
    {
      work_failed (self, error);
      return;
    }

  if (!clustered (self) || pm_corr_matrix_get_size (matrix) < 3)
    {
      show_matrix (self, matrix, NULL);
      return;
    }

  task = g_task_new (self, self->cancellable, cluster_done_cb, NULL);
  g_task_set_task_data (task, pm_corr_matrix_ref (matrix), (GDestroyNotify) pm_corr_matrix_unref);
  g_task_run_in_thread (task, cluster_thread);
}

void
_pm_correlation_view_start_work (PmCorrelationView *self)
{
  PmDataset *dataset = self->session != NULL ? pm_session_get_dataset (self->session) : NULL;
  PmCorrOptions options;
  const guint *shown;
  guint n_shown;

  _pm_correlation_view_cancel_work (self);
  self->dirty = FALSE;

  if (dataset == NULL)
    {
      pm_heatmap_view_set_figure (self->heatmap, NULL);
      gtk_label_set_text (self->status_label, "");
      return;
    }

  pm_corr_options_init (&options, pm_session_get_metric (self->session));
  options.increments = gtk_toggle_button_get_active (self->increments_button);
  if (gtk_check_button_get_active (self->zoomed_check))
    {
      const PmChartRange *range = pm_session_get_range (self->session);

      if (!pm_snapshot_range_from_times (dataset, pm_session_get_time_base (self->session),
                                         (gint64) floor (range->t0), (gint64) ceil (range->t1),
                                         &options.first, &options.n_snapshots))
        {
          pm_heatmap_view_set_figure (self->heatmap, NULL);
          gtk_label_set_text (self->status_label, "No snapshot in the zoomed range");
          return;
        }
    }
  if (!gtk_toggle_button_get_active (self->every_button))
    {
      shown = pm_session_get_shown (self->session, &n_shown);
      /* No tags is not "every tag" (what NULL tags would mean). */
      if (n_shown == 0)
        {
          pm_heatmap_view_set_figure (self->heatmap, NULL);
          gtk_label_set_text (self->status_label, "No tag is shown on the chart");
          return;
        }
      options.tags = shown;
      options.n_tags = n_shown;
    }

  options.single_precision = (options.tags != NULL ? options.n_tags
                                                    : pm_dataset_get_n_tags (dataset) + 1)
                             >= SINGLE_PRECISION_MIN_TAGS;
  self->n_snapshots = MIN (options.n_snapshots,
                           pm_dataset_get_n_snapshots (dataset) - options.first);
  self->started = g_get_monotonic_time ();
  self->cancellable = g_cancellable_new ();
  _pm_correlation_view_notify_working (self);
  self->progress = g_atomic_rc_box_new0 (gint);
  pm_progress_card_set_title (self->progress_card,
                      options.tags == NULL ? "Correlating every tag…" : "Correlating…");
  self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, progress_delay_cb, self);

  _pm_correlation_view_work_started (self, options.tags != NULL
                                           ? options.n_tags : pm_dataset_get_n_tags (dataset) + 1,
                                     self->n_snapshots);
  pm_corr_compute_async (dataset, &options, worker_progress_cb,
                         g_atomic_rc_box_acquire (self->progress),
                         (GDestroyNotify) g_atomic_rc_box_release,
                         self->cancellable, compute_done_cb, g_object_ref (self));
}
