#pragma once
/// The measure-and-decide layer: the one place where a quantity is certified and a relation
/// is decided. Callers (the command line, `verify`, the checkers) hand it a source and a
/// query, a claim, or forms they computed; they never run a precision loop themselves.
///
///   measure(source, query)  -> Measurement: the exact log-form when there is one (and it is
///                              not too large), an enclosure always.
///   decide(source, claim)   -> ClaimDecision with three outcomes, CGAL-style:
///                              decided exactly, decided by an enclosure, or undecided with
///                              the reason (an equality between values known only by
///                              enclosures, or an enclosure that never left 0).
#include <optional>
#include <string>

#include "infocert/exact/decide.hpp"
#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/logform.hpp"
#include "infocert/query/query.hpp"

namespace infocert {

/// How far a measurement or a decision may go.
struct MeasureOptions {
  unsigned digits = 40;           ///< enclosures at most 10^-(digits+1) wide
  Unit unit = Unit::nat;          ///< rational constants in queries count in this unit
  mpfr_prec_t max_precision = mpfr_prec_t(1) << 16;  ///< for sources without exact forms
};

/// One certified quantity. The exact form (in nats) is present when the source has exact
/// forms and this one was not too large to build; the enclosure, in `unit`, always is.
struct Measurement {
  std::optional<LogForm> exact;
  Enclosure enclosure;
  Unit unit = Unit::nat;
  /// Known to be exactly zero (only an exact form can say so).
  bool is_zero() const { return exact && exact->is_zero(); }
  /// The exact form is short enough to print (at most 64 terms and 4000 characters).
  bool exact_readable() const;
  /// The closed form in the unit ("3/2 ln 2 - 3/4 ln 3", or in bits), or "" without one.
  std::string exact_text() const;
};

/// The decimal description of a measurement at `digits` (where digits are chosen: at the
/// edge, when printing or rendering a table). The closed form is included when present.
CertifiedValue certified(const Measurement& m, unsigned digits);

/// A rational value as a measurement (its enclosure is the point).
Measurement measure_rational(const Rational& value);
/// A log-form computed by the caller (nats), enclosed to `digits` in `unit`.
Measurement measure_form(const LogForm& nats, unsigned digits = 40, Unit unit = Unit::nat);
/// An enclosure computed by the caller (already in its unit; no exact form).
Measurement measure_enclosure(const Enclosure& e, Unit unit = Unit::nat);

/// The query's value on the source. Throws InputError for unknown variables, and when a
/// source without exact forms cannot be enclosed to the digits asked within max_precision.
Measurement measure(InfoSource& source, const Query& q, const MeasureOptions& options = {});
/// The same with one evaluator (its entropy cache) shared over several queries.
Measurement measure(QueryEvaluator& eval, const Query& q, const MeasureOptions& options = {});

/// What decided a relation, if anything did.
enum class Outcome { exact, enclosure, undecided };
const char* outcome_name(Outcome o);  ///< "exact", "enclosure", "undecided"

struct ClaimDecision {
  Outcome outcome = Outcome::undecided;
  bool holds = false;            ///< meaningful when decided
  int sign = 0;                  ///< sign of lhs - rhs when known
  mpfr_prec_t precision = 0;     ///< of the deciding enclosure (0 when exact)
  std::string reason;            ///< why it is undecided
  Measurement lhs, rhs;
  bool decided() const { return outcome != Outcome::undecided; }
  /// "decided exactly", "decided by an enclosure at 128 bits", "undecided: ...".
  std::string how() const;
};

/// Decides `lhs op rhs` for two forms (nats): exactly, or by an enclosure of the difference
/// (which always ends, the difference being known non-zero). Never undecided.
/// The two sides are measured to `digits` in `unit` (the forms are nats).
ClaimDecision decide_forms(const LogForm& lhs, Relation op, const LogForm& rhs, unsigned digits = 40,
                           Unit unit = Unit::nat);
/// Decides two enclosures (no exact forms): decided when the enclosure of lhs - rhs excludes
/// 0; an equality is then false. Otherwise undecided.
ClaimDecision decide_enclosures(const Enclosure& lhs, Relation op, const Enclosure& rhs);

/// Decides a claim on a source. On sources with exact forms this is exact or by enclosure;
/// on others (or forms too large to build) by enclosures at rising precision up to
/// max_precision, else undecided. Throws InputError for unknown variables.
ClaimDecision decide(InfoSource& source, const ClaimExpr& claim, const MeasureOptions& options = {});
ClaimDecision decide(QueryEvaluator& eval, const ClaimExpr& claim, const MeasureOptions& options = {});

}  // namespace infocert
