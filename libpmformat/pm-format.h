/* pm-format.h: the pool-tag snapshot CSV format, defined once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C with no GLib: the Windows sampler (which writes this format) and
 * libpoolstats (which reads it) both include this header, so the two can never
 * disagree on a column name, their order, or how files are named.
 * docs/design.md, "The snapshot format", describes it as it exists in the field.
 */
#pragma once

/* The columns in the order the old PowerShell sampler wrote them. A file may
 * hold any subset in any order; readers match columns by name.
 *
 * X (ID, "Name") for each column. */
#define PM_FORMAT_COLUMNS(X)                    \
  X (DATE_TIME,           "DateTime")           \
  X (DATE_TIME_UTC,       "DateTimeUTC")        \
  X (TAG,                 "Tag")                \
  X (PAGED_ALLOCS,        "PagedAllocs")        \
  X (PAGED_FREES,         "PagedFrees")         \
  X (PAGED_DIFF,          "PagedDiff")          \
  X (PAGED_USED_BYTES,    "PagedUsedBytes")     \
  X (NON_PAGED_ALLOCS,    "NonPagedAllocs")     \
  X (NON_PAGED_FREES,     "NonPagedFrees")      \
  X (NON_PAGED_DIFF,      "NonPagedDiff")       \
  X (NON_PAGED_USED_BYTES,"NonPagedUsedBytes")  \
  X (TOTAL_USED_BYTES,    "TotalUsedBytes")     \
  X (BINARY,              "Binary")             \
  X (DESCRIPTION,         "Description")

typedef enum
{
#define PM_FORMAT_COLUMN_ENUM(id, name) PM_COLUMN_##id,
  PM_FORMAT_COLUMNS (PM_FORMAT_COLUMN_ENUM)
#undef PM_FORMAT_COLUMN_ENUM
  PM_N_COLUMNS
} PmColumn;

/* A tag is four bytes; Windows pads short tags with spaces ("Mm  "). */
#define PM_FORMAT_TAG_LEN 4

/* DateTime and DateTimeUTC: "YYYY-MM-DDTHH:MM:SS", one-second resolution. */
#define PM_FORMAT_TIMESTAMP_STRFTIME "%Y-%m-%dT%H:%M:%S"
#define PM_FORMAT_TIMESTAMP_LEN      19

/* One snapshot per file: "%Y.%m.%d_%H.%M.%S_<epoch>.pool.csv", local time in
 * the first part, seconds since 1970 UTC in the second. The old analyzer
 * globbed DIR/"*pool.csv". */
#define PM_FORMAT_FILE_NAME_STRFTIME "%Y.%m.%d_%H.%M.%S"
#define PM_FORMAT_FILE_SUFFIX        ".pool.csv"

/* Counters Allocs and Frees are 32-bit and wrap; outstanding allocations
 * (the *Diff columns) are their difference modulo 2^32. */
#define PM_FORMAT_DIFF(allocs, frees) \
  ((unsigned int) ((unsigned int) (allocs) - (unsigned int) (frees)))

/* Writers quote every field and end lines with CRLF, as ConvertTo-Csv does. */
#define PM_FORMAT_LINE_END "\r\n"

/* Returns the column's header name, e.g. "PagedUsedBytes". */
static inline const char *
pm_format_column_name (PmColumn column)
{
  switch (column)
    {
#define PM_FORMAT_COLUMN_CASE(id, name) case PM_COLUMN_##id: return name;
      PM_FORMAT_COLUMNS (PM_FORMAT_COLUMN_CASE)
#undef PM_FORMAT_COLUMN_CASE
    case PM_N_COLUMNS:
    default:
      return 0;
    }
}
