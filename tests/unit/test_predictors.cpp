// engine/predictors: window profiles, witnesses, the re-weighted predictor and the
// two-component posterior trace, each against a direct computation from the chains'
// transition tables (sequence_probability), not through the engine.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "infocert/engine/parametrisation.hpp"
#include "infocert/engine/predictors.hpp"
#include "infocert/models/chain_properties.hpp"

using namespace infocert;

namespace {
StateModel chain_a() { return two_state_chain(Rational(1, 2), Rational(1, 3), "A"); }
StateModel chain_b() { return two_state_chain(Rational(1, 4), Rational(2, 3), "B"); }
}  // namespace

TEST_CASE("window profiles: a chain is horizon-1 from the start, a mixture never") {
  LatentMixture single = make_mixture({chain_a()}, {Rational(1)}, 6);
  SequenceEngine e(single);
  for (const auto& p : window_profiles(e, 3, 6)) {
    CHECK_FALSE(p.t_star);
    CHECK(p.first_difference() == nullptr);
    CHECK_FALSE(p.differ_from_t_star_on());
  }
  LatentMixture mix = make_mixture({chain_a(), chain_b()}, {Rational(1, 2), Rational(1, 2)}, 6);
  SequenceEngine m(mix);
  auto profiles = window_profiles(m, 2, 6);
  REQUIRE(profiles.size() == 2);
  for (const auto& p : profiles) {
    REQUIRE(p.t_star);
    CHECK(*p.t_star == p.d + 1);  // the first step with a history longer than the window
    CHECK(p.differ_from_t_star_on());
    const WindowComparison* first = p.first_difference();
    REQUIRE(first);
    REQUIRE(first->witness);
    const auto& [h1, h2] = *first->witness;
    CHECK(recheck_witness(m, h1, h2, p.d).empty());
    // Tampered witnesses are rejected, each for its own reason.
    auto shorter = h2;
    shorter.pop_back();
    CHECK(recheck_witness(m, h1, shorter, p.d) == "the histories have different lengths");
    auto other = h2;
    other.back() = 1 - other.back();
    CHECK(recheck_witness(m, h1, other, p.d).find("do not share their last") != std::string::npos);
    CHECK(recheck_witness(m, h1, h1, p.d) == "the predictions are equal");
  }
}

TEST_CASE("the re-weighted predictor is the Bayes predictive of the mixture with those weights") {
  LatentMixture mix = make_mixture({chain_a(), chain_b()}, {Rational(1, 2), Rational(1, 2)}, 4);
  std::vector<Rational> w = {Rational(1, 5), Rational(4, 5)};
  auto q = reweighted_predictor(mix, w);
  for (unsigned t = 0; t <= 3; ++t)
    for (const auto& h : all_sequences(2, t)) {
      // Σ_k w_k P_k(h x) / Σ_k w_k P_k(h), from the transition tables.
      Rational den = w[0] * sequence_probability(chain_a(), h) + w[1] * sequence_probability(chain_b(), h);
      auto p = q(h);
      for (std::uint32_t x = 0; x < 2; ++x) {
        auto hx = h;
        hx.push_back(x);
        Rational num = w[0] * sequence_probability(chain_a(), hx) + w[1] * sequence_probability(chain_b(), hx);
        CHECK(p[x] == num / den);
      }
    }
  // With the mixture's own weights it is the engine's predictive.
  SequenceEngine e(mix);
  auto own = reweighted_predictor(mix, {Rational(1, 2), Rational(1, 2)});
  CHECK(own({0, 1, 1}) == e.predictive({0, 1, 1}));
  CHECK_THROWS_AS(reweighted_predictor(mix, {Rational(1)}), std::invalid_argument);
}

