/* pm-dataset.c: snapshots x tags, immutable once built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Storage is tag-major: one contiguous row of n_snapshots values per tag and
 * per base column, so a tag's series is a single read. Only the base columns
 * the files provide are stored; TotalDiff and, usually, TotalUsedBytes are
 * sums computed on the way out. The *Diff columns are modular 32-bit values by
 * definition (DESIGN.md §1) and stored as such, which keeps a 3,000 x 2,880
 * dataset with every column at about 200 MB. TOTAL is an extra row of 64-bit
 * sums per base column.
 */
#include "pm-dataset-private.h"

#include <string.h>

typedef enum
{
  BASE_PAGED_DIFF,
  BASE_NON_PAGED_DIFF,
  BASE_PAGED_USED,
  BASE_NON_PAGED_USED,
  BASE_TOTAL_USED,
  N_BASES
} Base;

struct _PmDataset
{
  GObject      parent_instance;

  guint        n_snapshots;
  guint        n_tags;
  guint        have;              /* PmRowHave bits stored */
  guint        time_bases;        /* 1 << PmTimeBase for every base all snapshots have */

  char       **tag_names;         /* n_tags + 1, TOTAL last */
  char       **binaries;
  char       **descriptions;
  GHashTable  *tag_index;         /* name -> index + 1 */
  guint       *n_present;         /* n_tags + 1 */

  gint64      *times[PM_N_TIME_BASES];
  guint32     *diffs[2];          /* BASE_PAGED_DIFF, BASE_NON_PAGED_DIFF */
  gint64      *used[3];           /* BASE_PAGED_USED .. BASE_TOTAL_USED */
  gint64      *totals[N_BASES];   /* the TOTAL row per base */
  guint8      *present;           /* bits, row stride present_stride bytes */
  gsize        present_stride;

  GPtrArray   *problems;
  GPtrArray   *files;
};

G_DEFINE_FINAL_TYPE (PmDataset, pm_dataset, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (PmProblem, pm_problem, pm_problem_copy, pm_problem_free)
G_DEFINE_BOXED_TYPE (PmFileReport, pm_file_report, pm_file_report_copy, pm_file_report_free)

struct _PmDatasetBuilder
{
  GMutex      lock;
  GHashTable *tag_ids;            /* name -> id + 1 */
  GPtrArray  *tag_names;          /* by id */
  GPtrArray  *parts;              /* PmPart, in input order; may hold NULL */
  PmPooltag  *pooltag;            /* borrowed */
};

#define ROW_HAVE_DIFFS (PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF)
#define ROW_HAVE_PAGED_AND_NON_PAGED_USED (PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED)

/* ---- problems and file reports ---------------------------------------- */

PmProblem *
pm_problem_new (const char *file,
                guint       line,
                const char *message)
{
  PmProblem *problem = g_new0 (PmProblem, 1);

  problem->file = g_strdup (file ? file : "");
  problem->line = line;
  problem->message = g_strdup (message);

  return problem;
}

PmProblem *
pm_problem_copy (const PmProblem *problem)
{
  return pm_problem_new (problem->file, problem->line, problem->message);
}

void
pm_problem_free (PmProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->file);
  g_free (problem->message);
  g_free (problem);
}

PmFileReport *
pm_file_report_copy (const PmFileReport *report)
{
  PmFileReport *copy = g_memdup2 (report, sizeof *report);

  copy->path = g_strdup (report->path);
  return copy;
}

void
pm_file_report_free (PmFileReport *report)
{
  if (report == NULL)
    return;
  g_free (report->path);
  g_free (report);
}

/* ---- parts ------------------------------------------------------------- */

PmPart *
_pm_part_new (const char *file)
{
  PmPart *part = g_new0 (PmPart, 1);

  part->file = g_strdup (file);
  part->snapshots = g_array_new (FALSE, FALSE, sizeof (PmPartSnapshot));
  part->tag_info = g_array_new (FALSE, FALSE, sizeof (PmPartTagInfo));
  part->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_problem_free);

  return part;
}

static void
part_free_rows (PmPart *part)
{
  g_clear_pointer (&part->tags, g_free);
  g_clear_pointer (&part->paged_diff, g_free);
  g_clear_pointer (&part->non_paged_diff, g_free);
  g_clear_pointer (&part->paged_used, g_free);
  g_clear_pointer (&part->non_paged_used, g_free);
  g_clear_pointer (&part->total_used, g_free);
  part->capacity = 0;
}

