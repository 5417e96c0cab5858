/* pm-csv-reader.c: one snapshot file into rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only file that includes <csv.h>. Files are read with ordinary reads,
 * in blocks of 256 KiB into buffers the thread keeps, never mapped: a file
 * that shrinks while it is read then just ends early (a memory map would
 * fault with SIGBUS), and is reported as changed. `.csv.gz` files are read
 * through GIO's zlib converter the same way. Input is decoded to UTF-8
 * (UTF-16LE and BE with or without BOM, UTF-8 with or without BOM) in
 * blocks and handed to libcsv one physical line at a time (LF, CRLF or
 * CR-only line ends), so every row knows its line number and memory stays
 * flat however large a loop-mode file is; a line longer than the buffer
 * goes over in pieces that keep their line number. A plain line (nearly all
 * of them) is split without libcsv (pm-csv-plain.c) and its fields go to
 * the same callbacks. Fields are
 * interpreted as libcsv delivers them: numbers parsed by hand, timestamps only
 * when they change, tags looked up through a per-thread cache that predicts
 * the next tag from the previous snapshot's order.
 *
 * A row with a problem is skipped and reported with its line; every other row
 * is kept. Nothing here can loop without consuming input, and no field may
 * grow beyond MAX_ROW_BYTES, so garbage costs at most linear time.
 */
#include "pm-csv-reader.h"

#include <csv.h>
#include <errno.h>
#include <string.h>

#ifdef G_OS_UNIX
# include <gio/gunixinputstream.h>
# include <unistd.h>
#else
# include <io.h>
#endif

#include "pm-csv-plain-private.h"
#include "pm-file.h"
#include "pm-part-slab-private.h"
#include "pm-format.h"
#include "pm-text-decode.h"
#include "pm-types.h"

#define MAX_INFO_BYTES    1024
#define MAX_ROW_BYTES     (1 << 20)
#define MAX_HEADER_BYTES  (64 * 1024)
#define PROGRESS_BYTES    (1 << 20)
#define READ_BYTES        (4 << 20)
#define MIN_READ_BYTES    64
#define SMALL_READ_BYTES  (64 << 10)
#define FILE_READ_BYTES   (256 << 10)
#define SLAB_AFTER_FILES  8

typedef struct
{
  PmTagCache        *cache;
  PmPart            *part;
  struct csv_parser  parser;

  /* The header in force, and what its columns give. */
  gboolean           have_header;
  gboolean           not_snapshots;
  int               *roles;           /* per column: a PmColumn, or -1 */
  guint              n_columns;
  int                extra_role;      /* a trailing free-text column, or -1 */
  gboolean           told_extra;
  guint              have;
  guint              column_mask;     /* 1 << PmColumn for each column named */
  GPtrArray         *header_fields;   /* the first row, while deciding */

  /* The row being read. */
  guint              line;            /* the physical line being fed */
  guint              row_line;
  guint              field;
  gsize              row_bytes;
  const char        *row_error;
  char               row_error_buf[256];
  char               tag[PM_MAX_TAG_BYTES + 1];
  char               tag_latin1[2 * PM_FORMAT_TAG_LEN + 1];
  gsize              tag_len;
  guint32            tag_id;
  gint64             numbers[PM_N_COLUMNS];
  guint              numbers_set;     /* 1 << PmColumn */
  GString           *binary;
  GString           *description;
  gboolean           looks_like_header;

  /* Timestamps: the last text seen per column and what it meant. */
  char               ts_text[2][40];
  gsize              ts_len[2];
  gint64             ts_value[2];
  gboolean           ts_ok[2];

  /* Times from the file name, for files without timestamp columns. */
  gboolean           name_has_times;
  gint64             name_utc;
  gint64             name_local;

  /* The snapshot being filled, and duplicate detection within it. */
  gboolean           in_snapshot;
  PmPartSnapshot     snapshot;
  guint              snapshot_serial;
  GArray            *stamps;          /* guint per tag id: serial + 1 of its last row */

  gboolean           ended_with_quote;
  gboolean           quoted;          /* the file starts with a quote */
  const char        *cur_line;        /* the physical line being fed, when whole */
  gsize              cur_line_len;

  /* Physical lines, fed whole or in pieces. */
  char               eol;             /* '\n', or '\r' in a file of CR-only line ends */
  gboolean           eol_decided;
  gboolean           at_line_start;
  gboolean           skip_line;       /* the rest of an over-long line */
  GString           *pieces;          /* a line that came in pieces, up to a header's size */
  guint              pieces_line;
  guint              row_start_line;  /* the line where the row being read began */
} Reader;

/* libcsv trims blanks around unquoted fields by default; tags keep theirs
 * ("Mm  "), and numbers and timestamps trim for themselves. Quoted fields
 * keep their blanks anyway, and libcsv's own test is faster than a call per
 * byte, so files that quote (all that samplers write) keep the default. */
static int
never_space (unsigned char c)
{
  return 0;
}

static void
reader_start_parser (Reader *reader)
{
  csv_init (&reader->parser, 0);
  if (!reader->quoted)
    csv_set_space_func (&reader->parser, never_space);
}

static void
reader_fail_row (Reader     *reader,
                 const char *message)
{
  if (reader->row_error == NULL)
    reader->row_error = message;
}

