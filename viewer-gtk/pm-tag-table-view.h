/* pm-tag-table-view.h: the side panel's table of every tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-session.h"
#include "pm-tag-row.h"

G_BEGIN_DECLS

#define PM_TYPE_TAG_TABLE_VIEW (pm_tag_table_view_get_type ())

G_DECLARE_FINAL_TYPE (PmTagTableView, pm_tag_table_view, PM, TAG_TABLE_VIEW, GtkWidget)

GtkWidget  *pm_tag_table_view_new           (void);
PmSession  *pm_tag_table_view_get_session   (PmTagTableView *self);
void        pm_tag_table_view_set_session   (PmTagTableView *self,
                                             PmSession      *session);
void        pm_tag_table_view_focus_search  (PmTagTableView *self);
void        pm_tag_table_view_focus_table   (PmTagTableView *self);
PmTagRow   *pm_tag_table_view_get_focused_row (PmTagTableView *self);
GListModel *pm_tag_table_view_get_rows      (PmTagTableView *self);
GtkSelectionModel *pm_tag_table_view_get_selection (PmTagTableView *self);
char       *pm_tag_table_view_get_sort_column (PmTagTableView *self,
                                               GtkSortType    *order);
gboolean    pm_tag_table_view_set_sort_column (PmTagTableView *self,
                                               const char     *title,
                                               GtkSortType     order);
GtkSorter  *pm_tag_table_view_get_sorter      (PmTagTableView *self);
void        pm_tag_table_view_set_held      (PmTagTableView *self,
                                             gboolean        held);
const char *pm_tag_table_view_get_search    (PmTagTableView *self);
guint       pm_tag_table_view_get_last_update (PmTagTableView *self,
                                               gboolean       *in_place,
                                               gint64         *usec,
                                               gint64         *began);

G_END_DECLS
