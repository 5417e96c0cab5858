/* pm-rank.c: the old analyzer's four rankings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-rank.h"

#include <math.h>
#include <string.h>

#include "pm-tag-pattern.h"
#include "pm-dataset-private.h"
#include "pm-tag-table-private.h"

struct _PmRankResult
{
  gatomicrefcount  ref_count;
  PmTagTable      *table;
  GArray          *rankings[PM_N_RANKINGS];
  GArray          *selection;
  GStrv            unmatched;
  guint            n[PM_N_RANKINGS];
};

G_DEFINE_BOXED_TYPE (PmRankResult, pm_rank_result, pm_rank_result_ref, pm_rank_result_unref)

static const char * const ranking_names[PM_N_RANKINGS] = {
  [PM_RANKING_HIGHEST_PEAK]         = "highest_peak",
  [PM_RANKING_HIGHEST_AVERAGE]      = "highest_average",
  [PM_RANKING_BIGGEST_INCREASE_PCT] = "biggest_increase_pct",
  [PM_RANKING_BIGGEST_INCREASE_ABS] = "biggest_increase_abs",
};

static const char * const ranking_titles[PM_N_RANKINGS] = {
  [PM_RANKING_HIGHEST_PEAK]         = "Highest peak",
  [PM_RANKING_HIGHEST_AVERAGE]      = "Highest average",
  [PM_RANKING_BIGGEST_INCREASE_PCT] = "Biggest % increase",
  [PM_RANKING_BIGGEST_INCREASE_ABS] = "Biggest absolute increase",
};

/**
 * pm_rank_options_init:
 *
 * Sets the old analyzer's defaults: the top 5 of each ranking, nothing
 * included or excluded.
 */
void
pm_rank_options_init (PmRankOptions *options)
{
  for (guint i = 0; i < PM_N_RANKINGS; i++)
    options->n[i] = PM_RANK_DEFAULT_N;
  options->include = NULL;
  options->exclude = NULL;
}

/**
 * pm_rank_find_tags:
 * @name: a tag name or a pattern
 * @with_total: whether a pattern may match TOTAL (the name "TOTAL" always
 *   names it)
 * @tags: (element-type guint): where the matches are appended
 *
 * Finds the tags @name names as #PmRankOptions describes: the one spelled
 * byte for byte, else every tag it matches as a pattern, in index order.
 *
 * Returns: %TRUE when at least one tag matched
 */
gboolean
pm_rank_find_tags (PmDataset  *dataset,
                   const char *name,
                   gboolean    with_total,
                   GArray     *tags)
{
  guint n_tags = pm_dataset_get_n_tags (dataset);
  guint total = pm_dataset_get_total_tag (dataset);
  gsize len = strlen (name);
  gboolean found = FALSE;
  guint tag;

  if (pm_dataset_lookup_tag (dataset, name, &tag))
    {
      g_array_append_val (tags, tag);
      return TRUE;
    }

  for (tag = 0; tag < n_tags; tag++)
    {
      const char *tag_name = pm_dataset_get_tag_name (dataset, tag);

      if (tag == total && !with_total)
        continue;
      if (pm_tag_pattern_match (name, len, tag_name, strlen (tag_name)))
        {
          g_array_append_val (tags, tag);
          found = TRUE;
        }
    }

  return found;
}

static int
compare_names (PmDataset *dataset,
               guint      a,
               guint      b)
{
  return strcmp (pm_dataset_get_tag_name (dataset, a),
                 pm_dataset_get_tag_name (dataset, b));
}

typedef struct
{
  PmTagTable *table;
  PmRanking   ranking;
} SortContext;

/* Descending by the ranking's value, ties by name ascending. */
static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortContext *ctx = user_data;
  const PmTagStats *sa = &ctx->table->stats[*(const guint *) a];
  const PmTagStats *sb = &ctx->table->stats[*(const guint *) b];
  int c = 0;

  switch (ctx->ranking)
    {
    case PM_RANKING_HIGHEST_PEAK:
      c = (sa->peak < sb->peak) - (sa->peak > sb->peak);
      break;
    case PM_RANKING_HIGHEST_AVERAGE:
      c = (sa->mean < sb->mean) - (sa->mean > sb->mean);
      break;
    case PM_RANKING_BIGGEST_INCREASE_PCT:
      c = (sa->increase_pct < sb->increase_pct) - (sa->increase_pct > sb->increase_pct);
      break;
    case PM_RANKING_BIGGEST_INCREASE_ABS:
      c = (sa->increase_abs < sb->increase_abs) - (sa->increase_abs > sb->increase_abs);
      break;
    case PM_N_RANKINGS:
    default:
      g_assert_not_reached ();
    }

  if (c != 0)
    return c;

  return compare_names (ctx->table->dataset, sa->tag, sb->tag);
}

static int
compare_tag_names (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return compare_names (user_data, *(const guint *) a, *(const guint *) b);
}

