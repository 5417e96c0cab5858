/* pm-chart-view.c: the time chart widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A leaf widget over the GTK-free PmChartRenderer. The chart itself is
 * drawn once per change of the session or of the size and kept as a render
 * node; the pointer's crosshair, tooltip and the drag band are drawn on top
 * each frame, so hovering costs next to nothing at any data size. The
 * pointer's zoom, pan and clicks are in pm-chart-view-input.c.
 */
#include <math.h>

#include "pm-chart-view-private.h"
#include "pm-figures.h"
#include "pm-time-ticks.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  STYLE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmChartView, pm_chart_view, GTK_TYPE_WIDGET)

static const PmChartModel empty_model = { .show_legend = TRUE };

/* The figure borrows the session's values and the dataset's names: it is
 * rebuilt whenever either changes, before the next frame. */
static void
rebuild_model (PmChartView *self)
{
  g_clear_pointer (&self->figure, pm_chart_figure_free);
  if (self->session != NULL)
    self->figure = pm_chart_figure_new (self->session);
  self->model = self->figure != NULL ? pm_chart_figure_get_model (self->figure) : &empty_model;
}

static void
invalidate (PmChartView *self)
{
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What a screen reader says about the picture: the metric, the visible
 * time range and the tags drawn, kept current as any of them changes. */
static void
update_description (PmChartView *self)
{
  const PmChartRange *range;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint n_visible = 0;

  if (self->session == NULL || pm_session_get_dataset (self->session) == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No data", -1);
      return;
    }

  range = pm_session_get_range (self->session);
  from = pm_format_time (range->t0, range->t1 - range->t0);
  to = pm_format_time (range->t1, range->t1 - range->t0);
  g_string_append_printf (text, "%s%s over time, %s to %s (%s).",
                          pm_metric_to_string (pm_session_get_metric (self->session)),
                          self->model->log_y ? " on a log scale" : "", from, to,
                          pm_time_base_to_string (pm_session_get_time_base (self->session)));
  for (guint i = 0; i < self->model->n_series; i++)
    if (self->model->series[i].visible)
      {
        g_string_append (text, n_visible == 0 ? " Shown: " : ", ");
        g_string_append (text, self->model->series[i].label);
        n_visible++;
      }
  g_string_append (text, n_visible == 0 ? " No tag is shown." : ".");
  if (pm_session_get_total_on_right (self->session))
    g_string_append (text, " TOTAL is drawn against the right-hand axis.");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

static void
model_changed (PmChartView *self)
{
  rebuild_model (self);
  invalidate (self);
  update_description (self);
}

static void
pm_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PmChartView *self = PM_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PmChartOverlay overlay;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->session == NULL ||
      pm_session_get_dataset (self->session) == NULL)
    return;

  if (self->chart_node == NULL || self->node_width != width || self->node_height != height)
    {
      GtkSnapshot *node_snapshot = gtk_snapshot_new ();

      pm_chart_renderer_set_theme (self->renderer, pm_chart_theme_for_widget (widget));
      cr = gtk_snapshot_append_cairo (node_snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      pm_chart_renderer_draw (self->renderer, cr, width, height, self->model,
                              pm_session_get_range (self->session));
      cairo_destroy (cr);

      g_clear_pointer (&self->chart_node, gsk_render_node_unref);
      self->chart_node = gtk_snapshot_free_to_node (node_snapshot);
      self->node_width = width;
      self->node_height = height;
    }

  if (self->chart_node != NULL)
    gtk_snapshot_append_node (snapshot, self->chart_node);

  pm_chart_overlay_init (&overlay);
  overlay.hover_x = self->drag_mode == PM_CHART_DRAG_NONE ? self->hover_x : NAN;
  overlay.show_tooltip = TRUE;
  if (self->drag_mode == PM_CHART_DRAG_BAND || self->drag_mode == PM_CHART_DRAG_BOX)
    {
      overlay.band_x0 = self->drag_x0;
      overlay.band_x1 = self->drag_x1;
      if (self->drag_mode == PM_CHART_DRAG_BOX)
        {
          overlay.band_y0 = self->drag_y0;
          overlay.band_y1 = self->drag_y1;
        }
    }
  if (!isnan (self->hover_x) && !isnan (self->hover_y))
    overlay.highlight = pm_chart_renderer_legend_hit (self->renderer, self->hover_x,
                                                      self->hover_y);
  if (overlay.highlight < 0)
    overlay.highlight = _pm_chart_view_row_highlight (self);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pm_chart_renderer_draw_overlay (self->renderer, cr, self->model, &overlay);
  cairo_destroy (cr);

  _pm_chart_view_draw_measure (self, snapshot, width, height);
}

static void
pm_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (pm_chart_view_parent_class)->css_changed (widget, change);

  /* The theme may have turned dark or light. */
  invalidate (PM_CHART_VIEW (widget));
}

static void
session_changed_cb (PmChartView *self)
{
  model_changed (self);
}

static void
range_changed_cb (PmChartView *self)
{
  invalidate (self);
  update_description (self);
}

static void
style_changed_cb (PmChartView *self,
                  guint        tag,
                  PmSession   *session)
{
  model_changed (self);
}

