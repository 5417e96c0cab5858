/* pm-packed.c: frame-of-reference bit packing of a chunk of counters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is described in pm-packed-private.h. Decoding is one unaligned
 * 64-bit load, a shift, a mask, a multiply-add per value: about a nanosecond,
 * so analyses that copy whole series out see no difference.
 */
#include "pm-packed-private.h"

#include <string.h>

static inline guint64
zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

static inline gint64
unzigzag (guint64 u)
{
  return (gint64) (u >> 1) ^ -(gint64) (u & 1);
}

static inline guint8 *
put_varint (guint8  *p,
            guint64  v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

/* Reads a varint from [*p, end); FALSE when it runs past @end or is too long. */
static inline gboolean
get_varint (const guint8 **p,
            const guint8  *end,
            guint64       *v)
{
  guint64 result = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 b;

      if (*p >= end)
        return FALSE;
      b = *(*p)++;
      result |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        {
          *v = result;
          return TRUE;
        }
    }
  return FALSE;
}

static inline guint64
gcd64 (guint64 a,
       guint64 b)
{
  while (b != 0)
    {
      guint64 t = a % b;
      a = b;
      b = t;
    }
  return a;
}

static inline guint64
load64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

/* The most bytes a chunk of @n values can take. */
gsize
_pm_packed_bound (guint n)
{
  return 1 + 3 * 10 + (gsize) n * 8;
}

/**
 * _pm_packed_encode:
 * @values: @n values, 1 <= @n <= PM_CHUNK
 * @out: at least _pm_packed_bound(@n) bytes
 *
 * Returns: the bytes written
 */
gsize
_pm_packed_encode (const gint64 *values,
                   guint         n,
                   guint8       *out)
{
  guint64 steps[PM_CHUNK];
  gint64 d_min = G_MAXINT64;
  guint64 scale = 0, q_max = 0, acc = 0;
  guint width = 0, fill = 0;
  guint8 *p = out + 1;

  g_assert (n >= 1 && n <= PM_CHUNK);

  for (guint i = 1; i < n; i++)
    {
      gint64 d = (gint64) ((guint64) values[i] - (guint64) values[i - 1]);

      steps[i] = (guint64) d;
      d_min = MIN (d_min, d);
    }
  if (n == 1)
    d_min = 0;
  for (guint i = 1; i < n; i++)
    {
      steps[i] -= (guint64) d_min;
      scale = gcd64 (steps[i], scale);
    }
  if (scale != 0)
    for (guint i = 1; i < n; i++)
      {
        steps[i] /= scale;
        q_max |= steps[i];
      }
  width = q_max == 0 ? 0 : 64 - __builtin_clzll (q_max);

  out[0] = (guint8) width;
  p = put_varint (p, zigzag (values[0]));
  p = put_varint (p, zigzag (d_min));
  if (width == 0)
    return p - out;
  p = put_varint (p, scale);

  for (guint i = 1; i < n; i++)
    {
      guint64 q = steps[i];

      acc |= q << fill;
      fill += width;
      if (fill >= 64)
        {
          guint64 le = GUINT64_TO_LE (acc);

          memcpy (p, &le, 8);
          p += 8;
          fill -= 64;
          acc = fill == 0 ? 0 : q >> (width - fill);
        }
    }
  while (fill > 0)
    {
      *p++ = (guint8) acc;
      acc >>= 8;
      fill = fill > 8 ? fill - 8 : 0;
    }

  return p - out;
}

static inline guint64
unpack (const guint8 *bits,
        guint         i,
        guint         width,
        guint64       mask)
{
  gsize bit = (gsize) i * width;
  guint shift = bit & 7;
  guint64 v = load64 (bits + (bit >> 3)) >> shift;

  /* Past 56 bits the value may straddle nine bytes. */
  if (width + shift > 64)
    v |= (guint64) bits[(bit >> 3) + 8] << (64 - shift);
  return v & mask;
}

/* A chunk's header: its first value, the least step, and (width > 0) the
 * scale of the packed steps and the mask of one. Leaves @p at the bits. */
typedef struct
{
  const guint8 *p;
  guint         width;
  guint64       first;
  guint64       d_min;
  guint64       scale;
  guint64       mask;
} ChunkHeader;

