#include "infocert/exact/rational.hpp"

#include <cctype>
#include <stdexcept>

namespace infocert {
namespace {

[[noreturn]] void reject(std::string_view text, const char* why) {
  throw std::invalid_argument("parse_rational: \"" + std::string(text) +
                              "\" is not a rational number (" + why + ")");
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

Integer integer_from_digits(std::string_view digits) {
  Integer z;
  mpz_set_str(z.backend().data(), std::string(digits).c_str(), 10);
  return z;
}

}  // namespace

Integer pow10(unsigned long k) {
  Integer z;
  mpz_ui_pow_ui(z.backend().data(), 10, k);
  return z;
}

Rational parse_rational(std::string_view text) {
  std::string_view s = text;
  if (s.empty()) reject(text, "empty");
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  Rational result;
  if (auto slash = s.find('/'); slash != std::string_view::npos) {
    std::string_view num = s.substr(0, slash), den = s.substr(slash + 1);
    if (!all_digits(num) || !all_digits(den)) reject(text, "expected p/q with integers p, q");
    Integer d = integer_from_digits(den);
    if (d == 0) reject(text, "zero denominator");
    result = Rational(integer_from_digits(num), d);  // the constructor canonicalises
  } else {
    std::string_view mantissa = s, exponent;
    if (auto e = s.find_first_of("eE"); e != std::string_view::npos) {
      mantissa = s.substr(0, e);
      exponent = s.substr(e + 1);
      if (exponent.empty()) reject(text, "empty exponent");
    }
    std::string_view int_part = mantissa, frac_part;
    if (auto dot = mantissa.find('.'); dot != std::string_view::npos) {
      int_part = mantissa.substr(0, dot);
      frac_part = mantissa.substr(dot + 1);
      if (int_part.empty() && frac_part.empty()) reject(text, "no digits");
      if (!frac_part.empty() && !all_digits(frac_part)) reject(text, "bad fraction digits");
      if (!int_part.empty() && !all_digits(int_part)) reject(text, "bad integer digits");
    } else if (!all_digits(int_part)) {
      reject(text, "expected digits");
    }
    long exp10 = 0;
    if (!exponent.empty()) {
      bool exp_negative = false;
      std::string_view e = exponent;
      if (e.front() == '+' || e.front() == '-') {
        exp_negative = e.front() == '-';
        e.remove_prefix(1);
      }
      if (!all_digits(e)) reject(text, "bad exponent");
      if (e.size() > 7) reject(text, "exponent too large");
      exp10 = std::stol(std::string(e));
      if (exp10 > kMaxDecimalExponent) reject(text, "exponent too large");
      if (exp_negative) exp10 = -exp10;
    }
    std::string digits = std::string(int_part) + std::string(frac_part);
    Integer mant = integer_from_digits(digits.empty() ? "0" : digits);
    exp10 -= static_cast<long>(frac_part.size());
    if (exp10 >= 0)
      result = Rational(mant * pow10(static_cast<unsigned long>(exp10)));
    else
      result = Rational(mant, pow10(static_cast<unsigned long>(-exp10)));
  }
  return negative ? Rational(-result) : result;
}

std::string to_string(const Rational& q) { return q.str(); }
std::string to_string(const Integer& z) { return z.str(); }

Integer numerator_of(const Rational& q) { return boost::multiprecision::numerator(q); }
Integer denominator_of(const Rational& q) { return boost::multiprecision::denominator(q); }

Integer floor_of(const Rational& q) {
  Integer z;
  mpz_fdiv_q(z.backend().data(), mpq_numref(q.backend().data()), mpq_denref(q.backend().data()));
  return z;
}

Integer ceil_of(const Rational& q) {
  Integer z;
  mpz_cdiv_q(z.backend().data(), mpq_numref(q.backend().data()), mpq_denref(q.backend().data()));
  return z;
}

std::string to_decimal(const Rational& q, unsigned frac_digits, int mode) {
  Rational scaled = q * Rational(pow10(frac_digits));
  Integer n;
  if (mode < 0) {
    n = floor_of(scaled);
  } else if (mode > 0) {
    n = ceil_of(scaled);
  } else {
    // Round half away from zero.
    Rational half(1, 2);
    n = scaled >= 0 ? floor_of(scaled + half) : Integer(-floor_of(-scaled + half));
  }
  bool negative = n < 0;
  std::string digits = (negative ? Integer(-n) : n).str();
  if (frac_digits > 0) {
    if (digits.size() <= frac_digits) digits.insert(0, frac_digits + 1 - digits.size(), '0');
    digits.insert(digits.size() - frac_digits, ".");
  }
  return (negative ? "-" : "") + digits;
}

}  // namespace infocert
