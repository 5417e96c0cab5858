/* test-series-style.c: styles to and from text, and the default palette
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "pmchart.h"

static void
test_round_trip (void)
{
  for (int line = 0; line < PM_N_LINE_STYLES; line++)
    for (int marker = 0; marker < PM_N_MARKERS; marker++)
      {
        PmSeriesStyle style, back;
        g_autofree char *text = NULL;
        g_autoptr(GError) error = NULL;

        pm_series_style_init_default (&style, line * 7 + marker);
        style.line_style = line;
        style.marker = marker;
        style.width = 0.5 + marker * 1.25;
        text = pm_series_style_to_string (&style);

        /* Parse into something different, so a no-op parse fails. */
        pm_series_style_init_default (&back, 99);
        back.width = 9;
        g_assert_true (pm_series_style_parse (&back, text, &error));
        g_assert_no_error (error);
        g_assert_true (pm_series_style_equal (&style, &back));
      }
}

static void
test_string_form (void)
{
  PmSeriesStyle style;
  g_autofree char *text = NULL;

  pm_series_style_init_default (&style, 0);
  g_assert_true (pm_rgba_parse (&style.color, "#2e7dd1"));
  style.line_style = PM_LINE_STYLE_DASHED;
  style.width = 2.5;
  style.marker = PM_MARKER_DIAMOND;
  text = pm_series_style_to_string (&style);
  g_assert_cmpstr (text, ==, "#2e7dd1 dashed 2.5 diamond");

  g_clear_pointer (&text, g_free);
  g_assert_true (pm_rgba_parse (&style.color, "#FF000080"));
  text = pm_series_style_to_string (&style);
  g_assert_cmpstr (text, ==, "#ff000080 dashed 2.5 diamond");
}

static void
test_parse_partial (void)
{
  PmSeriesStyle style, before;
  g_autoptr(GError) error = NULL;

  pm_series_style_init_default (&style, 3);
  before = style;

  /* A hand-edited file may give only what it changes, in any order. */
  g_assert_true (pm_series_style_parse (&style, "  circle,  DOTTED ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (style.line_style, ==, PM_LINE_STYLE_DOTTED);
  g_assert_cmpint (style.marker, ==, PM_MARKER_CIRCLE);
  g_assert_true (pm_rgba_equal (&style.color, &before.color));
  g_assert_cmpfloat (style.width, ==, before.width);

  g_assert_true (pm_series_style_parse (&style, "3 #102030", &error));
  g_assert_cmpfloat (style.width, ==, 3);
  g_assert_cmpfloat_with_epsilon (style.color.green, 0x20 / 255.0, 1e-6);
}

static void
test_parse_invalid (void)
{
  static const char * const bad[] = {
    "wavy", "#12345", "#gg0000", "0.1", "11", "nan", "1.5px", "solid 2 hexagon",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      PmSeriesStyle style, before;
      g_autoptr(GError) error = NULL;

      pm_series_style_init_default (&style, 1);
      before = style;
      g_assert_false (pm_series_style_parse (&style, bad[i], &error));
      g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
      /* Nothing half-applied. */
      g_assert_true (pm_series_style_equal (&style, &before));
    }
}

static void
test_key_file (void)
{
  g_autoptr(GKeyFile) out = g_key_file_new ();
  g_autoptr(GKeyFile) in = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  PmSeriesStyle style, back, before;

  pm_series_style_init_default (&style, 5);
  style.line_style = PM_LINE_STYLE_DOTTED;
  style.width = 3.25;
  style.marker = PM_MARKER_CROSS;
  /* Tags keep their spaces: "Mm  " is its own group. */
  pm_series_style_save (&style, out, "Mm  ");
  data = g_key_file_to_data (out, NULL, NULL);
  g_assert_nonnull (strstr (data, "line-style=dotted"));
  g_assert_nonnull (strstr (data, "marker=cross"));
  g_assert_nonnull (strstr (data, "width=3.25"));

  g_assert_true (g_key_file_load_from_data (in, data, -1, G_KEY_FILE_NONE, &error));
  pm_series_style_init_default (&back, 0);
  g_assert_true (pm_series_style_load (&back, in, "Mm  ", &error));
  g_assert_no_error (error);
  g_assert_true (pm_series_style_equal (&style, &back));

  g_assert_false (pm_series_style_load (&back, in, "Nope", &error));
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND);
  g_clear_error (&error);

  /* A bad value is reported by key and changes nothing. */
  g_key_file_set_string (in, "Mm  ", "width", "wide");
  before = back;
  g_assert_false (pm_series_style_load (&back, in, "Mm  ", &error));
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "width"));
  g_assert_true (pm_series_style_equal (&back, &before));
}

