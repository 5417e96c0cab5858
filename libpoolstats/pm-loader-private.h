/* pm-loader-private.h: what pm-loader.c shares with pm-loader-store.c and
 * pm-follower-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-dataset-private.h"
#include "pm-store-private.h"

#include <glib/gstdio.h>

G_BEGIN_DECLS

typedef struct
{
  char         *path;
  guint64       size;
  PmStore      *store;        /* its folder's store, when the store is used */
  PmStoreStamp  stamp;        /* what identifies its content, when stamped */
  gboolean      stamped;
  gint64        mtime_ns;     /* when the folder was listed */
} InputFile;

gint64    _pm_loader_mtime_ns              (const GStatBuf   *st);
gboolean  _pm_loader_has_csv_suffix        (const char       *name);
int       _pm_loader_compare_names         (gconstpointer     a,
                                            gconstpointer     b);

char     *_pm_loader_make_image_key        (const char       *folder,
                                            GArray           *inputs,
                                            GPtrArray        *skipped,
                                            guint8           *key);
void      _pm_loader_open_store            (PmDatasetBuilder *builder,
                                            GPtrArray        *stores,
                                            GArray           *inputs,
                                            guint             first,
                                            guint             last);
void      _pm_loader_forget_vanished_files (GPtrArray        *stores,
                                            GArray           *inputs);
gpointer  _pm_loader_save_stores_thread    (gpointer          data);
GBytes   *_pm_loader_image_info            (const char       *folder,
                                            GArray           *inputs,
                                            GPtrArray        *skipped);
guint     _pm_loader_image_prefix          (GBytes           *info,
                                            const char       *folder,
                                            GArray           *inputs,
                                            GPtrArray        *skipped);

G_END_DECLS
