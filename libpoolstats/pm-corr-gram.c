/* pm-corr-gram.c: the all-tags product straight from the packed dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix of r is G = A·Aᵀ, A the normalised series (one row per tag).
 * Holding A whole costs tags × snapshots doubles (1 GB for a month of 3,000
 * tags), more than the packed dataset itself. Here A is never held: a first
 * pass finds each row's mean and scale (as _pm_corr_normalise() does, so the
 * values are the same to the bit), then the snapshots are taken a slice of
 * SLICE at a time: every row's slice is decoded, normalised and packed into
 * a panel, and the panel's product with itself is added to G. Memory: G
 * plus two panels (about 12 MB each for 3,000 tags), and each value is
 * decoded twice in all.
 *
 * The panel keeps rows in groups of 8, each group's slice value by value
 * (8 doubles per snapshot), so that one load gives 8 rows and a tile of
 * rows × NR columns keeps its sums in registers over KC snapshots (a
 * register-blocked micro-kernel: 24 × 8 on AVX-512, 8 × 4 on AVX2). Rows
 * are taken in blocks of BLOCK_GROUPS groups that stay in L2 while the
 * columns go past them, 8 at a time (L1). Tiles are written to the LOWER
 * triangle, G[j][i] with j ≥ i, where 8 rows of one column are 8 doubles in
 * a row: _pm_corr_matrix_finish_lower() mirrors it.
 *
 * Two threads share the work of each slice through an atomic counter (the
 * decoding of the next slice into the second panel, then the tiles of this
 * one, big first), so a thread that the machine's other load holds back
 * simply takes fewer items; a barrier ends each slice.
 *
 * The kernels: one source written with GCC/Clang vector extensions,
 * compiled for AVX-512F, for AVX2+FMA and for the baseline ISA (SSE2 on
 * x86-64), chosen at run time from what the CPU supports; and a plain-C one (no extensions,
 * the only one with another compiler). PM_CORR_KERNEL=plain|vector|avx2|
 * avx512|blas picks one (tests run them all); "blas" takes the older path
 * (the normalised series whole, then a BLAS or pm-corr-kernel.c's loop).
 */
#include "pm-corr-private.h"

#include <string.h>

/* Snapshots per slice: the packed dataset's chunk, so each slice decodes
 * whole chunks. */
#define SLICE 512
/* The k-extent of one kernel call: a column group's 8 × KC doubles (16 KB)
 * stay in L1 while the rows' tiles go past them. */
#define KC 256
/* Rows per block: 24 groups (192 rows × KC: 384 KB, in L2). A multiple of
 * every kernel's groups of rows per tile (1 or 3). */
#define BLOCK_GROUPS 24
/* Column groups per work item (512 columns). */
#define ITEM_GROUPS 64
/* Rows decoded per work item. */
#define DECODE_ROWS 64

#if defined(__GNUC__) || defined(__clang__)
# define PM_HAVE_VECTOR_EXT 1
#else
# define PM_HAVE_VECTOR_EXT 0
#endif

/* Not with GCC for Windows (MinGW, MSYS2): it assumes 32- and 64-byte
 * aligned stack slots for AVX spills that the Windows ABI does not give
 * (GCC bug 54412), a crash waiting to happen. Clang there realigns. */
#if PM_HAVE_VECTOR_EXT && (defined(__x86_64__) || defined(__i386__)) && \
    !(defined(_WIN32) && !defined(__clang__))
# define PM_HAVE_X86_KERNELS 1
#else
# define PM_HAVE_X86_KERNELS 0
#endif

typedef struct _GramJob GramJob;

/* One block of rows against a range of column groups, for one kernel call's
 * worth of snapshots [k0, k0 + kc) of the panel. */
typedef void (*BlockFunc) (const GramJob *job,
                           const double  *panel,
                           guint          k0,
                           guint          kc,
                           guint          row_group,
                           guint          col_group0,
                           guint          col_group1,
                           gboolean       first_slice);

struct _GramJob
{
  PmDataset           *dataset;
  const PmCorrOptions *options;
  const guint         *tags;
  guint                n;            /* rows */
  guint                first;        /* first snapshot */
  guint                n_values;     /* values per row (n_snapshots, or one less) */
  guint                n_groups;     /* groups of 8 rows, padded to BLOCK_GROUPS */
  double              *c;            /* n × n, lower triangle written */
  guint8              *defined;
  double              *mean;
  double              *correction;
  double              *scale;
  BlockFunc            block;

