/* pm-correlation-view.c: the correlation matrix page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pearson r between the tags shown on the chart (the old `-sc`) or between
 * every tag (`-sce`), for the session's metric, of levels or increments,
 * over every snapshot or only the chart's zoomed range. The matrix is
 * computed off the main thread (pm_corr_compute_async), then ordered by
 * clustering in another worker, with progress and Cancel over the old
 * matrix; the page stays usable meanwhile. Work starts only while the page
 * is on screen: a hidden page just remembers that it is out of date.
 *
 * Clicking a cell charts that pair. That selection is the page's own doing,
 * so it does not turn the "shown tags" matrix into a 2 x 2 one.
 */
#include <math.h>

#include "pm-cluster.h"
#include "pm-correlation-view.h"
#include "pm-test-events.h"

/* Short jobs finish before a progress card would be read: show it later. */
#define PROGRESS_DELAY_MS 150

/* From this many tags the matrix is formed in single precision, about
 * twice as fast (every tag of a big folder); r then differs from the
 * double one by a few 1e-6, which no colour and no printed cell shows. */
#define SINGLE_PRECISION_MIN_TAGS 500

struct _PmCorrelationView
{
  GtkWidget          parent_instance;

  PmSession         *session;
  GCancellable      *cancellable;
  gint              *progress;     /* per mille, written by the worker */
  guint              progress_source;
  guint              idle_source;
  gint64             started;
  guint              n_snapshots;  /* of the job running or shown */
  guint              dirty : 1;
  guint              own_selection : 1;

  /* Template children. */
  GtkWidget         *toolbar;
  GtkToggleButton   *selected_button;
  GtkToggleButton   *every_button;
  GtkToggleButton   *levels_button;
  GtkToggleButton   *increments_button;
  GtkDropDown       *order_dropdown;
  GtkCheckButton    *zoomed_check;
  GtkWidget         *back_button;
  GtkWidget         *home_button;
  PmHeatmapView     *heatmap;
  GtkWidget         *progress_box;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  GtkLabel          *status_label;
  GtkLabel          *hover_label;
};

enum {
  PROP_0,
  PROP_WORKING,
  N_PROPS
};

enum {
  CHART_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmCorrelationView, pm_correlation_view, GTK_TYPE_WIDGET)

/* Test events are split at spaces; tags may hold some. */
static char *
event_name (const char *tag)
{
  return g_strdelimit (g_strdup (tag), " ", '_');
}

static void
stop_progress (PmCorrelationView *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_set_visible (self->progress_box, FALSE);
}

static void
cancel_work (PmCorrelationView *self)
{
  gboolean was_working = self->cancellable != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, g_atomic_rc_box_release);
  stop_progress (self);
  if (was_working)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING]);
}

static gboolean
progress_cb (gpointer user_data)
{
  PmCorrelationView *self = user_data;
  double fraction = self->progress != NULL ? g_atomic_int_get (self->progress) / 1000.0 : 0;
  g_autofree char *text = g_strdup_printf ("%.0f %%", fraction * 100);

  gtk_widget_set_visible (self->progress_box, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, fraction >= 1 ? "Ordering…" : text);

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

  cancel_work (self);
  pm_heatmap_view_set_figure (self->heatmap,
                              pm_corr_figure_new (pm_session_get_dataset (self->session),
                                                  matrix, order, title));
  /* The title is drawn above the matrix; below it, what the work was. */
  status = g_strdup_printf ("%u × %u tags · %u snapshots · %.0f ms", n, n, self->n_snapshots, ms);
  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->hover_label, "");
  pm_test_event ("MATRIX-READY n=%u clustered=%d ms=%.1f", n, order != NULL, ms);
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
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pm_test_event ("MATRIX-CANCELLED");
      gtk_label_set_text (self->status_label, "Cancelled: the matrix shown may be out of date");
      return;
    }

  cancel_work (self);
  gtk_label_set_text (self->status_label, error->message);
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

static void
start_work (PmCorrelationView *self)
{
  PmDataset *dataset = self->session != NULL ? pm_session_get_dataset (self->session) : NULL;
  PmCorrOptions options;
  const guint *shown;
  guint n_shown;

  cancel_work (self);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING]);
  self->progress = g_atomic_rc_box_new0 (gint);
  gtk_label_set_text (self->progress_label,
                      options.tags == NULL ? "Correlating every tag…" : "Correlating…");
  self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, progress_delay_cb, self);

  pm_test_event ("MATRIX-WORK tags=%u snapshots=%u ms=%" G_GINT64_FORMAT,
                 options.tags != NULL ? options.n_tags : pm_dataset_get_n_tags (dataset) + 1,
                 self->n_snapshots, pm_test_events_elapsed_ms ());
  pm_corr_compute_async (dataset, &options, worker_progress_cb,
                         g_atomic_rc_box_acquire (self->progress),
                         (GDestroyNotify) g_atomic_rc_box_release,
                         self->cancellable, compute_done_cb, g_object_ref (self));
}

