// engine/long_history: window laws, type-class history entropies and excess losses against
// the sequence-by-sequence engine (exact log-forms) at short horizons, and hand values.
#include <doctest/doctest.h>

#include "infocert/distribution/readings.hpp"

#include "infocert/engine/enumerate.hpp"
#include "infocert/engine/long_history.hpp"
#include "infocert/engine/predictors.hpp"
#include "infocert/error.hpp"
#include "infocert/limits.hpp"
#include "infocert/query/query.hpp"

using namespace infocert;

namespace {
LatentMixture binary_pair(unsigned tokens) {
  return make_mixture({two_state_chain(Rational(1, 3), Rational(1, 2)), two_state_chain(Rational(3, 4), Rational(1, 5))},
                      {Rational(2, 5), Rational(3, 5)}, tokens);
}

bool contains(const Interval& x, const LogForm& f, Unit unit = Unit::nat) {
  Interval v = evaluate(f, 200, unit);
  return x.lower() <= v.upper() && v.lower() <= x.upper();
}
}  // namespace

TEST_CASE("window law by hand: one chain, the law of X2 X3") {
  // Start a; P(a->a) = 1/3, P(b->a) = 1/2. X1 = a always (the start is the state before X1:
  // X1 ~ row a). Check X2 X3 against a direct sum over X1.
  StateModel c = two_state_chain(Rational(1, 3), Rational(1, 2));
  LatentMixture m = make_mixture({c}, {Rational(1)}, 4);
  std::vector<Rational> law = window_law(m, 2, 2);
  REQUIRE(law.size() == 4);
  const Rational a[2][2] = {{Rational(1, 3), Rational(2, 3)}, {Rational(1, 2), Rational(1, 2)}};
  for (int x2 = 0; x2 < 2; ++x2)
    for (int x3 = 0; x3 < 2; ++x3) {
      Rational p = 0;
      for (int x1 = 0; x1 < 2; ++x1) p += a[0][x1] * a[x1][x2] * a[x2][x3];
      CHECK(law[static_cast<std::size_t>(2 * x2 + x3)] == p);
    }
  Rational total = 0;
  for (const auto& q : law) total += q;
  CHECK(total == 1);
}

TEST_CASE("window law against the enumeration engine's marginals") {
  LatentMixture m = binary_pair(6);
  SequenceEngine e(m);
  QueryEvaluator q(e);
  // H(X3..X5) from the window law against the evaluator's exact form.
  std::vector<Rational> law = window_law(m, 3, 3);
  Interval h = entropy_direct(law, 200);
  CHECK(contains(h, q.evaluate(q::H(q::tokens(3, 5)))));
  // In bits, the same sum is the nats one over ln 2.
  Interval bits = entropy_direct(law, 200, Unit::bit);
  CHECK(contains(bits, q.evaluate(q::H(q::tokens(3, 5))), Unit::bit));
}

TEST_CASE("history entropy by type classes against the enumeration") {
  for (unsigned t : {1u, 2u, 5u, 8u}) {
    LatentMixture m = binary_pair(t);
    SequenceEngine e(m);
    QueryEvaluator q(e);
    CHECK(contains(history_entropy(binary_pair(12), t, 200), q.evaluate(q::H(q::tokens(1, t)))));
  }
}

TEST_CASE("excess losses against the engine's exact excess loss") {
  LatentMixture m = binary_pair(9);
  SequenceEngine e(m);
  for (unsigned t : {3u, 6u, 8u}) {
    std::vector<unsigned> ds;
    for (unsigned d = 1; d <= t; ++d) ds.push_back(d);
    std::vector<Interval> eps = excess_losses(m, t, ds, 200);
    for (unsigned d = 1; d <= t; ++d) CHECK(contains(eps[d - 1], e.excess_loss(t, d)));
    // eps(t, t) = 0: the window is the whole history.
    CHECK(eps[t - 1].lower() <= 0);
    CHECK(eps[t - 1].upper() >= 0);
  }
  CHECK_THROWS_AS(excess_losses(m, 3, {4}, 100), std::invalid_argument);
  CHECK_THROWS_AS(excess_losses(m, 3, {0}, 100), std::invalid_argument);
}

