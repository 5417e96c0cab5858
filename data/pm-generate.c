/* pm-generate.c: deterministic pool-tag snapshot folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the CSV files a Windows lab machine's sampler would have written
 * (docs/design.md, The snapshot format), from a simulated machine with planted features that
 * tests and benchmarks rely on (data/README.md). The same options always
 * give the same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pm-format.h"
#include "pm-gen-image.h"
#include "pm-gen-model.h"
#include "pm-gen-leaks.h"
#include "pm-gen-writer.h"

typedef struct
{
  const char *name;
  int         n_tags;
  int         n_snapshots;
  int         interval;
  const char *start;
  const char *utc_offset;
  const char *seed;
  const char *encoding;
  gboolean    leaks;       /* the `leaks` scenario (pm-gen-leaks.h) */
} PmGenPreset;

/* The committed samples and the benchmark folder. The first entry is also
 * the default for whatever is not given. */
static const PmGenPreset presets[] = {
  { "powershell", 60, 120, 600, "2021-07-13T08:00:00", "-7", "1", "utf16le" },
  { "sampler", 30, 24, 3600, "2024-03-04T09:00:00", "1", "2", "utf8" },
  { "bench", 3000, 2880, 60, "2021-07-13T00:00:00", "-7", "3", "utf16le" },
  { "leaks", 200, 1440, 120, "2024-05-06T00:00:00", "2", "4", "utf8", TRUE },
};

typedef struct
{
  char     *out;
  char     *preset;
  int       n_tags;
  int       n_snapshots;
  int       interval;
  char     *start;
  char     *utc_offset;
  char     *seed;
  char     *encoding;
  char     *layout;
  char     *columns;
  char     *truth;
  char     *image;
  gboolean  verbose;
} PmGenOptions;

static void
pm_gen_options_clear (PmGenOptions *o)
{
  g_free (o->out);
  g_free (o->image);
  g_free (o->preset);
  g_free (o->start);
  g_free (o->utc_offset);
  g_free (o->seed);
  g_free (o->encoding);
  g_free (o->layout);
  g_free (o->columns);
  g_free (o->truth);
}

static gboolean
parse_columns (const char  *text,
               PmColumn    *columns,
               guint       *n_columns,
               GError     **error)
{
  g_auto(GStrv) names = NULL;
  guint seen = 0;

  *n_columns = 0;
  if (text == NULL)
    {
      for (guint c = 0; c < PM_N_COLUMNS; c++)
        columns[(*n_columns)++] = (PmColumn) c;
      return TRUE;
    }

  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      guint c;

      for (c = 0; c < PM_N_COLUMNS; c++)
        if (g_ascii_strcasecmp (name, pm_format_column_name ((PmColumn) c)) == 0)
          break;
      if (c == PM_N_COLUMNS)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Unknown column “%s”", name);
          return FALSE;
        }
      if (seen & (1u << c))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Column “%s” given twice", name);
          return FALSE;
        }
      seen |= 1u << c;
      columns[(*n_columns)++] = (PmColumn) c;
    }
  if (*n_columns == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "No columns given");
      return FALSE;
    }
  return TRUE;
}

/* "YYYY-MM-DDTHH:MM:SS", read as UTC. */
static gboolean
parse_start (const char  *text,
             gint64      *seconds,
             GError     **error)
{
  int y, mo, d, h, mi, s;
  char tail;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (text, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail) != 6
      || strlen (text) != PM_FORMAT_TIMESTAMP_LEN
      || (dt = g_date_time_new_utc (y, mo, d, h, mi, s)) == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--start wants YYYY-MM-DDTHH:MM:SS, not “%s”", text);
      return FALSE;
    }
  *seconds = g_date_time_to_unix (dt);
  return TRUE;
}

/* Hours east of UTC, whole or fractional ("5.5", "-7"); kept in seconds. */
static gboolean
parse_utc_offset (const char  *text,
                  gint64      *seconds,
                  GError     **error)
{
  char *end = NULL;
  double hours = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || hours < -14 || hours > 14)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--utc-offset wants hours between -14 and 14, not “%s”", text);
      return FALSE;
    }
  *seconds = (gint64) (hours * 60 + (hours < 0 ? -0.5 : 0.5)) * 60;
  return TRUE;
}

static char *
format_time (gint64      seconds,
             const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (dt, format);
}

static char *
snapshot_path (const char *dir,
               gint64      utc,
               gint64      local)
{
  g_autofree char *stamp = format_time (local, PM_FORMAT_FILE_NAME_STRFTIME);
  g_autofree char *name = g_strdup_printf ("%s_%" G_GINT64_FORMAT "%s",
                                           stamp, utc, PM_FORMAT_FILE_SUFFIX);

  return g_build_filename (dir, name, NULL);
}

