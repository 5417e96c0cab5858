/* pm-user-state.c: what the viewer remembers across runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three small key files in the user's config folder: styles.ini with one
 * group per tag the user restyled, recent.ini with the folders opened
 * last, and view.ini with how the user left the window (log axis, TOTAL,
 * side panel, page in front, size: see pm_user_state_get_view_int()). Tags are four arbitrary bytes (spaces, any case, sometimes not
 * UTF-8), which a key file group name cannot always hold, so a group is
 * named by the tag's bytes in hex and carries the readable name as a key.
 *
 * Every window of the application shares one instance; "style-changed"
 * lets the other windows follow a recolouring at once.
 */
#include <errno.h>
#include <string.h>

#include "pm-user-state.h"

#include "pm-file.h"

struct _PmUserState
{
  GObject   parent_instance;

  char     *directory;
  GKeyFile *styles;
  GKeyFile *recent;
  GKeyFile *view;
};

enum {
  STYLE_CHANGED,
  RECENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmUserState, pm_user_state, G_TYPE_OBJECT)

static char *
tag_group (const char *tag)
{
  GString *group = g_string_new ("tag ");

  for (const guchar *p = (const guchar *) tag; *p != 0; p++)
    g_string_append_printf (group, "%02x", *p);

  return g_string_free (group, FALSE);
}

static GKeyFile *
load_key_file (const char *directory,
               const char *name)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GKeyFile *key_file = g_key_file_new ();
  gsize len = 0;

  /* A missing file is the first run; a broken one is treated the same way
   * rather than keeping the viewer from starting. Read without blocking: a
   * FIFO in its place must not keep the window from opening. */
  if (!pm_file_get_contents (path, PM_FILE_MAX_SMALL, &contents, &len, &error) ||
      !g_key_file_load_from_data (key_file, contents, len, G_KEY_FILE_KEEP_COMMENTS, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Ignoring %s: %s", path, error->message);
    }

  return key_file;
}

static void
save_key_file (const char *directory,
               const char *name,
               GKeyFile   *key_file)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      g_warning ("Cannot create %s: %s", directory, g_strerror (errno));
      return;
    }

  if (!g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Cannot save %s: %s", path, error->message);
}

static void
pm_user_state_finalize (GObject *object)
{
  PmUserState *self = PM_USER_STATE (object);

  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->styles, g_key_file_unref);
  g_clear_pointer (&self->recent, g_key_file_unref);
  g_clear_pointer (&self->view, g_key_file_unref);

  G_OBJECT_CLASS (pm_user_state_parent_class)->finalize (object);
}

