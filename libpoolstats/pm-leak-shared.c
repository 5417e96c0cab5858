/* pm-leak-shared.c: leaks that wiggle alike, a workload rising through a boot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One short boot on the rising flank of the day's workload gives every tag
 * that follows it a climb like a leak's. When the workload is smooth, its
 * tags' block increments barely correlate (a steady rise only shifts their
 * mean), so the peer analysis (pm-leak-peers.c) finds no workload to take
 * away and each tag climbs on its own. What they still share is how they
 * wiggle about the curve they climb along: the workload's slow wander. A
 * leak, in noise of its own, wiggles alone, however many leaks there are,
 * and however alike their curves (leaks that speed up all bend the same
 * way, which is why the curve, a line and a square of time, is taken away
 * first).
 *
 * So a tag flagged leak whose peers explain nothing is a suspect when, in
 * every boot it grows in, its departures from that curve go with those of
 * shared_partners_min other tags or more that climbed there by their own
 * fits (before any peers were taken away: the workload's other tags,
 * whatever their verdicts): r at least shared_r_min, and Fisher's z of r
 * at least shared_z_min over the effective number of blocks that two
 * slowly changing series leave (Bartlett). That is a workload rising, or
 * leaks that follow it (a leak whose rate follows the work done); one boot
 * cannot tell which. A leak judged on what its workload leaves (beyond its
 * peers, over or without its cycle, on its floors) or on what its reboots
 * gave back (pm-leak-reboot.c) is left alone here (docs/leaks.md,
 * "Leaks that wiggle alike").
 */
#include "pm-leak-work.h"
#include "pm-corr.h"

#include <math.h>

/* One tag's climb in one boot: its departures from its least-squares curve
 * over blocks [from, to). */
typedef struct
{
  guint    tag;
  gboolean judged;        /* a leak to judge here; else only a partner */
  guint    from;
  guint    to;
  double  *resid;         /* its departures, to - from of them, centred
                           * and scaled to unit length */
  double   rho;           /* their lag-1 autocorrelation */
  guint    n_partners;
  guint    partners[3];   /* the closest, most alike first */
  double   partner_r[3];
} Climb;

/* The departures of Y (N blocks at hours T) from its least-squares curve
 * on 1, t and t²: the square taken as a polynomial orthogonal to the
 * other two, (t − t̄)² − c (t − t̄) − mean (t − t̄)². */
static void
departures (const double *t,
            const double *y,
            guint         n,
            double       *out)
{
  double tbar = 0, ybar = 0, sqbar = 0, s2 = 0, s3 = 0, sty = 0, c, sqq = 0, sqy = 0;

  for (guint i = 0; i < n; i++)
    {
      tbar += t[i] / n;
      ybar += y[i] / n;
    }
  for (guint i = 0; i < n; i++)
    {
      double d = t[i] - tbar;

      s2 += d * d;
      s3 += d * d * d;
      sty += d * (y[i] - ybar);
    }
  sqbar = s2 / n;
  c = s2 > 0 ? s3 / s2 : 0;
  for (guint i = 0; i < n; i++)
    {
      double d = t[i] - tbar, q = d * d - c * d - sqbar;

      sqq += q * q;
      sqy += q * (y[i] - ybar);
    }
  for (guint i = 0; i < n; i++)
    {
      double d = t[i] - tbar, q = d * d - c * d - sqbar;

      out[i] = y[i] - ybar - (s2 > 0 ? sty / s2 : 0) * d - (sqq > 0 ? sqy / sqq : 0) * q;
    }
}

/* The lag-1 autocorrelation of X (N values), at least 0. */
static double
lag_one (const double *x,
         guint         n)
{
  double m = 0, num = 0, den = 0;

  for (guint i = 0; i < n; i++)
    m += x[i] / n;
  for (guint i = 0; i < n; i++)
    {
      den += (x[i] - m) * (x[i] - m);
      if (i > 0)
        num += (x[i] - m) * (x[i - 1] - m);
    }
  return den > 0 ? MAX (num / den, 0) : 0;
}