void
_pm_part_free (PmPart *part)
{
  if (part == NULL)
    return;

  part_free_rows (part);
  for (guint i = 0; i < part->tag_info->len; i++)
    {
      PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);
      g_free (info->binary);
      g_free (info->description);
    }
  g_array_unref (part->tag_info);
  g_array_unref (part->snapshots);
  g_ptr_array_unref (part->problems);
  g_free (part->file);
  g_free (part);
}

static void
grow_column (gpointer *column,
             gsize     element_size,
             guint     old_capacity,
             guint     new_capacity,
             gboolean  wanted)
{
  if (!wanted)
    return;
  *column = g_realloc_n (*column, new_capacity, element_size);
  if (new_capacity > old_capacity)
    memset ((char *) *column + (gsize) old_capacity * element_size, 0,
            (gsize) (new_capacity - old_capacity) * element_size);
}

static void
part_resize (PmPart *part,
             guint   capacity)
{
  guint old = part->capacity;

  grow_column ((gpointer *) &part->tags, 4, old, capacity, TRUE);
  grow_column ((gpointer *) &part->paged_diff, 4, old, capacity,
               part->have & PM_ROW_HAVE_PAGED_DIFF);
  grow_column ((gpointer *) &part->non_paged_diff, 4, old, capacity,
               part->have & PM_ROW_HAVE_NON_PAGED_DIFF);
  grow_column ((gpointer *) &part->paged_used, 8, old, capacity,
               part->have & PM_ROW_HAVE_PAGED_USED);
  grow_column ((gpointer *) &part->non_paged_used, 8, old, capacity,
               part->have & PM_ROW_HAVE_NON_PAGED_USED);
  grow_column ((gpointer *) &part->total_used, 8, old, capacity,
               part->have & PM_ROW_HAVE_TOTAL_USED);
  part->capacity = capacity;
}

/* Adds storage for columns a (possibly repeated) header names; rows read
 * before it read 0 there. */
void
_pm_part_add_columns (PmPart *part,
                      guint   have)
{
  guint capacity = part->capacity;

  if ((part->have | have) == part->have)
    return;

  part->have |= have;
  part->capacity = 0;
  /* Reallocating from capacity 0 would zero everything: grow from the rows we
   * have, only the new columns start from NULL. */
  if (capacity > 0)
    {
      guint keep = capacity;

      part->capacity = keep;
      if ((have & PM_ROW_HAVE_PAGED_DIFF) && part->paged_diff == NULL)
        part->paged_diff = g_new0 (guint32, keep);
      if ((have & PM_ROW_HAVE_NON_PAGED_DIFF) && part->non_paged_diff == NULL)
        part->non_paged_diff = g_new0 (guint32, keep);
      if ((have & PM_ROW_HAVE_PAGED_USED) && part->paged_used == NULL)
        part->paged_used = g_new0 (gint64, keep);
      if ((have & PM_ROW_HAVE_NON_PAGED_USED) && part->non_paged_used == NULL)
        part->non_paged_used = g_new0 (gint64, keep);
      if ((have & PM_ROW_HAVE_TOTAL_USED) && part->total_used == NULL)
        part->total_used = g_new0 (gint64, keep);
    }
}

void
_pm_part_reserve (PmPart *part,
                  guint   n_more)
{
  guint needed = part->n_rows + n_more;

  if (needed > part->capacity)
    part_resize (part, MAX (needed, MAX (64, part->capacity + part->capacity / 2)));
}

/* Gives back what growth over-allocated, once a file is read. */
void
_pm_part_shrink (PmPart *part)
{
  if (part->capacity > part->n_rows)
    part_resize (part, MAX (part->n_rows, 1));
}

void
_pm_part_add_row (PmPart            *part,
                  guint32            tag,
                  const PmRowValues *values)
{
  guint row;

  _pm_part_add_columns (part, values->have);
  _pm_part_reserve (part, 1);

  row = part->n_rows++;
  part->tags[row] = tag;
  if (values->have & PM_ROW_HAVE_PAGED_DIFF)
    part->paged_diff[row] = values->paged_diff;
  if (values->have & PM_ROW_HAVE_NON_PAGED_DIFF)
    part->non_paged_diff[row] = values->non_paged_diff;
  if (values->have & PM_ROW_HAVE_PAGED_USED)
    part->paged_used[row] = values->paged_used;
  if (values->have & PM_ROW_HAVE_NON_PAGED_USED)
    part->non_paged_used[row] = values->non_paged_used;
  if (values->have & PM_ROW_HAVE_TOTAL_USED)
    part->total_used[row] = values->total_used;
}

