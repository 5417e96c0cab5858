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

static void
print_list_text (GPtrArray *list)
{
  guint64 total = 0;

  for (guint i = 0; i < list->len; i++)
    {
      const PmStoreInfo *info = g_ptr_array_index (list, i);
      g_autofree char *size = g_format_size (info->size);

      total += info->size;
      if (info->folder == NULL)
        printf ("%10s  %s  (not sound: rebuilt or removed on next use)\n", size, info->path);
      else
        printf ("%10s  %6u files  %s%s\n", size, info->n_files, info->folder,
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
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  ps_print_json (json_builder_get_root (builder));
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
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "Output of list: text (default) or json", "FORMAT" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "list | clear [FOLDER...]" },
    { NULL }
  };

  context = g_option_context_new ("list | clear [FOLDER...] - the stores of parsed folders");
  g_option_context_set_summary (context,
    "poolstats and poolmonviz keep what they parsed of each folder in a store under the\n"
    "user cache folder ($XDG_CACHE_HOME/poolmonviz, else ~/.cache/poolmonviz), so the\n"
    "next load only parses files that are new or changed. 'list' shows each store, its size,\n"
    "how many files it keeps and for which folder; 'clear' removes the stores of the folders\n"
    "given, or every store. Nothing in the folders themselves is touched.\n"
    "\n"
    "JSON (list): [{\"store\", \"folder\" (null when the store is not sound), \"bytes\",\n"
    "\"files\", \"folder_exists\"}].\n"
    "Exit status: 0 done, 1 usage error, 2 a store could not be removed.");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ps_usage_error ("cache", "%s", error->message);
  if (rest == NULL || rest[0] == NULL)
    return ps_usage_error ("cache", "say list or clear");
  if (format_name != NULL && !ps_format_parse (format_name, PS_FORMAT_TEXT | PS_FORMAT_JSON,
                                               &format, &error))
    return ps_usage_error ("cache", "%s", error->message);

  if (strcmp (rest[0], "list") == 0)
    {
      g_autoptr(GPtrArray) list = pm_store_list ();

      if (rest[1] != NULL)
        return ps_usage_error ("cache", "list takes no folder");
      if (format == PS_FORMAT_JSON)
        print_list_json (list);
      else
        print_list_text (list);
      return PS_EXIT_OK;
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
            {
              fprintf (stderr, "poolstats cache: %s\n", error->message);
              return PS_EXIT_NO_DATA;
            }
          removed += n;
          freed += bytes;
          if (folder == NULL)
            break;
        }
      {
        g_autofree char *size = g_format_size (freed);

        printf ("removed %u store%s, %s freed\n", removed, removed == 1 ? "" : "s", size);
      }
      return PS_EXIT_OK;
    }

  return ps_usage_error ("cache", "unknown action '%s': say list or clear", rest[0]);
}
