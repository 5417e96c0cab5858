/* pm-csv-reader.h: one snapshot file into rows (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-dataset-private.h"

G_BEGIN_DECLS

/* Per-thread memory of tag -> id, so that reading thousands of files with the
 * same tags in the same order costs one comparison per row. */
typedef struct _PmTagCache PmTagCache;

PmTagCache *_pm_tag_cache_new       (PmDatasetBuilder *builder);
void        _pm_tag_cache_free      (PmTagCache       *cache);

/* Called with the number of input bytes finished since the last call. */
typedef void (*PmReadProgressFunc) (gsize    n_bytes,
                                    gpointer user_data);

PmPart     *_pm_csv_read_data       (PmTagCache         *cache,
                                     const char         *file,
                                     const char         *data,
                                     gsize               len,
                                     GCancellable       *cancellable,
                                     PmReadProgressFunc  progress,
                                     gpointer            user_data);
PmPart     *_pm_csv_read_file       (PmTagCache         *cache,
                                     const char         *file,
                                     GCancellable       *cancellable,
                                     PmReadProgressFunc  progress,
                                     gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmTagCache, _pm_tag_cache_free)

G_END_DECLS
