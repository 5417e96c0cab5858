/* pm-gaps.h: where a series of snapshots has holes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-dataset.h"

G_BEGIN_DECLS

/* A step longer than this many median intervals is a gap. */
#define PM_GAP_MEDIAN_INTERVALS 3

gint64  pm_dataset_get_median_interval (PmDataset *self);
GArray *pm_dataset_get_gaps            (PmDataset *self);

G_END_DECLS
