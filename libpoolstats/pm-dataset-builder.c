/* pm-dataset-builder.c: rows in, an immutable PmDataset out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The merge sorts snapshots by time and tags by name, then copies every
 * part's rows into the dataset's tag-major arrays in snapshot order (which
 * keeps the cells being written in cache) on all cores, and adds TOTAL.
 */
#include "pm-dataset-private.h"
#include "pm-bigmem-private.h"

#include <string.h>

/**
 * pm_dataset_builder_new:
 *
 * Returns: (transfer full): a builder with no snapshots
 */
PmDatasetBuilder *
pm_dataset_builder_new (void)
{
  PmDatasetBuilder *builder = g_new0 (PmDatasetBuilder, 1);

  g_mutex_init (&builder->lock);
  builder->tag_ids = g_hash_table_new (g_str_hash, g_str_equal);
  builder->tag_names = g_ptr_array_new_with_free_func (g_free);
  builder->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) _pm_part_free);

  return builder;
}

void
pm_dataset_builder_free (PmDatasetBuilder *builder)
{
  if (builder == NULL)
    return;

  g_hash_table_unref (builder->tag_ids);
  g_ptr_array_unref (builder->tag_names);
  g_ptr_array_unref (builder->parts);
  g_mutex_clear (&builder->lock);
  g_free (builder);
}

/* Thread safe: the loader's workers intern their tags here. */
guint32
_pm_dataset_builder_intern_tag (PmDatasetBuilder *builder,
                                const char       *tag,
                                gsize             len)
{
  g_autofree char *name = g_strndup (tag, len);
  gpointer value;
  guint32 id;

  g_mutex_lock (&builder->lock);
  value = g_hash_table_lookup (builder->tag_ids, name);
  if (value != NULL)
    id = GPOINTER_TO_UINT (value) - 1;
  else
    {
      id = builder->tag_names->len;
      g_ptr_array_add (builder->tag_names, name);
      g_hash_table_insert (builder->tag_ids, g_steal_pointer (&name), GUINT_TO_POINTER (id + 1));
    }
  g_mutex_unlock (&builder->lock);

  return id;
}

void
_pm_dataset_builder_set_n_parts (PmDatasetBuilder *builder,
                                 guint             n_parts)
{
  g_ptr_array_set_size (builder->parts, n_parts);
}

/* Thread safe for distinct @index: parts merge in index order whatever order
 * they arrive in, which makes duplicate resolution deterministic. */
void
_pm_dataset_builder_set_part (PmDatasetBuilder *builder,
                              guint             index,
                              PmPart           *part)
{
  g_return_if_fail (index < builder->parts->len);
  g_return_if_fail (g_ptr_array_index (builder->parts, index) == NULL);

  g_ptr_array_index (builder->parts, index) = part;
}

void
_pm_dataset_builder_set_pooltag (PmDatasetBuilder *builder,
                                 PmPooltag        *pooltag)
{
  builder->pooltag = pooltag;
}

/**
 * pm_dataset_builder_add_snapshot:
 * @utc: the snapshot's UTC time, seconds since 1970
 * @local: the lab machine's wall-clock time, seconds since 1970 read as UTC
 *
 * Returns: a handle for pm_dataset_builder_add_row(). Two snapshots with the
 *   same @utc are one snapshot in the dataset.
 */
guint
pm_dataset_builder_add_snapshot (PmDatasetBuilder *builder,
                                 gint64            utc,
                                 gint64            local)
{
  PmPart *part = _pm_part_new (NULL);
  PmPartSnapshot snapshot = { utc, local, 0, 0, 0, TRUE, TRUE };

  g_array_append_val (part->snapshots, snapshot);
  g_ptr_array_add (builder->parts, part);

  return builder->parts->len - 1;
}