/* @name, blanks around it ignored, equals @known ignoring ASCII case. */
static gboolean
name_matches_loosely (const char *name,
                      gsize       len,
                      const char *known)
{
  gsize known_len = strlen (known);

  while (len > 0 && g_ascii_isspace (name[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace (name[0]))
    {
      name++;
      len--;
    }
  return len == known_len && g_ascii_strncasecmp (name, known, len) == 0;
}

static int
column_from_name (const char *name,
                  gsize       len)
{
  /* Exact first; then ignoring case and surrounding blanks, since people
   * edit these headers by hand. No copies: this runs on every field of a
   * line that might be a header. */
  for (int pass = 0; pass < 2; pass++)
    for (int c = 0; c < PM_N_COLUMNS; c++)
      {
        const char *known = pm_format_column_name (c);

        if (pass == 0 ? len == strlen (known) && memcmp (name, known, len) == 0
                      : name_matches_loosely (name, len, known))
          return c;
      }

  return -1;
}

/* Takes a header row; FALSE when it does not describe pool-tag snapshots. */
static gboolean
reader_set_header (Reader  *reader,
                   char   **names,
                   guint    n_names)
{
  guint mask = 0;

  reader->n_columns = n_names;
  g_free (reader->roles);
  reader->roles = g_new (int, MAX (n_names, 1));
  for (guint i = 0; i < n_names; i++)
    reader->roles[i] = -1;

  for (guint i = 0; i < n_names; i++)
    {
      int c = column_from_name (names[i], strlen (names[i]));

      /* A column named twice: the first one counts. */
      if (c >= 0 && !(mask & (1u << c)))
        {
          reader->roles[i] = c;
          mask |= 1u << c;
        }
    }

#define HAS(col) ((mask & (1u << PM_COLUMN_##col)) != 0)
  reader->have = 0;
  if ((HAS (PAGED_ALLOCS) && HAS (PAGED_FREES)) || HAS (PAGED_DIFF))
    reader->have |= PM_ROW_HAVE_PAGED_DIFF;
  if ((HAS (NON_PAGED_ALLOCS) && HAS (NON_PAGED_FREES)) || HAS (NON_PAGED_DIFF))
    reader->have |= PM_ROW_HAVE_NON_PAGED_DIFF;
  if (HAS (PAGED_USED_BYTES))
    reader->have |= PM_ROW_HAVE_PAGED_USED;
  if (HAS (NON_PAGED_USED_BYTES))
    reader->have |= PM_ROW_HAVE_NON_PAGED_USED;
  if (HAS (TOTAL_USED_BYTES) && !(HAS (PAGED_USED_BYTES) && HAS (NON_PAGED_USED_BYTES)))
    reader->have |= PM_ROW_HAVE_TOTAL_USED;
  reader->column_mask = mask;

  if (!HAS (TAG) || reader->have == 0)
    return FALSE;
  if (HAS (PAGED_ALLOCS) || HAS (NON_PAGED_ALLOCS))
    reader->have |= PM_ROW_HAVE_ALLOCS;

  if (!HAS (DATE_TIME) && !HAS (DATE_TIME_UTC) && !reader->name_has_times)
    {
      _pm_part_add_problem (reader->part, reader->row_line,
                            "the header names neither DateTime nor DateTimeUTC and the file "
                            "name carries no time; the file is skipped");
      return FALSE;
    }

  /* Columns whose value follows from others are not parsed at all: the
   * modular Allocs - Frees is right where the old Diff column is not, and
   * TotalUsedBytes is the sum of its parts. */
  for (guint i = 0; i < n_names; i++)
    if ((reader->roles[i] == PM_COLUMN_PAGED_DIFF && HAS (PAGED_ALLOCS) && HAS (PAGED_FREES)) ||
        (reader->roles[i] == PM_COLUMN_NON_PAGED_DIFF &&
         HAS (NON_PAGED_ALLOCS) && HAS (NON_PAGED_FREES)) ||
        (reader->roles[i] == PM_COLUMN_TOTAL_USED_BYTES &&
         HAS (PAGED_USED_BYTES) && HAS (NON_PAGED_USED_BYTES)))
      reader->roles[i] = -1;
#undef HAS

  /* Fields past the header's last column, when that is free text (an
   * unquoted Description with a comma in it), belong to it. Files that
   * quote their fields (every sampler's) quote such commas: an extra field
   * there is a broken row. */
  reader->extra_role = -1;
  if (!reader->quoted && n_names > 0 && (reader->roles[n_names - 1] == PM_COLUMN_DESCRIPTION ||
                      reader->roles[n_names - 1] == PM_COLUMN_BINARY))
    reader->extra_role = reader->roles[n_names - 1];

  _pm_part_add_columns (reader->part, reader->have);
  reader->have_header = TRUE;
  return TRUE;
}

/* Parses a decimal integer, optionally signed, blanks around it allowed. */
static gboolean
parse_number (const char *s,
              gsize       len,
              gint64     *value,
              const char **error)
{
  gboolean negative = FALSE;
  guint64 v = 0;
  gsize i = 0;

  /* Nearly every field: a plain run of at most 18 digits, which cannot
   * overflow, so no checks beyond the digits themselves. */
  if (len > 0 && len <= 18)
    {
      for (i = 0; i < len; i++)
        {
          guint d = (guchar) s[i] - '0';

          if (d > 9)
            break;
          v = v * 10 + d;
        }
      if (i == len)
        {
          *value = (gint64) v;
          return TRUE;
        }
      v = 0;
      i = 0;
    }

  while (len > 0 && s[len - 1] == ' ')
    len--;
  while (i < len && s[i] == ' ')
    i++;

  if (i < len && (s[i] == '-' || s[i] == '+'))
    negative = s[i++] == '-';

  if (i == len)
    {
      *error = "an empty number";
      return FALSE;
    }

  for (; i < len; i++)
    {
      guint d = (guchar) s[i] - '0';

      if (d > 9)
        {
          *error = "a value that is not a whole number";
          return FALSE;
        }
      if (v > G_MAXUINT64 / 10 || (v == G_MAXUINT64 / 10 && d > G_MAXUINT64 % 10))
        {
          *error = "a number too large for 64 bits";
          return FALSE;
        }
      v = v * 10 + d;
    }

  if ((!negative && v > (guint64) G_MAXINT64) || (negative && v > (guint64) G_MAXINT64 + 1))
    {
      *error = "a number too large for 64 bits";
      return FALSE;
    }

  *value = negative ? (gint64) (0 - v) : (gint64) v;
  return TRUE;
}

/* The row's error: a timestamp that does not parse, naming its column and
 * value (printable ASCII kept, other bytes as '?', at most 40). */
static void
fail_timestamp (Reader     *reader,
                guint       which,
                const char *s,
                gsize       len)
{
  char shown[41];
  gsize n = MIN (len, sizeof shown - 1);

  if (reader->row_error != NULL)
    return;
  for (gsize i = 0; i < n; i++)
    shown[i] = (guchar) s[i] >= 0x20 && (guchar) s[i] < 0x7f ? s[i] : '?';
  shown[n] = '\0';
  g_snprintf (reader->row_error_buf, sizeof reader->row_error_buf,
              "a malformed timestamp in column %s: \"%s%s\" (expected YYYY-MM-DDTHH:MM:SS, "
              "year 1601 or later)",
              pm_format_column_name (which ? PM_COLUMN_DATE_TIME_UTC : PM_COLUMN_DATE_TIME),
              shown, len > n ? "..." : "");
  reader->row_error = reader->row_error_buf;
}

static void
read_timestamp (Reader     *reader,
                guint       which,
                const char *s,
                gsize       len)
{
  while (len > 0 && s[len - 1] == ' ')
    len--;

  if (len == reader->ts_len[which] && memcmp (s, reader->ts_text[which], len) == 0)
    {
      if (!reader->ts_ok[which])
        fail_timestamp (reader, which, s, len);
      return;
    }

  reader->ts_len[which] = MIN (len, sizeof reader->ts_text[which] - 1);
  memcpy (reader->ts_text[which], s, reader->ts_len[which]);
  reader->ts_ok[which] = len < sizeof reader->ts_text[which] &&
                         pm_parse_timestamp (s, len, &reader->ts_value[which]);
  if (!reader->ts_ok[which])
    {
      /* Make sure a later identical but over-long text is not mistaken. */
      reader->ts_len[which] = len < sizeof reader->ts_text[which] ? len : G_MAXSIZE;
      fail_timestamp (reader, which, s, len);
    }
}

/* Each byte as the character of the same number; @out holds 2 * @len. */
static gsize
latin1_to_utf8 (const char *s,
                gsize       len,
                char       *out)
{
  char *o = out;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];

      if (c < 0x80)
        *o++ = c;
      else
        {
          *o++ = (char) (0xC0 | c >> 6);
          *o++ = (char) (0x80 | (c & 0x3F));
        }
    }
  return o - out;
}

