#include <doctest/doctest.h>

#include <map>

#include "infocert/distribution/joint.hpp"
#include "infocert/distribution/readings.hpp"
#include "infocert/exact/decide.hpp"

using namespace infocert;

namespace {
JointDistribution make(std::vector<std::string> vars, std::vector<std::pair<std::vector<std::uint32_t>, Rational>> pmf,
                       std::size_t k = 2) {
  std::vector<std::vector<std::string>> alphabets(vars.size());
  for (auto& a : alphabets)
    for (std::size_t i = 0; i < k; ++i) a.push_back(std::to_string(i));
  std::vector<JointDistribution::Outcome> outcomes;
  for (auto& [s, p] : pmf) outcomes.push_back({s, p});
  return JointDistribution(vars, alphabets, outcomes);
}

// p(0,0) = 1/2, p(0,1) = 1/4, p(1,1) = 1/4 (worked by hand below).
JointDistribution example() {
  return make({"X", "Y"}, {{{0, 0}, Rational(1, 2)}, {{0, 1}, Rational(1, 4)}, {{1, 1}, Rational(1, 4)}});
}

// X, Y fair independent bits and Z = X xor Y.
JointDistribution xor3() {
  return make({"X", "Y", "Z"}, {{{0, 0, 0}, Rational(1, 4)}, {{0, 1, 1}, Rational(1, 4)},
                                {{1, 0, 1}, Rational(1, 4)}, {{1, 1, 0}, Rational(1, 4)}});
}

LogForm ln2(Rational q = 1) { return LogForm::ln(Integer(2), q); }
LogForm ln3(Rational q = 1) { return LogForm::ln(Integer(3), q); }
}  // namespace

TEST_CASE("entropy of a pmf: grouped and termwise routes agree with hand values") {
  std::vector<Rational> p = {Rational(1, 2), Rational(1, 4), Rational(1, 4)};
  CHECK(entropy_of_pmf(p) == ln2(Rational(3, 2)));  // 1/2 ln 2 + 2 * 1/4 ln 4
  CHECK(entropy_of_pmf_termwise(p) == ln2(Rational(3, 2)));
  std::vector<Rational> q = {Rational(1, 3), Rational(2, 3)};
  CHECK(entropy_of_pmf(q) == ln3() - ln2(Rational(2, 3)));
  CHECK(entropy_of_pmf({Rational(1)}).is_zero());
  CHECK(entropy_of_pmf({Rational(0), Rational(1)}).is_zero());
  std::vector<Rational> u(6, Rational(1, 6));
  CHECK(entropy_of_pmf(u) == LogForm::ln(Integer(6)));
}

TEST_CASE("measures of the worked example") {
  JointDistribution p = example();
  VarSet x{0}, y{1};
  // H(X): (3/4, 1/4) -> 2 ln 2 - 3/4 ln 3; H(Y) = ln 2; H(X,Y) = 3/2 ln 2.
  CHECK(entropy(p, x) == ln2(2) - ln3(Rational(3, 4)));
  CHECK(entropy(p, y) == ln2());
  CHECK(entropy(p, {0, 1}) == ln2(Rational(3, 2)));
  CHECK(conditional_entropy(p, x, y) == ln2(Rational(1, 2)));
  CHECK(conditional_entropy_expected(p, x, y) == ln2(Rational(1, 2)));
  CHECK(conditional_entropy_expected(p, y, x) == conditional_entropy(p, y, x));
  LogForm i = mutual_information(p, x, y);
  CHECK(i == ln2(Rational(3, 2)) - ln3(Rational(3, 4)));
  CHECK(decide(i, Relation::gt, LogForm()).holds);
  // A false identity is refuted exactly: H(X) = H(X|Y) fails because I(X;Y) > 0.
  Decision d = decide(entropy(p, x), Relation::eq, conditional_entropy(p, x, y));
  CHECK_FALSE(d.holds);
  CHECK(d.tier == Tier::exact);
  CHECK(entropy(p, {}).is_zero());
}

TEST_CASE("xor: pairwise independent, dependent given the third") {
  JointDistribution p = xor3();
  CHECK(mutual_information(p, {0}, {1}).is_zero());
  CHECK(mutual_information(p, {0}, {2}).is_zero());
  CHECK(mutual_information(p, {0}, {1}, {2}) == ln2());
  CHECK(conditional_entropy_expected(p, {2}, {0, 1}).is_zero());
  CHECK(entropy(p, p.all()) == ln2(2));
}

