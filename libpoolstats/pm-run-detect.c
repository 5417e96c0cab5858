/* pm-run-detect.c: do the paths given form one series, or separate runs?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs after every file is read and before anything is merged. Each path
 * given (a folder, or a file) is one piece; pieces are taken in the order of
 * their first snapshot and each joins the first run it fits:
 *
 * - where its time range overlaps a piece of the run, every snapshot time
 *   in the overlap must be in both and hold the same counters (a file copied
 *   into two day folders); otherwise the ranges interleave, or the same
 *   times hold different counters (more than half of at least 8 common
 *   tags: fewer are duplicate rows, reported at the merge): separate runs;
 * - where it follows the run, the step from the run's last snapshot before
 *   it to its first must look like one machine: the allocation counters
 *   continue (at most 20 % of the common tags go down, a wrap or two) or
 *   start again (at least 80 % go down: a reboot between day folders), and
 *   the two snapshots share at least half their tags. Counters that do
 *   neither belong to another machine, or another boot that cannot be
 *   placed.
 *
 * docs/runs.md explains the rules and their limits.
 */
#include "pm-run-set-private.h"

#include <string.h>

/* Fewer tags in common than this say nothing about counters or tag sets. */
#define MIN_COMMON_TAGS 8
#define CONTINUE_MAX_DOWN 0.2
#define REBOOT_MIN_DOWN 0.8
#define MIN_TAG_OVERLAP 0.5
/* A piece is checked against at most this many runs. */
#define MAX_RUNS_CHECKED 32

typedef struct
{
  gint64 key;
  guint  part;
  guint  snapshot;
} Ref;

typedef struct
{
  guint   index;      /* the path's position in the order given */
  GArray *refs;       /* Ref, by key then input order; duplicates of a key kept */
  guint   run;
} Piece;

typedef struct
{
  PmDatasetBuilder   *builder;
  const char * const *paths;
  Piece              *pieces;
  guint               n_pieces;
  guint              *row_of_tag;   /* scratch: tag id -> row, G_MAXUINT when unset */
  GPtrArray          *members;      /* per run: GArray of piece indices */
} Detect;

/* Why a piece did not fit a run. */
typedef struct
{
  PmRunSeparation  separation;
  char            *reason;
} Why;

static void
why_clear (Why *why)
{
  g_free (why->reason);
}

static int
compare_refs (gconstpointer a,
              gconstpointer b)
{
  const Ref *ra = a, *rb = b;

  if (ra->key != rb->key)
    return ra->key < rb->key ? -1 : 1;
  if (ra->part != rb->part)
    return ra->part < rb->part ? -1 : 1;
  return (ra->snapshot > rb->snapshot) - (ra->snapshot < rb->snapshot);
}

static PmPart *
ref_part (Detect    *d,
          const Ref *ref)
{
  return g_ptr_array_index (d->builder->parts, ref->part);
}

static const PmPartSnapshot *
ref_snapshot (Detect    *d,
              const Ref *ref)
{
  return &g_array_index (ref_part (d, ref)->snapshots, PmPartSnapshot, ref->snapshot);
}

static gint64
piece_first (const Piece *piece)
{
  return g_array_index (piece->refs, Ref, 0).key;
}

static gint64
piece_last (const Piece *piece)
{
  return g_array_index (piece->refs, Ref, piece->refs->len - 1).key;
}

/* Every part's snapshots into its path's piece, in one pass. */
static void
fill_pieces (Detect      *d,
             const guint *part_path)
{
  for (guint p = 0; p < d->builder->parts->len; p++)
    {
      PmPart *part = g_ptr_array_index (d->builder->parts, p);

      if (part == NULL || part_path[p] >= d->n_pieces)
        continue;
      for (guint s = 0; s < part->snapshots->len; s++)
        {
          const PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, s);
          Ref ref = { snap->has_utc ? snap->utc : snap->local, p, s };

          if (snap->n_rows > 0)
            g_array_append_val (d->pieces[part_path[p]].refs, ref);
        }
    }
  for (guint i = 0; i < d->n_pieces; i++)
    g_array_sort (d->pieces[i].refs, compare_refs);
}

