/* pm-store.c: the per-folder store of parsed snapshot files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file per folder (docs/store.md has the layout):
 *
 *   header   64 bytes: magic, version, its own CRC, the file's size, where
 *            the index is, the index's size and CRC
 *   blobs    one per source file: its PmPart, columns of varints
 *   index    the folder's real path, the tag names the blobs refer to, and
 *            per source file its name, size, mtime, content check, and where
 *            its blob is with the blob's CRC
 *
 * Nothing read is trusted: every length is bounds-checked, the header and
 * index are checked before anything is used, each blob's CRC before it is
 * decoded. A store that fails any check is ignored (and replaced at the end
 * of the load); a blob that fails means its file is parsed again. Writing
 * goes to a temporary file of a unique name, renamed over the store when
 * complete, so a reader sees the old store or the new one, never half of
 * one, and two processes writing at once each rename a whole store.
 */
#include "pm-store-private.h"
#include "pm-store-io-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <unistd.h>
#else
# include <io.h>
#endif

#define HEADER_SIZE 64
static const char magic[8] = { 'P', 'M', 'S', 'T', 'O', 'R', 'E', '\n' };

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
  const guint8 *blob;         /* into the old store's data, or into @owned */
  gsize         blob_len;
  guint32       blob_crc;
  GBytes       *owned;        /* a blob made in this run */
  gboolean      keep;
} Entry;

struct _PmStore
{
  char             *folder;
  char             *path;
  GBytes           *data;         /* the store as read, when it was sound */
  GMutex            lock;
  GPtrArray        *names;        /* tag names blobs refer to, by id */
  GHashTable       *name_ids;     /* name -> id + 1 */
  guint             n_old_names;  /* names the old blobs may refer to */
  guint32          *to_builder;   /* old name id -> builder tag id */
  GHashTable       *entries;      /* file name -> Entry */
  gboolean          dirty;
};

/* ---- where stores live, what identifies a file ----------------------- */

/**
 * _pm_store_dir:
 *
 * Returns: (transfer full): g_get_user_cache_dir()/poolmonviz
 */
char *
_pm_store_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "poolmonviz", NULL);
}

char *
_pm_store_path_for_folder (const char *real_folder)
{
  g_autofree char *dir = _pm_store_dir ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, real_folder, -1);
  g_autofree char *name = g_strdup_printf ("%.32s.store", hash);

  return g_build_filename (dir, name, NULL);
}

