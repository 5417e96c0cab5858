/* pm-corr-kernel.c: the numeric kernels of the correlation matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Normalising a series (centred, unit length), the product of the
 * normalised series with themselves (OpenBLAS, or a plain blocked loop on
 * two threads), and splitting work between two threads.
 */
#include "pm-corr-private.h"

#include <math.h>
#include <string.h>

#ifdef PM_HAVE_BLAS
# include <cblas.h>
#endif

/* Panels the product is cut into, for cancellation and progress. */
#define N_PANELS 12

/* Rows per block of the plain (no BLAS) product. */
#define BLOCK 4

/* Sums with four accumulators: a single double accumulator is a chain of
 * dependent additions that costs more than reading the values. */
static double
sum4 (const double *x,
      guint         n)
{
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  guint i = 0;

  for (; i + 4 <= n; i += 4)
    {
      s0 += x[i];
      s1 += x[i + 1];
      s2 += x[i + 2];
      s3 += x[i + 3];
    }
  for (; i < n; i++)
    s0 += x[i];

  return (s0 + s1) + (s2 + s3);
}

/* What _pm_corr_normalise() does to @x (n values), without doing it: the
 * normalised value of x is ((x - mean) - correction) * scale, rounded at
 * each step. Returns FALSE when the series is constant: r is then undefined.
 * Exact equality is tested on the values themselves rather than on a
 * computed variance, which rounding can leave slightly above zero. @x is
 * left centred (scratch). */
gboolean
_pm_corr_scale_of (double      *x,
                   guint        n,
                   PmCorrScale *out)
{
  double mean, correction, ss;
  double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  guint differ = 0;
  guint i;

  out->mean = out->correction = out->scale = 0;
  for (i = 1; i < n; i++)
    differ |= x[i] != x[0];

  if (n < 2 || !differ)
    return FALSE;

  mean = sum4 (x, n) / n;
  for (i = 0; i < n; i++)
    x[i] -= mean;

  /* The residual mean of the deviations corrects the first mean's rounding
   * (the corrected two-pass algorithm). */
  correction = sum4 (x, n) / n;
  for (i = 0; i + 4 <= n; i += 4)
    {
      double d0 = x[i] - correction, d1 = x[i + 1] - correction;
      double d2 = x[i + 2] - correction, d3 = x[i + 3] - correction;

      x[i] = d0;
      x[i + 1] = d1;
      x[i + 2] = d2;
      x[i + 3] = d3;
      q0 += d0 * d0;
      q1 += d1 * d1;
      q2 += d2 * d2;
      q3 += d3 * d3;
    }
  for (; i < n; i++)
    {
      x[i] -= correction;
      q0 += x[i] * x[i];
    }
  ss = (q0 + q1) + (q2 + q3);

  if (!(ss > 0))
    return FALSE;

  out->mean = mean;
  out->correction = correction;
  out->scale = 1.0 / sqrt (ss);
  return TRUE;
}

/* Centres @x (n values) and scales it to length 1. Returns FALSE, leaving
 * zeros, when the series is constant: r is then undefined. */
gboolean
_pm_corr_normalise (double *x,
                    guint   n)
{
  PmCorrScale s;

  if (!_pm_corr_scale_of (x, n, &s))
    {
      memset (x, 0, n * sizeof (double));
      return FALSE;
    }

  /* x holds ((x - mean) - correction) already. */
  for (guint i = 0; i < n; i++)
    x[i] *= s.scale;

  return TRUE;
}

typedef struct
{
  PmCorrHalfFunc  func;
  gpointer  data;
} HalfJob;

static gpointer
half_thread (gpointer user_data)
{
  HalfJob *job = user_data;

  job->func (1, job->data);
  return NULL;
}

/* Runs @func (0, data) and, when the work is big enough and there is a
 * second core, @func (1, data) in a second thread at the same time. */
void
_pm_corr_run_halves (PmCorrHalfFunc  func,
                     gpointer        data,
                     gboolean        big)
{
  HalfJob job = { func, data };
  GThread *thread;

  if (!big || g_get_num_processors () < 2)
    {
      func (0, data);
      func (1, data);
      return;
    }

  thread = g_thread_new ("pm-corr", half_thread, &job);
  func (0, data);
  g_thread_join (thread);
}

