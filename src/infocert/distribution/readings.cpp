#include "infocert/distribution/readings.hpp"

#include <random>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace infocert {

std::vector<std::string> numeric_alphabet(std::size_t k) {
  std::vector<std::string> a;
  for (std::size_t i = 1; i <= k; ++i) a.push_back(std::to_string(i));
  return a;
}

// A joint distribution over variables X, Y, Z.. with the given alphabet sizes and the
// given integer weights (row-major over the outcomes), normalised exactly.
JointDistribution joint_from_weights(const std::vector<std::size_t>& shape, const std::vector<unsigned>& w) {
  static const char* names[] = {"X", "Y", "Z", "W"};
  std::vector<std::string> vars;
  std::vector<std::vector<std::string>> alphabets;
  for (std::size_t v = 0; v < shape.size(); ++v) {
    vars.push_back(names[v]);
    alphabets.push_back(numeric_alphabet(shape[v]));
  }
  unsigned total = 0;
  for (unsigned x : w) total += x;
  std::vector<JointDistribution::Outcome> outcomes;
  for (std::size_t i = 0; i < w.size(); ++i) {
    JointDistribution::Outcome o;
    o.symbols.resize(shape.size());
    std::size_t rest = i;
    for (std::size_t v = shape.size(); v-- > 0;) {
      o.symbols[v] = static_cast<std::uint32_t>(rest % shape[v]);
      rest /= shape[v];
    }
    o.probability = Rational(w[i], total);
    outcomes.push_back(o);
  }
  return JointDistribution(vars, alphabets, outcomes);
}

VarSet single(std::size_t v) { return VarSet{v}; }

// The (A, B) pairs checked on a distribution: ordered pairs of distinct variables, a
// variable against all the others, and (X, {}) for one variable.
std::vector<std::pair<VarSet, VarSet>> pairs_of(const JointDistribution& p) {
  std::size_t n = p.variables().size();
  std::vector<std::pair<VarSet, VarSet>> out;
  if (n == 1) out.push_back({single(0), {}});
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j) out.push_back({single(i), single(j)});
  if (n >= 3) {
    VarSet rest;
    for (std::size_t j = 1; j < n; ++j) rest.push_back(j);
    out.push_back({single(0), rest});
    out.push_back({rest, single(0)});
  }
  return out;
}

std::string names_of(const JointDistribution& p, const VarSet& s) {
  std::string out;
  for (std::size_t v : s) out += (out.empty() ? "" : ",") + p.variables()[v];
  return out.empty() ? "{}" : out;
}

// The literal reading of the typeset conditional entropy:
// Σ_y p(y) Σ_x [p(x|y) - ln p(x|y)] over x with p(x|y) > 0 (the terms with p(x|y) = 0
// are +∞ in that reading; leaving them out is the reading's most favourable form).
LogForm literal_conditional_entropy(const JointDistribution& p, const VarSet& a, const VarSet& b) {
  VarSet ab = var_union(a, b);
  std::map<std::vector<std::uint32_t>, Rational> py;
  for (const auto& [key, q] : p.marginal(b)) py[key] = q;
  LogForm total;
  std::vector<std::uint32_t> y(b.size());
  for (const auto& [key, q] : p.marginal(ab)) {
    for (std::size_t i = 0; i < b.size(); ++i)
      y[i] = key[std::lower_bound(ab.begin(), ab.end(), b[i]) - ab.begin()];
    const Rational& pyy = py[y];
    Rational cond = q / pyy;
    total += LogForm::constant(pyy * cond);
    total += LogForm::ln_rational(cond, Rational(-pyy));
  }
  return total;
}

// E[-ln X] for a variable whose symbols are positive rationals; false when they are not.
bool literal_expectation(const JointDistribution& p, std::size_t v, LogForm* out) {
  LogForm total;
  for (const auto& [key, q] : p.marginal(single(v))) {
    Rational x;
    try {
      x = parse_rational(p.alphabet(v)[key[0]]);
    } catch (const std::invalid_argument&) {
      return false;
    }
    if (x <= 0) return false;
    total += LogForm::ln_rational(x, Rational(-q));
  }
  *out = total;
  return true;
}

// -Σ p log2 p straight from MPFI's log2, at `precision` bits: a numeric route to the
// entropy in bits that shares no code with the log-form evaluation.
Interval entropy_direct(const std::vector<Rational>& pmf, mpfr_prec_t precision, Unit unit) {
  Interval sum = interval_of(Rational(0), precision), term(precision);
  for (const Rational& q : pmf) {
    if (q == 0) continue;
    term = interval_of(q, precision);
    if (unit == Unit::bit) mpfi_log2(term.get(), term.get());
    else mpfi_log(term.get(), term.get());
    Rational minus_q = -q;
    mpfi_mul_q(term.get(), term.get(), minus_q.backend().data());
    mpfi_add(sum.get(), sum.get(), term.get());
  }
  return sum;
}