  /* Slices: values [slice_start[s], slice_start[s + 1]) */
  guint                n_slices;
  guint               *slice_start;
  double              *panels[2];
  /* Work items of the product: (row group, col group 0, col group 1). */
  guint                n_items;
  guint               *items;

  /* The threads' rendezvous and their shared work counter. */
  GMutex               mutex;
  GCond                cond;
  guint                n_threads;
  guint                arrived;
  guint                generation;
  gint                 next;
  GCancellable        *cancellable;
  gboolean             cancelled;
};

/* ---- the kernels -------------------------------------------------------- */

/* @count rows (from i0) of one column j of a tile, added (or stored) into
 * the lower triangle at c[j][i0..]; rows past the last are left alone. */
static inline void
store_lanes (const GramJob *job,
             guint          j,
             guint          i0,
             guint          count,
             const double  *v,
             gboolean       first_slice)
{
  double *dst = job->c + (gsize) j * job->n + i0;
  guint lanes = MIN (count, job->n - i0);

  if (first_slice)
    for (guint l = 0; l < lanes; l++)
      dst[l] = v[l];
  else
    for (guint l = 0; l < lanes; l++)
      dst[l] += v[l];
}

/* The plain kernel: no vector extensions, one group of 8 rows × 4 columns
 * (32 accumulators the compiler may keep in registers or vectorise). */
static void
block_plain (const GramJob *job,
             const double  *panel,
             guint          k0,
             guint          kc,
             guint          row_group,
             guint          col_group0,
             guint          col_group1,
             gboolean       first_slice)
{
  guint n = job->n;

  for (guint jg = col_group0; jg < col_group1; jg++)
    {
      const double *b = panel + (gsize) jg * SLICE * 8 + (gsize) k0 * 8;

      for (guint g = row_group; g < row_group + BLOCK_GROUPS && g <= jg; g++)
        {
          const double *a = panel + (gsize) g * SLICE * 8 + (gsize) k0 * 8;

          if (g * 8 >= n)
            break;
          for (guint q0 = 0; q0 < 8; q0 += 4)
            {
              double acc[4][8] = { { 0 } };
              guint j0 = jg * 8 + q0;

              if (j0 >= n)
                break;
              for (guint k = 0; k < kc; k++)
                for (guint q = 0; q < 4; q++)
                  {
                    double bq = b[k * 8 + q0 + q];

                    for (guint l = 0; l < 8; l++)
                      acc[q][l] += a[k * 8 + l] * bq;
                  }
              for (guint q = 0; q < 4 && j0 + q < n; q++)
                store_lanes (job, j0 + q, g * 8, 8, acc[q], first_slice);
            }
        }
    }
}

#if PM_HAVE_VECTOR_EXT
/* Every loop over NX or NR unrolls, so that the sums can be registers
 * (Clang takes "GCC unroll 8" for a count, and leaves a loop of 3 alone). */
#if defined(__clang__)
# define PM_UNROLL _Pragma ("unroll")
#else
# define PM_UNROLL _Pragma ("GCC unroll 8")
#endif

/* Vectors of VW doubles, the width of the ISA's registers (a wider type
 * would be split into several registers, and compilers then shuffle them
 * through the stack); the U types load at any double's address. */
typedef double PmV8d __attribute__ ((vector_size (64)));
typedef double PmV8dU __attribute__ ((vector_size (64), aligned (8), may_alias));
typedef double PmV4d __attribute__ ((vector_size (32)));
typedef double PmV4dU __attribute__ ((vector_size (32), aligned (8), may_alias));
typedef double PmV2d __attribute__ ((vector_size (16)));
typedef double PmV2dU __attribute__ ((vector_size (16), aligned (8), may_alias));

/* The vector v of a tile's rows at snapshot k: rows v·VW.. of the tile,
 * which lie in group v·VW/8 at lane (v·VW) mod 8. */
#define TILE_ROWS(ak, v, VW) ((ak) + (gsize) ((v) * (VW) / 8) * SLICE * 8 + ((v) * (VW)) % 8)

