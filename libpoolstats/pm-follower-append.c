/* pm-follower-append.c: a snapshot onto a followed dataset, in its own cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * _pm_dataset_append() (pm-dataset-append.c) makes the dataset of a folder
 * that grew from its image: it copies every packed window and packs the
 * last one again, which is right for one reopen but costs the history at
 * each of a followed folder's snapshots. Here the new dataset shares the
 * packed windows that are full with the dataset before it (they never
 * change again: each is held by a GBytes, and the dataset's blob memory
 * keeps references to all it uses), and the window being filled is kept
 * by the follower as one packed chunk per tag and column to which a new
 * value is added in place: when it fits the chunk's width, step and
 * scale it costs a few bit operations, else that tag's chunk alone is
 * packed again. The times, TOTAL and presence bits are a frame shared
 * by successive datasets too (Frame below): arrays with room for more
 * snapshots, grown by a quarter when full, to which a new snapshot is only
 * appended, each dataset reading its own first n. The file reports are
 * shared as well (the tail's list owns them); each new dataset copies
 * only the pointers to them. The accepted cases are those of
 * _pm_dataset_append(), whose rules this follows, and new tags (a driver
 * that starts allocating mid-run): they take their places in name order
 * and the full windows are copied once with a chunk of zeros for each.
 * Anything else returns NULL and the folder is loaded again.
 */
#include "pm-follower-private.h"

#include <string.h>

typedef struct
{
  guint8  *buf;
  gsize    size;
  gsize    cap;
  gint64   last;
} Chunk;

/* Times, TOTAL and presence bits shared by the datasets a follower makes
 * one after the other (each one's first n snapshots; a newer one appends
 * after them, never changes them). Refcounted: each such dataset holds it
 * through its blob memory. Presence rows have a stride of cap / 8 bytes,
 * so a row's last byte seen by one dataset may get bits of later snapshots
 * set, which that dataset never reads (it reads bits below its n only). */
typedef struct
{
  guint    n_tags;
  guint    cap;                   /* snapshots there is room for, a multiple of 8 */
  guint    len;                   /* snapshots written */
  gint64  *times[PM_N_TIME_BASES];
  gint64  *totals[PM_N_BASES];
  guint8  *present;
} Frame;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    g_free (frame->times[b]);
  for (guint b = 0; b < PM_N_BASES; b++)
    g_free (frame->totals[b]);
  g_free (frame->present);
}

static void
frame_unref (Frame *frame)
{
  g_atomic_rc_box_release_full (frame, frame_clear);
}

struct _PmFollowTail
{
  Frame      *frame;              /* that of continues, when it has one */
  GPtrArray  *reports;            /* PmFileReport: owns every report the datasets
                                   * made from continues on list, shared by them */
  PmDataset  *continues;          /* the dataset this state goes on from */
  PmDataset  *base;               /* its first windows are shared from here */
  guint       base_windows;
  GPtrArray  *full[PM_N_BASES];   /* GBytes: full windows made since, from base_windows on */
  guint       window;             /* the window being filled */
  guint       len;                /* snapshots in it */
  guint       n_tags;
  Chunk      *chunks[PM_N_BASES]; /* [tag] */
  guint32    *last_allocs;        /* the reboot rule's memory, per tag */
  guint      *last_column;
};

/* What a dataset made here holds of the packed windows. */
typedef struct
{
  PmDataset *base;
  GPtrArray *bytes;               /* GBytes */
  Frame     *frame;
  GPtrArray *reports;             /* the tail's: owns the dataset's file reports */
} Keeper;

static void
keeper_free (gpointer data)
{
  Keeper *keeper = data;

  g_clear_object (&keeper->base);
  g_ptr_array_unref (keeper->bytes);
  g_clear_pointer (&keeper->frame, frame_unref);
  g_clear_pointer (&keeper->reports, g_ptr_array_unref);
  g_free (keeper);
}

/* The arrays copied into each new dataset grow by a few bytes a snapshot.
 * Asked for in rounded sizes, each is the size of the one freed with the
 * dataset before, which the allocator hands out again, instead of a
 * slightly larger block that leaves the old one to fragment the heap. */
static gpointer
alloc_rounded (gsize size)
{
  gsize unit = size >= 4 * 1024 * 1024 ? 1024 * 1024 : 64 * 1024;

  return g_malloc0 (MAX ((size + unit - 1) / unit * unit, 1));
}

/* ---- one packed chunk, grown in place ----------------------------------- */