static gboolean
write_rows (PmGenWriter  *writer,
            PmGenModel   *model,
            gint64        utc,
            gint64        local,
            guint64      *n_rows,
            GError      **error)
{
  g_autofree char *utc_text = format_time (utc, PM_FORMAT_TIMESTAMP_STRFTIME);
  g_autofree char *local_text = format_time (local, PM_FORMAT_TIMESTAMP_STRFTIME);
  guint n_tags = pm_gen_model_get_n_tags (model);

  pm_gen_writer_set_times (writer, local_text, utc_text);
  for (guint i = 0; i < n_tags; i++)
    {
      guint tag = pm_gen_model_get_row_order (model, i);
      PmGenRow row;

      if (!pm_gen_model_get_row (model, tag, &row))
        continue;
      if (!pm_gen_writer_add_row (writer, tag, &row, error))
        return FALSE;
      (*n_rows)++;
    }
  return TRUE;
}

static const PmGenPreset *
find_preset (const char  *name,
             GError     **error)
{
  if (name == NULL)
    return &presets[0];
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (name, presets[i].name))
      return &presets[i];
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "Unknown preset “%s” (powershell, sampler, bench, leaks)", name);
  return NULL;
}

/* The options, checked and converted. */
typedef struct
{
  PmColumn       columns[PM_N_COLUMNS];
  guint          n_columns;
  gint64         start;
  gint64         offset;
  guint64        seed;
  PmGenEncoding  encoding;
  gboolean       loop;
  gboolean       leaks;
} PmGenConfig;

/* Fills what was not given from the preset, then checks everything. */
static gboolean
resolve_options (PmGenOptions  *o,
                 PmGenConfig   *config,
                 GError       **error)
{
  const PmGenPreset *preset;

  if ((preset = find_preset (o->preset, error)) == NULL)
    return FALSE;
  config->leaks = preset->leaks;
  if (o->truth != NULL && !preset->leaks)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--truth needs --preset leaks");
      return FALSE;
    }
  if (o->n_tags < 0)
    o->n_tags = preset->n_tags;
  if (o->n_snapshots < 0)
    o->n_snapshots = preset->n_snapshots;
  if (o->interval < 0)
    o->interval = preset->interval;
  if (o->start == NULL)
    o->start = g_strdup (preset->start);
  if (o->utc_offset == NULL)
    o->utc_offset = g_strdup (preset->utc_offset);
  if (o->seed == NULL)
    o->seed = g_strdup (preset->seed);
  if (o->encoding == NULL)
    o->encoding = g_strdup (preset->encoding);
  if (o->layout == NULL)
    o->layout = g_strdup ("files");

  /* The limits keep the model's 64-bit arithmetic far from overflow. */
  if ((o->out == NULL && o->image == NULL) || o->n_tags < 1 || o->n_tags > 1000000
      || o->n_snapshots < 1 || o->n_snapshots > 10000000
      || o->interval < 1 || o->interval > 31 * 24 * 3600)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--out is required; --tags (up to 1000000), --snapshots (up to 10000000) "
                   "and --interval (up to 31 days) must be at least 1");
      return FALSE;
    }
  if (!parse_columns (o->columns, config->columns, &config->n_columns, error)
      || !parse_start (o->start, &config->start, error)
      || !parse_utc_offset (o->utc_offset, &config->offset, error)
      || !g_ascii_string_to_unsigned (o->seed, 10, 0, G_MAXUINT64, &config->seed, error))
    return FALSE;

  if (g_str_equal (o->encoding, "utf16le"))
    config->encoding = PM_GEN_ENCODING_UTF16LE;
  else if (g_str_equal (o->encoding, "utf8"))
    config->encoding = PM_GEN_ENCODING_UTF8;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--encoding is utf16le or utf8, not “%s”", o->encoding);
      return FALSE;
    }

  config->loop = g_str_equal (o->layout, "loop");
  if (!config->loop && !g_str_equal (o->layout, "files"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--layout is files or loop, not “%s”", o->layout);
      return FALSE;
    }
  return TRUE;
}

