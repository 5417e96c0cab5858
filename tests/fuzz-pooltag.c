/* fuzz-pooltag.c: libFuzzer target for pooltag.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes as a whole pooltag.txt (lines, comments, wildcards, a BOM),
 * then looked up with tags taken from the input itself, so that wildcard
 * matching meets patterns and tags of every shape. Each line also goes
 * through the plain-C line parser the sampler shares.
 */
#include <string.h>

#include "pm-pooltag.h"
#include "pm-pooltag-line.h"
#include "pm-tag-pattern.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data, *end = text + size;
  PmPooltag *pooltag = pm_pooltag_new_from_data (text, size);

  for (const char *p = text; p < end;)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      PmPooltagLine line;

      if (pm_pooltag_parse_line (p, line_end - p, &line))
        {
          char tag[5] = { 0 };
          const char *binary, *description;

          /* Look the tag up as written, and as a 4-character tag from it. */
          memcpy (tag, line.tag, MIN (line.tag_len, (gsize) 4));
          (void) pm_pooltag_lookup (pooltag, tag, &binary, &description);
          (void) pm_tag_pattern_match (line.tag, line.tag_len, p, MIN ((gsize) (line_end - p), 8));
        }
      p = nl ? nl + 1 : end;
    }

  if (size >= 4)
    {
      char tag[5];

      memcpy (tag, text + size - 4, 4);
      tag[4] = '\0';
      (void) pm_pooltag_lookup (pooltag, tag, NULL, NULL);
    }

  pm_pooltag_free (pooltag);
  return 0;
}
