#pragma once
/// Properties of Markov chains and horizon-K models that Lemma A and its corollary need,
/// decided exactly from the transition tables.
#include <cstdint>
#include <string>
#include <vector>

#include "infocert/models/latent_mixture.hpp"
#include "infocert/models/state_model.hpp"

namespace infocert {

/// A Markov chain: the states are the symbols and the state after x is x.
bool is_markov(const StateModel& m);
/// Strongly connected transition graph (edges of positive probability) over all states.
bool irreducible(const StateModel& m);
/// Strongly connected on the states marked in `keep` (edges between kept states only);
/// false when none is kept.
bool irreducible_on(const StateModel& m, const std::vector<bool>& keep);
/// The states reachable from the initial state.
std::vector<bool> reachable_states(const StateModel& m);
/// Deterministically distinguishable: some transition has positive probability in one
/// model and zero in the other (same state space required). Fills `edge` with it.
bool deterministically_distinguishable(const StateModel& a, const StateModel& b, std::string* edge = nullptr);
/// Same transition probabilities everywhere.
bool same_transitions(const StateModel& a, const StateModel& b);
/// Every next-token probability positive at every state.
bool full_support(const StateModel& m);

/// The hypotheses of Lemma A on a mixture, decided exactly from the tables: a single
/// document from two Markov chains M1, M2 with weights theta, 1 - theta.
struct TwoChainHypotheses {
  std::string not_applicable;  ///< non-empty: not a mixture of two Markov chains (and why)
  bool irreducible1 = false, irreducible2 = false, not_dd = false, different = false, theta_inside = false,
       same_start = false;
  std::string dd_edge;  ///< a transition possible in one chain only, when they are dd
  bool all() const {
    return not_applicable.empty() && irreducible1 && irreducible2 && not_dd && different && theta_inside && same_start;
  }
  /// The hypotheses that fail, among "not dd", "irreducible", "P1 != P2", "theta in (0,1)"
  /// (in that order; the shared start is not listed).
  std::vector<std::string> failing() const;
};
TwoChainHypotheses two_chain_hypotheses(const LatentMixture& m);

/// The window chain of the corollary's reduction: states Σ^[d] (words of length <= d, the
/// empty word first), a transition w -> s(w)x with probability f(w)(x), where s drops the
/// first letter of a full window; it emits windows, so its alphabet is Σ^[d] as well.
/// `words` receives the word of each state (as token indices).
StateModel window_chain(const StateModel& horizon_model, unsigned d,
                        std::vector<std::vector<std::uint32_t>>* words = nullptr);

}  // namespace infocert