/* The truth of the `leaks` scenario: per tag what was planted. */
static gboolean
write_truth (const char  *path,
             PmGenModel  *model,
             GError     **error)
{
  PmGenLeaks *leaks = pm_gen_model_get_leaks (model);
  g_autoptr(GString) out = g_string_new ("Tag,Kind,Leaks,AllocsPerHour\n");

  for (guint i = 0; i < pm_gen_model_get_n_tags (model); i++)
    {
      double rate = pm_gen_leaks_get_rate (leaks, i);
      char number[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (isfinite (rate))
        g_ascii_formatd (number, sizeof number, "%.6g", rate);
      g_string_append_printf (out, "%s,%s,%s,%s\n", pm_gen_leaks_get_tag (leaks, i),
                              pm_gen_leak_kind_to_string (pm_gen_leaks_get_kind (leaks, i)),
                              pm_gen_leaks_get_leaks (leaks, i) ? "yes" : "no", number);
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

static gboolean
write_folder (const PmGenOptions  *o,
              const PmGenConfig   *c,
              GError             **error)
{
  gint64 t0 = g_get_monotonic_time ();
  guint64 n_rows = 0;
  guint n_files = 0;
  g_autoptr(PmGenModel) model = NULL;
  g_autoptr(PmGenWriter) writer = NULL;

  if (g_mkdir_with_parents (o->out, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create %s: %s", o->out, g_strerror (saved));
      return FALSE;
    }

  if (c->leaks)
    model = pm_gen_model_new_leaks ((guint) o->n_tags, (guint) o->n_snapshots, (guint) o->interval, c->seed);
  else
    model = pm_gen_model_new ((guint) o->n_tags, (guint) o->n_snapshots, (guint) o->interval, c->seed);
  writer = pm_gen_writer_new (c->encoding, c->columns, c->n_columns, model);

  for (guint s = 0; s < (guint) o->n_snapshots; s++)
    {
      gint64 utc = c->start + (gint64) s * o->interval;

      if (c->leaks)
        utc += pm_gen_leaks_get_time_offset (pm_gen_model_get_leaks (model), s);

      if (s > 0)
        pm_gen_model_advance (model);
      if (s == 0 || !c->loop)
        {
          g_autofree char *path = snapshot_path (o->out, utc, utc + c->offset);

          if (!pm_gen_writer_open (writer, path, error))
            return FALSE;
          n_files++;
        }
      if (!write_rows (writer, model, utc, utc + c->offset, &n_rows, error))
        return FALSE;
      if ((!c->loop || s + 1 == (guint) o->n_snapshots)
          && !pm_gen_writer_close (writer, error))
        return FALSE;
    }

  if (o->truth != NULL && !write_truth (o->truth, model, error))
    return FALSE;

  if (o->verbose)
    g_print ("%u files, %d tags, %d snapshots, %" G_GUINT64_FORMAT " rows, %"
             G_GUINT64_FORMAT " bytes in %.2f s\n",
             n_files, o->n_tags, o->n_snapshots, n_rows,
             pm_gen_writer_get_n_bytes (writer),
             (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}

static gboolean
write_image (const PmGenOptions  *o,
             const PmGenConfig   *c,
             GError             **error)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(PmGenModel) model = pm_gen_model_new ((guint) o->n_tags, (guint) o->n_snapshots,
                                                  (guint) o->interval, c->seed);

  if (!pm_gen_write_image (model, (guint) o->n_snapshots, c->start, c->offset,
                           (guint) o->interval, o->image, error))
    return FALSE;
  if (o->verbose)
    g_print ("image of %d tags x %d snapshots in %.2f s\n", o->n_tags, o->n_snapshots,
             (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  PmGenOptions o = { .n_tags = -1, .n_snapshots = -1, .interval = -1 };
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o.out, "Folder to write (created if missing)", "DIR" },
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &o.preset, "Defaults of: powershell (the default), sampler, bench, leaks", "NAME" },
    { "tags", 0, 0, G_OPTION_ARG_INT, &o.n_tags, "Number of tags", "N" },
    { "snapshots", 0, 0, G_OPTION_ARG_INT, &o.n_snapshots, "Number of snapshots", "N" },
    { "interval", 0, 0, G_OPTION_ARG_INT, &o.interval, "Seconds between snapshots", "SECONDS" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &o.start, "First snapshot, UTC", "YYYY-MM-DDTHH:MM:SS" },
    { "utc-offset", 0, 0, G_OPTION_ARG_STRING, &o.utc_offset, "Local time (DateTime) minus UTC", "HOURS" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &o.seed, "Random seed", "N" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &o.encoding, "utf16le (PowerShell 5.1) or utf8 (the new sampler)", "ENCODING" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &o.layout, "files (one per snapshot, the default) or loop (one file)", "LAYOUT" },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &o.columns, "Comma-separated columns to write (default all, in the standard order)", "LIST" },
    { "truth", 0, 0, G_OPTION_ARG_FILENAME, &o.truth, "With --preset leaks: write what was planted (Tag,Kind,Leaks,AllocsPerHour) to FILE", "FILE" },
    { "image", 0, 0, G_OPTION_ARG_FILENAME, &o.image,
      "Write the dataset the files would load into, in the store's image format (docs/store.md), "
      "instead of the files (or besides them, with --out)", "FILE" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &o.verbose, "Print what was written", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write deterministic pool-tag snapshot CSVs");
  g_autoptr(GError) error = NULL;
  PmGenConfig config = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1)
    {
      g_printerr ("pm-generate: %s\n", error ? error->message : "unexpected argument");
      pm_gen_options_clear (&o);
      return 1;
    }

  if (resolve_options (&o, &config, &error) &&
      (o.out == NULL || write_folder (&o, &config, &error)) &&
      (o.image == NULL || write_image (&o, &config, &error)))
    status = 0;
  else
    {
      g_printerr ("pm-generate: %s\n", error->message);
      status = error->domain == G_OPTION_ERROR || error->domain == G_NUMBER_PARSER_ERROR ? 1 : 2;
    }
  pm_gen_options_clear (&o);
  return status;
}
