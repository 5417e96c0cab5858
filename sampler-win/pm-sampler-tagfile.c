/* pm-sampler-tagfile.c: the Windows debuggers' pooltag.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read as libpoolstats reads it (pm-pooltag.c), so both sides name a tag
 * alike: lines "Tag - binary - description" (a line with one separator has
 * a description only), "rem" and "//" start comments, UTF-8 or UTF-16LE
 * with a BOM. Which entry names a tag (exact before wildcard, first in the
 * file first) is decided by pm-pooltag-index.c, for both sides.
 *
 * The sampler looks up every tag of every snapshot, thousands per minute
 * for months, so the index keeps its answers: each distinct tag is matched
 * against the wildcards once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm-sampler.h"
#include "pm-pooltag-index.h"
#include "pm-pooltag-line.h"
#include "pm-text-decode.h"

typedef struct
{
  const char *binary;
  const char *description;
} Entry;

struct _PmTagFile
{
  char           *text;
  Entry          *entries;   /* numbered as in the index */
  PmPooltagIndex *index;
};

/* Splits one line in place with the parser libpoolstats uses too; returns 1
 * when it held an entry. Each span is ended with a NUL where it ends: the
 * " - " separators and line ends leave room for that. */
static int
parse_line (char          *line,
            char          *end,
            PmPooltagLine *parsed_out,
            Entry         *entry)
{
  PmPooltagLine parsed;

  if (!pm_pooltag_parse_line (line, (size_t) (end - line), &parsed))
    return 0;

  *parsed_out = parsed;
  entry->binary = parsed.binary_len > 0 ? parsed.binary : "";
  entry->description = parsed.description;
  ((char *) parsed.tag)[parsed.tag_len] = '\0';
  if (parsed.binary_len > 0)
    ((char *) parsed.binary)[parsed.binary_len] = '\0';
  ((char *) parsed.description)[parsed.description_len] = '\0';
  return 1;
}

/* A copy saved by an editor may be UTF-16: to UTF-8, or NULL. */
static char *
utf16_to_utf8 (const unsigned char *in,
               size_t               len,
               PmEncoding           encoding,
               size_t              *out_len)
{
  char *out = malloc (len / 2 * 3 + 1);
  size_t consumed;

  if (out == NULL)
    return NULL;

  *out_len = pm_text_utf16_to_utf8 (in, len / 2, encoding, 1, out, &consumed);
  return out;
}

PmTagFile *
pm_tag_file_new_from_data (const char *data,
                           size_t      len)
{
  PmTagFile *self;
  PmEncoding encoding;
  size_t max_entries = 1, skip;
  char *p, *end;

  encoding = pm_text_detect_encoding ((const unsigned char *) data, len, &skip);
  if (encoding != PM_ENCODING_UTF8)
    {
      size_t utf8_len = 0;
      char *utf8 = utf16_to_utf8 ((const unsigned char *) data + skip, len - skip, encoding,
                                  &utf8_len);

      if (utf8 == NULL)
        return NULL;
      self = pm_tag_file_new_from_data (utf8, utf8_len);
      free (utf8);
      return self;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    return NULL;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  for (size_t i = 0; i < len; i++)
    if (data[i] == '\n')
      max_entries++;

  self->text = malloc (len + 1);
  self->entries = calloc (max_entries, sizeof *self->entries);
  self->index = pm_pooltag_index_new (1);
  if (self->text == NULL || self->entries == NULL || self->index == NULL)
    {
      pm_tag_file_free (self);
      return NULL;
    }
  memcpy (self->text, data, len);
  self->text[len] = '\0';

  for (p = self->text, end = self->text + len; p < end;)
    {
      char *nl = memchr (p, '\n', (size_t) (end - p));
      char *line_end = nl ? nl : end;
      size_t n = pm_pooltag_index_get_n_entries (self->index);
      PmPooltagLine parsed;

      if (parse_line (p, line_end, &parsed, &self->entries[n])
          && pm_pooltag_index_add (self->index, parsed.tag, parsed.tag_len) < 0)
        {
          pm_tag_file_free (self);
          return NULL;
        }
      p = line_end + 1;
    }

  return self;
}

PmTagFile *
pm_tag_file_new_from_path (const char *path)
{
  PmTagFile *self = NULL;
  FILE *file = fopen (path, "rb");
  char *data = NULL;
  long size;

  if (file == NULL)
    return NULL;

  if (fseek (file, 0, SEEK_END) == 0
      && (size = ftell (file)) >= 0
      && fseek (file, 0, SEEK_SET) == 0
      && (data = malloc ((size_t) size + 1)) != NULL
      && fread (data, 1, (size_t) size, file) == (size_t) size)
    self = pm_tag_file_new_from_data (data, (size_t) size);

  free (data);
  fclose (file);
  return self;
}

size_t
pm_tag_file_get_n_entries (PmTagFile *self)
{
  return pm_pooltag_index_get_n_entries (self->index);
}

int
pm_tag_file_lookup (PmTagFile   *self,
                    const char   tag[4],
                    const char **binary,
                    const char **description)
{
  long found = pm_pooltag_index_lookup (self->index, tag, 4);

  if (found < 0)
    {
      *binary = "";
      *description = "";
      return 0;
    }

  *binary = self->entries[found].binary;
  *description = self->entries[found].description;
  return 1;
}

void
pm_tag_file_free (PmTagFile *self)
{
  if (self == NULL)
    return;
  free (self->text);
  free (self->entries);
  pm_pooltag_index_free (self->index);
  free (self);
}
