/* pm-gen-model.c: the simulated machine behind pm-generate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each tag owns a private random stream seeded from the run's seed and the
 * tag's index, so a tag's numbers do not depend on how many tags follow it,
 * and the busy tag's future can be played ahead to place its counter wrap.
 * Only integer arithmetic is used: floating point could differ between
 * compilers (FMA contraction) and the committed sample must be reproducible.
 */
#include "pm-format.h"
#include "pm-gen-model.h"
#include "pm-gen-leaks.h"
#include "pm-gen-rng.h"

/* Levels are relative deviations from a tag's base count, in 1/65536. */
#define Q16 65536

typedef struct
{
  const char *tag;
  const char *binary;
  const char *description;
  PmGenKind   kind;
  guint8      pool;
  guint32     count;   /* base outstanding allocations; 0 = drawn at random */
  guint32     size;    /* bytes per allocation; 0 = drawn at random */
} PmGenCoreTag;

/* The planted tags come first so that they exist at every scale; the rest
 * are well-known Windows tags. Sizes are chosen so that ten tags, five of them
 * non-paged, are far bigger than the leak ever gets, and six non-paged tags
 * hold more allocations than it. */
static const PmGenCoreTag core_tags[] = {
  { "QdrC", "qdrv.sys", "Contoso volume filter, per-open context", PM_GEN_KIND_LEAK, PM_GEN_NON_PAGED, 2000, 1024 },
  { "Irp ", "nt!io", "Io, IRP packets", PM_GEN_KIND_BUSY, PM_GEN_NON_PAGED, 20000, 512 },
  { "Usbp", "usbport.sys", "USB port driver", PM_GEN_KIND_LATE, PM_GEN_NON_PAGED, 3000, 512 },
  { "File", "nt!io", "File objects", PM_GEN_KIND_GROUP, PM_GEN_NON_PAGED, 6000, 336 },
  { "Ntfx", "ntfs.sys", "General Allocation", PM_GEN_KIND_GROUP, PM_GEN_NON_PAGED, 5000, 176 },
  { "FMfn", "fltmgr.sys", "NAME_CACHE_NODE structure", PM_GEN_KIND_GROUP, PM_GEN_PAGED, 4500, 448 },
  { "MmCa", "nt!mm", "Mm control areas for mapped files", PM_GEN_KIND_GROUP, PM_GEN_NON_PAGED, 3000, 128 },
  { "FMsl", "fltmgr.sys", "STREAM_LIST_CTRL structure", PM_GEN_KIND_GROUP, PM_GEN_NON_PAGED, 4000, 208 },
  { "MmSt", "nt!mm", "Mm section object prototype ptes", PM_GEN_KIND_STABLE, PM_GEN_PAGED, 90000, 2048 },
  { "CM31", "nt!cm", "Internal Configuration manager allocations", PM_GEN_KIND_STABLE, PM_GEN_PAGED, 24000, 4096 },
  { "ConT", "nt!mm", "Contiguous physical memory allocations for device drivers", PM_GEN_KIND_STABLE, PM_GEN_NON_PAGED, 15, 4194304 },
  { "CM25", "nt!cm", "Internal Configuration manager allocations", PM_GEN_KIND_STABLE, PM_GEN_PAGED, 10000, 4096 },
  { "EtwB", "nt!etw", "Etw Buffer", PM_GEN_KIND_STABLE, PM_GEN_NON_PAGED, 120, 262144 },
  { "MmRe", "nt!mm", "ASLR relocation blocks", PM_GEN_KIND_STABLE, PM_GEN_PAGED, 15000, 2048 },
  { "Ntff", "ntfs.sys", "FCB_DATA", PM_GEN_KIND_STABLE, PM_GEN_PAGED, 25000, 1088 },
  { "Pool", "nt!ex", "Pool tables, etc.", PM_GEN_KIND_STABLE, PM_GEN_NON_PAGED, 1500, 16384 },
  { "MmCm", "nt!mm", "Calls made to MmAllocateContiguousMemory", PM_GEN_KIND_STABLE, PM_GEN_NON_PAGED, 80, 262144 },
  { "smNp", "nt!store", "ReadyBoost store node pool allocations", PM_GEN_KIND_STABLE, PM_GEN_NON_PAGED, 600, 32768 },
  { "Even", "<unknown>", "Event objects", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 18000, 128 },
  { "Io  ", "nt!io", "general IO allocations", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 12000, 96 },
  { "Mm  ", "nt!mm", "general Mm Allocations", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 11000, 160 },
  { "Sema", "<unknown>", "Semaphore objects", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 10000, 112 },
  { "Ntf0", "ntfs.sys", "General pool allocation", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 15000, 64 },
  { "Vad ", "nt!mm", "Mm virtual address descriptors", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 9000, 128 },
  { "Thre", "nt!ps", "Thread objects", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 2400, 1792 },
  { "Proc", "nt!ps", "Process objects", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 190, 2560 },
  { "Toke", "nt!se", "Token objects", PM_GEN_KIND_NOISE, PM_GEN_PAGED, 3200, 1936 },
  { "NDnd", "ndis.sys", "NDIS_MINIPORT_BLOCK", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 40, 8192 },
  { "AfdB", "afd.sys", "Afd data buffer", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 300, 1024 },
  { "TcpE", "tcpip.sys", "TCP Endpoints", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 600, 704 },
  { "Key ", "nt!cm", "Key objects", PM_GEN_KIND_NOISE, PM_GEN_PAGED, 5000, 208 },
  { "ObNm", "nt!ob", "object names", PM_GEN_KIND_NOISE, PM_GEN_PAGED, 7000, 96 },
  { "SeTl", "nt!se", "Security Temporary Logon Sid", PM_GEN_KIND_NOISE, PM_GEN_PAGED, 0, 0 },
  { "IoNm", "nt!io", "Io parsing names", PM_GEN_KIND_NOISE, PM_GEN_PAGED, 0, 0 },
  { "CcSc", "nt!cc", "Cache Manager Shared Cache Map", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 0, 0 },
  { "Gh05", "win32k.sys", "GDITAG_HMGR_SPRITE_TYPE", PM_GEN_KIND_NOISE, PM_GEN_PAGED, 0, 0 },
  { "Gla5", "win32k.sys", "GDITAG_HMGR_LOOKASIDE_LFONT_TYPE", PM_GEN_KIND_NOISE, PM_GEN_PAGED, 0, 0 },
  { "Ntfn", "ntfs.sys", "SCB_NONPAGED", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 0, 0 },
  { "Wfpn", "netio.sys", "WFP NBL info container", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 0, 0 },
  { "Devi", "<unknown>", "Device objects", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 0, 0 },
  { "DxgK", "dxgkrnl.sys", "Vista display driver support, \"dxgkrnl\" allocations", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 0, 0 },
  { "Kv4B", "", "", PM_GEN_KIND_NOISE, PM_GEN_NON_PAGED, 0, 0 },
  { "\302\265Drv", "", "", PM_GEN_KIND_NOISE, PM_GEN_PAGED, 0, 0 },
};

