/* test-sampler.c: the portable sampler, unit by unit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on Linux and, cross-built, under wine: the same checks hold on
 * both, including the real atomic file writer of each system. The query,
 * pooltag.txt, formatting and options are here; the schedule, the loop, the
 * program and the file writer in test-sampler-run.c.
 */
#ifndef _WIN32
# define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>

#include "test-sampler-private.h"

static char *args_data[32];

/* Splits @line at spaces into a static argv (argv[0] is the program). */
char **
make_argv (const char *line,
           int        *argc)
{
  static char copy[1024];
  char *p;

  snprintf (copy, sizeof copy, "poolmon-sampler %s", line);
  *argc = 0;
  for (p = strtok (copy, " "); p != NULL && *argc < 31; p = strtok (NULL, " "))
    args_data[(*argc)++] = p;
  args_data[*argc] = NULL;
  return args_data;
}

/* ---- query --------------------------------------------------------------- */

static void
test_query_grows_on_mismatch (void)
{
  PmFakeQuery fake = { .n_tags = 5000 };
  PmPoolQuery query;
  PmPoolTag expected;

  pm_pool_query_init (&query, pm_fake_query, &fake);

  /* 5,000 tags need 200,008 bytes; the first buffer is 64 KB. */
  PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_OK);
  PM_CHECK_U64 (query.n_calls, 2);
  PM_CHECK_U64 (query.n_tags, 5000);
  PM_CHECK (query.buffer_size >= 200008);

  pm_fake_tag (4321, 0, &expected);
  PM_CHECK (memcmp (query.tags[4321].tag, expected.tag, 4) == 0);
  PM_CHECK_U64 (query.tags[4321].paged_allocs, expected.paged_allocs);
  PM_CHECK_U64 (query.tags[4321].paged_frees, expected.paged_frees);
  PM_CHECK_U64 (query.tags[4321].paged_used, expected.paged_used);
  PM_CHECK_U64 (query.tags[4321].non_paged_allocs, expected.non_paged_allocs);
  PM_CHECK_U64 (query.tags[4321].non_paged_frees, expected.non_paged_frees);
  PM_CHECK_U64 (query.tags[4321].non_paged_used, expected.non_paged_used);

  /* The next snapshot reuses the buffer: one call, no new allocation. */
  {
    unsigned char *buffer = query.buffer;
    size_t size = query.buffer_size;

    PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_OK);
    PM_CHECK_U64 (query.n_calls, 1);
    PM_CHECK (query.buffer == buffer);
    PM_CHECK_U64 (query.buffer_size, size);
    pm_fake_tag (4321, 1, &expected);
    PM_CHECK_U64 (query.tags[4321].paged_allocs, expected.paged_allocs);
  }

  pm_pool_query_clear (&query);
}

static void
test_query_list_grows_between_calls (void)
{
  PmFakeQuery fake = { .n_tags = 3000, .grow_by = 700 };
  PmPoolQuery query;

  pm_pool_query_init (&query, pm_fake_query, &fake);

  /* The size asked for is short by 700 tags at the next call; the slack
   * added to it absorbs that. */
  PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_OK);
  PM_CHECK_U64 (query.n_tags, 3700);
  PM_CHECK_U64 (query.n_calls, 2);

  pm_pool_query_clear (&query);

  /* A list that keeps outgrowing the buffer still ends, with an error,
   * after a bounded number of calls. */
  fake.n_tags = 100000;
  fake.grow_by = 100000;
  fake.no_length = 1;
  fake.n_calls = 0;
  pm_pool_query_init (&query, pm_fake_query, &fake);
  PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_FAILED);
  PM_CHECK_U64 (query.status, PM_STATUS_INFO_LENGTH_MISMATCH);
  PM_CHECK_U64 (query.n_calls, 8);
  PM_CHECK_U64 (query.n_tags, 0);
  PM_CHECK (query.buffer_size <= 8u * 1024 * 1024);
  pm_pool_query_clear (&query);
}

static void
test_query_mismatch_without_length (void)
{
  PmFakeQuery fake = { .n_tags = 10000, .no_length = 1 };
  PmPoolQuery query;

  pm_pool_query_init (&query, pm_fake_query, &fake);
  PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_OK);
  PM_CHECK_U64 (query.n_tags, 10000);
  /* 64 KB doubled to 512 KB: three too-small answers, then the list. */
  PM_CHECK_U64 (query.n_calls, 4);
  pm_pool_query_clear (&query);
}

