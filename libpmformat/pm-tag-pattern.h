/* pm-tag-pattern.h: poolmon-style tag wildcards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C with no GLib, shared by the sampler and libpoolstats so that a
 * pooltag.txt entry such as "Afd?" or "Acp*" matches the same tags in both.
 */
#pragma once

#include <stddef.h>

/* Matches @tag (@tag_len bytes) against @pattern (@pattern_len bytes), byte
 * for byte and case sensitive. '?' matches any one byte, '*' any run of bytes
 * (also none). Trailing spaces are not significant on either side, so the
 * pooltag.txt entry "Io" matches the tag "Io  ". Returns 1 on a match. */
int pm_tag_pattern_match (const char *pattern,
                          size_t      pattern_len,
                          const char *tag,
                          size_t      tag_len);

/* Returns 1 when @pattern holds a wildcard ('?' or '*'). */
int pm_tag_pattern_has_wildcard (const char *pattern,
                                 size_t      pattern_len);
