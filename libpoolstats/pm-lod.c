/* pm-lod.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Level k (1-based) has one bucket per PM_LOD_BASE * PM_LOD_FACTOR^(k-1)
 * samples, whole buckets only (the tail of a series that does not fill a
 * bucket is read raw). Each bucket is 32 bytes: about 5 bytes per sample in
 * all, beside the 8 of the samples themselves. A query walks from its
 * first sample to its end taking, at each position, the coarsest bucket
 * that starts there and ends inside the span; level 0 is the raw sample.
 */
#include "pm-lod.h"

#include <math.h>

#define MAX_LEVELS 24

typedef struct
{
  double  min;      /* over the samples that are not NaN */
  double  max;
  double  min_pos;  /* over the samples > 0 */
  guint32 n_nan;
  guint32 n_pos;
} Bucket;

typedef struct
{
  Bucket *buckets;
  gsize   n;
  gsize   step;
} Level;

struct _PmLod
{
  const double *values;
  gsize         n;
  guint         n_levels;
  Level         levels[MAX_LEVELS];
};

static inline gboolean
usable (double   v,
        gboolean positive_only)
{
  return positive_only ? v > 0 : !isnan (v);
}

static inline guint32
bucket_count (const Bucket *b,
              gsize         step,
              gboolean      positive_only)
{
  return positive_only ? b->n_pos : (guint32) (step - b->n_nan);
}

static inline double
bucket_min (const Bucket *b,
            gboolean      positive_only)
{
  return positive_only ? b->min_pos : b->min;
}

/**
 * pm_lod_new:
 * @values: (array length=n): the series; NaN is a gap; borrowed, it must
 *   outlive the levels and not change
 * @n: how many
 *
 * Builds every level in one pass over @values and one over each level.
 *
 * Returns: (transfer full): the levels of detail of @values
 */
PmLod *
pm_lod_new (const double *values,
            gsize         n)
{
  PmLod *lod = g_new0 (PmLod, 1);
  gsize step = PM_LOD_BASE;

  g_return_val_if_fail (values != NULL || n == 0, lod);

  lod->values = values;
  lod->n = n;

  while (lod->n_levels < MAX_LEVELS && n / step >= 2)
    {
      Level *level = &lod->levels[lod->n_levels];
      Level *below = lod->n_levels > 0 ? &lod->levels[lod->n_levels - 1] : NULL;

      level->step = step;
      level->n = n / step;
      level->buckets = g_new (Bucket, level->n);

      for (gsize i = 0; i < level->n; i++)
        {
          Bucket b = { HUGE_VAL, -HUGE_VAL, HUGE_VAL, 0, 0 };

          if (below == NULL)
            for (gsize j = i * step; j < (i + 1) * step; j++)
              {
                double v = values[j];

                if (isnan (v))
                  {
                    b.n_nan++;
                    continue;
                  }
                if (v < b.min)
                  b.min = v;
                if (v > b.max)
                  b.max = v;
                if (v > 0)
                  {
                    b.n_pos++;
                    if (v < b.min_pos)
                      b.min_pos = v;
                  }
              }
          else
            for (gsize j = i * PM_LOD_FACTOR; j < (i + 1) * PM_LOD_FACTOR; j++)
              {
                const Bucket *c = &below->buckets[j];

                b.min = MIN (b.min, c->min);
                b.max = MAX (b.max, c->max);
                b.min_pos = MIN (b.min_pos, c->min_pos);
                b.n_nan += c->n_nan;
                b.n_pos += c->n_pos;
              }

          level->buckets[i] = b;
        }

      lod->n_levels++;
      if (step > G_MAXSIZE / PM_LOD_FACTOR || step * PM_LOD_FACTOR > G_MAXUINT32)
        break;
      step *= PM_LOD_FACTOR;
    }

  return lod;
}

void
pm_lod_free (PmLod *lod)
{
  if (lod == NULL)
    return;

  for (guint k = 0; k < lod->n_levels; k++)
    g_free (lod->levels[k].buckets);
  g_free (lod);
}

gsize
pm_lod_get_n_values (const PmLod *lod)
{
  g_return_val_if_fail (lod != NULL, 0);

  return lod->n;
}

const double *
pm_lod_get_values (const PmLod *lod)
{
  g_return_val_if_fail (lod != NULL, NULL);

  return lod->values;
}

/**
 * pm_lod_get_memory:
 *
 * Returns: the bytes the levels take (not counting the borrowed values)
 */
gsize
pm_lod_get_memory (const PmLod *lod)
{
  gsize bytes;

  g_return_val_if_fail (lod != NULL, 0);

  bytes = sizeof (PmLod);
  for (guint k = 0; k < lod->n_levels; k++)
    bytes += lod->levels[k].n * sizeof (Bucket);

  return bytes;
}