static void
test_query_statuses (void)
{
  PmFakeQuery fake = { .n_tags = 10, .status = PM_STATUS_INVALID_INFO_CLASS };
  PmPoolQuery query;

  pm_pool_query_init (&query, pm_fake_query, &fake);
  PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_UNSUPPORTED);
  PM_CHECK_U64 (query.status, 0xC0000003u);
  PM_CHECK_U64 (query.n_calls, 1);

  fake.status = PM_STATUS_NOT_IMPLEMENTED;
  PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_UNSUPPORTED);

  /* STATUS_ACCESS_DENIED is a failure of this snapshot, not the end. */
  fake.status = 0xC0000022u;
  PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_FAILED);
  PM_CHECK_U64 (query.status, 0xC0000022u);

  fake.status = 0;
  PM_CHECK (pm_pool_query_run (&query) == PM_QUERY_OK);
  PM_CHECK_U64 (query.n_tags, 10);
  pm_pool_query_clear (&query);
}

static void
test_query_parse_layout (void)
{
  unsigned char bytes[PM_POOLTAG_HEADER_SIZE + 2 * PM_POOLTAG_ENTRY_SIZE];
  PmPoolTag tags[2] = {
    { { 'M', 'm', 'S', 't' }, 1, 2, 0x0000000100000003ull, 4, 5, 0xFFFFFFFFFFFFFFF0ull },
    { { 'I', 'o', '\0', '\0' }, 0xFFFFFFFFu, 0, 7, 8, 9, 10 },
  };
  PmPoolQuery query;
  size_t len;

  pm_pool_query_init (&query, NULL, NULL);
  len = pm_fake_encode (tags, 2, bytes);
  PM_CHECK_U64 (len, 88);

  /* The offsets of the x64 SYSTEM_POOLTAG, checked on the bytes. */
  PM_CHECK (bytes[8] == 'M' && bytes[8 + 12] == 0xAB && bytes[8 + 16] == 3 && bytes[8 + 20] == 1);
  PM_CHECK (bytes[8 + 40] == 'I');

  PM_CHECK (pm_pool_query_parse (&query, bytes, len) == PM_QUERY_OK);
  PM_CHECK_U64 (query.n_tags, 2);
  PM_CHECK (memcmp (query.tags[0].tag, "MmSt", 4) == 0);
  PM_CHECK_U64 (query.tags[0].paged_allocs, 1);
  PM_CHECK_U64 (query.tags[0].paged_frees, 2);
  PM_CHECK_U64 (query.tags[0].paged_used, 0x0000000100000003ull);
  PM_CHECK_U64 (query.tags[0].non_paged_allocs, 4);
  PM_CHECK_U64 (query.tags[0].non_paged_frees, 5);
  PM_CHECK_U64 (query.tags[0].non_paged_used, 0xFFFFFFFFFFFFFFF0ull);
  /* NUL padding reads as the space padding it means. */
  PM_CHECK (memcmp (query.tags[1].tag, "Io  ", 4) == 0);
  PM_CHECK_U64 (query.tags[1].paged_allocs, 0xFFFFFFFFu);

  /* A count that claims more than the bytes hold is refused, not read. */
  PM_CHECK (pm_pool_query_parse (&query, bytes, len - 1) == PM_QUERY_FAILED);
  PM_CHECK_U64 (query.n_tags, 0);
  PM_CHECK (pm_pool_query_parse (&query, bytes, 4) == PM_QUERY_FAILED);

  /* No tags at all is a valid answer. */
  pm_fake_encode (tags, 0, bytes);
  PM_CHECK (pm_pool_query_parse (&query, bytes, 8) == PM_QUERY_OK);
  PM_CHECK_U64 (query.n_tags, 0);

  pm_pool_query_clear (&query);
}

/* ---- pooltag.txt ----------------------------------------------------------- */

static const char tag_text[] =
  "\xEF\xBB\xBFrem Pooltag.txt\r\n"
  "REM\r\n"
  "// a comment - with - dashes\r\n"
  "\r\n"
  "Afd? - afd.sys      - AFD objects\r\n"
  "AfdB - afd.sys      - AFD data buffer\r\n"
  " Io  - nt!io        - general \"IO\" allocations\r\n"
  "Acp* - acpi.sys     - ACPI, any\r\n"
  "A*   - <unknown>    - too broad, listed later\r\n"
  "TooLong - x.sys - not a tag\r\n"
  "CM?? - nt!cm        - Configuration Manager\r\n"
  "CM25 - nt!cm        - Configuration Manager (Hive)\r\n"
  "NoDesc - \r\n"
  "Nd   - ndis.sys\r\n"
  "Io   - duplicate    - the first entry wins\r\n"
  "Dash - a-b.sys      - name - with - dashes\n"
  "Wx*yz - w.sys - a pattern longer than a tag\n";

