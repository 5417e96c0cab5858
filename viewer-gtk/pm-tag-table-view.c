/* pm-tag-table-view.c: the side panel's table of every tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView over one PmTagRow per tag: a check box that shows the
 * tag on the chart, its colour (click to restyle), the names and the
 * figures of the current metric. Every column sorts; the search entry
 * filters by substring of tag, binary or description, or by a poolmon
 * wildcard pattern on the tag (`Nt*`, `FM?n`) as soon as it holds `?` or
 * `*`. The columns' cells and sorting are in pm-tag-table-cells.c.
 */
#include <string.h>

#include "pm-tag-pattern.h"
#include "pm-tag-table-view-private.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  STYLE_REQUESTED,
  ROWS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmTagTableView, pm_tag_table_view, GTK_TYPE_WIDGET)

static void
update_count (PmTagTableView *self)
{
  g_autofree char *text = NULL;
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n_filtered = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_shown = 0;

  if (self->session != NULL)
    pm_session_get_shown (self->session, &n_shown);

  /* The store holds TOTAL after the tags. */
  if (n_all == 0)
    text = g_strdup ("No data");
  else if (n_filtered == n_all)
    text = g_strdup_printf ("%u tags and TOTAL · %u shown", n_all - 1, n_shown);
  else
    text = g_strdup_printf ("%u of %u rows match · %u shown", n_filtered, n_all, n_shown);

  gtk_label_set_text (self->count_label, text);
  g_signal_emit (self, signals[ROWS_CHANGED], 0,
                 G_LIST_MODEL (gtk_column_view_get_model (self->column_view)));
}

static void
sync_row (PmTagTableView *self,
          PmTagRow       *row)
{
  static const GdkRGBA none = { 0, 0, 0, 0 };
  guint tag = pm_tag_row_get_tag (row);
  gboolean shown = pm_session_is_shown (self->session, tag);

  /* A tag only another run has (pm-tag-table-runs.c). */
  if (_pm_tag_table_view_sync_run_row (self, row))
    return;
  pm_tag_row_set_shown (row, shown);
  if (shown)
    {
      PmSeriesStyle style;
      GdkRGBA rgba;

      pm_session_get_style (self->session, tag, &style);
      rgba = (GdkRGBA) { style.color.red, style.color.green, style.color.blue, style.color.alpha };
      pm_tag_row_set_rgba (row, &rgba);
    }
  else
    pm_tag_row_set_rgba (row, &none);
}

static void
cancel_rebuild (PmTagTableView *self)
{
  /* A frame clock disposed with its window (closed while a rebuild was
   * pending) has dropped its handlers already. */
  if (self->rebuild_clock != NULL && self->rebuild_paint_id != 0 &&
      g_signal_handler_is_connected (self->rebuild_clock, self->rebuild_paint_id))
    g_signal_handler_disconnect (self->rebuild_clock, self->rebuild_paint_id);
  self->rebuild_paint_id = 0;
  g_clear_object (&self->rebuild_clock);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  self->rebuild_pending = FALSE;
}

/* Remembers what the rows are made for (can_update_in_place()). */
static void
note_rows (PmTagTableView *self,
           PmDataset      *dataset,
           PmTagTable     *table)
{
  const gint64 *times;
  guint n_snapshots;

  self->rows_valid = dataset != NULL && table != NULL &&
                     (n_snapshots = pm_dataset_get_n_snapshots (dataset)) > 0;
  if (!self->rows_valid)
    return;
  self->rows_metric = pm_tag_table_get_metric (table);
  self->rows_time_base = pm_session_get_time_base (self->session);
  pm_tag_table_get_range (table, &self->rows_first, &self->rows_n_range);
  self->rows_n_tags = pm_dataset_get_n_tags (dataset);
  self->rows_n_snapshots = n_snapshots;
  times = pm_dataset_get_times (dataset, self->rows_time_base);
  self->rows_times[0] = times[0];
  self->rows_times[1] = times[n_snapshots - 1];
}

static gboolean
same_text (const char *row_text,
           const char *text)
{
  /* A row holds "" for none; text that is not UTF-8 (made valid in the
   * row) counts as different: the rows are made again. */
  return strcmp (row_text, text != NULL ? text : "") == 0;
}

/* Whether the session's new figures can be set on the rows as they are:
 * the same metric, time base and range (or the whole run, grown); a
 * dataset that begins with the rows' (the same first snapshot, the rows'
 * last one at the same place: a followed folder's new snapshots) whose
 * tags are the rows' in the same order, new tags only after them; and no
 * rows of other runs. */
