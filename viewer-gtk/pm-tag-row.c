/* pm-tag-row.c: one tag in the tag table's list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Holds a tag's names and figures for the column view. Only "shown" and
 * "rgba" change after creation (the cells bind to them); new figures come
 * with new rows.
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
