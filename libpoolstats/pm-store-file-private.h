/* pm-store-file-private.h: what pm-store*.c share about the store file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-store-private.h"

G_BEGIN_DECLS

#define HEADER_SIZE 64

/* Which of a part's row arrays exist (a part without rows has none). */
enum
{
  ARRAY_TAGS           = 1 << 0,
  ARRAY_PAGED_DIFF     = 1 << 1,
  ARRAY_NON_PAGED_DIFF = 1 << 2,
  ARRAY_PAGED_USED     = 1 << 3,
  ARRAY_NON_PAGED_USED = 1 << 4,
  ARRAY_TOTAL_USED     = 1 << 5,
  ARRAY_ALLOCS         = 1 << 6,
};

typedef struct
{
  char         *name;
  PmStoreStamp  stamp;
  const guint8 *blob;         /* into the old store's data, or into @owned;
                               * NULL when it is read from the old store's
                               * file at @blob_offset when needed */
  guint64       blob_offset;
  gsize         blob_len;
  guint32       blob_crc;
  GBytes       *owned;        /* a blob made in this run, kept in memory */
  gboolean      keep;
  gboolean      spilled;      /* a blob made in this run, already in the
                               * store's next file at @spill_offset */
  guint64       spill_offset;
} Entry;

struct _PmStore
{
  char             *folder;
  char             *path;
  GBytes           *data;         /* the store as read, when it was sound and
                                   * read whole (not on Unix) */
  int               fd;           /* the old store's file, blobs read from it
                                   * when needed; -1 */
  GMutex            lock;
  GPtrArray        *names;        /* tag names blobs refer to, by id */
  GHashTable       *name_ids;     /* name -> id + 1 */
  guint             n_old_names;  /* names the old blobs may refer to */
  guint32          *to_builder;   /* old name id -> builder tag id */
  GArray           *from_builder; /* guint32: builder tag id -> name id, G_MAXUINT32
                                   * where not known yet */
  GHashTable       *entries;      /* file name -> Entry */
  gboolean          dirty;

  /* The store's next file, written as blobs are made (so a first open
   * holds no encoded file in memory) and completed by _pm_store_save(). */
  int               spill_fd;     /* -1: none yet */
  char             *spill_path;
  guint64           spill_end;
  gboolean          spill_failed;
};

guint8  *_pm_store_read_blob (PmStore       *store,
                              Entry         *entry);
gboolean _pm_store_spill     (PmStore       *store,
                              const guint8  *data,
                              gsize          len,
                              guint64       *offset);

gboolean _pm_store_write_all (int            fd,
                              const guint8  *data,
                              gsize          len,
                              GError       **error);

G_END_DECLS
