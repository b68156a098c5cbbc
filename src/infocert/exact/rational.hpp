#pragma once
/// Exact integers and rationals (GMP through Boost.Multiprecision, expression templates off).
#include <boost/multiprecision/gmp.hpp>
#include <string>
#include <string_view>

namespace infocert {

using Integer = boost::multiprecision::number<boost::multiprecision::gmp_int,
                                              boost::multiprecision::et_off>;
using Rational = boost::multiprecision::number<boost::multiprecision::gmp_rational,
                                               boost::multiprecision::et_off>;

/// Largest decimal exponent accepted by parse_rational (|e| in "1e-400").
inline constexpr long kMaxDecimalExponent = 100000;

/// Parses "p", "p/q", decimals "0.25", "-.5", "2.5e-3" exactly into a canonical rational.
/// Throws std::invalid_argument("parse_rational: ...") for anything else.
Rational parse_rational(std::string_view text);

/// Canonical text of a rational: "3/4", "-2", "0".
std::string to_string(const Rational& q);
std::string to_string(const Integer& z);

/// The numerator and denominator of q (denominator > 0).
Integer numerator_of(const Rational& q);
Integer denominator_of(const Rational& q);

/// 10^k as an integer (k >= 0).
Integer pow10(unsigned long k);

/// floor(q) and ceil(q).
Integer floor_of(const Rational& q);
Integer ceil_of(const Rational& q);

/// Decimal text of q with exactly `frac_digits` digits after the point, rounded
/// downwards (mode -1), upwards (mode +1) or to nearest with ties away from zero (mode 0).
std::string to_decimal(const Rational& q, unsigned frac_digits, int mode);

}  // namespace infocert
