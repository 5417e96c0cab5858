/* test-corr-gram.c: every kernel of the all-tags product against two-pass r
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pm-corr-gram.c computes the matrix slice by slice (512 snapshots) from
 * the packed dataset, in blocks of 192 rows and items of 512 columns, with
 * one of several kernels picked at run time (PM_CORR_KERNEL). Here a dataset
 * big enough to cross all of those boundaries (531 rows: not a multiple of
 * 8, 24 or 192; more than 512 columns; a range that starts and ends inside
 * packed chunks) is correlated by each kernel this machine can run, plain C
 * always among them, and every r is checked against pm_corr_pearson() and
 * against the older whole-series path (PM_CORR_KERNEL=blas).
 */
#include <gio/gio.h>

#include "test-analysis-common.h"
#include "pm-corr-private.h"

#define N_TAGS 530
#define N_SNAPSHOTS 1400

static const char * const kernel_names[] = { "plain", "vector", "avx2", "avx512" };

/* Random walks, tags that follow a few leaders (some inverted), constant
 * tags, tags absent now and then, one that appears late, one with a huge
 * offset. */
static PmDataset *
make_dataset (void)
{
  g_autofree const char **names = g_new0 (const char *, N_TAGS);
  g_autofree gint64 *v = g_new (gint64, (gsize) N_TAGS * N_SNAPSHOTS);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  double leaders[4] = { 0 };
  double *level = g_new0 (double, N_TAGS);
  guint64 state = 4711;

  for (guint i = 0; i < N_TAGS; i++)
    {
      names[i] = g_strdup_printf ("G%03u", i);
      g_ptr_array_add (owned, (char *) names[i]);
      level[i] = 1e4 + 1e6 * fixture_uniform (&state);
    }

  for (guint s = 0; s < N_SNAPSHOTS; s++)
    {
      for (guint l = 0; l < 4; l++)
        leaders[l] += 1000 * (fixture_uniform (&state) - 0.5);
      for (guint i = 0; i < N_TAGS; i++)
        {
          gint64 *cell = v + (gsize) i * N_SNAPSHOTS + s;
          double noise = 200 * (fixture_uniform (&state) - 0.5);

          level[i] += 300 * (fixture_uniform (&state) - 0.5);
          if (i % 37 == 3)
            *cell = 777;
          else if (i % 29 == 5 && fixture_uniform (&state) < 0.1)
            *cell = ABSENT;
          else if (i == 100 && s < 700)
            *cell = ABSENT;
          else if (i == 101)
            *cell = (gint64) 1e11 + (gint64) (level[i] - 1e4);
          else if (i % 5 == 0)
            *cell = (gint64) (1e7 + (i % 2 ? -1 : 1) * leaders[i % 4] * (1 + i % 3) + noise);
          else
            *cell = (gint64) level[i];
        }
    }
  g_free (level);

  return fixture_dataset (names, N_TAGS, v, N_SNAPSHOTS);
}

/* r by the textbook formula for every pair of @tags' series over the
 * range of @options. */
static double *
reference (PmDataset           *ds,
           const PmCorrOptions *options,
           guint                n)
{
  guint m = options->n_snapshots;
  guint n_values = options->increments ? m - 1 : m;
  g_autofree double *series = g_new (double, (gsize) n * m);
  double *r = g_new (double, (gsize) n * n);

  for (guint t = 0; t < n; t++)
    {
      double *row = series + (gsize) t * m;

      pm_dataset_copy_series_double (ds, options->metric, t, options->first, m, row);
      if (options->increments)
        for (guint s = 0; s + 1 < m; s++)
          row[s] = row[s + 1] - row[s];
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i; j < n; j++)
      r[(gsize) i * n + j] = r[(gsize) j * n + i] =
        pm_corr_pearson (series + (gsize) i * m, series + (gsize) j * m, n_values);

  return r;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
check_kernels (gboolean increments)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmCorrMatrix) older = NULL;
  g_autofree double *expected = NULL;
  guint n = pm_dataset_get_n_tags (ds) + 1;
  PmCorrOptions options;
  guint n_run = 0;
  guint n_undefined = 0;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  options.increments = increments;
  /* Starts and ends inside a packed chunk of 512: four slices. */
  options.first = 37;
  options.n_snapshots = 1301;
  expected = reference (ds, &options, n);

  g_setenv ("PM_CORR_KERNEL", "blas", TRUE);
  g_assert_null (_pm_corr_gram_kernel ());
  older = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (kernel_names); k++)
    {
      g_autoptr(PmCorrMatrix) m = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      double last = 0;

      g_setenv ("PM_CORR_KERNEL", kernel_names[k], TRUE);
      if (_pm_corr_gram_kernel () == NULL)
        {
          /* Only the CPU-specific ones may be missing. */
          g_assert_cmpuint (k, >=, 2);
          g_test_message ("kernel %s: not on this machine", kernel_names[k]);
          continue;
        }
      g_assert_cmpstr (_pm_corr_gram_kernel (), ==, kernel_names[k]);
      n_run++;

      /* With progress and a cancellable, as the viewer calls it. */
      m = pm_corr_compute (ds, &options, progress_cb, &last, cancellable, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (last, ==, 1.0);
      g_assert_cmpuint (pm_corr_matrix_get_size (m), ==, n);

      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          {
            double want = expected[(gsize) i * n + j];
            double got = pm_corr_matrix_get (m, i, j);

            if (isnan (want))
              {
                g_assert_true (isnan (got));
                g_assert_true (isnan (pm_corr_matrix_get (older, i, j)));
                n_undefined++;
                continue;
              }
            if (i == j)
              g_assert_cmpfloat (got, ==, 1.0);
            g_assert_cmpfloat (got, ==, pm_corr_matrix_get (m, j, i));
            g_assert_cmpfloat_with_epsilon (got, want, 1e-12);
            g_assert_cmpfloat_with_epsilon (got, pm_corr_matrix_get (older, i, j), 1e-13);
          }
    }
  g_unsetenv ("PM_CORR_KERNEL");

  /* plain and vector run everywhere (vector with GCC and Clang). */
  g_assert_cmpuint (n_run, >=, 1);
  g_assert_cmpuint (n_undefined, >, 0);
}

