/* pm-leaks-renderer.c: the Leaks page as a picture, and its sparklines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sparkline is the tag's whole series scaled to its own range, with the
 * leak finder's trend lines dashed over it: the shape says at a glance
 * whether the growth is steady. The page's picture is the table the window
 * shows: one row per leak or suspect with its sparkline, verdict, rate,
 * boots and reason, then the count of the rest.
 */
#include "pm-leaks-renderer.h"

#include <math.h>

#include "pm-draw-private.h"
#include "pm-export.h"

#define ROW_HEIGHT 46.0
#define SPARK_WIDTH 140.0

/* The range of the values and of the trend lines' ends. */
static gboolean
value_extent (const PmSparkline *spark,
              double            *lo,
              double            *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (gsize i = 0; i < spark->n_points; i++)
    if (isfinite (spark->values[i]))
      {
        *lo = MIN (*lo, spark->values[i]);
        *hi = MAX (*hi, spark->values[i]);
      }
  for (guint i = 0; i < spark->n_trends; i++)
    {
      *lo = MIN (*lo, MIN (spark->trends[i].v0, spark->trends[i].v1));
      *hi = MAX (*hi, MAX (spark->trends[i].v0, spark->trends[i].v1));
    }

  if (!isfinite (*lo) || !isfinite (*hi))
    return FALSE;
  if (*hi - *lo < 1e-9)
    {
      *lo -= 1;
      *hi += 1;
    }
  return TRUE;
}

/**
 * pm_sparkline_draw:
 * @area: where, in @cr's user space
 *
 * Draws @spark into @area: its series as a thin line (the lowest and
 * highest value of each pixel column, so a spike is never lost), its trend
 * lines dashed over it.
 */
void
pm_sparkline_draw (cairo_t            *cr,
                   const PmRect       *area,
                   const PmSparkline  *spark,
                   const PmChartTheme *theme)
{
  static const double dash[] = { 4, 2 };
  PmAxisMap xmap, ymap;
  double lo, hi, t0, t1;
  gboolean pen_up = TRUE;
  int last_column = G_MININT;
  double col_lo = 0, col_hi = 0;

  if (spark->n_points < 2 || spark->times == NULL || spark->values == NULL ||
      area->width < 4 || area->height < 4 || !value_extent (spark, &lo, &hi))
    return;

  t0 = (double) spark->times[0];
  t1 = (double) spark->times[spark->n_points - 1];
  if (!(t1 > t0))
    t1 = t0 + 1;
  pm_axis_map_init (&xmap, t0, t1, area->x + 1, area->x + area->width - 1, FALSE);
  pm_axis_map_init (&ymap, lo, hi, area->y + area->height - 2, area->y + 2, FALSE);

  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* One vertical stroke per pixel column from its lowest to its highest
   * value, joined to the next: min-max decimation. */
  cairo_new_path (cr);
  for (gsize i = 0; i < spark->n_points; i++)
    {
      double v = spark->values[i];
      int column;

      if (!isfinite (v))
        {
          pen_up = TRUE;
          continue;
        }
      column = (int) floor (pm_axis_map_to_pixel (&xmap, (double) spark->times[i]));
      if (!pen_up && column == last_column)
        {
          col_lo = MIN (col_lo, v);
          col_hi = MAX (col_hi, v);
          continue;
        }
      if (!pen_up)
        {
          cairo_line_to (cr, last_column + 0.5, pm_axis_map_to_pixel (&ymap, col_lo));
          cairo_line_to (cr, last_column + 0.5, pm_axis_map_to_pixel (&ymap, col_hi));
        }
      if (pen_up)
        cairo_move_to (cr, column + 0.5, pm_axis_map_to_pixel (&ymap, v));
      pen_up = FALSE;
      last_column = column;
      col_lo = col_hi = v;
    }
  if (!pen_up)
    {
      cairo_line_to (cr, last_column + 0.5, pm_axis_map_to_pixel (&ymap, col_lo));
      cairo_line_to (cr, last_column + 0.5, pm_axis_map_to_pixel (&ymap, col_hi));
    }
  cairo_set_line_width (cr, 1.2);
  _pm_draw_set_color_a (cr, &spark->color, 0.75);
  cairo_stroke (cr);

  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.6);
  for (guint i = 0; i < spark->n_trends; i++)
    {
      const PmChartTrend *trend = &spark->trends[i];

      cairo_move_to (cr, pm_axis_map_to_pixel (&xmap, trend->t0), pm_axis_map_to_pixel (&ymap, trend->v0));
      cairo_line_to (cr, pm_axis_map_to_pixel (&xmap, trend->t1), pm_axis_map_to_pixel (&ymap, trend->v1));
      _pm_draw_set_color (cr, &theme->text);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

static void
draw_row (cairo_t            *cr,
          const PmChartTheme *theme,
          const PmLeaksRow   *row,
          double              y,
          double              width)
{
  PmRect spark = { PM_DRAW_PAD, y + 6, SPARK_WIDTH, ROW_HEIGHT - 12 };
  double x = PM_DRAW_PAD + SPARK_WIDTH + 12;
  double line;
  g_autofree char *reason = NULL;
  g_autofree char *facts = NULL;

  pm_sparkline_draw (cr, &spark, &row->spark, theme);

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, TRUE);
  line = _pm_draw_line_height (cr);
  _pm_draw_set_color (cr, &theme->text);
  _pm_draw_text (cr, x, y + 6, row->tag, 0, 0);

  /* The verdict in the series' colour, a leak in bold. */
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, row->is_leak);
  _pm_draw_set_color (cr, &row->spark.color);
  _pm_draw_text (cr, x + 70, y + 6, row->verdict, 0, 0);

  facts = g_strdup_printf ("%s · %s", row->rate != NULL ? row->rate : "–", row->boots);
  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
  _pm_draw_set_color (cr, &theme->text);
  _pm_draw_text (cr, x + 150, y + 6, facts, 0, 0);

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  _pm_draw_set_color (cr, &theme->text_dim);
  reason = _pm_draw_ellipsize (cr, row->reason, MAX (width - x - PM_DRAW_PAD, 20));
  _pm_draw_text (cr, x, y + 8 + line, reason, 0, 0);

  _pm_draw_set_color (cr, &theme->grid);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, PM_DRAW_PAD, floor (y + ROW_HEIGHT) + 0.5);
  cairo_line_to (cr, width - PM_DRAW_PAD, floor (y + ROW_HEIGHT) + 0.5);
  cairo_stroke (cr);
}

