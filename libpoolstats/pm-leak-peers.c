/* pm-leak-peers.c: a tag's workload, explained by its peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tag that follows the day's workload wanders with the tags it shares
 * that workload with, and a leak can hide in such a tag. For the tags with
 * the most trend-like series, the peers are the tags whose block increments
 * correlate best with the tag's (Pearson r on increments: two tags that
 * both grow do not correlate by that alone). When they explain enough of
 * the increments, each boot's series is regressed on the peers' series and
 * on time together; what the peers explain is taken away, the time trend is
 * left in, and the rest is judged again (pm-leak-fit.c). When that finds no
 * growth, the workload is asked again free of the peers' own trends (the
 * median of up to peer_workload_max peers' trends), so that leaking peers
 * cannot explain a leak away; what it finds makes a suspect, or growing
 * boots when it is found in every judged boot (two or more).
 */
#include "pm-leak-work.h"

#include <math.h>
#include <string.h>

typedef struct
{
  double priority;
  guint  item;
} Candidate;

static int
by_priority (const void *a,
             const void *b)
{
  const Candidate *x = a, *y = b;

  return x->priority > y->priority ? -1 : x->priority < y->priority;
}

static gboolean
worth_peers (PmLeakWork   *w,
             PmLeakSeries *series)
{
  gboolean any = FALSE;

  /* A leak under a strong workload can have almost no trend of its own:
   * every tag that moves is a candidate, the most trend-like first. */
  for (guint k = 0; k < w->n_boots; k++)
    switch (series->fits[k].pattern)
      {
      case PM_LEAK_PATTERN_GROWS:
      case PM_LEAK_PATTERN_GROWS_WEAKLY:
      case PM_LEAK_PATTERN_WANDERS:
      case PM_LEAK_PATTERN_FLAT:
      case PM_LEAK_PATTERN_FALLS:
      case PM_LEAK_PATTERN_LEVELS_OFF:
      case PM_LEAK_PATTERN_GIVEN_BACK:
      case PM_LEAK_PATTERN_STEP:
        any = TRUE;
        break;
      default:
        break;
      }
  return any;
}

/**
 * _pm_leak_peers_run:
 *
 * Picks the series that get the peer analysis: those whose plain trend
 * test says something, the most trend-like first, at most
 * peer_candidates_max.
 */
void
_pm_leak_peers_run (PmLeakWork *w)
{
  g_autoptr(GArray) cands = g_array_new (FALSE, FALSE, sizeof (Candidate));

  w->own_growth = g_new (guint8, (gsize) w->n_metrics * w->n_tags * w->n_boots);

  /* Peers explain a workload: a tag with one level step or mostly zeros
   * has none to share, and one that grows in most of several boots leaks
   * on its own. Decided before any candidate's fits change. */
  for (guint m = 0; m < w->n_metrics; m++)
    for (guint tag = 0; tag < w->n_tags; tag++)
      {
        PmLeakSeries *series = _pm_leak_work_series (w, m, tag);

        guint8 *own = &w->own_growth[((gsize) m * w->n_tags + tag) * w->n_boots];
        guint judged = 0, growing = 0, moved_back = 0;

        series->can_be_peer = TRUE;
        for (guint k = 0; k < w->n_boots; k++)
          {
            own[k] = PM_LEAK_OWN_NOT_JUDGED;
            switch (series->fits[k].pattern)
              {
              case PM_LEAK_PATTERN_STEP:
              case PM_LEAK_PATTERN_MOSTLY_ZERO:
                series->can_be_peer = FALSE;
                break;
              case PM_LEAK_PATTERN_ABSENT:
              case PM_LEAK_PATTERN_TOO_SHORT:
                break;
              default:
                judged++;
                growing += series->fits[k].growing;
                moved_back += series->fits[k].pattern == PM_LEAK_PATTERN_FALLS
                              || series->fits[k].pattern == PM_LEAK_PATTERN_WANDERS;
                own[k] = series->fits[k].growing ? PM_LEAK_OWN_GREW
                         : series->fits[k].pattern == PM_LEAK_PATTERN_FALLS ? PM_LEAK_OWN_FELL
                         : PM_LEAK_OWN_FLAT;
                break;
              }
          }
        /* A tag that leaks itself, boot after boot, carries its own trend
         * into whatever it explains. One that grew in half its boots and
         * fell or wandered in another is a workload that went both ways
         * (up through one boot, down or about through the next) and stays
         * a peer; if it leaks after all, the second round takes it out
         * (_pm_leak_peers_again()). */
        if (judged >= 2 && 2 * growing >= judged && !(moved_back > 0 && 2 * growing == judged))
          series->can_be_peer = FALSE;
      }

  for (guint m = 0; m < w->n_metrics; m++)
    for (guint tag = 0; tag < w->n_tags; tag++)
      {
        PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
        Candidate c = { series->priority, m * w->n_tags + tag };

        if (worth_peers (w, series))
          g_array_append_val (cands, c);
      }
  if (cands->len > 1)
    qsort (cands->data, cands->len, sizeof (Candidate), by_priority);

  w->n_candidates = MIN (cands->len, w->th->peer_candidates_max);
  w->candidates = g_new (guint, MAX (w->n_candidates, 1));
  w->own_fits = g_new (PmLeakFit, (gsize) MAX (w->n_candidates, 1) * w->n_boots);
  for (guint i = 0; i < w->n_candidates; i++)
    {
      guint item = g_array_index (cands, Candidate, i).item;

      w->candidates[i] = item;
      memcpy (&w->own_fits[(gsize) i * w->n_boots],
              _pm_leak_work_series (w, item / w->n_tags, item % w->n_tags)->fits,
              sizeof (PmLeakFit) * w->n_boots);
    }
}

/* The series has no peers: none named, none explaining its workload. */
static void
forget_peers (PmLeakSeries *series)
{
  series->n_peers = 0;
  series->n_workload = 0;
  series->explained = 0;
}

/**
 * _pm_leak_peers_again:
 *
 * A leak hidden in a workload only shows once its peers are taken away;
 * then it must not serve as a peer of the others (its climb would be
 * taken for their workload's). After the first round, tags that grew in
 * most of their boots stop being peers, and the candidates that used one
 * are analysed again from their own fits. Returns whether any is; the
 * candidates left to do are the first w->n_candidates.
 */
gboolean
_pm_leak_peers_again (PmLeakWork *w)
{
  g_autofree guint8 *leaky = g_new0 (guint8, (gsize) w->n_metrics * w->n_tags);
  guint n_again = 0;

  for (guint m = 0; m < w->n_metrics; m++)
    for (guint tag = 0; tag < w->n_tags; tag++)
      {
        PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
        guint judged = 0, growing = 0;

        for (guint k = 0; k < w->n_boots; k++)
          if (_pm_leak_fit_judged (&series->fits[k]))
            {
              judged++;
              growing += series->fits[k].growing;
            }
        leaky[(gsize) m * w->n_tags + tag] = growing > 0 && 2 * growing >= judged;
      }

  for (guint i = 0; i < w->n_candidates; i++)
    {
      guint item = w->candidates[i], m = item / w->n_tags, tag = item % w->n_tags;
      PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
      gboolean redo = FALSE;

      if (series->explained < w->th->peer_explained_min)
        continue;
      for (guint j = 0; j < series->n_workload; j++)
        redo |= leaky[(gsize) m * w->n_tags + series->peers[j]];
      if (!redo)
        continue;
      memcpy (series->fits, &w->own_fits[(gsize) i * w->n_boots], sizeof (PmLeakFit) * w->n_boots);
      forget_peers (series);
      w->candidates[n_again] = item;
      memmove (&w->own_fits[(gsize) n_again * w->n_boots], &w->own_fits[(gsize) i * w->n_boots],
               sizeof (PmLeakFit) * w->n_boots);
      n_again++;
    }
  for (guint m = 0; m < w->n_metrics; m++)
    for (guint tag = 0; tag < w->n_tags; tag++)
      if (leaky[(gsize) m * w->n_tags + tag])
        _pm_leak_work_series (w, m, tag)->can_be_peer = FALSE;
  w->n_candidates = n_again;
  return n_again > 0;
}

