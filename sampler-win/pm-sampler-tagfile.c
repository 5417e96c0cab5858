/* pm-sampler-tagfile.c: the Windows debuggers' pooltag.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read as libpoolstats/pm-pooltag.c reads it, so both sides name a tag
 * alike: lines "Tag - binary - description" (a line with one separator has
 * a description only), "rem" and "//" start comments, UTF-8 or UTF-16LE
 * with a BOM. A tag may hold wildcards ("Afd?", "Acp*"), matched by the
 * same pm_tag_pattern_match(); an exact entry wins over a wildcard one, and
 * among wildcard entries the first in the file wins.
 *
 * The sampler looks up every tag of every snapshot, thousands per minute
 * for months, so answers are kept in a small hash table keyed by the four
 * tag bytes: each distinct tag is matched against the wildcards once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm-sampler.h"
#include "pm-pooltag-line.h"
#include "pm-tag-pattern.h"
#include "pm-text-decode.h"

/* Tags seen on a machine number a few thousand; past this many cached
 * answers, new tags are matched each time rather than cached. */
#define MAX_CACHED 65536

typedef struct
{
  const char *tag;
  size_t      tag_len;
  int         wildcard;
  const char *binary;
  const char *description;
} Entry;

typedef struct
{
  uint32_t key;
  int32_t  entry;        /* index into entries, or -1: no entry */
  int      used;
} Slot;

struct _PmTagFile
{
  char   *text;
  Entry  *entries;
  size_t  n_entries;
  size_t *wildcards;     /* indices of wildcard entries, in file order */
  size_t  n_wildcards;
  Slot   *slots;
  size_t  n_slots;       /* a power of two */
  size_t  n_used;
};

static uint32_t
tag_key (const char tag[4])
{
  uint32_t key;

  memcpy (&key, tag, 4);
  return key;
}

/* An exact entry of up to four bytes as the key of the four-byte tag it
 * names: "Io" is the tag "Io  ". */
static uint32_t
padded_key (const char *tag,
            size_t      len)
{
  char padded[4] = { ' ', ' ', ' ', ' ' };

  memcpy (padded, tag, len);
  return tag_key (padded);
}

static Slot *
find_slot (PmTagFile *self,
           uint32_t   key)
{
  size_t mask = self->n_slots - 1;
  size_t i = (size_t) ((key * 2654435761u) >> 7) & mask;

  while (self->slots[i].used && self->slots[i].key != key)
    i = (i + 1) & mask;
  return &self->slots[i];
}

static int
resize_slots (PmTagFile *self,
              size_t     n_slots)
{
  Slot *old = self->slots;
  size_t old_n = self->n_slots;

  self->slots = calloc (n_slots, sizeof *self->slots);
  if (self->slots == NULL)
    {
      self->slots = old;
      return -1;
    }
  self->n_slots = n_slots;

  for (size_t i = 0; i < old_n; i++)
    if (old[i].used)
      *find_slot (self, old[i].key) = old[i];

  free (old);
  return 0;
}

/* Inserts unless the key is there already (the first entry wins). */
static void
insert (PmTagFile *self,
        uint32_t   key,
        int32_t    entry)
{
  Slot *slot;

  if ((self->n_used + 1) * 2 > self->n_slots
      && resize_slots (self, self->n_slots * 2) != 0)
    return;

  slot = find_slot (self, key);
  if (slot->used)
    return;
  slot->used = 1;
  slot->key = key;
  slot->entry = entry;
  self->n_used++;
}

/* Splits one line in place with the parser libpoolstats uses too; returns 1
 * when it held an entry. Each span is ended with a NUL where it ends: the
 * " - " separators and line ends leave room for that. */
static int
parse_line (char  *line,
            char  *end,
            Entry *entry)
{
  PmPooltagLine parsed;

  if (!pm_pooltag_parse_line (line, (size_t) (end - line), &parsed))
    return 0;

  entry->tag = parsed.tag;
  entry->tag_len = parsed.tag_len;
  entry->wildcard = pm_tag_pattern_has_wildcard (parsed.tag, parsed.tag_len);
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
  self->wildcards = calloc (max_entries, sizeof *self->wildcards);
  if (self->text == NULL || self->entries == NULL || self->wildcards == NULL
      || resize_slots (self, 64) != 0)
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
      Entry *entry = &self->entries[self->n_entries];

      if (parse_line (p, line_end, entry))
        {
          if (entry->wildcard)
            self->wildcards[self->n_wildcards++] = self->n_entries;
          else if (entry->tag_len <= 4)
            insert (self, padded_key (entry->tag, entry->tag_len), (int32_t) self->n_entries);
          self->n_entries++;
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
  return self->n_entries;
}

int
pm_tag_file_lookup (PmTagFile   *self,
                    const char   tag[4],
                    const char **binary,
                    const char **description)
{
  uint32_t key = tag_key (tag);
  Slot *slot = find_slot (self, key);
  int32_t found = -1;

  if (slot->used)
    found = slot->entry;
  else
    {
      for (size_t i = 0; i < self->n_wildcards; i++)
        {
          const Entry *entry = &self->entries[self->wildcards[i]];

          if (pm_tag_pattern_match (entry->tag, entry->tag_len, tag, 4))
            {
              found = (int32_t) self->wildcards[i];
              break;
            }
        }
      if (self->n_used < self->n_entries + MAX_CACHED)
        insert (self, key, found);
    }

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
  free (self->wildcards);
  free (self->slots);
  free (self);
}
