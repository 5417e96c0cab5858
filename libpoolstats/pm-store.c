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
 * pm-store-part.c turns parts into blobs and back; pm-store-image.c keeps
 * the image of the last dataset.
 */
#include "pm-store-private.h"
#include "pm-store-io-private.h"
#include "pm-store-file-private.h"

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

static const char magic[8] = { 'P', 'M', 'S', 'T', 'O', 'R', 'E', '\n' };

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

/**
 * _pm_store_open_regular:
 *
 * Opens @path for reading only when it is a regular file: a FIFO or a
 * device put where a store or a snapshot was expected is never waited on.
 *
 * Returns: a file descriptor, or -1
 */
int
_pm_store_open_regular (const char *path)
{
  GStatBuf st;
  int fd;

#ifdef G_OS_UNIX
  if ((fd = g_open (path, O_RDONLY | O_NONBLOCK, 0)) < 0)
    return -1;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK) != 0)
    {
      close (fd);
      return -1;
    }
#else
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) ||
      (fd = g_open (path, O_RDONLY | O_BINARY, 0)) < 0)
    return -1;
#endif
  return fd;
}

#ifndef G_OS_UNIX
/* The whole of a regular file, or NULL. */
static char *
read_regular_file (const char *path,
                   gsize      *size)
{
  GString *data = g_string_new (NULL);
  char buf[1 << 16];
  int fd = _pm_store_open_regular (path);

  if (fd < 0)
    {
      g_string_free (data, TRUE);
      return NULL;
    }
  for (;;)
    {
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          g_string_free (data, TRUE);
          return NULL;
        }
      if (n == 0)
        break;
      g_string_append_len (data, buf, n);
    }
  close (fd);
  *size = data->len;
  return g_string_free (data, FALSE);
}
#endif

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

#ifdef G_OS_UNIX
/* Up to @len bytes at @at, fewer at the end of the file (or on an error,
 * as fread() gives what it read). */
static gsize
read_at (int     fd,
         guint8 *buf,
         gsize   len,
         off_t   at)
{
  gsize got = 0;

  while (got < len)
    {
      gssize r = pread (fd, buf + got, len - got, at + (off_t) got);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      got += (gsize) r;
    }
  return got;
}
#endif

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
#ifndef G_OS_UNIX
  FILE *f;
#endif
  int fd;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  stamp->size = st.st_size;
#if defined(__linux__)
  stamp->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
#else
  stamp->mtime_ns = (gint64) st.st_mtime * G_GINT64_CONSTANT (1000000000);
#endif

#ifdef G_OS_UNIX
  /* Two positioned reads: a reopen stamps every file of the folder, and
   * stdio's seek and buffer cost it a few system calls more per file. The
   * bytes hashed are those of the stdio path below. */
  if ((fd = _pm_store_open_regular (path)) < 0)
    return FALSE;
  n = read_at (fd, buf, sizeof buf, 0);
  h = hash_bytes (h, buf, n);
  if (stamp->size > sizeof buf)
    {
      n = read_at (fd, buf, sizeof buf, (off_t) (stamp->size - sizeof buf));
      h = hash_bytes (h, buf, n);
    }
  close (fd);
#else
  if ((fd = _pm_store_open_regular (path)) < 0 || (f = fdopen (fd, "rb")) == NULL)
    {
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
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
#endif
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

/* Checks a header: the store's @size, where its index is (@index_offset,
 * @index_size) and the index's CRC. */
static gboolean
check_header (const guint8 *data,
              gsize         size,
              guint64      *index_offset,
              guint64      *index_size,
              guint32      *index_crc)
{
  Reader h = { data, data + HEADER_SIZE, TRUE };
  guint8 header[HEADER_SIZE];
  guint64 total;
  guint32 header_crc;

  if (size < HEADER_SIZE || memcmp (data, magic, sizeof magic) != 0)
    return FALSE;
  h.p += sizeof magic;
  if (get_u32 (&h) != PM_STORE_VERSION)
    return FALSE;
  header_crc = get_u32 (&h);
  total = get_u64 (&h);
  *index_offset = get_u64 (&h);
  *index_size = get_u64 (&h);
  *index_crc = get_u32 (&h);
  memcpy (header, data, HEADER_SIZE);
  memset (header + 12, 0, 4);
  return h.ok && crc (header, HEADER_SIZE) == header_crc && total == size &&
         *index_offset >= HEADER_SIZE && *index_offset <= size &&
         *index_size == size - *index_offset;
}

/* Parses an index (already checked by its CRC) at @index_offset of the
 * store; @base, when the whole store is in memory, is where it lies (else
 * blobs are read from the store's file when needed). FALSE at the first
 * doubt. */
static gboolean
parse_index (PmStore      *store,
             const guint8 *index,
             gsize         index_size,
             guint64       index_offset,
             const guint8 *base)
{
  g_autofree char *folder = NULL;
  guint n_names, n_entries;
  Reader r = { index, index + index_size, TRUE };

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
      entry->blob = base != NULL ? base + offset : NULL;
      entry->blob_offset = offset;
      entry->blob_len = len;
      g_hash_table_insert (store->entries, entry->name, entry);
    }

  return r.ok && r.p == r.end;
}

