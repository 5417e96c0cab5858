/* pm-chart-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-chart-renderer.h"

#include <math.h>

#include "pm-chart-renderer-private.h"
#include "pm-decimate.h"
#include "pm-draw-private.h"

/**
 * pm_chart_renderer_new:
 *
 * Returns: (transfer full): a renderer with the light theme
 */
PmChartRenderer *
pm_chart_renderer_new (void)
{
  PmChartRenderer *self = g_new0 (PmChartRenderer, 1);

  self->theme = pm_chart_theme_get_light ();
  self->scale = 1;
  self->legend = g_array_new (FALSE, TRUE, sizeof (PmRect));

  return self;
}

void
pm_chart_renderer_free (PmChartRenderer *self)
{
  if (self == NULL)
    return;

  g_free (self->points);
  _pm_raster_clear (&self->raster);
  g_clear_pointer (&self->layer, cairo_surface_destroy);
  g_array_unref (self->legend);
  g_free (self);
}

/**
 * pm_chart_renderer_set_theme:
 * @theme: (transfer none): a theme that outlives the renderer, such as
 *   pm_chart_theme_get_dark()
 */
void
pm_chart_renderer_set_theme (PmChartRenderer    *self,
                             const PmChartTheme *theme)
{
  g_return_if_fail (self != NULL);

  self->theme = theme != NULL ? theme : pm_chart_theme_get_light ();
}

/**
 * pm_chart_renderer_set_scale:
 * @scale: device pixels per unit, e.g. gtk_widget_get_scale_factor()
 *
 * GTK's recording surfaces do not tell the scale they will be shown at;
 * with this the series (drawn as an image there) stay sharp on HiDPI
 * screens. Image, SVG and PDF targets need no hint.
 */
void
pm_chart_renderer_set_scale (PmChartRenderer *self,
                             double           scale)
{
  g_return_if_fail (self != NULL);

  self->scale = CLAMP (scale, 1, 4);
}

const PmChartTheme *
pm_chart_renderer_get_theme (PmChartRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->theme;
}

static GArray *
y_ticks (const PmChartModel *model,
         const PmChartRange *range,
         double              plot_height)
{
  guint target = (guint) MAX (2, plot_height / 48);

  if (model->log_y)
    return pm_ticks_log (range->y0, range->y1, target, model->kind);

  return pm_ticks_linear (range->y0, range->y1, target, model->kind);
}

static double
widest_label (cairo_t *cr,
              GArray  *ticks)
{
  double w = 0;

  for (guint i = 0; i < ticks->len; i++)
    w = MAX (w, _pm_draw_text_width (cr, g_array_index (ticks, PmTick, i).label));

  return w;
}

/* Flows the legend entries into rows from (@x, @y) across @width; with
 * @cr == NULL only measures. Returns the height used. */
