/* pm-dataset.h: a folder of pool-tag snapshots, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pm-types.h"

G_BEGIN_DECLS

/**
 * PmProblem:
 * @file: the file, as given or found
 * @line: the line (1-based), or 0 when the problem concerns the whole file
 * @message: what was wrong, in a sentence
 *
 * One thing that was wrong with the input. Rows with problems are skipped;
 * every good row is still loaded.
 */
typedef struct
{
  char  *file;
  guint  line;
  char  *message;
} PmProblem;

/**
 * PmFileReport:
 * @path: the file
 * @rows_loaded: data rows kept
 * @rows_skipped: data rows dropped because of a problem
 * @n_snapshots: snapshots (distinct timestamps) found in the file
 * @n_problems: problems found in the file, including any not listed
 */
typedef struct
{
  char  *path;
  guint  rows_loaded;
  guint  rows_skipped;
  guint  n_snapshots;
  guint  n_problems;
} PmFileReport;

#define PM_TYPE_PROBLEM     (pm_problem_get_type ())
#define PM_TYPE_FILE_REPORT (pm_file_report_get_type ())
#define PM_TYPE_DATASET     (pm_dataset_get_type ())

GType          pm_problem_get_type                (void) G_GNUC_CONST;
GType          pm_file_report_get_type            (void) G_GNUC_CONST;
PmProblem     *pm_problem_new                     (const char    *file,
                                                   guint          line,
                                                   const char    *message);
PmProblem     *pm_problem_copy                    (const PmProblem *problem);
void           pm_problem_free                    (PmProblem     *problem);
char          *pm_problem_to_text                 (const PmProblem *problem);
PmFileReport  *pm_file_report_copy                (const PmFileReport *report);
void           pm_file_report_free                (PmFileReport  *report);

G_DECLARE_FINAL_TYPE (PmDataset, pm_dataset, PM, DATASET, GObject)

guint          pm_dataset_get_n_snapshots         (PmDataset     *self);
guint          pm_dataset_get_n_tags              (PmDataset     *self);
guint          pm_dataset_get_total_tag           (PmDataset     *self);
const char    *pm_dataset_get_tag_name            (PmDataset     *self,
                                                   guint          tag);
gboolean       pm_dataset_lookup_tag              (PmDataset     *self,
                                                   const char    *name,
                                                   guint         *tag);
const char    *pm_dataset_get_tag_binary          (PmDataset     *self,
                                                   guint          tag);
const char    *pm_dataset_get_tag_description     (PmDataset     *self,
                                                   guint          tag);
gboolean       pm_dataset_has_metric              (PmDataset     *self,
                                                   PmMetric       metric);
gboolean       pm_dataset_has_time_base           (PmDataset     *self,
                                                   PmTimeBase     base);
const gint64  *pm_dataset_get_times               (PmDataset     *self,
                                                   PmTimeBase     base);
gboolean       pm_dataset_get_present             (PmDataset     *self,
                                                   guint          tag,
                                                   guint          snapshot);
guint          pm_dataset_get_n_present           (PmDataset     *self,
                                                   guint          tag);
gint64         pm_dataset_get_value               (PmDataset     *self,
                                                   PmMetric       metric,
                                                   guint          tag,
                                                   guint          snapshot);
void           pm_dataset_copy_series             (PmDataset     *self,
                                                   PmMetric       metric,
                                                   guint          tag,
                                                   guint          first,
                                                   guint          n_values,
                                                   gint64        *out);
void           pm_dataset_copy_series_double      (PmDataset     *self,
                                                   PmMetric       metric,
                                                   guint          tag,
                                                   guint          first,
                                                   guint          n_values,
                                                   double        *out);
void           pm_dataset_copy_present            (PmDataset     *self,
                                                   guint          tag,
                                                   guint          first,
                                                   guint          n_values,
                                                   guint8        *out);
GPtrArray     *pm_dataset_get_problems            (PmDataset     *self);
guint          pm_dataset_get_n_problems          (PmDataset     *self);
GPtrArray     *pm_dataset_get_files               (PmDataset     *self);
const guint   *pm_dataset_get_boots               (PmDataset     *self,
                                                   guint         *n_boots);

/**
 * PmRowHave:
 *
 * Which fields of a #PmRowValues are set: the columns the row's file has.
 */
typedef enum
{
  PM_ROW_HAVE_PAGED_DIFF     = 1 << 0,
  PM_ROW_HAVE_NON_PAGED_DIFF = 1 << 1,
  PM_ROW_HAVE_PAGED_USED     = 1 << 2,
  PM_ROW_HAVE_NON_PAGED_USED = 1 << 3,
  PM_ROW_HAVE_TOTAL_USED     = 1 << 4,
  PM_ROW_HAVE_ALLOCS         = 1 << 5,
} PmRowHave;

/**
 * PmRowValues:
 * @paged_diff: outstanding paged allocations (already modular)
 * @non_paged_diff: outstanding non-paged allocations
 * @paged_used: paged bytes held
 * @non_paged_used: non-paged bytes held
 * @total_used: bytes held; only read when @paged_used or @non_paged_used is absent
 * @have: a mask of #PmRowHave bits saying which fields are set
 * @allocs: the cumulative allocation counter since boot (paged + non-paged,
 *   modulo 2^32); it is what tells a reboot, when every counter starts again
 *
 * One row of a snapshot, as #PmDatasetBuilder takes it.
 */
typedef struct
{
  guint32 paged_diff;
  guint32 non_paged_diff;
  gint64  paged_used;
  gint64  non_paged_used;
  gint64  total_used;
  guint   have;
  guint32 allocs;
} PmRowValues;

/**
 * PmDatasetBuilder:
 *
 * Makes a #PmDataset from rows given one at a time: for tests, generators
 * and anything else that has numbers rather than files. The loader uses the
 * same merge underneath.
 */
typedef struct _PmDatasetBuilder PmDatasetBuilder;

PmDatasetBuilder *pm_dataset_builder_new          (void);
void           pm_dataset_builder_free            (PmDatasetBuilder *builder);
guint          pm_dataset_builder_add_snapshot    (PmDatasetBuilder *builder,
                                                   gint64         utc,
                                                   gint64         local);
void           pm_dataset_builder_add_row         (PmDatasetBuilder *builder,
                                                   guint          snapshot,
                                                   const char    *tag,
                                                   const PmRowValues *values);
void           pm_dataset_builder_set_tag_info    (PmDatasetBuilder *builder,
                                                   const char    *tag,
                                                   const char    *binary,
                                                   const char    *description);
PmDataset     *pm_dataset_builder_end             (PmDatasetBuilder *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmProblem, pm_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmFileReport, pm_file_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmDatasetBuilder, pm_dataset_builder_free)

G_END_DECLS