static gboolean
tag_described (Reader  *reader,
               guint32  id)
{
  GByteArray *described = reader->cache->described;

  if (id >= described->len)
    {
      guint old = described->len;

      g_byte_array_set_size (described, MAX (id + 1, old * 2));
      memset (described->data + old, 0, described->len - old);
    }
  return described->data[id] != 0;
}

static void
field_cb (void   *data,
          size_t  len,
          void   *user_data)
{
  Reader *reader = user_data;
  const char *s = data ? data : "";
  guint index = reader->field++;
  int role;

  if (index == 0)
    reader->row_line = reader->line;

  if (!reader->have_header)
    {
      g_ptr_array_add (reader->header_fields, g_strndup (s, len));
      return;
    }

  /* A header again, maybe in another column order (files of two samplers
   * concatenated): row_cb() looks closer. */
  if (len == 3 && memcmp (s, "Tag", 3) == 0)
    reader->looks_like_header = TRUE;

  if (index >= reader->n_columns)
    {
      GString *text;

      if (reader->extra_role < 0)
        return;
      text = reader->extra_role == PM_COLUMN_BINARY ? reader->binary : reader->description;
      if ((reader->tag_len == 0 || !tag_described (reader, reader->tag_id)) &&
          text->len < MAX_INFO_BYTES)
        {
          g_string_append_c (text, ',');
          g_string_append_len (text, s, MIN (len, MAX_INFO_BYTES));
        }
      return;
    }

  if ((role = reader->roles[index]) < 0)
    return;

  switch (role)
    {
    case PM_COLUMN_TAG:
      /* Not UTF-8: a file saved in a legacy 8-bit code page. Its tag bytes
       * become the characters PowerShell made of them (Latin-1), as in the
       * UTF-16 files and the sampler's. */
      if (len <= PM_FORMAT_TAG_LEN && !g_utf8_validate (s, len, NULL))
        {
          len = latin1_to_utf8 (s, len, reader->tag_latin1);
          s = reader->tag_latin1;
        }
      if (len == 0)
        reader_fail_row (reader, "an empty tag");
      else if (len > PM_MAX_TAG_BYTES ||
               (len > 4 && (g_utf8_validate (s, len, NULL) ? g_utf8_strlen (s, len)
                                                           : (glong) len) > 4))
        reader_fail_row (reader, "a tag longer than four characters");
      else
        {
          for (gsize i = 0; i < len; i++)
            if ((guchar) s[i] < 0x20 || s[i] == 0x7f)
              {
                reader_fail_row (reader, "a tag with a control character");
                break;
              }
          memcpy (reader->tag, s, len);
          reader->tag_len = len;
          reader->tag_id = _pm_tag_cache_lookup (reader->cache, s, len);
        }
      break;

    case PM_COLUMN_DATE_TIME:
    case PM_COLUMN_DATE_TIME_UTC:
      read_timestamp (reader, role == PM_COLUMN_DATE_TIME_UTC, s, len);
      break;

    case PM_COLUMN_BINARY:
    case PM_COLUMN_DESCRIPTION:
      /* Usually empty, or known already from an earlier row. */
      if (len > 0 && (reader->tag_len == 0 || !tag_described (reader, reader->tag_id)))
        g_string_append_len (role == PM_COLUMN_BINARY ? reader->binary : reader->description,
                             s, MIN (len, MAX_INFO_BYTES));
      break;

    default:
      {
        const char *error = NULL;

        if (parse_number (s, len, &reader->numbers[role], &error))
          reader->numbers_set |= 1u << role;
        else if (reader->row_error == NULL)
          {
            g_snprintf (reader->row_error_buf, sizeof reader->row_error_buf,
                        "%s in column %s", error, pm_format_column_name (role));
            reader->row_error = reader->row_error_buf;
          }
      }
      break;
    }
}

static void
reset_row (Reader *reader)
{
  reader->field = 0;
  reader->row_bytes = 0;
  reader->row_error = NULL;
  reader->tag_len = 0;
  reader->numbers_set = 0;
  reader->looks_like_header = FALSE;
  g_string_truncate (reader->binary, 0);
  g_string_truncate (reader->description, 0);
}

static void
finish_snapshot (Reader *reader)
{
  if (!reader->in_snapshot)
    return;

  reader->snapshot.n_rows = reader->part->n_rows - reader->snapshot.first_row;
  g_array_append_val (reader->part->snapshots, reader->snapshot);
  reader->in_snapshot = FALSE;
  _pm_tag_cache_next_snapshot (reader->cache);
  /* A file of many snapshots goes to the merge in pieces. */
  if (reader->cache->piece_func != NULL && reader->part->n_rows >= reader->cache->piece_rows &&
      !reader->cache->piece_func (reader->part, reader->cache->piece_data))
    reader->cache->piece_func = NULL;
}

