/* pm-leak.h: which tags leak — a verdict per tag, with the evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every tag, over outstanding allocations (TotalDiff) and bytes
 * (TotalUsedBytes) together, or over one metric: each boot of the lab
 * machine is judged on its own from the tag's first presence in it (a robust
 * Theil–Sen slope, a Mann–Kendall trend test corrected for autocorrelation,
 * and the shapes that look like growth and are not: a cache levelling off, a
 * burst given back, a single level step, wandering with the workload). The
 * boots are then combined into a verdict, a score to rank by and a reason in
 * words. docs/leaks.md describes the method and every threshold.
 */
#pragma once

#include <gio/gio.h>

#include "pm-dataset.h"

G_BEGIN_DECLS

/**
 * PmLeakVerdict:
 * @PM_LEAK_VERDICT_NONE: no evidence of a leak
 * @PM_LEAK_VERDICT_SUSPECT: grows, but the evidence falls short of a leak
 *   (too weak, not in enough boots, or too little)
 * @PM_LEAK_VERDICT_LEAK: grows steadily in the boots where it is seen
 */
typedef enum
{
  PM_LEAK_VERDICT_NONE,
  PM_LEAK_VERDICT_SUSPECT,
  PM_LEAK_VERDICT_LEAK,
} PmLeakVerdict;

/**
 * PmLeakPattern:
 *
 * What a tag's series looked like in one boot (and, for the tag, in the
 * boot that decided its verdict).
 */
typedef enum
{
  PM_LEAK_PATTERN_GROWS,          /* steady growth, still growing at the end */
  PM_LEAK_PATTERN_GROWS_WEAKLY,   /* grows, evidence too weak for a leak */
  PM_LEAK_PATTERN_FLAT,           /* no trend */
  PM_LEAK_PATTERN_FALLS,          /* goes down */
  PM_LEAK_PATTERN_LEVELS_OFF,     /* grew, then flat: a cache warming up */
  PM_LEAK_PATTERN_GIVEN_BACK,     /* grew, then fell back: a burst */
  PM_LEAK_PATTERN_STEP,           /* one level step, flat on both sides */
  PM_LEAK_PATTERN_WANDERS,        /* wanders slowly; no trend beyond it */
  PM_LEAK_PATTERN_WORKLOAD,       /* follows the workload of its peers */
  PM_LEAK_PATTERN_MOSTLY_ZERO,    /* zero most of the time */
  PM_LEAK_PATTERN_TOO_SHORT,      /* too few snapshots to tell */
  PM_LEAK_PATTERN_ABSENT,         /* never present */
  PM_LEAK_N_PATTERNS
} PmLeakPattern;

