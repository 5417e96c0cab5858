/* ps-cache.c: poolstats cache list|clear
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stores of parsed folders that poolstats and poolmonviz keep under the
 * user cache folder (docs/store.md): what they are, how big, and removing
 * them. They are a cache: removing one only means the next load parses.
 */
#include <string.h>

#include "ps-common.h"

/* By folder, the stores that are not sound last. */
static int
compare_by_folder (gconstpointer a,
                   gconstpointer b)
{
  const PmStoreInfo *x = *(PmStoreInfo * const *) a;
  const PmStoreInfo *y = *(PmStoreInfo * const *) b;

  if ((x->folder == NULL) != (y->folder == NULL))
    return x->folder == NULL ? 1 : -1;
  if (x->folder != NULL && strcmp (x->folder, y->folder) != 0)
    return strcmp (x->folder, y->folder);
  return strcmp (x->path, y->path);
}

/* The day a store was last used, in local time. */
static char *
last_used_text (gint64 last_used)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (last_used);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");
}

static void
print_list_text (GPtrArray *list)
{
  guint64 total = 0;

  for (guint i = 0; i < list->len; i++)
    {
      const PmStoreInfo *info = g_ptr_array_index (list, i);
      g_autofree char *size = g_format_size (info->size);
      g_autofree char *used = last_used_text (info->last_used);

      total += info->size;
      if (info->folder == NULL)
        printf ("%10s  used %s  %s  (not sound: rebuilt or removed on next use)\n", size, used,
                info->path);
      else
        printf ("%10s  used %s  %6u files  %s%s\n", size, used, info->n_files, info->folder,
                info->folder_exists ? "" : "  (folder gone)");
    }
  {
    g_autofree char *size = g_format_size (total);
    g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "poolmonviz", NULL);

    printf ("%u store%s, %s, in %s\n", list->len, list->len == 1 ? "" : "s", size, dir);
  }
}

static void
print_list_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      const PmStoreInfo *info = g_ptr_array_index (list, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "store");
      json_builder_add_string_value (builder, info->path);
      json_builder_set_member_name (builder, "folder");
      ps_json_add_string_or_null (builder, info->folder);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, (gint64) info->size);
      json_builder_set_member_name (builder, "files");
      json_builder_add_int_value (builder, info->n_files);
      json_builder_set_member_name (builder, "folder_exists");
      json_builder_add_boolean_value (builder, info->folder_exists);
      json_builder_set_member_name (builder, "last_used");
      json_builder_add_int_value (builder, info->last_used);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  ps_print_json (json_builder_get_root (builder));
}

/* What a clear did: the stores removed and the space freed, or why it
 * stopped; the exit status. */
static int
report_clear (gboolean      ok,
              guint         removed,
              guint64       freed,
              const GError *error)
{
  g_autofree char *size = NULL;

  if (!ok)
    {
      fprintf (stderr, "poolstats cache: %s\n", error->message);
      return PS_EXIT_NO_DATA;
    }
  size = g_format_size (freed);
  printf ("removed %u store%s, %s freed\n", removed, removed == 1 ? "" : "s", size);
  return PS_EXIT_OK;
}

int
ps_command_cache (int    argc,
                  char **argv)
{
  g_autofree char *format_name = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  PsFormat format = PS_FORMAT_TEXT;
  gboolean gone = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "Output of list: text (default) or json", "FORMAT" },
    { "gone", 0, 0, G_OPTION_ARG_NONE, &gone, "With clear: only the stores of folders that are gone, and stores that are not sound", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "list | clear [FOLDER...]" },
    { NULL }
  };

  context = g_option_context_new ("list | clear [--gone | FOLDER...] - the stores of parsed folders");
  g_option_context_set_summary (context,
    "poolstats and poolmonviz keep what they parsed of each folder in a store under the\n"
    "user cache folder ($XDG_CACHE_HOME/poolmonviz, else ~/.cache/poolmonviz), so the\n"
    "next load only parses files that are new or changed. 'list' shows each store, its size,\n"
    "how many files it keeps, for which folder and when it was last used; 'clear' removes\n"
    "the stores of the folders given, with --gone those of folders that no longer exist, or\n"
    "every store. Once a day, when a store is written, the stores of folders that are gone\n"
    "and were not used for 30 days are removed by themselves. Nothing in the folders\n"
    "themselves is touched.\n"
    "\n"
    "JSON (list): [{\"store\", \"folder\" (null when the store is not sound), \"bytes\",\n"
    "\"files\", \"folder_exists\", \"last_used\" (seconds since 1970, UTC)}].\n"
    "Exit status: 0 done, 1 usage error, 2 a store could not be removed.");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ps_usage_error ("cache", "%s", error->message);
  if (rest == NULL || rest[0] == NULL)
    return ps_usage_error ("cache", "say list or clear");
  if (format_name != NULL && !ps_format_parse (format_name, PS_FORMAT_TEXT | PS_FORMAT_JSON,
                                               &format, &error))
    return ps_usage_error ("cache", "%s", error->message);

  if (gone && strcmp (rest[0], "clear") != 0)
    return ps_usage_error ("cache", "--gone goes with clear");

  if (strcmp (rest[0], "list") == 0)
    {
      g_autoptr(GPtrArray) list = pm_store_list ();

      if (rest[1] != NULL)
        return ps_usage_error ("cache", "list takes no folder");
      g_ptr_array_sort (list, compare_by_folder);
      if (format == PS_FORMAT_JSON)
        print_list_json (list);
      else
        print_list_text (list);
      return PS_EXIT_OK;
    }

  if (strcmp (rest[0], "clear") == 0 && gone)
    {
      guint removed = 0;
      guint64 freed = 0;
      gboolean ok;

      if (rest[1] != NULL)
        return ps_usage_error ("cache", "clear --gone takes no folder");

      ok = pm_store_clear_unused (0, &removed, &freed, &error);
      return report_clear (ok, removed, freed, error);
    }

  if (strcmp (rest[0], "clear") == 0)
    {
      guint removed = 0, n;
      guint64 freed = 0, bytes;

      /* No folder: every store. */
      for (guint i = rest[1] == NULL ? 0 : 1; rest[i] != NULL || i == 0; i++)
        {
          const char *folder = i == 0 ? NULL : rest[i];

          if (!pm_store_clear (folder, &n, &bytes, &error))
            return report_clear (FALSE, removed, freed, error);
          removed += n;
          freed += bytes;
          if (folder == NULL)
            break;
        }
      return report_clear (TRUE, removed, freed, NULL);
    }

  return ps_usage_error ("cache", "unknown action '%s': say list or clear", rest[0]);
}