/* Whether two rows of one tag hold the same counters, over the columns both
 * files have. */
static gboolean
rows_equal (PmPart *a,
            guint   ra,
            PmPart *b,
            guint   rb)
{
  if (a->paged_diff && b->paged_diff && a->paged_diff[ra] != b->paged_diff[rb])
    return FALSE;
  if (a->non_paged_diff && b->non_paged_diff && a->non_paged_diff[ra] != b->non_paged_diff[rb])
    return FALSE;
  if (a->paged_used && b->paged_used && a->paged_used[ra] != b->paged_used[rb])
    return FALSE;
  if (a->non_paged_used && b->non_paged_used && a->non_paged_used[ra] != b->non_paged_used[rb])
    return FALSE;
  if (a->total_used && b->total_used && a->total_used[ra] != b->total_used[rb])
    return FALSE;
  if (a->allocs && b->allocs && a->allocs[ra] != b->allocs[rb])
    return FALSE;
  return TRUE;
}

typedef struct
{
  guint   n_a;          /* tags in the first snapshot */
  guint   n_b;          /* in the second */
  guint   common;       /* in both */
  guint   differ;       /* in both, with different counters */
  guint   counted;      /* in both, with an allocation counter in both */
  guint   down;         /* of those, counter smaller in the second */
  guint32 first_differ; /* a tag id that differs */
} RowMatch;

/* Lays snapshot @b's rows out by tag, then walks snapshot @a's. */
static void
match_rows (Detect    *d,
            const Ref *a,
            const Ref *b,
            RowMatch  *m)
{
  PmPart *pa = ref_part (d, a), *pb = ref_part (d, b);
  const PmPartSnapshot *sa = ref_snapshot (d, a), *sb = ref_snapshot (d, b);

  memset (m, 0, sizeof *m);
  for (guint r = sb->first_row; r < sb->first_row + sb->n_rows; r++)
    if (d->row_of_tag[pb->tags[r]] == G_MAXUINT)
      {
        d->row_of_tag[pb->tags[r]] = r;
        m->n_b++;
      }

  for (guint r = sa->first_row; r < sa->first_row + sa->n_rows; r++)
    {
      guint32 tag = pa->tags[r];
      guint rb = d->row_of_tag[tag];

      m->n_a++;
      if (rb == G_MAXUINT)
        continue;
      m->common++;
      if (!rows_equal (pa, r, pb, rb) && m->differ++ == 0)
        m->first_differ = tag;
      if (pa->allocs && pb->allocs && pa->allocs[r] != 0)
        {
          m->counted++;
          m->down += pb->allocs[rb] < pa->allocs[r];
        }
    }

  for (guint r = sb->first_row; r < sb->first_row + sb->n_rows; r++)
    d->row_of_tag[pb->tags[r]] = G_MAXUINT;
}

/* Two machines sampled at the same second differ in nearly every tag. A
 * row or two that differ between copies of one snapshot are the reader's
 * duplicates (the row read first is kept, the other reported), as within
 * a folder. */
static gboolean
is_conflict (const RowMatch *m)
{
  return m->common >= MIN_COMMON_TAGS && m->differ * 2 > m->common;
}

static char *
format_key (gint64 key)
{
  return pm_format_timestamp (key);
}

/* Where two pieces' time ranges overlap, every time must be in both with
 * the same counters. Returns the separation, and a reason, or NONE. */
