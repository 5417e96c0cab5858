/* fuzz-leaks.c: libFuzzer target for the leak finder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes are a small dataset, given to pm_leak_analyse() as a loader
 * would give it: clocks that stand still, jump a month or run backwards,
 * reboots (told when eight tags or more start again), tags that come and
 * go, counts and byte sizes from zero to the largest a file can hold. The
 * first two bytes pick the tags and the options (one metric or both, a
 * range, one thread or two). Besides never crashing or hanging, the
 * answer must keep what pm-leak.h promises of it: a verdict per tag with
 * a score in its band, boots within the range, intervals around their
 * rates, peers that are tags, a reason in words, and a ranking that holds
 * every tag once, by falling score.
 */
#include <math.h>
#include <string.h>

#include "poolstats.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* At most this many snapshots: the finder's work grows with them, and
 * what it does with more is what it does with these (blocks). */
#define MAX_SNAPSHOTS 3000

/* Up to ten tags: a reboot needs eight to be told. */
#define MAX_TAGS 10

typedef struct
{
  const guint8 *p, *end;
} Input;

static guint
next_byte (Input *in)
{
  return in->p < in->end ? *in->p++ : 0;
}

static guint32
next_u32 (Input *in)
{
  guint32 v = 0;

  for (guint i = 0; i < 4; i++)
    v = v << 8 | next_byte (in);
  return v;
}

/* A count a tag moves to: the op's low bits say how. */
static guint32
next_count (Input   *in,
            guint    op,
            guint32  now)
{
  switch (op & 7)
    {
    case 0: return now;
    case 1: return now + 1 + (op >> 3);
    case 2: return now - MIN (now, 1 + (op >> 3));
    case 3: return now + (guint32) next_byte (in) * 97;
    case 4: return 0;
    case 5: return G_MAXUINT32 - (op >> 3);
    case 6: return next_u32 (in);
    default: return now + (guint32) (next_byte (in) << 12);
    }
}

/* A byte size for COUNT allocations: ordinary, none, or the extremes. */
static gint64
next_bytes (Input   *in,
            guint    op,
            guint32  count)
{
  switch (op >> 6)
    {
    case 0: return (gint64) count * 64;
    case 1: return (gint64) count * (1 + next_byte (in) * 509);
    case 2: return op & 1 ? G_MAXINT64 : 0;
    default: return (gint64) next_u32 (in) << 31;
    }
}

/* Seconds to the next snapshot: standing still, backwards, a month on. */
static gint64
next_step (guint op)
{
  static const gint64 steps[] = { 60, 60, 300, 0, 1, -3600, 86400 * 31, 10 };

  return steps[op & 7];
}

