/* pm-runs-extra.c: the tags run A lacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run A's session lists and draws run A's tags. A tag only a later run
 * has (a new driver's tag: the one that "grows only in B") has no index
 * there, so PmRuns keeps it by name: pm_runs_dup_extra_tags() lists them
 * (the union of the later runs' tags minus run A's), and a shown one
 * (pm_runs_set_extra_shown()) is drawn in every run that has it, in the
 * run's line style, and measured with the range figures. As in
 * `poolstats compare`, run A held nothing of it: its growth there is 0.
 */
#include <stdlib.h>
#include <string.h>

#include "pm-runs-private.h"
#include "pm-figures-private.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * pm_runs_dup_extra_tags:
 *
 * Returns: (transfer full): the names of the tags a later run has and run
 *   A lacks, each once, sorted byte for byte; empty with one run
 */
char **
pm_runs_dup_extra_tags (PmRuns *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  PmDataset *primary;
  guint ignored;

  g_return_val_if_fail (PM_IS_RUNS (self), NULL);

  primary = pm_session_get_dataset (self->primary);
  for (guint run = 1; primary != NULL && run < pm_runs_get_n_runs (self); run++)
    {
      PmDataset *dataset = pm_session_get_dataset (pm_runs_get_session (self, run));

      for (guint tag = 0; dataset != NULL && tag < pm_dataset_get_n_tags (dataset); tag++)
        {
          const char *name = pm_dataset_get_tag_name (dataset, tag);

          if (tag == pm_dataset_get_total_tag (dataset) ||
              pm_dataset_lookup_tag (primary, name, &ignored) ||
              !g_hash_table_add (seen, (gpointer) name))
            continue;
          g_ptr_array_add (names, (gpointer) name);
        }
    }
  g_ptr_array_sort (names, compare_names);
  {
    char **out = g_new0 (char *, names->len + 1);

    for (guint i = 0; i < names->len; i++)
      out[i] = g_strdup (g_ptr_array_index (names, i));
    return out;
  }
}

/**
 * pm_runs_get_extra_shown:
 * @name: a tag run A lacks
 *
 * Returns: whether the chart shows @name (in the runs that have it)
 */
gboolean
pm_runs_get_extra_shown (PmRuns     *self,
                         const char *name)
{
  g_return_val_if_fail (PM_IS_RUNS (self), FALSE);

  return name != NULL && g_hash_table_contains (self->extra_shown, name);
}

/**
 * pm_runs_set_extra_shown:
 * @name: a tag a later run has and run A lacks
 * @shown: whether to draw it
 *
 * Draws @name in every run that has it (or stops). A name run A has, or
 * no run has, is ignored: run A's tags are shown through its session.
 */
void
pm_runs_set_extra_shown (PmRuns     *self,
                         const char *name,
                         gboolean    shown)
{
  PmDataset *primary;
  gboolean found = FALSE;
  guint tag;

  g_return_if_fail (PM_IS_RUNS (self));

  primary = pm_session_get_dataset (self->primary);
  if (name == NULL || primary == NULL || pm_dataset_lookup_tag (primary, name, &tag) ||
      pm_runs_get_extra_shown (self, name) == !!shown)
    return;
  for (guint run = 1; run < pm_runs_get_n_runs (self) && !found; run++)
    found = pm_runs_lookup_tag (self, run, name, &tag);
  if (!found)
    return;

  if (shown)
    g_hash_table_add (self->extra_shown, g_strdup (name));
  else
    g_hash_table_remove (self->extra_shown, name);
  _pm_runs_changed (self, FALSE);
}

/**
 * pm_runs_set_extra_selection:
 * @names: (nullable): the tags run A lacks to show; %NULL for none
 *
 * Shows exactly @names of the tags run A lacks (a page charting a run's
 * tags by name); the others are shown no more. Names run A has, or no run
 * has, are ignored.
 */
void
pm_runs_set_extra_selection (PmRuns             *self,
                             const char * const *names)
{
  PmDataset *primary;
  gboolean changed;
  guint n;

  g_return_if_fail (PM_IS_RUNS (self));

  primary = pm_session_get_dataset (self->primary);
  n = g_hash_table_size (self->extra_shown);
  changed = n > 0;
  g_hash_table_remove_all (self->extra_shown);
  for (guint i = 0; names != NULL && primary != NULL && names[i] != NULL; i++)
    {
      guint tag;

      if (pm_dataset_lookup_tag (primary, names[i], &tag))
        continue;
      for (guint run = 1; run < pm_runs_get_n_runs (self); run++)
        if (pm_runs_lookup_tag (self, run, names[i], &tag))
          {
            g_hash_table_add (self->extra_shown, g_strdup (names[i]));
            changed = TRUE;
            break;
          }
    }
  if (changed)
    _pm_runs_changed (self, FALSE);
}

/**
 * pm_runs_dup_extra_shown:
 *
 * Returns: (transfer full): the tags run A lacks that are shown, sorted
 *   byte for byte (the chart's and the range figures' order)
 */
char **
pm_runs_dup_extra_shown (PmRuns *self)
{
  g_autofree const char **keys = NULL;
  guint n;
  char **out;

  g_return_val_if_fail (PM_IS_RUNS (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->extra_shown, &n);
  qsort (keys, n, sizeof (char *), compare_names);
  out = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (keys[i]);

  return out;
}

/* The tag table CSV (pm-figures.c): after run A's rows, one per tag only a
 * later run has: its name, binary and description from the first run that
 * has it, whether it is shown, run A's figures empty (present 0), then its
 * Growth and Delta columns as every row's. */
void
_pm_runs_append_csv_rows (PmSession *session,
                          GString   *out)
{
  PmRuns *runs = pm_runs_get_for_session (session);
  g_auto(GStrv) extra = NULL;

  if (runs == NULL || pm_runs_get_n_runs (runs) < 2)
    return;

  extra = pm_runs_dup_extra_tags (runs);
  for (guint i = 0; extra[i] != NULL; i++)
    for (guint run = 1; run < pm_runs_get_n_runs (runs); run++)
      {
        PmDataset *dataset = pm_session_get_dataset (pm_runs_get_session (runs, run));
        guint tag;

        if (!pm_runs_lookup_tag (runs, run, extra[i], &tag))
          continue;
        _pm_figures_append_csv_field (out, extra[i], FALSE);
        _pm_figures_append_csv_field (out, pm_dataset_get_tag_binary (dataset, tag), FALSE);
        _pm_figures_append_csv_field (out, pm_dataset_get_tag_description (dataset, tag), FALSE);
        g_string_append (out, pm_runs_get_extra_shown (runs, extra[i]) ? "1," : "0,");
        g_string_append (out, ",,,,0");
        _pm_runs_append_csv_growth (runs, out, extra[i]);
        g_string_append_c (out, '\n');
        break;
      }
}
