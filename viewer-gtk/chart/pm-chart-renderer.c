/* pm-chart-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-chart-renderer.h"

#include <math.h>
#include <string.h>

#include "pm-chart-renderer-private.h"
#include "pm-decimate.h"
#include "pm-draw-private.h"

void
pm_chart_overlay_init (PmChartOverlay *overlay)
{
  overlay->hover_x = NAN;
  overlay->show_tooltip = TRUE;
  overlay->band_x0 = NAN;
  overlay->band_x1 = NAN;
  overlay->band_y0 = NAN;
  overlay->band_y1 = NAN;
  overlay->highlight = -1;
}

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

static PmPoint *
scratch_points (PmChartRenderer *self,
                gsize            needed)
{
  if (needed > self->points_len)
    {
      self->points_len = MAX (needed, self->points_len * 2);
      self->points = g_renew (PmPoint, self->points, self->points_len);
    }

  return self->points;
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
  guint max_rows = (guint) MAX (1, floor (max_height / LEGEND_ROW));
  guint row = 0;

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
  g_array_set_size (self->legend, 0);
  g_array_set_size (self->legend, model->n_series);

  for (guint i = 0; i < model->n_series; i++)
    {
      const PmChartSeries *s = &model->series[i];
      const char *label = s->label != NULL ? s->label : "";
      double w = LEGEND_SWATCH + 6 + _pm_draw_text_width (cr, label);

      if (cx > x && cx + w > x + width)
        {
          cx = x;
          cy += LEGEND_ROW;
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
              _pm_draw_text (cr, x + width, cy - LEGEND_ROW + LEGEND_ROW / 2, more, 1, 0.5);
            }
          break;
        }

      g_array_index (self->legend, PmRect, i) = (PmRect) { cx, cy, w, LEGEND_ROW };

      if (draw)
        {
          double sy = cy + LEGEND_ROW / 2;
          double alpha = s->visible ? 1.0 : 0.3;
          PmSeriesStyle style = s->style;

          style.width = CLAMP (style.width, 1.5, 4.0);
          cairo_save (cr);
          _pm_draw_set_line_style (cr, &style);
          cairo_move_to (cr, cx + 1, sy);
          cairo_line_to (cr, cx + LEGEND_SWATCH - 1, sy);
          _pm_draw_set_color_a (cr, &style.color, alpha);
          cairo_stroke (cr);
          if (style.marker != PM_MARKER_NONE)
            {
              _pm_draw_marker_path (cr, style.marker, cx + LEGEND_SWATCH / 2, sy, 3.5);
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
          _pm_draw_text (cr, cx + LEGEND_SWATCH + 6, sy, label, 0, 0.5);
        }

      cx += w + 16;
    }

  return (row + 1) * LEGEND_ROW;
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
      cairo_move_to (cr, p->x - TICK_LEN, y);
      cairo_line_to (cr, p->x, y);
      cairo_stroke (cr);

      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, p->x - TICK_LEN - 4, y, tick->label, 1, 0.5);
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
  double label_y = p->y + p->height + TICK_LEN + 3;

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
      cairo_line_to (cr, x, p->y + p->height + TICK_LEN);
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

static gboolean
point_is_gap (const PmChartModel *model,
              double              v)
{
  return isnan (v) || (model->log_y && !(v > 0));
}

static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The target's pixels, if the raster can write them in place: an image
 * surface drawn on with a whole-pixel translation only. */
static guint8 *
direct_pixels (cairo_t *cr,
               double  *ox,
               double  *oy,
               int     *stride)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sx, sy, dx, dy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return NULL;
  if (cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 &&
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_RGB24)
    return NULL;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &dx, &dy);
  if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 || sx != 1 || sy != 1 ||
      m.x0 + dx != floor (m.x0 + dx) || m.y0 + dy != floor (m.y0 + dy))
    return NULL;

  *ox = m.x0 + dx;
  *oy = m.y0 + dy;
  *stride = cairo_image_surface_get_stride (target);

  return cairo_image_surface_get_data (target);
}

/**
 * _pm_chart_renderer_begin_series:
 *
 * Prepares where series go: Cairo strokes on vector surfaces (export to
 * SVG and PDF keeps real lines); the fast raster anywhere else, straight
 * into an image surface's pixels when possible, else into a layer that is
 * painted over the frame at the end.
 */
