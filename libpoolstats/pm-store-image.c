/* pm-store-image.c: the image of a folder's last dataset, beside its store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file: a 64-byte header (magic, version, its CRC, the size, the CRC of
 * the rest), the key of what the dataset was made of, and the dataset as
 * pm-dataset-image.c writes it (docs/store.md).
 */
#include "pm-store-private.h"
#include "pm-store-io-private.h"
#include "pm-store-file-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
# include <sys/mman.h>
#endif

#include <gio/gio.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <unistd.h>
#else
# include <io.h>
#endif

/* ---- the image of the last dataset -------------------------------------- */

#define IMAGE_KEY_SIZE 32
static const char image_magic[8] = { 'P', 'M', 'I', 'M', 'A', 'G', 'E', '\n' };

/* The CRC-32 of what @c was the CRC of, followed by @data. */
static guint32
crc_more (guint32       c,
          const guint8 *data,
          gsize         len)
{
  while (len > 0)
    {
      uInt n = (uInt) MIN (len, (gsize) 1 << 30);

      c = (guint32) crc32 (c, data, n);
      data += n;
      len -= n;
    }
  return c;
}

/* A buffer for a big image: on huge pages where the system lends them, so
 * that filling 200 MB is a hundred page faults rather than fifty thousand. */
static guint8 *
alloc_buffer (gsize size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  void *p = NULL;

  if (size >= (16 << 20) && posix_memalign (&p, 2 << 20, size) == 0)
    {
      madvise (p, size, MADV_HUGEPAGE);
      return p;
    }
#endif
  return g_malloc (size);
}

static void
free_buffer (gpointer data)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  free (data);          /* posix_memalign() and g_malloc() both pair with free() */
#else
  g_free (data);
#endif
}

typedef struct
{
  int      fd;
  guint8  *data;
  gsize    first;
  gsize    last;
  guint32  crc;           /* of the range's bytes from HEADER_SIZE on */
  gboolean ok;
} ReadRange;

/* Reads a range of the file and its CRC while it is in cache. */
static gpointer
read_range (gpointer user_data)
{
  ReadRange *range = user_data;
  gsize done = range->first;

  range->ok = TRUE;
  while (done < range->last)
    {
#ifdef G_OS_UNIX
      gssize n = pread (range->fd, range->data + done, MIN (range->last - done, (gsize) 1 << 30),
                        (off_t) done);
#else
      gssize n = -1;
#endif

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          range->ok = FALSE;
          return NULL;
        }
      done += n;
    }
  range->crc = 0;
  if (range->last > HEADER_SIZE)
    {
      gsize from = MAX (range->first, HEADER_SIZE);

      range->crc = crc (range->data + from, range->last - from);
    }
  return NULL;
}

/* The whole file, with PM_PACKED_PADDING zero bytes after its end (not
 * counted in the size) so its packed columns can be decoded in place, and
 * the CRC-32 of all but its header. Read in a few ranges at once, each
 * checked as it arrives: reading and checking 200 MB is most of a reopen. */