static gboolean
can_update_in_place (PmTagTableView *self,
                     PmDataset      *dataset,
                     PmTagTable     *table)
{
  static gsize checked;
  static gboolean never;
  const gint64 *times;
  guint first, n_range, n_tags;

  /* For measuring the rebuild against the update in place
   * (docs/follow.md, "The tag table"). */
  if (g_once_init_enter (&checked))
    {
      never = g_strcmp0 (g_getenv ("POOLMONVIZ_TABLE_REBUILD"), "1") == 0;
      g_once_init_leave (&checked, 1);
    }
  if (never || !self->rows_valid || dataset == NULL || table == NULL ||
      pm_tag_table_get_metric (table) != self->rows_metric ||
      pm_session_get_time_base (self->session) != self->rows_time_base ||
      pm_dataset_get_n_snapshots (dataset) < self->rows_n_snapshots ||
      (n_tags = pm_dataset_get_n_tags (dataset)) < self->rows_n_tags ||
      self->rows_by_tag->len != self->rows_n_tags + 1 ||
      _pm_tag_table_view_has_run_rows (self))
    return FALSE;
  /* The same range, or one that ended with the rows' dataset and now ends
   * with the new one (the whole run growing); not a zoom's new range. */
  pm_tag_table_get_range (table, &first, &n_range);
  if (first != self->rows_first ||
      (n_range != self->rows_n_range &&
       (first + self->rows_n_range != self->rows_n_snapshots ||
        first + n_range != pm_dataset_get_n_snapshots (dataset))))
    return FALSE;
  times = pm_dataset_get_times (dataset, self->rows_time_base);
  if (times[0] != self->rows_times[0] ||
      times[self->rows_n_snapshots - 1] != self->rows_times[1])
    return FALSE;

  for (guint tag = 0; tag < self->rows_n_tags; tag++)
    {
      PmTagRow *row = g_ptr_array_index (self->rows_by_tag, tag);

      if (strcmp (pm_tag_row_get_name (row), pm_dataset_get_tag_name (dataset, tag)) != 0 ||
          !same_text (pm_tag_row_get_binary (row), pm_dataset_get_tag_binary (dataset, tag)) ||
          !same_text (pm_tag_row_get_description (row),
                      pm_dataset_get_tag_description (dataset, tag)))
        return FALSE;
    }
  return TRUE;
}

static void
updated (PmTagTableView *self,
         gboolean        in_place)
{
  self->update_serial++;
  self->update_in_place = in_place;
  self->update_usec = g_get_monotonic_time () - self->update_began;
}

/* A followed snapshot's figures on the rows there are: each row's new
 * figures (its cells follow the notify of what changed), rows for new
 * tags inserted before TOTAL, and the sort run again over the same rows
 * (the filter matches names, which did not change; new rows pass it as
 * they are inserted). The rows stay the same objects, so the selected
 * row, the rows in view and every cell not changed stay as they were. */
static void
update_in_place (PmTagTableView *self,
                 PmDataset      *dataset,
                 PmTagTable     *table)
{
  guint n_old = self->rows_n_tags;
  guint n_tags = pm_dataset_get_n_tags (dataset);
  PmTagRow *total = g_ptr_array_index (self->rows_by_tag, n_old);
  gboolean changed = FALSE;

  cancel_rebuild (self);
  for (guint tag = 0; tag < n_old; tag++)
    {
      PmTagRow *row = g_ptr_array_index (self->rows_by_tag, tag);

      changed |= pm_tag_row_set_stats (row, pm_tag_table_get_stats (table, tag));
      sync_row (self, row);
    }
  if (n_tags > n_old)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n_tags - n_old, g_object_unref);

      g_ptr_array_set_size (self->rows_by_tag, n_old);
      for (guint tag = n_old; tag < n_tags; tag++)
        {
          PmTagRow *row = pm_tag_row_new (dataset, tag, pm_tag_table_get_stats (table, tag));

          g_ptr_array_add (rows, row);
          g_ptr_array_add (self->rows_by_tag, row);
          sync_row (self, row);
        }
      g_ptr_array_add (self->rows_by_tag, total);
      pm_tag_row_set_tag (total, n_tags);
      g_list_store_splice (self->store, n_old, 0, rows->pdata, rows->len);
      changed = TRUE;
    }
  changed |= pm_tag_row_set_stats (total, pm_tag_table_get_stats (table, n_tags));
  sync_row (self, total);

  note_rows (self, dataset, table);
  if (changed)
    gtk_sorter_changed (GTK_SORTER (self->resort), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->column_view), TRUE);
  updated (self, TRUE);
  update_count (self);
}

