/* pm-legacy-cli.c: the old analyzer's command line, in the viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `poolmonviz -d DIR -t TYPE [-ts BASE] [-it TAG...] [-et TAG...] [-nmc N]
 * [-nmca N] [-nh N] [-nha N] [-sc] [-sce]` is visualize.py's command line:
 * it opens a window in that state (metric, time base, rankings, included
 * and excluded tags, the correlation page for -sc/-sce) and prints the old
 * tool's ranking lines on stdout, so scripts that read them keep working.
 *
 * With `--export FILE` (and `--export-matrix FILE` for -sc/-sce) nothing
 * opens: the chart is drawn by the window's own renderer onto an image, SVG
 * or PDF surface and the program exits. This path runs before any
 * GtkApplication exists and never initialises GTK, so it needs no display.
 */
#include <errno.h>
#include <stdio.h>

#include "pm-application.h"
#include "pm-cluster.h"
#include "pm-figures.h"
#include "pm-legacy-cli.h"
#include "pm-probe.h"
#include "pm-query.h"
#include "pm-runs.h"
#include "pm-window-views.h"

#define DEFAULT_WIDTH 1600
#define DEFAULT_HEIGHT 900

typedef struct
{
  PmQuery  *query;
  char    **paths;
  char     *export_path;
  char     *export_matrix_path;
  int       write_error;      /* errno of a failed write to stdout, or 0 */
  int       width;
  int       height;
  char     *size;
  char     *theme_name;
  const PmChartTheme *theme;
  gboolean  no_title;
  gboolean  no_total_axis;
  gboolean  increments;
  gboolean  no_cache;
  gboolean  follow;
  gboolean  no_follow;
  gboolean  printed;
  gboolean  old_options;  /* any of the old analyzer's options was given */
} LegacyCli;

static void
legacy_cli_free (LegacyCli *cli)
{
  g_clear_pointer (&cli->query, pm_query_free);
  g_strfreev (cli->paths);
  g_free (cli->export_path);
  g_free (cli->export_matrix_path);
  g_free (cli->size);
  g_free (cli->theme_name);
  g_free (cli);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LegacyCli, legacy_cli_free)

static gboolean
wants_correlation (LegacyCli *cli)
{
  return cli->query->show_correlation || cli->query->show_correlation_extended;
}

/* The parsers drop what they consume from the array: give them one whose
 * strings they do not own. */
static char **
shallow_copy (int    argc,
              char **argv)
{
  return g_memdup2 (argv, sizeof (char *) * (argc + 1));
}

/**
 * pm_legacy_cli_handles:
 *
 * Returns: %TRUE when @argv uses an option of the old analyzer or asks for
 *   a headless export: pm_legacy_cli_main() then runs the program
 */
gboolean
pm_legacy_cli_handles (int    argc,
                       char **argv)
{
  g_autoptr(PmQuery) query = pm_query_new ();
  g_autofree char **args = shallow_copy (argc, argv);
  int n = argc;

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--export"))
      return TRUE;

  /* A bad old option is the old command line too: its error is reported. */
  return !pm_query_parse_args (query, &n, &args, NULL) || n != argc;
}

