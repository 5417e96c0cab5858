/* pm-heatmap-view.c: the correlation heat map widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A leaf widget over the GTK-free PmHeatmapRenderer. The cells, labels and
 * colour bar are drawn once per change of the figure, the visible window,
 * the size or the theme and kept as a render node; the hovered cell with its
 * tip, the selected cell and the drag box are drawn on top each frame, so
 * hovering costs next to nothing even for thousands of tags.
 *
 * The pointer and keys are handled in pm-heatmap-view-input.c.
 */
#include <math.h>

#include "pm-chart-view.h"
#include "pm-heatmap-view-private.h"

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  PROP_ZOOMED,
  N_PROPS
};

enum {
  HOVERED,
  ACTIVATED,
  VIEW_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmHeatmapView, pm_heatmap_view, GTK_TYPE_WIDGET)

guint
_pm_heatmap_view_get_size (PmHeatmapView *self)
{
  return self->figure != NULL ? pm_corr_figure_get_model (self->figure)->n : 0;
}

/* The zoom history stacks chart ranges: columns stand in for time, rows for
 * values, so Back and Home work as they do on the chart. */
static PmChartRange
window_to_range (const PmHeatmapWindow *w)
{
  return (PmChartRange) { w->col0, w->col0 + w->n_cols, w->row0, w->row0 + w->n_rows };
}

static PmHeatmapWindow
range_to_window (const PmChartRange *r)
{
  return (PmHeatmapWindow) { r->y0, r->t0, r->y1 - r->y0, r->t1 - r->t0 };
}

/* Square windows inside the matrix: cells stay square, and a correlation
 * matrix read across its diagonal wants the same tags on both axes. */
static void
clamp_window (PmHeatmapView   *self,
              PmHeatmapWindow *w)
{
  double n = _pm_heatmap_view_get_size (self);
  double size = MAX (w->n_rows, w->n_cols);
  double row_mid = w->row0 + w->n_rows / 2;
  double col_mid = w->col0 + w->n_cols / 2;

  size = CLAMP (size, MIN (PM_HEATMAP_VIEW_MIN_WINDOW, n), n);
  w->n_rows = w->n_cols = size;
  w->row0 = CLAMP (row_mid - size / 2, 0, n - size);
  w->col0 = CLAMP (col_mid - size / 2, 0, n - size);
}

