/* pm-csv-reader.c: one snapshot file into rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only file that includes <csv.h>. Input is decoded to UTF-8 (UTF-16LE
 * and BE with or without BOM, UTF-8 with or without BOM) in blocks and handed
 * to libcsv one physical line at a time, so every row knows its line number
 * and memory stays flat however large a loop-mode file is. Fields are
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
#include <string.h>

#include "pm-format.h"
#include "pm-text-decode.h"
#include "pm-types.h"

#define MAX_FIELDS        64
#define MAX_INFO_BYTES    1024
#define MAX_ROW_BYTES     (1 << 20)
#define MAX_HEADER_BYTES  (64 * 1024)
#define BLOCK_UNITS       (64 * 1024)
#define PROGRESS_BYTES    (1 << 20)

typedef struct
{
  PmTagCache        *cache;
  PmPart            *part;
  struct csv_parser  parser;

  /* The header in force, and what its columns give. */
  gboolean           have_header;
  gboolean           not_snapshots;
  int                roles[MAX_FIELDS];
  guint              n_columns;
  guint              have;
  guint              column_mask;     /* 1 << PmColumn for each column named */
  GPtrArray         *header_fields;   /* the first row, while deciding */

  /* The row being read. */
  guint              line;            /* the physical line being fed */
  guint              row_line;
  guint              field;
  gsize              row_bytes;
  const char        *row_error;
  char               row_error_buf[128];
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
  const char        *cur_line;        /* the physical line being fed */
  gsize              cur_line_len;
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

static int
column_from_name (const char *name,
                  gsize       len)
{
  /* Exact first; then ignoring case and surrounding blanks, since people
   * edit these headers by hand. */
  for (int pass = 0; pass < 2; pass++)
    for (int c = 0; c < PM_N_COLUMNS; c++)
      {
        const char *known = pm_format_column_name (c);
        gsize known_len = strlen (known);

        if (pass == 0 && len == known_len && memcmp (name, known, len) == 0)
          return c;
        if (pass == 1)
          {
            g_autofree char *copy = g_strndup (name, len);

            g_strstrip (copy);
            if (g_ascii_strcasecmp (copy, known) == 0)
              return c;
          }
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
  for (guint i = 0; i < MAX_FIELDS; i++)
    reader->roles[i] = -1;

  for (guint i = 0; i < n_names && i < MAX_FIELDS; i++)
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
  for (guint i = 0; i < n_names && i < MAX_FIELDS; i++)
    if ((reader->roles[i] == PM_COLUMN_PAGED_DIFF && HAS (PAGED_ALLOCS) && HAS (PAGED_FREES)) ||
        (reader->roles[i] == PM_COLUMN_NON_PAGED_DIFF &&
         HAS (NON_PAGED_ALLOCS) && HAS (NON_PAGED_FREES)) ||
        (reader->roles[i] == PM_COLUMN_TOTAL_USED_BYTES &&
         HAS (PAGED_USED_BYTES) && HAS (NON_PAGED_USED_BYTES)))
      reader->roles[i] = -1;
#undef HAS

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
        reader_fail_row (reader, "a malformed timestamp (expected YYYY-MM-DDTHH:MM:SS)");
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
      reader_fail_row (reader, "a malformed timestamp (expected YYYY-MM-DDTHH:MM:SS)");
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
      if (reader->header_fields->len < MAX_FIELDS * 2)
        g_ptr_array_add (reader->header_fields, g_strndup (s, len));
      return;
    }

  if (index >= MAX_FIELDS || (role = reader->roles[index]) < 0)
    return;

  switch (role)
    {
    case PM_COLUMN_TAG:
      if (len == 3 && memcmp (s, "Tag", 3) == 0)
        reader->looks_like_header = TRUE;
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

  if (fields->len < MAX_FIELDS * 2)
    g_ptr_array_add (fields, g_strndup (data ? data : "", len));
}

static void
reread_header (Reader *reader)
{
  struct csv_parser parser;

  csv_init (&parser, 0);
  csv_set_space_func (&parser, never_space);
  g_ptr_array_set_size (reader->header_fields, 0);
  csv_parse (&parser, reader->cur_line, reader->cur_line_len, collect_header_field_cb, NULL,
             reader->header_fields);
  csv_fini (&parser, collect_header_field_cb, NULL, reader->header_fields);
  csv_free (&parser);

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

  if (reader->looks_like_header)
    {
      /* A header again: files were concatenated. Its columns count from here
       * on; a header is one line, so read it again from that line. */
      reread_header (reader);
      reset_row (reader);
      return;
    }

  if (n_fields != reader->n_columns)
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

static void
feed_line (Reader     *reader,
           const char *line,
           gsize       len)
{
  reader->line++;
  if (reader->not_snapshots)
    return;

  reader->row_bytes += len;
  if (reader->row_bytes > MAX_ROW_BYTES ||
      (!reader->have_header && reader->row_bytes > MAX_HEADER_BYTES))
    {
      /* An unclosed quote, or not text at all: give up on this row and
       * start afresh at the next line. */
      _pm_part_add_problem (reader->part, reader->row_line ? reader->row_line : reader->line,
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
      return;
    }

  reader->cur_line = line;
  reader->cur_line_len = len;
  if (csv_parse (&reader->parser, line, len, field_cb, row_cb, reader) != len)
    {
      _pm_part_add_problem (reader->part, reader->line, "the CSV parser failed: %s",
                            csv_strerror (csv_error (&reader->parser)));
      reader->not_snapshots = TRUE;
    }
}

/* Hands complete lines of @data to libcsv; returns how many bytes it used
 * (the rest is an incomplete line, kept for the next block). */
static gsize
feed_lines (Reader     *reader,
            const char *data,
            gsize       len,
            gboolean    last)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);

      if (nl == NULL)
        {
          if (!last)
            break;
          reader->ended_with_quote = end[-1] == '"';
          feed_line (reader, p, end - p);
          p = end;
          break;
        }
      feed_line (reader, p, nl + 1 - p);
      p = nl + 1;
    }

  return p - data;
}
/* Old sampler names: "%Y.%m.%d_%H.%M.%S_<epoch>.pool.csv". */
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
           reader->part->rows_skipped == 0)
    _pm_part_add_problem (reader->part, 0, "the file has a header but no rows");

  csv_free (&reader->parser);
  g_ptr_array_unref (reader->header_fields);
  g_string_free (reader->binary, TRUE);
  g_string_free (reader->description, TRUE);
  g_array_unref (reader->stamps);
  _pm_tag_cache_next_snapshot (reader->cache);

  part = reader->part;
  reader->part = NULL;
  reader->cache->last_n_rows = part->n_rows;
  _pm_part_shrink (part);
  return part;
}

