// engine/automaton: the window-chain automaton against the model's own prefix automaton
// and against sequence probabilities computed from the tables.
#include <doctest/doctest.h>

#include "model_fixtures.hpp"

#include "infocert/engine/automaton.hpp"
#include "infocert/engine/parametrisation.hpp"
#include "infocert/models/chain_properties.hpp"

using namespace infocert;
using fixtures::horizon2;

TEST_CASE("the window-chain automaton defines the model's sequence law") {
  StateModel f = horizon2({Rational(1, 2), Rational(1, 3), Rational(2, 3), Rational(3, 4), Rational(1, 5),
                           Rational(2, 5), Rational(1, 4)});
  WeightedAutomaton w = window_chain_automaton(f, 2);
  CHECK(equivalent(w, automaton_of(f)).equivalent);
  for (unsigned t = 0; t <= 4; ++t)
    for (const auto& s : all_sequences(2, t)) CHECK(evaluate(w, s) == sequence_probability(f, s));
  // Windows longer than the model's contexts have no row to look up.
  CHECK_THROWS_AS(window_chain_automaton(f, 3), std::invalid_argument);
  // Hand value: P(a, b, b) = 1/2 * (1 - 1/3) * (1 - 1/5) = 4/15.
  CHECK(evaluate(window_chain_automaton(f, 2), {0, 1, 1}) == Rational(4, 15));
  // A window shorter than the model's horizon forgets a token it needs: a different law,
  // first visible at length 3 (from the third token the rows of "aa".."bb" matter).
  EquivalenceResult r = equivalent(window_chain_automaton(f, 1), automaton_of(f));
  REQUIRE_FALSE(r.equivalent);
  CHECK(r.counterexample.size() == 3);
  CHECK(evaluate(window_chain_automaton(f, 1), r.counterexample) != sequence_probability(f, r.counterexample));
}

TEST_CASE("window chains record their words; irreducible_on restricts the graph") {
  StateModel f = horizon2(std::vector<Rational>(7, Rational(1, 2)));
  std::vector<std::vector<std::uint32_t>> words;
  StateModel w = window_chain(f, 2, &words);
  REQUIRE(words.size() == 7);
  CHECK(words.front().empty());
  CHECK(w.states[3] == "[a a]");
  CHECK(words[3] == std::vector<std::uint32_t>{0, 0});
  std::vector<bool> full(7, false), none(7, false), all(7, true);
  for (std::size_t s = 0; s < 7; ++s) full[s] = words[s].size() == 2;
  CHECK_FALSE(irreducible(w));
  CHECK_FALSE(irreducible_on(w, all));
  CHECK(irreducible_on(w, full));
  CHECK_FALSE(irreducible_on(w, none));
  // A chain with an absorbing state is irreducible on that state alone, not on both.
  StateModel absorbing = two_state_chain(Rational(1), Rational(1, 2));
  CHECK(irreducible_on(absorbing, {true, false}));
  CHECK_FALSE(irreducible_on(absorbing, {true, true}));
}
