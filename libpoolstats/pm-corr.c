/* pm-corr.c: Pearson correlation between tags' series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every series is centred and scaled to unit length first (in double, with
 * the corrected two-pass mean), so that r is a plain dot product and the
 * whole matrix is A·Aᵀ of the normalised series A (one row per tag): a
 * symmetric rank-k update, which a BLAS does at close to the machine's peak.
 * A constant series has no direction: its row is left at zero and its r
 * set to NaN afterwards. The all-tags product is pm-corr-gram.c's, straight
 * from the packed dataset; the older path (the normalised series whole,
 * then a BLAS) serves the single-precision matrix. The numeric kernels are
 * in pm-corr-kernel.c, the matrix object in pm-corr-matrix.c.
 */
#include "pm-corr.h"

#include <math.h>
#include <string.h>

#include "pm-corr-private.h"

static void
series_clear (PmCorrSeries *s)
{
  g_clear_pointer (&s->rows, g_free);
  g_clear_pointer (&s->rows_f, g_free);
  g_clear_pointer (&s->defined, g_free);
}

/**
 * pm_corr_options_init:
 * @metric: the metric to correlate
 *
 * Sets every tag, levels, over all snapshots.
 */
void
pm_corr_options_init (PmCorrOptions *options,
                      PmMetric       metric)
{
  memset (options, 0, sizeof *options);
  options->metric = metric;
  options->increments = FALSE;
  options->first = 0;
  options->n_snapshots = G_MAXUINT;
  options->tags = NULL;
  options->n_tags = 0;
}

static gboolean
check_options (PmDataset            *dataset,
               const PmCorrOptions  *options,
               guint                *first,
               guint                *n_snapshots,
               GError              **error)
{
  guint total = pm_dataset_get_n_snapshots (dataset);
  guint n_tags = pm_dataset_get_n_tags (dataset);

  if (options->metric >= PM_N_METRICS || !pm_dataset_has_metric (dataset, options->metric))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "The snapshots have no columns to compute %s from",
                   options->metric < PM_N_METRICS ? pm_metric_to_string (options->metric) : "?");
      return FALSE;
    }

  for (guint i = 0; options->tags != NULL && i < options->n_tags; i++)
    if (options->tags[i] > n_tags)
      {
        g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                     "Tag index %u is out of range (%u tags and TOTAL)", options->tags[i], n_tags);
        return FALSE;
      }

  *first = MIN (options->first, total);
  *n_snapshots = MIN (options->n_snapshots, total - *first);
  return TRUE;
}

/* Copies and normalises one tag's series into @row (@n_cols values; for
 * increments the range has one snapshot more). */
static gboolean
load_row (PmDataset           *dataset,
          const PmCorrOptions *options,
          guint                tag,
          guint                first,
          guint                n_snapshots,
          double              *row,
          double              *scratch)
{
  if (!options->increments)
    {
      if (n_snapshots > 0)
        pm_dataset_copy_series_double (dataset, options->metric, tag, first, n_snapshots, row);
      return _pm_corr_normalise (row, n_snapshots);
    }

  if (n_snapshots < 2)
    return FALSE;

  /* Differences of integers below 2^53 are exact in double. */
  pm_dataset_copy_series_double (dataset, options->metric, tag, first, n_snapshots, scratch);
  for (guint i = 0; i + 1 < n_snapshots; i++)
    row[i] = scratch[i + 1] - scratch[i];
  return _pm_corr_normalise (row, n_snapshots - 1);
}

typedef struct
{
  PmDataset           *dataset;
  const PmCorrOptions *options;
  const guint         *tags;
  guint                first;
  guint                n_snapshots;
  PmCorrSeries              *out;
  GCancellable        *cancellable;
} LoadJob;

