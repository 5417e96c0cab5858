/* pm-dataset-private.h: the dataset's storage, and how the loader hands it rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-dataset.h"
#include "pm-packed-private.h"
#include "pm-pooltag.h"

G_BEGIN_DECLS

/* Problems kept per file; beyond that only counted, so a file of garbage
 * cannot flood memory or a report. */
#define PM_MAX_PROBLEMS_PER_FILE 50

/* How a dataset stores its numbers; pm-dataset-builder.c fills them. */
typedef enum
{
  PM_BASE_PAGED_DIFF,
  PM_BASE_NON_PAGED_DIFF,
  PM_BASE_PAGED_USED,
  PM_BASE_NON_PAGED_USED,
  PM_BASE_TOTAL_USED,
  PM_N_BASES
} PmBase;

/* One stored column (a base) of every tag, packed (pm-packed-private.h): for
 * each window of PM_CHUNK snapshots a blob holding every tag's chunk, one
 * after the other, and where each tag's chunk starts in it. */
typedef struct
{
  guint     n_windows;
  guint8  **blobs;                /* per window, PM_PACKED_PADDING bytes after */
  gsize    *blob_sizes;
  guint32  *offsets;              /* [tag * n_windows + window] */
} PmPackedColumn;

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
  PmPackedColumn    *columns[PM_N_BASES];  /* NULL for a base the files lack */
  GBytes      *blob_memory;       /* when set, it holds every blob of the columns
                                   * (finalize frees none of them itself) */
  gint64      *totals[PM_N_BASES];   /* the TOTAL row per base */
  guint8      *present;           /* bits, row stride present_stride bytes */
  gsize        present_stride;    /* at least (n_snapshots + 7) / 8 */
  gboolean     frame_shared;      /* times, totals and present are shared with other
                                   * datasets and held by blob_memory (a followed
                                   * folder's, pm-follower-append.c): finalize
                                   * frees none of them itself */

  GPtrArray   *problems;
  GPtrArray   *files;
  GArray      *boots;             /* guint: first snapshot of each new boot */
  guint32     *tail_allocs;       /* per tag, its Allocs in the last snapshot (0: not
                                   * known there), so snapshots can be appended;
                                   * NULL without Allocs */
};

struct _PmDatasetBuilder
{
  GMutex      lock;
  GHashTable *tag_ids;            /* name -> id + 1 */
  GPtrArray  *tag_names;          /* by id */
  GPtrArray  *parts;              /* PmPart, in input order; may hold NULL */
  PmPooltag  *pooltag;            /* borrowed */
};

/* Byte counts near 2^63 are bad input, not a reason for undefined
 * behaviour: sums saturate. */
static inline gint64
pm_add_saturating (gint64 a,
                   gint64 b)
{
  if (b > 0 && a > G_MAXINT64 - b)
    return G_MAXINT64;
  if (b < 0 && a < G_MININT64 - b)
    return G_MININT64;
  return a + b;
}

#define PM_ROW_HAVE_DIFFS (PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF)
#define PM_ROW_HAVE_BOTH_USED (PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED)

typedef struct
{
  gint64 utc;
  gint64 local;
  guint  first_row;
  guint  n_rows;
  guint  line;
  guint8 has_utc;
  guint8 has_local;
} PmPartSnapshot;

typedef struct
{
  guint32  tag;
  char    *binary;
  char    *description;
} PmPartTagInfo;

/* The rows of one input file (or of one builder snapshot), column by column,
 * with only the columns that file has. Rows of one snapshot are contiguous. */
typedef struct
{
  char       *file;
  guint       have;
  guint       n_rows;
  guint       capacity;
  guint32    *tags;
  guint32    *paged_diff;
  guint32    *non_paged_diff;
  gint64     *paged_used;
  gint64     *non_paged_used;
  gint64     *total_used;
  guint32    *allocs;
  GArray     *snapshots;
  GArray     *tag_info;
  GPtrArray  *problems;
  guint       n_problems;
  guint       rows_skipped;
  guint       rows_duplicate;
  guint       n_streamed_snapshots;  /* snapshots already handed to the merge and let go
                                      * while the file was read (pm-dataset-window.c) */
  guint       n_streamed_rows;       /* their rows */
  guint       is_input_file : 1;
  struct _PmPartSlab *slab;       /* holds the row columns when set (pm-part-slab.c) */
} PmPart;

