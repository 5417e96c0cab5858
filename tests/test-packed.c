/* test-packed.c: the dataset's chunk packing round-trips every int64
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pm-packed-private.h"

static guint64 rng = 0x243f6a8885a308d3ULL;

static guint64
next (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* Encodes @n values, checks the chunk, then decodes every sub-run of a few
 * kinds (all, from each start to the end, single values). */
static gsize
round_trip (const gint64 *values,
            guint         n)
{
  g_autofree guint8 *buf = g_malloc0 (_pm_packed_bound (n) + PM_PACKED_PADDING);
  gint64 out[PM_CHUNK];
  gsize size, used = 0;

  size = _pm_packed_encode (values, n, buf);
  g_assert_cmpuint (size, <=, _pm_packed_bound (n));
  g_assert_true (_pm_packed_check (buf, size, n, &used));
  g_assert_cmpuint (used, ==, size);

  _pm_packed_decode (buf, n, 0, n, out);
  g_assert_cmpmem (out, n * sizeof (gint64), values, n * sizeof (gint64));
  for (guint from = 0; from < n; from += 1 + from / 7)
    {
      _pm_packed_decode (buf, n, from, n - from, out);
      g_assert_cmpmem (out, (n - from) * sizeof (gint64), values + from,
                       (n - from) * sizeof (gint64));
      _pm_packed_decode (buf, n, from, 1, out);
      g_assert_cmpint (out[0], ==, values[from]);
    }
  return size;
}

static void
test_kinds (void)
{
  gint64 v[PM_CHUNK];

  /* constant: header only */
  for (guint i = 0; i < PM_CHUNK; i++)
    v[i] = 123456789;
  g_assert_cmpuint (round_trip (v, PM_CHUNK), <=, 8);

  /* a steady leak: constant step, header only */
  for (guint i = 0; i < PM_CHUNK; i++)
    v[i] = 1000 + 48 * (gint64) i;
  g_assert_cmpuint (round_trip (v, PM_CHUNK), <=, 8);

  /* bytes moving in whole allocations of 4,096: the scale takes them out */
  for (guint i = 0; i < PM_CHUNK; i++)
    v[i] = 1 << 20 | (gint64) (4096 * (next () % 8));
  g_assert_cmpuint (round_trip (v, PM_CHUNK), <=, 8 + (PM_CHUNK * 4) / 8 + 8);

  /* the extremes, and every width */
  for (guint w = 0; w <= 64; w++)
    {
      guint64 mask = w == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << w) - 1;

      for (guint i = 0; i < PM_CHUNK; i++)
        v[i] = (gint64) (next () & mask);
      round_trip (v, PM_CHUNK);
      round_trip (v, 1 + w * 7 % PM_CHUNK);
    }
  v[0] = G_MININT64;
  v[1] = G_MAXINT64;
  v[2] = G_MININT64;
  v[3] = 0;
  v[4] = -1;
  round_trip (v, 5);
  round_trip (v, 1);

  /* a 32-bit counter wrapping */
  for (guint i = 0; i < PM_CHUNK; i++)
    v[i] = (gint64) ((G_MAXUINT32 - 100 + 7 * (guint64) i) & G_MAXUINT32);
  round_trip (v, PM_CHUNK);
}

static void
test_check_rejects (void)
{
  guint8 buf[64] = { 0 };
  gsize used;

  buf[0] = 65;
  g_assert_false (_pm_packed_check (buf, sizeof buf, 10, &used));
  buf[0] = 10;
  memset (buf + 1, 0x80, 20);                     /* a varint that never ends */
  g_assert_false (_pm_packed_check (buf, sizeof buf, 10, &used));
  buf[1] = buf[2] = 0;
  buf[3] = 1;                                     /* scale 1, then too few bits */
  g_assert_false (_pm_packed_check (buf, 5, 100, &used));
  g_assert_true (_pm_packed_check (buf, sizeof buf, 10, &used));
  g_assert_cmpuint (used, ==, 4 + (9 * 10 + 7) / 8);
  buf[3] = 0;                                     /* scale 0 with bits */
  g_assert_false (_pm_packed_check (buf, sizeof buf, 10, &used));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/poolstats/packed/kinds", test_kinds);
  g_test_add_func ("/poolstats/packed/check-rejects", test_check_rejects);
  return g_test_run ();
}
