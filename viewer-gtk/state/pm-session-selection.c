/* pm-session-selection.c: figures, rankings, selection and styles of a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The half of PmSession that decides what is drawn and how: the tag table
 * and rankings of the current metric, the old analyzer's default
 * selection (TOTAL, included tags, the top N of each ranking), the tags the
 * user shows, and each tag's style with its palette slot.
 */
#include <string.h>

#include "pm-session-private.h"

/* How @tag is drawn: the user's style when there is one, else TOTAL's
 * colour or the default of its palette slot (a tag without one yet is
 * shown the slot it would take next). Changes nothing. */
static void
resolve_style (PmSession     *self,
               guint          tag,
               PmSeriesStyle *style)
{
  const char *name = pm_dataset_get_tag_name (self->dataset, tag);
  guint slot;

  if (self->state != NULL && pm_user_state_lookup_style (self->state, name, style))
    return;

  if (tag == pm_dataset_get_total_tag (self->dataset))
    {
      pm_series_style_init_default (style, 0);
      pm_palette_get_total_color (&style->color);
      return;
    }

  slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->palette_slots, GUINT_TO_POINTER (tag)));
  pm_series_style_init_default (style, (slot > 0 ? slot : self->next_slot + 1) - 1);
}

/* A user style of @tag changed: its resolved style follows. */
void
_pm_session_update_style (PmSession *self,
                          guint      tag)
{
  PmSeriesStyle style;

  if (!g_hash_table_contains (self->styles, GUINT_TO_POINTER (tag)))
    return;

  resolve_style (self, tag, &style);
  g_hash_table_insert (self->styles, GUINT_TO_POINTER (tag), g_memdup2 (&style, sizeof style));
}

/* The shown set changed: what is drawn, and the style of each shown tag. */
void
_pm_session_update_drawn (PmSession *self)
{
  guint total = self->dataset != NULL ? pm_dataset_get_total_tag (self->dataset) : G_MAXUINT;

  g_array_set_size (self->drawn, 0);
  g_hash_table_remove_all (self->styles);
  for (guint i = 0; i < self->shown->len; i++)
    {
      guint tag = g_array_index (self->shown, guint, i);
      PmSeriesStyle style;

      if (!(self->hide_total && tag == total))
        g_array_append_val (self->drawn, tag);

      resolve_style (self, tag, &style);
      g_hash_table_insert (self->styles, GUINT_TO_POINTER (tag), g_memdup2 (&style, sizeof style));
    }
}

void
_pm_session_take_palette_slot (PmSession *self,
                   guint      tag)
{
  if (!g_hash_table_contains (self->palette_slots, GUINT_TO_POINTER (tag)))
    g_hash_table_insert (self->palette_slots, GUINT_TO_POINTER (tag),
                         GUINT_TO_POINTER (++self->next_slot));
}

/* The default selection: the old analyzer's (TOTAL, the included tags,
 * the top N of each ranking) and, when the session selects them, the
 * leaks and suspects it does not hold yet, after it: the old part keeps
 * its order and colours. */
static GArray *
default_selection (PmSession *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) leaks = NULL;
  const guint *sel = NULL;
  guint n = 0;

  if (self->rank != NULL)
    sel = pm_rank_result_get_selection (self->rank, &n);
  else if (self->dataset != NULL)
    {
      guint total = pm_dataset_get_total_tag (self->dataset);

      g_array_append_val (out, total);
    }
  g_array_append_vals (out, sel, n);

  leaks = _pm_session_leak_selection (self);
  for (guint i = 0; i < leaks->len; i++)
    {
      guint tag = g_array_index (leaks, guint, i);
      gboolean dup = FALSE;

      for (guint j = 0; j < out->len && !dup; j++)
        dup = g_array_index (out, guint, j) == tag;
      if (!dup)
        g_array_append_val (out, tag);
    }

  return out;
}

