/* test-format.c: timestamps, tag wildcards and pooltag.txt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "poolstats.h"
#include "pm-tag-pattern.h"

static void
test_timestamps (void)
{
  static const struct { const char *text; gboolean ok; gint64 seconds; } cases[] = {
    { "1970-01-01T00:00:00", TRUE, 0 },
    { "2021-07-13T10:15:00", TRUE, 1626171300 },
    { "2021-07-13 10:15:00", TRUE, 1626171300 },
    { "2021-07-13T10:15:00.123", TRUE, 1626171300 },
    { "2021-07-13T10:15:00Z", TRUE, 1626171300 },
    { "2024-02-29T23:59:59", TRUE, 1709251199 },
    { "1969-12-31T23:59:59", TRUE, -1 },
    { "2023-02-29T00:00:00", FALSE, 0 },
    { "2021-13-01T00:00:00", FALSE, 0 },
    { "2021-07-13T24:00:00", FALSE, 0 },
    { "2021-07-13T10:15", FALSE, 0 },
    { "2021-07-13T10:15:00+02:00", FALSE, 0 },
    { "13/07/2021 10:15:00", FALSE, 0 },
    { "", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 seconds = 42;
      gboolean ok = pm_parse_timestamp (cases[i].text, strlen (cases[i].text), &seconds);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_autofree char *back = pm_format_timestamp (seconds);

          g_assert_cmpint (seconds, ==, cases[i].seconds);
          g_assert_cmpint (strncmp (back, cases[i].text, 10), ==, 0);
        }
    }
}

static void
test_tag_pattern (void)
{
  static const struct { const char *pattern; const char *tag; gboolean match; } cases[] = {
    { "Afd?", "AfdB", TRUE },
    { "Afd?", "Afd", FALSE },
    { "Afd?", "AfdBB", FALSE },
    { "Acp*", "AcpX", TRUE },
    { "Acp*", "Acp", TRUE },
    { "Nt*", "NtFs", TRUE },
    { "Nt*", "ntFs", FALSE },
    { "FM?n", "FMfn", TRUE },
    { "FM?n", "FMfx", FALSE },
    { "CM??", "CM31", TRUE },
    { "Io", "Io  ", TRUE },
    { "Io  ", "Io", TRUE },
    { "Io", "Iox ", FALSE },
    { "*", "Mm  ", TRUE },
    { "*x", "Ntfx", TRUE },
    { "*x*", "Ntfx", TRUE },
    { "?t?x", "Ntfx", TRUE },
    { "**?", "A", TRUE },
    { "MmSt", "MmSt", TRUE },
    { "MmSt", "Mmst", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s ~ %s", cases[i].pattern, cases[i].tag);
      g_assert_cmpint (pm_tag_pattern_match (cases[i].pattern, strlen (cases[i].pattern),
                                             cases[i].tag, strlen (cases[i].tag)),
                       ==, cases[i].match);
    }
  g_assert_true (pm_tag_pattern_has_wildcard ("Ab?", 3));
  g_assert_false (pm_tag_pattern_has_wildcard ("Abc ", 4));
}

static void
test_pooltag (void)
{
  static const char text[] =
    "\xEF\xBB\xBFrem A pooltag.txt\r\n"
    "// another comment\r\n"
    "\r\n"
    "Afd? - afd.sys      - AFD objects\r\n"
    "AfdB - afd.sys      - AFD buffers\r\n"
    "Io   - nt!io        - general IO allocations\r\n"
    "Cc*  - nt!cc        - Cache manager\r\n"
    "CcAs - nt!cc        - Cache manager: a more exact one\r\n"
    "Bare - only a description\r\n"
    "no separator at all\r\n"
    "remX - x.sys - a tag that starts with rem\r\n";
  g_autoptr(PmPooltag) pooltag = pm_pooltag_new_from_data (text, strlen (text));
  const char *binary = NULL, *description = NULL;

  g_assert_cmpuint (pm_pooltag_get_n_entries (pooltag), ==, 7);
  g_assert_true (pm_pooltag_lookup (pooltag, "AfdB", &binary, &description));
  g_assert_cmpstr (description, ==, "AFD buffers");
  g_assert_true (pm_pooltag_lookup (pooltag, "AfdX", &binary, &description));
  g_assert_cmpstr (description, ==, "AFD objects");
  g_assert_true (pm_pooltag_lookup (pooltag, "Io  ", &binary, NULL));
  g_assert_cmpstr (binary, ==, "nt!io");
  g_assert_true (pm_pooltag_lookup (pooltag, "CcAs", NULL, &description));
  g_assert_cmpstr (description, ==, "Cache manager: a more exact one");
  g_assert_true (pm_pooltag_lookup (pooltag, "CcZz", NULL, &description));
  g_assert_cmpstr (description, ==, "Cache manager");
  g_assert_true (pm_pooltag_lookup (pooltag, "Bare", &binary, &description));
  g_assert_cmpstr (binary, ==, "");
  g_assert_cmpstr (description, ==, "only a description");
  g_assert_true (pm_pooltag_lookup (pooltag, "remX", &binary, NULL));
  g_assert_false (pm_pooltag_lookup (pooltag, "afdb", NULL, NULL));
  g_assert_false (pm_pooltag_lookup (pooltag, "Mm  ", NULL, NULL));
}

static void
test_names (void)
{
  PmMetric metric;
  PmTimeBase base;

  for (PmMetric m = 0; m < PM_N_METRICS; m++)
    {
      g_assert_true (pm_metric_from_string (pm_metric_to_string (m), &metric));
      g_assert_cmpint (metric, ==, m);
    }
  g_assert_false (pm_metric_from_string ("totaldiff", &metric));
  g_assert_true (pm_metric_is_bytes (PM_METRIC_TOTAL_USED_BYTES));
  g_assert_false (pm_metric_is_bytes (PM_METRIC_TOTAL_DIFF));
  g_assert_true (pm_time_base_from_string ("DateTime", &base));
  g_assert_cmpint (base, ==, PM_TIME_BASE_LOCAL);
  g_assert_false (pm_time_base_from_string ("UTC", &base));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/format/timestamps", test_timestamps);
  g_test_add_func ("/poolstats/format/tag-pattern", test_tag_pattern);
  g_test_add_func ("/poolstats/format/pooltag", test_pooltag);
  g_test_add_func ("/poolstats/format/names", test_names);

  return g_test_run ();
}