/* Rows of one parity: the two halves then read the dataset evenly. */
static void
load_half (guint    half,
           gpointer data)
{
  LoadJob *job = data;
  PmCorrSeries *out = job->out;
  g_autofree double *scratch = g_new (double, MAX (job->n_snapshots, 1));
  /* Single precision: each row is normalised in double here, then rounded. */
  g_autofree double *row_d = out->rows_f != NULL ? g_new (double, MAX (out->n_cols, 1)) : NULL;

  for (guint i = half; i < out->n_rows; i += 2)
    {
      double *row = row_d != NULL ? row_d : out->rows + (gsize) i * out->n_cols;

      if ((i & 254) == 0 && g_cancellable_is_cancelled (job->cancellable))
        return;
      out->defined[i] = load_row (job->dataset, job->options, job->tags[i], job->first,
                                  job->n_snapshots, row, scratch);
      for (guint k = 0; row_d != NULL && k < out->n_cols; k++)
        out->rows_f[(gsize) i * out->n_cols + k] = (float) row_d[k];
    }
}

static gboolean
load_series (PmDataset           *dataset,
             const PmCorrOptions *options,
             const guint         *tags,
             guint                n_tags,
             guint                first,
             guint                n_snapshots,
             PmCorrSeries              *out,
             GCancellable        *cancellable,
             GError             **error)
{
  LoadJob job = { dataset, options, tags, first, n_snapshots, out, cancellable };

  out->n_rows = n_tags;
  out->n_cols = options->increments ? (n_snapshots > 0 ? n_snapshots - 1 : 0) : n_snapshots;
  /* Every row is written: no need to zero the memory first. */
  if (options->single_precision && _pm_corr_use_blas ())
    out->rows_f = g_try_malloc_n ((gsize) n_tags * MAX (out->n_cols, 1), sizeof (float));
  else
    out->rows = g_try_malloc_n ((gsize) n_tags * MAX (out->n_cols, 1), sizeof (double));
  out->defined = g_new0 (guint8, MAX (n_tags, 1));
  if (out->rows == NULL && out->rows_f == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "Not enough memory for %u series of %u values", n_tags, out->n_cols);
      return FALSE;
    }

  _pm_corr_run_halves (load_half, &job, (guint64) n_tags * n_snapshots > 100000);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * pm_corr_compute:
 * @dataset: a #PmDataset
 * @options: what to correlate
 * @progress: (nullable) (scope call): called now and then with the fraction done
 * @user_data: for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Computes Pearson r between every pair of the tags of @options over its
 * snapshot range. A tag absent from a snapshot counts as 0 there. r is NaN
 * where either series is constant over the range (also for every pair when
 * the range holds fewer than two values). Rows and columns follow
 * @options->tags, or the dataset's tags (TOTAL included) when that is %NULL.
 *
 * Memory: the matrix and two panels of tags × 512 doubles (with
 * @options->single_precision, the normalised series as floats).
 *
 * Returns: (transfer full) (nullable): the matrix, or %NULL with @error set
 *   (%PM_ERROR_INVALID for an unavailable metric or a bad tag index,
 *   %G_IO_ERROR_CANCELLED when cancelled)
 */