static gint64
unzigzag (guint64 u)
{
  return (gint64) (u >> 1) ^ -(gint64) (u & 1);
}

static const guint8 *
read_varint (const guint8 *p,
             guint64      *v)
{
  guint64 result = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 b = *p++;

      result |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        break;
    }
  *v = result;
  return p;
}

/* Room for @size bytes and the padding reads may touch; grown by a
 * quarter at a time, as a chunk grows by a few bits a snapshot. */
static void
chunk_reserve (Chunk *c,
               gsize  size)
{
  size += PM_PACKED_PADDING;
  if (size <= c->cap)
    return;
  c->cap = MAX (size, c->cap + c->cap / 4 + 16);
  c->buf = g_realloc (c->buf, c->cap);
}

/* Packs @values (@n) into @c, through a scratch buffer of the worst case
 * (8 bytes a value), so that @c only takes what the chunk needs. */
static void
chunk_encode (Chunk        *c,
              const gint64 *values,
              guint         n)
{
  static GPrivate scratch_key = G_PRIVATE_INIT (g_free);
  guint8 *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    {
      scratch = g_malloc (_pm_packed_bound (PM_CHUNK) + PM_PACKED_PADDING);
      g_private_set (&scratch_key, scratch);
    }
  c->size = _pm_packed_encode (values, n, scratch);
  chunk_reserve (c, c->size);
  memcpy (c->buf, scratch, c->size);
  memset (c->buf + c->size, 0, PM_PACKED_PADDING);
  c->last = values[n - 1];
}

/* Adds @v after the @n values of @c. */
static void
chunk_append (Chunk  *c,
              guint   n,
              gint64  v)
{
  const guint8 *p;
  guint64 first, d_min_z, scale = 0, d, u, q;
  guint width;
  gsize header, bit, size;

  if (n == 0)
    {
      chunk_encode (c, &v, 1);
      return;
    }
  width = c->buf[0];
  p = read_varint (c->buf + 1, &first);
  p = read_varint (p, &d_min_z);
  if (width > 0)
    p = read_varint (p, &scale);
  header = (gsize) (p - c->buf);
  d = (guint64) v - (guint64) c->last;
  u = d - (guint64) unzigzag (d_min_z);

  if (width == 0 && u == 0)
    {
      c->last = v;
      return;
    }
  if (width > 0 && scale != 0 && u % scale == 0 &&
      (width == 64 || ((q = u / scale) >> width) == 0))
    {
      q = u / scale;
      bit = (gsize) (n - 1) * width;
      size = header + ((gsize) n * width + 7) / 8;
      chunk_reserve (c, size);
      memset (c->buf + c->size, 0, size + PM_PACKED_PADDING - c->size);
      for (guint left = width; left > 0; )
        {
          guint shift = bit & 7, take = MIN (8 - shift, left);

          c->buf[header + bit / 8] |= (guint8) ((q & ((1u << take) - 1)) << shift);
          q = take == 64 ? 0 : q >> take;
          bit += take;
          left -= take;
        }
      c->size = size;
      c->last = v;
      return;
    }

  /* It does not fit: this tag's chunk packed again. */
  {
    g_autofree gint64 *values = g_new (gint64, n + 1);

    _pm_packed_decode (c->buf, n, 0, n, values);
    values[n] = v;
    chunk_encode (c, values, n + 1);
  }
}

/* ---- the state ------------------------------------------------------------ */

PmFollowTail *
_pm_follow_tail_new (void)
{
  return g_new0 (PmFollowTail, 1);
}

static void
tail_clear (PmFollowTail *tail)
{
  for (guint b = 0; b < PM_N_BASES; b++)
    {
      g_clear_pointer (&tail->full[b], g_ptr_array_unref);
      for (guint t = 0; tail->chunks[b] != NULL && t < tail->n_tags; t++)
        g_free (tail->chunks[b][t].buf);
      g_clear_pointer (&tail->chunks[b], g_free);
    }
  g_clear_object (&tail->continues);
  g_clear_object (&tail->base);
  g_clear_pointer (&tail->frame, frame_unref);
  g_clear_pointer (&tail->reports, g_ptr_array_unref);
  g_clear_pointer (&tail->last_allocs, g_free);
  g_clear_pointer (&tail->last_column, g_free);
}

void
_pm_follow_tail_free (PmFollowTail *tail)
{
  if (tail == NULL)
    return;
  tail_clear (tail);
  g_free (tail);
}

/* Takes @dataset as the start: its full windows shared, its last window's
 * chunks decoded and packed again into growable ones. */