static guint64
hash_bytes (guint64       h,
            const guint8 *p,
            gsize         n)
{
  /* FNV-1a, 64 bits: enough to tell a rewritten file from the same one. */
  for (gsize i = 0; i < n; i++)
    {
      h ^= p[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

/**
 * _pm_store_stamp_file:
 *
 * Size, modification time and a hash of the first and last 4 KiB: what the
 * store compares before trusting what it kept of @path.
 *
 * Returns: %FALSE when the file cannot be read
 */
gboolean
_pm_store_stamp_file (const char   *path,
                      PmStoreStamp *stamp)
{
  guint8 buf[4096];
  GStatBuf st;
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  gssize n;
  FILE *f;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  stamp->size = st.st_size;
#if defined(__linux__)
  stamp->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
#else
  stamp->mtime_ns = (gint64) st.st_mtime * G_GINT64_CONSTANT (1000000000);
#endif

  if ((f = g_fopen (path, "rb")) == NULL)
    return FALSE;
  n = fread (buf, 1, sizeof buf, f);
  h = hash_bytes (h, buf, n);
  if (stamp->size > sizeof buf)
    {
      if (fseeko (f, (off_t) (stamp->size - sizeof buf), SEEK_SET) == 0)
        {
          n = fread (buf, 1, sizeof buf, f);
          h = hash_bytes (h, buf, n);
        }
      else
        h = 0;
    }
  fclose (f);
  stamp->check = hash_bytes (h, (const guint8 *) &stamp->size, sizeof stamp->size);
  return TRUE;
}

/* ---- reading a store ---------------------------------------------------- */

static void
entry_free (Entry *entry)
{
  g_free (entry->name);
  g_clear_pointer (&entry->owned, g_bytes_unref);
  g_free (entry);
}

/* Parses header and index of @data; FALSE at the first doubt. */
static gboolean
read_index (PmStore      *store,
            const guint8 *data,
            gsize         size)
{
  Reader h = { data, data + MIN (size, HEADER_SIZE), TRUE };
  guint8 header[HEADER_SIZE];
  guint64 total, index_offset, index_size;
  guint32 header_crc, index_crc;
  g_autofree char *folder = NULL;
  guint n_names, n_entries;
  Reader r;

  if (size < HEADER_SIZE || memcmp (data, magic, sizeof magic) != 0)
    return FALSE;
  h.p += sizeof magic;
  if (get_u32 (&h) != PM_STORE_VERSION)
    return FALSE;
  header_crc = get_u32 (&h);
  total = get_u64 (&h);
  index_offset = get_u64 (&h);
  index_size = get_u64 (&h);
  index_crc = get_u32 (&h);
  memcpy (header, data, HEADER_SIZE);
  memset (header + 12, 0, 4);
  if (!h.ok || crc (header, HEADER_SIZE) != header_crc || total != size ||
      index_offset < HEADER_SIZE || index_offset > size || index_size != size - index_offset ||
      crc (data + index_offset, index_size) != index_crc)
    return FALSE;

  r = (Reader) { data + index_offset, data + size, TRUE };
  folder = get_string (&r);
  if (!r.ok || strcmp (folder, store->folder) != 0)
    return FALSE;

  n_names = get_uint (&r);
  for (guint i = 0; r.ok && i < n_names; i++)
    {
      char *name = get_string (&r);

      if (!r.ok || g_hash_table_contains (store->name_ids, name))
        {
          g_free (name);
          return FALSE;
        }
      g_ptr_array_add (store->names, name);
      g_hash_table_insert (store->name_ids, name, GUINT_TO_POINTER (i + 1));
    }

  n_entries = get_uint (&r);
  for (guint i = 0; r.ok && i < n_entries; i++)
    {
      Entry *entry = g_new0 (Entry, 1);
      guint64 offset, len;

      entry->name = get_string (&r);
      entry->stamp.size = get_varint (&r);
      entry->stamp.mtime_ns = get_zigzag (&r);
      entry->stamp.check = get_u64 (&r);
      offset = get_varint (&r);
      len = get_varint (&r);
      entry->blob_crc = get_u32 (&r);
      if (!r.ok || offset < HEADER_SIZE || offset > index_offset || len > index_offset - offset ||
          g_hash_table_contains (store->entries, entry->name))
        {
          entry_free (entry);
          return FALSE;
        }
      entry->blob = data + offset;
      entry->blob_len = len;
      g_hash_table_insert (store->entries, entry->name, entry);
    }

  return r.ok && r.p == r.end;
}

/**
 * _pm_store_peek:
 * @path: a store file
 * @n_files: (out): the source files it keeps
 *
 * Reads only the header and the index, checked as when opening.
 *
 * Returns: (transfer full) (nullable): the folder the store keeps, or %NULL
 *   when the store is not sound
 */
char *
_pm_store_peek (const char *path,
                guint      *n_files)
{
  guint8 header[HEADER_SIZE];
  g_autofree guint8 *index = NULL;
  guint64 total, index_offset, index_size;
  guint32 header_crc, index_crc;
  Reader r = { header + sizeof magic, header + HEADER_SIZE, TRUE };
  char *folder = NULL;
  guint n_names;
  FILE *f;

  *n_files = 0;
  if ((f = g_fopen (path, "rb")) == NULL)
    return NULL;
  if (fread (header, 1, HEADER_SIZE, f) != HEADER_SIZE || memcmp (header, magic, sizeof magic) != 0)
    goto out;
  if (get_u32 (&r) != PM_STORE_VERSION)
    goto out;
  header_crc = get_u32 (&r);
  total = get_u64 (&r);
  index_offset = get_u64 (&r);
  index_size = get_u64 (&r);
  index_crc = get_u32 (&r);
  memset (header + 12, 0, 4);
  if (crc (header, HEADER_SIZE) != header_crc || index_offset < HEADER_SIZE ||
      index_offset > total || index_size != total - index_offset || index_size > G_MAXINT32 ||
      fseeko (f, (off_t) index_offset, SEEK_SET) != 0)
    goto out;
  index = g_malloc (MAX (index_size, 1));
  if (fread (index, 1, index_size, f) != index_size || fgetc (f) != EOF ||
      crc (index, index_size) != index_crc)
    goto out;

  r = (Reader) { index, index + index_size, TRUE };
  folder = get_string (&r);
  n_names = get_uint (&r);
  for (guint i = 0; r.ok && i < n_names; i++)
    g_free (get_string (&r));
  *n_files = get_uint (&r);
  if (!r.ok)
    {
      g_clear_pointer (&folder, g_free);
      *n_files = 0;
    }

out:
  fclose (f);
  return folder;
}

static void
forget_all (PmStore *store)
{
  g_hash_table_remove_all (store->entries);
  g_hash_table_remove_all (store->name_ids);
  g_ptr_array_set_size (store->names, 0);
  g_clear_pointer (&store->data, g_bytes_unref);
}

/**
 * _pm_store_real_path:
 *
 * Returns: (transfer full) (nullable): @folder with symbolic links and
 *   relative parts resolved, or %NULL when it does not exist
 */
char *
_pm_store_real_path (const char *folder)
{
#ifdef G_OS_UNIX
  char *resolved = realpath (folder, NULL);
  char *real = resolved ? g_strdup (resolved) : NULL;

  free (resolved);
  return real;
#else
  if (!g_file_test (folder, G_FILE_TEST_EXISTS))
    return NULL;
  return g_canonicalize_filename (folder, NULL);
#endif
}

/**
 * _pm_store_open:
 * @folder: a folder of snapshot files
 *
 * Reads the folder's store, if there is a sound one. Never fails: with no
 * store, or one that does not pass every check, the store starts empty and
 * every file is parsed.
 *
 * Returns: (transfer full) (nullable): %NULL only when @folder has no real
 *   path (it vanished)
 */
PmStore *
_pm_store_open (const char *folder)
{
  g_autofree char *real = NULL;
  PmStore *store;
  char *contents = NULL;
  gsize size = 0;

  if ((real = _pm_store_real_path (folder)) == NULL)
    return NULL;

  store = g_new0 (PmStore, 1);
  g_mutex_init (&store->lock);
  store->folder = g_steal_pointer (&real);
  store->path = _pm_store_path_for_folder (store->folder);
  store->names = g_ptr_array_new ();
  store->name_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) entry_free);

  if (g_file_get_contents (store->path, &contents, &size, NULL))
    {
      store->data = g_bytes_new_take (contents, size);
      if (!read_index (store, (const guint8 *) contents, size))
        {
          g_debug ("store %s for %s is not sound; rebuilding it", store->path, store->folder);
          forget_all (store);
          store->dirty = TRUE;
        }
    }
  else
    store->dirty = TRUE;
  store->n_old_names = store->names->len;

  return store;
}

void
_pm_store_free (PmStore *store)
{
  if (store == NULL)
    return;

  g_hash_table_unref (store->entries);
  g_ptr_array_unref (store->names);
  g_hash_table_unref (store->name_ids);
  g_clear_pointer (&store->data, g_bytes_unref);
  g_free (store->to_builder);
  g_free (store->folder);
  g_free (store->path);
  g_mutex_clear (&store->lock);
  g_free (store);
}

const char *
_pm_store_get_path (PmStore *store)
{
  return store->path;
}

/* Interns the names the old blobs refer to, once, so decoding a blob needs
 * no lock. */
void
_pm_store_bind_builder (PmStore          *store,
                        PmDatasetBuilder *builder)
{
  store->to_builder = g_new (guint32, MAX (store->n_old_names, 1));
  for (guint i = 0; i < store->n_old_names; i++)
    {
      const char *name = g_ptr_array_index (store->names, i);

      store->to_builder[i] = _pm_dataset_builder_intern_tag (builder, name, strlen (name));
    }
}

gboolean
_pm_store_stamps_equal (const PmStoreStamp *a,
                        const PmStoreStamp *b)
{
  return a->size == b->size && a->mtime_ns == b->mtime_ns && a->check == b->check;
}

static PmPart *
decode_part (PmStore      *store,
             const guint8 *blob,
             gsize         len,
             const char   *file)
{
  g_autoptr(PmPart) part = _pm_part_new (file);
  Reader r = { blob, blob + len, TRUE };
  guint arrays, n_snapshots, n_info, n_listed;
  gint64 utc = 0;

  part->is_input_file = TRUE;
  part->have = get_uint (&r) & 0x3f;
  arrays = get_uint (&r);
  part->n_rows = get_uint (&r);
  part->rows_skipped = get_uint (&r);
  part->n_problems = get_uint (&r);
  if (!r.ok || (part->n_rows > 0 && !(arrays & ARRAY_TAGS)) ||
      part->n_rows > (gsize) (r.end - r.p))
    return NULL;

  n_snapshots = get_uint (&r);
  for (guint i = 0; r.ok && i < n_snapshots; i++)
    {
      PmPartSnapshot snap;
      guint flags;

      utc += get_zigzag (&r);
      snap.utc = utc;
      snap.local = utc + get_zigzag (&r);
      snap.first_row = get_uint (&r);
      snap.n_rows = get_uint (&r);
      snap.line = get_uint (&r);
      flags = get_uint (&r);
      snap.has_utc = flags & 1;
      snap.has_local = (flags >> 1) & 1;
      if (snap.first_row > part->n_rows || snap.n_rows > part->n_rows - snap.first_row)
        return NULL;
      g_array_append_val (part->snapshots, snap);
    }

  n_info = get_uint (&r);
  for (guint i = 0; r.ok && i < n_info; i++)
    {
      PmPartTagInfo info;
      guint id = get_uint (&r);

      info.binary = get_string (&r);
      info.description = get_string (&r);
      if (id >= store->n_old_names)
        r.ok = FALSE;
      info.tag = r.ok ? store->to_builder[id] : 0;
      g_array_append_val (part->tag_info, info);
    }

  n_listed = get_uint (&r);
  for (guint i = 0; r.ok && i < n_listed && i < PM_MAX_PROBLEMS_PER_FILE; i++)
    {
      guint line = get_uint (&r);
      g_autofree char *message = get_string (&r);

      g_ptr_array_add (part->problems, pm_problem_new (file, line, message));
    }
  if (!r.ok || n_listed > PM_MAX_PROBLEMS_PER_FILE)
    return NULL;

  if (arrays != 0)
    {
      guint n = part->n_rows;
      guint cap = MAX (n, 1);

      /* Every row is written below: no need to zero. */
      part->capacity = cap;
      part->tags = g_new (guint32, cap);
      part->tags[0] = 0;
      for (guint i = 0; i < n; i++)
        {
          guint id = get_uint (&r);

          if (id >= store->n_old_names)
            return NULL;
          part->tags[i] = store->to_builder[id];
        }
#define GET_U32_COLUMN(bit, field)                              \
      if (arrays & bit)                                         \
        {                                                       \
          part->field = g_new (guint32, cap);                   \
          part->field[0] = 0;                                   \
          for (guint i = 0; i < n; i++)                         \
            part->field[i] = (guint32) get_varint (&r);         \
        }
#define GET_I64_COLUMN(bit, field)                              \
      if (arrays & bit)                                         \
        {                                                       \
          part->field = g_new (gint64, cap);                    \
          part->field[0] = 0;                                   \
          for (guint i = 0; i < n; i++)                         \
            part->field[i] = get_zigzag (&r);                   \
        }
      GET_U32_COLUMN (ARRAY_PAGED_DIFF, paged_diff)
      GET_U32_COLUMN (ARRAY_NON_PAGED_DIFF, non_paged_diff)
      GET_I64_COLUMN (ARRAY_PAGED_USED, paged_used)
      GET_I64_COLUMN (ARRAY_NON_PAGED_USED, non_paged_used)
      GET_I64_COLUMN (ARRAY_TOTAL_USED, total_used)
      GET_U32_COLUMN (ARRAY_ALLOCS, allocs)
#undef GET_U32_COLUMN
#undef GET_I64_COLUMN
    }

  if (!r.ok || r.p != r.end)
    return NULL;
  return g_steal_pointer (&part);
}

/**
 * _pm_store_take_part:
 * @name: the file's name in the folder
 * @file: the file's path, as the loader names it in problems
 * @stamp: the file as it is now
 *
 * Thread safe. The store's entry for @name is kept for the next save
 * whether or not it could be used.
 *
 * Returns: (transfer full) (nullable): the part the store kept for @name
 *   when the file is the one it was made from and the blob is sound
 */
PmPart *
_pm_store_take_part (PmStore            *store,
                     const char         *name,
                     const char         *file,
                     const PmStoreStamp *stamp)
{
  Entry *entry;
  PmPart *part;

  g_mutex_lock (&store->lock);
  entry = g_hash_table_lookup (store->entries, name);
  g_mutex_unlock (&store->lock);

  if (entry == NULL || entry->owned != NULL || !_pm_store_stamps_equal (&entry->stamp, stamp))
    return NULL;
  if (crc (entry->blob, entry->blob_len) != entry->blob_crc ||
      (part = decode_part (store, entry->blob, entry->blob_len, file)) == NULL)
    {
      g_debug ("store: the blob of %s is damaged; parsing the file", name);
      return NULL;
    }
  return part;
}

static GBytes *
encode_part (const PmPart  *part,
             const guint32 *ids)
{
  GByteArray *out = g_byte_array_sized_new (64 + part->n_rows * 16);
  guint arrays = 0;
  gint64 utc = 0;

  if (part->tags != NULL)
    arrays |= ARRAY_TAGS;
  if (part->tags != NULL)
    arrays |= (part->paged_diff ? ARRAY_PAGED_DIFF : 0) |
              (part->non_paged_diff ? ARRAY_NON_PAGED_DIFF : 0) |
              (part->paged_used ? ARRAY_PAGED_USED : 0) |
              (part->non_paged_used ? ARRAY_NON_PAGED_USED : 0) |
              (part->total_used ? ARRAY_TOTAL_USED : 0) |
              (part->allocs ? ARRAY_ALLOCS : 0);

  put_varint (out, part->have);
  put_varint (out, arrays);
  put_varint (out, part->n_rows);
  put_varint (out, part->rows_skipped);
  put_varint (out, part->n_problems);

  put_varint (out, part->snapshots->len);
  for (guint i = 0; i < part->snapshots->len; i++)
    {
      const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, i);

      put_zigzag (out, (gint64) ((guint64) snap->utc - (guint64) utc));
      put_zigzag (out, (gint64) ((guint64) snap->local - (guint64) snap->utc));
      utc = snap->utc;
      put_varint (out, snap->first_row);
      put_varint (out, snap->n_rows);
      put_varint (out, snap->line);
      put_varint (out, (snap->has_utc ? 1 : 0) | (snap->has_local ? 2 : 0));
    }

  put_varint (out, part->tag_info->len);
  for (guint i = 0; i < part->tag_info->len; i++)
    {
      const PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);

      put_varint (out, ids[info->tag]);
      put_string (out, info->binary);
      put_string (out, info->description);
    }

  put_varint (out, part->problems->len);
  for (guint i = 0; i < part->problems->len; i++)
    {
      const PmProblem *problem = g_ptr_array_index (part->problems, i);

      put_varint (out, problem->line);
      put_string (out, problem->message);
    }

  if (arrays != 0)
    {
      for (guint i = 0; i < part->n_rows; i++)
        put_varint (out, ids[part->tags[i]]);
      for (guint i = 0; part->paged_diff && i < part->n_rows; i++)
        put_varint (out, part->paged_diff[i]);
      for (guint i = 0; part->non_paged_diff && i < part->n_rows; i++)
        put_varint (out, part->non_paged_diff[i]);
      for (guint i = 0; part->paged_used && i < part->n_rows; i++)
        put_zigzag (out, part->paged_used[i]);
      for (guint i = 0; part->non_paged_used && i < part->n_rows; i++)
        put_zigzag (out, part->non_paged_used[i]);
      for (guint i = 0; part->total_used && i < part->n_rows; i++)
        put_zigzag (out, part->total_used[i]);
      for (guint i = 0; part->allocs && i < part->n_rows; i++)
        put_varint (out, part->allocs[i]);
    }

  return g_byte_array_free_to_bytes (out);
}

