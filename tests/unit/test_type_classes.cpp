#include <doctest/doctest.h>

#include <random>

#include "infocert/engine/type_classes.hpp"

using namespace infocert;

namespace {
StateModel chain(Rational aa, Rational bb, std::uint32_t start) {
  StateModel m;
  m.alphabet = {"a", "b"};
  m.states = m.alphabet;
  m.initial = start;
  m.emit = {{aa, Rational(1 - aa)}, {Rational(1 - bb), bb}};
  m.next = {{0, 1}, {0, 1}};
  return m;
}
}  // namespace

TEST_CASE("class sizes count the binary sequences with given first token and transitions") {
  for (unsigned t = 1; t <= 10; ++t) {
    std::map<std::tuple<unsigned, unsigned, unsigned, unsigned, unsigned>, long> brute;
    for (unsigned code = 0; code < (1u << t); ++code) {
      unsigned n[2][2] = {{0, 0}, {0, 0}};
      for (unsigned i = 1; i < t; ++i) ++n[(code >> (i - 1)) & 1][(code >> i) & 1];
      ++brute[{code & 1, n[0][0], n[0][1], n[1][0], n[1][1]}];
    }
    long total = 0;
    for (const auto& [key, count] : brute) {
      auto [s, a, b, c, d] = key;
      unsigned n[2][2] = {{a, b}, {c, d}};
      CHECK(binary_class_size(s, n, t) == count);
      total += count;
    }
    CHECK(total == (1L << t));
    unsigned impossible[2][2] = {{0, 3}, {0, 0}};  // three switches a -> b and none back
    CHECK(binary_class_size(0, impossible, 4) == 0);
  }
}

TEST_CASE("the type-class engine gives the enumeration's exact entropies") {
  std::mt19937_64 rng(17);
  for (int round = 0; round < 6; ++round) {
    auto p = [&]() { return Rational(static_cast<long>(rng() % 5), 4); };
    std::vector<StateModel> models = {chain(p(), p(), static_cast<std::uint32_t>(rng() % 2)),
                                      chain(p(), p(), static_cast<std::uint32_t>(rng() % 2)),
                                      chain(p(), p(), 0)};
    std::size_t k = 2 + round % 2;
    models.resize(k);
    std::vector<Rational> w(k, Rational(1, static_cast<long>(k)));
    for (unsigned t : {1u, 2u, 5u, 11u}) {
      LatentMixture m = make_mixture(models, w, t);
      REQUIRE(type_classes_apply(m));
      SequenceEngine classes(m), enumeration(m);
      enumeration.set_type_classes(false);
      VarSet tokens, with_theta{0};
      for (unsigned i = 0; i < t; ++i) {
        tokens.push_back(m.token_var(i));
        with_theta.push_back(m.token_var(i));
      }
      CHECK(classes.entropy(tokens) == enumeration.entropy(tokens));
      CHECK(classes.entropy(with_theta) == enumeration.entropy(with_theta));
    }
  }
}

TEST_CASE("large forms are enclosed directly and agree with the exact route") {
  LatentMixture m = make_mixture({chain(Rational(3, 4), Rational(1, 2), 0), chain(Rational(1, 3), Rational(4, 5), 0)},
                                 {Rational(1, 2), Rational(1, 2)}, 60);
  SequenceEngine e(m);
  VarSet tokens;
  for (unsigned i = 0; i < 60; ++i) tokens.push_back(m.token_var(i));
  Interval direct = e.entropy_interval(tokens, 256);
  // The same quantity from the exact form (it is small enough at T = 60 to build).
  LogForm exact = entropy_from_counts(type_class_counts(e, false), e.total_at(60));
  Interval via = evaluate(exact, 256);
  CHECK(direct.lower() <= via.upper());
  CHECK(via.lower() <= direct.upper());
  CHECK(direct.upper() - direct.lower() < Rational(1, pow10(60)));
}

TEST_CASE("Whittle's formula counts the sequences of three symbols") {
  const unsigned d = 3;
  for (unsigned t = 1; t <= 7; ++t) {
    std::map<std::vector<unsigned>, long> brute;  // (u, v, f...) -> count
    unsigned total = 1;
    for (unsigned i = 0; i < t; ++i) total *= d;
    for (unsigned code = 0; code < total; ++code) {
      std::vector<unsigned> x(t);
      unsigned rest = code;
      for (auto& s : x) {
        s = rest % d;
        rest /= d;
      }
      std::vector<unsigned> key = {x.front(), x.back()};
      std::vector<unsigned> f(d * d, 0);
      for (unsigned i = 1; i < t; ++i) ++f[x[i - 1] * d + x[i]];
      key.insert(key.end(), f.begin(), f.end());
      ++brute[key];
    }
    for (const auto& [key, count] : brute) {
      std::vector<std::vector<unsigned>> f(d, std::vector<unsigned>(d));
      for (unsigned i = 0; i < d * d; ++i) f[i / d][i % d] = key[2 + i];
      CHECK(whittle_count(key[0], key[1], f) == count);
    }
  }
}

TEST_CASE("three symbols: the type-class engine gives the enumeration's exact entropies") {
  auto chain3 = [](std::vector<Rational> p, std::uint32_t start) {
    StateModel m;
    m.alphabet = {"a", "b", "c"};
    m.states = m.alphabet;
    m.initial = start;
    m.emit = {{p[0], p[1], Rational(1 - p[0] - p[1])}, {p[2], p[3], Rational(1 - p[2] - p[3])}, {p[4], p[5], Rational(1 - p[4] - p[5])}};
    m.next = {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}};
    return m;
  };
  std::vector<StateModel> models = {
      chain3({Rational(1, 2), Rational(1, 4), Rational(1, 3), Rational(1, 3), Rational(0), Rational(1, 2)}, 0),
      chain3({Rational(1, 5), Rational(2, 5), Rational(1, 2), Rational(0), Rational(1, 4), Rational(1, 4)}, 1),
      chain3({Rational(1, 3), Rational(1, 3), Rational(1, 3), Rational(1, 3), Rational(1, 3), Rational(1, 3)}, 2)};
  for (unsigned t : {1u, 3u, 6u, 8u}) {
    LatentMixture m = make_mixture(models, {Rational(1, 2), Rational(1, 3), Rational(1, 6)}, t);
    REQUIRE(type_classes_apply(m));
    SequenceEngine classes(m), enumeration(m);
    enumeration.set_type_classes(false);
    VarSet tokens, with_theta{0};
    for (unsigned i = 0; i < t; ++i) {
      tokens.push_back(m.token_var(i));
      with_theta.push_back(m.token_var(i));
    }
    CHECK(classes.entropy(tokens) == enumeration.entropy(tokens));
    CHECK(classes.entropy(with_theta) == enumeration.entropy(with_theta));
  }
}
