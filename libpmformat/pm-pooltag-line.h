/* pm-pooltag-line.h: one line of pooltag.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C with no GLib: the sampler and libpoolstats both read pooltag.txt
 * through this, so both sides give a tag the same binary and description.
 */
#pragma once

#include <stddef.h>

/* A tag in pooltag.txt is at most this many bytes (a wildcard pattern may be
 * longer than the four bytes it matches). */
#define PM_POOLTAG_MAX_TAG_BYTES 16

typedef struct
{
  const char *tag;
  size_t      tag_len;
  const char *binary;
  size_t      binary_len;
  const char *description;
  size_t      description_len;
} PmPooltagLine;

/* Splits "Tag - binary - description" (or "Tag - description") into spans
 * of @line, trimmed of blanks. Lines starting with "rem" or "//" are
 * comments. Returns 1 when the line holds an entry. */
int pm_pooltag_parse_line (const char    *line,
                           size_t         len,
                           PmPooltagLine *out);