static inline void
read_header (const guint8 *chunk,
             guint         n,
             ChunkHeader  *h)
{
  const guint8 *end = chunk + _pm_packed_bound (n);
  guint64 u = 0;

  h->p = chunk + 1;
  h->width = chunk[0];
  h->scale = 0;
  h->mask = 0;
  get_varint (&h->p, end, &u);
  h->first = (guint64) unzigzag (u);
  get_varint (&h->p, end, &u);
  h->d_min = (guint64) unzigzag (u);
  if (h->width == 0)
    return;
  get_varint (&h->p, end, &h->scale);
  h->mask = h->width == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << h->width) - 1;
}

/**
 * _pm_packed_decode:
 * @chunk: a chunk of @n values, 8 readable bytes after it
 * @from: the first value wanted
 * @count: how many
 * @out: (array length=count): the values
 */
void
_pm_packed_decode (const guint8 *chunk,
                   guint         n,
                   guint         from,
                   guint         count,
                   gint64       *out)
{
  ChunkHeader h;
  const guint8 *p;
  guint width;
  guint64 v, d_min, scale, mask;

  g_assert (from + count <= n);

  read_header (chunk, n, &h);
  p = h.p;
  width = h.width;
  v = h.first;
  d_min = h.d_min;
  scale = h.scale;
  mask = h.mask;
  if (width == 0)
    {
      for (guint i = 0; i < count; i++)
        out[i] = (gint64) (v + d_min * (from + i));
      return;
    }

  /* q_i of value i is packed at index i - 1. */
  for (guint i = 1; i <= from; i++)
    v += d_min + scale * unpack (p, i - 1, width, mask);
  if (count == 0)
    return;
  out[0] = (gint64) v;
  if (width <= 56)
    {
      /* Every value lies within one 8-byte load: no straddling to check. */
      gsize bit = (gsize) from * width;

      for (guint i = 1; i < count; i++, bit += width)
        {
          v += d_min + scale * ((load64 (p + (bit >> 3)) >> (bit & 7)) & mask);
          out[i] = (gint64) v;
        }
      return;
    }
  for (guint i = 1; i < count; i++)
    {
      v += d_min + scale * unpack (p, from + i - 1, width, mask);
      out[i] = (gint64) v;
    }
}

/**
 * _pm_packed_decode_after:
 * @chunk: a chunk of @n values, 8 readable bytes after it
 * @from: the first value wanted
 * @count: how many
 * @prev: value @from − 1 (ignored when @from is 0)
 * @out: (array length=count): the values
 *
 * As _pm_packed_decode(), but from the value before @from, which the
 * caller knows: each value costs one step, not a walk from the chunk's
 * start (a tag table carried on over appended snapshots).
 */
void
_pm_packed_decode_after (const guint8 *chunk,
                         guint         n,
                         guint         from,
                         guint         count,
                         gint64        prev,
                         gint64       *out)
{
  ChunkHeader h;
  guint64 v = (guint64) prev;

  g_assert (from + count <= n);

  if (from == 0)
    {
      _pm_packed_decode (chunk, n, 0, count, out);
      return;
    }
  read_header (chunk, n, &h);
  if (h.width == 0)
    {
      for (guint i = 0; i < count; i++)
        out[i] = (gint64) (v += h.d_min);
      return;
    }
  for (guint i = 0; i < count; i++)
    {
      v += h.d_min + h.scale * unpack (h.p, from + i - 1, h.width, h.mask);
      out[i] = (gint64) v;
    }
}

/**
 * _pm_packed_check:
 * @chunk: bytes that claim to hold a chunk of @n values
 * @avail: how many bytes there are
 * @used: (out): the chunk's size
 *
 * Returns: %TRUE when the chunk's header is sound and its bits fit in @avail;
 *   only then may it be decoded (given the padding after it)
 */
gboolean
_pm_packed_check (const guint8 *chunk,
                  gsize         avail,
                  guint         n,
                  gsize        *used)
{
  const guint8 *p = chunk + 1, *end = chunk + avail;
  guint64 u;
  guint width;
  gsize bytes;

  if (avail < 1 || n < 1 || n > PM_CHUNK || (width = chunk[0]) > 64)
    return FALSE;
  if (!get_varint (&p, end, &u) || !get_varint (&p, end, &u))
    return FALSE;
  if (width > 0 && (!get_varint (&p, end, &u) || u == 0))
    return FALSE;
  bytes = ((gsize) (n - 1) * width + 7) / 8;
  if (width > 0 && bytes > (gsize) (end - p))
    return FALSE;
  *used = (p - chunk) + (width > 0 ? bytes : 0);
  return TRUE;
}
