/* pm-swatch.h: a small square of a series' colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PM_TYPE_SWATCH (pm_swatch_get_type ())

G_DECLARE_FINAL_TYPE (PmSwatch, pm_swatch, PM, SWATCH, GtkWidget)

GtkWidget     *pm_swatch_new       (void);
const GdkRGBA *pm_swatch_get_rgba  (PmSwatch      *self);
void           pm_swatch_set_rgba  (PmSwatch      *self,
                                    const GdkRGBA *rgba);

G_END_DECLS
