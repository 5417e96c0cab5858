/* pm-csv-plain-private.h: splitting a plain CSV line without libcsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* The most fields a plain line may have; a wider line goes to libcsv. */
#define PM_CSV_PLAIN_MAX_FIELDS 64

typedef struct
{
  const char *data;
  gsize       len;
} PmCsvField;

/* Eight digits, the first in the lowest byte, as their number. */
static inline guint64
_pm_csv_eight_digits (guint64 v)
{
  const guint64 mask = G_GUINT64_CONSTANT (0x000000FF000000FF);

  v -= G_GUINT64_CONSTANT (0x3030303030303030);
  v = v * 10 + (v >> 8);
  return ((v & mask) * G_GUINT64_CONSTANT (0x000F424000000064) +
          ((v >> 16) & mask) * G_GUINT64_CONSTANT (0x0000271000000001)) >> 32;
}

/* A field of 1 to 16 decimal digits and nothing else, as a number, eight
 * digits at a time; FALSE for anything else. Reads the 8 or 16 bytes that
 * end at the field's end, so needs them to lie at or after @line (the
 * start of the line the field is in); FALSE when they would not. */
static inline gboolean
_pm_csv_parse_digits (const char *s,
                      gsize       len,
                      const char *line,
                      gint64     *value)
{
  const guint64 zeros = G_GUINT64_CONSTANT (0x3030303030303030);
  const guint64 high = G_GUINT64_CONSTANT (0xF0F0F0F0F0F0F0F0);
  const guint64 six = G_GUINT64_CONSTANT (0x0606060606060606);
  guint64 lo, hi = 0, keep;
  gsize n_lo = MIN (len, 8);

  if (len == 0 || len > 16 || (gsize) (s + len - line) < (len > 8 ? 16u : 8u))
    return FALSE;

  /* The last eight bytes, the digits in the top n_lo; '0' fills the rest. */
  memcpy (&lo, s + len - 8, 8);
  lo = GUINT64_FROM_LE (lo);
  keep = ~G_GUINT64_CONSTANT (0) << (8 * (8 - n_lo));
  lo = (lo & keep) | (zeros & ~keep);
  if (len > 8)
    {
      keep = ~G_GUINT64_CONSTANT (0) << (8 * (16 - len));
      memcpy (&hi, s + len - 16, 8);
      hi = GUINT64_FROM_LE (hi);
      hi = (hi & keep) | (zeros & ~keep);
    }
  else
    hi = zeros;

  /* Every byte '0' to '9': 0x30..0x39, and still 0x3? after adding 6. */
  if (((lo & high) != zeros) | (((lo + six) & high) != zeros) |
      ((hi & high) != zeros) | (((hi + six) & high) != zeros))
    return FALSE;

  *value = (gint64) (_pm_csv_eight_digits (hi) * 100000000 + _pm_csv_eight_digits (lo));
  return TRUE;
}

gboolean _pm_csv_split_plain (const char *line,
                              gsize       len,
                              char        eol,
                              gboolean    trims_blanks,
                              PmCsvField *fields,
                              guint      *n_fields,
                              int        *end_char);

G_END_DECLS
