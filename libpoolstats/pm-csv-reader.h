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

#define PM_MAX_TAG_BYTES 16

typedef struct
{
  char    name[PM_MAX_TAG_BYTES + 1];
  guint8  len;
  guint32 id;
} PmCachedTag;

struct _PmTagCache
{
  PmDatasetBuilder *builder;
  GHashTable       *ids;          /* name -> id + 1 */
  GArray           *order;        /* PmCachedTag, the previous snapshot's rows */
  GArray           *current;      /* PmCachedTag, this snapshot's rows so far */
  GByteArray       *described;    /* per id: 1 when this thread kept its Binary/Description */
  guint             last_n_rows;  /* rows of the last file read, to size the next */
  gboolean          plain_off;    /* every line through libcsv (tests compare the two) */
  guint             n_plain;      /* lines split without libcsv (tests) */
  char             *raw;          /* the read buffer, kept from file to file */
  gsize             raw_size;
  char             *text;         /* UTF-16 decoded, kept likewise */
  gsize             text_size;
  guint             n_files;      /* files read */
  struct _PmPartSlab *slab;       /* where the rows of the parts read go (pm-part-slab.c) */
  /* When set: called as a snapshot ends once the part holds @piece_rows
   * rows or more, every one of them in finished snapshots. It may hand them
   * to the merge and empty the part (pm-dataset-window.c); FALSE clears it
   * for the rest of the file. */
  gboolean        (*piece_func) (PmPart *part, gpointer data);
  gpointer          piece_data;
  guint             piece_rows;
};

PmTagCache *_pm_tag_cache_new            (PmDatasetBuilder *builder);
void        _pm_tag_cache_free           (PmTagCache       *cache);
void        _pm_tag_cache_next_snapshot  (PmTagCache       *cache);
guint32     _pm_tag_cache_lookup         (PmTagCache       *cache,
                                          const char       *name,
                                          gsize             len);

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
PmPart     *_pm_csv_read_data_sized (PmTagCache         *cache,
                                     const char         *file,
                                     const char         *data,
                                     gsize               len,
                                     gsize               block,
                                     GCancellable       *cancellable,
                                     PmReadProgressFunc  progress,
                                     gpointer            user_data);
gboolean    _pm_csv_is_gzip_name    (const char         *file);
PmPart     *_pm_csv_read_file       (PmTagCache         *cache,
                                     const char         *file,
                                     GCancellable       *cancellable,
                                     PmReadProgressFunc  progress,
                                     gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmTagCache, _pm_tag_cache_free)

G_END_DECLS
