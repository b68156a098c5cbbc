#include "infocert/cases/certcheck.hpp"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "infocert/error.hpp"
#include "infocert/exact/rational.hpp"

namespace infocert::certcheck {
namespace {

using Set = std::uint32_t;
using Vec = std::map<Set, Rational>;  // coefficient of h(S); h(empty) = 0 is never stored

constexpr std::size_t kMaxNames = 16;

struct Reader {
  std::string name;
  std::vector<std::string> vars;

  [[noreturn]] void fail(const std::string& where, const std::string& why) const {
    throw InputError(name + ": " + where + ": " + why);
  }

  const nlohmann::json& key(const nlohmann::json& obj, const char* k, const std::string& where) const {
    if (!obj.is_object()) fail(where, "expected an object");
    auto it = obj.find(k);
    if (it == obj.end()) fail(where, std::string("missing key \"") + k + "\"");
    return *it;
  }
  std::string str(const nlohmann::json& obj, const char* k, const std::string& where) const {
    const auto& v = key(obj, k, where);
    if (!v.is_string()) fail(where + "." + k, "expected a string");
    return v.get<std::string>();
  }
  Rational number(const nlohmann::json& v, const std::string& where) const {
    if (!v.is_string()) fail(where, "expected an exact number as a string (\"3/4\")");
    try {
      return parse_rational(v.get<std::string>());
    } catch (const std::exception&) {
      fail(where, "not an exact number: " + v.get<std::string>());
    }
  }
  Set set_of(const std::string& list, const std::string& where) const {
    Set s = 0;
    std::size_t start = 0;
    while (true) {
      auto comma = list.find(',', start);
      std::string n = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      std::size_t i = 0;
      while (i < vars.size() && vars[i] != n) ++i;
      if (i == vars.size()) fail(where, "unknown variable \"" + n + "\"");
      s |= Set(1) << i;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return s;
  }
  Vec vec(const nlohmann::json& obj, const std::string& where) const {
    if (!obj.is_object()) fail(where, "expected an object of sets and coefficients");
    Vec v;
    for (const auto& [k, c] : obj.items()) {
      Rational q = number(c, where + "[\"" + k + "\"]");
      if (q != 0) v[set_of(k, where + "[\"" + k + "\"]")] += q;
    }
    return v;
  }
};

void add(Vec& v, Set s, const Rational& c) {
  if (s == 0) return;
  v[s] += c;
}

Vec clean(Vec v) {
  for (auto it = v.begin(); it != v.end();) it = it->second == 0 ? v.erase(it) : std::next(it);
  return v;
}

/// I(A;B|C) or H(A|C).
Vec basic(Set a, Set b, Set c, bool mutual) {
  Vec v;
  add(v, a | c, 1);
  add(v, c, -1);
  if (mutual) {
    add(v, b | c, 1);
    add(v, a | b | c, -1);
  }
  return clean(v);
}

/// "I(A;B|C) >= 0" or "H(A|C) >= 0", names as the certificate lists them.
Vec inequality(const Reader& r, const std::string& text, const std::string& where) {
  const std::string tail = ") >= 0";
  bool mutual = text.rfind("I(", 0) == 0;
  if ((!mutual && text.rfind("H(", 0) != 0) || text.size() < 2 + tail.size() ||
      text.compare(text.size() - tail.size(), tail.size(), tail) != 0)
    r.fail(where, "expected \"I(A;B|C) >= 0\" or \"H(A|C) >= 0\", found \"" + text + "\"");
  std::string body = text.substr(2, text.size() - 2 - tail.size());
  std::string given;
  if (auto bar = body.find('|'); bar != std::string::npos) {
    given = body.substr(bar + 1);
    body = body.substr(0, bar);
  }
  Set a = 0, b = 0;
  if (mutual) {
    auto semi = body.find(';');
    if (semi == std::string::npos || body.find(';', semi + 1) != std::string::npos)
      r.fail(where, "I(A;B|C) has exactly one ';'");
    a = r.set_of(body.substr(0, semi), where);
    b = r.set_of(body.substr(semi + 1), where);
  } else {
    a = r.set_of(body, where);
  }
  Set c = given.empty() ? 0 : r.set_of(given, where);
  return basic(a, b, c, mutual);
}

Rational dot(const Vec& f, const Vec& h) {
  Rational v = 0;
  for (const auto& [s, c] : f) {
    auto it = h.find(s);
    if (it != h.end()) v += c * it->second;
  }
  return v;
}

Vec negated(Vec v) {
  for (auto& [s, c] : v) c = -c;
  return v;
}

std::string text_of(const Rational& q) { return to_string(q); }

}  // namespace

Report check(const std::string& text, const std::string& name) {
  Reader r{name, {}};
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(name + ": not JSON (" + std::string(e.what()) + ")");
  }
  if (!j.is_object() || !j.contains("infocert_certificate"))
    throw InputError(name + ": not an infocert certificate (no key \"infocert_certificate\")");
  if (j["infocert_certificate"] != 1) r.fail("infocert_certificate", "unknown certificate version");
  const auto& vars = r.key(j, "variables", "$");
  if (!vars.is_array() || vars.empty() || vars.size() > kMaxNames) r.fail("variables", "expected 1 to 16 names");
  for (const auto& v : vars) {
    if (!v.is_string() || v.get<std::string>().empty()) r.fail("variables", "expected names");
    for (const auto& w : r.vars)
      if (w == v.get<std::string>()) r.fail("variables", "\"" + w + "\" twice");
    r.vars.push_back(v.get<std::string>());
  }
  const auto& claim = r.key(j, "claim", "$");
  std::string relation = r.str(claim, "relation", "claim");
  if (relation != ">=" && relation != "=" && relation != ">" && relation != "!=")
    r.fail("claim.relation", "expected >=, =, > or !=");
  Vec form = r.vec(r.key(claim, "form", "claim"), "claim.form");
  struct Given {
    bool equality;
    Vec form;
  };
  std::vector<Given> given;
  const auto& gs = r.key(j, "given", "$");
  if (!gs.is_array()) r.fail("given", "expected an array");
  for (std::size_t i = 0; i < gs.size(); ++i) {
    std::string where = "given[" + std::to_string(i) + "]";
    std::string rel = r.str(gs[i], "relation", where);
    if (rel != "=" && rel != ">=") r.fail(where + ".relation", "expected = or >=");
    given.push_back({rel == "=", r.vec(r.key(gs[i], "form", where), where + ".form")});
  }
  Report rep;
  rep.outcome = r.str(j, "outcome", "$");
  auto reject = [&](const std::string& why) {
    rep.accepted = false;
    rep.findings.insert(rep.findings.begin(), "rejected: " + why);
    return rep;
  };

