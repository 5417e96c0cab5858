/* pm-tag-table.h: per-tag statistics over one metric and snapshot range
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/design.md, The analyses. A #PmTagTable holds, for one metric and one snapshot range,
 * the figures of every tag (TOTAL included): what the viewer's tag table
 * shows and what the rankings (pm-rank.h) sort.
 */
#pragma once

#include <glib.h>
#include <glib-object.h>

#include "pm-dataset.h"

G_BEGIN_DECLS

/**
 * PmTagStats:
 * @tag: the tag's index in the dataset
 * @n_present: snapshots of the range in which the tag is present
 * @first_snapshot: the first snapshot of the range in which the tag is
 *   present (a dataset index), or %G_MAXUINT when @n_present is 0
 * @last_snapshot: the last one, or %G_MAXUINT
 * @peak: the largest value over the snapshots where the tag is present
 * @mean: the mean over the snapshots where the tag is present (NaN when
 *   @n_present is 0)
 * @n_nonzero: present snapshots with a non-zero value
 * @first_nonzero: the first non-zero value, in time order (0 when none)
 * @last_nonzero: the last non-zero value (0 when none)
 * @increase_abs: @last_nonzero − @first_nonzero (0 when @n_nonzero is 0)
 * @increase_pct: (@last_nonzero − @first_nonzero) / @first_nonzero × 100,
 *   NaN when @n_nonzero is 0
 *
 * The figures of one tag over one metric and snapshot range. TOTAL's
 * figures are computed like any tag's (TOTAL is present everywhere). Times
 * are found with pm_dataset_get_times()[@first_snapshot].
 */
typedef struct
{
  guint   tag;
  guint   n_present;
  guint   first_snapshot;
  guint   last_snapshot;
  gint64  peak;
  double  mean;
  guint   n_nonzero;
  gint64  first_nonzero;
  gint64  last_nonzero;
  gint64  increase_abs;
  double  increase_pct;
} PmTagStats;

/**
 * PmTagTable:
 *
 * The #PmTagStats of every tag of a dataset, for one metric and snapshot
 * range. Immutable and reference counted: safe to share between threads.
 */
typedef struct _PmTagTable PmTagTable;

#define PM_TYPE_TAG_TABLE (pm_tag_table_get_type ())

GType              pm_tag_table_get_type          (void) G_GNUC_CONST;
PmTagTable        *pm_tag_table_new               (PmDataset        *dataset,
                                                   PmMetric          metric,
                                                   guint             first,
                                                   guint             n_snapshots,
                                                   GError          **error);
PmTagTable        *pm_tag_table_new_appended      (PmTagTable       *previous,
                                                   PmDataset        *dataset,
                                                   GError          **error);
PmTagTable        *pm_tag_table_ref               (PmTagTable       *self);
void               pm_tag_table_unref             (PmTagTable       *self);
PmDataset         *pm_tag_table_get_dataset       (PmTagTable       *self);
PmMetric           pm_tag_table_get_metric        (PmTagTable       *self);
void               pm_tag_table_get_range         (PmTagTable       *self,
                                                   guint            *first,
                                                   guint            *n_snapshots);
guint              pm_tag_table_get_n_tags        (PmTagTable       *self);
const PmTagStats  *pm_tag_table_get_stats         (PmTagTable       *self,
                                                   guint             tag);

gboolean           pm_snapshot_range_from_times   (PmDataset        *dataset,
                                                   PmTimeBase        base,
                                                   gint64            t0,
                                                   gint64            t1,
                                                   guint            *first,
                                                   guint            *n_snapshots);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmTagTable, pm_tag_table_unref)

G_END_DECLS
