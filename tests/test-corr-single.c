/* test-corr-single.c: the single-precision correlation matrix against the double one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PmCorrOptions.single_precision (what the viewer's heat map uses for big
 * matrices) must give the double path's matrix to within rounding: the
 * same NaN cells (constant series), the same exact diagonal, symmetric,
 * within [-1, 1], and every r within 1e-5 of the double one.
 */
#include <math.h>

#include "pm-corr.h"
#include "pm-corr-private.h"
#include "pm-loader.h"

#define MAX_DELTA 1e-5

static guint64 rng = 0x9e3779b97f4a7c15ULL;

static double
uniform (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (rng >> 11) * (1.0 / 9007199254740992.0);
}

/* 240 tags over 900 snapshots: random walks, groups that follow a leader
 * (some inverted, some almost exactly), constant tags, a tag that is zero
 * but for one snapshot, and one absent from the second half. */
static PmDataset *
build_dataset (void)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  enum { N_TAGS = 240, N_SNAPSHOTS = 900 };
  double level[N_TAGS] = { 0 };

  for (guint s = 0; s < N_SNAPSHOTS; s++)
    {
      guint snap = pm_dataset_builder_add_snapshot (builder, 1600000000 + 60 * s,
                                                    1600000000 + 60 * s);

      for (guint t = 0; t < N_TAGS; t++)
        {
          char name[8];
          PmRowValues row = { 0 };
          double v;

          if (t % 40 == 7)
            v = 5000;                                    /* constant */
          else if (t % 40 == 9)
            v = s == 300 ? 12 : 0;                       /* one blip */
          else if (t % 40 == 11 && s >= N_SNAPSHOTS / 2)
            continue;                                    /* absent later */
          else if (t % 10 != 0 && t % 3 == 0)
            v = 1e6 + (t % 2 ? -1 : 1) * level[t - t % 10] * (1 + t % 7)
                + 50 * uniform ();                       /* follows its leader */
          else
            {
              level[t] += uniform () * 2000 - 1000;
              v = 1e6 + level[t];
            }

          g_snprintf (name, sizeof name, "T%03u", t);
          row.paged_diff = (guint32) MAX (v, 0);
          row.non_paged_diff = (guint32) (t * 3 + s % 5);
          row.have = PM_ROW_HAVE_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_DIFF;
          pm_dataset_builder_add_row (builder, snap, name, &row);
        }
    }

  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

/* Returns the largest |Δr| off the diagonal. */
static double
compare (PmCorrMatrix *d,
         PmCorrMatrix *f)
{
  guint n = pm_corr_matrix_get_size (d);
  double worst = 0;

  g_assert_cmpuint (pm_corr_matrix_get_size (f), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (pm_corr_matrix_get_tag (f, i), ==, pm_corr_matrix_get_tag (d, i));
      for (guint j = 0; j < n; j++)
        {
          double rd = pm_corr_matrix_get (d, i, j);
          double rf = pm_corr_matrix_get (f, i, j);

          g_assert_cmpint (isnan (rf), ==, isnan (rd));
          if (isnan (rd))
            continue;
          g_assert_cmpfloat (rf, ==, pm_corr_matrix_get (f, j, i));
          g_assert_cmpfloat (fabs (rf), <=, 1.0);
          if (i == j)
            g_assert_cmpfloat (rf, ==, 1.0);
          else
            worst = MAX (worst, fabs (rf - rd));
        }
    }
  g_assert_cmpfloat (worst, <=, MAX_DELTA);

  return worst;
}

static double
compare_options (PmDataset     *ds,
                 PmCorrOptions *options)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PmCorrMatrix) d = NULL;
  g_autoptr(PmCorrMatrix) f = NULL;
  g_autoptr(PmCorrMatrix) f_panels = NULL;
  g_autoptr(GError) error = NULL;
  double worst;

  options->single_precision = FALSE;
  d = pm_corr_compute (ds, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  options->single_precision = TRUE;
  f = pm_corr_compute (ds, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* With a cancellable the product goes in panels. */
  f_panels = pm_corr_compute (ds, options, NULL, NULL, cancellable, &error);
  g_assert_no_error (error);

  worst = compare (d, f);
  compare (d, f_panels);
  g_test_message ("%u x %u, %s: max |Δr| %.3g", pm_corr_matrix_get_size (d),
                  pm_corr_matrix_get_size (d), options->increments ? "increments" : "levels",
                  worst);

  return worst;
}

static void
test_built (void)
{
  g_autoptr(PmDataset) ds = build_dataset ();
  PmCorrOptions options;
  double worst = 0;
  guint some[] = { 3, 0, 7, 9, 6, 11, 239, 240, 30 };
  g_autoptr(PmCorrMatrix) probe = NULL;
  guint n_nan = 0;

  for (int increments = 0; increments < 2; increments++)
    {
      pm_corr_options_init (&options, PM_METRIC_PAGED_DIFF);
      options.increments = increments;
      worst = MAX (worst, compare_options (ds, &options));

      /* A range and a chosen order of tags. */
      options.first = 100;
      options.n_snapshots = 500;
      options.tags = some;
      options.n_tags = G_N_ELEMENTS (some);
      worst = MAX (worst, compare_options (ds, &options));
    }

  /* The fixture has undefined r to compare (constant tags). */
  pm_corr_options_init (&options, PM_METRIC_PAGED_DIFF);
  options.single_precision = TRUE;
  probe = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < pm_corr_matrix_get_size (probe); i++)
    n_nan += isnan (pm_corr_matrix_get (probe, i, i));
  g_assert_cmpuint (n_nan, ==, 6);

  /* Where a BLAS does the work the single path is really taken: it rounds
   * differently from the double one somewhere. With the AVX-512 kernel the
   * double product is as fast, and single precision is not used. */
  if (pm_corr_have_blas () && g_getenv ("PM_CORR_NO_BLAS") == NULL &&
      g_strcmp0 (_pm_corr_gram_kernel (), "avx512") != 0)
    g_assert_cmpfloat (worst, >, 0.0);
  else
    g_assert_cmpfloat (worst, ==, 0.0);
}

static void
test_sample (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "..", "data", "sample",
                                                "powershell", NULL);
  const char *paths[] = { folder, NULL };
  g_autoptr(PmDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  PmCorrOptions options;

  ds = pm_dataset_load (paths, NULL, &error);
  g_assert_no_error (error);

  for (PmMetric metric = 0; metric < PM_N_METRICS; metric++)
    {
      if (!pm_dataset_has_metric (ds, metric))
        continue;
      pm_corr_options_init (&options, metric);
      compare_options (ds, &options);
      options.increments = TRUE;
      compare_options (ds, &options);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/corr-single/built", test_built);
  g_test_add_func ("/poolstats/corr-single/sample", test_sample);

  return g_test_run ();
}