TEST_CASE("the posterior trace of two chains, against sums over sequences") {
  const Rational w1(1, 3);
  LatentMixture mix = make_mixture({chain_a(), chain_b()}, {w1, Rational(2, 3)}, 5);
  SequenceEngine e(mix);
  PosteriorTrace trace = two_component_posterior(e, 5);
  REQUIRE(trace.expected.size() == 6);
  for (unsigned t = 0; t <= 5; ++t) {
    Rational expected = 0;
    for (const auto& h : all_sequences(2, t)) {
      Rational p1 = sequence_probability(chain_a(), h), p2 = sequence_probability(chain_b(), h);
      if (p1 == 0) continue;
      expected += p1 * (w1 * p1 / (w1 * p1 + (1 - w1) * p2));
    }
    CHECK(trace.expected[t] == expected);
  }
  CHECK(trace.expected[0] == w1);
  CHECK_FALSE(trace.boundary);        // full support: the posterior never reaches 0 or 1
  CHECK_FALSE(trace.bayes_mismatch);  // Bayes' rule for Markov chains
  CHECK(trace.histories == 63);       // 1 + 2 + ... + 32
  // A transition of probability 0 in one chain only: some history names the chain for sure.
  LatentMixture dd = make_mixture({two_state_chain(Rational(1), Rational(1, 2)), chain_b()}, {w1, Rational(2, 3)}, 3);
  SequenceEngine de(dd);
  PosteriorTrace t2 = two_component_posterior(de, 3);
  REQUIRE(t2.boundary);
  CHECK((t2.boundary->posterior == 0 || t2.boundary->posterior == 1));
  LatentMixture three = make_mixture({chain_a(), chain_b(), chain_a()}, {w1, w1, w1}, 3);
  SequenceEngine te(three);
  CHECK_THROWS_AS(two_component_posterior(te, 3), std::invalid_argument);
}

TEST_CASE("the limit of the posterior: frozen once both chains are absorbed in the same state") {
  // b absorbing in both chains; at a they differ (1/2 against 1/3 to stay). Under M1 the
  // first b comes at step k with probability 2^-k after a^(k-1), and the posterior then
  // freezes at post_k = 2^-k / (2^-k + (1/3)^(k-1) 2/3). The limit is S = Σ_k 2^-k post_k.
  StateModel m1 = two_state_chain(Rational(1, 2), Rational(0)), m2 = two_state_chain(Rational(1, 3), Rational(0));
  auto merged = merged_state_pairs(m1, m2);
  CHECK(merged[1][1]);  // (b, b): the same continuations
  CHECK_FALSE(merged[0][0]);
  CHECK_FALSE(merged[0][1]);
  LatentMixture m = make_mixture({m1, m2}, {Rational(1, 2), Rational(1, 2)}, 8);
  SequenceEngine e(m);
  PosteriorTrace trace = two_component_posterior(e, 8);
  Rational s = 0, two_k = 1, three_k = 1;  // 2^-k and (1/3)^(k-1)
  for (int k = 1; k <= 60; ++k) {
    two_k /= 2;
    const Rational post = two_k / (two_k + three_k * Rational(2, 3));
    s += two_k * post;
    three_k /= 3;
  }
  const Rational tail = two_k;  // the terms after k = 60 add at most 2^-60
  for (unsigned t = 0; t <= 8; ++t) {
    CHECK(trace.expected[t] <= s + tail);
    CHECK(s <= trace.limit_upper[t]);
    if (t > 0) CHECK(trace.limit_upper[t] <= trace.limit_upper[t - 1]);
  }
  CHECK(trace.limit_upper[8] < 1);
  // Irreducible, different chains: nothing merges and the bound stays at 1.
  LatentMixture ab = make_mixture({chain_a(), chain_b()}, {Rational(1, 2), Rational(1, 2)}, 6);
  SequenceEngine eab(ab);
  PosteriorTrace tab = two_component_posterior(eab, 6);
  for (const auto& u : tab.limit_upper) CHECK(u == 1);
}

