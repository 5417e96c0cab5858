/* pm-heatmap-renderer-private.h: shared by the frame and overlay halves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-heatmap-renderer.h"

G_BEGIN_DECLS

/* Below this many pixels per cell, cells are sampled into an image (one
 * look-up per pixel, whatever n is) instead of drawn as rectangles. */
#define PM_HEATMAP_RECT_MIN_CELL 4.0
/* Cells this big get a hairline gap, and r printed inside from this size. */
#define PM_HEATMAP_GAP_MIN_CELL 10.0
#define PM_HEATMAP_TEXT_MIN_CELL 30.0
#define PM_HEATMAP_LABEL_MAX_WIDTH 140.0
#define PM_HEATMAP_BAR_WIDTH 16.0
#define PM_HEATMAP_LUT_SIZE 512

struct _PmHeatmapRenderer
{
  const PmChartTheme *theme;
  guint32             lut[PM_HEATMAP_LUT_SIZE + 1]; /* r in -1..1, then the NaN colour */
  gboolean            lut_valid;
  double              scale;             /* device pixels per unit, at least */
  cairo_surface_t    *cells;             /* the sampled image, reused */

  /* The last frame's geometry. */
  gboolean        have_frame;
  PmRect          area;     /* the visible cells */
  double          cell;
  PmHeatmapWindow window;
  guint           n;
  PmRect          bar;
};

const char *_pm_heatmap_label_of (const PmHeatmapModel *model,
                                  guint                 pos);

G_END_DECLS
