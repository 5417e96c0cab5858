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
#include "pm-loader-private.h"
#include "pm-store-private.h"
#include "pm-windows-private.h"

struct _PmLoader
{
  GObject             parent_instance;

  GPtrArray          *paths;
  char               *pooltag_file;
  guint               n_threads;
  gboolean            use_store;

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
  guint               n_from_store;
  gboolean            from_image;
  gboolean            appended;
  gboolean            no_merge_as_read;   /* tests: the usual merge only */
  gboolean            merged_as_read;
  guint               piece_rows;         /* a file's rows merged as read per piece */
  gint                n_pieces;           /* pieces merged while their file was read */
  GMutex              progress_lock;
};

G_DEFINE_FINAL_TYPE (PmLoader, pm_loader, G_TYPE_OBJECT)


typedef struct
{
  PmLoader         *loader;
  PmDatasetBuilder *builder;
  GArray           *inputs;
  GCancellable     *cancellable;
  gint              next;
  guint             last;         /* inputs[next..last) are read */
  gint              running;
  GMutex            lock;
  GCond             cond;         /* a part read, a worker done */

  /* Merging window by window as the parts come (pm-dataset-window.c):
   * parts are merged in input order and freed, and a worker does not start
   * a file more than LOOKAHEAD files past the merge, so what is held is a
   * few files' rows, not the folder's. */
  PmDatasetWindows *windows;
  guint             merged;       /* parts merged so far */
  guint             not_plain;    /* the part that was not the plain case, or G_MAXUINT */
  GCond             room;         /* the merge went on */
} Job;

#define LOOKAHEAD 64

/* A file of many snapshots (the old sampler's loop mode) goes to the merge
 * in pieces of finished snapshots as it is read, about 4 MiB of parsed rows
 * each, rather than whole at its end (docs/store.md, "Import memory"). */
#define PIECE_ROWS (128 * 1024)

/* The file a worker is reading, for its pieces. */
typedef struct
{
  Job   *job;
  guint  index;
} Piece;

/* Hands the finished snapshots of file @piece->index to the merge once
 * every file before it was merged; FALSE (the file is then read whole) when
 * the merge as read ended, or ends with this piece. */
static gboolean
merge_piece (PmPart   *part,
             gpointer  data)
{
  Piece *piece = data;
  Job *job = piece->job;
  PmDatasetWindows *windows;

  g_mutex_lock (&job->lock);
  while (job->windows != NULL && job->merged < piece->index &&
         !g_cancellable_is_cancelled (job->cancellable))
    g_cond_wait (&job->room, &job->lock);
  windows = job->merged == piece->index && !g_cancellable_is_cancelled (job->cancellable)
            ? job->windows : NULL;
  g_mutex_unlock (&job->lock);
  if (windows == NULL)
    return FALSE;

  /* Every part before this one was merged, and this one is not in the
   * builder yet: nobody else touches the merge until it is. */
  if (_pm_dataset_windows_add_piece (windows, part))
    {
      g_atomic_int_inc (&job->loader->n_pieces);
      return TRUE;
    }

  g_mutex_lock (&job->lock);
  job->not_plain = piece->index;
  job->windows = NULL;
  g_cond_broadcast (&job->room);
  g_mutex_unlock (&job->lock);
  return FALSE;
}

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

/* The UTC time the samplers' file names end with:
 * %Y.%m.%d_%H.%M.%S_<epoch>.pool.csv (the local time, then the epoch). */
static gboolean
name_epoch (const char *path,
            gint64     *epoch)
{
  const char *base = strrchr (path, G_DIR_SEPARATOR);
  char *end;

  base = base != NULL ? base + 1 : path;
  if (strlen (base) < 21 || base[19] != '_' || base[4] != '.' || base[7] != '.' ||
      base[10] != '_' || base[13] != '.' || base[16] != '.' || !g_ascii_isdigit (base[20]))
    return FALSE;
  *epoch = g_ascii_strtoll (base + 20, &end, 10);
  return *end == '.';
}

typedef struct
{
  gint64 epoch;
  guint  index;
} EpochKey;