static const char *const synthetic_binaries[] = {
  "nt!io", "nt!mm", "nt!se", "nt!ob", "ndis.sys", "tcpip.sys", "fltmgr.sys",
  "ntfs.sys", "win32k.sys", "storport.sys", "usbhub.sys", "dxgkrnl.sys",
  "netio.sys", "ks.sys", "<unknown>",
};

static const char *const synthetic_descriptions[] = {
  "Generic allocation", "Per-request context", "Filter instance context",
  "Name buffer", "Work item", "Lookaside list entries", "Hash table buckets",
  "Event tracing buffer", "DMA adapter", "Device extension",
};

typedef struct
{
  gint64  base;        /* outstanding allocations the tag hovers around */
  gint64  outstanding; /* now; Diff is this modulo 2^32 */
  gint64  size;        /* bytes per allocation */
  gint64  churn;       /* allocations freed and made again per 1000 s */
  gint32  level;       /* deviation from base, Q16 */
  gint32  sigma_bp;    /* stationary deviation, 1/10000 of base */
  guint32 allocs;
  guint32 frees;
  gboolean active;
  gboolean varies;     /* the secondary pool keeps a constant count */
} PmGenPool;

typedef struct
{
  char      *tag;
  char      *binary;
  char      *description;
  PmGenKind  kind;
  guint      primary;  /* the pool the tag lives in */
  guint64    rng;
  gint32     gain;     /* group tags: how strongly the shared walk moves them, Q8 */
  PmGenPool  pool[PM_GEN_N_POOLS];
} PmGenTag;