static void
check_lookup (PmTagFile  *tag_file,
              const char *tag,
              int         found,
              const char *binary,
              const char *description,
              int        *ok)
{
  const char *b = NULL, *d = NULL;

  *ok = 0;
  if (pm_tag_file_lookup (tag_file, tag, &b, &d) != found)
    {
      printf ("# lookup of \"%.4s\": found is not %d\n", tag, found);
      return;
    }
  if (strcmp (b, binary) != 0 || strcmp (d, description) != 0)
    {
      printf ("# lookup of \"%.4s\": \"%s\" \"%s\"\n", tag, b, d);
      return;
    }
  *ok = 1;
}

#define CHECK_LOOKUP(tf, tag, found, binary, description)          \
  do {                                                             \
    int ok_;                                                       \
    check_lookup (tf, tag, found, binary, description, &ok_);      \
    PM_CHECK (ok_);                                                \
  } while (0)

static void
test_tagfile_lookup (void)
{
  PmTagFile *tag_file = pm_tag_file_new_from_data (tag_text, sizeof tag_text - 1);

  PM_CHECK (tag_file != NULL);
  PM_CHECK_U64 (pm_tag_file_get_n_entries (tag_file), 13);

  for (int round = 0; round < 2; round++)
    {
      /* Twice: the second round answers from the cache. */
      CHECK_LOOKUP (tag_file, "AfdB", 1, "afd.sys", "AFD data buffer");
      CHECK_LOOKUP (tag_file, "AfdX", 1, "afd.sys", "AFD objects");
      CHECK_LOOKUP (tag_file, "Io  ", 1, "nt!io", "general \"IO\" allocations");
      CHECK_LOOKUP (tag_file, "AcpZ", 1, "acpi.sys", "ACPI, any");
      CHECK_LOOKUP (tag_file, "Ab  ", 1, "<unknown>", "too broad, listed later");
      CHECK_LOOKUP (tag_file, "CM25", 1, "nt!cm", "Configuration Manager (Hive)");
      CHECK_LOOKUP (tag_file, "CMa1", 1, "nt!cm", "Configuration Manager");
      /* One separator: a description only, as libpoolstats reads it. */
      CHECK_LOOKUP (tag_file, "Nd  ", 1, "", "ndis.sys");
      CHECK_LOOKUP (tag_file, "Wxyz", 1, "w.sys", "a pattern longer than a tag");
      CHECK_LOOKUP (tag_file, "Dash", 1, "a-b.sys", "name - with - dashes");
      CHECK_LOOKUP (tag_file, "afdb", 0, "", "");
      CHECK_LOOKUP (tag_file, "TooL", 0, "", "");
      CHECK_LOOKUP (tag_file, "CM2 ", 0, "", "");
      CHECK_LOOKUP (tag_file, "rem ", 0, "", "");
    }

  pm_tag_file_free (tag_file);
}

static void
test_tagfile_utf16 (void)
{
  static const char utf8[] = "Io - nt!io - E/A caf\xC3\xA9 \xF0\x9F\x98\x80\r\nAfd? - afd.sys - AFD\r\n";
  unsigned char utf16[2 + 2 * sizeof utf8];
  size_t n = 0;
  PmTagFile *tag_file;
  const char *b, *d;

  /* The same text as UTF-16LE with a BOM, as Notepad may save it. */
  utf16[n++] = 0xFF;
  utf16[n++] = 0xFE;
  for (const char *p = utf8; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == 0xC3)
        {
          utf16[n++] = 0xE9;
          utf16[n++] = 0;
          p++;
        }
      else if (c == 0xF0)
        {
          /* U+1F600 as the surrogate pair D83D DE00. */
          utf16[n++] = 0x3D;
          utf16[n++] = 0xD8;
          utf16[n++] = 0x00;
          utf16[n++] = 0xDE;
          p += 3;
        }
      else
        {
          utf16[n++] = c;
          utf16[n++] = 0;
        }
    }

  tag_file = pm_tag_file_new_from_data ((const char *) utf16, n);
  PM_CHECK (tag_file != NULL);
  PM_CHECK_U64 (pm_tag_file_get_n_entries (tag_file), 2);
  PM_CHECK (pm_tag_file_lookup (tag_file, "Io  ", &b, &d));
  PM_CHECK_STR (b, "nt!io");
  PM_CHECK_STR (d, "E/A caf\xC3\xA9 \xF0\x9F\x98\x80");
  PM_CHECK (pm_tag_file_lookup (tag_file, "AfdZ", &b, &d));
  PM_CHECK_STR (d, "AFD");
  pm_tag_file_free (tag_file);
}