static int
compare_epochs (gconstpointer a,
                gconstpointer b)
{
  const EpochKey *x = a, *y = b;

  if (x->epoch != y->epoch)
    return x->epoch < y->epoch ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* A folder's files, sorted by name, whose names all carry their UTC time
 * but do not sort by it (the local time of the name goes back an hour when
 * summer time ends): sorted by that time, then by name, so that they merge
 * as they are read (docs/store.md, "Import memory"). */
static void
sort_by_name_times (InputFile *inputs,
                    guint      n)
{
  g_autofree EpochKey *keys = g_new (EpochKey, MAX (n, 1));
  g_autofree InputFile *sorted = NULL;
  gboolean in_order = TRUE;

  for (guint i = 0; i < n; i++)
    {
      if (!name_epoch (inputs[i].path, &keys[i].epoch))
        return;
      keys[i].index = i;
      in_order &= i == 0 || keys[i - 1].epoch <= keys[i].epoch;
    }
  if (in_order)
    return;
  qsort (keys, n, sizeof *keys, compare_epochs);
  sorted = g_new (InputFile, n);
  for (guint i = 0; i < n; i++)
    sorted[i] = inputs[keys[i].index];
  memcpy (inputs, sorted, sizeof (InputFile) * n);
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

/* *.csv, and *.csv.gz (people gzip old folders). */
gboolean
_pm_loader_has_csv_suffix (const char *name)
{
  gsize len = strlen (name);

  return (len > 4 && g_ascii_strcasecmp (name + len - 4, ".csv") == 0) ||
         (len > 7 && g_ascii_strcasecmp (name + len - 7, ".csv.gz") == 0);
}

/* Lists a folder's *.csv and *.csv.gz files; anything that is not a regular file is
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

      if (!_pm_loader_has_csv_suffix (name))
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
          InputFile input = { g_steal_pointer (&path), st.st_size, NULL, { 0 }, FALSE,
                              _pm_loader_mtime_ns (&st) };
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

/* A file either comes from its folder's store or is parsed (and then kept
 * in the store, when it did not change while it was read): the merge that
 * follows is the same either way. */
static PmPart *
read_through_store (Job         *job,
                    PmTagCache  *cache,
                    InputFile   *input)
{
  g_autofree char *name = g_path_get_basename (input->path);
  PmStoreStamp before, after;
  PmPart *part;

  if (input->stamped)
    before = input->stamp;
  else if (!_pm_store_stamp_file (input->path, &before))
    return NULL;
  part = _pm_store_take_part (input->store, name, input->path, &before);
  if (part != NULL)
    {
      job_progress_cb (input->size, job->loader);
      g_atomic_int_inc (&job->loader->n_from_store);
      return part;
    }

  part = _pm_csv_read_file (cache, input->path, job->cancellable, job_progress_cb, job->loader);
  /* A file merged in pieces is not whole: the folder's image keeps it. */
  if (part->n_streamed_snapshots == 0 && !g_cancellable_is_cancelled (job->cancellable) &&
      _pm_store_stamp_file (input->path, &after) && _pm_store_stamps_equal (&before, &after))
    _pm_store_put_part (input->store, job->builder, name, &before, part);
  return part;
}

static gpointer
worker_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(PmTagCache) cache = _pm_tag_cache_new (job->builder);
  Piece piece = { job, 0 };

  cache->piece_data = &piece;
  cache->piece_rows = job->loader->piece_rows;
  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);
      InputFile *input;
      PmPart *part;

      if (i >= job->last || g_cancellable_is_cancelled (job->cancellable))
        break;

      g_mutex_lock (&job->lock);
      while (job->windows != NULL && i >= job->merged + LOOKAHEAD &&
             !g_cancellable_is_cancelled (job->cancellable))
        g_cond_wait (&job->room, &job->lock);
      g_mutex_unlock (&job->lock);

      input = &g_array_index (job->inputs, InputFile, i);
      piece.index = i;
      g_mutex_lock (&job->lock);
      cache->piece_func = job->windows != NULL && job->loader->piece_rows > 0 ? merge_piece : NULL;
      g_mutex_unlock (&job->lock);
      part = input->store != NULL ? read_through_store (job, cache, input) : NULL;
      if (part == NULL)
        part = _pm_csv_read_file (cache, input->path, job->cancellable,
                                  job_progress_cb, job->loader);
      cache->piece_func = NULL;
      g_mutex_lock (&job->lock);
      _pm_dataset_builder_set_part (job->builder, i, part);
      g_cond_signal (&job->cond);
      g_mutex_unlock (&job->lock);

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

/* Merges the parts read, in input order, while they go into the window
 * merge; called with job->lock held. Stops merging at the first part that
 * is not the plain case: from there every part is kept. */
static void
merge_ready (Job *job)
{
  GPtrArray *parts = job->builder->parts;

  while (job->windows != NULL && job->merged < job->last &&
         g_ptr_array_index (parts, job->merged) != NULL)
    {
      PmPart *part = g_ptr_array_index (parts, job->merged);
      gboolean plain;

      g_mutex_unlock (&job->lock);
      plain = _pm_dataset_windows_add_part (job->windows, part);
      g_mutex_lock (&job->lock);
      if (!plain)
        {
          job->not_plain = job->merged;
          job->windows = NULL;
        }
      else
        {
          g_ptr_array_index (parts, job->merged) = NULL;
          job->merged++;
        }
      g_cond_broadcast (&job->room);
      if (plain)
        {
          g_mutex_unlock (&job->lock);
          _pm_part_free (part);
          g_mutex_lock (&job->lock);
        }
    }
}

/* Reads inputs[first..last) into the builder's parts of the same index;
 * with @windows, merges them as they come (see Job), and returns the index
 * of the first part that was not the plain case (G_MAXUINT: none). */
static guint
run_workers_range (PmLoader         *self,
                   PmDatasetBuilder *builder,
                   GArray           *inputs,
                   guint             first,
                   guint             last,
                   PmDatasetWindows *windows,
                   GCancellable     *cancellable)
{
  Job job = { self, builder, inputs, cancellable, (gint) first, last, 0 };
  guint n_threads = self->n_threads ? self->n_threads : g_get_num_processors ();
  GPtrArray *threads = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 10;

  n_threads = CLAMP (n_threads, 1, MAX (last - first, 1));
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);
  g_cond_init (&job.room);
  job.windows = windows;
  job.merged = first;
  job.not_plain = G_MAXUINT;

  job.running = n_threads;
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("pm-loader", worker_thread, &job));

  /* Progress ten times a second, from this thread: workers only count. */
  g_mutex_lock (&job.lock);
  for (;;)
    {
      merge_ready (&job);
      if (job.running == 0)
        break;
      if (!g_cond_wait_until (&job.cond, &job.lock, deadline))
        {
          g_mutex_unlock (&job.lock);
          report_progress (self);
          g_mutex_lock (&job.lock);
          deadline = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 10;
          /* A cancelled load wakes the workers waiting for room. */
          if (g_cancellable_is_cancelled (cancellable))
            g_cond_broadcast (&job.room);
        }
    }
  g_mutex_unlock (&job.lock);

  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_ptr_array_unref (threads);
  g_cond_clear (&job.room);
  g_cond_clear (&job.cond);
  g_mutex_clear (&job.lock);
  return job.not_plain;
}

