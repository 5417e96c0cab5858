/* pm-total-corr-view.c: the tags that move with TOTAL, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The old tool's third figure: the tags whose r with TOTAL exceeds a
 * threshold (0.9 by default), strongest first, for the session's metric.
 * One pass over the series (pm_corr_with_total) in a worker, redone when
 * the threshold, the metric or levels/increments change; the bars are
 * drawn by the same PmBarsRenderer that export uses. Clicking a bar charts
 * that tag against TOTAL; so does Enter on the bar the arrow keys chose.
 */
#include <math.h>

#include "pm-chart-view.h"
#include "pm-heatmap-view.h"
#include "pm-total-corr-view.h"

struct _PmTotalCorrView
{
  GtkWidget        parent_instance;

  PmSession       *session;
  GSignalGroup    *session_signals;
  PmDataset       *dataset;      /* the labels' owner */
  GArray          *entries;      /* PmCorrEntry */
  GArray          *items;        /* PmBarsItem; the renderer draws what fits */
  PmBarsModel      model;
  char            *title;
  PmBarsRenderer  *renderer;
  GCancellable    *cancellable;
  guint            dirty : 1;

  GtkSpinButton   *threshold_spin;
  GtkCheckButton  *increments_check;
  GtkWidget       *area;
  GtkLabel        *status_label;
  guint            cursor;       /* the keyboard's bar */
};

typedef struct
{
  PmDataset     *dataset;
  PmCorrOptions  options;
  double         threshold;
} Job;

enum {
  CHART_REQUESTED,
  BARS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmTotalCorrView, pm_total_corr_view, GTK_TYPE_WIDGET)

static void update_description (PmTotalCorrView *self);

static void
job_free (Job *job)
{
  g_object_unref (job->dataset);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GArray *entries = pm_corr_with_total (job->dataset, &job->options, job->threshold,
                                        cancellable, &error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_array_unref);
}

static void
rebuild_model (PmTotalCorrView *self)
{
  guint n = self->entries != NULL ? self->entries->len : 0;
  double threshold = gtk_spin_button_get_value (self->threshold_spin);
  g_autofree char *status = NULL;

  g_array_set_size (self->items, 0);
  for (guint i = 0; i < n; i++)
    {
      PmCorrEntry *e = &g_array_index (self->entries, PmCorrEntry, i);
      PmBarsItem item = { pm_dataset_get_tag_name (self->dataset, e->tag), e->r };

      g_array_append_val (self->items, item);
    }

  g_free (self->title);
  self->title = g_strdup_printf ("Tags correlated with TOTAL (%s %s, r > %.2f)",
                                 pm_metric_to_string (pm_session_get_metric (self->session)),
                                 gtk_check_button_get_active (self->increments_check)
                                 ? "increments" : "levels", threshold);
  self->model.items = (const PmBarsItem *) (gpointer) self->items->data;
  self->model.n_items = self->items->len;
  self->model.kind = PM_VALUE_KIND_CORRELATION;
  self->model.threshold = threshold;
  self->model.title = self->title;
  self->model.value_label = "r with TOTAL";

  if (n == 0)
    status = g_strdup_printf ("No tag has r above %.2f with TOTAL", threshold);
  else
    status = g_strdup_printf (n == 1 ? "%u tag above %.2f" : "%u tags above %.2f", n, threshold);
  gtk_label_set_text (self->status_label, status);
  self->cursor = 0;
  update_description (self);
  gtk_widget_queue_draw (self->area);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PmTotalCorrView *self = PM_TOTAL_CORR_VIEW (source);
  g_autoptr(GError) error = NULL;
  GArray *entries = g_task_propagate_pointer (G_TASK (result), &error);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&entries, g_array_unref);
      return;
    }
  g_clear_object (&self->cancellable);

  if (entries == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }

  g_set_object (&self->dataset, job->dataset);
  g_clear_pointer (&self->entries, g_array_unref);
  self->entries = entries;
  rebuild_model (self);
  g_signal_emit (self, signals[BARS_CHANGED], 0);
}

static void
start_job (PmTotalCorrView *self)
{
  PmDataset *dataset = self->session != NULL ? pm_session_get_dataset (self->session) : NULL;
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->dirty = FALSE;

  if (dataset == NULL)
    {
      g_clear_pointer (&self->entries, g_array_unref);
      g_array_set_size (self->items, 0);
      self->model.n_items = 0;
      gtk_widget_queue_draw (self->area);
      return;
    }

  job = g_new0 (Job, 1);
  job->dataset = g_object_ref (dataset);
  pm_corr_options_init (&job->options, pm_session_get_metric (self->session));
  job->options.increments = gtk_check_button_get_active (self->increments_check);
  job->threshold = gtk_spin_button_get_value (self->threshold_spin);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

/* Work only for a page on screen; a hidden one remembers to catch up. */
static void
queue_job (PmTotalCorrView *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_job (self);
}

/* The keyboard's bar, while the bars have the focus: a box around its row. */
static void
draw_cursor (PmTotalCorrView *self,
             cairo_t         *cr)
{
  const PmChartTheme *theme = pm_total_corr_view_get_theme (self);
  PmRect row;

  if (!gtk_widget_has_focus (self->area) ||
      !pm_bars_renderer_get_row (self->renderer, self->cursor, &row))
    return;
  cairo_set_source_rgba (cr, theme->text.red, theme->text.green, theme->text.blue, 0.8);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, row.x + 0.75, row.y + 0.75, row.width - 1.5, row.height - 1.5);
  cairo_stroke (cr);
}

