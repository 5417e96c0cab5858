/* test-lod.c: levels of detail give what a scan of the samples gives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "poolstats.h"

/* Series in the shapes the chart meets: steady counters, steps, noise,
 * gaps (NaN), absences (0, a gap on a log axis) and negative steps of a
 * diff metric. */
static double *
make_series (gsize   n,
             guint32 seed)
{
  GRand *rand = g_rand_new_with_seed (seed);
  double *v = g_new (double, MAX (n, 1));
  double level = 1000;

  for (gsize i = 0; i < n; i++)
    {
      double r = g_rand_double (rand);

      if (r < 0.01)
        level = g_rand_double_range (rand, -500, 5000);
      v[i] = level + g_rand_int_range (rand, -20, 20);
      if (r > 0.97)
        v[i] = NAN;
      else if (r > 0.95)
        v[i] = 0;
    }
  /* A long absence, longer than the coarser buckets. */
  for (gsize i = n / 3; i < n / 3 + MIN (n / 4, 5000); i++)
    v[i] = (i % 2) ? NAN : 0;

  g_rand_free (rand);

  return v;
}

static gboolean
scan (const double *v,
      gsize         a,
      gsize         b,
      gboolean      pos,
      double       *lo,
      double       *hi)
{
  double vmin = HUGE_VAL, vmax = -HUGE_VAL;

  for (gsize i = a; i < b; i++)
    {
      if (pos ? !(v[i] > 0) : isnan (v[i]))
        continue;
      vmin = MIN (vmin, v[i]);
      vmax = MAX (vmax, v[i]);
    }
  if (vmin > vmax)
    return FALSE;
  *lo = vmin;
  *hi = vmax;

  return TRUE;
}

/* Every bucket of every level is the lowest and highest of its samples. */
static void
test_envelope (void)
{
  const gsize sizes[] = { 0, 1, 7, 8, 15, 16, 100, 1000, 43200, 43201, 129600 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree double *v = make_series (n, 17 + s);
      g_autoptr(PmLod) lod = pm_lod_new (v, n);
      guint levels = pm_lod_get_n_levels (lod);

      g_assert_cmpuint (pm_lod_get_n_values (lod), ==, n);
      g_assert_true (pm_lod_get_values (lod) == v);
      if (n >= 2 * PM_LOD_BASE)
        g_assert_cmpuint (levels, >=, 1);
      else
        g_assert_cmpuint (levels, ==, 0);

      for (guint k = 1; k <= levels; k++)
        {
          gsize step = pm_lod_get_level_step (lod, k);

          g_assert_cmpuint (step, ==, (gsize) (PM_LOD_BASE * pow (PM_LOD_FACTOR, k - 1)));
          g_assert_cmpuint (pm_lod_get_level_length (lod, k), ==, n / step);
          for (gsize i = 0; i < n / step; i++)
            for (int pos = 0; pos < 2; pos++)
              {
                double lo = 0, hi = 0, rlo = 0, rhi = 0;
                gboolean has = pm_lod_get_bucket (lod, k, i, pos, &lo, &hi);
                gboolean rhas = scan (v, i * step, (i + 1) * step, pos, &rlo, &rhi);

                g_assert_cmpint (has, ==, rhas);
                if (has)
                  {
                    g_assert_cmpfloat (lo, ==, rlo);
                    g_assert_cmpfloat (hi, ==, rhi);
                  }
              }
        }

      /* About 5 bytes per sample beside the samples. */
      if (n >= 1000)
        g_assert_cmpfloat ((double) pm_lod_get_memory (lod) / n, <, 6);
    }
}

/* Any span: the extremes and the first and last usable sample are those
 * of a scan, on both notions of usable. */
static void
test_spans (void)
{
  const gsize n = 20000;
  g_autofree double *v = make_series (n, 5);
  g_autoptr(PmLod) lod = pm_lod_new (v, n);
  GRand *rand = g_rand_new_with_seed (99);

  for (int t = 0; t < 20000; t++)
    {
      gsize a = g_rand_int_range (rand, 0, n + 1);
      gsize len = t % 3 == 0 ? g_rand_int_range (rand, 0, 40)
                             : g_rand_int_range (rand, 0, n + 10);
      gsize b = MIN (a + len, n + 5);
      int pos = t % 2;
      double lo = 0, hi = 0, rlo = 0, rhi = 0;
      gsize f = 0, l = 0, rf = G_MAXSIZE, rl = G_MAXSIZE;

      g_assert_cmpint (pm_lod_range (lod, a, b, pos, &lo, &hi), ==,
                       scan (v, a, MIN (b, n), pos, &rlo, &rhi));
      g_assert_cmpfloat (lo, ==, rlo);
      g_assert_cmpfloat (hi, ==, rhi);

      for (gsize i = a; i < MIN (b, n); i++)
        if (pos ? v[i] > 0 : !isnan (v[i]))
          {
            if (rf == G_MAXSIZE)
              rf = i;
            rl = i;
          }
      g_assert_cmpint (pm_lod_first_valid (lod, a, b, pos, &f), ==, rf != G_MAXSIZE);
      g_assert_cmpint (pm_lod_last_valid (lod, a, b, pos, &l), ==, rl != G_MAXSIZE);
      if (rf != G_MAXSIZE)
        {
          g_assert_cmpuint (f, ==, rf);
          g_assert_cmpuint (l, ==, rl);
        }
    }
  g_rand_free (rand);
}

/* Nothing usable at all, and every sample usable. */
static void
test_extremes (void)
{
  const gsize n = 5000;
  g_autofree double *gaps = g_new (double, n);
  g_autofree double *ones = g_new (double, n);
  double lo, hi;
  gsize i;

  for (gsize k = 0; k < n; k++)
    {
      gaps[k] = NAN;
      ones[k] = 1;
    }

  {
    g_autoptr(PmLod) lod = pm_lod_new (gaps, n);

    g_assert_false (pm_lod_range (lod, 0, n, FALSE, &lo, &hi));
    g_assert_false (pm_lod_first_valid (lod, 0, n, TRUE, &i));
    g_assert_false (pm_lod_last_valid (lod, 0, n, FALSE, &i));
  }
  {
    g_autoptr(PmLod) lod = pm_lod_new (ones, n);

    g_assert_true (pm_lod_range (lod, 3, n, TRUE, &lo, &hi));
    g_assert_cmpfloat (lo, ==, 1);
    g_assert_cmpfloat (hi, ==, 1);
    g_assert_true (pm_lod_first_valid (lod, 3, n, TRUE, &i));
    g_assert_cmpuint (i, ==, 3);
    g_assert_true (pm_lod_last_valid (lod, 0, 4097, TRUE, &i));
    g_assert_cmpuint (i, ==, 4096);
    g_assert_false (pm_lod_first_valid (lod, 7, 7, FALSE, &i));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lod/envelope", test_envelope);
  g_test_add_func ("/lod/spans", test_spans);
  g_test_add_func ("/lod/extremes", test_extremes);

  return g_test_run ();
}
