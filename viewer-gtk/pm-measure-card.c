/* pm-measure-card.c: the range figures of a measured span, over the chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small card in the chart's top right corner: the span (from, to, how
 * long) and a row per shown tag and run with the change over the span and
 * the rate per hour. Plain labels in a grid, so a screen reader reads
 * every figure; the card's description holds them all as sentences
 * (pm_range_figures_describe()). The close button (or Escape while the
 * card has the focus) clears the measure through win.clear-measure.
 */
#include "pm-measure-card.h"

#include "pm-runs.h"
#include "pm-elapsed-ticks.h"
#include "pm-swatch.h"

/* Rows beyond this are summed up as "N more": the card must not hide the
 * chart it measures. */
#define MAX_ROWS 12

struct _PmMeasureCard
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *title;
  GtkWidget      *grid;
  PmRangeFigures *figures;
};

G_DEFINE_FINAL_TYPE (PmMeasureCard, pm_measure_card, GTK_TYPE_WIDGET)

static GtkWidget *
cell (const char *text,
      float       xalign,
      gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");

  return label;
}

static void
clear_grid (PmMeasureCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
}

static char *
format_time (double   t,
             gboolean elapsed,
             double   origin,
             double   span)
{
  return elapsed ? pm_format_elapsed (t - origin) : pm_format_time (t, span);
}

static void
fill (PmMeasureCard *self,
      gboolean       elapsed,
      double         origin)
{
  PmRangeFigures *f = self->figures;
  double t0 = pm_range_figures_get_t0 (f), t1 = pm_range_figures_get_t1 (f);
  g_autofree char *from = format_time (t0, elapsed, origin, t1 - t0);
  g_autofree char *to = format_time (t1, elapsed, origin, t1 - t0);
  g_autofree char *duration = pm_format_duration (t1 - t0);
  g_autofree char *title = g_strdup_printf ("%s, %s – %s", duration, from, to);
  g_autofree char *description = pm_range_figures_describe (f);
  gboolean runs = pm_range_figures_get_n_runs (f) > 1;
  guint n = pm_range_figures_get_n_rows (f), col = 0;

  gtk_label_set_text (GTK_LABEL (self->title), title);
  clear_grid (self);
  gtk_grid_attach (GTK_GRID (self->grid), cell ("Tag", 0, TRUE), col++, 0, 2, 1);
  col++;
  if (runs)
    gtk_grid_attach (GTK_GRID (self->grid), cell ("Run", 0, TRUE), col++, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), cell ("Change", 1, TRUE), col++, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), cell ("Per hour", 1, TRUE), col++, 0, 1, 1);

  for (guint i = 0; i < n && i < MAX_ROWS; i++)
    {
      const PmRangeRow *row = pm_range_figures_get_row (f, i);
      g_autofree char *change = pm_range_figures_format_value (f, row->change, TRUE);
      g_autofree char *rate = pm_range_figures_format_value (f, row->rate, TRUE);
      GtkWidget *swatch = pm_swatch_new ();
      GdkRGBA rgba = { row->color.red, row->color.green, row->color.blue, row->color.alpha };

      col = 0;
      pm_swatch_set_rgba (PM_SWATCH (swatch), &rgba);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (self->grid), swatch, col++, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), cell (row->tag, 0, FALSE), col++, i + 1, 1, 1);
      if (runs)
        gtk_grid_attach (GTK_GRID (self->grid), cell (pm_runs_get_letter (row->run), 0, FALSE),
                         col++, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), cell (change, 1, FALSE), col++, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), cell (rate, 1, FALSE), col++, i + 1, 1, 1);
    }
  if (n > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf ("%u more rows (hide tags to see them)",
                                               n - MAX_ROWS);

      gtk_grid_attach (GTK_GRID (self->grid), cell (more, 0, FALSE), 0, MAX_ROWS + 1, 5, 1);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* Opaque, so the lines under the card do not show through its numbers;
 * once per display. */
static const char card_css[] =
  ".measure-card {"
  "  background-color: @theme_base_color;"
  "  color: @theme_fg_color;"
  "  border: 1px solid alpha(@theme_fg_color, 0.25);"
  "  border-radius: 6px;"
  "  padding: 6px 10px;"
  "  box-shadow: 0 1px 4px alpha(black, 0.2);"
  "}";

static void
load_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "pm-measure-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, card_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "pm-measure-css", g_object_ref (provider),
                          g_object_unref);
}

static void
pm_measure_card_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pm_measure_card_parent_class)->root (widget);
  load_css (widget);
}

static void
pm_measure_card_dispose (GObject *object)
{
  PmMeasureCard *self = PM_MEASURE_CARD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->figures, pm_range_figures_free);

  G_OBJECT_CLASS (pm_measure_card_parent_class)->dispose (object);
}

static void
pm_measure_card_class_init (PmMeasureCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_measure_card_dispose;
  widget_class->root = pm_measure_card_root;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "measurecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-measure", NULL);
}

static void
pm_measure_card_init (PmMeasureCard *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *heading = gtk_label_new ("Range Figures");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->box, "measure-card");
  /* Below the legend's first row, clear of the plot's right edge. */
  g_object_set (self->box, "margin-start", 8, "margin-end", 12, "margin-top", 44,
                "margin-bottom", 8, NULL);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_box_append (GTK_BOX (header), heading);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "win.clear-measure");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_tooltip_text (close, "Close the range figures (Escape)");
  gtk_accessible_update_property (GTK_ACCESSIBLE (close),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Close the range figures", -1);
  gtk_box_append (GTK_BOX (header), close);
  gtk_box_append (GTK_BOX (self->box), header);

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_box_append (GTK_BOX (self->box), self->title);

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 2);
  gtk_box_append (GTK_BOX (self->box), self->grid);

  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Range figures", -1);
}

GtkWidget *
pm_measure_card_new (void)
{
  return g_object_new (PM_TYPE_MEASURE_CARD, NULL);
}

/**
 * pm_measure_card_set_figures:
 * @figures: (transfer full) (nullable): what to show; %NULL hides the card
 * @elapsed: the chart's axis is elapsed time from @origin
 */
void
pm_measure_card_set_figures (PmMeasureCard  *self,
                             PmRangeFigures *figures,
                             gboolean        elapsed,
                             double          origin)
{
  g_return_if_fail (PM_IS_MEASURE_CARD (self));

  g_clear_pointer (&self->figures, pm_range_figures_free);
  self->figures = figures;
  if (figures != NULL)
    fill (self, elapsed, origin);
  gtk_widget_set_visible (GTK_WIDGET (self), figures != NULL);
}

/**
 * pm_measure_card_get_figures:
 *
 * Returns: (transfer none) (nullable): what the card shows
 */
PmRangeFigures *
pm_measure_card_get_figures (PmMeasureCard *self)
{
  g_return_val_if_fail (PM_IS_MEASURE_CARD (self), NULL);

  return self->figures;
}
