/* pm-run-compare.c: two runs compared tag by tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each run's figures come from a #PmTagTable over its compared span, its
 * rates and verdicts from the leak finder (pm-run-judge.c); tags are matched
 * by name, byte for byte. A tag a run lacks held nothing there: it counts as
 * 0 in the differences (peak, mean, growth and rate), so a tag that appears
 * only in B and grows there ranks as B's growth.
 */
#include "pm-run-compare-private.h"

#include <math.h>
#include <string.h>

#include "pm-tag-table.h"

struct _PmRunCompare
{
  gatomicrefcount      ref_count;
  PmRunSet            *set;
  guint                runs[2];
  PmRunCompareOptions  options;
  gboolean             normalised;
  gboolean             judged;
  guint                first[2];
  guint                n_snapshots[2];
  double               hours[2];
  GArray              *rows;      /* PmRunCompareRow, ranked */
  PmRunCompareRow      total;
  GHashTable          *by_name;   /* name -> index + 1 */
};

G_DEFINE_BOXED_TYPE (PmRunCompare, pm_run_compare, pm_run_compare_ref, pm_run_compare_unref)

/* What turns a run's figures into per-operation ones. */
typedef struct
{
  double growth_divisor;   /* operations in the compared span */
  double rate_divisor;     /* operations per hour */
} PmScale;

static void
row_clear (PmRunCompareRow *row)
{
  g_free (row->name);
  g_free (row->run[0].reason);
  g_free (row->run[1].reason);
}

/**
 * pm_run_compare_options_init:
 *
 * TotalUsedBytes judged with TotalDiff (the leak finder's default), UTC,
 * elapsed time, each run whole, no normalisation.
 */
void
pm_run_compare_options_init (PmRunCompareOptions *options)
{
  memset (options, 0, sizeof *options);
  options->metric = PM_METRIC_TOTAL_USED_BYTES;
  options->judge_both = TRUE;
  options->time_base = PM_TIME_BASE_UTC;
  options->align = PM_RUN_ALIGN_ELAPSED;
  options->common_span = FALSE;
}

static double
span_hours (PmDataset  *dataset,
            PmTimeBase  base,
            guint       first,
            guint       n_snapshots)
{
  const gint64 *times = pm_dataset_get_times (dataset, base);

  if (n_snapshots == 0)
    return 0;
  return (times[first + n_snapshots - 1] - times[first]) / 3600.0;
}

static gboolean
check_options (PmRunCompare  *self,
               GError       **error)
{
  const double *per = self->options.per;

  if ((per[0] != 0 || per[1] != 0) &&
      (!(per[0] > 0) || !(per[1] > 0) || !isfinite (per[0]) || !isfinite (per[1])))
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_INVALID,
                           "the workload counts must both be positive numbers");
      return FALSE;
    }
  self->normalised = per[0] > 0 && per[1] > 0;

  for (guint w = 0; w < 2; w++)
    {
      PmDataset *dataset = pm_run_set_get_dataset (self->set, self->runs[w]);

      if (!pm_dataset_has_metric (dataset, self->options.metric))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_NO_DATA, "run '%s' has no columns to compute %s from",
                       pm_run_set_get_name (self->set, self->runs[w]),
                       pm_metric_to_string (self->options.metric));
          return FALSE;
        }
    }

  return TRUE;
}

/* The snapshots of each run to compare: all, or the common span. */
static gboolean
find_ranges (PmRunCompare  *self,
             GError       **error)
{
  gint64 x0 = G_MININT64, x1 = G_MAXINT64;
  const PmRunCompareOptions *o = &self->options;

  if (o->common_span)
    {
      g_autoptr(PmRunSet) pair = pm_run_set_new ();

      for (guint w = 0; w < 2; w++)
        pm_run_set_add (pair, pm_run_set_get_name (self->set, self->runs[w]),
                        pm_run_set_get_dataset (self->set, self->runs[w]), NULL);
      if (!pm_run_set_get_common_span (pair, o->align, o->time_base, &x0, &x1))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_NO_DATA,
                       "runs '%s' and '%s' have no time in common on the %s axis",
                       pm_run_set_get_name (self->set, self->runs[0]),
                       pm_run_set_get_name (self->set, self->runs[1]),
                       pm_run_align_to_string (o->align));
          return FALSE;
        }
    }

  for (guint w = 0; w < 2; w++)
    {
      PmDataset *dataset = pm_run_set_get_dataset (self->set, self->runs[w]);

      if (!pm_run_set_get_snapshot_range (self->set, self->runs[w], o->align, o->time_base,
                                          x0, x1, &self->first[w], &self->n_snapshots[w]))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_NO_DATA, "run '%s' has no snapshot to compare",
                       pm_run_set_get_name (self->set, self->runs[w]));
          return FALSE;
        }
      self->hours[w] = span_hours (dataset, o->time_base, self->first[w], self->n_snapshots[w]);
    }

  return TRUE;
}

