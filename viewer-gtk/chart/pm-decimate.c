/* pm-decimate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-decimate.h"

#include <math.h>

/**
 * pm_decimate_lower_bound:
 * @times: ascending times
 * @n: how many
 * @t: a time
 *
 * Returns: the first index whose time is >= @t, or @n
 */
gsize
pm_decimate_lower_bound (const gint64 *times,
                         gsize         n,
                         double        t)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if ((double) times[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gsize
upper_bound (const gint64 *times,
             gsize         n,
             double        t)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if ((double) times[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/**
 * pm_decimate_visible:
 * @times: ascending times
 * @n: how many
 * @t0: start of the visible range
 * @t1: end of the visible range
 * @first: (out): first index to draw
 * @end: (out): one past the last index to draw
 *
 * The samples inside [@t0, @t1] plus one on each side, so that the line
 * runs on to the plot's edges instead of stopping at the last sample
 * inside. Found by binary search: zooming into a month costs nothing.
 */
void
pm_decimate_visible (const gint64 *times,
                     gsize         n,
                     double        t0,
                     double        t1,
                     gsize        *first,
                     gsize        *end)
{
  gsize a = pm_decimate_lower_bound (times, n, t0);
  gsize b = upper_bound (times, n, t1);

  *first = a > 0 ? a - 1 : 0;
  *end = b < n ? b + 1 : n;
  if (*end < *first)
    *end = *first;
}

/**
 * pm_decimate_max_points:
 * @first: as from pm_decimate_visible()
 * @end: as from pm_decimate_visible()
 * @width_px: the plot's width in pixels
 *
 * Returns: an output length that pm_decimate_minmax() never exceeds for
 *   these samples on a plot this wide
 */
gsize
pm_decimate_max_points (gsize  first,
                        gsize  end,
                        double width_px)
{
  gsize by_data = 2 * (end - first) + 1;
  gsize by_width = 9 * ((gsize) ceil (MAX (width_px, 0)) + 4);

  return MIN (by_data, by_width);
}

typedef struct
{
  gsize  idx[4];   /* first, min, max, last */
  double x[4];
  double y[4];
  gboolean open;
} Column;

static gsize
emit (PmPoint *out,
      gsize    n_out,
      gsize    out_len,
      double   x,
      double   y)
{
  if (n_out < out_len)
    {
      out[n_out].x = x;
      out[n_out].y = y;
      n_out++;
    }

  return n_out;
}

/* Writes a column's points in time order, each sample once. */
static gsize
flush_column (Column  *col,
              PmPoint *out,
              gsize    n_out,
              gsize    out_len)
{
  int order[4] = { 0, 1, 2, 3 };
  gsize last_idx = G_MAXSIZE;

  if (!col->open)
    return n_out;

  /* Sort min and max by time; first is always first and last last. */
  if (col->idx[2] < col->idx[1])
    {
      order[1] = 2;
      order[2] = 1;
    }

  for (int i = 0; i < 4; i++)
    {
      int k = order[i];

      if (col->idx[k] == last_idx)
        continue;
      last_idx = col->idx[k];
      n_out = emit (out, n_out, out_len, col->x[k], col->y[k]);
    }

  col->open = FALSE;

  return n_out;
}

/**
 * pm_decimate_minmax:
 * @times: ascending times
 * @values: the values; NaN is a gap
 * @first: first index to use
 * @end: one past the last
 * @xmap: maps a time to a device x
 * @out: (out caller-allocates): the points to draw
 * @out_len: room in @out; pm_decimate_max_points() is always enough
 *
 * Keeps, per pixel column, the first, lowest, highest and last sample in
 * time order, each at its own x. A gap (NaN) ends the line and is written
 * as a NaN point; within one column only the first gap is kept, since a
 * narrower gap than a pixel cannot be seen anyway.
 *
 * Returns: how many points were written to @out
 */
gsize
pm_decimate_minmax (const gint64    *times,
                    const double    *values,
                    gsize            first,
                    gsize            end,
                    const PmAxisMap *xmap,
                    PmPoint         *out,
                    gsize            out_len)
{
  Column col = { .open = FALSE };
  double column = -HUGE_VAL;
  gboolean gap_in_column = FALSE;
  gboolean last_was_gap = TRUE;
  gsize n_out = 0;

  for (gsize i = first; i < end; i++)
    {
      double x = xmap->a + xmap->b * (double) times[i];
      double c = floor (x);
      double y = values[i];

      if (c != column)
        {
          n_out = flush_column (&col, out, n_out, out_len);
          column = c;
          gap_in_column = FALSE;
        }

      if (isnan (y))
        {
          if (!gap_in_column && !last_was_gap)
            {
              n_out = flush_column (&col, out, n_out, out_len);
              n_out = emit (out, n_out, out_len, x, NAN);
              gap_in_column = TRUE;
              last_was_gap = TRUE;
            }
          continue;
        }

      last_was_gap = FALSE;
      if (!col.open)
        {
          for (int k = 0; k < 4; k++)
            {
              col.idx[k] = i;
              col.x[k] = x;
              col.y[k] = y;
            }
          col.open = TRUE;
          continue;
        }

      if (y < col.y[1])
        {
          col.idx[1] = i;
          col.x[1] = x;
          col.y[1] = y;
        }
      if (y > col.y[2])
        {
          col.idx[2] = i;
          col.x[2] = x;
          col.y[2] = y;
        }
      col.idx[3] = i;
      col.x[3] = x;
      col.y[3] = y;
    }

  return flush_column (&col, out, n_out, out_len);
}

/**
 * pm_decimate_value_range:
 * @times: ascending times
 * @values: the values; NaN is skipped
 * @n: how many
 * @t0: start of the range
 * @t1: end of the range
 * @positive_only: skip values <= 0 (for a log axis)
 * @lo: (out): the lowest value inside [@t0, @t1]
 * @hi: (out): the highest
 *
 * Returns: %FALSE when no value qualifies (@lo and @hi are untouched)
 */
gboolean
pm_decimate_value_range (const gint64 *times,
                         const double *values,
                         gsize         n,
                         double        t0,
                         double        t1,
                         gboolean      positive_only,
                         double       *lo,
                         double       *hi)
{
  gsize a = pm_decimate_lower_bound (times, n, t0);
  gsize b = upper_bound (times, n, t1);
  double vmin = HUGE_VAL, vmax = -HUGE_VAL;

  for (gsize i = a; i < b; i++)
    {
      double v = values[i];

      /* NaN fails both comparisons, so gaps fall out on their own. */
      if (positive_only && !(v > 0))
        continue;
      if (v < vmin)
        vmin = v;
      if (v > vmax)
        vmax = v;
    }

  if (vmin > vmax)
    return FALSE;

  *lo = vmin;
  *hi = vmax;

  return TRUE;
}

/**
 * pm_decimate_nearest:
 * @times: ascending times
 * @n: how many (may be 0)
 * @t: a time
 * @index: (out): the index of the sample nearest to @t (the earlier on a tie)
 *
 * Returns: %FALSE when @n is 0
 */
gboolean
pm_decimate_nearest (const gint64 *times,
                     gsize         n,
                     double        t,
                     gsize        *index)
{
  gsize i;

  if (n == 0)
    return FALSE;

  i = pm_decimate_lower_bound (times, n, t);
  if (i == n)
    i = n - 1;
  else if (i > 0 && t - (double) times[i - 1] <= (double) times[i] - t)
    i--;

  *index = i;

  return TRUE;
}
