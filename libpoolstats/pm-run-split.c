/* pm-run-split.c: one merge per run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once pm-run-detect.c has grouped the paths into runs, each run's parts
 * move into a builder of their own and are merged apart; the runs are named
 * and put in a #PmRunSet.
 */
#include "pm-run-set-private.h"

#include <string.h>

/* A run's name: the base name of its first path with snapshots (trailing
 * separators ignored); the path itself when another run has the same base
 * name. */
char *
_pm_run_name_of_path (const char *path)
{
  g_autofree char *trimmed = g_strdup (path);
  gsize len = strlen (trimmed);

  while (len > 1 && G_IS_DIR_SEPARATOR (trimmed[len - 1]))
    trimmed[--len] = '\0';

  return g_path_get_basename (trimmed);
}

static const char *
name_path (PmRunGrouping *grouping,
           guint          run)
{
  GPtrArray *mine = g_ptr_array_index (grouping->run_paths, run);

  if (grouping->name_paths[run] != NULL)
    return grouping->name_paths[run];
  return mine->len > 0 ? g_ptr_array_index (mine, 0) : "";
}

char *
_pm_run_grouping_name (PmRunGrouping *grouping,
                       guint          run)
{
  const char *path = name_path (grouping, run);
  g_autofree char *name = _pm_run_name_of_path (path);

  for (guint r = 0; r < grouping->n_runs; r++)
    {
      g_autofree char *other_name = NULL;

      if (r == run)
        continue;
      other_name = _pm_run_name_of_path (name_path (grouping, r));
      if (g_strcmp0 (name, other_name) == 0)
        return g_strdup (path);
    }

  return g_steal_pointer (&name);
}

/**
 * _pm_dataset_builder_split:
 * @builder: (transfer full): the builder, freed by this call
 * @part_run: per part, its run
 *
 * Moves each run's parts into a builder of its own, with the same tag ids
 * (the name tables are shared, not copied) and pooltag, so
 * pm_dataset_builder_end() merges each run apart. No tag may be interned
 * in the new builders.
 *
 * Returns: (transfer full) (element-type PmDatasetBuilder): one per run
 */
GPtrArray *
_pm_dataset_builder_split (PmDatasetBuilder *builder,
                           const guint      *part_run,
                           guint             n_runs)
{
  GPtrArray *builders = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_dataset_builder_free);

  for (guint r = 0; r < n_runs; r++)
    {
      PmDatasetBuilder *b = pm_dataset_builder_new ();

      /* The tag ids stay valid: every run's builder shares the names (a
       * copy each would cost runs x tags). They are only read from here on. */
      g_ptr_array_unref (b->tag_names);
      g_hash_table_unref (b->tag_ids);
      b->tag_names = g_ptr_array_ref (builder->tag_names);
      b->tag_ids = g_hash_table_ref (builder->tag_ids);
      b->pooltag = builder->pooltag;
      g_ptr_array_add (builders, b);
    }

  for (guint p = 0; p < builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (builder->parts, p);
      PmDatasetBuilder *b = g_ptr_array_index (builders, MIN (part_run[p], n_runs - 1));

      if (part == NULL)
        continue;
      g_ptr_array_add (b->parts, part);
      g_ptr_array_index (builder->parts, p) = NULL;
    }
  pm_dataset_builder_free (builder);

  return builders;
}

/* The part of each path: the loader lists, per path given, where its input
 * files and its skipped entries begin (@bounds, two per path and two more
 * at the end); input files come first in the builder, then skipped ones. */
static guint *
parts_to_paths (PmDatasetBuilder *builder,
                const guint      *bounds,
                guint             n_paths)
{
  guint n_inputs = bounds[2 * n_paths];
  guint *part_path = g_new (guint, MAX (builder->parts->len, 1));

  for (guint p = 0; p < builder->parts->len; p++)
    {
      guint column = p < n_inputs ? 0 : 1;
      guint k = p < n_inputs ? p : p - n_inputs;

      part_path[p] = G_MAXUINT;
      for (guint i = 0; i < n_paths; i++)
        if (bounds[2 * i + column] <= k && k < bounds[2 * (i + 1) + column])
          {
            part_path[p] = i;
            break;
          }
    }

  return part_path;
}

static char **
paths_to_strv (GPtrArray *paths)
{
  char **strv = g_new0 (char *, paths->len + 1);

  for (guint i = 0; i < paths->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (paths, i));

  return strv;
}

/**
 * _pm_run_set_from_builder:
 * @builder: (transfer full): every part read, freed by this call
 * @bounds: per path, where its input files and its skipped entries begin
 *   among the parts (see parts_to_paths())
 *
 * Groups the parts into runs and merges each run into a dataset.
 *
 * Returns: (transfer full): the runs, at least one
 */
PmRunSet *
_pm_run_set_from_builder (PmDatasetBuilder   *builder,
                          const guint        *bounds,
                          const char * const *paths,
                          guint               n_paths)
{
  g_autofree guint *part_path = parts_to_paths (builder, bounds, n_paths);
  g_autoptr(PmRunGrouping) grouping = _pm_run_grouping_new (builder, part_path, paths, n_paths);
  g_autoptr(GPtrArray) builders = NULL;
  PmRunSet *set = pm_run_set_new ();

  /* One run, the usual case: the builder as it is. */
  if (grouping->n_runs == 1)
    {
      builders = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_dataset_builder_free);
      g_ptr_array_add (builders, builder);
    }
  else
    builders = _pm_dataset_builder_split (builder, grouping->part_run, grouping->n_runs);

  for (guint r = 0; r < grouping->n_runs; r++)
    {
      PmDatasetBuilder *b = g_steal_pointer (&g_ptr_array_index (builders, r));
      g_autoptr(PmDataset) dataset = pm_dataset_builder_end (b);
      g_autofree char *name = _pm_run_grouping_name (grouping, r);
      g_auto(GStrv) run_paths = paths_to_strv (g_ptr_array_index (grouping->run_paths, r));

      pm_run_set_add (set, name, dataset, (const char * const *) run_paths);
      pm_run_set_set_separation (set, r, grouping->separation[r], grouping->reasons[r]);
    }

  return set;
}

/**
 * _pm_run_set_steal_first:
 *
 * The first run's dataset, with a problem added for every other run that
 * says it was not loaded and why it is separate: for callers that take one
 * dataset.
 *
 * Returns: (transfer full): the dataset
 */
PmDataset *
_pm_run_set_steal_first (PmRunSet *set)
{
  PmDataset *dataset = g_object_ref (pm_run_set_get_dataset (set, 0));
  const char *first_name = pm_run_set_get_name (set, 0);

  for (guint r = 1; r < pm_run_set_get_n_runs (set); r++)
    {
      const char * const *run_paths = pm_run_set_get_paths (set, r);
      g_autofree char *message = NULL;

      message = g_strdup_printf ("not loaded: a separate run ('%s'), not merged with run '%s': "
                                 "%s; open the runs side by side to compare them",
                                 pm_run_set_get_name (set, r), first_name,
                                 pm_run_set_get_reason (set, r));
      g_ptr_array_add (dataset->problems,
                       pm_problem_new (run_paths[0] != NULL ? run_paths[0] : "", 0, message));
    }

  return dataset;
}
