/* pm-pooltag-index.c: which pooltag.txt entry names a tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exact entries of up to four bytes (nearly all of them) sit in a small
 * open-addressing hash table keyed by the four tag bytes, padded with
 * spaces; longer exact entries and wildcard entries are kept in file order
 * and scanned. Cached answers (see pm_pooltag_index_new()) sit in a second
 * table keyed by the tag's raw four bytes.
 */
#include "pm-pooltag-index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pm-tag-pattern.h"

/* Tags seen on a machine number a few thousand; past this many cached
 * answers, new tags are matched each time rather than cached. */
#define PM_POOLTAG_INDEX_MAX_CACHED 65536

typedef struct
{
  const char *tag;
  size_t      tag_len;
} Entry;

typedef struct
{
  uint32_t key;
  long     entry;        /* an entry number, or -1: none */
  int      used;
} Slot;

typedef struct
{
  Slot   *slots;
  size_t  n_slots;       /* a power of two, or 0 */
  size_t  n_used;
} Table;

typedef struct
{
  long   *items;         /* entry numbers, in file order */
  size_t  len;
  size_t  allocated;
} List;

struct _PmPooltagIndex
{
  Entry  *entries;
  size_t  n_entries;
  size_t  allocated;
  Table   exact;         /* padded tag -> first exact entry */
  List    long_exact;    /* exact entries over four bytes */
  List    wildcards;
  Table   answers;       /* raw four bytes -> entry or -1 */
  int     cache_answers;
};

static int
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static size_t
trimmed_len (const char *tag,
             size_t      len)
{
  while (len > 0 && is_blank (tag[len - 1]))
    len--;
  return len;
}

static uint32_t
padded_key (const char *tag,
            size_t      len)
{
  char padded[4] = { ' ', ' ', ' ', ' ' };
  uint32_t key;

  memcpy (padded, tag, len);
  memcpy (&key, padded, 4);
  return key;
}

static Slot *
find_slot (const Table *table,
           uint32_t     key)
{
  size_t mask = table->n_slots - 1;
  size_t i = (size_t) ((key * 2654435761u) >> 7) & mask;

  while (table->slots[i].used && table->slots[i].key != key)
    i = (i + 1) & mask;
  return &table->slots[i];
}

static int
table_resize (Table  *table,
              size_t  n_slots)
{
  Table old = *table;

  table->slots = calloc (n_slots, sizeof *table->slots);
  if (table->slots == NULL)
    {
      *table = old;
      return -1;
    }
  table->n_slots = n_slots;

  for (size_t i = 0; i < old.n_slots; i++)
    if (old.slots[i].used)
      *find_slot (table, old.slots[i].key) = old.slots[i];

  free (old.slots);
  return 0;
}

/* The first entry for a key stays; returns -1 when out of memory. */
static int
table_insert (Table    *table,
              uint32_t  key,
              long      entry)
{
  Slot *slot;

  if ((table->n_used + 1) * 2 > table->n_slots
      && table_resize (table, table->n_slots > 0 ? table->n_slots * 2 : 64) != 0)
    return -1;

  slot = find_slot (table, key);
  if (!slot->used)
    {
      slot->used = 1;
      slot->key = key;
      slot->entry = entry;
      table->n_used++;
    }
  return 0;
}

static const Slot *
table_lookup (const Table *table,
              uint32_t     key)
{
  const Slot *slot;

  if (table->n_slots == 0)
    return NULL;
  slot = find_slot (table, key);
  return slot->used ? slot : NULL;
}

/* @items (holding @len of *@allocated) with room for one more: the same
 * block or a larger one, or NULL when out of memory (@items stays valid). */
static void *
make_room (void   *items,
           size_t *allocated,
           size_t  len,
           size_t  item_size)
{
  size_t n;

  if (len < *allocated)
    return items;

  n = *allocated > 0 ? *allocated * 2 : 16;
  items = realloc (items, n * item_size);
  if (items != NULL)
    *allocated = n;
  return items;
}

static int
list_append (List *list,
             long  item)
{
  long *items = make_room (list->items, &list->allocated, list->len, sizeof *items);

  if (items == NULL)
    return -1;
  list->items = items;
  list->items[list->len++] = item;
  return 0;
}

PmPooltagIndex *
pm_pooltag_index_new (int cache_answers)
{
  PmPooltagIndex *self = calloc (1, sizeof *self);

  if (self != NULL)
    self->cache_answers = cache_answers;
  return self;
}

long
pm_pooltag_index_add (PmPooltagIndex *self,
                      const char     *tag,
                      size_t          tag_len)
{
  long n = (long) self->n_entries;
  size_t len = trimmed_len (tag, tag_len);
  Entry *entries;
  int failed;

  entries = make_room (self->entries, &self->allocated, self->n_entries, sizeof *entries);
  if (entries == NULL)
    return -1;
  self->entries = entries;

  if (pm_tag_pattern_has_wildcard (tag, len))
    failed = list_append (&self->wildcards, n);
  else if (len <= 4)
    failed = table_insert (&self->exact, padded_key (tag, len), n);
  else
    failed = list_append (&self->long_exact, n);
  if (failed)
    return -1;

  self->entries[n] = (Entry) { tag, len };
  self->n_entries++;

  /* An answer kept before this entry may no longer be right. */
  if (self->answers.n_used > 0)
    {
      memset (self->answers.slots, 0, self->answers.n_slots * sizeof *self->answers.slots);
      self->answers.n_used = 0;
    }
  return n;
}

static long
scan (const PmPooltagIndex *self,
      const List           *list,
      const char           *tag,
      size_t                tag_len,
      int                   exact)
{
  for (size_t i = 0; i < list->len; i++)
    {
      const Entry *entry = &self->entries[list->items[i]];

      if (exact ? entry->tag_len == tag_len && memcmp (entry->tag, tag, tag_len) == 0
                : pm_tag_pattern_match (entry->tag, entry->tag_len, tag, tag_len))
        return list->items[i];
    }
  return -1;
}

long
pm_pooltag_index_lookup (PmPooltagIndex *self,
                         const char     *tag,
                         size_t          tag_len)
{
  size_t len = trimmed_len (tag, tag_len);
  const Slot *slot;
  uint32_t raw = 0;
  long found;

  /* The rule: exact first, then the first wildcard that matches. */
  if (len <= 4)
    {
      if ((slot = table_lookup (&self->exact, padded_key (tag, len))) != NULL)
        return slot->entry;
    }
  else if ((found = scan (self, &self->long_exact, tag, len, 1)) >= 0)
    return found;

  if (self->cache_answers && tag_len == 4)
    {
      memcpy (&raw, tag, 4);
      if ((slot = table_lookup (&self->answers, raw)) != NULL)
        return slot->entry;
    }

  found = scan (self, &self->wildcards, tag, tag_len, 0);

  if (self->cache_answers && tag_len == 4
      && self->answers.n_used < PM_POOLTAG_INDEX_MAX_CACHED)
    table_insert (&self->answers, raw, found);
  return found;
}

size_t
pm_pooltag_index_get_n_entries (PmPooltagIndex *self)
{
  return self->n_entries;
}

void
pm_pooltag_index_free (PmPooltagIndex *self)
{
  if (self == NULL)
    return;
  free (self->entries);
  free (self->exact.slots);
  free (self->answers.slots);
  free (self->long_exact.items);
  free (self->wildcards.items);
  free (self);
}
