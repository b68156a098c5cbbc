#include <doctest/doctest.h>

#include "infocert/query/query.hpp"
#include "infocert/error.hpp"

using namespace infocert;

namespace {
JointDistribution xor3() {
  std::vector<std::vector<std::string>> a(3, {"0", "1"});
  return JointDistribution({"X1", "X2", "X3"}, a,
                           {{{0, 0, 0}, Rational(1, 4)}, {{0, 1, 1}, Rational(1, 4)},
                            {{1, 0, 1}, Rational(1, 4)}, {{1, 1, 0}, Rational(1, 4)}});
}
LogForm ln2(Rational q = 1) { return LogForm::ln(Integer(2), q); }
}  // namespace

TEST_CASE("queries evaluate to exact log-forms") {
  JointDistribution p = xor3();
  JointSource src(p);
  QueryEvaluator e(src);
  CHECK(e.evaluate(parse_query("H(X1)")) == ln2());
  CHECK(e.evaluate(parse_query("H(X1..X3)")) == ln2(2));
  CHECK(e.evaluate(parse_query("H(X1,X2|X3)")) == ln2());
  CHECK(e.evaluate(parse_query("I(X1;X2)")).is_zero());
  CHECK(e.evaluate(parse_query("I(X1;X2|X3)")) == ln2());
  CHECK(e.evaluate(parse_query("I(X1,X2;X3)")) == ln2());
  CHECK(e.evaluate(parse_query("2 H(X1) - I(X1;X2|X3)")) == ln2());
  CHECK(e.evaluate(parse_query("1/2 H(X1)")) == ln2(Rational(1, 2)));
  CHECK(e.evaluate(parse_query("H(X1)/4 + 3*H(X2)")) == ln2(Rational(13, 4)));
  CHECK(e.evaluate(parse_query("-(H(X1) - H(X2))")).is_zero());
  CHECK(e.evaluate(parse_query("H(X1) - ln(2)")).is_zero());
  CHECK(e.evaluate(parse_query("0.5")) == LogForm::constant(Rational(1, 2)));
  CHECK(e.evaluate(parse_query("H(X1,X1)")) == ln2());  // repeated names count once
  // In bits, a rational constant is bits.
  CHECK(e.evaluate(parse_query("H(X1) - 1"), Unit::bit).is_zero());
}

TEST_CASE("claims split at one relation") {
  ClaimExpr c = parse_claim("I(X1;X2|X3) >= H(X1) - 1/2");
  CHECK(c.op == Relation::ge);
  CHECK(c.lhs.text == "I(X1;X2|X3)");
  CHECK(c.rhs.text == "H(X1) - 1/2");
  CHECK(parse_claim("H(X1) == H(X2)").op == Relation::eq);
}

TEST_CASE("query errors name the place") {
  CHECK_THROWS_WITH_AS(parse_query("H(X"), "query \"H(X\": expected \")\" before the end at column 4", InputError);
  CHECK_THROWS_WITH_AS(parse_query("H(X) H(Y)"),
                       "query \"H(X) H(Y)\": a product needs a rational number on one side (queries are linear) at column 6",
                       InputError);
  CHECK_THROWS_WITH_AS(parse_query("H(X)/H(Y)"), "query \"H(X)/H(Y)\": can only divide by a rational number at column 5",
                       InputError);
  CHECK_THROWS_WITH_AS(parse_query("H(X)/0"), "query \"H(X)/0\": division by zero at column 5", InputError);
  CHECK_THROWS_WITH_AS(parse_query("K(X)"), "query \"K(X)\": unknown name \"K\" (use H(...), I(...), P(...), Pdiff(...) or ln(...)) at column 1",
                       InputError);
  CHECK_THROWS_WITH_AS(parse_query("I(X|Y)"), "query \"I(X|Y)\": expected \";\" in I(A;B), found \"|\" at column 4", InputError);
  CHECK_THROWS_WITH_AS(parse_query("H(X5..X1)"), "query \"H(X5..X1)\": empty range X5..X1 at column 3", InputError);
  CHECK_THROWS_WITH_AS(parse_query("H(X) # 2"), "query \"H(X) # 2\": unexpected character '#' at column 6", InputError);
  CHECK_THROWS_WITH_AS(parse_query("  "), "query \"\": empty query at column 1", InputError);
  CHECK_THROWS_WITH_AS(parse_query("ln(0)"), "query \"ln(0)\": ln takes a positive rational number at column 4", InputError);
  CHECK_THROWS_WITH_AS(parse_query("H(X) = 1"), "query \"H(X) = 1\": unexpected \"=\" at column 6", InputError);
  CHECK_THROWS_WITH_AS(parse_claim("H(X)"), "claim \"H(X)\": expected a relation (=, !=, <, <=, >, >=) at column 5",
                       InputError);
  CHECK_THROWS_WITH_AS(parse_claim("H(X) < 1 < 2"), "claim \"H(X) < 1 < 2\": only one relation is allowed at column 10",
                       InputError);
  JointDistribution p = xor3();
  JointSource src(p);
  QueryEvaluator e(src);
  CHECK_THROWS_WITH_AS(e.evaluate(parse_query("H(X1..Y3)")),
                       "query \"H(X1..Y3)\": cannot resolve the range X1..Y3 (write ranges like X1..X5: same name, "
                       "numbers at the end)",
                       InputError);
  CHECK_THROWS_WITH_AS(e.evaluate(parse_query("H(Z)")),
                       "query \"H(Z)\": unknown variable \"Z\" (variables: X1, X2, X3)", InputError);
  CHECK_THROWS_WITH_AS(e.evaluate(parse_query("H(X1) - ln(2)"), Unit::bit),
                       "query \"H(X1) - ln(2)\": ln(...) is a number of nats; it cannot be used with bits", InputError);
}

