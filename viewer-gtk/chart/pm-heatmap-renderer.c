/* pm-heatmap-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-heatmap-renderer.h"

#include <math.h>
#include <string.h>

#include "pm-draw-private.h"
#include "pm-heatmap-renderer-private.h"

/* ColorBrewer's RdBu, blue for -1 to red for +1 through a near-white 0:
 * the two ends differ in hue and both are dark, so neither is mistaken
 * for the other or for "no correlation". */
static const guint32 rdbu[] = {
  0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
  0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
};

/**
 * pm_heatmap_color:
 * @r: a correlation in -1..1 (clamped), or NaN
 * @color: (out): its colour on the heat map; NaN gives the light theme's
 *   grey, which no r maps to
 */
void
pm_heatmap_color (double  r,
                  PmRgba *color)
{
  double pos, f;
  int i;
  guint32 a, b;

  if (isnan (r))
    {
      *color = pm_chart_theme_get_light ()->missing;
      return;
    }

  pos = (CLAMP (r, -1, 1) + 1) / 2 * (G_N_ELEMENTS (rdbu) - 1);
  i = MIN ((int) floor (pos), (int) G_N_ELEMENTS (rdbu) - 2);
  f = pos - i;
  a = rdbu[i];
  b = rdbu[i + 1];

  color->red = (float) ((((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f) / 255);
  color->green = (float) ((((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f) / 255);
  color->blue = (float) (((a & 0xff) * (1 - f) + (b & 0xff) * f) / 255);
  color->alpha = 1;
}

static guint32
pack (const PmRgba *c)
{
  return 0xff000000u |
         ((guint32) lrintf (c->red * 255) << 16) |
         ((guint32) lrintf (c->green * 255) << 8) |
         (guint32) lrintf (c->blue * 255);
}

static void
ensure_lut (PmHeatmapRenderer *self)
{
  PmRgba c;

  if (self->lut_valid)
    return;

  for (int i = 0; i < PM_HEATMAP_LUT_SIZE; i++)
    {
      pm_heatmap_color (-1 + 2.0 * i / (PM_HEATMAP_LUT_SIZE - 1), &c);
      self->lut[i] = pack (&c);
    }
  self->lut[PM_HEATMAP_LUT_SIZE] = pack (&self->theme->missing);
  self->lut_valid = TRUE;
}

static inline guint32
lut_color (PmHeatmapRenderer *self,
           double             r)
{
  if (isnan (r))
    return self->lut[PM_HEATMAP_LUT_SIZE];

  /* Truncating after adding 0.5 rounds: r is clamped, so it is >= 0. */
  return self->lut[(int) ((CLAMP (r, -1, 1) + 1) * ((PM_HEATMAP_LUT_SIZE - 1) / 2.0) + 0.5)];
}

/* The tag of a display position, through the model's order. */
const char *
_pm_heatmap_label_of (const PmHeatmapModel *model,
                      guint                 pos)
{
  guint i = model->order != NULL ? model->order[pos] : pos;

  return model->labels != NULL && model->labels[i] != NULL ? model->labels[i] : "";
}

/**
 * pm_heatmap_model_get:
 * @model: a matrix
 * @row: a display row
 * @col: a display column
 *
 * Returns: r at that position, through @model's order
 */
double
pm_heatmap_model_get (const PmHeatmapModel *model,
                      guint                 row,
                      guint                 col)
{
  guint i = model->order != NULL ? model->order[row] : row;
  guint j = model->order != NULL ? model->order[col] : col;
  gsize k = (gsize) i * model->n + j;

  if (model->r != NULL)
    return model->r[k];
  if (model->r_float != NULL)
    return model->r_float[k];

  return NAN;
}

void
pm_heatmap_window_init_full (PmHeatmapWindow *window,
                             guint            n)
{
  window->row0 = 0;
  window->col0 = 0;
  window->n_rows = MAX (n, 1);
  window->n_cols = MAX (n, 1);
}

PmHeatmapRenderer *
pm_heatmap_renderer_new (void)
{
  PmHeatmapRenderer *self = g_new0 (PmHeatmapRenderer, 1);

  self->theme = pm_chart_theme_get_light ();
  self->scale = 1;

  return self;
}

/**
 * pm_heatmap_renderer_set_scale:
 * @scale: device pixels per unit (see pm_chart_renderer_set_scale())
 */
void
pm_heatmap_renderer_set_scale (PmHeatmapRenderer *self,
                               double             scale)
{
  g_return_if_fail (self != NULL);

  self->scale = CLAMP (scale, 1, 4);
}

void
pm_heatmap_renderer_free (PmHeatmapRenderer *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->cells, cairo_surface_destroy);
  g_free (self);
}

void
pm_heatmap_renderer_set_theme (PmHeatmapRenderer  *self,
                               const PmChartTheme *theme)
{
  g_return_if_fail (self != NULL);

  self->theme = theme != NULL ? theme : pm_chart_theme_get_light ();
  self->lut_valid = FALSE;
}

/* Small cells: one look-up per device pixel into an image, painted with
 * nearest-neighbour filtering. 3,000 x 3,000 tags cost what 30 do. */
static void
draw_cells_sampled (PmHeatmapRenderer     *self,
                    cairo_t               *cr,
                    const PmHeatmapModel  *model,
                    const PmHeatmapWindow *w)
{
  double sx = 1, sy = 0, scale;
  int iw, ih, stride;
  guint32 *row_px;
  guint8 *data;
  guint *cols;

  if (model->r == NULL && model->r_float == NULL)
    return;

  cairo_user_to_device_distance (cr, &sx, &sy);
  scale = CLAMP (MAX (hypot (sx, sy), self->scale), 1, 4);
  iw = (int) ceil (self->area.width * scale);
  ih = (int) ceil (self->area.height * scale);
  if (iw <= 0 || ih <= 0)
    return;

  if (self->cells == NULL ||
      cairo_image_surface_get_width (self->cells) != iw ||
      cairo_image_surface_get_height (self->cells) != ih)
    {
      g_clear_pointer (&self->cells, cairo_surface_destroy);
      self->cells = cairo_image_surface_create (CAIRO_FORMAT_RGB24, iw, ih);
    }

  cairo_surface_flush (self->cells);
  data = cairo_image_surface_get_data (self->cells);
  stride = cairo_image_surface_get_stride (self->cells);

  /* Which matrix column each pixel column shows, found once per frame;
   * then each pixel is one load and one table look-up. */
  cols = g_new (guint, iw);
  for (int x = 0; x < iw; x++)
    {
      double col = w->col0 + (x + 0.5) / (scale * self->cell);
      guint c = (guint) CLAMP (floor (col), 0, model->n - 1);

      cols[x] = model->order != NULL ? model->order[c] : c;
    }

  for (int y = 0; y < ih; y++)
    {
      double row = w->row0 + (y + 0.5) / (scale * self->cell);
      guint r = (guint) CLAMP (floor (row), 0, model->n - 1);
      gsize base = (gsize) (model->order != NULL ? model->order[r] : r) * model->n;

      row_px = (guint32 *) (data + (gsize) y * stride);
      if (y > 0 && (guint) CLAMP (floor (w->row0 + (y - 0.5) / (scale * self->cell)), 0,
                                  model->n - 1) == r)
        {
          /* Same matrix row as the pixel row above: copy it. */
          memcpy (row_px, data + (gsize) (y - 1) * stride, (gsize) iw * 4);
          continue;
        }

      if (model->r != NULL)
        {
          const double *src = model->r + base;

          for (int x = 0; x < iw; x++)
            row_px[x] = lut_color (self, src[cols[x]]);
        }
      else
        {
          const float *src = model->r_float + base;

          for (int x = 0; x < iw; x++)
            row_px[x] = lut_color (self, src[cols[x]]);
        }
    }
  g_free (cols);
  cairo_surface_mark_dirty (self->cells);

  cairo_save (cr);
  cairo_translate (cr, self->area.x, self->area.y);
  cairo_scale (cr, 1 / scale, 1 / scale);
  cairo_set_source_surface (cr, self->cells, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, iw, ih);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
set_lut_source (cairo_t *cr,
                guint32  px)
{
  cairo_set_source_rgb (cr, ((px >> 16) & 0xff) / 255.0, ((px >> 8) & 0xff) / 255.0,
                        (px & 0xff) / 255.0);
}

/* Big cells: rectangles with a hairline between them, a hatch on
 * undefined ones, and r printed in cells that can hold it. */
static void
draw_cells_rects (PmHeatmapRenderer     *self,
                  cairo_t               *cr,
                  const PmHeatmapModel  *model,
                  const PmHeatmapWindow *w)
{
  double cell = self->cell;
  double gap = cell >= PM_HEATMAP_GAP_MIN_CELL ? 1 : 0;
  guint r0 = (guint) floor (w->row0), c0 = (guint) floor (w->col0);
  guint r1 = (guint) MIN (model->n, ceil (w->row0 + w->n_rows));
  guint c1 = (guint) MIN (model->n, ceil (w->col0 + w->n_cols));

  cairo_save (cr);
  cairo_rectangle (cr, self->area.x, self->area.y, self->area.width, self->area.height);
  cairo_clip (cr);

  if (cell >= PM_HEATMAP_TEXT_MIN_CELL)
    _pm_draw_set_font (cr, MIN (PM_DRAW_FONT_SIZE, cell / 3.4), FALSE);

  for (guint r = r0; r < r1; r++)
    for (guint c = c0; c < c1; c++)
      {
        double v = pm_heatmap_model_get (model, r, c);
        double x = self->area.x + (c - w->col0) * cell;
        double y = self->area.y + (r - w->row0) * cell;
        guint32 px = lut_color (self, v);

        cairo_rectangle (cr, x, y, cell - gap, cell - gap);
        set_lut_source (cr, px);
        cairo_fill (cr);

        if (isnan (v) && cell >= 8)
          {
            /* Hatched, so "undefined" never passes for a weak r. */
            cairo_save (cr);
            cairo_rectangle (cr, x, y, cell - gap, cell - gap);
            cairo_clip (cr);
            for (double d = -cell; d < cell; d += 6)
              {
                cairo_move_to (cr, x + d, y + cell);
                cairo_line_to (cr, x + d + cell, y);
              }
            cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
            cairo_set_line_width (cr, 1.5);
            cairo_stroke (cr);
            cairo_restore (cr);
          }

        if (cell >= PM_HEATMAP_TEXT_MIN_CELL)
          {
            char text[16];
            double lum = 0.2126 * ((px >> 16) & 0xff) + 0.7152 * ((px >> 8) & 0xff) +
                         0.0722 * (px & 0xff);

            if (isnan (v))
              g_strlcpy (text, "n/a", sizeof text);
            else
              /* No "-0.00" for an r that rounds to zero. */
              g_snprintf (text, sizeof text, "%.2f", fabs (v) < 0.005 ? 0.0 : v);
            if (lum < 140)
              cairo_set_source_rgb (cr, 1, 1, 1);
            else
              cairo_set_source_rgb (cr, 0.13, 0.13, 0.13);
            _pm_draw_text (cr, x + (cell - gap) / 2, y + (cell - gap) / 2, text, 0.5, 0.5);
          }
      }

  cairo_restore (cr);
}

/* Labels every k-th row and column, k chosen so they never overlap. */
static void
draw_labels (PmHeatmapRenderer     *self,
             cairo_t               *cr,
             const PmHeatmapModel  *model,
             const PmHeatmapWindow *w,
             double                 font)
{
  double cell = self->cell;
  guint every = (guint) MAX (1, ceil ((font + 2) / cell));
  guint r0 = (guint) floor (w->row0), c0 = (guint) floor (w->col0);
  guint r1 = (guint) MIN (model->n, ceil (w->row0 + w->n_rows));
  guint c1 = (guint) MIN (model->n, ceil (w->col0 + w->n_cols));

  _pm_draw_set_font (cr, font, FALSE);
  _pm_draw_set_color (cr, &self->theme->text);

  for (guint r = (r0 + every - 1) / every * every; r < r1; r += every)
    {
      double y = self->area.y + (r + 0.5 - w->row0) * cell;
      g_autofree char *label = _pm_draw_ellipsize (cr, _pm_heatmap_label_of (model, r),
                                                   PM_HEATMAP_LABEL_MAX_WIDTH);

      if (y < self->area.y || y > self->area.y + self->area.height)
        continue;
      _pm_draw_text (cr, self->area.x - 6, y, label, 1, 0.5);
    }

  for (guint c = (c0 + every - 1) / every * every; c < c1; c += every)
    {
      double x = self->area.x + (c + 0.5 - w->col0) * cell;
      g_autofree char *label = _pm_draw_ellipsize (cr, _pm_heatmap_label_of (model, c),
                                                   PM_HEATMAP_LABEL_MAX_WIDTH);

      if (x < self->area.x || x > self->area.x + self->area.width)
        continue;
      /* Upwards from just above the matrix. */
      cairo_save (cr);
      cairo_translate (cr, x, self->area.y - 6);
      cairo_rotate (cr, -G_PI / 2);
      _pm_draw_text (cr, 0, 0, label, 0, 0.5);
      cairo_restore (cr);
    }
}

static void
draw_color_bar (PmHeatmapRenderer *self,
                cairo_t           *cr)
{
  const PmRect *b = &self->bar;
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, b->y + b->height, 0, b->y);

  for (guint i = 0; i < G_N_ELEMENTS (rdbu); i++)
    {
      guint32 c = rdbu[i];

      cairo_pattern_add_color_stop_rgb (gradient, (double) i / (G_N_ELEMENTS (rdbu) - 1),
                                        ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0,
                                        (c & 0xff) / 255.0);
    }
  cairo_rectangle (cr, b->x, b->y, b->width, b->height);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  cairo_rectangle (cr, b->x + 0.5, b->y + 0.5, b->width - 1, b->height - 1);
  _pm_draw_set_color (cr, &self->theme->axis);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE_SMALL, FALSE);
  for (int i = -4; i <= 4; i++)
    {
      double v = i / 4.0;
      double y = _pm_draw_snap (b->y + b->height * (1 - v) / 2);
      char text[8];

      cairo_move_to (cr, b->x + b->width, y);
      cairo_line_to (cr, b->x + b->width + 4, y);
      _pm_draw_set_color (cr, &self->theme->axis);
      cairo_stroke (cr);
      if (i % 2 != 0)
        continue;
      g_snprintf (text, sizeof text, "%g", v);
      _pm_draw_set_color (cr, &self->theme->text);
      _pm_draw_text (cr, b->x + b->width + 7, y, text, 0, 0.5);
    }

  /* The undefined swatch under the bar. */
  cairo_rectangle (cr, b->x, b->y + b->height + 12, b->width, b->width);
  _pm_draw_set_color (cr, &self->theme->missing);
  cairo_fill (cr);
  _pm_draw_set_color (cr, &self->theme->text);
  _pm_draw_text (cr, b->x + b->width + 7, b->y + b->height + 12 + b->width / 2, "n/a", 0, 0.5);

  _pm_draw_set_color (cr, &self->theme->text_dim);
  _pm_draw_text (cr, b->x + b->width / 2, b->y - 8, "r", 0.5, 1);
}

/**
 * pm_heatmap_renderer_draw:
 * @self: a renderer
 * @cr: where to draw, (0, 0) at the top left
 * @width: the view's width in pixels
 * @height: its height
 * @model: the matrix
 * @window: (nullable): the rows and columns to show; %NULL for all
 *
 * Draws the cells of @window as squares as large as fit, tag labels
 * (every n-th when cells are smaller than the text), a colour bar and r in
 * each cell when cells are big enough to hold it.
 */
void
pm_heatmap_renderer_draw (PmHeatmapRenderer     *self,
                          cairo_t               *cr,
                          int                    width,
                          int                    height,
                          const PmHeatmapModel  *model,
                          const PmHeatmapWindow *window)
{
  PmHeatmapWindow w;
  double top, left, right, bottom = PM_DRAW_PAD, label_w = 0, font, aw, ah;
  guint step;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);

  ensure_lut (self);
  cairo_save (cr);
  top = _pm_draw_background_and_title (cr, self->theme, model->title, 8);

  if (model->n == 0)
    {
      self->have_frame = FALSE;
      _pm_draw_set_font (cr, PM_DRAW_FONT_SIZE, FALSE);
      _pm_draw_set_color (cr, &self->theme->text_dim);
      _pm_draw_text (cr, width / 2.0, height / 2.0, "No tags to correlate", 0.5, 0.5);
      cairo_restore (cr);
      return;
    }

  if (window != NULL)
    w = *window;
  else
    pm_heatmap_window_init_full (&w, model->n);
  w.n_rows = CLAMP (w.n_rows, 1, model->n);
  w.n_cols = CLAMP (w.n_cols, 1, model->n);
  w.row0 = CLAMP (w.row0, 0, model->n - w.n_rows);
  w.col0 = CLAMP (w.col0, 0, model->n - w.n_cols);

  /* Label room from the longest label that can show (bounded, so a long
   * name does not squeeze the matrix). */
  font = PM_DRAW_FONT_SIZE_SMALL;
  _pm_draw_set_font (cr, font, FALSE);
  /* Measuring thousands of labels would cost more than the cells: a few
   * hundred evenly spread tell the width well enough. */
  step = (guint) MAX (1, MAX (w.n_rows, w.n_cols) / 200);
  for (guint i = (guint) w.row0; i < MIN (model->n, (guint) ceil (w.row0 + w.n_rows)); i += step)
    label_w = MAX (label_w, _pm_draw_text_width (cr, _pm_heatmap_label_of (model, i)));
  for (guint i = (guint) w.col0; i < MIN (model->n, (guint) ceil (w.col0 + w.n_cols)); i += step)
    label_w = MAX (label_w, _pm_draw_text_width (cr, _pm_heatmap_label_of (model, i)));
  label_w = MIN (label_w, PM_HEATMAP_LABEL_MAX_WIDTH);

  left = PM_DRAW_PAD + label_w + 8;
  top += label_w + 8;
  right = PM_DRAW_PAD + PM_HEATMAP_BAR_WIDTH + 44;
  aw = width - left - right;
  ah = height - top - bottom;
  self->cell = MAX (0.05, MIN (aw / w.n_cols, ah / w.n_rows));

  self->area.x = floor (left);
  self->area.y = floor (top);
  self->area.width = self->cell * w.n_cols;
  self->area.height = self->cell * w.n_rows;
  self->window = w;
  self->n = model->n;
  self->have_frame = TRUE;

  self->bar.x = floor (self->area.x + self->area.width + 20);
  self->bar.y = self->area.y + 14;
  self->bar.width = PM_HEATMAP_BAR_WIDTH;
  self->bar.height = MAX (40, MIN (self->area.height - 50, 320));

  if (self->cell >= PM_HEATMAP_RECT_MIN_CELL)
    draw_cells_rects (self, cr, model, &w);
  else
    draw_cells_sampled (self, cr, model, &w);

  font = CLAMP (self->cell * 0.8, 9, PM_DRAW_FONT_SIZE_SMALL);
  draw_labels (self, cr, model, &w, font);
  draw_color_bar (self, cr);

  cairo_restore (cr);
}
