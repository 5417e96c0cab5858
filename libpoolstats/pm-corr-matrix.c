/* pm-corr-matrix.c: the correlation matrix object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pm-corr.c fills the upper triangle; _pm_corr_matrix_finish() makes it
 * whole, and the rest is the public accessors.
 */
#include <math.h>

#include "pm-corr-private.h"

G_DEFINE_BOXED_TYPE (PmCorrMatrix, pm_corr_matrix, pm_corr_matrix_ref, pm_corr_matrix_unref)

PmCorrMatrix *
_pm_corr_matrix_new (guint        size,
                     const guint *tags)
{
  PmCorrMatrix *self = g_new0 (PmCorrMatrix, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->size = size;
  self->tags = g_memdup2 (tags, sizeof (guint) * MAX (size, 1));
  self->data = g_try_malloc_n ((gsize) size * size + 1, sizeof (double));

  return self;
}

/* Mirrors the upper triangle, clamps rounding past ±1, sets the diagonal to
 * exactly 1 and every r of an undefined series to NaN. In tiles, so that the
 * transposed writes stay in cache. */
typedef struct
{
  PmCorrMatrix *m;
  const guint8 *defined;
  gboolean      lower;    /* the values are in the lower triangle, c[j][i] */
} FinishJob;

#define TILE 64

/* Tile rows of one parity, so that both halves get long and short ones. */
static void
finish_half (guint    half,
             gpointer data)
{
  FinishJob *job = data;
  guint n = job->m->size;
  double *c = job->m->data;
  const guint8 *defined = job->defined;

  for (guint i0 = half * TILE; i0 < n; i0 += 2 * TILE)
    for (guint j0 = i0; j0 < n; j0 += TILE)
      {
        guint i1 = MIN (n, i0 + TILE);
        guint j1 = MIN (n, j0 + TILE);

        for (guint i = i0; i < i1; i++)
          for (guint j = MAX (i, j0); j < j1; j++)
            {
              double r;

              if (!defined[i] || !defined[j])
                r = NAN;
              else if (i == j)
                r = 1.0;
              else if (job->lower)
                r = CLAMP (c[(gsize) j * n + i], -1.0, 1.0);
              else
                r = CLAMP (c[(gsize) i * n + j], -1.0, 1.0);
              c[(gsize) i * n + j] = r;
              c[(gsize) j * n + i] = r;
            }
      }
}

void
_pm_corr_matrix_finish (PmCorrMatrix *m,
                        const guint8 *defined)
{
  FinishJob job = { m, defined, FALSE };

  _pm_corr_run_halves (finish_half, &job, (guint64) m->size * m->size > 100000);
}

/* The same from the lower triangle (what _pm_corr_gram() writes). */
void
_pm_corr_matrix_finish_lower (PmCorrMatrix *m,
                              const guint8 *defined)
{
  FinishJob job = { m, defined, TRUE };

  _pm_corr_run_halves (finish_half, &job, (guint64) m->size * m->size > 100000);
}

PmCorrMatrix *
pm_corr_matrix_ref (PmCorrMatrix *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pm_corr_matrix_unref (PmCorrMatrix *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->tags);
      g_free (self->data);
      g_free (self);
    }
}

guint
pm_corr_matrix_get_size (PmCorrMatrix *self)
{
  return self->size;
}

/**
 * pm_corr_matrix_get_tag:
 * @index: a row (or column)
 *
 * Returns: the dataset tag index of row @index
 */
guint
pm_corr_matrix_get_tag (PmCorrMatrix *self,
                        guint         index)
{
  g_return_val_if_fail (index < self->size, G_MAXUINT);

  return self->tags[index];
}

/**
 * pm_corr_matrix_get_tags:
 *
 * Returns: (array) (transfer none): the dataset tag index of every row
 */
const guint *
pm_corr_matrix_get_tags (PmCorrMatrix *self)
{
  return self->tags;
}

/**
 * pm_corr_matrix_get:
 *
 * Returns: r between rows @row and @column, NaN when undefined
 */
double
pm_corr_matrix_get (PmCorrMatrix *self,
                    guint         row,
                    guint         column)
{
  g_return_val_if_fail (row < self->size && column < self->size, NAN);

  return self->data[(gsize) row * self->size + column];
}

/**
 * pm_corr_matrix_get_data:
 *
 * Returns: (transfer none): the size × size values, row-major
 */
const double *
pm_corr_matrix_get_data (PmCorrMatrix *self)
{
  return self->data;
}

/**
 * pm_corr_matrix_find_tag:
 * @tag: a dataset tag index
 * @index: (out) (optional): its row
 *
 * Returns: %TRUE when @tag has a row
 */
gboolean
pm_corr_matrix_find_tag (PmCorrMatrix *self,
                         guint         tag,
                         guint        *index)
{
  for (guint i = 0; i < self->size; i++)
    if (self->tags[i] == tag)
      {
        if (index != NULL)
          *index = i;
        return TRUE;
      }

  return FALSE;
}