/**
 * PmLeakThresholds:
 * @max_points: a boot's series is averaged into at most this many blocks
 *   before the trend statistics (bounds the cost, shortens the memory of
 *   the noise)
 * @min_points: fewer blocks than this in a boot: too short to judge
 * @z_leak: the autocorrelation-corrected Mann–Kendall z a growing boot needs
 * @z_suspect: the z that makes a boot's growth worth a suspect
 * @drift_z_leak: the z of the mean increment against the noise's long-run
 *   variance (robust to random walks) a growing boot needs, unless
 *   @clarity_leak is met
 * @clarity_leak: rise over the largest deviation from the fitted line; a
 *   climb this clear counts as growing even when the drift z is short
 * @z_white: when the residuals from the line barely remember (lag-1
 *   autocorrelation at most @white_rho_max), a z this high is growth
 *   without the drift or clarity tests (so is it in residuals that
 *   revert fast, @revert_t_max)
 * @white_rho_max: see @z_white
 * @drift_z_suspect: the drift z that makes weak growth a suspect, unless
 *   @clarity_suspect is met
 * @clarity_suspect: the clarity that makes weak growth a suspect
 * @clarity_min: below this the growth is lost in wandering, unless
 *   @clarity_white_min is met
 * @steady_min: the slope over the last third of the growth over the slope
 *   of the whole growth; less is a cache levelling off
 * @given_back_max: the share of its peak rise a tag may give back by the
 *   end of a boot and still count as growing
 * @step_ratio: a single level step fits this much better (residual sum of
 *   squares ratio) than the growth line: a step
 * @start_gain: a later growth start must cut the residuals by this share
 * @mostly_zero: the share of snapshots at zero that makes a tag mostly zero
 * @min_rise_allocs: less growth than this in a boot (allocations) is noise
 * @min_rise_bytes: the same in bytes
 * @peer_r_min: a peer correlates at least this much with the tag
 *   (Pearson r of the block increments)
 *   or 4/√(number of increments), whichever is larger
 * @peer_trend_max: a peer whose own series is this much a straight line
 *   (R² on time) cannot tell workload from trend and is not used
 * @peer_max: at most this many peers explain a tag's workload
 * @peer_explained_min: the share of the increments' variance the peers must
 *   explain for the tag to count as following the workload
 * @peer_candidates_max: tags given the peer analysis, at most (the most
 *   trend-like first)
 * @consistent_share: a boot after the first growing one that does not
 *   grow itself still agrees with a leak when its slope's interval reaches
 *   this share of the leak's rate (a short or noisy boot); one that does
 *   not contradicts it
 * @clarity_partial: when a later boot's slope falls short of
 *   @consistent_share of the rate (only its interval reaches it), the
 *   growing boots need this clarity, or @drift_z_partial
 * @drift_z_partial: see @clarity_partial
 * @z_white_clear: ... or, over at least 4 × @min_points blocks whose
 *   residuals from the line are white (lag-1 autocorrelation at most
 *   @white_rho_max: no walk), this corrected trend z
 * @asym_z_leak: the rise over the scale of the falling block increments
 *   (√(2 Σ d²) over d < 0; a random walk falls as much as it rises, a
 *   staircase of bursts never freed only by the noise) that makes a
 *   growing boot without the drift or clarity tests
 * @asym_z_suspect: the same for weak growth
 * @z_combined: boots that each grow at least weakly, agree on the rate and
 *   none contradicts: the Stouffer combination of their corrected z
 *   (weighted by √blocks) a leak needs
 * @drift_z_combined: and the Stouffer combination of their drift z (or of
 *   their asymmetry z) it needs
 * @rate_hetero_z: the boots' slopes differ beyond their intervals (Cochran's
 *   Q against χ², as a normal z) above this, and the largest is more than
 *   @rate_ratio_max times the smallest: not one leak's rate
 * @rate_ratio_max: see @rate_hetero_z
 * @stair_middle_min: growth whose last third is flat is still not a cache
 *   levelling off when its middle third rises at least this share of its
 *   first third's slope (a cache slows down smoothly) and it never gives
 *   anything back (@asym_z_leak): a staircase between bursts
 * @peer_workload_max: at most this many peers (the @peer_max that explain
 *   the tag first) give the workload's shape and trend in each boot, so
 *   that a median over them is not moved by a leaking peer or two
 * @clarity_skip: in a boot of at least 4 × @min_points blocks whose residuals
 *   barely remember (lag-1 autocorrelation at most @white_rho_max), the clarity
 *   leaves out this many of the largest deviations from the line (lone
 *   spikes of heavy-tailed noise: a block more than three times as far as
 *   both its neighbours and six times as far as the median block; at most 8)
 * @cycle_r_min: a boot that does not grow is judged again over the means of
 *   whole cycles of its own workload when the autocorrelation of its
 *   increments peaks at least this high at one lag (and at least half as
 *   high at twice that lag), with at least @min_points cycles in the boot
 * @cycle_few: a boot with at least this many whole cycles of a sharp
 *   workload (found in its increments) whose cycle means do not show growth
 *   is judged with the cycle, fitted jointly with a line (a Fourier basis
 *   at the cycle and its harmonics, or one level per phase bin), taken away
 * @cycle_pulse_min: with fewer than 3 cycles in the boot, where twice the
 *   cycle cannot confirm it, the autocorrelation's peak must be at least
 *   this many times its robust spread over the other lags
 * @cycle_bins_min: a cycle of at least this many snapshots is taken away
 *   as one level per phase bin of a snapshot (a sawtooth's flush is a step
 *   between two bins); a shorter one, whose phase drifts across the
 *   snapshots, by its harmonics
 * @cycle_phase_min: growth found with the cycle taken away counts only
 *   when it rises over the boot at least this many times the cycle's range
 *   over its length in snapshots (what the fitted cycle drifting one
 *   snapshot of phase against the workload's over the boot would add)
 * @idle_max: a boot after a growing one whose whole range stays below this
 *   share of what the leak's rate would have added over it, and of the
 *   least rise of the growing boots, is idle (the leaking code did not
 *   run): it neither grows nor contradicts, and the growing boots must
 *   then be clear, as after a boot that did not grow;
 *   a boot before the first growing one whose range stays below this share
 *   of that and of the least rise of the growing boots is quiet (the leak
 *   had not started), the same way, unless it is long and levelled off
 * @cache_curve_max: a boot that levels off over fewer than 4 ×
 *   @min_points blocks does so plainly — contradicting a leak whatever its
 *   slope, as a longer one does — when a cache's curve leaves at most this
 *   share of the growth line's residuals
 * @cache_curves_max: two boots or more that level off along a cache's
 *   curve leaving at most this share of the growth line's residuals
 *   contradict a leak together, whatever their length and slope
 * @not_run_clear_min: a boot after a growing one that does not keep pace
 *   with the leak and shows no sign of it (no climb; flat or wandering over
 *   a range under the least rise of the growing boots, or falling over one
 *   below @idle_max of it) is one where the leaking code did not run, when
 *   at least this many growing boots are clear
 * @not_run_growing_min: ... or at least this many boots grow
 * @still_share: a short growing boot clear by one of @clarity_partial
 *   and @drift_z_partial + 1, not both, counts as clear (one such boot
 *   carries a leak; beside boots where the leaking code did not run,
 *   @not_run_clear_min of them do) when every other judged boot moved over
 *   a range under this share of the least climb of the growing boots ...
 * @still_boots_min: ... and at least this many did (the tag has shown its
 *   own moves over weeks: a walk or a workload that made those climbs
 *   would have moved as far elsewhere)
 * @fall_boots_max: over a tag's N judged boots, a boot falls against a
 *   leak only at the z that one of N independent boots reaches by chance as
 *   seldom as one boot reaches -@z_suspect (N at most this; 1: at
 *   -@z_suspect in any number of boots); a weaker fall after the first
 *   growing boot, over a range under the least rise of the growing boots,
 *   is one where the leaking code did not run, as for @not_run_clear_min,
 *   and before it, moves as a wander does
 * @group_excess_z: a tag whose trend (per unit of the workload's shape it
 *   shares with two or more peers) exceeds the least-climbing peer's (the
 *   second least, of four or more) by this many standard errors climbs
 *   beyond its workload: the boot grows (in a boot of at least
 *   2 × @min_points blocks)
 * @group_excess_share: and that excess is at least this share of the
 *   larger of the tag's trend and the least-climbing peer's, in size
 * @group_least_fall_max: and, when the tag's trend rises, the
 *   least-climbing peer falls by at most this many times it; and what the
 *   shared shape leaves of the tag and of that peer is noise, not a curve
 *   (lag-1 autocorrelation at most @group_rho_max)
 * @pause_fit_ratio: growth whose last third is flat is a leak that paused,
 *   not a cache levelling off, when growth then flat (a line up to a knee,
 *   flat after it) leaves at most this share of the residual sum of squares
 *   of the best smooth saturating curve (a cache's exponential or hyperbolic
 *   approach to its level), and the growth before the knee is a line (its
 *   second half rises at between @stair_middle_min and 1 / @stair_middle_min
 *   of its first half's slope), in a boot of at least 4 × @min_points
 *   blocks; the boot is then judged on its growth up to the knee, and a tag
 *   that paused so in every boot it grew in is a suspect, not a leak (a
 *   cache that filled to its cap looks the same)
 * @level_fit_ratio: in a boot of at least 4 × @min_points blocks, growth
 *   whose last third is flat levels off only when the best smooth saturating
 *   curve leaves at most this share of the growth line's residual sum of
 *   squares; otherwise the flat third is noise and the boot counts as
 *   growing when it passes the tests of growth
 * @cache_falls_max: a tag that slows down or falls on its own is not made
 *   a leak by growth beyond its peers when what they explain of it goes one
 *   way, back by at most this share of its moves (caches warming up, or
 *   pools trimmed, together at their own paces)
 * @floor_quantile: a boot that does not grow on its block averages is
 *   judged again on its blocks' floors, this quantile of each block's
 *   snapshots (leaked objects stay, bursts of work given back within a
 *   block do not lift it)
 * @floor_block_min: only when its blocks hold at least this many
 *   snapshots on average
 * @floor_bursts_min: and only for a tag with bursts given back: the median
 *   of its block averages above their low quantiles is at least this many
 *   times the quantiles' block-to-block noise (about 1 for a walk; white
 *   noise with many snapshots a block gives more)
 * @floor_quartile_blocks: in a boot of this many blocks or more, that noise
 *   is also measured on the lower quartile of the quantiles' absolute
 *   increments (a tag busy most of the time has more than half its blocks
 *   lifted by bursts that outlast a block; a quartile of fewer increments
 *   is too loose, and a walk of 16 blocks passed)
 * @floor_quartile_ratio: and that measure counts only when the median's is
 *   at least this many times it (for one normal noise the two agree; so
 *   far apart, the increments are a mix, most of them lifted by bursts)
 * @kin_climbed_share: a tag that grew in one boot alone of two or more,
 *   where most of the tags it moves with climbed too, is a suspect, not a
 *   leak: of the tags whose increments go with its own (r at least the
 *   peers' threshold) and were judged in the boot, three or more and at
 *   least this share grew there by their own fits (a workload group rising
 *   together, as under a load that ramps up through a boot; its members
 *   that grew are no peers, having grown in half their boots, so no peer
 *   is left to explain it)
 * @clarity_white_min: in a boot of at least 4 × @min_points blocks whose
 *   residuals barely remember (@white_rho_max) and whose corrected trend z
 *   reaches @z_white_clear, the clarity a growing boot needs (heavy-tailed
 *   noise: its largest deviations are several times its spread, while the
 *   trend test, on ranks, is not moved by them); also that of a tag's own
 *   boot that climbed as a staircase (@asym_z_leak reached, its last third
 *   not slowing down: a few jumps stray far from their line)
 * @peer_rise_share: the share of @min_rise_allocs that a boot's growth
 *   beyond its peers' workload needs (bytes need the whole @min_rise_bytes)
 * @pooled_r2_min: the loadings on its peers fitted over all its boots
 *   serve a boot whose own regression cannot tell workload from time
 *   when they explain at least this share of the tag's movement about
 *   each boot's line
 * @pooled_reach_max: and when the workload they take away from the boot
 *   spans at most this many times the standard deviation of what they
 *   explain about the boots' lines
 * @peer_slope_z: what a boot's peers leave is known no better than their
 *   regression told its trend from their loadings: its slope's interval
 *   spans at least this many standard errors of the regression's time term
 *   either side (0: the interval of the remainder's own fit alone)
 * @ran_less_asym_z: a boot that climbs at under @consistent_share of a
 *   leak's rate, its slope's interval above zero, still agrees with the
 *   leak (weakly) when it gave nothing back: its asymmetry z reaches this
 *   (a staircase's boot with fewer bursts; a walk, a workload or a cache
 *   gives back or levels off)
 * @ran_less_z: ... or when, judged on its own series (not beyond its
 *   peers), its trend z corrected for autocorrelation reaches this (a
 *   clear rise of its own, whatever noise it gave back)
 * @peer_beyond_shape_min: of a tag that grows on its own in a boot, the
 *   peers are its workload only when they explain at least this share of
 *   its movement about its own growth (each boot's hinge at its growth
 *   start, over its boots); peers that explain less share only its
 *   growth's shape (leaks that began at other times), not a workload, and
 *   the boots where it grows on its own keep its own fits
 * @shared_r_min: a tag flagged leak whose peers explain nothing wiggles
 *   alike with another tag that climbed in the same boot (by its own fit,
 *   before any peers) when their departures from their own curves there
 *   (least squares on a line and a square of time) correlate at least
 *   this much
 * @shared_z_min: ... and Fisher's z of that correlation reaches this over
 *   the effective number of blocks (Bartlett: fewer, the more slowly both
 *   departures change)
 * @shared_partners_min: a leak that wiggles alike with at least this many
 *   tags in every boot it grows in is a suspect: a workload rising
 *   through the boot (its tags climb together along its curve), or leaks
 *   that follow it; one boot cannot tell which (0: never)
 * @reboot_z_min: a tag that is no leak by its boots is one when at every
 *   reboot it spans it fell back by at least this many standard errors
 *   (each side's level from a line over the nearest blocks; 0: never), ...
 * @reboot_jump_ratio: ... by at least this many times the largest jump
 *   the same measure finds within its boots, ...
 * @reboot_gained_min: ... when the boots before gained at least this
 *   share of what the reboots took, taken together, and its boots' second
 *   halves rose at least @steady_min of what their first halves rose (not
 *   a cache's curve), ...
 * @reboots_min: ... at this many reboots or more (one fall alone may be a
 *   cache trimmed at that reboot, or a change made there)
 * @reboot_peer_z_min: a leak that grew only beyond its peers' workload,
 *   one of whose peers fell back at the reboots by this many standard
 *   errors or more, summed (by the metric's least rise, gained in the
 *   boots before, each fall @reboot_jump_ratio times its largest jump
 *   within a boot), leaks beside peers that leak: its rate is then what
 *   its own reboots gave back, when that and the rate beyond the peers
 *   disagree
 * @curve_combined_max: a tag that is a leak only by its boots' combined
 *   evidence is a suspect when a smooth saturating curve, fitted to each
 *   of its boots, leaves at most this share of a line's residuals (their
 *   mean weighted by blocks): caches warming up again after every reboot
 *   (0: never)
 * @reboot_kept_max: a leak by its boots is a suspect when, at the reboot
 *   after one of its growing boots, it gave back less than this share of
 *   what it gained there (the fall's 95 % upper bound; the gain at the
 *   lesser of the boot's and the tag's rate; the shortfall at least
 *   @reboot_jump_ratio times its largest jump within a boot, and no peer
 *   rising there): what a reboot does not free was not leaked (0: never)
 * @group_rho_max: see @group_least_fall_max; noise that remembers more
 *   than white noise is allowed for (the standard errors are widened for
 *   it), a smooth curve left over (caches warming up together at their
 *   own paces) is not
 * @revert_t_max: over at least 2 × @min_points blocks whose residuals
 *   from the line fall back towards it fast (their Dickey–Fuller t, each
 *   residual's change regressed on the residual before it, at most this),
 *   a trend z of @z_white with a sign of weak growth (@drift_z_suspect,
 *   @clarity_suspect or @asym_z_suspect) is growth: noise that remembers
 *   but does not wander reverts so, a random walk's residuals do not (of
 *   300,000 simulated walks, 5 more boots grew with it); and boots whose
 *   residuals revert so, each at a z of @z_leak, combine as boots whose
 *   residuals are white do
 * @asym_z_partial: a growing boot that must be clear on its own (see
 *   @clarity_partial) also is with this asymmetry z, a corrected trend z
 *   of @z_white and a last third at twice @steady_min of its slope, over
 *   at least 2 × @min_points blocks of the tag's own block averages: a
 *   climb that never fell back by more than the noise (a walk falls as
 *   much as it rises) and did not slow down, a staircase, whose jumps
 *   keep its clarity and drift z low
 * @revert_t_combined: boots whose residuals revert combine (see
 *   @revert_t_max) at this Dickey–Fuller t too, over at least 2 ×
 *   @min_points blocks, at a z of @z_leak and with a slope interval above
 *   zero each: every boot must then rise, the rates agree and their
 *   Stouffer z reach @z_combined, which a walk seldom does in one boot
 *   and far more seldom in each
 *
 * Every threshold the leak finder uses, in one place. pm_leak_thresholds_default()
 * gives the documented defaults (docs/leaks.md).
 */
