/* pm-dataset-window.c: a dataset merged window by window as files are read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pm_dataset_builder_end() needs every part before it starts: a month of
 * CSV files is gigabytes of parsed rows. When the files are read in time
 * order (one snapshot per file, names sorting by time: the usual folder),
 * each part can go into the dataset as soon as it is read and be freed: a
 * PmDatasetWindows takes the parts in input order and packs each window of
 * PM_CHUNK snapshots as soon as it is full (docs/store.md, "Import
 * memory"). It makes the dataset pm_dataset_builder_end() would make of the
 * same parts, bit for bit, or says at the first part that is not the plain
 * case (a snapshot not after the last one, other columns than the first
 * file's), and the caller merges everything the usual way.
 *
 * Tags are sorted by name in the dataset, and a tag may first appear late:
 * the windows are packed with the tags known so far in the builder's order
 * of ids, and laid out again in name order at the end (a tag absent from a
 * whole window has the chunk of a window of zeros).
 */
#include "pm-dataset-private.h"
#include "pm-windows-private.h"
#include "pm-bigmem-private.h"

#include <string.h>

/* One packed window: per base, every tag's chunk by builder id, for the
 * ids known when it was packed; its presence bits, 64 bytes per id. */
typedef struct
{
  guint    n_ids;
  guint    len;
  guint8  *blobs[PM_N_BASES];
  gsize    sizes[PM_N_BASES];
  guint32 *offsets[PM_N_BASES];
  guint8  *present;
} Window;

struct _PmDatasetWindows
{
  PmDatasetBuilder *builder;
  PmDataset        *self;         /* problems, files, boots as they come */
  gboolean          started;      /* the first part with rows decided @have */
  guint             have;         /* the parts' columns */
  guint             stored;       /* the bases stored (PmRowHave bits) */
  gboolean          any_key;
  gint64            last_key;
  gboolean          all_utc;
  gboolean          all_local;

  GArray           *times[PM_N_TIME_BASES];
  GArray           *totals[PM_N_BASES];
  GPtrArray        *windows;      /* Window, packed */

  /* The window being filled. */
  guint             n_ids;        /* ids its cells have room for */
  guint             cap_ids;
  gint64           *cells[PM_N_BASES];
  guint8           *present;      /* 64 bytes per id */
  guint8           *scratch;
  guint             scratch_ids;

  /* Per builder id, grown as ids come. */
  guint32          *last_allocs;
  guint            *last_column;
  char            **binaries;
  char            **descriptions;
  guint8           *in_rows;      /* a tag of the dataset: seen in a row */

  /* A file merged in pieces while it is read: the merge's problems about
   * it wait for its end, to come after the reader's as in the usual merge. */
  PmPart           *pending;
};

#define WINDOW_PRESENT (PM_CHUNK / 8)

static const guint base_bits[PM_N_BASES] = {
  PM_ROW_HAVE_PAGED_DIFF, PM_ROW_HAVE_NON_PAGED_DIFF, PM_ROW_HAVE_PAGED_USED,
  PM_ROW_HAVE_NON_PAGED_USED, PM_ROW_HAVE_TOTAL_USED,
};

static void
window_free (Window *w)
{
  for (guint b = 0; b < PM_N_BASES; b++)
    {
      g_free (w->blobs[b]);
      g_free (w->offsets[b]);
    }
  g_free (w->present);
  g_free (w);
}

PmDatasetWindows *
_pm_dataset_windows_new (PmDatasetBuilder *builder)
{
  PmDatasetWindows *m = g_new0 (PmDatasetWindows, 1);

  m->builder = builder;
  m->self = g_object_new (PM_TYPE_DATASET, NULL);
  m->all_utc = m->all_local = TRUE;
  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    m->times[b] = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint b = 0; b < PM_N_BASES; b++)
    m->totals[b] = g_array_new (FALSE, FALSE, sizeof (gint64));
  m->windows = g_ptr_array_new_with_free_func ((GDestroyNotify) window_free);
  return m;
}