TEST_CASE("a perturbed model gives a different excess loss (the comparison can fail)") {
  LatentMixture m = binary_pair(6);
  LatentMixture other = make_mixture({two_state_chain(Rational(1, 3), Rational(1, 2)),
                                      two_state_chain(Rational(3, 4), Rational(1, 4))},
                                     {Rational(2, 5), Rational(3, 5)}, 6);
  SequenceEngine e(other);
  CHECK_FALSE(contains(excess_losses(m, 5, {2}, 200)[0], e.excess_loss(5, 2)));
}

TEST_CASE("the excess-loss grid: every entry encloses the exact value; halving decided as the exact forms say") {
  LatentMixture m = binary_pair(9);
  SequenceEngine e(m);
  ExcessLossGrid g = excess_loss_grid(m, {4, 8}, {1, 2, 4}, 200);
  REQUIRE(g.eps.size() == 2);
  for (std::size_t i = 0; i < g.ts.size(); ++i)
    for (std::size_t k = 0; k < g.ds.size(); ++k) CHECK(contains(g.eps[i][k], e.excess_loss(g.ts[i], g.ds[k])));
  // eps(4, 8) * 2 < eps(1, 8), decided on the exact forms.
  const bool exact = certified_sign(e.excess_loss(8, 1) - Rational(2) * e.excess_loss(8, 4)) > 0;
  CHECK(g.halves() == exact);
  // The same window length at both ends never halves.
  CHECK_FALSE(excess_loss_grid(m, {8}, {2, 2}, 200).halves());
}

namespace {
StateModel chain(const Rational& aa, const Rational& ba, std::uint32_t start = 0) {
  return markov_chain({"a", "b"}, {{aa, 1 - aa}, {ba, 1 - ba}}, start);
}

// Mixtures of binary chains with the features the class-by-class routes must handle.
std::vector<std::pair<std::string, LatentMixture>> binary_mixtures(unsigned tokens) {
  const Rational half(1, 2);
  return {
      {"lemma-a-binary", make_mixture({chain(Rational(3, 4), half), chain(Rational(1, 3), Rational(1, 5))}, {half, half}, tokens)},
      {"pair 2/5 3/5", binary_pair(tokens)},
      {"identical", make_mixture({chain(Rational(2, 7), half), chain(Rational(2, 7), half)}, {Rational(1, 3), Rational(2, 3)}, tokens)},
      {"same row at a", make_mixture({chain(half, Rational(1, 3)), chain(half, Rational(3, 4))}, {half, half}, tokens)},
      {"zero transitions", make_mixture({chain(half, Rational(1)), chain(Rational(0), half)}, {Rational(1, 4), Rational(3, 4)}, tokens)},
      {"other starts", make_mixture({chain(Rational(3, 5), Rational(1, 6), 1), chain(Rational(1, 9), Rational(7, 8), 0)}, {half, half}, tokens)},
      {"three chains", make_mixture({chain(Rational(1, 3), half), chain(Rational(3, 4), Rational(1, 5)), chain(Rational(1, 10), Rational(9, 10), 1)},
                                    {Rational(1, 6), Rational(1, 3), half}, tokens)},
      {"one chain", make_mixture({chain(Rational(2, 3), Rational(1, 4))}, {Rational(1)}, tokens)},
      {"alternating", make_mixture({chain(Rational(0), Rational(1))}, {Rational(1)}, tokens)},
  };
}
}  // namespace

