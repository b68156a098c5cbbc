#pragma once
/// The query language: H(A,B|C), I(A;B|C), co-information I(A;B;C|D), event probabilities
/// P(X3=a | X2=a), Pdiff(d, T), ln(r), named constants such as the horizon T, rational
/// multiples and sums, X1..X5 ranges.
///
///   expr    := ['+'|'-'] term { ('+'|'-') term }
///   term    := unary { ['*'|'/'] unary }        (a number before H, I, ln or '(' multiplies)
///   unary   := '-' unary | primary
///   primary := NUMBER | SYMBOL | H(list ['|' list]) | I(list ';' list [';' list] ['|' list])
///            | P(event ['|' event]) | Pdiff(expr, expr) | ln(expr) | (expr)
///   list    := name | name..name { ',' list }   (X1..X3 = X1, X2, X3)
///   event   := name '=' symbol { ',' name '=' symbol }
///
/// I(A;B;C|D) is I(A;B|D) - I(A;B|C,D). P(...) and Pdiff(...) are numbers (rational).
///
/// Every query is linear in the information terms: a product or quotient must have a
/// rational constant on one side (the divisor), and ln takes a positive rational.
#include <map>
#include <stdexcept>
#include <tuple>
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

/// A rational-valued term: an event probability P(A=a, B=b | C=c) or Pdiff(d, T), the
/// probability that the horizon-d predictor and the full-history predictor differ at some
/// step t < T (single-document sequence models).
struct ValueTerm {
  enum class Kind { probability, predictors_differ } kind = Kind::probability;
  std::vector<std::pair<std::string, std::string>> event, given;  ///< (variable, symbol)
  unsigned d = 0, horizon = 0;                                     ///< Pdiff(d, T)
  friend bool operator<(const ValueTerm& x, const ValueTerm& y) {
    return std::tie(x.kind, x.event, x.given, x.d, x.horizon) < std::tie(y.kind, y.event, y.given, y.d, y.horizon);
  }
};

/// constant + Σ coefficient · term + Σ coefficient · value; the constant may hold ln terms
/// (from ln(r)). Values are numbers, counted like rational constants.
struct Query {
  std::string text;  ///< the query as written, trimmed
  LogForm constant;
  std::vector<std::pair<Rational, InfoTerm>> terms;
  std::vector<std::pair<Rational, ValueTerm>> values;
};

/// Named rational constants a query may use, such as the horizon T.
using QuerySymbols = std::map<std::string, Rational>;

/// Parses a query; throws InputError("query \"...\": ... at column N"). Names in
/// `symbols` (outside H, I and P) stand for their values.
Query parse_query(std::string_view text, const QuerySymbols& symbols = {});

/// lhs op rhs.
struct ClaimExpr {
  std::string text;
  Query lhs;
  Relation op = Relation::eq;
  Query rhs;
};
/// Parses "EXPR OP EXPR" with one relation; throws InputError("claim \"...\": ...").
ClaimExpr parse_claim(std::string_view text, const QuerySymbols& symbols = {});
/// A list of variable names as inside H(...): "A, B, X1..X3". Throws InputError.
std::vector<std::string> parse_names(std::string_view text, const QuerySymbols& symbols = {});

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
/// P(event | given), events as (variable, symbol) pairs.
Query P(const std::vector<std::pair<std::string, std::string>>& event,
        const std::vector<std::pair<std::string, std::string>>& given = {});
/// Pdiff(d, T).
Query Pdiff(unsigned d, unsigned horizon);
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
  /// P(vars = symbols), the variables single ones in the order given. Throws
  /// std::out_of_range for an unknown symbol, std::domain_error when the source has no
  /// event probabilities.
  virtual Rational event_probability(const VarSet& vars, const std::vector<std::string>& symbols) {
    (void)vars;
    (void)symbols;
    throw std::domain_error("event probabilities P(...) are computed on joint cases and sequence models only");
  }
  /// Pdiff(d, T); std::domain_error for sources other than single-document sequence models.
  virtual Rational predictors_differ(unsigned d, unsigned horizon) {
    (void)d;
    (void)horizon;
    throw std::domain_error("Pdiff(d, T) is defined for single-document sequence models only");
  }
  /// Continuous variables (a prior's θ): their entropy is not a number here, so a query must
  /// use each only in entropies that cancel (I(X; θ), H(X | θ)); entropy_interval of a set
  /// containing one leaves its part out. Empty for discrete sources.
  virtual VarSet continuous_variables() const { return {}; }
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
  Rational event_probability(const VarSet& vars, const std::vector<std::string>& symbols) override;

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
  /// The value of a P(...) or Pdiff(...) term (InputError for unknown variables or symbols,
  /// a condition of probability 0, or a source without such values).
  Rational value_of(const ValueTerm& t, const Query& q);
  InfoSource& source() { return source_; }

 private:
  VarSet resolve(const std::vector<std::string>& names, const Query& q);
  /// The entropies a term expands to, with their signs: H(a | c) = H(a, c) - H(c) and
  /// I(a; b | c) = H(a, c) + H(b, c) - H(a, b, c) - H(c).
  std::vector<std::pair<VarSet, int>> signed_sets(const InfoTerm& t, const Query& q);
  /// InputError unless every continuous variable's entropies cancel in q.
  void require_cancelling(const Query& q);
  InfoSource& source_;
  std::map<VarSet, LogForm> cache_;
};

}  // namespace infocert
