/* leak-revert-sim.c: the simulation behind revert_t_max
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One boot's growth test (_pm_leak_fit()) on simulated block series, with
 * the route of residuals that revert (PmLeakThresholds.revert_t_max) and
 * without it, for boots of 16, 32 and 64 blocks, each block the mean of
 * 20 steps:
 *
 *   walk   driftless random walks of unit step
 *   ar     AR(1) series near a unit root, φ 0.99 to 0.9995 a step
 *   trend  a line from the first block in AR(1) noise of φ 0.2 to 0.95 a
 *          step, rising 4 to 30 standard deviations of the block means
 *   mid    the same line from 20 % to 50 % of the boot, flat before
 *
 * Prints, for each, the boots that grow with the route and without it
 * (docs/leaks.md, "The trend in one boot", step 8, gives the figures of
 * the default run). Usage: leak-revert-sim [--walks N] [--revert-t T]
 * (100,000 walks, half as many near-unit-root series, a fifth as many
 * lines of each kind; the route at revert_t_max = T instead of the
 * default).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"
#include "pm-leak-private.h"

#define STEPS 20

typedef enum
{
  SIM_WALK,
  SIM_AR,
  SIM_TREND,
  SIM_MID,
} SimKind;

static const char *kind_names[] = { "walk", "ar", "trend", "mid" };

/* One series of KIND over N blocks into Y. */
static void
simulate (SimKind  kind,
          guint    n,
          GRand   *rand,
          double  *y)
{
  double phi = 1, level = 0, slope = 0, sd_block;
  guint start = 0;

  if (kind == SIM_AR)
    phi = g_rand_double_range (rand, 0.99, 0.9995);
  else if (kind != SIM_WALK)
    phi = g_rand_double_range (rand, 0.2, 0.95);
  if (kind == SIM_TREND || kind == SIM_MID)
    {
      double sd = 1 / sqrt (1 - phi * phi);
      double rise = g_rand_double_range (rand, 4, 30);

      /* Roughly the block means' spread: the stationary spread over √20
       * for noise that forgets within a block, more for noise that
       * remembers. */
      sd_block = MAX (sd * sqrt ((1 + phi) / (1 - phi) / STEPS), sd / sqrt (STEPS));
      if (kind == SIM_MID)
        start = g_rand_int_range (rand, n / 5, n / 2);
      slope = rise * sd_block / (n - start);
    }
  if (phi < 1)
    level = bench_normal (rand) / sqrt (1 - phi * phi);
  for (guint i = 0; i < n; i++)
    {
      double sum = 0;

      for (guint s = 0; s < STEPS; s++)
        {
          level = phi * level + bench_normal (rand);
          sum += level;
        }
      y[i] = 1000 + sum / STEPS + (i >= start ? slope * (i - start) : 0);
    }
}

int
main (int    argc,
      char **argv)
{
  const guint lengths[] = { 16, 32, 64 };
  PmLeakThresholds with = *pm_leak_thresholds_default (), without = with;
  const PmLeakThresholds *th = &with;
  guint walks = 100000;
  PmLeakScratch scratch;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--walks") && i + 1 < argc)
      walks = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
    else if (g_str_equal (argv[i], "--revert-t") && i + 1 < argc)
      with.revert_t_max = g_ascii_strtod (argv[++i], NULL);
    else
      {
        fprintf (stderr, "usage: %s [--walks N] [--revert-t T]\n", argv[0]);
        return 2;
      }
  without.revert_t_max = -INFINITY;
  _pm_leak_scratch_init (&scratch, 64);
  printf ("%-6s %6s %8s %12s %12s\n", "kind", "blocks", "series", "grow", "without");
  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (SimKind kind = SIM_WALK; kind <= SIM_MID; kind++)
      {
        guint n = lengths[l], runs = kind == SIM_WALK ? walks : kind == SIM_AR ? walks / 2 : walks / 5;
        guint grow = 0, grow_without = 0;
        g_autoptr(GRand) rand = g_rand_new_with_seed (11 + kind);
        double t[64], y[64];

        for (guint i = 0; i < n; i++)
          t[i] = i;
        for (guint r = 0; r < runs; r++)
          {
            PmLeakFit fit;

            simulate (kind, n, rand, y);
            _pm_leak_fit (t, y, n, 0, 0, PM_LEAK_SERIES_OWN, &without, &scratch, &fit);
            grow_without += fit.growing;
            _pm_leak_fit (t, y, n, 0, 0, PM_LEAK_SERIES_OWN, th, &scratch, &fit);
            grow += fit.growing;
          }
        printf ("%-6s %6u %8u %12u %12u\n", kind_names[kind], n, runs, grow, grow_without);
      }
  _pm_leak_scratch_clear (&scratch);
  return 0;
}
