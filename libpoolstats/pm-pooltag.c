/* pm-pooltag.c: the Windows debuggers' pooltag.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines read "Tag - binary - description"; lines starting with "rem" or "//"
 * are comments. Tags may carry wildcards ("Afd?", "Acp*"); which entry names
 * a tag is pm-pooltag-index.c's rule, the one the sampler follows too. This
 * file adds what GLib callers want: every string valid UTF-8.
 */
#include "pm-pooltag.h"

#include <string.h>

#include "pm-pooltag-index.h"
#include "pm-file.h"
#include "pm-pooltag-line.h"
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
  PmPooltagIndex *index;    /* entry numbers of the tags */
  GPtrArray      *entries;  /* owns every Entry, numbered as in the index */
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

  /* Out of memory is fatal in GLib code: the index cannot fail alone. */
  if (pm_pooltag_index_add (self->index, entry->tag, strlen (entry->tag)) < 0)
    g_error ("out of memory");
  g_ptr_array_add (self->entries, entry);
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

  /* Lookups only read: the loader may look up from several threads. */
  self->index = pm_pooltag_index_new (FALSE);
  if (self->index == NULL)
    g_error ("out of memory");
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
  long n = pm_pooltag_index_lookup (self->index, tag, strlen (tag));
  Entry *entry;

  if (n < 0)
    return FALSE;

  entry = g_ptr_array_index (self->entries, n);

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

  pm_pooltag_index_free (self->index);
  g_ptr_array_unref (self->entries);
  g_free (self);
}