/**
 * pm_dataset_builder_add_row:
 * @snapshot: a handle from pm_dataset_builder_add_snapshot()
 * @tag: the tag, kept byte for byte
 * @values: the row's counters
 *
 * Adds a tag's counters to a snapshot. When a snapshot names a tag twice, the
 * first row wins and a problem is recorded.
 */
void
pm_dataset_builder_add_row (PmDatasetBuilder  *builder,
                            guint              snapshot,
                            const char        *tag,
                            const PmRowValues *values)
{
  PmPart *part;

  g_return_if_fail (snapshot < builder->parts->len);
  g_return_if_fail (tag != NULL && values != NULL);

  part = g_ptr_array_index (builder->parts, snapshot);
  _pm_part_add_row (part, _pm_dataset_builder_intern_tag (builder, tag, strlen (tag)), values);
  g_array_index (part->snapshots, PmPartSnapshot, 0).n_rows = part->n_rows;
}

void
pm_dataset_builder_set_tag_info (PmDatasetBuilder *builder,
                                 const char       *tag,
                                 const char       *binary,
                                 const char       *description)
{
  PmPart *part;

  g_return_if_fail (builder->parts->len > 0);

  part = g_ptr_array_index (builder->parts, builder->parts->len - 1);
  _pm_part_add_tag_info (part, _pm_dataset_builder_intern_tag (builder, tag, strlen (tag)),
                         binary, binary ? strlen (binary) : 0,
                         description, description ? strlen (description) : 0);
}

typedef struct
{
  gint64  key;
  guint   part;
  guint   snapshot;
  guint   column;             /* the snapshot's index in the dataset */
  guint   duplicates;         /* rows dropped because the tag was already there */
  guint32 first_duplicate;
} SnapshotRef;

static int
compare_snapshot_refs (gconstpointer a,
                       gconstpointer b)
{
  const SnapshotRef *ra = a, *rb = b;

  if (ra->key != rb->key)
    return ra->key < rb->key ? -1 : 1;
  if (ra->part != rb->part)
    return ra->part < rb->part ? -1 : 1;
  return ra->snapshot < rb->snapshot ? -1 : (ra->snapshot > rb->snapshot);
}

static int
compare_tag_names (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  char **names = user_data;

  return strcmp (names[*(const guint32 *) a], names[*(const guint32 *) b]);
}

/* Orders the snapshots of every part by time (then input order) and merges
 * equal times into one dataset snapshot. Returns the sorted references. */
static GArray *
order_snapshots (PmDatasetBuilder *builder,
                 PmDataset        *self)
{
  GArray *refs = g_array_new (FALSE, FALSE, sizeof (SnapshotRef));
  gboolean all_utc = TRUE, all_local = TRUE;
  guint n = 0;

  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      for (guint s = 0; part != NULL && s < part->snapshots->len; s++)
        {
          PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, s);
          SnapshotRef ref = { snap->has_utc ? snap->utc : snap->local, p, s };

          all_utc &= snap->has_utc;
          all_local &= snap->has_local;
          g_array_append_val (refs, ref);
        }
    }

  g_array_sort (refs, compare_snapshot_refs);

  self->times[PM_TIME_BASE_UTC] = g_new (gint64, MAX (refs->len, 1));
  self->times[PM_TIME_BASE_LOCAL] = g_new (gint64, MAX (refs->len, 1));

  for (guint i = 0; i < refs->len; i++)
    {
      SnapshotRef *ref = &g_array_index (refs, SnapshotRef, i);
      PmPart *part = g_ptr_array_index (builder->parts, ref->part);
      PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, ref->snapshot);

      if (i == 0 || ref->key != g_array_index (refs, SnapshotRef, i - 1).key)
        {
          /* A base a snapshot lacks borrows the other's clock, so the
           * arrays are always complete; has_time_base() tells the truth. */
          self->times[PM_TIME_BASE_UTC][n] = snap->has_utc ? snap->utc : snap->local;
          self->times[PM_TIME_BASE_LOCAL][n] = snap->has_local ? snap->local : snap->utc;
          n++;
        }
      ref->column = n - 1;
    }

  self->n_snapshots = n;
  self->time_bases = (all_utc ? 1 << PM_TIME_BASE_UTC : 0) |
                     (all_local ? 1 << PM_TIME_BASE_LOCAL : 0);

  return refs;
}

