#pragma once
// Shared by the Lemma A and corollary checkers: where the horizon-d predictor and the
// full-history predictor of a process differ, with witnesses re-checked on their own.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "infocert/engine/predictors.hpp"

namespace infocert::lemmas {

/// For one window length d: the comparison at every step t = 1..t_max-1.
struct WindowProfile {
  unsigned d = 0;
  std::vector<WindowComparison> steps;  ///< steps[i] is t = i + 1
  std::optional<unsigned> t_star;       ///< first t where the predictors differ
  /// The predictors differ at every t in [t*, t_max - 1].
  bool differ_from_t_star_on() const;
  const WindowComparison* first_difference() const;
};

/// Profiles for d = 1..max_d from the histories of the process up to t_max - 1.
std::vector<WindowProfile> window_profiles(SequenceEngine& engine, unsigned max_d, unsigned t_max);

/// Re-checks a witness with code that did not find it: both histories have length t and
/// positive probability (component by component), the same last min(d, t) tokens, and
/// different Bayes predictions (posterior route). Returns an empty string or what fails.
std::string recheck_witness(const SequenceEngine& engine, const std::vector<std::uint32_t>& h1,
                            const std::vector<std::uint32_t>& h2, unsigned d);

/// The chain over {a, b} started at a with P(a -> a) = aa and P(b -> a) = ba.
StateModel two_state_chain(const Rational& aa, const Rational& ba);

/// A Markov chain's table as text: "a->(1/2 1/2), b->(1 0)".
std::string describe_chain(const StateModel& m);

/// A history as text: "a b b".
std::string history_text(const LatentMixture& m, const std::vector<std::uint32_t>& h);

}  // namespace infocert::lemmas
