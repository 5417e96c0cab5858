/* pm-dataset.c: snapshots x tags, immutable once built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Storage is tag-major and packed: per base column and tag, chunks of
 * PM_CHUNK snapshots, each a frame-of-reference bit packing of the steps
 * between neighbours (pm-packed.c). Counters change slowly, so a cell with
 * every column costs about a byte instead of 24 (docs/store.md has the
 * figures), and copying a series out decodes at about a nanosecond a value.
 * Only the base columns the files provide are stored; TotalDiff and, usually,
 * TotalUsedBytes are sums computed on the way out. TOTAL is an extra row of
 * plain 64-bit sums per base column. pm-dataset-builder.c fills it.
 */
#include "pm-dataset-private.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (PmDataset, pm_dataset, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (PmProblem, pm_problem, pm_problem_copy, pm_problem_free)
G_DEFINE_BOXED_TYPE (PmFileReport, pm_file_report, pm_file_report_copy, pm_file_report_free)

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

/* Appends @c as a visible escape (`\n`, `\r`, `\t`, `\x01`) when it is a
 * control character and returns %TRUE; otherwise appends nothing. */
gboolean
_pm_append_control_escape (GString *out,
                           guchar   c)
{
  if (c == '\n')
    g_string_append (out, "\\n");
  else if (c == '\r')
    g_string_append (out, "\\r");
  else if (c == '\t')
    g_string_append (out, "\\t");
  else if (c < 0x20 || c == 0x7f)
    g_string_append_printf (out, "\\x%02x", c);
  else
    return FALSE;
  return TRUE;
}

/* Control characters (a newline in a file name) as visible escapes, so
 * that one problem stays one line. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (!_pm_append_control_escape (out, *p))
      g_string_append_c (out, *p);
}

/**
 * pm_problem_to_text:
 *
 * Returns: (transfer full): "FILE:LINE: message" ("FILE: message" without
 *   a line), control characters in either shown as escapes (`\n`, `\x01`)
 */
char *
pm_problem_to_text (const PmProblem *problem)
{
  GString *out = g_string_new (NULL);

  append_escaped (out, problem->file);
  if (problem->line > 0)
    g_string_append_printf (out, ":%u", problem->line);
  g_string_append (out, ": ");
  append_escaped (out, problem->message);
  return g_string_free (out, FALSE);
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
  for (guint i = 0; i < PM_N_TIME_BASES && !self->frame_shared; i++)
    g_free (self->times[i]);
  for (guint b = 0; b < PM_N_BASES; b++)
    {
      PmPackedColumn *column = self->columns[b];

      if (column == NULL)
        continue;
      for (guint w = 0; w < column->n_windows && self->blob_memory == NULL; w++)
        g_free (column->blobs[w]);
      g_free (column->blobs);
      g_free (column->blob_sizes);
      g_free (column->offsets);
      g_free (column);
    }
  for (guint i = 0; i < PM_N_BASES && !self->frame_shared; i++)
    g_free (self->totals[i]);
  if (!self->frame_shared)
    g_free (self->present);
  g_clear_pointer (&self->blob_memory, g_bytes_unref);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->files);
  g_array_unref (self->boots);
  g_free (self->tail_allocs);

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
  self->boots = g_array_new (FALSE, FALSE, sizeof (guint));
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
      return (have & PM_ROW_HAVE_DIFFS) == PM_ROW_HAVE_DIFFS;
    case PM_METRIC_PAGED_USED_BYTES:
      return (have & PM_ROW_HAVE_PAGED_USED) != 0;
    case PM_METRIC_NON_PAGED_USED_BYTES:
      return (have & PM_ROW_HAVE_NON_PAGED_USED) != 0;
    case PM_METRIC_TOTAL_USED_BYTES:
      return (have & PM_ROW_HAVE_TOTAL_USED) != 0 ||
             (have & PM_ROW_HAVE_BOTH_USED) == PM_ROW_HAVE_BOTH_USED;
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

/* Decodes @n values of one stored column of @tag from snapshot @first on;
 * the run lies within one chunk. */
static inline void
decode_run (PmDataset *self,
            PmBase     base,
            guint      tag,
            guint      first,
            guint      n,
            gint64    *out)
{
  const PmPackedColumn *column = self->columns[base];
  guint window = first >> PM_CHUNK_SHIFT;
  guint len = MIN (PM_CHUNK, self->n_snapshots - window * PM_CHUNK);

  _pm_packed_decode (column->blobs[window] +
                       column->offsets[(gsize) tag * column->n_windows + window],
                     len, first & (PM_CHUNK - 1), n, out);
}

