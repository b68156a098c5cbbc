#include "infocert/distribution/joint.hpp"

#include <algorithm>
#include <stdexcept>

namespace infocert {

VarSet var_union(const VarSet& a, const VarSet& b) {
  VarSet u;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(u));
  return u;
}

LogForm entropy_of_pmf(const std::vector<Rational>& pmf) {
  Integer d = 1;
  for (const Rational& p : pmf)
    if (p != 0) d = lcm(d, denominator_of(p));
  std::map<Integer, Integer> groups;  // a_i -> how many outcomes have p = a_i / D
  for (const Rational& p : pmf)
    if (p != 0) groups[Integer(numerator_of(p) * (d / denominator_of(p)))] += 1;
  return entropy_from_counts(groups, d);
}

LogForm entropy_of_pmf_termwise(const std::vector<Rational>& pmf) {
  LogFormBuilder h;
  for (const Rational& p : pmf) {
    if (p == 0) continue;
    h.add_ln(numerator_of(p), Rational(-p));
    h.add_ln(denominator_of(p), p);
  }
  return h.finish();
}

JointDistribution::JointDistribution(std::vector<std::string> variables,
                                     std::vector<std::vector<std::string>> alphabets,
                                     std::vector<Outcome> outcomes)
    : variables_(std::move(variables)), alphabets_(std::move(alphabets)) {
  if (variables_.empty()) throw std::invalid_argument("JointDistribution: no variables");
  if (alphabets_.size() != variables_.size())
    throw std::invalid_argument("JointDistribution: one alphabet per variable expected");
  Rational total = 0;
  for (Outcome& o : outcomes) {
    if (o.symbols.size() != variables_.size())
      throw std::invalid_argument("JointDistribution: outcome arity differs from the variables");
    for (std::size_t v = 0; v < o.symbols.size(); ++v)
      if (o.symbols[v] >= alphabets_[v].size())
        throw std::invalid_argument("JointDistribution: symbol index out of range");
    if (o.probability < 0 || o.probability > 1)
      throw std::invalid_argument("JointDistribution: " + o.probability.str() + " is not a probability");
    total += o.probability;
    if (o.probability != 0) outcomes_.push_back(std::move(o));
  }
  if (total != 1)
    throw std::invalid_argument("JointDistribution: probabilities sum to " + total.str() + ", not 1");
  std::sort(outcomes_.begin(), outcomes_.end(),
            [](const Outcome& a, const Outcome& b) { return a.symbols < b.symbols; });
  for (std::size_t i = 1; i < outcomes_.size(); ++i)
    if (outcomes_[i].symbols == outcomes_[i - 1].symbols)
      throw std::invalid_argument("JointDistribution: duplicate outcome " + outcome_text(outcomes_[i]));
}

std::size_t JointDistribution::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < variables_.size(); ++i)
    if (variables_[i] == name) return i;
  std::string known;
  for (const auto& v : variables_) known += (known.empty() ? "" : ", ") + v;
  throw std::out_of_range("unknown variable \"" + std::string(name) + "\" (variables: " + known + ")");
}

VarSet JointDistribution::all() const {
  VarSet s(variables_.size());
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = i;
  return s;
}

std::string JointDistribution::outcome_text(const Outcome& o) const {
  std::string s;
  for (std::size_t v = 0; v < o.symbols.size(); ++v)
    s += (v ? " " : "") + alphabets_[v][o.symbols[v]];
  return s;
}

std::map<std::vector<std::uint32_t>, Rational> JointDistribution::marginal(const VarSet& vars) const {
  std::map<std::vector<std::uint32_t>, Rational> m;
  std::vector<std::uint32_t> key(vars.size());
  for (const Outcome& o : outcomes_) {
    for (std::size_t i = 0; i < vars.size(); ++i) key[i] = o.symbols.at(vars[i]);
    m[key] += o.probability;
  }
  return m;
}

namespace {
std::vector<Rational> values_of(const std::map<std::vector<std::uint32_t>, Rational>& m) {
  std::vector<Rational> v;
  v.reserve(m.size());
  for (const auto& kv : m) v.push_back(kv.second);
  return v;
}
}  // namespace

LogForm entropy(const JointDistribution& p, const VarSet& a) {
  return entropy_of_pmf(values_of(p.marginal(a)));
}

LogForm conditional_entropy(const JointDistribution& p, const VarSet& a, const VarSet& b) {
  return entropy(p, var_union(a, b)) - entropy(p, b);
}

LogForm conditional_entropy_expected(const JointDistribution& p, const VarSet& a, const VarSet& b) {
  // Group the joint law of (A, B) by the value of B, then weight each conditional
  // entropy H(A | B = y) by p(y).
  VarSet ab = var_union(a, b);
  std::map<std::vector<std::uint32_t>, std::vector<Rational>> by_y;  // y -> p(a, y) for each a
  std::map<std::vector<std::uint32_t>, Rational> p_y;
  std::vector<std::uint32_t> y(b.size());
  for (const auto& [key, prob] : p.marginal(ab)) {
    for (std::size_t i = 0; i < b.size(); ++i) {
      std::size_t pos = std::lower_bound(ab.begin(), ab.end(), b[i]) - ab.begin();
      y[i] = key[pos];
    }
    by_y[y].push_back(prob);
    p_y[y] += prob;
  }
  LogForm h;
  for (auto& [yy, joint] : by_y) {
    const Rational& py = p_y[yy];
    for (Rational& q : joint) q /= py;  // p(a | y)
    h += py * entropy_of_pmf(joint);
  }
  return h;
}

LogForm mutual_information(const JointDistribution& p, const VarSet& a, const VarSet& b,
                           const VarSet& c) {
  return entropy(p, var_union(a, c)) + entropy(p, var_union(b, c)) -
         entropy(p, var_union(var_union(a, b), c)) - entropy(p, c);
}

}  // namespace infocert
