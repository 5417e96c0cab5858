/* pm-dataset-image.c: a whole PmDataset as bytes, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store keeps, beside the parsed files, the image of the last dataset
 * made of the folder (docs/store.md): its packed columns as they are in
 * memory, presence bits, TOTAL, times, names, problems and file reports. When
 * nothing in the folder changed, opening it again is reading the image: no
 * parse, no merge. The image is checked by its CRC before this code sees it;
 * even so every length and every packed chunk is checked here.
 */
#include "pm-dataset-private.h"
#include "pm-store-io-private.h"

static void
put_nullable (GByteArray *out,
              const char *s)
{
  put_varint (out, s != NULL);
  if (s != NULL)
    put_string (out, s);
}

static char *
get_nullable (Reader *r)
{
  return get_varint (r) ? get_string (r) : NULL;
}

static void
put_int64s (GByteArray   *out,
            const gint64 *values,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    put_u64 (out, (guint64) values[i]);
}

static gboolean
get_int64s (Reader *r,
            gint64 *values,
            guint   n)
{
  if ((gsize) (r->end - r->p) / 8 < n)
    {
      r->ok = FALSE;
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    values[i] = (gint64) get_u64 (r);
  return r->ok;
}

/* The image as pieces: bytes made here, and the packed blobs referred to
 * where they lie in @self (valid while @self is). */
typedef struct
{
  GPtrArray  *pieces;
  GByteArray *out;
} Pieces;

static void
pieces_flush (Pieces *p)
{
  if (p->out->len > 0)
    g_ptr_array_add (p->pieces, g_byte_array_free_to_bytes (p->out));
  else
    g_byte_array_unref (p->out);
  p->out = g_byte_array_new ();
}

/**
 * _pm_dataset_to_image_pieces:
 *
 * The bytes of _pm_dataset_to_image() in pieces, the packed blobs not
 * copied (a month's are 200 MB): the pieces refer to @self's memory and are
 * valid while @self is.
 *
 * Returns: (transfer full) (element-type GBytes): the pieces, in order
 */
GPtrArray *
_pm_dataset_to_image_pieces (PmDataset *self)
{
  Pieces p = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), NULL };
  GByteArray *out;
  guint n_tags = self->n_tags, n = self->n_snapshots;
  /* The numbers outside the blobs plus a guess at names, problems and file
   * reports: one allocation instead of doublings. */
  gsize guess = (gsize) n * 8 * (PM_N_TIME_BASES + PM_N_BASES) + (gsize) n_tags * (n + 7) / 8 +
                64 * ((gsize) n_tags + 1) + 4096;

  p.out = out = g_byte_array_sized_new ((guint) MIN (guess, G_MAXUINT));

  put_varint (out, n);
  put_varint (out, n_tags);
  put_varint (out, self->have);
  put_varint (out, self->time_bases);

  for (guint t = 0; t <= n_tags; t++)
    {
      put_string (out, self->tag_names[t]);
      put_nullable (out, self->binaries[t]);
      put_nullable (out, self->descriptions[t]);
      put_varint (out, self->n_present[t]);
    }
  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    put_int64s (out, self->times[b], n);
  for (guint b = 0; b < PM_N_BASES; b++)
    put_int64s (out, self->totals[b], n);
  /* Row by row: a followed folder's rows are longer than n bits, and the
   * bits after the n-th may belong to a newer dataset. */
  for (guint t = 0; t < n_tags; t++)
    {
      gsize len = (n + 7) / 8;

      g_byte_array_append (out, &self->present[(gsize) t * self->present_stride], (guint) len);
      if (n % 8 != 0)
        out->data[out->len - 1] &= (guint8) ((1u << (n % 8)) - 1);
    }

  for (guint b = 0; b < PM_N_BASES; b++)
    {
      const PmPackedColumn *column = self->columns[b];

      put_varint (p.out, column != NULL);
      if (column == NULL)
        continue;
      for (guint w = 0; w < column->n_windows; w++)
        {
          put_varint (p.out, column->blob_sizes[w]);
          pieces_flush (&p);
          g_ptr_array_add (p.pieces, g_bytes_new_static (column->blobs[w], column->blob_sizes[w]));
        }
      for (gsize i = 0; i < (gsize) n_tags * column->n_windows; i++)
        put_varint (p.out, column->offsets[i]);
    }
  out = p.out;

  put_varint (out, self->problems->len);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const PmProblem *problem = g_ptr_array_index (self->problems, i);

      put_string (out, problem->file);
      put_varint (out, problem->line);
      put_string (out, problem->message);
    }
  put_varint (out, self->files->len);
  for (guint i = 0; i < self->files->len; i++)
    {
      const PmFileReport *report = g_ptr_array_index (self->files, i);

      put_string (out, report->path);
      put_varint (out, report->rows_loaded);
      put_varint (out, report->rows_skipped);
      put_varint (out, report->n_snapshots);
      put_varint (out, report->n_problems);
    }
  put_varint (out, self->boots->len);
  for (guint i = 0; i < self->boots->len; i++)
    put_varint (out, g_array_index (self->boots, guint, i));
  put_varint (out, self->tail_allocs != NULL);
  for (guint t = 0; self->tail_allocs != NULL && t < n_tags; t++)
    put_varint (out, self->tail_allocs[t]);

  g_ptr_array_add (p.pieces, g_byte_array_free_to_bytes (out));
  return p.pieces;
}