/* What a screen reader says of the bars: how many, and the keyboard's. */
static void
update_description (PmTotalCorrView *self)
{
  g_autofree char *text = NULL;

  if (self->model.n_items == 0 || self->cursor >= self->model.n_items)
    text = g_strdup (gtk_label_get_text (self->status_label));
  else
    text = g_strdup_printf ("%s. %s, r %.2f (%u of %u); Enter charts it against TOTAL.",
                            self->title, self->model.items[self->cursor].label,
                            self->model.items[self->cursor].value, self->cursor + 1,
                            self->model.n_items);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PmTotalCorrView *self = user_data;

  if (self->dataset == NULL)
    return;

  pm_bars_renderer_set_theme (self->renderer, pm_total_corr_view_get_theme (self));
  pm_bars_renderer_draw (self->renderer, cr, width, height, &self->model);
  draw_cursor (self, cr);
}

/* Charts bar @index's tag against TOTAL. */
static void
chart_entry (PmTotalCorrView *self,
             guint            index)
{
  if (self->entries == NULL || index >= self->entries->len ||
      pm_session_get_dataset (self->session) != self->dataset)
    return;

  /* A step of the history, TOTAL shown even if hidden: Back returns to
   * what was shown. */
  pm_session_chart_against_total (self->session,
                                  g_array_index (self->entries, PmCorrEntry, index).tag);
  g_signal_emit (self, signals[CHART_REQUESTED], 0);
}

/* A click on a bar charts that tag against TOTAL. */
static void
released_cb (PmTotalCorrView *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  int hit = pm_bars_renderer_hit (self->renderer, x, y);

  if (hit < 0 || self->entries == NULL || (guint) hit >= self->entries->len ||
      pm_session_get_dataset (self->session) != self->dataset)
    return;

  chart_entry (self, (guint) hit);
}

/* Up, Down, Page Up/Down, Home and End move the keyboard's bar; Enter or
 * Space charts it against TOTAL, as a click does. */
static gboolean
key_pressed_cb (PmTotalCorrView       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  guint n = self->model.n_items, cursor = self->cursor;
  PmRect row;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      cursor = cursor > 0 ? cursor - 1 : 0;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      cursor++;
      break;
    case GDK_KEY_Page_Up:
      cursor = cursor > 10 ? cursor - 10 : 0;
      break;
    case GDK_KEY_Page_Down:
      cursor += 10;
      break;
    case GDK_KEY_Home:
      cursor = 0;
      break;
    case GDK_KEY_End:
      cursor = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->entries != NULL && self->cursor < self->entries->len)
        chart_entry (self, self->cursor);
      return TRUE;
    default:
      return FALSE;
    }

  /* Only to a bar on screen: those that fit are drawn. */
  cursor = MIN (cursor, n - 1);
  while (cursor > 0 && !pm_bars_renderer_get_row (self->renderer, cursor, &row))
    cursor--;
  self->cursor = cursor;
  update_description (self);
  gtk_widget_queue_draw (self->area);
  return TRUE;
}

static void
pm_total_corr_view_map (GtkWidget *widget)
{
  PmTotalCorrView *self = PM_TOTAL_CORR_VIEW (widget);

  GTK_WIDGET_CLASS (pm_total_corr_view_parent_class)->map (widget);

  if (self->dirty)
    start_job (self);
}

static void
pm_total_corr_view_dispose (GObject *object)
{
  PmTotalCorrView *self = PM_TOTAL_CORR_VIEW (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  pm_total_corr_view_set_session (self, NULL);
  g_clear_object (&self->session_signals);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pm_total_corr_view_parent_class)->dispose (object);
}

static void
pm_total_corr_view_finalize (GObject *object)
{
  PmTotalCorrView *self = PM_TOTAL_CORR_VIEW (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->renderer, pm_bars_renderer_free);
  g_free (self->title);

  G_OBJECT_CLASS (pm_total_corr_view_parent_class)->finalize (object);
}

