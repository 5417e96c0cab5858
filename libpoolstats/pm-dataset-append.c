/* pm-dataset-append.c: a dataset and the snapshots of a few new files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lab machine's folder grows by a file a minute. When the only change
 * since the image of the folder's dataset was made is new files whose
 * snapshots all come after the last one, the new dataset is the old one with
 * columns added: what pm_dataset_builder_end() would make of all the files,
 * without reading the old ones again (docs/store.md). Only the plain case is
 * done here; anything else (a new tag, a problem in a new file, other
 * columns, a snapshot not after the last, a Binary that differs) returns
 * NULL and the caller merges everything.
 */
#include "pm-dataset-private.h"
#include "pm-bigmem-private.h"

#include <string.h>

typedef PmNewSnapshotRef NewRef;

static int
compare_new_refs (gconstpointer a,
                  gconstpointer b)
{
  const NewRef *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->part != y->part)
    return x->part < y->part ? -1 : 1;
  return x->snapshot < y->snapshot ? -1 : (x->snapshot > y->snapshot);
}

gboolean
_pm_dataset_same_tag_text (const char *old,
                           const char *new)
{
  return new == NULL || new[0] == '\0' || g_strcmp0 (old, new) == 0;
}

/* The new parts' tag ids -> the old dataset's tags; FALSE for a new tag or
 * a Binary/Description that would change. */
static gboolean
map_tags (PmDataset        *old,
          PmDatasetBuilder *builder,
          guint32          *map)
{
  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      for (guint r = 0; r < part->n_rows; r++)
        {
          guint32 id = part->tags[r];
          gpointer value;

          if (map[id] != G_MAXUINT32)
            continue;
          value = g_hash_table_lookup (old->tag_index, g_ptr_array_index (builder->tag_names, id));
          if (value == NULL)
            return FALSE;
          map[id] = GPOINTER_TO_UINT (value) - 1;
        }
    }
  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      for (guint i = 0; i < part->tag_info->len; i++)
        {
          PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);
          guint32 t = map[info->tag];

          if (t != G_MAXUINT32 &&
              (!_pm_dataset_same_tag_text (old->binaries[t], info->binary) ||
               !_pm_dataset_same_tag_text (old->descriptions[t], info->description)))
            return FALSE;
        }
    }
  return TRUE;
}

/* The new snapshots in time order, all after the old ones and distinct;
 * %NULL when a part is not one an append takes (a problem, other columns)
 * or there is nothing new. */
GArray *
_pm_dataset_order_new_snapshots (PmDataset        *old,
                                 PmDatasetBuilder *builder)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (NewRef));
  gint64 last = old->times[PM_TIME_BASE_UTC][old->n_snapshots - 1];

  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      if (part == NULL || !part->is_input_file || part->n_problems > 0 ||
          part->problems->len > 0 || part->rows_skipped > 0 || part->have != old->have)
        return NULL;
      for (guint s = 0; s < part->snapshots->len; s++)
        {
          PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, s);
          NewRef ref = { snap->utc, p, s };

          if (!snap->has_utc || !snap->has_local || snap->utc <= last)
            return NULL;
          g_array_append_val (refs, ref);
        }
    }
  g_array_sort (refs, compare_new_refs);
  for (guint i = 1; i < refs->len; i++)
    if (g_array_index (refs, NewRef, i).key == g_array_index (refs, NewRef, i - 1).key)
      return NULL;
  return refs->len > 0 ? g_steal_pointer (&refs) : NULL;
}

