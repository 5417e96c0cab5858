/* pm-pooltag-index.h: which pooltag.txt entry names a tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C with no GLib. The one place where the lookup rule of pooltag.txt
 * is written, for the sampler and libpoolstats alike:
 *
 *  - an exact entry ("Io", "AfdB") beats every wildcard entry ("Afd?");
 *  - among exact entries for one tag, the first in the file wins;
 *  - among wildcard entries that match, the first in the file wins;
 *  - trailing blanks are not significant: the entry "Io" names "Io  ".
 *
 * The index holds entry numbers and borrowed tag spans; the caller keeps
 * the text and whatever else an entry carries (driver, description).
 */
#pragma once

#include <stddef.h>

typedef struct _PmPooltagIndex PmPooltagIndex;

/* With @cache_answers, a four-byte tag's answer is kept after its first
 * lookup, so a wildcard scan happens once per distinct tag (the sampler
 * looks up every tag of every snapshot for months); lookups then change
 * the index, so one index must not be looked up from two threads. Without
 * it, lookups only read. Returns NULL when out of memory. */
PmPooltagIndex *pm_pooltag_index_new           (int             cache_answers);

/* Adds the next entry (numbered from 0 in the order of the calls) for
 * @tag, which must stay valid as long as the index. Returns its number,
 * or -1 when out of memory. */
long            pm_pooltag_index_add           (PmPooltagIndex *self,
                                                const char     *tag,
                                                size_t          tag_len);

/* Returns the number of the entry that names @tag, or -1 when none does. */
long            pm_pooltag_index_lookup        (PmPooltagIndex *self,
                                                const char     *tag,
                                                size_t          tag_len);

size_t          pm_pooltag_index_get_n_entries (PmPooltagIndex *self);
void            pm_pooltag_index_free          (PmPooltagIndex *self);
