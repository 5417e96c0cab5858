/* pm-style-dialog.c: colour, line, width and marker of one series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the old tool's "Figure options" offered, for one tag. Changes apply
 * at once (the chart redraws behind the dialog) and persist through the
 * session's user state; Reset returns the tag to its palette colour.
 * Built in code: it is a form of four rows. GTK 4.8 has no GtkColorDialog,
 * so the colour comes from an embedded GtkColorChooserWidget showing the
 * chart palette, plus an entry for any "#rrggbb".
 */
#include "pm-a11y.h"
#include "pm-style-dialog.h"

struct _PmStyleDialog
{
  GtkWindow    parent_instance;

  PmSession   *session;
  guint        tag;
  char        *tag_label;
  gboolean     syncing;

  GtkWidget   *chooser;
  GtkEntry    *hex_entry;
  GtkDropDown *line_dropdown;
  GtkSpinButton *width_spin;
  GtkDropDown *marker_dropdown;
};

G_DEFINE_FINAL_TYPE (PmStyleDialog, pm_style_dialog, GTK_TYPE_WINDOW)

static void
rgba_from_style (const PmSeriesStyle *style,
                 GdkRGBA             *rgba)
{
  *rgba = (GdkRGBA) { style->color.red, style->color.green, style->color.blue, style->color.alpha };
}

static char *
hex_of (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x", (int) (rgba->red * 255 + 0.5),
                          (int) (rgba->green * 255 + 0.5), (int) (rgba->blue * 255 + 0.5));
}

/* Shows the session's style of the tag in the form. */
static void
sync_from_session (PmStyleDialog *self)
{
  PmSeriesStyle style;
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  pm_session_get_style (self->session, self->tag, &style);
  rgba_from_style (&style, &rgba);
  hex = hex_of (&rgba);

  self->syncing = TRUE;
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->chooser), &rgba);
  gtk_editable_set_text (GTK_EDITABLE (self->hex_entry), hex);
  gtk_drop_down_set_selected (self->line_dropdown, style.line_style);
  gtk_spin_button_set_value (self->width_spin, style.width);
  gtk_drop_down_set_selected (self->marker_dropdown, style.marker);
  self->syncing = FALSE;
}

static void
apply (PmStyleDialog *self,
       const GdkRGBA *rgba)
{
  PmSeriesStyle style;
  PmSeriesStyle old;

  if (self->syncing)
    return;

  pm_session_get_style (self->session, self->tag, &old);
  style = old;
  if (rgba != NULL)
    style.color = (PmRgba) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
  style.line_style = gtk_drop_down_get_selected (self->line_dropdown);
  style.width = gtk_spin_button_get_value (self->width_spin);
  style.marker = gtk_drop_down_get_selected (self->marker_dropdown);

  if (pm_series_style_equal (&style, &old))
    return;

  pm_session_set_style (self->session, self->tag, &style);
}

static void
chooser_changed_cb (PmStyleDialog *self)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  if (self->syncing)
    return;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->chooser), &rgba);
  hex = hex_of (&rgba);
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->hex_entry), hex);
  self->syncing = FALSE;
  apply (self, &rgba);
}

static void
hex_activate_cb (PmStyleDialog *self)
{
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, gtk_editable_get_text (GTK_EDITABLE (self->hex_entry))))
    {
      gtk_widget_error_bell (GTK_WIDGET (self->hex_entry));
      gtk_widget_add_css_class (GTK_WIDGET (self->hex_entry), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->hex_entry), "error");
  self->syncing = TRUE;
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->chooser), &rgba);
  self->syncing = FALSE;
  apply (self, &rgba);
}

static void
form_changed_cb (PmStyleDialog *self)
{
  apply (self, NULL);
}

static void
reset_clicked_cb (PmStyleDialog *self)
{
  pm_session_reset_style (self->session, self->tag);
  sync_from_session (self);
}

