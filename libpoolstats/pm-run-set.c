/* pm-run-set.c: several runs of snapshots, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of (name, paths, dataset, why separate) with the arithmetic that
 * lays the runs over each other: an origin per run (its first snapshot, or
 * 0 on the clock), so that x = time - origin.
 */
#include "pm-run-set.h"

#include "pm-tag-table.h"

typedef struct
{
  char            *name;
  char           **paths;
  PmDataset       *dataset;
  PmRunSeparation  separation;
  char            *reason;
} PmRun;

struct _PmRunSet
{
  GObject  parent_instance;

  GArray  *runs;     /* PmRun */
};

G_DEFINE_FINAL_TYPE (PmRunSet, pm_run_set, G_TYPE_OBJECT)

static void
run_clear (PmRun *run)
{
  g_free (run->name);
  g_strfreev (run->paths);
  g_clear_object (&run->dataset);
  g_free (run->reason);
}

static PmRun *
get_run (PmRunSet *self,
         guint     run)
{
  return &g_array_index (self->runs, PmRun, run);
}

static void
pm_run_set_finalize (GObject *object)
{
  PmRunSet *self = (PmRunSet *) object;

  g_array_unref (self->runs);

  G_OBJECT_CLASS (pm_run_set_parent_class)->finalize (object);
}

static void
pm_run_set_class_init (PmRunSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_run_set_finalize;
}

static void
pm_run_set_init (PmRunSet *self)
{
  self->runs = g_array_new (FALSE, TRUE, sizeof (PmRun));
  g_array_set_clear_func (self->runs, (GDestroyNotify) run_clear);
}

/**
 * pm_run_set_new:
 *
 * Returns: (transfer full): a set with no runs; pm_loader_load_runs() makes
 *   one from paths
 */
PmRunSet *
pm_run_set_new (void)
{
  return g_object_new (PM_TYPE_RUN_SET, NULL);
}

/**
 * pm_run_set_add:
 * @name: what the run is called in reports and legends (a folder's name)
 * @dataset: the run's snapshots
 * @paths: (nullable) (array zero-terminated=1): the folders and files it
 *   was read from
 *
 * Adds a run at the end. A set is not thread safe while runs are added;
 * once filled it is only read.
 *
 * Returns: the run's index
 */
guint
pm_run_set_add (PmRunSet           *self,
                const char         *name,
                PmDataset          *dataset,
                const char * const *paths)
{
  PmRun run = { 0 };

  g_return_val_if_fail (PM_IS_RUN_SET (self), G_MAXUINT);
  g_return_val_if_fail (name != NULL, G_MAXUINT);
  g_return_val_if_fail (PM_IS_DATASET (dataset), G_MAXUINT);

  run.name = g_strdup (name);
  run.paths = paths != NULL ? g_strdupv ((char **) paths) : g_new0 (char *, 1);
  run.dataset = g_object_ref (dataset);
  run.separation = self->runs->len > 0 ? PM_RUN_SEPARATION_GIVEN : PM_RUN_SEPARATION_NONE;
  g_array_append_val (self->runs, run);

  return self->runs->len - 1;
}

/**
 * pm_run_set_set_separation:
 * @reason: (nullable): a sentence naming the paths and what tells them apart
 *
 * Records why @run is not part of the first run.
 */
void
pm_run_set_set_separation (PmRunSet        *self,
                           guint            run,
                           PmRunSeparation  separation,
                           const char      *reason)
{
  PmRun *r;

  g_return_if_fail (PM_IS_RUN_SET (self));
  g_return_if_fail (run < self->runs->len);

  r = get_run (self, run);
  r->separation = separation;
  g_free (r->reason);
  r->reason = g_strdup (reason);
}

guint
pm_run_set_get_n_runs (PmRunSet *self)
{
  g_return_val_if_fail (PM_IS_RUN_SET (self), 0);

  return self->runs->len;
}

const char *
pm_run_set_get_name (PmRunSet *self,
                     guint     run)
{
  g_return_val_if_fail (PM_IS_RUN_SET (self), NULL);
  g_return_val_if_fail (run < self->runs->len, NULL);

  return get_run (self, run)->name;
}

/**
 * pm_run_set_get_dataset:
 *
 * Returns: (transfer none): the run's snapshots
 */
PmDataset *
pm_run_set_get_dataset (PmRunSet *self,
                        guint     run)
{
  g_return_val_if_fail (PM_IS_RUN_SET (self), NULL);
  g_return_val_if_fail (run < self->runs->len, NULL);

  return get_run (self, run)->dataset;
}

/**
 * pm_run_set_get_paths:
 *
 * Returns: (transfer none) (array zero-terminated=1): the paths given for
 *   the run, in the order given (empty for a run added without paths)
 */
