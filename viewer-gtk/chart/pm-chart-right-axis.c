/* pm-chart-right-axis.c: a second value axis on the right, for TOTAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TOTAL is the sum of every tag: hundreds of MiB beside tags of a few. On
 * one axis the tags are flat lines along the bottom. A series marked
 * right_axis is drawn against an axis of its own on the right, fitted to
 * the right-axis series alone by the same rule as the left
 * (pm_chart_model_autoscale()), with its own ticks and title; the left
 * axis then fits the other series. Both axes follow the visible times.
 */
#include "pm-chart-renderer-private.h"

#include <math.h>

#include "pm-draw-private.h"

static gboolean
has_visible (const PmChartModel *model,
             gboolean            right)
{
  for (guint i = 0; i < model->n_series; i++)
    if (model->series[i].visible && !!model->series[i].right_axis == right)
      return TRUE;
  return FALSE;
}

/**
 * pm_chart_model_autoscale_right:
 * @model: the chart
 * @t0: the first time shown
 * @t1: the last time shown
 * @y0: (out): the bottom of the right-hand axis
 * @y1: (out): its top
 *
 * Fits the right-hand axis to the visible series marked right_axis over
 * @t0..@t1, as pm_chart_model_autoscale() fits the left one.
 *
 * Returns: %FALSE when no visible series is on the right axis or when the
 *   left one has none (then everything is drawn against the left axis)
 */
gboolean
pm_chart_model_autoscale_right (const PmChartModel *model,
                                double              t0,
                                double              t1,
                                double             *y0,
                                double             *y1)
{
  g_autofree PmChartSeries *series = NULL;
  PmChartModel right;
  PmChartRange range;

  g_return_val_if_fail (model != NULL, FALSE);

  if (!has_visible (model, TRUE) || !has_visible (model, FALSE))
    return FALSE;

  right = *model;
  series = g_memdup2 (model->series, sizeof (PmChartSeries) * model->n_series);
  for (guint i = 0; i < model->n_series; i++)
    {
      series[i].visible = series[i].visible && series[i].right_axis;
      series[i].right_axis = FALSE;
    }
  right.series = series;
  pm_chart_model_autoscale (&right, t0, t1, &range);
  *y0 = range.y0;
  *y1 = range.y1;
  return TRUE;
}

/* Whether any visible series is on the left axis: then the left axis
 * leaves the right-axis series out of its fit. */
gboolean
_pm_chart_model_has_left_series (const PmChartModel *model)
{
  return has_visible (model, FALSE);
}

/* The labels' width for values up to @top of any digits, so the plot
 * keeps its width while a pan moves TOTAL's range (a drag pans by the
 * plot's pixels). */