TEST_CASE("binary chains: which mixtures the class-by-class routes take") {
  for (const auto& entry : binary_mixtures(4)) CHECK_MESSAGE(binary_chains_apply(entry.second), entry.first);
  const Rational third(1, 3);
  LatentMixture three = make_mixture({markov_chain({"a", "b", "c"}, {{third, third, third}, {third, third, third}, {third, third, third}})},
                                     {Rational(1)}, 4);
  CHECK_FALSE(binary_chains_apply(three));
  std::vector<std::vector<std::uint32_t>> contexts;
  StateModel h2 = horizon_skeleton({"a", "b"}, 2, &contexts);
  for (auto& r : h2.emit) r = {Rational(1, 2), Rational(1, 2)};
  LatentMixture horizon2 = make_mixture({h2}, {Rational(1)}, 4);
  CHECK_FALSE(binary_chains_apply(horizon2));
  CHECK_THROWS_AS(next_token_entropy(horizon2, 3, 64), std::invalid_argument);
  CHECK_THROWS_AS(predictors_differ_profile(three, 1, 4), std::invalid_argument);
}

TEST_CASE("next-token entropy by classes against the exact engine and against two type-class entropies") {
  for (const auto& entry : binary_mixtures(8)) {
    const std::string& name = entry.first;
    const LatentMixture& m = entry.second;
    SequenceEngine e(m);
    QueryEvaluator q(e);
    for (unsigned t = 0; t < 8; ++t) {
      const Interval h = next_token_entropy(m, t, 200);
      const LogForm exact = t == 0 ? q.evaluate(q::H(q::tokens(1, 1)))
                                   : q.evaluate(q::H(q::tokens(1, t + 1))) - q.evaluate(q::H(q::tokens(1, t)));
      CHECK_MESSAGE(contains(h, exact), name << " t = " << t);
      CHECK_MESSAGE(h.upper() - h.lower() < Rational(1, Integer(1) << 150), name << " t = " << t);
    }
  }
  // Longer: against H(X_1..X_{t+1}) - H(X_1..X_t) from the type classes, a second method.
  for (const auto& entry : binary_mixtures(2)) {
    const std::string& name = entry.first;
    const LatentMixture& m = entry.second;
    if (name == "zero transitions" || name == "one chain" || name == "alternating") continue;
    for (unsigned t : {30u, 61u}) {
      const Interval h = next_token_entropy(m, t, 256);
      Interval two = history_entropy(m, t + 1, 256);
      mpfi_sub(two.get(), two.get(), history_entropy(m, t, 256).get());
      CHECK_MESSAGE((h.lower() <= two.upper() && two.lower() <= h.upper()), name << " t = " << t);
      CHECK_MESSAGE(h.upper() - h.lower() < Rational(1, Integer(1) << 180), name << " t = " << t);
    }
  }
}

TEST_CASE("next-token entropy: a changed transition gives a value outside the enclosure") {
  LatentMixture m = binary_pair(2);
  LatentMixture other = make_mixture({two_state_chain(Rational(1, 3), Rational(1, 2)),
                                      two_state_chain(Rational(3, 4), Rational(21, 100))},
                                     {Rational(2, 5), Rational(3, 5)}, 2);
  const Interval a = next_token_entropy(m, 40, 128), b = next_token_entropy(other, 40, 128);
  CHECK((a.upper() < b.lower() || b.upper() < a.lower()));
}

TEST_CASE("next-token entropy does not depend on the number of threads") {
  LatentMixture m = binary_pair(2);
  ::setenv("INFOCERT_THREADS", "1", 1);
  const Interval one = next_token_entropy(m, 50, 128);
  ::setenv("INFOCERT_THREADS", "3", 1);
  const Interval three = next_token_entropy(m, 50, 128);
  ::unsetenv("INFOCERT_THREADS");
  CHECK(one.lower() == three.lower());
  CHECK(one.upper() == three.upper());
}

TEST_CASE("Pdiff by the group programme against the enumeration, T = 0..11, d = 0..4") {
  const unsigned horizon = 11;
  for (const auto& entry : binary_mixtures(horizon)) {
    const std::string& name = entry.first;
    const LatentMixture& m = entry.second;
    SequenceEngine e(m);
    for (unsigned d = 0; d <= 4; ++d) {
      const DifferProfile profile = predictors_differ_profile(m, d, horizon);
      REQUIRE(profile.probability.size() == horizon + 1);
      for (unsigned T = 0; T <= horizon; ++T)
        CHECK_MESSAGE(profile.probability[T] == predictors_differ_probability(e, d, T),
                      name << " d = " << d << " T = " << T);
    }
  }
}

