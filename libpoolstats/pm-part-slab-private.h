/* pm-part-slab-private.h: the rows of many parts in a few large blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-dataset-private.h"

G_BEGIN_DECLS

typedef struct _PmPartSlab PmPartSlab;

gboolean _pm_part_move_to_slab  (PmPart      *part,
                                 PmPartSlab **slab);
void     _pm_part_leave_slab    (PmPart      *part);
void     _pm_part_slab_unref    (PmPartSlab  *slab);

G_END_DECLS
