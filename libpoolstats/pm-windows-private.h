/* pm-windows-private.h: a dataset merged window by window (pm-dataset-window.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-dataset-private.h"
#include "pm-loader.h"

G_BEGIN_DECLS

typedef struct _PmDatasetWindows PmDatasetWindows;

PmDatasetWindows *_pm_dataset_windows_new      (PmDatasetBuilder *builder);
void              _pm_dataset_windows_free     (PmDatasetWindows *windows);
gboolean          _pm_dataset_windows_add_part (PmDatasetWindows *windows,
                                                PmPart           *part);
gboolean          _pm_dataset_windows_add_piece (PmDatasetWindows *windows,
                                                 PmPart           *part);
PmDataset        *_pm_dataset_windows_end      (PmDatasetWindows *windows);

gboolean          _pm_loader_get_merged_as_read (PmLoader        *loader);
void              _pm_loader_set_merge_as_read  (PmLoader        *loader,
                                                 gboolean         merge_as_read);
guint             _pm_loader_get_n_pieces       (PmLoader        *loader);
void              _pm_loader_set_piece_rows     (PmLoader        *loader,
                                                 guint            piece_rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmDatasetWindows, _pm_dataset_windows_free)

G_END_DECLS
