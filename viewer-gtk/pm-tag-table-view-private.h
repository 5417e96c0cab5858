/* pm-tag-table-view-private.h: what pm-tag-table-view.c and its cells share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-tag-row.h"
#include "pm-tag-table-view.h"

G_BEGIN_DECLS

struct _PmTagTableView
{
  GtkWidget             parent_instance;

  PmSession            *session;
  GSignalGroup         *session_signals;
  GListStore           *store;
  GPtrArray            *rows_by_tag;
  GtkFilterListModel   *filtered;
  GtkCustomFilter      *filter;
  /* What the sort model sorts by: the column view's sorter, inside a
   * sorter of our own that a followed snapshot's new figures can make
   * sort again without a "changed" of the column view's, which the
   * window takes for the user sorting (and the table for a reason to
   * scroll to the top). */
  GtkMultiSorter       *resort;
  char                 *search;
  char                 *search_text;   /* as typed: what the rows answer */
  gboolean              search_is_pattern;

  /* New figures wait for a painted frame (see queue_rebuild()). */
  GdkFrameClock        *rebuild_clock;
  gulong                rebuild_paint_id;
  guint                 rebuild_source;
  gboolean              rebuild_pending;

  /* What the rows were made for, to tell whether new figures can be set
   * on them in place (update_in_place()). */
  gboolean              rows_valid;
  PmMetric              rows_metric;
  PmTimeBase            rows_time_base;
  guint                 rows_first;        /* the table's range */
  guint                 rows_n_range;
  guint                 rows_n_tags;
  guint                 rows_n_snapshots;
  gint64                rows_times[2];     /* the first and last snapshot's */
  /* The last update of the rows, for the probe (pm_tag_table_view_get_last_update()). */
  guint                 update_serial;
  gboolean              update_in_place;
  gint64                update_began;
  gint64                update_usec;
  gboolean              held;
  guint                 scroll_source;   /* to the top after a new sort */

  /* Template children. */
  GtkWidget            *box;
  GtkSearchEntry       *search_entry;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *shown_column;
  GtkColumnViewColumn  *color_column;
  GtkColumnViewColumn  *tag_column;
  GtkColumnViewColumn  *binary_column;
  GtkColumnViewColumn  *description_column;
  GtkColumnViewColumn  *peak_column;
  GtkColumnViewColumn  *mean_column;
  GtkColumnViewColumn  *pct_column;
  GtkColumnViewColumn  *abs_column;
  GtkColumnViewColumn  *leak_column;       /* added in code: pm-tag-table-leaks.c */
  GtkLabel             *count_label;
};

typedef enum
{
  PM_TAG_FIGURE_PEAK,
  PM_TAG_FIGURE_MEAN,
  PM_TAG_FIGURE_PCT,
  PM_TAG_FIGURE_ABS,
} PmTagFigure;

void _pm_tag_table_view_style_requested (PmTagTableView *self,
                                         guint           tag);
void _pm_tag_table_view_setup_columns   (PmTagTableView *self);
void _pm_tag_table_view_setup_leak_column (PmTagTableView *self);
void _pm_tag_table_view_leaks_changed   (PmTagTableView *self);
void _pm_tag_table_view_init_keys       (PmTagTableView *self);

/* Several runs and the zoomed range's figures (pm-tag-table-runs.c). */
PmTagTable *_pm_tag_table_view_get_table     (PmTagTableView *self);
void        _pm_tag_table_view_queue_rebuild (PmTagTableView *self);
void        _pm_tag_table_view_append_run_rows (PmTagTableView *self,
                                                GPtrArray      *rows);
gboolean    _pm_tag_table_view_has_run_rows  (PmTagTableView *self);
gboolean    _pm_tag_table_view_sync_run_row  (PmTagTableView *self,
                                              PmTagRow       *row);
void        _pm_tag_table_view_set_row_shown (PmTagTableView *self,
                                              PmTagRow       *row,
                                              gboolean        shown);

G_END_DECLS
