/* pm-user-state.h: what the viewer remembers across runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pm-series-style.h"

G_BEGIN_DECLS

#define PM_USER_STATE_MAX_RECENT 10

#define PM_TYPE_USER_STATE (pm_user_state_get_type ())

G_DECLARE_FINAL_TYPE (PmUserState, pm_user_state, PM, USER_STATE, GObject)

PmUserState  *pm_user_state_new          (const char          *directory);
const char   *pm_user_state_get_directory (PmUserState        *self);
gboolean      pm_user_state_lookup_style (PmUserState         *self,
                                          const char          *tag,
                                          PmSeriesStyle       *style);
void          pm_user_state_set_style    (PmUserState         *self,
                                          const char          *tag,
                                          const PmSeriesStyle *style);
void          pm_user_state_forget_style (PmUserState         *self,
                                          const char          *tag);
void          pm_user_state_add_recent   (PmUserState         *self,
                                          const char          *path);
char        **pm_user_state_get_recent   (PmUserState         *self);
int           pm_user_state_get_view_int (PmUserState         *self,
                                          const char          *key,
                                          int                  fallback);
void          pm_user_state_set_view_int (PmUserState         *self,
                                          const char          *key,
                                          int                  value);
char         *pm_user_state_get_view_string (PmUserState      *self,
                                             const char       *key);
void          pm_user_state_set_view_string (PmUserState      *self,
                                             const char       *key,
                                             const char       *value);

G_END_DECLS