TEST_CASE("Pdiff by the group programme: the values that tell the cases apart") {
  const Rational half(1, 2);
  auto mixtures = binary_mixtures(2);
  // Lemma A's binary mixture: the predictors differ from the first step they can (t = d + 1).
  const LatentMixture& lemma = mixtures[0].second;
  for (unsigned d = 1; d <= 6; ++d) {
    const DifferProfile p = predictors_differ_profile(lemma, d, d + 3);
    CHECK(p.probability[d + 1] == 0);
    CHECK(p.probability[d + 2] == 1);
    CHECK(p.probability[d + 3] == 1);
  }
  // Identical chains: never (and every comparison is skipped, the rows being the same).
  const DifferProfile same = predictors_differ_profile(mixtures[2].second, 2, 30);
  CHECK(same.probability[30] == 0);
  CHECK(same.exact_checks == 0);
  // Identical chains with d = 0: the marginal differs from the chain's row after a.
  const DifferProfile marginal = predictors_differ_profile(mixtures[2].second, 0, 3);
  CHECK(marginal.probability[3] > 0);
  // One chain: the posterior never moves and the window ends with the state: never for d >= 1.
  CHECK(predictors_differ_profile(mixtures[7].second, 1, 40).probability[40] == 0);
  // Equal rows at a: the histories ending in a always agree, so Pdiff stays below 1 for a while.
  const DifferProfile partial = predictors_differ_profile(mixtures[3].second, 1, 12);
  CHECK(partial.probability[12] > 0);
  CHECK(partial.probability[12] < 1);
  for (unsigned T = 1; T <= 12; ++T) CHECK(partial.probability[T - 1] <= partial.probability[T]);
  // Zero transitions: a window with aa (or bb) names the chain as surely as the history does,
  // so the predictions tie exactly, settled without arithmetic (one component possible on
  // both sides); the values meet the enumeration above.
  const DifferProfile tie = predictors_differ_profile(mixtures[4].second, 2, 11);
  CHECK(tie.exact_checks == 0);
  CHECK(tie.probability[11] == Rational(4087, 4096));
  // The alternating chain with d = 0: the marginal is as sure as the row, a tie the intervals
  // cannot separate, decided exactly.
  const DifferProfile alternating = predictors_differ_profile(mixtures[8].second, 0, 11);
  CHECK(alternating.exact_checks == 10);
  CHECK(alternating.probability[11] == 0);
  CHECK_THROWS_AS(predictors_differ_profile(lemma, 17, 4), std::invalid_argument);
  CHECK_THROWS_AS(predictors_differ_profile(lemma, 1, 8001), std::invalid_argument);
}

TEST_CASE("Pdiff at a long horizon through the query language (the enumeration would refuse)") {
  const Rational half(1, 2);
  LatentMixture m = make_mixture({chain(Rational(3, 4), half), chain(Rational(1, 3), Rational(1, 5))}, {half, half}, 300);
  SequenceEngine e(m);
  CHECK(e.predictors_differ(8, 300) == 1);
  CHECK(e.predictors_differ(8, 9) == 0);
}

TEST_CASE("the group programme and the class pass stay within --max-work and --max-memory") {
  struct Restore {
    ~Restore() { set_limits({}); }
  } restore;
  auto mixtures = binary_mixtures(2);
  // Identical chains: nothing ever differs, so the groups pile up (about t^2 2^d of them).
  set_limits({1e5, 1e12});
  CHECK_THROWS_AS(predictors_differ_profile(mixtures[2].second, 4, 400), BudgetExceeded);
  CHECK_THROWS_AS(next_token_entropy(mixtures[0].second, 400, 64), BudgetExceeded);
  set_limits({1e12, 1e6});
  CHECK_THROWS_AS(predictors_differ_profile(mixtures[2].second, 4, 400), BudgetExceeded);
  set_limits({});
  CHECK(predictors_differ_profile(mixtures[2].second, 4, 40).probability[40] == 0);
}
