/* bench-common.h: what every benchmark needs, once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#ifdef G_OS_UNIX
# include <sys/resource.h>
#endif

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

/* A standard normal draw (Box–Muller) from RAND: the seeded GRand the
 * benchmarks that simulate series share. */
static inline double
bench_normal (GRand *rand)
{
  double u = g_rand_double (rand), v = g_rand_double (rand);

  return sqrt (-2 * log (u + 1e-300)) * cos (2 * G_PI * v);
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

/* The peak resident set of this process in MiB, or -1 where unknown. */
static inline double
bench_peak_rss_mib (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
#else
  return -1;
#endif
}

/* User + system seconds of every thread so far: on a shared machine the
 * wall time says little about what the work costs. */
static inline double
bench_cpu_seconds (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
#else
  return 0;
#endif
}

/* The benchmark folder: the first argument left, else $PM_BENCH_DIR, else
 * /tmp/pm-bench-3000x2880. */
static inline const char *
bench_folder (char **rest)
{
  const char *folder = rest && rest[0] ? rest[0] : g_getenv ("PM_BENCH_DIR");

  return folder != NULL ? folder : "/tmp/pm-bench-3000x2880";
}

/* Makes the benchmark folder @folder with `@generator --preset bench` when
 * it does not exist. Returns %FALSE, having said why, when it could not. */
static inline gboolean
bench_ensure_folder (const char *folder,
                     const char *generator)
{
  g_autoptr(GError) error = NULL;
  const char *gen_argv[] = { generator, "--preset", "bench", "--out", folder, NULL };
  int status = 1;

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (generator == NULL)
    {
      g_printerr ("%s does not exist and no --generator was given\n", folder);
      return FALSE;
    }
  printf ("generating %s ...\n", folder);
  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) gen_argv, NULL, 0, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("pm-generate failed: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}
