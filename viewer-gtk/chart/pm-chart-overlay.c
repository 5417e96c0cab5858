/* pm-chart-overlay.c: hover, drag band, hit tests and model helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cheap half of PmChartRenderer: drawn on every pointer motion over
 * the cached frame, from the geometry the last frame left behind.
 */
#include "pm-chart-renderer-private.h"

#include <math.h>

#include "pm-draw-private.h"
#include "pm-elapsed-ticks.h"

#define TOOLTIP_MAX_ROWS 16

typedef struct
{
  guint  series;
  double value;
} HoverRow;

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


static int
hover_row_compare (gconstpointer a,
                   gconstpointer b)
{
  const HoverRow *ra = a, *rb = b;

  /* Highest first: the order of the lines on screen. */
  if (ra->value != rb->value)
    return ra->value < rb->value ? 1 : -1;
  return ra->series < rb->series ? -1 : ra->series > rb->series;
}

/* The sample time nearest to @t over every visible series. */
static gboolean
snap_time (const PmChartModel *model,
           double              t,
           gint64             *snapped)
{
  gboolean found = FALSE;
  double best = HUGE_VAL;

  for (guint i = 0; i < model->n_series; i++)
    {
      const PmChartSeries *s = &model->series[i];
      gsize idx;

      if (!s->visible || !pm_decimate_nearest (s->times, s->n_points, t, &idx))
        continue;
      if (fabs ((double) s->times[idx] - t) < best)
        {
          best = fabs ((double) s->times[idx] - t);
          *snapped = s->times[idx];
          found = TRUE;
        }
    }

  return found;
}

static void
draw_band (PmChartRenderer      *self,
           cairo_t              *cr,
           const PmChartOverlay *overlay)
{
  const PmRect *p = &self->plot;
  double x0 = CLAMP (MIN (overlay->band_x0, overlay->band_x1), p->x, p->x + p->width);
  double x1 = CLAMP (MAX (overlay->band_x0, overlay->band_x1), p->x, p->x + p->width);
  double y0 = p->y, y1 = p->y + p->height;

  if (!isnan (overlay->band_y0) && !isnan (overlay->band_y1))
    {
      y0 = CLAMP (MIN (overlay->band_y0, overlay->band_y1), p->y, p->y + p->height);
      y1 = CLAMP (MAX (overlay->band_y0, overlay->band_y1), p->y, p->y + p->height);
    }

  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  _pm_draw_set_color (cr, &self->theme->band);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  _pm_draw_set_color_a (cr, &self->theme->band, 1.0 / MAX (self->theme->band.alpha, 0.01));
  cairo_stroke (cr);
}

static void
draw_tooltip (PmChartRenderer    *self,
              cairo_t            *cr,
              const PmChartModel *model,
              double              x,
              gint64              t,
              GArray             *rows)
{
  const PmRect *p = &self->plot;
  g_autofree char *header = model->x_elapsed ? pm_format_elapsed ((double) t - model->x_origin)
                                              : pm_format_time ((double) t, self->range.t1 - self->range.t0);
  guint shown = MIN (rows->len, TOOLTIP_MAX_ROWS);
  double line = 17, pad = 8, w, h, bx, by, label_w = 0, value_w = 0;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  for (guint i = 0; i < shown; i++)
    {
      const HoverRow *row = &g_array_index (rows, HoverRow, i);
      const PmChartSeries *s = &model->series[row->series];
      const char *name = s->label != NULL ? s->label : "";
      char *label = s->note != NULL ? g_strdup_printf ("%s · %s", name, s->note) : g_strdup (name);
      char *value = pm_format_value (row->value, model->kind);

      g_ptr_array_add (labels, label);
      label_w = MAX (label_w, _pm_draw_text_width (cr, label));
      value_w = MAX (value_w, _pm_draw_text_width (cr, value));
      g_ptr_array_add (values, value);
    }

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, TRUE);
  w = MAX (_pm_draw_text_width (cr, header), 14 + label_w + 16 + value_w) + 2 * pad;
  h = pad * 2 + line * (1 + shown + (rows->len > shown ? 1 : 0));

  /* Right of the crosshair, or left of it when there is no room. */
  bx = x + 12;
  if (bx + w > p->x + p->width)
    bx = x - 12 - w;
  bx = MAX (bx, 2);
  by = p->y + 8;

  _pm_draw_rounded_rect (cr, bx, by, w, h, 6);
  _pm_draw_set_color_a (cr, &self->theme->background, 0.94);
  cairo_fill_preserve (cr);
  _pm_draw_set_color (cr, &self->theme->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  _pm_draw_set_color (cr, &self->theme->text);
  _pm_draw_text (cr, bx + pad, by + pad + line / 2, header, 0, 0.5);

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  for (guint i = 0; i < shown; i++)
    {
      const HoverRow *row = &g_array_index (rows, HoverRow, i);
      const PmChartSeries *s = &model->series[row->series];
      double cy = by + pad + line * (i + 1.5);

      cairo_rectangle (cr, bx + pad, cy - 4, 9, 9);
      _pm_draw_set_color (cr, &s->style.color);
      cairo_fill (cr);
      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, bx + pad + 14, cy, g_ptr_array_index (labels, i), 0, 0.5);
      _pm_draw_text (cr, bx + w - pad, cy, g_ptr_array_index (values, i), 1, 0.5);
    }

  if (rows->len > shown)
    {
      g_autofree char *more = g_strdup_printf ("+%u more", rows->len - shown);

      _pm_draw_set_color (cr, &self->theme->text_dim);
      _pm_draw_text (cr, bx + pad, by + pad + line * (shown + 1.5), more, 0, 0.5);
    }
}

