#pragma once
/// Full-history and horizon-d predictors compared history by history, exactly.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "infocert/engine/enumerate.hpp"

namespace infocert {

/// One history h of positive probability with the mixture numerators N(h) and N(hx);
/// the full-history predictor is P(x | h) = N(hx) / (D N(h)).
struct HistoryRow {
  std::vector<std::uint32_t> history;
  Integer mass;               ///< N(h) over W D^t
  std::vector<Integer> next;  ///< N(hx) over W D^{t+1}
};

/// For t = 0..t_max-1, every history of length t with positive probability (t_max must not
/// exceed the model's horizon).
std::vector<std::vector<HistoryRow>> histories_by_depth(SequenceEngine& engine, unsigned t_max);

/// The full-history predictor of a row as rationals.
std::vector<Rational> predictor_of(const HistoryRow& row, const Integer& emission_denominator);

/// How the horizon-d predictor P(X_{t+1} | last min(d, t) tokens) compares with the
/// full-history one at step t.
struct WindowComparison {
  unsigned t = 0, d = 0;
  bool differ = false;
  /// Two histories of length t, both of positive probability, with the same last d tokens
  /// and different full-history predictions.
  std::optional<std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>>> witness;
  Rational mass;  ///< probability of the histories where the two predictors differ
};

/// Compares at step t; `rows` are the histories of length t, `total` is W D^t.
WindowComparison compare_window(const std::vector<HistoryRow>& rows, unsigned t, unsigned d, const Integer& total);

}  // namespace infocert