void
_pm_dataset_windows_free (PmDatasetWindows *m)
{
  if (m == NULL)
    return;
  g_clear_object (&m->self);
  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    g_array_unref (m->times[b]);
  for (guint b = 0; b < PM_N_BASES; b++)
    {
      g_array_unref (m->totals[b]);
      if (m->cells[b] != NULL)
        _pm_big_free (m->cells[b]);
    }
  g_ptr_array_unref (m->windows);
  g_free (m->present);
  g_free (m->scratch);
  g_free (m->last_allocs);
  g_free (m->last_column);
  for (guint i = 0; i < m->cap_ids; i++)
    {
      g_free (m->binaries[i]);
      g_free (m->descriptions[i]);
    }
  g_free (m->binaries);
  g_free (m->descriptions);
  g_free (m->in_rows);
  _pm_part_free (m->pending);
  g_free (m);
}

static gint64 *
grow_cells (gint64 *cells,
            guint   old_ids,
            guint   n_ids)
{
  gint64 *more = _pm_big_alloc (sizeof (gint64) * (gsize) n_ids * PM_CHUNK);

  if (cells != NULL)
    {
      memcpy (more, cells, sizeof (gint64) * (gsize) old_ids * PM_CHUNK);
      _pm_big_free (cells);
    }
  return more;
}

/* Room for ids below @n_ids in the window being filled and the per-id
 * arrays; new ids are absent from what came before. */
static void
grow_ids (PmDatasetWindows *m,
          guint             n_ids)
{
  guint old = m->cap_ids;

  if (n_ids <= m->n_ids)
    return;
  if (n_ids > m->cap_ids)
    {
      guint cap = MAX (n_ids, MAX (m->cap_ids * 2, 64));

      /* The window's cells on huge pages, as the usual merge's: a page
       * fault per tag and column otherwise. */
      for (guint b = 0; b < PM_N_BASES; b++)
        if (m->stored & base_bits[b])
          m->cells[b] = grow_cells (m->cells[b], old, cap);
      m->present = g_realloc (m->present, (gsize) cap * WINDOW_PRESENT);
      memset (m->present + (gsize) old * WINDOW_PRESENT, 0, (gsize) (cap - old) * WINDOW_PRESENT);
      m->last_allocs = g_renew (guint32, m->last_allocs, cap);
      m->last_column = g_renew (guint, m->last_column, cap);
      m->binaries = g_renew (char *, m->binaries, cap);
      m->descriptions = g_renew (char *, m->descriptions, cap);
      m->in_rows = g_renew (guint8, m->in_rows, cap);
      for (guint i = old; i < cap; i++)
        {
          m->last_allocs[i] = 0;
          m->last_column[i] = G_MAXUINT;
          m->binaries[i] = m->descriptions[i] = NULL;
          m->in_rows[i] = 0;
        }
      m->cap_ids = cap;
    }
  m->n_ids = n_ids;
}

/* Packs the window being filled (the builder's packing, through a dataset
 * of one window whose tags are the ids known) and starts the next. */
static void
close_window (PmDatasetWindows *m)
{
  guint n = m->times[PM_TIME_BASE_UTC]->len;
  guint len = n - m->windows->len * PM_CHUNK;
  Window *w = g_new0 (Window, 1);
  PmDataset *one;

  if (len == 0)
    {
      g_free (w);
      return;
    }
  if (m->scratch == NULL || m->scratch_ids < MAX (m->n_ids, 1))
    {
      m->scratch_ids = MAX (m->cap_ids, 1);
      g_free (m->scratch);
      m->scratch = g_malloc (_pm_packed_bound (PM_CHUNK) * m->scratch_ids);
    }
  one = g_object_new (PM_TYPE_DATASET, NULL);
  one->n_tags = m->n_ids;
  one->present = m->present;
  one->present_stride = WINDOW_PRESENT;
  for (guint b = 0; b < PM_N_BASES; b++)
    if (m->stored & base_bits[b])
      {
        PmPackedColumn *c = g_new0 (PmPackedColumn, 1);

        c->n_windows = 1;
        c->blobs = &w->blobs[b];
        c->blob_sizes = &w->sizes[b];
        c->offsets = w->offsets[b] = g_new (guint32, MAX (m->n_ids, 1));
        one->columns[b] = c;
      }
  _pm_dataset_finish_window (one, m->cells, 0, 0, len, m->scratch);
  for (guint b = 0; b < PM_N_BASES; b++)
    g_clear_pointer (&one->columns[b], g_free);
  w->n_ids = m->n_ids;
  w->len = len;
  w->present = g_memdup2 (m->present, (gsize) MAX (m->n_ids, 1) * WINDOW_PRESENT);
  memset (m->present, 0, (gsize) m->cap_ids * WINDOW_PRESENT);
  one->present = NULL;
  one->n_tags = 0;
  g_object_unref (one);
  g_ptr_array_add (m->windows, w);
}

