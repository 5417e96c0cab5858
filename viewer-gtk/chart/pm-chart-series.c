/* pm-chart-series.c: drawing the series of a time chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Vector targets (SVG, PDF) get Cairo strokes of the decimated line; all
 * others the column rasteriser of pm-raster.c, which is what makes a
 * month of minutes for 25 tags a few milliseconds (see bench/).
 */
#include "pm-chart-renderer-private.h"

#include <math.h>
#include <string.h>

#include "pm-draw-private.h"

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

/**
 * _pm_chart_renderer_draw_markers:
 * @extra_width: as given to _pm_chart_renderer_draw_series()
 *
 * The markers of @s. A marker the user chose shows at every zoom: where
 * samples are closer than %PM_CHART_MARKER_SPACING pixels, only the first
 * sample of each such stretch gets one, so they stay apart and a frame
 * costs a few binary searches per marker, whatever the data's size. A
 * series without a marker shows plain dots only while few of its samples
 * are in view. Drawn with Cairo after _pm_chart_renderer_end_series(), so
 * that they sit on top of every line wherever the lines went.
 */
void
_pm_chart_renderer_draw_markers (PmChartRenderer     *self,
                                 cairo_t             *cr,
                                 const PmChartModel  *model,
                                 const PmChartSeries *s,
                                 double               extra_width)
{
  PmSeriesStyle st = s->style;
  const PmSeriesStyle *style = &st;
  gsize in0, i;
  double last_x = -HUGE_VAL;

  if (s->n_points == 0 || s->times == NULL || s->values == NULL)
    return;

  st.width = CLAMP (st.width + extra_width, PM_SERIES_STYLE_MIN_WIDTH,
                    PM_SERIES_STYLE_MAX_WIDTH + 2);
  in0 = pm_decimate_lower_bound (s->times, s->n_points, self->range.t0);

  if (st.marker == PM_MARKER_NONE)
    {
      gsize n_in = 0;

      /* Few samples in view: show each one as a dot. */
      for (i = in0; i < s->n_points && (double) s->times[i] <= self->range.t1; i++)
        if (++n_in >= PM_CHART_MARKER_LIMIT)
          return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, self->plot.x - 1, self->plot.y - 4, self->plot.width + 2,
                   self->plot.height + 5);
  cairo_clip (cr);
  i = in0;
  while (i < s->n_points && (double) s->times[i] <= self->range.t1)
    {
      double x = pm_axis_map_to_pixel (&self->xmap, (double) s->times[i]);

      if (x - last_x < PM_CHART_MARKER_SPACING)
        {
          /* The first sample far enough from the last marker. */
          gsize next = pm_decimate_lower_bound (s->times, s->n_points,
                                                pm_axis_map_to_value (&self->xmap,
                                                                      last_x + PM_CHART_MARKER_SPACING));
          i = MAX (next, i + 1);
          continue;
        }
      if (!point_is_gap (model, s->values[i]))
        {
          _pm_draw_marker (cr, style, x, pm_axis_map_to_pixel (&self->ymap, s->values[i]),
                           &self->theme->plot_background);
          last_x = x;
        }
      i++;
    }
  cairo_restore (cr);
}

/**
 * _pm_chart_renderer_draw_series:
 * @target: from _pm_chart_renderer_begin_series()
 * @extra_width: added to the line width (a highlighted series)
 *
 * Decimates the visible part of @s to the plot's width and draws it as
 * one line; its markers come from _pm_chart_renderer_draw_markers().
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
      /* The levels pay off from a few dozen samples a pixel column (three
       * months on a wide chart); below that the samples are read as they
       * are, which is cheaper. */
      if (s->lod != NULL && pm_lod_get_values (s->lod) == s->values &&
          pm_lod_get_n_values (s->lod) >= s->n_points &&
          (double) (end - first) >= PM_CHART_LOD_MIN_PER_COLUMN * self->plot.width * target->scale)
        _pm_raster_series_lod (&self->raster, s->times, s->values, s->lod, first, end, &xmap,
                               &ymap, style.width * target->scale, style.line_style,
                               &style.color);
      else
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

          pts[i].x = CLAMP (pts[i].x, -PM_CHART_COORD_LIMIT, PM_CHART_COORD_LIMIT);
          pts[i].y = point_is_gap (model, v) ? NAN :
            CLAMP (pm_axis_map_to_pixel (&self->ymap, v), -PM_CHART_COORD_LIMIT, PM_CHART_COORD_LIMIT);
        }
      stroke_points (cr, model, &self->ymap, pts, n, &style);
    }
}