/* Panel k of N_PANELS covers rows [bounds[k], bounds[k+1]) and, for the
 * upper triangle, about the same number of pairs as every other panel. */
static void
panel_bounds (guint  n,
              guint *bounds)
{
  for (guint k = 0; k <= N_PANELS; k++)
    bounds[k] = (guint) (n - n * sqrt (1.0 - (double) k / N_PANELS) + 0.5);
  bounds[0] = 0;
  bounds[N_PANELS] = n;
}

/* The plain product: r for rows [i0, i1) against every row at or after
 * them, in blocks of BLOCK × BLOCK with independent sums the compiler can
 * keep in registers. */
static void
plain_panel (const PmCorrSeries *s,
             double             *c,
             guint               i0,
             guint               i1)
{
  guint n = s->n_rows;
  guint m = s->n_cols;

  for (guint i = i0; i < i1; i += BLOCK)
    {
      guint ib = MIN (BLOCK, i1 - i);

      for (guint j = i; j < n; j += BLOCK)
        {
          guint jb = MIN (BLOCK, n - j);
          double acc[BLOCK][BLOCK] = { { 0 } };

          if (ib == BLOCK && jb == BLOCK)
            {
              const double *a0 = s->rows + (gsize) i * m;
              const double *b0 = s->rows + (gsize) j * m;

              for (guint k = 0; k < m; k++)
                for (guint p = 0; p < BLOCK; p++)
                  {
                    double a = a0[(gsize) p * m + k];

                    for (guint q = 0; q < BLOCK; q++)
                      acc[p][q] += a * b0[(gsize) q * m + k];
                  }
            }
          else
            {
              for (guint p = 0; p < ib; p++)
                for (guint q = 0; q < jb; q++)
                  {
                    const double *a = s->rows + (gsize) (i + p) * m;
                    const double *b = s->rows + (gsize) (j + q) * m;
                    double sum = 0;

                    for (guint k = 0; k < m; k++)
                      sum += a[k] * b[k];
                    acc[p][q] = sum;
                  }
            }

          for (guint p = 0; p < ib; p++)
            for (guint q = 0; q < jb; q++)
              if (j + q >= i + p)
                c[(gsize) (i + p) * n + j + q] = acc[p][q];
        }
    }
}

typedef struct
{
  const PmCorrSeries  *series;
  double        *c;
  gint           next_panel;
  GCancellable  *cancellable;
} PlainJob;

static gpointer
plain_worker (gpointer data)
{
  PlainJob *job = data;
  guint n = job->series->n_rows;
  /* Finer panels than the BLAS path's, taken in turn, so that two threads
   * finish together; each starts on a block boundary so the blocks tile. */
  guint n_panels = N_PANELS * BLOCK;
  guint per = ((n + n_panels - 1) / n_panels + BLOCK - 1) / BLOCK * BLOCK;
  int k;

  while ((k = g_atomic_int_add (&job->next_panel, 1)) < (int) n_panels)
    {
      guint i0 = MIN (n, (guint) k * per);
      guint i1 = MIN (n, i0 + per);

      if (g_cancellable_is_cancelled (job->cancellable))
        break;
      if (i0 < i1)
        plain_panel (job->series, job->c, i0, i1);
    }

  return NULL;
}

#ifdef PM_HAVE_BLAS
/* Rows [i0, i1) of the upper triangle of the single-precision product
 * into @cf (n × n floats): their diagonal block, then all right of it. */
static void
single_panel (const PmCorrSeries *s,
              float              *cf,
              guint               i0,
              guint               i1)
{
  guint n = s->n_rows;
  guint m = s->n_cols;
  const float *a = s->rows_f + (gsize) i0 * m;

  cblas_ssyrk (CblasRowMajor, CblasUpper, CblasNoTrans, i1 - i0, m,
               1.0f, a, MAX (m, 1), 0.0f, cf + (gsize) i0 * n + i0, n);
  if (i1 < n)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, i1 - i0, n - i1, m,
                 1.0f, a, MAX (m, 1), s->rows_f + (gsize) i1 * m, MAX (m, 1),
                 0.0f, cf + (gsize) i0 * n + i1, n);
}