static void
test_names (void)
{
  PmLineStyle line;
  PmMarker marker;

  for (int i = 0; i < PM_N_LINE_STYLES; i++)
    {
      g_assert_true (pm_line_style_from_string (pm_line_style_to_string (i), &line));
      g_assert_cmpint (line, ==, i);
    }
  for (int i = 0; i < PM_N_MARKERS; i++)
    {
      g_assert_true (pm_marker_from_string (pm_marker_to_string (i), &marker));
      g_assert_cmpint (marker, ==, i);
    }
  g_assert_false (pm_marker_from_string ("star", &marker));
  g_assert_false (pm_line_style_from_string (NULL, &line));
}

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const PmRgba *c)
{
  return 0.2126 * channel (c->red) + 0.7152 * channel (c->green) + 0.0722 * channel (c->blue);
}

static double
contrast (double l1,
          double l2)
{
  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

/* WCAG's 3:1 for graphics, against both themes' plot backgrounds. */
static void
test_palette_contrast (void)
{
  double light = luminance (&pm_chart_theme_get_light ()->plot_background);
  double dark = luminance (&pm_chart_theme_get_dark ()->plot_background);
  PmRgba total;

  g_assert_cmpuint (pm_palette_get_n_colors (), >=, 10);
  for (guint i = 0; i < pm_palette_get_n_colors (); i++)
    {
      PmRgba c;

      pm_palette_get_color (i, &c);
      g_test_message ("colour %u: %.2f on light, %.2f on dark", i,
                      contrast (luminance (&c), light), contrast (luminance (&c), dark));
      g_assert_cmpfloat (contrast (luminance (&c), light), >=, 3.0);
      g_assert_cmpfloat (contrast (luminance (&c), dark), >=, 3.0);
    }

  pm_palette_get_total_color (&total);
  g_assert_cmpfloat (contrast (luminance (&total), light), >=, 3.0);
  g_assert_cmpfloat (contrast (luminance (&total), dark), >=, 3.0);
}

/* Neighbouring defaults must not look alike, also to the colour blind:
 * compared after simulating deuteranopia (Viénot, Brettel and Mollon's
 * linear-RGB projection), they still differ clearly. */
static void
test_palette_distinct (void)
{
  guint n = pm_palette_get_n_colors ();

  for (guint i = 0; i < n; i++)
    {
      PmRgba a, b;
      double la[3], lb[3], da, db, dist = 0, dist_cvd;

      pm_palette_get_color (i, &a);
      pm_palette_get_color (i + 1, &b);
      la[0] = channel (a.red), la[1] = channel (a.green), la[2] = channel (a.blue);
      lb[0] = channel (b.red), lb[1] = channel (b.green), lb[2] = channel (b.blue);
      for (int k = 0; k < 3; k++)
        dist += (la[k] - lb[k]) * (la[k] - lb[k]);

      /* Deuteranopes see red and green as one mix; blue stays. */
      da = 0.29 * la[0] + 0.71 * la[1];
      db = 0.29 * lb[0] + 0.71 * lb[1];
      dist_cvd = 2 * (da - db) * (da - db) + (la[2] - lb[2]) * (la[2] - lb[2]);

      g_test_message ("colours %u/%u: %.3f, as deuteranope %.3f", i, (i + 1) % n,
                      sqrt (dist), sqrt (dist_cvd));
      g_assert_cmpfloat (sqrt (dist), >, 0.4);
      g_assert_cmpfloat (sqrt (dist_cvd), >, 0.15);
    }
}

static void
test_defaults_distinct (void)
{
  /* The first 36 series all look different (colour x line style). */
  for (guint i = 0; i < 36; i++)
    for (guint j = i + 1; j < 36; j++)
      {
        PmSeriesStyle a, b;

        pm_series_style_init_default (&a, i);
        pm_series_style_init_default (&b, j);
        g_assert_false (pm_series_style_equal (&a, &b));
      }
}

static void
test_rgba (void)
{
  PmRgba c = { 0 };
  g_autofree char *s = NULL;

  g_assert_true (pm_rgba_parse (&c, "#80ff00"));
  g_assert_cmpfloat_with_epsilon (c.red, 128 / 255.0, 1e-6);
  g_assert_cmpfloat (c.alpha, ==, 1);
  s = pm_rgba_to_string (&c);
  g_assert_cmpstr (s, ==, "#80ff00");
  g_assert_false (pm_rgba_parse (&c, "80ff00"));
  g_assert_false (pm_rgba_parse (&c, "#80ff0"));
  g_assert_false (pm_rgba_parse (&c, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poolstats/series-style/round-trip", test_round_trip);
  g_test_add_func ("/poolstats/series-style/string-form", test_string_form);
  g_test_add_func ("/poolstats/series-style/parse-partial", test_parse_partial);
  g_test_add_func ("/poolstats/series-style/parse-invalid", test_parse_invalid);
  g_test_add_func ("/poolstats/series-style/key-file", test_key_file);
  g_test_add_func ("/poolstats/series-style/names", test_names);
  g_test_add_func ("/poolstats/series-style/palette-contrast", test_palette_contrast);
  g_test_add_func ("/poolstats/series-style/palette-distinct", test_palette_distinct);
  g_test_add_func ("/poolstats/series-style/defaults-distinct", test_defaults_distinct);
  g_test_add_func ("/poolstats/series-style/rgba", test_rgba);

  return g_test_run ();
}
