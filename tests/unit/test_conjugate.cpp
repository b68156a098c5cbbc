// Dirichlet and Beta priors (engine/conjugate): the Beta-binomial route against exact
// log-forms summed over every count vector, closed forms, hand values, bad parameters.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>

#include "infocert/engine/conjugate.hpp"
#include "infocert/engine/conjugate_source.hpp"
#include "infocert/query/query.hpp"
#include "infocert/error.hpp"
#include "infocert/limits.hpp"

using namespace infocert;

namespace {

// (x)_n = x (x + 1) ... (x + n - 1).
Integer rising(unsigned long x, unsigned long n) {
  Integer r = 1;
  for (unsigned long j = 0; j < n; ++j) r *= x + j;
  return r;
}

Integer factorial(unsigned long n) { return rising(1, n); }

// H(X1..XT) exactly, over every count vector k: the number of sequences T! / Π k_i!, each of
// probability Π (α_i)_{k_i} / (α0)_T.
LogForm exact_joint_entropy(const std::vector<unsigned>& alphas, unsigned long t) {
  unsigned long a0 = 0;
  for (unsigned a : alphas) a0 += a;
  LogForm h;
  std::vector<unsigned long> k(alphas.size(), 0);
  std::function<void(std::size_t, unsigned long)> walk = [&](std::size_t i, unsigned long left) {
    if (i + 1 == alphas.size()) {
      k[i] = left;
      Integer count = factorial(t), num = 1;
      for (std::size_t j = 0; j < k.size(); ++j) {
        count /= factorial(k[j]);
        num *= rising(alphas[j], k[j]);
      }
      Rational p = Rational(num) / Rational(rising(a0, t));
      h += LogForm::ln_rational(p, -Rational(count) * p);
      return;
    }
    for (unsigned long v = 0; v <= left; ++v) {
      k[i] = v;
      walk(i + 1, left - v);
    }
  };
  walk(0, t);
  return h;
}

bool contains(const Enclosure& e, const Rational& x) { return e.lo <= x && x <= e.hi; }

}  // namespace

TEST_CASE("Dirichlet priors: H(X1..XT) through the Beta-binomial laws meets the sum over every count vector") {
  const Rational width(1, pow10(30));
  for (const std::vector<unsigned>& alphas : std::vector<std::vector<unsigned>>{{1, 1}, {2, 3}, {1, 1, 1}, {2, 1, 1}, {1, 4}}) {
    for (unsigned long t : {1ul, 2ul, 5ul, 9ul}) {
      CAPTURE(t);
      CAPTURE(alphas.size());
      DirichletInformation r = dirichlet_information(alphas, t, width);
      CHECK(r.joint_entropy.hi - r.joint_entropy.lo <= width);
      CHECK(r.information.hi - r.information.lo <= width);
      const Enclosure truth = enclose(exact_joint_entropy(alphas, t), Rational(1, pow10(60)));
      CHECK(contains(r.joint_entropy, truth.lo));
      CHECK(contains(r.joint_entropy, truth.hi));
      // A value 10^-25 off is outside: the enclosure says something.
      CHECK_FALSE(contains(r.joint_entropy, truth.lo + Rational(1, pow10(25))));
      CHECK_FALSE(contains(r.joint_entropy, truth.lo - Rational(1, pow10(25))));
      // I = H - E[H | θ], and 0 < I < H.
      CHECK(contains(r.information, truth.lo - r.conditional_entropy));
      CHECK(r.information.lo > 0);
      CHECK(r.information.hi < r.joint_entropy.lo);
    }
  }
}