/* Rows [row_group, +BLOCK_GROUPS) groups × columns of groups [col_group0,
 * col_group1): tiles of NX vectors of VW rows (NX·VW a multiple of 8) × NR
 * columns, their sums in NX × NR vectors over the KC snapshots. NX and NR
 * are constants where this is inlined, so the loops unroll and the sums
 * live in registers. */
#define DEFINE_BLOCK_BODY(name, VT, VTU, VW)                                          \
static inline __attribute__ ((always_inline)) void                                     \
name (const GramJob *job,                                                              \
      const double  *panel,                                                            \
      guint          k0,                                                               \
      guint          kc,                                                               \
      guint          row_group,                                                        \
      guint          col_group0,                                                       \
      guint          col_group1,                                                       \
      gboolean       first_slice,                                                      \
      const guint    NX,                                                               \
      const guint    NR)                                                               \
{                                                                                      \
  guint n = job->n;                                                                    \
  guint gr = NX * VW / 8;                                                              \
                                                                                       \
  for (guint jg = col_group0; jg < col_group1; jg++)                                   \
    {                                                                                  \
      const double *b = panel + (gsize) jg * SLICE * 8 + (gsize) k0 * 8;               \
                                                                                       \
      for (guint g = row_group; g < row_group + BLOCK_GROUPS && g <= jg; g += gr)      \
        {                                                                              \
          const double *a = panel + (gsize) g * SLICE * 8 + (gsize) k0 * 8;            \
                                                                                       \
          if (g * 8 >= n)                                                              \
            break;                                                                     \
          for (guint q0 = 0; q0 < 8; q0 += NR)                                         \
            {                                                                          \
              VT acc[4][8];                                                            \
              guint j0 = jg * 8 + q0;                                                  \
                                                                                       \
              if (j0 >= n)                                                             \
                break;                                                                 \
              PM_UNROLL                                                                \
              for (guint v = 0; v < NX; v++)                                           \
                PM_UNROLL                                                              \
                for (guint q = 0; q < NR; q++)                                         \
                  acc[v][q] = (VT) { 0 };                                              \
                                                                                       \
              for (gsize k = 0; k < kc; k++)                                           \
                {                                                                      \
                  const double *ak = a + k * 8;                                        \
                  const double *bk = b + k * 8 + q0;                                   \
                  VT x[4];                                                             \
                                                                                       \
                  /* Written out: Clang would copy a loop's vectors through            \
                   * the stack. */                                                     \
                  x[0] = *(const VTU *) TILE_ROWS (ak, 0, VW);                         \
                  if (NX > 1)                                                          \
                    x[1] = *(const VTU *) TILE_ROWS (ak, 1, VW);                       \
                  if (NX > 2)                                                          \
                    x[2] = *(const VTU *) TILE_ROWS (ak, 2, VW);                       \
                  if (NX > 3)                                                          \
                    x[3] = *(const VTU *) TILE_ROWS (ak, 3, VW);                       \
                  PM_UNROLL                                                            \
                  for (guint q = 0; q < NR; q++)                                       \
                    {                                                                  \
                      double bq = bk[q];                                               \
                                                                                       \
                      PM_UNROLL                                                        \
                      for (guint v = 0; v < NX; v++)                                   \
                        acc[v][q] += x[v] * bq;                                        \
                    }                                                                  \
                }                                                                      \
                                                                                       \
              for (guint v = 0; v < NX; v++)                                           \
                {                                                                      \
                  guint i0 = g * 8 + v * VW;                                           \
                                                                                       \
                  if (i0 >= n)                                                         \
                    break;                                                             \
                  for (guint q = 0; q < NR && j0 + q < n; q++)                         \
                    {                                                                  \
                      double *dst = job->c + (gsize) (j0 + q) * n + i0;                \
                                                                                       \
                      if (i0 + VW <= n)                                                \
                        {                                                              \
                          VT sum = acc[v][q];                                          \
                                                                                       \
                          if (!first_slice)                                            \
                            sum += *(const VTU *) dst;                                 \
                          *(VTU *) dst = sum;                                          \
                        }                                                              \
                      else                                                             \
                        {                                                              \
                          double lanes[VW];                                            \
                                                                                       \
                          memcpy (lanes, &acc[v][q], sizeof lanes);                    \
                          store_lanes (job, j0 + q, i0, VW, lanes, first_slice);       \
                        }                                                              \
                    }                                                                  \
                }                                                                      \
            }                                                                          \
        }                                                                              \
    }                                                                                  \
}

