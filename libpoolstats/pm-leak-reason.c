/* pm-leak-reason.c: the leak finder's one line in words per tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "grew steadily in both boots, 130 KiB/h ± 8 %; still growing in the last
 * third", or for a tag that does not leak what it does instead: levels off
 * (a cache), gives back (a burst), one level step, follows its peers'
 * workload, wanders, zero most of the time.
 */
#include "pm-leak-work.h"

#include <math.h>
#include <string.h>

static char *
format_amount (double   value,
               gboolean bytes)
{
  double v = fabs (value);
  const char *sign = value < 0 ? "-" : "";

  if (!bytes)
    return v >= 100 ? g_strdup_printf ("%s%.0f", sign, v) : g_strdup_printf ("%s%.3g", sign, v);
  if (v >= 1024.0 * 1024 * 1024)
    return g_strdup_printf ("%s%.1f GiB", sign, v / (1024.0 * 1024 * 1024));
  if (v >= 1024.0 * 1024)
    return g_strdup_printf ("%s%.1f MiB", sign, v / (1024.0 * 1024));
  if (v >= 1024.0)
    return g_strdup_printf ("%s%.1f KiB", sign, v / 1024.0);
  return g_strdup_printf ("%s%.0f B", sign, v);
}

/* "130 KiB/h ± 8 %" or "12.5 allocs/h ± 20 %". */
static char *
format_rate (double   rate,
             double   low,
             double   high,
             gboolean bytes)
{
  g_autofree char *amount = format_amount (rate, bytes);
  double half = 0.5 * (high - low);

  if (rate > 0 && isfinite (half) && 100.0 * half / rate < 0.5)
    return g_strdup_printf ("%s%s/h ± <1 %%", amount, bytes ? "" : " allocs");
  if (rate > 0 && isfinite (half))
    return g_strdup_printf ("%s%s/h ± %.0f %%", amount, bytes ? "" : " allocs", 100.0 * half / rate);
  return g_strdup_printf ("%s%s/h", amount, bytes ? "" : " allocs");
}

static char *
time_text (PmLeakWork *w,
           guint       snapshot)
{
  g_autofree char *full = pm_format_timestamp (w->times[snapshot]);

  /* To the minute is enough in a sentence. */
  if (strlen (full) > 16)
    full[16] = '\0';
  return g_strdup (full);
}

static void
append_peers (GString          *out,
              PmLeakWork       *w,
              const PmLeakSeries *series)
{
  for (guint i = 0; i < series->n_peers; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "",
                            pm_dataset_get_tag_name (w->dataset, series->peers[i]));
  g_string_append_printf (out, " (r %.2f)", fabs (series->peer_r[0]));
}

