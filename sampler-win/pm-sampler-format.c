/* pm-sampler-format.c: one snapshot as CSV, and its file name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns, their order, the timestamp and file-name formats all come from
 * pm-format.h, the definition libpoolstats reads with. Numbers are written
 * by hand rather than through printf: a snapshot holds 3,000 tags × 12
 * numbers, and the msvcrt printf the small exe links against has no
 * portable 64-bit conversion anyway.
 */
#include <string.h>

#include "pm-format.h"
#include "pm-sampler.h"
#include "pm-tag-pattern.h"

/* Room for one row without its Binary and Description: 12 quoted numbers
 * of at most 20 digits, two timestamps, a tag of up to 8 UTF-8 bytes
 * doubled, commas and the line end. */
#define ROW_FIXED_MAX 512

static char *
put_decimal (char     *p,
             uint64_t  value)
{
  char digits[20];
  int n = 0;

  do
    {
      digits[n++] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);

  while (n > 0)
    *p++ = digits[--n];
  return p;
}

static char *
put_u64 (char     *p,
         uint64_t  value)
{
  *p++ = '"';
  p = put_decimal (p, value);
  *p++ = '"';
  return p;
}

/* Quotes @text, doubling any quote in it. */
static char *
put_text (char       *p,
          const char *text)
{
  *p++ = '"';
  for (; *text != '\0'; text++)
    {
      if (*text == '"')
        *p++ = '"';
      *p++ = *text;
    }
  *p++ = '"';
  return p;
}

/* The four tag bytes, kept exact where UTF-8 allows: bytes above 0x7F are
 * taken as Latin-1 (as the old PowerShell sampler's [char] casts did), and
 * control bytes, which no tag in the field holds, become '?'. */
static char *
put_tag (char       *p,
         const char  tag[4])
{
  *p++ = '"';
  for (int i = 0; i < 4; i++)
    {
      unsigned char c = (unsigned char) tag[i];

      if (c >= 0x80)
        {
          *p++ = (char) (0xC0 | (c >> 6));
          *p++ = (char) (0x80 | (c & 0x3F));
        }
      else if (c < 0x20 || c == 0x7F)
        *p++ = '?';
      else
        {
          if (c == '"')
            *p++ = '"';
          *p++ = (char) c;
        }
    }
  *p++ = '"';
  return p;
}

int
pm_sampler_file_name (const PmSnapshotTime *time,
                      char                 *out,
                      size_t                out_size)
{
  char name[PM_SAMPLER_FILE_NAME_MAX + 32];
  size_t n;
  char *p;

  /* Written without snprintf: msvcrt's has neither C99 truncation nor %lld. */
  n = strftime (name, 32, PM_FORMAT_FILE_NAME_STRFTIME, &time->local);
  if (n == 0 || time->epoch < 0)
    return -1;

  p = name + n;
  *p++ = '_';
  p = put_decimal (p, (uint64_t) time->epoch);
  memcpy (p, PM_FORMAT_FILE_SUFFIX, sizeof PM_FORMAT_FILE_SUFFIX);
  n = (size_t) (p - name) + sizeof PM_FORMAT_FILE_SUFFIX;

  if (n > out_size)
    return -1;
  memcpy (out, name, n);
  return 0;
}

int
pm_sampler_format_header (PmBuf *out)
{
  char *p;

  if (pm_buf_reserve (out, 512) != 0)
    return -1;

  p = out->data + out->len;
  for (int c = 0; c < PM_N_COLUMNS; c++)
    {
      if (c > 0)
        *p++ = ',';
      p = put_text (p, pm_format_column_name ((PmColumn) c));
    }
  memcpy (p, PM_FORMAT_LINE_END, sizeof PM_FORMAT_LINE_END - 1);
  p += sizeof PM_FORMAT_LINE_END - 1;

  out->len = (size_t) (p - out->data);
  return 0;
}

