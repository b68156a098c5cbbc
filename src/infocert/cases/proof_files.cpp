#include "infocert/cases/proof_files.hpp"

#include <nlohmann/json.hpp>

#include "infocert/cases/write.hpp"

namespace infocert::prove {

namespace {

nlohmann::ordered_json form_json(const Form& f, const std::vector<std::string>& names) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [m, c] : f) j[set_text(m, names)] = to_string(c);
  return j;
}

}  // namespace

std::string certificate_json(const Result& r) {
  const Problem& p = r.problem;
  nlohmann::ordered_json j;
  j["infocert_certificate"] = 1;
  j["variables"] = p.variables;
  j["claim"] = {{"text", p.text},
                {"relation", p.op == Relation::eq ? "=" : p.op == Relation::ne ? "!=" : (p.op == Relation::lt || p.op == Relation::gt) ? ">" : ">="},
                {"form", form_json(p.form, p.variables)}};
  nlohmann::ordered_json given = nlohmann::ordered_json::array();
  for (const auto& g : p.given)
    given.push_back({{"text", g.text},
                     {"means", g.expansion.front()},
                     {"relation", g.equality ? "=" : ">="},
                     {"form", form_json(g.form, p.variables)}});
  j["given"] = given;
  j["outcome"] = outcome_name(r.outcome);
  if (r.outcome == Outcome::proved) {
    nlohmann::ordered_json parts = nlohmann::ordered_json::array();
    for (const auto& part : r.proof) {
      nlohmann::ordered_json ineqs = nlohmann::ordered_json::array(), uses = nlohmann::ordered_json::array();
      for (const auto& [c, b] : part.inequalities)
        ineqs.push_back({{"multiplier", to_string(c)}, {"inequality", basic_text(b, p.variables)}});
      for (const auto& [c, k] : part.given) uses.push_back({{"given", k}, {"multiplier", to_string(c)}});
      parts.push_back({{"direction", relation_symbol(part.direction)}, {"inequalities", ineqs}, {"given", uses}});
    }
    j["proof"] = parts;
  } else {
    j["violates"] = relation_symbol(r.violated);
    j["polymatroid"] = form_json(*r.polymatroid, p.variables);
  }
  if (!r.reduction.empty()) j["reduction"] = r.reduction;
  return j.dump(2) + "\n";
}

std::string counterexample_case(const Result& r) {
  if (!r.distribution) throw std::logic_error("counterexample_case: no distribution");
  const Problem& p = r.problem;
  std::vector<std::string> hyps;
  for (const auto& g : p.given) hyps.insert(hyps.end(), g.expansion.begin(), g.expansion.end());
  Relation neg = p.op == Relation::eq ? Relation::ne
                 : p.op == Relation::le ? Relation::gt
                 : p.op == Relation::ge ? Relation::lt
                 : p.op == Relation::lt ? Relation::ge
                 : p.op == Relation::gt ? Relation::le
                                        : Relation::eq;
  CaseDocument doc = CaseDocument::joint(*r.distribution, "A distribution that meets every constraint and violates " + p.text);
  doc.claim("prove: " + p.text);
  if (!hyps.empty()) doc.hypotheses(hyps);
  doc.asserts({p.lhs + " " + relation_symbol(neg) + " " + p.rhs});
  return doc.text();
}

}  // namespace infocert::prove
