/* pm-progress-card.h: how far long work has come, with Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PM_TYPE_PROGRESS_CARD (pm_progress_card_get_type ())

G_DECLARE_FINAL_TYPE (PmProgressCard, pm_progress_card, PM, PROGRESS_CARD, GtkWidget)

GtkWidget *pm_progress_card_new          (void);
void       pm_progress_card_set_title    (PmProgressCard *self,
                                          const char     *title);
void       pm_progress_card_set_detail   (PmProgressCard *self,
                                          const char     *detail);
void       pm_progress_card_set_fraction (PmProgressCard *self,
                                          double          fraction,
                                          const char     *text);

G_END_DECLS