/* Everything but the packed columns and presence: copied, then extended. */
static PmDataset *
copy_frame (PmDataset *old,
            guint      n)
{
  PmDataset *self = g_object_new (PM_TYPE_DATASET, NULL);
  guint n_tags = old->n_tags;

  self->n_snapshots = n;
  self->n_tags = n_tags;
  self->time_bases = old->time_bases;
  self->tag_names = g_new0 (char *, n_tags + 2);
  self->binaries = g_new0 (char *, n_tags + 2);
  self->descriptions = g_new0 (char *, n_tags + 2);
  for (guint t = 0; t <= n_tags; t++)
    {
      self->tag_names[t] = g_strdup (old->tag_names[t]);
      self->binaries[t] = g_strdup (old->binaries[t]);
      self->descriptions[t] = g_strdup (old->descriptions[t]);
      if (t < n_tags)
        g_hash_table_insert (self->tag_index, self->tag_names[t], GUINT_TO_POINTER (t + 1));
    }
  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    {
      self->times[b] = g_new (gint64, n);
      memcpy (self->times[b], old->times[b], sizeof (gint64) * old->n_snapshots);
    }
  for (guint i = 0; i < old->problems->len; i++)
    g_ptr_array_add (self->problems, pm_problem_copy (g_ptr_array_index (old->problems, i)));
  for (guint i = 0; i < old->files->len; i++)
    g_ptr_array_add (self->files, pm_file_report_copy (g_ptr_array_index (old->files, i)));
  g_array_append_vals (self->boots, old->boots->data, old->boots->len);
  return self;
}

/* One row's value of base @b, as scatter_ref() in pm-dataset-builder.c
 * for a file with every column the dataset has (TotalUsedBytes is never
 * stored here). */
static inline gint64
new_value (PmPart *part,
           guint   r,
           guint   b)
{
  switch (b)
    {
    case PM_BASE_PAGED_DIFF:
      return part->paged_diff[r];
    case PM_BASE_NON_PAGED_DIFF:
      return part->non_paged_diff[r];
    case PM_BASE_PAGED_USED:
      return part->paged_used[r];
    case PM_BASE_NON_PAGED_USED:
      return part->non_paged_used[r];
    default:
      return 0;
    }
}

/* Marks the rows of one new snapshot present in column @col and adds its
 * TOTAL; FALSE when a tag is named twice (that needs a problem reported). */
static gboolean
mark_new (PmDataset     *self,
          PmPart        *part,
          guint          snapshot,
          const guint32 *map,
          guint          col)
{
  const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, snapshot);
  guint8 mask = 1 << (col & 7);
  gint64 sums[PM_N_BASES] = { 0 };

  for (guint r = snap->first_row; r < snap->first_row + snap->n_rows; r++)
    {
      guint32 tag = map[part->tags[r]];
      guint8 *bits = &self->present[(gsize) tag * self->present_stride + col / 8];

      if (*bits & mask)
        return FALSE;
      *bits |= mask;
      for (guint b = 0; b < PM_N_BASES; b++)
        if (self->columns[b] != NULL)
          sums[b] = b == PM_BASE_PAGED_DIFF || b == PM_BASE_NON_PAGED_DIFF
                    ? sums[b] + new_value (part, r, b)
                    : pm_add_saturating (sums[b], new_value (part, r, b));
    }
  for (guint b = 0; b < PM_N_BASES; b++)
    self->totals[b][col] = sums[b];
  return TRUE;
}

/* Writes base @b of the rows of one new snapshot into column @col of a
 * window of cells of that base. */
static void
write_new (PmPart        *part,
           guint          snapshot,
           const guint32 *map,
           gint64        *cells,
           guint          b,
           guint          col,
           guint          first_col)
{
  const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, snapshot);

  for (guint r = snap->first_row; r < snap->first_row + snap->n_rows; r++)
    cells[(gsize) map[part->tags[r]] * PM_CHUNK + (col - first_col)] = new_value (part, r, b);
}

/* What holds the blobs of an appended dataset whose old windows stay in
 * the old dataset's buffer: that buffer, and the windows packed since. */
typedef struct
{
  GBytes    *base;
  GPtrArray *owned;
} Keeper;

static void
keeper_free (gpointer data)
{
  Keeper *keeper = data;

  g_bytes_unref (keeper->base);
  g_ptr_array_unref (keeper->owned);
  g_free (keeper);
}

/* The packed columns: the old full windows copied, the last old window
 * (if partial) decoded, and from there the new snapshots packed; one base
 * at a time, in one window of cells (a window of every base is 50 MB of
 * fresh memory to clear for a few hundred snapshots). */
