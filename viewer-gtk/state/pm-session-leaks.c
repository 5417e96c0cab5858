/* pm-session-leaks.c: the leak finder's answer, held by the session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window runs the leak finder off the main thread after each load and
 * hands its PmLeakResult here; every view reads it from the session: the
 * tag table's Leak column, the Leaks page, the chart's trend lines and the
 * one-line summary above the chart. The default selection shows the leaks
 * and suspects (pm-session-selection.c), so the first view
 * answers "what grows?".
 */
#include <math.h>
#include <string.h>

#include "pm-session-private.h"

/* At most this many leaks and suspects join the default selection: the
 * chart stays readable, the Leaks page lists them all. */
#define MAX_SELECTED_LEAKS 8

/* The first view answers "what grows?": TOTAL and the leaks and suspects
 * alone, when there are any; otherwise the default selection (the old
 * analyzer's, which the side panel's Default Selection still shows). */
static GArray *
first_view (PmSession *self)
{
  GArray *leaks = _pm_session_leak_selection (self);

  if (leaks->len > 0)
    {
      guint total = pm_dataset_get_total_tag (self->dataset);

      g_array_prepend_val (leaks, total);
    }
  return leaks;
}

static gboolean
shows_first_view (PmSession *self)
{
  g_autoptr(GArray) sel = NULL;
  const guint *shown;
  guint n;

  if (self->dataset == NULL)
    return FALSE;
  sel = first_view (self);
  shown = pm_session_get_shown (self, &n);
  return sel->len > 0 && sel->len == n && memcmp (sel->data, shown, n * sizeof (guint)) == 0;
}

static void
show_first_view (PmSession *self)
{
  g_autoptr(GArray) sel = first_view (self);

  if (sel->len > 0)
    pm_session_set_selection (self, (const guint *) (gpointer) sel->data, sel->len);
  else
    pm_session_reset_selection (self);
}

PmLeakResult *
pm_session_get_leaks (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  return self->leaks;
}

/**
 * pm_session_get_leaks_time_base:
 *
 * Returns: the time base of the leak result's times (growth start, trend
 *   lines)
 */
PmTimeBase
pm_session_get_leaks_time_base (PmSession *self)
{
  g_return_val_if_fail (PM_IS_SESSION (self), PM_TIME_BASE_UTC);

  return self->leaks_time_base;
}

/**
 * pm_session_set_leaks:
 * @leaks: (nullable): the leak finder's answer for the session's dataset
 * @time_base: the time base it was computed in
 *
 * Keeps @leaks for every view. An answer about another dataset (a load
 * that was replaced) is ignored. A selection that was the default one, or
 * the first view of the answer before, becomes the first view: TOTAL and
 * the leaks and suspects alone (the old default selection when there are
 * none).
 */
void
pm_session_set_leaks (PmSession    *self,
                      PmLeakResult *leaks,
                      PmTimeBase    time_base)
{
  gboolean was_default;

  g_return_if_fail (PM_IS_SESSION (self));

  if (leaks != NULL && pm_leak_result_get_dataset (leaks) != self->dataset)
    return;
  if (leaks == self->leaks)
    return;

  was_default = _pm_session_selection_is_default (self) || shows_first_view (self);
  g_clear_pointer (&self->leaks, pm_leak_result_unref);
  if (leaks != NULL)
    self->leaks = pm_leak_result_ref (leaks);
  self->leaks_time_base = time_base;

  /* The selection first, so that whoever follows "leaks" finds the
   * leaks' palette slots taken. */
  if (was_default && self->dataset != NULL)
    show_first_view (self);
  _pm_session_notify_leaks (self);
}

/* The leaks and suspects the default selection shows, most likely first. */
GArray *
_pm_session_leak_selection (PmSession *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint *ranking;
  guint n;

  if (self->leaks == NULL || !self->select_leaks)
    return out;

  ranking = pm_leak_result_get_ranking (self->leaks, &n);
  for (guint i = 0; i < n && out->len < MAX_SELECTED_LEAKS; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (self->leaks, ranking[i]);

      if (t->verdict == PM_LEAK_VERDICT_NONE)
        break;
      g_array_append_val (out, t->tag);
    }

  return out;
}

/**
 * pm_session_get_leak_verdict:
 *
 * Returns: @tag's verdict; %PM_LEAK_VERDICT_NONE for TOTAL and while there
 *   is no answer yet
 */
