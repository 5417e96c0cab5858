/* pm-tag-row.c: one tag in the tag table's list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Holds a tag's names and figures for the column view. "shown" and "rgba"
 * change with the selection and styles (the cells bind to them); the
 * figures change when a followed folder's new snapshot updates the row in
 * place (pm_tag_row_set_stats()): each figure column's cells follow the
 * notify of their own figure ("peak", "mean", "increase-pct",
 * "increase-abs"), sent only when what the cell shows may have changed.
 * The names never change: a dataset with other tags gets new rows.
 */
#include <math.h>
#include <string.h>

#include "pm-tag-pattern.h"
#include "pm-tag-row.h"

struct _PmTagRow
{
  GObject     parent_instance;

  guint       tag;
  char       *name;
  char       *label;
  char       *binary;
  char       *description;
  char       *haystack;
  PmTagStats  stats;
  GdkRGBA     rgba;
  gboolean    shown;
};

enum {
  PROP_0,
  PROP_SHOWN,
  PROP_RGBA,
  PROP_PEAK,
  PROP_MEAN,
  PROP_INCREASE_PCT,
  PROP_INCREASE_ABS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PmTagRow, pm_tag_row, G_TYPE_OBJECT)

static void
pm_tag_row_finalize (GObject *object)
{
  PmTagRow *self = PM_TAG_ROW (object);

  g_free (self->name);
  g_free (self->label);
  g_free (self->binary);
  g_free (self->description);
  g_free (self->haystack);

  G_OBJECT_CLASS (pm_tag_row_parent_class)->finalize (object);
}

static void
pm_tag_row_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PmTagRow *self = PM_TAG_ROW (object);

  switch (prop_id)
    {
    case PROP_SHOWN:
      g_value_set_boolean (value, self->shown);
      break;
    case PROP_RGBA:
      g_value_set_boxed (value, &self->rgba);
      break;
    case PROP_PEAK:
      g_value_set_double (value, self->stats.n_present > 0 ? (double) self->stats.peak : NAN);
      break;
    case PROP_MEAN:
      g_value_set_double (value, self->stats.mean);
      break;
    case PROP_INCREASE_PCT:
      g_value_set_double (value, self->stats.increase_pct);
      break;
    case PROP_INCREASE_ABS:
      g_value_set_double (value, self->stats.n_nonzero > 0
                                 ? (double) self->stats.increase_abs : NAN);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_tag_row_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PmTagRow *self = PM_TAG_ROW (object);

  switch (prop_id)
    {
    case PROP_SHOWN:
      pm_tag_row_set_shown (self, g_value_get_boolean (value));
      break;
    case PROP_RGBA:
      pm_tag_row_set_rgba (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_tag_row_class_init (PmTagRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_tag_row_finalize;
  object_class->get_property = pm_tag_row_get_property;
  object_class->set_property = pm_tag_row_set_property;

  properties[PROP_SHOWN] =
    g_param_spec_boolean ("shown", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RGBA] =
    g_param_spec_boxed ("rgba", NULL, NULL, GDK_TYPE_RGBA,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The figures as the table's columns read them (NAN: none), notified
   * by pm_tag_row_set_stats(). */
  properties[PROP_PEAK] =
    g_param_spec_double ("peak", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEAN] =
    g_param_spec_double ("mean", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCREASE_PCT] =
    g_param_spec_double ("increase-pct", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCREASE_ABS] =
    g_param_spec_double ("increase-abs", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_tag_row_init (PmTagRow *self)
{
}

static char *
valid_utf8 (const char *text)
{
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

PmTagRow *
pm_tag_row_new (PmDataset        *dataset,
                guint             tag,
                const PmTagStats *stats)
{
  PmTagRow *self;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (PM_IS_DATASET (dataset), NULL);

  self = g_object_new (PM_TYPE_TAG_ROW, NULL);
  self->tag = tag;
  self->name = g_strdup (pm_dataset_get_tag_name (dataset, tag));
  /* Tags are bytes; labels must be UTF-8. */
  self->label = valid_utf8 (self->name);
  self->binary = valid_utf8 (pm_dataset_get_tag_binary (dataset, tag));
  self->description = valid_utf8 (pm_dataset_get_tag_description (dataset, tag));
  if (stats != NULL)
    self->stats = *stats;
  else
    {
      self->stats.tag = tag;
      self->stats.mean = NAN;
      self->stats.increase_pct = NAN;
    }

  folded = g_strjoin ("\n", self->label, self->binary, self->description, NULL);
  self->haystack = g_utf8_casefold (folded, -1);

  return self;
}

/**
 * pm_tag_row_new_as:
 * @dataset: the dataset that has the tag (another run's)
 * @tag: its index there
 * @index: what pm_tag_row_get_tag() answers instead: an index no session
 *   tag has (the tag table's rows of tags only another run has)
 */
PmTagRow *
pm_tag_row_new_as (PmDataset        *dataset,
                   guint             tag,
                   const PmTagStats *stats,
                   guint             index)
{
  PmTagRow *self = pm_tag_row_new (dataset, tag, stats);

  if (self != NULL)
    self->tag = self->stats.tag = index;

  return self;
}

/* Bit for bit, so that NAN equals NAN. */
static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/**
 * pm_tag_row_set_stats:
 * @stats: the tag's new figures (its tag index is the row's)
 *
 * Updates the figures in place (a followed folder's new snapshot) and
 * notifies each figure whose cell may read otherwise: the peak and mean
 * with the snapshots present, the absolute increase with the non-zero
 * values.
 *
 * Returns: %TRUE when any figure changed (the order may then differ)
 */
gboolean
pm_tag_row_set_stats (PmTagRow         *self,
                      const PmTagStats *stats)
{
  PmTagStats old;
  gboolean present;

  g_return_val_if_fail (PM_IS_TAG_ROW (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  old = self->stats;
  if (old.n_present == stats->n_present && old.first_snapshot == stats->first_snapshot &&
      old.last_snapshot == stats->last_snapshot && old.peak == stats->peak &&
      same_double (old.mean, stats->mean) && old.n_nonzero == stats->n_nonzero &&
      old.first_nonzero == stats->first_nonzero && old.last_nonzero == stats->last_nonzero &&
      old.increase_abs == stats->increase_abs &&
      same_double (old.increase_pct, stats->increase_pct))
    return FALSE;

  self->stats = *stats;
  self->stats.tag = self->tag;
  present = (old.n_present == 0) != (stats->n_present == 0);
  g_object_freeze_notify (G_OBJECT (self));
  if (present || old.peak != stats->peak)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEAK]);
  if (present || !same_double (old.mean, stats->mean))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEAN]);
  if (present || !same_double (old.increase_pct, stats->increase_pct))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCREASE_PCT]);
  if (present || (old.n_nonzero == 0) != (stats->n_nonzero == 0) ||
      old.increase_abs != stats->increase_abs)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCREASE_ABS]);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * pm_tag_row_set_tag:
 * @tag: the row's new tag index
 *
 * For TOTAL's row, whose index (after the tags) moves when a followed
 * folder's new snapshot brings new tags; its name stays.
 */
void
pm_tag_row_set_tag (PmTagRow *self,
                    guint     tag)
{
  g_return_if_fail (PM_IS_TAG_ROW (self));

  self->tag = self->stats.tag = tag;
}

guint
pm_tag_row_get_tag (PmTagRow *self)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), 0);

  return self->tag;
}

