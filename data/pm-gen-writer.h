/* pm-gen-writer.h: writing snapshot CSVs fast, in either encoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pm-format.h"
#include "pm-gen-model.h"

G_BEGIN_DECLS

typedef enum
{
  PM_GEN_ENCODING_UTF16LE,  /* Windows PowerShell 5.1: BOM, CRLF */
  PM_GEN_ENCODING_UTF8,     /* the new sampler: no BOM, CRLF */
} PmGenEncoding;

typedef struct _PmGenWriter PmGenWriter;

PmGenWriter *pm_gen_writer_new             (PmGenEncoding    encoding,
                                            const PmColumn  *columns,
                                            guint            n_columns,
                                            PmGenModel      *model);
void         pm_gen_writer_free            (PmGenWriter     *self);
gboolean     pm_gen_writer_open            (PmGenWriter     *self,
                                            const char      *path,
                                            GError         **error);
void         pm_gen_writer_set_times       (PmGenWriter     *self,
                                            const char      *local,
                                            const char      *utc);
gboolean     pm_gen_writer_add_row         (PmGenWriter     *self,
                                            guint            tag,
                                            const PmGenRow  *row,
                                            GError         **error);
gboolean     pm_gen_writer_close           (PmGenWriter     *self,
                                            GError         **error);
guint64      pm_gen_writer_get_n_bytes     (PmGenWriter     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmGenWriter, pm_gen_writer_free)

G_END_DECLS