static PmScale
run_scale (PmRunCompare *self,
           guint         w)
{
  PmDataset *dataset = pm_run_set_get_dataset (self->set, self->runs[w]);
  double run_hours = span_hours (dataset, self->options.time_base, 0,
                                 pm_dataset_get_n_snapshots (dataset));
  double count = self->options.per[w];
  PmScale scale = { 1, 1 };

  if (!self->normalised)
    return scale;

  /* The workload is taken as even over the run: the compared span did its
   * share of the operations. A run of one instant has no rate per hour. */
  scale.growth_divisor = run_hours > 0 ? count * self->hours[w] / run_hours : count;
  scale.rate_divisor = run_hours > 0 ? count / run_hours : NAN;
  if (scale.growth_divisor <= 0)
    scale.growth_divisor = count;

  return scale;
}

static void
fill_figures (PmRunTagFigures      *fig,
              PmTagTable           *table,
              const PmRunJudgement *judgement,
              guint                 tag,
              PmScale               scale)
{
  const PmTagStats *st;

  memset (fig, 0, sizeof *fig);
  fig->tag = tag;
  if (tag == G_MAXUINT || (st = pm_tag_table_get_stats (table, tag))->n_present == 0)
    {
      fig->tag = tag;
      fig->verdict = PM_RUN_VERDICT_ABSENT;
      return;
    }

  fig->n_present = st->n_present;
  fig->peak = st->peak;
  fig->mean = st->mean;
  fig->growth = st->increase_abs / scale.growth_divisor;
  if (judgement != NULL)
    {
      fig->verdict = judgement->verdict;
      fig->rate = judgement->rate / scale.rate_divisor;
      fig->rate_low = judgement->rate_low / scale.rate_divisor;
      fig->rate_high = judgement->rate_high / scale.rate_divisor;
      fig->reason = g_strdup (judgement->reason);
    }
  else
    {
      fig->verdict = PM_RUN_VERDICT_NOT_JUDGED;
      fig->rate = fig->rate_low = fig->rate_high = NAN;
    }
}

/* B − A. Each run's interval is taken as independent of the other's; each
 * end of the difference's interval combines the half-widths on that side
 * (B's lower with A's upper for the lower end) as the root of their
 * squares, which for symmetric normal intervals is the usual
 * sqrt(se_a² + se_b²) and keeps a skewed interval skewed. */
static void
fill_differences (PmRunCompareRow *row)
{
  const PmRunTagFigures *a = &row->run[0], *b = &row->run[1];

  row->d_peak = (double) b->peak - (double) a->peak;
  row->d_mean = b->mean - a->mean;
  row->d_growth = b->growth - a->growth;
  row->d_rate = b->rate - a->rate;
  row->d_rate_low = row->d_rate - hypot (b->rate - b->rate_low, a->rate_high - a->rate);
  row->d_rate_high = row->d_rate + hypot (b->rate_high - b->rate, a->rate - a->rate_low);
  row->differs = isfinite (row->d_rate) && (row->d_rate_low > 0 || row->d_rate_high < 0);

  if (a->verdict == PM_RUN_VERDICT_LEAK)
    row->growth = b->verdict == PM_RUN_VERDICT_LEAK ? PM_RUN_GROWTH_BOTH : PM_RUN_GROWTH_ONLY_A;
  else
    row->growth = b->verdict == PM_RUN_VERDICT_LEAK ? PM_RUN_GROWTH_ONLY_B : PM_RUN_GROWTH_NEITHER;
}