static void
tail_start (PmFollowTail *tail,
            PmDataset    *dataset)
{
  guint n = dataset->n_snapshots;
  g_autofree gint64 *values = g_new (gint64, PM_CHUNK);

  tail_clear (tail);
  tail->continues = g_object_ref (dataset);
  tail->base = g_object_ref (dataset);
  tail->base_windows = n / PM_CHUNK;
  tail->window = n / PM_CHUNK;
  tail->len = n % PM_CHUNK;
  tail->n_tags = dataset->n_tags;
  for (guint b = 0; b < PM_N_BASES; b++)
    {
      const PmPackedColumn *column = dataset->columns[b];

      if (column == NULL)
        continue;
      tail->full[b] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      tail->chunks[b] = g_new0 (Chunk, MAX (tail->n_tags, 1));
      for (guint t = 0; t < tail->n_tags && tail->len > 0; t++)
        {
          _pm_packed_decode (column->blobs[tail->window] +
                               column->offsets[(gsize) t * column->n_windows + tail->window],
                             tail->len, 0, tail->len, values);
          chunk_encode (&tail->chunks[b][t], values, tail->len);
        }
    }
  tail->last_allocs = g_new0 (guint32, MAX (tail->n_tags, 1));
  if (dataset->tail_allocs != NULL)
    memcpy (tail->last_allocs, dataset->tail_allocs, sizeof (guint32) * tail->n_tags);
  tail->last_column = g_new (guint, MAX (tail->n_tags, 1));
  for (guint t = 0; t < tail->n_tags; t++)
    tail->last_column[t] = n - 1;
}

/* The window being filled, as one blob. While it fills, each dataset has
 * its own, freed with it: a rounded size, so that the next one reuses the
 * block. A full window (@sealed) is kept for good and shared: its exact
 * size, since the rounding (up to 64 KiB a column) would stay with every
 * window of the history. */
static GBytes *
assemble (PmFollowTail   *tail,
          guint           b,
          PmPackedColumn *column,
          gboolean        sealed)
{
  gsize total = 0, pos = 0;
  guint8 *blob;

  for (guint t = 0; t < tail->n_tags; t++)
    total += tail->chunks[b][t].size;
  blob = sealed ? g_malloc (total + PM_PACKED_PADDING) : alloc_rounded (total + PM_PACKED_PADDING);
  for (guint t = 0; t < tail->n_tags; t++)
    {
      const Chunk *c = &tail->chunks[b][t];

      column->offsets[(gsize) t * column->n_windows + tail->window] = (guint32) pos;
      memcpy (blob + pos, c->buf, c->size);
      pos += c->size;
    }
  memset (blob + pos, 0, PM_PACKED_PADDING);
  column->blobs[tail->window] = blob;
  column->blob_sizes[tail->window] = total;
  return g_bytes_new_take (blob, total + PM_PACKED_PADDING);
}

/* ---- the new dataset ---------------------------------------------------- */

typedef PmNewSnapshotRef Ref;

/* The case _pm_dataset_append() takes, and new tags: the new snapshots in
 * time order, each after the last, the same columns, no problem. Tags the
 * dataset does not know are added to @new_tags (builder ids) and left
 * unmapped in @map. */
static GArray *
check_parts (PmDataset        *old,
             PmDatasetBuilder *builder,
             guint32          *map,
             GArray           *new_tags)
{
  g_autoptr(GArray) refs = _pm_dataset_order_new_snapshots (old, builder);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (refs == NULL)
    return NULL;
  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      for (guint r = 0; r < part->n_rows; r++)
        {
          guint32 id = part->tags[r];
          gpointer value;

          if (map[id] != G_MAXUINT32 || g_hash_table_contains (seen, GUINT_TO_POINTER (id)))
            continue;
          value = g_hash_table_lookup (old->tag_index, g_ptr_array_index (builder->tag_names, id));
          if (value != NULL)
            map[id] = GPOINTER_TO_UINT (value) - 1;
          else
            {
              g_hash_table_add (seen, GUINT_TO_POINTER (id));
              g_array_append_val (new_tags, id);
            }
        }
      for (guint i = 0; i < part->tag_info->len; i++)
        {
          PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);
          guint32 t = map[info->tag];

          if (t != G_MAXUINT32 &&
              (!_pm_dataset_same_tag_text (old->binaries[t], info->binary) ||
               !_pm_dataset_same_tag_text (old->descriptions[t], info->description)))
            return NULL;
        }
    }
  return g_steal_pointer (&refs);
}

