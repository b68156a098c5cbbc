// The measure-and-decide layer and the typed query builder, against hand-derived values:
// venn (p(0,0) = 1/2, p(0,1) = p(1,1) = 1/4) has H(X) = 2 ln 2 - 3/4 ln 3, H(Y) = ln 2,
// H(X,Y) = 3/2 ln 2; xor3 has I(X1;X2) = 0 and I(X1;X2|X3) = ln 2.
#include <doctest/doctest.h>

#include "infocert/error.hpp"
#include "infocert/measure/measure.hpp"
#include "infocert/measure/jeon.hpp"
#include "infocert/distribution/joint.hpp"

using namespace infocert;

namespace {

JointDistribution venn() {
  std::vector<std::vector<std::string>> a(2, {"0", "1"});
  return JointDistribution({"X", "Y"}, a, {{{0, 0}, Rational(1, 2)}, {{0, 1}, Rational(1, 4)}, {{1, 1}, Rational(1, 4)}});
}

JointDistribution xor3() {
  std::vector<std::vector<std::string>> a(3, {"0", "1"});
  return JointDistribution({"X1", "X2", "X3"}, a,
                           {{{0, 0, 0}, Rational(1, 4)}, {{0, 1, 1}, Rational(1, 4)},
                            {{1, 0, 1}, Rational(1, 4)}, {{1, 1, 0}, Rational(1, 4)}});
}

LogForm ln(long n, Rational q = 1) { return LogForm::ln(Integer(n), q); }

/// The venn source as if its probabilities were irrational: only enclosures are given.
class IntervalOnly : public InfoSource {
 public:
  explicit IntervalOnly(const JointDistribution& p) : inner_(p) {}
  VarSet resolve_name(std::string_view name) const override { return inner_.resolve_name(name); }
  LogForm entropy(const VarSet&) override { throw std::logic_error("no exact forms here"); }
  bool exact() const override { return false; }
  Interval entropy_interval(const VarSet& vars, mpfr_prec_t precision) override {
    return evaluate(inner_.entropy(vars), precision);
  }

 private:
  JointSource inner_;
};

/// A source whose exact forms are refused as too large (the engine's behaviour beyond
/// thousands of distinct probabilities).
class TooLarge : public IntervalOnly {
 public:
  using IntervalOnly::IntervalOnly;
  bool exact() const override { return true; }
  LogForm entropy(const VarSet&) override { throw ExactFormTooLarge("too many terms"); }
};

}  // namespace

TEST_CASE("measure: exact forms where the source has them, enclosures always") {
  JointDistribution p = venn();
  JointSource src(p);
  Measurement m = measure(src, parse_query("I(X;Y)"));
  REQUIRE(m.exact);
  CHECK(*m.exact == ln(2, Rational(3, 2)) - ln(3, Rational(3, 4)));
  CHECK(m.exact_text() == "3/2 ln 2 - 3/4 ln 3");
  // 0.21576155433883569557941... (3/2 ln 2 - 3/4 ln 3, computed by hand to 23 digits).
  Rational v = parse_rational("0.21576155433883569557941");
  CHECK(m.enclosure.lo <= v + Rational(1, pow10(22)));
  CHECK(m.enclosure.hi >= v - Rational(1, pow10(22)));
  CHECK(m.enclosure.hi - m.enclosure.lo <= Rational(1, pow10(41)));
  CHECK_FALSE(m.is_zero());
  CHECK(certified(m, 20).value == "0.21576155433883569558");

  JointDistribution x = xor3();
  JointSource xs(x);
  CHECK(measure(xs, parse_query("I(X1;X2)")).is_zero());
  CHECK(measure(xs, parse_query("I(X1;X2|X3)")).exact == ln(2));
  // In bits: I(X1;X2|X3) = 1 bit exactly.
  MeasureOptions bits;
  bits.unit = Unit::bit;
  Measurement b = measure(xs, parse_query("I(X1;X2|X3)"), bits);
  CHECK(b.enclosure.lo == 1);
  CHECK(b.enclosure.hi == 1);
  CHECK(b.exact_text() == "1");
}

