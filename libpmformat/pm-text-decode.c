/* pm-text-decode.c: which encoding a file is in, and UTF-16 to UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PowerShell 5.1 writes UTF-16LE with a BOM, PowerShell 7 UTF-8: decoding
 * UTF-16 is the hottest loop of a load after libcsv itself, so ASCII (nearly
 * every byte) takes a fast path, sixteen units at a time with SSE2.
 */
#include "pm-text-decode.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
# include <emmintrin.h>
#endif

static inline uint32_t
read_unit (const unsigned char *p,
           PmEncoding           encoding)
{
  return encoding == PM_ENCODING_UTF16LE ? (uint32_t) (p[0] | p[1] << 8)
                                         : (uint32_t) (p[0] << 8 | p[1]);
}

static char *
put_utf8 (char     *o,
          uint32_t  c)
{
  if (c < 0x80)
    *o++ = (char) c;
  else if (c < 0x800)
    {
      *o++ = (char) (0xC0 | c >> 6);
      *o++ = (char) (0x80 | (c & 0x3F));
    }
  else if (c < 0x10000)
    {
      *o++ = (char) (0xE0 | c >> 12);
      *o++ = (char) (0x80 | (c >> 6 & 0x3F));
      *o++ = (char) (0x80 | (c & 0x3F));
    }
  else
    {
      *o++ = (char) (0xF0 | c >> 18);
      *o++ = (char) (0x80 | (c >> 12 & 0x3F));
      *o++ = (char) (0x80 | (c >> 6 & 0x3F));
      *o++ = (char) (0x80 | (c & 0x3F));
    }
  return o;
}

/* Four units as a number whose low byte is the first byte in the file. */
static inline uint64_t
load_le64 (const unsigned char *p)
{
  return (uint64_t) p[0] | (uint64_t) p[1] << 8 | (uint64_t) p[2] << 16 |
         (uint64_t) p[3] << 24 | (uint64_t) p[4] << 32 | (uint64_t) p[5] << 40 |
         (uint64_t) p[6] << 48 | (uint64_t) p[7] << 56;
}

size_t
pm_text_utf16_to_utf8 (const unsigned char *in,
                       size_t               n_units,
                       PmEncoding           encoding,
                       int                  last,
                       char                *out,
                       size_t              *consumed)
{
  const uint64_t ascii_mask = encoding == PM_ENCODING_UTF16LE ? UINT64_C (0xFF80FF80FF80FF80)
                                                              : UINT64_C (0x80FF80FF80FF80FF);
  const int shift = encoding == PM_ENCODING_UTF16LE ? 0 : 8;
  char *o = out;
  size_t i = 0;

  while (i < n_units)
    {
      uint32_t c;

#ifdef __SSE2__
      /* Sixteen ASCII units at a time where the compiler allows SSE2 (every
       * x86-64): pack the words to bytes when no unit is 0x80 or above. */
      if (encoding == PM_ENCODING_UTF16LE && i + 16 <= n_units)
        {
          __m128i a = _mm_loadu_si128 ((const __m128i *) (in + 2 * i));
          __m128i b = _mm_loadu_si128 ((const __m128i *) (in + 2 * i + 16));
          __m128i high = _mm_and_si128 (_mm_or_si128 (a, b), _mm_set1_epi16 ((short) 0xFF80));

          if (_mm_movemask_epi8 (_mm_cmpeq_epi16 (high, _mm_setzero_si128 ())) == 0xFFFF)
            {
              _mm_storeu_si128 ((__m128i *) o, _mm_packus_epi16 (a, b));
              o += 16;
              i += 16;
              continue;
            }
        }
#endif

      /* Four ASCII units at a time anywhere else. */
      if (i + 4 <= n_units)
        {
          uint64_t v = load_le64 (in + 2 * i);

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
      if (c >= 0xD800 && c <= 0xDBFF)
        {
          if (i + 1 >= n_units && !last)
            break;
          if (i + 1 < n_units)
            {
              uint32_t lo = read_unit (in + 2 * (i + 1), encoding);

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

      o = put_utf8 (o, c);
    }

  *consumed = i;
  return (size_t) (o - out);
}

PmEncoding
pm_text_detect_encoding (const unsigned char *data,
                         size_t               len,
                         size_t              *skip)
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
  /* No BOM: text in UTF-16 has a zero byte beside every ASCII letter. */
  if (len >= 4 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0)
    return PM_ENCODING_UTF16LE;
  if (len >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0)
    return PM_ENCODING_UTF16BE;

  return PM_ENCODING_UTF8;
}
