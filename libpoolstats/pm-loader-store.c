/* pm-loader-store.c: the loader's side of the folder stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What pm_loader_load() does with the stores (docs/store.md): the key of a
 * folder's dataset image, opening each folder's store for its files,
 * forgetting files that are gone, writing the stores back.
 */
#include "pm-loader-private.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pm-store-io-private.h"
#include "pm-store-private.h"

/* A stamp recorded this long before the image was written is trusted on
 * the file's size and modification time alone (docs/store.md, "Trusting a
 * stamp"): more than the coarsest timestamps a folder may have (FAT's 2 s),
 * so a file rewritten within the tick in which it was stamped is read. */
#define TRUST_MARGIN_NS (G_GINT64_CONSTANT (2) * 1000000000)

typedef struct
{
  GArray     *inputs;
  GHashTable *hints;          /* path -> PmStoreStamp, from the last image */
  gint64      written_ns;     /* when that image was written */
  gint        next;
} StampJob;

/* The stamp the last image recorded for @input, when the file's size and
 * modification time are still those and were already so well before the
 * image was written; then its content is not read again. */
static gboolean
stamp_from_hint (StampJob  *job,
                 InputFile *input)
{
  const PmStoreStamp *hint;

  /* The size and time seen when the folder was listed (a regular file). */
  if (job->hints == NULL || (hint = g_hash_table_lookup (job->hints, input->path)) == NULL)
    return FALSE;
  if (input->size != hint->size || input->mtime_ns != hint->mtime_ns ||
      hint->mtime_ns > job->written_ns - TRUST_MARGIN_NS)
    return FALSE;
  input->stamp = *hint;
  return TRUE;
}

static gpointer
stamp_thread (gpointer data)
{
  StampJob *job = data;
  guint i;

  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < job->inputs->len)
    {
      InputFile *input = &g_array_index (job->inputs, InputFile, i);

      input->stamped = stamp_from_hint (job, input) ||
                       _pm_store_stamp_file (input->path, &input->stamp);
    }
  return NULL;
}

/* The stamps the note of the image at @image_path recorded, by path (as
 * image_info() writes them). Damage here costs nothing but speed: a wrong
 * hint makes a key no image has, or fails the image's CRC, then every file
 * is stamped in full. */
static GHashTable *
read_hints (const char *image_path,
            gint64     *written_ns)
{
  g_autoptr(GBytes) info = _pm_store_image_peek_info (image_path, written_ns);
  GHashTable *hints;
  const guint8 *data;
  gsize len = 0;
  Reader r;
  guint n;

  if (info == NULL)
    return NULL;
  data = g_bytes_get_data (info, &len);
  if (len < 4)
    return NULL;
  r = (Reader) { data + len - 4, data + len, TRUE };
  if (get_u32 (&r) != crc (data, len - 4))
    return NULL;
  r = (Reader) { data, data + len - 4, TRUE };
  n = get_uint (&r);
  g_free (get_string (&r));
  get_varint (&r);
  get_varint (&r);
  get_zigzag (&r);
  get_u64 (&r);
  get_varint (&r);
  hints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; r.ok && i < n; i++)
    {
      char *path = get_string (&r);
      PmStoreStamp *stamp = g_new (PmStoreStamp, 1);

      stamp->size = get_varint (&r);
      stamp->mtime_ns = get_zigzag (&r);
      stamp->check = get_u64 (&r);
      g_hash_table_replace (hints, path, stamp);
    }
  if (!r.ok)
    g_clear_pointer (&hints, g_hash_table_unref);
  return hints;
}

/* A file's modification time as its stamp has it. */
gint64
_pm_loader_mtime_ns (const GStatBuf *st)
{
#if defined(__linux__)
  return (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
#else
  return (gint64) st->st_mtime * G_GINT64_CONSTANT (1000000000);
#endif
}

/* Stamps every input, on a few threads: thousands of small reads, or only
 * a stat() each where the last image's note vouches for a file. */
static void
stamp_all (GArray     *inputs,
           const char *image_path)
{
  StampJob job = { inputs, NULL, 0, 0 };
  GThread *threads[4] = { NULL };
  guint n = MIN (CLAMP (g_get_num_processors (), 1, G_N_ELEMENTS (threads)),
                 MAX (inputs->len / 64, 1));

  if (image_path != NULL)
    job.hints = read_hints (image_path, &job.written_ns);

  for (guint j = 1; j < n; j++)
    threads[j] = g_thread_new ("pm-stamp", stamp_thread, &job);
  stamp_thread (&job);
  for (guint j = 1; j < n; j++)
    g_thread_join (threads[j]);
  g_clear_pointer (&job.hints, g_hash_table_unref);
}

/* What the dataset of one folder is made of: the version, the folder as
 * given (problems name files by it), and per file its name and stamp, the
 * files passed over and why, and the pooltag.txt beside them. Stamps every
 * input on the way (the workers use them).
 *
 * Returns: (transfer full) (nullable): the path of the folder's image, or
 *   %NULL when a file cannot be stamped */
char *
_pm_loader_make_image_key (const char *folder,
                           GArray     *inputs,
                           GPtrArray  *skipped,
                           guint8     *key)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *pooltag = g_build_filename (folder, "pooltag.txt", NULL);
  g_autofree char *real = NULL;
  char *image_path;
  PmStoreStamp stamp = { 0 };
  gsize len = PM_STORE_IMAGE_KEY_SIZE;
  char version[32];

  if ((real = _pm_store_real_path (folder)) == NULL)
    return NULL;
  image_path = _pm_store_image_path (real);
  g_snprintf (version, sizeof version, "poolmonviz image %d", PM_STORE_VERSION);
  g_checksum_update (sum, (const guchar *) version, strlen (version) + 1);
  g_checksum_update (sum, (const guchar *) folder, strlen (folder) + 1);
  g_checksum_update (sum, (const guchar *) real, strlen (real) + 1);
  stamp_all (inputs, image_path);
  for (guint i = 0; i < inputs->len; i++)
    {
      InputFile *input = &g_array_index (inputs, InputFile, i);

      if (!input->stamped)
        {
          g_free (image_path);
          return NULL;
        }
      g_checksum_update (sum, (const guchar *) input->path, strlen (input->path) + 1);
      g_checksum_update (sum, (const guchar *) &input->stamp, sizeof input->stamp);
    }
  for (guint i = 0; i < skipped->len; i++)
    {
      PmPart *part = g_ptr_array_index (skipped, i);

      g_checksum_update (sum, (const guchar *) part->file, strlen (part->file) + 1);
      for (guint p = 0; p < part->problems->len; p++)
        {
          const PmProblem *problem = g_ptr_array_index (part->problems, p);

          g_checksum_update (sum, (const guchar *) problem->message, strlen (problem->message) + 1);
        }
    }
  if (_pm_store_stamp_file (pooltag, &stamp))
    g_checksum_update (sum, (const guchar *) &stamp, sizeof stamp);
  g_checksum_get_digest (sum, key, &len);

  return image_path;
}

