/* test-analysis-common.h: datasets made from small tables, for the analysis tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>

#include "poolstats.h"

/* A value that marks "tag absent from this snapshot" in fixture tables. */
#define ABSENT G_MININT64

#define FIXTURE_T0   1626171300 /* 2021-07-13 10:15:00 UTC */
#define FIXTURE_STEP 60

/* Builds a dataset of @n_snapshots snapshots, one minute apart, where tag
 * @names[i] has @values[i * n_snapshots + s] in snapshot s for every metric
 * (paged bytes and paged allocations, nothing non-paged), or is absent
 * where the value is ABSENT. */
static inline PmDataset *
fixture_dataset (const char * const *names,
                 guint               n_tags,
                 const gint64       *values,
                 guint               n_snapshots)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();

  for (guint s = 0; s < n_snapshots; s++)
    {
      gint64 t = FIXTURE_T0 + (gint64) s * FIXTURE_STEP;
      guint handle = pm_dataset_builder_add_snapshot (builder, t, t + 7200);

      for (guint i = 0; i < n_tags; i++)
        {
          gint64 v = values[(gsize) i * n_snapshots + s];
          PmRowValues row = { 0 };

          if (v == ABSENT)
            continue;
          row.paged_diff = (guint32) v;
          row.non_paged_diff = 0;
          row.paged_used = v;
          row.non_paged_used = 0;
          row.have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF |
                     PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED;
          pm_dataset_builder_add_row (builder, handle, names[i], &row);
        }
    }

  /* pm_dataset_builder_end() frees the builder. */
  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

static inline guint
fixture_tag (PmDataset  *dataset,
             const char *name)
{
  guint tag = G_MAXUINT;

  g_assert_true (pm_dataset_lookup_tag (dataset, name, &tag));
  return tag;
}

/* The tags of a ranking or selection as names joined by '|', for
 * comparing with the hand-computed answer in one assertion. */
static inline char *
fixture_names (PmDataset   *dataset,
               const guint *tags,
               guint        n_tags)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_tags; i++)
    {
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, pm_dataset_get_tag_name (dataset, tags[i]));
    }

  return g_string_free (out, FALSE);
}

/* A small deterministic generator, so random tests fail the same way twice. */
static inline double
fixture_uniform (guint64 *state)
{
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double) (*state >> 11) / (double) (1ULL << 53);
}