TEST_CASE("measure: without exact forms the enclosure is narrowed to the digits asked") {
  JointDistribution p = venn();
  IntervalOnly src(p);
  MeasureOptions o;
  o.digits = 30;
  Measurement m = measure(src, parse_query("H(X)"), o);
  CHECK_FALSE(m.exact);
  LogForm hx = ln(2, 2) - ln(3, Rational(3, 4));
  Enclosure tight = enclose(hx, Rational(1, pow10(60)));
  CHECK(m.enclosure.lo <= tight.lo);
  CHECK(m.enclosure.hi >= tight.hi);
  CHECK(m.enclosure.hi - m.enclosure.lo <= Rational(1, pow10(31)));
  // A constant query is exact on any source.
  CHECK(measure(src, parse_query("1/3")).exact == LogForm::constant(Rational(1, 3)));
  // Too many digits for the precision allowed: an error, not a wider interval.
  o.digits = 1000;
  o.max_precision = 256;
  CHECK_THROWS_AS(measure(src, parse_query("H(X)"), o), InputError);
  // A source that refuses a too-large exact form is measured by its enclosures.
  TooLarge big(p);
  Measurement e = measure(big, parse_query("H(X)"));
  CHECK_FALSE(e.exact);
  CHECK(e.enclosure.lo <= tight.lo);
  CHECK(e.enclosure.hi >= tight.hi);
}

TEST_CASE("decide: exact, by enclosure, and the two ways it comes out") {
  JointDistribution p = venn();
  JointSource src(p);
  ClaimDecision d = decide(src, parse_claim("H(X,Y) = H(X) + H(Y) - I(X;Y)"));
  CHECK(d.outcome == Outcome::exact);
  CHECK(d.holds);
  CHECK(d.how() == "decided exactly");
  d = decide(src, parse_claim("H(X,Y) = H(X) + H(Y)"));
  CHECK(d.outcome == Outcome::exact);
  CHECK_FALSE(d.holds);
  // H(X|Y) = 1/2 ln 2 < H(X) = 2 ln 2 - 3/4 ln 3: an order between unequal forms.
  d = decide(src, parse_claim("H(X|Y) < H(X)"));
  CHECK(d.outcome == Outcome::enclosure);
  CHECK(d.holds);
  CHECK(d.sign == -1);
  CHECK(d.how().rfind("decided by an enclosure at ", 0) == 0);
  CHECK_FALSE(decide(src, parse_claim("H(X|Y) > H(X)")).holds);
  // A rational difference is decided exactly: H(X,Y) - H(Y) = 1/2 ln 2 against ln(2)/2.
  d = decide(src, parse_claim("H(X|Y) <= ln(2)/2"));
  CHECK(d.outcome == Outcome::exact);
  CHECK(d.holds);
  CHECK_FALSE(decide(src, parse_claim("H(X|Y) < ln(2)/2")).holds);
  CHECK_THROWS_AS(decide(src, parse_claim("H(Z) = 0")), InputError);
}

TEST_CASE("decide without exact forms: by enclosure when it separates, otherwise undecided") {
  JointDistribution p = venn();
  IntervalOnly src(p);
  MeasureOptions o;
  o.max_precision = 1024;
  ClaimDecision d = decide(src, parse_claim("H(X|Y) < H(X)"), o);
  CHECK(d.outcome == Outcome::enclosure);
  CHECK(d.holds);
  d = decide(src, parse_claim("H(X,Y) = H(X)"), o);
  CHECK(d.outcome == Outcome::enclosure);
  CHECK_FALSE(d.holds);
  // True equalities cannot be confirmed from enclosures.
  d = decide(src, parse_claim("H(X,Y) = H(X) + H(Y) - I(X;Y)"), o);
  CHECK(d.outcome == Outcome::undecided);
  CHECK_FALSE(d.decided());
  CHECK(d.reason.find("cannot confirm an equality") != std::string::npos);
  d = decide(src, parse_claim("H(X|Y) <= ln(2)/2"), o);
  CHECK(d.outcome == Outcome::undecided);
  // The same claims on the exact source are decided (the outcome depends on the source).
  JointSource exact(p);
  CHECK(decide(exact, parse_claim("H(X|Y) <= ln(2)/2"), o).outcome == Outcome::exact);
}

