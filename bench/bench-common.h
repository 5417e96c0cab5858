/* bench-common.h: what every benchmark needs, once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>

#include <glib.h>

/* A uniform number in [0, 1) from a xorshift generator: the same data on
 * every run and every machine. */
static inline double
bench_uniform (guint64 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return (double) (*state >> 11) / (double) (1ULL << 53);
}

static inline int
bench_compare_double (const void *a,
                      const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @v and returns its median. */
static inline double
bench_median (double *v,
              int     n)
{
  qsort (v, n, sizeof (double), bench_compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