static void
pm_user_state_class_init (PmUserStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_user_state_finalize;

  /**
   * PmUserState::style-changed:
   * @tag: the tag whose style was set or forgotten
   */
  signals[STYLE_CHANGED] =
    g_signal_new ("style-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  signals[RECENT_CHANGED] =
    g_signal_new ("recent-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pm_user_state_init (PmUserState *self)
{
}

/**
 * pm_user_state_new:
 * @directory: the folder of the key files, created on the first save
 *
 * Returns: (transfer full): the state read from @directory
 */
PmUserState *
pm_user_state_new (const char *directory)
{
  PmUserState *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (PM_TYPE_USER_STATE, NULL);
  self->directory = g_strdup (directory);
  self->styles = load_key_file (directory, "styles.ini");
  self->recent = load_key_file (directory, "recent.ini");
  self->view = load_key_file (directory, "view.ini");

  return self;
}

const char *
pm_user_state_get_directory (PmUserState *self)
{
  g_return_val_if_fail (PM_IS_USER_STATE (self), NULL);

  return self->directory;
}

/**
 * pm_user_state_lookup_style:
 *
 * Returns: %TRUE and fills @style when the user restyled @tag before
 */
gboolean
pm_user_state_lookup_style (PmUserState   *self,
                            const char    *tag,
                            PmSeriesStyle *style)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (PM_IS_USER_STATE (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  group = tag_group (tag);
  if (!g_key_file_has_group (self->styles, group))
    return FALSE;

  return pm_series_style_load (style, self->styles, group, NULL);
}

void
pm_user_state_set_style (PmUserState         *self,
                         const char          *tag,
                         const PmSeriesStyle *style)
{
  g_autofree char *group = NULL;
  PmSeriesStyle old;

  g_return_if_fail (PM_IS_USER_STATE (self));
  g_return_if_fail (tag != NULL);
  g_return_if_fail (style != NULL);

  if (pm_user_state_lookup_style (self, tag, &old) && pm_series_style_equal (&old, style))
    return;

  group = tag_group (tag);
  pm_series_style_save (style, self->styles, group);
  g_key_file_set_string (self->styles, group, "Name", tag);
  save_key_file (self->directory, "styles.ini", self->styles);

  g_signal_emit (self, signals[STYLE_CHANGED], 0, tag);
}

void
pm_user_state_forget_style (PmUserState *self,
                            const char  *tag)
{
  g_autofree char *group = NULL;

  g_return_if_fail (PM_IS_USER_STATE (self));
  g_return_if_fail (tag != NULL);

  group = tag_group (tag);
  if (!g_key_file_remove_group (self->styles, group, NULL))
    return;

  save_key_file (self->directory, "styles.ini", self->styles);
  g_signal_emit (self, signals[STYLE_CHANGED], 0, tag);
}

/**
 * pm_user_state_add_recent:
 * @path: a folder or file that was opened
 *
 * Puts @path first among the recent paths, keeping at most
 * %PM_USER_STATE_MAX_RECENT.
 */
void
pm_user_state_add_recent (PmUserState *self,
                          const char  *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) paths = NULL;
  guint n = 1;

  g_return_if_fail (PM_IS_USER_STATE (self));
  g_return_if_fail (path != NULL);

  old = pm_user_state_get_recent (self);
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < PM_USER_STATE_MAX_RECENT; i++)
    {
      if (strcmp (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  paths = g_strv_builder_end (builder);

  g_key_file_set_string_list (self->recent, "Recent", "Paths",
                              (const char * const *) paths, g_strv_length (paths));
  save_key_file (self->directory, "recent.ini", self->recent);

  g_signal_emit (self, signals[RECENT_CHANGED], 0);
}

/**
 * pm_user_state_get_recent:
 *
 * Returns: (transfer full): the recent paths, newest first (never %NULL)
 */
char **
pm_user_state_get_recent (PmUserState *self)
{
  char **paths;

  g_return_val_if_fail (PM_IS_USER_STATE (self), NULL);

  paths = g_key_file_get_string_list (self->recent, "Recent", "Paths", NULL, NULL);
  if (paths == NULL)
    paths = g_new0 (char *, 1);

  return paths;
}

/**
 * pm_user_state_get_view_int:
 * @key: a setting of the window, e.g. "LogScale", "Width"
 * @fallback: what a first run (or a missing or broken value) gets
 *
 * Returns: the value the user left @key at; booleans are 0 or 1
 */
int
pm_user_state_get_view_int (PmUserState *self,
                            const char  *key,
                            int          fallback)
{
  g_autoptr(GError) error = NULL;
  int value;

  g_return_val_if_fail (PM_IS_USER_STATE (self), fallback);

  value = g_key_file_get_integer (self->view, "View", key, &error);
  return error != NULL ? fallback : value;
}

/**
 * pm_user_state_set_view_int:
 *
 * Remembers @value for @key, saving view.ini when it changed.
 */
void
pm_user_state_set_view_int (PmUserState *self,
                            const char  *key,
                            int          value)
{
  g_return_if_fail (PM_IS_USER_STATE (self));

  if (g_key_file_has_key (self->view, "View", key, NULL) &&
      pm_user_state_get_view_int (self, key, value + 1) == value)
    return;
  g_key_file_set_integer (self->view, "View", key, value);
  save_key_file (self->directory, "view.ini", self->view);
}

/**
 * pm_user_state_get_view_string:
 *
 * Returns: (transfer full) (nullable): the text the user left @key at
 */
char *
pm_user_state_get_view_string (PmUserState *self,
                               const char  *key)
{
  g_return_val_if_fail (PM_IS_USER_STATE (self), NULL);

  return g_key_file_get_string (self->view, "View", key, NULL);
}

void
pm_user_state_set_view_string (PmUserState *self,
                               const char  *key,
                               const char  *value)
{
  g_autofree char *old = NULL;

  g_return_if_fail (PM_IS_USER_STATE (self));
  g_return_if_fail (value != NULL);

  old = pm_user_state_get_view_string (self, key);
  if (g_strcmp0 (old, value) == 0)
    return;
  g_key_file_set_string (self->view, "View", key, value);
  save_key_file (self->directory, "view.ini", self->view);
}