TEST_CASE("Dirichlet priors: E[H(X1..XT | θ)] by hand") {
  // Beta(1, 1): ∫ h(θ) dθ = 1/2 nat per token.
  CHECK(dirichlet_conditional_entropy({1, 1}, 10) == Rational(5));
  // Beta(2, 3): (2/5)(H5 - H2) + (3/5)(H5 - H3) = (2/5)(47/60) + (3/5)(27/60) = 7/12.
  CHECK(dirichlet_conditional_entropy({2, 3}, 12) == Rational(7));
  // Dirichlet(1, 1, 1): 3 (1/3)(H3 - H1) = 5/6 per token.
  CHECK(dirichlet_conditional_entropy({1, 1, 1}, 6) == Rational(5));
  // One token: H(X1) - E[H(X1 | θ)] = ln 2 - 1/2 under Beta(1, 1).
  DirichletInformation one = dirichlet_information({1, 1}, 1, Rational(1, pow10(40)));
  const Enclosure ln2 = enclose(LogForm::ln(Integer(2)), Rational(1, pow10(60)));
  CHECK(contains(one.information, ln2.lo - Rational(1, 2)));
}

TEST_CASE("Beta(1, 1) at T = 300: the closed form ln(T + 1) + Σ_k ln C(T, k) / (T + 1)") {
  const unsigned long t = 300;
  Integer product = 1, c = 1;  // Π_k C(T, k)
  for (unsigned long k = 0; k <= t; ++k) {
    product *= c;
    c = c * (t - k) / (k + 1);
  }
  const LogForm closed = LogForm::ln(Integer(t + 1)) + LogForm::ln(product, Rational(1, t + 1));
  const Enclosure truth = enclose(closed, Rational(1, pow10(50)));
  DirichletInformation r = dirichlet_information({1, 1}, t, Rational(1, pow10(40)));
  CHECK(contains(r.joint_entropy, truth.lo));
  CHECK_FALSE(contains(r.joint_entropy, truth.lo + Rational(1, pow10(35))));
  CHECK(r.conditional_entropy == Rational(150));
}

TEST_CASE("Dirichlet priors: the Clarke-Barron asymptote is approached as T grows") {
  for (const std::vector<unsigned>& alphas : std::vector<std::vector<unsigned>>{{1, 1}, {2, 3}, {1, 1, 1}}) {
    double previous = 1e9;
    for (unsigned long t : {100ul, 1000ul, 10000ul}) {
      DirichletInformation r = dirichlet_information(alphas, t, Rational(1, pow10(20)));
      const double info = static_cast<double>(r.information.lo);
      const double gap = std::abs(info - clarke_barron(alphas, t));
      CHECK(gap < previous);
      previous = gap;
    }
    CHECK(previous < 1e-3);
  }
  // Beta(1, 1): (1/2) ln(T / (2πe)) + 1, by hand.
  CHECK(std::abs(clarke_barron({1, 1}, 1000) - (0.5 * std::log(1000 / (2 * M_PI * std::exp(1.0))) + 1)) < 1e-12);
}

TEST_CASE("Dirichlet priors: bad parameters and budgets") {
  CHECK_THROWS_AS(dirichlet_information({1}, 5, Rational(1, 100)), std::invalid_argument);
  CHECK_THROWS_AS(dirichlet_information({0, 1}, 5, Rational(1, 100)), std::invalid_argument);
  CHECK_THROWS_AS(dirichlet_information({1, 1}, 0, Rational(1, 100)), std::invalid_argument);
  CHECK_THROWS_AS(dirichlet_information({1, 1}, 5, Rational(0)), std::invalid_argument);
  CHECK_THROWS_AS(dirichlet_information({1, 1001}, 5, Rational(1, 100)), std::invalid_argument);
  struct Restore {
    ~Restore() { set_limits({}); }
  } restore;
  set_limits({1e5, 1e9});
  CHECK_THROWS_AS(dirichlet_information({1, 1}, 100000, Rational(1, pow10(30))), BudgetExceeded);
  CHECK_NOTHROW(dirichlet_information({1, 1}, 100, Rational(1, pow10(30))));
}

namespace {
bool inside(const Interval& x, const LogForm& f) {
  Interval v = evaluate(f, 200);
  return x.lower() <= v.upper() && v.lower() <= x.upper();
}
bool inside(const Interval& x, const Rational& q) { return x.lower() <= q && q <= x.upper(); }
}  // namespace

