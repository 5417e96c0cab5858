/* pm-pooltag-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-pooltag-line.h"

static int
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static void
span (const char  *start,
      const char  *end,
      const char **out,
      size_t      *out_len)
{
  while (start < end && is_blank (*start))
    start++;
  while (end > start && is_blank (end[-1]))
    end--;
  *out = start;
  *out_len = (size_t) (end - start);
}

static int
is_comment (const char *p,
            const char *end)
{
  if (end - p >= 2 && p[0] == '/' && p[1] == '/')
    return 1;
  return end - p >= 3 &&
         (p[0] == 'r' || p[0] == 'R') && (p[1] == 'e' || p[1] == 'E') &&
         (p[2] == 'm' || p[2] == 'M') && (end - p == 3 || is_blank (p[3]));
}

static const char *
find_separator (const char *p,
                const char *end)
{
  for (; p + 2 < end; p++)
    if (p[0] == ' ' && p[1] == '-' && p[2] == ' ')
      return p;
  return NULL;
}

int
pm_pooltag_parse_line (const char    *line,
                       size_t         len,
                       PmPooltagLine *out)
{
  const char *p = line, *end = line + len, *sep1, *sep2;

  while (p < end && is_blank (*p))
    p++;
  if (p == end || is_comment (p, end))
    return 0;

  if ((sep1 = find_separator (p, end)) == NULL)
    return 0;
  sep2 = find_separator (sep1 + 3, end);

  span (p, sep1, &out->tag, &out->tag_len);
  if (out->tag_len == 0 || out->tag_len > PM_POOLTAG_MAX_TAG_BYTES)
    return 0;

  if (sep2 != NULL)
    {
      span (sep1 + 3, sep2, &out->binary, &out->binary_len);
      span (sep2 + 3, end, &out->description, &out->description_len);
    }
  else
    {
      out->binary = sep1 + 3;
      out->binary_len = 0;
      span (sep1 + 3, end, &out->description, &out->description_len);
    }

  return 1;
}