/* The row's 32-bit outstanding count: from Allocs and Frees when both are
 * there (modular, so wrapped counters come out right), else from the Diff
 * column, where the old sampler's negative int64 results are folded back. */
static gboolean
row_diff (Reader  *reader,
          int      allocs,
          int      frees,
          int      diff,
          guint32 *out)
{
  guint both = (1u << allocs) | (1u << frees);

  if ((reader->numbers_set & both) == both)
    {
      *out = PM_FORMAT_DIFF (reader->numbers[allocs], reader->numbers[frees]);
      return TRUE;
    }

  if (reader->numbers_set & (1u << diff))
    {
      gint64 v = reader->numbers[diff];

      if (v >= -(gint64) G_MAXUINT32 - 1 && v <= (gint64) G_MAXUINT32)
        {
          *out = (guint32) v;
          return TRUE;
        }
      g_snprintf (reader->row_error_buf, sizeof reader->row_error_buf,
                  "%s outside the 32-bit range of allocation counts",
                  pm_format_column_name (diff));
      reader_fail_row (reader, reader->row_error_buf);
    }

  return FALSE;
}

static gboolean
row_used (Reader *reader,
          int     column,
          gint64 *out)
{
  if (!(reader->numbers_set & (1u << column)))
    return FALSE;

  if (reader->numbers[column] < 0)
    {
      g_snprintf (reader->row_error_buf, sizeof reader->row_error_buf,
                  "a negative byte count in column %s", pm_format_column_name (column));
      reader_fail_row (reader, reader->row_error_buf);
      return FALSE;
    }

  *out = reader->numbers[column];
  return TRUE;
}

static void
store_row (Reader *reader)
{
  PmPart *part = reader->part;
  PmRowValues values = { 0 };
  gboolean has_utc, has_local;
  gint64 utc, local, key;
  guint32 id;
  guint row;

  has_utc = (reader->column_mask & (1u << PM_COLUMN_DATE_TIME_UTC)) != 0;
  has_local = (reader->column_mask & (1u << PM_COLUMN_DATE_TIME)) != 0;
  utc = reader->ts_value[1];
  local = reader->ts_value[0];
  if (!has_utc && reader->name_has_times)
    {
      has_utc = TRUE;
      utc = reader->name_utc;
    }
  if (!has_local && reader->name_has_times)
    {
      has_local = TRUE;
      local = reader->name_local;
    }

#define ROW_HAS(bit, expr) if ((reader->have & (bit)) && (expr)) values.have |= (bit)
  ROW_HAS (PM_ROW_HAVE_PAGED_DIFF,
           row_diff (reader, PM_COLUMN_PAGED_ALLOCS, PM_COLUMN_PAGED_FREES,
                     PM_COLUMN_PAGED_DIFF, &values.paged_diff));
  ROW_HAS (PM_ROW_HAVE_NON_PAGED_DIFF,
           row_diff (reader, PM_COLUMN_NON_PAGED_ALLOCS, PM_COLUMN_NON_PAGED_FREES,
                     PM_COLUMN_NON_PAGED_DIFF, &values.non_paged_diff));
  ROW_HAS (PM_ROW_HAVE_PAGED_USED,
           row_used (reader, PM_COLUMN_PAGED_USED_BYTES, &values.paged_used));
  ROW_HAS (PM_ROW_HAVE_NON_PAGED_USED,
           row_used (reader, PM_COLUMN_NON_PAGED_USED_BYTES, &values.non_paged_used));
  ROW_HAS (PM_ROW_HAVE_TOTAL_USED,
           row_used (reader, PM_COLUMN_TOTAL_USED_BYTES, &values.total_used));
#undef ROW_HAS

  if (reader->row_error == NULL && reader->tag_len == 0)
    reader_fail_row (reader, "no tag");

  if (reader->row_error != NULL)
    {
      _pm_part_add_problem (part, reader->row_line, "%s; the row is skipped", reader->row_error);
      part->rows_skipped++;
      return;
    }

  key = has_utc ? utc : local;
  if (!reader->in_snapshot || key != (reader->snapshot.has_utc ? reader->snapshot.utc
                                                               : reader->snapshot.local))
    {
      finish_snapshot (reader);
      reader->in_snapshot = TRUE;
      reader->snapshot_serial++;
      reader->snapshot = (PmPartSnapshot) { utc, local, part->n_rows, 0, reader->row_line,
                                            has_utc, has_local };
    }

  id = reader->tag_id;
  if (id >= reader->stamps->len)
    g_array_set_size (reader->stamps, MAX (id + 1, reader->stamps->len * 2));
  if (g_array_index (reader->stamps, guint, id) == reader->snapshot_serial)
    {
      g_autofree char *name = g_strndup (reader->tag, reader->tag_len);

      _pm_part_add_problem (part, reader->row_line,
                            "tag \"%s\" appears twice in one snapshot; the first row is kept", name);
      part->rows_skipped++;
      return;
    }
  g_array_index (reader->stamps, guint, id) = reader->snapshot_serial;

  _pm_part_reserve (part, 1);
  row = part->n_rows++;
  part->tags[row] = id;
  if (part->paged_diff)
    part->paged_diff[row] = values.paged_diff;
  if (part->non_paged_diff)
    part->non_paged_diff[row] = values.non_paged_diff;
  if (part->paged_used)
    part->paged_used[row] = values.paged_used;
  if (part->non_paged_used)
    part->non_paged_used[row] = values.non_paged_used;
  if (part->total_used)
    part->total_used[row] = values.total_used;
  if (part->allocs)
    {
      /* Cumulative since boot, modulo 2^32: what tells a reboot. */
      guint32 allocs = 0;

      if (reader->numbers_set & (1u << PM_COLUMN_PAGED_ALLOCS))
        allocs += (guint32) reader->numbers[PM_COLUMN_PAGED_ALLOCS];
      if (reader->numbers_set & (1u << PM_COLUMN_NON_PAGED_ALLOCS))
        allocs += (guint32) reader->numbers[PM_COLUMN_NON_PAGED_ALLOCS];
      part->allocs[row] = allocs;
    }

  /* Each thread keeps a tag's first Binary and Description only. Threads
   * take files in increasing order, so the earliest file that describes a
   * tag is always among those kept, and the merge picks it. */
  if ((reader->binary->len > 0 || reader->description->len > 0) && !tag_described (reader, id))
    {
      reader->cache->described->data[id] = 1;
        _pm_part_add_tag_info (part, id, reader->binary->str, reader->binary->len,
                             reader->description->str, reader->description->len);
    }
}

