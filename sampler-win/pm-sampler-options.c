/* pm-sampler-options.c: the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pm-sampler.h"
#include "pm-tag-pattern.h"

const char *
pm_sampler_usage (void)
{
  return
    "Usage: poolmon-sampler [OPTION]...\n"
    "Write a snapshot of the kernel pool-tag counters every INTERVAL seconds,\n"
    "one CSV file per snapshot named YYYY.MM.DD_hh.mm.ss_EPOCH.pool.csv.\n"
    "\n"
    "  --out DIR            folder for the files (default: the current folder)\n"
    "  --interval SECONDS   time between snapshots (default: 60)\n"
    "  --duration HOURS     stop after this long (default: 48; 0: until stopped)\n"
    "  --count N            stop after N snapshots instead\n"
    "  --tags A,B,...       only these tags; ? and * are wildcards\n"
    "  --tagfile PATH       pooltag.txt for the Binary and Description columns\n"
    "                       (default: next to the program, else the debuggers')\n"
    "  --once               write one snapshot to standard output and exit\n"
    "  --help               show this help and exit\n"
    "  --version            show the version and exit\n"
    "\n"
    "Ctrl+C finishes the snapshot in progress and exits.\n"
    "Exit status: 0 done, 1 bad usage or nothing written, 2 the system does\n"
    "not answer the pool-tag query.\n";
}

static void
set_error (char       *error,
           size_t      error_size,
           const char *what,
           const char *arg)
{
  size_t n = 0;

  if (error_size == 0)
    return;

  for (const char *s = what; *s != '\0' && n + 1 < error_size; s++)
    error[n++] = *s;
  if (arg != NULL)
    for (const char *s = arg; *s != '\0' && n + 1 < error_size; s++)
      error[n++] = *s;
  error[n] = '\0';
}

static int
parse_ulong (const char    *text,
             unsigned long  min,
             unsigned long  max,
             unsigned long *out)
{
  char *end;
  unsigned long value;

  if (*text < '0' || *text > '9')
    return -1;
  errno = 0;
  value = strtoul (text, &end, 10);
  if (errno != 0 || *end != '\0' || value < min || value > max)
    return -1;
  *out = value;
  return 0;
}

/* "48", "0.5", ".25": digits with an optional fraction. Not strtod: the
 * mingw-w64 one is a C99 replacement that alone would double the exe. */
static int
parse_hours (const char *text,
             double     *out)
{
  double value = 0, scale = 1;
  int digits = 0;
  const char *p = text;

  for (; *p >= '0' && *p <= '9'; p++, digits++)
    value = value * 10 + (*p - '0');
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++, digits++)
      value += (*p - '0') * (scale /= 10);
  if (*p != '\0' || digits == 0 || value > 24.0 * 365 * 100)
    return -1;
  *out = value;
  return 0;
}

static int
parse_tags (PmSamplerOptions *options,
            const char       *list,
            char             *error,
            size_t            error_size)
{
  size_t len = strlen (list);
  size_t max = 1;
  char *p, *end;

  free (options->patterns);
  free (options->patterns_data);
  options->n_patterns = 0;

  for (size_t i = 0; i < len; i++)
    if (list[i] == ',')
      max++;

  options->patterns_data = malloc (len + 1);
  options->patterns = calloc (max, sizeof (char *));
  if (options->patterns_data == NULL || options->patterns == NULL)
    {
      set_error (error, error_size, "out of memory", NULL);
      return -1;
    }
  memcpy (options->patterns_data, list, len + 1);

  /* Spaces are kept: "Io  " is a tag, and trailing spaces match either way. */
  for (p = options->patterns_data, end = p + len; p <= end;)
    {
      char *comma = memchr (p, ',', (size_t) (end - p));
      char *piece_end = comma ? comma : end;
      size_t piece_len = (size_t) (piece_end - p);

      *piece_end = '\0';
      if (piece_len > 0)
        {
          if (piece_len > 4 && memchr (p, '*', piece_len) == NULL)
            {
              set_error (error, error_size, "--tags: not a tag (at most 4 characters): ", p);
              return -1;
            }
          options->patterns[options->n_patterns++] = p;
        }
      p = piece_end + 1;
    }

  if (options->n_patterns == 0)
    {
      set_error (error, error_size, "--tags: no tag given", NULL);
      return -1;
    }
  return 0;
}

