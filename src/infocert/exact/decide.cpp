#include "infocert/exact/decide.hpp"

namespace infocert {

const char* relation_symbol(Relation op) {
  switch (op) {
    case Relation::eq: return "=";
    case Relation::ne: return "!=";
    case Relation::lt: return "<";
    case Relation::le: return "<=";
    case Relation::gt: return ">";
    case Relation::ge: return ">=";
  }
  return "?";
}

std::optional<Relation> parse_relation(std::string_view s) {
  if (s == "=" || s == "==") return Relation::eq;
  if (s == "!=") return Relation::ne;
  if (s == "<") return Relation::lt;
  if (s == "<=") return Relation::le;
  if (s == ">") return Relation::gt;
  if (s == ">=") return Relation::ge;
  return std::nullopt;
}

const char* tier_name(Tier tier) { return tier == Tier::exact ? "exact" : "enclosure"; }

bool holds_for_sign(Relation op, int sign) {
  switch (op) {
    case Relation::eq: return sign == 0;
    case Relation::ne: return sign != 0;
    case Relation::lt: return sign < 0;
    case Relation::le: return sign <= 0;
    case Relation::gt: return sign > 0;
    case Relation::ge: return sign >= 0;
  }
  return false;
}

Decision decide(const LogForm& lhs, Relation op, const LogForm& rhs) {
  Decision d;
  LogForm diff = lhs - rhs;
  bool equal = diff.is_zero();
  if (op == Relation::eq || op == Relation::ne || equal) {
    d.tier = Tier::exact;
    // The answer needs no sign, but the sign is still reported (certified).
    if (!equal) d.sign = certified_sign(diff);
  } else {
    d.sign = certified_sign(diff, &d.precision);
    // A rational difference is compared exactly.
    d.tier = diff.is_rational() ? Tier::exact : Tier::enclosure;
  }
  d.holds = holds_for_sign(op, d.sign);
  return d;
}

}  // namespace infocert
