/* pm-figures.h: what the renderers draw, built from a session or a matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free, so the windows' views, their Export menu and the headless
 * `--export` build the very same models and files.
 */
#pragma once

#include "pmchart.h"
#include "pm-corr.h"
#include "pm-session.h"

G_BEGIN_DECLS

typedef struct _PmChartFigure PmChartFigure;

PmChartFigure        *pm_chart_figure_new           (PmSession       *session);
void                  pm_chart_figure_free          (PmChartFigure   *self);
const PmChartModel   *pm_chart_figure_get_model     (PmChartFigure   *self);
void                  pm_chart_figure_set_title     (PmChartFigure   *self,
                                                     const char      *title);
char                 *pm_chart_figure_describe      (PmSession          *session,
                                                     const char * const *names);

typedef struct _PmCorrFigure PmCorrFigure;

PmCorrFigure         *pm_corr_figure_new            (PmDataset       *dataset,
                                                     PmCorrMatrix    *matrix,
                                                     const guint     *order,
                                                     const char      *title);
void                  pm_corr_figure_free           (PmCorrFigure    *self);
const PmHeatmapModel *pm_corr_figure_get_model      (PmCorrFigure    *self);
PmCorrMatrix         *pm_corr_figure_get_matrix     (PmCorrFigure    *self);
guint                 pm_corr_figure_get_index      (PmCorrFigure    *self,
                                                     guint            position);
guint                 pm_corr_figure_get_tag        (PmCorrFigure    *self,
                                                     guint            position);
char                 *pm_corr_figure_title          (PmMetric         metric,
                                                     gboolean         increments,
                                                     gboolean         every,
                                                     guint            n,
                                                     gboolean         clustered,
                                                     gboolean         zoomed);
gboolean              pm_corr_figure_write_csv      (PmCorrFigure    *self,
                                                     const char      *path,
                                                     GError         **error);

gboolean              pm_figures_write_tag_table_csv (PmSession       *session,
                                                      const char      *path,
                                                      GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmChartFigure, pm_chart_figure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmCorrFigure, pm_corr_figure_free)

G_END_DECLS
