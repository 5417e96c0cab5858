/* pm-follower-scan.c: one look at a followed folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A look lists the folder, stats the files that may have changed, and reads
 * of each new or grown file only its header and what follows the part
 * already taken. The snapshots that come after the dataset's last one are
 * appended to it (pm-follower-append.c: the full packed windows are shared,
 * the window being filled grows in place), so a look costs the new data,
 * not the history. A file that changed since the previous look is still
 * being written (the old sampler writes in place): it is read only up to its
 * last complete line, its last snapshot is held back and nothing in it is
 * reported as a problem until it has stood still for one look. Anything the
 * plain append cannot take (a new tag, other columns, a snapshot older than
 * the last, a problem in a file that stopped growing) loads the folder again
 * through PmLoader, which also keeps the folder's store up to date.
 * docs/follow.md describes the rules and what they cost.
 */
#include "pm-follower-private.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <unistd.h>
# define follow_lseek lseek
#else
# include <io.h>
# define follow_lseek _lseeki64
#endif

#ifdef __GLIBC__
# include <malloc.h>
#endif

#include "pm-csv-reader.h"
#include "pm-file.h"
#include "pm-loader.h"
#include "pm-loader-private.h"
#include "pm-pooltag.h"

/* Files at the end of the name order are the ones a sampler writes into;
 * they are stat'ed at every look, the others at every FULL_LOOK-th. */
#define N_NEWEST   4
#define FULL_LOOK  10
#define HEAD_BYTES (64 * 1024)
/* A last line without its line end is still being written until the file
 * has stood still this long; then it is read (and reported if broken). */
#define QUIET_USEC (10 * G_USEC_PER_SEC)
/* A file seen changing is read once it stands still (one look later), or,
 * if it never does, after this long: its complete snapshots but the last. */
#define BUSY_USEC (2 * G_USEC_PER_SEC)
/* Each append frees the arrays of the dataset before it; every so many
 * appends the allocator is asked to give the free pages back. */
#define TRIM_EVERY 16

static void
follow_file_free (PmFollowFile *file)
{
  g_free (file->name);
  g_free (file);
}

/* A snapshot file the loader would read, and not a hidden one (a name
 * that starts with a dot). */
static gboolean
is_snapshot_name (const char *name)
{
  return name[0] != '.' && _pm_loader_has_csv_suffix (name);
}

/* The folder's snapshot file names, sorted; NULL when it cannot be read. */
static GPtrArray *
list_names (const char  *folder,
            GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  GPtrArray *names;
  const char *name;

  if (dir == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_snapshot_name (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, _pm_loader_compare_names);
  return names;
}

static gboolean
stat_file (const char *folder,
           const char *name,
           gint64     *size,
           gint64     *mtime)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  *size = st.st_size;
#if defined(G_OS_UNIX) && defined(st_mtime)
  *mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
#else
  *mtime = (gint64) st.st_mtime * G_USEC_PER_SEC;
#endif
  return TRUE;
}

/* Every file of the folder, as it is now, taken as read in full. */
static gboolean
record_all (PmFollowScan  *scan,
            GError       **error)
{
  g_autoptr(GPtrArray) names = list_names (scan->folder, error);

  if (names == NULL)
    return FALSE;
  g_hash_table_remove_all (scan->files);
  for (guint i = 0; i < names->len; i++)
    {
      PmFollowFile *file = g_new0 (PmFollowFile, 1);

      file->name = g_strdup (g_ptr_array_index (names, i));
      if (!stat_file (scan->folder, file->name, &file->size, &file->mtime))
        file->size = -1;
      file->consumed = MAX (file->size, 0);
      /* The newest files may have been caught half written: when they
       * change they are read again from the start (what is already in
       * the dataset is recognised by its time and skipped). */
      if (i + N_NEWEST >= names->len)
        file->consumed = 0;
      g_hash_table_replace (scan->files, file->name, file);
    }
  return TRUE;
}

/* The reports are found by a 64-bit hash of their path (FNV-1a) and
 * checked against the report's own path: the table keeps no copy of the
 * paths, which at a file per snapshot would cost about as much as the
 * reports themselves. Two paths with one hash fall back to a search. */
static gpointer
path_key (const char *path)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (const guchar *p = (const guchar *) path; *p != '\0'; p++)
    h = (h ^ *p) * G_GUINT64_CONSTANT (1099511628211);
  return (gpointer) (guintptr) h;
}

static void
set_report_index (PmFollowScan *scan,
                  const char   *path,
                  guint         index)
{
  if (path != NULL)
    g_hash_table_replace (scan->reports, path_key (path), GUINT_TO_POINTER (index + 1));
}