static void
rebuild_rows (PmTagTableView *self)
{
  PmDataset *dataset = self->session != NULL ? pm_session_get_dataset (self->session) : NULL;
  PmTagTable *table = self->session != NULL ? _pm_tag_table_view_get_table (self) : NULL;
  /* Every tag, and TOTAL after them. */
  guint n = dataset != NULL ? pm_dataset_get_n_tags (dataset) + 1 : 0;
  g_autoptr(GPtrArray) rows = NULL;

  self->update_began = g_get_monotonic_time ();
  if (can_update_in_place (self, dataset, table))
    {
      update_in_place (self, dataset, table);
      return;
    }

  rows = g_ptr_array_new_full (n, g_object_unref);
  cancel_rebuild (self);
  g_ptr_array_set_size (self->rows_by_tag, 0);
  for (guint tag = 0; tag < n; tag++)
    {
      const PmTagStats *stats = table != NULL ? pm_tag_table_get_stats (table, tag) : NULL;
      PmTagRow *row = pm_tag_row_new (dataset, tag, stats);

      g_ptr_array_add (rows, row);
      g_ptr_array_add (self->rows_by_tag, row);
      sync_row (self, row);
    }
  /* Then the tags only another run has. */
  if (dataset != NULL)
    _pm_tag_table_view_append_run_rows (self, rows);

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
  note_rows (self, dataset, table);
  gtk_widget_set_sensitive (GTK_WIDGET (self->column_view), TRUE);
  updated (self, FALSE);
  update_count (self);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  PmTagTableView *self = user_data;

  self->rebuild_source = 0;
  rebuild_rows (self);

  return G_SOURCE_REMOVE;
}

static void
rebuild_after_paint_cb (GdkFrameClock  *clock,
                        PmTagTableView *self)
{
  g_clear_signal_handler (&self->rebuild_paint_id, clock);
  g_clear_object (&self->rebuild_clock);
  /* After this frame's work, behind anything of default priority; while
   * held, when released (pm_tag_table_view_set_held()). */
  if (!self->held)
    self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
}

/* Putting 3,000 new rows into the column view costs 0.2-0.7 s on the
 * main thread: GTK makes and binds the cells of up to 200 rows at once;
 * setting a followed snapshot's figures on the rows in place costs far
 * less (docs/follow.md, "The tag table"), but is not free either. After
 * new figures the rows are made or updated once the next frame was
 * painted, so that a new dataset's chart is on screen first, and not
 * while the window holds the table back (a matrix being computed, see
 * set_held()). */
static void
queue_rebuild (PmTagTableView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  PmDataset *dataset = self->session != NULL ? pm_session_get_dataset (self->session) : NULL;
  PmTagTable *table = self->session != NULL ? _pm_tag_table_view_get_table (self) : NULL;

  cancel_rebuild (self);
  self->rebuild_pending = TRUE;
  /* The rows until then are the old figures' (or the old dataset's, whose
   * tag indices mean other tags now): shown, but not to be clicked,
   * unless they will be updated in place (the same tags at the same
   * indices: clicking one is clicking the same tag). */
  if (!can_update_in_place (self, dataset, table))
    gtk_widget_set_sensitive (GTK_WIDGET (self->column_view), FALSE);

  if (surface != NULL && gdk_surface_get_mapped (surface))
    {
      self->rebuild_clock = g_object_ref (gdk_surface_get_frame_clock (surface));
      self->rebuild_paint_id = g_signal_connect (self->rebuild_clock, "after-paint",
                                                 G_CALLBACK (rebuild_after_paint_cb), self);
      gdk_frame_clock_request_phase (self->rebuild_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
  else if (!self->held)
    self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
}

static void
flush_rebuild (PmTagTableView *self)
{
  if (self->rebuild_pending)
    rebuild_rows (self);
}

static void
selection_changed_cb (PmTagTableView *self)
{
  /* The rebuild syncs every row; until then the rows are the old data's. */
  if (self->rebuild_pending)
    return;

  for (guint i = 0; i < self->rows_by_tag->len; i++)
    sync_row (self, g_ptr_array_index (self->rows_by_tag, i));
  update_count (self);
}

static void
style_changed_cb (PmTagTableView *self,
                  guint           tag,
                  PmSession      *session)
{
  if (!self->rebuild_pending && tag < self->rows_by_tag->len)
    sync_row (self, g_ptr_array_index (self->rows_by_tag, tag));
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PmTagTableView *self = user_data;

  return pm_tag_row_matches (item, self->search, self->search_is_pattern);
}

static void
search_changed_cb (PmTagTableView *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (self->search);
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  self->search_is_pattern = pm_tag_pattern_has_wildcard (text, strlen (text));
  /* Tags are case sensitive: a pattern is matched as typed, a plain search
   * ignores case the way users expect of a search box. */
  self->search = self->search_is_pattern ? g_strdup (text) : g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
row_activated_cb (PmTagTableView *self,
                  guint           position,
                  GtkColumnView  *view)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(PmTagRow) row = g_list_model_get_item (model, position);

  if (row != NULL && self->session != NULL)
    _pm_tag_table_view_set_row_shown (self, row, !pm_tag_row_get_shown (row));
}

void
_pm_tag_table_view_style_requested (PmTagTableView *self,
                                    guint           tag)
{
  PmDataset *dataset = self->session != NULL ? pm_session_get_dataset (self->session) : NULL;

  /* A tag only another run has keeps that run's colour. */
  if (dataset == NULL || tag > pm_dataset_get_n_tags (dataset))
    return;
  g_signal_emit (self, signals[STYLE_REQUESTED], 0, tag);
}

static gboolean
scroll_to_top_cb (gpointer user_data)
{
  PmTagTableView *self = user_data;

  self->scroll_source = 0;
  if (self->column_view == NULL)
    return G_SOURCE_REMOVE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child) &&
        g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (self->column_view))) > 0)
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);

  return G_SOURCE_REMOVE;
}

