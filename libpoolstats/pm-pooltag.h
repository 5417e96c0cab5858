/* pm-pooltag.h: the Windows debuggers' pooltag.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PmPooltag PmPooltag;

PmPooltag  *pm_pooltag_new_from_file   (const char  *path,
                                        GError     **error);
PmPooltag  *pm_pooltag_new_from_data   (const char  *data,
                                        gsize        len);
gboolean    pm_pooltag_lookup          (PmPooltag   *self,
                                        const char  *tag,
                                        const char **binary,
                                        const char **description);
guint       pm_pooltag_get_n_entries   (PmPooltag   *self);
void        pm_pooltag_free            (PmPooltag   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmPooltag, pm_pooltag_free)

G_END_DECLS