TEST_CASE("a number with two decimal points is an error, not a product") {
  CHECK_THROWS_WITH_AS(parse_query("1.2.3"), "query \"1.2.3\": \"1.2.3\" is not a number at column 1", InputError);
  CHECK_THROWS_AS(parse_query("H(X) + 0.5.1"), InputError);
  // Still numbers: a trailing point, an exponent, a number before H, and X1..X3 ranges.
  CHECK(parse_query("1.").constant == LogForm::constant(Rational(1)));
  CHECK(parse_query("2.5e-3").constant == LogForm::constant(Rational(1, 400)));
  CHECK(parse_query("2H(X)").terms.size() == 1);
  CHECK(parse_query("H(X1..X3)").terms.front().second.a.size() == 3);
}


TEST_CASE("nesting is limited, not recursed into; long queries are shown short in errors") {
  auto nested = [](int n) { return std::string(n, '(') + "H(X)" + std::string(n, ')'); };
  CHECK(parse_query(nested(256)).terms.size() == 1);
  CHECK_THROWS_WITH_AS(parse_query(nested(8000)),
                       doctest::Contains("nested more than 256 levels deep"), InputError);
  CHECK_THROWS_WITH_AS(parse_query(std::string(30000, '-') + "H(X)"),
                       doctest::Contains("... (30004 characters)\": nested more than 256 levels deep at column 259"),
                       InputError);
  CHECK_THROWS_AS(parse_claim(nested(300) + " = 0"), InputError);
  // An even number of minus signs within the limit is the query itself.
  CHECK(parse_query(std::string(256, '-') + "H(X)").terms.front().first == 1);
  try {
    parse_query(std::string(5000, 'x') + " +");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).size() < 300);
  }
}

TEST_CASE("co-information, event probabilities and symbols, against hand-derived values") {
  JointDistribution p = xor3();
  JointSource src(p);
  QueryEvaluator e(src);
  // XOR: I(X1;X2) = 0 and I(X1;X2|X3) = ln 2, so the co-information is -ln 2.
  CHECK(e.evaluate(parse_query("I(X1;X2;X3)")) == ln2(-1));
  CHECK(e.evaluate(parse_query("I(X1;X2;X3)")) == e.evaluate(parse_query("I(X1;X2) - I(X1;X2|X3)")));
  // P: each of the four outcomes has 1/4; given X3 = 0, X1 = X2.
  CHECK(e.evaluate(parse_query("P(X1=0)")) == LogForm::constant(Rational(1, 2)));
  CHECK(e.evaluate(parse_query("P(X1=0, X2=1)")) == LogForm::constant(Rational(1, 4)));
  CHECK(e.evaluate(parse_query("P(X1=0 | X3=0)")) == LogForm::constant(Rational(1, 2)));
  CHECK(e.evaluate(parse_query("P(X2=1 | X1=0, X3=0)")).is_zero());
  CHECK(e.evaluate(parse_query("P(X1=0, X1=1)")).is_zero());  // contradictory event
  CHECK(e.evaluate(parse_query("2 P(X1=1) + H(X1)")) == LogForm::constant(Rational(1)) + ln2());
  // In bits a value counts like a rational constant (c bits = c ln 2 nats).
  CHECK(e.evaluate(parse_query("P(X1=0)"), Unit::bit) == ln2(Rational(1, 2)));
  CHECK_THROWS_AS(e.evaluate(parse_query("P(X1=2)")), InputError);
  CHECK_THROWS_AS(e.evaluate(parse_query("P(X4=0)")), InputError);
  CHECK(e.evaluate(parse_query("P(X1=0 | X1=1)")).is_zero());
  CHECK_THROWS_AS(e.evaluate(parse_query("P(X1=0 | X1=1, X2=1, X3=1)")), InputError);  // a condition of probability 0
  CHECK_THROWS_AS(e.evaluate(parse_query("Pdiff(1, 2)")), InputError);     // not a sequence model
  // Symbols: T stands for its value outside H, I and P.
  CHECK(e.evaluate(parse_query("1/2 ln(T)", {{"T", Rational(8)}})) == ln2(Rational(3, 2)));
  CHECK(e.evaluate(parse_query("T - 1", {{"T", Rational(3)}})) == LogForm::constant(Rational(2)));
  CHECK_THROWS_WITH_AS(parse_query("ln(T)"),
                       "query \"ln(T)\": T is the horizon: it is known in a claim file whose domain has a horizon, "
                       "or with --horizon at column 4",
                       InputError);
  // Texts parse back to equal queries.
  for (const char* text : {"P(X1=0|X3=0)", "2 Pdiff(1,4) - P(X1=0,X2=1)", "I(X1;X2;X3)"}) {
    Query q = parse_query(text);
    Query back = parse_query(query_text(q));
    CHECK(back.values.size() == q.values.size());
    CHECK(back.terms.size() == q.terms.size());
    CHECK(query_text(back) == query_text(q));
  }
  CHECK(query_text(parse_query("P(X1=0|X3=0) + 2 Pdiff(1, 4)")) == "P(X1=0|X3=0) + 2 Pdiff(1,4)");
  // Parse errors.
  CHECK_THROWS_AS(parse_query("P(X1)"), InputError);
  CHECK_THROWS_AS(parse_query("P(X1=)"), InputError);
  CHECK_THROWS_AS(parse_query("Pdiff(1)"), InputError);
  CHECK_THROWS_AS(parse_query("Pdiff(1/2, 4)"), InputError);
  CHECK_THROWS_AS(parse_query("Pdiff(1, 0)"), InputError);
  CHECK_THROWS_AS(parse_query("H(X1) * P(X1=0)"), InputError);  // not linear
}
