#pragma once
/// Is a process a finite-horizon process? The horizon-d1 model it would have to be, and a
/// proof for every length (weighted-automaton equivalence) that it is, or a word where it
/// is not.
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

}  // namespace infocert