/* The index + 1 of @path's report among the first @limit of @dataset's,
 * or 0. */
static guint
find_report (PmFollowScan *scan,
             PmDataset    *dataset,
             guint         limit,
             const char   *path)
{
  guint index;

  if (path == NULL)
    return 0;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (scan->reports, path_key (path)));
  if (index == 0)
    return 0;
  if (index - 1 < limit &&
      g_strcmp0 (((PmFileReport *) g_ptr_array_index (dataset->files, index - 1))->path, path) == 0)
    return index;
  for (guint i = 0; i < limit; i++)
    if (g_strcmp0 (((PmFileReport *) g_ptr_array_index (dataset->files, i))->path, path) == 0)
      return i + 1;
  return 0;
}

static void
index_reports (PmFollowScan *scan,
               PmDataset    *dataset)
{
  g_hash_table_remove_all (scan->reports);
  for (guint i = 0; dataset != NULL && i < dataset->files->len; i++)
    {
      PmFileReport *report = g_ptr_array_index (dataset->files, i);

      set_report_index (scan, report->path, i);
    }
}

PmFollowScan *
_pm_follow_scan_new (const char *folder)
{
  PmFollowScan *scan = g_new0 (PmFollowScan, 1);

  scan->folder = g_strdup (folder);
  scan->use_store = TRUE;
  scan->files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) follow_file_free);
  scan->reports = g_hash_table_new (NULL, NULL);
  scan->tail = _pm_follow_tail_new ();
  return scan;
}

void
_pm_follow_scan_free (PmFollowScan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->folder);
  g_free (scan->pooltag_file);
  g_hash_table_unref (scan->files);
  g_hash_table_unref (scan->reports);
  _pm_follow_tail_free (scan->tail);
  g_clear_pointer (&scan->pooltag, pm_pooltag_free);
  g_free (scan);
}

/**
 * _pm_follow_scan_reload:
 *
 * Loads the whole folder (through its store) and takes every file as read.
 * The files are recorded before the load, so a file that grows during it
 * is looked at again.
 */
gboolean
_pm_follow_scan_reload (PmFollowScan     *scan,
                        PmFollowOutcome  *out,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(PmLoader) loader = NULL;
  PmDataset *dataset;

  if (!record_all (scan, error))
    return FALSE;
  loader = pm_loader_new ();
  pm_loader_add_path (loader, scan->folder);
  pm_loader_set_use_store (loader, scan->use_store);
  if (scan->pooltag_file != NULL)
    pm_loader_set_pooltag_file (loader, scan->pooltag_file);
  dataset = pm_loader_load (loader, cancellable, error);
  if (dataset == NULL)
    return FALSE;
  index_reports (scan, dataset);
  out->dataset = dataset;
  out->reloaded = TRUE;
  return TRUE;
}

/**
 * _pm_follow_scan_adopt:
 *
 * Takes @dataset as what the folder's files hold now (loaded by someone
 * else): files it names are taken as read, others as new.
 */
void
_pm_follow_scan_adopt (PmFollowScan *scan,
                       PmDataset    *dataset)
{
  GHashTableIter iter;
  PmFollowFile *file;

  index_reports (scan, dataset);
  if (!record_all (scan, NULL))
    return;
  g_hash_table_iter_init (&iter, scan->files);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &file))
    {
      g_autofree char *path = g_build_filename (scan->folder, file->name, NULL);

      if (find_report (scan, dataset, dataset->files->len, path) == 0 || file->consumed == 0)
        {
          file->size = -1;
          file->consumed = 0;
        }
    }
}

/* Encodings as far as line ends go: where a LF is, in code units. */
typedef enum { ENC_BYTES, ENC_LE16, ENC_BE16 } Enc;

static Enc
detect_encoding (const guint8 *p,
                 gsize         len)
{
  if (len >= 2 && p[0] == 0xff && p[1] == 0xfe)
    return ENC_LE16;
  if (len >= 2 && p[0] == 0xfe && p[1] == 0xff)
    return ENC_BE16;
  if (len >= 2 && p[0] != 0 && p[1] == 0)
    return ENC_LE16;
  if (len >= 2 && p[0] == 0 && p[1] != 0)
    return ENC_BE16;
  return ENC_BYTES;
}

static gboolean
is_lf (const guint8 *p,
       gsize         i,
       Enc           enc)
{
  switch (enc)
    {
    case ENC_LE16:
      return p[i] == '\n' && p[i + 1] == 0;
    case ENC_BE16:
      return p[i] == 0 && p[i + 1] == '\n';
    case ENC_BYTES:
    default:
      return p[i] == '\n';
    }
}