/* Opens the store of the folder whose files are inputs[first..last). */
void
_pm_loader_open_store (PmDatasetBuilder *builder,
                       GPtrArray        *stores,
                       GArray           *inputs,
                       guint             first,
                       guint             last)
{
  g_autofree char *folder = NULL;
  PmStore *store;

  if (first >= inputs->len)
    return;
  folder = g_path_get_dirname (g_array_index (inputs, InputFile, first).path);
  if ((store = _pm_store_open (folder)) == NULL)
    return;
  _pm_store_bind_builder (store, builder);
  g_ptr_array_add (stores, store);
  for (guint i = first; i < last; i++)
    g_array_index (inputs, InputFile, i).store = store;
}

/* A file no longer in its folder drops out of the folder's store. */
void
_pm_loader_forget_vanished_files (GPtrArray *stores,
                                  GArray    *inputs)
{
  for (guint s = 0; s < stores->len; s++)
    {
      PmStore *store = g_ptr_array_index (stores, s);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < inputs->len; i++)
        {
          InputFile *input = &g_array_index (inputs, InputFile, i);

          if (input->store == store)
            g_ptr_array_add (names, g_path_get_basename (input->path));
        }
      _pm_store_keep_only (store, (const char * const *) names->pdata, names->len);
    }
}

gpointer
_pm_loader_save_stores_thread (gpointer data)
{
  GPtrArray *stores = data;

  for (guint s = 0; s < stores->len; s++)
    {
      g_autoptr(GError) error = NULL;
      PmStore *store = g_ptr_array_index (stores, s);

      if (!_pm_store_save (store, &error))
        g_debug ("store %s not written: %s", _pm_store_get_path (store), error->message);
    }
  _pm_store_tidy ();
  return NULL;
}

/* The note an image keeps of what it was made of: the folder, its
 * pooltag.txt, the files passed over, and the first @n_inputs files with
 * their stamps (inputs are stamped by _pm_loader_make_image_key()). */
static GBytes *
image_info (const char *folder,
            GArray     *inputs,
            guint       n_inputs,
            GPtrArray  *skipped)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree char *pooltag = g_build_filename (folder, "pooltag.txt", NULL);
  PmStoreStamp stamp = { 0 };
  gboolean has_pooltag = _pm_store_stamp_file (pooltag, &stamp);

  put_varint (out, n_inputs);
  put_string (out, folder);
  put_varint (out, has_pooltag);
  put_varint (out, stamp.size);
  put_zigzag (out, stamp.mtime_ns);
  put_u64 (out, stamp.check);
  put_varint (out, skipped->len);
  for (guint i = 0; i < n_inputs; i++)
    {
      InputFile *input = &g_array_index (inputs, InputFile, i);

      put_string (out, input->path);
      put_varint (out, input->stamp.size);
      put_zigzag (out, input->stamp.mtime_ns);
      put_u64 (out, input->stamp.check);
    }
  /* Its own CRC: the next open takes stamps from the note before it reads
   * (and checks) the rest of the image. */
  put_u32 (out, crc (out->data, out->len));
  return g_byte_array_free_to_bytes (out);
}

GBytes *
_pm_loader_image_info (const char *folder,
                       GArray     *inputs,
                       GPtrArray  *skipped)
{
  return image_info (folder, inputs, inputs->len, skipped);
}

/**
 * _pm_loader_image_prefix:
 * @info: what an image of @folder was made of
 *
 * Returns: how many of the first @inputs the image was made of, exactly
 *   those and nothing else changed; 0 when that is not so
 */
guint
_pm_loader_image_prefix (GBytes     *info,
                         const char *folder,
                         GArray     *inputs,
                         GPtrArray  *skipped)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (info, &len);
  Reader r = { data, data + len, TRUE };
  guint n = get_uint (&r);
  g_autoptr(GBytes) expected = NULL;

  if (!r.ok || n == 0 || n > inputs->len || skipped->len > 0)
    return 0;
  for (guint i = 0; i < n; i++)
    if (!g_array_index (inputs, InputFile, i).stamped)
      return 0;
  expected = image_info (folder, inputs, n, skipped);
  return g_bytes_equal (expected, info) ? n : 0;
}
