/* pm-correlation-view-private.h: what pm-correlation-view.c and its work share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-correlation-view.h"
#include "pm-progress-card.h"

G_BEGIN_DECLS

struct _PmCorrelationView
{
  GtkWidget          parent_instance;

  PmSession         *session;
  GSignalGroup      *session_signals;
  GCancellable      *cancellable;
  gint              *progress;     /* per mille, written by the worker */
  guint              progress_source;
  guint              idle_source;
  gint64             started;
  guint              n_snapshots;  /* of the job running or shown */
  guint              dirty : 1;
  guint              own_selection : 1;

  /* Template children. */
  GtkWidget         *toolbar;
  GtkToggleButton   *selected_button;
  GtkToggleButton   *every_button;
  GtkToggleButton   *levels_button;
  GtkToggleButton   *increments_button;
  GtkDropDown       *order_dropdown;
  GtkCheckButton    *zoomed_check;
  GtkWidget         *back_button;
  GtkWidget         *home_button;
  PmHeatmapView     *heatmap;
  GtkWidget         *progress_box;
  PmProgressCard    *progress_card;
  GtkLabel          *status_label;
  GtkLabel          *hover_label;
};

void _pm_correlation_view_start_work      (PmCorrelationView *self);
void _pm_correlation_view_describe        (PmCorrelationView *self);
void _pm_correlation_view_cancel_work     (PmCorrelationView *self);
void _pm_correlation_view_notify_working  (PmCorrelationView *self);
void _pm_correlation_view_stop_progress   (PmCorrelationView *self);
void _pm_correlation_view_work_started    (PmCorrelationView *self,
                                           guint              n_tags,
                                           guint              n_snapshots);
void _pm_correlation_view_work_finished   (PmCorrelationView *self,
                                           const GError      *error,
                                           gboolean           clustered,
                                           double             ms);

G_END_DECLS
