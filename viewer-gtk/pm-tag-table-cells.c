/* pm-tag-table-cells.c: the tag table's columns: their cells and sorting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cells are made in code: the check box and the swatch bind to the rows'
 * "shown" and "rgba"; names and figures are set on bind, and the figures'
 * cells follow their figure's notify while bound (a followed snapshot
 * updates the rows in place, pm-tag-table-view.c). Every column has
 * its sorter; ties sort by tag.
 */
#include <math.h>
#include <string.h>

#include "pm-chart-layout.h"
#include "pm-swatch.h"
#include "pm-tag-table-view-private.h"

static PmValueKind
value_kind (PmTagTableView *self)
{
  if (self->session == NULL)
    return PM_VALUE_KIND_BYTES;

  return pm_metric_is_bytes (pm_session_get_metric (self->session)) ? PM_VALUE_KIND_BYTES
                                                                    : PM_VALUE_KIND_COUNT;
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GBinding *binding = g_object_get_data (G_OBJECT (item), "binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (item), "binding", NULL);
}

static void
shown_toggled_cb (GtkCheckButton *check,
                  PmTagTableView *self)
{
  PmTagRow *row = g_object_get_data (G_OBJECT (check), "row");

  if (row != NULL && self->session != NULL)
    _pm_tag_table_view_set_row_shown (self, row, gtk_check_button_get_active (check));
}

static void
shown_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PmTagTableView           *self)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  g_signal_connect (check, "toggled", G_CALLBACK (shown_toggled_cb), self);
  gtk_list_item_set_child (item, check);
}

/* GTK 4.8 lets no list item name its row, and a row without a name is read
 * as its type. The row widget is the parent of the cell that holds the
 * first column's check box: named by its tag and description. */
static void
name_row_widget (GtkWidget *check,
                 PmTagRow  *row)
{
  GtkWidget *cell = gtk_widget_get_parent (check);
  GtkWidget *row_widget = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  const char *description = pm_tag_row_get_description (row);
  g_autofree char *name = NULL;

  if (row_widget == NULL)
    return;
  name = description[0] != 0 ? g_strdup_printf ("%s, %s", pm_tag_row_get_label (row), description)
                             : g_strdup (pm_tag_row_get_label (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
shown_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PmTagTableView           *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  PmTagRow *row = gtk_list_item_get_item (item);
  g_autofree char *label = g_strdup_printf ("Show %s", pm_tag_row_get_label (row));

  /* Set the row only after syncing, so syncing does not toggle the tag. */
  g_object_set_data (G_OBJECT (check), "row", NULL);
  g_object_set_data (G_OBJECT (item), "binding",
                     g_object_bind_property (row, "shown", check, "active", G_BINDING_SYNC_CREATE));
  g_object_set_data (G_OBJECT (check), "row", row);
  /* The same tag again (GTK 4.8 binds a row's cells again when the sort
   * moves it): its names are there already. */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "named"), label) == 0 &&
      g_strcmp0 (g_object_get_data (G_OBJECT (check), "described"),
                 pm_tag_row_get_description (row)) == 0)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  name_row_widget (check, row);
  g_object_set_data_full (G_OBJECT (check), "named", g_steal_pointer (&label), g_free);
  g_object_set_data_full (G_OBJECT (check), "described",
                          g_strdup (pm_tag_row_get_description (row)), g_free);
}

static void
swatch_clicked_cb (GtkButton      *button,
                   PmTagTableView *self)
{
  PmTagRow *row = g_object_get_data (G_OBJECT (button), "row");

  if (row != NULL)
    _pm_tag_table_view_style_requested (self, pm_tag_row_get_tag (row));
}

static void
color_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PmTagTableView           *self)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), pm_swatch_new ());
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "swatch-button");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  /* The row's check box takes the focus for it; Enter there opens the
   * style (pm-tag-table-keys.c). */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_tooltip_text (button, "Colour, line and marker");
  g_signal_connect (button, "clicked", G_CALLBACK (swatch_clicked_cb), self);
  gtk_list_item_set_child (item, button);
}

