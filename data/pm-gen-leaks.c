/* pm-gen-leaks.c: the `leaks` scenario of pm-generate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each tag's outstanding allocations are a level plus the components of
 * its kind (pm-gen-leaks.h); the counters follow with some churn, and start
 * again at each reboot. Parameters are drawn per seed over wide ranges, so
 * that a leak finder is judged on the phenomena, not on one generator's
 * numbers. Floating point is used (built with -ffp-contract=off): the
 * scenario is for evaluation, not for committed byte-exact samples.
 */
#include <math.h>
#include <string.h>

#include "pm-gen-leaks.h"
#include "pm-gen-rng.h"

typedef struct
{
  PmGenLeakKind kind;
  char          name[5];
  guint         pool;
  double        base;        /* outstanding allocations */
  double        size;        /* bytes per allocation */
  double        white;       /* white noise sd */
  double        ar_phi;
  double        ar_sd;       /* innovation sd */
  double        ar;
  double        walk_sd;
  double        walk;
  double        gain;        /* workload */
  double        rate;        /* leak, allocations per snapshot */
  guint         start;       /* first snapshot of the leak, or of presence */
  guint         n_steps;     /* staircase: steps per boot */
  double        step_size;
  double        stair;
  guint         next_step;
  double        amp;         /* warming, burst, step, shrink */
  double        tau;         /* warming time constant, snapshots */
  guint         b0, b1, b2, b3;   /* burst: rise from b0 to b1, hold to b2, fall to b3 */
  double        zero_p;
  double        churn;
  double        outstanding;
  guint32       allocs;
  guint32       frees;
  guint64       rng;
} Tag;

struct _PmGenLeaks
{
  Tag     *tags;
  guint    n_tags;
  guint    n_snapshots;
  guint    interval;
  guint    snapshot;
  guint    boot_start;       /* first snapshot of the current boot */
  guint   *reboots;          /* snapshots where a boot starts, ascending */
  guint    n_reboots;
  gint64  *offsets;          /* jitter per snapshot, seconds */
  double   walk;             /* the shared workload walk, relative */
  double   walk_sd;
  double   cycle_amp;
  double   cycle_phase;
  guint64  rng;
};

static double
unif (guint64 *rng,
      double   lo,
      double   hi)
{
  return lo + (hi - lo) * ((pm_gen_next_u64 (rng) >> 11) * (1.0 / 9007199254740992.0));
}

static double
log_unif (guint64 *rng,
          double   lo,
          double   hi)
{
  return exp (unif (rng, log (lo), log (hi)));
}

