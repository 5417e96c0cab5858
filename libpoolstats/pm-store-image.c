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
#include <string.h>

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

/* The whole file, with PM_PACKED_PADDING zero bytes after its end (not
 * counted in the size) so its packed columns can be decoded in place. */
static GBytes *
read_padded (const char *path)
{
  GStatBuf st;
  guint8 *data;
  gsize done = 0;
  int fd;

  if ((fd = g_open (path, O_RDONLY, 0)) < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size <= 0 ||
      (guint64) st.st_size > G_MAXSIZE - PM_PACKED_PADDING)
    {
      close (fd);
      return NULL;
    }
  data = g_malloc ((gsize) st.st_size + PM_PACKED_PADDING);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, MIN ((gsize) st.st_size - done, (gsize) 1 << 30));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  close (fd);
  if (done != (gsize) st.st_size)
    {
      g_free (data);
      return NULL;
    }
  memset (data + done, 0, PM_PACKED_PADDING);
  return g_bytes_new_take (data, done);
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
  g_autoptr(GBytes) bytes = NULL;
  const char *contents;
  gsize size = 0;
  Reader h;
  guint32 header_crc, body_crc;
  guint8 header[HEADER_SIZE];
  guint64 total;

  if ((bytes = read_padded (path)) == NULL)
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
      memcmp (contents + HEADER_SIZE, key, IMAGE_KEY_SIZE) != 0 ||
      crc ((const guint8 *) contents + HEADER_SIZE, size - HEADER_SIZE) != body_crc)
    return NULL;

  return _pm_dataset_from_image (bytes, HEADER_SIZE + IMAGE_KEY_SIZE);
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
  ok = _pm_store_write_all (fd, out->data, out->len, error);
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
