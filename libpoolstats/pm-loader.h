/* pm-loader.h: reading snapshot files into a PmDataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-dataset.h"
#include "pm-run-set.h"

G_BEGIN_DECLS

/**
 * PmLoadProgress:
 * @files_done: files finished
 * @n_files: files to read
 * @bytes_done: bytes of input finished
 * @n_bytes: bytes of input in all
 */
typedef struct
{
  guint   files_done;
  guint   n_files;
  guint64 bytes_done;
  guint64 n_bytes;
} PmLoadProgress;

/**
 * PmLoadProgressFunc:
 *
 * Called now and then during a load, in the thread that runs the load (for
 * pm_loader_load_async() a worker thread: never touch widgets from it).
 */
typedef void (*PmLoadProgressFunc) (const PmLoadProgress *progress,
                                    gpointer              user_data);

#define PM_TYPE_LOADER (pm_loader_get_type ())

G_DECLARE_FINAL_TYPE (PmLoader, pm_loader, PM, LOADER, GObject)

PmLoader   *pm_loader_new                  (void);
void        pm_loader_add_path             (PmLoader             *self,
                                            const char           *path);
void        pm_loader_set_pooltag_file     (PmLoader             *self,
                                            const char           *path);
void        pm_loader_set_use_store        (PmLoader             *self,
                                            gboolean              use_store);
void        pm_loader_set_n_threads        (PmLoader             *self,
                                            guint                 n_threads);
void        pm_loader_set_progress_func    (PmLoader             *self,
                                            PmLoadProgressFunc    func,
                                            gpointer              user_data,
                                            GDestroyNotify        destroy);
void        pm_loader_get_progress         (PmLoader             *self,
                                            PmLoadProgress       *progress);
PmDataset  *pm_loader_load                 (PmLoader             *self,
                                            GCancellable         *cancellable,
                                            GError              **error);
void        pm_loader_load_async           (PmLoader             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
PmDataset  *pm_loader_load_finish          (PmLoader             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
PmRunSet   *pm_loader_load_runs            (PmLoader             *self,
                                            GCancellable         *cancellable,
                                            GError              **error);
void        pm_loader_load_runs_async      (PmLoader             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
PmRunSet   *pm_loader_load_runs_finish     (PmLoader             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

PmDataset  *pm_dataset_load                (const char * const   *paths,
                                            GCancellable         *cancellable,
                                            GError              **error);

G_END_DECLS
