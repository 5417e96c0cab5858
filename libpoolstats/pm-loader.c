/* pm-loader.c: folders and files into a PmDataset, on every core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paths are expanded to a sorted list of files first; worker threads
 * then take files in turn and each turns its file into a PmPart. Parts are
 * merged in list order, whatever order they finish in, so the dataset (and
 * which of two duplicate rows wins) never depends on thread timing.
 */
#include "pm-loader.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pm-csv-reader.h"
#include "pm-run-set-private.h"
#include "pm-dataset-private.h"
#include "pm-pooltag.h"

struct _PmLoader
{
  GObject             parent_instance;

  GPtrArray          *paths;
  char               *pooltag_file;
  guint               n_threads;

  PmLoadProgressFunc  progress_func;
  gpointer            progress_data;
  GDestroyNotify      progress_destroy;

  /* Set by pm_loader_load_runs() around the load it runs. */
  gboolean            collect_runs;
  PmRunSet           *runs;

  /* Progress, written by workers, read by anyone. */
  guint               files_done;
  guint               n_files;
  guint64             bytes_done;
  guint64             n_bytes;
  GMutex              progress_lock;
};

G_DEFINE_FINAL_TYPE (PmLoader, pm_loader, G_TYPE_OBJECT)

typedef struct
{
  char    *path;
  guint64  size;
} InputFile;

typedef struct
{
  PmLoader         *loader;
  PmDatasetBuilder *builder;
  GArray           *inputs;
  GCancellable     *cancellable;
  gint              next;
  gint              running;
  GMutex            lock;
  GCond             cond;
} Job;

static void
input_file_clear (InputFile *input)
{
  g_free (input->path);
}

static int
compare_inputs (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const InputFile *) a)->path, ((const InputFile *) b)->path);
}

static void
add_skipped (GPtrArray  *skipped,
             const char *path,
             const char *message)
{
  PmPart *part = _pm_part_new (path);

  part->is_input_file = TRUE;
  _pm_part_add_problem (part, 0, "%s", message);
  g_ptr_array_add (skipped, part);
}

static gboolean
has_csv_suffix (const char *name)
{
  gsize len = strlen (name);

  return len > 4 && g_ascii_strcasecmp (name + len - 4, ".csv") == 0;
}

/* Lists a folder's *.csv files; anything that is not a regular file is
 * reported and passed over, never opened (a FIFO would block). */
static gboolean
expand_folder (const char  *folder,
               GArray      *inputs,
               GPtrArray   *skipped,
               GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!has_csv_suffix (name))
        continue;

      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) != 0)
        {
          g_autofree char *message = g_strdup_printf ("cannot be read: %s", g_strerror (errno));
          add_skipped (skipped, path, message);
        }
      else if (S_ISDIR (st.st_mode))
        add_skipped (skipped, path, "is a folder, not a snapshot file; skipped");
      else if (!S_ISREG (st.st_mode))
        add_skipped (skipped, path, "is not a regular file; skipped");
      else
        {
          InputFile input = { g_steal_pointer (&path), st.st_size };
          g_array_append_val (inputs, input);
        }
    }

  return TRUE;
}

static void
job_progress_cb (gsize    n_bytes,
                 gpointer user_data)
{
  PmLoader *self = user_data;

  g_mutex_lock (&self->progress_lock);
  self->bytes_done += n_bytes;
  g_mutex_unlock (&self->progress_lock);
}

static gpointer
worker_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(PmTagCache) cache = _pm_tag_cache_new (job->builder);

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);
      InputFile *input;
      PmPart *part;

      if (i >= job->inputs->len || g_cancellable_is_cancelled (job->cancellable))
        break;

      input = &g_array_index (job->inputs, InputFile, i);
      part = _pm_csv_read_file (cache, input->path, job->cancellable,
                                job_progress_cb, job->loader);
      _pm_dataset_builder_set_part (job->builder, i, part);

      g_mutex_lock (&job->loader->progress_lock);
      job->loader->files_done++;
      g_mutex_unlock (&job->loader->progress_lock);
    }

  g_mutex_lock (&job->lock);
  job->running--;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);

  return NULL;
}

static void
report_progress (PmLoader *self)
{
  PmLoadProgress progress;

  if (self->progress_func == NULL)
    return;
  pm_loader_get_progress (self, &progress);
  self->progress_func (&progress, self->progress_data);
}

