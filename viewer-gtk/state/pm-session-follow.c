/* pm-session-follow.c: a followed folder's newer dataset, keeping the view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While a folder is followed (docs/follow.md) each new snapshot brings a
 * new dataset that starts with the old one. Unlike pm_session_set_dataset(),
 * which shows a dataset afresh, this keeps what the user made of the
 * view: the selection, colours and styles, hidden series and the zoom. A
 * view of the whole run grows with it, a view whose right edge was at the
 * newest snapshot slides along, a view into the past stays where it is.
 * When the folder was loaded again in full (a new tag), tags may have new
 * indices: everything kept per tag is carried over by name.
 */
#include "pm-session-private.h"

/* Old tag index -> new, or NULL when they are the same. */
static guint *
map_tags (PmDataset *old,
          PmDataset *new)
{
  guint n_old = pm_dataset_get_n_tags (old);
  g_autofree guint *map = g_new (guint, n_old + 1);
  gboolean same = n_old == pm_dataset_get_n_tags (new);

  for (guint t = 0; t < n_old; t++)
    {
      if (!pm_dataset_lookup_tag (new, pm_dataset_get_tag_name (old, t), &map[t]))
        map[t] = G_MAXUINT;
      same &= map[t] == t;
    }
  map[n_old] = pm_dataset_get_total_tag (new);
  return same ? NULL : g_steal_pointer (&map);
}

static void
remap_table (GHashTable    *table,
             const guint   *map,
             GDestroyNotify value_free)
{
  g_autoptr(GHashTable) copy = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;

  if (table == NULL)
    return;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint tag = map[GPOINTER_TO_UINT (key)];

      if (tag != G_MAXUINT)
        g_hash_table_insert (copy, GUINT_TO_POINTER (tag), value);
      else if (value_free != NULL)
        value_free (value);
      g_hash_table_iter_steal (&iter);
    }
  g_hash_table_iter_init (&iter, copy);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (table, key, value);
}

static void
remap_array (GArray      *tags,
             const guint *map)
{
  guint kept = 0;

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      guint tag = map[g_array_index (tags, guint, i)];

      if (tag != G_MAXUINT)
        g_array_index (tags, guint, kept++) = tag;
    }
  if (tags != NULL)
    g_array_set_size (tags, kept);
}

static void update_dataset (PmSession *self,
                            PmDataset *dataset,
                            gboolean   appended);

/**
 * pm_session_update_dataset:
 * @dataset: the followed folder's dataset, which begins with the shown one
 *
 * Shows @dataset in place of the current one, keeping the selection,
 * styles, hidden series and zoom (see the file's comment). Without a
 * current dataset, or when @dataset lacks the metric or time base shown,
 * this is pm_session_set_dataset().
 */
void
pm_session_update_dataset (PmSession *self,
                           PmDataset *dataset)
{
  update_dataset (self, dataset, FALSE);
}

/**
 * pm_session_append_dataset:
 * @dataset: the followed folder's dataset, which begins with the shown one:
 *   the same snapshots with the same values, then new ones (a snapshot
 *   appended by the follower, not a load of the folder again in full)
 *
 * As pm_session_update_dataset(), but the tag figures of the whole run are
 * carried on over the new snapshots (pm_tag_table_new_appended()) instead
 * of computed again over the whole history.
 */
void
pm_session_append_dataset (PmSession *self,
                           PmDataset *dataset)
{
  update_dataset (self, dataset, TRUE);
}

static void
update_dataset (PmSession *self,
                PmDataset *dataset,
                gboolean   appended)
{
  PmDataset *old;
  g_autofree guint *map = NULL;
  const gint64 *times;
  gboolean zoomed, at_end, was_default;
  gboolean leaks_cleared = FALSE;
  gint64 old_last;
  guint n;

  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (PM_IS_DATASET (dataset));

  old = self->dataset;
  if (old == dataset)
    return;
  if (old == NULL || !pm_dataset_has_metric (dataset, self->metric) ||
      !pm_dataset_has_time_base (dataset, self->time_base) ||
      pm_dataset_get_n_snapshots (dataset) == 0)
    {
      pm_session_set_dataset (self, dataset);
      return;
    }

  times = pm_session_get_times (self, &n);
  old_last = n > 0 ? times[n - 1] : 0;
  zoomed = pm_session_get_zoomed (self);
  at_end = zoomed && self->range.t1 >= (double) old_last;
  was_default = _pm_session_selection_is_default (self);

  map = map_tags (old, dataset);
  if (map != NULL)
    {
      /* Another load of the folder: what is kept per tag goes by name. */
      remap_table (self->palette_slots, map, NULL);
      remap_table (self->styles, map, g_free);
      remap_table (self->hidden, map, NULL);
      remap_array (self->shown, map);
      remap_array (self->drawn, map);
      _pm_session_forget_selection_steps (self);
      if (self->leaks != NULL)
        {
          g_clear_pointer (&self->leaks, pm_leak_result_unref);
          leaks_cleared = TRUE;
        }
    }

  g_object_ref (dataset);
  g_object_unref (self->dataset);
  self->dataset = dataset;
  if (appended)
    _pm_session_append_stats (self);
  else
    _pm_session_recompute_stats (self);
  /* Said once the new dataset is in place: the tags drawn have their new
   * indices already, which the old dataset may not have (a new tag moves
   * TOTAL's). */
  if (leaks_cleared)
    _pm_session_notify_leaks (self);

  if (was_default)
    pm_session_reset_selection (self);
  else
    _pm_session_update_drawn (self);

  /* The view at the newest snapshot slides along; home grows (refit). */
  times = pm_session_get_times (self, &n);
  if (at_end && n > 0 && times[n - 1] > old_last)
    {
      double shift = (double) (times[n - 1] - old_last);

      self->range.t0 += shift;
      self->range.t1 += shift;
    }
  _pm_session_refit (self);
  g_object_notify (G_OBJECT (self), "dataset");
}