static void
draw_hover (PmChartRenderer      *self,
            cairo_t              *cr,
            const PmChartModel   *model,
            const PmChartOverlay *overlay)
{
  const PmRect *p = &self->plot;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (HoverRow));
  gint64 t = 0;
  double x;

  if (!snap_time (model, pm_axis_map_to_value (&self->xmap, overlay->hover_x), &t))
    return;

  x = pm_axis_map_to_pixel (&self->xmap, (double) t);
  if (x < p->x - 0.5 || x > p->x + p->width + 0.5)
    return;

  cairo_set_line_width (cr, 1);
  _pm_draw_set_color (cr, &self->theme->crosshair);
  cairo_move_to (cr, _pm_draw_snap (x), p->y);
  cairo_line_to (cr, _pm_draw_snap (x), p->y + p->height);
  cairo_stroke (cr);

  for (guint i = 0; i < model->n_series; i++)
    {
      const PmChartSeries *s = &model->series[i];
      HoverRow row = { i, NAN };
      gint64 st;
      double y;

      /* A series without a sample at this very time shows nothing rather
       * than a neighbour's value. */
      if (!s->visible || !pm_chart_series_value_at (s, (double) t, &st, &row.value) || st != t ||
          isnan (row.value))
        continue;
      g_array_append_val (rows, row);

      _pm_chart_renderer_use_axis (self, s);
      y = pm_axis_map_to_pixel (&self->ymap, row.value);
      _pm_chart_renderer_use_axis (self, NULL);
      if ((model->log_y && !(row.value > 0)) || y < p->y - 1 || y > p->y + p->height + 1)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
      _pm_draw_set_color (cr, &s->style.color);
      cairo_fill_preserve (cr);
      _pm_draw_set_color (cr, &self->theme->plot_background);
      cairo_stroke (cr);
    }

  g_array_sort (rows, hover_row_compare);
  if (overlay->show_tooltip && rows->len > 0)
    draw_tooltip (self, cr, model, x, t, rows);
}

/**
 * pm_chart_renderer_draw_overlay:
 * @self: a renderer that has drawn a frame of @model
 * @cr: where that frame went
 * @model: the model of that frame
 * @overlay: what to draw
 *
 * Draws the drag band, the highlighted series and the hover crosshair
 * with its tooltip on top of the last frame, without redrawing it.
 */
void
pm_chart_renderer_draw_overlay (PmChartRenderer      *self,
                                cairo_t              *cr,
                                const PmChartModel   *model,
                                const PmChartOverlay *overlay)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (overlay != NULL);

  if (!self->have_frame)
    return;

  cairo_save (cr);

  if (overlay->highlight >= 0 && (guint) overlay->highlight < model->n_series &&
      model->series[overlay->highlight].visible)
    {
      PmSeriesTarget target;

      _pm_chart_renderer_use_axis (self, &model->series[overlay->highlight]);
      _pm_chart_renderer_begin_series (self, cr, &target);
      _pm_chart_renderer_draw_series (self, cr, model, &model->series[overlay->highlight],
                                      &target, 1.5);
      _pm_chart_renderer_end_series (self, cr, &target);
      _pm_chart_renderer_draw_markers (self, cr, model, &model->series[overlay->highlight], 1.5);
      _pm_chart_renderer_use_axis (self, NULL);
    }

  if (!isnan (overlay->band_x0) && !isnan (overlay->band_x1))
    draw_band (self, cr, overlay);

  if (!isnan (overlay->hover_x))
    draw_hover (self, cr, model, overlay);

  cairo_restore (cr);
}

