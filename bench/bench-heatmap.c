/* bench-heatmap.c: how long heat map frames take for every tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The goal for all 3,000 tags: each frame while hovering or panning
 * in at most 16 ms. Times, as medians over many frames at 1200x900: the
 * whole matrix, a zoomed window while panning (fractional offsets, as a
 * drag gives), and the hover overlay alone (what the widget redraws on a
 * pointer motion over its cached frame). The matrix is generated here,
 * deterministically: blocks of correlated tags in noise, some undefined.
 *
 *   bench-heatmap [--tags N] [--frames N] [--png FILE]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "pmchart.h"

int
main (int   argc,
      char *argv[])
{
  int n_tags = 3000, frames = 50, width = 1200, height = 900;
  g_autofree char *png = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmHeatmapRenderer) renderer = pm_heatmap_renderer_new ();
  GOptionEntry entries[] = {
    { "tags", 0, 0, G_OPTION_ARG_INT, &n_tags, "Tags (matrix size)", "N" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames to time", "N" },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, "Also write the full matrix to FILE", "FILE" },
    { NULL }
  };
  g_autofree double *r = NULL;
  g_autofree double *full_ms = NULL;
  g_autofree double *pan_ms = NULL;
  g_autofree double *hover_ms = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint64 state = 0x2545F4914F6CDD1DULL;
  cairo_surface_t *surface;
  PmHeatmapModel model = { 0 };
  PmHeatmapWindow window;
  cairo_t *cr;

  context = g_option_context_new ("- heat map frames");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_tags = MAX (n_tags, 2);
  frames = MAX (frames, 1);

  r = g_new (double, (gsize) n_tags * n_tags);
  for (int i = 0; i < n_tags; i++)
    {
      g_ptr_array_add (labels, g_strdup_printf ("T%03x", i));
      for (int j = 0; j <= i; j++)
        {
          double v;

          state ^= state << 13;
          state ^= state >> 7;
          state ^= state << 17;
          v = ((state >> 11) * (1.0 / 9007199254740992.0)) * 2 - 1;
          if (i / 40 == j / 40)
            v = 0.7 + 0.3 * fabs (v);
          if (i == j)
            v = (i % 97 == 0) ? NAN : 1;
          r[(gsize) i * n_tags + j] = r[(gsize) j * n_tags + i] = v;
        }
    }
  g_ptr_array_add (labels, NULL);

  model.n = n_tags;
  model.r = r;
  model.labels = (const char * const *) labels->pdata;
  model.title = "Pearson r, every tag";

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  pm_heatmap_renderer_draw (renderer, cr, width, height, &model, NULL);
  if (png != NULL)
    cairo_surface_write_to_png (surface, png);

  full_ms = g_new (double, frames);
  pan_ms = g_new (double, frames);
  hover_ms = g_new (double, frames);
  for (int f = 0; f < frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();

      pm_heatmap_renderer_draw (renderer, cr, width, height, &model, NULL);
      cairo_surface_flush (surface);
      full_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;

      window = (PmHeatmapWindow) { 500 + f * 3.7, 900 + f * 2.3, 120, 120 };
      t0 = g_get_monotonic_time ();
      pm_heatmap_renderer_draw (renderer, cr, width, height, &model, &window);
      cairo_surface_flush (surface);
      pan_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      pm_heatmap_renderer_draw_overlay (renderer, cr, &model, 540 + f, 950 + f);
      cairo_surface_flush (surface);
      hover_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  printf ("heat map, %d tags at %dx%d, %d frames (goal: <= 16 ms each): "
          "whole matrix median %.2f ms, panning 120x120 median %.2f ms, "
          "hover overlay median %.3f ms\n",
          n_tags, width, height, frames,
          bench_median (full_ms, frames), bench_median (pan_ms, frames),
          bench_median (hover_ms, frames));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return 0;
}
