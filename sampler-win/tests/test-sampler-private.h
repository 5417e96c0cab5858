/* test-sampler-private.h: what the two halves of test-sampler share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-sampler-test.h"

/* The header line every snapshot file starts with, spelled out here rather
 * than taken from pm-format.h, so that the test checks the format. */
#define PM_TEST_HEADER                                                             \
  "\"DateTime\",\"DateTimeUTC\",\"Tag\",\"PagedAllocs\",\"PagedFrees\","    \
  "\"PagedDiff\",\"PagedUsedBytes\",\"NonPagedAllocs\",\"NonPagedFrees\","  \
  "\"NonPagedDiff\",\"NonPagedUsedBytes\",\"TotalUsedBytes\",\"Binary\","   \
  "\"Description\"\r\n"

char **make_argv                  (const char *line,
                                   int        *argc);
void   test_sampler_add_run_tests (void);
