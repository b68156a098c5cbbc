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

Decision decide(const LogForm& lhs, Relation op, const LogForm& rhs) {
  Decision d;
  LogForm diff = lhs - rhs;
  bool equal = diff.is_zero();
  if (op == Relation::eq || op == Relation::ne || equal) {
    d.tier = Tier::exact;
    d.holds = (op == Relation::eq || op == Relation::le || op == Relation::ge) == equal;
    if (!equal) {
      // The answer needs no sign, but the sign is still reported (certified).
      d.sign = certified_sign(diff);
    }
    return d;
  }
  d.sign = certified_sign(diff, &d.precision);
  // A rational difference is compared exactly.
  d.tier = diff.is_rational() ? Tier::exact : Tier::enclosure;
  switch (op) {
    case Relation::lt: d.holds = d.sign < 0; break;
    case Relation::le: d.holds = d.sign <= 0; break;
    case Relation::gt: d.holds = d.sign > 0; break;
    case Relation::ge: d.holds = d.sign >= 0; break;
    default: break;
  }
  return d;
}

}  // namespace infocert
