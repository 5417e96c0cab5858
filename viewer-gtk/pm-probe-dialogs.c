/* pm-probe-dialogs.c: what the GUI tests see of dialogs, and the lines
 * that must come before a handler's effect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dialogs are found as they join GTK's list of toplevels. Emission hooks
 * run before any handler of their signal: BACK and HOME before the zoom
 * they cause, MATRIX-SHOW and TOTAL-SHOW before the chart page comes to
 * the front.
 */
#include "pm-probe-private.h"

#include "pm-heatmap-view.h"
#include "pm-style-dialog.h"
#include "pm-total-corr-view.h"

/* The first GtkEntry under @widget, not looking into @skip. */
static GtkWidget *
find_entry (GtkWidget *widget,
            GType      skip)
{
  if (GTK_IS_ENTRY (widget))
    return widget;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, skip))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child, skip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
_pm_probe_find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = _pm_probe_find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A style dialog on screen: where its colour entry is, for typing into. */
static void
style_dialog_painted_cb (PmStyleDialog *dialog,
                         GdkFrameClock *clock)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  PmSession *session = pm_style_dialog_get_session (dialog);
  guint tag = pm_style_dialog_get_tag (dialog);
  GtkWidget *entry = find_entry (GTK_WIDGET (dialog), GTK_TYPE_COLOR_CHOOSER_WIDGET);
  g_autofree char *label = NULL;
  PmSeriesStyle style;
  int x, y;

  g_signal_handlers_disconnect_by_func (clock, style_dialog_painted_cb, dialog);

  /* From now on a change of this tag's colour is said as COLOR. */
  pm_session_get_style (session, tag, &style);
  if (PM_IS_WINDOW (parent) && _pm_probe_of (PM_WINDOW (parent)) != NULL)
    g_hash_table_insert (_pm_probe_of (PM_WINDOW (parent))->colors, GUINT_TO_POINTER (tag),
                         g_memdup2 (&style.color, sizeof style.color));

  label = g_utf8_make_valid (pm_dataset_get_tag_name (pm_session_get_dataset (session), tag), -1);
  if (entry != NULL && _pm_probe_window_point (entry, 20, 10, &x, &y))
    _pm_probe_say ("STYLE-DIALOG tag=%s entry=%d,%d", label, x, y);
}

static void
dialog_mapped_cb (GtkWindow *dialog)
{
  if (PM_IS_STYLE_DIALOG (dialog))
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (dialog)), "after-paint",
                             G_CALLBACK (style_dialog_painted_cb), dialog, G_CONNECT_SWAPPED);
}

/* The problems dialog, as soon as it is shown: how many rows it lists. */
static void
dialog_visible_cb (GtkWindow *dialog)
{
  GtkWidget *view;

  if (!gtk_widget_get_visible (GTK_WIDGET (dialog)) ||
      g_strcmp0 (gtk_window_get_title (dialog), "Loading Problems") != 0 ||
      (view = _pm_probe_find_column_view (GTK_WIDGET (dialog))) == NULL)
    return;

  _pm_probe_say ("PROBLEMS rows=%u",
       g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)))));
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!PM_IS_WINDOW (window))
        {
          g_signal_connect (window, "map", G_CALLBACK (dialog_mapped_cb), NULL);
          g_signal_connect (window, "notify::visible", G_CALLBACK (dialog_visible_cb), NULL);
        }
    }
}

/* Emission hooks: before any handler ------------------------------------ */

static gboolean
action_hook (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               user_data)
{
  GAction *action = g_value_get_object (&values[0]);
  const char *name = g_action_get_name (action);

  if (g_strcmp0 (name, "zoom-back") != 0 && g_strcmp0 (name, "zoom-home") != 0)
    return TRUE;

  /* The window's own actions, not another's of the same name. */
  for (GList *l = gtk_application_get_windows (user_data); l != NULL; l = l->next)
    if (PM_IS_WINDOW (l->data) &&
        g_action_map_lookup_action (G_ACTION_MAP (l->data), name) == action)
      {
        _pm_probe_say (g_str_equal (name, "zoom-back") ? "BACK" : "HOME");
        break;
      }
  return TRUE;
}

static PmSession *
session_of (gpointer widget)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (widget));

  return PM_IS_WINDOW (root) ? pm_window_get_session (PM_WINDOW (root)) : NULL;
}

/* A clicked matrix cell: the pair the chart is about to show. */
static gboolean
activated_hook (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               user_data)
{
  PmHeatmapView *heatmap = g_value_get_object (&values[0]);
  PmCorrFigure *figure = pm_heatmap_view_get_figure (heatmap);
  PmSession *session = session_of (heatmap);
  PmDataset *dataset = session != NULL ? pm_session_get_dataset (session) : NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (figure == NULL || dataset == NULL)
    return TRUE;

  a = _pm_probe_word_of (pm_dataset_get_tag_name (dataset,
                                        pm_corr_figure_get_tag (figure,
                                                                g_value_get_uint (&values[1]))));
  b = _pm_probe_word_of (pm_dataset_get_tag_name (dataset,
                                        pm_corr_figure_get_tag (figure,
                                                                g_value_get_uint (&values[2]))));
  _pm_probe_say ("MATRIX-SHOW a=%s b=%s", a, b);
  return TRUE;
}

/* A clicked bar: TOTAL and that tag are the selection now. */
static gboolean
total_show_hook (GSignalInvocationHint *hint,
                 guint                  n_values,
                 const GValue          *values,
                 gpointer               user_data)
{
  PmSession *session = session_of (g_value_get_object (&values[0]));
  PmDataset *dataset = session != NULL ? pm_session_get_dataset (session) : NULL;
  const guint *shown;
  guint n = 0;

  if (dataset == NULL)
    return TRUE;

  shown = pm_session_get_shown (session, &n);
  for (guint i = 0; i < n; i++)
    if (shown[i] != pm_dataset_get_total_tag (dataset))
      _pm_probe_say ("TOTAL-SHOW tag=%s", pm_dataset_get_tag_name (dataset, shown[i]));
  return TRUE;
}

static void
add_hook (GType               type,
          const char         *signal,
          GSignalEmissionHook hook,
          gpointer            data)
{
  /* The class holds the signal: it must exist before the lookup. */
  g_type_class_ref (type);
  g_signal_add_emission_hook (g_signal_lookup (signal, type), 0, hook, data, NULL);
}

/* Every toplevel that is no PmWindow: the dialogs. */
void
_pm_probe_watch_dialogs (void)
{
  g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                    G_CALLBACK (toplevels_changed_cb), NULL);
}

void
_pm_probe_add_hooks (GtkApplication *app)
{
  add_hook (G_TYPE_SIMPLE_ACTION, "activate", action_hook, app);
  add_hook (PM_TYPE_HEATMAP_VIEW, "activated", activated_hook, NULL);
  add_hook (PM_TYPE_TOTAL_CORR_VIEW, "chart-requested", total_show_hook, NULL);
}
