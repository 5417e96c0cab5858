/* ps-analysis.h: what poolstats rank, corr and tags share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three analysis commands take the old analyzer's options (through
 * PmQuery, before GOption sees argv), folders as arguments or `-d`, an
 * optional time range, and load the same way.
 */
#pragma once

#include "ps-common.h"

G_BEGIN_DECLS

/* Returned by the helpers below when the command should go on. */
#define PS_CONTINUE (-1)

typedef struct
{
  const char  *command;
  PmQuery     *query;
  char       **paths;
  char        *format_name;
  char        *tagfile;
  char        *from;
  char        *to;
  PsFormat     format;
  PmDataset   *dataset;
  guint        first;
  guint        n_snapshots;
  gboolean     metric_optional;   /* -t may be left out (poolstats leaks) */
} PsAnalysis;

void          ps_analysis_init            (PsAnalysis          *self,
                                           const char          *command);
void          ps_analysis_clear           (PsAnalysis          *self);
int           ps_analysis_parse           (PsAnalysis          *self,
                                           int                  argc,
                                           char               **argv,
                                           const GOptionEntry  *extra,
                                           const char          *parameter,
                                           const char          *summary,
                                           const char          *formats,
                                           PsFormat             allowed,
                                           PsFormat             default_format);
int           ps_analysis_load            (PsAnalysis          *self);
PmTagTable    *ps_analysis_tag_table      (PsAnalysis          *self);
PmRankResult  *ps_analysis_rank           (PsAnalysis          *self);
void          ps_analysis_json_begin      (PsAnalysis          *self,
                                           JsonBuilder         *builder);
char          *ps_format_double           (double               value,
                                           int                  decimals);
void          ps_json_add_double          (JsonBuilder         *builder,
                                           double               value);
void          ps_json_add_int_or_null     (JsonBuilder         *builder,
                                           gboolean             defined,
                                           gint64               value);
guint         ps_text_width               (const char          *text);
void          ps_print_padded             (const char          *text,
                                           guint                width,
                                           gboolean             left);
void          ps_tag_stats_csv_header     (GString             *out);
void          ps_tag_stats_csv_row        (GString             *out,
                                           PmDataset           *dataset,
                                           PmTimeBase           base,
                                           const PmTagStats    *st);
void          ps_tag_stats_json           (JsonBuilder         *builder,
                                           PmDataset           *dataset,
                                           PmTimeBase           base,
                                           const PmTagStats    *st);

G_END_DECLS