static GBytes *
read_padded (const char *path,
             guint32    *body_crc)
{
  ReadRange ranges[4];
  GThread *threads[4] = { NULL };
  GStatBuf st;
  guint8 *data;
  gsize size;
  guint n_ranges = 1;
  gboolean ok = TRUE;
  int fd;

  if ((fd = _pm_store_open_regular (path)) < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size <= HEADER_SIZE ||
      (guint64) st.st_size > G_MAXSIZE - PM_PACKED_PADDING)
    {
      close (fd);
      return NULL;
    }
  size = st.st_size;
  data = alloc_buffer (size + PM_PACKED_PADDING);
#ifdef G_OS_UNIX
  /* Small images too, so the tests' damaged images go this way. */
  if (size > 4096)
    n_ranges = CLAMP (g_get_num_processors (), 1, G_N_ELEMENTS (ranges));
#endif
  for (guint i = 0; i < n_ranges; i++)
    ranges[i] = (ReadRange) { fd, data, size / n_ranges * i,
                              i + 1 == n_ranges ? size : size / n_ranges * (i + 1), 0, FALSE };
#ifdef G_OS_UNIX
  for (guint i = 1; i < n_ranges; i++)
    threads[i] = g_thread_new ("pm-image-read", read_range, &ranges[i]);
  read_range (&ranges[0]);
  for (guint i = 1; i < n_ranges; i++)
    g_thread_join (threads[i]);
#else
  {
    gsize done = 0;

    while (done < size)
      {
        int n = read (fd, data + done, (unsigned) MIN (size - done, (gsize) 1 << 30));

        if (n <= 0)
          break;
        done += n;
      }
    ranges[0].ok = done == size;
    ranges[0].crc = crc (data + HEADER_SIZE, size - HEADER_SIZE);
  }
#endif
  close (fd);

  *body_crc = ranges[0].crc;
  for (guint i = 0; i < n_ranges; i++)
    {
      ok = ok && ranges[i].ok;
      if (i > 0)
        *body_crc = (guint32) crc32_combine (*body_crc, ranges[i].crc,
                                             (z_off_t) (ranges[i].last - ranges[i].first));
    }
  if (!ok)
    {
      free_buffer (data);
      return NULL;
    }
  memset (data + size, 0, PM_PACKED_PADDING);
  return g_bytes_new_with_free_func (data, size, free_buffer, data);
}

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
  return _pm_store_image_load_full (path, key, NULL);
}

/**
 * _pm_store_image_load_full:
 * @key: (nullable): IMAGE_KEY_SIZE bytes, or %NULL for whatever the image
 *   was made of
 * @info: (out) (optional): what the saver said the image was made of
 *
 * Returns: (transfer full) (nullable): as _pm_store_image_load()
 */
PmDataset *
_pm_store_image_load_full (const char   *path,
                           const guint8 *key,
                           GBytes      **info)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *contents;
  gsize size = 0;
  Reader h;
  guint32 header_crc, body_crc, file_crc = 0;
  guint8 header[HEADER_SIZE];
  guint64 total;

  /* Another key: the image is of something else, no need to read it all. */
  if (key != NULL)
    {
      guint8 start[HEADER_SIZE + IMAGE_KEY_SIZE];
      int fd = _pm_store_open_regular (path);
      gssize n = fd >= 0 ? read (fd, start, sizeof start) : -1;

      if (fd >= 0)
        close (fd);
      if (n != (gssize) sizeof start || memcmp (start + HEADER_SIZE, key, IMAGE_KEY_SIZE) != 0)
        return NULL;
    }
  if ((bytes = read_padded (path, &file_crc)) == NULL)
    return NULL;
  contents = g_bytes_get_data (bytes, &size);
  if (size < HEADER_SIZE + IMAGE_KEY_SIZE || memcmp (contents, image_magic, sizeof image_magic) != 0)
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
      (key != NULL && memcmp (contents + HEADER_SIZE, key, IMAGE_KEY_SIZE) != 0) ||
      file_crc != body_crc)
    return NULL;

  /* The saver's note of what the image was made of, then the dataset. */
  h = (Reader) { (const guint8 *) contents + HEADER_SIZE + IMAGE_KEY_SIZE,
                 (const guint8 *) contents + size, TRUE };
  {
    guint64 info_len = get_varint (&h);
    PmDataset *dataset;

    if (!h.ok || info_len > (guint64) (h.end - h.p))
      return NULL;
    dataset = _pm_dataset_from_image (bytes, (h.p - (const guint8 *) contents) + info_len);
    if (dataset != NULL && info != NULL)
      *info = g_bytes_new_from_bytes (bytes, h.p - (const guint8 *) contents, info_len);
    return dataset;
  }
}

/**
 * _pm_store_image_peek_info:
 * @written_ns: (out): when the image was last written (its modification
 *   time, nanoseconds)
 *
 * Reads only the start of the image: its header and the saver's note of
 * what it was made of. Nothing here is checked against the image's CRC:
 * callers only take hints from it (docs/store.md, "Trusting a stamp"), and
 * whatever they then use of the image is checked in full when it is read.
 *
 * Returns: (transfer full) (nullable): the note, or %NULL
 */
