#include <doctest/doctest.h>

#include "model_fixtures.hpp"

#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>

#include "infocert/engine/horizon.hpp"
#include "infocert/engine/parallel.hpp"
#include "infocert/models/chain_properties.hpp"

using namespace infocert;
using fixtures::horizon2;

namespace {
StateModel chain2(Rational aa, Rational ba, const char* name = "") { return two_state_chain(aa, ba, name); }
}  // namespace

TEST_CASE("chain properties: irreducible, dd, Markov") {
  CHECK(irreducible(chain2(Rational(1, 2), Rational(1, 3))));
  CHECK_FALSE(irreducible(chain2(Rational(1), Rational(1, 3))));  // a is absorbing
  CHECK_FALSE(irreducible(chain2(Rational(1, 2), Rational(0))));  // b is absorbing
  std::string edge;
  CHECK(deterministically_distinguishable(chain2(Rational(1, 2), Rational(1, 3)), chain2(Rational(1), Rational(1, 3)), &edge));
  CHECK(edge == "a -> b");
  CHECK_FALSE(deterministically_distinguishable(chain2(Rational(1, 2), Rational(1, 3)), chain2(Rational(1, 4), Rational(2, 3))));
  CHECK(is_markov(chain2(Rational(1, 2), Rational(1, 3))));
  CHECK_FALSE(is_markov(horizon2(std::vector<Rational>(7, Rational(1, 2)))));
  CHECK(full_support(horizon2(std::vector<Rational>(7, Rational(1, 2)))));
}

TEST_CASE("automaton equivalence decides equality on every length") {
  StateModel a = chain2(Rational(1, 2), Rational(1, 3)), b = chain2(Rational(1, 4), Rational(2, 3));
  // A mixture of two copies of a chain is the chain.
  LatentMixture twice = make_mixture({a, a}, {Rational(1, 3), Rational(2, 3)}, 5);
  EquivalenceResult r = equivalent(automaton_of(twice), automaton_of(a));
  CHECK(r.equivalent);
  // Different chains: the counterexample word really separates them.
  EquivalenceResult s = equivalent(automaton_of(a), automaton_of(b));
  REQUIRE_FALSE(s.equivalent);
  CHECK(evaluate(automaton_of(a), s.counterexample) != evaluate(automaton_of(b), s.counterexample));
  CHECK(evaluate(automaton_of(a), {0, 1}) == Rational(1, 4));  // a -> a then a -> b
  // A chain as a horizon-2 table (rows depend on the last token only) is the same process.
  StateModel as_table = horizon2({Rational(1, 2), Rational(1, 2), Rational(1, 3), Rational(1, 2), Rational(1, 3),
                                  Rational(1, 2), Rational(1, 3)});
  CHECK(equivalent(automaton_of(as_table), automaton_of(a)).equivalent);
  // Two processes equal up to length 3 but not 4 are told apart (the bound is n1 + n2 - 1).
  StateModel t1 = horizon2({Rational(1, 2), Rational(1, 2), Rational(1, 2), Rational(1, 2), Rational(1, 2),
                            Rational(1, 2), Rational(1, 2)});
  StateModel t2 = t1;
  t2.emit[6] = {Rational(1, 3), Rational(2, 3)};  // only after "b b", from the third token on
  EquivalenceResult u = equivalent(automaton_of(t1), automaton_of(t2));
  CHECK_FALSE(u.equivalent);
  CHECK(u.counterexample.size() == 3);
}

TEST_CASE("window chains reproduce their horizon model") {
  StateModel f = horizon2({Rational(1, 2), Rational(1, 3), Rational(2, 3), Rational(3, 4), Rational(3, 4),
                           Rational(1, 4), Rational(1, 4)});
  StateModel w = window_chain(f, 2);
  CHECK(w.states.size() == 7);
  CHECK(w.states.front() == "[]");
  CHECK_FALSE(irreducible(w));  // the empty window is never re-entered
  // From [a b] the chain moves to [b a] with f("a b")(a) = 3/4.
  std::size_t ab = std::find(w.states.begin(), w.states.end(), "[a b]") - w.states.begin();
  std::size_t ba = std::find(w.states.begin(), w.states.end(), "[b a]") - w.states.begin();
  CHECK(w.emit[ab][ba] == Rational(3, 4));
}

TEST_CASE("predictors: a chain never needs more than its last token; a mixture does") {
  LatentMixture single = make_mixture({chain2(Rational(1, 2), Rational(1, 3))}, {Rational(1)}, 7);
  SequenceEngine e(single);
  auto rows = histories_by_depth(e, 7);
  for (unsigned t = 1; t < 7; ++t) CHECK_FALSE(compare_window(rows[t], t, 1, e.total_at(t)).differ);
  CHECK(horizon_equivalence(e, 1, 7).equivalent);
  LatentMixture mix = make_mixture({chain2(Rational(1, 2), Rational(1, 3)), chain2(Rational(1, 4), Rational(2, 3))},
                                   {Rational(1, 2), Rational(1, 2)}, 7);
  SequenceEngine m(mix);
  auto mrows = histories_by_depth(m, 7);
  WindowComparison c = compare_window(mrows[3], 3, 1, m.total_at(3));
  CHECK(c.differ);
  REQUIRE(c.witness);
  const auto& [h1, h2] = *c.witness;
  CHECK(h1.back() == h2.back());
  CHECK(m.predictive(h1) != m.predictive(h2));
  CHECK(c.mass > 0);
  CHECK(c.mass <= 1);
  // With d >= t the window is the history: nothing differs.
  CHECK_FALSE(compare_window(mrows[3], 3, 3, m.total_at(3)).differ);
  CHECK_FALSE(horizon_equivalence(m, 2, 7).equivalent);
  // predictor_of agrees with the posterior route.
  CHECK(predictor_of(mrows[3][0], m.emission_denominator()) == m.predictive(mrows[3][0].history));
}

