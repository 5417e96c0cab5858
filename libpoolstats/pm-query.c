/* pm-query.c: the old analyzer's command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-query.h"

#include <errno.h>
#include <string.h>

typedef enum
{
  OPT_DIRECTORY,
  OPT_TYPE,
  OPT_TIME_STAMP,
  OPT_INCLUDE_TAGS,
  OPT_EXCLUDE_TAGS,
  OPT_N_MOST_CHANGED,
  OPT_N_MOST_CHANGED_ABS,
  OPT_N_HIGHEST,
  OPT_N_HIGHEST_AVERAGE,
  OPT_SHOW_CORRELATION,
  OPT_SHOW_CORRELATION_EXTENDED,
} OptId;

typedef enum
{
  ARG_NONE,
  ARG_ONE,
  ARG_MANY,
} ArgKind;

typedef struct
{
  OptId       id;
  const char *short_name;
  const char *long_name;
  ArgKind     arg;
  const char *metavar;
  const char *help;
} OptInfo;

/* The spellings are visualize.py's, so its command lines keep working. */
static const OptInfo old_options[] = {
  { OPT_DIRECTORY, "-d", "--directory", ARG_ONE, "DIR",
    "The directory where the CSV files reside (may be repeated)" },
  { OPT_TYPE, "-t", "--type", ARG_ONE, "TYPE",
    "TotalUsedBytes, PagedDiff, NonPagedDiff, TotalDiff, PagedUsedBytes or NonPagedUsedBytes" },
  { OPT_TIME_STAMP, "-ts", "--time-stamp", ARG_ONE, "BASE",
    "DateTimeUTC (default) or DateTime" },
  { OPT_INCLUDE_TAGS, "-it", "--include-tags", ARG_MANY, "TAG...",
    "Tags that must be included" },
  { OPT_EXCLUDE_TAGS, "-et", "--exclude-tags", ARG_MANY, "TAG...",
    "Tags that must be excluded from the rankings" },
  { OPT_N_MOST_CHANGED, "-nmc", "--n-most-changed-tags", ARG_ONE, "N",
    "Number of tags with the biggest % increase (5)" },
  { OPT_N_MOST_CHANGED_ABS, "-nmca", "--n-most-changed-tags-absolute", ARG_ONE, "N",
    "Number of tags with the biggest absolute increase (5)" },
  { OPT_N_HIGHEST, "-nh", "--n-highest-usage-tags", ARG_ONE, "N",
    "Number of tags with the highest peak (5)" },
  { OPT_N_HIGHEST_AVERAGE, "-nha", "--n-highest-average-usage-tags", ARG_ONE, "N",
    "Number of tags with the highest average (5)" },
  { OPT_SHOW_CORRELATION, "-sc", "--show-correlation", ARG_NONE, NULL,
    "Show correlation between the selected tags" },
  { OPT_SHOW_CORRELATION_EXTENDED, "-sce", "--show-correlation-extended", ARG_NONE, NULL,
    "Show correlation between all tags" },
};

/**
 * pm_query_new:
 *
 * Returns: (transfer full): a query with the old analyzer's defaults
 */
PmQuery *
pm_query_new (void)
{
  PmQuery *self = g_new0 (PmQuery, 1);

  /* Reserving 1 makes pdata a valid empty NULL-terminated array at once. */
  self->directories = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  self->include_tags = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  self->exclude_tags = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  self->metric = PM_METRIC_TOTAL_USED_BYTES;
  self->time_base = PM_TIME_BASE_UTC;
  for (guint i = 0; i < PM_N_RANKINGS; i++)
    self->n[i] = PM_RANK_DEFAULT_N;

  return self;
}

void
pm_query_free (PmQuery *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->directories, g_ptr_array_unref);
  g_clear_pointer (&self->include_tags, g_ptr_array_unref);
  g_clear_pointer (&self->exclude_tags, g_ptr_array_unref);
  g_free (self);
}

static const OptInfo *
find_option (const char  *arg,
             const char **value)
{
  const char *eq = NULL;
  gsize name_len;

  *value = NULL;
  if (arg[0] != '-')
    return NULL;

  /* `--opt=value` (argparse also took `-opt=value`) */
  eq = strchr (arg, '=');
  name_len = eq != NULL ? (gsize) (eq - arg) : strlen (arg);

  for (guint i = 0; i < G_N_ELEMENTS (old_options); i++)
    {
      const OptInfo *opt = &old_options[i];

      if ((strlen (opt->short_name) == name_len && strncmp (arg, opt->short_name, name_len) == 0) ||
          (strlen (opt->long_name) == name_len && strncmp (arg, opt->long_name, name_len) == 0))
        {
          if (eq != NULL)
            *value = eq + 1;
          return opt;
        }
    }

  return NULL;
}

/* argparse's rule: an argument that starts with '-' is an option, unless it
 * is a negative number or '-' alone. */