static PmRunSeparation
check_overlap (Detect       *d,
               const Piece  *p,
               const Piece  *q,
               char        **reason)
{
  gint64 lo = MAX (piece_first (p), piece_first (q));
  gint64 hi = MIN (piece_last (p), piece_last (q));
  guint i = 0, j = 0, only_p = 0, only_q = 0, differ = 0, shared = 0;
  const Ref *first_conflict = NULL;
  RowMatch first_match = { 0 };

  if (lo > hi)
    return PM_RUN_SEPARATION_NONE;

  while (i < p->refs->len || j < q->refs->len)
    {
      const Ref *a = i < p->refs->len ? &g_array_index (p->refs, Ref, i) : NULL;
      const Ref *b = j < q->refs->len ? &g_array_index (q->refs, Ref, j) : NULL;
      gint64 ka = a ? a->key : G_MAXINT64, kb = b ? b->key : G_MAXINT64;
      gint64 key = MIN (ka, kb);

      if (key > hi)
        break;
      if (ka == kb)
        {
          RowMatch m;

          if (key >= lo)
            {
              shared++;
              match_rows (d, a, b, &m);
              if (is_conflict (&m) && differ++ == 0)
                {
                  first_conflict = a;
                  first_match = m;
                }
            }
        }
      else if (key >= lo)
        {
          if (ka < kb)
            only_p++;
          else
            only_q++;
        }
      /* Skip every ref of this key on both sides (a key given twice in
       * one piece is the reader's duplicate, reported at the merge). */
      while (i < p->refs->len && g_array_index (p->refs, Ref, i).key == key)
        i++;
      while (j < q->refs->len && g_array_index (q->refs, Ref, j).key == key)
        j++;
    }

  if (only_p + only_q > 0)
    {
      g_autofree char *p0 = format_key (piece_first (p)), *p1 = format_key (piece_last (p));
      g_autofree char *q0 = format_key (piece_first (q)), *q1 = format_key (piece_last (q));

      *reason = g_strdup_printf ("the time ranges of %s (%s to %s) and %s (%s to %s) interleave: "
                                 "%u snapshot time%s of one fall%s between those of the other",
                                 d->paths[p->index], p0, p1, d->paths[q->index], q0, q1,
                                 only_p + only_q, only_p + only_q == 1 ? "" : "s",
                                 only_p + only_q == 1 ? "s" : "");
      return PM_RUN_SEPARATION_INTERLEAVED;
    }

  if (differ > 0)
    {
      g_autofree char *when = format_key (first_conflict->key);

      *reason = g_strdup_printf ("%s and %s hold the same snapshot time%s (%u, from %s) with "
                                 "different counters (at %s %u of %u common tags differ, "
                                 "first \"%s\")",
                                 d->paths[p->index], d->paths[q->index], shared == 1 ? "" : "s",
                                 shared, when, when, first_match.differ, first_match.common,
                                 (const char *) g_ptr_array_index (d->builder->tag_names,
                                                                   first_match.first_differ));
      return PM_RUN_SEPARATION_CONFLICT;
    }

  return PM_RUN_SEPARATION_NONE;
}

/* The run's last snapshot before @key: the latest over its pieces. */
static const Ref *
run_last_before (Detect *d,
                 guint   run,
                 gint64  key,
                 guint  *piece)
{
  const Ref *best = NULL;
  GArray *members = g_ptr_array_index (d->members, run);

  for (guint m = 0; m < members->len; m++)
    {
      guint i = g_array_index (members, guint, m);
      const Piece *p = &d->pieces[i];
      guint lo = 0, hi;

      if (p->refs->len == 0)
        continue;
      /* The first ref of the largest key below @key. */
      hi = p->refs->len;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (g_array_index (p->refs, Ref, mid).key < key)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo == 0)
        continue;
      lo--;
      while (lo > 0 && g_array_index (p->refs, Ref, lo - 1).key == g_array_index (p->refs, Ref, lo).key)
        lo--;
      if (best == NULL || g_array_index (p->refs, Ref, lo).key > best->key)
        {
          best = &g_array_index (p->refs, Ref, lo);
          *piece = i;
        }
    }

  return best;
}