  if (rep.outcome == "proved") {
    const auto& parts = r.key(j, "proof", "$");
    if (!parts.is_array() || parts.empty()) r.fail("proof", "expected a non-empty array");
    bool ge = false, le = false, eq = false;
    for (std::size_t p = 0; p < parts.size(); ++p) {
      std::string where = "proof[" + std::to_string(p) + "]";
      std::string dir = r.str(parts[p], "direction", where);
      if (dir != ">=" && dir != "<=" && dir != "=") r.fail(where + ".direction", "expected >=, <= or =");
      Vec sum;
      const auto& ineqs = r.key(parts[p], "inequalities", where);
      const auto& uses = r.key(parts[p], "given", where);
      if (!ineqs.is_array() || !uses.is_array()) r.fail(where, "inequalities and given are arrays");
      if (dir == "=" && !ineqs.empty()) return reject(where + ": an identity is a combination of given equalities only");
      for (std::size_t i = 0; i < ineqs.size(); ++i) {
        std::string w = where + ".inequalities[" + std::to_string(i) + "]";
        Rational c = r.number(r.key(ineqs[i], "multiplier", w), w + ".multiplier");
        if (c < 0) return reject(w + ": negative multiplier " + text_of(c));
        for (const auto& [s, v] : inequality(r, r.str(ineqs[i], "inequality", w), w + ".inequality")) add(sum, s, c * v);
      }
      for (std::size_t i = 0; i < uses.size(); ++i) {
        std::string w = where + ".given[" + std::to_string(i) + "]";
        const auto& k = r.key(uses[i], "given", w);
        if (!k.is_number_unsigned() || k.get<std::size_t>() >= given.size()) r.fail(w + ".given", "not an index into given");
        const Given& g = given[k.get<std::size_t>()];
        Rational c = r.number(r.key(uses[i], "multiplier", w), w + ".multiplier");
        if (!g.equality && c < 0) return reject(w + ": a >= constraint with the negative multiplier " + text_of(c));
        if (dir == "=" && !g.equality) return reject(w + ": an identity uses a >= constraint");
        for (const auto& [s, v] : g.form) add(sum, s, c * v);
      }
      sum = clean(sum);
      Vec want = dir == "<=" ? negated(form) : form;
      if (sum != want) return reject(where + ": the multipliers do not sum to the claim's form");
      auto count = [](std::size_t k, const char* one, const char* many) { return std::to_string(k) + " " + (k == 1 ? one : many); };
      rep.findings.push_back(where + " (" + dir + "): " + count(ineqs.size(), "inequality", "inequalities") + " and " +
                             count(uses.size(), "constraint", "constraints") + " sum exactly to the claim's form");
      (dir == ">=" ? ge : dir == "<=" ? le : eq) = true;
    }
    if (relation == ">" || relation == "!=") return reject("a strict inequality or != has no Shannon-type proof");
    if (relation == ">=" && !(ge || eq)) return reject("no part proves form >= 0");
    if (relation == "=" && !(eq || (ge && le))) return reject("an identity needs = or both >= and <=");
    rep.accepted = true;
    return rep;
  }
  if (rep.outcome != "not-shannon-type" && rep.outcome != "refuted")
    r.fail("outcome", "expected proved, not-shannon-type or refuted");
  Vec h = r.vec(r.key(j, "polymatroid", "$"), "polymatroid");
  // Every elemental inequality, derived here: H(X_i | rest) >= 0, I(X_i; X_j | K) >= 0.
  std::size_t n = r.vars.size();
  Set all = (Set(1) << n) - 1;
  std::size_t count = 0;
  auto holds = [&](const Vec& f, const std::string& what) -> std::optional<std::string> {
    ++count;
    if (dot(f, h) < 0) return what + " fails: " + text_of(dot(f, h));
    return std::nullopt;
  };
  for (std::size_t i = 0; i < n; ++i)
    if (auto bad = holds(basic(Set(1) << i, 0, all & ~(Set(1) << i), false), "H(" + r.vars[i] + "|rest) >= 0"))
      return reject(*bad);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = i + 1; k < n; ++k) {
      Set rest = all & ~(Set(1) << i) & ~(Set(1) << k);
      for (Set c = 0; c <= all; ++c) {
        if (c & ~rest) continue;
        if (auto bad = holds(basic(Set(1) << i, Set(1) << k, c, true), "I(" + r.vars[i] + ";" + r.vars[k] + "|...) >= 0"))
          return reject(*bad);
      }
    }
  rep.findings.push_back("the polymatroid satisfies all " + std::to_string(count) + " elemental inequalities");
  for (std::size_t i = 0; i < given.size(); ++i) {
    Rational v = dot(given[i].form, h);
    if (given[i].equality ? v != 0 : v < 0) return reject("given[" + std::to_string(i) + "] fails on the polymatroid");
  }
  rep.findings.push_back("and all " + std::to_string(given.size()) + " constraints");
  Rational v = dot(form, h);
  bool violated = relation == ">=" ? v < 0 : relation == "=" ? v != 0 : relation == ">" ? v <= 0 : v == 0;
  if (!violated) return reject("the polymatroid does not violate the claim (its form is " + text_of(v) + ")");
  rep.findings.push_back("and violates the claim: its form is " + text_of(v));
  rep.accepted = true;
  return rep;
}

}  // namespace infocert::certcheck
