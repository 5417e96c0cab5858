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
 * is on screen: a hidden page just remembers that it is out of date. The
 * work itself is in pm-correlation-view-work.c.
 *
 * Clicking a cell charts that pair. That selection is the page's own doing,
 * so it does not turn the "shown tags" matrix into a 2 x 2 one.
 */
#include <math.h>

#include "pm-a11y.h"
#include "pm-correlation-view-private.h"

enum {
  PROP_0,
  PROP_WORKING,
  N_PROPS
};

enum {
  CHART_REQUESTED,
  WORK_STARTED,
  WORK_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmCorrelationView, pm_correlation_view, GTK_TYPE_WIDGET)

void
_pm_correlation_view_notify_working (PmCorrelationView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING]);
}

void
_pm_correlation_view_work_started (PmCorrelationView *self,
                                   guint              n_tags,
                                   guint              n_snapshots)
{
  g_signal_emit (self, signals[WORK_STARTED], 0, n_tags, n_snapshots);
}

void
_pm_correlation_view_work_finished (PmCorrelationView *self,
                                    const GError      *error,
                                    gboolean           clustered,
                                    double             ms)
{
  g_signal_emit (self, signals[WORK_FINISHED], 0, error, clustered, ms);
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
    _pm_correlation_view_start_work (self);

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
      _pm_correlation_view_start_work (self);
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
  _pm_correlation_view_stop_progress (self);
}

/* The matrix's accessible description: what it correlates (the figure's
 * title), the work's summary and, while a cell is hovered or has the
 * keyboard's cursor, its two tags and r. */
void
_pm_correlation_view_describe (PmCorrelationView *self)
{
  PmCorrFigure *figure = pm_heatmap_view_get_figure (self->heatmap);
  const char *title = figure != NULL ? pm_corr_figure_get_model (figure)->title : NULL;
  const char *hover = gtk_label_get_text (self->hover_label);
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%s. %s%s%s", title != NULL ? title : "No matrix",
                          gtk_label_get_text (self->status_label),
                          hover[0] != 0 ? ". Cell " : "", hover);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heatmap),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
hovered_cb (PmCorrelationView *self,
            int                row,
            int                col)
{
  PmCorrFigure *figure = pm_heatmap_view_get_figure (self->heatmap);
  const PmHeatmapModel *model;
  g_autofree char *text = NULL;
  const char *a, *b;
  double r;

  if (figure == NULL || row < 0 || col < 0)
    {
      gtk_label_set_text (self->hover_label, "");
      _pm_correlation_view_describe (self);
      return;
    }

  model = pm_corr_figure_get_model (figure);
  r = pm_heatmap_model_get (model, row, col);
  a = model->labels[pm_corr_figure_get_index (figure, row)];
  b = model->labels[pm_corr_figure_get_index (figure, col)];
  text = isnan (r) ? g_strdup_printf ("%s × %s   r undefined", a, b)
                   : g_strdup_printf ("%s × %s   r = %.3f", a, b, r);
  gtk_label_set_text (self->hover_label, text);
  _pm_correlation_view_describe (self);
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
  pm_session_chart_tags (self->session, tags, tags[0] == tags[1] ? 1 : 2);
  self->own_selection = FALSE;

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
  g_clear_object (&self->session_signals);
  _pm_correlation_view_cancel_work (self);
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
  /**
   * PmCorrelationView::work-started:
   * @n_tags: the tags of the matrix being computed
   * @n_snapshots: the snapshots it correlates
   */
  signals[WORK_STARTED] =
    g_signal_new ("work-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * PmCorrelationView::work-finished:
   * @error: (nullable): why no matrix came (cancelled, or failed), or %NULL
   *   when the heat map shows the new one
   * @clustered: whether its rows are in clustered order
   * @ms: how long the work took
   */
  signals[WORK_FINISHED] =
    g_signal_new ("work-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_ERROR, G_TYPE_BOOLEAN,
                  G_TYPE_DOUBLE);

  g_type_ensure (PM_TYPE_HEATMAP_VIEW);
  g_type_ensure (PM_TYPE_PROGRESS_CARD);

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
  gtk_widget_class_bind_template_child (widget_class, PmCorrelationView, progress_card);
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
  pm_a11y_label_drop_down (self->order_dropdown, "Order");
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

  if (pm_session_attach (&self->session, &self->session_signals, session, self,
                         handlers, G_N_ELEMENTS (handlers))
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
