/* sampler-fake-main.c: poolmon-sampler with the query's test double
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real program in every respect (options, Ctrl+C, the atomic Win32
 * file writer, the schedule) except the pool-tag query, which wine does
 * not answer: this is how the loop is tested end to end under wine.
 */
#include "pm-sampler-test.h"

int
main (int    argc,
      char **argv)
{
  static PmFakeQuery fake = { .n_tags = 300 };

  return pm_sampler_win32_main (argc, argv, pm_fake_query, &fake);
}
