/* pm-part.c: the rows of one input file, column by column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader's threads each fill parts; pm_dataset_builder_end() merges
 * them. A part holds only the columns its file has.
 */
#include "pm-dataset-private.h"
#include "pm-part-slab-private.h"

#include <string.h>

PmPart *
_pm_part_new (const char *file)
{
  PmPart *part = g_new0 (PmPart, 1);

  part->file = g_strdup (file);
  part->snapshots = g_array_new (FALSE, FALSE, sizeof (PmPartSnapshot));
  part->tag_info = g_array_new (FALSE, FALSE, sizeof (PmPartTagInfo));
  part->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_problem_free);

  return part;
}

static void
part_free_rows (PmPart *part)
{
  if (part->slab != NULL)
    {
      /* The columns are the slab's: the part only lets go of them. */
      part->tags = NULL;
      part->paged_diff = part->non_paged_diff = part->allocs = NULL;
      part->paged_used = part->non_paged_used = part->total_used = NULL;
      _pm_part_slab_unref (part->slab);
      part->slab = NULL;
      part->capacity = 0;
      return;
    }
  g_clear_pointer (&part->tags, g_free);
  g_clear_pointer (&part->paged_diff, g_free);
  g_clear_pointer (&part->non_paged_diff, g_free);
  g_clear_pointer (&part->paged_used, g_free);
  g_clear_pointer (&part->non_paged_used, g_free);
  g_clear_pointer (&part->total_used, g_free);
  g_clear_pointer (&part->allocs, g_free);
  part->capacity = 0;
}

void
_pm_part_free (PmPart *part)
{
  if (part == NULL)
    return;

  part_free_rows (part);
  for (guint i = 0; i < part->tag_info->len; i++)
    {
      PmPartTagInfo *info = &g_array_index (part->tag_info, PmPartTagInfo, i);
      g_free (info->binary);
      g_free (info->description);
    }
  g_array_unref (part->tag_info);
  g_array_unref (part->snapshots);
  g_ptr_array_unref (part->problems);
  g_free (part->file);
  g_free (part);
}

static void
grow_column (gpointer *column,
             gsize     element_size,
             guint     old_capacity,
             guint     new_capacity,
             gboolean  wanted)
{
  if (!wanted)
    return;
  *column = g_realloc_n (*column, new_capacity, element_size);
  if (new_capacity > old_capacity)
    memset ((char *) *column + (gsize) old_capacity * element_size, 0,
            (gsize) (new_capacity - old_capacity) * element_size);
}

static void
part_resize (PmPart *part,
             guint   capacity)
{
  guint old;

  _pm_part_leave_slab (part);
  old = part->capacity;
  grow_column ((gpointer *) &part->tags, 4, old, capacity, TRUE);
  grow_column ((gpointer *) &part->paged_diff, 4, old, capacity,
               part->have & PM_ROW_HAVE_PAGED_DIFF);
  grow_column ((gpointer *) &part->non_paged_diff, 4, old, capacity,
               part->have & PM_ROW_HAVE_NON_PAGED_DIFF);
  grow_column ((gpointer *) &part->paged_used, 8, old, capacity,
               part->have & PM_ROW_HAVE_PAGED_USED);
  grow_column ((gpointer *) &part->non_paged_used, 8, old, capacity,
               part->have & PM_ROW_HAVE_NON_PAGED_USED);
  grow_column ((gpointer *) &part->allocs, 4, old, capacity,
               part->have & PM_ROW_HAVE_ALLOCS);
  grow_column ((gpointer *) &part->total_used, 8, old, capacity,
               part->have & PM_ROW_HAVE_TOTAL_USED);
  part->capacity = capacity;
}

/* Room for @capacity values, the first @n_zero of them 0. */
static gpointer
new_column (guint capacity,
            guint n_zero,
            gsize element_size)
{
  gpointer column = g_malloc_n (capacity, element_size);

  memset (column, 0, (gsize) MIN (n_zero, capacity) * element_size);
  return column;
}

/* Adds storage for columns a (possibly repeated) header names; rows read
 * before it read 0 there. */