TEST_CASE("drop_one_hypothesis counts pairs that fail exactly one hypothesis, by hand") {
  const StateModel a = chain2(Rational(1, 2), Rational(1, 3)), b = chain2(Rational(1, 4), Rational(2, 3));
  const StateModel absorbing = chain2(Rational(1), Rational(1, 3));
  // (a, a): only P1 != P2 fails, and the mixture is the chain a (horizon 1 for every length).
  // (a, b, 0): only theta in (0,1) fails, the mixture is b. (a, b, 1/2) meets every
  // hypothesis; (a, absorbing) fails two (dd and irreducible): neither is counted.
  auto tally = drop_one_hypothesis({{a, a, Rational(1, 2)}, {a, b, Rational(0)}, {a, b, Rational(1, 2)},
                                    {a, absorbing, Rational(1, 2)}},
                                   2, 6);
  REQUIRE(tally.size() == 2);
  CHECK(tally["P1 != P2"].pairs == 1);
  CHECK(tally["P1 != P2"].proved == 1);
  CHECK(tally["P1 != P2"].example.find("horizon 1") != std::string::npos);
  CHECK(tally["theta in (0,1)"].agree == 1);
  CHECK(tally["theta in (0,1)"].example.find("theta = 0") != std::string::npos);
  LatentMixture both = make_mixture({a, absorbing}, {Rational(1, 2), Rational(1, 2)}, 6);
  CHECK(two_chain_hypotheses(both).failing() == std::vector<std::string>{"not dd", "irreducible"});
}

TEST_CASE("smallest_horizon: 1 for a chain, none for a mixture that meets Lemma A's hypotheses") {
  const StateModel a = chain2(Rational(1, 2), Rational(1, 3)), b = chain2(Rational(1, 4), Rational(2, 3));
  LatentMixture same = make_mixture({a, a}, {Rational(1, 3), Rational(2, 3)}, 6);
  SequenceEngine e1(same);
  CHECK(smallest_horizon(e1, 3, 6) == 1);
  LatentMixture mix = make_mixture({a, b}, {Rational(1, 2), Rational(1, 2)}, 6);
  SequenceEngine e2(mix);
  CHECK(smallest_horizon(e2, 3, 6) == 0);
}

TEST_CASE("random_markov_chains: seeded, rows from the given set") {
  const std::vector<std::vector<Rational>> rows = {{1, 0}, {Rational(1, 2), Rational(1, 2)}};
  auto x = random_markov_chains(7, 20, {"a", "b"}, rows), y = random_markov_chains(7, 20, {"a", "b"}, rows);
  REQUIRE(x.size() == 20);
  std::set<std::string> seen;
  for (std::size_t k = 0; k < x.size(); ++k) {
    CHECK(describe_chain(x[k]) == describe_chain(y[k]));
    CHECK(is_markov(x[k]));
    seen.insert(describe_chain(x[k]));
  }
  CHECK(seen.size() > 1);  // not one chain repeated
}

TEST_CASE("window_reduction: equal for every length; irreducible only on the full windows") {
  // A full-support horizon-2 model: 1 + 2 + 4 windows; the empty word and the one-token
  // words are left at the start and never re-entered.
  WindowReduction w = window_reduction(horizon2(std::vector<Rational>(7, Rational(1, 3))), 2, 5);
  CHECK(w.chain.states.size() == 7);
  CHECK(w.agrees_up_to_horizon);
  CHECK(w.sequences_checked == 1 + 2 + 4 + 8 + 16 + 32);  // the empty sequence too
  CHECK(w.equal_for_every_length);
  CHECK_FALSE(w.irreducible);
  CHECK(w.irreducible_on_full);
  // A horizon-1 model where a is absorbing: not irreducible even on its full windows.
  StateModel h1 = horizon_skeleton({"a", "b"}, 1);
  h1.emit = {{Rational(1, 2), Rational(1, 2)}, {Rational(1), Rational(0)}, {Rational(1, 2), Rational(1, 2)}};
  WindowReduction v = window_reduction(h1, 1, 4);
  CHECK(v.equal_for_every_length);
  CHECK_FALSE(v.irreducible_on_full);
}