/* An absent tag's rate is 0, exactly: it held nothing. */
static void
absent_rate (PmRunTagFigures *fig)
{
  if (fig->verdict == PM_RUN_VERDICT_ABSENT)
    fig->rate = fig->rate_low = fig->rate_high = 0;
}

/* The rate difference first, B's growth at the top; rows without one after
 * those, by the growth difference; then by name. */
static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const PmRunCompareRow *ra = a, *rb = b;
  gboolean da = isfinite (ra->d_rate), db = isfinite (rb->d_rate);

  if (da != db)
    return da ? -1 : 1;
  if (da && ra->d_rate != rb->d_rate)
    return ra->d_rate > rb->d_rate ? -1 : 1;
  if (ra->d_growth != rb->d_growth)
    return ra->d_growth > rb->d_growth ? -1 : 1;
  return strcmp (ra->name, rb->name);
}

/* The leak finder's answers for both runs, freed together. */
typedef struct
{
  PmRunJudgement *judgements[2];
  guint           n[2];
} Judged;

static void
judged_clear (Judged *j)
{
  for (guint w = 0; w < 2; w++)
    {
      for (guint t = 0; j->judgements[w] != NULL && t < j->n[w]; t++)
        g_free (j->judgements[w][t].reason);
      g_clear_pointer (&j->judgements[w], g_free);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Judged, judged_clear)

static gboolean
build_rows (PmRunCompare  *self,
            GCancellable  *cancellable,
            GError       **error)
{
  PmDataset *ds[2];
  g_autoptr(PmTagTable) table_a = NULL;
  g_autoptr(PmTagTable) table_b = NULL;
  PmTagTable *tables[2];
  g_auto(Judged) jd = { { NULL, NULL }, { 0, 0 } };
  PmRunJudgement **judgements = jd.judgements;
  PmScale scales[2];
  gboolean judged[2] = { FALSE, FALSE };
  guint i = 0, j = 0;
  guint *n = jd.n;

  for (guint w = 0; w < 2; w++)
    {
      ds[w] = pm_run_set_get_dataset (self->set, self->runs[w]);
      n[w] = pm_dataset_get_n_tags (ds[w]);
      judgements[w] = g_new0 (PmRunJudgement, MAX (n[w], 1));
      if (!_pm_run_judge (ds[w], &self->options, self->first[w], self->n_snapshots[w],
                          judgements[w], &judged[w], cancellable, error))
        return FALSE;
      scales[w] = run_scale (self, w);
    }
  self->judged = judged[0] && judged[1];

  table_a = pm_tag_table_new (ds[0], self->options.metric, self->first[0], self->n_snapshots[0], error);
  table_b = table_a ? pm_tag_table_new (ds[1], self->options.metric, self->first[1],
                                        self->n_snapshots[1], error) : NULL;
  if (table_b == NULL)
    return FALSE;
  tables[0] = table_a;
  tables[1] = table_b;

  /* Both datasets list their tags in byte order: a merge join. */
  while (i < n[0] || j < n[1])
    {
      const char *na = i < n[0] ? pm_dataset_get_tag_name (ds[0], i) : NULL;
      const char *nb = j < n[1] ? pm_dataset_get_tag_name (ds[1], j) : NULL;
      int c = na == NULL ? 1 : nb == NULL ? -1 : strcmp (na, nb);
      guint tags[2] = { c <= 0 ? i++ : G_MAXUINT, c >= 0 ? j++ : G_MAXUINT };
      PmRunCompareRow row = { 0 };

      row.name = g_strdup (c <= 0 ? na : nb);
      for (guint w = 0; w < 2; w++)
        {
          fill_figures (&row.run[w], tables[w],
                        tags[w] != G_MAXUINT ? &judgements[w][tags[w]] : NULL, tags[w], scales[w]);
          absent_rate (&row.run[w]);
        }
      fill_differences (&row);
      if (row.run[0].verdict != PM_RUN_VERDICT_ABSENT || row.run[1].verdict != PM_RUN_VERDICT_ABSENT)
        g_array_append_val (self->rows, row);
      else
        row_clear (&row);
    }

  /* TOTAL: figures only, the leak finder does not judge it. */
  self->total.name = g_strdup ("TOTAL");
  for (guint w = 0; w < 2; w++)
    fill_figures (&self->total.run[w], tables[w], NULL, pm_dataset_get_total_tag (ds[w]), scales[w]);
  fill_differences (&self->total);

  g_array_sort (self->rows, compare_rows);
  for (guint r = 0; r < self->rows->len; r++)
    g_hash_table_insert (self->by_name, g_array_index (self->rows, PmRunCompareRow, r).name,
                         GUINT_TO_POINTER (r + 1));

  return TRUE;
}

/**
 * pm_run_compare_new:
 * @set: the runs
 * @run_a: the index of run A (the control, the run before)
 * @run_b: the index of run B (the test, the run after)
 * @options: (nullable): %NULL for pm_run_compare_options_init()'s
 * @cancellable: (nullable): to stop early
 *
 * Compares two runs of @set tag by tag. Fails when a run lacks the columns
 * for the metric, when the runs have no span in common (with
 * @options->common_span), or when the workload counts are not positive.
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL with @error
 */
PmRunCompare *
pm_run_compare_new (PmRunSet                   *set,
                    guint                       run_a,
                    guint                       run_b,
                    const PmRunCompareOptions  *options,
                    GCancellable               *cancellable,
                    GError                    **error)
{
  g_autoptr(PmRunCompare) self = NULL;

  g_return_val_if_fail (PM_IS_RUN_SET (set), NULL);
  g_return_val_if_fail (run_a < pm_run_set_get_n_runs (set), NULL);
  g_return_val_if_fail (run_b < pm_run_set_get_n_runs (set), NULL);

  self = g_new0 (PmRunCompare, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->set = g_object_ref (set);
  self->runs[0] = run_a;
  self->runs[1] = run_b;
  if (options != NULL)
    self->options = *options;
  else
    pm_run_compare_options_init (&self->options);
  self->rows = g_array_new (FALSE, TRUE, sizeof (PmRunCompareRow));
  g_array_set_clear_func (self->rows, (GDestroyNotify) row_clear);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);

  if (!check_options (self, error) || !find_ranges (self, error) ||
      !build_rows (self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  PmRunSet            *set;
  guint                runs[2];
  PmRunCompareOptions  options;
} CompareTask;

static void
compare_task_free (CompareTask *data)
{
  g_object_unref (data->set);
  g_free (data);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CompareTask *data = task_data;
  GError *error = NULL;
  PmRunCompare *result = pm_run_compare_new (data->set, data->runs[0], data->runs[1],
                                             &data->options, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) pm_run_compare_unref);
}

/**
 * pm_run_compare_new_async:
 *
 * Runs pm_run_compare_new() in a worker thread (the leak finder can take a
 * while on thousands of tags).
 */
void
pm_run_compare_new_async (PmRunSet                  *set,
                          guint                      run_a,
                          guint                      run_b,
                          const PmRunCompareOptions *options,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  CompareTask *data;

  g_return_if_fail (PM_IS_RUN_SET (set));

  data = g_new0 (CompareTask, 1);
  data->set = g_object_ref (set);
  data->runs[0] = run_a;
  data->runs[1] = run_b;
  if (options != NULL)
    data->options = *options;
  else
    pm_run_compare_options_init (&data->options);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_run_compare_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) compare_task_free);
  g_task_run_in_thread (task, compare_thread);
}