static void
collect_header_field_cb (void   *data,
                         size_t  len,
                         void   *user_data)
{
  GPtrArray *fields = user_data;

  g_ptr_array_add (fields, g_strndup (data ? data : "", len));
}

/* The row just read named columns again: a header repeated where files were
 * concatenated, in the same column order or another. Returns FALSE when it
 * is a data row after all (a Description that says "Tag"). */
static gboolean
reread_header (Reader *reader)
{
  struct csv_parser parser;
  guint named = 0;
  gboolean has_tag = FALSE;

  /* A header fits in MAX_HEADER_BYTES (the first one must): a longer line
   * is a data row, and is not parsed a second time. */
  if (reader->cur_line == NULL || reader->cur_line_len > MAX_HEADER_BYTES)
    return FALSE;

  csv_init (&parser, 0);
  csv_set_space_func (&parser, never_space);
  g_ptr_array_set_size (reader->header_fields, 0);
  csv_parse (&parser, reader->cur_line, reader->cur_line_len, collect_header_field_cb, NULL,
             reader->header_fields);
  csv_fini (&parser, collect_header_field_cb, NULL, reader->header_fields);
  csv_free (&parser);

  for (guint i = 0; i < reader->header_fields->len; i++)
    {
      const char *name = g_ptr_array_index (reader->header_fields, i);
      int c = column_from_name (name, strlen (name));

      named += c >= 0;
      has_tag |= c == PM_COLUMN_TAG;
    }
  if (!has_tag || named < 2)
    {
      g_ptr_array_set_size (reader->header_fields, 0);
      return FALSE;
    }

  reader->have_header = FALSE;
  if (!reader_set_header (reader, (char **) reader->header_fields->pdata,
                          reader->header_fields->len))
    {
      _pm_part_add_problem (reader->part, reader->row_line,
                            "a repeated header that names no counter column; "
                            "the rest of the file is skipped");
      reader->not_snapshots = TRUE;
    }
  g_ptr_array_set_size (reader->header_fields, 0);
  return TRUE;
}

static void
row_cb (int   c,
        void *user_data)
{
  Reader *reader = user_data;
  guint n_fields = reader->field;

  if (reader->not_snapshots)
    return;

  if (c == -1 && !reader->ended_with_quote && reader->have_header)
    {
      _pm_part_add_problem (reader->part, reader->row_line,
                            "the last line is cut short (the file ends without a line end); "
                            "the row is skipped");
      reader->part->rows_skipped++;
      reset_row (reader);
      return;
    }

  if (!reader->have_header)
    {
      if (!reader_set_header (reader, (char **) reader->header_fields->pdata,
                              reader->header_fields->len))
        {
          if (reader->part->n_problems == 0)
            _pm_part_add_problem (reader->part, reader->row_line,
                                  "not a pool-tag snapshot file: its first line does not name a "
                                  "Tag column and a counter column; the file is skipped");
          reader->not_snapshots = TRUE;
        }
      g_ptr_array_set_size (reader->header_fields, 0);
      reset_row (reader);
      return;
    }

  /* A header again: files were concatenated. Its columns count from here
   * on; a header is one line, so read it again from that line. */
  if (reader->looks_like_header && reread_header (reader))
    {
      reset_row (reader);
      return;
    }

  if (n_fields > reader->n_columns && reader->extra_role >= 0)
    {
      if (!reader->told_extra)
        _pm_part_add_problem (reader->part, reader->row_line,
                              "%u fields where the header has %u: the extra ones are taken as "
                              "part of the %s (an unquoted comma in it?) and the row is kept; "
                              "later rows like it are not reported",
                              n_fields, reader->n_columns,
                              pm_format_column_name (reader->extra_role));
      reader->told_extra = TRUE;
      store_row (reader);
    }
  else if (n_fields != reader->n_columns)
    {
      _pm_part_add_problem (reader->part, reader->row_line,
                            "%u fields where the header has %u; the row is skipped",
                            n_fields, reader->n_columns);
      reader->part->rows_skipped++;
    }
  else
    store_row (reader);

  reset_row (reader);
}

/* The columns field_cb() parses as numbers. */
#define COUNTER_COLUMNS (~((1u << PM_COLUMN_TAG) | (1u << PM_COLUMN_DATE_TIME) |          \
                           (1u << PM_COLUMN_DATE_TIME_UTC) | (1u << PM_COLUMN_BINARY) |    \
                           (1u << PM_COLUMN_DESCRIPTION)))

/* Gives a plain line's fields and its end to field_cb() and row_cb(), as
 * libcsv would; FALSE, with nothing given, when the line is not plain. */
static gboolean
feed_plain_line (Reader     *reader,
                 const char *line,
                 gsize       len)
{
  PmCsvField fields[PM_CSV_PLAIN_MAX_FIELDS];
  guint n_fields;
  int end_char;

  if (!_pm_csv_split_plain (line, len, reader->eol, reader->quoted, fields, &n_fields,
                            &end_char))
    return FALSE;
  reader->cache->n_plain++;
  for (guint i = 0; i < n_fields; i++)
    {
      const char *s = fields[i].data;
      gsize flen = fields[i].len;
      guint index = reader->field;

      /* What field_cb() would do, without the call, for the commonest
       * fields: a column not read (it cannot be "Tag", which may start a
       * header), and a counter of plain digits. Index 0 and every other
       * field go through field_cb(). */
      if (index > 0 && index < reader->n_columns)
        {
          int role = reader->roles[index];

          if (role < 0 ? !(flen == 3 && memcmp (s, "Tag", 3) == 0)
                       : (COUNTER_COLUMNS & (1u << role)) != 0 &&
                         _pm_csv_parse_digits (s, flen, line, &reader->numbers[role]))
            {
              if (role >= 0)
                reader->numbers_set |= 1u << role;
              reader->field++;
              continue;
            }
        }
      field_cb ((void *) s, flen, reader);
    }
  row_cb (end_char, reader);
  return TRUE;
}

