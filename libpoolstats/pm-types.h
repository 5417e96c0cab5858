/* pm-types.h: metrics, time bases and the error domain of libpoolstats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PmMetric:
 *
 * The six values the old analyzer's `-t` option offered (docs/design.md, The data model).
 * TotalDiff is PagedDiff + NonPagedDiff.
 */
typedef enum
{
  PM_METRIC_TOTAL_USED_BYTES,
  PM_METRIC_PAGED_DIFF,
  PM_METRIC_NON_PAGED_DIFF,
  PM_METRIC_TOTAL_DIFF,
  PM_METRIC_PAGED_USED_BYTES,
  PM_METRIC_NON_PAGED_USED_BYTES,
  PM_N_METRICS
} PmMetric;

/**
 * PmTimeBase:
 * @PM_TIME_BASE_UTC: the `DateTimeUTC` column (the default)
 * @PM_TIME_BASE_LOCAL: the `DateTime` column, the lab machine's wall clock
 */
typedef enum
{
  PM_TIME_BASE_UTC,
  PM_TIME_BASE_LOCAL,
  PM_N_TIME_BASES
} PmTimeBase;

/* As GEnums, whose nicks are the names the files, the old command line,
 * properties and actions all use ("TotalDiff", "DateTimeUTC"). */
#define PM_TYPE_METRIC (pm_metric_get_type ())
#define PM_TYPE_TIME_BASE (pm_time_base_get_type ())

GType        pm_metric_get_type         (void) G_GNUC_CONST;
GType        pm_time_base_get_type      (void) G_GNUC_CONST;

#define PM_ERROR (pm_error_quark ())

/**
 * PmError:
 * @PM_ERROR_NO_DATA: nothing could be loaded from the paths given
 * @PM_ERROR_INVALID: an argument given by the user (a metric name, a tag list) is not valid
 * @PM_ERROR_UNREADABLE: a path could not be read
 */
typedef enum
{
  PM_ERROR_NO_DATA,
  PM_ERROR_INVALID,
  PM_ERROR_UNREADABLE,
} PmError;

GQuark       pm_error_quark             (void);

const char  *pm_metric_to_string        (PmMetric     metric);
gboolean     pm_metric_from_string      (const char  *name,
                                         PmMetric    *metric);
gboolean     pm_metric_is_bytes         (PmMetric     metric);

const char  *pm_time_base_to_string     (PmTimeBase   base);
gboolean     pm_time_base_from_string   (const char  *name,
                                         PmTimeBase  *base);

char        *pm_format_timestamp        (gint64       seconds);
gboolean     pm_parse_timestamp         (const char  *text,
                                         gsize        len,
                                         gint64      *seconds);

G_END_DECLS
