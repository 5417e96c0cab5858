/* pm-store-part.c: a parsed file (PmPart) as a blob of the store, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A blob holds what the CSV reader made of one file, before any merge:
 * its counts, snapshots, Binary/Description pairs, listed problems, then its
 * rows column by column as varints, tags as indexes into the store's table
 * of names (docs/store.md). Decoding checks every length and index.
 */
#include "pm-store-private.h"
#include "pm-store-io-private.h"
#include "pm-store-file-private.h"

#include <string.h>

/* Interns the names the old blobs refer to, once, so decoding a blob needs
 * no lock. */
void
_pm_store_bind_builder (PmStore          *store,
                        PmDatasetBuilder *builder)
{
  store->to_builder = g_new (guint32, MAX (store->n_old_names, 1));
  g_clear_pointer (&store->from_builder, g_array_unref);
  store->from_builder = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < store->n_old_names; i++)
    {
      const char *name = g_ptr_array_index (store->names, i);
      guint32 tag = _pm_dataset_builder_intern_tag (builder, name, strlen (name));
      guint old_len = store->from_builder->len;

      store->to_builder[i] = tag;
      /* And the other way, for the parts this load puts in the store. */
      if (tag >= old_len)
        {
          g_array_set_size (store->from_builder, tag + 1);
          memset (&g_array_index (store->from_builder, guint32, old_len), 0xff,
                  sizeof (guint32) * (tag + 1 - old_len));
        }
      g_array_index (store->from_builder, guint32, tag) = i;
    }
}

static PmPart *
decode_part (PmStore      *store,
             const guint8 *blob,
             gsize         len,
             const char   *file)
{
  g_autoptr(PmPart) part = _pm_part_new (file);
  Reader r = { blob, blob + len, TRUE };
  guint arrays, n_snapshots, n_info, n_listed;
  gint64 utc = 0;

  part->is_input_file = TRUE;
  part->have = get_uint (&r) & 0x3f;
  arrays = get_uint (&r);
  part->n_rows = get_uint (&r);
  part->rows_skipped = get_uint (&r);
  part->n_problems = get_uint (&r);
  if (!r.ok || (part->n_rows > 0 && !(arrays & ARRAY_TAGS)) ||
      part->n_rows > (gsize) (r.end - r.p))
    return NULL;

  n_snapshots = get_uint (&r);
  for (guint i = 0; r.ok && i < n_snapshots; i++)
    {
      PmPartSnapshot snap;
      guint flags;

      utc += get_zigzag (&r);
      snap.utc = utc;
      snap.local = utc + get_zigzag (&r);
      snap.first_row = get_uint (&r);
      snap.n_rows = get_uint (&r);
      snap.line = get_uint (&r);
      flags = get_uint (&r);
      snap.has_utc = flags & 1;
      snap.has_local = (flags >> 1) & 1;
      if (snap.first_row > part->n_rows || snap.n_rows > part->n_rows - snap.first_row)
        return NULL;
      g_array_append_val (part->snapshots, snap);
    }

  n_info = get_uint (&r);
  for (guint i = 0; r.ok && i < n_info; i++)
    {
      PmPartTagInfo info;
      guint id = get_uint (&r);

      info.binary = get_string (&r);
      info.description = get_string (&r);
      if (id >= store->n_old_names)
        r.ok = FALSE;
      info.tag = r.ok ? store->to_builder[id] : 0;
      g_array_append_val (part->tag_info, info);
    }

  n_listed = get_uint (&r);
  for (guint i = 0; r.ok && i < n_listed && i < PM_MAX_PROBLEMS_PER_FILE; i++)
    {
      guint line = get_uint (&r);
      g_autofree char *message = get_string (&r);

      g_ptr_array_add (part->problems, pm_problem_new (file, line, message));
    }
  if (!r.ok || n_listed > PM_MAX_PROBLEMS_PER_FILE)
    return NULL;

  if (arrays != 0)
    {
      guint n = part->n_rows;
      guint cap = MAX (n, 1);

      /* Every row is written below: no need to zero. */
      part->capacity = cap;
      part->tags = g_new (guint32, cap);
      part->tags[0] = 0;
      for (guint i = 0; i < n; i++)
        {
          guint id = get_uint (&r);

          if (id >= store->n_old_names)
            return NULL;
          part->tags[i] = store->to_builder[id];
        }
#define GET_U32_COLUMN(bit, field)                              \
      if (arrays & bit)                                         \
        {                                                       \
          part->field = g_new (guint32, cap);                   \
          part->field[0] = 0;                                   \
          for (guint i = 0; i < n; i++)                         \
            part->field[i] = (guint32) get_varint (&r);         \
        }
#define GET_I64_COLUMN(bit, field)                              \
      if (arrays & bit)                                         \
        {                                                       \
          part->field = g_new (gint64, cap);                    \
          part->field[0] = 0;                                   \
          for (guint i = 0; i < n; i++)                         \
            part->field[i] = get_zigzag (&r);                   \
        }
      GET_U32_COLUMN (ARRAY_PAGED_DIFF, paged_diff)
      GET_U32_COLUMN (ARRAY_NON_PAGED_DIFF, non_paged_diff)
      GET_I64_COLUMN (ARRAY_PAGED_USED, paged_used)
      GET_I64_COLUMN (ARRAY_NON_PAGED_USED, non_paged_used)
      GET_I64_COLUMN (ARRAY_TOTAL_USED, total_used)
      GET_U32_COLUMN (ARRAY_ALLOCS, allocs)
#undef GET_U32_COLUMN
#undef GET_I64_COLUMN
    }

  if (!r.ok || r.p != r.end)
    return NULL;
  return g_steal_pointer (&part);
}