/* Hands libcsv a physical line, or a piece of one (@ends_line FALSE) when
 * the line is longer than the read buffer. Line numbers count lines, not
 * pieces. */
static void
feed_piece (Reader     *reader,
            const char *piece,
            gsize       len,
            gboolean    ends_line)
{
  gboolean whole = reader->at_line_start && ends_line;

  if (reader->at_line_start)
    {
      reader->line++;
      reader->at_line_start = FALSE;
      /* libcsv's ROW_NOT_BEGUN: no row is open, so one starts here (blank
       * lines between rows are nobody's bytes). */
      if (reader->parser.pstate == 0)
        {
          reader->row_bytes = 0;
          reader->row_start_line = reader->line;
        }
    }
  reader->at_line_start = ends_line;

  if (reader->not_snapshots)
    return;

  if (reader->skip_line)
    {
      reader->skip_line = !ends_line;
      return;
    }

  reader->row_bytes += len;
  if (reader->row_bytes > MAX_ROW_BYTES ||
      (!reader->have_header && reader->row_bytes > MAX_HEADER_BYTES))
    {
      /* An unclosed quote, or not text at all: give up on this row and
       * start afresh at the next line. */
      _pm_part_add_problem (reader->part, reader->row_start_line,
                            "a row runs on for more than %u bytes (an unclosed quote?); "
                            "skipped up to line %u", reader->have_header ? MAX_ROW_BYTES
                                                                         : MAX_HEADER_BYTES,
                            reader->line);
      if (reader->have_header)
        reader->part->rows_skipped++;
      else
        reader->not_snapshots = TRUE;
      csv_free (&reader->parser);
      reader_start_parser (reader);
      g_ptr_array_set_size (reader->header_fields, 0);
      reset_row (reader);
      reader->skip_line = !ends_line;
      return;
    }

  if (whole)
    {
      reader->cur_line = piece;
      reader->cur_line_len = len;
    }
  else
    {
      /* Keep a line in pieces while it could be a header, for reread_header(). */
      if (reader->line != reader->pieces_line)
        g_string_truncate (reader->pieces, 0);
      reader->pieces_line = reader->line;
      if (reader->pieces->len + len <= MAX_HEADER_BYTES)
        g_string_append_len (reader->pieces, piece, len);
      else
        g_string_truncate (reader->pieces, 0);
      reader->cur_line = reader->pieces->len > 0 ? reader->pieces->str : NULL;
      reader->cur_line_len = reader->pieces->len;
    }
  /* A plain line (nearly all of them) is split without libcsv; the same
   * callbacks take its fields. Only between rows, so libcsv holds nothing. */
  if (whole && reader->have_header && reader->parser.pstate == 0 && !reader->cache->plain_off &&
      feed_plain_line (reader, piece, len))
    return;
  if (csv_parse (&reader->parser, piece, len, field_cb, row_cb, reader) != len)
    {
      _pm_part_add_problem (reader->part, reader->line, "the CSV parser failed: %s",
                            csv_strerror (csv_error (&reader->parser)));
      reader->not_snapshots = TRUE;
    }
}

/* Decides how lines end: a file with no LF at all in its first block but a
 * CR (old Mac style) is split at CR; anything else at LF, CRLF included
 * ("\r\r\n" too). Undecided while a block holds neither, or only a CR at
 * its very end that may be half of a CRLF. */
static void
decide_eol (Reader     *reader,
            const char *text,
            gsize       len,
            gboolean    last)
{
  const char *cr;

  if (memchr (text, '\n', len) != NULL)
    {
      reader->eol_decided = TRUE;
      return;
    }
  cr = memchr (text, '\r', len);
  if (cr != NULL && (cr + 1 < text + len || last))
    {
      reader->eol = '\r';
      reader->eol_decided = TRUE;
    }
}

/* Hands the complete lines of @text to libcsv; returns how many bytes it
 * used. The rest, an unfinished line, is kept for the next block unless it
 * is longer than @keep, then it goes as a piece too. */
static gsize
feed_text (Reader     *reader,
           const char *text,
           gsize       len,
           gboolean    last,
           gsize       keep)
{
  const char *p = text, *end = text + len;

  if (!reader->eol_decided && len > 0)
    decide_eol (reader, text, len, last);

  while (p < end && !reader->not_snapshots)
    {
      const char *nl = memchr (p, reader->eol, end - p);

      if (nl == NULL)
        {
          if (last)
            {
              reader->ended_with_quote = end[-1] == '"';
              feed_piece (reader, p, end - p, TRUE);
              p = end;
            }
          else if ((gsize) (end - p) > keep)
            {
              /* A CR ending the piece may be half of a CRLF: keep it. */
              const char *cut = end[-1] == '\r' && end - p > 1 ? end - 1 : end;

              feed_piece (reader, p, cut - p, FALSE);
              p = cut;
            }
          break;
        }
      feed_piece (reader, p, nl + 1 - p, TRUE);
      p = nl + 1;
    }

  return reader->not_snapshots ? len : (gsize) (p - text);
}

static void
reader_times_from_name (Reader     *reader,
                        const char *file)
{
  g_autofree char *base = g_path_get_basename (file);
  char stamp[PM_FORMAT_TIMESTAMP_LEN + 1];
  gint64 epoch;
  char *end;

  if (strlen (base) < 21 || base[19] != '_' ||
      base[4] != '.' || base[7] != '.' || base[10] != '_' || base[13] != '.' || base[16] != '.')
    return;

  g_snprintf (stamp, sizeof stamp, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s",
              base, base + 5, base + 8, base + 11, base + 14, base + 17);
  epoch = g_ascii_strtoll (base + 20, &end, 10);
  if (end == base + 20 || *end != '.' ||
      !pm_parse_timestamp (stamp, PM_FORMAT_TIMESTAMP_LEN, &reader->name_local))
    return;

  reader->name_utc = epoch;
  reader->name_has_times = TRUE;
}


