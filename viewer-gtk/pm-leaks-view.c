/* pm-leaks-view.c: the Leaks page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leak finder's answer for the window's dataset: one row per leak or
 * suspect, most likely first, with a sparkline of its series and trend
 * lines, the verdict, the rate, the boots it grew in and the reason in
 * words; under them the count of the rest. A row is a GtkListBoxRow, so
 * arrows move between rows and Enter (or a click) activates one: that
 * charts the tag with its trend lines and brings the chart to the front.
 * The rows are built from a PmLeaksFigure (state/), the same one the
 * page's export draws.
 */
#include "pm-chart-view.h"
#include "pm-leaks-view.h"

struct _PmLeaksView
{
  GtkWidget      parent_instance;

  PmSession     *session;
  GSignalGroup  *session_signals;
  PmLeaksFigure *figure;

  /* Template children. */
  GtkLabel      *title_label;
  GtkListBox    *list;
  GtkLabel      *rest_label;
};

enum {
  CHART_REQUESTED,
  ROWS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmLeaksView, pm_leaks_view, GTK_TYPE_WIDGET)

#define ROW_KEY "pm-leaks-row"

static void
draw_sparkline_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  PmLeaksView *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), ROW_KEY));
  const PmLeaksModel *model;
  PmRect rect = { 0, 0, width, height };

  if (self->figure == NULL)
    return;
  model = pm_leaks_figure_get_model (self->figure);
  if (index >= model->n_rows)
    return;

  pm_sparkline_draw (cr, &rect, &model->rows[index].spark,
                     pm_chart_theme_for_widget (GTK_WIDGET (area)));
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_row (PmLeaksView *self,
          guint        index)
{
  const PmLeaksRow *r = &pm_leaks_figure_get_model (self->figure)->rows[index];
  g_autofree char *description = pm_leaks_figure_describe_row (self->figure, index);
  g_autofree char *tooltip = g_strdup_printf ("Chart %s with its trend", r->tag);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *facts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *spark = gtk_drawing_area_new ();
  GtkWidget *verdict = make_label (r->verdict, "leak-verdict");
  GtkWidget *reason = make_label (r->reason, "dim-label");

  gtk_widget_set_size_request (spark, 140, 36);
  gtk_widget_set_valign (spark, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (spark), ROW_KEY, GUINT_TO_POINTER (index));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (spark), draw_sparkline_cb, self, NULL);

  gtk_widget_add_css_class (verdict, r->is_leak ? "leak" : "suspect");
  gtk_box_append (GTK_BOX (facts), make_label (r->tag, "heading"));
  gtk_box_append (GTK_BOX (facts), verdict);
  gtk_box_append (GTK_BOX (facts), make_label (r->rate != NULL ? r->rate : "–", "numeric"));
  gtk_box_append (GTK_BOX (facts), make_label (r->boots, "dim-label"));

  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_widget_add_css_class (reason, "caption");
  gtk_box_append (GTK_BOX (text), facts);
  gtk_box_append (GTK_BOX (text), reason);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), spark);
  gtk_box_append (GTK_BOX (box), text);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), ROW_KEY, GUINT_TO_POINTER (index));
  gtk_widget_set_tooltip_text (row, tooltip);
  /* A screen reader reads the row as one sentence. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);

  return row;
}

/* "no leak", "1 leak", "3 leaks" */
static char *
count_text (guint       n,
            const char *one,
            const char *many)
{
  if (n == 0)
    return g_strdup_printf ("no %s", one);

  return g_strdup_printf ("%u %s", n, n == 1 ? one : many);
}

static void
rebuild (PmLeaksView *self)
{
  PmLeakResult *leaks = self->session != NULL ? pm_session_get_leaks (self->session) : NULL;
  PmDataset *dataset = self->session != NULL ? pm_session_get_dataset (self->session) : NULL;
  const PmLeaksModel *model;
  GtkWidget *child;
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->figure, pm_leaks_figure_free);

  if (dataset == NULL || leaks == NULL)
    {
      gtk_label_set_text (self->title_label, dataset == NULL ? "No data" : "Looking for leaks…");
      gtk_label_set_text (self->rest_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
      g_signal_emit (self, signals[ROWS_CHANGED], 0, 0u);
      return;
    }

  self->figure = pm_leaks_figure_new (self->session);
  model = pm_leaks_figure_get_model (self->figure);
  if (model->n_rows == 0)
    title = g_strdup ("No tag grows like a leak");
  else
    {
      g_autofree char *n_leaks = count_text (pm_leak_result_count (leaks, PM_LEAK_VERDICT_LEAK),
                                             "leak", "leaks");
      g_autofree char *n_suspects = count_text (pm_leak_result_count (leaks, PM_LEAK_VERDICT_SUSPECT),
                                                "suspect", "suspects");

      title = g_strdup_printf ("%s: %s, %s", model->title, n_leaks, n_suspects);
    }
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->rest_label, model->footer != NULL ? model->footer : "");

  for (guint i = 0; i < model->n_rows; i++)
    gtk_list_box_append (self->list, make_row (self, i));
  gtk_widget_set_visible (GTK_WIDGET (self->list), model->n_rows > 0);

  g_signal_emit (self, signals[ROWS_CHANGED], 0, model->n_rows);
}