static void
run_workers (PmLoader         *self,
             PmDatasetBuilder *builder,
             GArray           *inputs,
             GCancellable     *cancellable)
{
  run_workers_range (self, builder, inputs, 0, inputs->len, NULL, cancellable);
}

/* The files before @k were merged window by window and let go, and part
 * @k was not the plain case: they are read again (from the store where it
 * has them), for the usual merge of every part. The counts of files done
 * and taken from the store stay those of one reading. */
static void
read_again (PmLoader         *self,
            PmDatasetBuilder *builder,
            GArray           *inputs,
            guint             k,
            GCancellable     *cancellable)
{
  guint from_store = (guint) g_atomic_int_get (&self->n_from_store);

  g_debug ("file %u of %u is not in time order: the files before it are read again", k,
           inputs->len);
  run_workers_range (self, builder, inputs, 0, k, NULL, cancellable);
  g_atomic_int_set (&self->n_from_store, (gint) from_store);
  g_mutex_lock (&self->progress_lock);
  self->files_done = self->n_files;
  self->bytes_done = self->n_bytes;
  g_mutex_unlock (&self->progress_lock);
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

/* Orders a GPtrArray of file or folder names. */
int
_pm_loader_compare_names (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of FOLDER's folders that hold snapshot files of their own
 * (*.csv, *.csv.gz), in name order, at most four: a folder of runs copied
 * from several machines is one level too high to open. */
static GPtrArray *
folders_with_snapshots (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL && names->len < 4)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GDir) sub = NULL;
      const char *inner;

      if (!g_file_test (path, G_FILE_TEST_IS_DIR) || (sub = g_dir_open (path, 0, NULL)) == NULL)
        continue;
      while ((inner = g_dir_read_name (sub)) != NULL)
        if (_pm_loader_has_csv_suffix (inner))
          {
            g_ptr_array_add (names, g_strdup (name));
            break;
          }
    }
  g_ptr_array_sort (names, _pm_loader_compare_names);
  return names;
}

