/* fuzz-options.c: libFuzzer target for the old analyzer's command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes split at NULs are an argv for pm_query_parse_args(), the
 * parser behind `poolmonviz -d . -t TYPE -it A B ...` and poolstats'
 * old-style options. Besides never crashing, a parse that succeeds must
 * round-trip: the query written back as a command line and parsed again
 * writes the same line.
 */
#include <string.h>

#include "poolstats.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **argv = NULL;
  PmQuery *query = pm_query_new ();
  const char *p = (const char *) data, *end = p + size;
  int argc;

  g_ptr_array_add (args, g_strdup ("poolmonviz"));
  while (p < end && args->len < 64)
    {
      const char *nul = memchr (p, '\0', end - p);
      const char *arg_end = nul ? nul : end;

      g_ptr_array_add (args, g_strndup (p, arg_end - p));
      p = nul ? nul + 1 : end;
    }

  argc = args->len;
  argv = g_new0 (char *, argc + 1);
  memcpy (argv, args->pdata, sizeof (char *) * argc);

  if (pm_query_parse_args (query, &argc, &argv, NULL))
    {
      g_autofree char *line = pm_query_to_string (query);
      g_auto(GStrv) again = NULL;
      int n;

      /* Shell-quoted, options only: parse it back and compare. */
      if (g_shell_parse_argv (line, &n, &again, NULL) || line[0] == '\0')
        {
          PmQuery *second = pm_query_new ();
          g_autoptr(GPtrArray) argv2 = g_ptr_array_new ();
          g_autofree char **args2 = NULL;
          int argc2;

          g_ptr_array_add (argv2, (gpointer) "poolmonviz");
          for (int i = 0; again != NULL && again[i] != NULL; i++)
            g_ptr_array_add (argv2, again[i]);
          argc2 = argv2->len;
          args2 = g_new0 (char *, argc2 + 1);
          memcpy (args2, argv2->pdata, sizeof (char *) * argc2);
          if (!pm_query_parse_args (second, &argc2, &args2, NULL))
            g_error ("'%s' does not parse back", line);
          else
            {
              g_autofree char *line2 = pm_query_to_string (second);

              if (strcmp (line, line2) != 0)
                g_error ("'%s' parses back as '%s'", line, line2);
            }
          pm_query_free (second);
        }
    }

  pm_query_free (query);
  return 0;
}
