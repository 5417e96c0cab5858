/* test-csv-plain.c: the plain-line splitter gives what libcsv gives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader splits plain lines itself (pm-csv-plain.c) and hands every
 * other line to libcsv. Every file below is read both ways (the splitter
 * on, and every line through libcsv), in four encodings and three read
 * buffer sizes, and the two parts must be the same: rows, every column,
 * snapshots, Binary and Description, problems with their lines and
 * messages, counts of skipped rows. Each file also says how many of its
 * lines the splitter must have taken, so the comparison is not vacuous.
 */
#include <string.h>

#include "poolstats.h"
#include "pm-csv-plain-private.h"
#include "pm-csv-reader.h"
#include "pm-part-slab-private.h"
#include "test-part-dump.h"

#define HQ "\"DateTime\",\"DateTimeUTC\",\"Tag\",\"PagedAllocs\",\"PagedFrees\",\"PagedDiff\"," \
           "\"PagedUsedBytes\",\"NonPagedAllocs\",\"NonPagedFrees\",\"NonPagedDiff\"," \
           "\"NonPagedUsedBytes\",\"TotalUsedBytes\",\"Binary\",\"Description\""
#define HU "DateTime,DateTimeUTC,Tag,PagedAllocs,PagedFrees,PagedDiff,PagedUsedBytes," \
           "NonPagedAllocs,NonPagedFrees,NonPagedDiff,NonPagedUsedBytes,TotalUsedBytes," \
           "Binary,Description"
#define T1 "\"2021-07-13T10:00:00\",\"2021-07-13T17:00:00\","
#define T2 "\"2021-07-13T10:01:00\",\"2021-07-13T17:01:00\","
#define U1 "2021-07-13T10:00:00,2021-07-13T17:00:00,"

typedef struct
{
  const char *name;
  const char *text;
  guint       plain;     /* lines the splitter must take (UTF-8, whole buffer) */
  gsize       len;       /* 0: up to the first NUL */
} Case;

#define NUL_ROW T1 "\"Gh\0\",\"1\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n" \
                T1 "\"Ij  \",\"1\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"8\0\",\"\",\"\"\r\n"

