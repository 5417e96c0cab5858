/* ps-common.c: what every poolstats command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ps-common.h"

#include <stdarg.h>
#include <string.h>

#ifdef G_OS_UNIX
# include <unistd.h>
#else
# include <io.h>
# define isatty _isatty
#endif

/**
 * ps_format_parse:
 * @text: "text", "csv" or "json"
 * @allowed: the formats the command offers
 *
 * Returns: %TRUE when @text names an allowed format
 */
gboolean
ps_format_parse (const char  *text,
                 PsFormat     allowed,
                 PsFormat    *format,
                 GError     **error)
{
  static const struct { const char *name; PsFormat format; } names[] = {
    { "text", PS_FORMAT_TEXT }, { "csv", PS_FORMAT_CSV }, { "json", PS_FORMAT_JSON },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i].name) == 0 && (allowed & names[i].format))
      {
        *format = names[i].format;
        return TRUE;
      }

  g_set_error (error, PM_ERROR, PM_ERROR_INVALID, "unknown output format '%s'", text);
  return FALSE;
}

typedef struct
{
  gint64   started;
  gboolean shown;
} ProgressBar;

/* A bar on stderr, only on a terminal and only once a load has run for a
 * moment: scripts and quick loads see nothing. */
static void
progress_cb (const PmLoadProgress *progress,
             gpointer              user_data)
{
  ProgressBar *bar = user_data;
  double fraction;
  int width = 30, filled;

  if (g_get_monotonic_time () - bar->started < G_TIME_SPAN_SECOND / 2 || progress->n_bytes == 0)
    return;

  fraction = (double) progress->bytes_done / progress->n_bytes;
  filled = (int) (fraction * width);
  fprintf (stderr, "\r[%.*s%*s] %3d%%  %u/%u files",
           filled, "##############################", width - filled, "",
           (int) (fraction * 100), progress->files_done, progress->n_files);
  fflush (stderr);
  bar->shown = TRUE;
}

/**
 * ps_print_problems:
 *
 * Writes the load's problems as "FILE:LINE: message", one a line.
 */
void
ps_print_problems (PmDataset *dataset,
                   FILE      *stream)
{
  GPtrArray *problems = pm_dataset_get_problems (dataset);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = pm_problem_to_text (g_ptr_array_index (problems, i));

      fprintf (stream, "%s\n", text);
    }
}

/**
 * ps_write_csv_field:
 *
 * Appends @field to @out, quoted when it holds a comma, a quote, a line
 * break or leading or trailing blanks (tags like "Mm  " stay exact).
 */