static void
color_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PmTagTableView           *self)
{
  GtkWidget *button = gtk_list_item_get_child (item);
  PmTagRow *row = gtk_list_item_get_item (item);

  g_autofree char *label = g_strdup_printf ("Style of %s", pm_tag_row_get_label (row));

  g_object_set_data (G_OBJECT (button), "row", row);
  /* Not again for the same tag (see shown_bind_cb()). */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "named"), label) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "named", g_steal_pointer (&label), g_free);
    }
  g_object_set_data (G_OBJECT (item), "binding",
                     g_object_bind_property (row, "rgba",
                                             gtk_button_get_child (GTK_BUTTON (button)), "rgba",
                                             G_BINDING_SYNC_CREATE));
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  const char *kind = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  if (strcmp (kind, "number") == 0)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      if (strcmp (kind, "tag") == 0)
        gtk_widget_add_css_class (label, "monospace");
      else
        gtk_label_set_width_chars (GTK_LABEL (label), 8);
    }
  gtk_list_item_set_child (item, label);
}

static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  const char *(*getter) (PmTagRow *) = user_data;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *text = getter (gtk_list_item_get_item (item));

  /* Each tooltip set makes GTK look for the widget under the pointer: not
   * again for the same text (a row bound again after a sort moved it). */
  if (strcmp (gtk_label_get_text (label), text) == 0)
    return;
  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text[0] != 0 ? text : NULL);
}

static char *
format_figure (const PmTagStats *stats,
               PmTagFigure            figure,
               PmValueKind       kind)
{
  g_autofree char *abs_text = NULL;

  if (stats->n_present == 0)
    return g_strdup ("—");

  switch (figure)
    {
    case PM_TAG_FIGURE_PEAK:
      return pm_format_value (stats->peak, kind);
    case PM_TAG_FIGURE_MEAN:
      return pm_format_value (stats->mean, kind);
    case PM_TAG_FIGURE_PCT:
      if (isnan (stats->increase_pct))
        return g_strdup ("—");
      /* A change that rounds to nothing reads "+0.0 %", never "-0.0 %". */
      return g_strdup_printf ("%+.1f %%", fabs (stats->increase_pct) < 0.05
                                          ? 0.0 : stats->increase_pct);
    case PM_TAG_FIGURE_ABS:
    default:
      if (stats->n_nonzero == 0)
        return g_strdup ("—");
      abs_text = pm_format_value (fabs ((double) stats->increase_abs), kind);
      return g_strdup_printf ("%s%s", stats->increase_abs < 0 ? "−" : "+", abs_text);
    }
}

static void
set_figure_text (GtkLabel       *label,
                 PmTagRow       *row,
                 PmTagFigure     figure,
                 PmTagTableView *self)
{
  g_autofree char *text = format_figure (pm_tag_row_get_stats (row), figure, value_kind (self));

  if (strcmp (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

/* The notify names of the figures, in PmTagFigure's order. */
static const char *const figure_notify[] = {
  "notify::peak", "notify::mean", "notify::increase-pct", "notify::increase-abs",
};

static void
figure_changed_cb (PmTagRow   *row,
                   GParamSpec *pspec,
                   GtkLabel   *label)
{
  PmTagTableView *self = g_object_get_data (G_OBJECT (label), "view");
  PmTagFigure figure = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "figure"));

  set_figure_text (label, row, figure, self);
}

/* A followed snapshot sets new figures on the same rows
 * (pm_tag_row_set_stats()): a bound cell follows its own figure. */
static void
figure_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  PmTagTableView *self = g_object_get_data (G_OBJECT (factory), "view");
  PmTagFigure figure = GPOINTER_TO_UINT (user_data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  PmTagRow *row = gtk_list_item_get_item (item);
  gulong id;

  g_object_set_data (G_OBJECT (label), "view", self);
  g_object_set_data (G_OBJECT (label), "figure", GUINT_TO_POINTER (figure));
  set_figure_text (label, row, figure, self);
  id = g_signal_connect_object (row, figure_notify[figure], G_CALLBACK (figure_changed_cb),
                                label, 0);
  g_object_set_data (G_OBJECT (item), "figure-handler", GSIZE_TO_POINTER (id));
}

static void
figure_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "figure-handler"));
  PmTagRow *row = gtk_list_item_get_item (item);

  /* The label may have gone first (the handler went with it). */
  if (id != 0 && row != NULL && g_signal_handler_is_connected (row, id))
    g_signal_handler_disconnect (row, id);
  g_object_set_data (G_OBJECT (item), "figure-handler", NULL);
}