PmCorrMatrix *
pm_corr_compute (PmDataset           *dataset,
                 const PmCorrOptions *options,
                 PmCorrProgressFunc   progress,
                 gpointer             user_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(PmCorrMatrix) matrix = NULL;
  g_autofree guint *all_tags = NULL;
  const guint *tags;
  guint n_tags;
  guint first;
  guint n_snapshots;
  PmCorrSeries series = { 0 };
  const char *kernel;

  g_return_val_if_fail (PM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (dataset, options, &first, &n_snapshots, error))
    return NULL;

  if (options->tags != NULL)
    {
      tags = options->tags;
      n_tags = options->n_tags;
    }
  else
    {
      /* TOTAL is the last index. */
      n_tags = pm_dataset_get_n_tags (dataset) + 1;
      all_tags = g_new (guint, n_tags);
      for (guint i = 0; i < n_tags; i++)
        all_tags[i] = i;
      tags = all_tags;
    }

  matrix = _pm_corr_matrix_new (n_tags, tags);
  if (matrix->data == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "Not enough memory for a %u × %u matrix", n_tags, n_tags);
      return NULL;
    }

  /* Single precision saves time only where the double kernel is slower than
   * a BLAS's single one: with AVX-512 the double product from the packed
   * dataset costs the same as OpenBLAS's sgemm on a float copy of the
   * series (and not its memory). */
  kernel = _pm_corr_gram_kernel ();
  if (options->single_precision && _pm_corr_use_blas () &&
      (kernel == NULL || strcmp (kernel, "avx512") != 0))
    kernel = NULL;
  if (kernel != NULL)
    {
      guint n_values = options->increments ? (n_snapshots > 0 ? n_snapshots - 1 : 0) : n_snapshots;
      g_autofree guint8 *defined = g_new0 (guint8, MAX (n_tags, 1));

      if (progress != NULL)
        progress (0.05, user_data);
      if (n_values == 0)
        memset (matrix->data, 0, sizeof (double) * n_tags * n_tags);
      else if (!_pm_corr_gram (dataset, options, tags, n_tags, first, n_values, kernel,
                               matrix->data, defined, progress, user_data, cancellable, error))
        return NULL;
      _pm_corr_matrix_finish_lower (matrix, defined);
      if (progress != NULL)
        progress (1.0, user_data);
      return g_steal_pointer (&matrix);
    }

  if (!load_series (dataset, options, tags, n_tags, first, n_snapshots, &series,
                    cancellable, error))
    {
      series_clear (&series);
      return NULL;
    }
  if (progress != NULL)
    progress (0.05, user_data);

  if (series.n_cols == 0)
    memset (matrix->data, 0, sizeof (double) * n_tags * n_tags);
  else if (!_pm_corr_product (&series, matrix->data, progress, user_data, cancellable, error))
    {
      series_clear (&series);
      return NULL;
    }

  _pm_corr_matrix_finish (matrix, series.defined);
  series_clear (&series);

  if (progress != NULL)
    progress (1.0, user_data);

  return g_steal_pointer (&matrix);
}

typedef struct
{
  PmDataset          *dataset;
  PmCorrOptions       options;
  guint              *tags;
  PmCorrProgressFunc  progress;
  gpointer            user_data;
  GDestroyNotify      user_data_destroy;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *cd = data;

  g_clear_object (&cd->dataset);
  g_free (cd->tags);
  if (cd->user_data_destroy != NULL)
    cd->user_data_destroy (cd->user_data);
  g_free (cd);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *cd = task_data;
  GError *error = NULL;
  PmCorrMatrix *matrix;

  matrix = pm_corr_compute (cd->dataset, &cd->options, cd->progress, cd->user_data,
                            cancellable, &error);
  if (matrix == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, matrix, (GDestroyNotify) pm_corr_matrix_unref);
}

/**
 * pm_corr_compute_async:
 * @dataset: a #PmDataset
 * @options: what to correlate (copied)
 * @progress: (nullable): called in the worker thread with the fraction done
 * @user_data: for @progress
 * @user_data_destroy: (nullable): frees @user_data when the work is over
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the calling thread's main context when done
 * @callback_data: for @callback
 *
 * pm_corr_compute() in a worker thread.
 */