/* Solves a (n × n, row-major) x = b in place (b becomes x) by Gaussian
 * elimination with partial pivoting. FALSE when singular. */
static gboolean
solve (double *a,
       double *b,
       guint   n)
{
  for (guint c = 0; c < n; c++)
    {
      guint p = c;

      for (guint r = c + 1; r < n; r++)
        if (fabs (a[r * n + c]) > fabs (a[p * n + c]))
          p = r;
      if (fabs (a[p * n + c]) < 1e-10)
        return FALSE;
      if (p != c)
        {
          for (guint k = 0; k < n; k++)
            {
              double tmp = a[c * n + k];

              a[c * n + k] = a[p * n + k];
              a[p * n + k] = tmp;
            }
          {
            double tmp = b[c];

            b[c] = b[p];
            b[p] = tmp;
          }
        }
      for (guint r = c + 1; r < n; r++)
        {
          double f = a[r * n + c] / a[c * n + c];

          for (guint k = c; k < n; k++)
            a[r * n + k] -= f * a[c * n + k];
          b[r] -= f * b[c];
        }
    }
  for (guint c = n; c-- > 0;)
    {
      for (guint k = c + 1; k < n; k++)
        b[c] -= a[c * n + k] * b[k];
      b[c] /= a[c * n + c];
    }
  return TRUE;
}

/* The least r of the increments for a peer: peer_r_min, higher with few
 * increments, where a high r comes by chance more easily. */
static double
peer_r_min (PmLeakWork   *w,
            const double *incs)
{
  guint n_incs = 0;

  for (guint b = 0; b < w->n_blocks; b++)
    n_incs += incs[b] != 0;
  return MAX (w->th->peer_r_min, 4.0 / sqrt (MAX (n_incs, 1)));
}

/* The r of two tags' increments (each centred and scaled to unit norm). */
static double
incs_r (PmLeakWork   *w,
        const double *c,
        const double *x)
{
  double r = 0;

  for (guint b = 0; b < w->n_blocks; b++)
    r += c[b] * x[b];
  return r;
}

/* The r of two tags' increments C and X within boots: each boot's
 * increments (where C has them) centred on their own means, and weighted
 * by the boot's boot_weight, so that white noise weighs alike in every
 * boot. Into *N_EFF, how many increments it rests on: (Σ w (n − 1))² /
 * Σ w² (n − 1) over the boots, n increments in a boot of weight w, less
 * the one its mean takes. A plain r lets the boot with the largest
 * increments speak for the run: a short boot's, mostly noise over a few
 * minutes, where of many tags some correlate with any other by chance;
 * and a leak that ran in some boots only climbs by its rate in those,
 * which a tag that happened to fall in the others shares. */
static double
within_boots_r (PmLeakWork   *w,
                const double *c,
                const double *x,
                double       *n_eff)
{
  double scc = 0, sxx = 0, scx = 0, s1 = 0, s2 = 0;

  for (guint k = 0; k < w->n_boots; k++)
    {
      guint b0 = w->boot_block[k], b1 = w->boot_block[k + 1], n = 0;
      double mc = 0, mx = 0, wk = w->boot_weight[k];

      for (guint b = b0; b < b1; b++)
        if (c[b] != 0)
          {
            mc += c[b];
            mx += x[b];
            n++;
          }
      if (n < 2 || wk == 0)
        continue;
      mc /= n;
      mx /= n;
      s1 += wk * (n - 1);
      s2 += wk * wk * (n - 1);
      for (guint b = b0; b < b1; b++)
        if (c[b] != 0)
          {
            scc += wk * (c[b] - mc) * (c[b] - mc);
            sxx += wk * (x[b] - mx) * (x[b] - mx);
            scx += wk * (c[b] - mc) * (x[b] - mx);
          }
    }
  *n_eff = s2 > 0 ? s1 * s1 / s2 : 0;
  return scc > 0 && sxx > 0 ? scx / sqrt (scc * sxx) : 0;
}

/* The most correlated peers on increments, best first: r at least r_min,
 * and within boots (within_boots_r()) of the same sign and at least
 * 4/√ of the increments that rests on. */
static guint
find_peers (PmLeakWork *w,
            guint       m,
            guint       tag,
            guint      *peers,
            double     *peer_r)
{
  const double *c = _pm_leak_work_incs (w, m, tag);
  guint n_peers = 0;
  guint want = MIN (MAX (w->th->peer_max, w->th->peer_workload_max), PM_LEAK_MAX_PEERS);
  double r_min = peer_r_min (w, c);

  for (guint u = 0; u < w->n_tags; u++)
    {
      double r, r_within, n_eff;
      guint pos;

      if (u == tag || !_pm_leak_work_series (w, m, u)->can_be_peer)
        continue;
      r = incs_r (w, c, _pm_leak_work_incs (w, m, u));
      if (fabs (r) < r_min)
        continue;
      r_within = within_boots_r (w, c, _pm_leak_work_incs (w, m, u), &n_eff);
      if (_pm_leak_debug_wanted (w, tag))
        g_printerr ("leak-debug %s m%u peer %s: r %.2f, within boots %.2f over %.0f increments\n",
                    pm_dataset_get_tag_name (w->dataset, tag), m, pm_dataset_get_tag_name (w->dataset, u),
                    r, r_within, n_eff);
      if (r * r_within <= 0 || fabs (r_within) < 4.0 / sqrt (MAX (n_eff, 1)))
        continue;
      for (pos = n_peers; pos > 0 && fabs (peer_r[pos - 1]) < fabs (r); pos--)
        if (pos < want)
          {
            peers[pos] = peers[pos - 1];
            peer_r[pos] = peer_r[pos - 1];
          }
      if (pos < want)
        {
          peers[pos] = u;
          peer_r[pos] = r;
          n_peers = MIN (n_peers + 1, want);
        }
    }
  return n_peers;
}

/* Whether tag U's own fit fell steadily in some boot. */
static gboolean
fell_elsewhere (PmLeakWork *w,
                guint       m,
                guint       u)
{
  for (guint k = 0; k < w->n_boots; k++)
    if (w->own_growth[((gsize) m * w->n_tags + u) * w->n_boots + k] == PM_LEAK_OWN_FELL)
      return TRUE;
  return FALSE;
}

/* Whether most of the tag's kin climbed in boot K on their own: of every
 * tag whose increments go with the tag's (r at least the peers' r_min),
 * judged in the boot, at least three, kin_climbed_share or more grew there
 * by their own fits. Peers that grew in half their boots are no peers (they
 * may leak), so in a boot where a whole workload group climbs the tag can
 * be left with one peer that happened not to, and its climb beyond that
 * peer is the group's: one boot cannot tell it from a leak. Kin that fell
 * steadily in another boot are a workload that rose and fell, not a group
 * leaking together; they stay peers, and their climb here is taken away
 * with theirs: they do not count as grown. */
gboolean
_pm_leak_kin_climbed (PmLeakWork *w,
                      guint       m,
                      guint       tag,
                      guint       k)
{
  const double *c = _pm_leak_work_incs (w, m, tag);
  guint n_kin = 0, n_grew = 0;
  double r_min = peer_r_min (w, c);

  for (guint u = 0; u < w->n_tags; u++)
    {
      guint8 own = w->own_growth[((gsize) m * w->n_tags + u) * w->n_boots + k];

      if (u == tag || own == PM_LEAK_OWN_NOT_JUDGED)
        continue;
      if (incs_r (w, c, _pm_leak_work_incs (w, m, u)) < r_min)
        continue;
      n_kin++;
      n_grew += own == PM_LEAK_OWN_GREW && !fell_elsewhere (w, m, u);
    }
  if (_pm_leak_debug_wanted (w, tag))
    g_printerr ("leak-debug %s m%u boot %u: %u kin, %u of them grew there\n",
                pm_dataset_get_tag_name (w->dataset, tag), m, k, n_kin, n_grew);
  return n_kin >= 3 && n_grew >= w->th->kin_climbed_share * n_kin;
}

