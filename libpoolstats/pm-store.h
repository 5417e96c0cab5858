/* pm-store.h: seeing and freeing the space the folder stores take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PmStoreInfo:
 * @path: the store file, under g_get_user_cache_dir()/poolmonviz
 * @folder: (nullable): the folder it keeps, %NULL when the store is not sound
 * @size: its size in bytes
 * @n_files: the source files it keeps
 * @folder_exists: whether @folder is still there
 * @last_used: when its files were last read or written (seconds since the
 *   epoch, the latest access or modification time of the store and its image)
 *
 * One folder's store (docs/store.md).
 */
typedef struct
{
  char     *path;
  char     *folder;
  guint64   size;
  guint     n_files;
  gboolean  folder_exists;
  gint64    last_used;
} PmStoreInfo;

void        pm_store_info_free     (PmStoreInfo  *info);
GPtrArray  *pm_store_list          (void);
gboolean    pm_store_clear         (const char   *folder,
                                    guint        *n_removed,
                                    guint64      *bytes_freed,
                                    GError      **error);
gboolean    pm_store_clear_unused  (gint64        unused_for,
                                    guint        *n_removed,
                                    guint64      *bytes_freed,
                                    GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmStoreInfo, pm_store_info_free)

G_END_DECLS