TEST_CASE("decide_enclosures and decide_forms") {
  Enclosure a{Rational(1), Rational(2), 64}, b{Rational(3), Rational(4), 64}, c{Rational(3, 2), Rational(7, 2), 64};
  ClaimDecision d = decide_enclosures(a, Relation::lt, b);
  CHECK(d.outcome == Outcome::enclosure);
  CHECK(d.holds);
  CHECK_FALSE(decide_enclosures(a, Relation::eq, b).holds);
  CHECK(decide_enclosures(a, Relation::eq, b).decided());
  CHECK(decide_enclosures(a, Relation::lt, c).outcome == Outcome::undecided);
  Enclosure p{Rational(1, 3), Rational(1, 3), 0};
  d = decide_enclosures(p, Relation::eq, p);
  CHECK(d.outcome == Outcome::exact);
  CHECK(d.holds);
  d = decide_forms(ln(2), Relation::gt, ln(3, Rational(1, 2)));  // ln 2 > ln 3 / 2
  CHECK(d.holds);
  CHECK(d.outcome == Outcome::enclosure);
  CHECK(decide_forms(ln(4), Relation::eq, ln(2, 2)).outcome == Outcome::exact);
}

TEST_CASE("the typed query builder: canonical text that parses back to the same query") {
  using namespace infocert::q;
  CHECK(H({"X"}).text == "H(X)");
  CHECK(H(tokens(1, 4), {"theta"}).text == "H(X1..X4|theta)");
  CHECK(I(tokens(1, 2), {"theta"}, {"psi"}).text == "I(X1,X2;theta|psi)");
  CHECK((Rational(2) * H({"X"}) - I({"X"}, {"Y"})).text == "2 H(X) - I(X;Y)");
  CHECK((H({"X"}) - constant(Rational(1, 2))).text == "H(X) - 1/2");
  CHECK((-H({"X"})).text == "-H(X)");
  CHECK((Rational(1, 2) * ln(Rational(3))).text == "1/2 ln(3)");
  CHECK(relation(H({"X", "Y"}), Relation::le, H({"X"}) + H({"Y"})).text == "H(X,Y) <= H(X) + H(Y)");
  CHECK(join({"a", "b"}, {"b", "c"}) == Names{"a", "b", "c"});

  JointDistribution p = xor3();
  JointSource src(p);
  QueryEvaluator e(src);
  std::vector<Query> built = {H(tokens(1, 3)), I({"X1"}, {"X2"}, {"X3"}), Rational(3, 4) * H({"X1"}, {"X2"}) - ln(Rational(2)),
                              H({"X1"}) + Rational(-2) * I({"X1", "X2"}, {"X3"}) + constant(Rational(5))};
  for (const Query& b : built) {
    Query parsed = parse_query(b.text);
    CHECK(parsed.text == b.text);
    CHECK(e.evaluate(parsed) == e.evaluate(b));
  }
  CHECK(e.evaluate(I({"X1"}, {"X2"}, {"X3"})) == ln(2));
  CHECK(e.evaluate(H(tokens(1, 3))) == ln(2, 2));
}

