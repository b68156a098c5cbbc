// engine/long_history: window laws, type-class history entropies and excess losses against
// the sequence-by-sequence engine (exact log-forms) at short horizons, and hand values.
#include <doctest/doctest.h>

#include "infocert/distribution/readings.hpp"

#include "infocert/engine/enumerate.hpp"
#include "infocert/engine/long_history.hpp"
#include "infocert/engine/predictors.hpp"
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