TEST_CASE("marginals and validation") {
  JointDistribution p = example();
  auto m = p.marginal({0});
  CHECK(m.size() == 2);
  CHECK(m[{0}] == Rational(3, 4));
  CHECK(p.index_of("Y") == 1);
  CHECK_THROWS_WITH_AS(p.index_of("Z"), "unknown variable \"Z\" (variables: X, Y)", std::out_of_range);
  CHECK(p.outcome_text(p.outcomes().front()) == "0 0");
  CHECK_THROWS_AS(make({"X"}, {{{0}, Rational(1, 2)}}), std::invalid_argument);
  CHECK_THROWS_AS(make({"X"}, {{{0}, Rational(3, 2)}, {{1}, Rational(-1, 2)}}), std::invalid_argument);
  CHECK_THROWS_AS(make({"X"}, {{{0}, Rational(1, 2)}, {{0}, Rational(1, 2)}}), std::invalid_argument);
  CHECK_THROWS_AS(make({"X"}, {{{0, 1}, Rational(1)}}), std::invalid_argument);
  // Zero-probability outcomes are dropped.
  JointDistribution z = make({"X"}, {{{0}, Rational(1)}, {{1}, Rational(0)}});
  CHECK(z.outcomes().size() == 1);
}

TEST_CASE("the exchangeable family of (psi, theta1, theta2, D1): every law as described, in order") {
  std::size_t seen = 0;
  std::size_t visited = for_each_exchangeable_law(
      {Rational(1, 4), Rational(1, 2)}, {Rational(0), Rational(1)}, [&](const JointDistribution& p) {
        ++seen;
        Rational total = 0;
        for (const auto& o : p.outcomes()) total += o.probability;
        CHECK(total == 1);
        CHECK(mutual_information(p, {1}, {2}, {0}).is_zero());  // theta1, theta2 independent given psi
        CHECK(entropy(p, {0, 1}) == entropy(p, {0, 2}));         // and identically distributed
        CHECK(entropy(p, {0}) == LogForm::ln(Integer(2)));      // psi uniform
        return true;
      });
  CHECK(visited == 2 * 2 * 256);
  CHECK(seen == visited);
  // It stops when asked to: the first law has D1 = 0 everywhere (every parameter 0).
  std::size_t first = for_each_exchangeable_law({Rational(1, 4)}, {Rational(0), Rational(1)}, [&](const JointDistribution& p) {
    CHECK(entropy(p, {3}).is_zero());
    return false;
  });
  CHECK(first == 1);
}

TEST_CASE("the definitions' identities: two routes agree on every pair, and the counts are as described") {
  // Three variables: pairs_of gives the 6 ordered pairs of distinct variables and X against
  // {Y, Z} both ways, 8 pairs; every one has B non-empty.
  for (const auto& [label, p] : random_joints(11, {{2, 3, 2}, {3, 3}}, 2, 5)) {
    const std::string& name = label;  // CAPTURE takes a lambda; clang 14 cannot capture a binding
    CAPTURE(name);
    const auto pairs = pairs_of(p);
    std::size_t n = 0;
    CHECK_FALSE(chain_rule_mismatch(p, pairs, &n));
    CHECK(n == pairs.size());
    CHECK_FALSE(symmetry_mismatch(p, pairs, &n));
    CHECK(n == pairs.size());
    CHECK_FALSE(venn_mismatch(p, pairs, &n));
    CHECK(n == 2 * pairs.size());
    CHECK_FALSE(bits_mismatch(p, 128, &n));
    CHECK(n == p.variables().size() + 1);
  }
  // One variable: its only pair is (X, {}), so symmetry has nothing to decide.
  JointDistribution one = joint_from_weights({3}, {1, 2, 5});
  std::size_t n = 7;
  CHECK_FALSE(symmetry_mismatch(one, pairs_of(one), &n));
  CHECK(n == 0);
  // The literal reading is a route that does differ: 1 + 2 ln 2 against ln 2 on two fair bits.
  JointDistribution bits = joint_from_weights({2, 2}, {1, 1, 1, 1});
  CHECK(literal_conditional_entropy(bits, {0}, {1}) == LogForm::constant(1) + LogForm::ln(Integer(2), Rational(2)));
}

TEST_CASE("the conditional-independence search: each law it returns is what it says, by entropies") {
  // I(D;psi|T) by four joint entropies, not by mutual_information.
  auto cmi_zero = [](const JointDistribution& p, const VarSet& t) {
    VarSet dt = t, pt = t, dpt = t;
    dt.push_back(3);
    pt.push_back(0);
    dpt.push_back(0);
    dpt.push_back(3);
    std::sort(dt.begin(), dt.end());
    std::sort(pt.begin(), pt.end());
    std::sort(dpt.begin(), dpt.end());
    return (entropy(p, dt) + entropy(p, pt) - entropy(p, dpt) - entropy(p, t)).is_zero();
  };
  const std::vector<Rational> thetas = {Rational(1, 4), Rational(1, 2), Rational(3, 4)},
                              ds = {Rational(0), Rational(1, 2), Rational(1)};
  CiEquivalenceSearch s = ci_equivalence_search(thetas, ds);
  REQUIRE(s.forward);
  REQUIRE(s.backward);
  CHECK(cmi_zero(*s.forward, {1, 2}));
  CHECK_FALSE(cmi_zero(*s.forward, {1}));
  CHECK(cmi_zero(*s.backward, {1}));
  CHECK_FALSE(cmi_zero(*s.backward, {1, 2}));
  CHECK(s.searched <= thetas.size() * thetas.size() * 6561);
  // With D1 constant (d_grid {0}) both sides always hold: nothing found, every law visited.
  CiEquivalenceSearch none = ci_equivalence_search(thetas, {Rational(0)});
  CHECK_FALSE(none.forward);
  CHECK_FALSE(none.backward);
  CHECK(none.searched == 9);
}

