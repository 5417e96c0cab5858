/* pmchart.h: the one header to include for the GTK-free chart library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-palette.h"
#include "pm-chart-layout.h"
#include "pm-time-ticks.h"
#include "pm-elapsed-ticks.h"
#include "pm-decimate.h"
#include "pm-series-style.h"
#include "pm-zoom-history.h"
#include "pm-chart-renderer.h"
#include "pm-heatmap-renderer.h"
#include "pm-bars-renderer.h"
#include "pm-leaks-renderer.h"
#include "pm-export.h"
