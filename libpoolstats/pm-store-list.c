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

static gboolean
is_store_file (const char *name)
{
  const char *dot = strstr (name, ".store");

  return dot != NULL && (dot[6] == '\0' || (dot[6] == '.' && strlen (dot + 7) == 6));
}

/**
 * pm_store_list:
 *
 * Returns: (transfer full) (element-type PmStoreInfo): every store in the
 *   cache folder, sound or not, by path
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
      PmStoreInfo *info = g_new0 (PmStoreInfo, 1);
      GStatBuf st;

      info->path = g_build_filename (dir, (const char *) names->pdata[i], NULL);
      if (g_stat (info->path, &st) == 0)
        info->size = st.st_size;
      info->folder = _pm_store_peek (info->path, &info->n_files);
      info->folder_exists = info->folder != NULL &&
                            g_file_test (info->folder, G_FILE_TEST_IS_DIR);
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

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

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

  if (folder != NULL)
    {
      char *resolved = realpath (folder, NULL);

      real = resolved ? g_strdup (resolved) : g_canonicalize_filename (folder, NULL);
      free (resolved);
    }

  for (guint i = 0; ok && i < list->len; i++)
    {
      const PmStoreInfo *info = g_ptr_array_index (list, i);

      if (real != NULL && g_strcmp0 (info->folder, real) != 0)
        continue;
      ok = remove_file (info->path, &removed, &freed, error);
    }

  if (n_removed != NULL)
    *n_removed = removed;
  if (bytes_freed != NULL)
    *bytes_freed = freed;
  return ok;
}
