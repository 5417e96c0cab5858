/* test-sample.c: the bundled samples load cleanly and carry their features
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data/README.md promises these facts to the ranking, correlation and GUI
 * tests; here they are checked through the real loader, on the committed
 * samples and on generated folders of other shapes (the features must hold
 * at any scale). The numbers are computed by hand from the dataset so that
 * a wrong ranking routine cannot hide a wrong sample, or the other way round.
 */
#include <math.h>

#include <glib/gstdio.h>

#include "pm-loader.h"
#include "test-common.h"

static const char *const group_tags[] = { "File", "Ntfx", "FMfn", "MmCa", "FMsl" };
static const char *const big_tags[] = { "MmSt", "CM31", "ConT", "CM25", "EtwB", "MmRe", "Ntff", "Pool", "MmCm", "smNp" };

static PmDataset *
load_path (const char *dir)
{
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  PmDataset *dataset = pm_dataset_load (paths, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (pm_dataset_get_n_problems (dataset), ==, 0);
  return dataset;
}

static PmDataset *
load_sample (const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);

  return load_path (dir);
}

/* Runs pm-generate into a new temporary folder, loads it and removes it. */
static PmDataset *
load_generated (const char *tags,
                const char *snapshots,
                const char *interval)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pm-sample-XXXXXX", &error);
  const char *argv[] = {
    g_getenv ("PM_GENERATE"), "--out", dir, "--layout", "loop", "--encoding", "utf8",
    "--tags", tags, "--snapshots", snapshots, "--interval", interval, NULL
  };
  PmDataset *dataset;

  g_assert_no_error (error);
  g_assert_nonnull (argv[0]);
  spawn_ok (argv);

  dataset = load_path (dir);
  remove_flat_dir (dir);
  return dataset;
}

static guint
tag_index (PmDataset  *dataset,
           const char *name)
{
  guint tag = G_MAXUINT;

  if (!pm_dataset_lookup_tag (dataset, name, &tag))
    g_error ("tag “%s” not in the sample", name);
  return tag;
}

static double
pearson (const double *x,
         const double *y,
         guint         n)
{
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

  for (guint i = 0; i < n; i++)
    {
      mx += x[i] / n;
      my += y[i] / n;
    }
  for (guint i = 0; i < n; i++)
    {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
  return sxy / sqrt (sxx * syy);
}

/* The busy tag's counters wrap at 1/3 of the run; its outstanding
 * allocations must not jump by 2^32 there. */
static void
check_wrap (PmDataset *dataset)
{
  guint n = pm_dataset_get_n_snapshots (dataset);
  guint tag = tag_index (dataset, "Irp ");
  g_autofree gint64 *values = g_new (gint64, n);

  pm_dataset_copy_series (dataset, PM_METRIC_NON_PAGED_DIFF, tag, 0, n, values);
  for (guint s = 0; s < n; s++)
    {
      g_assert_cmpint (values[s], >, 15000);
      g_assert_cmpint (values[s], <, 25000);
      g_assert_cmpint (pm_dataset_get_value (dataset, PM_METRIC_NON_PAGED_USED_BYTES, tag, s), ==, values[s] * 512);
    }
}

/* The late tag is absent, and counts as 0, before 2/5 of the run. */
static void
check_late (PmDataset *dataset)
{
  guint n = pm_dataset_get_n_snapshots (dataset);
  guint late = n * 2 / 5;
  guint tag = tag_index (dataset, "Usbp");

  g_assert_cmpuint (pm_dataset_get_n_present (dataset, tag), ==, n - late);
  for (guint s = 0; s < n; s++)
    {
      g_assert_cmpint (pm_dataset_get_present (dataset, tag, s), ==, s >= late);
      if (s < late)
        g_assert_cmpint (pm_dataset_get_value (dataset, PM_METRIC_TOTAL_USED_BYTES, tag, s), ==, 0);
      else
        g_assert_cmpint (pm_dataset_get_value (dataset, PM_METRIC_TOTAL_USED_BYTES, tag, s), >, 0);
    }
  g_assert_cmpuint (pm_dataset_get_n_present (dataset, tag_index (dataset, "QdrC")), ==, n);
}

/* The leak is the top grower, in both senses, yet far from the top users. */
static void
check_leak (PmDataset *dataset)
{
  static const PmMetric metrics[] = {
    PM_METRIC_TOTAL_USED_BYTES, PM_METRIC_NON_PAGED_DIFF, PM_METRIC_TOTAL_DIFF, PM_METRIC_NON_PAGED_USED_BYTES,
  };
  guint n = pm_dataset_get_n_snapshots (dataset);
  guint leak = tag_index (dataset, "QdrC");
  guint n_tags = pm_dataset_get_n_tags (dataset);
  g_autofree gint64 *values = g_new (gint64, n);

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      gint64 leak_first = pm_dataset_get_value (dataset, metrics[m], leak, 0);
      gint64 leak_last = pm_dataset_get_value (dataset, metrics[m], leak, n - 1);
      gint64 leak_peak = 0, leak_sum = 0;
      guint n_bigger = 0, n_bigger_mean = 0;

      g_assert_cmpint (leak_last, >, 3 * leak_first);
      for (guint s = 0; s < n; s++)
        {
          gint64 v = pm_dataset_get_value (dataset, metrics[m], leak, s);

          leak_peak = MAX (leak_peak, v);
          leak_sum += v;
        }

      for (guint t = 0; t < n_tags; t++)
        {
          gint64 first = 0, last = 0, peak = 0, sum = 0;

          if (t == leak)
            continue;
          pm_dataset_copy_series (dataset, metrics[m], t, 0, n, values);
          for (guint s = 0; s < n; s++)
            {
              if (values[s] != 0 && first == 0)
                first = values[s];
              if (values[s] != 0)
                last = values[s];
              peak = MAX (peak, values[s]);
              sum += values[s];
            }
          /* All tags but the late one are present throughout: the sums
           * order them as their means over present snapshots do. */
          n_bigger += peak > leak_peak;
          n_bigger_mean += sum > leak_sum && pm_dataset_get_n_present (dataset, t) == n;
          if (first == 0)
            continue;
          /* Everything else grows by less than a quarter of what the leak
           * gains, and by less than a tenth of its percentage. */
          g_assert_cmpint ((last - first) * 4, <, leak_last - leak_first);
          g_assert_cmpfloat ((double) (last - first) / first * 10, <,
                             (double) (leak_last - leak_first) / leak_first);
        }
      g_assert_cmpuint (n_bigger, >=, 5);
      g_assert_cmpuint (n_bigger_mean, >=, 5);
    }

  for (guint i = 0; i < G_N_ELEMENTS (big_tags); i++)
    g_assert_cmpint (pm_dataset_get_value (dataset, PM_METRIC_TOTAL_USED_BYTES, tag_index (dataset, big_tags[i]), 0),
                     >, 2 * pm_dataset_get_value (dataset, PM_METRIC_TOTAL_USED_BYTES, leak, n - 1));
}

