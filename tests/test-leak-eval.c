/* test-leak-eval.c: the leak finder judged against planted truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sweeps seeds and sizes of pm-generate's `leaks` scenario (data/pm-gen-leaks.h),
 * built in memory through PmDatasetBuilder exactly as the loader would see
 * the files, and compares every verdict with what was planted. It prints
 * recall, false positives and every miss. The goal: every planted leak
 * flagged `leak` and ranked in the top 5 counting only tags that do not
 * leak (at most 4 non-leaks score above it), and no tag that does not leak
 * flagged `leak` (asserted with PM_LEAK_EVAL_STRICT=1; by default the
 * figures reached are guarded). PM_LEAK_EVAL_SEEDS=N sweeps more seeds per
 * size (default 8).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "poolstats.h"
#include "pm-gen-model.h"
#include "pm-gen-rows.h"
#include "pm-gen-leaks.h"

typedef struct
{
  guint n_tags;
  guint n_snapshots;
  guint interval;
} Size;

static const Size sizes[] = {
  { 60, 288, 300 },      /* a day at 5 min */
  { 200, 1440, 120 },    /* two days at 2 min */
  { 400, 2880, 60 },     /* two days at 1 min */
  { 120, 720, 900 },     /* a week at 15 min */
};

/* The model's rows, as the loader would turn them into a dataset. */
static PmDataset *
build_dataset (PmGenModel *model,
               guint       n_snapshots,
               guint       interval)
{
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  PmGenLeaks *leaks = pm_gen_model_get_leaks (model);
  guint n_tags = pm_gen_model_get_n_tags (model);

  for (guint s = 0; s < n_snapshots; s++)
    {
      gint64 t = 1714953600 + (gint64) s * interval + pm_gen_leaks_get_time_offset (leaks, s);
      guint snap;

      if (s > 0)
        pm_gen_model_advance (model);
      snap = pm_dataset_builder_add_snapshot (builder, t, t + 7200);
      for (guint i = 0; i < n_tags; i++)
        {
          PmGenRow row;
          PmRowValues v = { 0 };

          if (!pm_gen_model_get_row (model, i, &row))
            continue;
          pm_gen_row_to_values (&row, &v);
          pm_dataset_builder_add_row (builder, snap, pm_gen_model_get_tag (model, i), &v);
        }
    }
  return pm_dataset_builder_end (g_steal_pointer (&builder));
}

typedef struct
{
  guint leaks, found, top5, false_leaks, false_suspects, negatives, runs;
  guint per_kind_missed[PM_GEN_LEAK_N_KINDS];
  guint per_kind_false[PM_GEN_LEAK_N_KINDS];
  guint named[PM_GEN_LEAK_N_KINDS][PM_LEAK_N_PATTERNS];
  GString *misses;
  /* Leaks found that were planted at one steady rate: the rate reported
   * over the rate planted, and whether the interval holds the planted. */
  GArray *ratios;
  guint covered;
  GString *rates;
} Tally;

/* The rate of a leak found, against the rate planted (allocations an hour:
 * the verdict's rate is of TotalDiff, the planted leak is in one pool). */