void
_pm_dataset_allocate_storage (PmDataset *self,
                              guint      have)
{
  static const guint bits[PM_N_BASES] = {
    PM_ROW_HAVE_PAGED_DIFF, PM_ROW_HAVE_NON_PAGED_DIFF, PM_ROW_HAVE_PAGED_USED,
    PM_ROW_HAVE_NON_PAGED_USED, PM_ROW_HAVE_TOTAL_USED,
  };
  guint n_windows = (self->n_snapshots + PM_CHUNK - 1) / PM_CHUNK;

  self->have = have;
  for (guint b = 0; b < PM_N_BASES; b++)
    if (have & bits[b])
      {
        PmPackedColumn *column = g_new0 (PmPackedColumn, 1);

        column->n_windows = n_windows;
        column->blobs = g_new0 (guint8 *, MAX (n_windows, 1));
        column->blob_sizes = g_new0 (gsize, MAX (n_windows, 1));
        column->offsets = g_new0 (guint32, MAX ((gsize) self->n_tags * n_windows, 1));
        self->columns[b] = column;
      }

  self->present_stride = (self->n_snapshots + 7) / 8;
  self->present = g_new0 (guint8, MAX ((gsize) self->n_tags * self->present_stride, 1));
  self->n_present = g_new0 (guint, self->n_tags + 1);

  for (guint b = 0; b < PM_N_BASES; b++)
    self->totals[b] = g_new0 (gint64, MAX (self->n_snapshots, 1));
}

/* Copies one part-snapshot's rows into column ref->column of a window of
 * plain cells (tag-major, PM_CHUNK per tag, window starting at @first_col).
 * The first row written for a cell stays; later ones count as duplicates. */
static void
scatter_ref (PmDataset     *self,
             PmPart        *part,
             SnapshotRef   *ref,
             const guint32 *tag_index,
             gint64       **cells,
             guint          first_col)
{
  const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, ref->snapshot);
  guint col = ref->column;
  guint8 mask = 1 << (col & 7);
  gint64 sums[PM_N_BASES] = { 0 };

  for (guint r = snap->first_row; r < snap->first_row + snap->n_rows; r++)
    {
      guint32 tag = tag_index[part->tags[r]];
      gsize cell = (gsize) tag * PM_CHUNK + (col - first_col);
      guint8 *bits = &self->present[(gsize) tag * self->present_stride + col / 8];

      if (*bits & mask)
        {
          if (ref->duplicates++ == 0)
            ref->first_duplicate = tag;
          continue;
        }
      *bits |= mask;

      _pm_part_copy_row (part, r, cells, cell, sums);
    }

  /* TOTAL, on the way: only this thread writes this column. */
  for (guint b = 0; b < PM_N_BASES; b++)
    self->totals[b][col] = pm_add_saturating (self->totals[b][col], sums[b]);
}

typedef struct
{
  PmDataset        *self;
  PmDatasetBuilder *builder;
  SnapshotRef      *refs;
  const guint      *window_refs;  /* n_windows + 1: each window's first ref */
  const guint32    *tag_index;
  guint             n_windows;
  gint              next_window;  /* atomic */
} ScatterJob;

/* Packs one window of plain cells, every tag's chunk after the other. */
void
_pm_dataset_pack_window (PmDataset      *self,
                         PmPackedColumn *column,
                         guint           window,
                         guint           len,
                         const gint64   *cells,
                         guint8         *scratch)
{
  gsize pos = 0;

  for (guint t = 0; t < self->n_tags; t++)
    {
      column->offsets[(gsize) t * column->n_windows + window] = (guint32) pos;
      pos += _pm_packed_encode (cells + (gsize) t * PM_CHUNK, len, scratch + pos);
    }
  column->blobs[window] = g_malloc (pos + PM_PACKED_PADDING);
  memcpy (column->blobs[window], scratch, pos);
  memset (column->blobs[window] + pos, 0, PM_PACKED_PADDING);
  column->blob_sizes[window] = pos;
}

