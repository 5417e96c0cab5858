/* pm-bars-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-bars-renderer.h"

#include <math.h>

#include "pm-draw-private.h"
#include "pm-heatmap-renderer.h"

#define ROW_MAX 30.0
#define ROW_MIN 14.0
#define LABEL_MAX_WIDTH 160.0

struct _PmBarsRenderer
{
  const PmChartTheme *theme;

  /* The last frame's geometry. */
  gboolean  have_frame;
  PmRect    plot;
  double    row;
  guint     n_shown;
};

PmBarsRenderer *
pm_bars_renderer_new (void)
{
  PmBarsRenderer *self = g_new0 (PmBarsRenderer, 1);

  self->theme = pm_chart_theme_get_light ();

  return self;
}

void
pm_bars_renderer_free (PmBarsRenderer *self)
{
  g_free (self);
}

void
pm_bars_renderer_set_theme (PmBarsRenderer     *self,
                            const PmChartTheme *theme)
{
  g_return_if_fail (self != NULL);

  self->theme = theme != NULL ? theme : pm_chart_theme_get_light ();
}

/* The value axis: correlations on 0..1 or -1..1 so that bar lengths can
 * be compared between charts; anything else from zero to its extreme. */
static void
value_extent (const PmBarsModel *model,
              double            *lo,
              double            *hi)
{
  double vmin = 0, vmax = 0;

  for (guint i = 0; i < model->n_items; i++)
    if (isfinite (model->items[i].value))
      {
        vmin = MIN (vmin, model->items[i].value);
        vmax = MAX (vmax, model->items[i].value);
      }
  if (isfinite (model->threshold))
    {
      vmin = MIN (vmin, model->threshold);
      vmax = MAX (vmax, model->threshold);
    }

  if (model->kind == PM_VALUE_KIND_CORRELATION)
    {
      *lo = vmin < 0 ? -1 : 0;
      *hi = 1;
      return;
    }

  if (vmax <= vmin)
    vmax = vmin + 1;
  *lo = vmin < 0 ? vmin - (vmax - vmin) * 0.05 : 0;
  *hi = vmax + (vmax - vmin) * 0.08;
}

static void
bar_color (PmBarsRenderer    *self,
           const PmBarsModel *model,
           double             value,
           PmRgba            *color)
{
  if (model->kind == PM_VALUE_KIND_CORRELATION)
    /* The heat map's hues, a little lighter: a column of r near 1 would
     * otherwise be a wall of near-black red. */
    pm_heatmap_color (value * 0.8, color);
  else
    pm_palette_get_color (0, color);
}

/**
 * pm_bars_renderer_draw:
 * @self: a renderer
 * @cr: where to draw, (0, 0) at the top left
 * @width: the chart's width
 * @height: its height
 * @model: the bars
 *
 * One horizontal bar per item, labelled on the left, its value printed at
 * its end, on a value axis with a light grid and the threshold as a
 * dashed line. When not every bar fits, the first ones are drawn and the
 * rest counted.
 */