static void
judge_rate (const Size      *size,
            guint64          seed,
            const char      *name,
            PmGenLeakKind    kind,
            double           planted,
            const PmLeakTag *t,
            Tally           *tally)
{
  double ratio = t->allocs_per_hour / planted;

  g_array_append_val (tally->ratios, ratio);
  tally->covered += t->allocs_per_hour_low <= planted && planted <= t->allocs_per_hour_high;
  if (!(ratio >= 0.5 && ratio <= 2))
    g_string_append_printf (tally->rates,
                            "  RATE %u tags x %u snapshots seed %" G_GUINT64_FORMAT ": %s (%s) "
                            "%.4g allocs/h [%.4g, %.4g], planted %.4g (%.2f x); %s\n",
                            size->n_tags, size->n_snapshots, seed, name,
                            pm_gen_leak_kind_to_string (kind), t->allocs_per_hour,
                            t->allocs_per_hour_low, t->allocs_per_hour_high, planted, ratio,
                            t->reason);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
judge_run (const Size *size,
           guint64     seed,
           Tally      *tally)
{
  g_autoptr(PmGenModel) model = pm_gen_model_new_leaks (size->n_tags, size->n_snapshots, size->interval, seed);
  PmGenLeaks *leaks = pm_gen_model_get_leaks (model);
  g_autoptr(PmDataset) dataset = build_dataset (model, size->n_snapshots, size->interval);
  g_autoptr(PmLeakResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rank;
  const guint *rank;

  result = pm_leak_analyse (dataset, NULL, NULL, &error);
  g_assert_no_error (error);
  rank = pm_leak_result_get_ranking (result, &n_rank);
  tally->runs++;

  for (guint gen = 0; gen < pm_gen_model_get_n_tags (model); gen++)
    {
      guint tag;
      const PmLeakTag *t;
      PmGenLeakKind kind = pm_gen_leaks_get_kind (leaks, gen);

      g_assert_true (pm_dataset_lookup_tag (dataset, pm_gen_leaks_get_tag (leaks, gen), &tag));
      t = pm_leak_result_get_tag (result, tag);
      tally->named[kind][t->pattern]++;
      if (pm_gen_leaks_get_leaks (leaks, gen))
        {
          guint above = 0;

          tally->leaks++;
          for (guint r = 0; r < n_rank && rank[r] != tag; r++)
            {
              guint other_gen;
              const char *name = pm_dataset_get_tag_name (dataset, rank[r]);

              /* Tag names are the generator's index in base 36 after a letter. */
              for (other_gen = 0; other_gen < pm_gen_model_get_n_tags (model); other_gen++)
                if (strcmp (pm_gen_leaks_get_tag (leaks, other_gen), name) == 0)
                  break;
              above += !pm_gen_leaks_get_leaks (leaks, other_gen);
            }
          tally->found += t->verdict == PM_LEAK_VERDICT_LEAK;
          tally->top5 += above < 5;
          if (t->verdict == PM_LEAK_VERDICT_LEAK && isfinite (pm_gen_leaks_get_rate (leaks, gen)))
            judge_rate (size, seed, pm_gen_leaks_get_tag (leaks, gen), kind,
                        pm_gen_leaks_get_rate (leaks, gen), t, tally);
          if (t->verdict != PM_LEAK_VERDICT_LEAK || above >= 5)
            {
              tally->per_kind_missed[kind]++;
              g_string_append_printf (tally->misses,
                                      "  MISS %u tags x %u snapshots seed %" G_GUINT64_FORMAT ": %s (%s) %s, %u non-leaks above; %s\n",
                                      size->n_tags, size->n_snapshots, seed,
                                      pm_gen_leaks_get_tag (leaks, gen), pm_gen_leak_kind_to_string (kind),
                                      pm_leak_verdict_to_string (t->verdict), above, t->reason);
            }
        }
      else
        {
          tally->negatives++;
          tally->false_suspects += t->verdict == PM_LEAK_VERDICT_SUSPECT;
          if (t->verdict == PM_LEAK_VERDICT_LEAK)
            {
              tally->false_leaks++;
              tally->per_kind_false[kind]++;
              g_string_append_printf (tally->misses,
                                      "  FALSE %u tags x %u snapshots seed %" G_GUINT64_FORMAT ": %s (%s) leak; %s\n",
                                      size->n_tags, size->n_snapshots, seed,
                                      pm_gen_leaks_get_tag (leaks, gen), pm_gen_leak_kind_to_string (kind),
                                      t->reason);
            }
        }
    }
}

static void
test_sweep (void)
{
  Tally tally = { 0 };
  guint n_seeds = 8, first = 1;
  const char *env = g_getenv ("PM_LEAK_EVAL_SEEDS");

  if (env != NULL)
    n_seeds = (guint) g_ascii_strtoull (env, NULL, 10);
  /* PM_LEAK_EVAL_FIRST=N: seeds N to N + PM_LEAK_EVAL_SEEDS - 1, for seeds
   * held out of the ones looked at before. */
  if (g_getenv ("PM_LEAK_EVAL_FIRST") != NULL)
    first = MAX (1, (guint) g_ascii_strtoull (g_getenv ("PM_LEAK_EVAL_FIRST"), NULL, 10));
  tally.misses = g_string_new (NULL);
  tally.ratios = g_array_new (FALSE, FALSE, sizeof (double));
  tally.rates = g_string_new (NULL);

  /* PM_LEAK_EVAL_BIG=N: N seeds of the benchmark's size, 3,000 x 2,880. */
  if (g_getenv ("PM_LEAK_EVAL_BIG") != NULL)
    {
      static const Size big = { 3000, 2880, 60 };
      guint n_big = (guint) g_ascii_strtoull (g_getenv ("PM_LEAK_EVAL_BIG"), NULL, 10);

      for (guint64 seed = 1; seed <= n_big; seed++)
        judge_run (&big, seed * 1000 + 9, &tally);
    }
  /* PM_LEAK_EVAL_ONLY=SIZE,SEED: one run (for PM_LEAK_DEBUG=TAG). */
  if (g_getenv ("PM_LEAK_EVAL_ONLY") != NULL)
    {
      guint z = 0;
      guint64 seed = 0;

      sscanf (g_getenv ("PM_LEAK_EVAL_ONLY"), "%u,%" G_GUINT64_FORMAT, &z, &seed);
      judge_run (&sizes[MIN (z, G_N_ELEMENTS (sizes) - 1)], seed, &tally);
      g_printerr ("%s", tally.misses->str);
      return;
    }
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    for (guint64 seed = first; seed < (guint64) first + n_seeds; seed++)
      judge_run (&sizes[z], seed * 1000 + z, &tally);

  g_printerr ("leak finder on %u generated runs (%u sizes x %u seeds):\n"
              "  planted leaks %u: flagged leak %u (recall %.1f %%), in the top 5 among non-leaks %u\n"
              "  tags that do not leak %u: flagged leak %u (%.3f %%), suspect %u\n%s",
              tally.runs, (guint) G_N_ELEMENTS (sizes), n_seeds,
              tally.leaks, tally.found, 100.0 * tally.found / MAX (tally.leaks, 1), tally.top5,
              tally.negatives, tally.false_leaks, 100.0 * tally.false_leaks / MAX (tally.negatives, 1),
              tally.false_suspects, tally.misses->str);
  /* How each planted kind was named: the reasons, counted. */
  g_printerr ("  planted kind -> pattern named (count)\n");
  for (guint k = 0; k < PM_GEN_LEAK_N_KINDS; k++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint p = 0; p < PM_LEAK_N_PATTERNS; p++)
        if (tally.named[k][p])
          g_string_append_printf (line, " %s %u", pm_leak_pattern_to_string (p), tally.named[k][p]);
      g_printerr ("  %-20s%s\n", pm_gen_leak_kind_to_string (k), line->str);
    }
  for (guint k = 0; k < PM_GEN_LEAK_N_KINDS; k++)
    if (tally.per_kind_missed[k] || tally.per_kind_false[k])
      g_printerr ("  %-20s missed %u, false leaks %u\n", pm_gen_leak_kind_to_string (k),
                  tally.per_kind_missed[k], tally.per_kind_false[k]);

  /* The rates of the leaks found that were planted at one steady rate. */
  if (tally.ratios->len > 0)
    {
      guint n = tally.ratios->len, near = 0, within2 = 0;
      double median;

      g_array_sort (tally.ratios, compare_doubles);
      median = g_array_index (tally.ratios, double, n / 2);
      for (guint i = 0; i < n; i++)
        {
          double r = g_array_index (tally.ratios, double, i);

          near += r >= 0.8 && r <= 1.25;
          g_assert_true (isfinite (r));
          within2 += r >= 0.5 && r <= 2;
        }
      g_printerr ("  rates of the %u leaks found that were planted at one steady rate: "
                  "reported / planted median %.3f, within 0.8-1.25 x %u (%.1f %%), within 2 x %u, "
                  "the planted rate inside the reported interval %u (%.1f %%)\n%s",
                  n, median, near, 100.0 * near / n, within2, tally.covered,
                  100.0 * tally.covered / n, tally.rates->str);
      g_assert_cmpfloat ((double) near / n, >=, 0.95);
    }

  /* The goal is every leak found and ranked, and no false leak;
   * PM_LEAK_EVAL_STRICT=1 asserts it. Not reached yet (docs/leaks.md lists
   * the misses): by default the test guards what is reached against
   * regressions. */
  if (g_getenv ("PM_LEAK_EVAL_STRICT") != NULL)
    {
      g_assert_cmpuint (tally.found, ==, tally.leaks);
      g_assert_cmpuint (tally.top5, ==, tally.leaks);
      g_assert_cmpuint (tally.false_leaks, ==, 0);
    }
  g_assert_cmpfloat ((double) tally.found / tally.leaks, >=, 0.93);
  g_assert_cmpfloat ((double) tally.top5 / tally.leaks, >=, 0.99);
  g_assert_cmpfloat ((double) tally.false_leaks / tally.negatives, <=, 0.001);
  /* Rates: on 8 and 24 seeds every one within 0.8-1.25 x but one, the
   * planted rate inside the 95 % interval for 93 %. */
  g_assert_cmpuint (tally.ratios->len, >, 0);
  g_assert_cmpfloat ((double) tally.covered / tally.ratios->len, >=, 0.85);
  g_string_free (tally.misses, TRUE);
  g_string_free (tally.rates, TRUE);
  g_array_unref (tally.ratios);
}

/* A leak under a workload whose second boot climbed at the workload's own
 * pace: pm-generate's two days at 2 min, 200 tags, seed 102001 (found
 * with seeds 65 to 128). Its leak-in-workload tag T04N leaks 2.83 an hour;
 * in the first boot its peers leave that (2.825 ± 1 %); in the second the
 * growth beyond them was of another pace (the peers explain a climb only,
 * while the tag slows down), so that boot keeps its own climb, workload
 * and all, at 9.45 an hour, and says neither yes nor no. Its slope once
 * set the rate (their mean, 6.14) and made the rates differ, and the tag
 * was a suspect; the clear first boot alone gives both. */
static void
test_paces_differ (void)
{
  static const Size size = { 200, 1440, 120 };
  g_autoptr(PmGenModel) model = pm_gen_model_new_leaks (size.n_tags, size.n_snapshots, size.interval, 102001);
  PmGenLeaks *leaks = pm_gen_model_get_leaks (model);
  g_autoptr(PmDataset) dataset = build_dataset (model, size.n_snapshots, size.interval);
  g_autoptr(PmLeakResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const PmLeakTag *t;
  guint tag, gen;
  double planted;

  for (gen = 0; gen < pm_gen_model_get_n_tags (model); gen++)
    if (strcmp (pm_gen_leaks_get_tag (leaks, gen), "T04N") == 0)
      break;
  g_assert_cmpuint (gen, <, pm_gen_model_get_n_tags (model));
  g_assert_cmpint (pm_gen_leaks_get_kind (leaks, gen), ==, PM_GEN_LEAK_IN_WORKLOAD);
  planted = pm_gen_leaks_get_rate (leaks, gen);

  result = pm_leak_analyse (dataset, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pm_dataset_lookup_tag (dataset, "T04N", &tag));
  t = pm_leak_result_get_tag (result, tag);
  g_test_message ("T04N: %s, %.3f allocs/h (planted %.3f); %s",
                  pm_leak_verdict_to_string (t->verdict), t->allocs_per_hour, planted, t->reason);
  g_assert_cmpint (t->verdict, ==, PM_LEAK_VERDICT_LEAK);
  g_assert_cmpfloat (t->allocs_per_hour, >=, 0.8 * planted);
  g_assert_cmpfloat (t->allocs_per_hour, <=, 1.25 * planted);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/leak-eval/sweep", test_sweep);
  g_test_add_func ("/poolstats/leak-eval/paces-differ", test_paces_differ);

  return g_test_run ();
}