void
_pm_part_add_problem (PmPart     *part,
                      guint       line,
                      const char *format,
                      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  part->n_problems++;
  if (part->problems->len >= PM_MAX_PROBLEMS_PER_FILE)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (part->problems, pm_problem_new (part->file, line, message));
}

void
_pm_part_add_tag_info (PmPart     *part,
                       guint32     tag,
                       const char *binary,
                       gsize       binary_len,
                       const char *description,
                       gsize       description_len)
{
  PmPartTagInfo info;

  if (binary_len == 0 && description_len == 0)
    return;

  info.tag = tag;
  info.binary = g_utf8_make_valid (binary ? binary : "", binary_len);
  info.description = g_utf8_make_valid (description ? description : "", description_len);
  g_array_append_val (part->tag_info, info);
}

/* ---- the builder ------------------------------------------------------- */

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

static void
allocate_storage (PmDataset *self,
                  guint      have)
{
  gsize cells = (gsize) self->n_tags * self->n_snapshots;

  self->have = have;
  if (have & PM_ROW_HAVE_PAGED_DIFF)
    self->diffs[BASE_PAGED_DIFF] = g_new0 (guint32, MAX (cells, 1));
  if (have & PM_ROW_HAVE_NON_PAGED_DIFF)
    self->diffs[BASE_NON_PAGED_DIFF] = g_new0 (guint32, MAX (cells, 1));
  if (have & PM_ROW_HAVE_PAGED_USED)
    self->used[BASE_PAGED_USED - BASE_PAGED_USED] = g_new0 (gint64, MAX (cells, 1));
  if (have & PM_ROW_HAVE_NON_PAGED_USED)
    self->used[BASE_NON_PAGED_USED - BASE_PAGED_USED] = g_new0 (gint64, MAX (cells, 1));
  if (have & PM_ROW_HAVE_TOTAL_USED)
    self->used[BASE_TOTAL_USED - BASE_PAGED_USED] = g_new0 (gint64, MAX (cells, 1));

  self->present_stride = (self->n_snapshots + 7) / 8;
  self->present = g_new0 (guint8, MAX ((gsize) self->n_tags * self->present_stride, 1));
  self->n_present = g_new0 (guint, self->n_tags + 1);

  for (guint b = 0; b < N_BASES; b++)
    self->totals[b] = g_new0 (gint64, MAX (self->n_snapshots, 1));
}

/* Copies one part-snapshot's rows into column ref->column. The first row
 * written for a cell stays; later ones count as duplicates. */
static void
scatter_ref (PmDataset     *self,
             PmPart        *part,
             SnapshotRef   *ref,
             const guint32 *tag_index)
{
  const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, ref->snapshot);
  gboolean sum_used = (part->have & ROW_HAVE_PAGED_AND_NON_PAGED_USED) == ROW_HAVE_PAGED_AND_NON_PAGED_USED;
  gint64 *total_used = self->used[BASE_TOTAL_USED - BASE_PAGED_USED];
  guint col = ref->column;
  guint8 mask = 1 << (col & 7);

  for (guint r = snap->first_row; r < snap->first_row + snap->n_rows; r++)
    {
      guint32 tag = tag_index[part->tags[r]];
      gsize cell = (gsize) tag * self->n_snapshots + col;
      guint8 *bits = &self->present[(gsize) tag * self->present_stride + col / 8];

      if (*bits & mask)
        {
          if (ref->duplicates++ == 0)
            ref->first_duplicate = tag;
          continue;
        }
      *bits |= mask;

      if (self->diffs[BASE_PAGED_DIFF] && part->paged_diff)
        self->diffs[BASE_PAGED_DIFF][cell] = part->paged_diff[r];
      if (self->diffs[BASE_NON_PAGED_DIFF] && part->non_paged_diff)
        self->diffs[BASE_NON_PAGED_DIFF][cell] = part->non_paged_diff[r];
      if (self->used[0] && part->paged_used)
        self->used[0][cell] = part->paged_used[r];
      if (self->used[1] && part->non_paged_used)
        self->used[1][cell] = part->non_paged_used[r];
      if (total_used)
        total_used[cell] = part->total_used ? part->total_used[r] :
                           sum_used ? part->paged_used[r] + part->non_paged_used[r] : 0;
    }
}

