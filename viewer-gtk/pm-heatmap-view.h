/* pm-heatmap-view.h: the correlation heat map widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-figures.h"

G_BEGIN_DECLS

#define PM_TYPE_HEATMAP_VIEW (pm_heatmap_view_get_type ())

G_DECLARE_FINAL_TYPE (PmHeatmapView, pm_heatmap_view, PM, HEATMAP_VIEW, GtkWidget)

GtkWidget             *pm_heatmap_view_new             (void);
void                   pm_heatmap_view_set_figure      (PmHeatmapView   *self,
                                                        PmCorrFigure    *figure);
PmCorrFigure          *pm_heatmap_view_get_figure      (PmHeatmapView   *self);
const PmHeatmapWindow *pm_heatmap_view_get_window      (PmHeatmapView   *self);
const PmChartTheme    *pm_heatmap_view_get_theme       (PmHeatmapView   *self);
void                   pm_heatmap_view_set_selected    (PmHeatmapView   *self,
                                                        int              row,
                                                        int              col);
gboolean               pm_heatmap_view_back            (PmHeatmapView   *self);
void                   pm_heatmap_view_home            (PmHeatmapView   *self);
void                   pm_heatmap_view_zoom_by         (PmHeatmapView   *self,
                                                        double           factor);
gboolean               pm_heatmap_view_get_can_go_back (PmHeatmapView   *self);
gboolean               pm_heatmap_view_get_zoomed      (PmHeatmapView   *self);

G_END_DECLS
