#include <doctest/doctest.h>

#include <stdexcept>

#include "infocert/exact/rational.hpp"

using namespace infocert;

TEST_CASE("parse_rational reads fractions, decimals and exponents exactly") {
  CHECK(parse_rational("1/3") == Rational(1, 3));
  CHECK(parse_rational("3/6").str() == "1/2");  // canonicalised
  CHECK(parse_rational("0.25") == Rational(1, 4));
  CHECK(parse_rational("2.5e-3") == Rational(1, 400));
  CHECK(parse_rational("2.5E+3") == Rational(2500));
  CHECK(parse_rational("-1/2") == Rational(-1, 2));
  CHECK(parse_rational("+7") == Rational(7));
  CHECK(parse_rational(".5") == Rational(1, 2));
  CHECK(parse_rational("1.") == Rational(1));
  CHECK(parse_rational("0") == Rational(0));
  CHECK(parse_rational("-0").str() == "0");
  CHECK(parse_rational("000120/0040") == Rational(3));
  // 1e-400 and 10^1000 are exact, not underflowed or overflowed.
  Rational tiny = parse_rational("1e-400");
  CHECK(tiny > 0);
  CHECK(tiny * Rational(pow10(400)) == 1);
  CHECK(parse_rational("1e1000") == Rational(pow10(1000)));
  // 0.1 is 1/10, not the double nearest to it.
  CHECK(parse_rational("0.1") == Rational(1, 10));
}

TEST_CASE("parse_rational rejects everything else with one message") {
  for (const char* bad : {"", " 1", "1 ", "abc", "1/0", "1/2/3", "0x10", "1e", "--1", "+", ".", "1.2.3",
                          "inf", "nan", "1e99999999", "1/-2", "1/2.5", "1e5.5", "e5", "1,5", "½"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_rational(bad), std::invalid_argument);
  }
  CHECK_THROWS_WITH(parse_rational("1/0"), "parse_rational: \"1/0\" is not a rational number (zero denominator)");
  CHECK_THROWS_WITH(parse_rational("abc"), "parse_rational: \"abc\" is not a rational number (expected digits)");
}

TEST_CASE("to_decimal rounds down, up and to nearest exactly") {
  Rational third(1, 3);
  CHECK(to_decimal(third, 5, -1) == "0.33333");
  CHECK(to_decimal(third, 5, +1) == "0.33334");
  CHECK(to_decimal(third, 5, 0) == "0.33333");
  CHECK(to_decimal(Rational(2, 3), 3, 0) == "0.667");
  CHECK(to_decimal(Rational(-2, 3), 3, -1) == "-0.667");
  CHECK(to_decimal(Rational(-2, 3), 3, +1) == "-0.666");
  CHECK(to_decimal(Rational(1, 8), 2, 0) == "0.13");   // tie away from zero
  CHECK(to_decimal(Rational(-1, 8), 2, 0) == "-0.13");
  CHECK(to_decimal(Rational(5), 0, 0) == "5");
  CHECK(to_decimal(Rational(1, 1000), 2, -1) == "0.00");
  CHECK(to_decimal(Rational(1, 1000), 2, +1) == "0.01");
  CHECK(floor_of(Rational(-1, 2)) == -1);
  CHECK(ceil_of(Rational(-1, 2)) == 0);
}