struct _PmGenModel
{
  PmGenTag *tags;
  guint    *order;
  guint     n_tags;
  guint     n_snapshots;
  guint     interval;
  guint     snapshot;      /* index of the snapshot the state describes */
  guint     late_snapshot; /* the late tag's first snapshot */
  guint64   group_rng;
  gint32    group_walk;    /* shared by the group tags, Q16 */
  PmGenLeaks *leaks;       /* the `leaks` scenario drives the tags instead */
};

/* Uniform in [lo, hi]. The modulo bias is irrelevant for these ranges. */
static gint64
uniform (guint64 *state,
         gint64   lo,
         gint64   hi)
{
  return lo + (gint64) (pm_gen_next_u64 (state) % (guint64) (hi - lo + 1));
}

/* About log-uniform in [10^lo_exp, 10^hi_exp): a digit count, then a
 * mantissa, the way sizes spread on a real machine. */
static gint64
log_uniform (guint64 *state,
             int      lo_exp,
             int      hi_exp)
{
  gint64 scale = 1;
  int e = (int) uniform (state, lo_exp, hi_exp - 1);

  while (e-- > 0)
    scale *= 10;
  return uniform (state, scale, scale * 10 - 1);
}

/* Roughly normal with standard deviation Q16: the sum of four 16-bit
 * uniforms (Irwin-Hall), centred and scaled by 7/4 ~ sqrt(3). */
static gint64
noise_q16 (guint64 *state)
{
  guint64 r = pm_gen_next_u64 (state);
  gint64 sum = (gint64) (r & 0xffff) + (gint64) ((r >> 16) & 0xffff)
               + (gint64) ((r >> 32) & 0xffff) + (gint64) (r >> 48);

  return (sum - 2 * 0xffff) * 7 / 4;
}

static gint64
clamp64 (gint64 value,
         gint64 lo,
         gint64 hi)
{
  return value < lo ? lo : value > hi ? hi : value;
}

/* One AR(1) step with phi = 15/16; the innovation is scaled by
 * sqrt(1 - phi^2) ~ 0.348 so that sigma_bp is the stationary deviation. */
static void
pool_step_level (PmGenPool *pool,
                 guint64   *rng)
{
  gint64 innovation = noise_q16 (rng) * pool->sigma_bp * 348 / 10000000;

  pool->level = (gint32) clamp64 (pool->level - pool->level / 16 + innovation,
                                  -Q16 * 6 / 10, Q16);
}

static gint64
level_to_count (gint64 base,
                gint64 level)
{
  return MAX (0, base + base * level / Q16);
}

/* Moves the counters to a new outstanding count: 'churn' allocations are
 * made and freed again in the interval, plus the net change. */
static void
pool_set_outstanding (PmGenPool *pool,
                      gint64     outstanding,
                      guint64   *rng,
                      guint      interval)
{
  gint64 delta = outstanding - pool->outstanding;
  gint64 churn = pool->churn * interval * uniform (rng, 512, 1535) / (1000 * 1024);

  pool->allocs += (guint32) (churn + MAX (delta, 0));
  pool->frees += (guint32) (churn + MAX (-delta, 0));
  pool->outstanding = outstanding;
}

static void
tag_step (PmGenModel *self,
          PmGenTag   *tag,
          guint       snapshot)
{
  for (guint p = 0; p < PM_GEN_N_POOLS; p++)
    {
      PmGenPool *pool = &tag->pool[p];
      gboolean is_primary = p == tag->primary;
      gint64 outstanding = pool->outstanding;

      if (!pool->active)
        continue;

      if (is_primary && tag->kind == PM_GEN_KIND_LEAK)
        {
          /* Three times the base leaks, evenly over the run; a few
           * allocations in flight make it wiggle. */
          guint last = MAX (self->n_snapshots, 2) - 1;

          outstanding = pool->base + 3 * pool->base * snapshot / last
                        + uniform (&tag->rng, 0, pool->base / 50);
        }
      else if (is_primary && tag->kind == PM_GEN_KIND_GROUP)
        {
          pool_step_level (pool, &tag->rng);
          outstanding = level_to_count (pool->base,
                                        clamp64 ((gint64) self->group_walk * tag->gain / 256 + pool->level,
                                                 -Q16 * 6 / 10, Q16));
        }
      else if (pool->varies)
        {
          pool_step_level (pool, &tag->rng);
          outstanding = level_to_count (pool->base, pool->level);
        }

      pool_set_outstanding (pool, outstanding, &tag->rng, self->interval);
    }
}