/* The one place that knows how metrics derive from stored columns: @metric
 * is column @base_a, plus column @base_b unless that is -1, the sum
 * saturating (bytes) when @saturate. */
static inline void
metric_bases (PmDataset *self,
              PmMetric   metric,
              int       *base_a,
              int       *base_b,
              gboolean  *saturate)
{
  *base_b = -1;
  *saturate = FALSE;
  switch (metric)
    {
    case PM_METRIC_PAGED_DIFF: *base_a = PM_BASE_PAGED_DIFF; break;
    case PM_METRIC_NON_PAGED_DIFF: *base_a = PM_BASE_NON_PAGED_DIFF; break;
    case PM_METRIC_TOTAL_DIFF:
      *base_a = PM_BASE_PAGED_DIFF;
      *base_b = PM_BASE_NON_PAGED_DIFF;
      break;
    case PM_METRIC_PAGED_USED_BYTES: *base_a = PM_BASE_PAGED_USED; break;
    case PM_METRIC_NON_PAGED_USED_BYTES: *base_a = PM_BASE_NON_PAGED_USED; break;
    case PM_METRIC_TOTAL_USED_BYTES:
    case PM_N_METRICS:
    default:
      if (self->columns[PM_BASE_TOTAL_USED] != NULL)
        *base_a = PM_BASE_TOTAL_USED;
      else
        {
          *base_a = PM_BASE_PAGED_USED;
          *base_b = PM_BASE_NON_PAGED_USED;
          *saturate = TRUE;
        }
      break;
    }
}

/* Fills @out with @n values of @metric for @tag from snapshot @first on, a
 * chunk at a time. Each output type gets its own copy of the loops. */