typedef struct
{
  guint  max_points;
  guint  min_points;
  double z_leak;
  double z_suspect;
  double drift_z_leak;
  double clarity_leak;
  double z_white;
  double white_rho_max;
  double drift_z_suspect;
  double clarity_suspect;
  double clarity_min;
  double steady_min;
  double given_back_max;
  double step_ratio;
  double start_gain;
  double mostly_zero;
  double min_rise_allocs;
  double min_rise_bytes;
  double peer_r_min;
  double peer_trend_max;
  guint  peer_max;
  double peer_explained_min;
  guint  peer_candidates_max;
  double consistent_share;
  double clarity_partial;
  double drift_z_partial;
  double z_white_clear;
  double asym_z_leak;
  double asym_z_suspect;
  double z_combined;
  double drift_z_combined;
  double rate_hetero_z;
  double rate_ratio_max;
  double stair_middle_min;
  guint  peer_workload_max;
  guint  clarity_skip;
  double cycle_r_min;
  guint  cycle_few;
  double cycle_pulse_min;
  double cycle_bins_min;
  double cycle_phase_min;
  double idle_max;
  double cache_curve_max;
  double cache_curves_max;
  guint  not_run_clear_min;
  guint  not_run_growing_min;
  double still_share;
  guint  still_boots_min;
  guint  fall_boots_max;
  double group_excess_z;
  double group_excess_share;
  double group_least_fall_max;
  double pause_fit_ratio;
  double level_fit_ratio;
  double cache_falls_max;
  double floor_quantile;
  guint  floor_block_min;
  double floor_bursts_min;
  guint  floor_quartile_blocks;
  double floor_quartile_ratio;
  double kin_climbed_share;
  double clarity_white_min;
  double peer_rise_share;
  double pooled_r2_min;
  double pooled_reach_max;
  double peer_slope_z;
  double ran_less_asym_z;
  double ran_less_z;
  double peer_beyond_shape_min;
  double shared_r_min;
  double shared_z_min;
  guint  shared_partners_min;
  double reboot_z_min;
  double reboot_jump_ratio;
  double reboot_gained_min;
  guint  reboots_min;
  double reboot_peer_z_min;
  double curve_combined_max;
  double reboot_kept_max;
  double group_rho_max;
  double revert_t_max;
  double asym_z_partial;
  double revert_t_combined;
} PmLeakThresholds;