static gboolean
pack_columns (PmDataset        *self,
              PmDataset        *old,
              PmDatasetBuilder *builder,
              GArray           *refs,
              const guint32    *map)
{
  guint old_n = old->n_snapshots, n_tags = self->n_tags;
  guint first_window = old_n / PM_CHUNK;
  guint n_windows = (self->n_snapshots + PM_CHUNK - 1) / PM_CHUNK;
  gsize window_cells = (gsize) MAX (n_tags, 1) * PM_CHUNK;
  gint64 *cells = _pm_big_alloc (sizeof (gint64) * window_cells);
  guint8 *scratch = _pm_big_alloc (_pm_packed_bound (PM_CHUNK) * MAX (n_tags, 1));
  gboolean ok = TRUE;
  guint next = 0;
  /* The old full windows stay where they are when the old dataset's blobs
   * lie in one buffer (an image read, the usual case): the new dataset's
   * blob_memory then holds that buffer and the windows packed here. */
  gboolean share = old->blob_memory != NULL;
  Keeper *keeper = NULL;

  if (share)
    {
      keeper = g_new0 (Keeper, 1);
      keeper->base = g_bytes_ref (old->blob_memory);
      keeper->owned = g_ptr_array_new_with_free_func (g_free);
      self->blob_memory = g_bytes_new_with_free_func (keeper, sizeof *keeper, keeper_free, keeper);
    }

  for (guint b = 0; b < PM_N_BASES; b++)
    {
      const PmPackedColumn *o = old->columns[b];
      PmPackedColumn *c = self->columns[b];

      if (c == NULL)
        continue;
      for (guint w = 0; w < first_window; w++)
        {
          c->blob_sizes[w] = o->blob_sizes[w];
          if (share)
            c->blobs[w] = o->blobs[w];
          else
            {
              c->blobs[w] = g_malloc (o->blob_sizes[w] + PM_PACKED_PADDING);
              memcpy (c->blobs[w], o->blobs[w], o->blob_sizes[w] + PM_PACKED_PADDING);
            }
          for (guint t = 0; t < n_tags; t++)
            c->offsets[(gsize) t * n_windows + w] = o->offsets[(gsize) t * o->n_windows + w];
        }
    }

  for (guint w = first_window; ok && w < n_windows; w++)
    {
      guint first_col = w * PM_CHUNK;
      guint len = MIN (PM_CHUNK, self->n_snapshots - first_col);
      guint from = next;

      /* Presence and TOTAL of the window's new snapshots. */
      for (; ok && next < refs->len && old_n + next < first_col + len; next++)
        {
          const NewRef *ref = &g_array_index (refs, NewRef, next);

          ok = mark_new (self, g_ptr_array_index (builder->parts, ref->part), ref->snapshot,
                         map, old_n + next);
        }
      if (!ok)
        break;

      for (guint b = 0; b < PM_N_BASES; b++)
        {
          const PmPackedColumn *o = old->columns[b];
          gint64 *one[PM_N_BASES] = { NULL };

          if (self->columns[b] == NULL)
            continue;
          /* The old snapshots of this window, as they were. */
          for (guint t = 0; first_col < old_n && t < n_tags; t++)
            _pm_packed_decode (o->blobs[w] + o->offsets[(gsize) t * o->n_windows + w],
                               old_n - first_col, 0, old_n - first_col,
                               cells + (gsize) t * PM_CHUNK);
          for (guint i = from; i < next; i++)
            {
              const NewRef *ref = &g_array_index (refs, NewRef, i);

              write_new (g_ptr_array_index (builder->parts, ref->part), ref->snapshot, map,
                         cells, b, old_n + i, first_col);
            }
          one[b] = cells;
          _pm_dataset_zero_absent_cells (self, one, first_col, len);
          _pm_dataset_pack_window (self, self->columns[b], w, len, cells, scratch);
          if (keeper != NULL)
            g_ptr_array_add (keeper->owned, self->columns[b]->blobs[w]);
        }
    }

  _pm_big_free (cells);
  _pm_big_free (scratch);
  return ok;
}

/* The reboot rule of find_boots() in pm-dataset-builder.c, carried on from
 * the old last snapshot's counters. */
