/* pm-corr-private.h: what pm-corr.c, pm-corr-kernel.c and pm-corr-matrix.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-corr.h"

G_BEGIN_DECLS

/* The series of a matrix, one row per tag, normalised (centred, length 1). */
typedef struct
{
  guint     n_rows;
  guint     n_cols;
  double   *rows;      /* n_rows × n_cols */
  float    *rows_f;    /* the same in single precision (then rows is NULL) */
  guint8   *defined;   /* per row: FALSE for a constant series (row of zeros) */
} PmCorrSeries;

/* The public type's fields: pm_corr_compute() writes the data directly. */
struct _PmCorrMatrix
{
  gatomicrefcount  ref_count;
  guint            size;
  guint           *tags;
  double          *data;
};

/* A series' normalisation: ((x - mean) - correction) * scale. */
typedef struct
{
  double mean;
  double correction;
  double scale;
} PmCorrScale;

typedef void (*PmCorrHalfFunc) (guint    half,
                                gpointer data);

gboolean  _pm_corr_scale_of    (double              *x,
                                guint                n,
                                PmCorrScale         *out);
gboolean  _pm_corr_normalise   (double              *x,
                                guint                n);
void      _pm_corr_run_halves  (PmCorrHalfFunc       func,
                                gpointer             data,
                                gboolean             big);
gboolean  _pm_corr_use_blas    (void);
gboolean  _pm_corr_product     (const PmCorrSeries  *s,
                                double              *c,
                                PmCorrProgressFunc   progress,
                                gpointer             user_data,
                                GCancellable        *cancellable,
                                GError             **error);

const char *_pm_corr_gram_kernel (void);
gboolean    _pm_corr_gram        (PmDataset           *dataset,
                                  const PmCorrOptions *options,
                                  const guint         *tags,
                                  guint                n_tags,
                                  guint                first,
                                  guint                n_values,
                                  const char          *kernel,
                                  double              *c,
                                  guint8              *defined,
                                  PmCorrProgressFunc   progress,
                                  gpointer             user_data,
                                  GCancellable        *cancellable,
                                  GError             **error);

PmCorrMatrix *_pm_corr_matrix_new    (guint         size,
                                      const guint  *tags);
void          _pm_corr_matrix_finish (PmCorrMatrix *m,
                                      const guint8 *defined);
void          _pm_corr_matrix_finish_lower (PmCorrMatrix *m,
                                            const guint8 *defined);

G_END_DECLS