typedef struct
{
  PmDataset        *self;
  PmDatasetBuilder *builder;
  SnapshotRef      *refs;
  guint             first;
  guint             last;
  const guint32    *tag_index;
} ScatterJob;

static gpointer
scatter_thread (gpointer data)
{
  ScatterJob *job = data;

  for (guint i = job->first; i < job->last; i++)
    scatter_ref (job->self, g_ptr_array_index (job->builder->parts, job->refs[i].part),
                 &job->refs[i], job->tag_index);

  return NULL;
}

/* Fills the dataset in snapshot order, which keeps every tag's row of cells
 * being written in cache, on a few threads that each own a range of
 * snapshots. Ranges start at a multiple of 8 snapshots so no two threads
 * share a byte of presence bits. */
static void
scatter_all (PmDataset        *self,
             PmDatasetBuilder *builder,
             GArray           *refs,
             const guint32    *tag_index)
{
  SnapshotRef *r = (SnapshotRef *) refs->data;
  guint n_jobs = CLAMP (g_get_num_processors (), 1, 8);
  ScatterJob jobs[8];
  GThread *threads[8] = { NULL };
  guint start = 0;

  for (guint j = 0; j < n_jobs; j++)
    {
      guint end = j + 1 == n_jobs ? refs->len : (guint) ((guint64) refs->len * (j + 1) / n_jobs);

      end = MAX (end, start);
      while (end < refs->len && end > 0 &&
             (r[end].column % 8 != 0 || r[end].column == r[end - 1].column))
        end++;
      jobs[j] = (ScatterJob) { self, builder, r, start, end, tag_index };
      start = end;
    }

  for (guint j = 1; j < n_jobs; j++)
    if (jobs[j].first < jobs[j].last)
      threads[j] = g_thread_new ("pm-merge", scatter_thread, &jobs[j]);
  scatter_thread (&jobs[0]);
  for (guint j = 1; j < n_jobs; j++)
    if (threads[j] != NULL)
      g_thread_join (threads[j]);
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

static guint
count_bits (const guint8 *bits,
            gsize         n_bytes)
{
  guint n = 0;

  for (gsize i = 0; i < n_bytes; i++)
    for (guint8 b = bits[i]; b != 0; b &= b - 1)
      n++;

  return n;
}

static void
compute_totals (PmDataset *self)
{
  guint n = self->n_snapshots;

  for (guint t = 0; t < self->n_tags; t++)
    {
      gsize row = (gsize) t * n;

      for (guint b = BASE_PAGED_DIFF; b <= BASE_NON_PAGED_DIFF; b++)
        if (self->diffs[b])
          for (guint s = 0; s < n; s++)
            self->totals[b][s] += self->diffs[b][row + s];
      for (guint b = BASE_PAGED_USED; b <= BASE_TOTAL_USED; b++)
        if (self->used[b - BASE_PAGED_USED])
          for (guint s = 0; s < n; s++)
            self->totals[b][s] += self->used[b - BASE_PAGED_USED][row + s];
    }

  self->n_present[self->n_tags] = n;
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
          (part->have & ROW_HAVE_PAGED_AND_NON_PAGED_USED) != ROW_HAVE_PAGED_AND_NON_PAGED_USED)
        return TRUE;
    }

  return FALSE;
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

  allocate_storage (self, have);

  scatter_all (self, builder, refs, tag_index);
  report_duplicates (self, builder, refs);
  for (guint t = 0; t < self->n_tags; t++)
    self->n_present[t] = count_bits (&self->present[(gsize) t * self->present_stride],
                                     self->present_stride);

  compute_totals (self);
  collect_tag_info (self, builder, tag_index);

  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);

      if (part == NULL)
        continue;

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
                                  part->snapshots->len, part->n_problems };

          for (guint s = 0; s < part->snapshots->len; s++)
            report.rows_loaded += g_array_index (part->snapshots, PmPartSnapshot, s).n_rows;
          report.rows_loaded -= part->rows_duplicate;
          g_ptr_array_add (self->files, pm_file_report_copy (&report));
        }
    }
  pm_dataset_builder_free (builder);

  return self;
}

