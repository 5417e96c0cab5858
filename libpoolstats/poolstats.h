/* poolstats.h: the one header to include for libpoolstats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-types.h"
#include "pm-dataset.h"
#include "pm-gaps.h"
#include "pm-lod.h"
#include "pm-file.h"
#include "pm-loader.h"
#include "pm-run-set.h"
#include "pm-run-compare.h"
#include "pm-pooltag.h"
#include "pm-tag-table.h"
#include "pm-rank.h"
#include "pm-corr.h"
#include "pm-cluster.h"
#include "pm-query.h"
#include "pm-leak.h"
#include "pm-store.h"
#include "pm-follower.h"
#include "pm-follow-schedule.h"