std::vector<Rational> pmf_of(const JointDistribution& p, const VarSet& s) {
  std::vector<Rational> v;
  for (const auto& kv : p.marginal(s)) v.push_back(kv.second);
  return v;
}

std::string shape_of(const JointDistribution& p) {
  std::string s;
  for (std::size_t v = 0; v < p.variables().size(); ++v)
    s += (s.empty() ? "" : "x") + std::to_string(p.alphabet(v).size());
  return s;
}

std::size_t for_each_exchangeable_law(const std::vector<Rational>& theta_grid, const std::vector<Rational>& d_grid,
                                      const std::function<bool(const JointDistribution&)>& visit) {
  std::size_t codes = 1;
  for (int i = 0; i < 8; ++i) codes *= d_grid.size();
  std::size_t visited = 0;
  for (const Rational& a0 : theta_grid)
    for (const Rational& a1 : theta_grid)
      for (std::size_t code = 0; code < codes; ++code) {
        std::vector<JointDistribution::Outcome> outcomes;
        std::size_t rest = code;
        for (std::uint32_t psi = 0; psi < 2; ++psi)
          for (std::uint32_t t1 = 0; t1 < 2; ++t1)
            for (std::uint32_t t2 = 0; t2 < 2; ++t2) {
              const Rational& a = psi == 0 ? a0 : a1;
              const Rational& f = d_grid[rest % d_grid.size()];
              rest /= d_grid.size();
              Rational base = Rational(1, 2) * (t1 ? a : Rational(1 - a)) * (t2 ? a : Rational(1 - a));
              outcomes.push_back({{psi, t1, t2, 1}, Rational(base * f)});
              outcomes.push_back({{psi, t1, t2, 0}, Rational(base * (1 - f))});
            }
        ++visited;
        if (!visit(JointDistribution({"psi", "theta1", "theta2", "D1"}, {{"0", "1"}, {"0", "1"}, {"0", "1"}, {"0", "1"}},
                                     outcomes)))
          return visited;
      }
  return visited;
}

std::vector<std::pair<std::string, JointDistribution>> degenerate_joints() {
  return {{"point-mass", joint_from_weights({2, 2}, {0, 0, 1, 0})},
          {"independent-fair-bits", joint_from_weights({2, 2}, {1, 1, 1, 1})},
          {"independent-product", joint_from_weights({2, 3}, {1, 2, 3, 3, 6, 9})},
          {"deterministic-y-of-x", joint_from_weights({4, 2}, {1, 0, 0, 1, 1, 0, 0, 1})},
          {"single-variable", joint_from_weights({3}, {1, 2, 5})}};
}

std::string shape_label(const std::vector<std::size_t>& shape) {
  std::string label;
  for (std::size_t k : shape) label += (label.empty() ? "" : "x") + std::to_string(k);
  return label;
}

std::vector<std::pair<std::string, JointDistribution>> random_joints(std::uint64_t seed,
                                                                     const std::vector<std::vector<std::size_t>>& shapes,
                                                                     unsigned per_shape, unsigned max_weight) {
  std::vector<std::pair<std::string, JointDistribution>> out;
  std::mt19937_64 rng(seed);
  for (const auto& shape : shapes) {
    std::size_t n = 1;
    for (std::size_t k : shape) n *= k;
    for (unsigned rep = 1; rep <= per_shape; ++rep) {
      std::vector<unsigned> w(n);
      unsigned total = 0;
      for (auto& x : w) {
        x = static_cast<unsigned>(rng() % (max_weight + 1));
        total += x;
      }
      if (total == 0) w[0] = 1;
      out.emplace_back("random-" + shape_label(shape) + "-" + std::to_string(rep), joint_from_weights(shape, w));
    }
  }
  return out;
}

std::optional<RouteMismatch> chain_rule_mismatch(const JointDistribution& p, const std::vector<std::pair<VarSet, VarSet>>& pairs,
                                                 std::size_t* checked) {
  if (checked) *checked = pairs.size();
  for (const auto& [a, b] : pairs) {
    LogForm expected = conditional_entropy_expected(p, a, b), chain = entropy(p, var_union(a, b)) - entropy(p, b);
    if (!(expected == chain)) return RouteMismatch{a, b, "expected_entropy", "H(A,B)-H(B)", expected, chain};
  }
  return std::nullopt;
}