static void
invalidate (PmHeatmapView *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What is shown changed: the next frame shows something else. */
static void
view_changed (PmHeatmapView   *self,
              PmHeatmapChange  change)
{
  invalidate (self);
  g_signal_emit (self, signals[VIEW_CHANGED], 0, change);
}

void
_pm_heatmap_view_set_window (PmHeatmapView         *self,
                             const PmHeatmapWindow *window,
                             gboolean               new_step)
{
  PmHeatmapWindow w = *window;
  PmChartRange r;
  gboolean could_go_back = pm_heatmap_view_get_can_go_back (self);
  gboolean was_zoomed = pm_heatmap_view_get_zoomed (self);

  if (self->history == NULL)
    return;

  clamp_window (self, &w);
  r = window_to_range (&w);
  if (new_step)
    pm_zoom_history_push (self->history, &r);
  else
    pm_zoom_history_replace (self->history, &r);
  self->window = w;
  view_changed (self, PM_HEATMAP_CHANGE_ZOOM);

  if (could_go_back != pm_heatmap_view_get_can_go_back (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  if (was_zoomed != pm_heatmap_view_get_zoomed (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
}

static void
follow_history (PmHeatmapView   *self,
                PmHeatmapChange  change)
{
  self->window = range_to_window (pm_zoom_history_get_current (self->history));
  view_changed (self, change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
}

void
_pm_heatmap_view_set_hover (PmHeatmapView *self,
                            int            row,
                            int            col)
{
  if (self->hover_row == row && self->hover_col == col)
    return;

  self->hover_row = row;
  self->hover_col = col;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[HOVERED], 0, row, col);
}

/* The uncached layer: the drag box and the selected cell. */
static void
draw_marks (PmHeatmapView *self,
            cairo_t       *cr)
{
  const PmChartTheme *theme = pm_heatmap_view_get_theme (self);
  double cell = pm_heatmap_renderer_get_cell_size (self->renderer);
  PmRect area;

  if (!pm_heatmap_renderer_get_matrix_area (self->renderer, &area))
    return;

  if (self->selected_row >= 0 && self->selected_col >= 0)
    {
      double x = area.x + (self->selected_col - self->window.col0) * cell;
      double y = area.y + (self->selected_row - self->window.row0) * cell;
      double s = MAX (cell, 4);

      cairo_save (cr);
      cairo_rectangle (cr, area.x - 2, area.y - 2, area.width + 4, area.height + 4);
      cairo_clip (cr);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, x - 2, y - 2, s + 4, s + 4);
      cairo_set_source_rgba (cr, theme->text.red, theme->text.green, theme->text.blue, 1);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  if (self->drag_mode == PM_HEATMAP_DRAG_BOX)
    {
      double x0 = MIN (self->drag_x0, self->drag_x1);
      double y0 = MIN (self->drag_y0, self->drag_y1);
      double w = fabs (self->drag_x1 - self->drag_x0);
      double h = fabs (self->drag_y1 - self->drag_y0);

      /* The zoom keeps cells square: show the square it will zoom to. */
      w = h = MAX (w, h);
      if (self->drag_x1 < self->drag_x0)
        x0 = self->drag_x0 - w;
      if (self->drag_y1 < self->drag_y0)
        y0 = self->drag_y0 - h;
      cairo_rectangle (cr, x0 + 0.5, y0 + 0.5, w, h);
      cairo_set_source_rgba (cr, theme->band.red, theme->band.green, theme->band.blue,
                             theme->band.alpha);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1);
      cairo_set_source_rgba (cr, theme->crosshair.red, theme->crosshair.green,
                             theme->crosshair.blue, 1);
      cairo_stroke (cr);
    }
}

static void
pm_heatmap_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  PmHeatmapView *self = PM_HEATMAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const PmHeatmapModel *model;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->figure == NULL)
    return;

  model = pm_corr_figure_get_model (self->figure);
  if (self->node == NULL || self->node_width != width || self->node_height != height)
    {
      GtkSnapshot *node_snapshot = gtk_snapshot_new ();

      pm_heatmap_renderer_set_theme (self->renderer, pm_heatmap_view_get_theme (self));
      cr = gtk_snapshot_append_cairo (node_snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      pm_heatmap_renderer_draw (self->renderer, cr, width, height, model, &self->window);
      cairo_destroy (cr);

      g_clear_pointer (&self->node, gsk_render_node_unref);
      self->node = gtk_snapshot_free_to_node (node_snapshot);
      self->node_width = width;
      self->node_height = height;
    }

  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_marks (self, cr);
  if (self->drag_mode == PM_HEATMAP_DRAG_NONE)
    pm_heatmap_renderer_draw_overlay (self->renderer, cr, model, self->hover_row, self->hover_col);
  cairo_destroy (cr);
}

static void
pm_heatmap_view_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (pm_heatmap_view_parent_class)->css_changed (widget, change);

  /* The theme may have turned dark or light. */
  invalidate (PM_HEATMAP_VIEW (widget));
}

/* GObject ---------------------------------------------------------------- */

static void
pm_heatmap_view_dispose (GObject *object)
{
  PmHeatmapView *self = PM_HEATMAP_VIEW (object);

  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->figure, pm_corr_figure_free);
  g_clear_pointer (&self->history, pm_zoom_history_free);

  G_OBJECT_CLASS (pm_heatmap_view_parent_class)->dispose (object);
}

static void
pm_heatmap_view_finalize (GObject *object)
{
  PmHeatmapView *self = PM_HEATMAP_VIEW (object);

  g_clear_pointer (&self->renderer, pm_heatmap_renderer_free);

  G_OBJECT_CLASS (pm_heatmap_view_parent_class)->finalize (object);
}

static void
pm_heatmap_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PmHeatmapView *self = PM_HEATMAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, pm_heatmap_view_get_can_go_back (self));
      break;
    case PROP_ZOOMED:
      g_value_set_boolean (value, pm_heatmap_view_get_zoomed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_heatmap_view_class_init (PmHeatmapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = pm_heatmap_view_dispose;
  object_class->finalize = pm_heatmap_view_finalize;
  object_class->get_property = pm_heatmap_view_get_property;

  widget_class->snapshot = pm_heatmap_view_snapshot;
  widget_class->css_changed = pm_heatmap_view_css_changed;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOMED] =
    g_param_spec_boolean ("zoomed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PmHeatmapView::hovered:
   * @row: the display row under the pointer, or -1
   * @col: the display column, or -1
   */
  signals[HOVERED] =
    g_signal_new ("hovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  /**
   * PmHeatmapView::activated:
   * @row: the display row of the clicked cell
   * @col: its display column
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * PmHeatmapView::view-changed:
   * @change: a #PmHeatmapChange: a new figure, or how the shown part moved
   *
   * What the view shows changed; the next frame draws it.
   */
  signals[VIEW_CHANGED] =
    g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  _pm_heatmap_view_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "heatmapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pm_heatmap_view_init (PmHeatmapView *self)
{
  self->renderer = pm_heatmap_renderer_new ();
  self->hover_row = self->hover_col = -1;
  self->selected_row = self->selected_col = -1;
  self->pointer_x = self->pointer_y = NAN;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Correlation matrix", -1);

  _pm_heatmap_view_init_input (self);
}

GtkWidget *
pm_heatmap_view_new (void)
{
  return g_object_new (PM_TYPE_HEATMAP_VIEW, NULL);
}

/**
 * pm_heatmap_view_set_figure:
 * @figure: (transfer full) (nullable): the matrix to show
 *
 * Shows @figure whole, with a fresh zoom history.
 */
void
pm_heatmap_view_set_figure (PmHeatmapView *self,
                            PmCorrFigure  *figure)
{
  PmChartRange home;

  g_return_if_fail (PM_IS_HEATMAP_VIEW (self));

  if (self->figure != figure)
    g_clear_pointer (&self->figure, pm_corr_figure_free);
  self->figure = figure;
  self->hover_row = self->hover_col = -1;
  self->selected_row = self->selected_col = -1;

  g_clear_pointer (&self->history, pm_zoom_history_free);
  pm_heatmap_window_init_full (&self->window, MAX (_pm_heatmap_view_get_size (self), 1));
  home = window_to_range (&self->window);
  if (figure != NULL)
    self->history = pm_zoom_history_new (&home);

  view_changed (self, PM_HEATMAP_CHANGE_FIGURE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
}

PmCorrFigure *
pm_heatmap_view_get_figure (PmHeatmapView *self)
{
  g_return_val_if_fail (PM_IS_HEATMAP_VIEW (self), NULL);

  return self->figure;
}

const PmHeatmapWindow *
pm_heatmap_view_get_window (PmHeatmapView *self)
{
  g_return_val_if_fail (PM_IS_HEATMAP_VIEW (self), NULL);

  return &self->window;
}

const PmChartTheme *
pm_heatmap_view_get_theme (PmHeatmapView *self)
{
  g_return_val_if_fail (PM_IS_HEATMAP_VIEW (self), NULL);

  return pm_chart_theme_for_widget (GTK_WIDGET (self));
}

/* A click on the cell at display (@row, @col): outlined, and announced. */
void
_pm_heatmap_view_activate (PmHeatmapView *self,
                           guint          row,
                           guint          col)
{
  pm_heatmap_view_set_selected (self, row, col);
  g_signal_emit (self, signals[ACTIVATED], 0, row, col);
}

/* Outlines the cell at display (@row, @col); -1 for none. */
void
pm_heatmap_view_set_selected (PmHeatmapView *self,
                              int            row,
                              int            col)
{
  g_return_if_fail (PM_IS_HEATMAP_VIEW (self));

  self->selected_row = row;
  self->selected_col = col;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
pm_heatmap_view_back (PmHeatmapView *self)
{
  g_return_val_if_fail (PM_IS_HEATMAP_VIEW (self), FALSE);

  if (self->history == NULL || !pm_zoom_history_back (self->history))
    return FALSE;

  follow_history (self, PM_HEATMAP_CHANGE_BACK);
  return TRUE;
}

void
pm_heatmap_view_home (PmHeatmapView *self)
{
  g_return_if_fail (PM_IS_HEATMAP_VIEW (self));

  if (self->history == NULL)
    return;

  pm_zoom_history_home (self->history);
  follow_history (self, PM_HEATMAP_CHANGE_HOME);
}

/* @factor below 1 zooms in, above 1 out, about the middle of the view. */
void
pm_heatmap_view_zoom_by (PmHeatmapView *self,
                         double         factor)
{
  g_return_if_fail (PM_IS_HEATMAP_VIEW (self));

  if (self->figure == NULL)
    return;

  _pm_heatmap_view_zoom_around (self, self->window.row0 + self->window.n_rows / 2,
               self->window.col0 + self->window.n_cols / 2, factor, TRUE);
}

gboolean
pm_heatmap_view_get_can_go_back (PmHeatmapView *self)
{
  return self->history != NULL && pm_zoom_history_can_go_back (self->history);
}

gboolean
pm_heatmap_view_get_zoomed (PmHeatmapView *self)
{
  return self->history != NULL &&
         !pm_chart_range_equal (pm_zoom_history_get_current (self->history),
                                pm_zoom_history_get_home (self->history));
}

/**
 * pm_heatmap_view_get_matrix_area:
 * @area: (out): where the last frame drew the cells, in widget coordinates
 *
 * Returns: %FALSE before a matrix was drawn
 */
gboolean
pm_heatmap_view_get_matrix_area (PmHeatmapView *self,
                                 PmRect        *area)
{
  g_return_val_if_fail (PM_IS_HEATMAP_VIEW (self), FALSE);

  return pm_heatmap_renderer_get_matrix_area (self->renderer, area);
}

/**
 * pm_heatmap_view_get_cell_size:
 *
 * Returns: the side of a cell in the last frame, in pixels
 */
double
pm_heatmap_view_get_cell_size (PmHeatmapView *self)
{
  g_return_val_if_fail (PM_IS_HEATMAP_VIEW (self), 0);

  return pm_heatmap_renderer_get_cell_size (self->renderer);
}