void
pm_corr_compute_async (PmDataset           *dataset,
                       const PmCorrOptions *options,
                       PmCorrProgressFunc   progress,
                       gpointer             user_data,
                       GDestroyNotify       user_data_destroy,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             callback_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *cd;

  g_return_if_fail (PM_IS_DATASET (dataset));
  g_return_if_fail (options != NULL);

  cd = g_new0 (ComputeData, 1);
  cd->dataset = g_object_ref (dataset);
  cd->options = *options;
  if (options->tags != NULL)
    {
      cd->tags = g_memdup2 (options->tags, sizeof (guint) * MAX (options->n_tags, 1));
      cd->options.tags = cd->tags;
    }
  cd->progress = progress;
  cd->user_data = user_data;
  cd->user_data_destroy = user_data_destroy;

  task = g_task_new (NULL, cancellable, callback, callback_data);
  g_task_set_source_tag (task, pm_corr_compute_async);
  g_task_set_task_data (task, cd, compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

/**
 * pm_corr_compute_finish:
 *
 * Returns: (transfer full) (nullable): the matrix, or %NULL with @error set
 */
PmCorrMatrix *
pm_corr_compute_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pm_corr_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const PmCorrEntry *ea = a;
  const PmCorrEntry *eb = b;
  PmDataset *dataset = user_data;

  if (ea->r != eb->r)
    return ea->r < eb->r ? 1 : -1;

  return strcmp (pm_dataset_get_tag_name (dataset, ea->tag),
                 pm_dataset_get_tag_name (dataset, eb->tag));
}

/**
 * pm_corr_with_total:
 * @dataset: a #PmDataset
 * @options: the metric, range and levels or increments; @options->tags, when
 *   set, limits the tags considered
 * @threshold: the r a tag must exceed
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The tags whose r with TOTAL is greater than @threshold (the old analyzer
 * used 0.9), strongest first, ties by tag name. TOTAL itself and tags with
 * undefined r are never listed. Pass -INFINITY for every defined r. Costs
 * one pass over the series: cheap enough to redo when the threshold moves.
 *
 * Returns: (transfer full) (element-type PmCorrEntry) (nullable): the tags
 */
GArray *
pm_corr_with_total (PmDataset           *dataset,
                    const PmCorrOptions *options,
                    double               threshold,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(GArray) out = NULL;
  g_autofree double *total_row = NULL;
  g_autofree double *row = NULL;
  g_autofree double *scratch = NULL;
  guint total;
  guint first;
  guint n_snapshots;
  guint n_candidates;
  guint m;

  g_return_val_if_fail (PM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (dataset, options, &first, &n_snapshots, error))
    return NULL;

  out = g_array_new (FALSE, FALSE, sizeof (PmCorrEntry));
  total = pm_dataset_get_total_tag (dataset);
  m = MAX (n_snapshots, 1);
  total_row = g_new (double, m);
  row = g_new (double, m);
  scratch = g_new (double, m);

  if (!load_row (dataset, options, total, first, n_snapshots, total_row, scratch))
    return g_steal_pointer (&out);

  n_candidates = options->tags != NULL ? options->n_tags : pm_dataset_get_n_tags (dataset);
  for (guint i = 0; i < n_candidates; i++)
    {
      guint tag = options->tags != NULL ? options->tags[i] : i;
      guint n_values = options->increments ? n_snapshots - 1 : n_snapshots;
      PmCorrEntry entry = { tag, 0 };
      double sum = 0;

      if ((i & 255) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (tag == total)
        continue;
      if (!load_row (dataset, options, tag, first, n_snapshots, row, scratch))
        continue;

      for (guint k = 0; k < n_values; k++)
        sum += row[k] * total_row[k];
      entry.r = CLAMP (sum, -1.0, 1.0);
      if (entry.r > threshold)
        g_array_append_val (out, entry);
    }

  g_qsort_with_data (out->data, out->len, sizeof (PmCorrEntry), compare_entries, dataset);

  return g_steal_pointer (&out);
}

/**
 * pm_corr_pearson:
 * @x: (array length=n): one series
 * @y: (array length=n): the other
 * @n: their length
 *
 * The textbook two-pass r of two series: the reference the fast matrix is
 * tested against, and handy for a pair or two.
 *
 * Returns: r, or NaN when either series is constant or @n < 2
 */
double
pm_corr_pearson (const double *x,
                 const double *y,
                 gsize         n)
{
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
  gboolean cx = TRUE, cy = TRUE;

  for (gsize i = 1; i < n; i++)
    {
      cx = cx && x[i] == x[0];
      cy = cy && y[i] == y[0];
    }
  if (n < 2 || cx || cy)
    return NAN;

  for (gsize i = 0; i < n; i++)
    {
      mx += x[i];
      my += y[i];
    }
  mx /= n;
  my /= n;

  for (gsize i = 0; i < n; i++)
    {
      double dx = x[i] - mx;
      double dy = y[i] - my;

      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }

  if (!(sxx > 0) || !(syy > 0))
    return NAN;

  return CLAMP (sxy / sqrt (sxx * syy), -1.0, 1.0);
}

/**
 * pm_corr_have_blas:
 *
 * Returns: %TRUE when the build has a BLAS and may use it (for single
 *   precision without AVX-512, and for the older path, PM_CORR_KERNEL=blas)
 */
gboolean
pm_corr_have_blas (void)
{
  return _pm_corr_use_blas ();
}