/* Keeps the @n best of @candidates, in order. A full sort of a few
 * thousand tags takes well under a millisecond, so no partial selection. */
static GArray *
rank_one (PmTagTable  *table,
          PmRanking    ranking,
          const guint *candidates,
          guint        n_candidates,
          guint        n)
{
  SortContext ctx = { table, ranking };
  GArray *ranked = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_candidates);

  for (guint i = 0; i < n_candidates; i++)
    {
      const PmTagStats *st = &table->stats[candidates[i]];

      /* A tag never present in the range has no figures; one with no
       * non-zero value has no increase. Neither is ranked as if it were 0. */
      if (st->n_present == 0)
        continue;
      if ((ranking == PM_RANKING_BIGGEST_INCREASE_PCT ||
           ranking == PM_RANKING_BIGGEST_INCREASE_ABS) &&
          (st->n_nonzero == 0 || isnan (st->increase_pct)))
        continue;
      g_array_append_val (ranked, candidates[i]);
    }

  g_qsort_with_data (ranked->data, ranked->len, sizeof (guint), compare_ranked, &ctx);
  if (ranked->len > n)
    g_array_set_size (ranked, n);

  return ranked;
}

static void
append_unique (GArray   *array,
               guint8   *seen,
               guint     tag)
{
  if (seen[tag])
    return;
  seen[tag] = TRUE;
  g_array_append_val (array, tag);
}

/**
 * pm_rank:
 * @table: the figures to rank
 * @options: (nullable): top N, include and exclude lists; %NULL for the
 *   defaults
 *
 * Ranks the tags of @table four ways (docs/design.md, The analyses): descending by peak,
 * mean, % increase and absolute increase, ties broken by tag name (byte
 * order). TOTAL, excluded tags and tags absent from the whole range are
 * never ranked; the increase rankings leave out tags with no non-zero
 * value. The selection is TOTAL, then the included tags in the order given
 * (a pattern's matches in name order), then the four rankings in the order
 * above, each tag once. An included tag stays in the selection even when it
 * is also excluded.
 *
 * Returns: (transfer full): the rankings
 */
PmRankResult *
pm_rank (PmTagTable          *table,
         const PmRankOptions *options)
{
  PmRankOptions defaults;
  PmRankResult *self;
  PmDataset *dataset;
  guint total;
  g_autofree guint8 *excluded = NULL;
  g_autofree guint8 *seen = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GPtrArray) unmatched = NULL;

  g_return_val_if_fail (table != NULL, NULL);

  if (options == NULL)
    {
      pm_rank_options_init (&defaults);
      options = &defaults;
    }

  dataset = table->dataset;
  total = pm_dataset_get_total_tag (dataset);
  excluded = g_new0 (guint8, table->n_tags + 1);
  seen = g_new0 (guint8, table->n_tags + 1);
  matches = g_array_new (FALSE, FALSE, sizeof (guint));
  unmatched = g_ptr_array_new_null_terminated (1, g_free, TRUE);

  self = g_new0 (PmRankResult, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->table = pm_tag_table_ref (table);
  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));
  memcpy (self->n, options->n, sizeof self->n);

  for (guint i = 0; options->exclude != NULL && options->exclude[i] != NULL; i++)
    {
      g_array_set_size (matches, 0);
      if (!pm_rank_find_tags (dataset, options->exclude[i], FALSE, matches))
        g_ptr_array_add (unmatched, g_strdup (options->exclude[i]));
      for (guint j = 0; j < matches->len; j++)
        excluded[g_array_index (matches, guint, j)] = TRUE;
    }

  candidates = g_array_sized_new (FALSE, FALSE, sizeof (guint), table->n_tags);
  for (guint tag = 0; tag < table->n_tags; tag++)
    if (tag != total && !excluded[tag])
      g_array_append_val (candidates, tag);

  for (guint r = 0; r < PM_N_RANKINGS; r++)
    self->rankings[r] = rank_one (table, r, (const guint *) candidates->data,
                                  candidates->len, options->n[r]);

  append_unique (self->selection, seen, total);

  for (guint i = 0; options->include != NULL && options->include[i] != NULL; i++)
    {
      g_array_set_size (matches, 0);
      if (!pm_rank_find_tags (dataset, options->include[i], FALSE, matches))
        g_ptr_array_add (unmatched, g_strdup (options->include[i]));
      g_qsort_with_data (matches->data, matches->len, sizeof (guint),
                         compare_tag_names, dataset);
      for (guint j = 0; j < matches->len; j++)
        append_unique (self->selection, seen, g_array_index (matches, guint, j));
    }

  for (guint r = 0; r < PM_N_RANKINGS; r++)
    for (guint i = 0; i < self->rankings[r]->len; i++)
      append_unique (self->selection, seen, g_array_index (self->rankings[r], guint, i));

  self->unmatched = (GStrv) g_ptr_array_free (g_steal_pointer (&unmatched), FALSE);

  return self;
}

