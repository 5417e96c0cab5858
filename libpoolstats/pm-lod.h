/* pm-lod.h: levels of detail of one series, for drawing months fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart draws, per pixel column, the lowest and the highest value of the
 * samples that fall in it. Over three months at one snapshot a minute a
 * column holds about a hundred samples per series; reading them all on
 * every frame makes the frame cost grow with the data. A PmLod keeps, per
 * bucket of 8, 32, 128, ... samples (each level four times coarser than the
 * one below), the bucket's lowest and highest value, so the extremes of
 * any span of samples come from a few dozen buckets and the raw samples at
 * its two ragged ends: the answer is exactly that of a scan of the raw
 * samples, at a cost that grows with the square root of the span.
 *
 * Two notions of a usable sample are kept side by side: not NaN (a linear
 * axis), and greater than zero (a log axis, where the rest are gaps).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Samples per bucket of the first level, and the step between levels. */
#define PM_LOD_BASE   8
#define PM_LOD_FACTOR 4

typedef struct _PmLod PmLod;

PmLod        *pm_lod_new              (const double *values,
                                       gsize         n);
void          pm_lod_free             (PmLod        *lod);
gsize         pm_lod_get_n_values     (const PmLod  *lod);
const double *pm_lod_get_values       (const PmLod  *lod);
gsize         pm_lod_get_memory       (const PmLod  *lod);
guint         pm_lod_get_n_levels     (const PmLod  *lod);
gsize         pm_lod_get_level_step   (const PmLod  *lod,
                                       guint         level);
gsize         pm_lod_get_level_length (const PmLod  *lod,
                                       guint         level);
gboolean      pm_lod_get_bucket       (const PmLod  *lod,
                                       guint         level,
                                       gsize         bucket,
                                       gboolean      positive_only,
                                       double       *lo,
                                       double       *hi);
gboolean      pm_lod_range            (const PmLod  *lod,
                                       gsize         first,
                                       gsize         end,
                                       gboolean      positive_only,
                                       double       *lo,
                                       double       *hi);
gboolean      pm_lod_first_valid      (const PmLod  *lod,
                                       gsize         first,
                                       gsize         end,
                                       gboolean      positive_only,
                                       gsize        *index);
gboolean      pm_lod_last_valid       (const PmLod  *lod,
                                       gsize         first,
                                       gsize         end,
                                       gboolean      positive_only,
                                       gsize        *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmLod, pm_lod_free)

G_END_DECLS