/* An absent tag reads 0: the cells the window's rows did not write are
 * zeroed, found from the presence bits (a whole byte at a time where a tag
 * is present throughout), rather than clearing every cell first. A cell
 * whose only row lost to a duplicate is present, so it was written. */
void
_pm_dataset_zero_absent_cells (PmDataset  *self,
                   gint64    **cells,
                   guint       first_col,
                   guint       len)
{
  for (guint t = 0; t < self->n_tags; t++)
    {
      const guint8 *bits = &self->present[(gsize) t * self->present_stride + first_col / 8];

      for (guint c = 0; c < len; c += 8)
        {
          guint8 byte = bits[c / 8];

          if (byte == 0xff && c + 8 <= len)
            continue;
          for (guint k = c; k < MIN (c + 8, len); k++)
            if (!((byte >> (k - c)) & 1))
              for (guint b = 0; b < PM_N_BASES; b++)
                if (cells[b] != NULL)
                  cells[b][(gsize) t * PM_CHUNK + k] = 0;
        }
    }
}

/* Closes a window whose rows are all in @cells: zeroes the absent cells and
 * packs each base's cells into the dataset's column. */
void
_pm_dataset_finish_window (PmDataset  *self,
                           gint64    **cells,
                           guint       window,
                           guint       first_col,
                           guint       len,
                           guint8     *scratch)
{
  _pm_dataset_zero_absent_cells (self, cells, first_col, len);
  for (guint b = 0; b < PM_N_BASES; b++)
    if (cells[b] != NULL)
      _pm_dataset_pack_window (self, self->columns[b], window, len, cells[b], scratch);
}

static gpointer
scatter_thread (gpointer data)
{
  ScatterJob *job = data;
  PmDataset *self = job->self;
  gsize window_cells = (gsize) MAX (self->n_tags, 1) * PM_CHUNK;
  gint64 *cells[PM_N_BASES] = { NULL };
  guint8 *scratch = _pm_big_alloc (_pm_packed_bound (PM_CHUNK) * MAX (self->n_tags, 1));
  guint w;

  for (guint b = 0; b < PM_N_BASES; b++)
    if (self->columns[b] != NULL)
      cells[b] = _pm_big_alloc (sizeof (gint64) * window_cells);

  while ((w = (guint) g_atomic_int_add (&job->next_window, 1)) < job->n_windows)
    {
      guint first_col = w * PM_CHUNK;
      guint len = MIN (PM_CHUNK, self->n_snapshots - first_col);

      for (guint i = job->window_refs[w]; i < job->window_refs[w + 1]; i++)
        scatter_ref (self, g_ptr_array_index (job->builder->parts, job->refs[i].part),
                     &job->refs[i], job->tag_index, cells, first_col);
      _pm_dataset_finish_window (self, cells, w, first_col, len, scratch);
    }

  for (guint b = 0; b < PM_N_BASES; b++)
    _pm_big_free (cells[b]);
  _pm_big_free (scratch);
  return NULL;
}

/* Fills the dataset a window of PM_CHUNK snapshots at a time: the window's
 * rows land in plain cells, tag-major, which are then packed chunk by chunk
 * (pm-packed.c). Threads take windows in turn; a window is a multiple of 8
 * snapshots, so no two threads share a byte of presence bits. Memory beyond
 * the packed dataset is a window's cells per thread. */
