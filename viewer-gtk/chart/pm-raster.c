/* pm-raster.c: a fast rasteriser for dense time-series lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cairo 1.16 strokes a month of minutes (25 lines of ~6,000 decimated
 * points zig-zagging up and down each pixel column) in about 250 ms: its
 * stroker turns every segment into a polygon and then scan-converts them
 * all. Lines of a time series are x-monotone, which allows something far
 * cheaper: per pixel column, the span of y the line sweeps there, widened
 * by half the line width, painted top to bottom with fractional coverage
 * at both ends (and at the sides of steep segments). That is exactly what
 * a min/max decimated line looks like, costs one pass over the columns,
 * and antialiases the way Cairo's own lines do. Dashes are taken along
 * the column-wise arc length, so they look the same as stroked ones.
 */
#include "pm-raster-private.h"

#include <math.h>
#include <string.h>

void
_pm_raster_init (PmRaster *raster,
                 guint8   *data,
                 int       width,
                 int       height,
                 int       stride)
{
  raster->data = data;
  raster->width = width;
  raster->height = height;
  raster->stride = stride;

  if (raster->n_columns < width)
    {
      raster->n_columns = width;
      raster->ymin = g_renew (float, raster->ymin, width);
      raster->ymax = g_renew (float, raster->ymax, width);
      raster->xmin = g_renew (float, raster->xmin, width);
      raster->xmax = g_renew (float, raster->xmax, width);
    }
}

void
_pm_raster_clear (PmRaster *raster)
{
  g_clear_pointer (&raster->ymin, g_free);
  g_clear_pointer (&raster->ymax, g_free);
  g_clear_pointer (&raster->xmin, g_free);
  g_clear_pointer (&raster->xmax, g_free);
  raster->n_columns = 0;
}

/* Records what part of a centre-line segment lies within reach of each
 * column: the columns [c - hx, c + 1 + hx] interval, hx being how far
 * sideways the line's width reaches. */
static void
sweep_segment (PmRaster *r,
               double    xa,
               double    ya,
               double    xb,
               double    yb,
               double    hx,
               int      *c_lo,
               int      *c_hi)
{
  int c0 = (int) floor (xa - hx);
  int c1 = (int) floor (xb + hx);
  double m = xb > xa ? (yb - ya) / (xb - xa) : 0;

  c0 = MAX (c0, 0);
  c1 = MIN (c1, r->width - 1);
  *c_lo = MIN (*c_lo, c0);
  *c_hi = MAX (*c_hi, c1);

  for (int c = c0; c <= c1; c++)
    {
      double u0 = MAX (xa, c - hx);
      double u1 = MIN (xb, c + 1 + hx);
      double y0, y1;

      if (u1 < u0)
        continue;
      if (xb > xa)
        {
          y0 = ya + (u0 - xa) * m;
          y1 = ya + (u1 - xa) * m;
        }
      else
        {
          y0 = ya;
          y1 = yb;
        }
      if (y0 > y1)
        {
          double t = y0;

          y0 = y1;
          y1 = t;
        }

      if (y0 < r->ymin[c])
        r->ymin[c] = (float) y0;
      if (y1 > r->ymax[c])
        r->ymax[c] = (float) y1;
      if (u0 < r->xmin[c])
        r->xmin[c] = (float) u0;
      if (u1 > r->xmax[c])
        r->xmax[c] = (float) u1;
    }
}

