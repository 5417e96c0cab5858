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
