/* pm-file.c: opening what the user names without blocking or faulting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file the programs read (snapshots, pooltag.txt, settings) may be
 * something else by the time it is opened: a FIFO blocks open() until a
 * writer comes, a device never ends, a file may shrink while it is read.
 * So files are opened without blocking, the type of what was opened is
 * checked on the descriptor itself (not on the name, which may have been
 * replaced since it was listed), and read with ordinary reads, never mapped:
 * a file that shrinks under a memory map kills the process with SIGBUS.
 */
#include "pm-file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#ifdef G_OS_UNIX
# include <unistd.h>
#else
# include <io.h>
#endif

#include "pm-types.h"

#ifndef O_NONBLOCK
# define O_NONBLOCK 0
#endif
#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif
#ifndef O_BINARY
# define O_BINARY 0
#endif

/**
 * pm_file_open_regular:
 * @path: a file
 * @size: (out) (optional): its size when opened
 *
 * Opens @path read-only without blocking (a FIFO does not wait for a
 * writer) and checks that what was opened is a regular file. The descriptor
 * reads blocking again, as regular files do anyway.
 *
 * Returns: a file descriptor, or -1 with @error set: %PM_ERROR_UNREADABLE for
 *   "is a folder" and "is not a regular file", a #GFileError with the
 *   system's reason otherwise
 */
int
pm_file_open_regular (const char  *path,
                      guint64     *size,
                      GError     **error)
{
  struct stat st;
  int fd, saved;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_BINARY, 0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot be read: %s",
                   g_strerror (saved));
      return -1;
    }

  if (fstat (fd, &st) != 0)
    {
      saved = errno;
      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot be read: %s",
                   g_strerror (saved));
      return -1;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, PM_ERROR, PM_ERROR_UNREADABLE,
                           S_ISDIR (st.st_mode) ? "is a folder, not a file"
                                                : "is not a regular file (a pipe or a device?)");
      return -1;
    }
  if (size != NULL)
    *size = st.st_size;

#if defined(G_OS_UNIX) && defined(F_GETFL)
  {
    int flags = fcntl (fd, F_GETFL);

    if (flags >= 0)
      fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  }
#endif

  return fd;
}

/**
 * pm_file_get_contents:
 * @path: a small file: pooltag.txt, a settings file
 * @max_bytes: refuse files larger than this
 * @contents: (out) (transfer full): the bytes, with a NUL after them
 * @length: (out): how many
 *
 * g_file_get_contents() for files a user names: only regular files, at most
 * @max_bytes, never blocking on a FIFO, never reading a device forever.
 *
 * Returns: %TRUE on success, else %FALSE with @error set
 */
gboolean
pm_file_get_contents (const char  *path,
                      gsize        max_bytes,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  g_autoptr(GString) text = NULL;
  guint64 size = 0;
  int fd = pm_file_open_regular (path, &size, error);

  if (fd < 0)
    return FALSE;

  if (size > max_bytes)
    {
      close (fd);
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "is too large (%" G_GUINT64_FORMAT " bytes; at most %" G_GSIZE_FORMAT ")",
                   size, max_bytes);
      return FALSE;
    }

  text = g_string_sized_new (size + 1);
  for (;;)
    {
      char buf[64 * 1024];
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, PM_ERROR, PM_ERROR_UNREADABLE, "cannot be read: %s",
                       g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if (text->len + n > max_bytes)
        {
          close (fd);
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       "is too large (more than %" G_GSIZE_FORMAT " bytes)", max_bytes);
          return FALSE;
        }
      g_string_append_len (text, buf, n);
    }

  close (fd);
  *length = text->len;
  *contents = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

/* Whether @a and @b name the same file: the same device and inode, so that
 * "./ok.csv", "ok.csv", a hard link and a symbolic link all match. */
static gboolean
same_file (const GStatBuf *a,
           const char     *path_a,
           const char     *path_b)
{
  GStatBuf b;

  if (g_stat (path_b, &b) != 0)
    return FALSE;
#ifdef G_OS_UNIX
  return a->st_dev == b.st_dev && a->st_ino == b.st_ino;
#else
  {
    g_autofree char *ca = g_canonicalize_filename (path_a, NULL);
    g_autofree char *cb = g_canonicalize_filename (path_b, NULL);

    return g_ascii_strcasecmp (ca, cb) == 0;
  }
#endif
}

/**
 * pm_dataset_is_input_file:
 * @path: a file about to be written
 *
 * Exports must never write over what was loaded: compares by identity,
 * not by name.
 *
 * Returns: %TRUE when @path is one of the files @dataset was read from
 */
