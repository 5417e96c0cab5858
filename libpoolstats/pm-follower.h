/* pm-follower.h: following a folder while the sampler writes into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-dataset.h"

G_BEGIN_DECLS

#define PM_TYPE_FOLLOWER (pm_follower_get_type ())

G_DECLARE_FINAL_TYPE (PmFollower, pm_follower, PM, FOLLOWER, GObject)

/* Set to 1 to leave the file monitor off (as on a network mount): only the
 * poll of the folder listing then sees new files. */
#define PM_FOLLOWER_NO_MONITOR_ENV "POOLMONVIZ_FOLLOW_NO_MONITOR"

PmFollower  *pm_follower_new                (const char    *folder);
const char  *pm_follower_get_folder         (PmFollower    *self);
PmDataset   *pm_follower_get_dataset        (PmFollower    *self);
void         pm_follower_set_use_monitor    (PmFollower    *self,
                                             gboolean       use_monitor);
gboolean     pm_follower_get_use_monitor    (PmFollower    *self);
void         pm_follower_set_poll_interval  (PmFollower    *self,
                                             guint          msec);
guint        pm_follower_get_poll_interval  (PmFollower    *self);
void         pm_follower_set_use_store      (PmFollower    *self,
                                             gboolean       use_store);
void         pm_follower_set_pooltag_file   (PmFollower    *self,
                                             const char    *path);

gboolean     pm_follower_load               (PmFollower    *self,
                                             GCancellable  *cancellable,
                                             GError       **error);
void         pm_follower_set_loaded         (PmFollower    *self,
                                             PmDataset     *dataset);
void         pm_follower_start              (PmFollower    *self);
void         pm_follower_stop               (PmFollower    *self);
gboolean     pm_follower_get_running        (PmFollower    *self);
int          pm_follower_poll               (PmFollower    *self,
                                             GCancellable  *cancellable,
                                             GError       **error);

guint        pm_follower_get_n_reloads      (PmFollower    *self);
gint64       pm_follower_get_last_arrival   (PmFollower    *self);
double       pm_dataset_get_recent_interval (PmDataset     *dataset);

G_END_DECLS
