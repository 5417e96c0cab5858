/* pm-probe-private.h: what the files of the probe share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-chart-view.h"
#include "pm-heatmap-view.h"
#include "pm-leaks-view.h"
#include "pm-probe.h"
#include "pm-window.h"

G_BEGIN_DECLS

#define PM_PROBE_KEY "pm-probe"

typedef struct
{
  PmWindow      *window;           /* the probe lives on it: no reference */
  PmChartView   *chart;
  PmHeatmapView *heatmap;
  GHashTable    *colors;           /* tag -> PmRgba last seen, for open style dialogs */
  gboolean       chart_ready;      /* READY was said */
  gboolean       chart_pending;    /* the chart changed: PAINTED after the next frame */
  gboolean       heatmap_pending;  /* the matrix changed: MATRIX-PAINTED likewise */
  PmLeaksView   *leaks;
  gboolean       leaks_pending;    /* the leak finder answered: LEAKS-PAINTED likewise */
  gboolean       banner_pending;   /* the banner came in: BANNER once it is laid out */
  int            size[4];          /* what SIZE said last: size and least size */
  guint          table_update;     /* the tag table's last update said (TABLE-UPDATE) */
  gboolean       table_update_in_place;
  gint64         table_update_began;
  gint64         table_frame_began; /* the next frame's before-paint, 0 before */
  gboolean       table_frame_pending; /* TABLE-FRAME after the next frame */
} WindowProbe;

void         _pm_probe_say           (const char     *format,
                                      ...) G_GNUC_PRINTF (1, 2);
char        *_pm_probe_word_of       (const char     *tag);
WindowProbe *_pm_probe_of            (PmWindow       *window);
gboolean     _pm_probe_window_point  (GtkWidget      *widget,
                                      double          x,
                                      double          y,
                                      int            *out_x,
                                      int            *out_y);
void         _pm_probe_watch_dialogs (void);
GtkWidget   *_pm_probe_find_column_view (GtkWidget *widget);
void         _pm_probe_say_size      (WindowProbe    *probe);
void         _pm_probe_say_view      (PmWindow       *window);
void         _pm_probe_say_table_header (PmWindow    *window);
void         _pm_probe_watch_keyboard (PmWindow      *window);
void         _pm_probe_add_hooks     (GtkApplication *app);
void         _pm_probe_watch_runs    (PmWindow       *window);
void         _pm_probe_say_axes      (WindowProbe    *probe);
void         _pm_probe_watch_highlight (PmWindow     *window);
void         _pm_probe_watch_leak_finder (PmWindow   *window);

G_END_DECLS