/* Places the busy tag's wrap: plays a copy of the tag forward to the
 * snapshot at 1/3 of the run, then starts the counters so that there
 * Allocs has just passed 2^32 while Frees has not yet (the old sampler's
 * Diff goes negative exactly then). */
static void
plan_wrap (PmGenModel *self,
           PmGenTag   *tag)
{
  PmGenTag ahead = *tag;
  PmGenPool *pool = &tag->pool[PM_GEN_NON_PAGED];
  guint wrap_at = self->n_snapshots / 3;
  guint32 offset;

  if (wrap_at == 0)
    return;

  ahead.pool[PM_GEN_NON_PAGED].allocs = (guint32) pool->outstanding;
  ahead.pool[PM_GEN_NON_PAGED].frees = 0;
  for (guint s = 1; s <= wrap_at; s++)
    tag_step (self, &ahead, s);

  offset = (guint32) (ahead.pool[PM_GEN_NON_PAGED].outstanding / 2)
           - ahead.pool[PM_GEN_NON_PAGED].allocs;
  pool->allocs = offset + (guint32) pool->outstanding;
  pool->frees = offset;
}

static void
pool_init (PmGenPool *pool,
           guint64   *rng,
           gint64     count,
           gint64     size,
           gint32     sigma_bp,
           gint64     churn)
{
  pool->active = TRUE;
  pool->varies = TRUE;
  pool->base = count;
  pool->size = size;
  pool->sigma_bp = sigma_bp;
  pool->churn = churn;
  pool->level = (gint32) (noise_q16 (rng) * sigma_bp / 10000);
  pool->outstanding = level_to_count (count, pool->level);
  /* Counters since boot; small enough that only the busy tag wraps. */
  pool->frees = (guint32) log_uniform (rng, 2, 8);
  pool->allocs = pool->frees + (guint32) pool->outstanding;
}

static void
tag_init (PmGenModel         *self,
          PmGenTag           *tag,
          guint               index,
          const PmGenCoreTag *core,
          guint64             seed)
{
  guint64 *rng = &tag->rng;
  guint primary;
  gint64 count, size, churn;
  gint32 sigma;

  tag->rng = seed ^ (G_GUINT64_CONSTANT (0xD1B54A32D192ED03) * (index + 1));
  pm_gen_next_u64 (rng);
  tag->kind = core ? core->kind : PM_GEN_KIND_NOISE;
  primary = tag->primary = core ? core->pool : (guint) uniform (rng, 0, 1);
  count = core && core->count ? core->count : log_uniform (rng, 1, 4) * 2;
  size = core && core->size ? core->size : 16 * uniform (rng, 1, 128);

  switch (tag->kind)
    {
    case PM_GEN_KIND_STABLE:
      sigma = 20;
      churn = log_uniform (rng, 3, 5);
      break;
    case PM_GEN_KIND_LEAK:
      sigma = 0;
      churn = 5000;
      break;
    case PM_GEN_KIND_GROUP:
      sigma = 150;
      churn = 200000;
      break;
    case PM_GEN_KIND_LATE:
      sigma = 150;
      churn = 50000;
      break;
    case PM_GEN_KIND_BUSY:
      sigma = 200;
      churn = 20000000;
      break;
    case PM_GEN_KIND_NOISE:
    default:
      sigma = (gint32) uniform (rng, 50, 400);
      churn = log_uniform (rng, 1, 5);
      break;
    }

  /* Noise is capped so that no background tag drifts by more than a small
   * fraction of what the leak gains, in bytes or in allocations, at any
   * scale: the leak must stay the top grower. */
  if (tag->kind == PM_GEN_KIND_NOISE)
    sigma = (gint32) MIN (sigma, MIN (2500000000 / (count * size), 4000000 / count));

  pool_init (&tag->pool[primary], rng, count, size, sigma, churn);
  tag->gain = (gint32) uniform (rng, 180, 330);

  /* Most tags also hold a few allocations of the other pool. */
  if ((tag->kind == PM_GEN_KIND_NOISE || tag->kind == PM_GEN_KIND_STABLE)
      && uniform (rng, 0, 99) < 40)
    {
      PmGenPool *other = &tag->pool[1 - primary];
      /* One draw per statement: the order in which a call's arguments are
       * evaluated differs between compilers, and so would the numbers. */
      gint64 other_count = uniform (rng, 1, 40);
      gint64 other_size = 16 * uniform (rng, 2, 32);
      gint64 other_churn = log_uniform (rng, 1, 3);

      pool_init (other, rng, other_count, other_size, 0, other_churn);
      other->varies = FALSE;
    }

  if (tag->kind == PM_GEN_KIND_LATE)
    {
      /* A tag that did not exist has no counters yet. */
      tag->pool[primary].allocs = (guint32) tag->pool[primary].outstanding;
      tag->pool[primary].frees = 0;
    }
  if (tag->kind == PM_GEN_KIND_BUSY)
    plan_wrap (self, tag);
}

