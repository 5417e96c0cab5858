/* pm-tag-table-keys.c: the tag table from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is one stop of the Tab chain, whatever its number of rows:
 * Tab and Shift+Tab leave it from any row, the arrow keys move between
 * rows (the list's own keys), Space shows or hides the row's tag and
 * Enter opens its style. In a row the check box holds the focus (GTK 4.8
 * gives a row without a focusable cell no focus at all); the swatch is
 * for the pointer and takes none.
 */
#include "pm-tag-table-view-private.h"

/* The row under @widget: the cells of the first column keep it as "row". */
static PmTagRow *
row_under (GtkWidget *widget)
{
  PmTagRow *row = g_object_get_data (G_OBJECT (widget), "row");

  if (row != NULL && PM_IS_TAG_ROW (row))
    return row;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((row = row_under (child)) != NULL)
      return row;
  return NULL;
}

static GtkWidget *
focus_in_table (PmTagTableView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    return NULL;
  return focus;
}

/* Moves the focus on from the table as if the table were one widget:
 * while the column view refuses the focus, the window's focus chain
 * passes over it to the next widget before or after it. */
static void
leave_table (PmTagTableView   *self,
             GtkDirectionType  direction)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  gtk_widget_set_can_focus (GTK_WIDGET (self->column_view), FALSE);
  if (!gtk_widget_child_focus (root, direction))
    gtk_widget_child_focus (root, direction);
  gtk_widget_set_can_focus (GTK_WIDGET (self->column_view), TRUE);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PmTagTableView        *self)
{
  GtkWidget *focus = focus_in_table (self);
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  PmTagRow *row;

  if (focus == NULL || (mods & ~GDK_SHIFT_MASK) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      leave_table (self, (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab
                         ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
      return TRUE;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if ((row = row_under (focus)) == NULL || self->session == NULL || mods != 0)
        return FALSE;
      _pm_tag_table_view_set_row_shown (self, row, !pm_tag_row_get_shown (row));
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if ((row = row_under (focus)) == NULL || mods != 0)
        return FALSE;
      _pm_tag_table_view_style_requested (self, pm_tag_row_get_tag (row));
      return TRUE;
    default:
      return FALSE;
    }
}

void
_pm_tag_table_view_init_keys (PmTagTableView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Before the list's own bindings (Tab to the next row, Space to select). */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
}

/**
 * pm_tag_table_view_focus_table:
 *
 * Gives the keyboard focus to the table's rows (to the row that had it
 * last, or the first).
 */
void
pm_tag_table_view_focus_table (PmTagTableView *self)
{
  g_return_if_fail (PM_IS_TAG_TABLE_VIEW (self));

  if (focus_in_table (self) == NULL)
    gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD);
}

/**
 * pm_tag_table_view_get_focused_row:
 *
 * Returns: (transfer none) (nullable): the row with the keyboard focus,
 *   or %NULL when the focus is not in the table
 */
PmTagRow *
pm_tag_table_view_get_focused_row (PmTagTableView *self)
{
  GtkWidget *focus;

  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), NULL);

  focus = focus_in_table (self);
  return focus != NULL ? row_under (focus) : NULL;
}
