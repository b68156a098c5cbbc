#pragma once
/// Certified enclosures of log-forms with MPFI, built from exact GMP values only.
#include <mpfi.h>

#include <string>

#include "infocert/exact/logform.hpp"
#include "infocert/exact/rational.hpp"

namespace infocert {

/// An MPFI interval that owns its storage.
class Interval {
 public:
  explicit Interval(mpfr_prec_t precision);
  Interval(const Interval& other);
  Interval& operator=(const Interval& other);
  ~Interval();
  mpfi_ptr get() { return value_; }
  mpfi_srcptr get() const { return value_; }
  mpfr_prec_t precision() const { return mpfi_get_prec(value_); }
  /// The exact endpoints.
  Rational lower() const;
  Rational upper() const;

 private:
  mpfi_t value_;
};

/// Unit of an information quantity: nats (ln) or bits (log2).
enum class Unit { nat, bit };
const char* unit_name(Unit unit);

/// The interval [q, q] rounded outwards to `precision` bits (mpfi_set_q: contains q).
Interval interval_of(const Rational& q, mpfr_prec_t precision);

/// Divides an enclosure of a value in nats by ln 2 when the unit is bits (in place).
void convert_to_unit(Interval& nats, Unit unit);

/// An enclosure of the form's value in the unit, computed at `precision` bits.
Interval evaluate(const LogForm& form, mpfr_prec_t precision, Unit unit = Unit::nat);

/// Exact rational endpoints lo <= value <= hi.
struct Enclosure {
  Rational lo, hi;
  mpfr_prec_t precision = 0;  ///< working precision that produced it (0: exact)
  bool exact() const { return lo == hi; }
};

/// The exact endpoints of an interval, with its precision.
Enclosure enclosure_of(const Interval& x);

/// An enclosure of width <= max_width (> 0), raising the precision as needed.
Enclosure enclose(const LogForm& form, const Rational& max_width, Unit unit = Unit::nat);

/// The sign of the form's value (-1, 0, +1), certified: 0 exactly when the form is zero,
/// otherwise from an enclosure at rising precision that excludes zero.
/// `precision_used` receives the precision that decided (0 for the exact tier).
int certified_sign(const LogForm& form, mpfr_prec_t* precision_used = nullptr);

/// What the command line and reports print for one quantity.
struct CertifiedValue {
  std::string exact;  ///< closed form in the unit
  bool is_zero = false;  ///< decided exactly
  std::string lo, hi;  ///< decimal endpoints, rounded outwards, hi - lo <= 10^-digits
  std::string value;   ///< the true value correctly rounded to the digits shown
  Enclosure enclosure;
};

/// The decimal description of an enclosure (no closed form; is_zero false).
CertifiedValue certify_enclosure(const Enclosure& e, unsigned digits);
/// An enclosure in nats divided by ln 2, rounded outwards.
Enclosure enclosure_in_bits(const Enclosure& nats);
/// The enclosure in the unit: itself in nats, enclosure_in_bits in bits.
inline Enclosure enclosure_in_unit(const Enclosure& nats, Unit unit) {
  return unit == Unit::bit ? enclosure_in_bits(nats) : nats;
}

/// Certifies the form to `digits` decimal digits after the point.
CertifiedValue certify(const LogForm& form, unsigned digits, Unit unit = Unit::nat);

/// The largest k <= digits such that lo and hi round (to nearest) to the same k-digit
/// decimal, and that decimal; every real number in [lo, hi] rounds to it too.
std::string certified_digits(const Rational& lo, const Rational& hi, unsigned digits);

}  // namespace infocert