void
pm_bars_renderer_draw (PmBarsRenderer    *self,
                       cairo_t           *cr,
                       int                width,
                       int                height,
                       const PmBarsModel *model)
{
  g_autoptr(GArray) ticks = NULL;
  double top, label_w = 0, value_w, line_h, lo, hi, bottom;
  PmAxisMap xmap;
  guint n_fit;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);

  cairo_save (cr);
  top = _pm_draw_background_and_title (cr, self->theme, model->title, 10);

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
  line_h = _pm_draw_line_height (cr);
  if (isfinite (model->threshold))
    top += line_h + 4; /* the threshold's label above the plot */
  if (model->n_items == 0)
    {
      self->have_frame = FALSE;
      _pm_draw_set_color (cr, &self->theme->text_dim);
      _pm_draw_text (cr, width / 2.0, (top + height) / 2.0, "No tags above the threshold",
                     0.5, 0.5);
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < model->n_items; i++)
    label_w = MAX (label_w, _pm_draw_text_width (cr, model->items[i].label));
  label_w = MIN (label_w, LABEL_MAX_WIDTH);
  value_w = _pm_draw_text_width (cr, model->kind == PM_VALUE_KIND_CORRELATION ? "-0.000"
                                                                          : "000.0 MiB");

  bottom = PM_DRAW_PAD + 6 + line_h * 2 + 8;
  self->plot.x = floor (PM_DRAW_PAD + label_w + 10);
  self->plot.y = floor (top);
  self->plot.width = MAX (20, floor (width - self->plot.x - PM_DRAW_PAD - value_w - 8));
  self->row = CLAMP ((height - top - bottom) / model->n_items, ROW_MIN, ROW_MAX);
  n_fit = (guint) MAX (1, floor ((height - top - bottom) / self->row));
  self->n_shown = MIN (n_fit, model->n_items);
  if (self->n_shown < model->n_items && self->n_shown > 1)
    self->n_shown--; /* room for the "+N more" line */
  self->plot.height = self->row * self->n_shown;
  self->have_frame = TRUE;

  value_extent (model, &lo, &hi);
  pm_axis_map_init (&xmap, lo, hi, self->plot.x, self->plot.x + self->plot.width, FALSE);

  /* Grid and value axis. */
  ticks = model->kind == PM_VALUE_KIND_CORRELATION
    ? pm_ticks_linear (lo, hi, (guint) MAX (2, self->plot.width / 70), PM_VALUE_KIND_COUNT)
    : pm_ticks_linear (lo, hi, (guint) MAX (2, self->plot.width / 90), model->kind);
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PmTick *t = &g_array_index (ticks, PmTick, i);
      double x = _pm_draw_snap (pm_axis_map_to_pixel (&xmap, t->value));

      _pm_draw_set_color (cr, &self->theme->grid);
      cairo_move_to (cr, x, self->plot.y);
      cairo_line_to (cr, x, self->plot.y + self->plot.height);
      cairo_stroke (cr);
      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, x, self->plot.y + self->plot.height + 6, t->label, 0.5, 0);
    }
  if (model->value_label != NULL)
    {
      _pm_draw_set_color (cr, &self->theme->text_dim);
      _pm_draw_text (cr, self->plot.x + self->plot.width / 2,
                     self->plot.y + self->plot.height + 8 + line_h, model->value_label, 0.5, 0);
    }

  for (guint i = 0; i < self->n_shown; i++)
    {
      const PmBarsItem *item = &model->items[i];
      double y = self->plot.y + i * self->row;
      double bar_h = self->row * 0.72;
      double by = y + (self->row - bar_h) / 2;
      double x0 = pm_axis_map_to_pixel (&xmap, 0);
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;

      _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
      label = _pm_draw_ellipsize (cr, item->label != NULL ? item->label : "", LABEL_MAX_WIDTH);
      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, self->plot.x - 8, y + self->row / 2, label, 1, 0.5);

      value = pm_format_value (item->value, model->kind);
      _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
      if (!isfinite (item->value))
        {
          _pm_draw_set_color (cr, &self->theme->text_dim);
          _pm_draw_text (cr, x0 + 4, y + self->row / 2, value, 0, 0.5);
          continue;
        }

      {
        double x1 = pm_axis_map_to_pixel (&xmap, item->value);
        PmRgba color;

        bar_color (self, model, item->value, &color);
        cairo_rectangle (cr, MIN (x0, x1), by, fabs (x1 - x0), bar_h);
        _pm_draw_set_color (cr, &color);
        cairo_fill (cr);

        _pm_draw_set_color (cr, &self->theme->text);
        if (x1 >= x0)
          _pm_draw_text (cr, x1 + 5, y + self->row / 2, value, 0, 0.5);
        else
          _pm_draw_text (cr, x1 - 5, y + self->row / 2, value, 1, 0.5);
      }
    }

  /* Zero line, over the bars' ends. */
  _pm_draw_set_color (cr, &self->theme->axis);
  cairo_move_to (cr, _pm_draw_snap (pm_axis_map_to_pixel (&xmap, 0)), self->plot.y);
  cairo_line_to (cr, _pm_draw_snap (pm_axis_map_to_pixel (&xmap, 0)),
                 self->plot.y + self->plot.height);
  cairo_stroke (cr);

  if (isfinite (model->threshold))
    {
      double x = _pm_draw_snap (pm_axis_map_to_pixel (&xmap, model->threshold));
      double dash[] = { 5, 3 };
      g_autofree char *value = model->kind == PM_VALUE_KIND_CORRELATION
                                 ? g_strdup_printf ("%.2f", model->threshold)
                                 : pm_format_value (model->threshold, model->kind);
      g_autofree char *text = g_strdup_printf ("threshold %s", value);

      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.5);
      _pm_draw_set_color (cr, &self->theme->crosshair);
      cairo_move_to (cr, x, self->plot.y - 4);
      cairo_line_to (cr, x, self->plot.y + self->plot.height);
      cairo_stroke (cr);
      cairo_restore (cr);

      _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
      _pm_draw_set_color (cr, &self->theme->text_dim);
      _pm_draw_text (cr, MIN (x, self->plot.x + self->plot.width), self->plot.y - 6, text, 1, 1);
    }

  if (self->n_shown < model->n_items)
    {
      g_autofree char *more = g_strdup_printf ("+%u more not shown",
                                               model->n_items - self->n_shown);

      _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
      _pm_draw_set_color (cr, &self->theme->text_dim);
      _pm_draw_text (cr, self->plot.x - 8, self->plot.y + self->plot.height + self->row / 2,
                     more, 1, 0.5);
    }

  cairo_restore (cr);
}

/**
 * pm_bars_renderer_hit:
 * @x: x in the chart's coordinates
 * @y: y in the chart's coordinates
 *
 * Returns: the index of the item whose row (label or bar) is at (@x, @y),
 *   or -1
 */
int
pm_bars_renderer_hit (PmBarsRenderer *self,
                      double          x,
                      double          y)
{
  int i;

  g_return_val_if_fail (self != NULL, -1);

  if (!self->have_frame || y < self->plot.y || y >= self->plot.y + self->plot.height ||
      x < PM_DRAW_PAD || x > self->plot.x + self->plot.width + 80)
    return -1;

  i = (int) floor ((y - self->plot.y) / self->row);

  return i >= 0 && (guint) i < self->n_shown ? i : -1;
}

/**
 * pm_bars_renderer_get_row:
 * @index: an item of the last frame's model
 * @rect: (out): the band of its row, label and bar, in the last frame
 *
 * Where to draw a keyboard cursor over a row.
 *
 * Returns: %FALSE when the last frame did not draw row @index
 */
gboolean
pm_bars_renderer_get_row (PmBarsRenderer *self,
                          guint           index,
                          PmRect         *rect)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->have_frame || index >= self->n_shown)
    return FALSE;
  *rect = (PmRect) { PM_DRAW_PAD / 2, self->plot.y + index * self->row,
                     self->plot.x + self->plot.width + 60 - PM_DRAW_PAD / 2, self->row };
  return TRUE;
}
