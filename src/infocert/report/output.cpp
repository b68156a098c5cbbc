#include "infocert/report/output.hpp"

#include <nlohmann/json.hpp>

#include "infocert/report/render.hpp"
#include "infocert_version.hpp"

namespace infocert::report {

namespace {

using ojson = nlohmann::ordered_json;

ojson value_json(const std::string& query, const CertifiedValue& v, bool exact_shown) {
  ojson o;
  o["query"] = query;
  o["exact"] = exact_shown ? ojson(v.exact) : ojson(nullptr);
  o["is_zero"] = v.is_zero;
  o["lo"] = v.lo;
  o["hi"] = v.hi;
  o["value"] = v.value;
  return o;
}

/// The exact form as a structure (nats): {"constant": "c", "terms": {"base": "coefficient"}}.
ojson form_json(const LogForm& f) {
  ojson terms = ojson::object();
  for (const auto& [base, q] : f.terms()) terms[to_string(base)] = to_string(q);
  return ojson{{"constant", to_string(f.constant_term())}, {"terms", terms}, {"unit", "nat"}};
}

ojson value_json(const std::string& query, const Measurement& m, unsigned digits) {
  ojson o = value_json(query, certified(m, digits), m.exact_readable());
  if (m.exact && m.exact_readable()) {
    // After "exact": the same value as a structure.
    ojson ordered;
    for (auto& [k, v] : o.items()) {
      ordered[k] = v;
      if (k == "exact") ordered["exact_form"] = form_json(*m.exact);
    }
    return ordered;
  }
  return o;
}

ojson enclosure_json(const std::string& query, const Enclosure& e, Unit unit, unsigned digits) {
  return value_json(query, certified(measure_enclosure(enclosure_in_unit(e, unit), unit), digits), false);
}

/// Every document starts with its schema version and the infocert version.
ojson document() { return ojson{{"schema", kJsonSchema}, {"infocert", INFOCERT_VERSION}}; }

}  // namespace

std::string measure_json(const std::string& file, Unit unit, unsigned digits,
                         const std::vector<std::pair<std::string, Measurement>>& results,
                         const std::vector<std::string>& notes) {
  ojson doc = document();
  doc["case"] = file;
  doc["unit"] = unit_name(unit);
  doc["results"] = ojson::array();
  for (const auto& [query, m] : results) doc["results"].push_back(value_json(query, m, digits));
  if (!notes.empty()) doc["notes"] = notes;
  return doc.dump(2) + "\n";
}

std::string measure_sweep_json(
    const std::string& file, Unit unit, unsigned digits,
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, Measurement>>>>& rows) {
  ojson doc = document();
  doc["case"] = file;
  doc["unit"] = unit_name(unit);
  doc["sweep"] = ojson::array();
  for (const auto& [t, results] : rows) {
    ojson row;
    row["T"] = std::stoul(t);
    row["results"] = ojson::array();
    for (const auto& [query, m] : results) row["results"].push_back(value_json(query, m, digits));
    doc["sweep"].push_back(row);
  }
  return doc.dump(2) + "\n";
}

std::string decide_sweep_json(const std::string& claim, const std::vector<std::pair<std::string, std::string>>& rows) {
  ojson doc = document();
  doc["claim"] = claim;
  doc["sweep"] = ojson::array();
  for (const auto& [t, text] : rows) {
    ojson row;
    row["T"] = std::stoul(t);
    ojson one = ojson::parse(text);
    for (auto it = one.begin(); it != one.end(); ++it) row[it.key()] = it.value();
    doc["sweep"].push_back(row);
  }
  return doc.dump(2) + "\n";
}

std::string decide_json(const ClaimExpr& claim, const ClaimDecision& d, unsigned digits) {
  ojson doc = document();
  doc["claim"] = claim.text;
  doc["holds"] = d.decided() ? ojson(d.holds) : ojson(nullptr);
  doc["decided_by"] = outcome_name(d.outcome);
  if (!d.decided()) doc["reason"] = d.reason;
  doc["lhs"] = value_json(claim.lhs.text, d.lhs, digits);
  doc["rhs"] = value_json(claim.rhs.text, d.rhs, digits);
  return doc.dump(2) + "\n";
}

std::string capacity_json(const std::string& file, Unit unit, unsigned digits, const Channel& w,
                          const CapacityResult& c) {
  ojson doc = document();
  doc["case"] = file;
  doc["unit"] = unit_name(unit);
  doc["capacity"] = enclosure_json("C", c.capacity, unit, digits);
  ojson prior = ojson::object();
  for (std::size_t x = 0; x < w.inputs.size(); ++x) prior[w.inputs[x]] = c.prior[x].str();
  doc["prior"] = prior;
  doc["prior_information"] = enclosure_json("I(prior)", c.prior_information, unit, digits);
  doc["iterations"] = c.iterations;
  doc["newton_iterations"] = c.newton_iterations;
  doc["support"] = c.support;
  doc["width_met"] = c.width_met;
  return doc.dump(2) + "\n";
}

std::string verify_json(const std::string& file, const VerifyResult& v) {
  ojson doc = document();
  doc["case"] = file;
  doc["claim"] = v.claim;
  doc["holds"] = v.holds() ? ojson(true) : v.refuted() ? ojson(false) : ojson(nullptr);
  doc["checks"] = ojson::array();
  for (const auto& l : v.lines)
    doc["checks"].push_back({{"check", l.text}, {"holds", l.decided ? ojson(l.holds) : ojson(nullptr)}, {"how", l.how}});
  return doc.dump(2) + "\n";
}

std::string check_json(const std::vector<check::CheckReport>& reports, unsigned digits, bool all) {
  if (!all && reports.size() == 1) {
    nlohmann::json one = to_json(reports.front(), digits);
    one["schema"] = kJsonSchema;
    one["infocert"] = INFOCERT_VERSION;
    return one.dump(2) + "\n";
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : reports) list.push_back(to_json(r, digits));
  return nlohmann::json{{"schema", kJsonSchema}, {"infocert", INFOCERT_VERSION}, {"checkers", list}}.dump(2) + "\n";
}

std::string sync_json(const SyncResult& r) {
  nlohmann::json claims = nlohmann::json::array(), uncovered = nlohmann::json::array();
  for (const auto& c : r.claims) {
    nlohmann::json row = {{"id", c.id}, {"state", c.state}, {"section", c.section}, {"locate", c.locate},
                          {"recorded", c.recorded}, {"found", c.found}, {"sentence", c.sentence}};
    row["line"] = c.line ? nlohmann::json(c.line) : nlohmann::json(nullptr);
    claims.push_back(row);
  }
  for (const auto& u : r.uncovered)
    uncovered.push_back({{"line", u.line}, {"kind", u.kind}, {"text", u.text}, {"section", u.section}});
  return nlohmann::json{{"schema", kJsonSchema}, {"infocert", INFOCERT_VERSION}, {"post", r.post}, {"stale", r.stale()},
                        {"claims", claims}, {"uncovered", uncovered}}
             .dump(2) +
         "\n";
}

namespace {
std::string where(const SyncRow& c) {
  if (c.state == "section gone") return "the section \"" + c.section + "\" is not in the post";
  if (c.state == "sentence gone") return "the words \"" + c.locate + "\" are not in the section \"" + c.section + "\"";
  if (c.state == "changed") return "line " + std::to_string(c.line) + ": the sentence changed (" + c.recorded + " recorded, " + c.found + " now)";
  if (c.state == "no fingerprint") return "line " + std::to_string(c.line) + ": found; no fingerprint recorded (" + c.found + ")";
  if (c.state == "no source") return "the claim file gives no source";
  return "line " + std::to_string(c.line);
}
std::size_t count_state(const SyncResult& r, const char* state) {
  std::size_t n = 0;
  for (const auto& c : r.claims) n += c.state == state;
  return n;
}
}  // namespace

std::string sync_text(const SyncResult& r) {
  std::string out = r.post + ": " + std::to_string(r.claims.size()) + " claims: " +
                    std::to_string(count_state(r, "current")) + " current, " + std::to_string(r.stale()) + " stale, " +
                    std::to_string(count_state(r, "no fingerprint")) + " without a fingerprint, " +
                    std::to_string(count_state(r, "no source")) + " without a source\n";
  for (const auto& c : r.claims)
    if (c.state != "current") out += "  " + std::string(c.stale() ? "STALE  " : "note   ") + c.id + ": " + where(c) + "\n";
  out += std::to_string(r.uncovered.size()) + " statements no claim covers:\n";
  for (const auto& u : r.uncovered)
    out += "  line " + std::to_string(u.line) + ": " + u.kind + " " + u.text +
           (u.section.empty() ? "" : " (in \"" + u.section + "\")") + "\n";
  return out;
}

std::string sync_markdown(const SyncResult& r) {
  std::string out = "# Claims and the post: " + r.post + "\n\n" + std::to_string(r.stale()) + " stale of " +
                    std::to_string(r.claims.size()) + " claims.\n\n## Claims\n\n";
  for (const auto& c : r.claims)
    out += std::string(c.state == "current" ? "- [x] `" : "- [ ] `") + c.id + "`: " + c.state + ", " + where(c) + "\n";
  out += "\n## Statements no claim covers\n\n";
  for (const auto& u : r.uncovered)
    out += "- [ ] line " + std::to_string(u.line) + ", " + u.kind + ": `" + u.text + "`" +
           (u.section.empty() ? "" : " (in \"" + u.section + "\")") + "\n";
  return out;
}

}  // namespace infocert::report