/* The share of the tag's increments the peers' increments explain (R² of
 * a regression through the origin: both are centred). */
static double
explained_share (PmLeakWork  *w,
                 guint        m,
                 guint        tag,
                 const guint *peers,
                 guint        n_peers)
{
  const double *c = _pm_leak_work_incs (w, m, tag);
  double g[PM_LEAK_MAX_PEERS * PM_LEAK_MAX_PEERS], rhs[PM_LEAK_MAX_PEERS], keep[PM_LEAK_MAX_PEERS];
  double r2 = 0;

  for (guint i = 0; i < n_peers; i++)
    {
      const double *pi = _pm_leak_work_incs (w, m, peers[i]);

      rhs[i] = 0;
      for (guint b = 0; b < w->n_blocks; b++)
        rhs[i] += pi[b] * c[b];
      keep[i] = rhs[i];
      for (guint j = 0; j < n_peers; j++)
        {
          const double *pj = _pm_leak_work_incs (w, m, peers[j]);
          double s = 0;

          for (guint b = 0; b < w->n_blocks; b++)
            s += pi[b] * pj[b];
          g[i * n_peers + j] = s;
        }
    }
  if (!solve (g, rhs, n_peers))
    return 0;
  for (guint i = 0; i < n_peers; i++)
    r2 += rhs[i] * keep[i];
  return CLAMP (r2, 0, 1);
}

/* Least squares from the normal equations A (k × k, row-major) x = B,
 * coefficients n_free and after at least 0. Peers share the workload with
 * the tag: a negative loading would let curves that are not a workload
 * (caches warming up at their own pace) straighten one another into a
 * line. When the free fit gives one, the best fit with those coefficients
 * at least 0 (over every subset of them, the first n_free always in) is
 * taken instead. FALSE when the free fit cannot be made. */
static gboolean
fit_nonnegative (const double *a,
                 const double *b,
                 guint         k,
                 guint         n_free,
                 double       *x)
{
  double work[(PM_LEAK_MAX_PEERS + 1) * (PM_LEAK_MAX_PEERS + 1)];
  double best = -INFINITY;
  gboolean negative = FALSE;

  g_assert (k <= PM_LEAK_MAX_PEERS + 1);
  memcpy (work, a, sizeof (double) * k * k);
  memcpy (x, b, sizeof (double) * k);
  if (!solve (work, x, k))
    return FALSE;
  for (guint j = n_free; j < k; j++)
    negative |= x[j] < 0;
  if (!negative)
    return TRUE;
  for (guint mask = 0; mask < (1u << (k - n_free)); mask++)
    {
      guint cols[PM_LEAK_MAX_PEERS + 1], nc = 0;
      double sa[(PM_LEAK_MAX_PEERS + 1) * (PM_LEAK_MAX_PEERS + 1)], sb[PM_LEAK_MAX_PEERS + 1], fit = 0;
      gboolean ok = TRUE;

      for (guint j = 0; j < k; j++)
        if (j < n_free || (mask & (1u << (j - n_free))))
          cols[nc++] = j;
      for (guint r = 0; r < nc; r++)
        {
          sb[r] = b[cols[r]];
          for (guint c = 0; c < nc; c++)
            sa[r * nc + c] = a[cols[r] * k + cols[c]];
        }
      if (!solve (sa, sb, nc))
        continue;
      for (guint r = n_free; r < nc; r++)
        ok &= sb[r] >= 0;
      /* At the least-squares solution the explained sum of squares is
       * Σ β_j b_j: the largest leaves the smallest residuals. */
      for (guint r = 0; r < nc; r++)
        fit += sb[r] * b[cols[r]];
      if (!ok || fit <= best)
        continue;
      best = fit;
      memset (x, 0, sizeof (double) * k);
      for (guint r = 0; r < nc; r++)
        x[cols[r]] = sb[r];
    }
  return TRUE;
}

/* The standard error of a least-squares slope from residuals e (n
 * points, DF degrees of freedom, Σ(t - t̄)² = stt), widened for their
 * lag-1 autocorrelation, which goes to *rho1. */
static double
slope_se (const double *e,
          guint         n,
          gint          df,
          double        stt,
          double       *rho1)
{
  double ss = 0, lag = 0, rho, infl;

  for (guint i = 0; i < n; i++)
    ss += e[i] * e[i];
  for (guint i = 1; i < n; i++)
    lag += e[i] * e[i - 1];
  rho = ss > 0 ? CLAMP (lag / ss, 0, 0.9) : 0;
  if (rho1 != NULL)
    *rho1 = ss > 0 ? lag / ss : 0;
  infl = sqrt ((1 + rho) / (1 - rho));
  return sqrt (ss / MAX (df, 1) / stt) * infl;
}

/* The standard error of a trend per unit of shape, T = slope / g, where
 * a series was fitted as g × a shape (Σ shape² = SS, orthogonal to time)
 * plus a line (Σ(t − t̄)² = STT), leaving E (N points): by the delta
 * method, √(se(slope)² + T² se(g)²) / g, each error widened for the lag-1
 * autocorrelation of E (to *RHO1). The loading's share matters when the
 * shape is small beside the climb (a group on the rising flank of its
 * workload): a small error in g is then a large one in T. */
static double
ratio_se (const double *e,
          guint         n,
          double        stt,
          double        ss,
          double        g,
          double        ratio,
          double       *rho1)
{
  double se_slope = slope_se (e, n, (gint) n - 2, stt, rho1);
  /* slope_se() with SS for STT is the loading's error, equally widened. */
  double se_g = se_slope * sqrt (stt / ss);

  return sqrt (se_slope * se_slope + ratio * ratio * se_g * se_g) / g;
}

/* One boot, as a whole group's regression: y on [1, t, peers] by least squares on standardised columns;
 * out = y minus the peers' part. *TIME_SE is the standard error of the
 * time term (NAN without it): the slope's error in a line's fit, widened
 * by the variance inflation of time on the peers kept (a workload that
 * moved nearly as a line leaves trend and loading hard to tell apart) and
 * for the residuals' lag-1 autocorrelation. FALSE when the fit cannot be
 * made. */