/* On screen, or the page its stack shows while the window still shows its
 * loading page: a new dataset's matrix starts as soon as the data is there. */
static gboolean
will_be_seen (PmCorrelationView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  return gtk_widget_get_mapped (widget) ||
         (gtk_widget_get_parent (widget) != NULL && gtk_widget_get_child_visible (widget));
}

static gboolean
idle_work_cb (gpointer user_data)
{
  PmCorrelationView *self = user_data;

  self->idle_source = 0;
  if (self->dirty && will_be_seen (self))
    start_work (self);

  return G_SOURCE_REMOVE;
}

/* Several changes at once (a new dataset changes metric, selection and
 * range) make one job, and only for a page that is seen. */
static void
queue_work (PmCorrelationView *self)
{
  self->dirty = TRUE;
  /* Ahead of drawing: the worker computes while the frame is painted. */
  if (self->idle_source == 0 && will_be_seen (self))
    self->idle_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, idle_work_cb, self, NULL);
}

static void
options_changed_cb (PmCorrelationView *self)
{
  queue_work (self);
}

/* The last thing a new dataset notifies: start at once rather than after
 * the window's first frame with the data. */
static void
dataset_changed_cb (PmCorrelationView *self)
{
  self->dirty = TRUE;
  if (will_be_seen (self))
    {
      g_clear_handle_id (&self->idle_source, g_source_remove);
      start_work (self);
    }
}

static void
selection_changed_cb (PmCorrelationView *self)
{
  if (!self->own_selection && !gtk_toggle_button_get_active (self->every_button))
    queue_work (self);
}

static void
range_changed_cb (PmCorrelationView *self)
{
  if (gtk_check_button_get_active (self->zoomed_check))
    queue_work (self);
}

static void
heatmap_history_cb (PmCorrelationView *self)
{
  gtk_widget_set_sensitive (self->back_button, pm_heatmap_view_get_can_go_back (self->heatmap));
  gtk_widget_set_sensitive (self->home_button, pm_heatmap_view_get_zoomed (self->heatmap));
}

static void
back_clicked_cb (PmCorrelationView *self)
{
  pm_heatmap_view_back (self->heatmap);
}

static void
home_clicked_cb (PmCorrelationView *self)
{
  pm_heatmap_view_home (self->heatmap);
}

static void
cancel_clicked_cb (PmCorrelationView *self)
{
  /* The old matrix stays; the next change starts a new job. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  stop_progress (self);
}

static void
hovered_cb (PmCorrelationView *self,
            int                row,
            int                col)
{
  PmCorrFigure *figure = pm_heatmap_view_get_figure (self->heatmap);
  const PmHeatmapModel *model;
  g_autofree char *text = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  double r;

  if (figure == NULL || row < 0 || col < 0)
    {
      gtk_label_set_text (self->hover_label, "");
      return;
    }

  model = pm_corr_figure_get_model (figure);
  r = pm_heatmap_model_get (model, row, col);
  a = g_strdup (model->labels[pm_corr_figure_get_index (figure, row)]);
  b = g_strdup (model->labels[pm_corr_figure_get_index (figure, col)]);
  text = isnan (r) ? g_strdup_printf ("%s × %s   r undefined", a, b)
                   : g_strdup_printf ("%s × %s   r = %.3f", a, b, r);
  gtk_label_set_text (self->hover_label, text);

  if (pm_test_events_enabled ())
    {
      g_autofree char *ea = event_name (a);
      g_autofree char *eb = event_name (b);

      pm_test_event ("MATRIX-HOVER row=%d col=%d a=%s b=%s r=%.4f", row, col, ea, eb, r);
    }
}

static void
activated_cb (PmCorrelationView *self,
              guint              row,
              guint              col)
{
  PmCorrFigure *figure = pm_heatmap_view_get_figure (self->heatmap);
  guint tags[2];

  if (figure == NULL || self->session == NULL)
    return;

  tags[0] = pm_corr_figure_get_tag (figure, row);
  tags[1] = pm_corr_figure_get_tag (figure, col);

  self->own_selection = TRUE;
  pm_session_set_selection (self->session, tags, tags[0] == tags[1] ? 1 : 2);
  self->own_selection = FALSE;

  if (pm_test_events_enabled ())
    {
      PmDataset *dataset = pm_session_get_dataset (self->session);
      g_autofree char *a = event_name (pm_dataset_get_tag_name (dataset, tags[0]));
      g_autofree char *b = event_name (pm_dataset_get_tag_name (dataset, tags[1]));

      pm_test_event ("MATRIX-SHOW a=%s b=%s", a, b);
    }
  g_signal_emit (self, signals[CHART_REQUESTED], 0);
}

static void
pm_correlation_view_map (GtkWidget *widget)
{
  PmCorrelationView *self = PM_CORRELATION_VIEW (widget);

  GTK_WIDGET_CLASS (pm_correlation_view_parent_class)->map (widget);

  if (self->dirty)
    queue_work (self);
}

static void
pm_correlation_view_dispose (GObject *object)
{
  PmCorrelationView *self = PM_CORRELATION_VIEW (object);
  GtkWidget *child;

  /* The workers notice and end; their results are dropped. */
  pm_correlation_view_set_session (self, NULL);
  cancel_work (self);
  g_clear_handle_id (&self->idle_source, g_source_remove);

  /* The template's unnamed children (separators, the overlay, the status
   * row) are not the template's to drop. */
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_CORRELATION_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pm_correlation_view_parent_class)->dispose (object);
}