static double
legend_flow (PmChartRenderer    *self,
             cairo_t            *cr,
             const PmChartModel *model,
             double              x,
             double              y,
             double              width,
             double              max_height,
             gboolean            draw)
{
  double cx = x, cy = y;
  guint max_rows = (guint) MAX (1, floor (max_height / PM_CHART_LEGEND_ROW));
  guint row = 0;

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
  g_array_set_size (self->legend, 0);
  g_array_set_size (self->legend, model->n_series);

  for (guint i = 0; i < model->n_series; i++)
    {
      const PmChartSeries *s = &model->series[i];
      const char *label = s->label != NULL ? s->label : "";
      double w = PM_CHART_LEGEND_SWATCH + 6 + _pm_draw_text_width (cr, label);

      if (s->no_legend)
        continue;

      if (cx > x && cx + w > x + width)
        {
          cx = x;
          cy += PM_CHART_LEGEND_ROW;
          row++;
        }
      if (row >= max_rows)
        {
          /* No room left: say how many are not listed rather than hiding
           * them silently. */
          if (draw)
            {
              g_autofree char *more = g_strdup_printf ("+%u more", model->n_series - i);

              _pm_draw_set_color (cr, &self->theme->text_dim);
              _pm_draw_text (cr, x + width, cy - PM_CHART_LEGEND_ROW + PM_CHART_LEGEND_ROW / 2, more, 1, 0.5);
            }
          break;
        }

      g_array_index (self->legend, PmRect, i) = (PmRect) { cx, cy, w, PM_CHART_LEGEND_ROW };

      if (draw)
        {
          double sy = cy + PM_CHART_LEGEND_ROW / 2;
          double alpha = s->visible ? 1.0 : 0.3;
          PmSeriesStyle style = s->style;

          style.width = CLAMP (style.width, 1.5, 4.0);
          cairo_save (cr);
          _pm_draw_set_line_style (cr, &style);
          cairo_move_to (cr, cx + 1, sy);
          cairo_line_to (cr, cx + PM_CHART_LEGEND_SWATCH - 1, sy);
          _pm_draw_set_color_a (cr, &style.color, alpha);
          cairo_stroke (cr);
          if (style.marker != PM_MARKER_NONE)
            {
              _pm_draw_marker_path (cr, style.marker, cx + PM_CHART_LEGEND_SWATCH / 2, sy, 3.5);
              _pm_draw_set_color_a (cr, &style.color, alpha);
              cairo_set_dash (cr, NULL, 0, 0);
              cairo_set_line_width (cr, 1.5);
              if (style.marker == PM_MARKER_CROSS)
                cairo_stroke (cr);
              else
                cairo_fill (cr);
            }
          cairo_restore (cr);

          _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
          _pm_draw_set_color (cr, s->visible ? &self->theme->text : &self->theme->text_dim);
          _pm_draw_text (cr, cx + PM_CHART_LEGEND_SWATCH + 6, sy, label, 0, 0.5);
        }

      cx += w + 16;
    }

  return (row + 1) * PM_CHART_LEGEND_ROW;
}

static void
draw_y_axis (PmChartRenderer    *self,
             cairo_t            *cr,
             const PmChartModel *model,
             GArray             *ticks)
{
  const PmRect *p = &self->plot;

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PmTick *tick = &g_array_index (ticks, PmTick, i);
      double y = _pm_draw_snap (pm_axis_map_to_pixel (&self->ymap, tick->value));

      if (y < p->y - 0.5 || y > p->y + p->height + 0.5)
        continue;

      _pm_draw_set_color_a (cr, &self->theme->grid, tick->major ? 1.0 : 0.55);
      cairo_move_to (cr, p->x, y);
      cairo_line_to (cr, p->x + p->width, y);
      cairo_stroke (cr);

      if (!tick->major)
        continue;

      _pm_draw_set_color (cr, &self->theme->axis);
      cairo_move_to (cr, p->x - PM_CHART_TICK_LEN, y);
      cairo_line_to (cr, p->x, y);
      cairo_stroke (cr);

      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, p->x - PM_CHART_TICK_LEN - 4, y, tick->label, 1, 0.5);
    }
}

static void
draw_x_axis (PmChartRenderer *self,
             cairo_t         *cr,
             GArray          *ticks,
             double           surface_width)
{
  const PmRect *p = &self->plot;
  double line_h = _pm_draw_line_height (cr);
  double label_y = p->y + p->height + PM_CHART_TICK_LEN + 3;

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PmTick *tick = &g_array_index (ticks, PmTick, i);
      double x = _pm_draw_snap (pm_axis_map_to_pixel (&self->xmap, tick->value));
      double w;

      if (x < p->x - 0.5 || x > p->x + p->width + 0.5)
        continue;

      _pm_draw_set_color (cr, &self->theme->grid);
      cairo_move_to (cr, x, p->y);
      cairo_line_to (cr, x, p->y + p->height);
      cairo_stroke (cr);

      _pm_draw_set_color (cr, &self->theme->axis);
      cairo_move_to (cr, x, p->y + p->height);
      cairo_line_to (cr, x, p->y + p->height + PM_CHART_TICK_LEN);
      cairo_stroke (cr);

      /* Keep labels inside the surface at both ends. */
      w = _pm_draw_text_width (cr, tick->label);
      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, CLAMP (x, w / 2 + 2, surface_width - w / 2 - 2), label_y,
                     tick->label, 0.5, 0);
      if (tick->context != NULL)
        {
          w = _pm_draw_text_width (cr, tick->context);
          _pm_draw_set_color (cr, &self->theme->text_dim);
          _pm_draw_text (cr, CLAMP (x, w / 2 + 2, surface_width - w / 2 - 2), label_y + line_h + 1,
                         tick->context, 0.5, 0);
        }
    }
}