/* The join between a run and a piece that starts after it. */
static PmRunSeparation
check_join (Detect       *d,
            guint         run,
            const Piece  *q,
            char        **reason)
{
  guint pi = 0;
  const Ref *a = run_last_before (d, run, piece_first (q), &pi);
  const Ref *b = &g_array_index (q->refs, Ref, 0);
  g_autofree char *ta = NULL, *tb = NULL;
  RowMatch m;
  guint n_union;

  if (a == NULL)
    return PM_RUN_SEPARATION_NONE;

  match_rows (d, a, b, &m);
  ta = format_key (a->key);
  tb = format_key (b->key);

  if (m.counted >= MIN_COMMON_TAGS &&
      m.down > CONTINUE_MAX_DOWN * m.counted && m.down < REBOOT_MIN_DOWN * m.counted)
    {
      *reason = g_strdup_printf ("the allocation counters from the last snapshot of %s (%s) to "
                                 "the first of %s (%s) neither continue nor start again as "
                                 "after a reboot: %u of %u common tags go down",
                                 d->paths[d->pieces[pi].index], ta, d->paths[q->index], tb,
                                 m.down, m.counted);
      return PM_RUN_SEPARATION_COUNTERS;
    }

  n_union = m.n_a + m.n_b - m.common;
  if (m.n_a >= MIN_COMMON_TAGS && m.n_b >= MIN_COMMON_TAGS &&
      m.common < MIN_TAG_OVERLAP * n_union)
    {
      *reason = g_strdup_printf ("the last snapshot of %s (%s) and the first of %s (%s) have "
                                 "only %u of %u tags in common",
                                 d->paths[d->pieces[pi].index], ta, d->paths[q->index], tb,
                                 m.common, n_union);
      return PM_RUN_SEPARATION_TAGS;
    }

  return PM_RUN_SEPARATION_NONE;
}

/* Whether @q fits run @run; if not, why. */
static PmRunSeparation
check_run (Detect       *d,
           guint         run,
           const Piece  *q,
           char        **reason)
{
  PmRunSeparation separation;
  GArray *members = g_ptr_array_index (d->members, run);

  for (guint m = 0; m < members->len; m++)
    {
      const Piece *p = &d->pieces[g_array_index (members, guint, m)];

      if ((separation = check_overlap (d, p, q, reason)) != PM_RUN_SEPARATION_NONE)
        return separation;
    }

  return check_join (d, run, q, reason);
}

static int
compare_pieces_by_time (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const Piece *pieces = user_data;
  const Piece *pa = &pieces[*(const guint *) a], *pb = &pieces[*(const guint *) b];
  gint64 ka = piece_first (pa), kb = piece_first (pb);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return (pa->index > pb->index) - (pa->index < pb->index);
}

/**
 * _pm_run_grouping_new:
 * @builder: the parts read, not merged yet
 * @part_path: per part, the index of the path it came from, or %G_MAXUINT
 *   for a part of no path (it goes with the first run)
 * @paths: the paths, in the order given
 *
 * Groups the paths into runs. Run 0 holds the first path given that has
 * snapshots; runs are numbered in the order of their first path. Paths with
 * no snapshots go with run 0, so their problems are reported there.
 */
