/* pm-a11y.c: small fixes to what screen readers are told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 gives a button whose label has a mnemonic ("_Open") the label
 * text as typed for its accessible label, and its label child names it
 * once more: a screen reader reads "underscore Open Open". The label child
 * alone names the button well, so the raw label is taken back. Check
 * buttons get their label's text without the underscore. A drop-down's
 * inner button has no name at all: pm_a11y_label_drop_down() gives it one.
 */
#include "pm-a11y.h"

/* "_Zoomed Range" -> "Zoomed Range"; "__" stays one "_". */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != 0; p++)
    {
      if (*p == '_' && p[1] != 0)
        p++;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
fix_one (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (GTK_IS_CHECK_BUTTON (widget) &&
           gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) &&
           gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    {
      /* A check button is not named by its label child: name it here. */
      g_autofree char *text = strip_mnemonic (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }
}

/**
 * pm_a11y_fix_mnemonic_names:
 * @root: a widget whose descendants (and itself) are fixed
 *
 * Lets every button with a mnemonic under @root be named by its label's
 * text only. Call it once the widgets are built; a button whose label
 * changes later needs it again.
 */
void
pm_a11y_fix_mnemonic_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  fix_one (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pm_a11y_fix_mnemonic_names (child);
}

static void
label_focusable (GtkWidget  *widget,
                 const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_focusable (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      label_focusable (child, label);
    }
}

/**
 * pm_a11y_label_drop_down:
 * @label: what the drop-down chooses, e.g. "Metric"
 *
 * Names @dropdown and the button inside it (which GTK 4.8 leaves
 * nameless, read as "GtkToggleButton") by @label.
 */
void
pm_a11y_label_drop_down (GtkDropDown *dropdown,
                         const char  *label)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  label_focusable (GTK_WIDGET (dropdown), label);
}
