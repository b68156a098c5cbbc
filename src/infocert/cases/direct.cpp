#include "infocert/cases/direct.hpp"

#include <algorithm>

#include "infocert/error.hpp"

namespace infocert {

namespace {
using Key = std::vector<std::uint32_t>;

Key project(const Key& symbols, const VarSet& vars) {
  Key k;
  k.reserve(vars.size());
  for (std::size_t v : vars) k.push_back(symbols[v]);
  return k;
}

VarSet join(VarSet a, const VarSet& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}
}  // namespace

DirectEvaluator::DirectEvaluator(JointDistribution p, std::map<std::string, VarSet> aliases)
    : p_(std::move(p)), aliases_(std::move(aliases)) {}

VarSet DirectEvaluator::resolve(const std::vector<std::string>& names) const {
  VarSet out;
  const auto& vars = p_.variables();
  for (const auto& n : names) {
    if (auto dots = n.find(".."); dots != std::string::npos) {
      // first..last: the variables between them in the table's order.
      auto a = std::find(vars.begin(), vars.end(), n.substr(0, dots)), b = std::find(vars.begin(), vars.end(), n.substr(dots + 2));
      if (a == vars.end() || b == vars.end() || a > b) throw InputError("cannot resolve the range " + n);
      VarSet range;
      for (auto it = a; it <= b; ++it) range.push_back(static_cast<std::size_t>(it - vars.begin()));
      out = join(out, range);
      continue;
    }
    if (auto it = aliases_.find(n); it != aliases_.end()) {
      out = join(out, it->second);
      continue;
    }
    auto at = std::find(vars.begin(), vars.end(), n);
    if (at == vars.end()) throw InputError("unknown variable " + n);
    out = join(out, {static_cast<std::size_t>(at - vars.begin())});
  }
  return out;
}

std::map<Key, Rational> DirectEvaluator::sum_to(const VarSet& vars) const {
  std::map<Key, Rational> out;
  for (const auto& o : p_.outcomes()) out[project(o.symbols, vars)] += o.probability;
  return out;
}

LogForm DirectEvaluator::conditional_entropy(const VarSet& a, const VarSet& c) const {
  const VarSet ac = join(a, c);
  VarSet in_c;
  for (std::size_t v : c) in_c.push_back(static_cast<std::size_t>(std::find(ac.begin(), ac.end(), v) - ac.begin()));
  const auto pc = sum_to(c), pac = sum_to(ac);
  LogForm h;
  for (const auto& [key, q] : pac) h += LogForm::ln_rational(pc.at(project(key, in_c)) / q, q);
  return h;
}

LogForm DirectEvaluator::conditional_information(const VarSet& a, const VarSet& b, const VarSet& c) const {
  const VarSet abc = join(join(a, b), c), ac = join(a, c), bc = join(b, c);
  auto positions = [&](const VarSet& sub) {
    VarSet pos;
    for (std::size_t v : sub) pos.push_back(static_cast<std::size_t>(std::find(abc.begin(), abc.end(), v) - abc.begin()));
    return pos;
  };
  const VarSet in_ac = positions(ac), in_bc = positions(bc), in_c = positions(c);
  const auto pabc = sum_to(abc), pac = sum_to(ac), pbc = sum_to(bc), pc = sum_to(c);
  LogForm i;
  for (const auto& [key, q] : pabc) {
    const Rational ratio = q * pc.at(project(key, in_c)) / (pac.at(project(key, in_ac)) * pbc.at(project(key, in_bc)));
    i += LogForm::ln_rational(ratio, q);
  }
  return i;
}

LogForm DirectEvaluator::evaluate(const Query& q) {
  LogForm value = q.constant;
  for (const auto& [coef, t] : q.terms) {
    const VarSet a = resolve(t.a), c = resolve(t.c);
    value += coef * (t.is_entropy ? conditional_entropy(a, c) : conditional_information(a, resolve(t.b), c));
  }
  return value;
}

bool DirectEvaluator::same_conditional_law(const std::vector<std::string>& a, const std::vector<std::string>& b,
                                           const std::vector<std::string>& c, std::string* why) {
  const VarSet va = resolve(a), vb = resolve(b), vc = resolve(c);
  if (va.size() != vb.size()) {
    if (why) *why = "different numbers of variables";
    return false;
  }
  // P(A = x, C = z) and P(B = x, C = z) with x compared by symbol names.
  auto law = [&](const VarSet& vars) {
    std::map<std::pair<Key, std::vector<std::string>>, Rational> out;
    for (const auto& o : p_.outcomes()) {
      std::vector<std::string> x;
      for (std::size_t v : vars) x.push_back(p_.alphabet(v)[o.symbols[v]]);
      out[{project(o.symbols, vc), x}] += o.probability;
    }
    return out;
  };
  const auto la = law(va), lb = law(vb);
  // The same C marginal on both sides, so equal joint tables mean equal conditional laws.
  for (const auto* side : {&la, &lb}) {
    const auto& other = side == &la ? lb : la;
    for (const auto& [key, q] : *side) {
      auto it = other.find(key);
      if (it == other.end() || it->second != q) {
        if (why) {
          std::string x;
          for (const auto& s : key.second) x += (x.empty() ? "" : " ") + s;
          *why = "P(" + x + " | C) differs: " + q.str() + " against " + (it == other.end() ? "0" : it->second.str()) +
                 " (joint with C)";
        }
        return false;
      }
    }
  }
  return true;
}

}  // namespace infocert