/**
 * _pm_dataset_to_image:
 *
 * Returns: (transfer full): every field of @self, as _pm_dataset_from_image()
 *   reads them
 */
GBytes *
_pm_dataset_to_image (PmDataset *self)
{
  g_autoptr(GPtrArray) pieces = _pm_dataset_to_image_pieces (self);
  GByteArray *all;
  gsize size = 0;

  for (guint i = 0; i < pieces->len; i++)
    size += g_bytes_get_size (g_ptr_array_index (pieces, i));
  all = g_byte_array_sized_new ((guint) MIN (size, G_MAXUINT));
  for (guint i = 0; i < pieces->len; i++)
    {
      GBytes *piece = g_ptr_array_index (pieces, i);

      g_byte_array_append (all, g_bytes_get_data (piece, NULL), (guint) g_bytes_get_size (piece));
    }
  return g_byte_array_free_to_bytes (all);
}

/* Reads one packed column; every chunk checked against its blob. */
static PmPackedColumn *
get_column (Reader *r,
            guint   n_tags,
            guint   n_snapshots)
{
  g_autofree PmPackedColumn *column = g_new0 (PmPackedColumn, 1);
  guint n_windows = (n_snapshots + PM_CHUNK - 1) / PM_CHUNK;
  gboolean ok = TRUE;

  column->n_windows = n_windows;
  column->blobs = g_new0 (guint8 *, MAX (n_windows, 1));
  column->blob_sizes = g_new0 (gsize, MAX (n_windows, 1));
  column->offsets = g_new0 (guint32, MAX ((gsize) n_tags * n_windows, 1));

  for (guint w = 0; ok && w < n_windows; w++)
    {
      guint64 size = get_varint (r);

      if (!r->ok || size > (guint64) (r->end - r->p) || size > G_MAXUINT32)
        {
          ok = FALSE;
          break;
        }
      /* Used where they are: the image has padding after its end. */
      column->blob_sizes[w] = size;
      column->blobs[w] = (guint8 *) r->p;
      r->p += size;
    }
  for (gsize i = 0; ok && i < (gsize) n_tags * n_windows; i++)
    {
      guint w = i % n_windows;
      guint len = MIN (PM_CHUNK, n_snapshots - w * PM_CHUNK);
      guint64 offset = get_varint (r);
      gsize used;

      column->offsets[i] = (guint32) offset;
      ok = r->ok && offset < column->blob_sizes[w] &&
           _pm_packed_check (column->blobs[w] + offset, column->blob_sizes[w] - offset, len, &used);
    }

  if (!ok)
    {
      r->ok = FALSE;
      g_free (column->blobs);
      g_free (column->blob_sizes);
      g_free (column->offsets);
      return NULL;
    }
  return g_steal_pointer (&column);
}

/**
 * _pm_dataset_from_image:
 * @image: bytes from @offset on as _pm_dataset_to_image() wrote them, with
 *   PM_PACKED_PADDING readable bytes after the end
 *
 * The dataset keeps a reference to @image: its packed columns are read
 * where they are, not copied.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL at the first
 *   thing that does not add up
 */