gboolean
_pm_session_selection_is_default (PmSession *self)
{
  g_autoptr(GArray) sel = NULL;

  if (self->rank == NULL && self->leaks == NULL)
    return self->shown->len == 0;

  sel = default_selection (self);
  return sel->len == self->shown->len &&
         memcmp (sel->data, self->shown->data, sel->len * sizeof (guint)) == 0;
}

void
_pm_session_rerank (PmSession *self)
{
  PmRankOptions options;

  g_clear_pointer (&self->rank, pm_rank_result_unref);
  if (self->table == NULL)
    return;

  pm_rank_options_init (&options);
  memcpy (options.n, self->top_n, sizeof options.n);
  options.include = (const char * const *) self->include;
  options.exclude = (const char * const *) self->exclude;
  self->rank = pm_rank (self->table, &options);
}

PmTagTable *
pm_session_get_tag_table (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  return self->table;
}

PmRankResult *
pm_session_get_rank_result (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  return self->rank;
}

guint
pm_session_get_top_n (PmSession *self,
                      PmRanking  ranking)
{
  g_return_val_if_fail (PM_IS_SESSION (self), 0);
  g_return_val_if_fail (ranking < PM_N_RANKINGS, 0);

  return self->top_n[ranking];
}

/* Ranking options are what the default selection is made of: changing one
 * makes a new default and shows it, as the old command line did. */
static void
ranking_options_changed (PmSession *self)
{
  _pm_session_rerank (self);
  _pm_session_emit (self, PM_SESSION_STATS_CHANGED, 0);
  pm_session_reset_selection (self);
}

void
pm_session_set_top_n (PmSession *self,
                      PmRanking  ranking,
                      guint      n)
{
  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (ranking < PM_N_RANKINGS);

  if (self->top_n[ranking] == n)
    return;

  self->top_n[ranking] = n;
  ranking_options_changed (self);
}

const char * const *
pm_session_get_include (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  return (const char * const *) self->include;
}

void
pm_session_set_include (PmSession          *self,
                        const char * const *tags)
{
  g_return_if_fail (PM_IS_SESSION (self));

  if (self->include == NULL && (tags == NULL || tags[0] == NULL))
    return;
  if (self->include != NULL && tags != NULL &&
      g_strv_equal ((const char * const *) self->include, tags))
    return;

  g_strfreev (self->include);
  self->include = tags != NULL && tags[0] != NULL ? g_strdupv ((char **) tags) : NULL;
  ranking_options_changed (self);
}

const char * const *
pm_session_get_exclude (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  return (const char * const *) self->exclude;
}

void
pm_session_set_exclude (PmSession          *self,
                        const char * const *tags)
{
  g_return_if_fail (PM_IS_SESSION (self));

  if (self->exclude == NULL && (tags == NULL || tags[0] == NULL))
    return;
  if (self->exclude != NULL && tags != NULL &&
      g_strv_equal ((const char * const *) self->exclude, tags))
    return;

  g_strfreev (self->exclude);
  self->exclude = tags != NULL && tags[0] != NULL ? g_strdupv ((char **) tags) : NULL;
  ranking_options_changed (self);
}

/**
 * pm_session_reset_selection:
 *
 * Shows the default selection: the old analyzer's (TOTAL, the included
 * tags and the top N of each ranking) and the leaks and suspects, unless
 * pm_session_set_select_leaks() turned them off.
 */
void
pm_session_reset_selection (PmSession *self)
{
  g_autoptr(GArray) sel = NULL;

  g_return_if_fail (PM_IS_SESSION (self));

  if (self->dataset == NULL)
    {
      pm_session_set_selection (self, NULL, 0);
      return;
    }

  sel = default_selection (self);
  pm_session_set_selection (self, (const guint *) (gpointer) sel->data, sel->len);
}

/**
 * pm_session_get_shown:
 *
 * Returns: (transfer none): the tags the user chose to show, in order
 */
