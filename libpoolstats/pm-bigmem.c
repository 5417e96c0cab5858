/* pm-bigmem.c: scratch buffers of tens of megabytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window of plain cells for 3,000 tags is 12 MB a column: filled from
 * fresh memory, that is three thousand page faults a column, which on a
 * virtual machine cost more than the work done in the window. On huge
 * pages where the system lends them (Linux, transparent huge pages on
 * madvise) it is a handful. Contents are not cleared.
 */
#include "pm-bigmem-private.h"

#include <stdlib.h>
#if defined(__linux__)
# include <sys/mman.h>
#endif

#define BIG (4u << 20)
#define HUGE_PAGE (2u << 20)

gpointer
_pm_big_alloc (gsize size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  void *p = NULL;

  if (size >= BIG && posix_memalign (&p, HUGE_PAGE, size) == 0)
    {
      madvise (p, size, MADV_HUGEPAGE);
      return p;
    }
#endif
  return g_malloc (MAX (size, 1));
}

void
_pm_big_free (gpointer data)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  free (data);          /* posix_memalign() and g_malloc() both pair with free() */
#else
  g_free (data);
#endif
}
