#include "infocert/exact/enclosure.hpp"

#include <cmath>
#include <stdexcept>

namespace infocert {

Interval::Interval(mpfr_prec_t precision) { mpfi_init2(value_, precision); }
Interval::Interval(const Interval& other) {
  mpfi_init2(value_, mpfi_get_prec(other.value_));
  mpfi_set(value_, other.value_);
}
Interval& Interval::operator=(const Interval& other) {
  if (this != &other) {
    mpfi_set_prec(value_, mpfi_get_prec(other.value_));
    mpfi_set(value_, other.value_);
  }
  return *this;
}
Interval::~Interval() { mpfi_clear(value_); }

namespace {
Rational endpoint(mpfi_srcptr x, bool left) {
  mpfr_t e;
  mpfr_init2(e, mpfi_get_prec(x));
  if (left)
    mpfi_get_left(e, x);
  else
    mpfi_get_right(e, x);
  if (!mpfr_number_p(e)) {
    mpfr_clear(e);
    throw std::domain_error("Interval: endpoint is not a finite number");
  }
  Rational q;
  mpfr_get_q(q.backend().data(), e);  // exact: a finite binary number is a rational
  mpfr_clear(e);
  return q;
}
}  // namespace

Rational Interval::lower() const { return endpoint(value_, true); }
Rational Interval::upper() const { return endpoint(value_, false); }

const char* unit_name(Unit unit) { return unit == Unit::nat ? "nat" : "bit"; }

Interval interval_of(const Rational& q, mpfr_prec_t precision) {
  Interval x(precision);
  mpfi_set_q(x.get(), q.backend().data());
  return x;
}

Interval evaluate(const LogForm& form, mpfr_prec_t precision, Unit unit) {
  Interval sum = interval_of(form.constant_term(), precision);
  Interval term(precision);
  for (const auto& [b, q] : form.terms()) {
    mpfi_set_z(term.get(), b.backend().data());
    mpfi_log(term.get(), term.get());
    mpfi_mul_q(term.get(), term.get(), q.backend().data());
    mpfi_add(sum.get(), sum.get(), term.get());
  }
  convert_to_unit(sum, unit);
  return sum;
}

void convert_to_unit(Interval& nats, Unit unit) {
  if (unit != Unit::bit) return;
  Interval ln2(nats.precision());
  mpfi_const_log2(ln2.get());
  mpfi_div(nats.get(), nats.get(), ln2.get());
}

namespace {
constexpr mpfr_prec_t kMaxPrecision = mpfr_prec_t(1) << 24;

// In bits, q ln 2 is the rational q; with no other terms the value is exact.
bool rational_in_unit(const LogForm& form, Unit unit, Rational* value) {
  if (unit == Unit::nat) {
    if (!form.is_rational()) return false;
    *value = form.constant_term();
    return true;
  }
  if (form.constant_term() != 0) return false;
  if (form.terms().empty()) {
    *value = 0;
    return true;
  }
  if (form.terms().size() != 1 || form.terms().begin()->first != 2) return false;
  *value = form.terms().begin()->second;
  return true;
}
}  // namespace

Enclosure enclosure_of(const Interval& x) { return {x.lower(), x.upper(), x.precision()}; }

Enclosure enclose(const LogForm& form, const Rational& max_width, Unit unit) {
  if (max_width <= 0) throw std::invalid_argument("enclose: width must be positive");
  Rational exact;
  if (rational_in_unit(form, unit, &exact)) return {exact, exact, 0};
  // Bits needed for the width, plus headroom for the terms' rounding errors.
  double want = -std::log2(static_cast<double>(max_width)) ;
  if (!std::isfinite(want) || want < 0) want = 0;
  mpfr_prec_t precision = static_cast<mpfr_prec_t>(want) + 32 +
                          2 * static_cast<mpfr_prec_t>(std::log2(form.size() + 1.0));
  for (;;) {
    Interval x = evaluate(form, precision, unit);
    Enclosure e{x.lower(), x.upper(), precision};
    if (e.hi - e.lo <= max_width) return e;
    if (precision >= kMaxPrecision)
      throw std::runtime_error("enclose: precision limit reached before the width was met");
    precision *= 2;
  }
}

int certified_sign(const LogForm& form, mpfr_prec_t* precision_used) {
  if (precision_used) *precision_used = 0;
  if (form.is_zero()) return 0;
  if (form.is_rational()) return form.constant_term() > 0 ? 1 : -1;
  // The form is not zero, so some precision separates its value from zero.
  for (mpfr_prec_t precision = 64; precision <= kMaxPrecision; precision *= 2) {
    Interval x = evaluate(form, precision);
    Rational lo = x.lower(), hi = x.upper();
    if (lo > 0 || hi < 0) {
      if (precision_used) *precision_used = precision;
      return lo > 0 ? 1 : -1;
    }
  }
  throw std::runtime_error("certified_sign: precision limit reached (value too close to 0)");
}

std::string certified_digits(const Rational& lo, const Rational& hi, unsigned digits) {
  for (unsigned k = digits + 1; k-- > 0;) {
    std::string a = to_decimal(lo, k, 0);
    if (a == to_decimal(hi, k, 0)) return a;
  }
  // Not even the integer part is certain: show nothing but the interval.
  return "?";
}

CertifiedValue certify(const LogForm& form, unsigned digits, Unit unit) {
  // One digit of headroom for the outward decimal rounding of the endpoints.
  Rational width(1, pow10(digits + 1));
  CertifiedValue v = certify_enclosure(enclose(form, width, unit), digits);
  v.exact = unit == Unit::nat ? form.str() : form.str_bits();
  v.is_zero = form.is_zero();
  return v;
}

Enclosure enclosure_in_bits(const Enclosure& nats) {
  mpfr_prec_t prec = std::max<mpfr_prec_t>(nats.precision, 128) + 64;
  Interval ln2(prec), lo = interval_of(nats.lo, prec), hi = interval_of(nats.hi, prec);
  mpfi_const_log2(ln2.get());
  mpfi_div(lo.get(), lo.get(), ln2.get());
  mpfi_div(hi.get(), hi.get(), ln2.get());
  return {lo.lower(), hi.upper(), prec};
}

CertifiedValue certify_enclosure(const Enclosure& e, unsigned digits) {
  CertifiedValue v;
  v.enclosure = e;
  v.is_zero = false;
  const unsigned shown = digits + 3;
  v.lo = to_decimal(v.enclosure.lo, shown, -1);
  v.hi = to_decimal(v.enclosure.hi, shown, +1);
  v.value = certified_digits(v.enclosure.lo, v.enclosure.hi, digits);
  if (v.enclosure.exact()) {
    // An exact value: a decimal that is the value itself loses its trailing zeros.
    const Rational& q = v.enclosure.lo;
    for (std::string* s : {&v.lo, &v.hi, &v.value}) {
      if (s->find('.') == std::string::npos || parse_rational(*s) != q) continue;
      while (s->back() == '0') s->pop_back();
      if (s->back() == '.') s->pop_back();
    }
  }
  return v;
}

}  // namespace infocert