/* Where tags go when new ones join: all in name order, as a load sorts
 * them. @old_to_new gets the index of each old tag (TOTAL last), @map the
 * index of each new builder id; returns the new number of tags. */
static guint
place_new_tags (PmDataset        *old,
                PmDatasetBuilder *builder,
                GArray           *new_tags,
                guint            *old_to_new,
                guint32          *map)
{
  guint n_old = old->n_tags, k = new_tags->len, i = 0, j = 0, next = 0;
  g_autofree const char **names = g_new (const char *, MAX (k, 1));
  g_autofree guint32 *ids = g_memdup2 (new_tags->data, sizeof (guint32) * MAX (k, 1));

  /* The new names sorted (a handful: insertion sort). */
  for (guint a = 0; a < k; a++)
    {
      const char *name = g_ptr_array_index (builder->tag_names, ids[a]);
      guint32 id = ids[a];
      guint b = a;

      for (; b > 0 && strcmp (names[b - 1], name) > 0; b--)
        {
          names[b] = names[b - 1];
          ids[b] = ids[b - 1];
        }
      names[b] = name;
      ids[b] = id;
    }
  /* The old names are in name order already (a load sorts them, and so
   * does this). */
  while (i < n_old || j < k)
    {
      if (j >= k || (i < n_old && strcmp (old->tag_names[i], names[j]) < 0))
        old_to_new[i++] = next++;
      else
        map[ids[j++]] = next++;
    }
  old_to_new[n_old] = next;          /* TOTAL */
  return next;
}

/* Names, times, problems, reports and reboots of @old, for @n snapshots
 * and @n_tags tags (old tag t at @old_to_new[t]; the new ones named from
 * @new_tags and described by the first Binary and Description the new
 * files give, else the builder's pooltag.txt). */
static PmDataset *
copy_frame (PmDataset        *old,
            guint             n,
            guint             n_tags,
            const guint      *old_to_new,
            PmDatasetBuilder *builder,
            GArray           *new_tags,
            const guint32    *map)
{
  PmDataset *self = g_object_new (PM_TYPE_DATASET, NULL);

  self->n_snapshots = n;
  self->n_tags = n_tags;
  self->have = old->have;
  self->time_bases = old->time_bases;
  self->tag_names = g_new0 (char *, n_tags + 2);
  self->binaries = g_new0 (char *, n_tags + 2);
  self->descriptions = g_new0 (char *, n_tags + 2);
  for (guint t = 0; t <= old->n_tags; t++)
    {
      guint to = old_to_new != NULL ? old_to_new[t] : t;

      self->tag_names[to] = g_strdup (old->tag_names[t]);
      self->binaries[to] = g_strdup (old->binaries[t]);
      self->descriptions[to] = g_strdup (old->descriptions[t]);
    }
  for (guint i = 0; i < new_tags->len; i++)
    {
      guint32 id = g_array_index (new_tags, guint32, i);

      self->tag_names[map[id]] = g_strdup (g_ptr_array_index (builder->tag_names, id));
    }
  for (guint p = 0; new_tags->len > 0 && p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      for (guint i = 0; i < part->tag_info->len; i++)
        {
          PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);
          guint32 t = map[info->tag];

          if (t >= n_tags || old_to_new == NULL)
            continue;
          if (self->binaries[t] == NULL && info->binary != NULL && info->binary[0] != '\0' &&
              !g_hash_table_contains (old->tag_index, self->tag_names[t]))
            self->binaries[t] = g_strdup (info->binary);
          if (self->descriptions[t] == NULL && info->description != NULL &&
              info->description[0] != '\0' &&
              !g_hash_table_contains (old->tag_index, self->tag_names[t]))
            self->descriptions[t] = g_strdup (info->description);
        }
    }
  for (guint i = 0; builder->pooltag != NULL && i < new_tags->len; i++)
    {
      guint t = map[g_array_index (new_tags, guint32, i)];
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
  for (guint t = 0; t < n_tags; t++)
    g_hash_table_insert (self->tag_index, self->tag_names[t], GUINT_TO_POINTER (t + 1));

  for (guint i = 0; i < old->problems->len; i++)
    g_ptr_array_add (self->problems, pm_problem_copy (g_ptr_array_index (old->problems, i)));
  g_array_append_vals (self->boots, old->boots->data, old->boots->len);

  self->n_present = g_new0 (guint, n_tags + 1);
  for (guint t = 0; t < old->n_tags; t++)
    self->n_present[old_to_new != NULL ? old_to_new[t] : t] = old->n_present[t];
  self->n_present[n_tags] = n;
  return self;
}

