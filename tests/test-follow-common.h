/* test-follow-common.h: a sampler at work, faster than real time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the follow tests share: folders of realistic snapshot files made by
 * pm-generate ($PM_GENERATE), and a writer that drops them into a followed
 * folder the two ways samplers do: a new file renamed into place (the new
 * sampler), or bytes appended to a file in place (the old PowerShell
 * sampler, whose last line is half written at times).
 */
#pragma once

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "test-common.h"

/* Runs pm-generate with @args (NULL-terminated) after --out @folder. */
static inline void
follow_generate (const char *folder,
                 ...)
{
  const char *generator = g_getenv ("PM_GENERATE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 1;
  va_list ap;

  g_assert_nonnull (generator);
  g_ptr_array_add (argv, (gpointer) generator);
  g_ptr_array_add (argv, (gpointer) "--out");
  g_ptr_array_add (argv, (gpointer) folder);
  va_start (ap, folder);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The folder's file names, sorted (time order for the samplers' names). */
static inline GPtrArray *
follow_list (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) compare_strings);
  return names;
}

/* As the new sampler: written under a temporary name, then renamed. */
static inline void
follow_drop_renamed (const char *from_folder,
                     const char *name,
                     const char *to_folder)
{
  g_autofree char *from = g_build_filename (from_folder, name, NULL);
  g_autofree char *tmp_name = g_strconcat (".", name, ".tmp", NULL);
  g_autofree char *tmp = g_build_filename (to_folder, tmp_name, NULL);
  g_autofree char *to = g_build_filename (to_folder, name, NULL);
  g_autofree char *bytes = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (tmp, bytes, len, NULL));
  g_assert_cmpint (g_rename (tmp, to), ==, 0);
}

/* As the old sampler: @len more bytes at the end of @path. */
static inline void
follow_append (const char *path,
               const char *bytes,
               gsize       len)
{
  FILE *f = g_fopen (path, "ab");

  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (bytes, 1, len, f), ==, len);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* Where each snapshot of a loop-mode file ends (byte offsets, the header's
 * end first), for a file of ASCII text in UTF-8 or UTF-16LE: the rows of a
 * snapshot share their DateTimeUTC, the second field. */
static inline GArray *
follow_snapshot_ends (const char *bytes,
                      gsize       len)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  gboolean utf16 = len >= 2 && (guchar) bytes[0] == 0xff && (guchar) bytes[1] == 0xfe;
  gsize unit = utf16 ? 2 : 1, start = utf16 ? 2 : 0;
  g_autofree char *previous = NULL;
  gboolean header = TRUE;

  for (gsize i = start; i + unit <= len; i += unit)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      gsize end;
      char **fields;

      for (end = i; end + unit <= len && bytes[end] != '\n'; end += unit)
        g_string_append_c (line, bytes[end]);
      end += unit;
      if (header)
        {
          g_array_append_val (ends, end);
          header = FALSE;
          i = end - unit;
          continue;
        }
      fields = g_strsplit (line->str, ",", 3);
      if (previous != NULL && g_strcmp0 (previous, fields[1]) != 0)
        g_array_append_val (ends, i);
      g_free (previous);
      previous = g_strdup (fields[1]);
      g_strfreev (fields);
      i = end - unit;
    }
  g_array_append_val (ends, len);
  return ends;
}
