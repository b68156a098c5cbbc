#include "infocert/measure/measure.hpp"

#include "infocert/error.hpp"

namespace infocert {

namespace {

constexpr std::size_t kMaxReadableTerms = 64, kMaxReadableChars = 4000;

Rational width_for(unsigned digits) { return Rational(1, pow10(digits + 1)); }

mpfr_prec_t start_precision(unsigned digits) { return 64 + static_cast<mpfr_prec_t>(3.33 * digits); }

/// The query's enclosure at rising precision until it is narrow enough.
Enclosure enclose_query(QueryEvaluator& eval, const Query& q, const MeasureOptions& o) {
  const Rational width = width_for(o.digits);
  for (mpfr_prec_t prec = start_precision(o.digits); prec <= o.max_precision; prec *= 2) {
    Interval x = eval.evaluate_interval(q, o.unit, prec);
    Enclosure e{x.lower(), x.upper(), prec};
    if (e.hi - e.lo <= width) return e;
  }
  throw InputError(q.text + " could not be enclosed to " + std::to_string(o.digits) + " digits; ask for fewer --digits");
}

/// The query's exact form, or nullopt when the source has none or it would be too large.
std::optional<LogForm> exact_form(QueryEvaluator& eval, const Query& q, Unit unit) {
  // A query without information terms is a constant on every source.
  if (!eval.source().exact() && !q.terms.empty()) return std::nullopt;
  try {
    return eval.evaluate(q, unit);
  } catch (const ExactFormTooLarge&) {
    return std::nullopt;
  }
}

}  // namespace

bool Measurement::exact_readable() const {
  return exact && exact->size() <= kMaxReadableTerms && exact_text().size() <= kMaxReadableChars;
}

std::string Measurement::exact_text() const {
  if (!exact) return "";
  return unit == Unit::nat ? exact->str() : exact->str_bits();
}

CertifiedValue certified(const Measurement& m, unsigned digits) {
  if (m.exact) return certify(*m.exact, digits, m.unit);
  return certify_enclosure(m.enclosure, digits);
}

Measurement measure_rational(const Rational& value) {
  Measurement m;
  m.exact = LogForm::constant(value);
  m.enclosure = {value, value, 0};
  return m;
}

Measurement measure_form(const LogForm& nats, unsigned digits, Unit unit) {
  Measurement m;
  m.exact = nats;
  m.unit = unit;
  m.enclosure = enclose(nats, width_for(digits), unit);
  return m;
}

Measurement measure_enclosure(const Enclosure& e, Unit unit) {
  Measurement m;
  m.enclosure = e;
  m.unit = unit;
  return m;
}

Measurement measure(QueryEvaluator& eval, const Query& q, const MeasureOptions& o) {
  if (auto form = exact_form(eval, q, o.unit)) return measure_form(*form, o.digits, o.unit);
  return measure_enclosure(enclose_query(eval, q, o), o.unit);
}

Measurement measure(InfoSource& source, const Query& q, const MeasureOptions& o) {
  QueryEvaluator eval(source);
  return measure(eval, q, o);
}

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::exact: return "exact";
    case Outcome::enclosure: return "enclosure";
    case Outcome::undecided: return "undecided";
  }
  return "?";
}

std::string ClaimDecision::how() const {
  switch (outcome) {
    case Outcome::exact: return "decided exactly";
    case Outcome::enclosure: return "decided by an enclosure at " + std::to_string(precision) + " bits";
    case Outcome::undecided: return "undecided: " + reason;
  }
  return "?";
}

ClaimDecision decide_forms(const LogForm& lhs, Relation op, const LogForm& rhs, unsigned digits, Unit unit) {
  Decision d = infocert::decide(lhs, op, rhs);
  ClaimDecision c;
  c.outcome = d.tier == Tier::exact ? Outcome::exact : Outcome::enclosure;
  c.holds = d.holds;
  c.sign = d.sign;
  c.precision = d.precision;
  c.lhs = measure_form(lhs, digits, unit);
  c.rhs = measure_form(rhs, digits, unit);
  return c;
}

ClaimDecision decide_enclosures(const Enclosure& lhs, Relation op, const Enclosure& rhs) {
  ClaimDecision c;
  c.lhs = measure_enclosure(lhs);
  c.rhs = measure_enclosure(rhs);
  c.precision = std::max(lhs.precision, rhs.precision);
  // lhs - rhs lies in [lhs.lo - rhs.hi, lhs.hi - rhs.lo], exactly.
  Rational lo = lhs.lo - rhs.hi, hi = lhs.hi - rhs.lo;
  if (lo > 0 || hi < 0) {
    c.outcome = Outcome::enclosure;
    c.sign = lo > 0 ? 1 : -1;
    c.holds = holds_for_sign(op, c.sign);
  } else if (lhs.exact() && rhs.exact() && lhs.lo == rhs.lo) {
    c.outcome = Outcome::exact;  // two rational points
    c.sign = 0;
    c.holds = holds_for_sign(op, 0);
  } else {
    c.reason = "the enclosures of the two sides overlap";
  }
  return c;
}

ClaimDecision decide(QueryEvaluator& eval, const ClaimExpr& claim, const MeasureOptions& o) {
  std::optional<LogForm> lhs = exact_form(eval, claim.lhs, o.unit);
  std::optional<LogForm> rhs = lhs ? exact_form(eval, claim.rhs, o.unit) : std::nullopt;
  if (lhs && rhs) return decide_forms(*lhs, claim.op, *rhs, o.digits, o.unit);
  // Enclosures only: the difference at rising precision until it excludes 0.
  ClaimDecision c;
  for (mpfr_prec_t prec = 64; prec <= o.max_precision && !c.decided(); prec *= 2) {
    Interval l = eval.evaluate_interval(claim.lhs, o.unit, prec), r = eval.evaluate_interval(claim.rhs, o.unit, prec);
    Interval d(prec);
    mpfi_sub(d.get(), l.get(), r.get());
    Rational lo = d.lower(), hi = d.upper();
    if (lo <= 0 && hi >= 0) continue;
    c.outcome = Outcome::enclosure;
    c.sign = lo > 0 ? 1 : -1;
    c.holds = holds_for_sign(claim.op, c.sign);
    c.precision = prec;
  }
  if (!c.decided()) {
    c.reason = (claim.op == Relation::eq || claim.op == Relation::le || claim.op == Relation::ge)
                   ? "a side is known only by an enclosure, and enclosures cannot confirm an equality; the "
                     "enclosure of the difference still contains 0 at " + std::to_string(o.max_precision) + " bits"
                   : "the enclosure of the difference still contains 0 at " + std::to_string(o.max_precision) + " bits";
  }
  c.lhs = measure(eval, claim.lhs, o);
  c.rhs = measure(eval, claim.rhs, o);
  return c;
}

ClaimDecision decide(InfoSource& source, const ClaimExpr& claim, const MeasureOptions& o) {
  QueryEvaluator eval(source);
  return decide(eval, claim, o);
}

}  // namespace infocert