static void
scatter_all (PmDataset        *self,
             PmDatasetBuilder *builder,
             GArray           *refs,
             const guint32    *tag_index)
{
  SnapshotRef *r = (SnapshotRef *) refs->data;
  guint n_windows = (self->n_snapshots + PM_CHUNK - 1) / PM_CHUNK;
  g_autofree guint *window_refs = g_new (guint, n_windows + 1);
  guint n_threads = CLAMP (g_get_num_processors (), 1, 4);
  GThread *threads[4] = { NULL };
  ScatterJob job = { self, builder, r, window_refs, tag_index, n_windows, 0 };
  guint i = 0;

  for (guint w = 0; w <= n_windows; w++)
    {
      while (i < refs->len && r[i].column < w * PM_CHUNK)
        i++;
      window_refs[w] = i;
    }
  window_refs[n_windows] = refs->len;

  n_threads = MIN (n_threads, MAX (n_windows, 1));
  for (guint j = 1; j < n_threads; j++)
    threads[j] = g_thread_new ("pm-merge", scatter_thread, &job);
  scatter_thread (&job);
  for (guint j = 1; j < n_threads; j++)
    g_thread_join (threads[j]);
}

/* Fewer tags in common than this between two snapshots say nothing of a
 * reboot: one busy tag's counter wrapping past 2^32 also goes down. */
#define MIN_TAGS_FOR_BOOT 8

/* A reboot starts every allocation counter again: it is where most tags
 * present on both sides of a step have a smaller counter after it. A counter
 * that wraps goes down too, but only busy tags wrap, never most of them.
 * One pass over the rows in snapshot order, remembering each tag's last
 * counter: no per-cell copy of the counters is needed. */
void
_pm_dataset_check_boot (PmDataset *self,
                        guint      column,
                        guint      common,
                        guint      down)
{
  if (column != G_MAXUINT && common >= MIN_TAGS_FOR_BOOT && down * 2 > common)
    g_array_append_val (self->boots, column);
}

static void
find_boots (PmDataset        *self,
            PmDatasetBuilder *builder,
            GArray           *refs,
            const guint32    *tag_index)
{
  g_autofree guint32 *last = g_new0 (guint32, MAX (self->n_tags, 1));
  g_autofree guint *last_column = g_new (guint, MAX (self->n_tags, 1));
  guint column = G_MAXUINT, common = 0, down = 0;

  for (guint t = 0; t < self->n_tags; t++)
    last_column[t] = G_MAXUINT;

  for (guint i = 0; i < refs->len; i++)
    {
      const SnapshotRef *ref = &g_array_index (refs, SnapshotRef, i);
      PmPart *part = g_ptr_array_index (builder->parts, ref->part);
      const PmPartSnapshot *snap;

      if (ref->column != column)
        {
          _pm_dataset_check_boot (self, column, common, down);
          column = ref->column;
          common = down = 0;
        }
      if (part->allocs == NULL)
        continue;

      snap = &g_array_index (part->snapshots, PmPartSnapshot, ref->snapshot);
      for (guint r = snap->first_row; r < snap->first_row + snap->n_rows; r++)
        {
          guint32 tag = tag_index[part->tags[r]];

          if (last_column[tag] == column)
            continue;
          _pm_boot_rule_row (&last[tag], &last_column[tag], part->allocs[r], column,
                             &common, &down);
        }
    }
  _pm_dataset_check_boot (self, column, common, down);

  self->tail_allocs = g_new0 (guint32, MAX (self->n_tags, 1));
  for (guint t = 0; t < self->n_tags; t++)
    if (self->n_snapshots > 0 && last_column[t] == self->n_snapshots - 1)
      self->tail_allocs[t] = last[t];
}

