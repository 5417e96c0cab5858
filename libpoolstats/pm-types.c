/* pm-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-types.h"

#include <string.h>

#include "pm-format.h"

static const char * const metric_names[PM_N_METRICS] = {
  [PM_METRIC_TOTAL_USED_BYTES]     = "TotalUsedBytes",
  [PM_METRIC_PAGED_DIFF]           = "PagedDiff",
  [PM_METRIC_NON_PAGED_DIFF]       = "NonPagedDiff",
  [PM_METRIC_TOTAL_DIFF]           = "TotalDiff",
  [PM_METRIC_PAGED_USED_BYTES]     = "PagedUsedBytes",
  [PM_METRIC_NON_PAGED_USED_BYTES] = "NonPagedUsedBytes",
};

static const char * const time_base_names[PM_N_TIME_BASES] = {
  [PM_TIME_BASE_UTC]   = "DateTimeUTC",
  [PM_TIME_BASE_LOCAL] = "DateTime",
};

G_DEFINE_QUARK (pm-error-quark, pm_error)

/* The index of @name among @names, exactly (case sensitive). */
static gboolean
index_from_name (const char * const *names,
                 guint               n_names,
                 const char         *name,
                 guint              *index)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    if (strcmp (name, names[i]) == 0)
      {
        *index = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * pm_metric_to_string:
 * @metric: a #PmMetric
 *
 * Returns: the name the old analyzer's `-t` option used, e.g. "TotalDiff"
 */
const char *
pm_metric_to_string (PmMetric metric)
{
  g_return_val_if_fail (metric < PM_N_METRICS, NULL);

  return metric_names[metric];
}

/**
 * pm_metric_from_string:
 * @name: a metric name as `-t` takes it, e.g. "PagedDiff"
 * @metric: (out): where to store the metric
 *
 * Returns: %TRUE when @name names a metric (exactly, case sensitive as the
 *   old analyzer's choices were)
 */
gboolean
pm_metric_from_string (const char *name,
                       PmMetric   *metric)
{
  guint i;

  if (!index_from_name (metric_names, PM_N_METRICS, name, &i))
    return FALSE;

  *metric = i;
  return TRUE;
}

/**
 * pm_metric_is_bytes:
 *
 * Returns: %TRUE for the metrics counted in bytes, %FALSE for allocation counts
 */
gboolean
pm_metric_is_bytes (PmMetric metric)
{
  return metric == PM_METRIC_TOTAL_USED_BYTES ||
         metric == PM_METRIC_PAGED_USED_BYTES ||
         metric == PM_METRIC_NON_PAGED_USED_BYTES;
}

const char *
pm_time_base_to_string (PmTimeBase base)
{
  g_return_val_if_fail (base < PM_N_TIME_BASES, NULL);

  return time_base_names[base];
}

gboolean
pm_time_base_from_string (const char *name,
                          PmTimeBase *base)
{
  guint i;

  if (!index_from_name (time_base_names, PM_N_TIME_BASES, name, &i))
    return FALSE;

  *base = i;
  return TRUE;
}

/* Days since 1970-01-01 of a proleptic Gregorian date; exact for every year
 * the files can name. */
static gint64
days_from_civil (gint64 year,
                 guint  month,
                 guint  day)
{
  gint64 era, yoe, doy, doe;

  if (month <= 2)
    year--;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static gboolean
read_digits (const char *text,
             gsize       n,
             guint      *value)
{
  *value = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (text[i] < '0' || text[i] > '9')
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

/**
 * pm_parse_timestamp:
 * @text: "YYYY-MM-DDTHH:MM:SS" (a space instead of the T, fractions of a
 *   second and a trailing Z are accepted too)
 * @len: its length in bytes
 * @seconds: (out): seconds since 1970-01-01T00:00:00, reading the wall time
 *   as if it were UTC
 *
 * Local (`DateTime`) and UTC timestamps are both kept this way: a local time
 * is never converted through the analyst's own time zone.
 *
 * Returns: %TRUE when @text is a valid timestamp, in 1601 or later
 */
gboolean
pm_parse_timestamp (const char *text,
                    gsize       len,
                    gint64     *seconds)
{
  static const guint8 days_in_month[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  guint year, month, day, hour, minute, second;
  gsize end = PM_FORMAT_TIMESTAMP_LEN;

  if (len < PM_FORMAT_TIMESTAMP_LEN ||
      text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':' ||
      !read_digits (text, 4, &year) || !read_digits (text + 5, 2, &month) ||
      !read_digits (text + 8, 2, &day) || !read_digits (text + 11, 2, &hour) ||
      !read_digits (text + 14, 2, &minute) || !read_digits (text + 17, 2, &second))
    return FALSE;

  if (end < len && text[end] == '.')
    for (end++; end < len && text[end] >= '0' && text[end] <= '9'; end++)
      ;
  if (end < len && text[end] == 'Z')
    end++;
  if (end != len)
    return FALSE;

  /* Before 1601, the start of Windows' clock, no sampler wrote a time:
   * such a year is damage (and GDate has no year 0). */
  if (year < 1601 ||
      month < 1 || month > 12 || day < 1 || day > days_in_month[month - 1] ||
      (month == 2 && day == 29 && !g_date_is_leap_year (year)) ||
      hour > 23 || minute > 59 || second > 59)
    return FALSE;

  *seconds = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

/**
 * pm_format_timestamp:
 * @seconds: seconds since 1970 as pm_parse_timestamp() gives them
 *
 * Returns: (transfer full): "YYYY-MM-DDTHH:MM:SS"
 */
char *
pm_format_timestamp (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  if (dt == NULL)
    return g_strdup ("?");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}