static gboolean
looks_like_option (const char *arg)
{
  if (arg[0] != '-' || arg[1] == '\0')
    return FALSE;
  if (g_ascii_isdigit (arg[1]) || (arg[1] == '.' && g_ascii_isdigit (arg[2])))
    return FALSE;
  return TRUE;
}

static gboolean
parse_count (const OptInfo  *opt,
             const char     *text,
             guint          *out,
             GError        **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "%s/%s expects a count (0 or more), not “%s”",
                   opt->short_name, opt->long_name, text);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static gboolean
apply_option (PmQuery        *self,
              const OptInfo  *opt,
              const char     *value,
              GError        **error)
{
  switch (opt->id)
    {
    case OPT_DIRECTORY:
      g_ptr_array_add (self->directories, g_strdup (value));
      return TRUE;

    case OPT_TYPE:
      if (!pm_metric_from_string (value, &self->metric))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       "-t/--type: “%s” is not one of TotalUsedBytes, PagedDiff, NonPagedDiff, "
                       "TotalDiff, PagedUsedBytes, NonPagedUsedBytes", value);
          return FALSE;
        }
      self->have_metric = TRUE;
      return TRUE;

    case OPT_TIME_STAMP:
      if (!pm_time_base_from_string (value, &self->time_base))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       "-ts/--time-stamp: “%s” is not DateTimeUTC or DateTime", value);
          return FALSE;
        }
      return TRUE;

    case OPT_INCLUDE_TAGS:
      g_ptr_array_add (self->include_tags, g_strdup (value));
      return TRUE;

    case OPT_EXCLUDE_TAGS:
      g_ptr_array_add (self->exclude_tags, g_strdup (value));
      return TRUE;

    case OPT_N_MOST_CHANGED:
      return parse_count (opt, value, &self->n[PM_RANKING_BIGGEST_INCREASE_PCT], error);
    case OPT_N_MOST_CHANGED_ABS:
      return parse_count (opt, value, &self->n[PM_RANKING_BIGGEST_INCREASE_ABS], error);
    case OPT_N_HIGHEST:
      return parse_count (opt, value, &self->n[PM_RANKING_HIGHEST_PEAK], error);
    case OPT_N_HIGHEST_AVERAGE:
      return parse_count (opt, value, &self->n[PM_RANKING_HIGHEST_AVERAGE], error);

    case OPT_SHOW_CORRELATION:
      self->show_correlation = TRUE;
      return TRUE;
    case OPT_SHOW_CORRELATION_EXTENDED:
      self->show_correlation_extended = TRUE;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * pm_query_parse_args:
 * @self: a #PmQuery
 * @argc: (inout): the argument count
 * @argv: (inout): the arguments; argv[0] is the program's name
 * @error: return location for a #GError
 *
 * Takes the old analyzer's options out of @argv, the way argparse read them:
 * `-t TYPE` and `--type TYPE` and `--type=TYPE`; `-it A B C` takes every
 * following argument up to the next option (an argument starting with `-`
 * that is not a negative number), so tags with spaces are passed quoted;
 * `--include-tags=A` takes just A. `--` stops the parse and is left in
 * place. Everything else (other options, paths) is left in @argv in its
 * order, for GOption or the caller. Options may be repeated: a later `-t`
 * wins, `-d`, `-it` and `-et` add up.
 *
 * Returns: %TRUE on success; %FALSE with %PM_ERROR_INVALID when an option
 *   lacks its value or the value is wrong. @argv is then left as it was.
 */
gboolean
pm_query_parse_args (PmQuery    *self,
                     int        *argc,
                     char     ***argv,
                     GError    **error)
{
  char **args = *argv;
  int n = *argc;
  g_autofree gboolean *consumed = NULL;
  int out;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (argc != NULL && argv != NULL, FALSE);

  consumed = g_new0 (gboolean, MAX (n, 1));

  for (int i = 1; i < n; i++)
    {
      const char *value = NULL;
      const OptInfo *opt;

      if (strcmp (args[i], "--") == 0)
        break;

      opt = find_option (args[i], &value);
      if (opt == NULL)
        continue;

      consumed[i] = TRUE;

      if (opt->arg == ARG_NONE)
        {
          if (value != NULL)
            {
              g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                           "%s/%s takes no value", opt->short_name, opt->long_name);
              return FALSE;
            }
          if (!apply_option (self, opt, NULL, error))
            return FALSE;
          continue;
        }

      if (value != NULL)
        {
          if (!apply_option (self, opt, value, error))
            return FALSE;
          continue;
        }

      if (i + 1 >= n || looks_like_option (args[i + 1]) || strcmp (args[i + 1], "--") == 0)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       "%s/%s expects %s", opt->short_name, opt->long_name,
                       opt->arg == ARG_MANY ? "one or more tags" : "a value");
          return FALSE;
        }

      do
        {
          i++;
          consumed[i] = TRUE;
          if (!apply_option (self, opt, args[i], error))
            return FALSE;
        }
      while (opt->arg == ARG_MANY && i + 1 < n &&
             !looks_like_option (args[i + 1]) && strcmp (args[i + 1], "--") != 0);
    }

  out = 0;
  for (int i = 0; i < n; i++)
    if (!consumed[i])
      args[out++] = args[i];
  for (int i = out; i < n; i++)
    args[i] = NULL;
  *argc = out;

  return TRUE;
}

