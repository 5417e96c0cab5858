/* pm-csv-plain.c: splitting a plain CSV line without libcsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nearly every line of a snapshot file is plain: fields in double quotes
 * with no quote inside (`"2021-07-13T00:00:00","Mm  ","3794",...`), or, in
 * a file that does not quote, fields with no quote at all; and one line end.
 * libcsv's byte-at-a-time state machine was the largest cost of a load, so
 * such a line is split here, a field at a time, sixteen bytes at a time
 * where SSE2 is there. Anything this does not recognise as plain (a quote
 * doubled or unclosed, text after a closing quote, a blank that libcsv
 * would trim, a stray CR or LF, a missing line end, too many fields) makes
 * it return FALSE before anything is delivered, and the caller hands the
 * line to libcsv as before: the fields delivered here are exactly those
 * libcsv would deliver (tests/test-csv-plain.c compares the two on tricky
 * lines, and the fuzz target on everything it makes).
 */
#include "pm-csv-plain-private.h"

#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
# include <emmintrin.h>
# define PM_PLAIN_SSE2 1
#endif

/* The first '"' in [p, end), or NULL. Sixteen-byte loads stay below
 * @limit (the end of the line, at or past @end). */
static inline const char *
find_quote (const char *p,
            const char *end,
            const char *limit)
{
#ifdef PM_PLAIN_SSE2
  const __m128i quote = _mm_set1_epi8 ('"');

  while (p + 16 <= limit && p < end)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      unsigned mask = (unsigned) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, quote));

      if (mask != 0)
        {
          const char *q = p + __builtin_ctz (mask);

          return q < end ? q : NULL;
        }
      p += 16;
    }
#endif
  if (p >= end)
    return NULL;
  return memchr (p, '"', end - p);
}

/* The first of ',' '"' CR LF in [p, end), or @end. */
static inline const char *
find_unquoted_end (const char *p,
                   const char *end,
                   const char *limit)
{
#ifdef PM_PLAIN_SSE2
  while (p + 16 <= limit && p < end)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 (',')),
                                                _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"'))),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\r')),
                                                _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\n'))));
      unsigned mask = (unsigned) _mm_movemask_epi8 (hit);

      if (mask != 0)
        {
          const char *q = p + __builtin_ctz (mask);

          return q < end ? q : end;
        }
      p += 16;
    }
#endif
  for (; p < end; p++)
    if (*p == ',' || *p == '"' || *p == '\r' || *p == '\n')
      return p;
  return end;
}

#ifdef PM_PLAIN_SSE2
/* Where the quotes are among the 64 bytes from @p, as bits. */
static inline guint64
quote_bits (const char *p)
{
  const __m128i quote = _mm_set1_epi8 ('"');
  guint64 bits = 0;

  for (int i = 0; i < 4; i++)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (p + 16 * i));

      bits |= (guint64) (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, quote)) << (16 * i);
    }
  return bits;
}

/* The same for the @n (< 64) bytes from @p, without reading past them: the
 * 64 bytes that end there when the line is that long, else a copy. */
static inline guint64
quote_bits_tail (const char *p,
                 gsize       n,
                 const char *line)
{
  char tail[64];

  if (p + n - line >= 64)
    return quote_bits (p + n - 64) >> (64 - n);
  memset (tail, 0, sizeof tail);
  memcpy (tail, p, n);
  return quote_bits (tail);
}

/* A line of quoted fields only ("a","b",...,"z"), the samplers' lines, from
 * where its quotes are, 64 bytes at a time: field k is between quotes 2k
 * and 2k + 1, the first quote opens the line, the last one ends it, and
 * between two fields is exactly a comma. FALSE for anything else (the
 * field-by-field loop then decides). */