static void
run_workers (PmLoader         *self,
             PmDatasetBuilder *builder,
             GArray           *inputs,
             GCancellable     *cancellable)
{
  Job job = { self, builder, inputs, cancellable, 0, 0 };
  guint n_threads = self->n_threads ? self->n_threads : g_get_num_processors ();
  GPtrArray *threads = g_ptr_array_new ();

  n_threads = CLAMP (n_threads, 1, MAX (inputs->len, 1));
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);

  job.running = n_threads;
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("pm-loader", worker_thread, &job));

  /* Progress ten times a second, from this thread: workers only count. */
  g_mutex_lock (&job.lock);
  while (job.running > 0)
    {
      gint64 deadline = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 10;

      while (job.running > 0 && g_cond_wait_until (&job.cond, &job.lock, deadline))
        ;
      if (job.running == 0)
        break;
      g_mutex_unlock (&job.lock);
      report_progress (self);
      g_mutex_lock (&job.lock);
    }
  g_mutex_unlock (&job.lock);

  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_ptr_array_unref (threads);
  g_cond_clear (&job.cond);
  g_mutex_clear (&job.lock);
}

static PmPooltag *
find_pooltag (PmLoader  *self,
              GPtrArray *folders,
              GPtrArray *skipped)
{
  g_autoptr(GError) error = NULL;
  PmPooltag *pooltag;

  if (self->pooltag_file != NULL)
    {
      pooltag = pm_pooltag_new_from_file (self->pooltag_file, &error);
      if (pooltag == NULL)
        add_skipped (skipped, self->pooltag_file, error->message);
      return pooltag;
    }

  /* Users keep pooltag.txt beside their snapshots. */
  for (guint i = 0; i < folders->len; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (folders, i),
                                                "pooltag.txt", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
          (pooltag = pm_pooltag_new_from_file (path, NULL)) != NULL)
        return pooltag;
    }

  return NULL;
}

static void
mark_path_bounds (GArray    *path_bounds,
                  GArray    *inputs,
                  GPtrArray *skipped)
{
  guint bounds[2] = { inputs->len, skipped->len };

  g_array_append_vals (path_bounds, bounds, 2);
}

/* Groups the paths into runs (pm-run-detect.c) and merges each run on its
 * own. Returns the first run's dataset: for pm_loader_load_runs() the set is
 * kept in the loader; otherwise each other run becomes a problem that says
 * why it was not loaded. */
static PmDataset *
end_runs (PmLoader         *self,
          PmDatasetBuilder *builder,
          GArray           *path_bounds)
{
  g_autoptr(PmRunSet) runs = _pm_run_set_from_builder (builder, (const guint *) path_bounds->data,
                                                       (const char * const *) self->paths->pdata,
                                                       self->paths->len);

  g_clear_object (&self->runs);
  if (self->collect_runs)
    {
      self->runs = g_object_ref (runs);
      return g_object_ref (pm_run_set_get_dataset (runs, 0));
    }

  return _pm_run_set_steal_first (runs);
}

static char *
describe_nothing_loaded (GPtrArray *files,
                         GPtrArray *problems)
{
  GString *message = g_string_new (NULL);

  if (files->len == 0)
    g_string_append (message, "no snapshot files were found");
  else
    g_string_append_printf (message, "none of the %u file%s held a snapshot that could be loaded",
                            files->len, files->len == 1 ? "" : "s");

  for (guint i = 0; i < problems->len && i < 3; i++)
    {
      const PmProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (message, "\n  %s", problem->file);
      if (problem->line > 0)
        g_string_append_printf (message, ":%u", problem->line);
      g_string_append_printf (message, ": %s", problem->message);
    }
  if (problems->len > 3)
    g_string_append_printf (message, "\n  (%u more problems)", problems->len - 3);

  return g_string_free (message, FALSE);
}

/**
 * pm_loader_load:
 * @cancellable: (nullable): to stop early
 *
 * Reads every path added: a folder stands for every *.csv file in it whose
 * header names pool-tag columns; a file for itself. Problems in the input
 * are collected in the dataset (pm_dataset_get_problems()); loading fails
 * only when nothing at all could be loaded, or when cancelled. A pooltag.txt
 * (pm_loader_set_pooltag_file(), else one in a folder loaded) fills in
 * Binary and Description where the files leave them empty.
 *
 * Several paths that form one series (a run split into day folders) load as
 * one dataset. Paths that are separate runs (pm-run-set.h) are never merged:
 * this returns the first run (the one of the first path given that holds
 * snapshots), and each other run is reported as a problem of its own that
 * names its paths and why it is separate. pm_loader_load_runs() returns
 * them all.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set
 */
