/* pm-gen-writer.c: writing snapshot CSVs fast, in either encoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmark folder is 8.6 million rows, so nothing in the row path goes
 * through printf or iconv: rows are built in UTF-8 with hand-made integer
 * formatting into a large buffer, and widened to UTF-16LE in one pass when
 * the buffer is flushed. Every field is quoted and lines end in CRLF, as
 * ConvertTo-Csv writes them. Files are written under a temporary name and
 * renamed, so a reader never sees half a file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pm-gen-writer.h"

/* Flushed at a row boundary once this full; a row is far shorter than the
 * slack left behind. */
#define BUFFER_SIZE   (1024 * 1024)
#define ROW_MAX_BYTES (16 * 1024)

struct _PmGenWriter
{
  PmGenEncoding  encoding;
  PmColumn       columns[PM_N_COLUMNS];
  guint          n_columns;
  PmGenModel    *model;

  /* Per tag, the quoted fields that never change. */
  char         **quoted_tag;
  char         **quoted_binary;
  char         **quoted_description;

  char          *quoted_local;
  char          *quoted_utc;

  char          *path;
  char          *tmp_path;
  FILE          *file;
  char          *buf;       /* UTF-8 rows */
  gsize          len;
  guint8        *wide;      /* the same, widened */
  guint64        n_bytes;
};

/* "text" with inner quotes doubled. */
static char *
quote (const char *text)
{
  GString *s = g_string_sized_new (strlen (text) + 2);

  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

static char *
put_str (char       *out,
         const char *text)
{
  gsize len = strlen (text);

  memcpy (out, text, len);
  return out + len;
}

static char *
put_uint (char    *out,
          guint64  value)
{
  static const char pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
  char digits[24];
  char *end = digits + sizeof digits;
  char *p = end;

  while (value >= 100)
    {
      guint r = (guint) (value % 100);

      value /= 100;
      p -= 2;
      memcpy (p, pairs + 2 * r, 2);
    }
  if (value >= 10)
    {
      p -= 2;
      memcpy (p, pairs + 2 * value, 2);
    }
  else
    *--p = (char) ('0' + value);

  *out++ = '"';
  memcpy (out, p, (gsize) (end - p));
  out += end - p;
  *out++ = '"';
  return out;
}

/* UTF-8 (valid: all of it comes from this program) to UTF-16LE. */
static gsize
widen (const char *in,
       gsize       len,
       guint8     *out)
{
  const guchar *p = (const guchar *) in;
  const guchar *end = p + len;
  guint8 *o = out;

  while (p < end)
    {
      gunichar c;

      if (*p < 0x80)
        {
          o[0] = *p++;
          o[1] = 0;
          o += 2;
          continue;
        }
      c = g_utf8_get_char ((const char *) p);
      p = (const guchar *) g_utf8_next_char (p);
      if (c >= 0x10000)
        {
          guint32 v = c - 0x10000;
          guint16 hi = (guint16) (0xD800 + (v >> 10));
          guint16 lo = (guint16) (0xDC00 + (v & 0x3ff));

          o[0] = hi & 0xff; o[1] = hi >> 8; o[2] = lo & 0xff; o[3] = lo >> 8;
          o += 4;
        }
      else
        {
          o[0] = c & 0xff; o[1] = (guint8) (c >> 8);
          o += 2;
        }
    }
  return (gsize) (o - out);
}

static gboolean
flush (PmGenWriter  *self,
       GError      **error)
{
  const void *data = self->buf;
  gsize n = self->len;

  if (n == 0)
    return TRUE;
  if (self->encoding == PM_GEN_ENCODING_UTF16LE)
    {
      n = widen (self->buf, self->len, self->wide);
      data = self->wide;
    }
  if (fwrite (data, 1, n, self->file) != n)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot write %s: %s", self->tmp_path, g_strerror (saved));
      return FALSE;
    }
  self->n_bytes += n;
  self->len = 0;
  return TRUE;
}

PmGenWriter *
pm_gen_writer_new (PmGenEncoding    encoding,
                   const PmColumn  *columns,
                   guint            n_columns,
                   PmGenModel      *model)
{
  PmGenWriter *self = g_new0 (PmGenWriter, 1);
  guint n_tags = pm_gen_model_get_n_tags (model);

  g_return_val_if_fail (n_columns > 0 && n_columns <= PM_N_COLUMNS, NULL);

  self->encoding = encoding;
  memcpy (self->columns, columns, n_columns * sizeof *columns);
  self->n_columns = n_columns;
  self->model = model;
  self->quoted_tag = g_new0 (char *, n_tags + 1);
  self->quoted_binary = g_new0 (char *, n_tags + 1);
  self->quoted_description = g_new0 (char *, n_tags + 1);
  for (guint i = 0; i < n_tags; i++)
    {
      self->quoted_tag[i] = quote (pm_gen_model_get_tag (model, i));
      self->quoted_binary[i] = quote (pm_gen_model_get_binary (model, i));
      self->quoted_description[i] = quote (pm_gen_model_get_description (model, i));
      g_assert (strlen (self->quoted_description[i]) + strlen (self->quoted_binary[i]) < ROW_MAX_BYTES / 2);
    }
  self->quoted_local = g_strdup ("\"\"");
  self->quoted_utc = g_strdup ("\"\"");
  self->buf = g_malloc (BUFFER_SIZE + ROW_MAX_BYTES);
  self->wide = g_malloc (2 * (BUFFER_SIZE + ROW_MAX_BYTES));
  return self;
}

