/* pm-tag-table-append.c: a tag table carried on to a dataset that grew
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A followed folder (docs/follow.md) brings a new dataset for each new
 * snapshot, and its first snapshots are the dataset before it. Every
 * figure of a whole-range #PmTagTable is a fold over the snapshots in time
 * order (counts, the first and last present or non-zero values, the peak,
 * an integer sum), so the table of the grown dataset is the old table's
 * state folded on over the new snapshots alone: the same operations in the
 * same order as pm_tag_table_new(), hence the same figures to the bit (the
 * sum is an exact integer; the mean and the increase in % are computed
 * from it by the one function both use). The cost is a pass over the tags
 * plus reading the new values, whatever the length of the history.
 */
#include "pm-tag-table-private.h"
#include "pm-dataset-private.h"

#include <math.h>
#include <string.h>

/* Whether @dataset begins with @old's snapshots. The values are not
 * compared (that would read the history): the caller says they are the
 * same. The times are, unless they are the very same array (the
 * follower's datasets share theirs, docs/follow.md). */
static gboolean
continues (PmDataset *old,
           PmDataset *dataset)
{
  guint n_old = pm_dataset_get_n_snapshots (old);

  if (pm_dataset_get_n_snapshots (dataset) < n_old)
    return FALSE;
  for (guint b = 0; b < PM_N_TIME_BASES; b++)
    {
      const gint64 *a, *t;

      if (pm_dataset_has_time_base (old, b) != pm_dataset_has_time_base (dataset, b))
        return FALSE;
      if (!pm_dataset_has_time_base (old, b))
        continue;
      a = pm_dataset_get_times (old, b);
      t = pm_dataset_get_times (dataset, b);
      if (a != t && n_old > 0 && memcmp (a, t, sizeof (gint64) * n_old) != 0)
        return FALSE;
    }
  return TRUE;
}

/* @old's index of each tag of @dataset (G_MAXUINT for a tag new in it;
 * TOTAL to TOTAL), or NULL when a tag of @old is missing. */
static guint *
match_tags (PmDataset *old,
            PmDataset *dataset)
{
  guint n_old = pm_dataset_get_n_tags (old), n_tags = pm_dataset_get_n_tags (dataset);
  g_autofree guint *from = g_new (guint, n_tags + 1);
  guint matched = 0;

  for (guint t = 0; t < n_tags; t++)
    {
      const char *name = pm_dataset_get_tag_name (dataset, t);

      /* Mostly the same tags at the same places: no lookup needed. */
      if (t < n_old && strcmp (pm_dataset_get_tag_name (old, t), name) == 0)
        from[t] = t;
      else if (!pm_dataset_lookup_tag (old, name, &from[t]))
        from[t] = G_MAXUINT;
      matched += from[t] != G_MAXUINT;
    }
  from[n_tags] = n_old;
  return matched == n_old ? g_steal_pointer (&from) : NULL;
}

/* Folds snapshots [@first, @first + @n) of one tag (@values, @present
 * NULL when present in all) into @st, @sum and @peak. */
static void
fold (PmTagStats   *st,
      PmSum        *sum,
      gint64       *peak,
      const gint64 *values,
      const guint8 *present,
      guint         first,
      guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 v = values[i];

      if (present != NULL && !present[i])
        continue;
      if (st->n_present++ == 0)
        st->first_snapshot = first + i;
      st->last_snapshot = first + i;
      *sum += v;
      *peak = v > *peak ? v : *peak;
      if (v != 0)
        {
          if (st->n_nonzero++ == 0)
            st->first_nonzero = v;
          st->last_nonzero = v;
        }
    }
}

