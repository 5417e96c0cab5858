/* pm-gen-image.c: a generated run straight into the store's dataset image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month of one-minute snapshots of 3,000 tags is 30 GB of CSV. For the
 * benchmarks of the store (docs/store.md), pm-generate --image writes the
 * dataset those files would load into, in the store's image format, without
 * the files: the same rows as the CSV (every column, Diffs modular, Allocs
 * summed for the reboot rule) through the library's streaming build. Its
 * image is keyed by zeros, as it stands for no folder.
 */
#include "pm-gen-image.h"
#include "pm-gen-rows.h"

#include <string.h>

#include "pm-dataset-private.h"
#include "pm-format.h"
#include "pm-store-private.h"

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  PmGenModel *model = user_data;

  return strcmp (pm_gen_model_get_tag (model, *(const guint *) a),
                 pm_gen_model_get_tag (model, *(const guint *) b));
}

/**
 * pm_gen_build_dataset:
 *
 * Returns: (transfer full) (nullable): the first @n_snapshots of @model, from
 *   @start UTC every @interval seconds (local time @offset from it), as the
 *   dataset their CSV files would load into; the model is advanced past
 *   them. %NULL for no snapshot.
 */
PmDataset *
pm_gen_build_dataset (PmGenModel *model,
                      guint       n_snapshots,
                      gint64      start,
                      gint64      offset,
                      guint       interval)
{
  guint n_tags = pm_gen_model_get_n_tags (model);
  g_autofree guint *order = g_new (guint, MAX (n_tags, 1));
  g_autofree guint *slot = g_new (guint, MAX (n_tags, 1));
  g_autofree const char **names = g_new0 (const char *, n_tags + 1);
  g_autofree PmRowValues *rows = g_new0 (PmRowValues, MAX (n_tags, 1));
  PmDatasetStream *stream;

  for (guint i = 0; i < n_tags; i++)
    order[i] = i;
  g_qsort_with_data (order, n_tags, sizeof (guint), compare_names, model);
  for (guint i = 0; i < n_tags; i++)
    {
      slot[order[i]] = i;
      names[i] = pm_gen_model_get_tag (model, order[i]);
    }

  stream = _pm_dataset_stream_new (names, n_tags, n_snapshots,
                                   PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF |
                                   PM_ROW_HAVE_PAGED_USED | PM_ROW_HAVE_NON_PAGED_USED |
                                   PM_ROW_HAVE_ALLOCS);
  for (guint i = 0; i < n_tags; i++)
    _pm_dataset_stream_set_tag_info (stream, slot[i], pm_gen_model_get_binary (model, i),
                                     pm_gen_model_get_description (model, i));

  for (guint s = 0; s < n_snapshots; s++)
    {
      gint64 utc = start + (gint64) s * interval;

      if (s > 0)
        pm_gen_model_advance (model);
      for (guint i = 0; i < n_tags; i++)
        {
          PmRowValues *v = &rows[slot[i]];
          PmGenRow row;

          if (!pm_gen_model_get_row (model, i, &row))
            {
              v->have = 0;
              continue;
            }
          pm_gen_row_to_values (&row, v);
        }
      _pm_dataset_stream_add_snapshot (stream, utc, utc + offset, rows);
    }

  return _pm_dataset_stream_end (stream);
}

gboolean
pm_gen_write_image (PmGenModel  *model,
                    guint        n_snapshots,
                    gint64       start,
                    gint64       offset,
                    guint        interval,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(PmDataset) dataset = pm_gen_build_dataset (model, n_snapshots, start, offset,
                                                       interval);
  guint8 key[PM_STORE_IMAGE_KEY_SIZE] = { 0 };

  if (dataset == NULL)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "no snapshots to write");
      return FALSE;
    }
  return _pm_store_image_save (path, key, dataset, error);
}