/* Matches "--NAME VALUE" and "--NAME=VALUE"; advances *@i past the value. */
static int
take_value (int          argc,
            char       **argv,
            int         *i,
            const char  *name,
            const char **value,
            int         *missing)
{
  const char *arg = argv[*i];
  size_t n = strlen (name);

  if (strncmp (arg, name, n) != 0)
    return 0;
  if (arg[n] == '=')
    {
      *value = arg + n + 1;
      return 1;
    }
  if (arg[n] != '\0')
    return 0;
  if (*i + 1 >= argc)
    {
      *missing = 1;
      return 1;
    }
  *value = argv[++*i];
  return 1;
}

int
pm_sampler_options_parse (PmSamplerOptions *options,
                          int               argc,
                          char            **argv,
                          char             *error,
                          size_t            error_size)
{
  int have_duration = 0;

  memset (options, 0, sizeof *options);
  options->out_dir = ".";
  options->interval = 60;
  options->duration_hours = 48;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      int missing = 0;
      unsigned long number = 0;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0 || strcmp (arg, "/?") == 0)
        options->help = 1;
      else if (strcmp (arg, "--version") == 0)
        options->version = 1;
      else if (strcmp (arg, "--once") == 0)
        options->once = 1;
      else if (take_value (argc, argv, &i, "--out", &value, &missing))
        {
          if (!missing && *value == '\0')
            missing = 1;
          options->out_dir = value;
        }
      else if (take_value (argc, argv, &i, "--tagfile", &value, &missing))
        options->tag_file = value;
      else if (take_value (argc, argv, &i, "--interval", &value, &missing))
        {
          if (!missing && parse_ulong (value, 1, 7 * 24 * 3600, &number) != 0)
            {
              set_error (error, error_size, "--interval: not a whole number of seconds (1 to 604800): ", value);
              return -1;
            }
          options->interval = (unsigned int) number;
        }
      else if (take_value (argc, argv, &i, "--count", &value, &missing))
        {
          if (!missing && parse_ulong (value, 1, 1000000000ul, &number) != 0)
            {
              set_error (error, error_size, "--count: not a positive whole number: ", value);
              return -1;
            }
          options->count = number;
        }
      else if (take_value (argc, argv, &i, "--duration", &value, &missing))
        {
          double hours;

          if (!missing)
            {
              if (parse_hours (value, &hours) != 0)
                {
                  set_error (error, error_size, "--duration: not a number of hours: ", value);
                  return -1;
                }
              options->duration_hours = hours;
              have_duration = 1;
            }
        }
      else if (take_value (argc, argv, &i, "--tags", &value, &missing))
        {
          if (!missing && parse_tags (options, value, error, error_size) != 0)
            return -1;
        }
      else
        {
          set_error (error, error_size, "unknown option: ", arg);
          return -1;
        }

      if (missing)
        {
          set_error (error, error_size, "a value is missing after ", arg);
          return -1;
        }
    }

  if (options->count != 0 && have_duration)
    {
      set_error (error, error_size, "--count and --duration exclude each other", NULL);
      return -1;
    }
  if (options->once && options->count != 0)
    {
      set_error (error, error_size, "--once and --count exclude each other", NULL);
      return -1;
    }

  return 0;
}

void
pm_sampler_options_clear (PmSamplerOptions *options)
{
  free (options->patterns);
  free (options->patterns_data);
  options->patterns = NULL;
  options->patterns_data = NULL;
  options->n_patterns = 0;
}