#ifndef G_OS_UNIX
/* Parses header and index of @data; FALSE at the first doubt. */
static gboolean
read_index (PmStore      *store,
            const guint8 *data,
            gsize         size)
{
  guint64 index_offset, index_size;
  guint32 index_crc;

  if (!check_header (data, size, &index_offset, &index_size, &index_crc) ||
      crc (data + index_offset, index_size) != index_crc)
    return FALSE;
  return parse_index (store, data + index_offset, index_size, index_offset, data);
}
#endif

#ifdef G_OS_UNIX
/* Reads only the header and the index of the store open as @fd, which the
 * store keeps to read blobs from when they are needed: a month's store is
 * gigabytes, a load only needs the blobs of the files it takes from it
 * (docs/store.md, "Import memory"). FALSE at the first doubt. */
static gboolean
read_index_from (PmStore *store,
                 int      fd)
{
  guint8 header[HEADER_SIZE];
  g_autofree guint8 *index = NULL;
  guint64 index_offset, index_size;
  guint32 index_crc;
  GStatBuf st;

  if (fstat (fd, &st) != 0 || st.st_size < HEADER_SIZE ||
      read_at (fd, header, HEADER_SIZE, 0) != HEADER_SIZE ||
      !check_header (header, st.st_size, &index_offset, &index_size, &index_crc) ||
      index_size > G_MAXSIZE / 2)
    return FALSE;
  index = g_malloc (MAX (index_size, 1));
  if (read_at (fd, index, index_size, (off_t) index_offset) != index_size ||
      crc (index, index_size) != index_crc)
    return FALSE;
  return parse_index (store, index, index_size, index_offset, NULL);
}
#endif

/**
 * _pm_store_read_blob:
 *
 * Thread safe.
 *
 * Returns: (transfer full) (nullable): the blob of @entry when it is
 *   in the old store's file, read from there; %NULL when it cannot be read
 */
guint8 *
_pm_store_read_blob (PmStore *store,
                     Entry   *entry)
{
#ifdef G_OS_UNIX
  guint8 *blob;

  if (store->fd < 0)
    return NULL;
  blob = g_malloc (MAX (entry->blob_len, 1));
  if (read_at (store->fd, blob, entry->blob_len, (off_t) entry->blob_offset) != entry->blob_len)
    {
      g_free (blob);
      return NULL;
    }
  return blob;
#else
  return NULL;
#endif
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
  int fd;

  *n_files = 0;
  if ((fd = _pm_store_open_regular (path)) < 0 || (f = fdopen (fd, "rb")) == NULL)
    {
      if (fd >= 0)
        close (fd);
      return NULL;
    }
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
#ifndef G_OS_UNIX
  char *contents = NULL;
  gsize size = 0;
#endif

  if ((real = _pm_store_real_path (folder)) == NULL)
    return NULL;

  store = g_new0 (PmStore, 1);
  g_mutex_init (&store->lock);
  store->spill_fd = -1;
  store->fd = -1;
  store->folder = g_steal_pointer (&real);
  store->path = _pm_store_path_for_folder (store->folder);
  store->names = g_ptr_array_new ();
  store->name_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) entry_free);

#ifdef G_OS_UNIX
  if ((store->fd = _pm_store_open_regular (store->path)) >= 0)
    {
      if (!read_index_from (store, store->fd))
        {
          g_debug ("store %s for %s is not sound; rebuilding it", store->path, store->folder);
          forget_all (store);
          close (store->fd);
          store->fd = -1;
          store->dirty = TRUE;
        }
    }
  else
    store->dirty = TRUE;
#else
  if ((contents = read_regular_file (store->path, &size)) != NULL)
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
#endif
  store->n_old_names = store->names->len;

  return store;
}

