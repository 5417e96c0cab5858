/* pm-file.h: opening what the user names without blocking or faulting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "pm-dataset.h"

G_BEGIN_DECLS

#define PM_FILE_MAX_SMALL (64 * 1024 * 1024)

int       pm_file_open_regular  (const char  *path,
                                 guint64     *size,
                                 GError     **error);
gboolean  pm_file_get_contents  (const char  *path,
                                 gsize        max_bytes,
                                 char       **contents,
                                 gsize       *length,
                                 GError     **error);

gboolean  pm_dataset_is_input_file (PmDataset   *dataset,
                                    const char  *path);

typedef struct _PmFileWriter PmFileWriter;

PmFileWriter *pm_file_writer_new     (const char    *path,
                                      GError       **error);
gboolean      pm_file_writer_write   (PmFileWriter  *self,
                                      const void    *data,
                                      gsize          len);
gboolean      pm_file_writer_finish  (PmFileWriter  *self,
                                      gboolean       ok,
                                      GError       **error);
gboolean      pm_file_set_contents   (const char    *path,
                                      const char    *contents,
                                      gsize          length,
                                      GError       **error);

G_END_DECLS