const char * const *
pm_run_set_get_paths (PmRunSet *self,
                      guint     run)
{
  g_return_val_if_fail (PM_IS_RUN_SET (self), NULL);
  g_return_val_if_fail (run < self->runs->len, NULL);

  return (const char * const *) get_run (self, run)->paths;
}

PmRunSeparation
pm_run_set_get_separation (PmRunSet *self,
                           guint     run)
{
  g_return_val_if_fail (PM_IS_RUN_SET (self), PM_RUN_SEPARATION_NONE);
  g_return_val_if_fail (run < self->runs->len, PM_RUN_SEPARATION_NONE);

  return get_run (self, run)->separation;
}

/**
 * pm_run_set_get_reason:
 *
 * Returns: (nullable): why @run is a run of its own and not part of the
 *   first run, in a sentence that names the paths; %NULL for the first run
 *   and for runs added by hand
 */
const char *
pm_run_set_get_reason (PmRunSet *self,
                       guint     run)
{
  g_return_val_if_fail (PM_IS_RUN_SET (self), NULL);
  g_return_val_if_fail (run < self->runs->len, NULL);

  return get_run (self, run)->reason;
}

/**
 * pm_run_set_describe:
 *
 * A few lines for a person: how many runs, each run's name and paths, and
 * why each is separate. For a set of one run, one line.
 *
 * Returns: (transfer full): the text, ending without a newline
 */
char *
pm_run_set_describe (PmRunSet *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PM_IS_RUN_SET (self), NULL);

  if (self->runs->len == 1)
    g_string_append_printf (text, "one run, '%s'", get_run (self, 0)->name);
  else
    g_string_append_printf (text, "%u separate runs, not merged:", self->runs->len);

  for (guint i = 0; self->runs->len > 1 && i < self->runs->len; i++)
    {
      PmRun *run = get_run (self, i);

      g_string_append_printf (text, "\n  run %u '%s':", i + 1, run->name);
      for (guint p = 0; run->paths[p] != NULL; p++)
        g_string_append_printf (text, " %s", run->paths[p]);
      if (run->reason != NULL)
        g_string_append_printf (text, "\n    %s", run->reason);
    }

  return g_string_free (text, FALSE);
}

/**
 * pm_run_set_lookup:
 * @name: a run's name
 * @run: (out) (optional): its index
 *
 * Returns: %TRUE when a run has that name
 */
