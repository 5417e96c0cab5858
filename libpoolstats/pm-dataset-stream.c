/* pm-dataset-stream.c: a dataset made one snapshot at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PmDatasetBuilder keeps every row until it has seen them all, which a
 * generated month of 3,000 tags (130 million rows) cannot afford. A stream
 * takes snapshots in time order with every tag known beforehand, fills one
 * window of PM_CHUNK snapshots, packs it and goes on, with the builder's
 * packing, TOTAL sums and reboot rule, so its dataset is the one the builder
 * would make of the same rows.
 */
#include "pm-dataset-private.h"

#include <string.h>

struct _PmDatasetStream
{
  PmDataset *self;
  guint      column;            /* snapshots added */
  gint64    *cells[PM_N_BASES];
  guint8    *scratch;
  guint32   *last_allocs;       /* per tag, for reboots */
  guint     *last_column;
};

/**
 * _pm_dataset_stream_new:
 * @tag_names: @n_tags distinct names, in byte order
 * @n_snapshots: how many snapshots will be added
 * @have: the #PmRowHave bits every row has
 */
PmDatasetStream *
_pm_dataset_stream_new (const char * const *tag_names,
                        guint               n_tags,
                        guint               n_snapshots,
                        guint               have)
{
  PmDatasetStream *stream = g_new0 (PmDatasetStream, 1);
  PmDataset *self = g_object_new (PM_TYPE_DATASET, NULL);

  self->n_tags = n_tags;
  self->n_snapshots = n_snapshots;
  self->tag_names = g_new0 (char *, n_tags + 2);
  for (guint t = 0; t < n_tags; t++)
    {
      self->tag_names[t] = g_strdup (tag_names[t]);
      g_hash_table_insert (self->tag_index, self->tag_names[t], GUINT_TO_POINTER (t + 1));
    }
  self->tag_names[n_tags] = g_strdup ("TOTAL");
  self->binaries = g_new0 (char *, n_tags + 2);
  self->descriptions = g_new0 (char *, n_tags + 2);
  self->times[PM_TIME_BASE_UTC] = g_new (gint64, MAX (n_snapshots, 1));
  self->times[PM_TIME_BASE_LOCAL] = g_new (gint64, MAX (n_snapshots, 1));
  self->time_bases = (1 << PM_TIME_BASE_UTC) | (1 << PM_TIME_BASE_LOCAL);
  if ((have & PM_ROW_HAVE_BOTH_USED) == PM_ROW_HAVE_BOTH_USED)
    have &= ~PM_ROW_HAVE_TOTAL_USED;
  _pm_dataset_allocate_storage (self, have);

  for (guint b = 0; b < PM_N_BASES; b++)
    if (self->columns[b] != NULL)
      stream->cells[b] = g_new (gint64, (gsize) MAX (n_tags, 1) * PM_CHUNK);
  stream->scratch = g_malloc (_pm_packed_bound (PM_CHUNK) * MAX (n_tags, 1));
  stream->last_allocs = g_new0 (guint32, MAX (n_tags, 1));
  stream->last_column = g_new (guint, MAX (n_tags, 1));
  for (guint t = 0; t < n_tags; t++)
    stream->last_column[t] = G_MAXUINT;
  stream->self = self;

  return stream;
}

void
_pm_dataset_stream_set_tag_info (PmDatasetStream *stream,
                                 guint            tag,
                                 const char      *binary,
                                 const char      *description)
{
  PmDataset *self = stream->self;

  g_return_if_fail (tag < self->n_tags);

  if (self->binaries[tag] == NULL && binary != NULL && binary[0] != '\0')
    self->binaries[tag] = g_strdup (binary);
  if (self->descriptions[tag] == NULL && description != NULL && description[0] != '\0')
    self->descriptions[tag] = g_strdup (description);
}

/**
 * _pm_dataset_stream_add_snapshot:
 * @utc: later than the snapshot before
 * @rows: one per tag, in tag order; a row whose @have is 0 is an absent tag
 */