/* Whether climbs A and B go together where both run: r at least
 * shared_r_min and Fisher's z, atanh r × √(n_eff − 3), at least
 * shared_z_min, with Bartlett's effective length n_eff = n (1 − ρa ρb) /
 * (1 + ρa ρb) for two series of lag-1 autocorrelations ρa and ρb (at
 * least 4: two smooth curves alike to r 0.99 and more still go together).
 * Over the same blocks (most pairs: both from the boot's start), r is the
 * product of their unit departures and ρ their own; else both are taken
 * over the blocks they share. Into *R, r. */
static gboolean
go_together (const PmLeakThresholds *th,
             const Climb            *a,
             const Climb            *b,
             double                 *r)
{
  guint from = MAX (a->from, b->from), n = a->to - from;
  const double *x = a->resid + (from - a->from), *y = b->resid + (from - b->from);
  double ra = a->rho, rb = b->rho, n_eff;

  if (a->from == b->from)
    {
      *r = 0;
      for (guint i = 0; i < n; i++)
        *r += x[i] * y[i];
    }
  else
    *r = pm_corr_pearson (x, y, n);
  if (!(*r >= th->shared_r_min))   /* NAN for a constant stretch */
    return FALSE;
  if (a->from != b->from)
    {
      ra = lag_one (x, n);
      rb = lag_one (y, n);
    }
  n_eff = n * (1 - ra * rb) / (1 + ra * rb);
  return atanh (MIN (*r, 0.9999)) * sqrt (MAX (n_eff - 3, 1)) >= th->shared_z_min;
}

/* Departures centred and scaled to unit length, in place; FALSE when
 * they are all the same (a climb that is exactly the curve). */
