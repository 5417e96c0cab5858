/* pm-tag-row.h: one tag in the tag table's list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-rank.h"

G_BEGIN_DECLS

#define PM_TYPE_TAG_ROW (pm_tag_row_get_type ())

G_DECLARE_FINAL_TYPE (PmTagRow, pm_tag_row, PM, TAG_ROW, GObject)

PmTagRow         *pm_tag_row_new             (PmDataset        *dataset,
                                              guint             tag,
                                              const PmTagStats *stats);
PmTagRow         *pm_tag_row_new_as          (PmDataset        *dataset,
                                              guint             tag,
                                              const PmTagStats *stats,
                                              guint             index);
guint             pm_tag_row_get_tag         (PmTagRow         *self);
const char       *pm_tag_row_get_name        (PmTagRow         *self);
const char       *pm_tag_row_get_label       (PmTagRow         *self);
const char       *pm_tag_row_get_binary      (PmTagRow         *self);
const char       *pm_tag_row_get_description (PmTagRow         *self);
const PmTagStats *pm_tag_row_get_stats       (PmTagRow         *self);
gboolean          pm_tag_row_set_stats       (PmTagRow         *self,
                                              const PmTagStats *stats);
void              pm_tag_row_set_tag         (PmTagRow         *self,
                                              guint             tag);
gboolean          pm_tag_row_get_shown       (PmTagRow         *self);
void              pm_tag_row_set_shown       (PmTagRow         *self,
                                              gboolean          shown);
const GdkRGBA    *pm_tag_row_get_rgba        (PmTagRow         *self);
void              pm_tag_row_set_rgba        (PmTagRow         *self,
                                              const GdkRGBA    *rgba);
gboolean          pm_tag_row_matches         (PmTagRow         *self,
                                              const char       *search,
                                              gboolean          wildcard);

G_END_DECLS
