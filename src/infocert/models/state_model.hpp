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

/// The Markov chain over {a, b} started at a with P(a -> a) = aa and P(b -> a) = ba.
StateModel two_state_chain(const Rational& aa, const Rational& ba, const std::string& name = "");
/// The Markov chain over `alphabet` (the states are the symbols) started at `start`, with
/// rows[s][x] = P(s -> x).
StateModel markov_chain(const std::vector<std::string>& alphabet, std::vector<std::vector<Rational>> rows,
                        std::uint32_t start = 0, const std::string& name = "");
/// Every chain two_state_chain(p, q) with p and q from `grid`, p outer, in grid order: the
/// domain "every two-state chain with transition probabilities in the grid".
std::vector<StateModel> two_state_chains(const std::vector<Rational>& grid);
/// `count` Markov chains over `alphabet` drawn from a seeded std::mt19937_64: each state's
/// row is rows[draw % rows.size()], states in order, chains in order.
std::vector<StateModel> random_markov_chains(std::uint64_t seed, std::size_t count, const std::vector<std::string>& alphabet,
                                             const std::vector<std::vector<Rational>>& rows);
/// The grid {0, 1/3, 1/2, 2/3, 1} the Lemma A and corollary searches use.
std::vector<Rational> coarse_probability_grid();

/// Independent tokens over {0, 1} with P(1) = p (one state).
StateModel bernoulli(const Rational& p, const std::string& name = "");
/// A Markov chain's table as text: "a->(1/2 1/2), b->(1 0)".
std::string describe_chain(const StateModel& m);
/// Tokens as text: "a b b" ("(empty)" for none).
std::string history_text(const std::vector<std::string>& alphabet, const std::vector<std::uint32_t>& h);

/// The probability of a token sequence under the model (from its initial state).
Rational sequence_probability(const StateModel& m, const std::vector<std::uint32_t>& tokens);

}  // namespace infocert