static gboolean
to_unit (double *x,
         guint   n)
{
  double m = 0, ss = 0;

  for (guint i = 0; i < n; i++)
    m += x[i] / n;
  for (guint i = 0; i < n; i++)
    {
      x[i] -= m;
      ss += x[i] * x[i];
    }
  if (!(ss > 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    x[i] /= sqrt (ss);
  return TRUE;
}

static void
add_partner (Climb *c,
             guint  tag,
             double r)
{
  guint slot = MIN (c->n_partners, G_N_ELEMENTS (c->partners));

  c->n_partners++;
  /* Keep the closest few, most alike first. */
  while (slot > 0 && c->partner_r[slot - 1] < r)
    {
      if (slot < G_N_ELEMENTS (c->partners))
        {
          c->partners[slot] = c->partners[slot - 1];
          c->partner_r[slot] = c->partner_r[slot - 1];
        }
      slot--;
    }
  if (slot < G_N_ELEMENTS (c->partners))
    {
      c->partners[slot] = tag;
      c->partner_r[slot] = r;
    }
}

/* Whether FIT, one boot of a tag whose answer is A, is one it grows in:
 * growing, or, for a leak by the boots' combined evidence with no boot
 * growing on its own, rising as a suspect. */
static gboolean
climbs_in (const PmLeakFit    *fit,
           const PmLeakAnswer *a)
{
  return _pm_leak_fit_judged (fit) && (fit->growing || (a->growing == 0 && fit->suspect));
}

/* Whether FIT, one boot of SERIES, was judged on what its workload
 * leaves: beyond the peers that explain it, over or without its own cycle,
 * on its floors (pm-leak-peers.c, pm-leak-cycle.c, pm-leak.c). Its raw
 * climb wiggles with that workload, which has been taken into account
 * already. */
static gboolean
judged_beyond_workload (PmLeakWork         *w,
                        const PmLeakSeries *series,
                        const PmLeakFit    *fit)
{
  return _pm_leak_work_peers_explain (w, series) || fit->cycle_hours > 0 || fit->floor;
}

/**
 * _pm_leak_shared_climbs:
 * @answers: each tag's answer over its deciding metric, changed in place
 * @metric: each tag's deciding metric
 *
 * Makes suspects of the leaks that wiggle alike with shared_partners_min
 * others or more in every boot they grow in (see above).
 */
void
_pm_leak_shared_climbs (PmLeakWork   *w,
                        PmLeakAnswer *answers,
                        const guint8 *metric)
{
  const PmLeakThresholds *th = w->th;
  g_autofree guint *growing_boots = NULL, *shared_boots = NULL;
  g_autofree Climb *closest = NULL;
  g_autoptr(GArray) climbs = g_array_new (FALSE, FALSE, sizeof (Climb));
  guint min_overlap = 2 * th->min_points;

  if (th->shared_partners_min == 0)
    return;
  growing_boots = g_new0 (guint, w->n_tags);
  shared_boots = g_new0 (guint, w->n_tags);
  closest = g_new0 (Climb, w->n_tags);

  for (guint k = 0; k < w->n_boots; k++)
    {
      g_array_set_size (climbs, 0);
      for (guint tag = 0; tag < w->n_tags; tag++)
        {
          const PmLeakAnswer *a = &answers[tag];
          PmLeakSeries *series = _pm_leak_work_series (w, metric[tag], tag);
          const PmLeakFit *fit = &series->fits[k];
          guint b0 = w->seg_block[(gsize) tag * w->n_boots + k];
          gboolean own_grew = w->own_growth[((gsize) metric[tag] * w->n_tags + tag) * w->n_boots + k]
                              == PM_LEAK_OWN_GREW;
          Climb c = { 0 };

          if (b0 == G_MAXUINT)
            continue;
          c.judged = a->verdict == PM_LEAK_VERDICT_LEAK && a->reboots == 0 && climbs_in (fit, a)
                     && !judged_beyond_workload (w, series, fit);
          if (!c.judged && !own_grew)
            continue;
          growing_boots[tag] += c.judged;
          c.tag = tag;
          /* A partner's climb over its whole segment: its own fit's growth
           * start may have changed with its peers. */
          c.from = c.judged ? b0 + fit->start : b0;
          c.to = w->boot_block[k + 1];
          if (c.to < c.from + min_overlap)
            continue;
          c.resid = g_new (double, c.to - c.from);
          departures (w->block_hours + c.from, _pm_leak_work_means (w, metric[tag], tag) + c.from,
                      c.to - c.from, c.resid);
          if (!to_unit (c.resid, c.to - c.from))
            {
              g_free (c.resid);
              continue;
            }
          c.rho = lag_one (c.resid, c.to - c.from);
          g_array_append_val (climbs, c);
        }

      for (guint i = 0; i < climbs->len; i++)
        {
          Climb *a = &g_array_index (climbs, Climb, i);

          if (g_cancellable_is_cancelled (w->cancellable))
            break;
          for (guint j = i + 1; j < climbs->len; j++)
            {
              Climb *b = &g_array_index (climbs, Climb, j);
              double r;

              /* Both run to the boot's end. */
              if ((!a->judged && !b->judged) || a->to < MAX (a->from, b->from) + min_overlap)
                continue;
              if (go_together (th, a, b, &r))
                {
                  add_partner (a, b->tag, r);
                  add_partner (b, a->tag, r);
                }
            }
        }

      for (guint i = 0; i < climbs->len; i++)
        {
          Climb *c = &g_array_index (climbs, Climb, i);

          if (c->judged && c->n_partners >= th->shared_partners_min)
            {
              shared_boots[c->tag]++;
              if (c->n_partners > closest[c->tag].n_partners)
                {
                  closest[c->tag] = *c;
                  closest[c->tag].resid = NULL;
                }
            }
          g_free (c->resid);
        }
    }

  /* Half counted: the analysis is being given up, and its answers with it. */
  if (g_cancellable_is_cancelled (w->cancellable))
    return;
  for (guint tag = 0; tag < w->n_tags; tag++)
    {
      PmLeakAnswer *a = &answers[tag];

      if (growing_boots[tag] == 0 || shared_boots[tag] < growing_boots[tag])
        continue;
      _pm_leak_answer_to_suspect (a);
      a->n_shared = closest[tag].n_partners;
      a->shared_r = closest[tag].partner_r[0];
      for (guint i = 0; i < G_N_ELEMENTS (a->shared_with); i++)
        a->shared_with[i] = closest[tag].partners[i];
      if (_pm_leak_debug_wanted (w, tag))
        g_printerr ("leak-debug %s wiggles alike with %u others (r %.2f with %s)\n",
                    pm_dataset_get_tag_name (w->dataset, tag), a->n_shared, a->shared_r,
                    pm_dataset_get_tag_name (w->dataset, a->shared_with[0]));
    }
}