/* Spans without samples (gaps): a light band through the plot and a word
 * at its top, under the data. */
static void
draw_gaps (PmChartRenderer    *self,
           cairo_t            *cr,
           const PmChartModel *model)
{
  const PmRgba *c = &self->theme->text_dim;
  const PmRect *p = &self->plot;

  cairo_save (cr);
  for (guint i = 0; model->gaps != NULL && i < model->n_gaps; i++)
    {
      double t0 = MAX ((double) model->gaps[2 * i], self->range.t0);
      double t1 = MIN ((double) model->gaps[2 * i + 1], self->range.t1);
      double x0, x1;

      if (t1 <= t0)
        continue;
      x0 = _pm_draw_snap (pm_axis_map_to_pixel (&self->xmap, t0));
      x1 = _pm_draw_snap (pm_axis_map_to_pixel (&self->xmap, t1));
      cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * 0.12);
      cairo_rectangle (cr, x0, p->y, x1 - x0, p->height);
      cairo_fill (cr);
      if (model->gap_label != NULL)
        {
          _pm_draw_set_color (cr, c);
          _pm_draw_text (cr, x0 + 3, p->y + 2, model->gap_label, 0, 0);
        }
    }
  cairo_restore (cr);
}

/* Events across all series (reboots): a dashed line through the plot and a
 * word at its top, under the data so no line is hidden; gaps likewise. */
static void
draw_markers (PmChartRenderer    *self,
              cairo_t            *cr,
              const PmChartModel *model)
{
  static const double dash[] = { 4, 3 };
  const PmRect *p = &self->plot;

  draw_gaps (self, cr, model);
  if (model->markers == NULL || model->n_markers == 0)
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  for (guint i = 0; i < model->n_markers; i++)
    {
      double t = (double) model->markers[i];
      double x;

      if (t < self->range.t0 || t > self->range.t1)
        continue;
      x = _pm_draw_snap (pm_axis_map_to_pixel (&self->xmap, t));
      _pm_draw_set_color (cr, &self->theme->text_dim);
      cairo_move_to (cr, x, p->y);
      cairo_line_to (cr, x, p->y + p->height);
      cairo_stroke (cr);
      if (model->marker_label != NULL)
        _pm_draw_text (cr, x + 3, p->y + 2, model->marker_label, 0, 0);
    }
  cairo_restore (cr);
}

/* Time ticks whose labels do not run into each other. */
static GArray *
x_ticks (cairo_t *cr,
         double   t0,
         double   t1,
         double   width)
{
  guint target = (guint) MAX (2, width / 90);

  for (;;)
    {
      GArray *ticks = pm_ticks_time (t0, t1, target);
      double spacing = ticks->len > 1 ? width * (g_array_index (ticks, PmTick, 1).value -
                                                 g_array_index (ticks, PmTick, 0).value) / (t1 - t0)
                                      : width;
      double need = 0;

      for (guint i = 0; i < ticks->len; i++)
        {
          const PmTick *tick = &g_array_index (ticks, PmTick, i);

          need = MAX (need, _pm_draw_text_width (cr, tick->label));
          if (tick->context != NULL)
            need = MAX (need, _pm_draw_text_width (cr, tick->context));
        }

      if (spacing >= need + 12 || target <= 2)
        return ticks;

      g_array_unref (ticks);
      target = MAX (2, target * 2 / 3);
    }
}

static void
draw_plot (PmChartRenderer    *self,
           cairo_t            *cr,
           const PmChartModel *model)
{
  PmSeriesTarget target;

  _pm_chart_renderer_begin_series (self, cr, &target);
  for (guint i = 0; i < model->n_series; i++)
    if (model->series[i].visible)
      {
        _pm_chart_renderer_use_axis (self, &model->series[i]);
        _pm_chart_renderer_draw_series (self, cr, model, &model->series[i], &target, 0);
      }
  _pm_chart_renderer_use_axis (self, NULL);
  _pm_chart_renderer_end_series (self, cr, &target);

  for (guint i = 0; i < model->n_series; i++)
    if (model->series[i].visible)
      {
        _pm_chart_renderer_use_axis (self, &model->series[i]);
        _pm_chart_renderer_draw_markers (self, cr, model, &model->series[i], 0);
      }
  _pm_chart_renderer_use_axis (self, NULL);

  _pm_chart_renderer_draw_trends (self, cr, model);
}

