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

Rational DirectEvaluator::value(const ValueTerm& t) const {
  if (t.kind == ValueTerm::Kind::predictors_differ) return predictors_differ(t.d, t.horizon);
  // P(event, given) / P(given), each summed over the outcomes that match by symbol name.
  auto mass = [&](const std::vector<std::pair<std::string, std::string>>& parts) {
    std::vector<std::pair<std::size_t, std::string>> fixed;
    for (const auto& [name, symbol] : parts) {
      VarSet v = resolve({name});
      if (v.size() != 1) throw InputError(name + " is not a single variable");
      const auto& alphabet = p_.alphabet(v.front());
      if (std::find(alphabet.begin(), alphabet.end(), symbol) == alphabet.end())
        throw InputError("unknown symbol \"" + symbol + "\" of " + name);
      fixed.emplace_back(v.front(), symbol);
    }
    Rational total = 0;
    for (const auto& o : p_.outcomes()) {
      bool match = true;
      for (const auto& [v, symbol] : fixed) match = match && p_.alphabet(v)[o.symbols[v]] == symbol;
      if (match) total += o.probability;
    }
    return total;
  };
  std::vector<std::pair<std::string, std::string>> all = t.event;
  all.insert(all.end(), t.given.begin(), t.given.end());
  const Rational both = mass(all);
  if (t.given.empty()) return both;
  const Rational condition = mass(t.given);
  if (condition == 0) throw InputError("the condition of a P(... | ...) has probability 0");
  return both / condition;
}

Rational DirectEvaluator::predictors_differ(unsigned d, unsigned horizon) const {
  std::vector<std::size_t> tokens;  // X1..X(T-1) as columns of the table
  for (unsigned t = 1; t < horizon; ++t) tokens.push_back(resolve({"X" + std::to_string(t)}).front());
  std::vector<bool> hit(p_.outcomes().size(), false);
  for (unsigned t = 1; t < horizon; ++t) {
    // Columns: the history X1..Xt, the window X(t-w+1)..Xt, and X(t+1).
    const std::size_t x_next = resolve({"X" + std::to_string(t + 1)}).front();
    const unsigned w = std::min(d, t);
    VarSet hist, win;
    for (unsigned k = 1; k <= t; ++k) hist.push_back(tokens[k - 1]);
    for (unsigned k = t - w + 1; k <= t; ++k) win.push_back(tokens[k - 1]);
    VarSet hist_next = hist, win_next = win;
    hist_next.push_back(x_next);
    win_next.push_back(x_next);
    auto key = [](const JointDistribution::Outcome& o, const VarSet& vars) {
      Key k;
      for (std::size_t v : vars) k.push_back(o.symbols[v]);
      return k;
    };
    std::map<Key, Rational> ph, phx, pw, pwx;
    for (const auto& o : p_.outcomes()) {
      ph[key(o, hist)] += o.probability;
      phx[key(o, hist_next)] += o.probability;
      pw[key(o, win)] += o.probability;
      pwx[key(o, win_next)] += o.probability;
    }
    const std::size_t symbols = p_.alphabet(x_next).size();
    for (std::size_t i = 0; i < p_.outcomes().size(); ++i) {
      if (hit[i]) continue;
      const JointDistribution::Outcome& o = p_.outcomes()[i];
      Key h = key(o, hist), wk = key(o, win);
      for (std::uint32_t x = 0; x < symbols && !hit[i]; ++x) {
        Key hx = h, wx = wk;
        hx.push_back(x);
        wx.push_back(x);
        auto a = phx.find(hx), b = pwx.find(wx);
        const Rational full = a == phx.end() ? Rational(0) : a->second / ph.at(h);
        const Rational window = b == pwx.end() ? Rational(0) : b->second / pw.at(wk);
        if (full != window) hit[i] = true;
      }
    }
  }
  Rational total = 0;
  for (std::size_t i = 0; i < hit.size(); ++i)
    if (hit[i]) total += p_.outcomes()[i].probability;
  return total;
}

LogForm DirectEvaluator::evaluate(const Query& q) {
  LogForm value = q.constant;
  for (const auto& [coef, t] : q.values) value += LogForm::constant(coef * this->value(t));
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