/* Copies one snapshot's rows into column @col, as scatter_ref() in
 * pm-dataset-builder.c: the first row of a tag wins, later ones count as
 * duplicates. */
static guint
scatter (PmDatasetWindows     *m,
         PmPart               *part,
         const PmPartSnapshot *snap,
         guint                 col,
         guint32              *first_duplicate)
{
  guint k = col % PM_CHUNK;
  guint8 mask = 1 << (col & 7);
  gint64 sums[PM_N_BASES] = { 0 };
  guint duplicates = 0;

  for (guint r = snap->first_row; r < snap->first_row + snap->n_rows; r++)
    {
      guint32 tag = part->tags[r];
      gsize cell = (gsize) tag * PM_CHUNK + k;
      guint8 *bits = &m->present[(gsize) tag * WINDOW_PRESENT + k / 8];

      if (*bits & mask)
        {
          if (duplicates++ == 0)
            *first_duplicate = tag;
          continue;
        }
      *bits |= mask;

      _pm_part_copy_row (part, r, m->cells, cell, sums);
    }
  for (guint b = 0; b < PM_N_BASES; b++)
    {
      gint64 total = pm_add_saturating (0, sums[b]);

      g_array_append_val (m->totals[b], total);
    }
  return duplicates;
}

/* The reboot rule of find_boots() in pm-dataset-builder.c, one column. */
static void
boot_column (PmDatasetWindows     *m,
             PmPart               *part,
             const PmPartSnapshot *snap,
             guint                 col)
{
  guint common = 0, down = 0;

  for (guint r = snap->first_row; part->allocs != NULL && r < snap->first_row + snap->n_rows; r++)
    {
      guint32 tag = part->tags[r];

      if (m->last_column[tag] == col)
        continue;
      _pm_boot_rule_row (&m->last_allocs[tag], &m->last_column[tag], part->allocs[r], col,
                         &common, &down);
    }
  _pm_dataset_check_boot (m->self, col, common, down);
}

/* Whether @part goes after what was added: its snapshots each later than
 * the one before, its columns those of the first part with rows. */
static gboolean
is_plain (PmDatasetWindows *m,
          PmPart           *part)
{
  gint64 last = m->last_key;
  gboolean any = m->any_key;

  if ((part->n_rows > 0 || part->n_streamed_snapshots > 0) && m->started &&
      part->have != m->have)
    return FALSE;
  /* Snapshots before any row: which columns to store is not known yet. */
  if (part->n_rows == 0 && !m->started && part->snapshots->len > 0)
    return FALSE;
  for (guint s = 0; s < part->snapshots->len; s++)
    {
      const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, s);
      gint64 key = snap->has_utc ? snap->utc : snap->local;

      if (any && key <= last)
        return FALSE;
      last = key;
      any = TRUE;
    }
  return TRUE;
}

/* Merges the snapshots of @part, which is the plain case; the merge's
 * problems go to @problems. */