/* Duplicate rows, reported once per snapshot of a file, in input order. */
static void
report_duplicates (PmDataset        *self,
                   PmDatasetBuilder *builder,
                   GArray           *refs)
{
  const char *first_file = NULL;

  for (guint i = 0; i < refs->len; i++)
    {
      SnapshotRef *ref = &g_array_index (refs, SnapshotRef, i);
      PmPart *part = g_ptr_array_index (builder->parts, ref->part);
      const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, ref->snapshot);
      g_autofree char *when = NULL;

      if (i == 0 || ref->column != g_array_index (refs, SnapshotRef, i - 1).column)
        first_file = part->file;
      if (ref->duplicates == 0)
        continue;

      when = pm_format_timestamp (self->times[PM_TIME_BASE_UTC][ref->column]);
      if (first_file != NULL && g_strcmp0 (first_file, part->file) != 0)
        _pm_part_add_problem (part, snap->line,
                              "snapshot %s is also in %s: %u tag%s (first: \"%s\") given twice, "
                              "the rows read first are kept",
                              when, first_file, ref->duplicates, ref->duplicates == 1 ? "" : "s",
                              self->tag_names[ref->first_duplicate]);
      else
        _pm_part_add_problem (part, snap->line,
                              "snapshot %s names %u tag%s (first: \"%s\") twice, "
                              "the rows read first are kept",
                              when, ref->duplicates, ref->duplicates == 1 ? "" : "s",
                              self->tag_names[ref->first_duplicate]);
      part->rows_duplicate += ref->duplicates;
    }
}

guint
_pm_count_bits (const guint8 *bits,
                gsize         n_bytes)
{
  guint n = 0;

  for (gsize i = 0; i < n_bytes; i++)
    for (guint8 b = bits[i]; b != 0; b &= b - 1)
      n++;

  return n;
}

static void
collect_tag_info (PmDataset        *self,
                  PmDatasetBuilder *builder,
                  const guint32    *tag_index)
{
  self->binaries = g_new0 (char *, self->n_tags + 2);
  self->descriptions = g_new0 (char *, self->n_tags + 2);

  /* The first non-empty Binary and Description in input order win. */
  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      for (guint i = 0; part != NULL && i < part->tag_info->len; i++)
        {
          PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);
          guint32 tag = tag_index[info->tag];

          if (tag == G_MAXUINT32)
            continue;

          if (self->binaries[tag] == NULL && info->binary[0] != '\0')
            self->binaries[tag] = g_strdup (info->binary);
          if (self->descriptions[tag] == NULL && info->description[0] != '\0')
            self->descriptions[tag] = g_strdup (info->description);
        }
    }

  if (builder->pooltag == NULL)
    return;

  for (guint t = 0; t < self->n_tags; t++)
    {
      const char *binary = NULL, *description = NULL;

      if ((self->binaries[t] == NULL || self->descriptions[t] == NULL) &&
          pm_pooltag_lookup (builder->pooltag, self->tag_names[t], &binary, &description))
        {
          if (self->binaries[t] == NULL)
            self->binaries[t] = g_strdup (binary);
          if (self->descriptions[t] == NULL)
            self->descriptions[t] = g_strdup (description);
        }
    }
}

static gboolean
needs_total_used_storage (PmDatasetBuilder *builder)
{
  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      if (part != NULL && part->n_rows > 0 && (part->have & PM_ROW_HAVE_TOTAL_USED) &&
          (part->have & PM_ROW_HAVE_BOTH_USED) != PM_ROW_HAVE_BOTH_USED)
        return TRUE;
    }

  return FALSE;
}

/* The reader's problems, then the merge's, then the file's report: what a
 * merge adds of each part (pm_dataset_builder_end(), and the merge as read
 * in pm-dataset-window.c, whose parts may have let go of the snapshots and
 * rows they already handed on: n_streamed_*). */
