/* pm-store-list.c: the stores in the cache folder, listed and cleared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the header and the index of each store are read. Only files whose
 * names the store gives them (*.store, and *.store.XXXXXX while one is
 * written) are ever removed.
 */
#include "pm-store.h"
#include "pm-store-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

void
pm_store_info_free (PmStoreInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->folder);
  g_free (info);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names the store gives its files: HASH.store, HASH.store.image, and
 * either followed by .XXXXXX while being written. */
static gboolean
is_store_file (const char *name)
{
  const char *rest = name + 32;

  for (guint i = 0; i < 32; i++)
    if (!g_ascii_isxdigit (name[i]))
      return FALSE;
  if (!g_str_has_prefix (rest, ".store"))
    return FALSE;
  rest += 6;
  if (g_str_has_prefix (rest, ".image"))
    rest += 6;
  return *rest == '\0' || (*rest == '.' && strlen (rest + 1) == 6);
}

/**
 * pm_store_list:
 *
 * Returns: (transfer full) (element-type PmStoreInfo): every store in the
 *   cache folder, sound or not, by path; a store's size counts the image of
 *   its last dataset beside it
 */
GPtrArray *
pm_store_list (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_store_info_free);
  g_autofree char *dir = _pm_store_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (is_store_file (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = names->pdata[i];
      PmStoreInfo *info = g_new0 (PmStoreInfo, 1);
      GStatBuf st;

      info->path = g_build_filename (dir, n, NULL);
      if (g_stat (info->path, &st) == 0)
        info->size = st.st_size;
      if (strcmp (n + 32, ".store") == 0)
        {
          info->folder = _pm_store_peek (info->path, &info->n_files);
          info->folder_exists = info->folder != NULL &&
                                g_file_test (info->folder, G_FILE_TEST_IS_DIR);
          /* Its image sorts right after it. */
          if (i + 1 < names->len && strncmp (names->pdata[i + 1], n, 32) == 0 &&
              strcmp ((const char *) names->pdata[i + 1] + 32, ".store.image") == 0)
            {
              g_autofree char *image = g_build_filename (dir, (const char *) names->pdata[i + 1], NULL);

              if (g_stat (image, &st) == 0)
                info->size += st.st_size;
              i++;
            }
        }
      g_ptr_array_add (list, info);
    }

  return list;
}

static gboolean
remove_file (const char  *path,
             guint       *n_removed,
             guint64     *bytes_freed,
             GError     **error)
{
  GStatBuf st;
  guint64 size = g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;

  if (g_unlink (path) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot remove %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  (*n_removed)++;
  *bytes_freed += size;
  return TRUE;
}

/**
 * pm_store_clear:
 * @folder: (nullable): the folder whose store to remove, or %NULL for all
 * @n_removed: (out) (optional): store files removed
 * @bytes_freed: (out) (optional): their bytes
 *
 * A folder that no longer exists is matched by the path its store records.
 *
 * Returns: %FALSE with @error set when a store could not be removed
 */
gboolean
pm_store_clear (const char  *folder,
                guint       *n_removed,
                guint64     *bytes_freed,
                GError     **error)
{
  g_autoptr(GPtrArray) list = pm_store_list ();
  g_autofree char *real = NULL;
  guint removed = 0;
  guint64 freed = 0;
  gboolean ok = TRUE;

  if (folder != NULL && (real = _pm_store_real_path (folder)) == NULL)
    real = g_canonicalize_filename (folder, NULL);

  if (real != NULL)
    {
      g_autofree char *store = _pm_store_path_for_folder (real);
      g_autofree char *image = _pm_store_image_path (real);
      guint before = removed;

      ok = remove_file (store, &removed, &freed, error) &&
           remove_file (image, &removed, &freed, error);
      /* One store, whether or not it had an image. */
      removed = MIN (removed, before + 1);
    }
  else
    {
      g_autofree char *dir = _pm_store_dir ();
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (ok && d != NULL && (name = g_dir_read_name (d)) != NULL)
        if (is_store_file (name))
          {
            g_autofree char *path = g_build_filename (dir, name, NULL);

            ok = remove_file (path, &removed, &freed, error);
          }
      removed = MIN (removed, list->len);
    }

  if (n_removed != NULL)
    *n_removed = removed;
  if (bytes_freed != NULL)
    *bytes_freed = freed;
  return ok;
}
