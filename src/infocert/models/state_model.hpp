#pragma once
/// Sequence models whose next-token law depends on a finite state that the emitted token
/// updates deterministically: Markov chains (the state is the last token, started at x0,
/// which is not emitted) and horizon-K tables (the state is the last min(t, K) tokens).
#include <cstdint>
#include <string>
#include <vector>

#include "infocert/exact/rational.hpp"

namespace infocert {

struct StateModel {
  std::string name;
  std::vector<std::string> alphabet;
  std::vector<std::string> states;                ///< readable state names (contexts)
  std::uint32_t initial = 0;                      ///< the state before the first token
  std::vector<std::vector<Rational>> emit;        ///< [state][symbol] next-token probability
  std::vector<std::vector<std::uint32_t>> next;   ///< [state][symbol] the state after it
  std::size_t symbol_count() const { return alphabet.size(); }
};

/// Largest alphabet and number of states a model may have.
inline constexpr std::size_t kMaxAlphabet = 64;
inline constexpr std::size_t kMaxStates = 100000;

/// A horizon-K model over the alphabet with all contexts of length <= K as states (the
/// empty context first, breadth first) and all probabilities 0; `contexts` receives them.
StateModel horizon_skeleton(const std::vector<std::string>& alphabet, std::size_t k,
                            std::vector<std::vector<std::uint32_t>>* contexts = nullptr);

/// The probability of a token sequence under the model (from its initial state).
Rational sequence_probability(const StateModel& m, const std::vector<std::uint32_t>& tokens);

}  // namespace infocert
