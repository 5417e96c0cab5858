/* pm-swatch.c: a small square of a series' colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pm-swatch.h"

#define SWATCH_SIZE 14

struct _PmSwatch
{
  GtkWidget parent_instance;

  GdkRGBA   rgba;
};

enum {
  PROP_0,
  PROP_RGBA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PmSwatch, pm_swatch, GTK_TYPE_WIDGET)

static void
pm_swatch_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  *minimum = *natural = SWATCH_SIZE;
}

static void
pm_swatch_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  PmSwatch *self = PM_SWATCH (widget);
  GskRoundedRect outline;
  float w = gtk_widget_get_width (widget);
  float h = gtk_widget_get_height (widget);
  float size = MIN (w, h);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT ((w - size) / 2, (h - size) / 2, size, size);
  GdkRGBA border = { 0, 0, 0, 0.25 };
  float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA borders[4] = { border, border, border, border };

  if (self->rgba.alpha == 0)
    return;

  gsk_rounded_rect_init_from_rect (&outline, &bounds, 3);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &self->rgba, &bounds);
  gtk_snapshot_pop (snapshot);
  /* A faint edge keeps pale colours visible on a light background. */
  gtk_snapshot_append_border (snapshot, &outline, widths, borders);
}

static void
pm_swatch_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PmSwatch *self = PM_SWATCH (object);

  switch (prop_id)
    {
    case PROP_RGBA:
      g_value_set_boxed (value, &self->rgba);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_swatch_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PmSwatch *self = PM_SWATCH (object);

  switch (prop_id)
    {
    case PROP_RGBA:
      pm_swatch_set_rgba (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_swatch_class_init (PmSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pm_swatch_get_property;
  object_class->set_property = pm_swatch_set_property;

  widget_class->measure = pm_swatch_measure;
  widget_class->snapshot = pm_swatch_snapshot;

  properties[PROP_RGBA] =
    g_param_spec_boxed ("rgba", NULL, NULL, GDK_TYPE_RGBA,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
}

static void
pm_swatch_init (PmSwatch *self)
{
}

GtkWidget *
pm_swatch_new (void)
{
  return g_object_new (PM_TYPE_SWATCH, NULL);
}

const GdkRGBA *
pm_swatch_get_rgba (PmSwatch *self)
{
  g_return_val_if_fail (PM_IS_SWATCH (self), NULL);

  return &self->rgba;
}

void
pm_swatch_set_rgba (PmSwatch      *self,
                    const GdkRGBA *rgba)
{
  static const GdkRGBA none = { 0, 0, 0, 0 };

  g_return_if_fail (PM_IS_SWATCH (self));

  if (rgba == NULL)
    rgba = &none;
  if (gdk_rgba_equal (&self->rgba, rgba))
    return;

  self->rgba = *rgba;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RGBA]);
}