void
_pm_chart_renderer_begin_series (PmChartRenderer *self,
                                 cairo_t         *cr,
                                 PmSeriesTarget  *target)
{
  /* Lines may reach a little past the plot so a peak at the top is not
   * cut in half. */
  double x0 = self->plot.x - 1, y0 = self->plot.y - 4;
  double x1 = self->plot.x + self->plot.width + 1, y1 = self->plot.y + self->plot.height + 1;
  double cx0, cy0, cx1, cy1, ox, oy, scale, sx, sy;
  int stride, w, h;
  guint8 *pixels;

  target->vector = target_is_vector (cr);
  target->ox = x0;
  target->oy = y0;
  target->scale = 1;

  if (target->vector)
    {
      cairo_save (cr);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_clip (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      return;
    }

  /* Respect a clip the caller set (GTK clips to the widget). */
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  x0 = MAX (x0, floor (cx0));
  y0 = MAX (y0, floor (cy0));
  x1 = MIN (x1, ceil (cx1));
  y1 = MIN (y1, ceil (cy1));
  target->ox = x0;
  target->oy = y0;

  pixels = direct_pixels (cr, &ox, &oy, &stride);
  if (pixels != NULL)
    {
      cairo_surface_t *surface = cairo_get_target (cr);
      int sw = cairo_image_surface_get_width (surface);
      int sh = cairo_image_surface_get_height (surface);
      int px0 = (int) CLAMP (x0 + ox, 0, sw), py0 = (int) CLAMP (y0 + oy, 0, sh);
      int px1 = (int) CLAMP (x1 + ox, 0, sw), py1 = (int) CLAMP (y1 + oy, 0, sh);

      cairo_surface_flush (surface);
      target->ox = px0 - ox;
      target->oy = py0 - oy;
      _pm_raster_init (&self->raster, pixels + (gsize) py0 * stride + (gsize) px0 * 4,
                       px1 - px0, py1 - py0, stride);
      return;
    }

  /* HiDPI: the layer has as many pixels as the device it lands on. */
  sx = 1;
  sy = 0;
  cairo_user_to_device_distance (cr, &sx, &sy);
  scale = hypot (sx, sy);
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  scale = CLAMP (MAX (scale * sx, self->scale), 1, 4);
  target->scale = scale;

  w = (int) ceil ((x1 - x0) * scale);
  h = (int) ceil ((y1 - y0) * scale);
  if (w <= 0 || h <= 0)
    {
      _pm_raster_init (&self->raster, NULL, 0, 0, 0);
      return;
    }
  if (self->layer == NULL ||
      cairo_image_surface_get_width (self->layer) != w ||
      cairo_image_surface_get_height (self->layer) != h)
    {
      g_clear_pointer (&self->layer, cairo_surface_destroy);
      self->layer = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
    }
  cairo_surface_flush (self->layer);
  stride = cairo_image_surface_get_stride (self->layer);
  memset (cairo_image_surface_get_data (self->layer), 0, (gsize) stride * h);
  _pm_raster_init (&self->raster, cairo_image_surface_get_data (self->layer), w, h, stride);
}

void
_pm_chart_renderer_end_series (PmChartRenderer *self,
                               cairo_t         *cr,
                               PmSeriesTarget  *target)
{
  if (target->vector)
    {
      cairo_restore (cr);
      return;
    }

  if (self->raster.data == NULL || self->raster.width <= 0 || self->raster.height <= 0)
    return;

  if (self->layer != NULL && self->raster.data == cairo_image_surface_get_data (self->layer))
    {
      cairo_surface_mark_dirty (self->layer);
      cairo_save (cr);
      cairo_translate (cr, target->ox, target->oy);
      cairo_scale (cr, 1 / target->scale, 1 / target->scale);
      cairo_set_source_surface (cr, self->layer, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  else
    cairo_surface_mark_dirty (cairo_get_target (cr));
}

/* Strokes the decimated points with Cairo, for vector output. */
static void
stroke_points (cairo_t             *cr,
               const PmChartModel  *model,
               const PmAxisMap     *ymap,
               const PmPoint       *pts,
               gsize                n,
               const PmSeriesStyle *style)
{
  gboolean pen_up = TRUE;

  cairo_new_path (cr);
  for (gsize i = 0; i < n; i++)
    {
      if (point_is_gap (model, pts[i].y))
        {
          pen_up = TRUE;
          continue;
        }

      if (pen_up)
        cairo_move_to (cr, pts[i].x, pts[i].y);
      else
        cairo_line_to (cr, pts[i].x, pts[i].y);
      pen_up = FALSE;
    }

  _pm_draw_set_line_style (cr, style);
  _pm_draw_set_color (cr, &style->color);
  cairo_stroke (cr);
}

static void
draw_markers (PmChartRenderer     *self,
              cairo_t             *cr,
              const PmChartModel  *model,
              const PmChartSeries *s,
              const PmSeriesStyle *style)
{
  gsize in0 = pm_decimate_lower_bound (s->times, s->n_points, self->range.t0);
  gsize n_in = 0;

  /* Few samples in view: show each one. */
  for (gsize i = in0; i < s->n_points && (double) s->times[i] <= self->range.t1; i++)
    if (++n_in >= MARKER_LIMIT)
      return;

  cairo_save (cr);
  cairo_rectangle (cr, self->plot.x - 1, self->plot.y - 4, self->plot.width + 2,
                   self->plot.height + 5);
  cairo_clip (cr);
  for (gsize i = in0; i < in0 + n_in; i++)
    {
      if (point_is_gap (model, s->values[i]))
        continue;
      _pm_draw_marker (cr, style,
                       pm_axis_map_to_pixel (&self->xmap, (double) s->times[i]),
                       pm_axis_map_to_pixel (&self->ymap, s->values[i]),
                       &self->theme->plot_background);
    }
  cairo_restore (cr);
}

/**
 * _pm_chart_renderer_draw_series:
 * @target: from _pm_chart_renderer_begin_series()
 * @extra_width: added to the line width (a highlighted series)
 *
 * Decimates the visible part of @s to the plot's width and draws it as
 * one line (and its markers when few samples are in view).
 */
void
_pm_chart_renderer_draw_series (PmChartRenderer      *self,
                                cairo_t              *cr,
                                const PmChartModel   *model,
                                const PmChartSeries  *s,
                                const PmSeriesTarget *target,
                                double                extra_width)
{
  PmSeriesStyle style = s->style;
  gsize first, end, n;
  PmPoint *pts;

  if (s->n_points == 0 || s->times == NULL || s->values == NULL)
    return;

  pm_decimate_visible (s->times, s->n_points, self->range.t0, self->range.t1, &first, &end);
  if (end <= first)
    return;

  style.width = CLAMP (style.width + extra_width, PM_SERIES_STYLE_MIN_WIDTH,
                       PM_SERIES_STYLE_MAX_WIDTH + 2);

  if (!target->vector)
    {
      /* The maps, moved and scaled into the raster's pixels. */
      PmAxisMap xmap = self->xmap, ymap = self->ymap;

      xmap.a = (xmap.a - target->ox) * target->scale;
      xmap.b *= target->scale;
      ymap.a = (ymap.a - target->oy) * target->scale;
      ymap.b *= target->scale;
      ymap.log = model->log_y;
      _pm_raster_series (&self->raster, s->times, s->values, first, end, &xmap, &ymap,
                         style.width * target->scale, style.line_style, &style.color);
    }
  else
    {
      pts = scratch_points (self, pm_decimate_max_points (first, end, self->plot.width));
      n = pm_decimate_minmax (s->times, s->values, first, end, &self->xmap, pts,
                              self->points_len);
      for (gsize i = 0; i < n; i++)
        {
          double v = pts[i].y;

          pts[i].x = CLAMP (pts[i].x, -COORD_LIMIT, COORD_LIMIT);
          pts[i].y = point_is_gap (model, v) ? NAN :
            CLAMP (pm_axis_map_to_pixel (&self->ymap, v), -COORD_LIMIT, COORD_LIMIT);
        }
      stroke_points (cr, model, &self->ymap, pts, n, &style);
    }

  draw_markers (self, cr, model, s, &style);
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
      _pm_chart_renderer_draw_series (self, cr, model, &model->series[i], &target, 0);
  _pm_chart_renderer_end_series (self, cr, &target);
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
  double top = PM_DRAW_PAD, left = PM_DRAW_PAD, bottom, right = PM_DRAW_PAD + 8;
  double line_h, legend_h = 0, label_w;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (range != NULL);

  self->range = *range;
  if (!(self->range.t1 > self->range.t0))
    self->range.t1 = self->range.t0 + 1;

  cairo_save (cr);
  _pm_draw_set_color (cr, &self->theme->background);
  cairo_paint (cr);

  if (model->title != NULL && *model->title != '\0')
    {
      _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_TITLE, TRUE);
      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, PM_DRAW_PAD, top, model->title, 0, 0);
      top += _pm_draw_line_height (cr) + 8;
    }

  if (model->show_legend && model->n_series > 0)
    legend_h = legend_flow (self, cr, model, PM_DRAW_PAD, top, width - 2 * PM_DRAW_PAD,
                            height * 0.3, TRUE) + 6;
  else
    g_array_set_size (self->legend, 0);
  top += legend_h + 6;

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  line_h = _pm_draw_line_height (cr);
  bottom = PM_DRAW_PAD + TICK_LEN + 4 + 2 * line_h + 2;

  /* The y labels' width depends on the ticks, which depend on the plot's
   * height: known once the legend is placed. */
  yt = y_ticks (model, &self->range, MAX (height - top - bottom, 20));
  label_w = widest_label (cr, yt);
  if (model->y_label != NULL && *model->y_label != '\0')
    left += line_h + 8;
  left += label_w + TICK_LEN + 6;

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

  xt = x_ticks (cr, self->range.t0, self->range.t1, self->plot.width);
  draw_y_axis (self, cr, model, yt);
  draw_x_axis (self, cr, xt, width);

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

  draw_plot (self, cr, model);

  cairo_restore (cr);
}