static LegacyCli *
parse (int      argc,
       char   **argv,
       GError **error)
{
  g_autoptr(LegacyCli) cli = g_new0 (LegacyCli, 1);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_auto(GStrv) remaining = NULL;
  g_autofree char **args = shallow_copy (argc, argv);
  int n_args;
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &cli->export_path,
      "Draw the chart into FILE (.png, .svg or .pdf) and exit, without a window", "FILE" },
    { "export-matrix", 0, 0, G_OPTION_ARG_FILENAME, &cli->export_matrix_path,
      "With -sc or -sce: draw the correlation matrix into FILE (.png, .svg, .pdf, or .csv for the numbers)", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &cli->width, "Width of exported pictures (1600)", "PIXELS" },
    { "height", 0, 0, G_OPTION_ARG_INT, &cli->height, "Height of exported pictures (900)", "PIXELS" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &cli->size,
      "Size of exported pictures, as the export dialog offers it (1600x900)", "WIDTHxHEIGHT" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &cli->theme_name,
      "Colours of exported pictures: light (the default) or dark", "THEME" },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &cli->no_title,
      "No title line above the exported chart (what was loaded, metric, times)", NULL },
    { "no-total-axis", 0, 0, G_OPTION_ARG_NONE, &cli->no_total_axis,
      "Draw TOTAL against the tags' axis, not on a right-hand axis of its own", NULL },
    { "increments", 0, 0, G_OPTION_ARG_NONE, &cli->increments,
      "Correlate increments between snapshots, not levels as the old tool did", NULL },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &cli->no_cache,
      "Parse every file; neither read nor write the folder's store in the user cache", NULL },
    /* The window's own (docs/follow.md): without either, a folder whose
     * newest snapshot is recent is followed, as without the old options. */
    { "follow", 0, 0, G_OPTION_ARG_NONE, &cli->follow,
      "Follow the folder while the sampler writes into it (default: when its newest "
      "snapshot is less than three intervals old)", NULL },
    { "no-follow", 0, 0, G_OPTION_ARG_NONE, &cli->no_follow, "Do not follow the folder", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };

  cli->query = pm_query_new ();
  n_args = argc;
  if (!pm_query_parse_args (cli->query, &argc, &args, error))
    return NULL;
  cli->old_options = argc != n_args;

  context = g_option_context_new ("— chart pool-tag snapshots, as visualize.py did");
  g_option_context_set_description (context, pm_legacy_cli_get_help ());
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &args, error))
    return NULL;

  for (guint i = 0; i < cli->query->directories->len; i++)
    g_strv_builder_add (paths, g_ptr_array_index (cli->query->directories, i));
  for (guint i = 0; remaining != NULL && remaining[i] != NULL; i++)
    g_strv_builder_add (paths, remaining[i]);
  cli->paths = g_strv_builder_end (paths);

  if (cli->paths[0] == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, "-d/--directory DIR is required");
      return NULL;
    }
  if (cli->size != NULL && !pm_export_parse_size (cli->size, &cli->width, &cli->height))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "--size %s: give the width and height in pixels, as 1600x900", cli->size);
      return NULL;
    }
  cli->theme = pm_chart_theme_get_light ();
  if (cli->theme_name != NULL && !pm_export_parse_theme (cli->theme_name, &cli->theme))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "--theme %s: the themes are light and dark", cli->theme_name);
      return NULL;
    }
  if (cli->follow && cli->no_follow)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, "--follow and --no-follow contradict each other");
      return NULL;
    }
  if ((cli->follow || cli->no_follow) &&
      (cli->export_path != NULL || cli->export_matrix_path != NULL))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "--%s is for the window: --export draws what the folder holds now and exits",
                   cli->follow ? "follow" : "no-follow");
      return NULL;
    }
  if (cli->export_matrix_path != NULL && !wants_correlation (cli))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "--export-matrix needs -sc or -sce (which tags to correlate)");
      return NULL;
    }

  return g_steal_pointer (&cli);
}

/* The query's state, as the old tool had it, onto a session. */
static void
apply_query (LegacyCli *cli,
             PmSession *session)
{
  PmQuery *q = cli->query;
  static const PmRanking rankings[] = {
    PM_RANKING_HIGHEST_PEAK, PM_RANKING_HIGHEST_AVERAGE,
    PM_RANKING_BIGGEST_INCREASE_PCT, PM_RANKING_BIGGEST_INCREASE_ABS,
  };

  /* The old command line selects exactly what it did: the leaks and
   * suspects join the selection only when no old option was given (a
   * plain `poolmonviz FOLDER --export FILE`). */
  pm_session_set_select_leaks (session, !cli->old_options);
  if (q->have_metric)
    pm_session_set_metric (session, q->metric);
  pm_session_set_time_base (session, q->time_base);
  for (guint i = 0; i < G_N_ELEMENTS (rankings); i++)
    pm_session_set_top_n (session, rankings[i], q->n[rankings[i]]);
  pm_session_set_include (session, (const char * const *) q->include_tags->pdata);
  pm_session_set_exclude (session, (const char * const *) q->exclude_tags->pdata);
}

