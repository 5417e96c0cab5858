/* pm-pooltag.c: the Windows debuggers' pooltag.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines read "Tag - binary - description"; lines starting with "rem" or "//"
 * are comments. Tags may carry wildcards ("Afd?", "Acp*"): an exact entry
 * wins over a wildcard one, and among wildcard entries the first in the file
 * wins, as a reader of the file would expect.
 */
#include "pm-pooltag.h"

#include <string.h>

#include "pm-file.h"
#include "pm-pooltag-line.h"
#include "pm-tag-pattern.h"
#include "pm-text-decode.h"
#include "pm-types.h"

typedef struct
{
  char *tag;
  char *binary;
  char *description;
} Entry;

struct _PmPooltag
{
  GHashTable *exact;        /* trimmed tag -> Entry */
  GPtrArray  *wildcards;    /* Entry, in file order */
  GPtrArray  *entries;      /* owns every Entry */
};

static void
entry_free (Entry *entry)
{
  g_free (entry->tag);
  g_free (entry->binary);
  g_free (entry->description);
  g_free (entry);
}

static void
parse_line (PmPooltag  *self,
            const char *line,
            const char *end)
{
  PmPooltagLine parsed;
  Entry *entry;

  if (!pm_pooltag_parse_line (line, end - line, &parsed))
    return;

  entry = g_new0 (Entry, 1);
  entry->tag = g_utf8_make_valid (parsed.tag, parsed.tag_len);
  entry->binary = g_utf8_make_valid (parsed.binary, parsed.binary_len);
  entry->description = g_utf8_make_valid (parsed.description, parsed.description_len);

  g_ptr_array_add (self->entries, entry);
  if (pm_tag_pattern_has_wildcard (entry->tag, strlen (entry->tag)))
    g_ptr_array_add (self->wildcards, entry);
  else if (!g_hash_table_contains (self->exact, entry->tag))
    g_hash_table_insert (self->exact, entry->tag, entry);
}

/**
 * pm_pooltag_new_from_data:
 * @data: the text of a pooltag.txt (UTF-8, a BOM is skipped)
 * @len: its length
 *
 * Returns: (transfer full): the table; lines that do not parse are ignored,
 *   as the debuggers ignore them
 */
PmPooltag *
pm_pooltag_new_from_data (const char *data,
                          gsize       len)
{
  PmPooltag *self = g_new0 (PmPooltag, 1);
  const char *p = data, *end = data + len;

  self->exact = g_hash_table_new (g_str_hash, g_str_equal);
  self->wildcards = g_ptr_array_new ();
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;

      parse_line (self, p, line_end);
      p = nl ? nl + 1 : end;
    }

  return self;
}

/**
 * pm_pooltag_new_from_file:
 * @path: a pooltag.txt
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 *   when the file cannot be read
 */
PmPooltag *
pm_pooltag_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  PmEncoding encoding;
  gsize len = 0, skip;

  /* Not g_file_get_contents(): a FIFO would block it, /dev/zero never end. */
  if (!pm_file_get_contents (path, PM_FILE_MAX_SMALL, &contents, &len, error))
    return NULL;

  /* The debuggers ship it as ASCII; a copy saved by an editor may be UTF-16. */
  encoding = pm_text_detect_encoding ((const guchar *) contents, len, &skip);
  if (encoding != PM_ENCODING_UTF8)
    {
      gsize n_units = (len - skip) / 2, consumed;
      g_autofree char *utf8 = g_malloc (n_units * 3 + 1);

      len = pm_text_utf16_to_utf8 ((const guchar *) contents + skip, n_units, encoding, TRUE,
                                   utf8, &consumed);
      return pm_pooltag_new_from_data (utf8, len);
    }

  return pm_pooltag_new_from_data (contents, len);
}

/**
 * pm_pooltag_lookup:
 * @tag: a tag as the snapshot files spell it
 * @binary: (out) (optional) (transfer none): the driver, maybe ""
 * @description: (out) (optional) (transfer none): the description, maybe ""
 *
 * Returns: %TRUE when an entry matches @tag
 */
gboolean
pm_pooltag_lookup (PmPooltag   *self,
                   const char  *tag,
                   const char **binary,
                   const char **description)
{
  g_autofree char *trimmed = g_strdup (tag);
  Entry *entry;

  g_strchomp (trimmed);
  entry = g_hash_table_lookup (self->exact, trimmed);

  for (guint i = 0; entry == NULL && i < self->wildcards->len; i++)
    {
      Entry *candidate = g_ptr_array_index (self->wildcards, i);

      if (pm_tag_pattern_match (candidate->tag, strlen (candidate->tag), tag, strlen (tag)))
        entry = candidate;
    }

  if (entry == NULL)
    return FALSE;

  if (binary != NULL)
    *binary = entry->binary;
  if (description != NULL)
    *description = entry->description;
  return TRUE;
}

guint
pm_pooltag_get_n_entries (PmPooltag *self)
{
  return self->entries->len;
}

void
pm_pooltag_free (PmPooltag *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->exact);
  g_ptr_array_unref (self->wildcards);
  g_ptr_array_unref (self->entries);
  g_free (self);
}