PmLeakVerdict
pm_session_get_leak_verdict (PmSession *self,
                             guint      tag)
{
  g_return_val_if_fail (PM_IS_SESSION (self), PM_LEAK_VERDICT_NONE);

  if (self->leaks == NULL || tag >= pm_leak_result_get_n_tags (self->leaks))
    return PM_LEAK_VERDICT_NONE;

  return pm_leak_result_get_tag (self->leaks, tag)->verdict;
}

/* "+14 KiB/h" or "+120 allocs/h". */
static char *
format_rate (double   rate,
             gboolean bytes)
{
  g_autofree char *value = NULL;

  if (bytes)
    value = pm_format_bytes (fabs (rate));
  else
    value = pm_format_count (fabs (rate));

  return g_strdup_printf ("%s%s%s/h", rate < 0 ? "−" : "+", value, bytes ? "" : " allocs");
}

/**
 * pm_session_format_leak_rate:
 *
 * Returns: (transfer full) (nullable): @tag's growth rate in words, bytes
 *   when they were judged ("+14 KiB/h"), else allocations; %NULL without
 *   an answer or a rate
 */
char *
pm_session_format_leak_rate (PmSession *self,
                             guint      tag)
{
  const PmLeakTag *t;

  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  if (self->leaks == NULL || tag >= pm_leak_result_get_n_tags (self->leaks))
    return NULL;

  t = pm_leak_result_get_tag (self->leaks, tag);
  if (isfinite (t->bytes_per_hour))
    return format_rate (t->bytes_per_hour, TRUE);
  if (isfinite (t->allocs_per_hour))
    return format_rate (t->allocs_per_hour, FALSE);

  return NULL;
}

/* "both boots", "all 3 boots", "2 of 3 boots", "its one boot". */
static char *
format_boots (const PmLeakTag *t)
{
  if (t->boots_total <= 1)
    return g_strdup ("one boot");
  if (t->boots_growing == t->boots_total)
    return t->boots_total == 2 ? g_strdup ("both boots")
                               : g_strdup_printf ("all %u boots", t->boots_total);

  return g_strdup_printf ("%u of %u boots", t->boots_growing, t->boots_total);
}

/* "since 10:00" (the day too when the run spans several), in the
 * session's time base. */
static char *
format_since (PmSession       *self,
              const PmLeakTag *t)
{
  const gint64 *times, *leak_times;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  guint n = pm_dataset_get_n_snapshots (self->dataset);
  gint64 since;

  if (t->growth_start == G_MININT64 || n == 0 || t->growth_start_snapshot >= n ||
      !pm_dataset_has_time_base (self->dataset, self->leaks_time_base))
    return NULL;

  /* The finder's time, moved into the base the window shows. */
  times = pm_dataset_get_times (self->dataset, self->time_base);
  leak_times = pm_dataset_get_times (self->dataset, self->leaks_time_base);
  since = t->growth_start + (times[t->growth_start_snapshot] - leak_times[t->growth_start_snapshot]);
  start = g_date_time_new_from_unix_utc (since);
  first = g_date_time_new_from_unix_utc (times[0]);
  last = g_date_time_new_from_unix_utc (times[n - 1]);
  if (start == NULL || first == NULL || last == NULL)
    return NULL;

  if (g_date_time_get_day_of_year (first) == g_date_time_get_day_of_year (last) &&
      g_date_time_get_year (first) == g_date_time_get_year (last))
    return g_date_time_format (start, "since %H:%M");

  return g_date_time_format (start, "since %b %-d %H:%M");
}

/* "QdrC, +14 KiB/h since 10:00, both boots" */
static char *
describe_tag (PmSession       *self,
              const PmLeakTag *t)
{
  g_autofree char *rate = pm_session_format_leak_rate (self, t->tag);
  g_autofree char *since = format_since (self, t);
  g_autofree char *boots = format_boots (t);
  GString *out = g_string_new (pm_dataset_get_tag_name (self->dataset, t->tag));

  if (rate != NULL)
    g_string_append_printf (out, ", %s", rate);
  if (since != NULL)
    g_string_append_printf (out, "%s%s", rate != NULL ? " " : ", ", since);
  /* Boots only tell something when there were several. */
  if (t->boots_total > 1)
    g_string_append_printf (out, ", %s", boots);

  return g_string_free (out, FALSE);
}