/**
 * pm_tag_table_new_appended:
 * @previous: a table over every snapshot of its dataset
 * @dataset: a dataset that begins with @previous's: the same snapshots with
 *   the same values, then more, and maybe more tags (a followed folder's
 *   newer dataset, not one loaded again in full)
 * @error: return location for a #GError
 *
 * The table of @dataset over all its snapshots, for @previous's metric,
 * equal to the one pm_tag_table_new() computes to the last bit, but made
 * from @previous's figures and the new snapshots alone. Tags are matched by
 * name (a new tag was absent before). When @previous does not cover its
 * whole dataset, or @dataset visibly does not begin with it (fewer
 * snapshots, other times, a tag gone), every figure is computed again.
 *
 * Returns: (transfer full) (nullable): a new #PmTagTable, %NULL when
 *   @dataset lacks the metric
 */
PmTagTable *
pm_tag_table_new_appended (PmTagTable  *previous,
                           PmDataset   *dataset,
                           GError     **error)
{
  g_autoptr(PmTagTable) self = NULL;
  g_autofree guint *from = NULL;
  g_autofree gint64 *values = NULL;
  g_autofree guint8 *present = NULL;
  PmDataset *old;
  guint n_old, n, n_new;

  g_return_val_if_fail (previous != NULL, NULL);
  g_return_val_if_fail (PM_IS_DATASET (dataset), NULL);

  old = previous->dataset;
  n_old = pm_dataset_get_n_snapshots (old);
  if (previous->first != 0 || previous->n_snapshots != n_old ||
      !pm_dataset_has_metric (dataset, previous->metric) ||
      !continues (old, dataset) || (from = match_tags (old, dataset)) == NULL)
    return pm_tag_table_new (dataset, previous->metric, 0, G_MAXUINT, error);

  n = pm_dataset_get_n_snapshots (dataset);
  n_new = n - n_old;
  self = g_new0 (PmTagTable, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (dataset);
  self->metric = previous->metric;
  self->first = 0;
  self->n_snapshots = n;
  self->n_tags = pm_dataset_get_n_tags (dataset);
  self->stats = g_new (PmTagStats, self->n_tags + 1);
  self->sums = g_new (PmSum, self->n_tags + 1);
  self->carry = g_new0 (gint64, 2 * (self->n_tags + 1));
  values = g_new (gint64, MAX (n_new, 1));
  present = g_new (guint8, MAX (n_new, 1));

  for (guint tag = 0; tag <= self->n_tags; tag++)
    {
      PmTagStats *st = &self->stats[tag];
      PmSum sum = 0;
      gint64 peak = G_MININT64;
      gboolean everywhere;

      if (from[tag] != G_MAXUINT)
        {
          *st = previous->stats[from[tag]];
          sum = previous->sums[from[tag]];
          peak = st->n_present ? st->peak : G_MININT64;
        }
      else
        *st = (PmTagStats) { .first_snapshot = G_MAXUINT, .last_snapshot = G_MAXUINT };
      st->tag = tag;
      /* The stored values at the last old snapshot, which the new values
       * go on from (read the long way once, for a table made in full or
       * a new tag). */
      if (tag < self->n_tags && from[tag] != G_MAXUINT && previous->carry != NULL)
        memcpy (&self->carry[2 * tag], &previous->carry[2 * from[tag]], 2 * sizeof (gint64));
      else if (tag < self->n_tags && n_old > 0)
        _pm_dataset_get_carry (dataset, self->metric, tag, n_old - 1, &self->carry[2 * tag]);
      if (n_new > 0)
        {
          everywhere = pm_dataset_get_n_present (dataset, tag) == n;
          /* The new values in their own cost, not a walk from the
           * window's start (TOTAL has arrays of its own). */
          if (tag == self->n_tags)
            pm_dataset_copy_series (dataset, self->metric, tag, n_old, n_new, values);
          else
            _pm_dataset_copy_series_after (dataset, self->metric, tag, n_old, n_new,
                                           &self->carry[2 * tag], values);
          if (!everywhere)
            pm_dataset_copy_present (dataset, tag, n_old, n_new, present);
          fold (st, &sum, &peak, values, everywhere ? NULL : present, n_old, n_new);
        }
      self->sums[tag] = sum;
      _pm_tag_stats_finish (st, sum, peak);
    }

  return g_steal_pointer (&self);
}