static void
pm_correlation_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PmCorrelationView *self = PM_CORRELATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_correlation_view_class_init (PmCorrelationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_correlation_view_dispose;
  object_class->get_property = pm_correlation_view_get_property;
  widget_class->map = pm_correlation_view_map;

  /**
   * PmCorrelationView:working:
   *
   * Whether a matrix is being computed or ordered in a worker thread.
   */
  properties[PROP_WORKING] =
    g_param_spec_boolean ("working", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PmCorrelationView::chart-requested:
   *
   * A cell was clicked and its pair is now the session's selection: the
   * window shows the chart.
   */
  signals[CHART_REQUESTED] =
    g_signal_new ("chart-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PM_TYPE_HEATMAP_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/poolmonviz/Viewer/pm-correlation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, selected_button);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, every_button);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, levels_button);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, increments_button);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, order_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, zoomed_check);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, back_button);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, home_button);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, heatmap);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, hover_label);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, home_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, hovered_cb);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);
}

static void
pm_correlation_view_init (PmCorrelationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  g_signal_connect_object (self->heatmap, "notify::can-go-back",
                           G_CALLBACK (heatmap_history_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->heatmap, "notify::zoomed",
                           G_CALLBACK (heatmap_history_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
pm_correlation_view_new (void)
{
  return g_object_new (PM_TYPE_CORRELATION_VIEW, NULL);
}

void
pm_correlation_view_set_session (PmCorrelationView *self,
                                 PmSession         *session)
{
  static const PmSessionHandler handlers[] = {
    { "notify::dataset", G_CALLBACK (dataset_changed_cb) },
    { "notify::metric", G_CALLBACK (options_changed_cb) },
    { "selection-changed", G_CALLBACK (selection_changed_cb) },
    { "notify::range", G_CALLBACK (range_changed_cb) },
    { "notify::time-base", G_CALLBACK (range_changed_cb) },
  };

  g_return_if_fail (PM_IS_CORRELATION_VIEW (self));

  if (pm_session_attach (&self->session, session, self, handlers, G_N_ELEMENTS (handlers))
      && session != NULL)
    queue_work (self);
}

PmCorrelationMode
pm_correlation_view_get_mode (PmCorrelationView *self)
{
  g_return_val_if_fail (PM_IS_CORRELATION_VIEW (self), PM_CORRELATION_SELECTED);

  return gtk_toggle_button_get_active (self->every_button) ? PM_CORRELATION_EVERY
                                                           : PM_CORRELATION_SELECTED;
}

void
pm_correlation_view_set_mode (PmCorrelationView *self,
                              PmCorrelationMode  mode)
{
  g_return_if_fail (PM_IS_CORRELATION_VIEW (self));

  gtk_toggle_button_set_active (mode == PM_CORRELATION_EVERY ? self->every_button
                                                             : self->selected_button, TRUE);
}

PmHeatmapView *
pm_correlation_view_get_heatmap (PmCorrelationView *self)
{
  g_return_val_if_fail (PM_IS_CORRELATION_VIEW (self), NULL);

  return self->heatmap;
}

/* Levels (what the old tool correlated) or increments between snapshots. */
void
pm_correlation_view_set_increments (PmCorrelationView *self,
                                    gboolean           increments)
{
  g_return_if_fail (PM_IS_CORRELATION_VIEW (self));

  gtk_toggle_button_set_active (increments ? self->increments_button : self->levels_button, TRUE);
}