/* Source-over of a premultiplied colour at 0..256 coverage. */
static inline void
blend (guint8  *px,
       guint32  sr,
       guint32  sg,
       guint32  sb,
       guint32  sa,
       guint32  cov)
{
  guint32 *p = (guint32 *) px;
  guint32 d = *p;
  guint32 a = (sa * cov) >> 8;
  guint32 inv = 255 - a;
  guint32 rb = ((d & 0x00ff00ff) * inv + 0x00800080);
  guint32 ag = (((d >> 8) & 0x00ff00ff) * inv + 0x00800080);

  /* d * (255 - a) / 255 for two channels at a time. */
  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = ((ag + ((ag >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;

  *p = ((ag << 8) | rb) +
       ((a << 24) | (((sr * cov) >> 8) << 16) | (((sg * cov) >> 8) << 8) | ((sb * cov) >> 8));
}

static inline guint32
coverage (double top,
          double bottom,
          double xcov)
{
  guint32 cov = (guint32) ((bottom - top) * xcov * 256 + 0.5);

  return MIN (cov, 256);
}

static void
paint_span (PmRaster      *r,
            int            c,
            double         y0,
            double         y1,
            double         xcov,
            const guint32  rgba[4])
{
  int row0, row1;
  guint32 full, cov;
  guint8 *px;

  y0 = MAX (y0, 0);
  y1 = MIN (y1, r->height);
  if (y1 <= y0 || xcov <= 0)
    return;

  row0 = (int) floor (y0);
  row1 = (int) ceil (y1) - 1;
  px = r->data + (gsize) row0 * r->stride + (gsize) c * 4;

  if (row0 == row1)
    {
      cov = coverage (y0, y1, xcov);
      if (cov > 0)
        blend (px, rgba[0], rgba[1], rgba[2], rgba[3], cov);
      return;
    }

  /* The partly covered ends, then the inside at one coverage: for an
   * opaque colour fully covering, a plain store. */
  cov = coverage (y0, row0 + 1, xcov);
  if (cov > 0)
    blend (px, rgba[0], rgba[1], rgba[2], rgba[3], cov);
  px += r->stride;

  full = coverage (0, 1, xcov);
  if (full == 256 && rgba[3] == 255)
    {
      guint32 solid = 0xff000000u | (rgba[0] << 16) | (rgba[1] << 8) | rgba[2];

      for (int row = row0 + 1; row < row1; row++, px += r->stride)
        *(guint32 *) px = solid;
    }
  else
    for (int row = row0 + 1; row < row1; row++, px += r->stride)
      blend (px, rgba[0], rgba[1], rgba[2], rgba[3], full);

  cov = coverage (row1, y1, xcov);
  if (cov > 0)
    blend (px, rgba[0], rgba[1], rgba[2], rgba[3], cov);
}

static void
line_begin (PmRaster *raster)
{
  for (int c = 0; c < raster->width; c++)
    {
      raster->ymin[c] = HUGE_VALF;
      raster->ymax[c] = -HUGE_VALF;
      raster->xmin[c] = HUGE_VALF;
      raster->xmax[c] = -HUGE_VALF;
    }
}

/* Paints the columns' spans, skipping the columns a dash pattern leaves
 * out, measured along the line. */
static void
line_end (PmRaster     *raster,
          int           c_lo,
          int           c_hi,
          double        width,
          PmLineStyle   line_style,
          const PmRgba *color)
{
  double hw = width / 2, hx = hw / 2;
  double on = 0, period = 0, phase = 0, prev_mid = NAN;
  guint32 rgba[4];

  rgba[3] = (guint32) CLAMP (color->alpha * 255 + 0.5, 0, 255);
  rgba[0] = (guint32) CLAMP (color->red * color->alpha * 255 + 0.5, 0, 255);
  rgba[1] = (guint32) CLAMP (color->green * color->alpha * 255 + 0.5, 0, 255);
  rgba[2] = (guint32) CLAMP (color->blue * color->alpha * 255 + 0.5, 0, 255);

  if (line_style == PM_LINE_STYLE_DASHED)
    {
      on = 4 * width + 2;
      period = on + 2 * width + 1;
    }
  else if (line_style == PM_LINE_STYLE_DOTTED)
    {
      on = MAX (width, 1.0);
      period = on + 2 * width + 1;
    }

  for (int c = MAX (c_lo, 0); c <= MIN (c_hi, raster->width - 1); c++)
    {
      double y0 = raster->ymin[c], y1 = raster->ymax[c];
      double xcov;

      if (y0 > y1)
        {
          prev_mid = NAN;
          continue;
        }

      if (period > 0)
        {
          double mid = (y0 + y1) / 2;

          /* The dash phase advances by the line's length in this column. */
          phase += isnan (prev_mid) ? 1 : sqrt (1 + (mid - prev_mid) * (mid - prev_mid));
          if (phase >= period)
            phase = fmod (phase, period);
          prev_mid = mid;
          if (phase >= on)
            continue;
        }

      xcov = MIN (c + 1.0, raster->xmax[c] + hx) - MAX ((double) c, raster->xmin[c] - hx);
      paint_span (raster, c, y0 - hw, y1 + hw, MIN (xcov, 1.0), rgba);
    }
}

/**
 * _pm_raster_polyline:
 * @points: x-monotone points in the raster's pixels; a NaN y breaks the line
 * @width: line width in pixels
 *
 * Draws the line source-over. Points far outside the raster are fine.
 */
void
_pm_raster_polyline (PmRaster      *raster,
                     const PmPoint *points,
                     gsize          n_points,
                     double         width,
                     PmLineStyle    line_style,
                     const PmRgba  *color)
{
  /* Half the half-width sideways: a square brush of the full width would
   * make 45-degree lines 40 % bolder than flat ones; this keeps them
   * within a few percent and steep lines still about @width wide. */
  double hx = width / 4;
  int c_lo = G_MAXINT, c_hi = -1;
  gsize i = 0;

  if (raster->width <= 0 || raster->height <= 0 || n_points == 0)
    return;

  line_begin (raster);

  while (i < n_points)
    {
      gsize run_end;

      if (isnan (points[i].y))
        {
          i++;
          continue;
        }

      for (run_end = i + 1; run_end < n_points && !isnan (points[run_end].y); run_end++)
        ;

      if (run_end == i + 1)
        sweep_segment (raster, points[i].x, points[i].y, points[i].x, points[i].y, hx,
                       &c_lo, &c_hi);
      for (gsize k = i; k + 1 < run_end; k++)
        {
          const PmPoint *a = &points[k], *b = &points[k + 1];

          if (b->x >= a->x)
            sweep_segment (raster, a->x, a->y, b->x, b->y, hx, &c_lo, &c_hi);
          else
            sweep_segment (raster, b->x, b->y, a->x, a->y, hx, &c_lo, &c_hi);
        }

      i = run_end;
    }

  line_end (raster, c_lo, c_hi, width, line_style, color);
}

static inline double
value_to_y (const PmAxisMap *ymap,
            double           v)
{
  double y = ymap->a + ymap->b * (ymap->log ? log10 (v) : v);

  return CLAMP (y, -1e6, 1e6);
}

/* Column @c's samples span @vmin..@vmax and x from @x to @x_end: what the
 * column covers grows to hold them (nothing outside the raster). */
static inline void
column_span (PmRaster        *raster,
             int              c,
             double           x,
             double           x_end,
             const PmAxisMap *ymap,
             double           vmin,
             double           vmax,
             int             *c_lo,
             int             *c_hi)
{
  double y0 = value_to_y (ymap, vmin), y1 = value_to_y (ymap, vmax);

  if (c < 0 || c >= raster->width)
    return;
  raster->ymin[c] = MIN (raster->ymin[c], (float) MIN (y0, y1));
  raster->ymax[c] = MAX (raster->ymax[c], (float) MAX (y0, y1));
  raster->xmin[c] = MIN (raster->xmin[c], (float) x);
  raster->xmax[c] = MAX (raster->xmax[c], (float) x_end);
  *c_lo = MIN (*c_lo, c);
  *c_hi = MAX (*c_hi, c);
}

/**
 * _pm_raster_series:
 * @times: the series' sample times
 * @values: its values; NaN (and on a log map, values <= 0) are gaps
 * @first: first sample to draw
 * @end: one past the last
 * @xmap: time to the raster's x pixels
 * @ymap: value to the raster's y pixels
 * @width: line width in pixels
 *
 * Draws a series straight from its samples, decimating on the way: per
 * pixel column only the lowest and highest value count, plus the line
 * from the previous column's last sample to the column's first. Every
 * sample is read once with a compare or two; the column boundaries are
 * times, so no sample needs its x computed. This is the same picture as
 * pm_decimate_minmax() followed by _pm_raster_polyline(), at a third of
 * the cost.
 */
void
_pm_raster_series (PmRaster        *raster,
                   const gint64    *times,
                   const double    *values,
                   gsize            first,
                   gsize            end,
                   const PmAxisMap *xmap,
                   const PmAxisMap *ymap,
                   double           width,
                   PmLineStyle      line_style,
                   const PmRgba    *color)
{
  double hx = width / 4;
  int c_lo = G_MAXINT, c_hi = -1;
  gboolean connect = FALSE;
  double prev_x = 0, prev_y = 0;
  gsize j = first;

  if (raster->width <= 0 || raster->height <= 0 || end <= first)
    return;

  line_begin (raster);

  while (j < end)
    {
      double x = xmap->a + xmap->b * (double) times[j];
      double cf = floor (x);
      /* The first time of the next column. */
      double tb = (cf + 1 - xmap->a) / xmap->b;
      double vmin = HUGE_VAL, vmax = -HUGE_VAL, last_v = 0;
      gint64 last_t = 0;
      int c = (int) CLAMP (cf, -2, raster->width + 1);

      do
        {
          double v = values[j];

          if (isnan (v) || (ymap->log && !(v > 0)))
            connect = FALSE;
          else
            {
              if (vmin > vmax && connect)
                {
                  /* The column's first sample: the line coming in. */
                  double fx = xmap->a + xmap->b * (double) times[j];
                  double fy = value_to_y (ymap, v);

                  sweep_segment (raster, prev_x, prev_y, fx, fy, hx, &c_lo, &c_hi);
                }
              if (v < vmin)
                vmin = v;
              if (v > vmax)
                vmax = v;
              last_v = v;
              last_t = times[j];
              connect = TRUE;
            }
          j++;
        }
      while (j < end && (double) times[j] < tb);

      if (vmin > vmax)
        continue;

      column_span (raster, c, x, xmap->a + xmap->b * (double) last_t, ymap, vmin, vmax,
                   &c_lo, &c_hi);

      prev_x = xmap->a + xmap->b * (double) last_t;
      prev_y = value_to_y (ymap, last_v);
    }

  line_end (raster, c_lo, c_hi, width, line_style, color);
}

/* Columns with fewer samples than this are read sample by sample. */
#define PM_RASTER_LOD_MIN 48

/* The first index after @j whose time is not before @tb, by galloping
 * from @j: a column of k samples costs O(log k) reads of @times. */
static gsize
column_end (const gint64 *times,
            gsize         j,
            gsize         end,
            double        tb)
{
  gsize lo = j + 1, hi, step = 1;

  for (;;)
    {
      if (lo >= end || end - lo < step)
        {
          hi = end;
          break;
        }
      hi = lo + step - 1;
      if ((double) times[hi] >= tb)
        break;
      lo = hi + 1;
      step *= 2;
    }

  return lo + pm_decimate_lower_bound (times + lo, hi - lo, tb);
}

/**
 * _pm_raster_series_lod:
 * @lod: the levels of detail of @values (pm_lod_new() on them)
 *
 * What _pm_raster_series() draws, pixel for pixel, but each pixel column
 * is read through @lod: its first and last usable sample and its extremes
 * come from a few buckets, not from every sample in it. A frame over
 * three months then costs about what it costs over two days; zoomed in,
 * where a column holds a sample or two, the samples are read directly.
 */
void
_pm_raster_series_lod (PmRaster        *raster,
                       const gint64    *times,
                       const double    *values,
                       const PmLod     *lod,
                       gsize            first,
                       gsize            end,
                       const PmAxisMap *xmap,
                       const PmAxisMap *ymap,
                       double           width,
                       PmLineStyle      line_style,
                       const PmRgba    *color)
{
  double hx = width / 4;
  int c_lo = G_MAXINT, c_hi = -1;
  gboolean connect = FALSE;
  gboolean pos = ymap->log;
  double prev_x = 0, prev_y = 0;
  gsize j = first, guess = 1;

  if (raster->width <= 0 || raster->height <= 0 || end <= first)
    return;

  end = MIN (end, pm_lod_get_n_values (lod));
  line_begin (raster);

  while (j < end)
    {
      double x = xmap->a + xmap->b * (double) times[j];
      double cf = floor (x);
      double tb = (cf + 1 - xmap->a) / xmap->b;
      gsize j1;
      int c = (int) CLAMP (cf, -2, raster->width + 1);
      double vmin, vmax;
      gsize f, l;

      /* Sampled evenly, a column holds about as many samples as the one
       * before: a few reads of @times find its end, else a search. */
      j1 = MIN (j + guess, end);
      for (int step = 0; step < 3 && j1 < end && (double) times[j1] < tb; step++)
        j1++;
      for (int step = 0; step < 3 && j1 > j + 1 && (double) times[j1 - 1] >= tb; step++)
        j1--;
      if (!((j1 == end || (double) times[j1] >= tb) && (j1 == j + 1 || (double) times[j1 - 1] < tb)))
        j1 = column_end (times, j, end, tb);
      guess = j1 - j;

      /* Its first and last usable sample and its extremes: read directly
       * while that is cheaper than the buckets' bookkeeping. */
      if (j1 - j < PM_RASTER_LOD_MIN)
        {
          f = l = G_MAXSIZE;
          vmin = HUGE_VAL;
          vmax = -HUGE_VAL;
          for (gsize i = j; i < j1; i++)
            {
              double v = values[i];

              if (isnan (v) || (pos && !(v > 0)))
                continue;
              if (f == G_MAXSIZE)
                f = i;
              l = i;
              if (v < vmin)
                vmin = v;
              if (v > vmax)
                vmax = v;
            }
        }
      else if (!pm_lod_first_valid (lod, j, j1, pos, &f))
        f = G_MAXSIZE;
      else
        {
          if (!pm_lod_last_valid (lod, f, j1, pos, &l))
            l = f;
          if (!pm_lod_range (lod, f, l + 1, pos, &vmin, &vmax))
            vmin = vmax = values[f];
        }

      if (f == G_MAXSIZE)
        {
          connect = FALSE;
          j = j1;
          continue;
        }
      /* The line comes in only from the sample just before, in the column
       * before. */
      if (connect && f == j)
        sweep_segment (raster, prev_x, prev_y, xmap->a + xmap->b * (double) times[f],
                       value_to_y (ymap, values[f]), hx, &c_lo, &c_hi);

      column_span (raster, c, x, xmap->a + xmap->b * (double) times[l], ymap, vmin, vmax,
                   &c_lo, &c_hi);

      prev_x = xmap->a + xmap->b * (double) times[l];
      prev_y = value_to_y (ymap, values[l]);
      connect = l == j1 - 1;
      j = j1;
    }

  line_end (raster, c_lo, c_hi, width, line_style, color);
}
