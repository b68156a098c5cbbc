#pragma once
/// Properties of Markov chains and horizon-K models that Lemma A and its corollary need,
/// decided exactly from the transition tables.
#include <cstdint>
#include <string>
#include <vector>

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

/// The window chain of the corollary's reduction: states Σ^[d] (words of length <= d, the
/// empty word first), a transition w -> s(w)x with probability f(w)(x), where s drops the
/// first letter of a full window; it emits windows, so its alphabet is Σ^[d] as well.
/// `words` receives the word of each state (as token indices).
StateModel window_chain(const StateModel& horizon_model, unsigned d,
                        std::vector<std::vector<std::uint32_t>>* words = nullptr);

}  // namespace infocert