static GtkWidget *
form_label (const char *text,
            GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
add_row (GtkWidget  *grid,
         int         row,
         const char *label,
         GtkWidget  *widget)
{
  gtk_grid_attach (GTK_GRID (grid), form_label (label, widget), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
}

static void
pm_style_dialog_dispose (GObject *object)
{
  PmStyleDialog *self = PM_STYLE_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->tag_label, g_free);

  G_OBJECT_CLASS (pm_style_dialog_parent_class)->dispose (object);
}

static void
pm_style_dialog_class_init (PmStyleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_style_dialog_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pm_style_dialog_init (PmStyleDialog *self)
{
  static const char *line_styles[] = { "Solid", "Dashed", "Dotted", NULL };
  static const char *markers[] = {
    "None", "Circle", "Square", "Triangle", "Diamond", "Cross", NULL
  };
  GtkWidget *header, *reset, *box, *grid;
  g_autofree GdkRGBA *palette = NULL;
  guint n = pm_palette_get_n_colors ();

  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  header = gtk_header_bar_new ();
  reset = gtk_button_new_with_mnemonic ("_Reset");
  gtk_widget_set_tooltip_text (reset, "Back to the palette colour and a plain line");
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (reset_clicked_cb), self);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), reset);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_window_set_child (GTK_WINDOW (self), box);

  /* The chart palette first: colours meant to be told apart. */
  self->chooser = gtk_color_chooser_widget_new ();
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->chooser), FALSE);
  palette = g_new (GdkRGBA, n);
  for (guint i = 0; i < n; i++)
    {
      PmRgba c;

      pm_palette_get_color (i, &c);
      palette[i] = (GdkRGBA) { c.red, c.green, c.blue, 1 };
    }
  gtk_color_chooser_add_palette (GTK_COLOR_CHOOSER (self->chooser), GTK_ORIENTATION_HORIZONTAL,
                                 MIN (n, 10), n, palette);
  g_signal_connect_swapped (self->chooser, "notify::rgba", G_CALLBACK (chooser_changed_cb), self);
  gtk_box_append (GTK_BOX (box), self->chooser);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (box), grid);

  self->hex_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->hex_entry), 10);
  g_signal_connect_swapped (self->hex_entry, "activate", G_CALLBACK (hex_activate_cb), self);

  self->line_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (line_styles));
  g_signal_connect_swapped (self->line_dropdown, "notify::selected",
                            G_CALLBACK (form_changed_cb), self);

  self->width_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (PM_SERIES_STYLE_MIN_WIDTH,
                                                                      PM_SERIES_STYLE_MAX_WIDTH,
                                                                      0.5));
  gtk_spin_button_set_digits (self->width_spin, 1);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (form_changed_cb), self);

  self->marker_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (markers));
  g_signal_connect_swapped (self->marker_dropdown, "notify::selected",
                            G_CALLBACK (form_changed_cb), self);

  pm_a11y_label_drop_down (self->line_dropdown, "Line");
  pm_a11y_label_drop_down (self->marker_dropdown, "Marker");
  add_row (grid, 0, "_Colour", GTK_WIDGET (self->hex_entry));
  add_row (grid, 1, "_Line", GTK_WIDGET (self->line_dropdown));
  add_row (grid, 2, "_Width", GTK_WIDGET (self->width_spin));
  add_row (grid, 3, "_Marker", GTK_WIDGET (self->marker_dropdown));

}

/**
 * pm_style_dialog_new:
 * @parent: the window showing @tag
 * @session: the session whose style of @tag is edited
 * @tag: the tag
 *
 * Returns: (transfer none): the dialog, owned by GTK's list of toplevels
 */
GtkWindow *
pm_style_dialog_new (GtkWindow *parent,
                     PmSession *session,
                     guint      tag)
{
  PmStyleDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PM_IS_SESSION (session), NULL);

  self = g_object_new (PM_TYPE_STYLE_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->tag = tag;
  self->tag_label = g_utf8_make_valid (pm_dataset_get_tag_name (pm_session_get_dataset (session),
                                                                tag), -1);
  title = g_strdup_printf ("Style of %s", self->tag_label);
  gtk_window_set_title (GTK_WINDOW (self), title);

  sync_from_session (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->hex_entry));

  return GTK_WINDOW (self);
}

guint
pm_style_dialog_get_tag (PmStyleDialog *self)
{
  g_return_val_if_fail (PM_IS_STYLE_DIALOG (self), 0);

  return self->tag;
}

PmSession *
pm_style_dialog_get_session (PmStyleDialog *self)
{
  g_return_val_if_fail (PM_IS_STYLE_DIALOG (self), NULL);

  return self->session;
}