TEST_CASE("the literal conditional entropy is H(A|B) + 1 (the p(x|y) sum to 1): the first pair is the mismatch") {
  JointDistribution bits = joint_from_weights({2, 2}, {1, 1, 1, 1});
  auto m = literal_conditional_mismatch(bits, pairs_of(bits));
  REQUIRE(m);
  CHECK(m->left == LogForm::constant(1) + LogForm::ln(Integer(2), Rational(2)));
  CHECK(m->right == LogForm::ln(Integer(2)));
  // Y determines X: every p(x|y) is 1 and 1 - ln 1 = 1, so the literal reading is 1 against
  // H(X|Y) = 0. With no pairs there is nothing to differ.
  JointDistribution copy = joint_from_weights({2, 2}, {1, 0, 0, 1});
  auto c = literal_conditional_mismatch(copy, pairs_of(copy));
  REQUIRE(c);
  CHECK(c->left == LogForm::constant(1));
  CHECK(c->right.is_zero());
  CHECK_FALSE(literal_conditional_mismatch(copy, {}));
}

TEST_CASE("the expectation readings and the information diagram, by hand") {
  // X uniform on {1, 2}: E[-ln X] = -1/2 ln 2, H(X) = ln 2.
  JointDistribution bits = joint_from_weights({2, 2}, {1, 1, 1, 1});
  auto r = expectation_reading(bits);
  REQUIRE(r);
  CHECK(r->variable == 0);
  CHECK(r->literal == Rational(-1, 2) * LogForm::ln(Integer(2)));
  CHECK(r->entropy == LogForm::ln(Integer(2)));
  // Symbols that are not positive numbers: no literal reading.
  std::vector<std::vector<std::string>> names = {{"a", "b"}, {"0", "1"}};
  JointDistribution named({"X", "Y"}, names, {{{0, 0}, Rational(1, 2)}, {{1, 1}, Rational(1, 2)}});
  CHECK_FALSE(expectation_reading(named));
  // venn (p(0,0) = 1/2, p(0,1) = p(1,1) = 1/4; symbols 1, 2 here): H(X) = 2 ln 2 - 3/4 ln 3,
  // H(Y) = ln 2, H(X,Y) = 3/2 ln 2, so H(X|Y) = 1/2 ln 2 and I(X;Y) = 3/2 ln 2 - 3/4 ln 3.
  JointDistribution venn = joint_from_weights({2, 2}, {2, 1, 0, 1});
  const auto d = information_diagram(venn, 0, 1);
  REQUIRE(d.size() == 6);
  const LogForm ln2 = LogForm::ln(Integer(2)), ln3 = LogForm::ln(Integer(3));
  CHECK(d[0].first == "H(X)");
  CHECK(d[0].second == Rational(2) * ln2 - Rational(3, 4) * ln3);
  CHECK(d[2].second == Rational(3, 2) * ln2);
  CHECK(d[3].second == Rational(1, 2) * ln2);
  CHECK(d[5].first == "I(X;Y)");
  CHECK(d[5].second == Rational(3, 2) * ln2 - Rational(3, 4) * ln3);
}

TEST_CASE("the degenerate joints are what their names say") {
  std::map<std::string, JointDistribution> d;
  for (auto& [name, p] : degenerate_joints()) d.emplace(name, std::move(p));
  REQUIRE(d.size() == 5);
  CHECK(entropy(d.at("point-mass"), {0, 1}).is_zero());
  CHECK(mutual_information(d.at("independent-fair-bits"), {0}, {1}).is_zero());
  CHECK(entropy(d.at("independent-fair-bits"), {0, 1}) == LogForm::ln(Integer(4)));
  CHECK(mutual_information(d.at("independent-product"), {0}, {1}).is_zero());
  CHECK_FALSE(entropy(d.at("independent-product"), {1}).is_zero());
  CHECK(conditional_entropy_expected(d.at("deterministic-y-of-x"), {1}, {0}).is_zero());
  CHECK_FALSE(conditional_entropy_expected(d.at("deterministic-y-of-x"), {0}, {1}).is_zero());
  CHECK(d.at("single-variable").variables().size() == 1);
  // A random joint is none of these: its variables are dependent.
  CHECK_FALSE(mutual_information(joint_from_weights({2, 2}, {3, 1, 1, 3}), {0}, {1}).is_zero());
}