gboolean
pm_dataset_is_input_file (PmDataset  *dataset,
                          const char *path)
{
  GPtrArray *files = pm_dataset_get_files (dataset);
  GStatBuf target;

  if (g_stat (path, &target) != 0)
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    {
      const PmFileReport *report = g_ptr_array_index (files, i);

      if (same_file (&target, path, report->path))
        return TRUE;
    }
  return FALSE;
}

struct _PmFileWriter
{
  char *path;
  char *tmp_path;   /* NULL when writing to the target itself */
  int   fd;
  int   error;      /* errno of the first failed write, or 0 */
};

static gboolean
fail_write (const char  *path,
            const char  *reason,
            GError     **error)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Could not write “%s”: %s", path, reason);
  return FALSE;
}

/**
 * pm_file_writer_new:
 * @path: the file to write
 *
 * Starts writing @path so that it appears whole or not at all: into a
 * temporary file beside it, renamed over it by pm_file_writer_finish().
 * An existing target that is not a regular file (/dev/stdout, a FIFO with a
 * reader) is written directly instead: renaming over it would replace a
 * device. Failures name their reason: "no such folder", "it is a folder",
 * or the system's.
 *
 * Returns: (transfer full) (nullable): the writer, or %NULL with @error set
 */
PmFileWriter *
pm_file_writer_new (const char  *path,
                    GError     **error)
{
  PmFileWriter *self;
  GStatBuf st;
  int fd;

  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      fail_write (path, "it is a folder", error);
      return NULL;
    }

  self = g_new0 (PmFileWriter, 1);
  self->path = g_strdup (path);
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      /* Non-blocking: a FIFO without a reader fails at once (ENXIO). */
      fd = g_open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_BINARY, 0);
#if defined(G_OS_UNIX) && defined(F_GETFL)
      if (fd >= 0)
        fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
#endif
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);

      self->tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
      fd = g_mkstemp (self->tmp_path);
    }

  if (fd < 0)
    {
      int saved = errno;

      fail_write (path, saved == ENOENT ? "no such folder" : g_strerror (saved), error);
      g_free (self->tmp_path);
      g_free (self->path);
      g_free (self);
      return NULL;
    }
  self->fd = fd;
  return self;
}

/**
 * pm_file_writer_write:
 *
 * Returns: %FALSE once a write has failed (pm_file_writer_finish() tells why)
 */
gboolean
pm_file_writer_write (PmFileWriter *self,
                      const void   *data,
                      gsize         len)
{
  const char *p = data;

  while (len > 0 && self->error == 0)
    {
      gssize n = write (self->fd, p, MIN (len, (gsize) G_MAXINT));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          self->error = n < 0 ? errno : EIO;
          break;
        }
      p += n;
      len -= n;
    }
  return self->error == 0;
}

/**
 * pm_file_writer_finish:
 * @self: (transfer full): the writer
 * @ok: %FALSE to abandon what was written (the target is left as it was)
 *
 * Closes the file and puts it in place, or removes it.
 *
 * Returns: %TRUE when the file was written whole
 */
gboolean
pm_file_writer_finish (PmFileWriter  *self,
                       gboolean       ok,
                       GError       **error)
{
  gboolean done = FALSE;

  if (close (self->fd) != 0 && self->error == 0)
    self->error = errno;

  if (self->error != 0)
    fail_write (self->path, g_strerror (self->error), error);
  else if (ok && self->tmp_path == NULL)
    done = TRUE;
  else if (ok)
    {
#ifdef G_OS_WIN32
      g_unlink (self->path);
#endif
      /* Files for others to read, not private as mkstemp makes them. */
      g_chmod (self->tmp_path, 0644);
      if (g_rename (self->tmp_path, self->path) != 0)
        fail_write (self->path, g_strerror (errno), error);
      else
        done = TRUE;
    }

  if (!done && self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
  return done;
}

/**
 * pm_file_set_contents:
 *
 * g_file_set_contents() for exports: whole or not at all, never renamed
 * over a device, failures with their reason. See pm_file_writer_new().
 */
gboolean
pm_file_set_contents (const char  *path,
                      const char  *contents,
                      gsize        length,
                      GError     **error)
{
  PmFileWriter *writer = pm_file_writer_new (path, error);

  if (writer == NULL)
    return FALSE;
  pm_file_writer_write (writer, contents, length);
  return pm_file_writer_finish (writer, TRUE, error);
}