/**
 * pm_leaks_renderer_draw:
 *
 * Draws the Leaks page's table at @width x @height: the title, a row per
 * leak or suspect while they fit, then the footer.
 */
void
pm_leaks_renderer_draw (cairo_t            *cr,
                        int                 width,
                        int                 height,
                        const PmChartTheme *theme,
                        const PmLeaksModel *model)
{
  double y;
  guint drawn = 0;

  g_return_if_fail (cr != NULL && theme != NULL && model != NULL);

  cairo_save (cr);
  y = _pm_draw_background_and_title (cr, theme, model->title, 10);

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
  for (guint i = 0; i < model->n_rows; i++)
    {
      if (y + ROW_HEIGHT > height - PM_DRAW_PAD - 2 * _pm_draw_line_height (cr))
        break;
      draw_row (cr, theme, &model->rows[i], y, width);
      y += ROW_HEIGHT;
      drawn++;
    }

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
  _pm_draw_set_color (cr, &theme->text_dim);
  if (drawn < model->n_rows)
    {
      g_autofree char *more = g_strdup_printf ("%u more not shown", model->n_rows - drawn);

      _pm_draw_text (cr, PM_DRAW_PAD, y + 6, more, 0, 0);
      y += _pm_draw_line_height (cr) + 4;
    }
  if (model->footer != NULL)
    _pm_draw_text (cr, PM_DRAW_PAD, y + 6, model->footer, 0, 0);

  cairo_restore (cr);
}

typedef struct
{
  const PmChartTheme *theme;
  const PmLeaksModel *model;
} ExportData;

static void
draw_leaks (cairo_t  *cr,
            int       width,
            int       height,
            gpointer  user_data)
{
  ExportData *data = user_data;

  pm_leaks_renderer_draw (cr, width, height, data->theme, data->model);
}

/**
 * pm_export_leaks:
 *
 * Writes the Leaks page's table to @path (.png, .svg or .pdf).
 *
 * Returns: %TRUE if the file was written
 */
gboolean
pm_export_leaks (const char          *path,
                 int                  width,
                 int                  height,
                 const PmChartTheme  *theme,
                 const PmLeaksModel  *model,
                 GError             **error)
{
  ExportData data = { theme, model };

  return pm_export_draw (path, width, height, draw_leaks, &data, error);
}