void
_pm_dataset_add_part_reports (PmDataset *self,
                              PmPart    *part)
{
  for (guint i = 0; i < part->problems->len; i++)
    g_ptr_array_add (self->problems, pm_problem_copy (g_ptr_array_index (part->problems, i)));
  if (part->n_problems > part->problems->len)
    {
      g_autofree char *message =
        g_strdup_printf ("%u more problems in this file are not listed",
                         part->n_problems - part->problems->len);
      g_ptr_array_add (self->problems, pm_problem_new (part->file, 0, message));
    }
  if (part->is_input_file)
    {
      PmFileReport report = { part->file, 0, part->rows_skipped + part->rows_duplicate,
                              part->snapshots->len + part->n_streamed_snapshots,
                              part->n_problems };

      report.rows_loaded = part->n_streamed_rows;
      for (guint s = 0; s < part->snapshots->len; s++)
        report.rows_loaded += g_array_index (part->snapshots, PmPartSnapshot, s).n_rows;
      report.rows_loaded -= part->rows_duplicate;
      g_ptr_array_add (self->files, pm_file_report_copy (&report));
    }
}

/**
 * pm_dataset_builder_end:
 * @builder: (transfer full): the builder, freed by this call
 *
 * Sorts the snapshots by time, merges snapshots with the same time (the
 * first rows read of a tag win, later ones are reported as problems), sorts
 * tags by name (byte order) and adds TOTAL.
 *
 * Returns: (transfer full): the dataset
 */
PmDataset *
pm_dataset_builder_end (PmDatasetBuilder *builder)
{
  PmDataset *self = g_object_new (PM_TYPE_DATASET, NULL);
  g_autofree guint32 *order = NULL;
  g_autofree guint32 *tag_index = NULL;
  g_autoptr(GArray) refs = NULL;
  char **names;
  guint have = 0;

  g_return_val_if_fail (builder != NULL, NULL);

  /* Tags sorted by name: ids in order of first appearance -> final index.
   * A tag seen only in rows that were skipped is not a tag of the dataset. */
  names = (char **) builder->tag_names->pdata;
  order = g_new (guint32, MAX (builder->tag_names->len, 1));
  tag_index = g_new0 (guint32, MAX (builder->tag_names->len, 1));
  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      for (guint r = 0; part != NULL && r < part->n_rows; r++)
        tag_index[part->tags[r]] = 1;
    }
  self->n_tags = 0;
  for (guint i = 0; i < builder->tag_names->len; i++)
    if (tag_index[i])
      order[self->n_tags++] = i;
  g_qsort_with_data (order, self->n_tags, sizeof (guint32), compare_tag_names, names);
  memset (tag_index, 0xff, sizeof (guint32) * builder->tag_names->len);

  self->tag_names = g_new0 (char *, self->n_tags + 2);
  for (guint i = 0; i < self->n_tags; i++)
    {
      tag_index[order[i]] = i;
      self->tag_names[i] = g_strdup (names[order[i]]);
      g_hash_table_insert (self->tag_index, self->tag_names[i], GUINT_TO_POINTER (i + 1));
    }
  self->tag_names[self->n_tags] = g_strdup ("TOTAL");

  refs = order_snapshots (builder, self);

  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      if (part != NULL && part->n_rows > 0)
        have |= part->have;
    }
  /* TotalUsedBytes needs storage of its own only where some file gives it
   * without both of its parts; elsewhere it is their sum. */
  if (!needs_total_used_storage (builder))
    have &= ~PM_ROW_HAVE_TOTAL_USED;

  _pm_dataset_allocate_storage (self, have);

  scatter_all (self, builder, refs, tag_index);
  if (have & PM_ROW_HAVE_ALLOCS)
    find_boots (self, builder, refs, tag_index);
  report_duplicates (self, builder, refs);
  for (guint t = 0; t < self->n_tags; t++)
    self->n_present[t] = _pm_count_bits (&self->present[(gsize) t * self->present_stride],
                                     self->present_stride);

  self->n_present[self->n_tags] = self->n_snapshots;
  collect_tag_info (self, builder, tag_index);

  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      if (part == NULL)
        continue;

      _pm_dataset_add_part_reports (self, part);
    }
  pm_dataset_builder_free (builder);

  return self;
}