/* A synthetic tag: an upper-case letter, then letters and digits, now and
 * then padded with spaces the way Windows pads short tags. */
static char *
synthetic_name (guint64 *rng)
{
  static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static const char rest[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  char name[PM_FORMAT_TAG_LEN + 1] = { 0 };
  guint len = uniform (rng, 0, 99) < 12 ? (guint) uniform (rng, 2, 3) : PM_FORMAT_TAG_LEN;

  name[0] = upper[uniform (rng, 0, sizeof upper - 2)];
  for (guint i = 1; i < PM_FORMAT_TAG_LEN; i++)
    name[i] = i < len ? rest[uniform (rng, 0, sizeof rest - 2)] : ' ';
  return g_strdup (name);
}

PmGenModel *
pm_gen_model_new (guint   n_tags,
                  guint   n_snapshots,
                  guint   interval,
                  guint64 seed)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  PmGenModel *self = g_new0 (PmGenModel, 1);
  guint64 name_rng = seed ^ G_GUINT64_CONSTANT (0x6A09E667F3BCC909);
  guint64 info_rng = seed ^ G_GUINT64_CONSTANT (0xBB67AE8584CAA73B);
  guint64 order_rng = seed ^ G_GUINT64_CONSTANT (0x3C6EF372FE94F82B);

  self->n_tags = n_tags;
  self->n_snapshots = n_snapshots;
  self->interval = interval;
  self->late_snapshot = n_snapshots * 2 / 5;
  self->group_rng = seed ^ G_GUINT64_CONSTANT (0xA54FF53A5F1D36F1);
  self->tags = g_new0 (PmGenTag, n_tags);
  self->order = g_new (guint, n_tags);

  for (guint i = 0; i < G_N_ELEMENTS (core_tags); i++)
    g_hash_table_add (names, (gpointer) core_tags[i].tag);

  for (guint i = 0; i < n_tags; i++)
    {
      PmGenTag *tag = &self->tags[i];
      const PmGenCoreTag *core = i < G_N_ELEMENTS (core_tags) ? &core_tags[i] : NULL;

      if (core)
        {
          tag->tag = g_strdup (core->tag);
          tag->binary = g_strdup (core->binary);
          tag->description = g_strdup (core->description);
        }
      else
        {
          guint64 info = pm_gen_next_u64 (&info_rng) % 100;

          do
            {
              g_free (tag->tag);
              tag->tag = synthetic_name (&name_rng);
            }
          while (g_hash_table_contains (names, tag->tag));
          g_hash_table_add (names, tag->tag);
          tag->binary = g_strdup (info < 40 ? synthetic_binaries[uniform (&info_rng, 0, G_N_ELEMENTS (synthetic_binaries) - 1)] : "");
          tag->description = g_strdup (info < 35 ? synthetic_descriptions[uniform (&info_rng, 0, G_N_ELEMENTS (synthetic_descriptions) - 1)] : "");
        }
      tag_init (self, tag, i, core, seed);
    }

  /* Rows come in a fixed but shuffled order, as from the kernel's table. */
  for (guint i = 0; i < n_tags; i++)
    self->order[i] = i;
  for (guint i = n_tags; i > 1; i--)
    {
      guint j = (guint) uniform (&order_rng, 0, i - 1);
      guint t = self->order[i - 1];

      self->order[i - 1] = self->order[j];
      self->order[j] = t;
    }

  return self;
}

