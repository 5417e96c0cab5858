/* pm-part-slab.c: the rows of many parts in a few large blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A load holds every part's rows until the merge: 32 bytes a row, 276 MB
 * for the 3,000 x 2,880 folder, and every 4 KiB of it fresh memory that
 * faults when first written. On a virtual machine those faults cost more
 * than parsing the rows (measured: +60 % CPU for a reader that keeps its
 * parts against one that frees each). So a reader thread fills a part in
 * ordinary memory, which it reuses file after file, and once the file is
 * read moves the rows into a slab: a block of 16 MiB on huge pages where
 * the system lends them (pm-bigmem.c), which parts fill one after another.
 * Each part holds a reference on its slab; the last part freed frees it
 * (slabs are not kept for a later load: their pages would count as the
 * process's memory meanwhile). A part in a slab that has to grow again
 * first moves back out of it.
 */
#include "pm-part-slab-private.h"

#include <string.h>

#include "pm-bigmem-private.h"

#define SLAB_BYTES  (16u << 20)
#define SLAB_ALIGN  16

struct _PmPartSlab
{
  gint   ref;
  gsize  used;
  char  *data;
};

static PmPartSlab *
slab_new (void)
{
  PmPartSlab *slab = g_new0 (PmPartSlab, 1);

  slab->ref = 1;
  slab->data = _pm_big_alloc (SLAB_BYTES);
  return slab;
}

void
_pm_part_slab_unref (PmPartSlab *slab)
{
  if (slab != NULL && g_atomic_int_dec_and_test (&slab->ref))
    {
      _pm_big_free (slab->data);
      g_free (slab);
    }
}

static gsize
column_bytes (gconstpointer column,
              guint         n_rows,
              gsize         element_size)
{
  if (column == NULL)
    return 0;
  return ((gsize) n_rows * element_size + SLAB_ALIGN - 1) & ~(gsize) (SLAB_ALIGN - 1);
}

/* Moves one column into @slab, or out of it (@slab NULL). */
static void
move_column (gpointer   *column,
             guint       n_rows,
             gsize       element_size,
             PmPartSlab *slab)
{
  gsize bytes = (gsize) n_rows * element_size;
  gpointer to;

  if (*column == NULL)
    return;
  if (slab != NULL)
    {
      to = slab->data + slab->used;
      slab->used += column_bytes (*column, n_rows, element_size);
    }
  else
    to = g_malloc (MAX (bytes, 1));
  memcpy (to, *column, bytes);
  if (slab != NULL)
    g_free (*column);
  *column = to;
}

#define PART_COLUMNS(part, n, slab)                                                  \
  move_column ((gpointer *) &(part)->tags, n, 4, slab);                             \
  move_column ((gpointer *) &(part)->paged_diff, n, 4, slab);                       \
  move_column ((gpointer *) &(part)->non_paged_diff, n, 4, slab);                   \
  move_column ((gpointer *) &(part)->paged_used, n, 8, slab);                       \
  move_column ((gpointer *) &(part)->non_paged_used, n, 8, slab);                   \
  move_column ((gpointer *) &(part)->total_used, n, 8, slab);                       \
  move_column ((gpointer *) &(part)->allocs, n, 4, slab)

/**
 * _pm_part_move_to_slab:
 * @slab: (inout): the calling thread's slab being filled, replaced by a
 *   new one when the part does not fit in what is left of it
 *
 * Moves @part's rows into a slab and frees the memory they were in (the
 * thread's next part reuses it). The part's capacity becomes its row count.
 *
 * Returns: FALSE, leaving the part as it was, when it has no rows, is in a
 *   slab already, or is larger than a slab
 */
gboolean
_pm_part_move_to_slab (PmPart      *part,
                       PmPartSlab **slab)
{
  guint n = part->n_rows;
  gsize need;

  if (part->slab != NULL || n == 0)
    return FALSE;
  need = column_bytes (part->tags, n, 4) + column_bytes (part->paged_diff, n, 4) +
         column_bytes (part->non_paged_diff, n, 4) + column_bytes (part->paged_used, n, 8) +
         column_bytes (part->non_paged_used, n, 8) + column_bytes (part->total_used, n, 8) +
         column_bytes (part->allocs, n, 4);
  if (need > SLAB_BYTES)
    return FALSE;
  if (*slab == NULL || SLAB_BYTES - (*slab)->used < need)
    {
      _pm_part_slab_unref (*slab);
      *slab = slab_new ();
    }

  PART_COLUMNS (part, n, *slab);
  g_atomic_int_inc (&(*slab)->ref);
  part->slab = *slab;
  part->capacity = n;
  return TRUE;
}

/**
 * _pm_part_leave_slab:
 *
 * Gives @part's rows memory of their own again, so they can grow or be
 * freed one by one; nothing when the part is in no slab.
 */
void
_pm_part_leave_slab (PmPart *part)
{
  if (part->slab == NULL)
    return;
  PART_COLUMNS (part, part->n_rows, NULL);
  _pm_part_slab_unref (part->slab);
  part->slab = NULL;
}
