/* ps-write.c: numbers and JSON written straight into a buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `corr --all` writes millions of cells: each through g_ascii_formatd() and
 * a g_strdup() cost more than the correlation itself. Here a cell is
 * formatted into the caller's buffer without allocating, locale-free, and
 * gives exactly what printf's "%.Nf" gives: the fast path rounds an exact
 * integer, and a value within reach of a rounding tie falls back to
 * g_ascii_formatd().
 */
#include "ps-write.h"

#include <math.h>
#include <string.h>

static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

/**
 * ps_format_fixed:
 * @buf: at least %PS_NUMBER_BUF bytes
 * @decimals: 0 to 9
 *
 * Writes @value as "%.{decimals}f" in the C locale ("nan" for NaN).
 *
 * Returns: the length written (a NUL follows)
 */
gsize
ps_format_fixed (char   *buf,
                 double  value,
                 int     decimals)
{
  double scaled, rounded;
  guint64 units, whole, frac;
  char digits[24];
  gsize n = 0, d = 0;

  if (isnan (value))
    {
      memcpy (buf, "nan", 4);
      return 3;
    }

  decimals = CLAMP (decimals, 0, 9);
  scaled = fabs (value) * powers[decimals];
  rounded = nearbyint (scaled);
  /* Small enough that the product is within 1e-7 of exact, and far from a
   * tie: rounding it here gives what printf gives. */
  if (!isfinite (scaled) || scaled >= 1e9 || fabs (fabs (scaled - floor (scaled)) - 0.5) < 1e-6)
    {
      char format[8] = { '%', '.', (char) ('0' + decimals), 'f', 0 };

      g_ascii_formatd (buf, PS_NUMBER_BUF, format, value);
      return strlen (buf);
    }

  units = (guint64) rounded;
  whole = units / (guint64) powers[decimals];
  frac = units % (guint64) powers[decimals];

  if (signbit (value))
    buf[n++] = '-';
  do
    {
      digits[d++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (d > 0)
    buf[n++] = digits[--d];
  if (decimals > 0)
    {
      buf[n++] = '.';
      for (int i = decimals - 1; i >= 0; i--)
        {
          buf[n + i] = (char) ('0' + frac % 10);
          frac /= 10;
        }
      n += decimals;
    }
  buf[n] = '\0';
  return n;
}

void
ps_append_fixed (GString *out,
                 double   value,
                 int      decimals)
{
  char buf[PS_NUMBER_BUF];
  gsize n = ps_format_fixed (buf, value, decimals);

  g_string_append_len (out, buf, n);
}

/* As json-glib writes a double (%.17g, ".0" after a whole number); JSON has
 * no NaN or infinity: those are null. */
void
ps_append_json_double (GString *out,
                       double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* A JSON string: quotes, backslashes and control characters escaped; bytes
 * that are not UTF-8 become U+FFFD so the output stays valid JSON. */
void
ps_append_json_string (GString    *out,
                       const char *text)
{
  g_autofree char *valid = g_utf8_validate (text, -1, NULL) ? NULL : g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) (valid ? valid : text); *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}