static void
reader_init (Reader     *reader,
             PmTagCache *cache,
             const char *file)
{
  memset (reader, 0, sizeof *reader);
  reader->cache = cache;
  reader->part = _pm_part_new (file);
  reader->part->is_input_file = TRUE;
  reader->header_fields = g_ptr_array_new_with_free_func (g_free);
  reader->binary = g_string_new (NULL);
  reader->description = g_string_new (NULL);
  reader->stamps = g_array_new (FALSE, TRUE, sizeof (guint));
  reader->eol = '\n';
  reader->at_line_start = TRUE;
  reader->pieces = g_string_new (NULL);
  reader->extra_role = -1;
  reader_times_from_name (reader, file);
  _pm_part_reserve (reader->part, cache->last_n_rows);

  /* A new file starts a new snapshot even with the same tags. */
  _pm_tag_cache_next_snapshot (cache);
}

static PmPart *
reader_finish (Reader *reader)
{
  PmPart *part;

  if (!reader->not_snapshots)
    csv_fini (&reader->parser, field_cb, row_cb, reader);
  finish_snapshot (reader);

  if (!reader->not_snapshots && !reader->have_header && reader->part->n_problems == 0)
    _pm_part_add_problem (reader->part, 0, reader->line == 0 ? "the file is empty"
                                                             : "no header line was found");
  else if (reader->have_header && reader->part->snapshots->len == 0 &&
           reader->part->n_streamed_snapshots == 0 && reader->part->rows_skipped == 0)
    _pm_part_add_problem (reader->part, 0, "the file has a header but no rows");

  csv_free (&reader->parser);
  g_ptr_array_unref (reader->header_fields);
  g_string_free (reader->binary, TRUE);
  g_string_free (reader->description, TRUE);
  g_array_unref (reader->stamps);
  g_free (reader->roles);
  g_string_free (reader->pieces, TRUE);
  _pm_tag_cache_next_snapshot (reader->cache);

  part = reader->part;
  reader->part = NULL;
  reader->cache->last_n_rows = part->n_rows;
  /* From the few first files on (a load, not a follower's look at one new
   * file), rows go to the thread's slab, and the memory they were read
   * into serves the next file. */
  if (++reader->cache->n_files <= SLAB_AFTER_FILES ||
      !_pm_part_move_to_slab (part, &reader->cache->slab))
    _pm_part_shrink (part);
  return part;
}

/* Where the bytes come from: memory (tests, the fuzzer), a file descriptor,
 * or a stream (a .csv.gz through the zlib converter). */
typedef struct
{
  const char   *data;
  gsize         len;
  gsize         pos;
  gsize         max_read;     /* memory: bytes per read, to exercise the blocks */
  int           fd;
  GInputStream *stream;
} Source;

static gssize
source_read (Source  *source,
             char    *buf,
             gsize    len,
             GError **error)
{
  if (source->stream != NULL)
    return g_input_stream_read (source->stream, buf, len, NULL, error);

  if (source->fd >= 0)
    for (;;)
      {
        gssize n = read (source->fd, buf, MIN (len, (gsize) G_MAXINT));
        int saved = errno;

        if (n >= 0)
          return n;
        if (saved == EINTR)
          continue;
        g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                             g_strerror (saved));
        return -1;
      }

  len = MIN (MIN (len, source->len - source->pos), source->max_read);
  memcpy (buf, source->data + source->pos, len);
  source->pos += len;
  return len;
}

/* A buffer of at least @size bytes kept in the thread's cache: one per
 * thread rather than one per file, so its pages are touched once (fresh
 * pages cost a fault each) and stay in cache from file to file. */
static char *
cache_buffer (char  **buffer,
              gsize  *buffer_size,
              gsize   size)
{
  if (*buffer_size < size)
    {
      g_free (*buffer);
      *buffer = g_malloc (size);
      *buffer_size = size;
    }
  return *buffer;
}

/* Reads @source to its end through @reader, @size bytes at a time. Returns
 * the bytes read; on a read error, stops with @error set, and what was read
 * before it counts. */
static guint64
reader_read (Reader             *reader,
             Source             *source,
             gsize               size,
             GCancellable       *cancellable,
             PmReadProgressFunc  progress,
             gpointer            user_data,
             guint64            *reported,
             GError            **error)
{
  char *raw = cache_buffer (&reader->cache->raw, &reader->cache->raw_size, size);
  char *text = NULL;
  PmEncoding encoding = PM_ENCODING_UTF8;
  gsize have = 0, start = 0, text_len = 0;
  gboolean eof = FALSE, detected = FALSE;
  guint64 total = 0;

  while (!eof)
    {
      gssize n = source_read (source, raw + have, size - have, error);
      gsize used;

      if (n <= 0)
        eof = TRUE;
      else
        {
          have += n;
          total += n;
        }

      if (!detected)
        {
          if (have < MIN_READ_BYTES && !eof)
            continue;
          encoding = pm_text_detect_encoding ((const guchar *) raw, have, &start);
          reader->quoted = have > start &&
                           raw[start] == (encoding == PM_ENCODING_UTF16BE ? '\0' : '"') &&
                           (encoding != PM_ENCODING_UTF16BE ||
                            (have > start + 1 && raw[start + 1] == '"'));
          reader_start_parser (reader);
          if (encoding != PM_ENCODING_UTF8)
            text = cache_buffer (&reader->cache->text, &reader->cache->text_size, size * 4);
          detected = TRUE;
        }

      if (encoding == PM_ENCODING_UTF8)
        used = start + feed_text (reader, raw + start, have - start, eof, size / 2);
      else
        {
          gsize consumed, fed;

          text_len += pm_text_utf16_to_utf8 ((const guchar *) raw + start, (have - start) / 2,
                                             encoding, eof, text + text_len, &consumed);
          used = start + 2 * consumed;
          if (eof && used < have)
            _pm_part_add_problem (reader->part, 0,
                                  "the file ends in the middle of a UTF-16 character (an odd "
                                  "number of bytes); the last byte is ignored");
          fed = feed_text (reader, text, text_len, eof, size);
          memmove (text, text + fed, text_len - fed);
          text_len -= fed;
        }
      start = 0;
      memmove (raw, raw + used, have - used);
      have -= used;

      if (progress && total - *reported >= PROGRESS_BYTES)
        {
          progress (total - *reported, user_data);
          *reported = total;
        }
      if (reader->not_snapshots || g_cancellable_is_cancelled (cancellable))
        break;
    }

  return total;
}

