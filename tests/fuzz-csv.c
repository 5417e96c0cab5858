/* fuzz-csv.c: libFuzzer target for the snapshot parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes at all go through the whole path a file takes: encoding
 * detection, decoding, libcsv, field interpretation and the merge into a
 * dataset. The first byte picks the size of the read buffer (64 bytes up
 * to whole), so lines that fall across blocks and come in pieces are
 * fuzzed as well as whole ones. Sanitizers turn any memory error into a
 * failure; the parser must also never hang, which libFuzzer's -timeout
 * catches. The input is read a second time with every line through libcsv
 * (no plain-line splitter): the two parts must be the same.
 */
#include <stdlib.h>
#include <string.h>

#include "pm-csv-reader.h"
#include "pm-pooltag.h"
#include "test-part-dump.h"

/* The part of @data read with every line through libcsv, as text. */
static char *
dump_through_libcsv (const guint8 *data,
                     size_t        size,
                     gsize         block)
{
  PmDatasetBuilder *builder = pm_dataset_builder_new ();
  PmTagCache *cache = _pm_tag_cache_new (builder);
  PmPart *part;
  char *dump;

  cache->plain_off = TRUE;
  part = _pm_csv_read_data_sized (cache, "fuzz.csv", (const char *) data, size, block,
                                  NULL, NULL, NULL);
  dump = dump_part (part);
  _pm_part_free (part);
  _pm_tag_cache_free (cache);
  g_object_unref (pm_dataset_builder_end (builder));
  return dump;
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  PmDatasetBuilder *builder = pm_dataset_builder_new ();
  PmTagCache *cache = _pm_tag_cache_new (builder);
  PmPooltag *pooltag = pm_pooltag_new_from_data ((const char *) data, size);
  gsize block = size > 0 && data[0] < 0x80 ? 64 + data[0] : size + 1;
  PmDataset *dataset;
  PmPart *part;

  part = _pm_csv_read_data_sized (cache, "fuzz.csv", (const char *) data, size, block,
                                  NULL, NULL, NULL);
  {
    g_autofree char *fast = dump_part (part);
    g_autofree char *slow = dump_through_libcsv (data, size, block);

    if (strcmp (fast, slow) != 0)
      {
        g_printerr ("the plain-line splitter and libcsv differ:\n%s\n---\n%s\n", fast, slow);
        abort ();
      }
  }
  _pm_dataset_builder_set_n_parts (builder, 1);
  _pm_dataset_builder_set_part (builder, 0, part);
  _pm_dataset_builder_set_pooltag (builder, pooltag);
  _pm_tag_cache_free (cache);

  dataset = pm_dataset_builder_end (builder);
  for (guint t = 0; t <= pm_dataset_get_n_tags (dataset); t++)
    for (PmMetric m = 0; m < PM_N_METRICS; m++)
      if (pm_dataset_get_n_snapshots (dataset) > 0)
        (void) pm_dataset_get_value (dataset, m, t, pm_dataset_get_n_snapshots (dataset) - 1);

  g_object_unref (dataset);
  pm_pooltag_free (pooltag);
  return 0;
}
