#pragma once
/// Long histories of single-document mixtures without enumerating sequences: the law of a
/// window of tokens (state distributions pushed forward step by step), the entropy of the
/// whole history through type classes, and from them the expected excess log loss of the
/// horizon-d predictor, each enclosed with MPFI.
#include <vector>

#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/rational.hpp"
#include "infocert/models/latent_mixture.hpp"

namespace infocert {

/// The law of the window X_start..X_{start+length-1} (1-based positions) of a
/// single-document mixture, word by word in lexicographic order of symbol indices.
std::vector<Rational> window_law(const LatentMixture& m, unsigned start, unsigned length);

/// H(X_1..X_t) in nats of the single-document mixture `m` run for t tokens, enclosed at
/// `precision` bits from its type classes. std::invalid_argument when they do not apply.
Interval history_entropy(const LatentMixture& m, unsigned t, mpfr_prec_t precision);

/// True for single-document mixtures whose components are Markov chains over two symbols
/// (the state is the last token, each chain started at its own state): the class-by-class
/// routes below apply to them.
bool binary_chains_apply(const LatentMixture& m);

/// H(X_{t+1} | X_1..X_t) in nats for a mixture of binary chains (binary_chains_apply),
/// enclosed at `precision` bits in one pass over the O(t^2) classes of histories (first
/// token and transition counts): each class's weight (its number of histories times its
/// probability) and its predictive law come from the components' log-likelihoods. The
/// classes are split over sweep_threads() in a fixed partition summed in order, so the
/// interval is the same on any number of threads. Checks the work against --max-work.
Interval next_token_entropy(const LatentMixture& m, unsigned t, mpfr_prec_t precision);

/// Pdiff(d, T) for every T up to `horizon` on a mixture of binary chains, by a dynamic
/// programme over the histories on which the horizon-d and the full-history predictors have
/// agreed so far, grouped by (first token, transition counts, last d tokens): histories of a
/// group have the same probability under every component and the same future. At each step
/// t > d a group whose full-history prediction differs from P(X_{t+1} | X_{t-d+1..t}) leaves
/// the programme; an interval comparison decides the difference and exact arithmetic decides
/// agreement. The mass left after step t is exact, so every Pdiff is exact.
struct DifferProfile {
  unsigned d = 0;
  std::vector<Rational> probability;  ///< probability[T] = Pdiff(d, T), T = 0..horizon
  std::vector<std::size_t> groups;    ///< groups[t]: groups still agreeing after step t (t < horizon)
  std::size_t exact_checks = 0;       ///< comparisons the intervals left to exact arithmetic
};
/// Needs binary_chains_apply(m), d <= 16 and horizon <= 8000 (std::invalid_argument
/// otherwise); checks the work and memory of the groups against the limits as it goes.
DifferProfile predictors_differ_profile(const LatentMixture& m, unsigned d, unsigned horizon);

/// eps(d, t) = H(X_{t+1} | X_{t-d+1..t}) - H(X_{t+1} | X_1..X_t) in nats for each d of `ds`
/// (1 <= d <= t): the expected excess log loss of the horizon-d predictor at step t. The
/// full-history term comes from next_token_entropy where binary_chains_apply, else from
/// two type-class history entropies.
std::vector<Interval> excess_losses(const LatentMixture& m, unsigned t, const std::vector<unsigned>& ds,
                                    mpfr_prec_t precision);

/// Hypothesis B on a grid: eps(d, t) for every t of `ts` and d of `ds` (both increasing,
/// ds.back() <= ts.front()).
struct ExcessLossGrid {
  std::vector<unsigned> ts, ds;
  std::vector<std::vector<Interval>> eps;  ///< eps[i][k] = eps(ds[k], ts[i])
  /// At the largest t, eps(ds.back(), t) is certified below half of eps(ds.front(), t).
  bool halves() const;
};
ExcessLossGrid excess_loss_grid(const LatentMixture& m, const std::vector<unsigned>& ts, const std::vector<unsigned>& ds,
                                mpfr_prec_t precision);

}  // namespace infocert
