#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "infocert/exact/logform.hpp"

using namespace infocert;

namespace {
// Value in double precision: an independent, approximate evaluation.
double approx(const LogForm& f) {
  double v = static_cast<double>(f.constant_term());
  for (const auto& [b, q] : f.terms()) v += static_cast<double>(q) * std::log(static_cast<double>(b));
  return v;
}

// The prime factorisation of a small integer by trial division: a second route to the
// exponent vector, independent of the gcd refinement.
std::map<long, long> factor(long n) {
  std::map<long, long> f;
  for (long p = 2; p * p <= n; ++p)
    while (n % p == 0) {
      ++f[p];
      n /= p;
    }
  if (n > 1) ++f[n];
  return f;
}
}  // namespace

TEST_CASE("gcd refinement keeps a coprime base and the value") {
  LogForm f = LogForm::ln(Integer(6)) + LogForm::ln(Integer(4));
  CHECK(f == LogForm::ln(Integer(2), Rational(3)) + LogForm::ln(Integer(3)));
  CHECK(f.str() == "3 ln 2 + ln 3");
  CHECK((LogForm::ln(Integer(12)) - LogForm::ln(Integer(6)) - LogForm::ln(Integer(2))).is_zero());
  CHECK(LogForm::ln(Integer(8)) == LogForm::ln(Integer(2), Rational(3)));
  CHECK(LogForm::ln(Integer(1)).is_zero());
  // 6, 10 and 15 pairwise share factors; their product is 900 = 2^2 3^2 5^2.
  LogForm g = LogForm::ln(Integer(6)) + LogForm::ln(Integer(10)) + LogForm::ln(Integer(15));
  CHECK(g.str() == "2 ln 2 + 2 ln 3 + 2 ln 5");
  CHECK(LogForm::ln_rational(Rational(3, 4)).str() == "-2 ln 2 + ln 3");
}

TEST_CASE("log-forms agree with trial-division factorisation on random inputs") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 200; ++round) {
    LogForm f;
    std::map<long, Rational> expected;  // prime -> coefficient
    int n_terms = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < n_terms; ++i) {
      long n = 2 + static_cast<long>(rng() % 5000);
      Rational q(static_cast<long>(rng() % 21) - 10, 1 + static_cast<long>(rng() % 6));
      f.add_ln(Integer(n), q);
      for (auto [p, e] : factor(n)) expected[p] += q * e;
    }
    // Bases pairwise coprime.
    std::vector<Integer> bases;
    for (const auto& kv : f.terms()) bases.push_back(kv.first);
    for (std::size_t i = 0; i < bases.size(); ++i)
      for (std::size_t j = i + 1; j < bases.size(); ++j) CHECK(gcd(bases[i], bases[j]) == 1);
    // Same real number as the prime form, exactly: rebuild it from primes and compare.
    LogForm from_primes;
    for (const auto& [p, q] : expected) from_primes.add_ln(Integer(p), q);
    CHECK(f == from_primes);
    double direct = 0;
    for (const auto& [p, q] : expected) direct += static_cast<double>(q) * std::log(static_cast<double>(p));
    CHECK(approx(f) == doctest::Approx(direct).epsilon(1e-9));
  }
}

TEST_CASE("arithmetic, constants and printing") {
  LogForm a = LogForm::ln(Integer(2)) - Rational(3, 4) * LogForm::ln(Integer(3));
  CHECK(a.str() == "ln 2 - 3/4 ln 3");
  CHECK((-a).str() == "-ln 2 + 3/4 ln 3");
  CHECK((a - a).is_zero());
  CHECK((Rational(0) * a).is_zero());
  LogForm c = LogForm::constant(Rational(1, 2)) + a;
  CHECK(c.str() == "1/2 + ln 2 - 3/4 ln 3");
  CHECK_FALSE(c == a);
  CHECK(LogForm().str() == "0");
  CHECK(LogForm::constant(Rational(5)).is_rational());
  // In bits ln 2 is 1 and a constant c nats is c log2 e.
  CHECK(a.str_bits() == "1 - 3/4 log2 3");
  CHECK(c.str_bits() == "1 + 1/2 log2 e - 3/4 log2 3");
  CHECK(LogForm::ln(Integer(6)).str_bits() == "log2 6");
  CHECK_THROWS_AS(LogForm::ln(Integer(0)), std::domain_error);
  CHECK_THROWS_AS(LogForm::ln_rational(Rational(-1, 2)), std::domain_error);
}

TEST_CASE("LogFormBuilder agrees with LogForm on inputs with shared large primes") {
  std::mt19937_64 rng(11);
  const long large[] = {1000003, 1000033, 1000037, 999983, 1048573};
  for (int round = 0; round < 50; ++round) {
    LogForm plain;
    LogFormBuilder fast;
    for (int i = 0; i < 40; ++i) {
      Integer n = 1 + static_cast<long>(rng() % 3000);
      if (rng() % 2) n *= large[rng() % 5];
      if (rng() % 3 == 0) n *= large[rng() % 5];
      Rational q(static_cast<long>(rng() % 9) - 4, 1 + static_cast<long>(rng() % 5));
      plain.add_ln(n, q);
      fast.add_ln(n, q);
    }
    LogForm f = fast.finish();
    CHECK(f == plain);
    std::vector<Integer> bases;
    for (const auto& kv : f.terms()) bases.push_back(kv.first);
    for (std::size_t i = 0; i < bases.size(); ++i)
      for (std::size_t j = i + 1; j < bases.size(); ++j) CHECK(gcd(bases[i], bases[j]) == 1);
  }
  // The entropy of (1/2, 1/4, 1/4) from counts: N = 2 once and N = 1 twice over total 4.
  std::map<Integer, Integer> groups{{Integer(2), Integer(1)}, {Integer(1), Integer(2)}};
  CHECK(entropy_from_counts(groups, Integer(4)) == LogForm::ln(Integer(2), Rational(3, 2)));
}

TEST_CASE("LogFormBuilder: a high power of a small prime, by its exponent") {
  // 2^100000 * 5^100000 * 3^7 * 1031: the small primes' exponents against the ones written,
  // and the large cofactor kept whole.
  Integer n;
  mpz_ui_pow_ui(n.backend().data(), 10, 100000);
  n *= Integer(2187) * Integer(1031);
  LogFormBuilder b;
  b.add_ln(n, Rational(1, 3));
  LogForm f = b.finish();
  CHECK(f == LogForm::ln(Integer(2), Rational(100000, 3)) + LogForm::ln(Integer(5), Rational(100000, 3)) +
                 LogForm::ln(Integer(3), Rational(7, 3)) + LogForm::ln(Integer(1031), Rational(1, 3)));
  CHECK(f.terms().size() == 4);
  CHECK(f.terms().at(Integer(2)) == Rational(100000, 3));
  CHECK(f.terms().at(Integer(1031)) == Rational(1, 3));
  // Off by one in an exponent is another form.
  CHECK_FALSE(f == LogForm::ln(Integer(2), Rational(99999, 3)) + LogForm::ln(Integer(5), Rational(100000, 3)) +
                       LogForm::ln(Integer(3), Rational(7, 3)) + LogForm::ln(Integer(1031), Rational(1, 3)));
}
