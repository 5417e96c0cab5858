/* pm-corr.h: Pearson correlation between tags' series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/design.md, The analyses. A tag absent from a snapshot counts as 0 there. r is
 * undefined (NaN) for a series that is constant over the range, never 0.
 * Matrices are symmetric, within [-1, 1], exactly 1 on the diagonal where
 * defined. The all-tags matrix goes through a BLAS when the build has one.
 */
#pragma once

#include <gio/gio.h>

#include "pm-dataset.h"

G_BEGIN_DECLS

/**
 * PmCorrOptions:
 * @metric: the series correlated
 * @increments: correlate the per-interval increments (value[i] − value[i−1])
 *   instead of the levels: two tags that both grow correlate near 1 on
 *   levels even when unrelated; increments show which move together
 * @first: the first snapshot of the range
 * @n_snapshots: snapshots in the range; %G_MAXUINT for all up to the end
 * @tags: (array length=n_tags) (nullable): dataset tag indices, in the order
 *   wanted; %NULL for every tag in dataset order, then TOTAL (whose index
 *   is pm_dataset_get_total_tag())
 * @n_tags: the length of @tags
 * @single_precision: form the products in single precision (BLAS builds
 *   on CPUs without AVX-512 only; elsewhere ignored, the double product being
 *   as fast there): about twice as fast, r within a few 1e-6 of the double one.
 *   The series are still centred and scaled in double, so undefined r is
 *   NaN and the diagonal exactly 1 as in double; for drawing, not for
 *   figures that are printed
 *
 * What to correlate. Initialise with pm_corr_options_init().
 */
typedef struct
{
  PmMetric     metric;
  gboolean     increments;
  guint        first;
  guint        n_snapshots;
  const guint *tags;
  guint        n_tags;
  gboolean     single_precision;
} PmCorrOptions;

/* The old analyzer's threshold for "correlated with TOTAL". */
#define PM_CORR_DEFAULT_THRESHOLD 0.9

/**
 * PmCorrProgressFunc:
 * @fraction: work done, from 0 to 1
 *
 * Called now and then while a matrix is computed, in the thread that
 * computes it (for the `_async` variant a worker thread: never touch
 * widgets from it).
 */
typedef void (*PmCorrProgressFunc) (double   fraction,
                                    gpointer user_data);

/**
 * PmCorrMatrix:
 *
 * A square matrix of r, row-major, with the dataset tag index of each row.
 * Immutable and reference counted.
 */
typedef struct _PmCorrMatrix PmCorrMatrix;

/**
 * PmCorrEntry:
 * @tag: a dataset tag index
 * @r: its r with the reference tag
 */
typedef struct
{
  guint  tag;
  double r;
} PmCorrEntry;

#define PM_TYPE_CORR_MATRIX (pm_corr_matrix_get_type ())

void           pm_corr_options_init          (PmCorrOptions      *options,
                                              PmMetric            metric);

GType          pm_corr_matrix_get_type       (void) G_GNUC_CONST;
PmCorrMatrix  *pm_corr_matrix_ref            (PmCorrMatrix       *self);
void           pm_corr_matrix_unref          (PmCorrMatrix       *self);
guint          pm_corr_matrix_get_size       (PmCorrMatrix       *self);
guint          pm_corr_matrix_get_tag        (PmCorrMatrix       *self,
                                              guint               index);
const guint   *pm_corr_matrix_get_tags       (PmCorrMatrix       *self);
double         pm_corr_matrix_get            (PmCorrMatrix       *self,
                                              guint               row,
                                              guint               column);
const double  *pm_corr_matrix_get_data       (PmCorrMatrix       *self);
gboolean       pm_corr_matrix_find_tag       (PmCorrMatrix       *self,
                                              guint               tag,
                                              guint              *index);

PmCorrMatrix  *pm_corr_compute               (PmDataset          *dataset,
                                              const PmCorrOptions *options,
                                              PmCorrProgressFunc  progress,
                                              gpointer            user_data,
                                              GCancellable       *cancellable,
                                              GError            **error);
void           pm_corr_compute_async         (PmDataset          *dataset,
                                              const PmCorrOptions *options,
                                              PmCorrProgressFunc  progress,
                                              gpointer            user_data,
                                              GDestroyNotify      user_data_destroy,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            callback_data);
PmCorrMatrix  *pm_corr_compute_finish        (GAsyncResult       *result,
                                              GError            **error);

GArray        *pm_corr_with_total            (PmDataset          *dataset,
                                              const PmCorrOptions *options,
                                              double              threshold,
                                              GCancellable       *cancellable,
                                              GError            **error);

double         pm_corr_pearson               (const double       *x,
                                              const double       *y,
                                              gsize               n);

gboolean       pm_corr_have_blas             (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmCorrMatrix, pm_corr_matrix_unref)

G_END_DECLS
