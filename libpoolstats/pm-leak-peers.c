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
 * left in, and the rest is judged again (pm-leak-fit.c).
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

  /* Peers explain a workload: a tag with one level step or mostly zeros
   * has none to share, and one that grows in most of several boots leaks
   * on its own. Decided before any candidate's fits change. */
  for (guint m = 0; m < w->n_metrics; m++)
    for (guint tag = 0; tag < w->n_tags; tag++)
      {
        PmLeakSeries *series = _pm_leak_work_series (w, m, tag);

        guint judged = 0, growing = 0;

        series->can_be_peer = TRUE;
        for (guint k = 0; k < w->n_boots; k++)
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
              break;
            }
        /* A tag that leaks itself, boot after boot, carries its own trend
         * into whatever it explains. */
        if (judged >= 2 && 2 * growing >= judged)
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
          if (series->fits[k].pattern != PM_LEAK_PATTERN_ABSENT
              && series->fits[k].pattern != PM_LEAK_PATTERN_TOO_SHORT)
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
      for (guint j = 0; j < series->n_peers; j++)
        redo |= leaky[(gsize) m * w->n_tags + series->peers[j]];
      if (!redo)
        continue;
      memcpy (series->fits, &w->own_fits[(gsize) i * w->n_boots], sizeof (PmLeakFit) * w->n_boots);
      series->n_peers = 0;
      series->explained = 0;
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

/* The most correlated peers on increments, best first. */
static guint
find_peers (PmLeakWork *w,
            guint       m,
            guint       tag,
            guint      *peers,
            double     *peer_r)
{
  const double *c = _pm_leak_work_incs (w, m, tag);
  guint n_peers = 0, want = MIN (w->th->peer_max, PM_LEAK_MAX_PEERS), n_incs = 0;
  double r_min;

  for (guint b = 0; b < w->n_blocks; b++)
    n_incs += c[b] != 0;
  /* With few increments a high r comes by chance more easily. */
  r_min = MAX (w->th->peer_r_min, 4.0 / sqrt (MAX (n_incs, 1)));

  for (guint u = 0; u < w->n_tags; u++)
    {
      const double *x = _pm_leak_work_incs (w, m, u);
      double r = 0;
      guint pos;

      if (u == tag || !_pm_leak_work_series (w, m, u)->can_be_peer)
        continue;
      for (guint b = 0; b < w->n_blocks; b++)
        r += c[b] * x[b];
      if (fabs (r) < r_min)
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

/* One boot: y on [1, t, peers] by least squares on standardised columns;
 * out = y minus the peers' part. FALSE when the fit cannot be made. */
static gboolean
remove_workload (const double  *t,
                 const double  *y,
                 const double **x,
                 guint          n_peers,
                 guint          n,
                 double         trend_max,
                 double        *out,
                 gboolean      *without_time)
{
  guint k = n_peers + 1;
  double a[(PM_LEAK_MAX_PEERS + 1) * (PM_LEAK_MAX_PEERS + 1)] = { 0 };
  double rhs[PM_LEAK_MAX_PEERS + 1] = { 0 };
  double mean[PM_LEAK_MAX_PEERS + 1], sd[PM_LEAK_MAX_PEERS + 1], ymean = 0;
  guint first_col = 0;

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
  if (!solve (a, rhs, k))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      out[i] = y[i];
      for (guint j = 1; j < k; j++)
        out[i] -= rhs[j] * (x[j - 1][i] - mean[j]) / sd[j];
    }
  return TRUE;
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
  double residual[512];

  series->n_peers = find_peers (w, m, tag, series->peers, series->peer_r);
  if (series->n_peers == 0)
    return;
  series->explained = explained_share (w, m, tag, series->peers, series->n_peers);
  if (series->explained < w->th->peer_explained_min)
    return;

  for (guint k = 0; k < w->n_boots; k++)
    {
      PmLeakFit *fit = &series->fits[k], adjusted;
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + k], b1 = w->boot_block[k + 1];
      const double *x[PM_LEAK_MAX_PEERS];
      gboolean without_time = FALSE;
      float share = w->zero_share[((gsize) m * w->n_tags + tag) * w->n_boots + k];

      if (b0 == G_MAXUINT || b1 - b0 > G_N_ELEMENTS (residual)
          || fit->pattern == PM_LEAK_PATTERN_ABSENT || fit->pattern == PM_LEAK_PATTERN_TOO_SHORT
          || fit->pattern == PM_LEAK_PATTERN_MOSTLY_ZERO)
        continue;
      for (guint j = 0; j < series->n_peers; j++)
        x[j] = _pm_leak_work_means (w, m, series->peers[j]) + b0;
      if (!remove_workload (w->block_hours + b0, y + b0, x, series->n_peers, b1 - b0,
                             w->th->peer_trend_max, residual, &without_time))
        continue;
      _pm_leak_fit (w->block_hours + b0, residual, b1 - b0, _pm_leak_min_rise (w, m),
                    share, w->th, scratch, &adjusted);
      /* A shape of its own (a cache filling, a burst, a step) says more
       * than "workload" when the peers find no leak beneath and explain
       * less than 80 % of the tag's movement. */
      if (!adjusted.growing && series->explained < 0.8
          && (fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF
              || fit->pattern == PM_LEAK_PATTERN_GIVEN_BACK
              || fit->pattern == PM_LEAK_PATTERN_STEP))
        continue;
      if (!adjusted.growing && adjusted.pattern != PM_LEAK_PATTERN_LEVELS_OFF
          && adjusted.pattern != PM_LEAK_PATTERN_GIVEN_BACK
          && adjusted.pattern != PM_LEAK_PATTERN_STEP)
        {
          adjusted.pattern = PM_LEAK_PATTERN_WORKLOAD;
          adjusted.suspect = FALSE;
        }
      /* The workload climbed with time in this boot: what is left says
       * nothing about a trend of the tag's own. */
      adjusted.inconclusive = without_time;
      *fit = adjusted;
    }
}