#define DEFINE_COPY_SERIES(name, T)                                                  \
static void                                                                         \
name (PmDataset *self,                                                              \
      PmMetric   metric,                                                            \
      guint      tag,                                                               \
      guint      first,                                                             \
      guint      n,                                                                 \
      T         *out)                                                               \
{                                                                                   \
  gint64 a[PM_CHUNK], b[PM_CHUNK];                                                  \
  int base_a = -1, base_b = -1;                                                     \
  gboolean saturate = FALSE;                                                        \
                                                                                    \
  if (!pm_dataset_has_metric (self, metric))                                        \
    {                                                                               \
      memset (out, 0, sizeof (T) * n);                                              \
      return;                                                                       \
    }                                                                               \
                                                                                    \
  metric_bases (self, metric, &base_a, &base_b, &saturate);                         \
                                                                                    \
  if (tag == self->n_tags)                                                          \
    {                                                                               \
      const gint64 *ta = self->totals[base_a] + first;                              \
      const gint64 *tb = base_b >= 0 ? self->totals[base_b] + first : NULL;         \
                                                                                    \
      for (guint i = 0; i < n; i++)                                                 \
        out[i] = (T) pm_add_saturating (ta[i], tb ? tb[i] : 0);                     \
      return;                                                                       \
    }                                                                               \
                                                                                    \
  while (n > 0)                                                                     \
    {                                                                               \
      guint run = MIN (n, PM_CHUNK - (first & (PM_CHUNK - 1)));                     \
                                                                                    \
      decode_run (self, base_a, tag, first, run, a);                                \
      if (base_b < 0)                                                               \
        for (guint i = 0; i < run; i++)                                             \
          out[i] = (T) a[i];                                                        \
      else                                                                          \
        {                                                                           \
          decode_run (self, base_b, tag, first, run, b);                            \
          if (saturate)                                                             \
            for (guint i = 0; i < run; i++)                                         \
              out[i] = (T) pm_add_saturating (a[i], b[i]);                          \
          else                                                                      \
            for (guint i = 0; i < run; i++)                                         \
              out[i] = (T) (a[i] + b[i]);                                           \
        }                                                                           \
      out += run;                                                                   \
      first += run;                                                                 \
      n -= run;                                                                     \
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

/**
 * pm_dataset_get_boots:
 * @n_boots: (out): how many reboots were seen
 *
 * Where the lab machine rebooted between two snapshots: most tags' cumulative
 * allocation counters went down there. Only files with Allocs columns tell.
 *
 * Returns: (transfer none) (array length=n_boots) (nullable): the index of
 *   the first snapshot after each reboot, in time order; %NULL when the
 *   files have no Allocs column, so reboots cannot be told
 */
const guint *
pm_dataset_get_boots (PmDataset *self,
                      guint     *n_boots)
{
  static const guint none[1] = { 0 };

  g_return_val_if_fail (PM_IS_DATASET (self), NULL);
  g_return_val_if_fail (n_boots != NULL, NULL);

  *n_boots = self->boots->len;
  if (!(self->have & PM_ROW_HAVE_ALLOCS))
    return NULL;
  return self->boots->len > 0 ? (const guint *) self->boots->data : none;
}

/* The bytes the dataset's numbers take: packed columns, their offsets,
 * presence bits, TOTAL and times (not names, problems or file reports). */
gsize
_pm_dataset_get_storage_size (PmDataset *self)
{
  gsize size = 0;

  for (guint b = 0; b < PM_N_BASES; b++)
    {
      const PmPackedColumn *column = self->columns[b];

      if (column == NULL)
        continue;
      for (guint w = 0; w < column->n_windows; w++)
        size += column->blob_sizes[w] + PM_PACKED_PADDING;
      size += (gsize) self->n_tags * column->n_windows * sizeof (guint32);
    }
  size += (gsize) self->n_tags * ((self->n_snapshots + 7) / 8);
  size += (gsize) self->n_snapshots * sizeof (gint64) * (PM_N_BASES + PM_N_TIME_BASES);
  return size;
}

/**
 * _pm_dataset_copy_series_after:
 * @carry: (inout) (array fixed-size=2): the values of the stored columns
 *   @metric reads (metric_bases(): @base_a, then @base_b) for @tag at
 *   snapshot @first − 1, unused when @first starts a window; on return,
 *   those at the last snapshot read
 *
 * As pm_dataset_copy_series() for a tag (not TOTAL) and @n >= 1, but each
 * value costs one step of its packed chunk instead of a walk from the
 * window's start: a tag table carried on over appended snapshots
 * (pm-tag-table-append.c) reads the new ones in their own cost.
 */
void
_pm_dataset_copy_series_after (PmDataset *self,
                               PmMetric   metric,
                               guint      tag,
                               guint      first,
                               guint      n,
                               gint64    *carry,
                               gint64    *out)
{
  gint64 a[PM_CHUNK], b[PM_CHUNK];
  int base_a = -1, base_b = -1;
  gboolean saturate = FALSE;

  g_return_if_fail (tag < self->n_tags && n >= 1);
  g_return_if_fail (first <= self->n_snapshots && n <= self->n_snapshots - first);

  if (!pm_dataset_has_metric (self, metric))
    {
      memset (out, 0, sizeof (gint64) * n);
      return;
    }
  metric_bases (self, metric, &base_a, &base_b, &saturate);
  while (n > 0)
    {
      guint window = first >> PM_CHUNK_SHIFT, from = first & (PM_CHUNK - 1);
      guint len = MIN (PM_CHUNK, self->n_snapshots - window * PM_CHUNK);
      guint run = MIN (n, PM_CHUNK - from);
      const PmPackedColumn *ca = self->columns[base_a];

      _pm_packed_decode_after (ca->blobs[window] + ca->offsets[(gsize) tag * ca->n_windows + window],
                               len, from, run, carry[0], a);
      carry[0] = a[run - 1];
      if (base_b < 0)
        memcpy (out, a, sizeof (gint64) * run);
      else
        {
          const PmPackedColumn *cb = self->columns[base_b];

          _pm_packed_decode_after (cb->blobs[window] +
                                     cb->offsets[(gsize) tag * cb->n_windows + window],
                                   len, from, run, carry[1], b);
          carry[1] = b[run - 1];
          for (guint i = 0; i < run; i++)
            out[i] = saturate ? pm_add_saturating (a[i], b[i]) : a[i] + b[i];
        }
      out += run;
      first += run;
      n -= run;
    }
}

/**
 * _pm_dataset_get_carry:
 * @carry: (out caller-allocates) (array fixed-size=2): the values of the
 *   stored columns @metric reads for @tag at @snapshot
 *
 * What _pm_dataset_copy_series_after() goes on from, read the long way
 * (a walk from the window's start).
 */
void
_pm_dataset_get_carry (PmDataset *self,
                       PmMetric   metric,
                       guint      tag,
                       guint      snapshot,
                       gint64    *carry)
{
  int base_a = -1, base_b = -1;
  gboolean saturate = FALSE;

  g_return_if_fail (tag < self->n_tags && snapshot < self->n_snapshots);

  carry[0] = carry[1] = 0;
  if (!pm_dataset_has_metric (self, metric))
    return;
  metric_bases (self, metric, &base_a, &base_b, &saturate);
  decode_run (self, base_a, tag, snapshot, 1, &carry[0]);
  if (base_b >= 0)
    decode_run (self, base_b, tag, snapshot, 1, &carry[1]);
}