void
pm_gen_writer_free (PmGenWriter *self)
{
  if (self == NULL)
    return;
  if (self->file != NULL)
    {
      fclose (self->file);
      g_unlink (self->tmp_path);
    }
  g_strfreev (self->quoted_tag);
  g_strfreev (self->quoted_binary);
  g_strfreev (self->quoted_description);
  g_free (self->quoted_local);
  g_free (self->quoted_utc);
  g_free (self->path);
  g_free (self->tmp_path);
  g_free (self->buf);
  g_free (self->wide);
  g_free (self);
}

/* Starts @path (under a temporary name) with the BOM, if any, and the
 * header. */
gboolean
pm_gen_writer_open (PmGenWriter  *self,
                    const char   *path,
                    GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  char *p;

  g_return_val_if_fail (self->file == NULL, FALSE);

  g_free (self->path);
  g_free (self->tmp_path);
  self->path = g_strdup (path);
  self->tmp_path = g_strdup_printf ("%s%c.%s.tmp", dir, G_DIR_SEPARATOR, base);
  self->file = g_fopen (self->tmp_path, "wb");
  if (self->file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create %s: %s", self->tmp_path, g_strerror (saved));
      return FALSE;
    }

  /* U+FEFF, which widens to the BOM FF FE; the new sampler writes none. */
  p = self->buf;
  if (self->encoding == PM_GEN_ENCODING_UTF16LE)
    p = put_str (p, "\xEF\xBB\xBF");
  for (guint i = 0; i < self->n_columns; i++)
    {
      if (i > 0)
        *p++ = ',';
      *p++ = '"';
      p = put_str (p, pm_format_column_name (self->columns[i]));
      *p++ = '"';
    }
  p = put_str (p, PM_FORMAT_LINE_END);
  self->len = (gsize) (p - self->buf);
  return TRUE;
}

/* Sets the DateTime and DateTimeUTC of the rows that follow. */
void
pm_gen_writer_set_times (PmGenWriter *self,
                         const char  *local,
                         const char  *utc)
{
  g_free (self->quoted_local);
  g_free (self->quoted_utc);
  self->quoted_local = quote (local);
  self->quoted_utc = quote (utc);
}

gboolean
pm_gen_writer_add_row (PmGenWriter     *self,
                       guint            tag,
                       const PmGenRow  *row,
                       GError         **error)
{
  char *p = self->buf + self->len;

  for (guint i = 0; i < self->n_columns; i++)
    {
      if (i > 0)
        *p++ = ',';
      switch (self->columns[i])
        {
        case PM_COLUMN_DATE_TIME: p = put_str (p, self->quoted_local); break;
        case PM_COLUMN_DATE_TIME_UTC: p = put_str (p, self->quoted_utc); break;
        case PM_COLUMN_TAG: p = put_str (p, self->quoted_tag[tag]); break;
        case PM_COLUMN_PAGED_ALLOCS: p = put_uint (p, row->allocs[PM_GEN_PAGED]); break;
        case PM_COLUMN_PAGED_FREES: p = put_uint (p, row->frees[PM_GEN_PAGED]); break;
        case PM_COLUMN_PAGED_DIFF:
          p = put_uint (p, PM_FORMAT_DIFF (row->allocs[PM_GEN_PAGED], row->frees[PM_GEN_PAGED]));
          break;
        case PM_COLUMN_PAGED_USED_BYTES: p = put_uint (p, (guint64) row->used[PM_GEN_PAGED]); break;
        case PM_COLUMN_NON_PAGED_ALLOCS: p = put_uint (p, row->allocs[PM_GEN_NON_PAGED]); break;
        case PM_COLUMN_NON_PAGED_FREES: p = put_uint (p, row->frees[PM_GEN_NON_PAGED]); break;
        case PM_COLUMN_NON_PAGED_DIFF:
          p = put_uint (p, PM_FORMAT_DIFF (row->allocs[PM_GEN_NON_PAGED], row->frees[PM_GEN_NON_PAGED]));
          break;
        case PM_COLUMN_NON_PAGED_USED_BYTES: p = put_uint (p, (guint64) row->used[PM_GEN_NON_PAGED]); break;
        case PM_COLUMN_TOTAL_USED_BYTES:
          p = put_uint (p, (guint64) (row->used[PM_GEN_PAGED] + row->used[PM_GEN_NON_PAGED]));
          break;
        case PM_COLUMN_BINARY: p = put_str (p, self->quoted_binary[tag]); break;
        case PM_COLUMN_DESCRIPTION: p = put_str (p, self->quoted_description[tag]); break;
        case PM_N_COLUMNS:
        default:
          g_assert_not_reached ();
        }
    }
  p = put_str (p, PM_FORMAT_LINE_END);
  self->len = (gsize) (p - self->buf);

  if (self->len >= BUFFER_SIZE)
    return flush (self, error);
  return TRUE;
}

/* Writes out what is buffered and gives the file its real name. */
gboolean
pm_gen_writer_close (PmGenWriter  *self,
                     GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (self->file != NULL, FALSE);

  ok = flush (self, error);
  if (fclose (self->file) != 0 && ok)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot write %s: %s", self->tmp_path, g_strerror (saved));
      ok = FALSE;
    }
  self->file = NULL;
  if (ok && g_rename (self->tmp_path, self->path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot rename %s to %s: %s", self->tmp_path, self->path,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (self->tmp_path);
  return ok;
}

guint64
pm_gen_writer_get_n_bytes (PmGenWriter *self)
{
  return self->n_bytes;
}
