/* pm-gen-rows.h: a generated row as the dataset builder takes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For what builds datasets straight from the model (the store image
 * writer, the leak finder's benchmark and evaluation) instead of through
 * CSV files: the same columns the files would give.
 */
#pragma once

#include "pm-dataset.h"
#include "pm-format.h"
#include "pm-gen-model.h"

static inline void
pm_gen_row_to_values (const PmGenRow *row,
                      PmRowValues    *v)
{
  v->have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF |
            PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED | PM_ROW_HAVE_ALLOCS;
  v->paged_diff = PM_FORMAT_DIFF (row->allocs[PM_GEN_PAGED], row->frees[PM_GEN_PAGED]);
  v->non_paged_diff = PM_FORMAT_DIFF (row->allocs[PM_GEN_NON_PAGED],
                                      row->frees[PM_GEN_NON_PAGED]);
  v->paged_used = row->used[PM_GEN_PAGED];
  v->non_paged_used = row->used[PM_GEN_NON_PAGED];
  v->allocs = row->allocs[PM_GEN_PAGED] + row->allocs[PM_GEN_NON_PAGED];
}