/* ---- the dataset ------------------------------------------------------- */

static void
pm_dataset_finalize (GObject *object)
{
  PmDataset *self = (PmDataset *) object;

  g_strfreev (self->tag_names);
  for (guint i = 0; i <= self->n_tags && self->binaries; i++)
    g_free (self->binaries[i]);
  for (guint i = 0; i <= self->n_tags && self->descriptions; i++)
    g_free (self->descriptions[i]);
  g_free (self->binaries);
  g_free (self->descriptions);
  g_hash_table_unref (self->tag_index);
  g_free (self->n_present);
  for (guint i = 0; i < PM_N_TIME_BASES; i++)
    g_free (self->times[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->diffs); i++)
    g_free (self->diffs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->used); i++)
    g_free (self->used[i]);
  for (guint i = 0; i < N_BASES; i++)
    g_free (self->totals[i]);
  g_free (self->present);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->files);

  G_OBJECT_CLASS (pm_dataset_parent_class)->finalize (object);
}

static void
pm_dataset_class_init (PmDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_dataset_finalize;
}

static void
pm_dataset_init (PmDataset *self)
{
  self->tag_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_problem_free);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_file_report_free);
}

/**
 * pm_dataset_get_n_snapshots:
 *
 * Returns: the number of snapshots (distinct times), in time order
 */
guint
pm_dataset_get_n_snapshots (PmDataset *self)
{
  g_return_val_if_fail (PM_IS_DATASET (self), 0);

  return self->n_snapshots;
}

/**
 * pm_dataset_get_n_tags:
 *
 * Returns: the number of tags, not counting TOTAL. Tags are numbered from 0
 *   in byte order of their names; TOTAL is number n_tags.
 */
guint
pm_dataset_get_n_tags (PmDataset *self)
{
  g_return_val_if_fail (PM_IS_DATASET (self), 0);

  return self->n_tags;
}

/**
 * pm_dataset_get_total_tag:
 *
 * Returns: the index of the TOTAL pseudo-tag, the sum over all tags
 */
guint
pm_dataset_get_total_tag (PmDataset *self)
{
  g_return_val_if_fail (PM_IS_DATASET (self), 0);

  return self->n_tags;
}

/**
 * pm_dataset_get_tag_name:
 * @tag: a tag index, or the TOTAL index
 *
 * Returns: the tag exactly as the files spell it (trailing spaces kept)
 */
const char *
pm_dataset_get_tag_name (PmDataset *self,
                         guint      tag)
{
  g_return_val_if_fail (PM_IS_DATASET (self), NULL);
  g_return_val_if_fail (tag <= self->n_tags, NULL);

  return self->tag_names[tag];
}

/**
 * pm_dataset_lookup_tag:
 * @name: a tag, byte for byte, or "TOTAL"
 * @tag: (out) (optional): its index
 *
 * Returns: %TRUE when the dataset has that tag
 */