/* A row activated (click, Enter or Space): chart that tag alone, with its
 * trend lines. */
static void
row_activated_cb (PmLeaksView   *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), ROW_KEY));
  guint tag;

  if (self->figure == NULL || self->session == NULL ||
      index >= pm_leaks_figure_get_model (self->figure)->n_rows)
    return;

  tag = pm_leaks_figure_get_tag (self->figure, index);
  pm_session_set_selection (self->session, &tag, 1);
  g_signal_emit (self, signals[CHART_REQUESTED], 0);
}

static void
session_changed_cb (PmLeaksView *self)
{
  rebuild (self);
}

static void
pm_leaks_view_dispose (GObject *object)
{
  PmLeaksView *self = PM_LEAKS_VIEW (object);
  GtkWidget *child;

  pm_leaks_view_set_session (self, NULL);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_LEAKS_VIEW);
  /* The scrolled window has no id: the template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->figure, pm_leaks_figure_free);

  G_OBJECT_CLASS (pm_leaks_view_parent_class)->dispose (object);
}

static void
pm_leaks_view_class_init (PmLeaksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_leaks_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/poolmonviz/Viewer/pm-leaks-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PmLeaksView, title_label);
  gtk_widget_class_bind_template_child (widget_class, PmLeaksView, list);
  gtk_widget_class_bind_template_child (widget_class, PmLeaksView, rest_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "leaksview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /**
   * PmLeaksView::chart-requested:
   *
   * A row was activated: the session now shows its tag.
   */
  signals[CHART_REQUESTED] =
    g_signal_new ("chart-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PmLeaksView::rows-changed:
   * @n_rows: the leaks and suspects listed
   *
   * The rows were rebuilt (a new answer, metric or style).
   */
  signals[ROWS_CHANGED] =
    g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
pm_leaks_view_init (PmLeaksView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Leaks", -1);
}

GtkWidget *
pm_leaks_view_new (void)
{
  return g_object_new (PM_TYPE_LEAKS_VIEW, NULL);
}

void
pm_leaks_view_set_session (PmLeaksView *self,
                           PmSession   *session)
{
  static const PmSessionHandler handlers[] = {
    { "notify::dataset", G_CALLBACK (session_changed_cb) },
    { "notify::leaks", G_CALLBACK (session_changed_cb) },
    { "notify::metric", G_CALLBACK (session_changed_cb) },
    { "notify::time-base", G_CALLBACK (session_changed_cb) },
    /* The session let go of the values the sparklines borrow. */
    { "stats-changed", G_CALLBACK (session_changed_cb) },
    { "style-changed", G_CALLBACK (session_changed_cb) },
  };

  g_return_if_fail (PM_IS_LEAKS_VIEW (self));

  if (pm_session_attach (&self->session, &self->session_signals, session, self,
                         handlers, G_N_ELEMENTS (handlers)))
    rebuild (self);
}

/**
 * pm_leaks_view_get_figure:
 *
 * Returns: (transfer none) (nullable): what the page lists, for its export
 */
PmLeaksFigure *
pm_leaks_view_get_figure (PmLeaksView *self)
{
  g_return_val_if_fail (PM_IS_LEAKS_VIEW (self), NULL);

  return self->figure;
}

/**
 * pm_leaks_view_get_row:
 *
 * Returns: (transfer none) (nullable): the row widget of leak or suspect
 *   @index
 */
GtkWidget *
pm_leaks_view_get_row (PmLeaksView *self,
                       guint        index)
{
  g_return_val_if_fail (PM_IS_LEAKS_VIEW (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, index));
}

const PmChartTheme *
pm_leaks_view_get_theme (PmLeaksView *self)
{
  g_return_val_if_fail (PM_IS_LEAKS_VIEW (self), NULL);

  return pm_chart_theme_for_widget (GTK_WIDGET (self));
}
