/* pm-tag-pattern.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-tag-pattern.h"

static size_t
trimmed_len (const char *s,
             size_t      len)
{
  while (len > 0 && s[len - 1] == ' ')
    len--;
  return len;
}

int
pm_tag_pattern_has_wildcard (const char *pattern,
                             size_t      pattern_len)
{
  for (size_t i = 0; i < pattern_len; i++)
    if (pattern[i] == '?' || pattern[i] == '*')
      return 1;
  return 0;
}

int
pm_tag_pattern_match (const char *pattern,
                      size_t      pattern_len,
                      const char *tag,
                      size_t      tag_len)
{
  size_t p = 0, t = 0;
  size_t star_p = (size_t) -1, star_t = 0;

  pattern_len = trimmed_len (pattern, pattern_len);
  tag_len = trimmed_len (tag, tag_len);

  /* Greedy match with one backtrack point: the last '*' seen. Linear in
   * practice, never exponential. */
  while (t < tag_len)
    {
      if (p < pattern_len && (pattern[p] == '?' || pattern[p] == tag[t]))
        {
          p++;
          t++;
        }
      else if (p < pattern_len && pattern[p] == '*')
        {
          star_p = p++;
          star_t = t;
        }
      else if (star_p != (size_t) -1)
        {
          p = star_p + 1;
          t = ++star_t;
        }
      else
        return 0;
    }

  while (p < pattern_len && pattern[p] == '*')
    p++;

  return p == pattern_len;
}
