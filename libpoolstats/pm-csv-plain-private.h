/* pm-csv-plain-private.h: splitting a plain CSV line without libcsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most fields a plain line may have; a wider line goes to libcsv. */
#define PM_CSV_PLAIN_MAX_FIELDS 64

typedef struct
{
  const char *data;
  gsize       len;
} PmCsvField;

gboolean _pm_csv_split_plain (const char *line,
                              gsize       len,
                              char        eol,
                              gboolean    trims_blanks,
                              PmCsvField *fields,
                              guint      *n_fields,
                              int        *end_char);

G_END_DECLS