/**
 * _pm_store_take_part:
 * @name: the file's name in the folder
 * @file: the file's path, as the loader names it in problems
 * @stamp: the file as it is now
 *
 * Thread safe. The store's entry for @name is kept for the next save
 * whether or not it could be used.
 *
 * Returns: (transfer full) (nullable): the part the store kept for @name
 *   when the file is the one it was made from and the blob is sound
 */
PmPart *
_pm_store_take_part (PmStore            *store,
                     const char         *name,
                     const char         *file,
                     const PmStoreStamp *stamp)
{
  Entry *entry;
  PmPart *part;

  g_mutex_lock (&store->lock);
  entry = g_hash_table_lookup (store->entries, name);
  g_mutex_unlock (&store->lock);

  if (entry == NULL || entry->owned != NULL || entry->spilled ||
      !_pm_store_stamps_equal (&entry->stamp, stamp))
    return NULL;
  {
    g_autofree guint8 *read = entry->blob == NULL ? _pm_store_read_blob (store, entry) : NULL;
    const guint8 *blob = entry->blob != NULL ? entry->blob : read;

    if (blob == NULL || crc (blob, entry->blob_len) != entry->blob_crc ||
        (part = decode_part (store, blob, entry->blob_len, file)) == NULL)
      {
        g_debug ("store: the blob of %s is damaged; parsing the file", name);
        return NULL;
      }
  }
  return part;
}