/* The offset just after the first (or last) line end in [from, to), or -1.
 * @from is at a code unit boundary. */
static gssize
line_end (const guint8 *p,
          gsize         from,
          gsize         to,
          Enc           enc,
          gboolean      last)
{
  gsize unit = enc == ENC_BYTES ? 1 : 2;

  if (to < from + unit)
    return -1;
  if (last)
    {
      for (gsize i = from + ((to - from) / unit - 1) * unit; ; i -= unit)
        {
          if (is_lf (p, i, enc))
            return (gssize) (i + unit);
          if (i < from + unit)
            break;
        }
      return -1;
    }
  for (gsize i = from; i + unit <= to; i += unit)
    if (is_lf (p, i, enc))
      return (gssize) (i + unit);
  return -1;
}

static gboolean
read_at (int         fd,
         gint64      offset,
         gsize       len,
         GByteArray *out)
{
  guint old = out->len;
  gsize done = 0;

  if (follow_lseek (fd, offset, SEEK_SET) != offset)
    return FALSE;
  g_byte_array_set_size (out, old + len);
  while (done < len)
    {
      gssize n = read (fd, out->data + old + done, (guint) MIN (len - done, G_MAXINT / 2));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  g_byte_array_set_size (out, old + done);
  return TRUE;
}

/* The bytes to parse of a file: its header line, then what follows
 * @consumed; cut after the last complete line when @growing (*@partial
 * then says whether something was cut). *@end is the file offset the bytes
 * reach. FALSE when nothing complete is there. */
static gboolean
read_new_part (const char *path,
               gint64      consumed,
               gboolean    growing,
               GByteArray *buf,
               gint64     *size,
               gint64     *end,
               gboolean   *partial)
{
  g_autoptr(GByteArray) head = g_byte_array_new ();
  guint64 file_size = 0;
  gsize tail_start;
  gssize header_end, cut;
  Enc enc;
  int fd;

  if ((fd = pm_file_open_regular (path, &file_size, NULL)) < 0)
    return FALSE;
  *size = (gint64) file_size;
  if (consumed > (gint64) file_size)
    consumed = 0;                        /* replaced by a shorter file */
  if (!read_at (fd, 0, MIN (file_size, HEAD_BYTES), head) || head->len == 0)
    {
      close (fd);
      return FALSE;
    }
  enc = detect_encoding (head->data, head->len);
  header_end = line_end (head->data, 0, head->len, enc, FALSE);
  if (consumed > 0 && header_end > 0 && consumed >= header_end)
    {
      g_byte_array_append (buf, head->data, (guint) header_end);
      tail_start = buf->len;
      read_at (fd, consumed, (gsize) (file_size - consumed), buf);
    }
  else
    {
      consumed = 0;
      tail_start = 0;
      read_at (fd, 0, (gsize) file_size, buf);
    }
  close (fd);

  *end = consumed + (gint64) (buf->len - tail_start);
  if (growing)
    {
      cut = line_end (buf->data, tail_start, buf->len, enc, TRUE);
      *partial = cut < 0 || (gsize) cut < buf->len;
      if (cut < 0 || (gsize) cut <= tail_start)
        return FALSE;
      *end -= (gint64) (buf->len - (gsize) cut);
      g_byte_array_set_size (buf, (guint) cut);
    }
  return buf->len > tail_start;
}

/* The pooltag.txt a load of the folder would use (pm-loader.c): the one
 * given, else one beside the snapshots. Read once. */
static PmPooltag *
get_pooltag (PmFollowScan *scan)
{
  g_autofree char *beside = NULL;

  if (scan->pooltag_read)
    return scan->pooltag;
  scan->pooltag_read = TRUE;
  if (scan->pooltag_file != NULL)
    scan->pooltag = pm_pooltag_new_from_file (scan->pooltag_file, NULL);
  else if (g_file_test ((beside = g_build_filename (scan->folder, "pooltag.txt", NULL)),
                        G_FILE_TEST_IS_REGULAR))
    scan->pooltag = pm_pooltag_new_from_file (beside, NULL);
  return scan->pooltag;
}

/* Whether the dataset already has a snapshot at @utc (times sorted). */
static gboolean
has_time (PmDataset *dataset,
          gint64     utc)
{
  const gint64 *times = dataset->times[PM_TIME_BASE_UTC];
  guint lo = 0, hi = dataset->n_snapshots;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (times[mid] < utc)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < dataset->n_snapshots && times[lo] == utc;
}

static gboolean
part_has_problems (const PmPart *part)
{
  return part->n_problems > 0 || part->problems->len > 0 || part->rows_skipped > 0;
}

/* Keeps the snapshots of @part that are new to @dataset. FALSE when one
 * cannot be appended (older than the last, no UTC time). */
static gboolean
keep_new_snapshots (PmPart       *part,
                    PmDataset    *dataset,
                    PmFollowFile *file,
                    gboolean      hold_last,
                    gboolean     *held)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (PmPartSnapshot));
  gint64 last = dataset->times[PM_TIME_BASE_UTC][dataset->n_snapshots - 1];

  for (guint s = 0; s < part->snapshots->len; s++)
    {
      PmPartSnapshot *snap = &g_array_index (part->snapshots, PmPartSnapshot, s);

      if (hold_last && s + 1 == part->snapshots->len)
        {
          *held = TRUE;
          continue;
        }
      if (!snap->has_utc)
        return FALSE;
      /* More rows of a snapshot already taken (its writer paused at a line
       * end): only a full load can add them. */
      if (snap->utc == file->last_utc && snap->n_rows > file->last_rows)
        return FALSE;
      if (has_time (dataset, snap->utc))
        continue;
      if (snap->utc <= last)
        return FALSE;
      g_array_append_val (kept, *snap);
      file->last_utc = snap->utc;
      file->last_rows = snap->n_rows;
    }
  g_array_set_size (part->snapshots, 0);
  g_array_append_vals (part->snapshots, kept->data, kept->len);
  return TRUE;
}

