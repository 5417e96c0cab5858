/* pm-chart-trends.c: fitted trend lines drawn dashed over their series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leak finder fits a straight line to each boot of a growing tag; the
 * chart draws it dashed in the series' colour over the series, with the
 * rate at its end, so the eye can check the fit against the data. On a log
 * axis the straight line is a curve: it is drawn as a polyline.
 */
#include "pm-chart-renderer-private.h"

#include <math.h>

#include "pm-draw-private.h"

/* Pieces of a trend line on a log axis (where it curves). */
#define LOG_PIECES 48

static gboolean
trend_point (PmChartRenderer    *self,
             const PmChartModel *model,
             const PmChartTrend *trend,
             double              f,
             double             *x,
             double             *y)
{
  double t = trend->t0 + f * (trend->t1 - trend->t0);
  double v = trend->v0 + f * (trend->v1 - trend->v0);

  if (!isfinite (v) || (model->log_y && !(v > 0)))
    return FALSE;

  *x = CLAMP (pm_axis_map_to_pixel (&self->xmap, t), -PM_CHART_COORD_LIMIT, PM_CHART_COORD_LIMIT);
  *y = CLAMP (pm_axis_map_to_pixel (&self->ymap, v), -PM_CHART_COORD_LIMIT, PM_CHART_COORD_LIMIT);
  return TRUE;
}

/* The line's path; returns where it ends, for the label. */
static gboolean
trend_path (PmChartRenderer    *self,
            cairo_t            *cr,
            const PmChartModel *model,
            const PmChartTrend *trend,
            double             *end_x,
            double             *end_y)
{
  guint pieces = model->log_y ? LOG_PIECES : 1;
  gboolean pen_up = TRUE, any = FALSE;

  cairo_new_path (cr);
  for (guint i = 0; i <= pieces; i++)
    {
      double x, y;

      if (!trend_point (self, model, trend, (double) i / pieces, &x, &y))
        {
          pen_up = TRUE;
          continue;
        }
      if (pen_up)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      pen_up = FALSE;
      any = TRUE;
      *end_x = x;
      *end_y = y;
    }

  return any;
}

static gboolean
overlaps (GArray       *placed,
          const PmRect *r)
{
  for (guint i = 0; i < placed->len; i++)
    {
      const PmRect *o = &g_array_index (placed, PmRect, i);

      if (r->x < o->x + o->width && o->x < r->x + r->width &&
          r->y < o->y + o->height && o->y < r->y + r->height)
        return TRUE;
    }

  return FALSE;
}

/* The rate at the line's end: above it, left of it, kept inside the plot;
 * moved up past labels already placed, or left out when there is no room
 * (many lines ending at the same reboot). */
static void
draw_label (PmChartRenderer    *self,
            cairo_t            *cr,
            const PmChartTrend *trend,
            const PmRgba       *color,
            double              x,
            double              y,
            GArray             *placed)
{
  const PmRect *p = &self->plot;
  PmRect r;
  guint tries;

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, TRUE);
  r.width = _pm_draw_text_width (cr, trend->label) + 8;
  r.height = _pm_draw_line_height (cr) + 4;
  r.x = CLAMP (x - r.width, p->x + 2, p->x + p->width - r.width - 2);
  r.y = CLAMP (y - r.height - 6, p->y + 2, p->y + p->height - r.height - 2);

  for (tries = 0; tries < 4 && overlaps (placed, &r); tries++)
    r.y = MAX (r.y - r.height - 2, p->y + 2);
  if (overlaps (placed, &r))
    return;
  g_array_append_val (placed, r);

  _pm_draw_rounded_rect (cr, r.x, r.y, r.width, r.height, 3);
  _pm_draw_set_color_a (cr, &self->theme->plot_background, 0.85);
  cairo_fill (cr);
  _pm_draw_set_color (cr, color);
  _pm_draw_text (cr, r.x + 4, r.y + r.height / 2, trend->label, 0, 0.5);
}

/**
 * _pm_chart_renderer_draw_trends:
 *
 * The model's trend lines over the series (after
 * _pm_chart_renderer_end_series()), each in its series' colour, dashed on
 * a darker shade of its colour so it reads over its own line.
 */
void
_pm_chart_renderer_draw_trends (PmChartRenderer    *self,
                                cairo_t            *cr,
                                const PmChartModel *model)
{
  static const double dash[] = { 8, 5 };
  g_autoptr(GArray) placed = NULL;

  if (model->trends == NULL || model->n_trends == 0)
    return;

  placed = g_array_new (FALSE, FALSE, sizeof (PmRect));
  cairo_save (cr);
  cairo_rectangle (cr, self->plot.x, self->plot.y, self->plot.width, self->plot.height);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < model->n_trends; i++)
    {
      const PmChartTrend *trend = &model->trends[i];
      const PmSeriesStyle *style;
      double x = 0, y = 0, width;
      PmRgba dark;

      if (trend->series >= model->n_series || !model->series[trend->series].visible)
        continue;
      if (trend->t1 < self->range.t0 || trend->t0 > self->range.t1)
        continue;

      style = &model->series[trend->series].style;
      width = CLAMP (style->width + 0.5, 1.5, 4);
      if (!trend_path (self, cr, model, trend, &x, &y))
        continue;

      /* Darker than its series, so the line reads over the series it
       * fits, which shows through the gaps of the dashes. */
      dark = style->color;
      dark.red = dark.red * 0.6 + self->theme->text.red * 0.4;
      dark.green = dark.green * 0.6 + self->theme->text.green * 0.4;
      dark.blue = dark.blue * 0.6 + self->theme->text.blue * 0.4;
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, width);
      _pm_draw_set_color (cr, &dark);
      cairo_stroke (cr);

      if (trend->label != NULL && trend->label[0] != '\0')
        draw_label (self, cr, trend, &dark, x, y, placed);
    }

  cairo_restore (cr);
}