static gboolean
remove_workload_joint (const double  *t,
                 const double  *y,
                 const double **x,
                 guint          n_peers,
                 guint          n,
                 double         trend_max,
                 double        *out,
                 gboolean      *without_time,
                 double        *time_se)
{
  guint k = n_peers + 1;
  double a[(PM_LEAK_MAX_PEERS + 1) * (PM_LEAK_MAX_PEERS + 1)] = { 0 };
  double rhs[PM_LEAK_MAX_PEERS + 1] = { 0 };
  double mean[PM_LEAK_MAX_PEERS + 1], sd[PM_LEAK_MAX_PEERS + 1], ymean = 0;
  double beta[PM_LEAK_MAX_PEERS + 1];
  guint first_col = 0;

  *time_se = NAN;
  if (n < k + 4)
    return FALSE;
  for (guint i = 0; i < n; i++)
    ymean += y[i] / n;
  for (guint j = 0; j < k; j++)
    {
      const double *col = j == 0 ? t : x[j - 1];
      double s = 0, ss = 0;

      for (guint i = 0; i < n; i++)
        s += col[i];
      mean[j] = s / n;
      for (guint i = 0; i < n; i++)
        ss += (col[i] - mean[j]) * (col[i] - mean[j]);
      sd[j] = sqrt (ss / n);
      if (sd[j] <= 0)
        return FALSE;
    }
  /* A peer that is mostly a straight line in this boot (the shared
   * workload climbed steadily, or the peer leaks) is collinear with time:
   * its share and the trend's cannot be told apart. Then the peers alone
   * explain the series, trend included: what is left is growth beyond
   * theirs. */
  for (guint j = 1; j < k && first_col == 0; j++)
    {
      double sxy = 0;

      for (guint i = 0; i < n; i++)
        sxy += (t[i] - mean[0]) * (x[j - 1][i] - mean[j]);
      if (sxy * sxy / (n * sd[0] * sd[0] * n * sd[j] * sd[j]) >= trend_max)
        first_col = 1;
    }
  *without_time = first_col == 1;
  if (first_col == 1)
    {
      for (guint j = 1; j < k; j++)
        {
          rhs[j - 1] = 0;
          for (guint l = 1; l < k; l++)
            a[(j - 1) * (k - 1) + (l - 1)] = 0;
        }
      for (guint i = 0; i < n; i++)
        for (guint j = 1; j < k; j++)
          {
            double xj = (x[j - 1][i] - mean[j]) / sd[j];

            rhs[j - 1] += xj * (y[i] - ymean);
            for (guint l = 1; l < k; l++)
              a[(j - 1) * (k - 1) + (l - 1)] += xj * (x[l - 1][i] - mean[l]) / sd[l];
          }
      if (!solve (a, rhs, k - 1))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          out[i] = y[i];
          for (guint j = 1; j < k; j++)
            out[i] -= rhs[j - 1] * (x[j - 1][i] - mean[j]) / sd[j];
        }
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < k; j++)
      {
        double xj = ((j == 0 ? t : x[j - 1])[i] - mean[j]) / sd[j];

        rhs[j] += xj * (y[i] - ymean);
        for (guint l = 0; l < k; l++)
          a[j * k + l] += xj * ((l == 0 ? t : x[l - 1])[i] - mean[l]) / sd[l];
      }
  if (!fit_nonnegative (a, rhs, k, 1, beta))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      out[i] = y[i];
      for (guint j = 1; j < k; j++)
        out[i] -= beta[j] * (x[j - 1][i] - mean[j]) / sd[j];
    }
  /* The time term's error: a line's slope error from the residuals, with
   * Σ(t - t̄)² divided by time's variance inflation on the peers kept
   * (n [(XᵀX)⁻¹]₀₀ over time and the peers with a loading, the columns
   * standardised). */
  {
    double sub[(PM_LEAK_MAX_PEERS + 1) * (PM_LEAK_MAX_PEERS + 1)], e0[PM_LEAK_MAX_PEERS + 1], e[512];
    guint cols[PM_LEAK_MAX_PEERS + 1], nc = 0;

    for (guint j = 0; j < k; j++)
      if (j == 0 || beta[j] != 0)
        cols[nc++] = j;
    for (guint r = 0; r < nc; r++)
      {
        e0[r] = r == 0;
        for (guint c = 0; c < nc; c++)
          sub[r * nc + c] = a[cols[r] * k + cols[c]];
      }
    if (n <= nc + 1 || n > G_N_ELEMENTS (e) || !solve (sub, e0, nc) || !(e0[0] > 0))
      return TRUE;
    /* beta[0] is per standard deviation of t: the slope is beta[0] / sd[0]. */
    for (guint i = 0; i < n; i++)
      e[i] = out[i] - ymean - beta[0] * (t[i] - mean[0]) / sd[0];
    *time_se = slope_se (e, n, (gint) (n - nc - 1), sd[0] * sd[0] / e0[0], NULL);
  }
  return TRUE;
}

/* Least squares line of y on t (_pm_leak_line()): the slope, and y minus
 * the line in d. */
static double
detrend (const double *t,
         const double *y,
         guint         n,
         double       *d)
{
  double tbar, ybar, slope, stt;

  _pm_leak_line (t, y, n, &tbar, &ybar, &slope, &stt);
  for (guint i = 0; i < n; i++)
    d[i] = y[i] - ybar - slope * (t[i] - tbar);
  return slope;
}

/* Times T of N blocks as a hinge at block START (flat before it: time is
 * MAX (t, t[START]); START 0 leaves a line) into HINGE, their mean into
 * *TBAR. Returns Σ (hinge − mean)², 0 when nothing is left to fit. */
static double
hinge_time (const double *t,
            guint         n,
            guint         start,
            double       *hinge,
            double       *tbar)
{
  double from = t[MIN (start, n - 1)], stt = 0;

  *tbar = 0;
  for (guint i = 0; i < n; i++)
    {
      hinge[i] = MAX (t[i], from);
      *tbar += hinge[i] / n;
    }
  for (guint i = 0; i < n; i++)
    stt += (hinge[i] - *tbar) * (hinge[i] - *tbar);
  return stt;
}

/* A peer's block averages Y over a boot's N blocks at times T, less a
 * hinge at the peer's own growth start there (_pm_leak_find_start(): a
 * line when no hinge fits better), into D. A peer detrended on the tag's
 * hinge instead keeps the kink of a climb of its own that began at
 * another time, and that kink, beside the tag's (whose start the block
 * averages blur), passes for movement shared. */
static void
peer_about_growth (PmLeakWork   *w,
                   const double *y,
                   guint         n,
                   const double *t,
                   double       *d)
{
  double hinge[512], rss, tbar, stt;

  stt = hinge_time (t, n, _pm_leak_find_start (t, y, n, w->th, &rss), hinge, &tbar);
  if (stt > 0)
    detrend (hinge, y, n, d);
  else
    for (guint i = 0; i < n; i++)
      d[i] = 0;
}

/* Whether the peers look at boot FIT at all: the tag is there long
 * enough, and not mostly zero (it has no workload to share). */
static gboolean
peers_judge (const PmLeakFit *fit)
{
  return _pm_leak_fit_judged (fit) && fit->pattern != PM_LEAK_PATTERN_MOSTLY_ZERO;
}

/* The tag's loadings on its first K peers over every boot it is judged
 * in, two or more: in each boot the tag and its peers are detrended by
 * their own lines (each boot keeps its own level and trend, as a leak
 * starts again at each boot), and one least-squares fit over all those
 * boots' blocks gives loadings of at least 0 (fit_nonnegative()). Within
 * one boot a workload that climbs beside the tag's leak is collinear with
 * it and the boot's own regression gives the workload the leak; across
 * boots, where the workload went other ways, the loadings are told apart
 * from the trend. BETA gets the loadings in the peers' own units, R2 the
 * share of the tag's movement about its boots' lines they explain and
 * EXPLAINED_SD (unless NULL) the standard deviation of what they explain
 * there. FALSE
 * with fewer than two such boots or when the fit cannot be made.
 *
 * ABOUT_GROWTH: each boot's line is instead a hinge at the tag's growth
 * start there (flat before it: time is MAX (t, the start)), each peer's a
 * hinge at its own (peer_about_growth()), and one boot is enough; R2 is
 * then the share of its movement about its own growth that the peers'
 * movements about theirs explain. */
static gboolean
pooled_loadings (PmLeakWork         *w,
                 guint               m,
                 guint               tag,
                 const PmLeakSeries *series,
                 guint               k,
                 gboolean            about_growth,
                 double             *beta,
                 double             *r2,
                 double             *explained_sd)
{
  const double *y = _pm_leak_work_means (w, m, tag);
  double a[PM_LEAK_MAX_PEERS * PM_LEAK_MAX_PEERS] = { 0 }, b[PM_LEAK_MAX_PEERS] = { 0 };
  double scale[PM_LEAK_MAX_PEERS], dy[512], dx[PM_LEAK_MAX_PEERS][512], hinge[512];
  double syy = 0;
  guint n_boots = 0, n_blocks = 0;

  for (guint boot = 0; boot < w->n_boots; boot++)
    {
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + boot], n;
      double tbar, stt;

      if (b0 == G_MAXUINT || !peers_judge (&series->fits[boot]))
        continue;
      n = w->boot_block[boot + 1] - b0;
      if (n < k + 4 || n > G_N_ELEMENTS (dy))
        continue;
      /* Block times rise, so a hinge at block 0 is the plain line. */
      stt = hinge_time (w->block_hours + b0, n, about_growth ? series->fits[boot].start : 0, hinge, &tbar);
      if (!(stt > 0))
        continue;
      detrend (hinge, y + b0, n, dy);
      for (guint j = 0; j < k; j++)
        {
          const double *py = _pm_leak_work_means (w, m, series->peers[j]) + b0;

          if (about_growth)
            peer_about_growth (w, py, n, w->block_hours + b0, dx[j]);
          else
            detrend (hinge, py, n, dx[j]);
        }
      for (guint i = 0; i < n; i++)
        syy += dy[i] * dy[i];
      n_blocks += n;
      for (guint j = 0; j < k; j++)
        for (guint i = 0; i < n; i++)
          {
            b[j] += dx[j][i] * dy[i];
            for (guint l = 0; l < k; l++)
              a[j * k + l] += dx[j][i] * dx[l][i];
          }
      n_boots++;
    }
  if (n_boots < (about_growth ? 1 : 2) || !(syy > 0))
    return FALSE;
  /* On standardised columns: the peers' scales differ by orders of
   * magnitude, and solve() takes a pivot under 1e-10 for singular. */
  for (guint j = 0; j < k; j++)
    {
      if (!(a[j * k + j] > 0))
        return FALSE;
      scale[j] = sqrt (a[j * k + j]);
    }
  for (guint j = 0; j < k; j++)
    {
      b[j] /= scale[j];
      for (guint l = 0; l < k; l++)
        a[j * k + l] /= scale[j] * scale[l];
    }
  if (!fit_nonnegative (a, b, k, 0, beta))
    return FALSE;
  *r2 = 0;
  for (guint j = 0; j < k; j++)
    {
      *r2 += beta[j] * b[j] / syy;
      beta[j] /= scale[j];
    }
  if (explained_sd != NULL)
    *explained_sd = sqrt (MAX (0.0, *r2) * syy / n_blocks);
  return TRUE;
}