static gboolean
check_metric (LegacyCli  *cli,
              PmDataset  *dataset,
              GError    **error)
{
  if (cli->query->have_metric && !pm_dataset_has_metric (dataset, cli->query->metric))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, "The files have no column for %s",
                   pm_metric_to_string (cli->query->metric));
      return FALSE;
    }

  return TRUE;
}

/* The old tool's lines, then any -it that matched nothing, as it warned. */
static void
print_rankings (LegacyCli *cli,
                PmSession *session)
{
  PmRankResult *rank = pm_session_get_rank_result (session);
  g_autofree char *text = NULL;
  const char * const *unmatched;

  if (rank == NULL || cli->printed)
    return;

  cli->printed = TRUE;
  text = pm_rank_result_to_legacy_text (rank);
  if ((fputs (text, stdout) < 0 || fflush (stdout) != 0) && cli->write_error == 0)
    cli->write_error = errno ? errno : EIO;

  unmatched = pm_rank_result_get_unmatched (rank);
  for (guint i = 0; unmatched != NULL && unmatched[i] != NULL; i++)
    g_printerr ("poolmonviz: no tag matches “%s”\n", unmatched[i]);
}

static gboolean
export_matrix (LegacyCli  *cli,
               PmSession  *session,
               GError    **error)
{
  PmDataset *dataset = pm_session_get_dataset (session);
  g_autoptr(PmCorrMatrix) matrix = NULL;
  g_autoptr(PmCorrFigure) figure = NULL;
  g_autofree guint *order = NULL;
  g_autofree char *title = NULL;
  PmCorrOptions options;

  pm_corr_options_init (&options, pm_session_get_metric (session));
  options.increments = cli->increments;
  if (!cli->query->show_correlation_extended)
    {
      options.tags = pm_session_get_shown (session, &options.n_tags);
      if (options.n_tags == 0)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID, "No tag is selected to correlate");
          return FALSE;
        }
    }

  matrix = pm_corr_compute (dataset, &options, NULL, NULL, NULL, error);
  if (matrix == NULL)
    return FALSE;
  if (pm_corr_matrix_get_size (matrix) > 2 && (order = pm_cluster_order (matrix, NULL, error)) == NULL)
    return FALSE;

  title = pm_corr_figure_title (options.metric, options.increments, options.tags == NULL,
                                pm_corr_matrix_get_size (matrix), order != NULL, FALSE);
  figure = pm_corr_figure_new (dataset, matrix, order, title);

  if (g_str_has_suffix (cli->export_matrix_path, ".csv"))
    return pm_corr_figure_write_csv (figure, cli->export_matrix_path, error);

  return pm_export_heatmap (cli->export_matrix_path,
                            cli->width > 0 ? cli->width : 1200,
                            cli->height > 0 ? cli->height : 1000,
                            cli->theme, pm_corr_figure_get_model (figure), NULL, error);
}

/* The leak finder, as the window runs it after a load, for the first view
 * of a plain `poolmonviz FOLDER --export FILE`. */
static gboolean
find_leaks (PmSession  *session,
            GError    **error)
{
  g_autoptr(PmLeakResult) leaks = NULL;
  PmLeakOptions options;

  pm_leak_options_init (&options);
  options.time_base = pm_session_get_time_base (session);
  leaks = pm_leak_analyse (pm_session_get_dataset (session), &options, NULL, error);
  if (leaks == NULL)
    return FALSE;

  pm_session_set_leaks (session, leaks, options.time_base);
  return TRUE;
}

/* Whether @path is a file of any run loaded. */
static gboolean
is_input_file (PmRunSet   *runs,
               const char *path)
{
  for (guint i = 0; i < pm_run_set_get_n_runs (runs); i++)
    if (pm_dataset_is_input_file (pm_run_set_get_dataset (runs, i), path))
      return TRUE;

  return FALSE;
}