PmDataset *
_pm_dataset_from_image (GBytes *image,
                        gsize   offset)
{
  g_autoptr(PmDataset) self = g_object_new (PM_TYPE_DATASET, NULL);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (image, &len);
  Reader r = { data + MIN (offset, len), data + len, TRUE };

  self->blob_memory = g_bytes_ref (image);
  guint n, n_tags, n_items;

  n = self->n_snapshots = get_uint (&r);
  n_tags = self->n_tags = get_uint (&r);
  self->have = get_uint (&r);
  self->time_bases = get_uint (&r);
  /* Each tag takes bytes in the image: a bound before allocating. */
  if (!r.ok || n_tags >= (gsize) (r.end - r.p) || n / 8 >= (gsize) (r.end - r.p))
    return NULL;

  self->tag_names = g_new0 (char *, n_tags + 2);
  self->binaries = g_new0 (char *, n_tags + 2);
  self->descriptions = g_new0 (char *, n_tags + 2);
  self->n_present = g_new0 (guint, n_tags + 1);
  for (guint t = 0; r.ok && t <= n_tags; t++)
    {
      self->tag_names[t] = get_string (&r);
      self->binaries[t] = get_nullable (&r);
      self->descriptions[t] = get_nullable (&r);
      self->n_present[t] = get_uint (&r);
      if (t < n_tags &&
          !g_hash_table_insert (self->tag_index, self->tag_names[t], GUINT_TO_POINTER (t + 1)))
        r.ok = FALSE;
    }

  for (guint b = 0; r.ok && b < PM_N_TIME_BASES; b++)
    {
      self->times[b] = g_new (gint64, MAX (n, 1));
      get_int64s (&r, self->times[b], n);
    }
  for (guint b = 0; r.ok && b < PM_N_BASES; b++)
    {
      self->totals[b] = g_new (gint64, MAX (n, 1));
      get_int64s (&r, self->totals[b], n);
    }
  self->present_stride = (n + 7) / 8;
  if (!r.ok || (gsize) (r.end - r.p) < (gsize) n_tags * self->present_stride)
    return NULL;
  self->present = g_memdup2 (r.p, MAX ((gsize) n_tags * self->present_stride, 1));
  r.p += (gsize) n_tags * self->present_stride;

  for (guint b = 0; r.ok && b < PM_N_BASES; b++)
    if (get_varint (&r))
      self->columns[b] = get_column (&r, n_tags, n);

  n_items = get_uint (&r);
  for (guint i = 0; r.ok && i < n_items; i++)
    {
      g_autofree char *file = get_string (&r);
      guint line = get_uint (&r);
      g_autofree char *message = get_string (&r);

      g_ptr_array_add (self->problems, pm_problem_new (file, line, message));
    }
  n_items = get_uint (&r);
  for (guint i = 0; r.ok && i < n_items; i++)
    {
      PmFileReport *report = g_new0 (PmFileReport, 1);

      report->path = get_string (&r);
      report->rows_loaded = get_uint (&r);
      report->rows_skipped = get_uint (&r);
      report->n_snapshots = get_uint (&r);
      report->n_problems = get_uint (&r);
      g_ptr_array_add (self->files, report);
    }
  n_items = get_uint (&r);
  for (guint i = 0; r.ok && i < n_items; i++)
    {
      guint boot = get_uint (&r);

      g_array_append_val (self->boots, boot);
      if (boot >= n)
        r.ok = FALSE;
    }

  if (get_varint (&r))
    {
      self->tail_allocs = g_new0 (guint32, MAX (n_tags, 1));
      for (guint t = 0; r.ok && t < n_tags; t++)
        self->tail_allocs[t] = (guint32) get_varint (&r);
    }

  /* The metrics' columns must be there for what @have promises. */
  if (!r.ok || r.p != r.end ||
      ((self->have & PM_ROW_HAVE_PAGED_DIFF) != 0) != (self->columns[PM_BASE_PAGED_DIFF] != NULL) ||
      ((self->have & PM_ROW_HAVE_NON_PAGED_DIFF) != 0) != (self->columns[PM_BASE_NON_PAGED_DIFF] != NULL) ||
      ((self->have & PM_ROW_HAVE_PAGED_USED) != 0) != (self->columns[PM_BASE_PAGED_USED] != NULL) ||
      ((self->have & PM_ROW_HAVE_NON_PAGED_USED) != 0) != (self->columns[PM_BASE_NON_PAGED_USED] != NULL) ||
      ((self->have & PM_ROW_HAVE_TOTAL_USED) != 0) != (self->columns[PM_BASE_TOTAL_USED] != NULL))
    return NULL;

  return g_steal_pointer (&self);
}