static inline guint8 *
write_varint (guint8  *p,
              guint64  v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

static inline guint8 *
write_zigzag (guint8 *p,
              gint64  v)
{
  return write_varint (p, ((guint64) v << 1) ^ (guint64) (v >> 63));
}

static GBytes *
encode_part (const PmPart  *part,
             const guint32 *ids)
{
  GByteArray *out = g_byte_array_sized_new (64 + part->n_rows * 16);
  guint arrays = 0, per_row;
  guint8 *data;
  gsize len;
  gint64 utc = 0;

  if (part->tags != NULL)
    arrays |= ARRAY_TAGS;
  if (part->tags != NULL)
    arrays |= (part->paged_diff ? ARRAY_PAGED_DIFF : 0) |
              (part->non_paged_diff ? ARRAY_NON_PAGED_DIFF : 0) |
              (part->paged_used ? ARRAY_PAGED_USED : 0) |
              (part->non_paged_used ? ARRAY_NON_PAGED_USED : 0) |
              (part->total_used ? ARRAY_TOTAL_USED : 0) |
              (part->allocs ? ARRAY_ALLOCS : 0);

  put_varint (out, part->have);
  put_varint (out, arrays);
  put_varint (out, part->n_rows);
  put_varint (out, part->rows_skipped);
  put_varint (out, part->n_problems);

  put_varint (out, part->snapshots->len);
  for (guint i = 0; i < part->snapshots->len; i++)
    {
      const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, i);

      put_zigzag (out, (gint64) ((guint64) snap->utc - (guint64) utc));
      put_zigzag (out, (gint64) ((guint64) snap->local - (guint64) snap->utc));
      utc = snap->utc;
      put_varint (out, snap->first_row);
      put_varint (out, snap->n_rows);
      put_varint (out, snap->line);
      put_varint (out, (snap->has_utc ? 1 : 0) | (snap->has_local ? 2 : 0));
    }

  put_varint (out, part->tag_info->len);
  for (guint i = 0; i < part->tag_info->len; i++)
    {
      const PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);

      put_varint (out, ids[info->tag]);
      put_string (out, info->binary);
      put_string (out, info->description);
    }

  put_varint (out, part->problems->len);
  for (guint i = 0; i < part->problems->len; i++)
    {
      const PmProblem *problem = g_ptr_array_index (part->problems, i);

      put_varint (out, problem->line);
      put_string (out, problem->message);
    }

  /* The rows, the bulk of it: written straight into room made for the
   * longest they can be (an append per number cost more than the rest of
   * the store). The bytes are those put_varint() and put_zigzag() write. */
  /* The longest the rows can be: 5 bytes for a 32-bit number, 10 for a
   * 64-bit one. */
  per_row = 5 + (part->paged_diff ? 5 : 0) + (part->non_paged_diff ? 5 : 0) +
            (part->paged_used ? 10 : 0) + (part->non_paged_used ? 10 : 0) +
            (part->total_used ? 10 : 0) + (part->allocs ? 5 : 0);
  if (arrays != 0 && (gsize) part->n_rows * per_row >= G_MAXUINT / 2 - out->len)
    {
      /* Past what a GByteArray holds: that file is not kept in the store
       * (it is parsed again next time). */
      g_byte_array_unref (out);
      return NULL;
    }
  if (arrays != 0)
    {
      guint start = out->len;
      guint8 *p;

      g_byte_array_set_size (out, start + part->n_rows * per_row);
      p = out->data + start;
      for (guint i = 0; i < part->n_rows; i++)
        p = write_varint (p, ids[part->tags[i]]);
      for (guint i = 0; part->paged_diff && i < part->n_rows; i++)
        p = write_varint (p, part->paged_diff[i]);
      for (guint i = 0; part->non_paged_diff && i < part->n_rows; i++)
        p = write_varint (p, part->non_paged_diff[i]);
      for (guint i = 0; part->paged_used && i < part->n_rows; i++)
        p = write_zigzag (p, part->paged_used[i]);
      for (guint i = 0; part->non_paged_used && i < part->n_rows; i++)
        p = write_zigzag (p, part->non_paged_used[i]);
      for (guint i = 0; part->total_used && i < part->n_rows; i++)
        p = write_zigzag (p, part->total_used[i]);
      for (guint i = 0; part->allocs && i < part->n_rows; i++)
        p = write_varint (p, part->allocs[i]);
      g_byte_array_set_size (out, (guint) (p - out->data));
    }

  /* Kept until the store is written: no room beyond what was written. */
  len = out->len;
  data = g_byte_array_free (out, FALSE);
  return g_bytes_new_take (g_realloc (data, MAX (len, 1)), len);
}

/* The store's id of every builder tag @part names; ids[builder id]. The
 * ids already known come from an array under the store's lock alone (a
 * folder's files name the same few thousand tags: one hash lookup per tag
 * and file, with both locks held, made two readers wait on each other);
 * only tags new to this load take the builder's lock for their names. */