static void
test_tagfile_from_path (void)
{
  char *dir = pm_test_make_dir ();
  char path[4096];
  char error[256];
  PmTagFile *tag_file;

  PM_CHECK (dir != NULL);
  PM_CHECK (pm_os_write_file_atomic (dir, "pooltag.txt", tag_text, sizeof tag_text - 1,
                                     error, sizeof error) == 0);
  snprintf (path, sizeof path, "%s%cpooltag.txt", dir, pm_os_dir_separator ());
  tag_file = pm_tag_file_new_from_path (path);
  PM_CHECK (tag_file != NULL);
  PM_CHECK_U64 (pm_tag_file_get_n_entries (tag_file), 13);
  pm_tag_file_free (tag_file);

  snprintf (path, sizeof path, "%s%cmissing.txt", dir, pm_os_dir_separator ());
  PM_CHECK (pm_tag_file_new_from_path (path) == NULL);
  pm_test_remove_dir (dir);
}

/* ---- formatting ------------------------------------------------------------ */

static void
make_time (int64_t         epoch,
           int             utc_offset,
           PmSnapshotTime *time)
{
  time->epoch = epoch;
  pm_sampler_utc_time (epoch, &time->utc);
  pm_sampler_utc_time (epoch + utc_offset, &time->local);
}

static void
test_format_utc_time (void)
{
  static const struct { int64_t epoch; int y, mo, d, h, mi, s, wday; } cases[] = {
    { 0,          1970, 1, 1, 0, 0, 0, 4 },
    { 951782400,  2000, 2, 29, 0, 0, 0, 2 },
    { 1709251199, 2024, 2, 29, 23, 59, 59, 4 },
    { 1626171300, 2021, 7, 13, 10, 15, 0, 2 },
    { 4107542400, 2100, 3, 1, 0, 0, 0, 1 },
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      struct tm tm;

      pm_sampler_utc_time (cases[i].epoch, &tm);
      PM_CHECK_U64 (tm.tm_year + 1900, cases[i].y);
      PM_CHECK_U64 (tm.tm_mon + 1, cases[i].mo);
      PM_CHECK_U64 (tm.tm_mday, cases[i].d);
      PM_CHECK_U64 (tm.tm_hour, cases[i].h);
      PM_CHECK_U64 (tm.tm_min, cases[i].mi);
      PM_CHECK_U64 (tm.tm_sec, cases[i].s);
      PM_CHECK_U64 (tm.tm_wday, cases[i].wday);
    }
}

static void
test_format_file_name (void)
{
  PmSnapshotTime time;
  char name[PM_SAMPLER_FILE_NAME_MAX];
  char small[20];

  /* Local time in the first part, UTC seconds in the second. */
  make_time (1626171300, 2 * 3600, &time);
  PM_CHECK (pm_sampler_file_name (&time, name, sizeof name) == 0);
  PM_CHECK_STR (name, "2021.07.13_12.15.00_1626171300.pool.csv");

  make_time (951782400, -5 * 3600, &time);
  PM_CHECK (pm_sampler_file_name (&time, name, sizeof name) == 0);
  PM_CHECK_STR (name, "2000.02.28_19.00.00_951782400.pool.csv");

  PM_CHECK (pm_sampler_file_name (&time, small, sizeof small) != 0);
}