void
_pm_part_add_columns (PmPart *part,
                      guint   have)
{
  guint capacity = part->capacity;

  if ((part->have | have) == part->have)
    return;
  _pm_part_leave_slab (part);
  capacity = part->capacity;

  part->have |= have;
  part->capacity = 0;
  /* Reallocating from capacity 0 would zero everything: grow from the rows we
   * have, only the new columns start from NULL. */
  if (capacity > 0)
    {
      guint keep = capacity;

      part->capacity = keep;
      /* Only the rows already read need their 0: every row after writes
       * every column the part has (the room is usually the last file's
       * row count, reserved before the header was read). */
      if ((have & PM_ROW_HAVE_PAGED_DIFF) && part->paged_diff == NULL)
        part->paged_diff = new_column (keep, part->n_rows, sizeof (guint32));
      if ((have & PM_ROW_HAVE_NON_PAGED_DIFF) && part->non_paged_diff == NULL)
        part->non_paged_diff = new_column (keep, part->n_rows, sizeof (guint32));
      if ((have & PM_ROW_HAVE_PAGED_USED) && part->paged_used == NULL)
        part->paged_used = new_column (keep, part->n_rows, sizeof (gint64));
      if ((have & PM_ROW_HAVE_NON_PAGED_USED) && part->non_paged_used == NULL)
        part->non_paged_used = new_column (keep, part->n_rows, sizeof (gint64));
      if ((have & PM_ROW_HAVE_TOTAL_USED) && part->total_used == NULL)
        part->total_used = new_column (keep, part->n_rows, sizeof (gint64));
      if ((have & PM_ROW_HAVE_ALLOCS) && part->allocs == NULL)
        part->allocs = new_column (keep, part->n_rows, sizeof (guint32));
    }
}

void
_pm_part_reserve (PmPart *part,
                  guint   n_more)
{
  guint needed = part->n_rows + n_more;

  if (needed > part->capacity)
    part_resize (part, MAX (needed, MAX (64, part->capacity + part->capacity / 2)));
}

/* Gives back what growth over-allocated, once a file is read. */
void
_pm_part_shrink (PmPart *part)
{
  if (part->capacity > part->n_rows)
    part_resize (part, MAX (part->n_rows, 1));
}

void
_pm_part_add_row (PmPart            *part,
                  guint32            tag,
                  const PmRowValues *values)
{
  guint row;

  _pm_part_add_columns (part, values->have);
  _pm_part_reserve (part, 1);

  row = part->n_rows++;
  part->tags[row] = tag;
  if (values->have & PM_ROW_HAVE_PAGED_DIFF)
    part->paged_diff[row] = values->paged_diff;
  if (values->have & PM_ROW_HAVE_NON_PAGED_DIFF)
    part->non_paged_diff[row] = values->non_paged_diff;
  if (values->have & PM_ROW_HAVE_PAGED_USED)
    part->paged_used[row] = values->paged_used;
  if (values->have & PM_ROW_HAVE_NON_PAGED_USED)
    part->non_paged_used[row] = values->non_paged_used;
  if (values->have & PM_ROW_HAVE_TOTAL_USED)
    part->total_used[row] = values->total_used;
  if (values->have & PM_ROW_HAVE_ALLOCS)
    part->allocs[row] = values->allocs;
}

void
_pm_part_add_problem (PmPart     *part,
                      guint       line,
                      const char *format,
                      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  part->n_problems++;
  if (part->problems->len >= PM_MAX_PROBLEMS_PER_FILE)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (part->problems, pm_problem_new (part->file, line, message));
}

/* Binary and Description as UTF-8 whatever the file held: text that is not
 * UTF-8 is taken for Windows-1252, the code page such files come from, and
 * anything else for Latin-1, which every byte string is. */
static char *
text_to_utf8 (const char *text,
              gsize       len)
{
  char *utf8;

  if (g_utf8_validate (text, len, NULL))
    return g_strndup (text, len);
  if ((utf8 = g_convert (text, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL)) != NULL ||
      (utf8 = g_convert (text, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL)) != NULL)
    return utf8;
  return g_utf8_make_valid (text, len);
}

void
_pm_part_add_tag_info (PmPart     *part,
                       guint32     tag,
                       const char *binary,
                       gsize       binary_len,
                       const char *description,
                       gsize       description_len)
{
  PmPartTagInfo info;

  if (binary_len == 0 && description_len == 0)
    return;

  info.tag = tag;
  info.binary = text_to_utf8 (binary ? binary : "", binary_len);
  info.description = text_to_utf8 (description ? description : "", description_len);
  g_array_append_val (part->tag_info, info);
}