std::optional<RouteMismatch> symmetry_mismatch(const JointDistribution& p, const std::vector<std::pair<VarSet, VarSet>>& pairs,
                                               std::size_t* checked) {
  std::size_t n = 0;
  std::optional<RouteMismatch> first;
  for (const auto& [a, b] : pairs) {
    if (b.empty()) continue;
    ++n;
    LogForm ixy = entropy(p, a) - conditional_entropy_expected(p, a, b);
    LogForm iyx = entropy(p, b) - conditional_entropy_expected(p, b, a);
    if (!(ixy == iyx) && !first) first = RouteMismatch{a, b, "H(A)-H(A|B)", "H(B)-H(B|A)", ixy, iyx};
  }
  if (checked) *checked = n;
  return first;
}

std::optional<RouteMismatch> venn_mismatch(const JointDistribution& p, const std::vector<std::pair<VarSet, VarSet>>& pairs,
                                           std::size_t* checked) {
  if (checked) *checked = 2 * pairs.size();
  for (const auto& [a, b] : pairs) {
    LogForm i = mutual_information(p, a, b);
    LogForm ha_b = conditional_entropy_expected(p, a, b), hb_a = conditional_entropy_expected(p, b, a);
    LogForm joint = entropy(p, var_union(a, b));
    if (!(joint == ha_b + i + hb_a)) return RouteMismatch{a, b, "H(A,B)", "H(A|B)+I+H(B|A)", joint, ha_b + i + hb_a};
    if (!(entropy(p, a) == ha_b + i)) return RouteMismatch{a, b, "H(A)", "H(A|B)+I", entropy(p, a), ha_b + i};
  }
  return std::nullopt;
}

std::optional<RouteMismatch> bits_mismatch(const JointDistribution& p, mpfr_prec_t precision, std::size_t* checked) {
  const std::size_t n = p.variables().size();
  if (checked) *checked = n + 1;
  for (std::size_t v = 0; v <= n; ++v) {
    VarSet s = v < n ? single(v) : p.all();
    std::vector<Rational> pmf = pmf_of(p, s);
    LogForm nats = entropy(p, s), termwise = entropy_of_pmf_termwise(pmf);
    Interval direct = entropy_direct(pmf, precision, Unit::bit), via = evaluate(nats, precision, Unit::bit);
    bool overlap = !(direct.upper() < via.lower() || via.upper() < direct.lower());
    if (!(termwise == nats) || !overlap) return RouteMismatch{s, {}, "nats", "termwise", nats, termwise};
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, LogForm>> information_diagram(const JointDistribution& p, std::size_t x, std::size_t y) {
  const VarSet a = single(x), b = single(y);
  return {{"H(X)", entropy(p, a)},
          {"H(Y)", entropy(p, b)},
          {"H(X,Y)", entropy(p, var_union(a, b))},
          {"H(X|Y)", conditional_entropy_expected(p, a, b)},
          {"H(Y|X)", conditional_entropy_expected(p, b, a)},
          {"I(X;Y)", mutual_information(p, a, b)}};
}

std::optional<ExpectationReading> expectation_reading(const JointDistribution& p) {
  for (std::size_t v = 0; v < p.variables().size(); ++v)
    if (!(entropy_of_pmf_termwise(pmf_of(p, single(v))) == entropy(p, single(v))))
      throw std::logic_error("E[-ln p(X)] differs from H(X) for " + p.variables()[v]);
  for (std::size_t v = 0; v < p.variables().size(); ++v) {
    ExpectationReading r{v, {}, entropy(p, single(v))};
    if (literal_expectation(p, v, &r.literal)) return r;
  }
  return std::nullopt;
}

std::optional<RouteMismatch> literal_conditional_mismatch(const JointDistribution& p,
                                                          const std::vector<std::pair<VarSet, VarSet>>& pairs) {
  for (const auto& [a, b] : pairs) {
    LogForm literal = literal_conditional_entropy(p, a, b), intended = conditional_entropy_expected(p, a, b);
    if (!(literal == intended)) return RouteMismatch{a, b, "literal", "intended", literal, intended};
  }
  return std::nullopt;
}

CiEquivalenceSearch ci_equivalence_search(const std::vector<Rational>& theta_grid, const std::vector<Rational>& d_grid) {
  CiEquivalenceSearch out;
  out.searched = for_each_exchangeable_law(theta_grid, d_grid, [&](const JointDistribution& p) {
    const bool given_both = mutual_information(p, {3}, {0}, {1, 2}).is_zero();
    const bool given_one = mutual_information(p, {3}, {0}, {1}).is_zero();
    if (given_both && !given_one && !out.forward) out.forward = p;
    if (given_one && !given_both && !out.backward) out.backward = p;
    return !(out.forward && out.backward);
  });
  return out;
}

}  // namespace infocert
