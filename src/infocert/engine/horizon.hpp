#pragma once
/// Is a process a finite-horizon process? The horizon-d1 model it would have to be, and a
/// proof for every length (weighted-automaton equivalence) that it is, or a word where it
/// is not.
#include <map>
#include <string>
#include <vector>

#include "infocert/engine/automaton.hpp"
#include "infocert/engine/predictors.hpp"

namespace infocert {

/// The horizon-d1 model read off the process: a context c shorter than d1 gets the law of
/// the next token after the history c (at t = |c|); a full context gets the law of the next
/// token given the window c at the first step t < t_max where c occurs with positive
/// probability. Contexts that never occur keep a zero row.
StateModel induced_horizon_model(SequenceEngine& engine, unsigned d1, unsigned t_max);

/// Decides for every length whether the (single-document) process equals
/// induced_horizon_model(engine, d1, t_max).
EquivalenceResult horizon_equivalence(SequenceEngine& engine, unsigned d1, unsigned t_max);

/// The corollary's reduction of a horizon-d model f to its window chain, checked: the window
/// chain's projection gives every sequence up to `horizon` f's probability (one by one) and
/// equals f for every length (automaton equivalence); whether the window chain is
/// irreducible, and irreducible on its full windows (length d), where Lemma A would apply.
struct WindowReduction {
  StateModel chain;
  std::size_t sequences_checked = 0;
  bool agrees_up_to_horizon = false, equal_for_every_length = false, irreducible = false, irreducible_on_full = false;
};
WindowReduction window_reduction(const StateModel& f, unsigned d, unsigned horizon);

/// Which hypotheses of Lemma A are needed: a mixture theta M1 + (1 - theta) M2 of two chains.
struct ChainPair {
  StateModel a, b;
  Rational theta;
};
/// Over the pairs that fail exactly one hypothesis (TwoChainHypotheses::failing; theta = 0 or 1
/// fails "theta in (0,1)", and then both chains must be irreducible for "irreducible" to
/// hold): how many fail it, for how many the horizon-d predictors of some d <= max_d agree with
/// the full one at every step up to t_max, and for how many of those the mixture is proved a
/// horizon-d process for every length (horizon_equivalence), the first as the example.
struct DroppedHypothesis {
  std::size_t pairs = 0, agree = 0, proved = 0;
  std::string example;  ///< "chain | chain | theta = w | horizon d", or empty
};
std::map<std::string, DroppedHypothesis> drop_one_hypothesis(const std::vector<ChainPair>& pairs, unsigned max_d,
                                                             unsigned t_max);

/// The smallest d1 <= max_d for which the (single-document) process is a horizon-d1 process
/// for every length (horizon_equivalence up to t_max), or 0 when there is none.
unsigned smallest_horizon(SequenceEngine& engine, unsigned max_d, unsigned t_max);

/// Every pair of `chains` (i <= j) with theta = 1/2, then every ordered pair of distinct
/// chains with theta = 0: the pairs of a grid that drop_one_hypothesis tallies.
std::vector<ChainPair> grid_pairs(const std::vector<StateModel>& chains);

/// The pairs Lemma A's hypotheses are searched over: `first`; every pair of `chains` (i <= j)
/// with theta = 1/2; every ordered pair of distinct chains with theta = 0; then consecutive
/// pairs of `three_state` (0 and 1, 2 and 3, ...) with theta = 1/2.
std::vector<ChainPair> hypothesis_search_pairs(const ChainPair& first, const std::vector<StateModel>& chains,
                                               const std::vector<StateModel>& three_state);

/// The comment on deterministic distinguishability: over the pairs (i < j) of the irreducible
/// chains of `chains` that are deterministically distinguishable, the mixture 1/2 : 1/2 over
/// t_max tokens by its smallest horizon (smallest_horizon up to max_d; 0 for none): how many
/// pairs, and the first as "chain | chain".
struct HorizonCount {
  std::size_t pairs = 0;
  std::string example;
};
std::map<unsigned, HorizonCount> dd_pairs_by_horizon(const std::vector<StateModel>& chains, unsigned max_d,
                                                     unsigned t_max);

/// The corollary's hypotheses on a mixture: every component's (first document) model has
/// full support, and no two models are equal for every length (automaton equivalence).
struct ComponentProperties {
  bool full_support = true, distinct = true;
};
ComponentProperties component_properties(const LatentMixture& m);

}  // namespace infocert