/* The store's id of every builder tag @part names; ids[builder id]. */
static guint32 *
map_tags (PmStore            *store,
          PmDatasetBuilder   *builder,
          const PmPart       *part)
{
  guint32 *ids;
  guint n;

  g_mutex_lock (&builder->lock);
  n = builder->tag_names->len;
  ids = g_new (guint32, MAX (n, 1));
  memset (ids, 0xff, sizeof (guint32) * MAX (n, 1));
  g_mutex_lock (&store->lock);
  for (guint i = 0; i < part->n_rows + part->tag_info->len; i++)
    {
      guint32 tag = i < part->n_rows ? part->tags[i]
                    : g_array_index (part->tag_info, PmPartTagInfo, i - part->n_rows).tag;
      const char *name;
      gpointer value;

      if (ids[tag] != G_MAXUINT32)
        continue;
      name = g_ptr_array_index (builder->tag_names, tag);
      if ((value = g_hash_table_lookup (store->name_ids, name)) == NULL)
        {
          char *copy = g_strdup (name);

          g_ptr_array_add (store->names, copy);
          value = GUINT_TO_POINTER (store->names->len);
          g_hash_table_insert (store->name_ids, copy, value);
        }
      ids[tag] = GPOINTER_TO_UINT (value) - 1;
    }
  g_mutex_unlock (&store->lock);
  g_mutex_unlock (&builder->lock);

  return ids;
}