static double
median_small (double *v,
              guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double tmp = v[j];

        v[j] = v[j - 1];
        v[j - 1] = tmp;
      }
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* What the peers say about one boot, free of their own trends. */
typedef struct
{
  double workload[512];   /* the shared movement, trend-free, in peer units */
  double group[512];      /* the same with the peers' median trend */
  double own[512];        /* y minus its workload part, its own trend kept */
  double beyond[512];     /* y minus its workload part and the least-climbing peer's trend */
  double out[512];        /* y minus its workload part and the workload's trend */
  double part[512];       /* y minus what the group's regression leaves of it */
  double   excess_z;      /* the tag's trend beyond its least-climbing peer's, in standard errors */
  double   tag_trend;     /* the tag's trend in units of the shape it is measured on beside
                           * the least-climbing peer */
  double   least_trend;   /* that peer's (of four or more, the second least's), in the same unit */
  double   least_part;    /* that trend in the tag's units: what the workload's trend gave it */
  double   shape_r2;      /* the share of the tag's detrended variance the shape explains */
  double   rho_tag;       /* lag-1 autocorrelation of what the shape leaves of the tag */
  double   rho_least;     /* the same for the least-climbing peer */
  gboolean all_climb;     /* every usable peer climbed in the boot */
  guint    used;          /* peers usable in the boot */
  guint    tag;           /* for PM_LEAK_DEBUG */
} PmLeakBootPeers;

/* One boot: each peer (and the tag) is detrended by its own line, and the
 * peers' standardised residuals give the workload's shape (their median,
 * point by point). Each peer's trend is measured in units of that shape,
 * and the workload's trend is their median: a leak in one peer of three
 * cannot move it, so a leak shared by part of a group is not explained
 * away by its peers' shared climb. The tag's loading on the shape takes
 * the shape and the workload's trend away (out); own keeps the tag's
 * trend. A peer that is nearly a straight line in the boot (R² on time at
 * least trend_max) has no shape to share and is left out. FALSE when no
 * peer is usable or the fit cannot be made. */
static gboolean
remove_workload (const double    *t,
                 const double    *y,
                 const double   **x,
                 guint            n_peers,
                 guint            n,
                 double           trend_max,
                 PmLeakBootPeers *bp)
{
  double d[PM_LEAK_MAX_PEERS][512], sl[PM_LEAK_MAX_PEERS], dy[512], e[512], loo[512];
  double ty[PM_LEAK_MAX_PEERS], se_ty[PM_LEAK_MAX_PEERS], rho_ty[PM_LEAK_MAX_PEERS] = { 0 };
  double gy_of[PM_LEAK_MAX_PEERS] = { 0 }, rel[PM_LEAK_MAX_PEERS];
  double tbar = 0, stt = 0, ww = 0, wy = 0, tw[PM_LEAK_MAX_PEERS], se[PM_LEAK_MAX_PEERS];
  double rho[PM_LEAK_MAX_PEERS] = { 0 };
  double trend, load, slope_y;
  guint used = 0;

  if (n < 8 || n > G_N_ELEMENTS (dy))
    return FALSE;
  for (guint i = 0; i < n; i++)
    tbar += t[i] / n;
  for (guint i = 0; i < n; i++)
    stt += (t[i] - tbar) * (t[i] - tbar);
  if (!(stt > 0))
    return FALSE;
  slope_y = detrend (t, y, n, dy);
  for (guint j = 0; j < n_peers; j++)
    {
      double slope = detrend (t, x[j], n, d[used]), dd = 0, dyd = 0, sign;

      for (guint i = 0; i < n; i++)
        {
          dd += d[used][i] * d[used][i];
          dyd += d[used][i] * dy[i];
        }
      /* Straight lines and peers without movement here carry no shape. */
      if (!(dd > 0) || slope * slope * stt / (slope * slope * stt + dd) >= trend_max)
        continue;
      sign = dyd < 0 ? -1 : 1;
      for (guint i = 0; i < n; i++)
        d[used][i] *= sign / sqrt (dd / n);
      sl[used] = sign * slope / sqrt (dd / n);
      used++;
    }
  bp->used = used;
  if (used == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      double v[PM_LEAK_MAX_PEERS];

      for (guint j = 0; j < used; j++)
        v[j] = d[j][i];
      bp->workload[i] = median_small (v, used);
      ww += bp->workload[i] * bp->workload[i];
      wy += bp->workload[i] * dy[i];
    }
  if (!(ww > 0))
    return FALSE;
  /* Each peer's trend in units of the shape it shares with the tag. The
   * shape a peer is measured on is, with two peers or more, that of the
   * others (their median without it), and the tag is measured on that same
   * shape beside it: a shape that held the peer's own noise would raise
   * its loading (lower its trend per unit of shape) and lower the tag's,
   * and every tag of a group that only follows its workload would seem to
   * climb beyond its peers. So each peer gives its own trend and the
   * tag's, in one unit, with their standard errors. */
  bp->all_climb = TRUE;
  for (guint j = 0; j < used; j++)
    {
      const double *shape = bp->workload;
      double g = 0, gy = 0, ss = ww;

      ty[j] = 0;
      se_ty[j] = se[j] = INFINITY;
      if (used >= 2)
        {
          ss = 0;
          for (guint i = 0; i < n; i++)
            {
              double v[PM_LEAK_MAX_PEERS];
              guint nv = 0;

              for (guint l = 0; l < used; l++)
                if (l != j)
                  v[nv++] = d[l][i];
              loo[i] = median_small (v, nv);
              ss += loo[i] * loo[i];
            }
          shape = loo;
        }
      if (!(ss > 0))
        {
          tw[j] = 0;
          bp->all_climb = FALSE;
          continue;
        }
      for (guint i = 0; i < n; i++)
        {
          g += d[j][i] * shape[i];
          gy += dy[i] * shape[i];
        }
      g /= ss;
      gy /= ss;
      tw[j] = g > 0.2 ? sl[j] / g : 0;
      bp->all_climb &= tw[j] > 0;
      if (!(g > 0.2 && gy > 0))
        continue;
      ty[j] = slope_y / gy;
      for (guint i = 0; i < n; i++)
        e[i] = d[j][i] - g * shape[i];
      se[j] = ratio_se (e, n, stt, ss, g, tw[j], &rho[j]);
      for (guint i = 0; i < n; i++)
        e[i] = dy[i] - gy * shape[i];
      se_ty[j] = ratio_se (e, n, stt, ss, gy, ty[j], &rho_ty[j]);
      gy_of[j] = gy;
    }
  load = wy / ww;
  /* The tag's trend beyond the least-climbing peer's: leaks only add, so
   * the peer whose trend (per unit of the shared shape) is least beside
   * the tag's is the best guess of what the workload alone did. */
  bp->excess_z = 0;
  bp->shape_r2 = 0;
  bp->tag_trend = bp->least_trend = bp->least_part = 0;
  bp->rho_tag = bp->rho_least = 0;
  if (load > 0)
    {
      guint least = G_MAXUINT, second = G_MAXUINT;
      double dd = 0;

      for (guint i = 0; i < n; i++)
        dd += dy[i] * dy[i];
      bp->shape_r2 = dd > 0 ? load * wy / dd : 0;
      /* The least-climbing peer is the one the tag climbs most beyond, as
       * a share of the larger of the two trends (each pair in its own
       * unit). */
      for (guint j = 0; j < used; j++)
        {
          if (!isfinite (se[j]) || !isfinite (se_ty[j]))
            continue;
          rel[j] = (ty[j] - tw[j]) / MAX (MAX (fabs (ty[j]), fabs (tw[j])), 1e-300);
          if (least == G_MAXUINT || rel[j] > rel[least])
            {
              second = least;
              least = j;
            }
          else if (second == G_MAXUINT || rel[j] > rel[second])
            second = j;
        }
      /* With four peers or more, the second least: the peers' trends
       * scatter beyond their standard errors (their loadings on the shape
       * are estimates), and one peer that falls on its own as well would
       * make every other member seem to climb beyond the workload. */
      if (used >= 4 && second != G_MAXUINT)
        least = second;
      if (least != G_MAXUINT)
        {
          bp->tag_trend = ty[least];
          bp->least_trend = tw[least];
          bp->rho_tag = rho_ty[least];
          bp->rho_least = rho[least];
          /* What the least peer's trend is in the tag's own units. */
          bp->least_part = gy_of[least] * tw[least];
          bp->excess_z = (ty[least] - tw[least])
                         / sqrt (se_ty[least] * se_ty[least] + se[least] * se[least]);
        }
    }
  trend = median_small (tw, used);
  bp->all_climb &= load > 0;
  for (guint i = 0; i < n; i++)
    {
      bp->group[i] = bp->workload[i] + trend * (t[i] - tbar);
      bp->own[i] = y[i] - load * bp->workload[i];
      bp->out[i] = bp->own[i] - load * trend * (t[i] - tbar);
      bp->beyond[i] = bp->own[i] - bp->least_part * (t[i] - tbar);
    }
  return TRUE;
}