/**
 * pm_lod_get_n_levels:
 *
 * Returns: how many levels above the samples (0 for a series shorter than
 *   two buckets of the first)
 */
guint
pm_lod_get_n_levels (const PmLod *lod)
{
  g_return_val_if_fail (lod != NULL, 0);

  return lod->n_levels;
}

/**
 * pm_lod_get_level_step:
 * @level: 1 .. pm_lod_get_n_levels()
 *
 * Returns: the samples per bucket of @level
 */
gsize
pm_lod_get_level_step (const PmLod *lod,
                       guint        level)
{
  g_return_val_if_fail (lod != NULL, 0);
  g_return_val_if_fail (level >= 1 && level <= lod->n_levels, 0);

  return lod->levels[level - 1].step;
}

/**
 * pm_lod_get_level_length:
 * @level: 1 .. pm_lod_get_n_levels()
 *
 * Returns: the whole buckets of @level (the samples past the last are in
 *   none)
 */
gsize
pm_lod_get_level_length (const PmLod *lod,
                         guint        level)
{
  g_return_val_if_fail (lod != NULL, 0);
  g_return_val_if_fail (level >= 1 && level <= lod->n_levels, 0);

  return lod->levels[level - 1].n;
}

/**
 * pm_lod_get_bucket:
 * @level: 1 .. pm_lod_get_n_levels()
 * @bucket: its index in @level: samples [@bucket * step, (@bucket + 1) * step)
 * @positive_only: count only values > 0 (a log axis), else all but NaN
 * @lo: (out): the lowest of those values in the bucket
 * @hi: (out): the highest
 *
 * Returns: %FALSE when the bucket has none (@lo and @hi untouched)
 */
gboolean
pm_lod_get_bucket (const PmLod *lod,
                   guint        level,
                   gsize        bucket,
                   gboolean     positive_only,
                   double      *lo,
                   double      *hi)
{
  const Level *l;
  const Bucket *b;

  g_return_val_if_fail (lod != NULL, FALSE);
  g_return_val_if_fail (level >= 1 && level <= lod->n_levels, FALSE);
  l = &lod->levels[level - 1];
  g_return_val_if_fail (bucket < l->n, FALSE);

  b = &l->buckets[bucket];
  if (bucket_count (b, l->step, positive_only) == 0)
    return FALSE;

  *lo = bucket_min (b, positive_only);
  *hi = b->max;

  return TRUE;
}

/* The level whose buckets are 2^@lg samples or fewer: level k has
 * PM_LOD_BASE * PM_LOD_FACTOR^(k-1) = 2^(3 + 2(k-1)) samples a bucket. */
G_STATIC_ASSERT (PM_LOD_BASE == 8 && PM_LOD_FACTOR == 4);

static inline guint
level_of_log2 (guint lg)
{
  return lg < 3 ? 0 : (lg - 3) / 2 + 1;
}

static inline guint
floor_log2 (gsize v)
{
  return (guint) (sizeof (unsigned long long) * 8 - 1) - (guint) __builtin_clzll (v);
}

/* The coarsest level (0: a raw sample) with a bucket that starts at @pos
 * (or, @ends, ends there) and fits in @len samples, no higher than @top.
 * Steps are powers of two: alignment and size are two bit counts. */
static inline guint
level_at (const PmLod *lod,
          gsize        pos,
          gsize        len,
          guint        top)
{
  guint k = level_of_log2 (floor_log2 (len));

  if (pos != 0)
    k = MIN (k, level_of_log2 ((guint) __builtin_ctzll (pos)));

  return MIN (k, MIN (top, lod->n_levels));
}

static inline guint
level_from (const PmLod *lod,
            gsize        a,
            gsize        b,
            guint        top)
{
  return level_at (lod, a, b - a, top);
}

/* The same for a bucket that ends at @b and starts at or after @a. */
static inline guint
level_to (const PmLod *lod,
          gsize        a,
          gsize        b,
          guint        top)
{
  return level_at (lod, b, b - a, top);
}

/**
 * pm_lod_range:
 * @first: the first sample of the span
 * @end: one past its last (clamped to the series)
 * @positive_only: values > 0 only (a log axis), else all but NaN
 * @lo: (out): the lowest of those values in the span
 * @hi: (out): the highest
 *
 * The same answer as a scan of the samples, from about 3 sqrt(span)
 * buckets and samples: raw samples up to the first whole bucket of a
 * level whose buckets are near the square root of the span, those
 * buckets, raw samples after the last.
 *
 * Returns: %FALSE when the span has no such value (@lo, @hi untouched)
 */