const PmLeakThresholds *pm_leak_thresholds_default (void);

/**
 * PmLeakOptions:
 * @both: judge on TotalDiff and TotalUsedBytes together (the default;
 *   when the files lack their columns, the non-paged or else the paged
 *   ones); when FALSE, on @metric alone
 * @metric: the one metric, when @both is FALSE
 * @time_base: the times the rates are per hour of
 * @first: the first snapshot of the range
 * @n_snapshots: snapshots in the range; %G_MAXUINT for all up to the end
 * @thresholds: (nullable): %NULL for pm_leak_thresholds_default()
 * @n_threads: worker threads; 0 for the number of cores, at most 2
 *
 * Initialise with pm_leak_options_init().
 */
typedef struct
{
  gboolean                both;
  PmMetric                metric;
  PmTimeBase              time_base;
  guint                   first;
  guint                   n_snapshots;
  const PmLeakThresholds *thresholds;
  guint                   n_threads;
} PmLeakOptions;

/**
 * PmLeakSegment:
 * @metric: the metric the line is in
 * @boot: the boot (0 = the first in the range)
 * @first_snapshot: the first snapshot judged (the tag's first presence in
 *   the boot, or the range's start)
 * @last_snapshot: the last snapshot judged
 * @start_time: where the fitted line starts (seconds, in the time base):
 *   the growth start
 * @end_time: where it ends (the boot's last snapshot)
 * @start_value: the line's value at @start_time, in the metric's units
 * @slope: the line's slope, units per hour (Theil–Sen)
 * @slope_low: the lower end of its 95 % confidence interval
 * @slope_high: the upper end
 * @z: the Mann–Kendall z, corrected for autocorrelation
 * @pattern: what the boot looked like
 * @growing: whether the boot counts as growing
 *
 * One boot of one tag over one metric: the fitted trend line, for drawing
 * dashed over the series, and what was made of it. The line runs from
 * (@start_time, @start_value) to @end_time with @slope per hour; draw it
 * only over a chart of the same @metric (pm_leak_result_get_metrics() says
 * which were judged). For a boot whose workload was taken away (the tag's
 * peers), it is the line of what is left, which lies near the series' mean
 * level. For a tag that is a leak by what its reboots gave back, it is that
 * rate from the boot's first block: what the leak added since the boot
 * began.
 */