/* Copies row @r of @part into @cell of the merge's plain cells (a base the
 * dataset lacks has no cells: NULL) and adds it to that snapshot's @sums.
 * A column the file lacks reads 0 where the dataset has it; Total Used is
 * the sum of the two Used columns when the file has those alone. The one
 * row copy of both merges (pm-dataset-builder.c, pm-dataset-window.c). */
static inline void
_pm_part_copy_row (const PmPart *part,
                   guint         r,
                   gint64      **cells,
                   gsize         cell,
                   gint64       *sums)
{
  gint64 *pd = cells[PM_BASE_PAGED_DIFF];
  gint64 *nd = cells[PM_BASE_NON_PAGED_DIFF];
  gint64 *pu = cells[PM_BASE_PAGED_USED];
  gint64 *nu = cells[PM_BASE_NON_PAGED_USED];
  gint64 *tu = cells[PM_BASE_TOTAL_USED];

  if (pd)
    {
      pd[cell] = part->paged_diff ? part->paged_diff[r] : 0;
      sums[PM_BASE_PAGED_DIFF] += pd[cell];
    }
  if (nd)
    {
      nd[cell] = part->non_paged_diff ? part->non_paged_diff[r] : 0;
      sums[PM_BASE_NON_PAGED_DIFF] += nd[cell];
    }
  if (pu)
    {
      pu[cell] = part->paged_used ? part->paged_used[r] : 0;
      sums[PM_BASE_PAGED_USED] = pm_add_saturating (sums[PM_BASE_PAGED_USED], pu[cell]);
    }
  if (nu)
    {
      nu[cell] = part->non_paged_used ? part->non_paged_used[r] : 0;
      sums[PM_BASE_NON_PAGED_USED] = pm_add_saturating (sums[PM_BASE_NON_PAGED_USED], nu[cell]);
    }
  if (tu)
    {
      gboolean sum_used = (part->have & PM_ROW_HAVE_BOTH_USED) == PM_ROW_HAVE_BOTH_USED;

      tu[cell] = part->total_used ? part->total_used[r]
                 : sum_used ? pm_add_saturating (part->paged_used[r], part->non_paged_used[r])
                 : 0;
      sums[PM_BASE_TOTAL_USED] = pm_add_saturating (sums[PM_BASE_TOTAL_USED], tu[cell]);
    }
}

void     _pm_dataset_add_part_reports        (PmDataset        *self,
                                              PmPart           *part);
PmPart  *_pm_part_new                        (const char       *file);
void     _pm_part_free                       (PmPart           *part);
void     _pm_part_add_columns                (PmPart           *part,
                                              guint             have);
void     _pm_part_reserve                    (PmPart           *part,
                                              guint             n_more);
void     _pm_part_shrink                     (PmPart           *part);
void     _pm_part_add_row                    (PmPart           *part,
                                              guint32           tag,
                                              const PmRowValues *values);
void     _pm_part_add_problem                (PmPart           *part,
                                              guint             line,
                                              const char       *format,
                                              ...) G_GNUC_PRINTF (3, 4);
void     _pm_part_add_tag_info               (PmPart           *part,
                                              guint32           tag,
                                              const char       *binary,
                                              gsize             binary_len,
                                              const char       *description,
                                              gsize             description_len);

gsize    _pm_dataset_get_storage_size        (PmDataset        *self);
void     _pm_dataset_copy_series_after       (PmDataset        *self,
                                              PmMetric          metric,
                                              guint             tag,
                                              guint             first,
                                              guint             n,
                                              gint64           *carry,
                                              gint64           *out);
void     _pm_dataset_get_carry               (PmDataset        *self,
                                              PmMetric          metric,
                                              guint             tag,
                                              guint             snapshot,
                                              gint64           *carry);