static void
add_rows (PmDatasetWindows *m,
          PmPart           *part,
          PmPart           *problems)
{
  guint32 max_id = 0;

  if (part->n_rows > 0 && !m->started)
    {
      m->started = TRUE;
      m->have = part->have;
      m->stored = part->have;
      /* As needs_total_used_storage() in pm-dataset-builder.c. */
      if ((part->have & PM_ROW_HAVE_BOTH_USED) == PM_ROW_HAVE_BOTH_USED ||
          !(part->have & PM_ROW_HAVE_TOTAL_USED))
        m->stored &= ~PM_ROW_HAVE_TOTAL_USED;
      for (guint b = 0; b < PM_N_BASES; b++)
        if (m->stored & base_bits[b])
          m->cells[b] = grow_cells (NULL, 0, MAX (m->cap_ids, 1));
    }
  for (guint r = 0; r < part->n_rows; r++)
    max_id = MAX (max_id, part->tags[r] + 1);
  for (guint i = 0; i < part->tag_info->len; i++)
    max_id = MAX (max_id, g_array_index (part->tag_info, PmPartTagInfo, i).tag + 1);
  grow_ids (m, max_id);
  for (guint r = 0; r < part->n_rows; r++)
    m->in_rows[part->tags[r]] = 1;

  for (guint s = 0; s < part->snapshots->len; s++)
    {
      const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, s);
      gint64 utc = snap->has_utc ? snap->utc : snap->local;
      gint64 local = snap->has_local ? snap->local : snap->utc;
      guint col = m->times[PM_TIME_BASE_UTC]->len;
      guint32 first_duplicate = 0;
      guint duplicates;

      m->all_utc &= snap->has_utc;
      m->all_local &= snap->has_local;
      m->last_key = snap->has_utc ? snap->utc : snap->local;
      m->any_key = TRUE;
      g_array_append_val (m->times[PM_TIME_BASE_UTC], utc);
      g_array_append_val (m->times[PM_TIME_BASE_LOCAL], local);
      duplicates = scatter (m, part, snap, col, &first_duplicate);
      if (m->have & PM_ROW_HAVE_ALLOCS)
        boot_column (m, part, snap, col);
      if (duplicates > 0)
        {
          g_autofree char *when = pm_format_timestamp (utc);
          const char *name;

          g_mutex_lock (&m->builder->lock);
          name = g_ptr_array_index (m->builder->tag_names, first_duplicate);
          _pm_part_add_problem (problems, snap->line,
                                "snapshot %s names %u tag%s (first: \"%s\") twice, "
                                "the rows read first are kept",
                                when, duplicates, duplicates == 1 ? "" : "s", name);
          g_mutex_unlock (&m->builder->lock);
          part->rows_duplicate += duplicates;
        }
      if ((col + 1) % PM_CHUNK == 0)
        close_window (m);
    }

  /* The first non-empty Binary and Description in input order win. */
  for (guint i = 0; i < part->tag_info->len; i++)
    {
      const PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);

      if (m->binaries[info->tag] == NULL && info->binary[0] != '\0')
        m->binaries[info->tag] = g_strdup (info->binary);
      if (m->descriptions[info->tag] == NULL && info->description[0] != '\0')
        m->descriptions[info->tag] = g_strdup (info->description);
    }
}

/**
 * _pm_dataset_windows_add_part:
 * @part: (nullable): the next part in input order; not freed
 *
 * Returns: %FALSE when @part is not the plain case: nothing of it was
 *   taken, and the caller merges every part the usual way (a part that
 *   went in pieces already, see _pm_dataset_windows_add_piece(), must then
 *   be read again whole)
 */
gboolean
_pm_dataset_windows_add_part (PmDatasetWindows *m,
                              PmPart           *part)
{
  if (part == NULL)
    return TRUE;
  if (!is_plain (m, part))
    return FALSE;

  add_rows (m, part, part);
  if (m->pending != NULL)
    {
      /* The merge's problems about the earlier pieces, after the reader's:
       * the first PM_MAX_PROBLEMS_PER_FILE of them are all there can be room for. */
      for (guint i = 0; i < m->pending->n_problems; i++)
        {
          part->n_problems++;
          if (i < m->pending->problems->len && part->problems->len < PM_MAX_PROBLEMS_PER_FILE)
            g_ptr_array_add (part->problems,
                             pm_problem_copy (g_ptr_array_index (m->pending->problems, i)));
        }
      g_clear_pointer (&m->pending, _pm_part_free);
    }
  _pm_dataset_add_part_reports (m->self, part);
  return TRUE;
}

