/* pm-bigmem-private.h: scratch buffers of tens of megabytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gpointer _pm_big_alloc (gsize    size);
void     _pm_big_free  (gpointer data);

G_END_DECLS