TEST_CASE("Dirichlet priors: one sequence's probability, by rising factorials and by hand") {
  // Beta(1, 1): k ones among n have probability k! (n - k)! / (n + 1)!.
  for (unsigned long n = 0; n <= 8; ++n)
    for (unsigned long k = 0; k <= n; ++k)
      CHECK(dirichlet_sequence_probability({1, 1}, {n - k, k}) ==
            Rational(factorial(k) * factorial(n - k), factorial(n + 1)));
  // The probabilities of all sequences of length 4 over three symbols sum to 1.
  Rational total = 0;
  for (unsigned long a = 0; a <= 4; ++a)
    for (unsigned long b = 0; a + b <= 4; ++b) {
      const unsigned long c = 4 - a - b;
      total += Rational(factorial(4), factorial(a) * factorial(b) * factorial(c)) *
               dirichlet_sequence_probability({2, 1, 3}, {a, b, c});
    }
  CHECK(total == 1);
  CHECK_THROWS_AS(dirichlet_sequence_probability({1, 1}, {1}), std::invalid_argument);
}

TEST_CASE("a Dirichlet prior as a query source: information terms, cancellation of theta, events") {
  ConjugateSource s({"a", "b"}, {2, 3}, 6);
  QueryEvaluator q(s);
  const VarSet six = {0, 1, 2, 3, 4, 5};
  // H(X1..X6) against the exact sum over every count vector.
  CHECK(inside(s.entropy_interval(six, 200), exact_joint_entropy({2, 3}, 6)));
  // Exchangeable: any three tokens have the law of X1..X3.
  const Interval h3 = s.entropy_interval({1, 3, 5}, 200), first3 = s.entropy_interval({0, 1, 2}, 200);
  CHECK(h3.lower() == first3.lower());
  CHECK(inside(h3, exact_joint_entropy({2, 3}, 3)));
  // I(X1..X6; theta) = H(X1..X6) - E[H(X1..X6 | theta)].
  const Interval info = q.evaluate_interval(q::I(q::tokens(1, 6), {"theta"}), Unit::nat, 200);
  CHECK(inside(info, exact_joint_entropy({2, 3}, 6) - LogForm::constant(dirichlet_conditional_entropy({2, 3}, 6))));
  CHECK(inside(q.evaluate_interval(q::H(q::tokens(1, 6), {"theta"}), Unit::nat, 200), dirichlet_conditional_entropy({2, 3}, 6)));
  // Given theta the tokens are independent; without it they are not.
  const Interval cond = q.evaluate_interval(q::I({"X1"}, {"X2"}, {"theta"}), Unit::nat, 200);
  CHECK(inside(cond, Rational(0)));
  const Interval marginal = q.evaluate_interval(q::I({"X1"}, {"X2"}), Unit::nat, 200);
  CHECK(marginal.lower() > 0);
  // I(theta; X1 | X2) = H(X1 | X2) - H(X1 | theta): theta cancels inside the term.
  const Interval given = q.evaluate_interval(q::I({"theta"}, {"X1"}, {"X2"}), Unit::nat, 200);
  const LogForm h12 = exact_joint_entropy({2, 3}, 2), h1 = exact_joint_entropy({2, 3}, 1);
  CHECK(inside(given, h12 - h1 - LogForm::constant(dirichlet_conditional_entropy({2, 3}, 1))));
  // Entropies in which theta does not cancel are refused.
  CHECK_THROWS_AS(q.evaluate_interval(q::H({"theta"}), Unit::nat, 100), InputError);
  CHECK_THROWS_AS(q.evaluate_interval(q::H({"theta"}, {"X1"}), Unit::nat, 100), InputError);
  CHECK_THROWS_AS(q.evaluate_interval(q::H({"X1", "theta"}), Unit::nat, 100), InputError);
  CHECK_THROWS_AS(q.evaluate(q::I({"X1"}, {"theta"})), InputError);
  // Events: P(X1 = a, X2 = a) = 2 * 3 / (5 * 6); the predictive (alpha_a + 1) / (alpha0 + 1).
  CHECK(s.event_probability({0, 1}, {"a", "a"}) == Rational(1, 5));
  const Query predictive = q::P({{"X2", "a"}}, {{"X1", "a"}});
  CHECK(q.value_of(predictive.values.front().second, predictive) == Rational(1, 2));
  CHECK_THROWS_AS(s.event_probability({6}, {"a"}), std::domain_error);
  CHECK_THROWS_AS(s.event_probability({0}, {"z"}), std::out_of_range);
  CHECK_THROWS_AS(s.resolve_name("X7"), std::out_of_range);
  CHECK_THROWS_AS(s.resolve_name("X01"), std::out_of_range);
  CHECK(s.resolve_name("theta") == VarSet{6});
  CHECK_THROWS_AS(ConjugateSource({"a", "b"}, {1, 1, 1}, 4), std::invalid_argument);
  CHECK_THROWS_AS(ConjugateSource({"a", "b"}, {0, 1}, 4), std::invalid_argument);
  CHECK_THROWS_AS(ConjugateSource({"a", "b"}, {1, 1}, 0), std::invalid_argument);
}