char *
_pm_leak_make_reason (PmLeakWork         *w,
             guint               tag,
             guint               m,
             const PmLeakAnswer *a,
             const PmLeakTag    *t)
{
  GString *out = g_string_new (NULL);
  const PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
  gboolean bytes = pm_metric_is_bytes (w->metrics[m]);
  g_autofree char *rate = format_rate (a->rate, a->rate_low, a->rate_high, bytes);
  g_autofree char *amp = format_amount (a->amplitude, bytes);
  guint first_seen = w->seg_snapshot[(gsize) tag * w->n_boots];
  gboolean peers_explain = _pm_leak_work_peers_explain (w, series);
  gboolean paused = FALSE;
  /* A material climb with a significant trend (slope interval above zero)
   * in the boot that decided, which only the tests against a random walk
   * judged no steadier than a wander: a tag without peers and one whose
   * workload was taken away both say so. */
  gboolean climbs_like_wander = a->boot < w->n_boots && a->z >= w->th->z_leak && a->rate_low > 0
                                && series->fits[a->boot].rise >= _pm_leak_min_rise (w, m);

  switch (t->verdict == PM_LEAK_VERDICT_NONE ? a->pattern : PM_LEAK_PATTERN_GROWS)
    {
    case PM_LEAK_PATTERN_GROWS:
      if (t->verdict == PM_LEAK_VERDICT_LEAK && a->reboots > 0)
        {
          g_autofree char *fall = format_amount (a->reboot_fall, bytes);
          g_autofree char *jump = format_amount (a->reboot_jump, bytes);

          if (a->reboots == 1)
            g_string_append_printf (out, "fell back by %s at the reboot", fall);
          else
            g_string_append_printf (out, "fell back at each of its %u reboots, by %s on average", a->reboots, fall);
          g_string_append_printf (out, ", %s since each boot began: a leak restarting at each boot "
                                  "(within its boots it never jumped by more than %s)", rate, jump);
          if (peers_explain)
            {
              g_string_append (out, "; within its boots it moves with the workload of ");
              append_peers (out, w, series);
            }
          break;
        }
      else if (t->verdict == PM_LEAK_VERDICT_LEAK && a->combined_z > 0 && a->combined_after > 0)
        g_string_append_printf (out, "grew in its last %u of %u boots taken together (z %.1f combined; %u clearly "
                                "on its own), %s; the %s before lay flat (a leak that started later)",
                                a->judged - a->combined_after, a->judged, a->combined_z, a->growing, rate,
                                a->combined_after == 1 ? "boot" : "boots");
      else if (t->verdict == PM_LEAK_VERDICT_LEAK && a->combined_z > 0)
        g_string_append_printf (out, "grew in %s taken together (z %.1f combined; %u clearly on its own), %s",
                                a->judged == 2 ? "both boots" : "every boot", a->combined_z,
                                a->growing, rate);
      else if (t->verdict == PM_LEAK_VERDICT_LEAK && a->growing == a->judged)
        g_string_append_printf (out, "grew steadily in %s, %s",
                                a->judged == 1 ? "its boot" : a->judged == 2 ? "both boots" : "every boot",
                                rate);
      else if (t->verdict == PM_LEAK_VERDICT_LEAK && a->still > 0)
        g_string_append_printf (out, "grew steadily in %u of %u boots, %s, and moved by under half %s in "
                                "each of the other %u (the leaking code ran in %s alone)",
                                a->growing, a->judged, rate, a->growing == 1 ? "that climb" : "the least climb",
                                a->still, a->growing == 1 ? "that boot" : "those boots");
      else if (t->verdict == PM_LEAK_VERDICT_LEAK)
        g_string_append_printf (out, "grew steadily in %u of %u boots (the others agree or cannot tell), %s",
                                a->growing, a->judged, rate);
      else if (a->paused)
        g_string_append_printf (out, "grew %s, then stopped in %s (a line, then flat: a cache filled to its cap, or a leak that paused)",
                                rate, a->growing == 1 ? "the boot it grew in" : "every boot it grew in");
      else if (a->warming)
        g_string_append_printf (out, "grew %s from its first appearance, slowing down along a cache's curve (a cache loaded mid-run, still warming up, or a leak)",
                                rate);
      else if (a->kin_climbed)
        g_string_append_printf (out, "grew %s in 1 of %u boots, where most of the tags it moves with climbed too (a workload group rising together, or a leak: that boot cannot tell)",
                                rate, a->judged);
      else if (a->n_shared > 0)
        {
          g_string_append_printf (out, "grew %s, but its wiggles about its climb go with those of %u other climbing tags (",
                                  rate, a->n_shared);
          for (guint i = 0; i < MIN (a->n_shared, G_N_ELEMENTS (a->shared_with)); i++)
            g_string_append_printf (out, "%s%s", i ? ", " : "",
                                    pm_dataset_get_tag_name (w->dataset, a->shared_with[i]));
          g_string_append_printf (out, "%s; r %.2f): a workload rising through the boot, or leaks that follow it",
                                  a->n_shared > G_N_ELEMENTS (a->shared_with) ? ", …" : "", a->shared_r);
        }
      else if (a->curve_ratio > 0)
        g_string_append_printf (out, "grew in %s taken together, %s, but along a cache's curve in each (a smooth "
                                "saturating curve leaves %.0f %% of a line's residuals): caches warming up again "
                                "after every reboot, or a leak",
                                a->judged == 2 ? "both boots" : "every boot", rate, 100 * a->curve_ratio);
      else if (a->kept)
        {
          g_autofree char *fall = format_amount (a->kept_fall, bytes);
          g_autofree char *gained = format_amount (a->kept_gained, bytes);
          g_autofree char *when = time_text (w, w->boot_start[a->kept_boot + 1]);

          if (a->growing == a->judged)
            g_string_append_printf (out, "grew steadily in %s, %s", a->judged == 2 ? "both boots" : "every boot",
                                    rate);
          else
            g_string_append_printf (out, "grew in %u of %u boots, %s", a->growing, a->judged, rate);
          if (a->kept_fall <= 0)
            g_string_append_printf (out, ", but kept all of the %s it had gained when the machine rebooted at %s",
                                    gained, when);
          else
            g_string_append_printf (out, ", but the reboot at %s took only %s of the %s it had gained", when, fall,
                                    gained);
          g_string_append (out, " (a reboot frees what leaked): a workload or a wandering level, carried on "
                                "through the reboot");
        }
      else if (a->growing > 0)
        g_string_append_printf (out, "grew in %u of %u boots, %s; not enough for a leak",
                                a->growing, a->judged, rate);
      else if (a->boot < w->n_boots && !series->fits[a->boot].group && a->z >= w->th->z_leak
               && series->fits[a->boot].trend.slope_low > 0
               && series->fits[a->boot].drift_z < w->th->drift_z_leak
               && series->fits[a->boot].clarity < w->th->clarity_leak
               && series->fits[a->boot].asym_z < w->th->asym_z_leak)
        /* A trend the test calls clear, but no steadier than a walk's:
         * say what it lacked (docs/leaks.md, steps 4 and 6). */
        g_string_append_printf (out, "grows %s, but no more steadily than a slow wander could (drift z %.2f, "
                                "clarity %.1f; z %.1f after the autocorrelation correction)",
                                rate, series->fits[a->boot].drift_z, series->fits[a->boot].clarity, a->z);
      else
        g_string_append_printf (out, "grows %s, but the evidence is weak (z %.1f after the autocorrelation correction)",
                                rate, a->z);
      paused = (t->verdict == PM_LEAK_VERDICT_LEAK || a->paused) && a->boot < w->n_boots
               && series->fits[a->boot].pause > 0;
      if (t->verdict == PM_LEAK_VERDICT_LEAK && !paused)
        g_string_append (out, a->steady >= w->th->steady_min
                              ? "; still growing in the last third"
                              : a->boot < w->n_boots && series->fits[a->boot].asym_z < w->th->asym_z_leak
                              ? "; its last third flat only within the noise (no cache's curve fits better than the line)"
                              : "; in steps never given back, none in the last third");
      if (t->verdict == PM_LEAK_VERDICT_LEAK && a->ran_less > 0)
        g_string_append_printf (out, "; %u %s slower but never falling back (the leaking code ran less there)",
                                 a->ran_less, a->ran_less == 1 ? "boot" : "boots");
      if (t->verdict == PM_LEAK_VERDICT_LEAK && a->beneath > 0)
        g_string_append_printf (out, "; %u %s falling less than its workload (beyond it, climbing at that rate)",
                                a->beneath, a->beneath == 1 ? "boot" : "boots");
      if (t->verdict == PM_LEAK_VERDICT_LEAK && a->not_run > 0 && a->still == 0)
        g_string_append_printf (out, "; %u %s without a climb (the leaking code did not run there)",
                                a->not_run, a->not_run == 1 ? "boot" : "boots");
      if (t->growth_start_snapshot != G_MAXUINT && a->boot < w->n_boots
          && t->growth_start_snapshot > w->seg_snapshot[(gsize) tag * w->n_boots + a->boot]
          && t->growth_start_snapshot > w->boot_start[a->boot])
        {
          g_autofree char *when = time_text (w, t->growth_start_snapshot);

          g_string_append_printf (out, "; from %s", when);
        }
      if (paused)
        {
          const PmLeakFit *fit = &series->fits[a->boot];
          guint b0 = w->seg_block[(gsize) tag * w->n_boots + a->boot];
          g_autofree char *when = time_text (w, w->block_start[b0 + fit->pause]);

          /* Growth then flat, not a cache's smooth curve (pm-leak-fit.c). */
          g_string_append_printf (out, a->paused ? "; flat from %s"
                                       : "; paused from %s (a line, then flat: not a cache's smooth curve)",
                                  when);
        }
      if (a->boot < w->n_boots && series->fits[a->boot].floor)
        g_string_append (out, "; on its floor (the lowest tenth of each block: bursts given back left out)");
      if (a->boot < w->n_boots && series->fits[a->boot].cycle_hours > 0)
        g_string_append_printf (out, series->fits[a->boot].cycle_fitted
                                     ? "; with its %.2g h workload cycle taken away"
                                     : "; over whole cycles of its %.2g h workload cycle",
                                series->fits[a->boot].cycle_hours);
      /* The boot that decided was judged on what the peers leave, or on
       * its own (its growth kept its own fit: the peers shared only its
       * shape there, or its cycle or its floors were judged). */
      if (peers_explain)
        {
          g_string_append (out, a->boot < w->n_boots && series->fits[a->boot].beyond_peers
                                ? "; beyond the workload it shares with "
                                : "; its own climb, beside the workload it shares with ");
          append_peers (out, w, series);
        }
      /* The rate beyond that workload disagreed with what the reboots
       * gave back (pm-leak-reboot.c, _pm_leak_reboots_rate()). */
      if (t->verdict == PM_LEAK_VERDICT_LEAK && a->rate_reboots > 0)
        {
          g_autofree char *beyond = format_rate (a->beyond_rate, NAN, NAN, bytes);

          g_string_append_printf (out, "; the rate is what %s gave back (beyond that workload it climbed %s)",
                                  a->rate_reboots == 1 ? "its reboot" : "its reboots", beyond);
        }
      break;
    case PM_LEAK_PATTERN_LEVELS_OFF:
      g_string_append_printf (out, "levelled off: rose %s, then flat in the last third (a cache warming up)", amp);
      break;
    case PM_LEAK_PATTERN_GIVEN_BACK:
      g_string_append_printf (out, "rose %s, then gave %.0f %% of it back (a burst)", amp,
                              100 * MIN (a->given_back, 1.0));
      break;
    case PM_LEAK_PATTERN_STEP:
      g_string_append_printf (out, "one level step (range %s), flat before and after", amp);
      break;
    case PM_LEAK_PATTERN_WORKLOAD:
      g_string_append (out, "follows the workload of ");
      append_peers (out, w, series);
      /* What the workload leaves may climb clearly by the trend test and
       * still be judged no steadier than a wander (docs/leaks.md, step 3
       * of "A leak hidden in a workload"). */
      if (climbs_like_wander)
        g_string_append_printf (out, "; beyond it climbs %s, but no more steadily than a slow wander could", rate);
      else
        g_string_append (out, "; no trend of its own");
      break;
    case PM_LEAK_PATTERN_WANDERS:
      g_string_append_printf (out, "wanders slowly (range %s); no trend beyond it", amp);
      break;
    case PM_LEAK_PATTERN_FALLS:
      g_string_append_printf (out, "goes down, %s", rate);
      break;
    case PM_LEAK_PATTERN_MOSTLY_ZERO:
      g_string_append (out, "zero most of the time");
      break;
    case PM_LEAK_PATTERN_TOO_SHORT:
      g_string_append (out, "present too briefly to judge");
      break;
    case PM_LEAK_PATTERN_ABSENT:
      g_string_append (out, "never present in the range");
      break;
    case PM_LEAK_PATTERN_FLAT:
      /* Say that, not "no material trend". */
      if (climbs_like_wander)
        {
          g_string_append_printf (out, "climbs %s, but no more steadily than a slow wander could (range %s)",
                                  rate, amp);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case PM_LEAK_PATTERN_GROWS_WEAKLY:
    case PM_LEAK_N_PATTERNS:
    default:
      g_string_append_printf (out, "no material trend (range %s)", amp);
      break;
    }

  if (first_seen != G_MAXUINT && first_seen > w->first && a->pattern != PM_LEAK_PATTERN_ABSENT)
    {
      g_autofree char *when = time_text (w, first_seen);

      g_string_append_printf (out, "; judged from its first appearance at %s", when);
    }
  return g_string_free (out, FALSE);
}