// Jeon et al.'s decomposition against hand-derived values. Pool {0-coin, 1-coin}, N = 2
// draws, alpha = (1/2, 1/2), M = 2 documents of one token: P(D1 = D2) = 3/4, so
// H(H) = 3 ln 2 - 3/4 ln 3; H(H|psi) = ln 2 (the draws differ with probability 1/2, then the
// two bits are fair); theta determines H; I(D_m;theta_m|psi) = H(theta_m|psi) = ln 2 / 2.
TEST_CASE("Theorem 4.2 and 4.7 measured on a sparse mixture of two deterministic coins") {
  SparseMixtureSpec spec;
  spec.pool = {{"zero", Rational(1, 2), bernoulli(Rational(0))}, {"one", Rational(1, 2), bernoulli(Rational(1))}};
  spec.pool_draws = 2;
  spec.alphas = {{Rational(1), {Rational(1, 2), Rational(1, 2)}}};
  spec.tokens = 1;
  spec.documents = 2;
  LatentMixture m = sparse_mixture(spec);
  SequenceEngine e(m);
  const LogForm ln2 = LogForm::ln(Integer(2)), ln3 = LogForm::ln(Integer(3));
  Theorem42 r = theorem42(e);
  CHECK(r.holds());
  CHECK(r.i_psi == Rational(2) * ln2 - Rational(3, 4) * ln3);
  REQUIRE(r.per_document.size() == 2);
  CHECK(r.per_document[1] == Rational(1, 2) * ln2);
  CHECK(r.estimation_error == Rational(1, 2) * (Rational(3) * ln2 - Rational(3, 4) * ln3));
  // M = 2, T = 1: the restatement (/M) gives 5/4 ln 2 - 3/8 ln 3, not the error.
  CHECK(r.restated == Rational(5, 4) * ln2 - Rational(3, 8) * ln3);
  CHECK_FALSE(r.restated_equal.holds);
  CHECK(r.restated_equal.outcome == Outcome::exact);
  CHECK(r.theta_entropies[0] == Rational(1, 2) * ln2);
  CHECK(r.within_ln_n[0].holds);  // ln 2 / 2 <= ln 2, strictly: by an enclosure
  CHECK(r.within_ln_n[0].outcome == Outcome::enclosure);
  // One draw (N = 1): H(theta_m|psi) = 0 = ln 1, decided exactly.
  spec.pool_draws = 1;
  spec.alphas = {{Rational(1), {Rational(1)}}};
  LatentMixture single = sparse_mixture(spec);
  SequenceEngine es(single);
  Theorem42 one = theorem42(es);
  CHECK(one.holds());
  CHECK(one.theta_entropies[1].is_zero());
  CHECK(one.within_ln_n[1].outcome == Outcome::exact);
  // M = T = 2: the two forms coincide.
  spec.tokens = 2;
  LatentMixture square = sparse_mixture(spec);
  SequenceEngine sq(square);
  CHECK(theorem42(sq).restated_equal.holds);
  // Theorem 4.7, one past document and tau = 1 on the single-draw pool: the next document is
  // the past one's coin again, so the in-context error is 0 against the bound I(X1;psi) = ln 2.
  spec.tokens = 1;
  spec.documents = 1;
  spec.incontext = 1;
  LatentMixture ic = sparse_mixture(spec);
  SequenceEngine ei(ic);
  InContextBound b = incontext_bound(ei, 1, 1, 1);
  CHECK(b.error.is_zero());
  CHECK(b.bound == ln2);
  CHECK(b.decision.holds);
}

// A mixture of a fair coin and a 1-coin, T = 2: P(11) = 5/8, the rest 1/8 each;
// H(H|theta) = ln 2 (the fair coin's two bits, half the time).
TEST_CASE("Theorem 3.2 measured on a two-coin mixture") {
  LatentMixture m = make_mixture({bernoulli(Rational(1, 2)), bernoulli(Rational(1))}, {Rational(1, 2), Rational(1, 2)}, 2);
  SequenceEngine e(m);
  Theorem32 r = theorem32(e);
  const LogForm h = entropy_of_pmf_termwise({Rational(5, 8), Rational(1, 8), Rational(1, 8), Rational(1, 8)});
  CHECK(r.holds());
  CHECK(r.sequences_checked == 4);
  CHECK(r.entropy == h);
  CHECK(r.loss == h);
  CHECK(r.residual == LogForm::ln(Integer(2)));
  CHECK(r.information_per_token() == Rational(1, 2) * (h - LogForm::ln(Integer(2))));
}

// Lemma 3.1: the Bayes predictor's loss is H(H) (Theorem 3.2); the uniform predictor loses
// T ln 2 - H(H) > 0 on two tokens; changing P-hat off the support loses nothing.
TEST_CASE("Lemma 3.1 measured: gaps decided as agreement says, on a mixture with zero-probability histories") {
  LatentMixture m = make_mixture({bernoulli(Rational(0)), bernoulli(Rational(1))}, {Rational(1, 2), Rational(1, 2)}, 2);
  SequenceEngine e(m);
  Lemma31 r = lemma31(e, true);
  CHECK(r.best == LogForm::ln(Integer(2)));  // the first token names the coin
  CHECK(r.holds());
  bool saw_uniform = false, saw_off_support = false;
  for (const PredictorGap& p : r.predictors) {
    CAPTURE(p.name);
    REQUIRE(p.loss);
    if (p.name == "uniform") {
      saw_uniform = true;
      CHECK(*p.gap == LogForm::ln(Integer(2)));  // 2 ln 2 against ln 2
      CHECK_FALSE(p.agrees);
      CHECK(p.decision.holds);
    }
    if (p.name == "P-hat changed on zero-probability histories") {
      saw_off_support = true;
      CHECK(p.agrees);
      CHECK(p.gap->is_zero());
      CHECK(p.decision.outcome == Outcome::exact);
    }
  }
  CHECK(saw_uniform);
  CHECK(saw_off_support);
  CHECK(lemma31(e, false).predictors.size() + 1 == r.predictors.size());
}