/* Leaks only add: in a group that shares one workload, the peer whose
 * trend per unit of the shared shape is least is the best estimate of what
 * the workload alone did, and a tag whose own trend lies beyond it by
 * group_excess_z standard errors climbs on its own — even when every peer
 * leaks too (their median then hides it). The series beyond that least
 * trend must rise as a trend, clearly (z, clarity), not merely wander; a
 * tag that levels off on its own is a cache and stays one. */
static gboolean
group_climbs_beyond (PmLeakWork            *w,
                     const PmLeakBootPeers *bp,
                     const PmLeakFit       *own_fit,
                     const double          *t,
                     guint                  n,
                     double                 min_rise,
                     float                  share,
                     PmLeakScratch         *scratch,
                     PmLeakFit             *adjusted)
{
  const PmLeakThresholds *th = w->th;
  double excess = bp->tag_trend - bp->least_trend;
  PmLeakFit beyond;

  if (_pm_leak_debug_wanted (w, bp->tag))
    g_printerr ("leak-debug %s group: trend %.4g, the least peer's %.4g: %.2f se beyond, "
                "shape R² %.3f, %u peers, %u blocks, rho %.2f %.2f\n",
                pm_dataset_get_tag_name (w->dataset, bp->tag), bp->tag_trend, bp->least_trend,
                bp->excess_z, bp->shape_r2, bp->used, n, bp->rho_tag, bp->rho_least);
  /* Over a short boot a curve passes for a line too easily; the excess must
   * be a material share of the larger of the two trends (not a rounding of
   * the loadings), and a least peer falling steeply while the tag rises
   * says the peers do not share one workload's trend at all. Under a
   * workload that fell through the boot a leaking tag falls too, less
   * than the least peer: its excess counts the same. What the shape
   * leaves of the tag and of the least peer must be noise, not a curve
   * (lag-1 autocorrelation at most group_rho_max; their standard errors
   * are widened for what noise remembers): caches that warm up together
   * at their own paces share a shape only in part, and the rest of each
   * is a smooth curve whose trend says nothing. */
  if (n < 2 * th->min_points || bp->used < 2 || !(bp->excess_z >= th->group_excess_z)
      || own_fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF
      || excess < th->group_excess_share * MAX (fabs (bp->tag_trend), fabs (bp->least_trend))
      || (bp->tag_trend > 0 && -bp->least_trend > th->group_least_fall_max * bp->tag_trend)
      || bp->rho_tag > th->group_rho_max || bp->rho_least > th->group_rho_max)
    return FALSE;
  _pm_leak_fit (t, bp->beyond, n, min_rise, share, PM_LEAK_SERIES_DERIVED, w->th, scratch, &beyond);
  if (_pm_leak_debug_wanted (w, bp->tag))
    g_printerr ("leak-debug %s beyond the least peer: %s rise %.4g z %.2f clarity %.2f slope %.4g [%.4g %.4g]\n",
                pm_dataset_get_tag_name (w->dataset, bp->tag), pm_leak_pattern_to_string (beyond.pattern),
                beyond.rise, beyond.trend.z, beyond.clarity, beyond.trend.slope, beyond.trend.slope_low,
                beyond.trend.slope_high);
  if (beyond.pattern == PM_LEAK_PATTERN_STEP || beyond.pattern == PM_LEAK_PATTERN_GIVEN_BACK
      || beyond.pattern == PM_LEAK_PATTERN_LEVELS_OFF || beyond.pattern == PM_LEAK_PATTERN_MOSTLY_ZERO
      || beyond.rise < min_rise || beyond.trend.z < th->z_leak || !(beyond.trend.slope_low > 0)
      || beyond.clarity < th->clarity_min)
    return FALSE;
  *adjusted = beyond;
  adjusted->pattern = PM_LEAK_PATTERN_GROWS;
  adjusted->growing = TRUE;
  adjusted->suspect = TRUE;
  adjusted->group = TRUE;
  return TRUE;
}

/* Whether the tag's own series slows down in the boot, or falls: it
 * levels off, or, not growing (or growing, when it rises and slows down
 * in EVERY_BOOT, slows_every_boot()), its last third rises at under twice
 * steady_min of its slope (a slow cache's passes steady_min itself by
 * chance), or it falls (a pool trimmed slowly). */
static gboolean
slows_down (const PmLeakFit        *own,
            gboolean                every_boot,
            const PmLeakThresholds *th)
{
  return own->pattern == PM_LEAK_PATTERN_LEVELS_OFF || own->pattern == PM_LEAK_PATTERN_FALLS
         || ((!own->growing || every_boot) && own->steady < 2 * th->steady_min);
}

/* Whether SERIES, judged in two boots or more, rises and slows down in
 * each of them on its own: it levels off or climbs (its trend z at least
 * z_suspect), and its last third rests or climbs at under twice
 * steady_min of its slope (falling, if at all, at under steady_min of
 * it). A cache warms up again after every boot and then rests; a leak
 * under a workload slows only where its workload fell, and there it
 * wanders or its last third falls. */
static gboolean
slows_every_boot (const PmLeakSeries     *series,
                  guint                   n_boots,
                  const PmLeakThresholds *th)
{
  guint judged = 0;

  for (guint k = 0; k < n_boots; k++)
    {
      const PmLeakFit *fit = &series->fits[k];

      if (!peers_judge (fit))
        continue;
      if ((fit->pattern != PM_LEAK_PATTERN_LEVELS_OFF && fit->trend.z < th->z_suspect)
          || !(fit->steady > -th->steady_min && fit->steady < 2 * th->steady_min))
        return FALSE;
      judged++;
    }
  return judged >= 2;
}