void
_pm_chart_view_style_requested (PmChartView *self,
                                guint        tag)
{
  g_signal_emit (self, signals[STYLE_REQUESTED], 0, tag);
}

/* GObject ---------------------------------------------------------------- */

static void
pm_chart_view_dispose (GObject *object)
{
  PmChartView *self = PM_CHART_VIEW (object);

  pm_chart_view_set_session (self, NULL);
  g_clear_object (&self->session_signals);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);

  G_OBJECT_CLASS (pm_chart_view_parent_class)->dispose (object);
}

static void
pm_chart_view_finalize (GObject *object)
{
  PmChartView *self = PM_CHART_VIEW (object);

  g_clear_pointer (&self->renderer, pm_chart_renderer_free);
  g_clear_pointer (&self->figure, pm_chart_figure_free);

  G_OBJECT_CLASS (pm_chart_view_parent_class)->finalize (object);
}

static void
pm_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PmChartView *self = PM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PmChartView *self = PM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      pm_chart_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_chart_view_class_init (PmChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_chart_view_dispose;
  object_class->finalize = pm_chart_view_finalize;
  object_class->get_property = pm_chart_view_get_property;
  object_class->set_property = pm_chart_view_set_property;

  widget_class->snapshot = pm_chart_view_snapshot;
  widget_class->css_changed = pm_chart_view_css_changed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PmChartView::style-requested:
   * @tag: the tag whose legend swatch was clicked
   */
  signals[STYLE_REQUESTED] =
    g_signal_new ("style-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /* With the focus on the chart, the plain keys zoom and pan it too. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "win.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "win.pan-right", NULL);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pm_chart_view_init (PmChartView *self)
{
  self->renderer = pm_chart_renderer_new ();
  self->model = &empty_model;
  self->hover_x = NAN;
  self->hover_y = NAN;
  self->highlight_tag = G_MAXUINT;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Chart", -1);

  _pm_chart_view_init_input (self);
}

GtkWidget *
pm_chart_view_new (void)
{
  return g_object_new (PM_TYPE_CHART_VIEW, NULL);
}

PmSession *
pm_chart_view_get_session (PmChartView *self)
{
  g_return_val_if_fail (PM_IS_CHART_VIEW (self), NULL);

  return self->session;
}

void
pm_chart_view_set_session (PmChartView *self,
                           PmSession   *session)
{
  static const PmSessionHandler handlers[] = {
    { "notify::dataset", G_CALLBACK (session_changed_cb) },
    { "notify::metric", G_CALLBACK (session_changed_cb) },
    { "notify::time-base", G_CALLBACK (session_changed_cb) },
    { "notify::log-scale", G_CALLBACK (session_changed_cb) },
    { "notify::total-axis", G_CALLBACK (session_changed_cb) },
    { "selection-changed", G_CALLBACK (session_changed_cb) },
    { "stats-changed", G_CALLBACK (session_changed_cb) },
    { "notify::leaks", G_CALLBACK (session_changed_cb) },
    { "notify::range", G_CALLBACK (range_changed_cb) },
    { "style-changed", G_CALLBACK (style_changed_cb) },
  };

  g_return_if_fail (PM_IS_CHART_VIEW (self));

  if (!pm_session_attach (&self->session, &self->session_signals, session, self,
                          handlers, G_N_ELEMENTS (handlers)))
    return;

  model_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const PmChartModel *
pm_chart_view_get_model (PmChartView *self)
{
  g_return_val_if_fail (PM_IS_CHART_VIEW (self), NULL);

  return self->model;
}

/**
 * pm_chart_view_get_plot_area:
 * @area: (out): the plot area of the last frame, in widget coordinates
 *
 * Returns: %FALSE before the chart was first drawn
 */
gboolean
pm_chart_view_get_plot_area (PmChartView *self,
                             PmRect      *area)
{
  g_return_val_if_fail (PM_IS_CHART_VIEW (self), FALSE);

  return pm_chart_renderer_get_plot_area (self->renderer, area);
}

/**
 * pm_chart_view_get_legend_swatch:
 * @series: a series of the model
 * @rect: (out): where the last frame drew its legend swatch
 *
 * Returns: %FALSE when the last frame drew none for @series
 */
gboolean
pm_chart_view_get_legend_swatch (PmChartView *self,
                                 guint        series,
                                 PmRect      *rect)
{
  g_return_val_if_fail (PM_IS_CHART_VIEW (self), FALSE);

  return pm_chart_renderer_get_legend_swatch (self->renderer, series, rect);
}

const PmChartTheme *
pm_chart_view_get_theme (PmChartView *self)
{
  g_return_val_if_fail (PM_IS_CHART_VIEW (self), NULL);

  return pm_chart_renderer_get_theme (self->renderer);
}

/**
 * pm_chart_theme_for_widget:
 *
 * Returns: (transfer none): the chart theme that suits @widget's colours:
 *   light text means a dark theme, whatever the theme is called
 */
const PmChartTheme *
pm_chart_theme_for_widget (GtkWidget *widget)
{
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5
         ? pm_chart_theme_get_dark () : pm_chart_theme_get_light ();
}