gboolean
pm_dataset_lookup_tag (PmDataset  *self,
                       const char *name,
                       guint      *tag)
{
  gpointer value;

  g_return_val_if_fail (PM_IS_DATASET (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (strcmp (name, "TOTAL") == 0)
    value = GUINT_TO_POINTER (self->n_tags + 1);
  else if ((value = g_hash_table_lookup (self->tag_index, name)) == NULL)
    return FALSE;

  if (tag != NULL)
    *tag = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/**
 * pm_dataset_get_tag_binary:
 *
 * Returns: the driver the files or pooltag.txt name for @tag, or ""
 */
const char *
pm_dataset_get_tag_binary (PmDataset *self,
                           guint      tag)
{
  g_return_val_if_fail (PM_IS_DATASET (self), NULL);
  g_return_val_if_fail (tag <= self->n_tags, NULL);

  return self->binaries[tag] ? self->binaries[tag] : "";
}

/**
 * pm_dataset_get_tag_description:
 *
 * Returns: what the files or pooltag.txt say @tag is for, or ""
 */
const char *
pm_dataset_get_tag_description (PmDataset *self,
                                guint      tag)
{
  g_return_val_if_fail (PM_IS_DATASET (self), NULL);
  g_return_val_if_fail (tag <= self->n_tags, NULL);

  return self->descriptions[tag] ? self->descriptions[tag] : "";
}

/**
 * pm_dataset_has_metric:
 *
 * Returns: %TRUE when the files' columns give @metric; an unavailable metric
 *   reads as 0 everywhere but must be reported as unavailable, not zero
 */
gboolean
pm_dataset_has_metric (PmDataset *self,
                       PmMetric   metric)
{
  guint have;

  g_return_val_if_fail (PM_IS_DATASET (self), FALSE);

  have = self->have;
  switch (metric)
    {
    case PM_METRIC_PAGED_DIFF:
      return (have & PM_ROW_HAVE_PAGED_DIFF) != 0;
    case PM_METRIC_NON_PAGED_DIFF:
      return (have & PM_ROW_HAVE_NON_PAGED_DIFF) != 0;
    case PM_METRIC_TOTAL_DIFF:
      return (have & ROW_HAVE_DIFFS) == ROW_HAVE_DIFFS;
    case PM_METRIC_PAGED_USED_BYTES:
      return (have & PM_ROW_HAVE_PAGED_USED) != 0;
    case PM_METRIC_NON_PAGED_USED_BYTES:
      return (have & PM_ROW_HAVE_NON_PAGED_USED) != 0;
    case PM_METRIC_TOTAL_USED_BYTES:
      return (have & PM_ROW_HAVE_TOTAL_USED) != 0 ||
             (have & ROW_HAVE_PAGED_AND_NON_PAGED_USED) == ROW_HAVE_PAGED_AND_NON_PAGED_USED;
    case PM_N_METRICS:
    default:
      return FALSE;
    }
}

/**
 * pm_dataset_has_time_base:
 *
 * Returns: %TRUE when every snapshot gave a time in @base; otherwise
 *   pm_dataset_get_times() fills the gaps from the other base
 */
gboolean
pm_dataset_has_time_base (PmDataset  *self,
                          PmTimeBase  base)
{
  g_return_val_if_fail (PM_IS_DATASET (self), FALSE);
  g_return_val_if_fail (base < PM_N_TIME_BASES, FALSE);

  return (self->time_bases & (1u << base)) != 0;
}

/**
 * pm_dataset_get_times:
 * @base: which clock
 *
 * Snapshots are ordered by UTC time. Local times are wall-clock readings
 * stored as if they were UTC (pm_parse_timestamp()), so formatting one as UTC
 * prints the lab machine's wall clock.
 *
 * Returns: (transfer none) (array): n_snapshots times, seconds since 1970
 */
const gint64 *
pm_dataset_get_times (PmDataset  *self,
                      PmTimeBase  base)
{
  g_return_val_if_fail (PM_IS_DATASET (self), NULL);
  g_return_val_if_fail (base < PM_N_TIME_BASES, NULL);

  return self->times[base];
}

/**
 * pm_dataset_get_present:
 *
 * Returns: %TRUE when the files have a row for @tag in @snapshot (TOTAL is
 *   present everywhere). An absent tag reads as 0 there.
 */
gboolean
pm_dataset_get_present (PmDataset *self,
                        guint      tag,
                        guint      snapshot)
{
  g_return_val_if_fail (PM_IS_DATASET (self), FALSE);
  g_return_val_if_fail (tag <= self->n_tags && snapshot < self->n_snapshots, FALSE);

  if (tag == self->n_tags)
    return TRUE;

  return (self->present[(gsize) tag * self->present_stride + snapshot / 8] >> (snapshot & 7)) & 1;
}

/**
 * pm_dataset_get_n_present:
 *
 * Returns: in how many snapshots @tag is present
 */
guint
pm_dataset_get_n_present (PmDataset *self,
                          guint      tag)
{
  g_return_val_if_fail (PM_IS_DATASET (self), 0);
  g_return_val_if_fail (tag <= self->n_tags, 0);

  return self->n_present[tag];
}

/**
 * pm_dataset_copy_present:
 * @out: (out caller-allocates) (array length=n_values): 1 where present, else 0
 */
void
pm_dataset_copy_present (PmDataset *self,
                         guint      tag,
                         guint      first,
                         guint      n_values,
                         guint8    *out)
{
  const guint8 *bits;

  g_return_if_fail (PM_IS_DATASET (self));
  g_return_if_fail (tag <= self->n_tags);
  g_return_if_fail (first <= self->n_snapshots && n_values <= self->n_snapshots - first);

  if (tag == self->n_tags)
    {
      memset (out, 1, n_values);
      return;
    }

  bits = &self->present[(gsize) tag * self->present_stride];
  for (guint i = 0; i < n_values; i++)
    out[i] = (bits[(first + i) / 8] >> ((first + i) & 7)) & 1;
}

/* The one place that knows how metrics derive from stored columns: fills
 * @out with @n values of @metric for @tag from snapshot @first on. Each
 * output type gets its own copy of the loop so the compiler can vectorise. */
#define DEFINE_COPY_SERIES(name, T)                                                  \
static void                                                                         \
name (PmDataset *self,                                                              \
      PmMetric   metric,                                                            \
      guint      tag,                                                               \
      guint      first,                                                             \
      guint      n,                                                                 \
      T         *out)                                                               \
{                                                                                   \
  const guint32 *pd = NULL, *nd = NULL;                                             \
  const gint64 *pu = NULL, *nu = NULL, *tu = NULL;                                  \
  gsize row = (gsize) tag * self->n_snapshots + first;                              \
                                                                                    \
  if (!pm_dataset_has_metric (self, metric))                                        \
    {                                                                               \
      memset (out, 0, sizeof (T) * n);                                              \
      return;                                                                       \
    }                                                                               \
                                                                                    \
  if (tag == self->n_tags)                                                          \
    {                                                                               \
      const gint64 *a = NULL, *b = NULL;                                            \
                                                                                    \
      switch (metric)                                                               \
        {                                                                           \
        case PM_METRIC_PAGED_DIFF: a = self->totals[BASE_PAGED_DIFF]; break;        \
        case PM_METRIC_NON_PAGED_DIFF: a = self->totals[BASE_NON_PAGED_DIFF]; break;\
        case PM_METRIC_TOTAL_DIFF:                                                  \
          a = self->totals[BASE_PAGED_DIFF];                                        \
          b = self->totals[BASE_NON_PAGED_DIFF];                                    \
          break;                                                                    \
        case PM_METRIC_PAGED_USED_BYTES: a = self->totals[BASE_PAGED_USED]; break;  \
        case PM_METRIC_NON_PAGED_USED_BYTES:                                        \
          a = self->totals[BASE_NON_PAGED_USED];                                    \
          break;                                                                    \
        case PM_METRIC_TOTAL_USED_BYTES:                                            \
        case PM_N_METRICS:                                                          \
        default:                                                                    \
          if (self->used[BASE_TOTAL_USED - BASE_PAGED_USED])                        \
            a = self->totals[BASE_TOTAL_USED];                                      \
          else                                                                      \
            {                                                                       \
              a = self->totals[BASE_PAGED_USED];                                    \
              b = self->totals[BASE_NON_PAGED_USED];                                \
            }                                                                       \
          break;                                                                    \
        }                                                                           \
      for (guint i = 0; i < n; i++)                                                 \
        out[i] = (T) (a[first + i] + (b ? b[first + i] : 0));                       \
      return;                                                                       \
    }                                                                               \
                                                                                    \
  switch (metric)                                                                   \
    {                                                                               \
    case PM_METRIC_PAGED_DIFF:                                                      \
      pd = self->diffs[BASE_PAGED_DIFF] + row;                                      \
      for (guint i = 0; i < n; i++)                                                 \
        out[i] = (T) pd[i];                                                         \
      break;                                                                        \
    case PM_METRIC_NON_PAGED_DIFF:                                                  \
      nd = self->diffs[BASE_NON_PAGED_DIFF] + row;                                  \
      for (guint i = 0; i < n; i++)                                                 \
        out[i] = (T) nd[i];                                                         \
      break;                                                                        \
    case PM_METRIC_TOTAL_DIFF:                                                      \
      pd = self->diffs[BASE_PAGED_DIFF] + row;                                      \
      nd = self->diffs[BASE_NON_PAGED_DIFF] + row;                                  \
      for (guint i = 0; i < n; i++)                                                 \
        out[i] = (T) ((gint64) pd[i] + (gint64) nd[i]);                             \
      break;                                                                        \
    case PM_METRIC_PAGED_USED_BYTES:                                                \
      pu = self->used[0] + row;                                                     \
      for (guint i = 0; i < n; i++)                                                 \
        out[i] = (T) pu[i];                                                         \
      break;                                                                        \
    case PM_METRIC_NON_PAGED_USED_BYTES:                                            \
      nu = self->used[1] + row;                                                     \
      for (guint i = 0; i < n; i++)                                                 \
        out[i] = (T) nu[i];                                                         \
      break;                                                                        \
    case PM_METRIC_TOTAL_USED_BYTES:                                                \
    case PM_N_METRICS:                                                              \
    default:                                                                        \
      if (self->used[2] != NULL)                                                    \
        {                                                                           \
          tu = self->used[2] + row;                                                 \
          for (guint i = 0; i < n; i++)                                             \
            out[i] = (T) tu[i];                                                     \
        }                                                                           \
      else                                                                          \
        {                                                                           \
          pu = self->used[0] + row;                                                 \
          nu = self->used[1] + row;                                                 \
          for (guint i = 0; i < n; i++)                                             \
            out[i] = (T) (pu[i] + nu[i]);                                           \
        }                                                                           \
      break;                                                                        \
    }                                                                               \
}

DEFINE_COPY_SERIES (copy_series_int64, gint64)
DEFINE_COPY_SERIES (copy_series_double, double)

/**
 * pm_dataset_copy_series:
 * @metric: which value
 * @tag: a tag index, or TOTAL
 * @first: the first snapshot
 * @n_values: how many snapshots
 * @out: (out caller-allocates) (array length=n_values): the values
 *
 * Copies a run of a tag's series. Snapshots where the tag is absent read 0.
 */
void
pm_dataset_copy_series (PmDataset *self,
                        PmMetric   metric,
                        guint      tag,
                        guint      first,
                        guint      n_values,
                        gint64    *out)
{
  g_return_if_fail (PM_IS_DATASET (self));
  g_return_if_fail (metric < PM_N_METRICS && tag <= self->n_tags);
  g_return_if_fail (first <= self->n_snapshots && n_values <= self->n_snapshots - first);

  copy_series_int64 (self, metric, tag, first, n_values, out);
}

/**
 * pm_dataset_copy_series_double:
 *
 * As pm_dataset_copy_series(), converted to double for analysis and drawing.
 */
void
pm_dataset_copy_series_double (PmDataset *self,
                               PmMetric   metric,
                               guint      tag,
                               guint      first,
                               guint      n_values,
                               double    *out)
{
  g_return_if_fail (PM_IS_DATASET (self));
  g_return_if_fail (metric < PM_N_METRICS && tag <= self->n_tags);
  g_return_if_fail (first <= self->n_snapshots && n_values <= self->n_snapshots - first);

  copy_series_double (self, metric, tag, first, n_values, out);
}

/**
 * pm_dataset_get_value:
 *
 * Returns: one value of @metric for @tag in @snapshot
 */
gint64
pm_dataset_get_value (PmDataset *self,
                      PmMetric   metric,
                      guint      tag,
                      guint      snapshot)
{
  gint64 value = 0;

  pm_dataset_copy_series (self, metric, tag, snapshot, 1, &value);
  return value;
}

/**
 * pm_dataset_get_problems:
 *
 * Returns: (transfer none) (element-type PmProblem): what was wrong with the
 *   input, in input order, at most %PM_MAX_PROBLEMS_PER_FILE listed per file
 */
GPtrArray *
pm_dataset_get_problems (PmDataset *self)
{
  g_return_val_if_fail (PM_IS_DATASET (self), NULL);

  return self->problems;
}

/**
 * pm_dataset_get_n_problems:
 *
 * Returns: every problem found, including those not listed
 */
guint
pm_dataset_get_n_problems (PmDataset *self)
{
  guint n = 0;

  g_return_val_if_fail (PM_IS_DATASET (self), 0);

  for (guint i = 0; i < self->files->len; i++)
    n += ((PmFileReport *) g_ptr_array_index (self->files, i))->n_problems;

  return MAX (n, self->problems->len);
}

/**
 * pm_dataset_get_files:
 *
 * Returns: (transfer none) (element-type PmFileReport): per input file, what
 *   was read
 */
GPtrArray *
pm_dataset_get_files (PmDataset *self)
{
  g_return_val_if_fail (PM_IS_DATASET (self), NULL);

  return self->files;
}