/**
 * pm_session_describe_leaks:
 *
 * The one line above the chart: "1 leak: QdrC, +14 KiB/h since 10:00,
 * both boots", the most likely leak (or suspect) named, the others
 * counted.
 *
 * Returns: (transfer full) (nullable): the line; %NULL while there is no
 *   answer
 */
char *
pm_session_describe_leaks (PmSession *self)
{
  guint n_leaks, n_suspects, n;
  const guint *ranking;
  const PmLeakTag *first;
  g_autofree char *about = NULL;
  GString *out;

  g_return_val_if_fail (PM_IS_SESSION (self), NULL);

  if (self->leaks == NULL || self->dataset == NULL)
    return NULL;

  n_leaks = pm_leak_result_count (self->leaks, PM_LEAK_VERDICT_LEAK);
  n_suspects = pm_leak_result_count (self->leaks, PM_LEAK_VERDICT_SUSPECT);
  if (n_leaks + n_suspects == 0)
    return g_strdup ("No leak found: no tag grows steadily");

  ranking = pm_leak_result_get_ranking (self->leaks, &n);
  first = pm_leak_result_get_tag (self->leaks, ranking[0]);
  about = describe_tag (self, first);
  out = g_string_new (NULL);

  if (n_leaks > 0)
    {
      g_string_append_printf (out, "%u %s: %s", n_leaks, n_leaks == 1 ? "leak" : "leaks", about);
      if (n_leaks > 1)
        g_string_append_printf (out, "; %u more", n_leaks - 1);
      if (n_suspects > 0)
        g_string_append_printf (out, " · %u %s", n_suspects,
                                n_suspects == 1 ? "suspect" : "suspects");
    }
  else
    {
      g_string_append_printf (out, "No leak; %u %s: %s", n_suspects,
                              n_suspects == 1 ? "suspect" : "suspects", about);
      if (n_suspects > 1)
        g_string_append_printf (out, "; %u more", n_suspects - 1);
    }

  return g_string_free (out, FALSE);
}

/**
 * pm_session_get_trend:
 * @index: which of @tag's trend lines, from 0
 * @t0: (out): where the line starts, seconds in the session's time base
 * @v0: (out): its value there, in the session's metric
 * @t1: (out): where it ends
 * @v1: (out): its value there
 *
 * The fitted trend lines of a leak or suspect over the session's metric,
 * one per boot that was judged, for drawing dashed over its series.
 *
 * Returns: %FALSE when @tag has no line @index (not a leak or suspect,
 *   another metric, no answer yet)
 */
gboolean
pm_session_get_trend (PmSession *self,
                      guint      tag,
                      guint      index,
                      double    *t0,
                      double    *v0,
                      double    *t1,
                      double    *v1)
{
  const PmLeakSegment *segments;
  const gint64 *leak_times, *times;
  guint n, k = 0;

  g_return_val_if_fail (PM_IS_SESSION (self), FALSE);

  if (pm_session_get_leak_verdict (self, tag) == PM_LEAK_VERDICT_NONE ||
      !pm_dataset_has_time_base (self->dataset, self->leaks_time_base))
    return FALSE;

  leak_times = pm_dataset_get_times (self->dataset, self->leaks_time_base);
  times = pm_dataset_get_times (self->dataset, self->time_base);
  segments = pm_leak_result_get_segments (self->leaks, tag, &n);
  for (guint i = 0; i < n; i++)
    {
      const PmLeakSegment *s = &segments[i];
      double shift;

      if (s->metric != self->metric || !isfinite (s->slope) || !isfinite (s->start_value) ||
          s->end_time <= s->start_time || s->first_snapshot > s->last_snapshot)
        continue;
      if (k++ != index)
        continue;

      /* The line was fitted in the leak finder's time base; the two bases
       * differ by the lab machine's UTC offset. */
      shift = (double) times[s->first_snapshot] - (double) leak_times[s->first_snapshot];
      *t0 = (double) s->start_time + shift;
      *t1 = (double) s->end_time + shift;
      *v0 = s->start_value;
      *v1 = s->start_value + s->slope * ((double) (s->end_time - s->start_time) / 3600.0);
      return TRUE;
    }

  return FALSE;
}