TEST_CASE("a chain with Beta rows: the class sum against every path, and by hand") {
  // Every path of T tokens from the start: P(x) exact from its counts, H(X | theta) from the
  // posterior digammas (harmonic numbers), both summed path by path.
  auto brute = [](const std::vector<std::vector<unsigned>>& alphas, unsigned start, unsigned t) {
    LogForm joint;
    Rational conditional = 0, total = 0;
    for (unsigned long bits = 0; bits < (1ul << t); ++bits) {
      std::vector<std::vector<unsigned long>> n(2, std::vector<unsigned long>(2, 0));
      unsigned s = start;
      for (unsigned i = 0; i < t; ++i) {
        const unsigned x = (bits >> i) & 1;
        ++n[s][x];
        s = x;
      }
      const Rational p = markov_beta_path_probability(alphas, n);
      total += p;
      joint += LogForm::ln_rational(p, -p);
      for (unsigned r = 0; r < 2; ++r)
        for (unsigned j = 0; j < 2; ++j) {
          if (n[r][j] == 0) continue;
          Rational h = 0;
          for (unsigned long k = alphas[r][j] + n[r][j]; k < alphas[r][0] + alphas[r][1] + n[r][0] + n[r][1]; ++k)
            h += Rational(1, k);  // H_{a_s + n_s - 1} - H_{a_sj + n_sj - 1}
          conditional += p * Rational(n[r][j]) * h;
        }
    }
    CHECK(total == 1);
    return std::make_pair(joint, conditional);
  };
  const std::vector<std::vector<std::vector<unsigned>>> priors = {{{1, 1}, {1, 1}}, {{2, 3}, {1, 4}}, {{5, 1}, {1, 1}}};
  for (const auto& alphas : priors)
    for (unsigned start : {0u, 1u})
      for (unsigned t : {1u, 2u, 5u, 9u}) {
        const auto exact = brute(alphas, start, t);
        const MarkovBetaEntropies e = markov_beta_entropies(alphas, start, t, 200);
        CHECK(inside(e.joint, exact.first));
        CHECK(inside(e.conditional, exact.second));
        CHECK(e.joint.upper() - e.joint.lower() < Rational(1, pow10(40)));
      }
  // T = 1, uniform rows: X1 is a fair coin whose bias is uniform: H = ln 2, H(X1 | theta) = 1/2.
  const MarkovBetaEntropies one = markov_beta_entropies({{1, 1}, {1, 1}}, 0, 1, 128);
  CHECK(inside(one.conditional, Rational(1, 2)));
  CHECK(inside(one.joint, LogForm::ln(Integer(2))));
  // A different prior is outside the enclosure.
  const LogForm other = brute({{2, 3}, {1, 5}}, 0, 9).first;
  CHECK_FALSE(inside(markov_beta_entropies({{2, 3}, {1, 4}}, 0, 9, 200).joint, other));
  CHECK_THROWS_AS(markov_beta_entropies({{1, 1}}, 0, 4, 64), std::invalid_argument);
  CHECK_THROWS_AS(markov_beta_entropies({{1, 1}, {0, 1}}, 0, 4, 64), std::invalid_argument);
  CHECK_THROWS_AS(markov_beta_entropies({{1, 1}, {1, 1}}, 2, 4, 64), std::invalid_argument);
}