/* Whether what the peers explain of the tag (its series less what the
 * group's regression leaves, in BP->out) only climbs, as caches warming up
 * do, or only falls, as pools trimmed slowly do: it moves by at least
 * MIN_RISE and goes back at most cache_falls_max of the way (a workload's
 * cycle falls about as much as it rises). Such a part is a trend, not a
 * workload, and the regression's time term then only makes up for shapes
 * that differ in pace. */
static gboolean
workload_one_way (PmLeakWork      *w,
                  const double    *y,
                  PmLeakBootPeers *bp,
                  guint            n,
                  double           min_rise)
{
  double sign = y[n - 1] - bp->out[n - 1] < y[0] - bp->out[0] ? -1 : 1;
  double lo = INFINITY, hi = -INFINITY, returned;

  for (guint i = 0; i < n; i++)
    {
      bp->part[i] = sign * (y[i] - bp->out[i]);
      lo = MIN (lo, bp->part[i]);
      hi = MAX (hi, bp->part[i]);
    }
  _pm_leak_asym_z (bp->part, n, &returned);
  if (_pm_leak_debug_wanted (w, bp->tag))
    g_printerr ("leak-debug %s workload part%s: moves %.4g, falls %.2f of its rises\n",
                pm_dataset_get_tag_name (w->dataset, bp->tag), sign < 0 ? " (upside down)" : "",
                hi - lo, returned);
  return hi - lo >= min_rise && returned <= w->th->cache_falls_max;
}

/**
 * _pm_leak_peer_one:
 *
 * The peer analysis of one candidate series (an index into w->candidates).
 */