typedef struct
{
  PmMetric       metric;
  guint          boot;
  guint          first_snapshot;
  guint          last_snapshot;
  gint64         start_time;
  gint64         end_time;
  double         start_value;
  double         slope;
  double         slope_low;
  double         slope_high;
  double         z;
  PmLeakPattern  pattern;
  gboolean       growing;
} PmLeakSegment;

/**
 * PmLeakTag:
 * @tag: the dataset tag index
 * @verdict: leak, suspect or none
 * @pattern: what decided it
 * @score: evidence to rank by, 0 to 100: leaks above 66, suspects 33 to 66
 * @bytes_per_hour: the rate in bytes (NaN when bytes were not judged)
 * @bytes_per_hour_low: its 95 % interval
 * @bytes_per_hour_high:
 * @allocs_per_hour: the rate in outstanding allocations (NaN when not judged)
 * @allocs_per_hour_low:
 * @allocs_per_hour_high:
 * @growth_start: where growth started (seconds), or %G_MININT64
 * @growth_start_snapshot: the snapshot, or %G_MAXUINT
 * @boots_growing: boots in which the tag grew
 * @boots_total: boots in which it was present long enough to judge
 * @growth_bytes: last minus first present value over the range (bytes; 0
 *   when not judged)
 * @growth_allocs: the same in outstanding allocations
 * @peers: (array length=n_peers): the tags whose workload it follows,
 *   most correlated first
 * @n_peers:
 * @reason: one line in words
 *
 * The leak finder's answer for one tag.
 */
