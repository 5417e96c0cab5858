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

struct _PmTagTable
{
  gatomicrefcount  ref_count;
  PmDataset       *dataset;
  PmMetric         metric;
  guint            first;
  guint            n_snapshots;
  guint            n_tags;
  PmTagStats      *stats;
};

G_END_DECLS