/**
 * pm_chart_renderer_draw:
 * @self: a renderer
 * @cr: where to draw, with (0, 0) at the chart's top left
 * @width: the chart's width in pixels
 * @height: the chart's height
 * @model: what to draw
 * @range: the visible times and values (see pm_chart_model_autoscale())
 *
 * Draws the whole chart except hover and selection, and remembers its
 * geometry for pm_chart_renderer_draw_overlay() and the hit tests.
 */
void
pm_chart_renderer_draw (PmChartRenderer    *self,
                        cairo_t            *cr,
                        int                 width,
                        int                 height,
                        const PmChartModel *model,
                        const PmChartRange *range)
{
  g_autoptr(GArray) yt = NULL;
  g_autoptr(GArray) xt = NULL;
  g_autoptr(GArray) rt = NULL;
  double top, left = PM_DRAW_PAD, bottom, right = PM_DRAW_PAD + 8;
  double line_h, legend_h = 0, label_w;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (range != NULL);

  self->range = *range;
  if (!(self->range.t1 > self->range.t0))
    self->range.t1 = self->range.t0 + 1;

  cairo_save (cr);
  top = _pm_draw_background_and_title (cr, self->theme, model->title, 8);

  if (model->show_legend && model->n_series > 0)
    legend_h = legend_flow (self, cr, model, PM_DRAW_PAD, top, width - 2 * PM_DRAW_PAD,
                            height * 0.3, TRUE) + 6;
  else
    g_array_set_size (self->legend, 0);
  top += legend_h + 6;

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  line_h = _pm_draw_line_height (cr);
  bottom = PM_DRAW_PAD + PM_CHART_TICK_LEN + 4 + 2 * line_h + 2;

  /* The y labels' width depends on the ticks, which depend on the plot's
   * height: known once the legend is placed. */
  yt = y_ticks (model, &self->range, MAX (height - top - bottom, 20));
  label_w = widest_label (cr, yt);
  if (model->y_label != NULL && *model->y_label != '\0')
    left += line_h + 8;
  left += label_w + PM_CHART_TICK_LEN + 6;
  right += _pm_chart_right_axis_prepare (self, cr, model, MAX (height - top - bottom, 20), &rt);
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);

  self->plot.x = floor (left);
  self->plot.y = floor (top);
  self->plot.width = MAX (10, floor (width - right - left));
  self->plot.height = MAX (10, floor (height - bottom - top));
  pm_axis_map_init (&self->xmap, self->range.t0, self->range.t1,
                    self->plot.x, self->plot.x + self->plot.width, FALSE);
  pm_axis_map_init (&self->ymap, self->range.y0, self->range.y1,
                    self->plot.y + self->plot.height, self->plot.y, model->log_y);
  self->have_frame = TRUE;

  _pm_draw_set_color (cr, &self->theme->plot_background);
  cairo_rectangle (cr, self->plot.x, self->plot.y, self->plot.width, self->plot.height);
  cairo_fill (cr);

  if (model->x_elapsed)
    xt = _pm_chart_elapsed_x_ticks (cr, model->x_origin, self->range.t0, self->range.t1,
                                    self->plot.width);
  else
    xt = x_ticks (cr, self->range.t0, self->range.t1, self->plot.width);
  draw_y_axis (self, cr, model, yt);
  draw_x_axis (self, cr, xt, width);
  _pm_chart_right_axis_draw (self, cr, model, rt, width);

  if (model->y_label != NULL && *model->y_label != '\0')
    {
      _pm_draw_set_color (cr, &self->theme->text_dim);
      _pm_draw_text_rotated (cr, PM_DRAW_PAD + line_h / 2,
                             self->plot.y + self->plot.height / 2, model->y_label);
    }

  /* Axis lines over the grid, under the data. */
  _pm_draw_set_color (cr, &self->theme->axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, self->plot.x - 0.5, self->plot.y);
  cairo_line_to (cr, self->plot.x - 0.5, self->plot.y + self->plot.height + 0.5);
  cairo_line_to (cr, self->plot.x + self->plot.width, self->plot.y + self->plot.height + 0.5);
  cairo_stroke (cr);

  draw_markers (self, cr, model);
  draw_plot (self, cr, model);

  cairo_restore (cr);
}