const guint *
pm_session_get_shown (PmSession *self,
                      guint     *n_tags)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  *n_tags = self->shown->len;
  return (const guint *) self->shown->data;
}

/**
 * pm_session_get_drawn:
 *
 * Returns: (transfer none): the shown tags that the chart draws: all but
 *   TOTAL while TOTAL is hidden
 */
const guint *
pm_session_get_drawn (PmSession *self,
                      guint     *n_tags)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  *n_tags = self->drawn->len;
  return (const guint *) self->drawn->data;
}

gboolean
pm_session_is_shown (PmSession *self,
                     guint      tag)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  for (guint i = 0; i < self->shown->len; i++)
    if (g_array_index (self->shown, guint, i) == tag)
      return TRUE;

  return FALSE;
}

void
pm_session_set_shown (PmSession *self,
                      guint      tag,
                      gboolean   shown)
{
  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (self->dataset != NULL);
  /* TOTAL's index is the one after the last tag. */
  g_return_if_fail (tag <= pm_dataset_get_n_tags (self->dataset));

  if (!!shown == pm_session_is_shown (self, tag))
    return;

  if (shown)
    {
      _pm_session_take_palette_slot (self, tag);
      g_array_append_val (self->shown, tag);
    }
  else
    {
      for (guint i = 0; i < self->shown->len; i++)
        if (g_array_index (self->shown, guint, i) == tag)
          {
            g_array_remove_index (self->shown, i);
            break;
          }
    }

  _pm_session_update_drawn (self);
  _pm_session_refit (self);
  _pm_session_emit (self, PM_SESSION_SELECTION_CHANGED, 0);
}

void
pm_session_set_selection (PmSession   *self,
                          const guint *tags,
                          guint        n_tags)
{
  guint total;

  g_return_if_fail (PM_IS_SESSION (self));

  g_array_set_size (self->shown, 0);
  total = self->dataset != NULL ? pm_dataset_get_total_tag (self->dataset) : G_MAXUINT;
  for (guint i = 0; i < n_tags; i++)
    {
      if (self->dataset == NULL || tags[i] > pm_dataset_get_total_tag (self->dataset))
        continue;
      /* TOTAL takes the dedicated colour, not a palette slot. */
      if (tags[i] != total)
        _pm_session_take_palette_slot (self, tags[i]);
      g_array_append_val (self->shown, tags[i]);
    }

  _pm_session_update_drawn (self);
  _pm_session_refit (self);
  _pm_session_emit (self, PM_SESSION_SELECTION_CHANGED, 0);
}

/**
 * pm_session_get_style:
 *
 * Fills @style with how @tag is drawn: the user's style when there is one,
 * else a palette colour kept for @tag in this session.
 */
void
pm_session_get_style (PmSession     *self,
                      guint          tag,
                      PmSeriesStyle *style)
{
  const PmSeriesStyle *resolved;

  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (self->dataset != NULL);
  g_return_if_fail (style != NULL);

  resolved = g_hash_table_lookup (self->styles, GUINT_TO_POINTER (tag));
  if (resolved != NULL)
    *style = *resolved;
  else
    resolve_style (self, tag, style);
}

void
pm_session_set_style (PmSession           *self,
                      guint                tag,
                      const PmSeriesStyle *style)
{
  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (self->dataset != NULL);
  g_return_if_fail (style != NULL);

  if (self->state != NULL)
    /* The state tells every session, this one included. */
    pm_user_state_set_style (self->state, pm_dataset_get_tag_name (self->dataset, tag), style);
  else
    g_warning ("A session without user state cannot keep styles");
}

void
pm_session_reset_style (PmSession *self,
                        guint      tag)
{
  g_return_if_fail (PM_IS_SESSION (self));
  g_return_if_fail (self->dataset != NULL);

  if (self->state != NULL)
    pm_user_state_forget_style (self->state, pm_dataset_get_tag_name (self->dataset, tag));
}