void     _pm_dataset_allocate_storage        (PmDataset        *self,
                                              guint             have);
void     _pm_dataset_pack_window             (PmDataset        *self,
                                              PmPackedColumn   *column,
                                              guint             window,
                                              guint             len,
                                              const gint64     *cells,
                                              guint8           *scratch);
void     _pm_dataset_zero_absent_cells       (PmDataset        *self,
                                              gint64          **cells,
                                              guint             first_col,
                                              guint             len);
void     _pm_dataset_finish_window           (PmDataset        *self,
                                              gint64          **cells,
                                              guint             window,
                                              guint             first_col,
                                              guint             len,
                                              guint8           *scratch);
void     _pm_dataset_check_boot              (PmDataset        *self,
                                              guint             column,
                                              guint             common,
                                              guint             down);
/* One row of the reboot rule (see find_boots() in pm-dataset-builder.c):
 * a tag whose last count, non-zero, was in the column just before @column
 * is common to the two snapshots, and went down if @allocs is below it.
 * Then @allocs is the tag's last count, in @column. */
static inline void
_pm_boot_rule_row (guint32 *last_allocs,
                   guint   *last_column,
                   guint32  allocs,
                   guint    column,
                   guint   *common,
                   guint   *down)
{
  if (column > 0 && *last_column == column - 1 && *last_allocs != 0)
    {
      (*common)++;
      *down += allocs < *last_allocs;
    }
  *last_allocs = allocs;
  *last_column = column;
}

gboolean _pm_append_control_escape           (GString          *out,
                                              guchar            c);
guint    _pm_count_bits                      (const guint8     *bits,
                                              gsize             n_bytes);

/* A dataset made snapshot by snapshot, in time order, every tag known
 * beforehand: for generators of months of data, in the memory of the packed
 * result and one window (pm-dataset-stream.c). */
typedef struct _PmDatasetStream PmDatasetStream;

PmDatasetStream *_pm_dataset_stream_new      (const char * const *tag_names,
                                              guint             n_tags,
                                              guint             n_snapshots,
                                              guint             have);
void     _pm_dataset_stream_set_tag_info     (PmDatasetStream  *stream,
                                              guint             tag,
                                              const char       *binary,
                                              const char       *description);
void     _pm_dataset_stream_add_snapshot     (PmDatasetStream  *stream,
                                              gint64            utc,
                                              gint64            local,
                                              const PmRowValues *rows);
PmDataset *_pm_dataset_stream_end            (PmDatasetStream  *stream);
GBytes  *_pm_dataset_to_image                (PmDataset        *self);
GPtrArray *_pm_dataset_to_image_pieces       (PmDataset        *self);
PmDataset *_pm_dataset_from_image            (GBytes           *image,
                                              gsize             offset);
/* A new snapshot an append takes: its UTC time, its part and its index in
 * the part (pm-dataset-append.c; the follower's append uses them too). */
typedef struct
{
  gint64 key;
  guint  part;
  guint  snapshot;
} PmNewSnapshotRef;

GArray    *_pm_dataset_order_new_snapshots (PmDataset        *old,
                                             PmDatasetBuilder *builder);
gboolean   _pm_dataset_same_tag_text       (const char       *old,
                                             const char       *new);
PmDataset *_pm_dataset_append                (PmDataset        *old,
                                              PmDatasetBuilder *builder);

guint32  _pm_dataset_builder_intern_tag      (PmDatasetBuilder *builder,
                                              const char       *tag,
                                              gsize             len);
void     _pm_dataset_builder_set_n_parts     (PmDatasetBuilder *builder,
                                              guint             n_parts);
void     _pm_dataset_builder_set_part        (PmDatasetBuilder *builder,
                                              guint             index,
                                              PmPart           *part);
void     _pm_dataset_builder_set_pooltag     (PmDatasetBuilder *builder,
                                              PmPooltag        *pooltag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmPart, _pm_part_free)

G_END_DECLS