void
ps_write_csv_field (GString    *out,
                    const char *field)
{
  gsize len = strlen (field);

  if (strpbrk (field, ",\"\r\n") == NULL &&
      (len == 0 || (field[0] != ' ' && field[len - 1] != ' ')))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * ps_print_json:
 * @root: (transfer full): what to print
 *
 * Prints @root, pretty, to stdout.
 */
void
ps_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  json_node_unref (root);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

/**
 * ps_json_add_text:
 * @member: the member's name
 * @value: a file name or message, in whatever bytes the system gave
 *
 * Adds @member as a JSON string. Bytes that are not UTF-8 (a file name in a
 * legacy encoding) would make the output invalid JSON: they become U+FFFD,
 * and the raw bytes are kept, as hex, in "@member_bytes".
 */
void
ps_json_add_text (JsonBuilder *builder,
                  const char  *member,
                  const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (g_utf8_validate (value, -1, NULL))
    {
      json_builder_add_string_value (builder, value);
      return;
    }

  {
    g_autofree char *valid = g_utf8_make_valid (value, -1);
    g_autofree char *bytes_member = g_strconcat (member, "_bytes", NULL);
    g_autoptr(GString) hex = g_string_new (NULL);

    for (const guchar *p = (const guchar *) value; *p; p++)
      g_string_append_printf (hex, "%02x", *p);
    json_builder_add_string_value (builder, valid);
    json_builder_set_member_name (builder, bytes_member);
    json_builder_add_string_value (builder, hex->str);
  }
}

/* A time that does not exist (no such column, no snapshot) is null. */
void
ps_json_add_string_or_null (JsonBuilder *builder,
                            const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Progress goes to stderr only when a person watches it. */
gboolean
ps_stderr_is_terminal (void)
{
  return isatty (2);
}

/**
 * ps_usage_error:
 *
 * Prints "poolstats COMMAND: message" and a hint to stderr.
 *
 * Returns: %PS_EXIT_USAGE
 */
int
ps_usage_error (const char *command,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "poolstats %s: %s\nTry 'poolstats %s --help'.\n", command, message, command);
  return PS_EXIT_USAGE;
}

/**
 * ps_load_runs:
 * @command: the command's name, for the error message
 * @paths: folders and files
 * @tagfile: (nullable): a pooltag.txt
 * @no_cache: parse every file, leave the store alone
 *
 * Loads with a progress bar on stderr when that is a terminal, grouping the
 * paths into runs (paths that are separate runs are never merged). When
 * nothing can be loaded, says why on stderr ("poolstats COMMAND: ...").
 *
 * Returns: (transfer full) (nullable): the runs, %NULL for
 *   %PS_EXIT_NO_DATA
 */
PmRunSet *
ps_load_runs (const char          *command,
              const char * const  *paths,
              const char          *tagfile,
              gboolean             no_cache)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(GError) error = NULL;
  ProgressBar bar = { g_get_monotonic_time (), FALSE };
  PmRunSet *runs;

  for (guint i = 0; paths[i] != NULL; i++)
    pm_loader_add_path (loader, paths[i]);
  pm_loader_set_pooltag_file (loader, tagfile);
  pm_loader_set_use_store (loader, !no_cache);
  if (ps_stderr_is_terminal ())
    pm_loader_set_progress_func (loader, progress_cb, &bar, NULL);

  runs = pm_loader_load_runs (loader, NULL, &error);

  if (bar.shown)
    fprintf (stderr, "\r%60s\r", "");
  if (runs == NULL)
    fprintf (stderr, "poolstats %s: %s\n", command, error->message);

  return runs;
}

/**
 * ps_refuse_runs:
 *
 * Says on stderr that the paths are separate runs, which they are and why,
 * and what to do instead: for the commands that analyse one run.
 *
 * Returns: %PS_EXIT_USAGE
 */
int
ps_refuse_runs (const char *command,
                PmRunSet   *runs)
{
  g_autofree char *text = pm_run_set_describe (runs);

  fprintf (stderr,
           "poolstats %s: the paths given are %s\n"
           "poolstats %s analyses one run: give the paths of one run, or compare two runs with "
           "'poolstats compare A B'.\n",
           command, text, command);
  return PS_EXIT_USAGE;
}

/**
 * ps_load_one_run:
 * @dataset: (out): the dataset, when the paths are one run
 *
 * Loads @paths as one run; separate runs are refused (ps_refuse_runs()).
 *
 * Returns: %PS_EXIT_OK with @dataset set, %PS_EXIT_NO_DATA or
 *   %PS_EXIT_USAGE after saying why on stderr
 */
int
ps_load_one_run (const char          *command,
                 const char * const  *paths,
                 const char          *tagfile,
                 gboolean             no_cache,
                 PmDataset          **dataset)
{
  g_autoptr(PmRunSet) runs = ps_load_runs (command, paths, tagfile, no_cache);

  *dataset = NULL;
  if (runs == NULL)
    return PS_EXIT_NO_DATA;
  if (pm_run_set_get_n_runs (runs) > 1)
    return ps_refuse_runs (command, runs);

  *dataset = g_object_ref (pm_run_set_get_dataset (runs, 0));
  return PS_EXIT_OK;
}