void
pm_gen_model_free (PmGenModel *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_tags; i++)
    {
      g_free (self->tags[i].tag);
      g_free (self->tags[i].binary);
      g_free (self->tags[i].description);
    }
  g_free (self->tags);
  g_free (self->order);
  g_clear_pointer (&self->leaks, pm_gen_leaks_free);
  g_free (self);
}

/**
 * pm_gen_model_new_leaks:
 *
 * A model driven by the `leaks` scenario (pm-gen-leaks.h) instead of the
 * planted tags of the samples; rows in tag order.
 */
PmGenModel *
pm_gen_model_new_leaks (guint   n_tags,
                        guint   n_snapshots,
                        guint   interval,
                        guint64 seed)
{
  PmGenModel *self = g_new0 (PmGenModel, 1);

  self->n_tags = n_tags;
  self->n_snapshots = n_snapshots;
  self->interval = interval;
  self->leaks = pm_gen_leaks_new (n_tags, n_snapshots, interval, seed);
  self->tags = g_new0 (PmGenTag, n_tags);
  self->order = g_new (guint, n_tags);
  for (guint i = 0; i < n_tags; i++)
    {
      self->tags[i].tag = g_strdup (pm_gen_leaks_get_tag (self->leaks, i));
      self->tags[i].binary = g_strdup ("");
      self->tags[i].description = g_strdup ("");
      self->order[i] = i;
    }
  return self;
}

/* Returns: (nullable): the scenario behind a pm_gen_model_new_leaks() model */
PmGenLeaks *
pm_gen_model_get_leaks (PmGenModel *self)
{
  return self->leaks;
}

guint
pm_gen_model_get_n_tags (PmGenModel *self)
{
  return self->n_tags;
}

const char *
pm_gen_model_get_tag (PmGenModel *self,
                      guint       tag)
{
  return self->tags[tag].tag;
}

const char *
pm_gen_model_get_binary (PmGenModel *self,
                         guint       tag)
{
  return self->tags[tag].binary;
}

const char *
pm_gen_model_get_description (PmGenModel *self,
                              guint       tag)
{
  return self->tags[tag].description;
}

/* Returns the tag written at row @position of every snapshot. */
guint
pm_gen_model_get_row_order (PmGenModel *self,
                            guint       position)
{
  return self->order[position];
}

/* Moves every tag on to the next snapshot. */
void
pm_gen_model_advance (PmGenModel *self)
{
  self->snapshot++;
  if (self->leaks != NULL)
    {
      pm_gen_leaks_advance (self->leaks);
      return;
    }

  /* The shared walk: phi = 63/64, steps of 4% of the base. */
  self->group_walk = (gint32) clamp64 (self->group_walk - self->group_walk / 64
                                       + noise_q16 (&self->group_rng) * 4 / 100,
                                       -Q16 / 2, Q16 * 3 / 4);

  for (guint i = 0; i < self->n_tags; i++)
    {
      PmGenTag *tag = &self->tags[i];

      if (tag->kind == PM_GEN_KIND_LATE && self->snapshot <= self->late_snapshot)
        continue;
      tag_step (self, tag, self->snapshot);
    }
}

/* Fills @row with the tag's numbers in the current snapshot. Returns FALSE
 * when the tag is absent from it. */
gboolean
pm_gen_model_get_row (PmGenModel *self,
                      guint       tag,
                      PmGenRow   *row)
{
  const PmGenTag *t = &self->tags[tag];

  if (self->leaks != NULL)
    return pm_gen_leaks_get_row (self->leaks, tag, row);
  if (t->kind == PM_GEN_KIND_LATE && self->snapshot < self->late_snapshot)
    return FALSE;

  for (guint p = 0; p < PM_GEN_N_POOLS; p++)
    {
      row->allocs[p] = t->pool[p].allocs;
      row->frees[p] = t->pool[p].frees;
      row->used[p] = t->pool[p].outstanding * t->pool[p].size;
    }
  return TRUE;
}
