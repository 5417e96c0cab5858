/* pm-application.c: the poolmonviz GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application owns what all windows share (the per-tag styles and the
 * recent folders, both persisted in the user's config folder) and turns
 * command lines and file-manager requests into windows. Each window loads
 * and shows one dataset.
 */
#include "pm-application.h"
#include "pm-window.h"

struct _PmApplication
{
  GtkApplication  parent_instance;

  PmUserState    *state;
  gboolean        no_cache;
  gboolean        follow;
  gboolean        no_follow;
};

G_DEFINE_FINAL_TYPE (PmApplication, pm_application, GTK_TYPE_APPLICATION)

static PmWindow *
pm_application_get_empty_window (PmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Reuse the window the user sees only while it shows nothing: an open
   * dataset is never replaced behind the user's back. */
  if (PM_IS_WINDOW (window) && pm_window_is_empty (PM_WINDOW (window)))
    return PM_WINDOW (window);

  return pm_window_new (self);
}

static void
pm_application_about_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  PmApplication *self = user_data;
  static const char *developers[] = { "The PoolmonViz developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", "PoolmonViz",
                         "logo-icon-name", PM_APPLICATION_ID,
                         "version", PM_VERSION,
                         "comments",
                         "Find Windows kernel pool leaks in snapshots of pool-tag counters",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         "copyright", "© The PoolmonViz developers",
                         NULL);
}

static void
pm_application_new_window_action (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (pm_window_new (PM_APPLICATION (user_data))));
}

static void
pm_application_quit_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing each window cancels its load before the main loop ends. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_destroy (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", pm_application_about_action },
  { "new-window", pm_application_new_window_action },
  { "quit", pm_application_quit_action },
};

static void
pm_application_startup (GApplication *app)
{
  PmApplication *self = PM_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[5];
  } accels[] = {
    { "app.new-window", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.cancel-load", { "Escape", NULL } },
    { "win.zoom-back", { "BackSpace", "<Alt>Left", NULL } },
    { "win.zoom-home", { "Home", "<Control>0", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.pan-left", { "<Control>Left", NULL } },
    { "win.pan-right", { "<Control>Right", NULL } },
    { "win.log-scale", { "<Control>l", NULL } },
    { "win.hide-total", { "<Control>t", NULL } },
    { "win.total-axis", { "<Control>r", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.export", { "<Control>s", NULL } },
    { "win.export-csv", { "<Control><Shift>s", NULL } },
    { "win.next-pane", { "F6", "<Shift>F6", "<Control>Tab", "<Control><Shift>Tab", NULL } },
    { "win.next-page", { "<Control>Page_Down", NULL } },
    { "win.side-panel", { "F9", NULL } },
    { "win.previous-page", { "<Control>Page_Up", NULL } },
    { "win.page(1)", { "<Alt>1", NULL } },
    { "win.page(2)", { "<Alt>2", NULL } },
    { "win.page(3)", { "<Alt>3", NULL } },
    { "win.page(4)", { "<Alt>4", NULL } },
  };

  G_APPLICATION_CLASS (pm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (PM_APPLICATION_ID);

  /* The viewer's own style (banners, the side panel, the tag table's cells,
   * focus rings of the drawn views): GtkApplication, unlike libadwaita's,
   * does not load a style.css by itself. */
  if (gdk_display_get_default () != NULL)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/org/poolmonviz/Viewer/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
}

static void
pm_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (pm_window_new (PM_APPLICATION (app)));

  gtk_window_present (window);
}

static void
pm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PmWindow *window = pm_application_get_empty_window (PM_APPLICATION (app));

  /* Several files form one dataset (snapshots of one machine), and a
   * folder is read whole: either way one window. */
  pm_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
pm_application_dispose (GObject *object)
{
  PmApplication *self = PM_APPLICATION (object);

  g_clear_object (&self->state);

  G_OBJECT_CLASS (pm_application_parent_class)->dispose (object);
}

static void
pm_application_class_init (PmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pm_application_dispose;

  app_class->startup = pm_application_startup;
  app_class->activate = pm_application_activate;
  app_class->open = pm_application_open;
}

static void
pm_application_init (PmApplication *self)
{
  const GOptionEntry entries[] = {
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &self->no_cache,
      "Parse every file; neither read nor write the folder's store in the user cache", NULL },
    { "follow", 0, 0, G_OPTION_ARG_NONE, &self->follow,
      "Follow the folder while the sampler writes into it (default: when its newest "
      "snapshot is less than three intervals old)", NULL },
    { "no-follow", 0, 0, G_OPTION_ARG_NONE, &self->no_follow,
      "Do not follow the folder", NULL },
    { NULL }
  };
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "poolmonviz", NULL);

  self->state = pm_user_state_new (dir);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

PmApplication *
pm_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  /* Tests start many viewers side by side, each on its own: a unique
   * application would hand their requests to the first one. */
  if (g_getenv ("G_APPLICATION_NON_UNIQUE") != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (PM_TYPE_APPLICATION,
                       "application-id", PM_APPLICATION_ID,
                       "flags", flags,
                       NULL);
}

PmUserState *
pm_application_get_user_state (PmApplication *self)
{
  g_return_val_if_fail (PM_IS_APPLICATION (self), NULL);

  return self->state;
}

/**
 * pm_application_get_use_store:
 *
 * Returns: %FALSE when started with --no-cache: loads then neither read nor
 *   write the folders' stores
 */
gboolean
pm_application_get_use_store (PmApplication *self)
{
  g_return_val_if_fail (PM_IS_APPLICATION (self), TRUE);

  return !self->no_cache;
}

/**
 * pm_application_get_follow_mode:
 *
 * Returns: 1 when started with --follow, 0 with --no-follow, -1 for the
 *   default (follow a folder whose newest snapshot is recent)
 */
int
pm_application_get_follow_mode (PmApplication *self)
{
  g_return_val_if_fail (PM_IS_APPLICATION (self), -1);

  return self->no_follow ? 0 : self->follow ? 1 : -1;
}