/**
 * _pm_store_put_part:
 * @part: what the CSV reader made of the file, before any merge
 *
 * Thread safe. Keeps @part for the next save, for the file as @stamp says
 * it was before it was read.
 */
void
_pm_store_put_part (PmStore            *store,
                    PmDatasetBuilder   *builder,
                    const char         *name,
                    const PmStoreStamp *stamp,
                    const PmPart       *part)
{
  g_autofree guint32 *ids = map_tags (store, builder, part);
  GBytes *bytes = encode_part (part, ids);
  Entry *entry = g_new0 (Entry, 1);

  entry->name = g_strdup (name);
  entry->stamp = *stamp;
  entry->owned = bytes;
  entry->blob = g_bytes_get_data (bytes, &entry->blob_len);
  entry->blob_crc = crc (entry->blob, entry->blob_len);
  entry->keep = TRUE;

  g_mutex_lock (&store->lock);
  g_hash_table_replace (store->entries, entry->name, entry);
  store->dirty = TRUE;
  g_mutex_unlock (&store->lock);
}

/**
 * _pm_store_keep_only:
 * @names: the folder's files now
 *
 * Drops what the store kept of files no longer in the folder.
 */
void
_pm_store_keep_only (PmStore            *store,
                     const char * const *names,
                     guint               n_names)
{
  GHashTableIter iter;
  Entry *entry;

  for (guint i = 0; i < n_names; i++)
    if ((entry = g_hash_table_lookup (store->entries, names[i])) != NULL)
      entry->keep = TRUE;

  g_hash_table_iter_init (&iter, store->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (!entry->keep)
      {
        g_hash_table_iter_remove (&iter);
        store->dirty = TRUE;
      }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp ((*(Entry * const *) a)->name, (*(Entry * const *) b)->name);
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          len,
           GError       **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) 1 << 30));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "cannot write the store: %s", g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

