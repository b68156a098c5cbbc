#pragma once
/// Weighted automata over an alphabet with exact rational weights, and the equivalence
/// test of Schützenberger and Tzeng: f(w) = α M_{w1} ... M_{wn} β. Two automata with n1
/// and n2 states define the same function on all words iff they agree on all words of
/// length <= n1 + n2 - 1; the test builds a basis of the span of the joint forward vectors
/// (α_A M_w, α_B M_w) by breadth-first search and checks it against (β_A, -β_B), so it
/// decides equality on every length, not only up to a horizon.
#include <cstdint>
#include <optional>
#include <vector>

#include "infocert/exact/rational.hpp"
#include "infocert/models/latent_mixture.hpp"
#include "infocert/models/state_model.hpp"

namespace infocert {

struct WeightedAutomaton {
  std::size_t states = 0;
  std::vector<Rational> initial;  ///< row vector α
  std::vector<Rational> final;    ///< column vector β
  /// Per symbol, the nonzero entries (from, to, weight) of M_x.
  struct Entry {
    std::uint32_t from, to;
    Rational weight;
  };
  std::vector<std::vector<Entry>> transitions;
};

/// The prefix-probability automaton of a state model: P(X1..Xn = w).
WeightedAutomaton automaton_of(const StateModel& m);
/// The prefix-probability automaton of a single-document mixture (states: component x
/// model state).
WeightedAutomaton automaton_of(const LatentMixture& m);

/// The window chain of a horizon model on words of length <= d (models/chain_properties)
/// as an automaton over tokens: entering a window emits its last token. It defines the same
/// sequence law as the model when d is at least the model's horizon.
WeightedAutomaton window_chain_automaton(const StateModel& horizon_model, unsigned d);

/// Whether the automaton gives every word of length <= horizon the model's probability,
/// word by word; `checked` counts the words.
bool agrees_up_to(const WeightedAutomaton& a, const StateModel& m, unsigned horizon, std::size_t* checked = nullptr);

struct EquivalenceResult {
  bool equivalent = false;
  std::vector<std::uint32_t> counterexample;  ///< a word where they differ (if not equivalent)
  std::size_t basis_size = 0;                 ///< dimension of the forward span explored
};

/// Decides whether two automata over the same alphabet define the same function on every
/// word (exact rational linear algebra).
EquivalenceResult equivalent(const WeightedAutomaton& a, const WeightedAutomaton& b);

/// f(w) for a word.
Rational evaluate(const WeightedAutomaton& a, const std::vector<std::uint32_t>& word);

}  // namespace infocert