static gboolean
split_all_quoted (const char *line,
                  const char *end,
                  PmCsvField *fields,
                  guint      *n_fields)
{
  guint32 at[2 * PM_CSV_PLAIN_MAX_FIELDS + 64];
  gsize len = end - line;
  guint n = 0, bad = 0;

  for (gsize block = 0; block < len; block += 64)
    {
      guint64 bits = len - block >= 64 ? quote_bits (line + block)
                                       : quote_bits_tail (line + block, len - block, line);

      /* A block adds at most 64; more than two a field is not plain. */
      if (n > 2 * PM_CSV_PLAIN_MAX_FIELDS || len > G_MAXUINT32)
        return FALSE;
      for (; bits != 0; bits &= bits - 1)
        at[n++] = (guint32) (block + (gsize) __builtin_ctzll (bits));
    }

  if (n == 0 || n > 2 * PM_CSV_PLAIN_MAX_FIELDS || (n & 1) != 0 || at[0] != 0 ||
      at[n - 1] != len - 1)
    return FALSE;
  for (guint k = 1; k + 1 < n; k += 2)
    bad |= (at[k + 1] != at[k] + 2) | (line[at[k] + 1] != ',');
  if (bad)
    return FALSE;
  for (guint k = 0; k < n; k += 2)
    {
      fields[k / 2].data = line + at[k] + 1;
      fields[k / 2].len = at[k + 1] - at[k] - 1;
    }
  *n_fields = n / 2;
  return TRUE;
}
#endif

/**
 * _pm_csv_split_plain:
 * @line: one physical line, its line end included
 * @eol: the file's line end: '\n' (LF or CRLF) or '\r' (CR-only)
 * @trims_blanks: whether the parser this stands in for trims blanks around
 *   unquoted fields (libcsv's default)
 * @fields: (out caller-allocates): room for PM_CSV_PLAIN_MAX_FIELDS
 * @end_char: (out): the character libcsv would end the row with
 *
 * Returns: whether the line is plain; the fields are set only then
 */
gboolean
_pm_csv_split_plain (const char *line,
                     gsize       len,
                     char        eol,
                     gboolean    trims_blanks,
                     PmCsvField *fields,
                     guint      *n_fields,
                     int        *end_char)
{
  const char *limit = line + len, *end = limit, *p = line;
  guint n = 0;

  /* The line end: LF, CRLF or, in a CR-only file, CR. libcsv ends the row
   * at the first of them. */
  if (len == 0 || end[-1] != eol)
    return FALSE;
  end--;
  if (eol == '\n' && end > line && end[-1] == '\r')
    end--;
  if (end == line)
    return FALSE;          /* a blank line: no row at all */
  *end_char = (guchar) *end;

#ifdef PM_PLAIN_SSE2
  if (*line == '"' && split_all_quoted (line, end, fields, n_fields))
    return TRUE;
#endif

  for (;;)
    {
      const char *stop;

      if (n == PM_CSV_PLAIN_MAX_FIELDS)
        return FALSE;

      if (p < end && *p == '"')
        {
          /* "text": the next quote closes it; it must be followed by a
           * comma or the line end ("" inside, or text after it, is not
           * plain). CR and LF inside quotes are text to libcsv too. */
          stop = find_quote (p + 1, end, limit);
          if (stop == NULL || (stop + 1 < end && stop[1] != ','))
            return FALSE;
          fields[n].data = p + 1;
          fields[n].len = stop - (p + 1);
          n++;
          p = stop + 1;
        }
      else
        {
          /* Unquoted: up to the comma; a quote, CR or LF in it is not
           * plain, nor are blanks at its ends when libcsv would trim them. */
          stop = find_unquoted_end (p, end, limit);
          if (stop < end && *stop != ',')
            return FALSE;
          if (trims_blanks && stop > p &&
              (*p == ' ' || *p == '\t' || stop[-1] == ' ' || stop[-1] == '\t'))
            return FALSE;
          fields[n].data = p;
          fields[n].len = stop - p;
          n++;
          p = stop;
        }

      if (p == end)
        break;
      p++;                 /* the comma; a comma last gives an empty field */
    }

  *n_fields = n;
  return TRUE;
}