TEST_CASE("comparison predictors: as named, and only the off-support change keeps the log loss") {
  const StateModel a = two_state_chain(Rational(1, 2), Rational(1, 3)), b = two_state_chain(Rational(1), Rational(1, 4));
  LatentMixture m = make_mixture({a, b}, {Rational(1, 2), Rational(1, 2)}, 4);
  SequenceEngine e(m);
  auto qs = comparison_predictors(e, 4, true);
  REQUIRE(qs.size() == 5);
  CHECK(qs[0].name == "other prior weights");
  CHECK(qs[4].name == "P-hat changed on zero-probability histories");
  const std::vector<std::uint32_t> ab = {0, 1};
  CHECK(qs[2].predictor(ab) == std::vector<Rational>{Rational(1, 2), Rational(1, 2)});
  CHECK(qs[3].predictor({}) == std::vector<Rational>{Rational(1, 2), Rational(1, 2)});
  CHECK(qs[3].predictor(ab) == e.predictive(ab));
  // Weights 1/5, 4/5: the first prediction is 1/5 * 1/2 + 4/5 * 1 = 9/10 for "a".
  CHECK(qs[0].predictor({})[0] == Rational(9, 10));
  // Chain a has full support, so every history has positive probability here and the
  // off-support change changes nothing; the others differ on the support.
  LogForm best = *e.log_loss(4, [&](const auto& h) { return e.predictive(h); });
  for (std::size_t i = 0; i < qs.size(); ++i) {
    CAPTURE(qs[i].name);
    auto loss = e.log_loss(4, qs[i].predictor);
    REQUIRE(loss);
    CHECK((*loss == best) == (i == 4));
    CHECK(agrees_on_support(e, qs[i].predictor, 4) == (i == 4));
  }
  CHECK(comparison_predictors(e, 4, false).size() == 4);
  // Chain b alone never leaves a: "a b" has probability 0, where the change predicts uniformly.
  LatentMixture only_b = make_mixture({b}, {Rational(1)}, 3);
  SequenceEngine eb(only_b);
  auto changed = comparison_predictors(eb, 3, true)[4].predictor;
  CHECK(eb.probability(ab) == 0);
  CHECK(changed(ab) == std::vector<Rational>{Rational(1, 2), Rational(1, 2)});
  CHECK(*eb.log_loss(3, changed) == *eb.log_loss(3, [&](const auto& h) { return eb.predictive(h); }));
}

TEST_CASE("window witnesses: a mixture of two chains has one for every d, re-checked; a chain has none") {
  LatentMixture m = make_mixture({chain_a(), chain_b()}, {Rational(1, 2), Rational(1, 2)}, 6);
  SequenceEngine e(m);
  const auto ws = window_witnesses(e, 3, 6, true);
  REQUIRE(ws.size() == 3);
  for (const WindowWitness& w : ws) {
    CAPTURE(w.d);
    REQUIRE(w.found);
    CHECK(w.t_star == w.t);
    CHECK(w.h1.size() == w.h2.size());
    CHECK(w.h1 != w.h2);
    // The same last d tokens (history_text separates tokens by spaces).
    auto tokens = [](const std::string& h) {
      std::vector<std::string> out;
      std::istringstream in(h);
      for (std::string x; in >> x;) out.push_back(x);
      return out;
    };
    const auto t1 = tokens(w.h1), t2 = tokens(w.h2);
    REQUIRE(t1.size() == w.t);
    REQUIRE(t2.size() == w.t);
    CHECK(std::equal(t1.end() - w.d, t1.end(), t2.end() - w.d));
    CHECK(w.law1 != w.law2);
    CHECK(w.mass > 0);
    CHECK(certified_sign(w.excess) > 0);
  }
  LatentMixture one = make_mixture({chain_a()}, {Rational(1)}, 6);
  SequenceEngine single(one);
  for (const WindowWitness& w : window_witnesses(single, 2, 6, true)) {
    CHECK_FALSE(w.found);
    CHECK_FALSE(w.t_star);
    CHECK(w.excess.is_zero());
  }
}

TEST_CASE("PosteriorTrace::remaining is 1 - E_t; it falls only if every step lowers it") {
  PosteriorTrace t;
  t.expected = {Rational(1, 2), Rational(2, 3), Rational(3, 4)};
  CHECK(t.remaining() == std::vector<Rational>{Rational(1, 2), Rational(1, 3), Rational(1, 4)});
  CHECK(t.remaining_falls());
  t.expected.push_back(Rational(3, 4));  // a stalled step
  CHECK_FALSE(t.remaining_falls());
}
