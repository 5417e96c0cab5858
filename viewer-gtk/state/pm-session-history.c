/* pm-session-history.c: a chosen selection as a step of the Back history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A click on a matrix cell or on a With TOTAL bar replaces what the chart
 * shows. pm_session_chart_tags() makes that a step of the zoom history:
 * it remembers the tags shown before, and Back (pm_session_zoom_back())
 * brings them back together with the view. A step is tied to the depth of
 * the history it was pushed at; a new dataset or clock starts afresh.
 */
#include "pm-session-private.h"

typedef struct
{
  guint    depth;       /* the history's depth once the step was pushed */
  GArray  *tags;        /* the tags shown before */
  gboolean hide_total;  /* and whether TOTAL was hidden */
  gboolean total_axis;  /* and had the right-hand axis */
} SelectionStep;

static void
selection_step_free (gpointer data)
{
  SelectionStep *step = data;

  g_array_unref (step->tags);
  g_free (step);
}

void
_pm_session_forget_selection_steps (PmSession *self)
{
  if (self->selection_steps != NULL)
    g_ptr_array_set_size (self->selection_steps, 0);
}

/* Called by Back once the history went from @depth one step down: the
 * selection that step replaced comes back (which refits the view). */
void
_pm_session_restore_selection_step (PmSession *self,
                                    guint      depth)
{
  SelectionStep *step;
  g_autoptr(GArray) tags = NULL;

  if (self->selection_steps == NULL || self->selection_steps->len == 0)
    return;

  step = g_ptr_array_index (self->selection_steps, self->selection_steps->len - 1);
  if (step->depth != depth)
    return;

  tags = g_array_ref (step->tags);
  pm_session_set_hide_total (self, step->hide_total);
  pm_session_set_total_axis (self, step->total_axis);
  g_ptr_array_remove_index (self->selection_steps, self->selection_steps->len - 1);
  pm_session_set_selection (self, (const guint *) tags->data, tags->len);
}

static void
chart_step (PmSession   *self,
            const guint *tags,
            guint        n_tags,
            gboolean     show_total)
{
  SelectionStep *step;
  const guint *shown;
  guint n_shown = 0;
  gboolean could_go_back;

  if (self->history == NULL)
    {
      if (show_total)
        {
          pm_session_set_hide_total (self, FALSE);
          pm_session_set_total_axis (self, TRUE);
        }
      pm_session_set_selection (self, tags, n_tags);
      return;
    }

  shown = pm_session_get_shown (self, &n_shown);
  step = g_new0 (SelectionStep, 1);
  step->tags = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_shown);
  g_array_append_vals (step->tags, shown, n_shown);
  step->hide_total = pm_session_get_hide_total (self);
  step->total_axis = pm_session_get_total_axis (self);

  could_go_back = pm_session_get_can_go_back (self);
  if (show_total)
    {
      pm_session_set_hide_total (self, FALSE);
      pm_session_set_total_axis (self, TRUE);
    }
  pm_session_set_selection (self, tags, n_tags);
  /* The view refitted to the new tags is the step; the one before it
   * refits to the old tags when Back returns there. */
  pm_zoom_history_push_step (self->history, &self->range);
  step->depth = pm_zoom_history_get_depth (self->history);
  if (self->selection_steps == NULL)
    self->selection_steps = g_ptr_array_new_with_free_func (selection_step_free);
  g_ptr_array_add (self->selection_steps, step);
  _pm_session_history_changed (self, could_go_back);
}

/**
 * pm_session_chart_tags:
 * @tags: (array length=n_tags): the tags to show
 * @n_tags: how many
 *
 * Shows @tags as pm_session_set_selection() does, as one more step of the
 * history: Back returns to the tags shown before and to the view.
 */
void
pm_session_chart_tags (PmSession   *self,
                       const guint *tags,
                       guint        n_tags)
{
  g_return_if_fail (PM_IS_SESSION (self));

  chart_step (self, tags, n_tags, FALSE);
}

/**
 * pm_session_chart_against_total:
 * @tag: a tag
 *
 * Charts @tag and TOTAL, as a step of the history like
 * pm_session_chart_tags(); TOTAL is drawn even if it was hidden (the user
 * asked for it), on the right-hand axis so that both can be read, and
 * Back brings back how TOTAL was drawn before.
 */
void
pm_session_chart_against_total (PmSession *self,
                                guint      tag)
{
  guint tags[2];

  g_return_if_fail (PM_IS_SESSION (self));

  if (self->dataset == NULL)
    return;
  tags[0] = pm_dataset_get_total_tag (self->dataset);
  tags[1] = tag;
  chart_step (self, tags, tag == tags[0] ? 1 : 2, TRUE);
}

/**
 * pm_session_get_series_hidden:
 * @tag: a tag
 *
 * Returns: whether @tag, while shown, is hidden from the chart (its legend
 *   entry stays, dimmed, so one click brings it back)
 */
gboolean
pm_session_get_series_hidden (PmSession *self,
                              guint      tag)
{
  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  return self->hidden != NULL && g_hash_table_contains (self->hidden, GUINT_TO_POINTER (tag));
}

/**
 * pm_session_set_series_hidden:
 * @tag: a shown tag
 * @hidden: whether to leave its line off the chart
 *
 * Hides or shows a series without taking it off the selection (a click on
 * its legend entry); the values axis refits to what is left.
 */
void
pm_session_set_series_hidden (PmSession *self,
                              guint      tag,
                              gboolean   hidden)
{
  g_return_if_fail (PM_IS_SESSION (self));

  if (pm_session_get_series_hidden (self, tag) == !!hidden)
    return;
  if (self->hidden == NULL)
    self->hidden = g_hash_table_new (NULL, NULL);
  if (hidden)
    g_hash_table_add (self->hidden, GUINT_TO_POINTER (tag));
  else
    g_hash_table_remove (self->hidden, GUINT_TO_POINTER (tag));

  _pm_session_refit (self);
  _pm_session_emit (self, PM_SESSION_SELECTION_CHANGED, 0);
}

/**
 * pm_session_get_n_hidden:
 *
 * Returns: how many shown tags are hidden from the chart
 */
guint
pm_session_get_n_hidden (PmSession *self)
{
  const guint *shown;
  guint n = 0, n_hidden = 0;

  g_return_val_if_fail (PM_IS_SESSION (self), 0);

  shown = pm_session_get_shown (self, &n);
  for (guint i = 0; i < n; i++)
    n_hidden += pm_session_get_series_hidden (self, shown[i]);
  return n_hidden;
}
