/* ps-common.h: what every poolstats command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <json-glib/json-glib.h>

#include "poolstats.h"

G_BEGIN_DECLS

/* Exit codes that scripts can act on. */
#define PS_EXIT_OK      0
#define PS_EXIT_USAGE   1
#define PS_EXIT_NO_DATA 2
#define PS_EXIT_LEAK    3   /* poolstats leaks --fail-on-leak: a tag leaks */
/* poolstats compare --fail-on-new-leak: a tag leaks in B and not in A. */
#define PS_EXIT_NEW_LEAK 3

typedef enum
{
  PS_FORMAT_TEXT = 1 << 0,
  PS_FORMAT_CSV  = 1 << 1,
  PS_FORMAT_JSON = 1 << 2,
} PsFormat;

/* --tagfile, which every command takes. */
#define PS_OPTION_TAGFILE(location) \
  { "tagfile", 0, 0, G_OPTION_ARG_FILENAME, (location), \
    "A pooltag.txt for Binary and Description (default: one beside the files)", "FILE" }

/* --no-cache, which every command that loads takes. */
#define PS_OPTION_NO_CACHE(location) \
  { "no-cache", 0, 0, G_OPTION_ARG_NONE, (location), \
    "Parse every file; neither read nor write the folder's store in the user cache", NULL }

/* A command: argv[0] is the command's name ("info"). Returns an exit code. */
typedef int (*PsCommandFunc) (int    argc,
                              char **argv);

gboolean    ps_format_parse        (const char   *text,
                                    PsFormat      allowed,
                                    PsFormat     *format,
                                    GError      **error);
void        ps_print_problems      (PmDataset    *dataset,
                                    FILE         *stream);
void        ps_write_csv_field     (GString      *out,
                                    const char   *field);
void        ps_print_json          (JsonNode     *root);
void        ps_json_add_text       (JsonBuilder  *builder,
                                    const char   *member,
                                    const char   *value);
void        ps_json_add_string_or_null (JsonBuilder *builder,
                                    const char   *value);
gboolean    ps_stderr_is_terminal  (void);
int         ps_usage_error         (const char   *command,
                                    const char   *format,
                                    ...) G_GNUC_PRINTF (2, 3);
PmRunSet   *ps_load_runs           (const char   *command,
                                    const char * const *paths,
                                    const char   *tagfile,
                                    gboolean      no_cache);
int         ps_load_one_run        (const char   *command,
                                    const char * const *paths,
                                    const char   *tagfile,
                                    gboolean      no_cache,
                                    PmDataset   **dataset);
int         ps_refuse_runs         (const char   *command,
                                    PmRunSet     *runs);

int         ps_command_info        (int argc, char **argv);
int         ps_command_compare     (int argc, char **argv);
int         ps_command_rank        (int argc, char **argv);
int         ps_command_corr        (int argc, char **argv);
int         ps_command_tags        (int argc, char **argv);
int         ps_command_leaks       (int argc, char **argv);
int         ps_command_cache       (int argc, char **argv);

G_END_DECLS
