#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "infocert/exact/decide.hpp"
#include "infocert/exact/enclosure.hpp"

using namespace infocert;

namespace {
// ln 2 to 60 digits (a published constant, independent of MPFR).
const char* kLn2 = "0.693147180559945309417232121458176568075500134360255254120680";
}

TEST_CASE("interval_of contains the rational (pitfall: no rounding to nearest)") {
  Rational third(1, 3);
  Interval x = interval_of(third, 53);
  CHECK(x.lower() <= third);
  CHECK(third <= x.upper());
  CHECK(x.lower() < x.upper());
}

TEST_CASE("enclosures of ln 2 contain it, are narrow, and exclude a value off by 1e-9") {
  LogForm ln2 = LogForm::ln(Integer(2));
  Rational truth = parse_rational(kLn2);  // within 1e-60 of ln 2
  Rational slack(1, pow10(59));
  Enclosure e = enclose(ln2, Rational(1, pow10(40)));
  CHECK(e.lo <= truth + slack);
  CHECK(truth - slack <= e.hi);
  CHECK(e.hi - e.lo <= Rational(1, pow10(40)));
  Rational off = truth + Rational(1, pow10(9));
  CHECK_FALSE((e.lo <= off && off <= e.hi));
  // Wider digits requests still meet their width.
  Enclosure wide = enclose(ln2, Rational(1, pow10(200)));
  CHECK(wide.hi - wide.lo <= Rational(1, pow10(200)));
}

TEST_CASE("certify prints only certified digits") {
  CertifiedValue v = certify(LogForm::ln(Integer(2)), 40);
  CHECK(v.exact == "ln 2");
  CHECK_FALSE(v.is_zero);
  CHECK(v.value == std::string(kLn2).substr(0, 42));  // 40 digits, correctly rounded (next digit 0)
  CHECK(parse_rational(v.lo) <= parse_rational(kLn2));
  CHECK(parse_rational(v.hi) >= parse_rational(kLn2) - Rational(1, pow10(59)));
  CHECK(parse_rational(v.hi) - parse_rational(v.lo) <= Rational(1, pow10(40)));
  // In bits ln 2 is exactly 1.
  CertifiedValue b = certify(LogForm::ln(Integer(2)), 40, Unit::bit);
  CHECK(b.exact == "1");
  CHECK(b.value == "1");
  CHECK(b.lo == "1");
  CHECK(b.hi == "1");
  CertifiedValue z = certify(LogForm(), 40);
  CHECK(z.is_zero);
  CHECK(z.value == "0");
  // ln 3 / ln 2 = log2 3 = 1.5849625007211561814537389439478165087598...
  CertifiedValue l3 = certify(LogForm::ln(Integer(3)), 30, Unit::bit);
  CHECK(l3.value == "1.584962500721156181453738943948");
}

TEST_CASE("certified_digits drops digits the interval does not determine") {
  CHECK(certified_digits(parse_rational("0.1234"), parse_rational("0.1236"), 4) == "0.12");
  CHECK(certified_digits(parse_rational("0.19999"), parse_rational("0.20001"), 3) == "0.200");
  CHECK(certified_digits(parse_rational("0.5"), parse_rational("0.5"), 3) == "0.500");
  CHECK(certified_digits(parse_rational("-3"), parse_rational("7"), 3) == "?");
}

TEST_CASE("certified_sign separates near-coincidences of powers") {
  // 3^12 vs 2^19, 3^53 vs 2^84, 3^665 vs 2^1054: differences of logs 1.4e-2, 2.1e-3, 4.4e-5.
  struct { long a, b; } pairs[] = {{12, 19}, {53, 84}, {665, 1054}};
  for (auto [a, b] : pairs) {
    LogForm d = LogForm::ln(Integer(3), Rational(a)) - LogForm::ln(Integer(2), Rational(b));
    double approx = a * std::log(3.0) - b * std::log(2.0);
    CHECK(certified_sign(d) == (approx > 0 ? 1 : -1));
    CHECK(certified_sign(-d) == (approx > 0 ? -1 : 1));
  }
  CHECK(certified_sign(LogForm()) == 0);
  CHECK(certified_sign(LogForm::constant(Rational(-1, 7))) == -1);
  // 1 - ln 2 - ln(e/2)... e is not rational; use 1 vs ln 3 (1.0986...): negative.
  CHECK(certified_sign(LogForm::constant(Rational(1)) - LogForm::ln(Integer(3))) == -1);
}

TEST_CASE("decide: exact tier for equality, enclosure tier for orders") {
  LogForm a = LogForm::ln(Integer(6));
  LogForm b = LogForm::ln(Integer(2)) + LogForm::ln(Integer(3));
  Decision d = decide(a, Relation::eq, b);
  CHECK(d.holds);
  CHECK(d.tier == Tier::exact);
  CHECK(decide(a, Relation::le, b).holds);
  CHECK(decide(a, Relation::ge, b).holds);
  CHECK_FALSE(decide(a, Relation::lt, b).holds);
  CHECK_FALSE(decide(a, Relation::ne, b).holds);
  LogForm c = LogForm::ln(Integer(5));
  Decision e = decide(c, Relation::eq, a);
  CHECK_FALSE(e.holds);
  CHECK(e.tier == Tier::exact);
  CHECK(e.sign == -1);
  Decision f = decide(c, Relation::lt, a);
  CHECK(f.holds);
  CHECK(f.tier == Tier::enclosure);
  CHECK(f.precision > 0);
  CHECK_FALSE(decide(c, Relation::gt, a).holds);
  CHECK(decide(c, Relation::ne, a).holds);
  // Rationals compare exactly.
  Decision g = decide(LogForm::constant(Rational(1, 3)), Relation::lt, LogForm::constant(Rational(1, 2)));
  CHECK(g.holds);
  CHECK(g.tier == Tier::exact);
  CHECK(parse_relation("==") == Relation::eq);
  CHECK_FALSE(parse_relation("=<").has_value());
}