typedef struct
{
  guint          tag;
  PmLeakVerdict  verdict;
  PmLeakPattern  pattern;
  double         score;
  double         bytes_per_hour;
  double         bytes_per_hour_low;
  double         bytes_per_hour_high;
  double         allocs_per_hour;
  double         allocs_per_hour_low;
  double         allocs_per_hour_high;
  gint64         growth_start;
  guint          growth_start_snapshot;
  guint          boots_growing;
  guint          boots_total;
  gint64         growth_bytes;
  gint64         growth_allocs;
  guint          peers[4];
  guint          n_peers;
  char          *reason;
} PmLeakTag;

/**
 * PmLeakResult:
 *
 * The leak finder's answers for every tag of a dataset (TOTAL is not
 * judged). Immutable and reference counted.
 */
typedef struct _PmLeakResult PmLeakResult;

#define PM_TYPE_LEAK_RESULT (pm_leak_result_get_type ())

void             pm_leak_options_init            (PmLeakOptions     *options);

PmLeakResult    *pm_leak_analyse                 (PmDataset         *dataset,
                                                  const PmLeakOptions *options,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
void             pm_leak_analyse_async           (PmDataset         *dataset,
                                                  const PmLeakOptions *options,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
PmLeakResult    *pm_leak_analyse_finish          (GAsyncResult      *result,
                                                  GError           **error);

GType            pm_leak_result_get_type         (void) G_GNUC_CONST;
PmLeakResult    *pm_leak_result_ref              (PmLeakResult      *self);
void             pm_leak_result_unref            (PmLeakResult      *self);
PmDataset       *pm_leak_result_get_dataset      (PmLeakResult      *self);
gboolean         pm_leak_result_get_both         (PmLeakResult      *self);
PmMetric         pm_leak_result_get_metric       (PmLeakResult      *self);
const PmMetric  *pm_leak_result_get_metrics      (PmLeakResult      *self,
                                                  guint             *n_metrics);
guint            pm_leak_result_get_first        (PmLeakResult      *self);
guint            pm_leak_result_get_n_snapshots  (PmLeakResult      *self);
guint            pm_leak_result_get_n_boots      (PmLeakResult      *self);
guint            pm_leak_result_get_n_tags       (PmLeakResult      *self);
const PmLeakTag *pm_leak_result_get_tag          (PmLeakResult      *self,
                                                  guint              tag);
const guint     *pm_leak_result_get_ranking      (PmLeakResult      *self,
                                                  guint             *n_tags);
const PmLeakSegment *pm_leak_result_get_segments (PmLeakResult      *self,
                                                  guint              tag,
                                                  guint             *n_segments);
guint            pm_leak_result_count            (PmLeakResult      *self,
                                                  PmLeakVerdict      verdict);

const char      *pm_leak_verdict_to_string       (PmLeakVerdict      verdict);
const char      *pm_leak_pattern_to_string       (PmLeakPattern      pattern);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmLeakResult, pm_leak_result_unref)

G_END_DECLS
