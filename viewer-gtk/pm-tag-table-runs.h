/* pm-tag-table-runs.h: the tag table's columns per run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-runs.h"
#include "pm-tag-table-view.h"

G_BEGIN_DECLS

void     pm_tag_table_view_set_runs        (PmTagTableView *self,
                                            PmRuns         *runs);
gboolean pm_tag_table_view_get_run_growth  (PmTagTableView *self,
                                            const char     *tag,
                                            guint           run,
                                            double         *growth);

G_END_DECLS