/* A frame with room for @n snapshots and more, holding @old's first
 * snapshots (old tag t in row @old_to_new[t]). Made when the follower
 * starts from a dataset, when the frame is full (then it is a quarter
 * larger: the copies cost O(1) a snapshot, amortised) and when tags join. */
static Frame *
frame_new (PmDataset   *old,
           guint        n,
           guint        n_tags,
           const guint *old_to_new)
{
  Frame *frame = g_atomic_rc_box_new0 (Frame);
  guint m = old->n_snapshots;
  gsize stride, len = (m + 7) / 8;

  frame->n_tags = n_tags;
  frame->cap = (MAX (n + n / 4, n + 64) + 7) / 8 * 8;
  frame->len = m;
  stride = frame->cap / 8;
  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    {
      frame->times[b] = g_new (gint64, frame->cap);
      memcpy (frame->times[b], old->times[b], sizeof (gint64) * m);
    }
  for (guint b = 0; b < PM_N_BASES; b++)
    {
      frame->totals[b] = g_new0 (gint64, frame->cap);
      if (old->totals[b] != NULL)
        memcpy (frame->totals[b], old->totals[b], sizeof (gint64) * m);
    }
  frame->present = g_malloc0 (MAX ((gsize) n_tags * stride, 1));
  for (guint t = 0; t < old->n_tags; t++)
    {
      guint8 *row = &frame->present[(gsize) (old_to_new != NULL ? old_to_new[t] : t) * stride];

      memcpy (row, &old->present[(gsize) t * old->present_stride], len);
      /* Bits after the m-th may be a newer dataset's. */
      if (m % 8 != 0)
        row[len - 1] &= (guint8) ((1u << (m % 8)) - 1);
    }
  return frame;
}

/* Points @self's times, TOTAL and presence bits into the follower's frame,
 * made anew unless the current one continues @old and has room. */
static void
use_frame (PmDataset    *self,
           PmDataset    *old,
           PmFollowTail *tail,
           Keeper       *keeper,
           const guint  *old_to_new)
{
  Frame *frame = tail->frame;

  if (frame == NULL || old_to_new != NULL || frame->len != old->n_snapshots ||
      frame->n_tags != self->n_tags || self->n_snapshots > frame->cap ||
      frame->times[PM_TIME_BASE_UTC] != old->times[PM_TIME_BASE_UTC])
    {
      g_clear_pointer (&tail->frame, frame_unref);
      frame = tail->frame = frame_new (old, self->n_snapshots, self->n_tags, old_to_new);
    }
  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    self->times[b] = frame->times[b];
  for (guint b = 0; b < PM_N_BASES; b++)
    self->totals[b] = frame->totals[b];
  self->present = frame->present;
  self->present_stride = frame->cap / 8;
  self->frame_shared = TRUE;
  keeper->frame = g_atomic_rc_box_acquire (frame);
}

/* The packed columns' frame: the windows before the one being filled,
 * shared; the rest made by add_snapshot() and finish(). */
static void
share_windows (PmDataset    *self,
               PmDataset    *old,
               PmFollowTail *tail,
               Keeper       *keeper)
{
  guint n_windows = (self->n_snapshots + PM_CHUNK - 1) / PM_CHUNK;

  for (guint b = 0; b < PM_N_BASES; b++)
    {
      const PmPackedColumn *o = old->columns[b];
      PmPackedColumn *c;

      if (o == NULL)
        continue;
      c = self->columns[b] = g_new0 (PmPackedColumn, 1);
      c->n_windows = n_windows;
      c->blobs = g_new0 (guint8 *, MAX (n_windows, 1));
      c->blob_sizes = g_new0 (gsize, MAX (n_windows, 1));
      c->offsets = alloc_rounded (sizeof (guint32) * self->n_tags * n_windows);
      for (guint w = 0; w < tail->window; w++)
        {
          c->blobs[w] = o->blobs[w];
          c->blob_sizes[w] = o->blob_sizes[w];
          for (guint t = 0; t < self->n_tags; t++)
            c->offsets[(gsize) t * n_windows + w] = o->offsets[(gsize) t * o->n_windows + w];
        }
    }
  for (guint b = 0; b < PM_N_BASES; b++)
    for (guint k = 0; tail->full[b] != NULL && k < tail->full[b]->len; k++)
      g_ptr_array_add (keeper->bytes, g_bytes_ref (g_ptr_array_index (tail->full[b], k)));
}

