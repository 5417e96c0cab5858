/* pm-store-list.c: the stores in the cache folder, listed, cleared, tidied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the header and the index of each store are read. Only files whose
 * names the store gives them (*.store, and *.store.XXXXXX while one is
 * written) are ever removed. Once a day, when a store is written, the stores
 * of folders that are gone and have not been used for PM_STORE_UNUSED_DAYS
 * are removed (docs/store.md, "Seeing and clearing it").
 */
#include "pm-store.h"
#include "pm-store-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <fcntl.h>
# include <sys/stat.h>
#endif

/* A file being written (*.XXXXXX) younger than this is another process's
 * write in progress, never removed. */
#define WRITING_SECONDS 3600

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

/* The later of a file's access and modification times, in seconds. */
static void
note_use (const GStatBuf *st,
          gint64         *last_used)
{
  *last_used = MAX (*last_used, (gint64) st->st_mtime);
  *last_used = MAX (*last_used, (gint64) st->st_atime);
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
        {
          info->size = st.st_size;
          note_use (&st, &info->last_used);
        }
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
                {
                  info->size += st.st_size;
                  note_use (&st, &info->last_used);
                }
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

/**
 * pm_store_clear_unused:
 * @unused_for: seconds a store must have gone unused, 0 for none
 * @n_removed: (out) (optional): stores removed
 * @bytes_freed: (out) (optional): their bytes
 *
 * Removes the stores of folders that are gone and the stores that are not
 * sound (another version's, damaged, an image without its store, a write
 * that never finished), when they were last used at least @unused_for
 * seconds ago. A write younger than an hour is left alone (another process
 * may be making it).
 *
 * Returns: %FALSE with @error set when a store could not be removed
 */
gboolean
pm_store_clear_unused (gint64    unused_for,
                       guint    *n_removed,
                       guint64  *bytes_freed,
                       GError  **error)
{
  g_autoptr(GPtrArray) list = pm_store_list ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint removed = 0;
  guint64 freed = 0;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < list->len; i++)
    {
      const PmStoreInfo *info = g_ptr_array_index (list, i);
      gint64 idle = now - info->last_used;
      guint files = 0;

      if (info->folder_exists || idle < unused_for)
        continue;
      if (!g_str_has_suffix (info->path, ".store") && !g_str_has_suffix (info->path, ".image") &&
          idle < WRITING_SECONDS)
        continue;
      ok = remove_file (info->path, &files, &freed, error);
      if (ok && g_str_has_suffix (info->path, ".store"))
        {
          g_autofree char *image = g_strconcat (info->path, ".image", NULL);

          ok = remove_file (image, &files, &freed, error);
        }
      removed += files > 0;
    }

  if (n_removed != NULL)
    *n_removed = removed;
  if (bytes_freed != NULL)
    *bytes_freed = freed;
  return ok;
}

/**
 * _pm_store_tidy:
 *
 * At most once a day (the modification time of the cache folder's
 * `tidied` file says when it last ran): pm_store_clear_unused() of what
 * has gone unused for PM_STORE_UNUSED_DAYS. Called when a store was
 * written; failures are only logged, the store is a cache.
 */
void
_pm_store_tidy (void)
{
  g_autofree char *dir = _pm_store_dir ();
  g_autofree char *stamp = g_build_filename (dir, "tidied", NULL);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GStatBuf st;
  guint removed = 0;
  guint64 freed = 0;

  if (g_stat (stamp, &st) == 0 && now - (gint64) st.st_mtime < 24 * 3600 &&
      (gint64) st.st_mtime <= now)
    return;
  if (!g_file_set_contents (stamp, "", 0, &error))
    {
      g_debug ("cache not tidied: %s", error->message);
      return;
    }
  if (!pm_store_clear_unused ((gint64) PM_STORE_UNUSED_DAYS * 24 * 3600, &removed, &freed, &error))
    g_debug ("cache tidied in part: %s", error->message);
  if (removed > 0)
    g_debug ("cache tidied: %u unused stores of folders gone removed, %" G_GUINT64_FORMAT " bytes",
             removed, freed);
}

/**
 * _pm_store_mark_used:
 * @path: a store or image file that was just read
 *
 * Sets its access time to now, its modification time untouched, so that
 * pm_store_list() sees it used where the file system does not keep access
 * times (noatime). Only where POSIX lets the modification time be left as
 * it is, to the nanosecond (the image's is when it was written).
 */
void
_pm_store_mark_used (const char *path)
{
#ifdef G_OS_UNIX
  const struct timespec times[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };

  if (utimensat (AT_FDCWD, path, times, 0) != 0)
    g_debug ("%s: not marked used: %s", path, g_strerror (errno));
#else
  (void) path;
#endif
}
