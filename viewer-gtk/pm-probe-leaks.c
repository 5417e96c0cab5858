/* pm-probe-leaks.c: what the GUI tests see of the leak finder's run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "LEAK-FINDER state=running snapshots=N" once the window started the leak
 * finder on a dataset of N snapshots, "state=answered" when its answer
 * reached the session, "state=cancelled" when the window stopped the run
 * without an answer: a new load, or the window closing (said as the
 * window is unrealized, before the process can exit). The probe only compares
 * pm_window_get_finding_leaks() with what it said last, at the moments
 * the window starts or stops a run: after a load, when the main page
 * changes (a new load shows the loading page), on the session's answer,
 * after each frame (the followed folder's runs), on unrealize and destroy.
 */
#include "pm-probe-private.h"

#define LEAK_FINDER_KEY "pm-probe-leak-finder"

typedef enum
{
  IDLE,
  RUNNING,
} FinderState;

static FinderState
said_state (PmWindow *window)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), LEAK_FINDER_KEY));
}

static void
set_said_state (PmWindow    *window,
                FinderState  state)
{
  g_object_set_data (G_OBJECT (window), LEAK_FINDER_KEY, GINT_TO_POINTER (state));
}

/* Says what changed since the last line: @answered when the session just
 * got the run's answer. */
static void
check (PmWindow *window,
       gboolean  answered)
{
  gboolean running = pm_window_get_finding_leaks (window);
  FinderState said = said_state (window);

  if (running && said == IDLE)
    {
      PmSession *session = pm_window_get_session (window);
      PmDataset *dataset = session != NULL ? pm_session_get_dataset (session) : NULL;

      set_said_state (window, RUNNING);
      _pm_probe_say ("LEAK-FINDER state=running snapshots=%u ms=%" G_GINT64_FORMAT,
                     dataset != NULL ? pm_dataset_get_n_snapshots (dataset) : 0,
                     pm_probe_elapsed_ms ());
    }
  else if (!running && said == RUNNING)
    {
      set_said_state (window, IDLE);
      _pm_probe_say ("LEAK-FINDER state=%s ms=%" G_GINT64_FORMAT,
                     answered ? "answered" : "cancelled", pm_probe_elapsed_ms ());
    }
}

static void
loaded_cb (PmWindow *window)
{
  check (window, FALSE);
}

static void
page_cb (PmWindow *window)
{
  check (window, FALSE);
}

static void
leaks_cb (PmWindow   *window,
          GParamSpec *pspec,
          PmSession  *session)
{
  check (window, pm_session_get_leaks (session) != NULL);
}

static void
after_paint_cb (PmWindow *window)
{
  check (window, FALSE);
}

static void
realized_cb (PmWindow *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                           G_CALLBACK (after_paint_cb), window, G_CONNECT_SWAPPED);
}

/* Closing the window unrealizes it, which cancels its run (before this
 * handler, which runs after the window's own); its dispose, which cancels
 * too, comes before GtkWidget's emits destroy. */
static void
closed_cb (PmWindow *window)
{
  check (window, FALSE);
}

void
_pm_probe_watch_leak_finder (PmWindow *window)
{
  GObject *main_stack = gtk_widget_get_template_child (GTK_WIDGET (window), PM_TYPE_WINDOW,
                                                       "main_stack");

  g_signal_connect_object (window, "load-finished", G_CALLBACK (loaded_cb), window,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (main_stack, "notify::visible-child", G_CALLBACK (page_cb), window,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (pm_window_get_session (window), "notify::leaks",
                           G_CALLBACK (leaks_cb), window, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "realize", G_CALLBACK (realized_cb), window,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "unrealize", G_CALLBACK (closed_cb), window,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (window, "destroy", G_CALLBACK (closed_cb), window,
                           G_CONNECT_SWAPPED);
}