PmDataset *
pm_loader_load (PmLoader      *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GArray) path_bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) inputs = g_array_new (FALSE, FALSE, sizeof (InputFile));
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) _pm_part_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new ();
  g_autoptr(PmPooltag) pooltag = NULL;
  PmDatasetBuilder *builder;
  PmDataset *dataset;
  gint64 started;

  g_return_val_if_fail (PM_IS_LOADER (self), NULL);

  if (self->paths->len == 0)
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_NO_DATA, "no files or folders were given");
      return NULL;
    }

  g_array_set_clear_func (inputs, (GDestroyNotify) input_file_clear);
  builder = pm_dataset_builder_new ();

  /* Where each path's input files and skipped entries begin (and, after
   * the last path, end): runs are told apart by path. */
  mark_path_bounds (path_bounds, inputs, skipped);
  for (guint i = 0; i < self->paths->len; i++, mark_path_bounds (path_bounds, inputs, skipped))
    {
      const char *path = g_ptr_array_index (self->paths, i);
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        {
          int saved = errno;

          g_set_error (error, PM_ERROR, PM_ERROR_UNREADABLE, "%s: %s", path, g_strerror (saved));
          pm_dataset_builder_free (builder);
          return NULL;
        }

      if (S_ISDIR (st.st_mode))
        {
          guint before = inputs->len;

          if (!expand_folder (path, inputs, skipped, error))
            {
              pm_dataset_builder_free (builder);
              return NULL;
            }
          g_ptr_array_add (folders, (gpointer) path);
          /* Within a folder, name order is time order for the old names. */
          if (inputs->len > before)
            qsort (&g_array_index (inputs, InputFile, before), inputs->len - before,
                   sizeof (InputFile), compare_inputs);
        }
      else if (S_ISREG (st.st_mode))
        {
          InputFile input = { g_strdup (path), st.st_size };
          g_array_append_val (inputs, input);
        }
      else
        add_skipped (skipped, path, "is not a regular file; skipped");
    }

  pooltag = find_pooltag (self, folders, skipped);
  _pm_dataset_builder_set_pooltag (builder, pooltag);

  g_mutex_lock (&self->progress_lock);
  self->files_done = 0;
  self->n_files = inputs->len;
  self->bytes_done = 0;
  self->n_bytes = 0;
  for (guint i = 0; i < inputs->len; i++)
    self->n_bytes += g_array_index (inputs, InputFile, i).size;
  g_mutex_unlock (&self->progress_lock);

  _pm_dataset_builder_set_n_parts (builder, inputs->len + skipped->len);
  for (guint i = 0; i < skipped->len; i++)
    _pm_dataset_builder_set_part (builder, inputs->len + i, g_ptr_array_index (skipped, i));
  g_ptr_array_set_free_func (skipped, NULL);

  started = g_get_monotonic_time ();
  run_workers (self, builder, inputs, cancellable);
  report_progress (self);
  g_debug ("read %u files in %.3f s", inputs->len,
           (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      pm_dataset_builder_free (builder);
      return NULL;
    }

  started = g_get_monotonic_time ();
  dataset = end_runs (self, builder, path_bounds);
  g_debug ("merged in %.3f s", (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);

  if (pm_dataset_get_n_snapshots (dataset) == 0)
    {
      g_autofree char *message = describe_nothing_loaded (pm_dataset_get_files (dataset),
                                                          pm_dataset_get_problems (dataset));

      g_set_error_literal (error, PM_ERROR, PM_ERROR_NO_DATA, message);
      g_object_unref (dataset);
      return NULL;
    }

  return dataset;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  PmDataset *dataset = pm_loader_load (source_object, cancellable, &error);

  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

/**
 * pm_loader_load_async:
 *
 * Runs pm_loader_load() in a worker thread. The progress function, if any,
 * is called from that thread; pm_loader_get_progress() may be polled from
 * any thread instead.
 */
void
pm_loader_load_async (PmLoader            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PM_IS_LOADER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_loader_load_async);
  g_task_run_in_thread (task, load_thread);
}

/**
 * pm_loader_load_finish:
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set
 */
PmDataset *
pm_loader_load_finish (PmLoader      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (PM_IS_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pm_loader_load_runs:
 * @cancellable: (nullable): to stop early
 *
 * Reads every path added, as pm_loader_load() does, and groups the paths
 * into runs before merging: paths that form one series make one run; paths
 * whose time ranges interleave, whose same times hold different counters,
 * or whose counters neither continue nor start again where one follows the
 * other are separate runs, each merged on its own. Run 0 holds the first
 * path given that has snapshots; pm_run_set_get_reason() says why each other
 * run is separate. Runs are named after their first path's base name.
 *
 * Returns: (transfer full) (nullable): the runs, or %NULL with @error set
 *   when nothing at all could be loaded
 */
PmRunSet *
pm_loader_load_runs (PmLoader      *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(PmDataset) dataset = NULL;
  PmRunSet *runs;

  g_return_val_if_fail (PM_IS_LOADER (self), NULL);

  self->collect_runs = TRUE;
  g_clear_object (&self->runs);
  dataset = pm_loader_load (self, cancellable, error);
  self->collect_runs = FALSE;
  runs = g_steal_pointer (&self->runs);
  if (dataset == NULL)
    {
      g_clear_object (&runs);
      return NULL;
    }

  /* A dataset that did not come through the merge is one run. */
  if (runs == NULL)
    {
      g_auto(GStrv) paths = g_new0 (char *, self->paths->len + 1);
      g_autofree char *name = NULL;

      for (guint i = 0; i < self->paths->len; i++)
        paths[i] = g_strdup (g_ptr_array_index (self->paths, i));
      name = _pm_run_name_of_path (paths[0]);
      runs = pm_run_set_new ();
      pm_run_set_add (runs, name, dataset, (const char * const *) paths);
    }

  return runs;
}

static void
load_runs_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  PmRunSet *runs = pm_loader_load_runs (source_object, cancellable, &error);

  if (runs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, runs, g_object_unref);
}

/**
 * pm_loader_load_runs_async:
 *
 * Runs pm_loader_load_runs() in a worker thread, with progress as
 * pm_loader_load_async().
 */
void
pm_loader_load_runs_async (PmLoader            *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PM_IS_LOADER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_loader_load_runs_async);
  g_task_run_in_thread (task, load_runs_thread);
}

/**
 * pm_loader_load_runs_finish:
 *
 * Returns: (transfer full) (nullable): the runs, or %NULL with @error set
 */
PmRunSet *
pm_loader_load_runs_finish (PmLoader      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PM_IS_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pm_dataset_load:
 * @paths: (array zero-terminated=1): folders and files
 *
 * Loads @paths with a #PmLoader and no progress reporting.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set
 */
PmDataset *
pm_dataset_load (const char * const  *paths,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(PmLoader) loader = pm_loader_new ();

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    pm_loader_add_path (loader, paths[i]);

  return pm_loader_load (loader, cancellable, error);
}

static void
pm_loader_finalize (GObject *object)
{
  PmLoader *self = (PmLoader *) object;

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_ptr_array_unref (self->paths);
  g_free (self->pooltag_file);
  g_clear_object (&self->runs);
  g_mutex_clear (&self->progress_lock);

  G_OBJECT_CLASS (pm_loader_parent_class)->finalize (object);
}

static void
pm_loader_class_init (PmLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_loader_finalize;
}

static void
pm_loader_init (PmLoader *self)
{
  self->paths = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->progress_lock);
}

PmLoader *
pm_loader_new (void)
{
  return g_object_new (PM_TYPE_LOADER, NULL);
}

/**
 * pm_loader_add_path:
 * @path: a folder of snapshot files, or one file
 */
void
pm_loader_add_path (PmLoader   *self,
                    const char *path)
{
  g_return_if_fail (PM_IS_LOADER (self));
  g_return_if_fail (path != NULL);

  g_ptr_array_add (self->paths, g_strdup (path));
}

/**
 * pm_loader_set_pooltag_file:
 * @path: (nullable): a pooltag.txt, or %NULL to look for one in the folders
 */
void
pm_loader_set_pooltag_file (PmLoader   *self,
                            const char *path)
{
  g_return_if_fail (PM_IS_LOADER (self));

  g_free (self->pooltag_file);
  self->pooltag_file = g_strdup (path);
}

/**
 * pm_loader_set_n_threads:
 * @n_threads: threads to read with, or 0 for one per processor
 */
void
pm_loader_set_n_threads (PmLoader *self,
                         guint     n_threads)
{
  g_return_if_fail (PM_IS_LOADER (self));

  self->n_threads = n_threads;
}

/**
 * pm_loader_set_progress_func:
 * @func: (nullable): called about ten times a second during a load, and
 *   once at its end
 */
void
pm_loader_set_progress_func (PmLoader           *self,
                             PmLoadProgressFunc  func,
                             gpointer            user_data,
                             GDestroyNotify      destroy)
{
  g_return_if_fail (PM_IS_LOADER (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

/**
 * pm_loader_get_progress:
 * @progress: (out caller-allocates): where to store the figures
 *
 * Thread safe: a window polls this from its main loop while the load runs.
 */
void
pm_loader_get_progress (PmLoader       *self,
                        PmLoadProgress *progress)
{
  g_return_if_fail (PM_IS_LOADER (self));

  g_mutex_lock (&self->progress_lock);
  progress->files_done = self->files_done;
  progress->n_files = self->n_files;
  progress->bytes_done = MIN (self->bytes_done, self->n_bytes);
  progress->n_bytes = self->n_bytes;
  g_mutex_unlock (&self->progress_lock);
}