static void
find_new_boots (PmDataset        *self,
                PmDataset        *old,
                PmDatasetBuilder *builder,
                GArray           *refs,
                const guint32    *map)
{
  g_autofree guint *last_column = g_new (guint, MAX (self->n_tags, 1));
  guint32 *last = g_memdup2 (old->tail_allocs, sizeof (guint32) * MAX (self->n_tags, 1));

  for (guint t = 0; t < self->n_tags; t++)
    last_column[t] = old->n_snapshots - 1;

  for (guint i = 0; i < refs->len; i++)
    {
      const NewRef *ref = &g_array_index (refs, NewRef, i);
      PmPart *part = g_ptr_array_index (builder->parts, ref->part);
      const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, ref->snapshot);
      guint column = old->n_snapshots + i, common = 0, down = 0;

      for (guint r = snap->first_row; part->allocs != NULL && r < snap->first_row + snap->n_rows; r++)
        {
          guint32 tag = map[part->tags[r]];

          /* column > 0: the old dataset has snapshots. */
          _pm_boot_rule_row (&last[tag], &last_column[tag], part->allocs[r], column,
                             &common, &down);
        }
      _pm_dataset_check_boot (self, column, common, down);
    }

  for (guint t = 0; t < self->n_tags; t++)
    if (last_column[t] != self->n_snapshots - 1)
      last[t] = 0;
  self->tail_allocs = last;
}

/**
 * _pm_dataset_append:
 * @old: a dataset made by pm_dataset_builder_end() or read from its image
 * @builder: the parts of the new files only, in input order (not consumed)
 *
 * Returns: (transfer full) (nullable): the dataset of the old files and the
 *   new ones, or %NULL when this is not the plain case
 */
PmDataset *
_pm_dataset_append (PmDataset        *old,
                    PmDatasetBuilder *builder)
{
  g_autofree guint32 *map = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(PmDataset) self = NULL;
  guint n;

  if (old->n_snapshots == 0 || (old->have & PM_ROW_HAVE_TOTAL_USED) ||
      old->time_bases != ((1u << PM_TIME_BASE_UTC) | (1u << PM_TIME_BASE_LOCAL)) ||
      ((old->have & PM_ROW_HAVE_ALLOCS) && old->tail_allocs == NULL) ||
      (refs = _pm_dataset_order_new_snapshots (old, builder)) == NULL)
    return NULL;
  map = g_new (guint32, MAX (builder->tag_names->len, 1));
  memset (map, 0xff, sizeof (guint32) * MAX (builder->tag_names->len, 1));
  if (!map_tags (old, builder, map))
    return NULL;

  n = old->n_snapshots + refs->len;
  self = copy_frame (old, n);
  for (guint i = 0; i < refs->len; i++)
    {
      const NewRef *ref = &g_array_index (refs, NewRef, i);
      PmPart *part = g_ptr_array_index (builder->parts, ref->part);
      const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, ref->snapshot);

      self->times[PM_TIME_BASE_UTC][old->n_snapshots + i] = snap->utc;
      self->times[PM_TIME_BASE_LOCAL][old->n_snapshots + i] = snap->local;
    }

  _pm_dataset_allocate_storage (self, old->have);
  for (guint b = 0; b < PM_N_BASES; b++)
    memcpy (self->totals[b], old->totals[b], sizeof (gint64) * old->n_snapshots);
  for (guint t = 0; t < self->n_tags; t++)
    memcpy (&self->present[(gsize) t * self->present_stride],
            &old->present[(gsize) t * old->present_stride], (old->n_snapshots + 7) / 8);
  /* The bits after the old n-th may belong to a newer dataset (a followed
   * folder's, whose rows are shared). */
  for (guint t = 0; t < self->n_tags && old->n_snapshots % 8 != 0; t++)
    self->present[(gsize) t * self->present_stride + old->n_snapshots / 8] &=
      (guint8) ((1u << (old->n_snapshots % 8)) - 1);

  if (!pack_columns (self, old, builder, refs, map))
    return NULL;
  if (old->have & PM_ROW_HAVE_ALLOCS)
    find_new_boots (self, old, builder, refs, map);

  for (guint t = 0; t < self->n_tags; t++)
    self->n_present[t] = _pm_count_bits (&self->present[(gsize) t * self->present_stride],
                                         self->present_stride);
  self->n_present[self->n_tags] = n;

  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);
      PmFileReport report = { part->file, 0, 0, part->snapshots->len, 0 };

      for (guint s = 0; s < part->snapshots->len; s++)
        report.rows_loaded += g_array_index (part->snapshots, PmPartSnapshot, s).n_rows;
      g_ptr_array_add (self->files, pm_file_report_copy (&report));
    }

  return g_steal_pointer (&self);
}