/**
 * _pm_dataset_windows_add_piece:
 * @part: the file being read, next in input order, all its rows in finished
 *   snapshots
 *
 * Merges the snapshots @part holds and lets go of them: its rows, snapshots
 * and Binary/Description entries are emptied, and counted in
 * n_streamed_snapshots and n_streamed_rows for the file's report. The rest
 * of the file follows, in pieces and at last through
 * _pm_dataset_windows_add_part() with the part itself.
 *
 * Returns: %FALSE when the piece is not the plain case: nothing of it was
 *   taken, and the caller merges every part the usual way
 */
gboolean
_pm_dataset_windows_add_piece (PmDatasetWindows *m,
                               PmPart           *part)
{
  if (!is_plain (m, part))
    return FALSE;

  /* The merge's duplicate-row problems wait for the file's end, the reader's
   * own problems are all in the part by then. */
  if (m->pending == NULL)
    m->pending = _pm_part_new (part->file);
  add_rows (m, part, m->pending);

  part->n_streamed_snapshots += part->snapshots->len;
  for (guint s = 0; s < part->snapshots->len; s++)
    part->n_streamed_rows += g_array_index (part->snapshots, PmPartSnapshot, s).n_rows;
  g_array_set_size (part->snapshots, 0);
  part->n_rows = 0;
  for (guint i = 0; i < part->tag_info->len; i++)
    {
      PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);

      g_free (info->binary);
      g_free (info->description);
    }
  g_array_set_size (part->tag_info, 0);
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  char **names = user_data;

  return strcmp (names[*(const guint32 *) a], names[*(const guint32 *) b]);
}

/* Window @w of base @b laid out in the dataset's tag order. */
static void
lay_out_window (PmDataset      *self,
                PmPackedColumn *column,
                guint           index,
                Window         *w,
                guint           b,
                const guint32  *order,
                const guint8   *zero_chunk,
                gsize           zero_len)
{
  gsize size = 0, pos = 0;
  guint8 *blob;
  gboolean same = w->n_ids == self->n_tags;

  /* The usual case: the tags met in name order, none late. The window is
   * laid out already: its blob is taken as it is. */
  for (guint t = 0; same && t < self->n_tags; t++)
    same = order[t] == t;
  if (same)
    {
      for (guint t = 0; t < self->n_tags; t++)
        column->offsets[(gsize) t * column->n_windows + index] = w->offsets[b][t];
      column->blobs[index] = g_steal_pointer (&w->blobs[b]);
      column->blob_sizes[index] = w->sizes[b];
      return;
    }

  for (guint t = 0; t < self->n_tags; t++)
    {
      guint32 id = order[t];

      if (id < w->n_ids)
        size += (id + 1 < w->n_ids ? w->offsets[b][id + 1] : w->sizes[b]) - w->offsets[b][id];
      else
        size += zero_len;
    }
  blob = g_malloc (size + PM_PACKED_PADDING);
  for (guint t = 0; t < self->n_tags; t++)
    {
      guint32 id = order[t];

      column->offsets[(gsize) t * column->n_windows + index] = (guint32) pos;
      if (id < w->n_ids)
        {
          gsize from = w->offsets[b][id];
          gsize to = id + 1 < w->n_ids ? w->offsets[b][id + 1] : w->sizes[b];

          memcpy (blob + pos, w->blobs[b] + from, to - from);
          pos += to - from;
        }
      else
        {
          memcpy (blob + pos, zero_chunk, zero_len);
          pos += zero_len;
        }
    }
  memset (blob + size, 0, PM_PACKED_PADDING);
  column->blobs[index] = blob;
  column->blob_sizes[index] = size;
}

/**
 * _pm_dataset_windows_end:
 * @m: (transfer full): freed by this call
 *
 * Returns: (transfer full): the dataset of every part added
 */
