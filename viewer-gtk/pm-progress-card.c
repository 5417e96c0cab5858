/* pm-progress-card.c: how far long work has come, with Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one progress display of the viewer, for loading (the window) and for
 * the correlation matrix: an optional heading, a bar that reads "N %", an
 * optional line of detail, and a Cancel button that emits ::cancel. Who
 * shows the card decides when and computes the fraction.
 */
#include "pm-progress-card.h"

struct _PmProgressCard
{
  GtkWidget       parent_instance;

  GtkLabel       *title;
  GtkProgressBar *bar;
  GtkLabel       *detail;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DETAIL,
  N_PROPS
};

enum {
  CANCEL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmProgressCard, pm_progress_card, GTK_TYPE_WIDGET)

static void
cancel_clicked_cb (PmProgressCard *self)
{
  g_signal_emit (self, signals[CANCEL], 0);
}

/* A label shows only with text in it. */
static gboolean
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (label), text != NULL ? text : "") == 0)
    return FALSE;

  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  return TRUE;
}

static void
pm_progress_card_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pm_progress_card_parent_class)->dispose (object);
}

static void
pm_progress_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PmProgressCard *self = PM_PROGRESS_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (self->title));
      break;
    case PROP_DETAIL:
      g_value_set_string (value, gtk_label_get_text (self->detail));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_progress_card_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PmProgressCard *self = PM_PROGRESS_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pm_progress_card_set_title (self, g_value_get_string (value));
      break;
    case PROP_DETAIL:
      pm_progress_card_set_detail (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_progress_card_class_init (PmProgressCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_progress_card_dispose;
  object_class->get_property = pm_progress_card_get_property;
  object_class->set_property = pm_progress_card_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PmProgressCard::cancel:
   *
   * Cancel was clicked.
   */
  signals[CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "progresscard");
}

static void
pm_progress_card_init (PmProgressCard *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic ("_Cancel");

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              10);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_widget_set_visible (GTK_WIDGET (self->title), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->title), GTK_WIDGET (self));

  self->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->bar, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->bar), GTK_WIDGET (self));

  self->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->detail, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->detail), GTK_WIDGET (self));

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_widget_set_parent (button, GTK_WIDGET (self));

  pm_progress_card_set_fraction (self, 0, NULL);
}

GtkWidget *
pm_progress_card_new (void)
{
  return g_object_new (PM_TYPE_PROGRESS_CARD, NULL);
}

void
pm_progress_card_set_title (PmProgressCard *self,
                            const char     *title)
{
  g_return_if_fail (PM_IS_PROGRESS_CARD (self));

  if (set_label (self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
pm_progress_card_set_detail (PmProgressCard *self,
                             const char     *detail)
{
  g_return_if_fail (PM_IS_PROGRESS_CARD (self));

  if (set_label (self->detail, detail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

/**
 * pm_progress_card_set_fraction:
 * @fraction: how much is done, 0 to 1
 * @text: (nullable): what the bar reads, or %NULL for "N %"
 */
void
pm_progress_card_set_fraction (PmProgressCard *self,
                               double          fraction,
                               const char     *text)
{
  g_autofree char *percent = NULL;

  g_return_if_fail (PM_IS_PROGRESS_CARD (self));

  fraction = CLAMP (fraction, 0, 1);
  if (text == NULL)
    text = percent = g_strdup_printf ("%.0f %%", fraction * 100);
  gtk_progress_bar_set_fraction (self->bar, fraction);
  gtk_progress_bar_set_text (self->bar, text);
}