/**
 * _pm_csv_read_data:
 * @cache: the calling thread's tag cache
 * @file: the name problems will carry
 * @data: the file's bytes, in any of the encodings of docs/design.md, The snapshot format
 *
 * Returns: (transfer full): the rows read and the problems found; never %NULL
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
  Reader reader;
  gsize skip, reported = 0;
  PmEncoding encoding = pm_text_detect_encoding ((const guchar *) data, len, &skip);

  reader_init (&reader, cache, file);
  reader.quoted = len > skip && data[skip] == (encoding == PM_ENCODING_UTF16BE ? '\0' : '"') &&
                  (encoding != PM_ENCODING_UTF16BE || (len > skip + 1 && data[skip + 1] == '"'));
  reader_start_parser (&reader);

  if (encoding == PM_ENCODING_UTF8)
    {
      /* Whole lines straight from the input, in blocks for progress. */
      gsize pos = skip;

      while (pos < len && !reader.not_snapshots)
        {
          gsize block = MIN (len - pos, (gsize) PROGRESS_BYTES);
          gboolean last = pos + block == len;
          gsize used = feed_lines (&reader, data + pos, block, last);

          if (used == 0 && !last)
            {
              /* A line longer than the block: feed it whole. */
              const char *nl = memchr (data + pos, '\n', len - pos);

              block = nl ? (gsize) (nl + 1 - (data + pos)) : len - pos;
              used = feed_lines (&reader, data + pos, block, pos + block == len);
            }
          pos += used;
          if (progress && pos - reported >= PROGRESS_BYTES)
            {
              progress (pos - reported, user_data);
              reported = pos;
            }
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }
  else
    {
      gsize n_units = (len - skip) / 2, unit = 0;
      g_autofree char *buf = g_malloc (BLOCK_UNITS * 3 + MAX_ROW_BYTES + 8);
      gsize pending = 0;

      if ((len - skip) % 2 != 0)
        _pm_part_add_problem (reader.part, 0,
                              "the file ends in the middle of a UTF-16 character (an odd "
                              "number of bytes); the last byte is ignored");

      while (unit < n_units && !reader.not_snapshots)
        {
          gsize chunk = MIN (n_units - unit, (gsize) BLOCK_UNITS);
          gboolean last = unit + chunk == n_units;
          gsize consumed, used;

          /* Never let an unfinished line grow the buffer past its size. */
          if (pending > MAX_ROW_BYTES)
            {
              feed_line (&reader, buf, pending);
              pending = 0;
            }

          pending += pm_text_utf16_to_utf8 ((const guchar *) data + skip + 2 * unit, chunk,
                                            encoding, last, buf + pending, &consumed);
          unit += consumed;
          last = unit == n_units;

          used = feed_lines (&reader, buf, pending, last);
          memmove (buf, buf + used, pending - used);
          pending -= used;

          if (progress && skip + 2 * unit - reported >= PROGRESS_BYTES)
            {
              progress (skip + 2 * unit - reported, user_data);
              reported = skip + 2 * unit;
            }
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }

  if (progress && len > reported)
    progress (len - reported, user_data);

  return reader_finish (&reader);
}

/**
 * _pm_csv_read_file:
 *
 * As _pm_csv_read_data(), mapping @file read-only: the input is never
 * modified. A file that cannot be read gives a part with one problem.
 */
PmPart *
_pm_csv_read_file (PmTagCache         *cache,
                   const char         *file,
                   GCancellable       *cancellable,
                   PmReadProgressFunc  progress,
                   gpointer            user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (file, FALSE, &error);

  if (mapped == NULL)
    {
      PmPart *part = _pm_part_new (file);

      part->is_input_file = TRUE;
      _pm_part_add_problem (part, 0, "cannot be read: %s", error->message);
      return part;
    }

  return _pm_csv_read_data (cache, file, g_mapped_file_get_contents (mapped),
                            g_mapped_file_get_length (mapped), cancellable, progress, user_data);
}