PmDataset *
_pm_dataset_windows_end (PmDatasetWindows *m)
{
  PmDataset *self = m->self;
  PmDatasetBuilder *builder = m->builder;
  g_autofree guint32 *order = NULL;
  g_autofree gint64 *zeros = g_new0 (gint64, PM_CHUNK);
  guint8 *zero_chunk = g_malloc (_pm_packed_bound (PM_CHUNK));
  char **names = (char **) builder->tag_names->pdata;
  guint n;

  close_window (m);
  n = m->times[PM_TIME_BASE_UTC]->len;

  /* Tags sorted by name, those seen in rows only. */
  order = g_new (guint32, MAX (m->n_ids, 1));
  self->n_tags = 0;
  for (guint i = 0; i < m->n_ids; i++)
    if (m->in_rows[i])
      order[self->n_tags++] = i;
  g_qsort_with_data (order, self->n_tags, sizeof (guint32), compare_ids, names);
  self->tag_names = g_new0 (char *, self->n_tags + 2);
  for (guint t = 0; t < self->n_tags; t++)
    {
      self->tag_names[t] = g_strdup (names[order[t]]);
      g_hash_table_insert (self->tag_index, self->tag_names[t], GUINT_TO_POINTER (t + 1));
    }
  self->tag_names[self->n_tags] = g_strdup ("TOTAL");

  self->n_snapshots = n;
  self->time_bases = (m->all_utc ? 1 << PM_TIME_BASE_UTC : 0) |
                     (m->all_local ? 1 << PM_TIME_BASE_LOCAL : 0);
  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    {
      self->times[b] = g_new (gint64, MAX (n, 1));
      if (n > 0)  /* an empty GArray's data may be NULL */
        memcpy (self->times[b], m->times[b]->data, sizeof (gint64) * n);
    }

  _pm_dataset_allocate_storage (self, m->stored);
  for (guint b = 0; b < PM_N_BASES && n > 0; b++)
    memcpy (self->totals[b], m->totals[b]->data, sizeof (gint64) * n);

  for (guint wi = 0; wi < m->windows->len; wi++)
    {
      Window *w = g_ptr_array_index (m->windows, wi);
      gsize zero_len = _pm_packed_encode (zeros, w->len, zero_chunk);
      guint n_bytes = (w->len + 7) / 8;

      for (guint b = 0; b < PM_N_BASES; b++)
        if (self->columns[b] != NULL)
          {
            lay_out_window (self, self->columns[b], wi, w, b, order, zero_chunk, zero_len);
            g_clear_pointer (&w->blobs[b], g_free);
          }
      for (guint t = 0; t < self->n_tags; t++)
        if (order[t] < w->n_ids)
          memcpy (&self->present[(gsize) t * self->present_stride + (gsize) wi * WINDOW_PRESENT],
                  &w->present[(gsize) order[t] * WINDOW_PRESENT], n_bytes);
      g_clear_pointer (&w->present, g_free);
    }
  g_free (zero_chunk);

  if (self->have & PM_ROW_HAVE_ALLOCS)
    {
      self->tail_allocs = g_new0 (guint32, MAX (self->n_tags, 1));
      for (guint t = 0; t < self->n_tags; t++)
        if (n > 0 && m->last_column[order[t]] == n - 1)
          self->tail_allocs[t] = m->last_allocs[order[t]];
    }
  for (guint t = 0; t < self->n_tags; t++)
    self->n_present[t] = _pm_count_bits (&self->present[(gsize) t * self->present_stride],
                                         self->present_stride);
  self->n_present[self->n_tags] = n;

  /* Binary and Description: the files' first, else the pooltag.txt's. */
  self->binaries = g_new0 (char *, self->n_tags + 2);
  self->descriptions = g_new0 (char *, self->n_tags + 2);
  for (guint t = 0; t < self->n_tags; t++)
    {
      const char *binary = NULL, *description = NULL;

      self->binaries[t] = g_steal_pointer (&m->binaries[order[t]]);
      self->descriptions[t] = g_steal_pointer (&m->descriptions[order[t]]);
      if (builder->pooltag != NULL && (self->binaries[t] == NULL || self->descriptions[t] == NULL) &&
          pm_pooltag_lookup (builder->pooltag, self->tag_names[t], &binary, &description))
        {
          if (self->binaries[t] == NULL)
            self->binaries[t] = g_strdup (binary);
          if (self->descriptions[t] == NULL)
            self->descriptions[t] = g_strdup (description);
        }
    }

  m->self = NULL;
  _pm_dataset_windows_free (m);
  return self;
}
