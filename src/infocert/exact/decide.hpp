#pragma once
/// decide(lhs, op, rhs): a filtered predicate on log-forms. Equality is decided exactly on
/// the forms; an order between unequal forms by an enclosure of the difference at rising
/// precision, which ends because the difference is known to be non-zero.
#include <optional>
#include <string>
#include <string_view>

#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/logform.hpp"

namespace infocert {

enum class Relation { eq, ne, lt, le, gt, ge };

/// "=", "!=", "<", "<=", ">", ">=".
const char* relation_symbol(Relation op);
/// Parses a relation symbol ("==" is accepted for "="); nullopt if it is none.
std::optional<Relation> parse_relation(std::string_view symbol);

enum class Tier { exact, enclosure };
const char* tier_name(Tier tier);

struct Decision {
  bool holds = false;
  int sign = 0;           ///< sign of lhs - rhs, certified
  Tier tier = Tier::exact;  ///< exact: the forms alone decided; enclosure: an interval did
  mpfr_prec_t precision = 0;  ///< precision of the deciding enclosure (0 for exact)
};

/// Whether `lhs op rhs` holds when the sign of lhs - rhs is `sign` (-1, 0, +1).
bool holds_for_sign(Relation op, int sign);

/// Decides `lhs op rhs` for real numbers given as log-forms. Never guesses.
Decision decide(const LogForm& lhs, Relation op, const LogForm& rhs);

}  // namespace infocert