/* A grown file's report is merged into the one it already had. */
static void
merge_reports (PmFollowScan *scan,
               PmDataset    *dataset,
               guint         old_len)
{
  for (guint i = old_len; i < dataset->files->len; )
    {
      PmFileReport *report = g_ptr_array_index (dataset->files, i);
      guint index = find_report (scan, dataset, old_len, report->path);

      if (index != 0)
        {
          PmFileReport *to = g_ptr_array_index (dataset->files, index - 1);

          if (dataset->frame_shared)
            {
              /* The reports are shared with the datasets before (and
               * owned by the follower's list): the new one takes the
               * place of the earlier, which they still see unchanged. */
              PmFileReport merged = *to;

              merged.path = report->path;
              merged.rows_loaded += report->rows_loaded;
              merged.n_snapshots += report->n_snapshots;
              *report = merged;
              dataset->files->pdata[index - 1] = report;
            }
          else
            {
              to->rows_loaded += report->rows_loaded;
              to->n_snapshots += report->n_snapshots;
            }
          g_ptr_array_remove_index (dataset->files, i);
          continue;
        }
      set_report_index (scan, report->path, i);
      i++;
    }
}

typedef struct
{
  PmFollowFile *file;
  gint64        consumed;
} Advance;

/**
 * _pm_follow_scan_look:
 * @current: (nullable): the dataset so far
 *
 * Returns: FALSE with @error set when the folder could not be read or
 *   loaded; @out says what was found
 */