gboolean
pm_run_set_lookup (PmRunSet   *self,
                   const char *name,
                   guint      *run)
{
  g_return_val_if_fail (PM_IS_RUN_SET (self), FALSE);

  for (guint i = 0; i < self->runs->len; i++)
    if (g_strcmp0 (get_run (self, i)->name, name) == 0)
      {
        if (run != NULL)
          *run = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * pm_run_set_get_origin:
 *
 * What to subtract from the run's times (pm_dataset_get_times() in @base) to
 * get its x: the time of its first snapshot for #PM_RUN_ALIGN_ELAPSED, 0
 * for #PM_RUN_ALIGN_CLOCK.
 *
 * Returns: the origin, seconds
 */
gint64
pm_run_set_get_origin (PmRunSet   *self,
                       guint       run,
                       PmRunAlign  align,
                       PmTimeBase  base)
{
  PmDataset *dataset;

  g_return_val_if_fail (PM_IS_RUN_SET (self), 0);
  g_return_val_if_fail (run < self->runs->len, 0);

  dataset = get_run (self, run)->dataset;
  if (align == PM_RUN_ALIGN_CLOCK || pm_dataset_get_n_snapshots (dataset) == 0)
    return 0;

  return pm_dataset_get_times (dataset, base)[0];
}

/* Local time can step back (daylight saving): the extremes, not the ends. */
static void
time_extremes (PmDataset  *dataset,
               PmTimeBase  base,
               gint64     *t0,
               gint64     *t1)
{
  const gint64 *times = pm_dataset_get_times (dataset, base);
  guint n = pm_dataset_get_n_snapshots (dataset);

  *t0 = G_MAXINT64;
  *t1 = G_MININT64;
  for (guint i = 0; i < n; i++)
    {
      *t0 = MIN (*t0, times[i]);
      *t1 = MAX (*t1, times[i]);
    }
  if (n == 0)
    *t0 = *t1 = 0;
}

/**
 * pm_run_set_get_span:
 * @x0: (out): the run's first x
 * @x1: (out): its last x
 *
 * The run's extent on the aligned axis.
 */
void
pm_run_set_get_span (PmRunSet   *self,
                     guint       run,
                     PmRunAlign  align,
                     PmTimeBase  base,
                     gint64     *x0,
                     gint64     *x1)
{
  gint64 origin;

  g_return_if_fail (PM_IS_RUN_SET (self));
  g_return_if_fail (run < self->runs->len);

  origin = pm_run_set_get_origin (self, run, align, base);
  time_extremes (get_run (self, run)->dataset, base, x0, x1);
  *x0 -= origin;
  *x1 -= origin;
}

/**
 * pm_run_set_get_common_span:
 * @x0: (out): the first x every run reaches
 * @x1: (out): the last x every run reaches
 *
 * Where all the runs overlap on the aligned axis: with
 * #PM_RUN_ALIGN_ELAPSED, from 0 to the shortest run's length.
 *
 * Returns: %FALSE when they do not overlap (or the set is empty)
 */
gboolean
pm_run_set_get_common_span (PmRunSet   *self,
                            PmRunAlign  align,
                            PmTimeBase  base,
                            gint64     *x0,
                            gint64     *x1)
{
  g_return_val_if_fail (PM_IS_RUN_SET (self), FALSE);

  *x0 = G_MININT64;
  *x1 = G_MAXINT64;
  for (guint i = 0; i < self->runs->len; i++)
    {
      gint64 a, b;

      pm_run_set_get_span (self, i, align, base, &a, &b);
      *x0 = MAX (*x0, a);
      *x1 = MIN (*x1, b);
    }

  return self->runs->len > 0 && *x0 <= *x1;
}

/**
 * pm_run_set_get_full_span:
 * @x0: (out): the first x of any run
 * @x1: (out): the last x of any run
 *
 * The extent of all the runs together on the aligned axis (for a chart's
 * time axis).
 */
void
pm_run_set_get_full_span (PmRunSet   *self,
                          PmRunAlign  align,
                          PmTimeBase  base,
                          gint64     *x0,
                          gint64     *x1)
{
  g_return_if_fail (PM_IS_RUN_SET (self));

  *x0 = self->runs->len > 0 ? G_MAXINT64 : 0;
  *x1 = self->runs->len > 0 ? G_MININT64 : 0;
  for (guint i = 0; i < self->runs->len; i++)
    {
      gint64 a, b;

      pm_run_set_get_span (self, i, align, base, &a, &b);
      *x0 = MIN (*x0, a);
      *x1 = MAX (*x1, b);
    }
}

/**
 * pm_run_set_get_snapshot_range:
 * @x0: the first x of the range, on the aligned axis
 * @x1: the last x, inclusive
 * @first: (out): the run's first snapshot at or after @x0
 * @n_snapshots: (out): its snapshots up to @x1
 *
 * The run's snapshots whose x lies in [@x0, @x1], for pm_tag_table_new()
 * and the leak finder.
 *
 * Returns: %TRUE when at least one snapshot of the run lies there
 */
gboolean
pm_run_set_get_snapshot_range (PmRunSet   *self,
                               guint       run,
                               PmRunAlign  align,
                               PmTimeBase  base,
                               gint64      x0,
                               gint64      x1,
                               guint      *first,
                               guint      *n_snapshots)
{
  PmDataset *dataset;
  gint64 origin;

  g_return_val_if_fail (PM_IS_RUN_SET (self), FALSE);
  g_return_val_if_fail (run < self->runs->len, FALSE);

  dataset = get_run (self, run)->dataset;
  origin = pm_run_set_get_origin (self, run, align, base);

  /* pm_snapshot_range_from_times() wants the base to exist; a run without
   * it borrows the other clock, as its times array does. */
  if (!pm_dataset_has_time_base (dataset, base))
    base = base == PM_TIME_BASE_UTC ? PM_TIME_BASE_LOCAL : PM_TIME_BASE_UTC;

  return pm_snapshot_range_from_times (dataset, base,
                                       x0 == G_MININT64 ? x0 : x0 + origin,
                                       x1 == G_MAXINT64 ? x1 : x1 + origin,
                                       first, n_snapshots);
}

const char *
pm_run_separation_to_string (PmRunSeparation separation)
{
  switch (separation)
    {
    case PM_RUN_SEPARATION_NONE:
      return "none";
    case PM_RUN_SEPARATION_INTERLEAVED:
      return "interleaved";
    case PM_RUN_SEPARATION_CONFLICT:
      return "conflict";
    case PM_RUN_SEPARATION_COUNTERS:
      return "counters";
    case PM_RUN_SEPARATION_TAGS:
      return "tags";
    case PM_RUN_SEPARATION_GIVEN:
      return "given";
    default:
      return "unknown";
    }
}

const char *
pm_run_align_to_string (PmRunAlign align)
{
  return align == PM_RUN_ALIGN_CLOCK ? "clock" : "elapsed";
}

gboolean
pm_run_align_from_string (const char *name,
                          PmRunAlign *align)
{
  if (g_strcmp0 (name, "elapsed") == 0)
    *align = PM_RUN_ALIGN_ELAPSED;
  else if (g_strcmp0 (name, "clock") == 0)
    *align = PM_RUN_ALIGN_CLOCK;
  else
    return FALSE;

  return TRUE;
}