const char *
pm_tag_row_get_name (PmTagRow *self)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), NULL);

  return self->name;
}

const char *
pm_tag_row_get_label (PmTagRow *self)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), NULL);

  return self->label;
}

const char *
pm_tag_row_get_binary (PmTagRow *self)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), NULL);

  return self->binary;
}

const char *
pm_tag_row_get_description (PmTagRow *self)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), NULL);

  return self->description;
}

const PmTagStats *
pm_tag_row_get_stats (PmTagRow *self)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), NULL);

  return &self->stats;
}

gboolean
pm_tag_row_get_shown (PmTagRow *self)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), FALSE);

  return self->shown;
}

void
pm_tag_row_set_shown (PmTagRow *self,
                      gboolean  shown)
{
  g_return_if_fail (PM_IS_TAG_ROW (self));

  shown = !!shown;
  if (self->shown == shown)
    return;

  self->shown = shown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

const GdkRGBA *
pm_tag_row_get_rgba (PmTagRow *self)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), NULL);

  return &self->rgba;
}

void
pm_tag_row_set_rgba (PmTagRow      *self,
                     const GdkRGBA *rgba)
{
  g_return_if_fail (PM_IS_TAG_ROW (self));
  g_return_if_fail (rgba != NULL);

  if (gdk_rgba_equal (&self->rgba, rgba))
    return;

  self->rgba = *rgba;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RGBA]);
}

/**
 * pm_tag_row_matches:
 * @search: what the user typed, casefolded unless @wildcard
 * @wildcard: @search is a poolmon pattern (`Nt*`, `FM?n`), matched against
 *   the tag alone, byte for byte
 *
 * Returns: %TRUE when the row belongs in the filtered table. Without
 *   wildcards @search is a substring of the tag, binary or description,
 *   ignoring case.
 */
gboolean
pm_tag_row_matches (PmTagRow   *self,
                    const char *search,
                    gboolean    wildcard)
{
  g_return_val_if_fail (PM_IS_TAG_ROW (self), FALSE);

  if (search == NULL || search[0] == 0)
    return TRUE;

  if (wildcard)
    return pm_tag_pattern_match (search, strlen (search), self->name, strlen (self->name));

  return strstr (self->haystack, search) != NULL;
}
