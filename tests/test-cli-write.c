/* test-cli-write.c: poolstats' number formatting, against printf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "ps-write.h"

/* ps_format_fixed() gives what "%.Nf" gives, for correlations, ties,
 * negative zero and large values alike. */
static void
test_fixed (void)
{
  static const double special[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.0000005, -0.0000005, 0.0000015, 0.1234565, 0.9999995,
    -0.9999996, 1e-300, -1e-300, 123456.5, 1e12 + 0.5, 4e9, NAN, INFINITY, -INFINITY,
  };
  GRand *rand = g_rand_new_with_seed (42);

  for (int d = 0; d <= 9; d++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", d);
      for (guint i = 0; i < G_N_ELEMENTS (special) + 200000; i++)
        {
          double v = i < G_N_ELEMENTS (special) ? special[i]
                     : i % 3 == 0 ? g_rand_double_range (rand, -1, 1)
                     : i % 3 == 1 ? round (g_rand_double_range (rand, -1e6, 1e6)) / 1e6 + 5e-7
                                  : g_rand_double_range (rand, -1e7, 1e7);
          char want[G_ASCII_DTOSTR_BUF_SIZE * 2], got[PS_NUMBER_BUF];

          if (isnan (v))
            g_strlcpy (want, "nan", sizeof want);
          else
            g_ascii_formatd (want, sizeof want, format, v);
          ps_format_fixed (got, v, d);
          if (g_strcmp0 (want, got) != 0)
            g_error ("%.17g with %d decimals: printf says %s, ps_format_fixed %s", v, d, want, got);
        }
    }
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/poolstats/cli-write/fixed", test_fixed);
  return g_test_run ();
}