static const Case cases[] = {
  { "crlf", HQ "\r\n"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    T1 "\"Io  \",\"7\",\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"nt.sys\",\"I/O\"\r\n"
    T2 "\"Mm  \",\"11\",\"4\",\"7\",\"700\",\"3\",\"1\",\"2\",\"200\",\"900\",\"\",\"\"\r\n", 3 },
  { "lf", HQ "\n"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\n", 1 },
  { "embedded-commas", HQ "\r\n"
    T1 "\"Mm  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"a.sys, b.sys\",\"x, y, z\"\r\n"
    T1 "\"Io  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\",\",\",,\"\r\n", 2 },
  { "escaped-quotes", HQ "\r\n"
    T1 "\"Mm  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"say \"\"hi\"\"\"\r\n"
    T1 "\"Io  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n", 1 },
  { "quote-spans-lines", HQ "\r\n"
    T1 "\"Mm  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"two\r\nlines\"\r\n"
    T1 "\"Io  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n", 1 },
  { "text-after-quote", HQ "\r\n"
    T1 "\"Mm  \",\"1\"2,\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    T1 "\"Io  \",\"1\" ,\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    T1 "\"Ab  \", \"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\" \r\n"
    T1 "\"Cd  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n", 1 },
  { "unclosed-quote-at-end", HQ "\r\n"
    T1 "\"Mm  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\r\n", 0 },
  { "truncated-last-line", HQ "\r\n"
    T1 "\"Mm  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    T1 "\"Io  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"", 1 },
  { "truncated-mid-field", HQ "\r\n"
    T1 "\"Mm  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    T1 "\"Io  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"", 1 },
  { "truncated-after-cr", HQ "\r\n"
    T1 "\"Mm  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r", 0 },
  { "huge-numbers", HQ "\r\n"
    T1 "\"Aa  \",\"4294967296\",\"1\",\"0\",\"9223372036854775807\",\"0\",\"0\",\"0\",\"0\",\"1\",\"\",\"\"\r\n"
    T1 "\"Bb  \",\"18446744073709551615\",\"0\",\"0\",\"1\",\"0\",\"0\",\"0\",\"0\",\"1\",\"\",\"\"\r\n"
    T1 "\"Cc  \",\"18446744073709551616\",\"0\",\"0\",\"1\",\"0\",\"0\",\"0\",\"0\",\"1\",\"\",\"\"\r\n"
    T1 "\"Dd  \",\"1\",\"0\",\"0\",\"9223372036854775808\",\"0\",\"0\",\"0\",\"0\",\"1\",\"\",\"\"\r\n"
    T1 "\"Ee  \",\"1\",\"0\",\"0\",\"123456789012345678901234567890\",\"0\",\"0\",\"0\",\"0\",\"1\",\"\",\"\"\r\n"
    T1 "\"Ff  \",\"000000000000000000000000000012\",\"0\",\"0\",\"1\",\"0\",\"0\",\"0\",\"0\",\"1\",\"\",\"\"\r\n", 6 },
  { "negative-numbers", HQ "\r\n"
    T1 "\"Aa  \",\"-1\",\"0\",\"-1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    T1 "\"Bb  \",\"1\",\"0\",\"1\",\"-8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    T1 "\"Cc  \",\"-9223372036854775808\",\"+3\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    T1 "\"Dd  \",\"-\",\"+\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n", 4 },
  { "diff-only", "\"DateTimeUTC\",\"Tag\",\"PagedDiff\",\"PagedUsedBytes\"\r\n"
    "\"2021-07-13T17:00:00\",\"Aa  \",\"-4294967296\",\"1\"\r\n"
    "\"2021-07-13T17:00:00\",\"Bb  \",\"-4294967297\",\"1\"\r\n"
    "\"2021-07-13T17:00:00\",\"Cc  \",\"4294967295\",\"1\"\r\n"
    "\"2021-07-13T17:00:00\",\"Dd  \",\"4294967296\",\"1\"\r\n", 4 },
  { "spaces", HQ "\r\n"
    T1 "\"Mm  \",\" 10\",\"4 \",\" 6 \",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\" \",\"  \"\r\n"
    T1 "\" Io \",\"  \",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    T1 "\"Ab  \", 10 ,4,6,600,3,1,2,200,800,\"\",\"\"\r\n"
    T1 "\"Cd  \",10,4,6,600,3,1,2,200,800,,\r\n"
    T1 "\"Ef  \",\t10,4,6,600,3,1,2,200,800\t,,\r\n"
    "  \r\n"
    T1 "\"Gh  \",\"1 0\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n", 4 },
  { "unquoted-file", HU "\r\n"
    U1 "Mm  ,10,4,6,600,3,1,2,200,800,,\r\n"
    U1 " Io , 10 ,4,6,600,3,1,2,200,800,nt.sys,I/O, with a comma\r\n"
    U1 "Ab  ,10,4,6,600,3,1,2,200,800,nt.sys,a \"quoted\" word\r\n"
    U1 "Cd  ,1\r0,4,6,600,3,1,2,200,800,,\r\n"
    U1 "Ef  ,10,4,6,600,3,1,2,200,800,,\r\r\n"
    U1 "Gh  ,10,4,6,600,3,1,2,200,800\r\n"
    "   \r\n"
    U1 "Ij\t,\t10,4,6,600,3,1,2,200,800,,\r\n", 5 },
  { "cr-only", HQ "\r"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"x\"\r"
    T1 "\"Io  \",\"7\",\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"\",\"\"\r"
    U1 "\"Ab  \",\"7\",\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"\",\r"
    U1 "\"Cd  \",\"7\",\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"\",\"\"", 3 },
  /* Read whole, its LF makes it a file of LF lines (no line is plain);
   * in blocks of 64 bytes the first has no LF, so it is split at CR. */
  { "cr-only-with-lf", HQ "\r"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"x\"\r"
    T1 "\"Io  \",\"7\",\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"\",\"x\ny\"\r"
    T1 "\"Ab  \",7\n,\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"\",\"\"\r", 0 },
  { "stray-cr-lf", HQ "\n"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"a\rb\",\"\"\n"
    T1 "\"Io  \",\"7\",\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"\",\"\"\r\r\n"
    T1 "\"Ab  \",\"7\",\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"\",\"\"\r\n"
    T1 "\"Cd  \",7\r,\"7\",\"0\",\"0\",\"9\",\"2\",\"7\",\"70\",\"70\",\"\",\"\"\r\n", 2 },
  { "column-counts", HQ "\r\n"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\"\r\n"
    T1 "\"Io  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\",\"\"\r\n"
    T1 "\"Ab  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\r\n"
    T1 "\"Cd  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\",\r\n"
    "\"x\"\r\n"
    ",\r\n"
    T1 "\"Ef  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n", 7 },
  { "many-fields", HQ "\r\n"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\","
    "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,"
    "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,"
    "1,2,3,4,5,6,7,8,9,10\r\n"
    T1 "\"Io  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n", 1 },
  { "blank-lines-and-headers", HQ "\r\n\r\n\r\n"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    "\r\n"
    "\"Tag\",\"DateTimeUTC\",\"PagedDiff\",\"PagedUsedBytes\"\r\n"
    "\"Io  \",\"2021-07-13T17:01:00\",\"5\",\"50\"\r\n"
    T1 "\"Tag\",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n", 4 },
  { "bad-tags-and-times", HQ "\r\n"
    T1 "\"\",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    T1 "\"Mmmmm\",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    T1 "\"M\x01m \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    T1 "\"\xe9t\xe9 \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    "\"2021-07-13 10:00\",\"2021-07-13T17:00:00\",\"Ab  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    "\"2021-07-13T10:00:00\",\"nope\",\"Cd  \",\"1\",\"0\",\"1\",\"8\",\"0\",\"0\",\"0\",\"0\",\"8\",\"\",\"\"\r\n"
    T1 "\"Mm  \",\"1x\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    T1 "\"Ef  \",\"1\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n"
    T1 "\"Ef  \",\"1\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\"\r\n", 9 },
  { "nul-bytes", HQ "\r\n" NUL_ROW, 2, sizeof (HQ "\r\n" NUL_ROW) - 1 },
  { "descriptions", HQ "\r\n"
    T1 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"nt.sys\",\"memory\"\r\n"
    T2 "\"Mm  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"other.sys\",\"other\"\r\n"
    T2 "\"Io  \",\"10\",\"4\",\"6\",\"600\",\"3\",\"1\",\"2\",\"200\",\"800\",\"\",\"\xc3\xa9t\xc3\xa9\"\r\n", 3 },
};

static char *
read_dump (const char *data,
           gsize       len,
           gsize       block,
           gboolean    plain,
           guint      *n_plain)
{
  PmDatasetBuilder *builder = pm_dataset_builder_new ();
  PmTagCache *cache = _pm_tag_cache_new (builder);
  PmPart *part;
  char *dump;

  cache->plain_off = !plain;
  part = _pm_csv_read_data_sized (cache, "t.csv", data, len, block, NULL, NULL, NULL);
  dump = dump_part (part);
  *n_plain = cache->n_plain;
  _pm_part_free (part);
  _pm_tag_cache_free (cache);
  g_object_unref (pm_dataset_builder_end (builder));
  return dump;
}

/* @text in @encoding (0 UTF-8, 1 UTF-8 with BOM, 2 UTF-16LE with BOM,
 * 3 UTF-16BE with BOM); NULL when it cannot be (not UTF-8 to begin with). */
static GBytes *
encode (const char *text,
        gsize       len,
        guint       encoding)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree gunichar2 *units = NULL;
  glong n_units = 0;

  if (encoding <= 1)
    {
      if (encoding == 1)
        g_byte_array_append (out, (const guint8 *) "\xef\xbb\xbf", 3);
      g_byte_array_append (out, (const guint8 *) text, len);
      return g_byte_array_free_to_bytes (out);
    }

  /* g_utf8_to_utf16 stops at a NUL; a text with one stays UTF-8 only. */
  if (memchr (text, '\0', len) != NULL ||
      (units = g_utf8_to_utf16 (text, len, NULL, &n_units, NULL)) == NULL)
    {
      g_byte_array_unref (out);
      return NULL;
    }
  g_byte_array_append (out, (const guint8 *) (encoding == 2 ? "\xff\xfe" : "\xfe\xff"), 2);
  for (glong i = 0; i < n_units; i++)
    {
      guint8 pair[2] = { units[i] & 0xff, units[i] >> 8 };

      if (encoding == 3)
        pair[0] = units[i] >> 8, pair[1] = units[i] & 0xff;
      g_byte_array_append (out, pair, 2);
    }
  return g_byte_array_free_to_bytes (out);
}

static void
test_same_as_libcsv (gconstpointer data)
{
  const Case *c = data;
  gsize len = c->len > 0 ? c->len : strlen (c->text);
  static const gsize blocks[] = { 64, 97, G_MAXSIZE };

  for (guint e = 0; e < 4; e++)
    {
      g_autoptr(GBytes) bytes = encode (c->text, len, e);
      gsize size;
      const char *in;

      if (bytes == NULL)
        continue;
      in = g_bytes_get_data (bytes, &size);
      for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
        {
          gsize block = MIN (blocks[b], size + 1);
          guint n_plain = 0, n_off = 0;
          g_autofree char *fast = read_dump (in, size, block, TRUE, &n_plain);
          g_autofree char *slow = read_dump (in, size, block, FALSE, &n_off);

          g_test_message ("%s, encoding %u, block %" G_GSIZE_FORMAT ": %u plain lines\n%s",
                          c->name, e, block, n_plain, fast);
          g_assert_cmpstr (fast, ==, slow);
          g_assert_cmpuint (n_off, ==, 0);
          if (block == size + 1)
            g_assert_cmpuint (n_plain, ==, c->plain);
        }
    }
}

typedef struct
{
  const char *line;
  char        eol;
  gboolean    trims;
  const char *fields;    /* joined by '|', or NULL: not plain */
} SplitCase;

static const SplitCase split_cases[] = {
  { "\"a\",\"b\"\r\n", '\n', TRUE, "a|b" },
  { "\"a\",\"b\"\n", '\n', TRUE, "a|b" },
  { "\"a\",\"b\"\r", '\r', TRUE, "a|b" },
  { "\"a, b\",\"\"\r\n", '\n', TRUE, "a, b|" },
  { "\"a\",\r\n", '\n', TRUE, "a|" },
  { ",\n", '\n', FALSE, "|" },
  { "a b,c\n", '\n', FALSE, "a b|c" },
  { "a b,c\n", '\n', TRUE, "a b|c" },
  { " a,c\n", '\n', FALSE, " a|c" },
  { " a,c\n", '\n', TRUE, NULL },
  { "a\t,c\n", '\n', TRUE, NULL },
  { "\"a\"\"b\"\n", '\n', TRUE, NULL },
  { "\"a\"b\n", '\n', TRUE, NULL },
  { "\"a\n", '\n', TRUE, NULL },
  { "a\"b\n", '\n', FALSE, NULL },
  { "a\rb\n", '\n', FALSE, NULL },
  { "\"a\rb\"\n", '\n', FALSE, "a\rb" },
  { "a,b", '\n', FALSE, NULL },
  { "\r\n", '\n', FALSE, NULL },
  { "a\r\r\n", '\n', FALSE, NULL },
  { "\"0123456789abcdef0123456789\",\"0123456789abcdef\"\r\n", '\n', TRUE,
    "0123456789abcdef0123456789|0123456789abcdef" },
};

static void
test_split (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (split_cases); i++)
    {
      const SplitCase *c = &split_cases[i];
      PmCsvField fields[PM_CSV_PLAIN_MAX_FIELDS];
      guint n = 0;
      int end = 0;
      gboolean plain = _pm_csv_split_plain (c->line, strlen (c->line), c->eol, c->trims,
                                            fields, &n, &end);
      g_autoptr(GString) joined = g_string_new (NULL);

      g_test_message ("case %u: %s", i, c->line);
      g_assert_cmpint (plain, ==, c->fields != NULL);
      if (!plain)
        continue;
      for (guint f = 0; f < n; f++)
        {
          if (f > 0)
            g_string_append_c (joined, '|');
          g_string_append_len (joined, fields[f].data, fields[f].len);
        }
      g_assert_cmpstr (joined->str, ==, c->fields);
      g_assert_cmpint (end, ==, c->eol == '\r' || strstr (c->line, "\r\n") ? '\r' : '\n');
    }
}

/* Eight digits at a time against a digit at a time, for every length up to
 * 20, with a wrong byte at each place, and too near the line's start. */
static void
test_digits (void)
{
  static const char wrong[] = { '/', ':', ' ', '-', '+', '"', ',', '\0', 'a', '\xb0', '\x39' + 0x80 };
  char buf[64];
  GRand *rand = g_rand_new_with_seed (10);

  for (guint round = 0; round < 2000; round++)
    for (gsize len = 1; len <= 20; len++)
      {
        const gsize at = 20;
        guint64 expect = 0;
        gint64 value = -1;

        memset (buf, '"', sizeof buf);
        for (gsize i = 0; i < len; i++)
          {
            buf[at + i] = (char) ('0' + g_rand_int_range (rand, 0, 10));
            expect = expect * 10 + (guint64) (buf[at + i] - '0');
          }
        if (len <= 16)
          {
            g_assert_true (_pm_csv_parse_digits (buf + at, len, buf, &value));
            g_assert_cmpint (value, ==, (gint64) expect);
          }
        else
          g_assert_false (_pm_csv_parse_digits (buf + at, len, buf, &value));

        /* Too near the line's start to read 8 or 16 bytes: declined. */
        g_assert_false (_pm_csv_parse_digits (buf + at, len, buf + at + len - (len > 8 ? 15 : 7),
                                              &value));

        buf[at + g_rand_int_range (rand, 0, len)] = wrong[g_rand_int_range (rand, 0,
                                                                           G_N_ELEMENTS (wrong))];
        g_assert_false (_pm_csv_parse_digits (buf + at, len, buf, &value));
      }
  g_assert_false (_pm_csv_parse_digits (buf + 20, 0, buf, NULL));
  g_rand_free (rand);
}

/* A thread's parts past its first files go to slabs (pm-part-slab.c): the
 * same rows as a part of its own, freed in any order, and a part that grows
 * again leaves its slab first. */
static void
test_slab (void)
{
  const Case *c = &cases[0];
  PmDatasetBuilder *builder = pm_dataset_builder_new ();
  PmTagCache *cache = _pm_tag_cache_new (builder);
  GPtrArray *parts = g_ptr_array_new ();
  guint n_plain = 0, in_slab = 0;
  g_autofree char *expect = read_dump (c->text, strlen (c->text), 4096, TRUE, &n_plain);
  GRand *rand = g_rand_new_with_seed (3);

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (parts, _pm_csv_read_data (cache, "t.csv", c->text, strlen (c->text),
                                               NULL, NULL, NULL));
  _pm_tag_cache_free (cache);      /* the parts outlive the thread's cache */

  for (guint i = 0; i < parts->len; i++)
    {
      PmPart *part = g_ptr_array_index (parts, i);
      g_autofree char *dump = dump_part (part);
      char *info = strstr (expect, "info ");

      /* A thread keeps a tag's description from its first file only. */
      if (i == 1 && info != NULL)
        *info = '\0';
      g_assert_cmpstr (dump, ==, expect);
      in_slab += part->slab != NULL;
    }
  g_assert_cmpuint (in_slab, >, 0);

  /* One grows: it leaves the slab with its rows, and takes one more. */
  {
    PmPart *part = g_ptr_array_index (parts, parts->len - 1);
    PmRowValues values = { 0 };
    guint32 first = part->tags[0];

    g_assert_nonnull (part->slab);
    values.have = part->have;
    _pm_part_add_row (part, first, &values);
    g_assert_null (part->slab);
    g_assert_cmpuint (part->n_rows, ==, 4);
    g_assert_cmpuint (part->tags[0], ==, first);
  }

  while (parts->len > 0)
    _pm_part_free (g_ptr_array_steal_index_fast (parts,
                                                 g_rand_int_range (rand, 0, parts->len)));
  g_ptr_array_unref (parts);
  g_rand_free (rand);
  g_object_unref (pm_dataset_builder_end (builder));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/csv-plain/split", test_split);
  g_test_add_func ("/poolstats/csv-plain/digits", test_digits);
  g_test_add_func ("/poolstats/csv-plain/slab", test_slab);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/poolstats/csv-plain/same-as-libcsv/%s",
                                               cases[i].name);

      g_test_add_data_func (path, &cases[i], test_same_as_libcsv);
    }
  return g_test_run ();
}
