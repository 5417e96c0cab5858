/* pm-gen-image.h: a generated run straight into the store's dataset image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pm-gen-model.h"
#include "poolstats.h"

G_BEGIN_DECLS

PmDataset *pm_gen_build_dataset (PmGenModel *model,
                                 guint       n_snapshots,
                                 gint64      start,
                                 gint64      offset,
                                 guint       interval);

gboolean pm_gen_write_image (PmGenModel  *model,
                             guint        n_snapshots,
                             gint64       start,
                             gint64       offset,
                             guint        interval,
                             const char  *path,
                             GError     **error);

G_END_DECLS
