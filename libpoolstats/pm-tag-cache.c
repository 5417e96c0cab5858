/* pm-tag-cache.c: tag -> id, per loader thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Snapshots list their tags in the same order nearly always, so the cache
 * first guesses that row i of this snapshot has the tag of row i of the
 * last one: one comparison per row, a hash lookup when wrong, and the
 * builder's locked table only for a tag this thread has never seen.
 */
#include "pm-csv-reader.h"
#include "pm-part-slab-private.h"

#include <string.h>

PmTagCache *
_pm_tag_cache_new (PmDatasetBuilder *builder)
{
  PmTagCache *cache = g_new0 (PmTagCache, 1);

  cache->builder = builder;
  cache->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cache->order = g_array_new (FALSE, FALSE, sizeof (PmCachedTag));
  cache->current = g_array_new (FALSE, FALSE, sizeof (PmCachedTag));
  cache->described = g_byte_array_new ();

  return cache;
}

void
_pm_tag_cache_free (PmTagCache *cache)
{
  if (cache == NULL)
    return;

  g_hash_table_unref (cache->ids);
  g_array_unref (cache->order);
  g_array_unref (cache->current);
  g_byte_array_unref (cache->described);
  g_free (cache->raw);
  g_free (cache->text);
  _pm_part_slab_unref (cache->slab);
  g_free (cache);
}

void
_pm_tag_cache_next_snapshot (PmTagCache *cache)
{
  GArray *tmp;

  if (cache->current->len == 0)
    return;
  tmp = cache->order;
  cache->order = cache->current;
  cache->current = tmp;
  g_array_set_size (cache->current, 0);
}

guint32
_pm_tag_cache_lookup (PmTagCache *cache,
                  const char *name,
                  gsize       len)
{
  guint pos = cache->current->len;
  PmCachedTag entry;
  gpointer value;

  /* Snapshots list tags in the same order nearly always. */
  if (pos < cache->order->len)
    {
      const PmCachedTag *guess = &g_array_index (cache->order, PmCachedTag, pos);

      if (guess->len == len && memcmp (guess->name, name, len) == 0)
        {
          g_array_append_val (cache->current, *guess);
          return guess->id;
        }
    }

  memcpy (entry.name, name, len);
  entry.name[len] = '\0';
  entry.len = len;

  value = g_hash_table_lookup (cache->ids, entry.name);
  if (value != NULL)
    entry.id = GPOINTER_TO_UINT (value) - 1;
  else
    {
      entry.id = _pm_dataset_builder_intern_tag (cache->builder, name, len);
      g_hash_table_insert (cache->ids, g_strdup (entry.name), GUINT_TO_POINTER (entry.id + 1));
    }

  g_array_append_val (cache->current, entry);
  return entry.id;
}