static void
test_levels (void)
{
  check_kernels (FALSE);
}

static void
test_increments (void)
{
  check_kernels (TRUE);
}

/* The default is the best kernel the CPU runs; an unknown name falls back
 * to the older path rather than failing. */
static void
test_choice (void)
{
  const char *best;

  g_unsetenv ("PM_CORR_KERNEL");
  best = _pm_corr_gram_kernel ();
  g_assert_nonnull (best);
  g_test_message ("default kernel: %s", best);
  g_setenv ("PM_CORR_KERNEL", "no-such-kernel", TRUE);
  g_assert_null (_pm_corr_gram_kernel ());
  g_unsetenv ("PM_CORR_KERNEL");
}

/* Single precision: through a BLAS's float product where the double
 * kernel is not AVX-512 (forced here with the older path), r within 1e-5
 * of the double one but not equal to it; with AVX-512, the double product. */
static void
test_single_precision (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(PmCorrMatrix) exact = NULL;
  g_autoptr(PmCorrMatrix) single = NULL;
  guint n = pm_dataset_get_n_tags (ds) + 1;
  PmCorrOptions options;
  double worst = 0;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  exact = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  options.single_precision = TRUE;
  g_setenv ("PM_CORR_KERNEL", "blas", TRUE);
  single = pm_corr_compute (ds, &options, NULL, NULL, NULL, NULL);
  g_unsetenv ("PM_CORR_KERNEL");

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        double a = pm_corr_matrix_get (exact, i, j);
        double b = pm_corr_matrix_get (single, i, j);

        g_assert_cmpint (isnan (a), ==, isnan (b));
        if (!isnan (a))
          worst = MAX (worst, fabs (a - b));
      }
  g_assert_cmpfloat (worst, <, 1e-5);
  if (pm_corr_have_blas ())
    g_assert_cmpfloat (worst, >, 0);
}

/* Cancelled before it starts: an error, no matrix, with every kernel. */
static void
test_cancelled (void)
{
  g_autoptr(PmDataset) ds = make_dataset ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PmCorrOptions options;

  pm_corr_options_init (&options, PM_METRIC_TOTAL_USED_BYTES);
  g_cancellable_cancel (cancellable);
  for (guint k = 0; k < G_N_ELEMENTS (kernel_names); k++)
    {
      g_autoptr(GError) error = NULL;

      g_setenv ("PM_CORR_KERNEL", kernel_names[k], TRUE);
      if (_pm_corr_gram_kernel () == NULL)
        continue;
      g_assert_null (pm_corr_compute (ds, &options, NULL, NULL, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
  g_unsetenv ("PM_CORR_KERNEL");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/corr-gram/levels", test_levels);
  g_test_add_func ("/poolstats/corr-gram/increments", test_increments);
  g_test_add_func ("/poolstats/corr-gram/choice", test_choice);
  g_test_add_func ("/poolstats/corr-gram/cancelled", test_cancelled);
  g_test_add_func ("/poolstats/corr-gram/single-precision", test_single_precision);

  return g_test_run ();
}