/* Why nothing loaded: when no file was found, the PATHS given, and the
 * folders inside them that hold snapshot files; else the first problems. */
static char *
describe_nothing_loaded (GPtrArray *paths,
                         GPtrArray *files,
                         GPtrArray *problems)
{
  GString *message = g_string_new (NULL);

  if (files->len == 0)
    {
      g_string_append (message, "no snapshot files (*.csv, *.csv.gz) were found in ");
      for (guint i = 0; i < paths->len && i < 3; i++)
        g_string_append_printf (message, "%s%s", i == 0 ? "" : ", ", (const char *) g_ptr_array_index (paths, i));
      if (paths->len > 3)
        g_string_append_printf (message, " (and %u more)", paths->len - 3);
      for (guint i = 0; i < paths->len && i < 3; i++)
        {
          const char *path = g_ptr_array_index (paths, i);
          g_autoptr(GPtrArray) inside = folders_with_snapshots (path);

          if (inside->len == 0)
            continue;
          g_string_append_printf (message, "\n  %s: ", path);
          for (guint j = 0; j < inside->len; j++)
            g_string_append_printf (message, "%s%s", j == 0 ? "" : j + 1 == inside->len ? " and " : ", ",
                                    (const char *) g_ptr_array_index (inside, j));
          g_string_append (message, inside->len == 1
                                    ? " holds snapshot files: give that folder"
                                    : " hold snapshot files: give one of them (or several: each is a run)");
        }
    }
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
    g_string_append_printf (message, "\n  (%u more problem%s)", problems->len - 3,
                            problems->len == 4 ? "" : "s");

  return g_string_free (message, FALSE);
}

typedef struct
{
  const char *path;
  PmDataset  *dataset;
  GBytes     *info;
} ImageRead;

static gpointer
read_image_thread (gpointer data)
{
  ImageRead *read = data;

  read->dataset = _pm_store_image_load_full (read->path, NULL, &read->info);
  return NULL;
}

/* When the folder's image was made of the first files of @inputs and the
 * rest are new: parses only those and appends their snapshots to the
 * image's dataset (_pm_dataset_append()), then keeps the result as the new
 * image. The per-file store is left as it is: a file missing from it is
 * only parsed again the next time it is needed. NULL when that does not
 * apply; the caller then loads the usual way. */