/* New tags: every window before the one being filled gets a chunk of
 * zeros for each (they were absent), as a copy that is shared from then on;
 * the chunks being filled, the reboot rule's memory and the tags' places
 * move to the new order. Done once per new tag, not per snapshot. */
static void
add_tags (PmDataset    *self,
          PmDataset    *old,
          PmFollowTail *tail,
          Keeper       *keeper,
          const guint  *old_to_new,
          guint         n_new)
{
  guint n_tags = self->n_tags, n_old = old->n_tags;
  guint n_windows = (self->n_snapshots + PM_CHUNK - 1) / PM_CHUNK;
  g_autofree guint8 *is_new = g_new0 (guint8, MAX (n_tags, 1));
  gint64 zeros[PM_CHUNK] = { 0 };
  guint8 zero_chunk[64];
  gsize zero_len = _pm_packed_encode (zeros, 1, zero_chunk);
  guint32 *last_allocs = g_new0 (guint32, MAX (n_tags, 1));
  guint *last_column = g_new (guint, MAX (n_tags, 1));

  for (guint t = 0; t < n_tags; t++)
    is_new[t] = 1;
  for (guint t = 0; t < n_old; t++)
    is_new[old_to_new[t]] = 0;

  for (guint b = 0; b < PM_N_BASES; b++)
    {
      const PmPackedColumn *o = old->columns[b];
      PmPackedColumn *c;
      GPtrArray *full;
      Chunk *chunks;

      if (o == NULL)
        continue;
      c = self->columns[b] = g_new0 (PmPackedColumn, 1);
      c->n_windows = n_windows;
      c->blobs = g_new0 (guint8 *, MAX (n_windows, 1));
      c->blob_sizes = g_new0 (gsize, MAX (n_windows, 1));
      c->offsets = alloc_rounded (sizeof (guint32) * n_tags * n_windows);
      full = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      for (guint w = 0; w < tail->window; w++)
        {
          gsize size = o->blob_sizes[w] + n_new * zero_len, pos = o->blob_sizes[w];
          guint8 *blob = g_malloc (size + PM_PACKED_PADDING);
          GBytes *bytes;

          memcpy (blob, o->blobs[w], o->blob_sizes[w]);
          for (guint t = 0; t < n_old; t++)
            c->offsets[(gsize) old_to_new[t] * n_windows + w] =
              o->offsets[(gsize) t * o->n_windows + w];
          for (guint t = 0; t < n_tags; t++)
            if (is_new[t])
              {
                memcpy (blob + pos, zero_chunk, zero_len);
                c->offsets[(gsize) t * n_windows + w] = (guint32) pos;
                pos += zero_len;
              }
          memset (blob + size, 0, PM_PACKED_PADDING);
          c->blobs[w] = blob;
          c->blob_sizes[w] = size;
          bytes = g_bytes_new_take (blob, size + PM_PACKED_PADDING);
          g_ptr_array_add (full, bytes);
          g_ptr_array_add (keeper->bytes, g_bytes_ref (bytes));
        }
      g_ptr_array_unref (tail->full[b]);
      tail->full[b] = full;

      chunks = g_new0 (Chunk, MAX (n_tags, 1));
      for (guint t = 0; t < n_old; t++)
        chunks[old_to_new[t]] = tail->chunks[b][t];
      for (guint t = 0; t < n_tags; t++)
        if (is_new[t] && tail->len > 0)
          chunk_encode (&chunks[t], zeros, tail->len);
      g_free (tail->chunks[b]);
      tail->chunks[b] = chunks;
    }

  for (guint t = 0; t < n_tags; t++)
    last_column[t] = G_MAXUINT;
  for (guint t = 0; t < n_old; t++)
    {
      last_allocs[old_to_new[t]] = tail->last_allocs[t];
      last_column[old_to_new[t]] = tail->last_column[t];
    }
  g_free (tail->last_allocs);
  g_free (tail->last_column);
  tail->last_allocs = last_allocs;
  tail->last_column = last_column;
  tail->n_tags = n_tags;
  g_clear_object (&tail->base);
  tail->base_windows = 0;
}

/* One new snapshot into column @col: presence, TOTAL, the reboot rule, and
 * a value for every tag's chunk (0 where absent). */
