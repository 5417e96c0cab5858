/* pm-store-io-private.h: the varints, strings and CRCs of the store's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every read is bounds-checked: a Reader that runs out, or meets a varint
 * too long or a string holding a NUL, turns not ok and reads zeros from then
 * on, so a caller checks once at the end.
 */
#pragma once

#include <string.h>
#include <zlib.h>

#include <glib.h>

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  gboolean      ok;
} Reader;

/* ---- bytes in, bytes out ---------------------------------------------- */


static inline guint64
get_varint (Reader *r)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64 && r->p < r->end; shift += 7)
    {
      guint8 b = *r->p++;

      v |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        return v;
    }
  r->ok = FALSE;
  r->p = r->end;
  return 0;
}

static inline guint
get_uint (Reader *r)
{
  guint64 v = get_varint (r);

  if (v > G_MAXUINT)
    {
      r->ok = FALSE;
      r->p = r->end;
      return 0;
    }
  return (guint) v;
}

static inline gint64
get_zigzag (Reader *r)
{
  guint64 u = get_varint (r);

  return (gint64) (u >> 1) ^ -(gint64) (u & 1);
}

static inline guint64
get_u64 (Reader *r)
{
  guint64 v;

  if (r->end - r->p < 8)
    {
      r->ok = FALSE;
      r->p = r->end;
      return 0;
    }
  memcpy (&v, r->p, 8);
  r->p += 8;
  return GUINT64_FROM_LE (v);
}

static inline guint32
get_u32 (Reader *r)
{
  guint32 v;

  if (r->end - r->p < 4)
    {
      r->ok = FALSE;
      r->p = r->end;
      return 0;
    }
  memcpy (&v, r->p, 4);
  r->p += 4;
  return GUINT32_FROM_LE (v);
}

/* A string of the store: never NULL, never holding a NUL. */
static inline char *
get_string (Reader *r)
{
  guint64 len = get_varint (r);
  char *s;

  if (!r->ok || len > (guint64) (r->end - r->p) || memchr (r->p, 0, len) != NULL)
    {
      r->ok = FALSE;
      r->p = r->end;
      return g_strdup ("");
    }
  s = g_strndup ((const char *) r->p, len);
  r->p += len;
  return s;
}

static inline void
put_varint (GByteArray *out,
            guint64     v)
{
  guint8 buf[10];
  guint n = 0;

  while (v >= 0x80)
    {
      buf[n++] = (guint8) (v | 0x80);
      v >>= 7;
    }
  buf[n++] = (guint8) v;
  g_byte_array_append (out, buf, n);
}

static inline void
put_zigzag (GByteArray *out,
            gint64      v)
{
  put_varint (out, ((guint64) v << 1) ^ (guint64) (v >> 63));
}

static inline void
put_u64 (GByteArray *out,
         guint64     v)
{
  guint64 le = GUINT64_TO_LE (v);

  g_byte_array_append (out, (const guint8 *) &le, 8);
}

static inline void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static inline void
put_string (GByteArray *out,
            const char *s)
{
  gsize len = strlen (s);

  put_varint (out, len);
  g_byte_array_append (out, (const guint8 *) s, len);
}

static inline guint32
crc (const guint8 *data,
     gsize         len)
{
  uLong c = crc32 (0, NULL, 0);

  while (len > 0)
    {
      uInt n = (uInt) MIN (len, (gsize) 1 << 30);

      c = crc32 (c, data, n);
      data += n;
      len -= n;
    }
  return (guint32) c;
}