DEFINE_BLOCK_BODY (block_body_v8, PmV8d, PmV8dU, 8)
DEFINE_BLOCK_BODY (block_body_v4, PmV4d, PmV4dU, 4)
DEFINE_BLOCK_BODY (block_body_v2, PmV2d, PmV2dU, 2)

/* The baseline ISA (SSE2 on x86-64, NEON on arm64): small tiles, as its
 * registers are few. */
static void
block_vector (const GramJob *job,
              const double  *panel,
              guint          k0,
              guint          kc,
              guint          row_group,
              guint          col_group0,
              guint          col_group1,
              gboolean       first_slice)
{
  block_body_v2 (job, panel, k0, kc, row_group, col_group0, col_group1, first_slice, 4, 2);
}
#endif

#if PM_HAVE_X86_KERNELS
/* 16 ymm registers: 8 rows (two vectors) × 4 columns of sums. */
__attribute__ ((target ("avx2,fma"))) static void
block_avx2 (const GramJob *job,
            const double  *panel,
            guint          k0,
            guint          kc,
            guint          row_group,
            guint          col_group0,
            guint          col_group1,
            gboolean       first_slice)
{
  block_body_v4 (job, panel, k0, kc, row_group, col_group0, col_group1, first_slice, 2, 4);
}

/* 32 zmm registers: 24 rows (three vectors) × 8 columns of sums. */
__attribute__ ((target ("avx512f"))) static void
block_avx512 (const GramJob *job,
              const double  *panel,
              guint          k0,
              guint          kc,
              guint          row_group,
              guint          col_group0,
              guint          col_group1,
              gboolean       first_slice)
{
  block_body_v8 (job, panel, k0, kc, row_group, col_group0, col_group1, first_slice, 3, 8);
}
#endif

typedef struct
{
  const char *name;
  BlockFunc   func;
} Kernel;

/* Best first. */
static const Kernel kernels[] = {
#if PM_HAVE_X86_KERNELS
  { "avx512", block_avx512 },
  { "avx2", block_avx2 },
#endif
#if PM_HAVE_VECTOR_EXT
  { "vector", block_vector },
#endif
  { "plain", block_plain },
};

static gboolean
kernel_supported (const Kernel *k)
{
#if PM_HAVE_X86_KERNELS
  if (k->func == block_avx512)
    return __builtin_cpu_supports ("avx512f");
  if (k->func == block_avx2)
    return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
#endif
  return TRUE;
}

/**
 * _pm_corr_gram_kernel:
 *
 * Returns: (nullable): the name of the kernel the all-tags product uses
 *   ("avx512", "avx2", "vector", "plain"), or %NULL for the older path
 *   (PM_CORR_KERNEL=blas, or a name this CPU or build does not have)
 */
const char *
_pm_corr_gram_kernel (void)
{
  const char *want = g_getenv ("PM_CORR_KERNEL");

#if PM_HAVE_X86_KERNELS
  __builtin_cpu_init ();
#endif
  for (guint i = 0; i < G_N_ELEMENTS (kernels); i++)
    if ((want == NULL || *want == '\0' || strcmp (want, kernels[i].name) == 0) &&
        kernel_supported (&kernels[i]))
      return kernels[i].name;

  return NULL;
}

static BlockFunc
kernel_func (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kernels); i++)
    if (strcmp (name, kernels[i].name) == 0)
      return kernels[i].func;
  g_return_val_if_reached (block_plain);
}

/* ---- the passes ----------------------------------------------------------- */

/* Values [v0, v0 + len) of row i's series (levels or increments) into @out,
 * @raw a scratch of len + 1 values. */
static void
read_values (const GramJob *job,
             guint          i,
             guint          v0,
             guint          len,
             double        *out,
             double        *raw)
{
  if (!job->options->increments)
    {
      pm_dataset_copy_series_double (job->dataset, job->options->metric, job->tags[i],
                                     job->first + v0, len, out);
      return;
    }
  /* Differences of integers below 2^53 are exact in double. */
  pm_dataset_copy_series_double (job->dataset, job->options->metric, job->tags[i],
                                 job->first + v0, len + 1, raw);
  for (guint k = 0; k < len; k++)
    out[k] = raw[k + 1] - raw[k];
}