/* Everything without a window: load, rank, print, draw into files. */
static int
run_headless (LegacyCli *cli)
{
  g_autoptr(PmSession) session = pm_session_new (NULL);
  g_autoptr(PmDataset) dataset = NULL;
  g_autoptr(PmChartFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmLoader) loader = pm_loader_new ();
  g_autoptr(PmRunSet) runs = NULL;

  for (guint i = 0; cli->paths[i] != NULL; i++)
    pm_loader_add_path (loader, cli->paths[i]);
  pm_loader_set_use_store (loader, !cli->no_cache);
  /* Separate runs are drawn side by side, as the window shows them
   * (docs/runs.md); the rankings printed are run A's. */
  runs = pm_loader_load_runs (loader, NULL, &error);
  if (runs != NULL)
    dataset = g_object_ref (pm_run_set_get_dataset (runs, 0));
  if (runs != NULL && pm_run_set_get_n_runs (runs) > 1)
    {
      g_autofree char *text = pm_run_set_describe (runs);

      g_printerr ("%s", text);
    }
  if (dataset == NULL || !check_metric (cli, dataset, &error))
    {
      g_printerr ("poolmonviz: %s\n", error->message);
      return 2;
    }
  if (pm_dataset_get_n_problems (dataset) > 0)
    {
      GPtrArray *problems = pm_dataset_get_problems (dataset);

      /* As poolstats info prints them: one "FILE:LINE: message" a line. */
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *text = pm_problem_to_text (g_ptr_array_index (problems, i));

          g_printerr ("%s\n", text);
        }
      g_printerr ("poolmonviz: %u problems in the files; the rows concerned were skipped\n",
                  pm_dataset_get_n_problems (dataset));
    }

  /* An export named like an input (poolmonviz -d . --export-matrix ok.csv)
   * would replace the data it was made from. */
  for (guint i = 0; i < 2; i++)
    {
      const char *out = i == 0 ? cli->export_path : cli->export_matrix_path;

      if (out != NULL && is_input_file (runs, out))
        {
          g_printerr ("poolmonviz: will not write %s: it is one of the files loaded\n", out);
          return 1;
        }
    }

  apply_query (cli, session);
  pm_session_set_total_axis (session, !cli->no_total_axis);
  pm_session_set_dataset (session, dataset);
  if (pm_run_set_get_n_runs (runs) > 1)
    pm_runs_set_run_set (pm_runs_new (session), runs);
  print_rankings (cli, session);
  if (!cli->old_options && !find_leaks (session, &error))
    {
      g_printerr ("poolmonviz: %s\n", error->message);
      return 1;
    }

  if (cli->export_path != NULL)
    {
      figure = pm_chart_figure_new (session);
      if (!cli->no_title)
        {
          g_autofree char *title = pm_chart_figure_describe (session,
                                                             (const char * const *) cli->paths);

          pm_chart_figure_set_title (figure, title);
        }
      if (!pm_export_chart (cli->export_path,
                            cli->width > 0 ? cli->width : DEFAULT_WIDTH,
                            cli->height > 0 ? cli->height : DEFAULT_HEIGHT,
                            cli->theme, pm_chart_figure_get_model (figure),
                            pm_session_get_range (session), &error))
        {
          g_printerr ("poolmonviz: %s\n", error->message);
          return 1;
        }
    }

  if (cli->export_matrix_path != NULL && !export_matrix (cli, session, &error))
    {
      g_printerr ("poolmonviz: %s\n", error->message);
      return 1;
    }

  /* The ranking lines went to stdout: lost output is a failure. */
  if (cli->write_error == 0 && (fflush (stdout) != 0 || ferror (stdout)))
    cli->write_error = errno ? errno : EIO;
  if (cli->write_error != 0)
    {
      g_printerr ("poolmonviz: cannot write the output: %s\n", g_strerror (cli->write_error));
      return 1;
    }

  return 0;
}