/* The group moves together: r > 0.9 between every pair, on allocation
 * counts. With @exclusive, nothing else follows any of them that closely
 * (true of the samples; among thousands of short random walks some tag
 * will match by chance). */
static void
check_group (PmDataset *dataset,
             gboolean   exclusive)
{
  guint n = pm_dataset_get_n_snapshots (dataset);
  guint n_tags = pm_dataset_get_n_tags (dataset);
  double *group[G_N_ELEMENTS (group_tags)];
  guint group_index[G_N_ELEMENTS (group_tags)];
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < G_N_ELEMENTS (group_tags); i++)
    {
      group_index[i] = tag_index (dataset, group_tags[i]);
      group[i] = g_new (double, n);
      pm_dataset_copy_series_double (dataset, PM_METRIC_TOTAL_DIFF, group_index[i], 0, n, group[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (group_tags); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (group_tags); j++)
      g_assert_cmpfloat (pearson (group[i], group[j], n), >, 0.9);

  for (guint t = 0; exclusive && t < n_tags; t++)
    {
      gboolean member = FALSE, constant = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (group_tags); i++)
        member |= group_index[i] == t;
      pm_dataset_copy_series_double (dataset, PM_METRIC_TOTAL_DIFF, t, 0, n, values);
      for (guint s = 1; s < n; s++)
        constant &= values[s] == values[0];
      if (member || constant)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (group_tags); i++)
        g_assert_cmpfloat (fabs (pearson (group[i], values, n)), <, 0.9);
    }

  for (guint i = 0; i < G_N_ELEMENTS (group_tags); i++)
    g_free (group[i]);
}