static double
gauss (guint64 *rng)
{
  double u = unif (rng, 1e-12, 1), v = unif (rng, 0, 1);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

const char *
pm_gen_leak_kind_to_string (PmGenLeakKind kind)
{
  static const char * const names[PM_GEN_LEAK_N_KINDS] = {
    "background", "leak-steady", "leak-slow", "leak-mid-run", "leak-staircase",
    "leak-in-workload", "leak-late-tag", "warming-cache", "burst", "level-step",
    "late-tag", "workload", "random-walk", "ar1-near-unit-root", "counter-wrap",
    "mostly-zero", "shrinks",
  };

  return kind < PM_GEN_LEAK_N_KINDS ? names[kind] : "unknown";
}

static gboolean
kind_leaks (PmGenLeakKind kind)
{
  return kind >= PM_GEN_LEAK_STEADY && kind <= PM_GEN_LEAK_LATE;
}

/* The mean boot length, for shapes per boot. */
static double
boot_len (PmGenLeaks *self)
{
  return (double) self->n_snapshots / (self->n_reboots + 1);
}

/* The shortest boot: leaks are sized so that even it shows their rise. */
static double
shortest_boot (PmGenLeaks *self)
{
  guint prev = 0, shortest = self->n_snapshots;

  for (guint i = 0; i < self->n_reboots; i++)
    {
      shortest = MIN (shortest, self->reboots[i] - prev);
      prev = self->reboots[i];
    }
  return MAX (1, MIN (shortest, self->n_snapshots - prev));
}

/* The longest stretch of one boot after snapshot @start. */
static double
longest_growth (PmGenLeaks *self,
                guint       start)
{
  guint from = 0, best = 0;

  for (guint i = 0; i <= self->n_reboots; i++)
    {
      guint to = i < self->n_reboots ? self->reboots[i] : self->n_snapshots;

      if (to > start)
        best = MAX (best, to - MAX (from, start));
      from = to;
    }
  return best;
}

static void
tag_setup (PmGenLeaks *self,
           Tag        *t)
{
  guint64 *rng = &t->rng;
  double n = self->n_snapshots, bl = shortest_boot (self);
  double noise, rise;

  t->base = log_unif (rng, 200, 200000);
  t->size = 16 * floor (unif (rng, 1, 257));
  t->pool = unif (rng, 0, 1) < 0.6 ? PM_GEN_NON_PAGED : PM_GEN_PAGED;
  t->churn = log_unif (rng, 5, 2000);
  t->white = t->base * log_unif (rng, 0.0005, 0.01) + unif (rng, 0, 2);
  t->ar_phi = unif (rng, 0.8, 0.98);
  t->ar_sd = t->base * log_unif (rng, 0.001, 0.02) * sqrt (1 - t->ar_phi * t->ar_phi);
  noise = sqrt (t->white * t->white + t->ar_sd * t->ar_sd / (1 - t->ar_phi * t->ar_phi));

  switch (t->kind)
    {
    case PM_GEN_LEAK_STEADY:
    case PM_GEN_LEAK_MID:
    case PM_GEN_LEAK_LATE:
      /* Big enough that 2 % is a few dozen allocations at least. */
      t->base = MAX (t->base, log_unif (rng, 2000, 20000));
      /* Growth per boot from 2 % to 300 % of the size, at least five
       * times the noise (the noise shrinks when it would not be). */
      rise = t->base * log_unif (rng, 0.02, 3);
      if (noise * 5 > rise)
        {
          double f = rise / (5 * noise) * unif (rng, 0.3, 1);

          t->white *= f;
          t->ar_sd *= f;
        }
      t->rate = rise / bl;
      if (t->kind == PM_GEN_LEAK_MID)
        t->start = (guint) (n * unif (rng, 0.25, 0.6));
      if (t->kind == PM_GEN_LEAK_LATE)
        t->start = (guint) (n * unif (rng, 0.2, 0.5));
      if (t->start > 0)
        {
          /* What shows is the growth after the start: in its best boot it
           * too must be at least five times the noise. */
          double shown = t->rate * longest_growth (self, t->start);

          if (noise * 5 > shown)
            {
              double f = shown / (5 * noise) * unif (rng, 0.5, 1);

              t->white *= f;
              t->ar_sd *= f;
            }
        }
      break;
    case PM_GEN_LEAK_SLOW:
      /* A fraction of a per cent of the size per boot, 6 to 20 times its
       * (small) noise: invisible beside the tag's size on a chart. */
      t->base = log_unif (rng, 20000, 500000);
      t->white = t->base * log_unif (rng, 0.0002, 0.001);
      t->ar_sd = 0;
      rise = t->white * unif (rng, 6, 20);
      t->rate = rise / bl;
      break;
    case PM_GEN_LEAK_STAIRCASE:
      t->n_steps = (guint) unif (rng, 6, 17);
      rise = t->base * log_unif (rng, 0.05, 2);
      t->step_size = rise / t->n_steps;
      t->white = MIN (t->white, t->step_size / 4);
      t->ar_sd = MIN (t->ar_sd, t->step_size / 8);
      break;
    case PM_GEN_LEAK_IN_WORKLOAD:
    case PM_GEN_LEAK_WORKLOAD:
      t->gain = unif (rng, 0.5, 1.5);
      t->ar_phi = unif (rng, 0.5, 0.9);
      t->ar_sd = t->base * log_unif (rng, 0.002, 0.01) * sqrt (1 - t->ar_phi * t->ar_phi);
      t->white = t->base * log_unif (rng, 0.001, 0.005);
      if (t->kind == PM_GEN_LEAK_IN_WORKLOAD)
        {
          /* Less than the workload moves it, more than its own noise. */
          rise = t->base * t->gain * (self->walk_sd * sqrt (bl) + self->cycle_amp) * unif (rng, 0.3, 1);
          noise = sqrt (t->white * t->white + t->ar_sd * t->ar_sd / (1 - t->ar_phi * t->ar_phi));
          if (noise * 6 > rise)
            {
              t->white *= rise / (6 * noise);
              t->ar_sd *= rise / (6 * noise);
            }
          t->rate = rise / bl;
        }
      break;
    case PM_GEN_LEAK_WARMING:
      t->amp = t->base * log_unif (rng, 0.1, 2);
      t->tau = bl * unif (rng, 1.0 / 40, 1.0 / 6);
      break;
    case PM_GEN_LEAK_BURST:
      t->amp = t->base * log_unif (rng, 0.2, 2);
      t->b0 = (guint) (n * unif (rng, 0.05, 0.5));
      t->b1 = t->b0 + (guint) (n * unif (rng, 0.03, 0.15));
      t->b2 = t->b1 + (guint) (n * unif (rng, 0, 0.1));
      t->b3 = t->b2 + (guint) (n * unif (rng, 0.03, 0.15));
      break;
    case PM_GEN_LEAK_STEP:
      t->amp = t->base * log_unif (rng, 0.1, 1) * (unif (rng, 0, 1) < 0.7 ? 1 : -0.5);
      t->start = (guint) (n * unif (rng, 0.15, 0.85));
      break;
    case PM_GEN_LEAK_LATE_FLAT:
      t->start = (guint) (n * unif (rng, 0.2, 0.7));
      break;
    case PM_GEN_LEAK_RANDOM_WALK:
      t->walk_sd = t->base * log_unif (rng, 0.05, 0.5) / sqrt (n);
      t->ar_sd = 0;
      break;
    case PM_GEN_LEAK_AR_NEAR_1:
      t->ar_phi = 1 - pow (10, unif (rng, -3.3, -2));
      t->ar_sd = t->base * log_unif (rng, 0.02, 0.2) * sqrt (1 - t->ar_phi * t->ar_phi);
      break;
    case PM_GEN_LEAK_WRAP:
      t->churn = unif (rng, 2e8, 1.2e9);
      break;
    case PM_GEN_LEAK_MOSTLY_ZERO:
      t->zero_p = unif (rng, 0.6, 0.95);
      t->base = unif (rng, 1, 50);
      break;
    case PM_GEN_LEAK_SHRINKS:
      t->amp = t->base * unif (rng, 0.1, 0.6);
      break;
    case PM_GEN_LEAK_BACKGROUND:
    case PM_GEN_LEAK_N_KINDS:
    default:
      break;
    }
  t->ar = gauss (rng) * t->ar_sd / sqrt (MAX (1e-9, 1 - t->ar_phi * t->ar_phi));
}

/* The level of @t at snapshot @s, @u snapshots into the current boot. */
static double
tag_level (PmGenLeaks *self,
           Tag        *t,
           guint       s,
           guint       u)
{
  double v = t->base, workload = self->walk
             + self->cycle_amp * sin (2 * G_PI * ((double) s * self->interval / 86400.0) + self->cycle_phase);
  guint boot = s - u;

  t->ar = t->ar_phi * t->ar + gauss (&t->rng) * t->ar_sd;
  v += t->ar + gauss (&t->rng) * t->white;

  switch (t->kind)
    {
    case PM_GEN_LEAK_STEADY:
    case PM_GEN_LEAK_SLOW:
      v += t->rate * u;
      break;
    case PM_GEN_LEAK_MID:
    case PM_GEN_LEAK_LATE:
      if (s >= t->start)
        v += t->rate * (s - MAX (boot, t->start));
      break;
    case PM_GEN_LEAK_STAIRCASE:
      if (u == 0)
        {
          t->stair = 0;
          t->next_step = (guint) (boot_len (self) / t->n_steps * unif (&t->rng, 0.3, 1.3));
        }
      if (u >= t->next_step)
        {
          t->stair += t->step_size * unif (&t->rng, 0.5, 1.5);
          t->next_step = u + (guint) MAX (1, boot_len (self) / t->n_steps * unif (&t->rng, 0.7, 1.3));
        }
      v += t->stair;
      break;
    case PM_GEN_LEAK_IN_WORKLOAD:
      v += t->rate * u;
      /* fall through */
    case PM_GEN_LEAK_WORKLOAD:
      v += t->base * t->gain * workload;
      break;
    case PM_GEN_LEAK_WARMING:
      v += t->amp * (1 - exp (-(double) u / t->tau));
      break;
    case PM_GEN_LEAK_BURST:
      if (s >= t->b0 && s < t->b1)
        v += t->amp * (s - t->b0) / MAX (1, t->b1 - t->b0);
      else if (s >= t->b1 && s < t->b2)
        v += t->amp;
      else if (s >= t->b2 && s < t->b3)
        v += t->amp * (1 - (double) (s - t->b2) / MAX (1, t->b3 - t->b2));
      break;
    case PM_GEN_LEAK_STEP:
      if (s >= t->start)
        v += t->amp;
      break;
    case PM_GEN_LEAK_RANDOM_WALK:
      t->walk += gauss (&t->rng) * t->walk_sd;
      if (t->base + t->walk < 0.2 * t->base)
        t->walk = 0.2 * t->base - t->base + (0.2 * t->base - t->base - t->walk);
      v += t->walk;
      break;
    case PM_GEN_LEAK_MOSTLY_ZERO:
      v = unif (&t->rng, 0, 1) < t->zero_p ? 0 : floor (unif (&t->rng, 1, t->base + 1));
      break;
    case PM_GEN_LEAK_SHRINKS:
      v -= t->amp * s / MAX (1, self->n_snapshots - 1);
      break;
    default:
      break;
    }
  return MAX (0, floor (v + 0.5));
}

static void
tag_move (PmGenLeaks *self,
          Tag        *t,
          double      outstanding,
          gboolean    reboot)
{
  double delta = outstanding - t->outstanding;
  guint64 churn = (guint64) (t->churn * unif (&t->rng, 0.5, 1.5));

  if (reboot)
    {
      t->frees = (guint32) unif (&t->rng, 100, 100000);
      t->allocs = t->frees + (guint32) outstanding;
    }
  else
    {
      t->allocs += (guint32) (churn + (guint64) MAX (delta, 0));
      t->frees += (guint32) (churn + (guint64) MAX (-delta, 0));
    }
  t->outstanding = outstanding;
}

static gboolean
tag_present (Tag   *t,
             guint  s)
{
  return !((t->kind == PM_GEN_LEAK_LATE || t->kind == PM_GEN_LEAK_LATE_FLAT) && s < t->start);
}

/* How many tags of each kind: enough of every trap at every size. */
static guint
kind_count (PmGenLeakKind kind,
            guint         n_tags)
{
  switch (kind)
    {
    case PM_GEN_LEAK_STEADY: return 1 + n_tags / 150;
    case PM_GEN_LEAK_SLOW: return 1 + n_tags / 300;
    case PM_GEN_LEAK_MID:
    case PM_GEN_LEAK_STAIRCASE:
    case PM_GEN_LEAK_IN_WORKLOAD:
    case PM_GEN_LEAK_LATE: return 1;
    case PM_GEN_LEAK_WARMING:
    case PM_GEN_LEAK_BURST:
    case PM_GEN_LEAK_STEP: return 2 + n_tags / 60;
    case PM_GEN_LEAK_LATE_FLAT: return 1 + n_tags / 100;
    case PM_GEN_LEAK_WORKLOAD: return 5;
    case PM_GEN_LEAK_RANDOM_WALK:
    case PM_GEN_LEAK_AR_NEAR_1: return 2 + n_tags / 25;
    case PM_GEN_LEAK_WRAP:
    case PM_GEN_LEAK_SHRINKS: return 1;
    case PM_GEN_LEAK_MOSTLY_ZERO: return 1 + n_tags / 100;
    case PM_GEN_LEAK_BACKGROUND:
    case PM_GEN_LEAK_N_KINDS:
    default:
      return 0;
    }
}

PmGenLeaks *
pm_gen_leaks_new (guint   n_tags,
                  guint   n_snapshots,
                  guint   interval,
                  guint64 seed)
{
  PmGenLeaks *self = g_new0 (PmGenLeaks, 1);
  g_autofree PmGenLeakKind *kinds = g_new (PmGenLeakKind, MAX (n_tags, 1));
  guint k = 0;
  double jitter;

  self->n_tags = n_tags;
  self->n_snapshots = n_snapshots;
  self->interval = interval;
  self->rng = seed ^ G_GUINT64_CONSTANT (0x243F6A8885A308D3);
  pm_gen_next_u64 (&self->rng);

  /* Reboots: none to three, each boot at least a sixth of the run. */
  if (n_snapshots >= 120)
    {
      guint want = (guint) unif (&self->rng, 0, 4);

      self->reboots = g_new (guint, 4);
      for (guint i = 0; i < want; i++)
        {
          guint at = (guint) (n_snapshots * unif (&self->rng, 1.0 / 6, 5.0 / 6));
          gboolean ok = TRUE;

          for (guint j = 0; j < self->n_reboots; j++)
            ok &= (at > self->reboots[j] ? at - self->reboots[j] : self->reboots[j] - at) >= n_snapshots / 6;
          if (ok)
            self->reboots[self->n_reboots++] = at;
        }
      for (guint i = 1; i < self->n_reboots; i++)
        for (guint j = i; j > 0 && self->reboots[j - 1] > self->reboots[j]; j--)
          {
            guint tmp = self->reboots[j];

            self->reboots[j] = self->reboots[j - 1];
            self->reboots[j - 1] = tmp;
          }
    }

  /* Timing jitter: up to 30 % of the interval either way, on some seeds. */
  self->offsets = g_new0 (gint64, MAX (n_snapshots, 1));
  jitter = unif (&self->rng, 0, 1) < 0.6 ? interval * unif (&self->rng, 0, 0.3) : 0;
  for (guint s = 0; s < n_snapshots; s++)
    self->offsets[s] = (gint64) floor (unif (&self->rng, -jitter, jitter) + 0.5);

  /* The workload: a shared walk and the day's cycle, relative. */
  self->walk_sd = log_unif (&self->rng, 0.05, 0.3) / sqrt (MAX (n_snapshots, 1));
  self->cycle_amp = unif (&self->rng, 0.05, 0.3);
  self->cycle_phase = unif (&self->rng, 0, 2 * G_PI);

  for (PmGenLeakKind kind = PM_GEN_LEAK_STEADY; kind < PM_GEN_LEAK_N_KINDS; kind++)
    for (guint i = kind_count (kind, n_tags); i > 0 && k < n_tags; i--)
      kinds[k++] = kind;
  while (k < n_tags)
    kinds[k++] = PM_GEN_LEAK_BACKGROUND;
  /* Shuffled, so that nothing about a tag's place or name tells its kind. */
  for (guint i = n_tags; i > 1; i--)
    {
      guint j = (guint) (pm_gen_next_u64 (&self->rng) % i);
      PmGenLeakKind tmp = kinds[i - 1];

      kinds[i - 1] = kinds[j];
      kinds[j] = tmp;
    }

  self->tags = g_new0 (Tag, MAX (n_tags, 1));
  for (guint i = 0; i < n_tags; i++)
    {
      static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
      Tag *t = &self->tags[i];

      t->kind = kinds[i];
      /* The stream's state is hashed from the seed and the index: states
       * that differ by multiples of the increment would give the same
       * numbers shifted, and tags that move together. */
      {
        guint64 mix = seed * G_GUINT64_CONSTANT (0xD1B54A32D192ED03) + i;

        t->rng = pm_gen_next_u64 (&mix);
        t->rng ^= pm_gen_next_u64 (&mix) << 1;
      }
      t->name[0] = "TLKQ"[(i / (36 * 36 * 36)) % 4];
      t->name[1] = digits[(i / (36 * 36)) % 36];
      t->name[2] = digits[(i / 36) % 36];
      t->name[3] = digits[i % 36];
      tag_setup (self, t);
      tag_move (self, t, tag_level (self, t, 0, 0), TRUE);
    }
  return self;
}

void
pm_gen_leaks_free (PmGenLeaks *self)
{
  if (self == NULL)
    return;
  g_free (self->tags);
  g_free (self->reboots);
  g_free (self->offsets);
  g_free (self);
}

const char *
pm_gen_leaks_get_tag (PmGenLeaks *self,
                      guint       tag)
{
  return self->tags[tag].name;
}

PmGenLeakKind
pm_gen_leaks_get_kind (PmGenLeaks *self,
                       guint       tag)
{
  return self->tags[tag].kind;
}

gboolean
pm_gen_leaks_get_leaks (PmGenLeaks *self,
                        guint       tag)
{
  return kind_leaks (self->tags[tag].kind);
}

/* The planted leak's rate in outstanding allocations an hour, for the kinds
 * that leak at one steady rate (a staircase's is its bursts'), else NaN. */
double
pm_gen_leaks_get_rate (PmGenLeaks *self,
                       guint       tag)
{
  const Tag *t = &self->tags[tag];

  switch (t->kind)
    {
    case PM_GEN_LEAK_STEADY:
    case PM_GEN_LEAK_SLOW:
    case PM_GEN_LEAK_MID:
    case PM_GEN_LEAK_LATE:
    case PM_GEN_LEAK_IN_WORKLOAD:
      return t->rate * 3600.0 / self->interval;
    default:
      return NAN;
    }
}

/* Seconds to add to the snapshot's nominal time. */
gint64
pm_gen_leaks_get_time_offset (PmGenLeaks *self,
                              guint       snapshot)
{
  return snapshot < self->n_snapshots ? self->offsets[snapshot] : 0;
}

guint
pm_gen_leaks_get_n_boots (PmGenLeaks *self)
{
  return self->n_reboots + 1;
}

void
pm_gen_leaks_advance (PmGenLeaks *self)
{
  gboolean reboot = FALSE;

  self->snapshot++;
  for (guint i = 0; i < self->n_reboots; i++)
    if (self->reboots[i] == self->snapshot)
      reboot = TRUE;
  if (reboot)
    self->boot_start = self->snapshot;
  self->walk += gauss (&self->rng) * self->walk_sd;
  self->walk = CLAMP (self->walk, -0.5, 0.8);

  for (guint i = 0; i < self->n_tags; i++)
    {
      Tag *t = &self->tags[i];
      double level = tag_level (self, t, self->snapshot, self->snapshot - self->boot_start);

      if (!tag_present (t, self->snapshot))
        continue;
      /* A tag loaded now starts its counters now. */
      tag_move (self, t, level, reboot || self->snapshot == t->start);
    }
}

gboolean
pm_gen_leaks_get_row (PmGenLeaks *self,
                      guint       tag,
                      PmGenRow   *row)
{
  Tag *t = &self->tags[tag];

  if (!tag_present (t, self->snapshot))
    return FALSE;
  memset (row, 0, sizeof *row);
  row->allocs[t->pool] = t->allocs;
  row->frees[t->pool] = t->frees;
  row->used[t->pool] = (gint64) t->outstanding * (gint64) t->size;
  row->allocs[1 - t->pool] = 0;
  row->frees[1 - t->pool] = 0;
  return TRUE;
}
