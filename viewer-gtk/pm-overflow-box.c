/* pm-overflow-box.c: a row of controls that gives up the last ones when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A horizontal row that asks for no width of its own: it shows its
 * children from the first while they fit at their natural width and
 * leaves the rest out, so a header bar holding it never forces the
 * window's width. What it leaves out must be reachable another way (the
 * window's main menu offers every control put in one). GTK 4.8 has no
 * breakpoints; this is the part of them the header bar needs.
 */
#include "pm-overflow-box.h"

#define SPACING 6

struct _PmOverflowBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (PmOverflowBox, pm_overflow_box, GTK_TYPE_WIDGET)

static void
pm_overflow_box_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gboolean first = TRUE;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* Nothing is needed: any child may be left out. */
          *natural += child_nat + (first ? 0 : SPACING);
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      first = FALSE;
    }
}

static void
pm_overflow_box_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  gboolean full = FALSE;
  int x = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_nat;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_nat, NULL, NULL);
      /* Once one child does not fit, none after it is shown either: the
       * order of the children is the order of their importance. */
      full = full || x + child_nat > width;
      gtk_widget_set_child_visible (child, !full);
      if (full)
        continue;
      gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, child_nat, height }, -1);
      x += child_nat + SPACING;
    }
}

static void
pm_overflow_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pm_overflow_box_parent_class)->dispose (object);
}

static void
pm_overflow_box_class_init (PmOverflowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_overflow_box_dispose;
  widget_class->measure = pm_overflow_box_measure;
  widget_class->size_allocate = pm_overflow_box_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "overflowbox");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pm_overflow_box_init (PmOverflowBox *self)
{
}

GtkWidget *
pm_overflow_box_new (void)
{
  return g_object_new (PM_TYPE_OVERFLOW_BOX, NULL);
}