static void
test_powershell_loads (void)
{
  g_autoptr(PmDataset) dataset = load_sample ("powershell");
  const gint64 *utc, *local;

  g_assert_cmpuint (pm_dataset_get_files (dataset)->len, ==, 120);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 120);
  g_assert_cmpuint (pm_dataset_get_n_tags (dataset), ==, 60);
  for (guint m = 0; m < PM_N_METRICS; m++)
    g_assert_true (pm_dataset_has_metric (dataset, (PmMetric) m));

  /* 2021-07-13T08:00:00 UTC, every 10 minutes, the lab clock at UTC-7. */
  utc = pm_dataset_get_times (dataset, PM_TIME_BASE_UTC);
  local = pm_dataset_get_times (dataset, PM_TIME_BASE_LOCAL);
  g_assert_cmpint (utc[0], ==, 1626163200);
  for (guint s = 0; s < 120; s++)
    {
      g_assert_cmpint (utc[s], ==, utc[0] + 600 * (gint64) s);
      g_assert_cmpint (local[s], ==, utc[s] - 7 * 3600);
    }
}

/* Tags come out byte-exact, with their Binary and Description. */
static void
test_powershell_tags (void)
{
  g_autoptr(PmDataset) dataset = load_sample ("powershell");
  static const char *const exact[] = { "Mm  ", "Io  ", "Irp ", "Vad ", "Key ", "\302\265Drv" };
  guint tag;

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    g_assert_cmpstr (pm_dataset_get_tag_name (dataset, tag_index (dataset, exact[i])), ==, exact[i]);
  g_assert_false (pm_dataset_lookup_tag (dataset, "Mm", &tag));

  tag = tag_index (dataset, "MmSt");
  g_assert_cmpstr (pm_dataset_get_tag_binary (dataset, tag), ==, "nt!mm");
  g_assert_cmpstr (pm_dataset_get_tag_description (dataset, tag), ==, "Mm section object prototype ptes");
  tag = tag_index (dataset, "DxgK");
  g_assert_cmpstr (pm_dataset_get_tag_description (dataset, tag), ==,
                   "Vista display driver support, \"dxgkrnl\" allocations");
}

static void
test_powershell_features (void)
{
  g_autoptr(PmDataset) dataset = load_sample ("powershell");

  check_wrap (dataset);
  check_late (dataset);
  check_leak (dataset);
  check_group (dataset, TRUE);
}

static void
test_sampler_loads (void)
{
  g_autoptr(PmDataset) dataset = load_sample ("sampler");
  const gint64 *utc;

  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 24);
  g_assert_cmpuint (pm_dataset_get_n_tags (dataset), ==, 30);
  utc = pm_dataset_get_times (dataset, PM_TIME_BASE_UTC);
  g_assert_cmpint (pm_dataset_get_times (dataset, PM_TIME_BASE_LOCAL)[0], ==, utc[0] + 3600);
  g_assert_cmpint (utc[23] - utc[0], ==, 23 * 3600);
  check_late (dataset);
  check_wrap (dataset);
}

/* Thousands of background tags do not drown the features. */
static void
test_scale_many_tags (void)
{
  g_autoptr(PmDataset) dataset = load_generated ("3000", "60", "60");

  g_assert_cmpuint (pm_dataset_get_n_tags (dataset), ==, 3000);
  check_wrap (dataset);
  check_late (dataset);
  check_leak (dataset);
  check_group (dataset, FALSE);
}

/* Neither do thousands of snapshots at a short interval. */
static void
test_scale_many_snapshots (void)
{
  g_autoptr(PmDataset) dataset = load_generated ("100", "2880", "60");

  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 2880);
  check_wrap (dataset);
  check_late (dataset);
  check_leak (dataset);
  check_group (dataset, TRUE);
}

/* The benchmark folder itself, when PM_BENCH_DIR names it (it is 2.3 GB
 * and made on demand: `meson compile -C BUILD bench-data`). */
static void
test_bench_folder (void)
{
  const char *dir = g_getenv ("PM_BENCH_DIR");
  g_autoptr(PmDataset) dataset = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("PM_BENCH_DIR does not name the benchmark folder");
      return;
    }
  dataset = load_path (dir);
  g_assert_cmpuint (pm_dataset_get_n_snapshots (dataset), ==, 2880);
  g_assert_cmpuint (pm_dataset_get_n_tags (dataset), ==, 3000);
  check_wrap (dataset);
  check_late (dataset);
  check_leak (dataset);
  check_group (dataset, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/sample/powershell-loads", test_powershell_loads);
  g_test_add_func ("/poolstats/sample/powershell-tags", test_powershell_tags);
  g_test_add_func ("/poolstats/sample/powershell-features", test_powershell_features);
  g_test_add_func ("/poolstats/sample/sampler-loads", test_sampler_loads);
  g_test_add_func ("/poolstats/sample/scale-many-tags", test_scale_many_tags);
  g_test_add_func ("/poolstats/sample/scale-many-snapshots", test_scale_many_snapshots);
  g_test_add_func ("/poolstats/sample/bench-folder", test_bench_folder);

  return g_test_run ();
}