PmRunGrouping *
_pm_run_grouping_new (PmDatasetBuilder   *builder,
                      const guint        *part_path,
                      const char * const *paths,
                      guint               n_paths)
{
  Detect d = { builder, paths, g_new0 (Piece, MAX (n_paths, 1)), n_paths, NULL, NULL };
  PmRunGrouping *grouping = g_new0 (PmRunGrouping, 1);
  g_autofree guint *order = g_new (guint, MAX (n_paths, 1));
  g_autofree guint *renumber = NULL;
  /* Per created run: why its first piece fitted none of the runs before. */
  g_autoptr(GPtrArray) whys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint n_with_data = 0, n_created = 0;

  d.row_of_tag = g_new (guint, MAX (builder->tag_names->len, 1));
  memset (d.row_of_tag, 0xff, sizeof (guint) * MAX (builder->tag_names->len, 1));
  d.members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < n_paths; i++)
    {
      d.pieces[i].index = i;
      d.pieces[i].refs = g_array_new (FALSE, FALSE, sizeof (Ref));
      d.pieces[i].run = G_MAXUINT;
    }
  fill_pieces (&d, part_path);
  for (guint i = 0; i < n_paths; i++)
    if (d.pieces[i].refs->len > 0)
      order[n_with_data++] = i;
  g_qsort_with_data (order, n_with_data, sizeof (guint), compare_pieces_by_time, d.pieces);

  /* Each piece, in time order, joins the first run it fits. Input where
   * every piece is a run of its own would make this quadratic in runs:
   * past MAX_RUNS_CHECKED runs, a piece is only checked against the first
   * ones (and becomes a run of its own if it fits none). */
  for (guint k = 0; k < n_with_data; k++)
    {
      Piece *q = &d.pieces[order[k]];
      GArray *tried = g_array_new (FALSE, TRUE, sizeof (Why));

      g_array_set_clear_func (tried, (GDestroyNotify) why_clear);
      for (guint r = 0; r < MIN (n_created, MAX_RUNS_CHECKED) && q->run == G_MAXUINT; r++)
        {
          Why why = { PM_RUN_SEPARATION_NONE, NULL };

          why.separation = check_run (&d, r, q, &why.reason);
          if (why.separation == PM_RUN_SEPARATION_NONE)
            q->run = r;
          else
            g_array_append_val (tried, why);
        }
      if (q->run == G_MAXUINT)
        {
          q->run = n_created++;
          g_ptr_array_add (d.members, g_array_new (FALSE, FALSE, sizeof (guint)));
          g_ptr_array_add (whys, g_steal_pointer (&tried));
        }
      else
        g_array_unref (tried);
      g_array_append_val (g_ptr_array_index (d.members, q->run), order[k]);
    }

  /* Number the runs in the order of their first path given. */
  renumber = g_new (guint, MAX (n_created, 1));
  {
    guint next = 0;

    for (guint i = 0; i < n_created; i++)
      renumber[i] = G_MAXUINT;
    for (guint i = 0; i < n_paths; i++)
      if (d.pieces[i].run != G_MAXUINT && renumber[d.pieces[i].run] == G_MAXUINT)
        renumber[d.pieces[i].run] = next++;
  }

  grouping->n_runs = MAX (n_created, 1);
  grouping->run_paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  grouping->separation = g_new0 (PmRunSeparation, grouping->n_runs);
  grouping->reasons = g_new0 (char *, grouping->n_runs + 1);
  grouping->name_paths = g_new0 (const char *, grouping->n_runs);
  for (guint r = 0; r < grouping->n_runs; r++)
    g_ptr_array_add (grouping->run_paths, g_ptr_array_new ());

  for (guint i = 0; i < n_paths; i++)
    {
      guint run = d.pieces[i].run == G_MAXUINT ? 0 : renumber[d.pieces[i].run];

      d.pieces[i].run = run;
      g_ptr_array_add (g_ptr_array_index (grouping->run_paths, run), (gpointer) paths[i]);
      if (grouping->name_paths[run] == NULL && d.pieces[i].refs->len > 0)
        grouping->name_paths[run] = paths[i];
    }

  /* Why each run is not part of run 0: recorded when the later-created of
   * the two was made (if it was checked against the other at all). */
  for (guint c = 0; c < n_created; c++)
    {
      guint run = renumber[c];
      guint c0 = 0;
      GArray *tried;
      guint other;

      if (run == 0)
        continue;
      while (renumber[c0] != 0)
        c0++;
      tried = g_ptr_array_index (whys, MAX (c, c0));
      other = MIN (c, c0);
      if (other < tried->len)
        {
          const Why *why = &g_array_index (tried, Why, other);

          grouping->reasons[run] = g_strdup (why->reason);
          grouping->separation[run] = why->separation;
        }
      else
        {
          grouping->reasons[run] = g_strdup ("too many separate runs to compare each with the first");
          grouping->separation[run] = PM_RUN_SEPARATION_GIVEN;
        }
    }
  grouping->part_run = g_new0 (guint, MAX (builder->parts->len, 1));
  for (guint p = 0; p < builder->parts->len; p++)
    grouping->part_run[p] = part_path[p] < n_paths ? d.pieces[part_path[p]].run : 0;

  for (guint i = 0; i < n_paths; i++)
    g_array_unref (d.pieces[i].refs);
  g_free (d.pieces);
  g_free (d.row_of_tag);
  g_ptr_array_unref (d.members);

  return grouping;
}

void
_pm_run_grouping_free (PmRunGrouping *grouping)
{
  if (grouping == NULL)
    return;

  g_free (grouping->part_run);
  g_ptr_array_unref (grouping->run_paths);
  g_free (grouping->separation);
  g_free (grouping->name_paths);
  /* Not g_strfreev(): run 0 has no reason, so the array starts with NULL. */
  for (guint r = 0; r < grouping->n_runs; r++)
    g_free (grouping->reasons[r]);
  g_free (grouping->reasons);
  g_free (grouping);
}