/* The product of float series (PmCorrOptions.single_precision), widened
 * into @c's upper triangle. Same panels, progress and cancellation as the
 * double product below. */
static gboolean
single_product (const PmCorrSeries  *s,
                double              *c,
                const guint         *bounds,
                PmCorrProgressFunc   progress,
                gpointer             user_data,
                GCancellable        *cancellable,
                GError             **error)
{
  guint n = s->n_rows;
  g_autofree float *cf = g_try_malloc_n ((gsize) n * n, sizeof (float));

  if (cf == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "Not enough memory for a %u × %u matrix", n, n);
      return FALSE;
    }

  if (progress == NULL && cancellable == NULL)
    single_panel (s, cf, 0, n);
  else
    for (guint k = 0; k < N_PANELS; k++)
      {
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        if (bounds[k] < bounds[k + 1])
          single_panel (s, cf, bounds[k], bounds[k + 1]);
        if (progress != NULL)
          progress (0.05 + 0.9 * (k + 1) / N_PANELS, user_data);
      }

  for (guint i = 0; i < n; i++)
    for (guint j = i; j < n; j++)
      c[(gsize) i * n + j] = cf[(gsize) i * n + j];

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
#endif

gboolean
_pm_corr_use_blas (void)
{
#ifdef PM_HAVE_BLAS
  /* A switch for tests and for comparing the two paths. */
  return g_getenv ("PM_CORR_NO_BLAS") == NULL;
#else
  return FALSE;
#endif
}

/* c (n × n) = upper triangle of rows · rowsᵀ. With a cancellable or a
 * progress function the product is done in panels of rows, so that the work
 * can be cancelled and its progress reported between them. */
gboolean
_pm_corr_product (const PmCorrSeries  *s,
                  double              *c,
                  PmCorrProgressFunc   progress,
                  gpointer             user_data,
                  GCancellable        *cancellable,
                  GError             **error)
{
  guint n = s->n_rows;
  guint bounds[N_PANELS + 1];

  panel_bounds (n, bounds);

#ifdef PM_HAVE_BLAS
  if (s->rows_f != NULL)
    return single_product (s, c, bounds, progress, user_data, cancellable, error);
#endif

  if (_pm_corr_use_blas ())
    {
#ifdef PM_HAVE_BLAS
      guint m = s->n_cols;

      /* Nothing to report and nothing that could cancel: one call, which
       * lets the BLAS split the whole triangle between its threads. */
      if (progress == NULL && cancellable == NULL)
        {
          cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, n, m,
                       1.0, s->rows, MAX (m, 1), 0.0, c, n);
          return TRUE;
        }

      for (guint k = 0; k < N_PANELS; k++)
        {
          guint i0 = bounds[k];
          guint i1 = bounds[k + 1];

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (i0 == i1)
            continue;

          cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, i1 - i0, m,
                       1.0, s->rows + (gsize) i0 * m, MAX (m, 1),
                       0.0, c + (gsize) i0 * n + i0, n);
          if (i1 < n)
            cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, i1 - i0, n - i1, m,
                         1.0, s->rows + (gsize) i0 * m, MAX (m, 1),
                         s->rows + (gsize) i1 * m, MAX (m, 1),
                         0.0, c + (gsize) i0 * n + i1, n);
          if (progress != NULL)
            progress (0.05 + 0.9 * (k + 1) / N_PANELS, user_data);
        }
#endif
    }
  else
    {
      PlainJob job = { s, c, 0, cancellable };
      GThread *helper = NULL;

      if (g_get_num_processors () > 1 && (guint64) n * n * s->n_cols > 1000000)
        helper = g_thread_new ("pm-corr", plain_worker, &job);
      plain_worker (&job);
      if (helper != NULL)
        g_thread_join (helper);
      if (progress != NULL)
        progress (0.95, user_data);
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

