/* test-part-dump.h: a part read from a file, as text (test-csv-plain, fuzz-csv)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pm-dataset-private.h"

/* Everything a part holds, as text: two parts are the same when their
 * texts are. */
static inline char *
dump_part (const PmPart *part)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "have %#x rows %u skipped %u duplicate %u problems %u\n",
                          part->have, part->n_rows, part->rows_skipped, part->rows_duplicate,
                          part->n_problems);
  for (guint r = 0; r < part->n_rows; r++)
    {
      g_string_append_printf (out, "row %u: tag %u", r, part->tags[r]);
      if (part->paged_diff)
        g_string_append_printf (out, " pd %u", part->paged_diff[r]);
      if (part->non_paged_diff)
        g_string_append_printf (out, " npd %u", part->non_paged_diff[r]);
      if (part->paged_used)
        g_string_append_printf (out, " pu %" G_GINT64_FORMAT, part->paged_used[r]);
      if (part->non_paged_used)
        g_string_append_printf (out, " npu %" G_GINT64_FORMAT, part->non_paged_used[r]);
      if (part->total_used)
        g_string_append_printf (out, " tu %" G_GINT64_FORMAT, part->total_used[r]);
      if (part->allocs)
        g_string_append_printf (out, " allocs %u", part->allocs[r]);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < part->snapshots->len; i++)
    {
      const PmPartSnapshot *s = &g_array_index (part->snapshots, PmPartSnapshot, i);

      g_string_append_printf (out, "snapshot %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " rows %u+%u line %u clocks %u%u\n", s->utc, s->local,
                              s->first_row, s->n_rows, s->line, s->has_utc, s->has_local);
    }
  for (guint i = 0; i < part->tag_info->len; i++)
    {
      const PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);

      g_string_append_printf (out, "info %u [%s] [%s]\n", info->tag,
                              info->binary ? info->binary : "(null)",
                              info->description ? info->description : "(null)");
    }
  for (guint i = 0; i < part->problems->len; i++)
    {
      const PmProblem *p = g_ptr_array_index (part->problems, i);

      g_string_append_printf (out, "problem %s:%u: %s\n", p->file, p->line, p->message);
    }
  return g_string_free (out, FALSE);
}