void
_pm_dataset_stream_add_snapshot (PmDatasetStream   *stream,
                                 gint64             utc,
                                 gint64             local,
                                 const PmRowValues *rows)
{
  PmDataset *self = stream->self;
  guint col = stream->column;
  guint first_col = col / PM_CHUNK * PM_CHUNK;
  guint8 mask = 1 << (col & 7);
  gint64 sums[PM_N_BASES] = { 0 };
  gint64 **cells = stream->cells;
  guint common = 0, down = 0;

  g_return_if_fail (col < self->n_snapshots);

  self->times[PM_TIME_BASE_UTC][col] = utc;
  self->times[PM_TIME_BASE_LOCAL][col] = local;

  for (guint t = 0; t < self->n_tags; t++)
    {
      const PmRowValues *v = &rows[t];
      gsize cell = (gsize) t * PM_CHUNK + (col - first_col);

      if (v->have == 0)
        continue;
      self->present[(gsize) t * self->present_stride + col / 8] |= mask;

      /* As scatter_ref() in pm-dataset-builder.c. */
      if (cells[PM_BASE_PAGED_DIFF])
        {
          cells[PM_BASE_PAGED_DIFF][cell] = (v->have & PM_ROW_HAVE_PAGED_DIFF) ? v->paged_diff : 0;
          sums[PM_BASE_PAGED_DIFF] += cells[PM_BASE_PAGED_DIFF][cell];
        }
      if (cells[PM_BASE_NON_PAGED_DIFF])
        {
          cells[PM_BASE_NON_PAGED_DIFF][cell] =
            (v->have & PM_ROW_HAVE_NON_PAGED_DIFF) ? v->non_paged_diff : 0;
          sums[PM_BASE_NON_PAGED_DIFF] += cells[PM_BASE_NON_PAGED_DIFF][cell];
        }
      if (cells[PM_BASE_PAGED_USED])
        {
          cells[PM_BASE_PAGED_USED][cell] = (v->have & PM_ROW_HAVE_PAGED_USED) ? v->paged_used : 0;
          sums[PM_BASE_PAGED_USED] = pm_add_saturating (sums[PM_BASE_PAGED_USED],
                                                        cells[PM_BASE_PAGED_USED][cell]);
        }
      if (cells[PM_BASE_NON_PAGED_USED])
        {
          cells[PM_BASE_NON_PAGED_USED][cell] =
            (v->have & PM_ROW_HAVE_NON_PAGED_USED) ? v->non_paged_used : 0;
          sums[PM_BASE_NON_PAGED_USED] = pm_add_saturating (sums[PM_BASE_NON_PAGED_USED],
                                                            cells[PM_BASE_NON_PAGED_USED][cell]);
        }
      if (cells[PM_BASE_TOTAL_USED])
        {
          gboolean both = (v->have & PM_ROW_HAVE_BOTH_USED) == PM_ROW_HAVE_BOTH_USED;

          cells[PM_BASE_TOTAL_USED][cell] =
            (v->have & PM_ROW_HAVE_TOTAL_USED) ? v->total_used
            : both ? pm_add_saturating (v->paged_used, v->non_paged_used) : 0;
          sums[PM_BASE_TOTAL_USED] = pm_add_saturating (sums[PM_BASE_TOTAL_USED],
                                                        cells[PM_BASE_TOTAL_USED][cell]);
        }

      /* As find_boots() in pm-dataset-builder.c. */
      if (self->have & PM_ROW_HAVE_ALLOCS)
        _pm_boot_rule_row (&stream->last_allocs[t], &stream->last_column[t], v->allocs, col,
                           &common, &down);
    }
  for (guint b = 0; b < PM_N_BASES; b++)
    self->totals[b][col] = sums[b];
  if (self->have & PM_ROW_HAVE_ALLOCS)
    _pm_dataset_check_boot (self, col, common, down);

  stream->column++;
  if (stream->column % PM_CHUNK == 0 || stream->column == self->n_snapshots)
    {
      guint len = stream->column - first_col;

      _pm_dataset_finish_window (self, cells, col / PM_CHUNK, first_col, len, stream->scratch);
    }
}

/**
 * _pm_dataset_stream_end:
 * @stream: (transfer full): freed by this call
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL when fewer
 *   snapshots were added than announced
 */
PmDataset *
_pm_dataset_stream_end (PmDatasetStream *stream)
{
  PmDataset *self = stream->self;
  gboolean complete = stream->column == self->n_snapshots;

  if (self->have & PM_ROW_HAVE_ALLOCS)
    {
      self->tail_allocs = g_new0 (guint32, MAX (self->n_tags, 1));
      for (guint t = 0; t < self->n_tags; t++)
        if (self->n_snapshots > 0 && stream->last_column[t] == self->n_snapshots - 1)
          self->tail_allocs[t] = stream->last_allocs[t];
    }

  for (guint b = 0; b < PM_N_BASES; b++)
    g_free (stream->cells[b]);
  g_free (stream->scratch);
  g_free (stream->last_allocs);
  g_free (stream->last_column);
  g_free (stream);

  if (!complete || self->n_snapshots == 0)
    {
      g_object_unref (self);
      return NULL;
    }
  for (guint t = 0; t < self->n_tags; t++)
    self->n_present[t] = _pm_count_bits (&self->present[(gsize) t * self->present_stride],
                                         self->present_stride);
  self->n_present[self->n_tags] = self->n_snapshots;
  return self;
}
