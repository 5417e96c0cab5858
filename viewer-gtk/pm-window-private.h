/* pm-window-private.h: what pm-window.c and pm-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-chart-view.h"
#include "pm-progress-card.h"
#include "pm-tag-table-view.h"
#include "pm-window.h"

G_BEGIN_DECLS

struct _PmWindow
{
  GtkApplicationWindow  parent_instance;

  PmSession            *session;
  PmLoader             *loader;
  GCancellable         *cancellable;
  char                **paths;
  guint                 progress_source;
  gint64                load_started;
  gint64                load_ms;       /* how long the last load took */
  char                 *last_page;
  GCancellable         *leak_cancellable;  /* the leak finder's run */
  gint64                leak_started;
  guint                 sort_source;   /* saves the sort column (pm-window-memory.c) */

  /* Template children. */
  GtkHeaderBar         *header_bar;
  GtkMenuButton        *recent_button;
  GtkWidget            *zoom_box;
  GtkWidget            *view_controls;
  GtkWidget            *view_switcher;
  GtkStack             *title_stack;
  GtkWidget            *summary_box;
  GtkLabel             *summary_title;
  GtkLabel             *summary_label;
  GMenu                *recent_menu;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkDropDown          *metric_dropdown;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkWidget            *banner_details_button;
  GtkStack             *main_stack;
  GtkLabel             *empty_title;
  GtkLabel             *empty_description;
  PmProgressCard       *progress_card;
  GtkPaned             *paned;
  GtkExpander          *rank_expander;
  PmTagTableView       *tag_table;
  GtkStack             *view_stack;
  PmChartView          *chart_view;
  GtkWidget            *leak_summary_box;
  GtkLabel             *leak_summary;
  GtkWidget            *leak_summary_button;
  GtkSpinButton        *top_peak;
  GtkSpinButton        *top_average;
  GtkSpinButton        *top_pct;
  GtkSpinButton        *top_abs;
  GtkEntry             *include_entry;
  GtkEntry             *exclude_entry;
};

void _pm_window_actions_init       (PmWindow      *self);
void _pm_window_actions_update     (PmWindow      *self);
void _pm_window_toggle_action      (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data);
void _pm_window_show_banner        (PmWindow      *self,
                                    const char    *text,
                                    gboolean       with_details);
void _pm_window_update_recent      (PmWindow      *self);
void _pm_window_choose_folders    (PmWindow      *self,
                                 const char    *title,
                                 const char    *accept,
                                 GCallback      response);
void _pm_window_export_dialog_shown (PmWindow     *self,
                                    const char    *page,
                                    gboolean       csv);
void _pm_window_exported           (PmWindow      *self,
                                    const char    *path);

/* The leak finder's run and the Leaks page (pm-window-leaks.c). */
void _pm_window_leaks_init         (PmWindow      *self);
void _pm_window_highlight_init     (PmWindow      *self);
void _pm_window_leaks_start        (PmWindow      *self);
void _pm_window_leaks_cancel       (PmWindow      *self);

/* The Follow toggle and the folder followed (pm-window-follow.c). */
void _pm_window_follow_init        (PmWindow      *self);
void _pm_window_follow_dispose     (PmWindow      *self);
void _pm_window_follow_leaks_done  (PmWindow      *self);

/* Several runs and range figures (pm-window-runs.c). */
void _pm_window_runs_init          (PmWindow       *self,
                                    GtkApplication *app);
void _pm_window_runs_loaded        (PmWindow       *self,
                                    PmRunSet       *set);

G_END_DECLS