/**
 * _pm_csv_read_data_sized:
 * @cache: the calling thread's tag cache
 * @file: the name problems will carry
 * @data: the file's bytes, in any of the encodings of the format
 * @block: the read buffer's size; small ones exercise lines in pieces
 *
 * Returns: (transfer full): the rows read and the problems found; never %NULL
 */
PmPart *
_pm_csv_read_data_sized (PmTagCache         *cache,
                         const char         *file,
                         const char         *data,
                         gsize               len,
                         gsize               block,
                         GCancellable       *cancellable,
                         PmReadProgressFunc  progress,
                         gpointer            user_data)
{
  Source source = { data, len, 0, G_MAXSIZE, -1, NULL };
  Reader reader;
  guint64 reported = 0;

  block = CLAMP (block, MIN_READ_BYTES, READ_BYTES);
  reader_init (&reader, cache, file);
  reader_read (&reader, &source, block, cancellable, progress, user_data, &reported, NULL);
  if (progress && len > reported)
    progress (len - reported, user_data);

  return reader_finish (&reader);
}

/**
 * _pm_csv_read_data:
 *
 * As _pm_csv_read_data_sized() with the buffer a file is read with.
 */
PmPart *
_pm_csv_read_data (PmTagCache         *cache,
                   const char         *file,
                   const char         *data,
                   gsize               len,
                   GCancellable       *cancellable,
                   PmReadProgressFunc  progress,
                   gpointer            user_data)
{
  return _pm_csv_read_data_sized (cache, file, data, len, MIN (len + 1, (gsize) READ_BYTES),
                                  cancellable, progress, user_data);
}

/* A .csv.gz, by its name (the reader decompresses such a file whole; the
 * follower re-reads it whole when it grows). */
gboolean
_pm_csv_is_gzip_name (const char *file)
{
  gsize len = strlen (file);

  return len > 3 && g_ascii_strcasecmp (file + len - 3, ".gz") == 0;
}

/* A .csv.gz: the descriptor through GIO's zlib converter. */
static GInputStream *
open_gzip_stream (const char  *file,
                  int         *fd,
                  GError     **error)
{
  g_autoptr(GInputStream) base = NULL;
  g_autoptr(GZlibDecompressor) decompressor = NULL;

#ifdef G_OS_UNIX
  base = g_unix_input_stream_new (*fd, TRUE);
#else
  {
    g_autoptr(GFile) gfile = g_file_new_for_path (file);

    close (*fd);
    *fd = -1;
    base = G_INPUT_STREAM (g_file_read (gfile, NULL, error));
    if (base == NULL)
      return NULL;
  }
#endif
  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  return g_converter_input_stream_new (base, G_CONVERTER (decompressor));
}

/**
 * _pm_csv_read_file:
 *
 * As _pm_csv_read_data(), reading @file (or, for a name ending in .gz, the
 * text it decompresses to) in blocks: the input is never modified, never
 * mapped, and a FIFO or device put where a file was listed is refused
 * without blocking. A file that cannot be read gives a part with one
 * problem; a file that shrinks or whose compressed stream breaks off gives
 * the rows read up to there and a problem saying where.
 */
PmPart *
_pm_csv_read_file (PmTagCache         *cache,
                   const char         *file,
                   GCancellable       *cancellable,
                   PmReadProgressFunc  progress,
                   gpointer            user_data)
{
  g_autoptr(GError) error = NULL;
  Source source = { NULL, 0, 0, 0, -1, NULL };
  gboolean gzip = _pm_csv_is_gzip_name (file);
  guint64 n_read, reported = 0, size = 0;
  Reader reader;
  int fd;

  fd = pm_file_open_regular (file, &size, &error);
  if (fd >= 0 && gzip)
    source.stream = open_gzip_stream (file, &fd, &error);
  if (fd < 0 && source.stream == NULL)
    {
      PmPart *part = _pm_part_new (file);

      part->is_input_file = TRUE;
      _pm_part_add_problem (part, 0, "%s", error->message);
      return part;
    }
  source.fd = gzip ? -1 : fd;

  reader_init (&reader, cache, file);
  /* Blocks of FILE_READ_BYTES at most, into the thread's buffers: the bytes
   * read, decoded and split stay in the core's cache, where a buffer the
   * size of the file (most are 0.8 MB) went through memory twice. */
  n_read = reader_read (&reader, &source, CLAMP (size + 1, SMALL_READ_BYTES, FILE_READ_BYTES),
                        cancellable, gzip ? NULL : progress,
                        user_data, &reported, &error);

  if (error != NULL && gzip)
    {
      gint64 at = -1;

#ifdef G_OS_UNIX
      at = lseek (fd, 0, SEEK_CUR);
#endif
      if (at >= 0)
        _pm_part_add_problem (reader.part, 0,
                              "the compressed data breaks off at byte %" G_GINT64_FORMAT " of %"
                              G_GUINT64_FORMAT ", after %" G_GUINT64_FORMAT " bytes of text (%s); "
                              "the rows before it are kept", at, size, n_read, error->message);
      else
        _pm_part_add_problem (reader.part, 0,
                              "the compressed data breaks off after %" G_GUINT64_FORMAT
                              " bytes of text (%s); the rows before it are kept",
                              n_read, error->message);
    }
  else if (error != NULL)
    _pm_part_add_problem (reader.part, 0,
                          "reading stopped at byte %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                          " (%s); the rows before it are kept", n_read, size, error->message);
  else if (!gzip && n_read < size && !reader.not_snapshots &&
           !g_cancellable_is_cancelled (cancellable))
    _pm_part_add_problem (reader.part, 0,
                          "the file changed while being read: it had %" G_GUINT64_FORMAT
                          " bytes when opened and ended after %" G_GUINT64_FORMAT
                          "; the rows read are kept", size, n_read);

  if (source.stream != NULL)
    g_object_unref (source.stream);
  else
    close (fd);

  if (progress && MAX (size, n_read) > reported)
    progress (MAX (size, n_read) - reported, user_data);

  return reader_finish (&reader);
}
