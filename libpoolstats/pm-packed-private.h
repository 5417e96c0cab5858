/* pm-packed-private.h: a run of counters in a few bits per value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dataset keeps each tag's series of each stored column in chunks of
 * PM_CHUNK snapshots, each chunk encoded on its own (docs/store.md):
 *
 *   byte   width w (0..64) of the packed values
 *   varint zigzag of the first value
 *   varint zigzag of the smallest step d_min between neighbours
 *   varint the step scale s (only when w > 0)
 *   bits   n - 1 values q_i of w bits, little endian:
 *          v_i = v_(i-1) + d_min + s * q_i   (modulo 2^64)
 *
 * Steady counters cost 0 bits per value, a leak growing at a constant rate
 * too; byte counts that move in whole allocation sizes are divided by their
 * common step s. Arithmetic is modular, so every int64 round-trips exactly.
 * A buffer holding chunks must have 8 readable bytes after the last one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PM_CHUNK_SHIFT 9
#define PM_CHUNK       (1u << PM_CHUNK_SHIFT)

/* Bytes that reading a buffer of chunks may touch after its end. */
#define PM_PACKED_PADDING 8

gsize    _pm_packed_bound        (guint          n);
gsize    _pm_packed_encode       (const gint64  *values,
                                  guint          n,
                                  guint8        *out);
void     _pm_packed_decode       (const guint8  *chunk,
                                  guint          n,
                                  guint          from,
                                  guint          count,
                                  gint64        *out);
void     _pm_packed_decode_after (const guint8  *chunk,
                                  guint          n,
                                  guint          from,
                                  guint          count,
                                  gint64         prev,
                                  gint64        *out);
gboolean _pm_packed_check        (const guint8  *chunk,
                                  gsize          avail,
                                  guint          n,
                                  gsize         *used);

G_END_DECLS
