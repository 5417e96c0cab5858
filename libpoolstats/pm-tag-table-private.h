/* pm-tag-table-private.h: the tag table's fields, for the rankings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pm-rank.c sorts thousands of tags by their figures; it reads the table's
 * array directly rather than through a checked getter per comparison.
 */
#pragma once

#include "pm-tag-table.h"

G_BEGIN_DECLS

/* The sum of a tag's values for its mean: byte counts near 2^63 are bad
 * input, not a reason for an overflow, so it is wider than the values. */
#ifdef __SIZEOF_INT128__
typedef __int128 PmSum;
#else
typedef double PmSum;
#endif

struct _PmTagTable
{
  gatomicrefcount  ref_count;
  PmDataset       *dataset;
  PmMetric         metric;
  guint            first;
  guint            n_snapshots;
  guint            n_tags;
  PmTagStats      *stats;
  PmSum           *sums;       /* per tag (TOTAL last), what the mean divides:
                                * kept so that pm_tag_table_new_appended()
                                * goes on from it (pm-tag-table-append.c) */
  gint64          *carry;      /* per tag, two stored values at the last snapshot
                                * (_pm_dataset_copy_series_after()), or NULL */
};

void     _pm_tag_stats_finish          (PmTagStats       *st,
                                        PmSum             sum,
                                        gint64            peak);

G_END_DECLS
