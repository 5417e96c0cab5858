/* pm-gen-model.h: the simulated machine behind pm-generate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fixed list of pool tags whose counters evolve one snapshot at a time.
 * Everything is integer arithmetic driven by one seed, so the same
 * parameters give the same bytes on every machine and compiler.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a tag does over the run (data/README.md lists the planted ones). */
typedef enum
{
  PM_GEN_KIND_NOISE,   /* wanders around its level */
  PM_GEN_KIND_STABLE,  /* big and nearly flat */
  PM_GEN_KIND_LEAK,    /* grows steadily to four times its start */
  PM_GEN_KIND_GROUP,   /* follows a walk shared with the other group tags */
  PM_GEN_KIND_LATE,    /* absent until 2/5 of the run */
  PM_GEN_KIND_BUSY,    /* huge churn: its 32-bit counters wrap at 1/3 of the run */
} PmGenKind;

enum { PM_GEN_PAGED, PM_GEN_NON_PAGED, PM_GEN_N_POOLS };

/* The numbers of one tag in one snapshot, as written to the file. */
typedef struct
{
  guint32 allocs[PM_GEN_N_POOLS];
  guint32 frees[PM_GEN_N_POOLS];
  gint64  used[PM_GEN_N_POOLS];
} PmGenRow;

typedef struct _PmGenModel PmGenModel;
typedef struct _PmGenLeaks PmGenLeaks;

PmGenModel  *pm_gen_model_new             (guint         n_tags,
                                           guint         n_snapshots,
                                           guint         interval,
                                           guint64       seed);
PmGenModel  *pm_gen_model_new_leaks       (guint         n_tags,
                                           guint         n_snapshots,
                                           guint         interval,
                                           guint64       seed);
PmGenLeaks  *pm_gen_model_get_leaks       (PmGenModel   *self);
void         pm_gen_model_free            (PmGenModel   *self);
guint        pm_gen_model_get_n_tags      (PmGenModel   *self);
const char  *pm_gen_model_get_tag         (PmGenModel   *self,
                                           guint         tag);
const char  *pm_gen_model_get_binary      (PmGenModel   *self,
                                           guint         tag);
const char  *pm_gen_model_get_description (PmGenModel   *self,
                                           guint         tag);
guint        pm_gen_model_get_row_order   (PmGenModel   *self,
                                           guint         position);
void         pm_gen_model_advance         (PmGenModel   *self);
gboolean     pm_gen_model_get_row         (PmGenModel   *self,
                                           guint         tag,
                                           PmGenRow     *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmGenModel, pm_gen_model_free)

G_END_DECLS
