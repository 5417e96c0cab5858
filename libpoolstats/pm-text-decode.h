/* pm-text-decode.h: encodings of snapshot files (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PM_ENCODING_UTF8,
  PM_ENCODING_UTF16LE,
  PM_ENCODING_UTF16BE,
} PmEncoding;

PmEncoding  _pm_detect_encoding   (const guchar *data,
                                   gsize         len,
                                   gsize        *skip);
gsize       _pm_utf16_to_utf8     (const guchar *in,
                                   gsize         n_units,
                                   PmEncoding    encoding,
                                   gboolean      last,
                                   char         *out,
                                   gsize        *consumed);

G_END_DECLS