static void
test_format_rows (void)
{
  PmTagFile *tag_file = pm_tag_file_new_from_data (tag_text, sizeof tag_text - 1);
  PmPoolTag tags[3] = {
    /* Paged counters wrapped: 5 - 10 modulo 2^32. */
    { { 'I', 'o', ' ', ' ' }, 5, 10, 1234, 4000000000u, 1, 5000000000ull },
    { { 'A', 'f', 'd', 'Q' }, 0, 0, 0, 0, 0, 0 },
    /* A quote in the tag is doubled; a byte above 0x7F is Latin-1. */
    { { 'Q', '"', (char) 0xE9, '\x01' }, 1, 0, 2, 3, 1, 4 },
  };
  PmSnapshotTime time;
  PmBuf out = { 0 };

  make_time (1626171300, 2 * 3600, &time);
  PM_CHECK (pm_sampler_format_header (&out) == 0);
  PM_CHECK (pm_sampler_format_rows (&out, &time, tags, 3, tag_file, NULL, 0) == 0);
  PM_CHECK (pm_buf_reserve (&out, 1) == 0);
  out.data[out.len] = '\0';

  PM_CHECK_STR (out.data,
    PM_TEST_HEADER
    "\"2021-07-13T12:15:00\",\"2021-07-13T10:15:00\",\"Io  \",\"5\",\"10\",\"4294967291\","
    "\"1234\",\"4000000000\",\"1\",\"3999999999\",\"5000000000\",\"5000001234\",\"nt!io\","
    "\"general \"\"IO\"\" allocations\"\r\n"
    "\"2021-07-13T12:15:00\",\"2021-07-13T10:15:00\",\"AfdQ\",\"0\",\"0\",\"0\",\"0\",\"0\","
    "\"0\",\"0\",\"0\",\"0\",\"afd.sys\",\"AFD objects\"\r\n"
    "\"2021-07-13T12:15:00\",\"2021-07-13T10:15:00\",\"Q\"\"\xC3\xA9?\",\"1\",\"0\",\"1\",\"2\","
    "\"3\",\"1\",\"2\",\"4\",\"6\",\"\",\"\"\r\n");

  /* Without a tag file, Binary and Description are empty but present. */
  out.len = 0;
  PM_CHECK (pm_sampler_format_rows (&out, &time, tags, 1, NULL, NULL, 0) == 0);
  PM_CHECK (out.len > 8 && memcmp (out.data + out.len - 8, ",\"\",\"\"\r\n", 8) == 0);

  pm_buf_clear (&out);
  pm_tag_file_free (tag_file);
}

static void
test_format_tag_selection (void)
{
  const char *patterns[] = { "Io", "Afd?", "C*", "Mm  " };
  PmPoolTag tags[6] = {
    { { 'I', 'o', ' ', ' ' }, 0, 0, 0, 0, 0, 0 },
    { { 'I', 'o', 'x', ' ' }, 0, 0, 0, 0, 0, 0 },
    { { 'A', 'f', 'd', 'B' }, 0, 0, 0, 0, 0, 0 },
    { { 'C', 'M', '2', '5' }, 0, 0, 0, 0, 0, 0 },
    { { 'M', 'm', ' ', ' ' }, 0, 0, 0, 0, 0, 0 },
    { { 'c', 'M', '2', '5' }, 0, 0, 0, 0, 0, 0 },
  };
  const int expected[6] = { 1, 0, 1, 1, 1, 0 };
  PmSnapshotTime time;
  PmBuf out = { 0 };
  size_t lines = 0;

  for (int i = 0; i < 6; i++)
    PM_CHECK_U64 (pm_sampler_tag_selected (tags[i].tag, patterns, 4), expected[i]);
  PM_CHECK (pm_sampler_tag_selected (tags[1].tag, NULL, 0));

  make_time (1626171300, 0, &time);
  PM_CHECK (pm_sampler_format_rows (&out, &time, tags, 6, NULL, patterns, 4) == 0);
  for (size_t i = 0; i < out.len; i++)
    lines += out.data[i] == '\n';
  PM_CHECK_U64 (lines, 4);
  pm_buf_clear (&out);
}

/* ---- options --------------------------------------------------------------- */

static void
test_options_defaults (void)
{
  PmSamplerOptions options;
  char error[256];
  int argc;
  char **argv = make_argv ("", &argc);

  PM_CHECK (pm_sampler_options_parse (&options, argc, argv, error, sizeof error) == 0);
  PM_CHECK_STR (options.out_dir, ".");
  PM_CHECK (options.tag_file == NULL);
  PM_CHECK_U64 (options.interval, 60);
  PM_CHECK (options.duration_hours == 48);
  PM_CHECK_U64 (options.count, 0);
  PM_CHECK (!options.once && !options.help && !options.version);
  PM_CHECK_U64 (options.n_patterns, 0);
  pm_sampler_options_clear (&options);
}