gboolean
pm_lod_range (const PmLod *lod,
              gsize        first,
              gsize        end,
              gboolean     positive_only,
              double      *lo,
              double      *hi)
{
  double vmin = HUGE_VAL, vmax = -HUGE_VAL;
  const double *v;
  const Level *l;
  const Bucket *bk;
  gsize a = first, step, b0, b1;
  guint k;

  g_return_val_if_fail (lod != NULL, FALSE);

  end = MIN (end, lod->n);
  v = lod->values;
  /* One level, of buckets about the square root of half the span: as many
   * raw samples at the two ends as buckets in between, each a plain loop. */
  k = end > a ? MIN (level_of_log2 (floor_log2 (end - a) / 2), lod->n_levels) : 0;
  if (k == 0)
    {
      b0 = b1 = end;
      step = 1;
      l = NULL;
    }
  else
    {
      l = &lod->levels[k - 1];
      step = l->step;
      b0 = (a + step - 1) / step;   /* the first whole bucket */
      b1 = end / step;              /* one past the last */
      if (b1 <= b0)
        b0 = b1 = end, l = NULL;
      else
        b0 *= step, b1 *= step;
    }

  for (; a < b0; a++)
    if (positive_only ? v[a] > 0 : !isnan (v[a]))
      {
        vmin = MIN (vmin, v[a]);
        vmax = MAX (vmax, v[a]);
      }

  if (l != NULL)
    {
      bk = &l->buckets[b0 / step];
      if (positive_only)
        for (gsize i = 0; i < (b1 - b0) / step; i++)
          {
            if (bk[i].n_pos == 0)
              continue;
            vmin = MIN (vmin, bk[i].min_pos);
            vmax = MAX (vmax, bk[i].max);
          }
      else
        /* A bucket of NaN only has min +inf and max -inf: no test needed. */
        for (gsize i = 0; i < (b1 - b0) / step; i++)
          {
            vmin = MIN (vmin, bk[i].min);
            vmax = MAX (vmax, bk[i].max);
          }
      a = b1;
    }

  for (; a < end; a++)
    if (positive_only ? v[a] > 0 : !isnan (v[a]))
      {
        vmin = MIN (vmin, v[a]);
        vmax = MAX (vmax, v[a]);
      }

  if (!(vmin <= vmax))
    return FALSE;

  *lo = vmin;
  *hi = vmax;

  return TRUE;
}

/**
 * pm_lod_first_valid:
 * @index: (out): the first sample in [@first, @end) that is not NaN (or,
 *   with @positive_only, that is > 0)
 *
 * Skips whole buckets without one, so a long absence costs little.
 *
 * Returns: %FALSE when there is none
 */
gboolean
pm_lod_first_valid (const PmLod *lod,
                    gsize        first,
                    gsize        end,
                    gboolean     positive_only,
                    gsize       *index)
{
  guint top = G_MAXUINT;
  gsize a = first;

  g_return_val_if_fail (lod != NULL, FALSE);

  end = MIN (end, lod->n);
  while (a < end)
    {
      guint k = level_from (lod, a, end, top);
      const Level *l;
      guint32 count;

      if (k == 0)
        {
          if (usable (lod->values[a], positive_only))
            {
              *index = a;
              return TRUE;
            }
          a++;
          continue;
        }

      l = &lod->levels[k - 1];
      count = bucket_count (&l->buckets[a / l->step], l->step, positive_only);
      if (count == 0)
        a += l->step;
      else if (count == l->step)
        {
          *index = a;
          return TRUE;
        }
      else
        top = k - 1;  /* it is in this bucket: look at its parts */
    }

  return FALSE;
}

/**
 * pm_lod_last_valid:
 * @index: (out): the last sample in [@first, @end) that is not NaN (or,
 *   with @positive_only, that is > 0)
 *
 * Returns: %FALSE when there is none
 */
gboolean
pm_lod_last_valid (const PmLod *lod,
                   gsize        first,
                   gsize        end,
                   gboolean     positive_only,
                   gsize       *index)
{
  guint top = G_MAXUINT;
  gsize b;

  g_return_val_if_fail (lod != NULL, FALSE);

  b = MIN (end, lod->n);
  while (b > first)
    {
      guint k = level_to (lod, first, b, top);
      const Level *l;
      guint32 count;

      if (k == 0)
        {
          if (usable (lod->values[b - 1], positive_only))
            {
              *index = b - 1;
              return TRUE;
            }
          b--;
          continue;
        }

      l = &lod->levels[k - 1];
      count = bucket_count (&l->buckets[b / l->step - 1], l->step, positive_only);
      if (count == 0)
        b -= l->step;
      else if (count == l->step)
        {
          *index = b - 1;
          return TRUE;
        }
      else
        top = k - 1;
    }

  return FALSE;
}