PmRankResult *
pm_rank_result_ref (PmRankResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pm_rank_result_unref (PmRankResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      for (guint r = 0; r < PM_N_RANKINGS; r++)
        g_clear_pointer (&self->rankings[r], g_array_unref);
      g_clear_pointer (&self->selection, g_array_unref);
      g_clear_pointer (&self->table, pm_tag_table_unref);
      g_strfreev (self->unmatched);
      g_free (self);
    }
}

/**
 * pm_rank_result_get_table:
 *
 * Returns: (transfer none): the table that was ranked
 */
PmTagTable *
pm_rank_result_get_table (PmRankResult *self)
{
  return self->table;
}

/**
 * pm_rank_result_get_ranking:
 * @ranking: which ranking
 * @n_tags: (out): the number of tags in it (at most its top N)
 *
 * Returns: (array length=n_tags) (transfer none): dataset tag indices, best
 *   first
 */
const guint *
pm_rank_result_get_ranking (PmRankResult *self,
                            PmRanking     ranking,
                            guint        *n_tags)
{
  g_return_val_if_fail (ranking < PM_N_RANKINGS, NULL);

  *n_tags = self->rankings[ranking]->len;
  return (const guint *) self->rankings[ranking]->data;
}

/**
 * pm_rank_result_get_selection:
 * @n_tags: (out): the number of tags selected
 *
 * Returns: (array length=n_tags) (transfer none): TOTAL, the included tags
 *   and the union of the rankings, in that order, each once
 */
const guint *
pm_rank_result_get_selection (PmRankResult *self,
                              guint        *n_tags)
{
  *n_tags = self->selection->len;
  return (const guint *) self->selection->data;
}

/**
 * pm_rank_result_get_unmatched:
 *
 * Returns: (transfer none): the include and exclude names that matched no
 *   tag, %NULL-terminated (empty when all matched)
 */
const char * const *
pm_rank_result_get_unmatched (PmRankResult *self)
{
  return (const char * const *) self->unmatched;
}

/* A Python str's repr(), which the old tool's lists printed: single quotes
 * unless the text holds a single quote and no double one. */
static void
append_python_repr (GString    *out,
                    const char *text)
{
  char quote = (strchr (text, '\'') != NULL && strchr (text, '"') == NULL) ? '"' : '\'';

  g_string_append_c (out, quote);
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (*p == '\\' || *p == (guchar) quote)
        g_string_append_printf (out, "\\%c", *p);
      else if (!_pm_append_control_escape (out, *p))
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, quote);
}

/**
 * pm_rank_result_to_legacy_text:
 *
 * The lines visualize.py printed before it plotted, one per ranking whose
 * N is not 0, in its order and format (f"tags with {description:25s}:
 * {taglist}", the list as Python prints a list of strings), e.g.
 * `tags with HIGHEST USAGE    (PEAK)  : ['Mm  ', 'Ntfx']`, so that scripts
 * that read them keep working. The absolute increase (which the old tool
 * ignored) comes after the % increase.
 *
 * Returns: (transfer full): the lines, each ending in a newline
 */
char *
pm_rank_result_to_legacy_text (PmRankResult *self)
{
  static const struct { PmRanking ranking; const char *description; } lines[] = {
    { PM_RANKING_BIGGEST_INCREASE_PCT, "BIGGEST INCREASE (%)" },
    { PM_RANKING_BIGGEST_INCREASE_ABS, "BIGGEST INCREASE (ABS)" },
    { PM_RANKING_HIGHEST_PEAK, "HIGHEST USAGE    (PEAK)" },
    { PM_RANKING_HIGHEST_AVERAGE, "HIGHEST USAGE    (MEAN)" },
  };
  GString *out = g_string_new (NULL);
  PmDataset *dataset = self->table->dataset;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      GArray *ranked = self->rankings[lines[i].ranking];

      if (self->n[lines[i].ranking] == 0)
        continue;

      g_string_append_printf (out, "tags with %-25s: [", lines[i].description);
      for (guint j = 0; j < ranked->len; j++)
        {
          if (j > 0)
            g_string_append (out, ", ");
          append_python_repr (out, pm_dataset_get_tag_name (dataset, g_array_index (ranked, guint, j)));
        }
      g_string_append (out, "]\n");
    }

  return g_string_free (out, FALSE);
}

/**
 * pm_ranking_to_string:
 *
 * Returns: a key for machine-readable output, e.g. "highest_peak"
 */
const char *
pm_ranking_to_string (PmRanking ranking)
{
  g_return_val_if_fail (ranking < PM_N_RANKINGS, NULL);

  return ranking_names[ranking];
}

/**
 * pm_ranking_get_title:
 *
 * Returns: a title for people, e.g. "Highest peak"
 */
const char *
pm_ranking_get_title (PmRanking ranking)
{
  g_return_val_if_fail (ranking < PM_N_RANKINGS, NULL);

  return ranking_titles[ranking];
}
