// engine/monte_carlo and engine/parametrisation: sample statistics against hand values,
// sequence laws against the interval forward pass, channels of sequence families.
#include <doctest/doctest.h>

#include <array>

#include <cmath>
#include <numeric>

#include "infocert/engine/monte_carlo.hpp"
#include "infocert/engine/parametrisation.hpp"
#include "infocert/models/jeon_bounds.hpp"
#include "infocert/models/transformer.hpp"

using namespace infocert;

namespace {
Transformer small_transformer() {
  Transformer m;
  m.d = 2;
  m.K = 2;
  m.L = 1;
  m.r = 2;
  m.alphabet = {"1", "2"};
  m.embeddings = {{Rational(1), Rational(0)}, {Rational(0), Rational(1)}};
  m.first = {Rational(1, 2), Rational(1, 2)};
  return m;
}
}  // namespace

TEST_CASE("mean and 95% t interval of a small sample, by hand") {
  // {1, 2, 3, 4}: mean 2.5, s^2 = 5/3, half width t_3 sqrt(s^2 / 4) = 3.182446 * 0.6454972.
  McEstimate e = mean_interval({1, 2, 3, 4});
  CHECK(e.mean == doctest::Approx(2.5));
  CHECK(e.hi - e.mean == doctest::Approx(3.182446 * std::sqrt(5.0 / 12.0)).epsilon(1e-9));
  CHECK(e.mean - e.lo == doctest::Approx(e.hi - e.mean));
  CHECK_THROWS_AS(mean_interval({1}), std::invalid_argument);
  CHECK_THROWS_AS(mean_interval({1, 2, 3}), std::invalid_argument);  // no tabulated quantile for 2 dof
}

TEST_CASE("entropy and relative entropy in double precision") {
  CHECK(entropy_of({0.5, 0.5}) == doctest::Approx(std::log(2.0)));
  CHECK(entropy_of({1.0, 0.0}) == 0.0);
  CHECK(relative_entropy({0.5, 0.5}, {0.25, 0.75}) == doctest::Approx(0.5 * std::log(2.0) + 0.5 * std::log(2.0 / 3.0)));
  CHECK(relative_entropy({0.3, 0.7}, {0.3, 0.7}) == 0.0);
}

TEST_CASE("sequence laws sum to one and agree with the next-token laws; the sandwich is seeded") {
  Transformer m = small_transformer();
  std::mt19937_64 rng(7);
  RealWeights w = sample_weights(m, rng);
  std::vector<double> law = sequence_law(m, w, 3);
  REQUIRE(law.size() == 8);
  CHECK(std::accumulate(law.begin(), law.end(), 0.0) == doctest::Approx(1.0));
  // P(1 2 1) = P(1) P(2 | 1) P(1 | 1 2).
  double p = 0.5 * next_token_double(m, w, {0})[1] * next_token_double(m, w, {0, 1})[0];
  CHECK(law[2] == doctest::Approx(p));
  SandwichPlan plan{2, 4, 4, 4};
  std::mt19937_64 r1(11), r2(11);
  InformationSandwich a = information_sandwich(m, 2, r1, plan), b = information_sandwich(m, 2, r2, plan);
  CHECK(a.lower.mean == b.lower.mean);
  CHECK(a.upper.mean == b.upper.mean);
  CHECK(a.lower.mean >= 0);
  CHECK(a.upper.mean >= 0);
  // Information per token never exceeds ln d.
  CHECK(a.lower.mean <= std::log(2.0) + 1e-12);
}

TEST_CASE("all sequences and the channel of a family of models") {
  auto seqs = all_sequences(3, 2);
  REQUIRE(seqs.size() == 9);
  CHECK(seqs[5] == std::vector<std::uint32_t>{1, 2});
  CHECK(all_sequences(2, 0).size() == 1);
  // Bernoulli(1/4) twice: 00, 01, 10, 11 with 9/16, 3/16, 3/16, 1/16.
  Channel w = sequence_channel({bernoulli(Rational(1, 4), "q"), bernoulli(Rational(1, 2), "h")}, 2);
  CHECK(w.inputs == std::vector<std::string>{"q", "h"});
  CHECK(w.outputs == std::vector<std::string>{"00", "01", "10", "11"});
  CHECK(w.rows[0] == std::vector<Rational>{Rational(9, 16), Rational(3, 16), Rational(3, 16), Rational(1, 16)});
  CHECK(w.rows[1] == std::vector<Rational>(4, Rational(1, 4)));
  CHECK_THROWS_AS(sequence_channel({bernoulli(Rational(1, 2)), two_state_chain(Rational(1, 2), Rational(1, 2))}, 2),
                  std::invalid_argument);
}

TEST_CASE("unit-embedding transformers: the sampled weights number p = 2r^2(L-1) + dr + r^2") {
  for (auto [d, k, l, r] : std::vector<std::array<unsigned, 4>>{{2, 2, 1, 2}, {3, 2, 2, 2}, {2, 3, 2, 3}, {5, 1, 3, 4}}) {
    Transformer m = unit_embedding_transformer(d, k, l, r);
    std::mt19937_64 rng(1);
    CHECK(weight_count(sample_weights(m, rng)) == 2ull * r * r * (l - 1) + 1ull * d * r + 1ull * r * r);
    REQUIRE(m.embeddings.size() == d);
    for (unsigned i = 0; i < d; ++i) {
      Rational norm = 0;
      for (const auto& x : m.embeddings[i]) norm += x * x;
      CHECK(norm == 1);
      for (unsigned j = 0; j < i; ++j) CHECK(m.embeddings[i] != m.embeddings[j]);  // distinct when d <= 2r
    }
    CHECK(m.alphabet.back() == std::to_string(d));
  }
}

TEST_CASE("Theorem 4.5's forms: the paper's exceeds the blog's exactly when L > 1; p by hand") {
  CHECK(Transformer::parameter_count(2, 2, 2) == 2 * 4 * 1 + 2 * 2 + 4);  // 16
  const auto two = thm45_forms(16, 2, 2, 16, 4, {10, 1000}, {10}, 128);
  REQUIRE(two.size() == 2);
  CHECK(two[1].M == 1000);
  for (const Thm45Point& f : two) CHECK(f.paper.lower() > f.blog.upper());
  // L = 1: the forms coincide, so their enclosures overlap.
  for (const Thm45Point& f : thm45_forms(16, 1, 2, 16, 4, {10}, {10, 1000}, 128)) {
    CHECK(f.paper.lower() <= f.blog.upper());
    CHECK(f.blog.lower() <= f.paper.upper());
  }
}