void
_pm_store_free (PmStore *store)
{
  if (store == NULL)
    return;

  if (store->spill_fd >= 0)
    {
      close (store->spill_fd);
      g_unlink (store->spill_path);
    }
  g_free (store->spill_path);
  if (store->fd >= 0)
    close (store->fd);
  g_hash_table_unref (store->entries);
  g_ptr_array_unref (store->names);
  g_hash_table_unref (store->name_ids);
  g_clear_pointer (&store->data, g_bytes_unref);
  g_free (store->to_builder);
  g_clear_pointer (&store->from_builder, g_array_unref);
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
gboolean
_pm_store_stamps_equal (const PmStoreStamp *a,
                        const PmStoreStamp *b)
{
  return a->size == b->size && a->mtime_ns == b->mtime_ns && a->check == b->check;
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
/* Writes all of @data to @fd, or says why not. */
gboolean
_pm_store_write_all (int            fd,
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

#ifdef G_OS_UNIX
static gboolean
pwrite_all (int           fd,
            const guint8 *data,
            gsize         len,
            guint64       at)
{
  while (len > 0)
    {
      gssize n = pwrite (fd, data, MIN (len, (gsize) 1 << 30), (off_t) at);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
      at += n;
    }
  return TRUE;
}
#endif

/**
 * _pm_store_spill:
 * @offset: (out): where @data went in the store's next file
 *
 * Thread safe. Writes a blob made in this run into the store's next file
 * (a temporary file of a unique name beside the store, made at the first
 * blob), which _pm_store_save() completes and renames.
 *
 * Returns: %FALSE when it could not be written: the caller keeps it
 */
gboolean
_pm_store_spill (PmStore      *store,
                 const guint8 *data,
                 gsize         len,
                 guint64      *offset)
{
#ifdef G_OS_UNIX
  int fd;

  g_mutex_lock (&store->lock);
  if (store->spill_fd < 0 && !store->spill_failed)
    {
      g_autofree char *dir = g_path_get_dirname (store->path);
      char *tmp = g_strdup_printf ("%s.XXXXXX", store->path);

      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          (store->spill_fd = g_mkstemp_full (tmp, O_RDWR, 0600)) < 0)
        {
          store->spill_failed = TRUE;
          store->spill_fd = -1;
          g_free (tmp);
        }
      else
        {
          store->spill_path = tmp;
          store->spill_end = HEADER_SIZE;
        }
    }
  if (store->spill_fd < 0 || store->spill_failed)
    {
      g_mutex_unlock (&store->lock);
      return FALSE;
    }
  fd = store->spill_fd;
  *offset = store->spill_end;
  store->spill_end += len;
  g_mutex_unlock (&store->lock);

  /* Distinct ranges: the workers write at once. */
  if (pwrite_all (fd, data, len, *offset))
    return TRUE;
  g_mutex_lock (&store->lock);
  store->spill_failed = TRUE;
  g_mutex_unlock (&store->lock);
#endif
  return FALSE;
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
  g_autofree guint64 *offsets = NULL;
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

  /* The blobs made in this run are in the next file already (after its
   * header's room); the others follow them. */
  if (store->spill_fd >= 0)
    {
      fd = store->spill_fd;
      tmp = g_steal_pointer (&store->spill_path);
      offset = store->spill_end;
      store->spill_fd = -1;
    }
  else
    {
      tmp = g_strdup_printf ("%s.XXXXXX", store->path);
      if ((fd = g_mkstemp_full (tmp, O_RDWR, 0600)) < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "cannot make a file in %s: %s", dir, g_strerror (saved));
          return FALSE;
        }
    }
  offsets = g_new (guint64, MAX (entries->len, 1));
  for (guint i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      if (entry->spilled)
        offsets[i] = entry->spill_offset;
      else
        {
          offsets[i] = offset;
          offset += entry->blob_len;
        }
    }

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
      put_varint (index, offsets[i]);
      put_varint (index, entry->blob_len);
      put_u32 (index, entry->blob_crc);
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

  /* The header, then the blobs not written yet (they follow those that
   * were, in the order their offsets were given), then the index. */
  {
    guint64 first = offset;

    for (guint i = 0; i < entries->len; i++)
      {
        entry = g_ptr_array_index (entries, i);
        if (!entry->spilled)
          {
            first = offsets[i];
            break;
          }
      }
    ok = lseek (fd, 0, SEEK_SET) == 0 &&
         _pm_store_write_all (fd, header, HEADER_SIZE, error) &&
         lseek (fd, (off_t) first, SEEK_SET) == (off_t) first;
  }
  for (guint i = 0; ok && i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      if (entry->spilled)
        continue;
      if (entry->blob != NULL)
        ok = _pm_store_write_all (fd, entry->blob, entry->blob_len, error);
      else
        {
          /* Kept from the old store, read from its file (a blob at a
           * time: the store is never all in memory). */
          g_autofree guint8 *blob = _pm_store_read_blob (store, entry);

          ok = blob != NULL && _pm_store_write_all (fd, blob, entry->blob_len, error);
        }
    }
  ok = ok && _pm_store_write_all (fd, index->data, index->len, error);
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
    {
      g_unlink (tmp);
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the store");
    }
  else
    store->dirty = FALSE;
  return ok;
}