static double
steady_width (cairo_t     *cr,
              PmValueKind  kind,
              double       top)
{
  g_autofree char *text = pm_format_value (top, kind);

  for (char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      *p = '8';
  return MAX (_pm_draw_text_width (cr, text),
              kind == PM_VALUE_KIND_BYTES ? _pm_draw_text_width (cr, "888.8 MiB") : 0);
}

/**
 * _pm_chart_right_axis_prepare:
 * @plot_height: about the plot's height, for the number of ticks
 * @ticks: (out): the right axis's ticks, or %NULL without one
 *
 * Fits the right axis for this frame (self->range must be set).
 *
 * Returns: the width the axis needs right of the plot, 0 for none
 */
double
_pm_chart_right_axis_prepare (PmChartRenderer    *self,
                              cairo_t            *cr,
                              const PmChartModel *model,
                              double              plot_height,
                              GArray            **ticks)
{
  guint target = (guint) MAX (2, plot_height / 48);
  double w = 0;

  *ticks = NULL;
  self->have_right = pm_chart_model_autoscale_right (model, self->range.t0, self->range.t1,
                                                     &self->right_y0, &self->right_y1);
  if (!self->have_right)
    return 0;

  *ticks = model->log_y ? pm_ticks_log (self->right_y0, self->right_y1, target, model->kind)
                        : pm_ticks_linear (self->right_y0, self->right_y1, target, model->kind);
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  for (guint i = 0; i < (*ticks)->len; i++)
    w = MAX (w, _pm_draw_text_width (cr, g_array_index (*ticks, PmTick, i).label));
  w = MAX (w, steady_width (cr, model->kind, MAX (fabs (self->right_y0), fabs (self->right_y1))));

  w += PM_CHART_TICK_LEN + 6;
  if (model->right_label != NULL && *model->right_label != '\0')
    w += _pm_draw_line_height (cr) + 8;
  return w;
}

/**
 * _pm_chart_right_axis_draw:
 *
 * Sets up the right axis's map for the plot placed by this frame and
 * draws the axis: its line, ticks, labels and title (in the colour of its
 * first series, so it is plain which line it belongs to).
 */
void
_pm_chart_right_axis_draw (PmChartRenderer    *self,
                           cairo_t            *cr,
                           const PmChartModel *model,
                           GArray             *ticks,
                           double              surface_width)
{
  const PmRect *p = &self->plot;
  double right = p->x + p->width;
  const PmRgba *title_color = &self->theme->text_dim;

  self->ymap_left = self->ymap;
  if (!self->have_right || ticks == NULL)
    {
      self->have_right = FALSE;
      self->ymap_right = self->ymap;
      return;
    }

  pm_axis_map_init (&self->ymap_right, self->right_y0, self->right_y1,
                    p->y + p->height, p->y, model->log_y);

  cairo_save (cr);
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  cairo_set_line_width (cr, 1);
  _pm_draw_set_color (cr, &self->theme->axis);
  cairo_move_to (cr, right + 0.5, p->y);
  cairo_line_to (cr, right + 0.5, p->y + p->height + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < ticks->len; i++)
    {
      const PmTick *tick = &g_array_index (ticks, PmTick, i);
      double y = _pm_draw_snap (pm_axis_map_to_pixel (&self->ymap_right, tick->value));

      if (!tick->major || y < p->y - 0.5 || y > p->y + p->height + 0.5)
        continue;
      _pm_draw_set_color (cr, &self->theme->axis);
      cairo_move_to (cr, right, y);
      cairo_line_to (cr, right + PM_CHART_TICK_LEN, y);
      cairo_stroke (cr);
      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, right + PM_CHART_TICK_LEN + 4, y, tick->label, 0, 0.5);
    }

  for (guint i = 0; i < model->n_series; i++)
    if (model->series[i].visible && model->series[i].right_axis)
      {
        title_color = &model->series[i].style.color;
        break;
      }
  if (model->right_label != NULL && *model->right_label != '\0')
    {
      _pm_draw_set_color (cr, title_color);
      _pm_draw_text_rotated (cr, surface_width - PM_DRAW_PAD - _pm_draw_line_height (cr) / 2,
                             p->y + p->height / 2, model->right_label);
    }
  cairo_restore (cr);
}

/**
 * _pm_chart_renderer_use_axis:
 * @s: (nullable): the series about to be drawn; %NULL for the left axis
 *
 * Points self->ymap, which the series, markers and hover draw against, at
 * @s's axis. Callers set it back with %NULL when done.
 */
void
_pm_chart_renderer_use_axis (PmChartRenderer     *self,
                             const PmChartSeries *s)
{
  self->ymap = s != NULL && s->right_axis && self->have_right ? self->ymap_right
                                                              : self->ymap_left;
}

/**
 * pm_chart_renderer_get_right_range:
 * @y0: (out): the bottom of the right-hand axis in the last frame
 * @y1: (out): its top
 *
 * Returns: %FALSE when the last frame had no right-hand axis
 */
gboolean
pm_chart_renderer_get_right_range (PmChartRenderer *self,
                                   double          *y0,
                                   double          *y1)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->have_frame || !self->have_right)
    return FALSE;
  if (y0 != NULL)
    *y0 = self->right_y0;
  if (y1 != NULL)
    *y1 = self->right_y1;
  return TRUE;
}