static void
test_options_all (void)
{
  PmSamplerOptions options;
  char error[256];
  int argc;
  char **argv = make_argv ("--out D:\\pool --interval 15 --duration=0.5 --tags Io,Afd?,,Mm* "
                           "--tagfile=C:\\pooltag.txt", &argc);

  PM_CHECK (pm_sampler_options_parse (&options, argc, argv, error, sizeof error) == 0);
  PM_CHECK_STR (options.out_dir, "D:\\pool");
  PM_CHECK_STR (options.tag_file, "C:\\pooltag.txt");
  PM_CHECK_U64 (options.interval, 15);
  PM_CHECK (options.duration_hours == 0.5);
  PM_CHECK_U64 (options.n_patterns, 3);
  PM_CHECK_STR (options.patterns[0], "Io");
  PM_CHECK_STR (options.patterns[1], "Afd?");
  PM_CHECK_STR (options.patterns[2], "Mm*");
  pm_sampler_options_clear (&options);

  argv = make_argv ("--count 10 --once", &argc);
  PM_CHECK (pm_sampler_options_parse (&options, argc, argv, error, sizeof error) != 0);
  PM_CHECK (strstr (error, "--once") != NULL);

  argv = make_argv ("--count=10 --help --version", &argc);
  PM_CHECK (pm_sampler_options_parse (&options, argc, argv, error, sizeof error) == 0);
  PM_CHECK_U64 (options.count, 10);
  PM_CHECK (options.help && options.version);
  pm_sampler_options_clear (&options);
}

static void
test_options_errors (void)
{
  static const struct { const char *line; const char *message; } cases[] = {
    { "--bogus", "unknown option: --bogus" },
    { "--out", "a value is missing after --out" },
    { "--out=", "a value is missing after --out=" },
    { "--interval 0", "--interval: not a whole number of seconds (1 to 604800): 0" },
    { "--interval 1.5", "--interval: not a whole number of seconds (1 to 604800): 1.5" },
    { "--interval -3", "--interval: not a whole number of seconds (1 to 604800): -3" },
    { "--count 0", "--count: not a positive whole number: 0" },
    { "--duration -1", "--duration: not a number of hours: -1" },
    { "--duration 2h", "--duration: not a number of hours: 2h" },
    { "--count 5 --duration 1", "--count and --duration exclude each other" },
    { "--tags Io,TooLong", "--tags: not a tag (at most 4 characters): TooLong" },
    { "--tags ,,", "--tags: no tag given" },
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      PmSamplerOptions options;
      char error[256];
      int argc;
      char **argv = make_argv (cases[i].line, &argc);

      PM_CHECK (pm_sampler_options_parse (&options, argc, argv, error, sizeof error) != 0);
      PM_CHECK_STR (error, cases[i].message);
      pm_sampler_options_clear (&options);
    }
}

int
main (int    argc,
      char **argv)
{
  pm_test_add ("/poolstats/sampler/query/grows-on-mismatch", test_query_grows_on_mismatch);
  pm_test_add ("/poolstats/sampler/query/list-grows-between-calls", test_query_list_grows_between_calls);
  pm_test_add ("/poolstats/sampler/query/mismatch-without-length", test_query_mismatch_without_length);
  pm_test_add ("/poolstats/sampler/query/statuses", test_query_statuses);
  pm_test_add ("/poolstats/sampler/query/parse-x64-layout", test_query_parse_layout);
  pm_test_add ("/poolstats/sampler/tagfile/lookup", test_tagfile_lookup);
  pm_test_add ("/poolstats/sampler/tagfile/utf16", test_tagfile_utf16);
  pm_test_add ("/poolstats/sampler/tagfile/from-path", test_tagfile_from_path);
  pm_test_add ("/poolstats/sampler/format/utc-time", test_format_utc_time);
  pm_test_add ("/poolstats/sampler/format/file-name", test_format_file_name);
  pm_test_add ("/poolstats/sampler/format/rows", test_format_rows);
  pm_test_add ("/poolstats/sampler/format/tag-selection", test_format_tag_selection);
  pm_test_add ("/poolstats/sampler/options/defaults", test_options_defaults);
  pm_test_add ("/poolstats/sampler/options/all", test_options_all);
  pm_test_add ("/poolstats/sampler/options/errors", test_options_errors);
  test_sampler_add_run_tests ();

  return pm_test_run ();
}
