/* pm-leaks-figure.h: the Leaks page's rows and its CSV, from a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free, so the Leaks page, its export and the tests build the same
 * rows.
 */
#pragma once

#include "pmchart.h"
#include "pm-session.h"

G_BEGIN_DECLS

typedef struct _PmLeaksFigure PmLeaksFigure;

PmLeaksFigure      *pm_leaks_figure_new        (PmSession      *session);
void                pm_leaks_figure_free       (PmLeaksFigure  *self);
const PmLeaksModel *pm_leaks_figure_get_model  (PmLeaksFigure  *self);
guint               pm_leaks_figure_get_tag    (PmLeaksFigure  *self,
                                                guint           row);
char               *pm_leaks_figure_describe_row (PmLeaksFigure *self,
                                                guint           row);
gboolean            pm_leaks_write_csv         (PmSession      *session,
                                                const char     *path,
                                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmLeaksFigure, pm_leaks_figure_free)

G_END_DECLS