static void
dataset_cb (PmSession  *session,
            GParamSpec *pspec,
            LegacyCli  *cli)
{
  if (pm_session_get_dataset (session) == NULL || cli->printed)
    return;

  if (cli->query->have_metric && pm_session_get_metric (session) != cli->query->metric)
    g_printerr ("poolmonviz: the files have no column for %s; showing %s\n",
                pm_metric_to_string (cli->query->metric),
                pm_metric_to_string (pm_session_get_metric (session)));
  print_rankings (cli, session);
}

/* The state goes into the session before the data arrives, so the figures
 * are computed once, for the asked metric, and the first frame with data
 * is already the asked one. */
static void
window_realized_cb (PmWindow  *window,
                    LegacyCli *cli)
{
  PmSession *session = pm_window_get_session (window);

  g_signal_handlers_disconnect_by_data (window, cli);
  if (session == NULL || cli->printed)
    return;

  apply_query (cli, session);
  if (wants_correlation (cli))
    _pm_window_show_correlation (window, cli->query->show_correlation_extended
                                         ? PM_CORRELATION_EVERY : PM_CORRELATION_SELECTED,
                                 cli->increments);
  g_signal_connect (session, "notify::dataset", G_CALLBACK (dataset_cb), cli);
}

/* The window's session exists once the window is built; it is realised
 * before its load can finish. */
static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 LegacyCli      *cli)
{
  if (PM_IS_WINDOW (window))
    g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), cli);
}

static int
run_window (LegacyCli *cli,
            char      *argv0)
{
  g_autoptr(PmApplication) app = pm_application_new ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  /* The folders become the files GApplication opens, in one window. */
  g_ptr_array_add (args, argv0);
  if (cli->no_cache)
    g_ptr_array_add (args, "--no-cache");
  if (cli->follow)
    g_ptr_array_add (args, "--follow");
  if (cli->no_follow)
    g_ptr_array_add (args, "--no-follow");
  for (guint i = 0; cli->paths[i] != NULL; i++)
    g_ptr_array_add (args, cli->paths[i]);
  g_ptr_array_add (args, NULL);

  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), cli);
  pm_probe_start (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), args->len - 1, (char **) args->pdata);
}

/**
 * pm_legacy_cli_get_help:
 *
 * Returns: the old options and the headless export, for a `--help`
 */
const char *
pm_legacy_cli_get_help (void)
{
  static gsize done;
  static char *help;

  if (g_once_init_enter (&done))
    {
      help = g_strconcat ("The old analyzer's options (visualize.py's spellings):\n",
                          pm_query_get_help (),
                          "\nGiven any of them, the window opens in that state and the old ranking\n"
                          "lines are printed on stdout. --export FILE (.png, .svg, .pdf) draws the chart\n"
                          "and exits without a window or display; with -sc or -sce, --export-matrix\n"
                          "FILE (.png, .svg, .pdf or .csv) draws the matrix. As in the export dialog:\n"
                          "--size WxH, --theme light|dark, --no-title. See poolmonviz -d DIR --help.",
                          NULL);
      g_once_init_leave (&done, 1);
    }

  return help;
}

/**
 * pm_legacy_cli_main:
 *
 * Runs poolmonviz for an old-style command line (see pm_legacy_cli_handles()).
 *
 * Returns: the exit status: 0 done, 1 a usage or export error, 2 nothing
 *   could be loaded or the files lack the metric
 */
int
pm_legacy_cli_main (int    argc,
                    char **argv)
{
  g_autoptr(LegacyCli) cli = NULL;
  g_autoptr(GError) error = NULL;

  cli = parse (argc, argv, &error);
  if (cli == NULL)
    {
      g_printerr ("poolmonviz: %s\nTry “poolmonviz -d DIR --help”.\n", error->message);
      return 1;
    }

  if (cli->export_path != NULL || cli->export_matrix_path != NULL)
    return run_headless (cli);

  return run_window (cli, argv[0]);
}