/**
 * pm_chart_renderer_get_plot_area:
 * @area: (out): the plot area of the last frame
 *
 * Returns: %FALSE before the first frame
 */
gboolean
pm_chart_renderer_get_plot_area (PmChartRenderer *self,
                                 PmRect          *area)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->have_frame)
    return FALSE;
  if (area != NULL)
    *area = self->plot;

  return TRUE;
}

double
pm_chart_renderer_x_to_time (PmChartRenderer *self,
                             double           x)
{
  g_return_val_if_fail (self != NULL && self->have_frame, NAN);

  return pm_axis_map_to_value (&self->xmap, x);
}

double
pm_chart_renderer_time_to_x (PmChartRenderer *self,
                             double           t)
{
  g_return_val_if_fail (self != NULL && self->have_frame, NAN);

  return pm_axis_map_to_pixel (&self->xmap, t);
}

double
pm_chart_renderer_y_to_value (PmChartRenderer *self,
                              double           y)
{
  g_return_val_if_fail (self != NULL && self->have_frame, NAN);

  return pm_axis_map_to_value (&self->ymap, y);
}

double
pm_chart_renderer_value_to_y (PmChartRenderer *self,
                              double           value)
{
  g_return_val_if_fail (self != NULL && self->have_frame, NAN);

  return pm_axis_map_to_pixel (&self->ymap, value);
}

gboolean
pm_chart_renderer_in_plot (PmChartRenderer *self,
                           double           x,
                           double           y)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->have_frame &&
         x >= self->plot.x && x <= self->plot.x + self->plot.width &&
         y >= self->plot.y && y <= self->plot.y + self->plot.height;
}

/**
 * pm_chart_renderer_legend_hit:
 * @x: x in the chart's coordinates
 * @y: y in the chart's coordinates
 *
 * Returns: the index of the series whose legend entry (swatch or label)
 *   is at (@x, @y), or -1
 */
int
pm_chart_renderer_legend_hit (PmChartRenderer *self,
                              double           x,
                              double           y)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->legend->len; i++)
    {
      const PmRect *r = &g_array_index (self->legend, PmRect, i);

      if (r->width > 0 && x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return (int) i;
    }

  return -1;
}

/**
 * pm_chart_renderer_get_legend_swatch:
 * @series: a series index
 * @rect: (out): where its swatch was drawn, e.g. to anchor a colour popover
 *
 * Returns: %FALSE if the last frame did not list the series
 */
gboolean
pm_chart_renderer_get_legend_swatch (PmChartRenderer *self,
                                     guint            series,
                                     PmRect          *rect)
{
  const PmRect *r;

  g_return_val_if_fail (self != NULL, FALSE);

  if (series >= self->legend->len)
    return FALSE;
  r = &g_array_index (self->legend, PmRect, series);
  if (r->width <= 0)
    return FALSE;
  if (rect != NULL)
    *rect = (PmRect) { r->x, r->y, PM_CHART_LEGEND_SWATCH, r->height };

  return TRUE;
}

/**
 * pm_chart_model_get_time_extent:
 * @t0: (out): the first sample time of the visible series
 * @t1: (out): the last
 *
 * Returns: %FALSE when no visible series has a sample
 */
gboolean
pm_chart_model_get_time_extent (const PmChartModel *model,
                                double             *t0,
                                double             *t1)
{
  double lo = HUGE_VAL, hi = -HUGE_VAL;

  g_return_val_if_fail (model != NULL, FALSE);

  for (guint i = 0; i < model->n_series; i++)
    {
      const PmChartSeries *s = &model->series[i];

      if (!s->visible || s->n_points == 0)
        continue;
      lo = MIN (lo, (double) s->times[0]);
      hi = MAX (hi, (double) s->times[s->n_points - 1]);
    }

  if (lo > hi)
    return FALSE;

  *t0 = lo;
  *t1 = hi;

  return TRUE;
}

/* The values of @s inside [@t0, @t1], through its levels of detail when
 * it has them (the same answer as a scan, from a few buckets). */
