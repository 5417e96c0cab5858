/* pm-heatmap-overlay.c: hover and hit tests of the heat map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn on every pointer motion over the cached frame, from the geometry
 * the last frame left behind.
 */
#include "pm-heatmap-renderer-private.h"

#include <math.h>

#include "pm-draw-private.h"

static void
draw_tip (PmHeatmapRenderer    *self,
          cairo_t              *cr,
          const PmHeatmapModel *model,
          guint                 row,
          guint                 col,
          double                ax,
          double                ay)
{
  double v = pm_heatmap_model_get (model, row, col);
  g_autofree char *pair = g_strdup_printf ("%s × %s", _pm_heatmap_label_of (model, row),
                                           _pm_heatmap_label_of (model, col));
  g_autofree char *value = isnan (v) ? g_strdup ("r undefined (a constant series)")
                                     : g_strdup_printf ("r = %.3f", v);
  double pad = 8, w, h, bx, by;

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, TRUE);
  w = _pm_draw_text_width (cr, pair);
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  w = MAX (w, _pm_draw_text_width (cr, value)) + 2 * pad;
  h = 2 * pad + 34;

  bx = ax + 14;
  by = ay + 14;
  if (bx + w > self->area.x + self->area.width + 60)
    bx = ax - 14 - w;
  if (by + h > self->area.y + self->area.height)
    by = ay - 14 - h;
  bx = MAX (bx, 2);
  by = MAX (by, 2);

  _pm_draw_rounded_rect (cr, bx, by, w, h, 6);
  _pm_draw_set_color_a (cr, &self->theme->background, 0.95);
  cairo_fill_preserve (cr);
  _pm_draw_set_color (cr, &self->theme->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  _pm_draw_set_color (cr, &self->theme->text);
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, TRUE);
  _pm_draw_text (cr, bx + pad, by + pad + 8, pair, 0, 0.5);
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  _pm_draw_text (cr, bx + pad, by + pad + 26, value, 0, 0.5);
}

/**
 * pm_heatmap_renderer_draw_overlay:
 * @hover_row: the display row under the pointer, or -1
 * @hover_col: the display column, or -1
 *
 * Outlines the hovered cell's row and column and shows both tags and r.
 */
void
pm_heatmap_renderer_draw_overlay (PmHeatmapRenderer    *self,
                                  cairo_t              *cr,
                                  const PmHeatmapModel *model,
                                  int                   hover_row,
                                  int                   hover_col)
{
  double x, y, cell;

  g_return_if_fail (self != NULL);
  g_return_if_fail (model != NULL);

  if (!self->have_frame || hover_row < 0 || hover_col < 0 ||
      (guint) hover_row >= model->n || (guint) hover_col >= model->n)
    return;

  cell = self->cell;
  x = self->area.x + (hover_col - self->window.col0) * cell;
  y = self->area.y + (hover_row - self->window.row0) * cell;

  cairo_save (cr);
  cairo_rectangle (cr, self->area.x - 3, self->area.y - 3, self->area.width + 6,
                   self->area.height + 6);
  cairo_clip (cr);

  /* The row and the column, lightly, then the cell itself. */
  cairo_set_line_width (cr, 1);
  _pm_draw_set_color_a (cr, &self->theme->crosshair, 0.5);
  cairo_rectangle (cr, self->area.x + 0.5, y + 0.5, self->area.width - 1, MAX (cell - 1, 1));
  cairo_rectangle (cr, x + 0.5, self->area.y + 0.5, MAX (cell - 1, 1), self->area.height - 1);
  cairo_stroke (cr);

  /* Two rings, text colour outside and background inside, so the cell
   * stands out on dark red and on near-white alike. */
  cairo_set_line_width (cr, 2);
  _pm_draw_set_color (cr, &self->theme->text);
  cairo_rectangle (cr, x - 2, y - 2, MAX (cell, 1) + 4, MAX (cell, 1) + 4);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1);
  _pm_draw_set_color (cr, &self->theme->background);
  cairo_rectangle (cr, x - 0.5, y - 0.5, MAX (cell, 1) + 1, MAX (cell, 1) + 1);
  cairo_stroke (cr);
  cairo_restore (cr);

  draw_tip (self, cr, model, hover_row, hover_col, x + cell, y + cell);
}

gboolean
pm_heatmap_renderer_get_matrix_area (PmHeatmapRenderer *self,
                                     PmRect            *area)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->have_frame)
    return FALSE;
  if (area != NULL)
    *area = self->area;

  return TRUE;
}

/**
 * pm_heatmap_renderer_position_at:
 * @row: (out): the display row at @y, fractional (for zooming about it)
 * @col: (out): the display column at @x
 *
 * Returns: %FALSE before the first frame; outside the matrix the position
 *   is still given (beyond its edges)
 */
gboolean
pm_heatmap_renderer_position_at (PmHeatmapRenderer *self,
                                 double             x,
                                 double             y,
                                 double            *row,
                                 double            *col)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->have_frame)
    return FALSE;

  *row = self->window.row0 + (y - self->area.y) / self->cell;
  *col = self->window.col0 + (x - self->area.x) / self->cell;

  return TRUE;
}

/**
 * pm_heatmap_renderer_hit:
 * @row: (out): the display row of the cell at (@x, @y)
 * @col: (out): its display column
 *
 * Returns: %TRUE if a cell of the matrix is at (@x, @y)
 */
gboolean
pm_heatmap_renderer_hit (PmHeatmapRenderer *self,
                         double             x,
                         double             y,
                         guint             *row,
                         guint             *col)
{
  double r, c;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!pm_heatmap_renderer_position_at (self, x, y, &r, &c))
    return FALSE;
  if (x < self->area.x || y < self->area.y ||
      x >= self->area.x + self->area.width || y >= self->area.y + self->area.height ||
      r < 0 || c < 0 || r >= self->n || c >= self->n)
    return FALSE;

  *row = (guint) floor (r);
  *col = (guint) floor (c);

  return TRUE;
}

double
pm_heatmap_renderer_get_cell_size (PmHeatmapRenderer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->have_frame ? self->cell : 0;
}
