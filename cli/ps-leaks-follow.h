/* ps-leaks-follow.h: poolstats leaks --follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-analysis.h"

G_BEGIN_DECLS

/* The options of --follow, as GOption parsed them. */
typedef struct
{
  gboolean  follow;
  gboolean  fail_on_leak;
  char     *for_text;
  char     *until_text;
  int       poll_msec;
  int       leak_interval;    /* milliseconds between leak runs, at least */
  gboolean  no_monitor;
} PsFollowArgs;

gboolean  ps_parse_duration  (const char   *text,
                              gint64       *seconds);
int       ps_leaks_follow    (PsAnalysis   *a,
                              PsFollowArgs *args);

G_END_DECLS