TEST_CASE("parallel_map: results in index order on any thread count; the lowest index's error") {
  auto square = [](std::size_t i) { return static_cast<long>(i * i); };
  const auto one = parallel_map(1000, square, 1), four = parallel_map(1000, square, 4);
  REQUIRE(one.size() == 1000);
  CHECK(one == four);
  CHECK(four[999] == 999L * 999L);
  CHECK(parallel_map(0, square, 3).empty());
  auto failing = [](std::size_t i) -> int {
    if (i == 7 || i == 500) throw std::runtime_error("item " + std::to_string(i));
    return 0;
  };
  for (unsigned threads : {1u, 2u, 8u}) CHECK_THROWS_WITH(parallel_map(1000, failing, threads), "item 7");
  // The sweep itself: the same tally on 1 and 3 threads.
  const auto chains = two_state_chains({Rational(0), Rational(1, 2), Rational(1)});
  std::vector<ChainPair> pairs;
  for (std::size_t i = 0; i < chains.size(); ++i)
    for (std::size_t j = i; j < chains.size(); ++j) pairs.push_back({chains[i], chains[j], Rational(1, 2)});
  setenv("INFOCERT_THREADS", "1", 1);
  auto a = drop_one_hypothesis(pairs, 2, 6);
  setenv("INFOCERT_THREADS", "3", 1);
  auto b = drop_one_hypothesis(pairs, 2, 6);
  unsetenv("INFOCERT_THREADS");
  REQUIRE(a.size() == b.size());
  for (const auto& [k, v] : a) {
    CHECK(b[k].pairs == v.pairs);
    CHECK(b[k].proved == v.proved);
    CHECK(b[k].example == v.example);
  }
}

TEST_CASE("hypothesis_search_pairs: the pairs in the order and with the weights described") {
  const std::vector<StateModel> chains = {chain2(Rational(1, 2), Rational(1, 2), "x"), chain2(Rational(1, 3), Rational(1), "y"),
                                          chain2(Rational(0), Rational(1), "z")};
  const std::vector<StateModel> three = {chain2(Rational(1), Rational(1), "p"), chain2(Rational(1, 2), Rational(0), "q"),
                                         chain2(Rational(1, 2), Rational(1, 2), "r")};
  const auto pairs = hypothesis_search_pairs({chains[0], chains[1], Rational(1, 4)}, chains, three);
  // 1 + (3 * 4 / 2) unordered pairs with i <= j + 3 * 2 ordered ones + 1 pair of the three (r is left over).
  REQUIRE(pairs.size() == 1 + 6 + 6 + 1);
  CHECK(pairs[0].theta == Rational(1, 4));
  CHECK(pairs[1].a.name == "x");
  CHECK(pairs[1].b.name == "x");
  for (std::size_t k = 1; k <= 6; ++k) CHECK(pairs[k].theta == Rational(1, 2));
  for (std::size_t k = 7; k <= 12; ++k) {
    CHECK(pairs[k].theta == 0);
    CHECK(pairs[k].a.name != pairs[k].b.name);
  }
  CHECK(pairs[13].a.name == "p");
  CHECK(pairs[13].b.name == "q");
}

TEST_CASE("dd_pairs_by_horizon: reducible chains left out, each dd pair counted under its smallest horizon") {
  const StateModel x = chain2(Rational(1, 2), Rational(1), "x");  // b -> b never
  const StateModel y = chain2(Rational(1, 2), Rational(1, 2), "y");
  const StateModel w = chain2(Rational(0), Rational(1), "w");  // alternates
  const StateModel z = chain2(Rational(1), Rational(0), "z");  // reducible: a and b absorbing
  const auto counts = dd_pairs_by_horizon({x, y, w, z}, 3, 7);
  std::size_t total = 0;
  for (const auto& [h, c] : counts) total += c.pairs;
  CHECK(total == 3);  // x-y, x-w, y-w are all deterministically distinguishable; z is left out
  // Each pair's horizon, one by one.
  std::map<unsigned, std::size_t> expected;
  for (const auto& [a, b] : std::vector<std::pair<StateModel, StateModel>>{{x, y}, {x, w}, {y, w}}) {
    LatentMixture m = make_mixture({a, b}, {Rational(1, 2), Rational(1, 2)}, 7);
    SequenceEngine e(m);
    ++expected[smallest_horizon(e, 3, 7)];
  }
  for (const auto& [h, n] : expected) CHECK(counts.at(h).pairs == n);
  CHECK(dd_pairs_by_horizon({y, y, z}, 3, 7).empty());  // equal chains are not dd
}

TEST_CASE("component_properties: full support and distinct components, each failing on its own") {
  const StateModel full = chain2(Rational(1, 2), Rational(1, 3)), other = chain2(Rational(1, 4), Rational(1, 3));
  const StateModel gap = chain2(Rational(1), Rational(1, 3));
  auto props = [](const std::vector<StateModel>& models) {
    return component_properties(make_mixture(models, std::vector<Rational>(models.size(), Rational(1, static_cast<long>(models.size()))), 3));
  };
  CHECK(props({full, other}).full_support);
  CHECK(props({full, other}).distinct);
  CHECK_FALSE(props({full, gap}).full_support);
  CHECK(props({full, gap}).distinct);
  CHECK_FALSE(props({full, full}).distinct);
}
