/* pm-text-decode.c: which encoding a snapshot file is in, and UTF-16 to UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PowerShell 5.1 writes UTF-16LE with a BOM, PowerShell 7 UTF-8: decoding
 * UTF-16 is the hottest loop of a load after libcsv itself, so ASCII (nearly
 * every byte) takes a fast path, sixteen units at a time with SSE2.
 */
#include "pm-text-decode.h"

#include <string.h>
#ifdef __SSE2__
# include <emmintrin.h>
#endif

static inline guint16
read_unit (const guchar *p,
           PmEncoding    encoding)
{
  return encoding == PM_ENCODING_UTF16LE ? (guint16) (p[0] | p[1] << 8)
                                      : (guint16) (p[0] << 8 | p[1]);
}

/* UTF-16 to UTF-8 for @n_units code units; unpaired surrogates become U+FFFD.
 * Returns the bytes written; *consumed tells how many units were used (a
 * high surrogate at the very end waits for the next block). */
gsize
_pm_utf16_to_utf8 (const guchar *in,
               gsize         n_units,
               PmEncoding    encoding,
               gboolean      last,
               char         *out,
               gsize        *consumed)
{
  char *o = out;
  gsize i = 0;

  /* ASCII, four units at a time: nearly every byte of a snapshot file. */
  const guint64 ascii_mask = encoding == PM_ENCODING_UTF16LE ? G_GUINT64_CONSTANT (0xFF80FF80FF80FF80)
                                                          : G_GUINT64_CONSTANT (0x80FF80FF80FF80FF);
  const int shift = encoding == PM_ENCODING_UTF16LE ? 0 : 8;

  while (i < n_units)
    {
      guint32 c;

#ifdef __SSE2__
      /* Sixteen ASCII units at a time where the compiler allows SSE2 (every
       * x86-64): pack the words to bytes when no unit is 0x80 or above. */
      if (encoding == PM_ENCODING_UTF16LE && i + 16 <= n_units)
        {
          __m128i a = _mm_loadu_si128 ((const __m128i *) (in + 2 * i));
          __m128i b = _mm_loadu_si128 ((const __m128i *) (in + 2 * i + 16));
          __m128i high = _mm_or_si128 (a, b);

          if (_mm_movemask_epi8 (_mm_cmpeq_epi16 (_mm_and_si128 (high, _mm_set1_epi16 ((short) 0xFF80)),
                                                  _mm_setzero_si128 ())) == 0xFFFF)
            {
              _mm_storeu_si128 ((__m128i *) o, _mm_packus_epi16 (a, b));
              o += 16;
              i += 16;
              continue;
            }
        }
#endif

      if (i + 4 <= n_units)
        {
          guint64 v;

          memcpy (&v, in + 2 * i, 8);
          v = GUINT64_FROM_LE (v);
          if ((v & ascii_mask) == 0)
            {
              o[0] = (char) (v >> shift);
              o[1] = (char) (v >> (16 + shift));
              o[2] = (char) (v >> (32 + shift));
              o[3] = (char) (v >> (48 + shift));
              o += 4;
              i += 4;
              continue;
            }
        }

      c = read_unit (in + 2 * i, encoding);
      if (c < 0x80)
        {
          *o++ = (char) c;
          i++;
          continue;
        }

      if (c >= 0xD800 && c <= 0xDBFF)
        {
          if (i + 1 >= n_units && !last)
            break;
          if (i + 1 < n_units)
            {
              guint32 lo = read_unit (in + 2 * (i + 1), encoding);

              if (lo >= 0xDC00 && lo <= 0xDFFF)
                {
                  c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                  i++;
                }
              else
                c = 0xFFFD;
            }
          else
            c = 0xFFFD;
        }
      else if (c >= 0xDC00 && c <= 0xDFFF)
        c = 0xFFFD;
      i++;

      o += g_unichar_to_utf8 (c, o);
    }

  *consumed = i;
  return o - out;
}

PmEncoding
_pm_detect_encoding (const guchar *data,
                 gsize         len,
                 gsize        *skip)
{
  *skip = 0;
  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      *skip = 3;
      return PM_ENCODING_UTF8;
    }
  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      *skip = 2;
      return PM_ENCODING_UTF16LE;
    }
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      *skip = 2;
      return PM_ENCODING_UTF16BE;
    }
  /* No BOM: a header in UTF-16 has a zero byte beside every ASCII letter. */
  if (len >= 4 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0)
    return PM_ENCODING_UTF16LE;
  if (len >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0)
    return PM_ENCODING_UTF16BE;

  return PM_ENCODING_UTF8;
}
