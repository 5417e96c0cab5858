/* pm-follower-private.h: what pm-follower.c and pm-follower-scan.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-follower.h"
#include "pm-dataset-private.h"

G_BEGIN_DECLS

/* What the follower knows of one file of the folder. */
typedef struct
{
  char     *name;         /* the basename */
  gint64    size;         /* at the last look; -1 before the first */
  gint64    mtime;        /* microseconds, at the last look */
  gint64    consumed;     /* bytes up to a line end whose snapshots are all taken */
  gboolean  unsettled;    /* it changed at the last look: still being written */
  gint64    changed_at;   /* g_get_monotonic_time() of the last change seen */
  gint64    busy_since;   /* ... of the first change since it last stood still */
  gint64    last_utc;     /* the last snapshot taken from it, and its rows */
  guint     last_rows;
} PmFollowFile;

/* The window of packed columns a follower is filling (pm-follower-append.c). */
typedef struct _PmFollowTail PmFollowTail;

PmFollowTail *_pm_follow_tail_new      (void);
void          _pm_follow_tail_free     (PmFollowTail     *tail);
PmDataset    *_pm_follow_append        (PmFollowTail     *tail,
                                        PmDataset        *old,
                                        PmDatasetBuilder *builder);

/* The folder's state between looks. A look runs in one thread at a time
 * (a worker, or the caller of pm_follower_poll()); nothing else touches it
 * meanwhile. */
typedef struct
{
  char        *folder;
  char        *pooltag_file;
  gboolean     use_store;
  GHashTable  *files;       /* name -> PmFollowFile */
  GHashTable  *reports;     /* hash of a path -> index + 1 in the dataset's file reports
                             * (pm-follower-scan.c, find_report()) */
  PmFollowTail *tail;
  PmPooltag   *pooltag;     /* names new tags, as the loader does; may be NULL */
  gboolean     pooltag_read;
  guint        n_looks;
  guint        n_appends;
} PmFollowScan;

/* What one look found. */
typedef struct
{
  PmDataset *dataset;       /* the new dataset, or NULL when nothing was added */
  guint      n_added;       /* snapshots added */
  gboolean   reloaded;      /* the folder was loaded again in full */
  gboolean   held;          /* a file is still being written: look again soon */
} PmFollowOutcome;

PmFollowScan *_pm_follow_scan_new      (const char      *folder);
void          _pm_follow_scan_free     (PmFollowScan    *scan);
gboolean      _pm_follow_scan_reload   (PmFollowScan    *scan,
                                        PmFollowOutcome *out,
                                        GCancellable    *cancellable,
                                        GError         **error);
void          _pm_follow_scan_adopt    (PmFollowScan    *scan,
                                        PmDataset       *dataset);
gboolean      _pm_follow_scan_look     (PmFollowScan    *scan,
                                        PmDataset       *current,
                                        PmFollowOutcome *out,
                                        GCancellable    *cancellable,
                                        GError         **error);

G_END_DECLS