/**
 * _pm_store_save:
 *
 * Writes the store when anything changed: to a temporary file of a unique
 * name beside it, renamed over it once complete.
 *
 * Returns: %FALSE with @error set when it could not be written (the load
 *   that called it is unaffected)
 */
gboolean
_pm_store_save (PmStore  *store,
                GError  **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GByteArray) index = g_byte_array_new ();
  guint8 header[HEADER_SIZE] = { 0 };
  GHashTableIter iter;
  Entry *entry;
  guint64 offset = HEADER_SIZE;
  GByteArray *h;
  gboolean ok = TRUE;
  int fd;

  if (!store->dirty)
    return TRUE;

  dir = g_path_get_dirname (store->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot make %s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, store->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_ptr_array_add (entries, entry);
  g_ptr_array_sort (entries, compare_entries);

  put_string (index, store->folder);
  put_varint (index, store->names->len);
  for (guint i = 0; i < store->names->len; i++)
    put_string (index, g_ptr_array_index (store->names, i));
  put_varint (index, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      put_string (index, entry->name);
      put_varint (index, entry->stamp.size);
      put_zigzag (index, entry->stamp.mtime_ns);
      put_u64 (index, entry->stamp.check);
      put_varint (index, offset);
      put_varint (index, entry->blob_len);
      put_u32 (index, entry->blob_crc);
      offset += entry->blob_len;
    }

  h = g_byte_array_new ();
  g_byte_array_append (h, (const guint8 *) magic, sizeof magic);
  put_u32 (h, PM_STORE_VERSION);
  put_u32 (h, 0);
  put_u64 (h, offset + index->len);
  put_u64 (h, offset);
  put_u64 (h, index->len);
  put_u32 (h, crc (index->data, index->len));
  memcpy (header, h->data, h->len);
  g_byte_array_unref (h);
  {
    guint32 le = GUINT32_TO_LE (crc (header, HEADER_SIZE));
    memcpy (header + 12, &le, 4);
  }

  tmp = g_strdup_printf ("%s.XXXXXX", store->path);
  if ((fd = g_mkstemp_full (tmp, O_WRONLY, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot make a file in %s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  ok = write_all (fd, header, HEADER_SIZE, error);
  for (guint i = 0; ok && i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      ok = write_all (fd, entry->blob, entry->blob_len, error);
    }
  ok = ok && write_all (fd, index->data, index->len, error);
  if (close (fd) != 0 && ok)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot write the store: %s", g_strerror (saved));
      ok = FALSE;
    }
  if (ok && g_rename (tmp, store->path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot rename %s: %s", tmp, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  else
    store->dirty = FALSE;
  return ok;
}

/* ---- the image of the last dataset -------------------------------------- */

#define IMAGE_KEY_SIZE 32
static const char image_magic[8] = { 'P', 'M', 'I', 'M', 'A', 'G', 'E', '\n' };

/**
 * _pm_store_image_path:
 *
 * Returns: (transfer full): where the image of @real_folder's last dataset
 *   lives, beside its store
 */
char *
_pm_store_image_path (const char *real_folder)
{
  g_autofree char *store = _pm_store_path_for_folder (real_folder);

  return g_strconcat (store, ".image", NULL);
}

/**
 * _pm_store_image_load:
 * @key: IMAGE_KEY_SIZE bytes: what the folder was made of
 *
 * Returns: (transfer full) (nullable): the dataset the image at @path holds,
 *   when it was made from exactly what @key says and passes every check
 */
PmDataset *
_pm_store_image_load (const char   *path,
                      const guint8 *key)
{
  g_autofree char *contents = NULL;
  gsize size = 0;
  Reader h;
  guint32 header_crc, body_crc;
  guint8 header[HEADER_SIZE];
  guint64 total;

  if (!g_file_get_contents (path, &contents, &size, NULL) ||
      size < HEADER_SIZE + IMAGE_KEY_SIZE ||
      memcmp (contents, image_magic, sizeof image_magic) != 0)
    return NULL;
  h = (Reader) { (const guint8 *) contents + 8, (const guint8 *) contents + HEADER_SIZE, TRUE };
  if (get_u32 (&h) != PM_STORE_VERSION)
    return NULL;
  header_crc = get_u32 (&h);
  total = get_u64 (&h);
  body_crc = get_u32 (&h);
  memcpy (header, contents, HEADER_SIZE);
  memset (header + 12, 0, 4);
  if (!h.ok || crc (header, HEADER_SIZE) != header_crc || total != size ||
      memcmp (contents + HEADER_SIZE, key, IMAGE_KEY_SIZE) != 0 ||
      crc ((const guint8 *) contents + HEADER_SIZE, size - HEADER_SIZE) != body_crc)
    return NULL;

  return _pm_dataset_from_image ((const guint8 *) contents + HEADER_SIZE + IMAGE_KEY_SIZE,
                                 size - HEADER_SIZE - IMAGE_KEY_SIZE);
}

/**
 * _pm_store_image_save:
 *
 * Writes the image of @dataset for @key, atomically (temporary file of a
 * unique name, renamed).
 */
gboolean
_pm_store_image_save (const char    *path,
                      const guint8  *key,
                      PmDataset     *dataset,
                      GError       **error)
{
  g_autoptr(GBytes) body = _pm_dataset_to_image (dataset);
  g_autoptr(GByteArray) out = g_byte_array_sized_new (HEADER_SIZE + IMAGE_KEY_SIZE +
                                                      g_bytes_get_size (body));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  guint8 header[HEADER_SIZE] = { 0 };
  guint32 le;
  gboolean ok;
  int fd;

  g_byte_array_set_size (out, HEADER_SIZE);
  g_byte_array_append (out, key, IMAGE_KEY_SIZE);
  g_byte_array_append (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  memcpy (header, image_magic, sizeof image_magic);
  le = GUINT32_TO_LE (PM_STORE_VERSION);
  memcpy (header + 8, &le, 4);
  {
    guint64 total = GUINT64_TO_LE ((guint64) out->len);
    memcpy (header + 16, &total, 8);
  }
  le = GUINT32_TO_LE (crc (out->data + HEADER_SIZE, out->len - HEADER_SIZE));
  memcpy (header + 24, &le, 4);
  le = GUINT32_TO_LE (crc (header, HEADER_SIZE));
  memcpy (header + 12, &le, 4);
  memcpy (out->data, header, HEADER_SIZE);

  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp_full (tmp, O_WRONLY, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot write in %s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  ok = write_all (fd, out->data, out->len, error);
  if (close (fd) != 0 && ok)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the image");
      ok = FALSE;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot rename the image");
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}
