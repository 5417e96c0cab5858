/* pm-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-types.h"

#include <string.h>

#include "pm-format.h"

G_DEFINE_ENUM_TYPE (PmMetric, pm_metric,
  G_DEFINE_ENUM_VALUE (PM_METRIC_TOTAL_USED_BYTES, "TotalUsedBytes"),
  G_DEFINE_ENUM_VALUE (PM_METRIC_PAGED_DIFF, "PagedDiff"),
  G_DEFINE_ENUM_VALUE (PM_METRIC_NON_PAGED_DIFF, "NonPagedDiff"),
  G_DEFINE_ENUM_VALUE (PM_METRIC_TOTAL_DIFF, "TotalDiff"),
  G_DEFINE_ENUM_VALUE (PM_METRIC_PAGED_USED_BYTES, "PagedUsedBytes"),
  G_DEFINE_ENUM_VALUE (PM_METRIC_NON_PAGED_USED_BYTES, "NonPagedUsedBytes"))

G_DEFINE_ENUM_TYPE (PmTimeBase, pm_time_base,
  G_DEFINE_ENUM_VALUE (PM_TIME_BASE_UTC, "DateTimeUTC"),
  G_DEFINE_ENUM_VALUE (PM_TIME_BASE_LOCAL, "DateTime"))

G_DEFINE_QUARK (pm-error-quark, pm_error)

/* The enum classes are kept for the life of the process: their nicks are
 * handed out as static strings. */
static GEnumClass *
enum_class (GType type)
{
  GEnumClass *klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

static const char *
nick_of (GType type,
         int   value)
{
  GEnumValue *v = g_enum_get_value (enum_class (type), value);

  return v != NULL ? v->value_nick : NULL;
}

/* The value whose nick is @name, exactly (case sensitive). */
static gboolean
value_of (GType       type,
          const char *name,
          int        *value)
{
  GEnumValue *v = name != NULL ? g_enum_get_value_by_nick (enum_class (type), name) : NULL;

  if (v == NULL)
    return FALSE;
  *value = v->value;
  return TRUE;
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

  return nick_of (PM_TYPE_METRIC, metric);
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
  int value;

  if (!value_of (PM_TYPE_METRIC, name, &value))
    return FALSE;

  *metric = value;
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

  return nick_of (PM_TYPE_TIME_BASE, base);
}

gboolean
pm_time_base_from_string (const char *name,
                          PmTimeBase *base)
{
  int value;

  if (!value_of (PM_TYPE_TIME_BASE, name, &value))
    return FALSE;

  *base = value;
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
