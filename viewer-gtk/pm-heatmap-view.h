/* pm-heatmap-view.h: the correlation heat map widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-figures.h"

G_BEGIN_DECLS

/**
 * PmHeatmapChange:
 * @PM_HEATMAP_CHANGE_FIGURE: a new matrix, shown whole
 * @PM_HEATMAP_CHANGE_ZOOM: zoomed or panned
 * @PM_HEATMAP_CHANGE_BACK: back to the previous view
 * @PM_HEATMAP_CHANGE_HOME: the whole matrix again
 *
 * What PmHeatmapView::view-changed reports.
 */
typedef enum
{
  PM_HEATMAP_CHANGE_FIGURE,
  PM_HEATMAP_CHANGE_ZOOM,
  PM_HEATMAP_CHANGE_BACK,
  PM_HEATMAP_CHANGE_HOME,
} PmHeatmapChange;

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
gboolean               pm_heatmap_view_get_matrix_area (PmHeatmapView   *self,
                                                        PmRect          *area);
double                 pm_heatmap_view_get_cell_size   (PmHeatmapView   *self);

G_END_DECLS