/* A new sort order starts at its top: the rows in view before mean
 * nothing in the new order. After the sort, once the rows are in their
 * new places (the list's own action: GTK 4.8 has no scroll-to call). */
static void
sort_changed_cb (PmTagTableView *self)
{
  if (self->scroll_source == 0 && self->column_view != NULL)
    self->scroll_source = g_idle_add (scroll_to_top_cb, self);
}

/* The column view's own parts (its header row and its list of rows) are
 * focusable but nameless in GTK 4.8; name them for screen readers. */
static void
name_column_view_parts (PmTagTableView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    GTK_IS_LIST_VIEW (child) ? "Tags" : "Column headers", -1);
}

/* GObject ---------------------------------------------------------------- */

static void
pm_tag_table_view_dispose (GObject *object)
{
  PmTagTableView *self = PM_TAG_TABLE_VIEW (object);

  pm_tag_table_view_set_session (self, NULL);
  g_clear_object (&self->session_signals);
  cancel_rebuild (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_TAG_TABLE_VIEW);
  /* After the template: the column view's end may change its sort. */
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->filtered);
  g_clear_object (&self->resort);
  g_clear_pointer (&self->rows_by_tag, g_ptr_array_unref);

  G_OBJECT_CLASS (pm_tag_table_view_parent_class)->dispose (object);
}

static void
pm_tag_table_view_finalize (GObject *object)
{
  PmTagTableView *self = PM_TAG_TABLE_VIEW (object);

  g_free (self->search);
  g_free (self->search_text);

  G_OBJECT_CLASS (pm_tag_table_view_parent_class)->finalize (object);
}

static void
pm_tag_table_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PmTagTableView *self = PM_TAG_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_tag_table_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PmTagTableView *self = PM_TAG_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      pm_tag_table_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_tag_table_view_class_init (PmTagTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_tag_table_view_dispose;
  object_class->finalize = pm_tag_table_view_finalize;
  object_class->get_property = pm_tag_table_view_get_property;
  object_class->set_property = pm_tag_table_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PmTagTableView::style-requested:
   * @tag: the tag whose colour swatch was clicked
   */
  signals[STYLE_REQUESTED] =
    g_signal_new ("style-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * PmTagTableView::rows-changed:
   * @rows: the rows as shown, filtered and sorted
   *
   * The rows shown changed: new figures, a search, or the table let go
   * after being held.
   */
  signals[ROWS_CHANGED] =
    g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_LIST_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/poolmonviz/Viewer/pm-tag-table-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, box);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, shown_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, color_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, tag_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, binary_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, description_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, peak_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, mean_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, pct_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, abs_column);
  gtk_widget_class_bind_template_child (widget_class, PmTagTableView, count_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tagtable");
}

static void
pm_tag_table_view_init (PmTagTableView *self)
{
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows_by_tag = g_ptr_array_new ();
  self->store = g_list_store_new (PM_TYPE_TAG_ROW);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              GTK_FILTER (self->filter));
  self->resort = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (self->resort,
                           g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    GTK_SORTER (g_object_ref (self->resort)));
  selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);

  _pm_tag_table_view_setup_columns (self);
  _pm_tag_table_view_setup_leak_column (self);
  name_column_view_parts (self);
  _pm_tag_table_view_init_keys (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);

  /* The biggest first, like the old analyzer's "highest peak". */
  gtk_column_view_sort_by_column (self->column_view, self->peak_column, GTK_SORT_DESCENDING);
  update_count (self);
}