int
pm_sampler_tag_selected (const char         *tag,
                         const char * const *patterns,
                         size_t              n_patterns)
{
  if (n_patterns == 0)
    return 1;

  for (size_t i = 0; i < n_patterns; i++)
    if (pm_tag_pattern_match (patterns[i], strlen (patterns[i]), tag, 4))
      return 1;
  return 0;
}

static int
format_stamp (const struct tm *tm,
              char            *out)
{
  return strftime (out, PM_FORMAT_TIMESTAMP_LEN + 1, PM_FORMAT_TIMESTAMP_STRFTIME, tm)
         == PM_FORMAT_TIMESTAMP_LEN ? 0 : -1;
}

int
pm_sampler_format_rows (PmBuf                *out,
                        const PmSnapshotTime *time,
                        const PmPoolTag      *tags,
                        size_t                n_tags,
                        PmTagFile            *tag_file,
                        const char * const   *patterns,
                        size_t                n_patterns)
{
  char local[PM_FORMAT_TIMESTAMP_LEN + 1];
  char utc[PM_FORMAT_TIMESTAMP_LEN + 1];

  if (format_stamp (&time->local, local) != 0 || format_stamp (&time->utc, utc) != 0)
    return -1;

  for (size_t i = 0; i < n_tags; i++)
    {
      const PmPoolTag *tag = &tags[i];
      const char *binary = "";
      const char *description = "";
      char *p;

      if (!pm_sampler_tag_selected (tag->tag, patterns, n_patterns))
        continue;

      if (tag_file != NULL)
        pm_tag_file_lookup (tag_file, tag->tag, &binary, &description);

      if (pm_buf_reserve (out, ROW_FIXED_MAX + 2 * (strlen (binary) + strlen (description))) != 0)
        return -1;

      p = out->data + out->len;
      for (int c = 0; c < PM_N_COLUMNS; c++)
        {
          if (c > 0)
            *p++ = ',';

          switch ((PmColumn) c)
            {
            case PM_COLUMN_DATE_TIME:
              p = put_text (p, local);
              break;
            case PM_COLUMN_DATE_TIME_UTC:
              p = put_text (p, utc);
              break;
            case PM_COLUMN_TAG:
              p = put_tag (p, tag->tag);
              break;
            case PM_COLUMN_PAGED_ALLOCS:
              p = put_u64 (p, tag->paged_allocs);
              break;
            case PM_COLUMN_PAGED_FREES:
              p = put_u64 (p, tag->paged_frees);
              break;
            case PM_COLUMN_PAGED_DIFF:
              p = put_u64 (p, PM_FORMAT_DIFF (tag->paged_allocs, tag->paged_frees));
              break;
            case PM_COLUMN_PAGED_USED_BYTES:
              p = put_u64 (p, tag->paged_used);
              break;
            case PM_COLUMN_NON_PAGED_ALLOCS:
              p = put_u64 (p, tag->non_paged_allocs);
              break;
            case PM_COLUMN_NON_PAGED_FREES:
              p = put_u64 (p, tag->non_paged_frees);
              break;
            case PM_COLUMN_NON_PAGED_DIFF:
              p = put_u64 (p, PM_FORMAT_DIFF (tag->non_paged_allocs, tag->non_paged_frees));
              break;
            case PM_COLUMN_NON_PAGED_USED_BYTES:
              p = put_u64 (p, tag->non_paged_used);
              break;
            case PM_COLUMN_TOTAL_USED_BYTES:
              p = put_u64 (p, tag->paged_used + tag->non_paged_used);
              break;
            case PM_COLUMN_BINARY:
              p = put_text (p, binary);
              break;
            case PM_COLUMN_DESCRIPTION:
              p = put_text (p, description);
              break;
            case PM_N_COLUMNS:
            default:
              break;
            }
        }
      memcpy (p, PM_FORMAT_LINE_END, sizeof PM_FORMAT_LINE_END - 1);
      p += sizeof PM_FORMAT_LINE_END - 1;
      out->len = (size_t) (p - out->data);
    }

  return 0;
}