static gboolean
series_value_range (const PmChartSeries *s,
                    double               t0,
                    double               t1,
                    gboolean             positive_only,
                    double              *lo,
                    double              *hi)
{
  gsize a, b;

  if (s->lod == NULL || pm_lod_get_values (s->lod) != s->values ||
      pm_lod_get_n_values (s->lod) < s->n_points)
    return pm_decimate_value_range (s->times, s->values, s->n_points, t0, t1, positive_only,
                                    lo, hi);

  /* The first sample after @t1: none lies between @t1 and the next double. */
  a = pm_decimate_lower_bound (s->times, s->n_points, t0);
  b = pm_decimate_lower_bound (s->times, s->n_points, nextafter (t1, HUGE_VAL));

  return a < b && pm_lod_range (s->lod, a, b, positive_only, lo, hi);
}

/**
 * pm_chart_model_autoscale:
 * @model: the chart
 * @t0: the first time to show, or NaN for the first sample
 * @t1: the last time to show, or NaN for the last sample
 * @range: (out): @t0..@t1 and the visible series' values in that span,
 *   with a margin so that no line runs along the plot's edge
 *
 * The one y-axis fit of the project: the window, exports and tests all
 * fit through it. On a linear axis, memory figures read best against
 * zero, so a range that is all positive starts at zero unless its lines
 * sit high above it (lowest value at least 30 % of the highest), where
 * zero would flatten the very changes being looked for; 5 % of room above
 * and below. On a log axis only positive values count, with a factor of
 * 1.25 of room. A flat series gets 10 % of its value (at least 1) each
 * side. A single sample time is widened to a minute each side. Series on
 * the right-hand axis are left out while any visible series is on the
 * left (pm_chart_model_autoscale_right() fits them).
 *
 * Returns: %FALSE when nothing visible has a value there (@range is then
 *   still usable: as for values 0..1, or 1..10 on a log axis)
 */
gboolean
pm_chart_model_autoscale (const PmChartModel *model,
                          double              t0,
                          double              t1,
                          PmChartRange       *range)
{
  double e0 = 0, e1 = 1, lo = HUGE_VAL, hi = -HUGE_VAL;
  gboolean any = FALSE, skip_right;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  skip_right = _pm_chart_model_has_left_series (model);
  if (pm_chart_model_get_time_extent (model, &e0, &e1))
    {
      if (isnan (t0))
        t0 = e0;
      if (isnan (t1))
        t1 = e1;
    }
  else if (isnan (t0) || isnan (t1))
    {
      t0 = 0;
      t1 = 1;
    }
  if (t1 <= t0)
    {
      t0 -= 60;
      t1 += 60;
    }

  for (guint i = 0; i < model->n_series; i++)
    {
      const PmChartSeries *s = &model->series[i];
      double a, b;

      if (s->visible && s->n_points > 0 && !(s->right_axis && skip_right) &&
          series_value_range (s, t0, t1, model->log_y, &a, &b))
        {
          lo = MIN (lo, a);
          hi = MAX (hi, b);
          any = TRUE;
        }
    }

  range->t0 = t0;
  range->t1 = t1;

  if (model->log_y)
    {
      if (!(lo > 0 && hi >= lo))
        lo = 1, hi = 10;
      range->y0 = lo / 1.25;
      range->y1 = hi * 1.25;
      return any;
    }

  if (!(hi >= lo))
    lo = 0, hi = 1;
  if (lo >= 0 && lo < hi * 0.3)
    lo = 0;
  if (hi - lo < 1e-9)
    {
      double pad = MAX (fabs (hi) * 0.1, 1);

      lo -= pad;
      hi += pad;
    }

  range->y0 = lo == 0 ? 0 : lo - (hi - lo) * 0.05;
  range->y1 = hi + (hi - lo) * 0.05;
  return any;
}

/**
 * pm_chart_series_value_at:
 * @series: a series
 * @t: a time
 * @sample_time: (out) (optional): the time of the sample nearest to @t
 * @value: (out) (optional): its value (NaN for a gap)
 *
 * Returns: %FALSE when the series has no samples
 */
gboolean
pm_chart_series_value_at (const PmChartSeries *series,
                          double               t,
                          gint64              *sample_time,
                          double              *value)
{
  gsize idx;

  g_return_val_if_fail (series != NULL, FALSE);

  if (!pm_decimate_nearest (series->times, series->n_points, t, &idx))
    return FALSE;

  if (sample_time != NULL)
    *sample_time = series->times[idx];
  if (value != NULL)
    *value = series->values[idx];

  return TRUE;
}
