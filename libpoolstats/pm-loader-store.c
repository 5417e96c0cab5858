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

#include "pm-store-private.h"

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
  PmStoreStamp stamp = { 0 };
  gsize len = PM_STORE_IMAGE_KEY_SIZE;
  char version[32];

  if ((real = _pm_store_real_path (folder)) == NULL)
    return NULL;
  g_snprintf (version, sizeof version, "poolmonviz image %d", PM_STORE_VERSION);
  g_checksum_update (sum, (const guchar *) version, strlen (version) + 1);
  g_checksum_update (sum, (const guchar *) folder, strlen (folder) + 1);
  g_checksum_update (sum, (const guchar *) real, strlen (real) + 1);
  for (guint i = 0; i < inputs->len; i++)
    {
      InputFile *input = &g_array_index (inputs, InputFile, i);

      if (!_pm_store_stamp_file (input->path, &input->stamp))
        return NULL;
      input->stamped = TRUE;
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

  return _pm_store_image_path (real);
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
  return NULL;
}