static void
check_result (PmLeakResult *result,
              PmDataset    *dataset)
{
  guint n_tags = pm_dataset_get_n_tags (dataset), n_rank = 0;
  guint n_boots = pm_leak_result_get_n_boots (result);
  guint first = pm_leak_result_get_first (result), n = pm_leak_result_get_n_snapshots (result);
  const guint *rank = pm_leak_result_get_ranking (result, &n_rank);
  g_autofree guint8 *seen = g_new0 (guint8, n_tags);
  double last_score = INFINITY;

  g_assert (pm_leak_result_get_n_tags (result) == n_tags);
  g_assert (first + n <= pm_dataset_get_n_snapshots (dataset));
  g_assert (n_rank == n_tags);
  for (guint i = 0; i < n_tags; i++)
    {
      const PmLeakTag *t = pm_leak_result_get_tag (result, i);
      const PmLeakSegment *seg;
      guint n_seg = 0;

      g_assert (t->tag == i);
      g_assert (t->verdict <= PM_LEAK_VERDICT_LEAK);
      g_assert (t->pattern < PM_LEAK_N_PATTERNS);
      g_assert (t->score >= 0 && t->score <= 100);
      if (t->verdict == PM_LEAK_VERDICT_LEAK)
        g_assert (t->score >= 66);
      else if (t->verdict == PM_LEAK_VERDICT_SUSPECT)
        g_assert (t->score >= 33 && t->score <= 66);
      else
        g_assert (t->score <= 33);
      g_assert (t->boots_growing <= t->boots_total && t->boots_total <= n_boots);
      g_assert (t->growth_start_snapshot == G_MAXUINT
                || (t->growth_start_snapshot >= first && t->growth_start_snapshot < first + n));
      if (!isnan (t->allocs_per_hour))
        g_assert (!(t->allocs_per_hour_low > t->allocs_per_hour)
                  && !(t->allocs_per_hour_high < t->allocs_per_hour));
      if (!isnan (t->bytes_per_hour))
        g_assert (!(t->bytes_per_hour_low > t->bytes_per_hour)
                  && !(t->bytes_per_hour_high < t->bytes_per_hour));
      g_assert (t->n_peers <= G_N_ELEMENTS (t->peers));
      for (guint j = 0; j < t->n_peers; j++)
        g_assert (t->peers[j] < n_tags && t->peers[j] != i);
      g_assert (t->reason != NULL && t->reason[0] != '\0'
                && g_utf8_validate (t->reason, -1, NULL));
      seg = pm_leak_result_get_segments (result, i, &n_seg);
      for (guint k = 0; k < n_seg; k++)
        g_assert (seg[k].boot < n_boots && seg[k].first_snapshot <= seg[k].last_snapshot
                  && seg[k].first_snapshot >= first && seg[k].last_snapshot < first + n
                  && seg[k].pattern < PM_LEAK_N_PATTERNS);
    }
  for (guint r = 0; r < n_rank; r++)
    {
      const PmLeakTag *t;

      g_assert (rank[r] < n_tags && !seen[rank[r]]);
      seen[rank[r]] = 1;
      t = pm_leak_result_get_tag (result, rank[r]);
      g_assert (t->score <= last_score);
      last_score = t->score;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  Input in = { data, data + size };
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmDataset) dataset = NULL;
  g_autoptr(PmLeakResult) result = NULL;
  guint n_tags = 1 + next_byte (&in) % MAX_TAGS, how = next_byte (&in);
  guint32 counts[MAX_TAGS] = { 0 }, allocs[MAX_TAGS] = { 0 };
  gint64 utc = 1626163200;
  PmLeakOptions options;
  guint n = 0, n_snapshots;

  while (in.p < in.end && n < MAX_SNAPSHOTS)
    {
      guint op = next_byte (&in), snap;

      utc += next_step (op);
      snap = pm_dataset_builder_add_snapshot (builder, utc, utc - 7 * 3600);
      n++;
      /* A reboot: every counter starts again. */
      if ((op & 0xf8) == 0xf8)
        memset (allocs, 0, sizeof allocs);
      for (guint i = 0; i < n_tags; i++)
        {
          guint tag_op = next_byte (&in);
          char name[5] = { 'T', 'a', 'g', (char) ('0' + i), '\0' };
          PmRowValues v = { 0 };

          if (tag_op == 0xff)
            continue;
          counts[i] = next_count (&in, tag_op, counts[i]);
          allocs[i] += 1 + (tag_op & 0x3f);
          v.non_paged_diff = counts[i];
          v.non_paged_used = next_bytes (&in, tag_op, counts[i]);
          v.allocs = allocs[i];
          v.have = PM_ROW_HAVE_NON_PAGED_DIFF | PM_ROW_HAVE_NON_PAGED_USED | PM_ROW_HAVE_ALLOCS;
          pm_dataset_builder_add_row (builder, snap, name, &v);
        }
    }
  dataset = pm_dataset_builder_end (g_steal_pointer (&builder));
  n_snapshots = pm_dataset_get_n_snapshots (dataset);

  pm_leak_options_init (&options);
  options.n_threads = 1 + (how & 1);
  if (how & 2)
    {
      options.both = FALSE;
      options.metric = how & 4 ? PM_METRIC_TOTAL_USED_BYTES : PM_METRIC_TOTAL_DIFF;
    }
  if (how & 8)
    {
      options.first = n_snapshots > 0 ? (how >> 4) % n_snapshots : 0;
      options.n_snapshots = (how >> 4) * 37;
    }
  result = pm_leak_analyse (dataset, &options, NULL, NULL);
  if (result != NULL)
    check_result (result, dataset);
  return 0;
}