static PmDataset *
load_appending (PmLoader     *self,
                const char   *folder,
                GArray       *inputs,
                GPtrArray    *skipped,
                PmPooltag    *pooltag,
                const char   *image_path,
                const guint8 *image_key,
                GCancellable *cancellable)
{
  g_autoptr(GBytes) info = NULL;
  g_autoptr(GBytes) new_info = NULL;
  g_autoptr(PmDataset) old = NULL;
  g_autoptr(GArray) tail = NULL;
  g_autoptr(GError) error = NULL;
  PmDatasetBuilder *builder;
  PmDataset *dataset;
  guint k;

  g_autoptr(GBytes) peeked = NULL;
  ImageRead read = { image_path, NULL, NULL };
  GThread *reader;
  gint64 written_ns = 0;
  gint64 started = g_get_monotonic_time ();

  /* Which files are new, from the image's note alone: the image itself is
   * read (and checked) in a thread while they are parsed. */
  if (skipped->len > 0 ||
      (peeked = _pm_store_image_peek_info (image_path, &written_ns)) == NULL ||
      (k = _pm_loader_image_prefix (peeked, folder, inputs, skipped)) == 0 || k >= inputs->len)
    return NULL;
  reader = g_thread_new ("pm-image-read", read_image_thread, &read);

  /* The new files, read as always but not kept in the per-file store. */
  tail = g_array_new (FALSE, FALSE, sizeof (InputFile));
  g_array_append_vals (tail, &g_array_index (inputs, InputFile, k), inputs->len - k);
  for (guint i = 0; i < tail->len; i++)
    g_array_index (tail, InputFile, i).store = NULL;
  g_mutex_lock (&self->progress_lock);
  self->files_done = 0;
  self->n_files = tail->len;
  self->bytes_done = self->n_bytes = 0;
  for (guint i = 0; i < tail->len; i++)
    self->n_bytes += g_array_index (tail, InputFile, i).size;
  g_mutex_unlock (&self->progress_lock);

  builder = pm_dataset_builder_new ();
  _pm_dataset_builder_set_pooltag (builder, pooltag);
  _pm_dataset_builder_set_n_parts (builder, tail->len);
  run_workers (self, builder, tail, cancellable);
  g_debug ("appending: %u new files read in %.3f s", tail->len,
           (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);
  g_thread_join (reader);
  old = g_steal_pointer (&read.dataset);
  info = g_steal_pointer (&read.info);
  g_debug ("appending: and the image of %u files read in %.3f s", k,
           (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);
  /* The note read first is the image's own (checked with the rest). */
  if (old == NULL || info == NULL || !g_bytes_equal (info, peeked))
    {
      pm_dataset_builder_free (builder);
      return NULL;
    }
  started = g_get_monotonic_time ();
  dataset = g_cancellable_is_cancelled (cancellable) ? NULL : _pm_dataset_append (old, builder);
  pm_dataset_builder_free (builder);
  if (dataset == NULL)
    return NULL;
  g_debug ("appending: appended in %.3f s",
           (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);

  started = g_get_monotonic_time ();
  new_info = _pm_loader_image_info (folder, inputs, skipped);
  if (!_pm_store_image_save_full (image_path, image_key, new_info, dataset, &error))
    g_debug ("image %s not written: %s", image_path, error->message);
  g_debug ("appending: image written in %.3f s",
           (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);
  self->appended = TRUE;
  self->n_from_store = k;
  return dataset;
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
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func ((GDestroyNotify) _pm_store_free);
  g_autoptr(GArray) folder_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint8 image_key[PM_STORE_IMAGE_KEY_SIZE];
  g_autofree char *image_path = NULL;
  GThread *saver = NULL;
  g_autoptr(PmPooltag) pooltag = NULL;
  g_autoptr(PmDatasetBuilder) builder = NULL;
  PmDataset *dataset;
  guint n_bad_paths = 0;
  g_autoptr(PmDatasetWindows) windows = NULL;
  guint not_plain;
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

      /* One bad path among good ones is a problem, not the end: the rest
       * loads, and the load fails only when nothing does. */
      if (g_stat (path, &st) != 0)
        {
          g_autofree char *message = g_strdup_printf ("cannot be read: %s", g_strerror (errno));

          add_skipped (skipped, path, message);
          n_bad_paths++;
          continue;
        }

      if (S_ISDIR (st.st_mode))
        {
          g_autoptr(GError) local_error = NULL;
          guint before = inputs->len;

          if (!expand_folder (path, inputs, skipped, &local_error))
            {
              g_autofree char *message = g_strdup_printf ("cannot be read: %s",
                                                          local_error->message);

              add_skipped (skipped, path, message);
              n_bad_paths++;
              continue;
            }
          g_ptr_array_add (folders, (gpointer) path);
          /* Within a folder, name order is time order for the old names. */
          if (inputs->len > before)
            {
              qsort (&g_array_index (inputs, InputFile, before), inputs->len - before,
                     sizeof (InputFile), compare_inputs);
              sort_by_name_times (&g_array_index (inputs, InputFile, before),
                                  inputs->len - before);
            }
          g_array_append_val (folder_starts, before);
        }
      else if (S_ISREG (st.st_mode))
        {
          InputFile input = { g_strdup (path), st.st_size, NULL, { 0 }, FALSE,
                              _pm_loader_mtime_ns (&st) };
          g_array_append_val (inputs, input);
        }
      else
        add_skipped (skipped, path, "is not a regular file; skipped");
    }

  pooltag = find_pooltag (self, folders, skipped);
  _pm_dataset_builder_set_pooltag (builder, pooltag);

  /* One folder, nothing changed in it since the last load: its image; or
   * only files added after it: the image and those files. */
  self->from_image = FALSE;
  self->appended = FALSE;
  started = g_get_monotonic_time ();
  if (self->use_store && self->paths->len == 1 && folders->len == 1 &&
      self->pooltag_file == NULL &&
      (image_path = _pm_loader_make_image_key (folders->pdata[0], inputs, skipped, image_key)) != NULL &&
      ((dataset = _pm_store_image_load (image_path, image_key)) != NULL ||
       (dataset = load_appending (self, folders->pdata[0], inputs, skipped, pooltag, image_path,
                                  image_key, cancellable)) != NULL))
    {
      g_debug ("%s in %.3f s", self->appended ? "appended" : "read the image",
               (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);
      if (!self->appended)
        _pm_store_mark_used (image_path);
      g_mutex_lock (&self->progress_lock);
      self->files_done = self->n_files = inputs->len;
      if (!self->appended)
        self->n_from_store = inputs->len;
      self->bytes_done = self->n_bytes = 0;
      self->from_image = !self->appended;
      g_mutex_unlock (&self->progress_lock);
      report_progress (self);
      return dataset;
    }

  if (self->use_store)
    for (guint f = 0; f < folder_starts->len; f++)
      _pm_loader_open_store (builder, stores, inputs, g_array_index (folder_starts, guint, f),
                  f + 1 < folder_starts->len ? g_array_index (folder_starts, guint, f + 1)
                                             : inputs->len);

  g_mutex_lock (&self->progress_lock);
  self->files_done = 0;
  self->n_from_store = 0;
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

  /* One path: merged window by window as the files are read, while they
   * come in time order (pm-dataset-window.c); several paths are grouped
   * into runs first, which needs every part. */
  self->merged_as_read = FALSE;
  g_atomic_int_set (&self->n_pieces, 0);
  if (self->paths->len == 1 && !self->no_merge_as_read)
    windows = _pm_dataset_windows_new (builder);

  started = g_get_monotonic_time ();
  not_plain = run_workers_range (self, builder, inputs, 0, inputs->len, windows, cancellable);
  if (not_plain != G_MAXUINT && !g_cancellable_is_cancelled (cancellable))
    {
      PmPart *part = g_ptr_array_index (builder->parts, not_plain);

      /* A file whose first pieces were merged is read again too, whole. */
      if (part != NULL && part->n_streamed_snapshots > 0)
        {
          _pm_part_free (part);
          g_ptr_array_index (builder->parts, not_plain) = NULL;
          read_again (self, builder, inputs, not_plain + 1, cancellable);
        }
      else
        read_again (self, builder, inputs, not_plain, cancellable);
    }
  if (not_plain != G_MAXUINT)
    g_clear_pointer (&windows, _pm_dataset_windows_free);
  report_progress (self);
  g_debug ("read %u files in %.3f s%s", inputs->len,
           (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND,
           windows != NULL ? ", merged as they came" : "");

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The files passed over go last, as in the usual merge. */
  for (guint i = inputs->len; windows != NULL && i < builder->parts->len; i++)
    if (!_pm_dataset_windows_add_part (windows, g_ptr_array_index (builder->parts, i)))
      {
        /* Never so (they hold no snapshot); the usual merge if it were. */
        read_again (self, builder, inputs, inputs->len, cancellable);
        g_clear_pointer (&windows, _pm_dataset_windows_free);
      }

  /* The stores are written while the rows merge: they hold their own
   * copies of the parts. */
  if (stores->len > 0)
    {
      _pm_loader_forget_vanished_files (stores, inputs);
      saver = g_thread_new ("pm-store-save", _pm_loader_save_stores_thread, stores);
    }

  started = g_get_monotonic_time ();
  if (windows != NULL)
    {
      /* One path is one run: pm_loader_load_runs() makes its set. */
      dataset = _pm_dataset_windows_end (g_steal_pointer (&windows));
      self->merged_as_read = TRUE;
      g_clear_object (&self->runs);
      g_clear_pointer (&builder, pm_dataset_builder_free);
    }
  else
    dataset = end_runs (self, g_steal_pointer (&builder), path_bounds);
  g_debug ("merged in %.3f s", (g_get_monotonic_time () - started) / (double) G_TIME_SPAN_SECOND);
  if (image_path != NULL && pm_dataset_get_n_snapshots (dataset) > 0)
    {
      g_autoptr(GError) image_error = NULL;

      g_autoptr(GBytes) info = _pm_loader_image_info (folders->pdata[0], inputs, skipped);

      if (!_pm_store_image_save_full (image_path, image_key, info, dataset, &image_error))
        g_debug ("image %s not written: %s", image_path, image_error->message);
    }
  if (saver != NULL)
    g_thread_join (saver);

  if (pm_dataset_get_n_snapshots (dataset) == 0)
    {
      g_autofree char *message = describe_nothing_loaded (self->paths, pm_dataset_get_files (dataset),
                                                          pm_dataset_get_problems (dataset));

      g_set_error_literal (error, PM_ERROR,
                           n_bad_paths == self->paths->len ? PM_ERROR_UNREADABLE : PM_ERROR_NO_DATA,
                           message);
      g_object_unref (dataset);
      return NULL;
    }

  return dataset;
}

/* The worker of pm_loader_load_async() and pm_loader_load_runs_async():
 * the task's source tag says which of the two loads to run. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  gpointer result;

  if (g_task_get_source_tag (task) == (gpointer) pm_loader_load_runs_async)
    result = pm_loader_load_runs (source_object, cancellable, &error);
  else
    result = pm_loader_load (source_object, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
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
  g_task_run_in_thread (task, load_thread);
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
  self->piece_rows = PIECE_ROWS;
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
 * pm_loader_set_use_store:
 * @use_store: %TRUE to keep what is parsed of each folder in its store
 *
 * With the store (docs/store.md), a folder's files that did not change since
 * the last load come from the store under g_get_user_cache_dir() instead of
 * being parsed again, and files that are new or changed are kept there for
 * next time. The dataset is the same either way. Off unless set.
 */
void
pm_loader_set_use_store (PmLoader *self,
                         gboolean  use_store)
{
  g_return_if_fail (PM_IS_LOADER (self));

  self->use_store = use_store;
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

/* For tests: whether the last load appended new files to the image. */
gboolean
_pm_loader_get_appended (PmLoader *self)
{
  return self->appended;
}

/* For tests: whether the last load was the image of the folder's dataset. */
gboolean
_pm_loader_get_from_image (PmLoader *self)
{
  return self->from_image;
}

/* For tests: how many files of the last load came from a store (all of
 * them when it was the image). */
guint
_pm_loader_get_n_from_store (PmLoader *self)
{
  return (guint) g_atomic_int_get (&self->n_from_store);
}

/* For tests: whether the last load merged the files window by window as
 * they were read (pm-dataset-window.c). */
gboolean
_pm_loader_get_merged_as_read (PmLoader *self)
{
  return self->merged_as_read;
}

/* For tests: @merge_as_read FALSE makes every load merge all parts at the
 * end, the way files out of time order are merged. */
void
_pm_loader_set_merge_as_read (PmLoader *self,
                              gboolean  merge_as_read)
{
  self->no_merge_as_read = !merge_as_read;
}

/* Tests and benchmarks: rows of a file merged as read per piece (0: files
 * whole, as before). */
void
_pm_loader_set_piece_rows (PmLoader *self,
                           guint     piece_rows)
{
  g_return_if_fail (PM_IS_LOADER (self));
  self->piece_rows = piece_rows;
}

/* Pieces merged while their file was still being read, in the last load. */
guint
_pm_loader_get_n_pieces (PmLoader *self)
{
  g_return_val_if_fail (PM_IS_LOADER (self), 0);
  return (guint) g_atomic_int_get (&self->n_pieces);
}
