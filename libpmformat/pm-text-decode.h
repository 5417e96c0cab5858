/* pm-text-decode.h: the encodings snapshot and pooltag.txt files come in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C with no GLib, shared by libpoolstats and the sampler.
 */
#pragma once

#include <stddef.h>

typedef enum
{
  PM_ENCODING_UTF8,
  PM_ENCODING_UTF16LE,
  PM_ENCODING_UTF16BE,
} PmEncoding;

/* Tells the encoding from a BOM, or from the zero bytes beside ASCII
 * letters when there is none; *skip is the BOM's length. */
PmEncoding  pm_text_detect_encoding  (const unsigned char *data,
                                      size_t               len,
                                      size_t              *skip);

/* Decodes @n_units UTF-16 code units to UTF-8 into @out, which must hold
 * 3 bytes per unit. Unpaired surrogates become U+FFFD. Returns the bytes
 * written; *consumed tells how many units were used: a high surrogate at the
 * very end waits for the next block unless @last. */
size_t      pm_text_utf16_to_utf8    (const unsigned char *in,
                                      size_t               n_units,
                                      PmEncoding           encoding,
                                      int                  last,
                                      char                *out,
                                      size_t              *consumed);
