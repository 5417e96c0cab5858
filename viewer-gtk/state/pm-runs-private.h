/* pm-runs-private.h: what the files of PmRuns share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-runs.h"
#include "pm-session-private.h"

G_BEGIN_DECLS

struct _PmRuns
{
  GObject     parent_instance;

  PmSession  *primary;      /* owns this object (as data): no reference */
  PmRunSet   *set;          /* the runs shown (or only run A); NULL before */
  GPtrArray  *sessions;     /* PmSession per run; [0] is NULL (the primary) */
  GPtrArray  *times;        /* gint64[] per run, moved by the shift; lazily */
  GPtrArray  *tables;       /* PmTagTable per run over the zoomed range */
  PmRunAlign  align;
  guint       current;
  gboolean    measuring;
  double      m0;
  double      m1;
  gboolean    follow;
  gboolean    measure_mode;
  GArray     *hidden;       /* gboolean per run: its lines left out */
  GHashTable *extra_shown;  /* names of tags run A lacks that are shown */
};

enum {
  PROP_0,
  PROP_ALIGN,
  PROP_CURRENT,
  PROP_FOLLOW_RANGE,
  PROP_MEASURE_MODE,
  N_PROPS
};

enum {
  CHANGED,
  MEASURE_CHANGED,
  TABLES_CHANGED,
  N_SIGNALS
};

void _pm_runs_notify         (PmRuns *self,
                              guint   prop);
void _pm_runs_emit           (PmRuns *self,
                              guint   signal);
void _pm_runs_forget_tables  (PmRuns *self);
void _pm_runs_changed        (PmRuns   *self,
                              gboolean  home);
void _pm_runs_append_csv_growth (PmRuns     *runs,
                                 GString    *out,
                                 const char *name);

G_END_DECLS
