/* ps-write.h: numbers and JSON written straight into a buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PS_NUMBER_BUF 64

gsize  ps_format_fixed       (char        *buf,
                              double       value,
                              int          decimals);
void   ps_append_fixed       (GString     *out,
                              double       value,
                              int          decimals);
void   ps_append_json_double (GString     *out,
                              double       value);
void   ps_append_json_string (GString     *out,
                              const char  *text);

G_END_DECLS
