#pragma once
/// The query language: H(A,B|C), I(A;B|C), ln(r), rational multiples and sums, X1..X5 ranges.
///
///   expr    := ['+'|'-'] term { ('+'|'-') term }
///   term    := unary { ['*'|'/'] unary }        (a number before H, I, ln or '(' multiplies)
///   unary   := '-' unary | primary
///   primary := NUMBER | H(list ['|' list]) | I(list ';' list ['|' list]) | ln(expr) | (expr)
///   list    := name | name..name { ',' list }   (X1..X3 = X1, X2, X3)
///
/// Every query is linear in the information terms: a product or quotient must have a
/// rational constant on one side (the divisor), and ln takes a positive rational.
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "infocert/distribution/joint.hpp"
#include "infocert/exact/decide.hpp"
#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/logform.hpp"

namespace infocert {

/// H(a | c) (when b is empty and is_entropy) or I(a ; b | c), by variable names.
struct InfoTerm {
  bool is_entropy = true;
  std::vector<std::string> a, b, c;
  friend bool operator<(const InfoTerm& x, const InfoTerm& y) {
    return std::tie(x.is_entropy, x.a, x.b, x.c) < std::tie(y.is_entropy, y.a, y.b, y.c);
  }
};

/// constant + Σ coefficient · term; the constant may hold ln terms (from ln(r)).
struct Query {
  std::string text;  ///< the query as written, trimmed
  LogForm constant;
  std::vector<std::pair<Rational, InfoTerm>> terms;
};

/// Parses a query; throws InputError("query \"...\": ... at column N").
Query parse_query(std::string_view text);

/// lhs op rhs.
struct ClaimExpr {
  std::string text;
  Query lhs;
  Relation op = Relation::eq;
  Query rhs;
};
/// Parses "EXPR OP EXPR" with one relation; throws InputError("claim \"...\": ...").
ClaimExpr parse_claim(std::string_view text);

/// Thrown by InfoSource::entropy() when the exact form would be too large to be useful; the
/// measure layer then falls back to entropy_interval().
struct ExactFormTooLarge : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Typed queries for code: no text is written and parsed again.
///   H({"X"}, {"Y"}),  I(tokens(1, T), {"theta"}, {"psi"}),  2 * H({"X"}) - I({"X"}, {"Y"})
/// Each built query carries a canonical text (for display), which parses back to it.
namespace q {
using Names = std::vector<std::string>;
/// The token variables X<first>..X<last> (prefix "X"), in order.
Names tokens(unsigned first, unsigned last, const std::string& prefix = "X");
/// The variables from `first` to `last` in the source's order (X1_1..X2_3 across
/// documents), resolved by the source.
Names span(const std::string& first, const std::string& last);
/// a, then b (duplicates kept out).
Names join(Names a, const Names& b);
Query H(const Names& a, const Names& given = {});
Query I(const Names& a, const Names& b, const Names& given = {});
/// A rational constant (nats, or bits when evaluated in bits).
Query constant(const Rational& c);
/// ln(r) nats, r > 0.
Query ln(const Rational& r);
/// lhs op rhs.
ClaimExpr relation(const Query& lhs, Relation op, const Query& rhs);
}  // namespace q

/// Sums and rational multiples of queries (their text is rebuilt).
Query operator+(Query a, const Query& b);
Query operator-(Query a, const Query& b);
Query operator-(Query a);
Query operator*(const Rational& s, Query a);

/// The canonical text of a query's structure ("H(X1..X4|theta) - 2 I(X;Y)"); it parses back
/// to an equal query.
std::string query_text(const Query& q);

/// What queries are evaluated on: named variables (some names may stand for a group, such
/// as a whole document) and the exact entropy of any set of them.
class InfoSource {
 public:
  virtual ~InfoSource() = default;
  /// The variables (or groups) a name stands for; throws std::out_of_range naming the
  /// known variables when there is no such name.
  virtual VarSet resolve_name(std::string_view name) const = 0;
  /// The variables from `first` to `last` in the source's order (X1_1..X2_3); the query
  /// parser expands the simple form X1..X5 itself.
  virtual VarSet resolve_range(const std::string& first, const std::string& last) const {
    throw std::out_of_range("cannot resolve the range " + first + ".." + last +
                            " (write ranges like X1..X5: same name, numbers at the end)");
  }
  /// H of the joint law of a set of variables, exactly.
  virtual LogForm entropy(const VarSet& vars) = 0;
  /// False for sources whose probabilities are not rational (only enclosures exist).
  virtual bool exact() const { return true; }
  /// An enclosure of H at `precision` bits (the exact form's, unless overridden).
  virtual Interval entropy_interval(const VarSet& vars, mpfr_prec_t precision) {
    return evaluate(entropy(vars), precision);
  }
};

/// A joint distribution as an InfoSource.
class JointSource : public InfoSource {
 public:
  explicit JointSource(const JointDistribution& p) : p_(p) {}
  VarSet resolve_name(std::string_view name) const override { return {p_.index_of(name)}; }
  LogForm entropy(const VarSet& vars) override { return infocert::entropy(p_, vars); }

 private:
  const JointDistribution& p_;
};

/// Evaluates queries on one source, caching entropies.
class QueryEvaluator {
 public:
  explicit QueryEvaluator(InfoSource& source) : source_(source) {}
  /// The query's value in nats. A rational constant c in the query means c of `unit`
  /// (c ln 2 nats when unit is bits). Throws InputError for unknown variables.
  LogForm evaluate(const Query& q, Unit unit = Unit::nat);
  /// An enclosure of the query's value at `precision` bits, for sources without exact forms.
  Interval evaluate_interval(const Query& q, Unit unit, mpfr_prec_t precision);
  /// The entropy of a named set of variables.
  LogForm entropy_of(const VarSet& vars);
  InfoSource& source() { return source_; }

 private:
  VarSet resolve(const std::vector<std::string>& names, const Query& q);
  InfoSource& source_;
  std::map<VarSet, LogForm> cache_;
};

}  // namespace infocert