GtkWidget *
pm_tag_table_view_new (void)
{
  return g_object_new (PM_TYPE_TAG_TABLE_VIEW, NULL);
}

PmSession *
pm_tag_table_view_get_session (PmTagTableView *self)
{
  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), NULL);

  return self->session;
}

void
pm_tag_table_view_set_session (PmTagTableView *self,
                               PmSession      *session)
{
  static const PmSessionHandler handlers[] = {
    { "stats-changed", G_CALLBACK (queue_rebuild) },
    { "selection-changed", G_CALLBACK (selection_changed_cb) },
    { "style-changed", G_CALLBACK (style_changed_cb) },
    { "notify::leaks", G_CALLBACK (_pm_tag_table_view_leaks_changed) },
  };

  g_return_if_fail (PM_IS_TAG_TABLE_VIEW (self));

  if (!pm_session_attach (&self->session, &self->session_signals, session, self,
                          handlers, G_N_ELEMENTS (handlers)))
    return;

  /* Another session's rows are made anew. */
  self->rows_valid = FALSE;
  if (self->store != NULL)
    rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
pm_tag_table_view_focus_search (PmTagTableView *self)
{
  g_return_if_fail (PM_IS_TAG_TABLE_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * pm_tag_table_view_set_held:
 * @held: whether new rows should wait
 *
 * While held, the rows for new figures are not made or updated (the old
 * ones stay, and the table is not synced to the selection): the window
 * holds the table while the correlation view computes a matrix, which on
 * two cores needs both of them more than the table its rows (up to 0.5 s
 * made anew). Releasing makes or updates the rows after the next painted
 * frame.
 */
void
pm_tag_table_view_set_held (PmTagTableView *self,
                            gboolean        held)
{
  g_return_if_fail (PM_IS_TAG_TABLE_VIEW (self));

  held = !!held;
  if (self->held == held)
    return;

  self->held = held;
  if (!held && self->rebuild_pending && self->rebuild_clock == NULL
      && self->rebuild_source == 0)
    queue_rebuild (self);
}

/**
 * pm_tag_table_view_get_rows:
 *
 * Returns: (transfer none): the rows as shown: filtered and sorted
 */
GListModel *
pm_tag_table_view_get_rows (PmTagTableView *self)
{
  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), NULL);

  flush_rebuild (self);

  return G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
}

/**
 * pm_tag_table_view_get_last_update:
 * @in_place: (out): whether the rows were updated in place (a followed
 *   snapshot) rather than made anew
 * @usec: (out): how long that took on the main thread, in microseconds
 *   (GTK's binding of cells in the next frame not counted)
 * @began: (out): when it began (g_get_monotonic_time())
 *
 * For the probe: how the rows were last made.
 *
 * Returns: a count of the updates so far, 0 before the first
 */
guint
pm_tag_table_view_get_last_update (PmTagTableView *self,
                                   gboolean       *in_place,
                                   gint64         *usec,
                                   gint64         *began)
{
  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), 0);

  *in_place = self->update_in_place;
  *usec = self->update_usec;
  *began = self->update_began;

  return self->update_serial;
}

/**
 * pm_tag_table_view_get_search:
 *
 * The search the rows answer, as typed: the search entry's text once its
 * delay has passed and the rows were filtered by it (until then the entry
 * holds text the rows do not answer yet).
 *
 * Returns: the search, "" for none
 */
const char *
pm_tag_table_view_get_search (PmTagTableView *self)
{
  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), "");

  return self->search_text != NULL ? self->search_text : "";
}

/* Another half's figures changed (pm-tag-table-runs.c). */
void
_pm_tag_table_view_queue_rebuild (PmTagTableView *self)
{
  queue_rebuild (self);
}

/**
 * pm_tag_table_view_get_selection:
 *
 * Returns: (transfer none): the rows' selection (one row at most), for
 *   following the selected row; unlike pm_tag_table_view_get_rows() it
 *   does not make pending rows first
 */
GtkSelectionModel *
pm_tag_table_view_get_selection (PmTagTableView *self)
{
  g_return_val_if_fail (PM_IS_TAG_TABLE_VIEW (self), NULL);

  return gtk_column_view_get_model (self->column_view);
}