void
_pm_leak_peer_one (PmLeakWork    *w,
                   guint          item,
                   PmLeakScratch *scratch)
{
  guint m = w->candidates[item] / w->n_tags, tag = w->candidates[item] % w->n_tags;
  PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
  const double *y = _pm_leak_work_means (w, m, tag);
  PmLeakBootPeers *bp = g_new (PmLeakBootPeers, 1);
  double beta[PM_LEAK_MAX_PEERS], pooled_r2 = 0, pooled_sd = 0;
  gboolean pooled = FALSE, pooled_fitted = FALSE, slows_everywhere, shape_only;
  guint n_asked = 0;

  bp->tag = tag;
  series->n_workload = find_peers (w, m, tag, series->peers, series->peer_r);
  series->n_peers = MIN (series->n_workload, MIN (w->th->peer_max, PM_LEAK_MAX_PEERS));
  if (series->n_peers == 0)
    goto out;
  series->explained = explained_share (w, m, tag, series->peers, series->n_peers);
  if (series->explained < w->th->peer_explained_min)
    goto out;
  /* Peers that explain little of how a tag that grows on its own moves
   * about its own growth share only its growth's shape (leaks that began
   * at other times correlate so), not a workload: in the boots where it
   * grows on its own, its own fits stand. */
  {
    gboolean grows = FALSE;
    double shape_r2 = 1;

    for (guint k = 0; k < w->n_boots; k++)
      grows |= peers_judge (&series->fits[k]) && series->fits[k].growing;
    /* When the fit cannot be made, the peers are asked as before. */
    if (grows && !pooled_loadings (w, m, tag, series, series->n_peers, TRUE, beta, &shape_r2, NULL))
      shape_r2 = 1;
    if (grows && _pm_leak_debug_wanted (w, tag))
      g_printerr ("leak-debug %s m%u: the peers explain %.2f of its movement about its own growth\n",
                  pm_dataset_get_tag_name (w->dataset, tag), m, shape_r2);
    shape_only = shape_r2 < w->th->peer_beyond_shape_min;
  }
  slows_everywhere = slows_every_boot (series, w->n_boots, w->th);

  for (guint k = 0; k < w->n_boots; k++)
    {
      PmLeakFit *fit = &series->fits[k], adjusted;
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + k], b1 = w->boot_block[k + 1];
      const double *x[PM_LEAK_MAX_PEERS];
      float share = w->zero_share[((gsize) m * w->n_tags + tag) * w->n_boots + k];
      double min_rise = _pm_leak_min_rise (w, m);
      /* Growth beyond the workload needs a smaller rise in allocations
       * (docs/leaks.md, step 3 of the peers). */
      double beyond_rise = pm_metric_is_bytes (w->metrics[m]) ? min_rise : min_rise * w->th->peer_rise_share;
      gboolean without_time = FALSE, freed = FALSE, grew_beneath;
      double time_se;
      const double *t;

      if (b0 == G_MAXUINT || b1 - b0 > G_N_ELEMENTS (bp->out) || !peers_judge (fit))
        continue;
      if (shape_only && fit->growing)
        continue;
      n_asked++;
      grew_beneath = (fit->cycle_hours > 0 || fit->floor) && fit->growing;
      t = w->block_hours + b0;
      if (_pm_leak_debug_wanted (w, tag))
        g_printerr ("leak-debug %s m%u boot %u before its peers: %s steady %.2f z %.2f cycle %.3g h\n",
                    pm_dataset_get_tag_name (w->dataset, tag), m, k,
                    pm_leak_pattern_to_string (fit->pattern), fit->steady, fit->trend.z, fit->cycle_hours);
      for (guint j = 0; j < series->n_workload; j++)
        x[j] = _pm_leak_work_means (w, m, series->peers[j]) + b0;
      /* First the group's regression (the tag on time and its best peers
       * together): what it finds growing stands. */
      if (!remove_workload_joint (t, y + b0, x, series->n_peers, b1 - b0, w->th->peer_trend_max,
                                  bp->out, &without_time, &time_se))
        continue;
      _pm_leak_fit (t, bp->out, b1 - b0, beyond_rise, share,
                    PM_LEAK_SERIES_DERIVED, w->th, scratch, &adjusted);
      adjusted.inconclusive = without_time;
      /* What the peers leave is known no better than the regression told
       * its trend from their loadings: the slope's interval is at least
       * the time term's (in a short boot on the flank of the day's cycle,
       * the workload moves nearly as a line, and the remainder's own
       * interval, as if the loadings were exact, is far too narrow). */
      if (isfinite (time_se))
        {
          double half = w->th->peer_slope_z * time_se;

          adjusted.trend.slope_low = MIN (adjusted.trend.slope_low, adjusted.trend.slope - half);
          adjusted.trend.slope_high = MAX (adjusted.trend.slope_high, adjusted.trend.slope + half);
        }
      if (_pm_leak_debug_wanted (w, tag))
        g_printerr ("leak-debug %s m%u boot %u beyond its peers: slope %.4g, the time term's se %.4g\n",
                    pm_dataset_get_tag_name (w->dataset, tag), m, k, adjusted.trend.slope, time_se);
      /* When a peer was nearly a line here, the loadings fitted over
       * every boot, if they explain the tag well there, take the
       * workload away instead: growth in what they leave stands. (Only
       * then: elsewhere they let a peer's own fall in one boot, given a
       * small loading elsewhere, make a tag climb; docs/leaks.md.) */
      if (!adjusted.growing && without_time && !pooled_fitted)
        {
          /* Fitted once, when first needed: the boots it reads are
           * those judged, which no boot's new fit changes. */
          pooled = pooled_loadings (w, m, tag, series, series->n_peers, FALSE, beta, &pooled_r2, &pooled_sd);
          pooled_fitted = TRUE;
          if (pooled && _pm_leak_debug_wanted (w, tag))
            for (guint j = 0; j < series->n_peers; j++)
              g_printerr ("leak-debug %s m%u loading over the boots on %s: %.4g (R² %.2f)\n",
                          pm_dataset_get_tag_name (w->dataset, tag), m,
                          pm_dataset_get_tag_name (w->dataset, series->peers[j]), beta[j], pooled_r2);
        }
      if (!adjusted.growing && without_time && pooled && pooled_r2 >= w->th->pooled_r2_min)
        {
          PmLeakFit across;
          double low = INFINITY, high = -INFINITY;

          for (guint i = 0; i < b1 - b0; i++)
            {
              double load = 0;

              for (guint j = 0; j < series->n_peers; j++)
                load += beta[j] * x[j][i];
              bp->part[i] = y[b0 + i] - load;
              low = MIN (low, load);
              high = MAX (high, load);
            }
          _pm_leak_fit (t, bp->part, b1 - b0, beyond_rise, share,
                        PM_LEAK_SERIES_DERIVED, w->th, scratch, &across);
          if (_pm_leak_debug_wanted (w, tag))
            g_printerr ("leak-debug %s m%u boot %u beyond the loadings over the boots: %s z %.2f; "
                        "they take away %.4g, %.3g times what they explain about the lines (sd)\n",
                        pm_dataset_get_tag_name (w->dataset, tag), m, k,
                        pm_leak_pattern_to_string (across.pattern), across.trend.z,
                        high - low, (high - low) / pooled_sd);
          /* Loadings measured on movements far smaller than the workload
           * they would take away here are not known well enough to carry
           * it: a tag still within its boots, whose one level step came
           * as a peer's line flattened out, gets a small loading on that
           * coincidence, and the peer's steady fall, so scaled, becomes
           * its climb. */
          if (across.growing && high - low > w->th->pooled_reach_max * pooled_sd)
            across.growing = FALSE;
          if (across.growing)
            {
              adjusted = across;
              memcpy (bp->out, bp->part, sizeof (double) * (b1 - b0));
            }
        }
      /* When it finds none, the peers' own trends may have taken the
       * tag's away (leaking peers): the workload free of their trends is
       * asked again. A climb beyond even the least-climbing peer's makes
       * the boot grow; one beyond the median of their trends only a
       * suspect. Neither suspect below is made of a boot that is one level
       * step on its own: a line through what is left of a step still
       * climbs. */
      if (!adjusted.growing
          && (freed = remove_workload (t, y + b0, x, series->n_workload, b1 - b0,
                                       w->th->peer_trend_max, bp))
          && !group_climbs_beyond (w, bp, fit, t, b1 - b0, beyond_rise, share, scratch, &adjusted)
          && fit->pattern != PM_LEAK_PATTERN_STEP)
        {
          PmLeakFit trend_free;

          _pm_leak_fit (t, bp->out, b1 - b0, beyond_rise, share,
                        PM_LEAK_SERIES_DERIVED, w->th, scratch, &trend_free);
          /* Growth the group's regression did not see: a suspect, not
           * a leak on this alone (on the independent cases, counting it as
           * growing found 2-5 more leaks out of 240 but flagged 1-2 more
           * workload tags and caches: a workload that climbed in a boot
           * looks the same once its peers' trends are set aside). */
          if (trend_free.growing)
            {
              adjusted = trend_free;
              adjusted.pattern = PM_LEAK_PATTERN_GROWS_WEAKLY;
              adjusted.growing = FALSE;
              adjusted.group = TRUE;
            }
          /* The whole group climbed: every peer rose, and their common
           * series (the workload's shape with their median trend) passes
           * the same tests as a tag's. One boot cannot tell a group leak
           * from a workload that climbed: the tag's own climb beyond the
           * workload's shape makes it a suspect. */
          else if (bp->all_climb)
            {
              PmLeakFit group, own;

              _pm_leak_fit (t, bp->group, b1 - b0, 0, 0,
                            PM_LEAK_SERIES_DERIVED, w->th, scratch, &group);
              if (group.growing)
                {
                  _pm_leak_fit (t, bp->own, b1 - b0, beyond_rise, share,
                                PM_LEAK_SERIES_DERIVED, w->th, scratch, &own);
                  if (own.growing)
                    {
                      adjusted = own;
                      adjusted.pattern = PM_LEAK_PATTERN_GROWS_WEAKLY;
                      adjusted.growing = FALSE;
                      adjusted.group = TRUE;
                    }
                }
            }
        }
      /* Growth found with a periodic workload taken away (its means over
       * whole cycles, or the cycle fitted), or on the blocks' floors (the
       * peers explain block averages, bursts and all), stands, unless
       * every peer climbed with it: then the workload climbed beneath
       * the cycle (a slow wander shared by the group: two peers or more),
       * and one boot cannot tell that from a leak. */
      if (grew_beneath && (adjusted.growing || !freed || !bp->all_climb || bp->used < 2))
        continue;
      /* A cache that levels off on its own is not made a suspect by weak
       * growth beyond its peers; nor is a tag that slows down or falls on
       * its own made a leak by growth beyond peers that only climb or only
       * fall: caches that warm up together at their own paces (or pools
       * trimmed together) explain one another's curves only in part, and
       * what the regression leaves of a slow one beside faster ones still
       * climbs, on the time term. Beside a workload that rose and fell, a
       * flat last third is what a leak looks like. (A slow cache may pass
       * for growing in its own boot; slowing down in every boot, it is
       * still a cache.) */
      if (fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF && !adjusted.growing && adjusted.suspect)
        continue;
      if (adjusted.growing && slows_down (fit, slows_everywhere, w->th)
          && workload_one_way (w, y + b0, bp, b1 - b0, min_rise))
        {
          /* Nor does it contradict a leak that other boots show (a
           * workload that fell steadily through this boot looks the same):
           * the boot keeps its own name and says neither yes nor no. */
          fit->paces_differ = TRUE;
          fit->beyond = adjusted.trend;
          continue;
        }
      /* A shape of its own (a cache filling, a burst, a step) says more
       * than "workload" when the peers find no leak beneath and explain
       * less than 80 % of the tag's movement. */
      if (!adjusted.growing && series->explained < 0.8 && !(freed && bp->shape_r2 >= 0.8)
          && (fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF
              || fit->pattern == PM_LEAK_PATTERN_GIVEN_BACK
              || fit->pattern == PM_LEAK_PATTERN_STEP))
        continue;
      /* Nor when it levels off plainly, however well its peers explain
       * it: caches that warm up again after every reboot are each other's
       * peers, and what they leave of one another in a boot too short to
       * level off climbs on the time term (_pm_leak_levels_off_plainly();
       * in a run of weeks, every boot has few blocks). */
      if (!adjusted.growing && _pm_leak_levels_off_plainly (fit, w->th))
        continue;
      if (!adjusted.growing && !adjusted.group && adjusted.pattern != PM_LEAK_PATTERN_LEVELS_OFF
          && adjusted.pattern != PM_LEAK_PATTERN_GIVEN_BACK
          && adjusted.pattern != PM_LEAK_PATTERN_STEP)
        {
          adjusted.pattern = PM_LEAK_PATTERN_WORKLOAD;
          /* Weak growth beyond the workload in white residuals stays
           * weak growth (a suspect, and evidence the boots may combine:
           * combined_z() in pm-leak-result.c). */
          adjusted.suspect &= _pm_leak_white_trend (&adjusted, b1 - b0, w->th, w->th->z_leak);
        }
      adjusted.beyond_peers = TRUE;
      *fit = adjusted;
    }

  /* Peers that shared only its growth's shape wherever they were asked
   * are not its workload: none are named. */
  if (shape_only && n_asked == 0)
    {
      forget_peers (series);
      goto out;
    }

  /* Growth beyond a workload free of the peers' trends in every judged
   * boot, two or more: a workload that climbed in one boot does not climb
   * in each; a leak does. Those boots then count as growing. */
  {
    guint judged = 0, agree = 0, group = 0;

    for (guint k = 0; k < w->n_boots; k++)
      {
        const PmLeakFit *fit = &series->fits[k];

        if (fit->pattern == PM_LEAK_PATTERN_ABSENT || fit->pattern == PM_LEAK_PATTERN_TOO_SHORT)
          continue;
        judged++;
        agree += fit->growing || fit->group;
        group += fit->group;
      }
    if (judged >= 2 && agree == judged && group > 0)
      for (guint k = 0; k < w->n_boots; k++)
        if (series->fits[k].group)
          {
            series->fits[k].growing = TRUE;
            series->fits[k].pattern = PM_LEAK_PATTERN_GROWS;
          }
  }
out:
  g_free (bp);
}