/* Rows [i0, i1): mean, correction and scale of each whole series. */
static void
stats_rows (GramJob *job,
            guint    i0,
            guint    i1,
            double  *values,
            double  *raw)
{
  for (guint i = i0; i < i1; i++)
    {
      PmCorrScale s;

      read_values (job, i, 0, job->n_values, values, raw);
      job->defined[i] = _pm_corr_scale_of (values, job->n_values, &s);
      job->mean[i] = s.mean;
      job->correction[i] = s.correction;
      job->scale[i] = s.scale;
    }
}

/* Rows [i0, i1) of slice @slice, normalised, into @panel. */
static void
decode_rows (GramJob *job,
             guint    slice,
             double  *panel,
             guint    i0,
             guint    i1,
             double  *values,
             double  *raw)
{
  guint v0 = job->slice_start[slice];
  guint len = job->slice_start[slice + 1] - v0;

  for (guint i = i0; i < i1; i++)
    {
      double *dst = panel + (gsize) (i / 8) * SLICE * 8 + i % 8;

      /* A constant series' row stays as the panels were made: zeros. */
      if (!job->defined[i])
        continue;
      read_values (job, i, v0, len, values, raw);
      /* Exactly _pm_corr_normalise()'s operations, in its order. */
      for (guint k = 0; k < len; k++)
        dst[k * 8] = ((values[k] - job->mean[i]) - job->correction[i]) * job->scale[i];
    }
}

/* Waits for every thread; the last to arrive runs @leader (then the rest
 * go on). */
static void
barrier (GramJob *job,
         void   (*leader) (GramJob *job))
{
  g_mutex_lock (&job->mutex);
  if (++job->arrived == job->n_threads)
    {
      if (leader != NULL)
        leader (job);
      job->arrived = 0;
      job->generation++;
      g_cond_broadcast (&job->cond);
    }
  else
    {
      guint generation = job->generation;

      while (generation == job->generation)
        g_cond_wait (&job->cond, &job->mutex);
    }
  g_mutex_unlock (&job->mutex);
}

static void
next_phase (GramJob *job)
{
  g_atomic_int_set (&job->next, 0);
  if (g_cancellable_is_cancelled (job->cancellable))
    job->cancelled = TRUE;
}

/* The work of one thread: the stats pass, the decode of slice 0, then per
 * slice s the decode of slice s + 1 and the tiles of slice s. The calling
 * thread (@progress set) reports progress between slices. */
static void
gram_worker (GramJob            *job,
             PmCorrProgressFunc  progress,
             gpointer            user_data)
{
  guint values_len = MAX (job->n_values, SLICE) + 1;
  g_autofree double *values = g_new (double, values_len);
  g_autofree double *raw = g_new (double, values_len);
  guint n_decode = (job->n + DECODE_ROWS - 1) / DECODE_ROWS;
  int item;

  /* Stats: rows in runs of 8. */
  while ((item = g_atomic_int_add (&job->next, 1)) < (int) ((job->n + 7) / 8) &&
         !g_cancellable_is_cancelled (job->cancellable))
    stats_rows (job, item * 8, MIN (job->n, (guint) item * 8 + 8), values, raw);
  barrier (job, next_phase);

  /* Slice -1: only the decode of slice 0, into panel 0. */
  while (!job->cancelled && (item = g_atomic_int_add (&job->next, 1)) < (int) n_decode)
    decode_rows (job, 0, job->panels[0], item * DECODE_ROWS,
                 MIN (job->n, (guint) (item + 1) * DECODE_ROWS), values, raw);
  barrier (job, next_phase);

  for (guint s = 0; s < job->n_slices && !job->cancelled; s++)
    {
      const double *panel = job->panels[s & 1];
      gboolean has_next = s + 1 < job->n_slices;
      guint n_items = (has_next ? n_decode : 0) + job->n_items;
      guint len = job->slice_start[s + 1] - job->slice_start[s];

      /* Decoding first: both threads start with it, and the long tiles
       * come before the short ones. */
      while ((item = g_atomic_int_add (&job->next, 1)) < (int) n_items)
        {
          if (has_next && item < (int) n_decode)
            {
              decode_rows (job, s + 1, job->panels[(s + 1) & 1], item * DECODE_ROWS,
                           MIN (job->n, (guint) (item + 1) * DECODE_ROWS), values, raw);
              continue;
            }
          if (has_next)
            item -= n_decode;
          for (guint k0 = 0; k0 < len; k0 += KC)
            job->block (job, panel, k0, MIN (KC, len - k0), job->items[item * 3],
                        job->items[item * 3 + 1], job->items[item * 3 + 2], s == 0 && k0 == 0);
        }
      barrier (job, next_phase);
      if (progress != NULL)
        progress (0.05 + 0.9 * (s + 1) / job->n_slices, user_data);
    }
}