/**
 * pm_query_get_rank_options:
 * @options: (out caller-allocates): filled with the top N and the tag lists
 *
 * The tag lists point into @self: keep @self alive while @options is used.
 */
void
pm_query_get_rank_options (PmQuery       *self,
                           PmRankOptions *options)
{
  pm_rank_options_init (options);
  for (guint i = 0; i < PM_N_RANKINGS; i++)
    options->n[i] = self->n[i];
  options->include = (const char * const *) self->include_tags->pdata;
  options->exclude = (const char * const *) self->exclude_tags->pdata;
}

/* Quotes @arg for a POSIX shell only when it needs it, so that the usual
 * command line reads as people type it. */
static void
append_arg (GString    *out,
            const char *arg)
{
  gboolean plain = arg[0] != '\0';

  for (const char *p = arg; *p && plain; p++)
    plain = g_ascii_isalnum (*p) || strchr ("_./:-+=,@%", *p) != NULL;

  g_string_append_c (out, ' ');
  if (plain)
    g_string_append (out, arg);
  else
    {
      g_autofree char *quoted = g_shell_quote (arg);
      g_string_append (out, quoted);
    }
}

/* A value that reads as an option ("-x", "--") is written attached to the
 * long form ("--include-tags=-x"), the one spelling that takes it as a
 * value, so that the line parses back to the same query. */
static gboolean
append_attached (GString    *out,
                 const char *long_name,
                 const char *value)
{
  g_autofree char *arg = NULL;

  if (!looks_like_option (value))
    return FALSE;

  arg = g_strdup_printf ("%s=%s", long_name, value);
  append_arg (out, arg);
  return TRUE;
}

static void
append_quoted_list (GString    *out,
                    const char *flag,
                    const char *long_name,
                    GPtrArray  *items)
{
  gboolean in_list = FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);

      if (append_attached (out, long_name, item))
        {
          in_list = FALSE;
          continue;
        }
      if (!in_list)
        g_string_append_printf (out, " %s", flag);
      in_list = TRUE;
      append_arg (out, item);
    }
}

/**
 * pm_query_to_string:
 *
 * Writes @self as an old-style command line (shell-quoted, options only,
 * defaults left out); pm_query_parse_args() on it gives @self back.
 *
 * Returns: (transfer full): the options, e.g. `-d /data -t TotalDiff -nh 3`
 */
char *
pm_query_to_string (PmQuery *self)
{
  GString *out = g_string_new (NULL);
  static const char * const n_flags[PM_N_RANKINGS] = {
    [PM_RANKING_HIGHEST_PEAK] = "-nh",
    [PM_RANKING_HIGHEST_AVERAGE] = "-nha",
    [PM_RANKING_BIGGEST_INCREASE_PCT] = "-nmc",
    [PM_RANKING_BIGGEST_INCREASE_ABS] = "-nmca",
  };

  for (guint i = 0; i < self->directories->len; i++)
    {
      const char *dir = g_ptr_array_index (self->directories, i);

      if (append_attached (out, "--directory", dir))
        continue;
      g_string_append (out, " -d");
      append_arg (out, dir);
    }
  if (self->have_metric)
    g_string_append_printf (out, " -t %s", pm_metric_to_string (self->metric));
  if (self->time_base != PM_TIME_BASE_UTC)
    g_string_append_printf (out, " -ts %s", pm_time_base_to_string (self->time_base));
  append_quoted_list (out, "-it", "--include-tags", self->include_tags);
  append_quoted_list (out, "-et", "--exclude-tags", self->exclude_tags);
  for (guint r = 0; r < PM_N_RANKINGS; r++)
    if (self->n[r] != PM_RANK_DEFAULT_N)
      g_string_append_printf (out, " %s %u", n_flags[r], self->n[r]);
  if (self->show_correlation)
    g_string_append (out, " -sc");
  if (self->show_correlation_extended)
    g_string_append (out, " -sce");

  if (out->len > 0)
    g_string_erase (out, 0, 1);

  return g_string_free (out, FALSE);
}

/**
 * pm_query_get_help:
 *
 * Returns: the old options, one per line, for a program's `--help`
 */
const char *
pm_query_get_help (void)
{
  static gsize done;
  static char *help;

  if (g_once_init_enter (&done))
    {
      GString *out = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (old_options); i++)
        {
          const OptInfo *opt = &old_options[i];
          g_autofree char *flags = g_strdup_printf ("%s, %s%s%s", opt->short_name, opt->long_name,
                                                    opt->metavar ? " " : "",
                                                    opt->metavar ? opt->metavar : "");

          g_string_append_printf (out, "  %-44s %s\n", flags, opt->help);
        }
      help = g_string_free (out, FALSE);
      g_once_init_leave (&done, 1);
    }

  return help;
}
