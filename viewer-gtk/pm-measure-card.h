/* pm-measure-card.h: the range figures of a measured span, over the chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-range-figures.h"

G_BEGIN_DECLS

#define PM_TYPE_MEASURE_CARD (pm_measure_card_get_type ())

G_DECLARE_FINAL_TYPE (PmMeasureCard, pm_measure_card, PM, MEASURE_CARD, GtkWidget)

GtkWidget      *pm_measure_card_new         (void);
void            pm_measure_card_set_figures (PmMeasureCard  *self,
                                             PmRangeFigures *figures,
                                             gboolean        elapsed,
                                             double          origin);
PmRangeFigures *pm_measure_card_get_figures (PmMeasureCard  *self);

G_END_DECLS