/**
 * pm_run_compare_new_finish:
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL with @error
 */
PmRunCompare *
pm_run_compare_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

PmRunCompare *
pm_run_compare_ref (PmRunCompare *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pm_run_compare_unref (PmRunCompare *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_object_unref (self->set);
  g_hash_table_unref (self->by_name);
  g_array_unref (self->rows);
  row_clear (&self->total);
  g_free (self);
}

/**
 * pm_run_compare_get_run_set:
 *
 * Returns: (transfer none): the set the runs belong to
 */
PmRunSet *
pm_run_compare_get_run_set (PmRunCompare *self)
{
  return self->set;
}

/**
 * pm_run_compare_get_run:
 * @which: 0 for A, 1 for B
 *
 * Returns: the run's index in the set
 */
guint
pm_run_compare_get_run (PmRunCompare *self,
                        guint         which)
{
  g_return_val_if_fail (which < 2, 0);

  return self->runs[which];
}

const PmRunCompareOptions *
pm_run_compare_get_options (PmRunCompare *self)
{
  return &self->options;
}

/**
 * pm_run_compare_get_normalised:
 *
 * Returns: whether growth and rates are per operation
 */
gboolean
pm_run_compare_get_normalised (PmRunCompare *self)
{
  return self->normalised;
}

/**
 * pm_run_compare_get_judged:
 *
 * Returns: whether the leak finder judged the tags (rates and verdicts);
 *   %FALSE when it was not available
 */
gboolean
pm_run_compare_get_judged (PmRunCompare *self)
{
  return self->judged;
}

/**
 * pm_run_compare_get_range:
 * @which: 0 for A, 1 for B
 * @first: (out): the first snapshot compared, in the run's dataset
 * @n_snapshots: (out): snapshots compared
 */
void
pm_run_compare_get_range (PmRunCompare *self,
                          guint         which,
                          guint        *first,
                          guint        *n_snapshots)
{
  g_return_if_fail (which < 2);

  *first = self->first[which];
  *n_snapshots = self->n_snapshots[which];
}

/**
 * pm_run_compare_get_hours:
 * @which: 0 for A, 1 for B
 *
 * Returns: the length of the span compared, hours
 */
double
pm_run_compare_get_hours (PmRunCompare *self,
                          guint         which)
{
  g_return_val_if_fail (which < 2, 0);

  return self->hours[which];
}

guint
pm_run_compare_get_n_rows (PmRunCompare *self)
{
  return self->rows->len;
}

/**
 * pm_run_compare_get_row:
 * @index: the rank, from 0
 *
 * Rows are every tag present in either run (TOTAL apart), ranked by the
 * rate difference B − A, largest first; rows without one (a tag not judged)
 * follow, by the growth difference; ties by name.
 */
const PmRunCompareRow *
pm_run_compare_get_row (PmRunCompare *self,
                        guint         index)
{
  g_return_val_if_fail (index < self->rows->len, NULL);

  return &g_array_index (self->rows, PmRunCompareRow, index);
}

/**
 * pm_run_compare_get_total:
 *
 * TOTAL in both runs: figures and differences, no rate or verdict.
 */
const PmRunCompareRow *
pm_run_compare_get_total (PmRunCompare *self)
{
  return &self->total;
}

/**
 * pm_run_compare_lookup:
 * @name: a tag, byte for byte
 *
 * Returns: (nullable): the tag's row, or %NULL when neither run has it
 */
const PmRunCompareRow *
pm_run_compare_lookup (PmRunCompare *self,
                       const char   *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, name));

  return index > 0 ? &g_array_index (self->rows, PmRunCompareRow, index - 1) : NULL;
}

