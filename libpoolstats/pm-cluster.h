/* pm-cluster.h: an order of tags that puts correlated ones together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Average-linkage hierarchical clustering on the distance 1 − r of a
 * #PmCorrMatrix (undefined r counts as 0, distance 1), read out as the
 * leaf order of the dendrogram: the correlation view draws its rows and
 * columns in that order, so tags that move together form blocks.
 */
#pragma once

#include <gio/gio.h>

#include "pm-corr.h"

G_BEGIN_DECLS

guint   *pm_cluster_order   (PmCorrMatrix  *matrix,
                             GCancellable  *cancellable,
                             GError       **error);

G_END_DECLS