static void
pm_total_corr_view_class_init (PmTotalCorrViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_total_corr_view_dispose;
  object_class->finalize = pm_total_corr_view_finalize;
  widget_class->map = pm_total_corr_view_map;

  /**
   * PmTotalCorrView::chart-requested:
   *
   * A bar was clicked: its tag and TOTAL are now the session's selection.
   */
  signals[CHART_REQUESTED] =
    g_signal_new ("chart-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PmTotalCorrView::bars-changed:
   *
   * New bars came from the worker (a new dataset, metric or threshold).
   */
  signals[BARS_CHANGED] =
    g_signal_new ("bars-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "totalcorrview");
}

static void
pm_total_corr_view_init (PmTotalCorrView *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new ("r with TOTAL above");
  GtkEventController *controller, *focus;
  GtkGesture *gesture;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->renderer = pm_bars_renderer_new ();
  self->items = g_array_new (FALSE, TRUE, sizeof (PmBarsItem));

  gtk_widget_set_margin_start (toolbar, 12);
  gtk_widget_set_margin_end (toolbar, 12);
  gtk_widget_set_margin_top (toolbar, 8);
  gtk_widget_set_margin_bottom (toolbar, 8);
  gtk_box_append (GTK_BOX (toolbar), label);

  self->threshold_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (-1, 1, 0.01));
  gtk_spin_button_set_digits (self->threshold_spin, 2);
  gtk_spin_button_set_value (self->threshold_spin, PM_CORR_DEFAULT_THRESHOLD);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->threshold_spin),
                               "The r a tag must exceed to be listed (the old tool used 0.9)");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->threshold_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Threshold", -1);
  g_signal_connect_swapped (self->threshold_spin, "value-changed", G_CALLBACK (queue_job), self);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->threshold_spin));

  self->increments_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label ("Increments"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->increments_check),
                               "Correlate the change from one snapshot to the next instead of the values");
  g_signal_connect_swapped (self->increments_check, "toggled", G_CALLBACK (queue_job), self);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->increments_check));

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_label_set_xalign (self->status_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->status_label));

  gtk_widget_set_parent (toolbar, GTK_WIDGET (self));
  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), GTK_WIDGET (self));

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_tooltip_text (self->area, "Click a bar to chart that tag against TOTAL");
  /* From the keyboard too: the bars are one focus stop. */
  gtk_widget_set_focusable (self->area, TRUE);
  gtk_widget_add_css_class (self->area, "bars");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Tags correlated with TOTAL", -1);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->area, controller);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "notify::is-focus", G_CALLBACK (gtk_widget_queue_draw),
                            self->area);
  gtk_widget_add_controller (self->area, focus);
  gtk_widget_set_parent (self->area, GTK_WIDGET (self));
}

GtkWidget *
pm_total_corr_view_new (void)
{
  return g_object_new (PM_TYPE_TOTAL_CORR_VIEW, NULL);
}

void
pm_total_corr_view_set_session (PmTotalCorrView *self,
                                PmSession       *session)
{
  static const PmSessionHandler handlers[] = {
    { "notify::dataset", G_CALLBACK (queue_job) },
    { "notify::metric", G_CALLBACK (queue_job) },
  };

  g_return_if_fail (PM_IS_TOTAL_CORR_VIEW (self));

  if (pm_session_attach (&self->session, &self->session_signals, session, self,
                         handlers, G_N_ELEMENTS (handlers))
      && session != NULL)
    queue_job (self);
}

double
pm_total_corr_view_get_threshold (PmTotalCorrView *self)
{
  g_return_val_if_fail (PM_IS_TOTAL_CORR_VIEW (self), PM_CORR_DEFAULT_THRESHOLD);

  return gtk_spin_button_get_value (self->threshold_spin);
}

void
pm_total_corr_view_set_threshold (PmTotalCorrView *self,
                                  double           threshold)
{
  g_return_if_fail (PM_IS_TOTAL_CORR_VIEW (self));

  gtk_spin_button_set_value (self->threshold_spin, threshold);
}

/* What the page draws, for export; %NULL before the first result. */
const PmBarsModel *
pm_total_corr_view_get_model (PmTotalCorrView *self)
{
  g_return_val_if_fail (PM_IS_TOTAL_CORR_VIEW (self), NULL);

  return self->dataset != NULL ? &self->model : NULL;
}

const PmChartTheme *
pm_total_corr_view_get_theme (PmTotalCorrView *self)
{
  g_return_val_if_fail (PM_IS_TOTAL_CORR_VIEW (self), NULL);

  return pm_chart_theme_for_widget (GTK_WIDGET (self));
}

/**
 * pm_total_corr_view_focus_bars:
 *
 * Gives the keyboard to the bars (arrows, Enter), as Alt+3 does.
 */
void
pm_total_corr_view_focus_bars (PmTotalCorrView *self)
{
  g_return_if_fail (PM_IS_TOTAL_CORR_VIEW (self));

  gtk_widget_grab_focus (self->area);
}
