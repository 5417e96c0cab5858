/* pm-window-views.h: the window's correlation pages and its Export menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the window (pm-window.c calls the two _init functions) and to
 * the old command line, which opens a window on a given page.
 */
#pragma once

#include "pm-correlation-view.h"
#include "pm-window.h"

G_BEGIN_DECLS

void _pm_window_views_init          (PmWindow          *self);
void _pm_window_export_init         (PmWindow          *self);
void _pm_window_keys_init           (PmWindow          *self);
void _pm_window_memory_init         (PmWindow          *self);
void _pm_window_show_correlation    (PmWindow          *self,
                                     PmCorrelationMode  mode,
                                     gboolean           increments);

G_END_DECLS