gboolean
_pm_follow_scan_look (PmFollowScan     *scan,
                      PmDataset        *current,
                      PmFollowOutcome  *out,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(GPtrArray) names = list_names (scan->folder, error);
  g_autoptr(PmDatasetBuilder) builder = pm_dataset_builder_new ();
  g_autoptr(PmTagCache) cache = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) _pm_part_free);
  g_autoptr(GArray) advances = g_array_new (FALSE, FALSE, sizeof (Advance));
  g_autoptr(GHashTable) seen = NULL;
  gboolean full = scan->n_looks++ % FULL_LOOK == 0;
  gboolean reload = FALSE;
  PmDataset *dataset;
  guint old_files;

  memset (out, 0, sizeof *out);
  if (names == NULL)
    return FALSE;
  cache = _pm_tag_cache_new (builder);
  if (full)
    seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < names->len && !reload; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      PmFollowFile *file = g_hash_table_lookup (scan->files, name);
      g_autofree char *path = NULL;
      g_autoptr(GByteArray) buf = NULL;
      gint64 size, mtime, new_size = 0, end = 0;
      gboolean changed, partial = FALSE, quiet;
      PmPart *part;

      if (seen != NULL)
        g_hash_table_add (seen, (gpointer) name);
      if (file != NULL && !full && !file->unsettled && file->size >= 0 &&
          i + N_NEWEST < names->len)
        continue;
      if (!stat_file (scan->folder, name, &size, &mtime))
        continue;
      if (file == NULL)
        {
          file = g_new0 (PmFollowFile, 1);
          file->name = g_strdup (name);
          file->size = -1;
          g_hash_table_replace (scan->files, file->name, file);
        }
      changed = size != file->size || mtime != file->mtime;
      if (!changed && !file->unsettled)
        continue;
      file->size = size;
      file->mtime = mtime;
      if (changed)
        {
          if (!file->unsettled)
            file->busy_since = g_get_monotonic_time ();
          file->changed_at = g_get_monotonic_time ();
        }
      quiet = g_get_monotonic_time () - file->changed_at >= QUIET_USEC;
      file->unsettled = changed;
      out->held |= changed;
      if (size == 0 || size == file->consumed)
        continue;
      if (changed && g_get_monotonic_time () - file->busy_since < BUSY_USEC)
        continue;

      /* The dataset has to begin somewhere: the first data loads it all. */
      if (current == NULL || current->n_snapshots == 0)
        {
          if (!changed)
            reload = TRUE;
          continue;
        }

      path = g_build_filename (scan->folder, name, NULL);
      buf = g_byte_array_new ();
      if (_pm_csv_is_gzip_name (name))
        {
          if (changed)
            continue;
          part = _pm_csv_read_file (cache, path, cancellable, NULL, NULL);
          new_size = size;
        }
      else if (!read_new_part (path, file->consumed, changed || !quiet, buf, &new_size, &end,
                               &partial))
        {
          /* Nothing complete yet: a line still being written. */
          file->unsettled |= partial;
          out->held |= partial;
          continue;
        }
      else
        part = _pm_csv_read_data (cache, path, (const char *) buf->data, buf->len,
                                  cancellable, NULL, NULL);

      /* A line still being written: the file is not settled. */
      if (partial)
        {
          file->unsettled = TRUE;
          out->held = TRUE;
          changed = TRUE;
        }
      /* A file still being written is never a problem yet. */
      if (part_has_problems (part))
        {
          if (!changed)
            reload = TRUE;
          _pm_part_free (part);
          continue;
        }
      if (!keep_new_snapshots (part, current, file, changed, &out->held))
        {
          reload = TRUE;
          _pm_part_free (part);
          continue;
        }
      if (!changed)
        {
          Advance advance = { file, _pm_csv_is_gzip_name (name) ? new_size : end };

          g_array_append_val (advances, advance);
        }
      if (part->snapshots->len > 0)
        g_ptr_array_add (parts, part);
      else
        _pm_part_free (part);
    }

  /* Files gone from the folder are forgotten; their snapshots stay. */
  if (seen != NULL && !reload)
    {
      GHashTableIter iter;
      PmFollowFile *file;

      g_hash_table_iter_init (&iter, scan->files);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &file))
        if (!g_hash_table_contains (seen, file->name))
          g_hash_table_iter_remove (&iter);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (reload)
    {
      g_debug ("follow %s: a file cannot be appended; loading the folder again", scan->folder);
      return _pm_follow_scan_reload (scan, out, cancellable, error);
    }
  if (parts->len == 0)
    {
      for (guint i = 0; i < advances->len; i++)
        g_array_index (advances, Advance, i).file->consumed = g_array_index (advances, Advance, i).consumed;
      return TRUE;
    }

  _pm_dataset_builder_set_pooltag (builder, get_pooltag (scan));
  _pm_dataset_builder_set_n_parts (builder, parts->len);
  for (guint i = 0; i < parts->len; i++)
    _pm_dataset_builder_set_part (builder, i, g_ptr_array_index (parts, i));
  g_ptr_array_set_free_func (parts, NULL);
  old_files = current->files->len;
  dataset = _pm_follow_append (scan->tail, current, builder);
  if (dataset == NULL)
    {
      g_debug ("follow %s: not the plain case of appending; loading the folder again",
               scan->folder);
      return _pm_follow_scan_reload (scan, out, cancellable, error);
    }

  merge_reports (scan, dataset, old_files);
#ifdef __GLIBC__
  /* The dataset before this one is freed when its last reader lets go;
   * what it and its predecessors held goes back to the system here, so
   * the resident set follows the data, not the copies made on the way. */
  if (++scan->n_appends % TRIM_EVERY == 0)
    malloc_trim (0);
#endif
  for (guint i = 0; i < advances->len; i++)
    g_array_index (advances, Advance, i).file->consumed = g_array_index (advances, Advance, i).consumed;
  out->dataset = dataset;
  out->n_added = dataset->n_snapshots - current->n_snapshots;
  return TRUE;
}