static GtkListItemFactory *
figure_factory (PmTagTableView *self,
                PmTagFigure          figure)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "view", self);
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), (gpointer) "number");
  g_signal_connect (factory, "bind", G_CALLBACK (figure_bind_cb), GUINT_TO_POINTER (figure));
  g_signal_connect (factory, "unbind", G_CALLBACK (figure_unbind_cb), NULL);
  return factory;
}

static GtkListItemFactory *
text_factory (const char *kind,
              const char *(*getter) (PmTagRow *))
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), (gpointer) kind);
  g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), getter);
  return factory;
}

/* Sorting ---------------------------------------------------------------- */

static int
compare_doubles (double a,
                 double b)
{
  /* Undefined figures (no data, no non-zero value) sort below any number. */
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b) ? 0 : isnan (a) ? -1 : 1;
  return (a > b) - (a < b);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  PmTagRow *ra = (PmTagRow *) a;
  PmTagRow *rb = (PmTagRow *) b;
  const PmTagStats *sa = pm_tag_row_get_stats (ra);
  const PmTagStats *sb = pm_tag_row_get_stats (rb);
  int r = 0;

  switch (GPOINTER_TO_UINT (user_data))
    {
    case 0:
      r = pm_tag_row_get_shown (ra) - pm_tag_row_get_shown (rb);
      break;
    case 1:
      r = g_utf8_collate (pm_tag_row_get_binary (ra), pm_tag_row_get_binary (rb));
      break;
    case 2:
      r = g_utf8_collate (pm_tag_row_get_description (ra), pm_tag_row_get_description (rb));
      break;
    case 3:
      r = compare_doubles (sa->n_present ? sa->peak : NAN, sb->n_present ? sb->peak : NAN);
      break;
    case 4:
      r = compare_doubles (sa->mean, sb->mean);
      break;
    case 5:
      r = compare_doubles (sa->increase_pct, sb->increase_pct);
      break;
    case 6:
      r = compare_doubles (sa->n_nonzero ? sa->increase_abs : NAN,
                           sb->n_nonzero ? sb->increase_abs : NAN);
      break;
    default:
      break;
    }

  /* Ties and the Tag column itself: byte order of the tag, as the rankings. */
  if (r == 0)
    r = strcmp (pm_tag_row_get_name (ra), pm_tag_row_get_name (rb));

  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
setup_column (GtkColumnViewColumn *column,
              GtkListItemFactory  *factory,
              guint                sort_key)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func,
                                                                   GUINT_TO_POINTER (sort_key),
                                                                   NULL));

  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  g_object_unref (factory);
}

void
_pm_tag_table_view_setup_columns (PmTagTableView *self)
{
  GtkListItemFactory *factory;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (shown_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (shown_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  setup_column (self->shown_column, factory, 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (color_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (color_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  /* Sorting by colour means little; sort it as the shown column does. */
  setup_column (self->color_column, factory, 0);

  setup_column (self->tag_column, text_factory ("tag", pm_tag_row_get_label), 7);
  setup_column (self->binary_column, text_factory ("text", pm_tag_row_get_binary), 1);
  setup_column (self->description_column,
                text_factory ("text", pm_tag_row_get_description), 2);
  setup_column (self->peak_column, figure_factory (self, PM_TAG_FIGURE_PEAK), 3);
  setup_column (self->mean_column, figure_factory (self, PM_TAG_FIGURE_MEAN), 4);
  setup_column (self->pct_column, figure_factory (self, PM_TAG_FIGURE_PCT), 5);
  setup_column (self->abs_column, figure_factory (self, PM_TAG_FIGURE_ABS), 6);
}