static gboolean
add_snapshot (PmDataset     *self,
              PmFollowTail  *tail,
              Keeper        *keeper,
              PmPart        *part,
              guint          snapshot,
              const guint32 *map,
              guint          col,
              gint64        *values)
{
  const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, snapshot);
  guint8 mask = 1 << (col & 7);
  gint64 sums[PM_N_BASES] = { 0 };
  guint common = 0, down = 0;
  guint n_tags = self->n_tags;

  memset (values, 0, sizeof (gint64) * PM_N_BASES * MAX (n_tags, 1));
  for (guint r = snap->first_row; r < snap->first_row + snap->n_rows; r++)
    {
      guint32 tag = map[part->tags[r]];
      guint8 *bits = &self->present[(gsize) tag * self->present_stride + col / 8];

      if (*bits & mask)
        return FALSE;               /* a tag twice: a problem to report */
      /* The byte may hold bits an older dataset reads in another thread:
       * set this one bit alone, without touching the others. */
#if defined(__GNUC__)
      __atomic_fetch_or (bits, mask, __ATOMIC_RELAXED);
#else
      *bits |= mask;
#endif
      self->n_present[tag]++;
      if (part->paged_diff)
        values[PM_BASE_PAGED_DIFF * n_tags + tag] = part->paged_diff[r];
      if (part->non_paged_diff)
        values[PM_BASE_NON_PAGED_DIFF * n_tags + tag] = part->non_paged_diff[r];
      if (part->paged_used)
        values[PM_BASE_PAGED_USED * n_tags + tag] = part->paged_used[r];
      if (part->non_paged_used)
        values[PM_BASE_NON_PAGED_USED * n_tags + tag] = part->non_paged_used[r];
      sums[PM_BASE_PAGED_DIFF] += values[PM_BASE_PAGED_DIFF * n_tags + tag];
      sums[PM_BASE_NON_PAGED_DIFF] += values[PM_BASE_NON_PAGED_DIFF * n_tags + tag];
      sums[PM_BASE_PAGED_USED] = pm_add_saturating (sums[PM_BASE_PAGED_USED],
                                                    values[PM_BASE_PAGED_USED * n_tags + tag]);
      sums[PM_BASE_NON_PAGED_USED] = pm_add_saturating (sums[PM_BASE_NON_PAGED_USED],
                                                        values[PM_BASE_NON_PAGED_USED * n_tags + tag]);
      if (part->allocs != NULL)
        _pm_boot_rule_row (&tail->last_allocs[tag], &tail->last_column[tag], part->allocs[r], col,
                           &common, &down);
    }
  for (guint b = 0; b < PM_N_BASES; b++)
    if (self->columns[b] != NULL)
      self->totals[b][col] = sums[b];
  if (part->allocs != NULL)
    _pm_dataset_check_boot (self, col, common, down);

  for (guint b = 0; b < PM_N_BASES; b++)
    for (guint t = 0; tail->chunks[b] != NULL && t < n_tags; t++)
      chunk_append (&tail->chunks[b][t], tail->len, values[b * n_tags + t]);
  tail->len++;

  /* A full window is shared from now on. */
  if (tail->len == PM_CHUNK)
    {
      for (guint b = 0; b < PM_N_BASES; b++)
        if (self->columns[b] != NULL)
          {
            GBytes *bytes = assemble (tail, b, self->columns[b], TRUE);

            g_ptr_array_add (tail->full[b], bytes);
            g_ptr_array_add (keeper->bytes, g_bytes_ref (bytes));
            for (guint t = 0; t < n_tags; t++)
              tail->chunks[b][t].size = 0;
          }
      tail->window++;
      tail->len = 0;
    }
  return TRUE;
}

/**
 * _pm_follow_append:
 * @tail: the follower's state of the window being filled
 * @old: the follower's dataset
 * @builder: the parts of the new snapshots only (not consumed)
 *
 * Returns: (transfer full) (nullable): @old with the new snapshots, or
 *   %NULL when this is not the plain case (then @tail starts afresh)
 */