static gpointer
gram_thread (gpointer data)
{
  gram_worker (data, NULL, NULL);
  return NULL;
}

/* The work items: per block of rows, its columns (from the block's first
 * group on) in runs of ITEM_GROUPS groups, the blocks with more columns
 * first. */
static void
make_items (GramJob *job)
{
  guint n_real = (job->n + 7) / 8;
  GArray *items = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint rg = 0; rg < n_real; rg += BLOCK_GROUPS)
    for (guint cg = rg; cg < n_real; cg += ITEM_GROUPS)
      {
        guint v[3] = { rg, cg, MIN (n_real, cg + ITEM_GROUPS) };

        g_array_append_vals (items, v, 3);
      }
  job->n_items = items->len / 3;
  job->items = (guint *) g_array_free (items, FALSE);
}

/**
 * _pm_corr_gram:
 * @c: n_tags × n_tags doubles: its lower triangle gets Σ aᵢ·aⱼ (j ≥ i: c[j][i])
 * @defined: (out): per row, FALSE for a constant series
 *
 * The product of the normalised series with themselves, slice by slice from
 * the dataset (see the top of this file), with the kernel @kernel
 * (_pm_corr_gram_kernel()). Progress goes from 0.05 to 0.95.
 */
gboolean
_pm_corr_gram (PmDataset           *dataset,
               const PmCorrOptions *options,
               const guint         *tags,
               guint                n_tags,
               guint                first,
               guint                n_values,
               const char          *kernel,
               double              *c,
               guint8              *defined,
               PmCorrProgressFunc   progress,
               gpointer             user_data,
               GCancellable        *cancellable,
               GError             **error)
{
  GramJob job = { 0 };
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *mean = g_new (double, MAX (n_tags, 1));
  g_autofree double *correction = g_new (double, MAX (n_tags, 1));
  g_autofree double *scale = g_new (double, MAX (n_tags, 1));
  GThread *helper = NULL;
  gsize panel_size;
  guint zero = 0;

  job.dataset = dataset;
  job.options = options;
  job.tags = tags;
  job.n = n_tags;
  job.first = first;
  job.n_values = n_values;
  job.n_groups = (n_tags + 8 * BLOCK_GROUPS - 1) / (8 * BLOCK_GROUPS) * BLOCK_GROUPS;
  job.c = c;
  job.defined = defined;
  job.mean = mean;
  job.correction = correction;
  job.scale = scale;
  job.block = kernel_func (kernel);
  job.cancellable = cancellable;

  /* Slices end on the packed chunks' boundaries (in snapshots). */
  g_array_append_val (starts, zero);
  for (guint s0 = (first / SLICE + 1) * SLICE; s0 < first + n_values; s0 += SLICE)
    {
      guint v = s0 - first;

      g_array_append_val (starts, v);
    }
  g_array_append_val (starts, n_values);
  job.n_slices = starts->len - 1;
  job.slice_start = (guint *) starts->data;

  /* Padding rows stay zero: tiles may read them, never store them. */
  panel_size = (gsize) job.n_groups * SLICE * 8 * sizeof (double);
  for (guint p = 0; p < 2; p++)
    {
      job.panels[p] = g_try_malloc0 (panel_size);
      if (job.panels[p] == NULL)
        {
          g_free (job.panels[0]);
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       "Not enough memory for the correlation's panels");
          return FALSE;
        }
    }
  make_items (&job);

  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);
  job.n_threads = 1;
  if (g_get_num_processors () > 1 && (guint64) n_tags * n_tags * n_values > 1000000)
    {
      job.n_threads = 2;
      helper = g_thread_new ("pm-corr", gram_thread, &job);
    }

  gram_worker (&job, progress, user_data);

  if (helper != NULL)
    g_thread_join (helper);
  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);
  g_free (job.panels[0]);
  g_free (job.panels[1]);
  g_free (job.items);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
