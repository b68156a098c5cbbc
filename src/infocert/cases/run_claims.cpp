#include "infocert/cases/run_claims.hpp"

#include <filesystem>
#include <optional>

#include "infocert/cases/open.hpp"
#include "infocert/cases/write.hpp"
#include "infocert/check/collector.hpp"
#include "infocert/error.hpp"
#include "infocert/measure/measure.hpp"

namespace infocert {

using check::Cell;
using check::Detail;
using check::Status;

namespace {

Relation negation(Relation op) {
  switch (op) {
    case Relation::eq: return Relation::ne;
    case Relation::ne: return Relation::eq;
    case Relation::lt: return Relation::ge;
    case Relation::le: return Relation::gt;
    case Relation::gt: return Relation::le;
    case Relation::ge: return Relation::lt;
  }
  return Relation::ne;
}

// A side of a decided relation for a table: its exact form when it has one, else the enclosure.
Cell side(const Measurement& m) {
  if (m.exact) return m.exact->size() <= 4 ? Cell::form_value(*m.exact) : Cell::value(*m.exact);
  return Cell::enclosure(m.enclosure);
}

std::string case_label(const std::string& file, std::optional<unsigned> t) {
  std::string name = std::filesystem::path(file).filename().string();
  return t ? name + " (T = " + std::to_string(*t) + ")" : name;
}

}  // namespace

std::string claim_file_stem(const std::string& file) { return std::filesystem::path(file).stem().string(); }

check::CheckReport run_query_claims(const ClaimFile& f) {
  std::vector<std::string> ids;
  for (const auto& c : f.claims)
    if (c.conclusion) ids.push_back(c.info.id);
  check::VerdictCollector collector(ids);
  check::CheckReport report;
  report.checker = claim_file_stem(f.file);
  report.claim_file = f.file;
  check::Table table{"claims_" + report.checker, f.title.empty() ? "Claims of " + report.checker : f.title,
                     "Each claim of " + report.checker + " on each case of its domain: whether the case meets the "
                     "hypotheses, both sides of the conclusion, and how it was decided.",
                     {"claim", "case", "hypotheses met", "left side", "right side", "conclusion holds", "decided by"},
                     {}};
  for (const ClaimSpec& spec : f.claims) {
    if (!spec.conclusion) continue;
    const std::string& id = spec.info.id;
    const ClaimExpr& conclusion = *spec.conclusion;
    collector.form(id, spec.info.form);
    std::vector<std::optional<unsigned>> horizons;
    for (unsigned t : spec.horizons) horizons.push_back(t);
    if (horizons.empty()) horizons.push_back(std::nullopt);
    for (const std::string& file : spec.cases)
      for (const auto& t : horizons) {
        const std::string name = case_label(file, t);
        try {
          HorizonOptions h;
          h.tokens = t;
          OpenCase open(file, h);
          QueryEvaluator eval(open.source());
          bool met = true;
          std::string unsettled;
          Detail premises = Detail::list();
          std::vector<std::string> hypothesis_texts;
          for (const ClaimExpr& hyp : spec.hypotheses) {
            ClaimDecision d = decide(eval, hyp);
            hypothesis_texts.push_back(hyp.text);
            if (!d.decided() && unsettled.empty()) unsettled = "hypothesis " + hyp.text + ": " + d.reason;
            met = met && (!d.decided() || d.holds);
            premises.push(Detail::object({{"hypothesis", hyp.text}, {"holds", d.decided() && d.holds}, {"how", d.how()}}));
          }
          ClaimDecision d = decide(eval, conclusion);
          if (!d.decided() && unsettled.empty()) unsettled = "conclusion: " + d.reason;
          Status status = !unsettled.empty() ? Status::not_checkable
                          : !met            ? Status::hypotheses_fail
                                            : check::exact_status(d.holds);
          Detail detail = Detail::object({{"conclusion", conclusion.text}, {"decided_by", outcome_name(d.outcome)}});
          if (!spec.hypotheses.empty()) detail.set("hypotheses", premises);
          if (!unsettled.empty()) detail.set("undecided", unsettled);
          if (t) detail.set("T", *t);
          std::optional<bool> holds;
          if (d.decided()) holds = d.holds;
          collector.add(id, {name, status, holds, detail, d.outcome == Outcome::enclosure ? "enclosure" : "exact"});
          if (open.sequence()) collector.observe(id, open.alphabet_size(), open.documents(), open.tokens_per_document());
          else if (t) collector.bound(id, "horizon T", static_cast<long>(*t));
          table.rows.push_back({id, name, met ? (unsettled.rfind("hypothesis", 0) == 0 ? Cell("undecided") : Cell(true)) : Cell(false),
                                side(d.lhs), side(d.rhs), d.decided() ? Cell(d.holds) : Cell("undecided"),
                                outcome_name(d.outcome)});
          if (status == Status::refuted) {
            CaseDocument doc = CaseDocument::inlined(file);
            if (t) doc.set("tokens", *t);
            doc.claim(id).description("A counterexample to " + id + ": " + spec.info.summary + " (from " + f.file +
                                      "). The case meets the hypotheses and the conclusion " + conclusion.text +
                                      " does not hold.");
            if (!hypothesis_texts.empty()) doc.hypotheses(hypothesis_texts);
            doc.asserts({q::relation(conclusion.lhs, negation(conclusion.op), conclusion.rhs).text});
            std::string stem = std::filesystem::path(file).stem().string() + (t ? "-T" + std::to_string(*t) : "");
            report.counterexamples.push_back({id, id + "." + stem + ".json", doc.text()});
          }
        } catch (const InputError& e) {
          throw InputError(f.file + ": " + spec.at + ": on " + name + ": " + e.what());
        }
      }
  }
  report.claims = collector.finish("");
  report.tables.push_back(std::move(table));
  return report;
}

}  // namespace infocert