PmDataset *
_pm_follow_append (PmFollowTail     *tail,
                   PmDataset        *old,
                   PmDatasetBuilder *builder)
{
  g_autofree guint32 *map = NULL;
  g_autofree gint64 *values = NULL;
  g_autofree guint *old_to_new = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GArray) new_tags = NULL;
  g_autoptr(PmDataset) self = NULL;
  Keeper *keeper;
  guint n, n_tags;

  if (old->n_snapshots == 0 || (old->have & PM_ROW_HAVE_TOTAL_USED) ||
      old->time_bases != ((1u << PM_TIME_BASE_UTC) | (1u << PM_TIME_BASE_LOCAL)) ||
      ((old->have & PM_ROW_HAVE_ALLOCS) && old->tail_allocs == NULL))
    return NULL;
  map = g_new (guint32, MAX (builder->tag_names->len, 1));
  memset (map, 0xff, sizeof (guint32) * MAX (builder->tag_names->len, 1));
  new_tags = g_array_new (FALSE, FALSE, sizeof (guint32));
  if ((refs = check_parts (old, builder, map, new_tags)) == NULL)
    return NULL;
  if (tail->continues != old)
    tail_start (tail, old);

  n = old->n_snapshots + refs->len;
  n_tags = old->n_tags;
  if (new_tags->len > 0)
    {
      old_to_new = g_new (guint, old->n_tags + 1);
      n_tags = place_new_tags (old, builder, new_tags, old_to_new, map);
      /* The known tags' ids now point to their new places. */
      for (guint id = 0; id < builder->tag_names->len; id++)
        {
          gpointer value = g_hash_table_lookup (old->tag_index,
                                                g_ptr_array_index (builder->tag_names, id));

          if (value != NULL)
            map[id] = old_to_new[GPOINTER_TO_UINT (value) - 1];
        }
    }
  self = copy_frame (old, n, n_tags, old_to_new, builder, new_tags, map);
  keeper = g_new0 (Keeper, 1);
  keeper->base = tail->base != NULL ? g_object_ref (tail->base) : NULL;
  keeper->bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->blob_memory = g_bytes_new_with_free_func (keeper, sizeof *keeper, keeper_free, keeper);
  use_frame (self, old, tail, keeper, old_to_new);
  /* The file reports: shared with the datasets before, all owned by the
   * tail's list (copied into it once, when the tail starts). */
  g_ptr_array_set_free_func (self->files, NULL);
  if (tail->reports == NULL)
    {
      tail->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_file_report_free);
      for (guint i = 0; i < old->files->len; i++)
        g_ptr_array_add (tail->reports, pm_file_report_copy (g_ptr_array_index (old->files, i)));
      g_ptr_array_extend (self->files, tail->reports, NULL, NULL);
    }
  else
    g_ptr_array_extend (self->files, old->files, NULL, NULL);
  keeper->reports = g_ptr_array_ref (tail->reports);
  if (new_tags->len > 0)
    add_tags (self, old, tail, keeper, old_to_new, new_tags->len);
  else
    share_windows (self, old, tail, keeper);

  values = g_new (gint64, PM_N_BASES * MAX (n_tags, 1));
  for (guint i = 0; i < refs->len; i++)
    {
      const Ref *ref = &g_array_index (refs, Ref, i);
      PmPart *part = g_ptr_array_index (builder->parts, ref->part);
      const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, ref->snapshot);
      guint col = old->n_snapshots + i;

      self->times[PM_TIME_BASE_UTC][col] = snap->utc;
      self->times[PM_TIME_BASE_LOCAL][col] = snap->local;
      if (!add_snapshot (self, tail, keeper, part, ref->snapshot, map, col, values))
        {
          /* The chunks and the frame took part of it: start again from
           * the next dataset. */
          g_clear_object (&tail->continues);
          g_clear_pointer (&tail->frame, frame_unref);
          g_clear_pointer (&tail->reports, g_ptr_array_unref);
          return NULL;
        }
    }

  /* The window being filled, this dataset's own. */
  if (tail->len > 0)
    for (guint b = 0; b < PM_N_BASES; b++)
      if (self->columns[b] != NULL)
        g_ptr_array_add (keeper->bytes, assemble (tail, b, self->columns[b], FALSE));

  if (old->tail_allocs != NULL)
    {
      self->tail_allocs = g_memdup2 (tail->last_allocs, sizeof (guint32) * MAX (n_tags, 1));
      for (guint t = 0; t < n_tags; t++)
        if (tail->last_column[t] != n - 1)
          self->tail_allocs[t] = 0;
    }

  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);
      PmFileReport report = { part->file, 0, 0, part->snapshots->len, 0 };

      for (guint s = 0; s < part->snapshots->len; s++)
        report.rows_loaded += g_array_index (part->snapshots, PmPartSnapshot, s).n_rows;
      PmFileReport *copy = pm_file_report_copy (&report);

      g_ptr_array_add (tail->reports, copy);
      g_ptr_array_add (self->files, copy);
    }

  tail->frame->len = n;
  g_set_object (&tail->continues, self);
  return g_steal_pointer (&self);
}