/**
 * pm_run_compare_count:
 *
 * Returns: how many tags have that verdict
 */
guint
pm_run_compare_count (PmRunCompare *self,
                      PmRunGrowth   growth)
{
  guint n = 0;

  for (guint r = 0; r < self->rows->len; r++)
    n += g_array_index (self->rows, PmRunCompareRow, r).growth == growth;

  return n;
}

const char *
pm_run_verdict_to_string (PmRunVerdict verdict)
{
  switch (verdict)
    {
    case PM_RUN_VERDICT_ABSENT:
      return "absent";
    case PM_RUN_VERDICT_NOT_JUDGED:
      return "not-judged";
    case PM_RUN_VERDICT_NONE:
      return "none";
    case PM_RUN_VERDICT_SUSPECT:
      return "suspect";
    case PM_RUN_VERDICT_LEAK:
      return "leak";
    default:
      return "unknown";
    }
}

const char *
pm_run_growth_to_string (PmRunGrowth growth)
{
  switch (growth)
    {
    case PM_RUN_GROWTH_NEITHER:
      return "neither";
    case PM_RUN_GROWTH_ONLY_B:
      return "only-b";
    case PM_RUN_GROWTH_BOTH:
      return "both";
    case PM_RUN_GROWTH_ONLY_A:
      return "only-a";
    default:
      return "unknown";
    }
}
