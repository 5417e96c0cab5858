/* pm-store-private.h: parsed snapshot files kept per folder, between runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is a cache (docs/store.md): one file per folder under
 * g_get_user_cache_dir()/poolmonviz/, keyed by the folder's real path, holding
 * per source file what identifies its content and the PmPart the CSV reader
 * made of it, problems included. Any doubt means the file is parsed again.
 */
#pragma once

#include "pm-dataset-private.h"
#include "pm-loader.h"

G_BEGIN_DECLS

#define PM_STORE_VERSION 1

/* A store whose folder is gone (or that is not sound) and that nobody has
 * read or written for this many days is removed when the cache is tidied. */
#define PM_STORE_UNUSED_DAYS 30

typedef struct _PmStore PmStore;

/* What identifies a source file's content without reading all of it. */
typedef struct
{
  guint64 size;
  gint64  mtime_ns;
  guint64 check;          /* hash of the first and last 4 KiB and the size */
} PmStoreStamp;

char     *_pm_store_dir                (void);
char     *_pm_store_real_path          (const char        *folder);
int       _pm_store_open_regular       (const char        *path);
char     *_pm_store_path_for_folder    (const char        *real_folder);
gboolean  _pm_store_stamp_file         (const char        *path,
                                        PmStoreStamp      *stamp);
gboolean  _pm_store_stamps_equal       (const PmStoreStamp *a,
                                        const PmStoreStamp *b);

void      _pm_store_tidy               (void);
void      _pm_store_mark_used          (const char        *path);
char     *_pm_store_peek               (const char        *path,
                                        guint             *n_files);

PmStore  *_pm_store_open               (const char        *folder);
void      _pm_store_free               (PmStore           *store);
const char *_pm_store_get_path         (PmStore           *store);
void      _pm_store_bind_builder       (PmStore           *store,
                                        PmDatasetBuilder  *builder);
PmPart   *_pm_store_take_part          (PmStore           *store,
                                        const char        *name,
                                        const char        *file,
                                        const PmStoreStamp *stamp);
void      _pm_store_put_part           (PmStore           *store,
                                        PmDatasetBuilder  *builder,
                                        const char        *name,
                                        const PmStoreStamp *stamp,
                                        const PmPart      *part);
void      _pm_store_keep_only          (PmStore           *store,
                                        const char * const *names,
                                        guint              n_names);
gboolean  _pm_store_save               (PmStore           *store,
                                        GError           **error);

#define PM_STORE_IMAGE_KEY_SIZE 32

char      *_pm_store_image_path        (const char        *real_folder);
PmDataset *_pm_store_image_load        (const char        *path,
                                        const guint8      *key);
gboolean   _pm_store_image_save        (const char        *path,
                                        const guint8      *key,
                                        PmDataset         *dataset,
                                        GError           **error);
PmDataset *_pm_store_image_load_full   (const char        *path,
                                        const guint8      *key,
                                        GBytes           **info);
GBytes    *_pm_store_image_peek_info   (const char        *path,
                                        gint64            *written_ns);
gboolean   _pm_store_image_save_full   (const char        *path,
                                        const guint8      *key,
                                        GBytes            *info,
                                        PmDataset         *dataset,
                                        GError           **error);

guint     _pm_loader_get_n_from_store  (PmLoader          *loader);
gboolean  _pm_loader_get_from_image    (PmLoader          *loader);
gboolean  _pm_loader_get_appended      (PmLoader          *loader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmStore, _pm_store_free)

G_END_DECLS