GBytes *
_pm_store_image_peek_info (const char *path,
                           gint64     *written_ns)
{
  guint8 start[HEADER_SIZE + IMAGE_KEY_SIZE + 10];
  GStatBuf st;
  guint8 *info;
  Reader r;
  guint64 len;
  gsize at, got = 0;
  gssize n;
  int fd;

  if ((fd = _pm_store_open_regular (path)) < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || (n = read (fd, start, sizeof start)) < (gssize) (HEADER_SIZE + IMAGE_KEY_SIZE + 1) ||
      memcmp (start, image_magic, sizeof image_magic) != 0)
    {
      close (fd);
      return NULL;
    }
#if defined(__linux__)
  *written_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
#else
  *written_ns = (gint64) st.st_mtime * G_GINT64_CONSTANT (1000000000);
#endif
  r = (Reader) { start + HEADER_SIZE + IMAGE_KEY_SIZE, start + n, TRUE };
  len = get_varint (&r);
  at = r.p - start;
  if (!r.ok || len == 0 || len > (guint64) st.st_size - at || len > (64 << 20))
    {
      close (fd);
      return NULL;
    }
  info = g_malloc (len);
  while (got < len)
    {
#ifdef G_OS_UNIX
      gssize k = pread (fd, info + got, len - got, (off_t) (at + got));
#else
      gssize k = -1;
#endif

      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        break;
      got += k;
    }
  close (fd);
  if (got != len)
    {
      g_free (info);
      return NULL;
    }
  return g_bytes_new_take (info, len);
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
  return _pm_store_image_save_full (path, key, NULL, dataset, error);
}

/**
 * _pm_store_image_save_full:
 * @info: (nullable): a note of what the image is made of, for
 *   _pm_store_image_load_full()
 */
gboolean
_pm_store_image_save_full (const char    *path,
                           const guint8  *key,
                           GBytes        *info,
                           PmDataset     *dataset,
                           GError       **error)
{
  /* The dataset in pieces, its packed blobs where they lie (a month's are
   * 200 MB: no copy of them is made to write them). */
  g_autoptr(GPtrArray) body = _pm_dataset_to_image_pieces (dataset);
  /* The header, key and note here; the body is written from where it is. */
  g_autoptr(GByteArray) out = g_byte_array_sized_new (HEADER_SIZE + IMAGE_KEY_SIZE + 16 +
                                                      (info != NULL ? g_bytes_get_size (info) : 0));
  gsize body_len = 0;
  guint32 body_crc;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  guint8 header[HEADER_SIZE] = { 0 };
  guint32 le;
  gboolean ok;
  int fd;

  g_byte_array_set_size (out, HEADER_SIZE);
  g_byte_array_append (out, key, IMAGE_KEY_SIZE);
  put_varint (out, info != NULL ? g_bytes_get_size (info) : 0);
  if (info != NULL)
    g_byte_array_append (out, g_bytes_get_data (info, NULL), g_bytes_get_size (info));

  memcpy (header, image_magic, sizeof image_magic);
  le = GUINT32_TO_LE (PM_STORE_VERSION);
  memcpy (header + 8, &le, 4);
  body_crc = crc_more (0, out->data + HEADER_SIZE, out->len - HEADER_SIZE);
  for (guint i = 0; i < body->len; i++)
    {
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (body, i), &len);

      body_crc = crc_more (body_crc, data, len);
      body_len += len;
    }
  {
    guint64 total = GUINT64_TO_LE ((guint64) out->len + body_len);
    memcpy (header + 16, &total, 8);
  }
  le = GUINT32_TO_LE (body_crc);
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
  ok = _pm_store_write_all (fd, out->data, out->len, error);
  for (guint i = 0; ok && i < body->len; i++)
    {
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (body, i), &len);

      ok = _pm_store_write_all (fd, data, len, error);
    }
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