static guint32 *
map_tags (PmStore            *store,
          PmDatasetBuilder   *builder,
          const PmPart       *part)
{
  guint n_items = part->n_rows + part->tag_info->len;
  gboolean missing = FALSE;
  guint32 *ids, *known;
  guint n = 1;

  for (guint i = 0; i < n_items; i++)
    {
      guint32 tag = i < part->n_rows ? part->tags[i]
                    : g_array_index (part->tag_info, PmPartTagInfo, i - part->n_rows).tag;

      n = MAX (n, tag + 1);
    }
  ids = g_new (guint32, n);
  memset (ids, 0xff, sizeof (guint32) * n);

  g_mutex_lock (&store->lock);
  if (store->from_builder == NULL)
    store->from_builder = g_array_new (FALSE, FALSE, sizeof (guint32));
  known = (guint32 *) (gpointer) store->from_builder->data;
  for (guint i = 0; i < n_items; i++)
    {
      guint32 tag = i < part->n_rows ? part->tags[i]
                    : g_array_index (part->tag_info, PmPartTagInfo, i - part->n_rows).tag;

      if (ids[tag] != G_MAXUINT32)
        continue;
      if (tag < store->from_builder->len && known[tag] != G_MAXUINT32)
        ids[tag] = known[tag];
      else
        missing = TRUE;
    }
  g_mutex_unlock (&store->lock);
  if (!missing)
    return ids;

  g_mutex_lock (&builder->lock);
  g_mutex_lock (&store->lock);
  for (guint i = 0; i < n_items; i++)
    {
      guint32 tag = i < part->n_rows ? part->tags[i]
                    : g_array_index (part->tag_info, PmPartTagInfo, i - part->n_rows).tag;
      const char *name;
      gpointer value;
      guint old_len;

      if (ids[tag] != G_MAXUINT32)
        continue;
      name = g_ptr_array_index (builder->tag_names, tag);
      if ((value = g_hash_table_lookup (store->name_ids, name)) == NULL)
        {
          char *copy = g_strdup (name);

          g_ptr_array_add (store->names, copy);
          value = GUINT_TO_POINTER (store->names->len);
          g_hash_table_insert (store->name_ids, copy, value);
        }
      ids[tag] = GPOINTER_TO_UINT (value) - 1;

      old_len = store->from_builder->len;
      if (tag >= old_len)
        {
          g_array_set_size (store->from_builder, tag + 1);
          memset (&g_array_index (store->from_builder, guint32, old_len), 0xff,
                  sizeof (guint32) * (tag + 1 - old_len));
        }
      g_array_index (store->from_builder, guint32, tag) = ids[tag];
    }
  g_mutex_unlock (&store->lock);
  g_mutex_unlock (&builder->lock);

  return ids;
}

/**
 * _pm_store_put_part:
 * @part: what the CSV reader made of the file, before any merge
 *
 * Thread safe. Keeps @part for the next save, for the file as @stamp says
 * it was before it was read.
 */
void
_pm_store_put_part (PmStore            *store,
                    PmDatasetBuilder   *builder,
                    const char         *name,
                    const PmStoreStamp *stamp,
                    const PmPart       *part)
{
  g_autofree guint32 *ids = map_tags (store, builder, part);
  GBytes *bytes = encode_part (part, ids);
  Entry *entry;

  if (bytes == NULL)
    return;
  entry = g_new0 (Entry, 1);

  entry->name = g_strdup (name);
  entry->stamp = *stamp;
  entry->owned = bytes;
  entry->blob = g_bytes_get_data (bytes, &entry->blob_len);
  entry->blob_crc = crc (entry->blob, entry->blob_len);
  entry->keep = TRUE;
  /* Written out now rather than held until the save: a month of files
   * encoded is gigabytes (docs/store.md, "Import memory"). */
  if (_pm_store_spill (store, entry->blob, entry->blob_len, &entry->spill_offset))
    {
      entry->spilled = TRUE;
      entry->blob = NULL;
      g_clear_pointer (&entry->owned, g_bytes_unref);
    }

  g_mutex_lock (&store->lock);
  g_hash_table_replace (store->entries, entry->name, entry);
  store->dirty = TRUE;
  g_mutex_unlock (&store->lock);
}
