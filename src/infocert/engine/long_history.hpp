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

/// eps(d, t) = H(X_{t+1} | X_{t-d+1..t}) - H(X_{t+1} | X_1..X_t) in nats for each d of `ds`
/// (1 <= d <= t): the expected excess log loss of the horizon-d predictor at step t.
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
