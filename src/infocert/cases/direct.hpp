#pragma once
/// A second evaluator, for `verify`: information terms summed directly over an explicit
/// joint table, each by its own defining formula (H(A|C) = Σ p(a,c) ln(p(c)/p(a,c)),
/// I(A;B|C) = Σ p(a,b,c) ln(p(a,b,c) p(c) / (p(a,c) p(b,c)))), with marginals summed here.
/// It shares only the exact log-form arithmetic with the main evaluator.
#include <map>
#include <string>
#include <vector>

#include "infocert/distribution/joint.hpp"
#include "infocert/query/query.hpp"

namespace infocert {

class DirectEvaluator {
 public:
  /// `aliases` name sets of variables (theta -> theta1..thetaM, D1 -> its tokens).
  explicit DirectEvaluator(JointDistribution p, std::map<std::string, VarSet> aliases = {});
  /// The query's value in nats; throws InputError for an unknown variable or symbol.
  LogForm evaluate(const Query& q);
  /// Pdiff(d, T) summed over the table: the tokens X1..X(T-1) (by these names), at each
  /// step t < T the full conditional P(X(t+1) | X1..Xt) against P(X(t+1) | the last d
  /// tokens), both from marginals of the table; the mass of the outcomes on which they
  /// differ at some step.
  Rational predictors_differ(unsigned d, unsigned horizon) const;
  /// Whether A given C has the same law as B given C, symbol by symbol (the symbols of A
  /// and B compared by name). `why` receives the first difference.
  bool same_conditional_law(const std::vector<std::string>& a, const std::vector<std::string>& b,
                            const std::vector<std::string>& c, std::string* why);
  const JointDistribution& joint() const { return p_; }

 private:
  VarSet resolve(const std::vector<std::string>& names) const;
  /// The marginal of `vars` as symbol names joined by spaces -> probability.
  std::map<std::vector<std::uint32_t>, Rational> sum_to(const VarSet& vars) const;
  LogForm conditional_entropy(const VarSet& a, const VarSet& c) const;
  LogForm conditional_information(const VarSet& a, const VarSet& b, const VarSet& c) const;
  Rational value(const ValueTerm& t) const;

  JointDistribution p_;
  std::map<std::string, VarSet> aliases_;
};

}  // namespace infocert
