#include "infocert/cases/run_claims.hpp"

#include "infocert/cases/certcheck.hpp"
#include "infocert/cases/proof_files.hpp"
#include "infocert/prove/shannon.hpp"

#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "infocert/cases/open.hpp"
#include "infocert/cases/read.hpp"
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


}  // namespace

void apply_proofs(check::CheckReport& report) {
  for (check::ClaimVerdict& v : report.claims) {
    const check::ClaimInfo* info = check::find_claim(v.id);
    if (!info || info->proofs.empty()) continue;
    std::vector<std::string> proved, failed;
    for (std::size_t k = 0; k < info->proofs.size(); ++k) {
      const check::ProofSpec& spec = info->proofs[k];
      prove::Result r = prove::prove(prove::make_problem(spec.claim, spec.given));
      std::string cert = prove::certificate_json(r);
      std::string file = v.id + ".proof-" + std::to_string(k + 1) + ".json";
      certcheck::Report c = certcheck::check(cert, file);
      std::string what = spec.claim;
      for (std::size_t g = 0; g < spec.given.size(); ++g) what += (g ? ", " : " given ") + spec.given[g];
      if (r.outcome == prove::Outcome::proved && c.accepted) {
        report.certificates.push_back({v.id, file, cert});
        proved.push_back((spec.reads.empty() ? what : spec.reads + " [" + what + "]") + " (" + file + ")");
      } else {
        failed.push_back(what + ": " + prove::outcome_name(r.outcome));
      }
    }
    std::string list;
    for (const auto& p : proved) list += (list.empty() ? "" : "; ") + p;
    // A refutation stands; a verdict with no case meeting the hypotheses (user cases) too.
    const bool upgrade = v.status != check::Status::refuted && v.status != check::Status::hypotheses_fail &&
                         v.status != check::Status::not_implemented;
    if (failed.empty() && upgrade) {
      v.status = check::Status::proved;
      v.scope = "every distribution (Shannon-type proof, certificates re-checked by certcheck); also checked on " + v.scope;
      v.evidence = "proved: " + list + ". " + v.evidence;
    } else if (!proved.empty()) {
      v.evidence += " Proved for every distribution: " + list + ".";
    }
    for (const auto& f : failed) v.evidence += " Not proved: " + f + ".";
  }
}

std::string claim_file_stem(const std::string& file) { return std::filesystem::path(file).stem().string(); }

namespace {

// One case of a domain: a file, or a generated case held as its text.
struct Instance {
  std::string name;  ///< the file's name, or the generated case's
  std::string file;  ///< empty for a generated case
  std::string text;  ///< a generated case's document
  std::unique_ptr<OpenCase> open(std::optional<unsigned> t) const {
    HorizonOptions h;
    h.tokens = t;
    if (!file.empty()) return std::make_unique<OpenCase>(file, h);
    return std::make_unique<OpenCase>(read_case_text(name, text, h));
  }
  CaseDocument document() const { return file.empty() ? CaseDocument::from_text(text, name) : CaseDocument::inlined(file); }
  std::string stem() const {
    if (!file.empty()) return claim_file_stem(file);
    std::string out;
    for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
    return out;
  }
};

struct Run {
  const ClaimFile& f;
  check::VerdictCollector& collector;
  check::Table& table;
  check::Table* limits;
  check::CheckReport& report;

  // A claim with hypotheses and a conclusion, on one instance.
  void conclusion(const ClaimSpec& spec, const Instance& instance, std::optional<unsigned> t, const std::string& name) {
    const std::string& id = spec.info.id;
    auto opened = instance.open(t);
    OpenCase& open = *opened;
    // The case is open at horizon t, so its T is t.
    const QuerySymbols symbols = open.symbols();
    const ClaimExpr conclusion = parse_claim(spec.conclusion->text, symbols);
    QueryEvaluator eval(open.source());
    bool met = true;
    std::string unsettled;
    Detail premises = Detail::list();
    std::vector<std::string> hypothesis_texts;
    for (const ClaimExpr& written : spec.hypotheses) {
      const ClaimExpr hyp = parse_claim(written.text, symbols);
      ClaimDecision d = decide(eval, hyp);
      hypothesis_texts.push_back(hyp.text);
      if (!d.decided() && unsettled.empty()) unsettled = "hypothesis " + hyp.text + ": " + d.reason;
      met = met && (!d.decided() || d.holds);
      premises.push(Detail::object({{"hypothesis", hyp.text}, {"holds", d.decided() && d.holds}, {"how", d.how()}}));
    }
    ClaimDecision d = decide(eval, conclusion);
    if (!d.decided() && unsettled.empty()) unsettled = "conclusion: " + d.reason;
    Status status = !unsettled.empty() ? Status::not_checkable : !met ? Status::hypotheses_fail : check::exact_status(d.holds);
    Detail detail = Detail::object({{"conclusion", conclusion.text}, {"decided_by", outcome_name(d.outcome)}});
    if (!spec.hypotheses.empty()) detail.set("hypotheses", premises);
    if (!unsettled.empty()) detail.set("undecided", unsettled);
    if (t) detail.set("T", *t);
    std::optional<bool> holds;
    if (d.decided()) holds = d.holds;
    collector.add(id, {name, status, holds, detail, d.outcome == Outcome::enclosure ? "enclosure" : "exact"});
    observe(id, open, t);
    table.rows.push_back({id, name, met ? (unsettled.rfind("hypothesis", 0) == 0 ? Cell("undecided") : Cell(true)) : Cell(false),
                          side(d.lhs), side(d.rhs), d.decided() ? Cell(d.holds) : Cell("undecided"), outcome_name(d.outcome)});
    if (status == Status::refuted) {
      // The claim's premises and the negated conclusion, on the case inline at its horizon
      // (verify reads T from the case's "tokens").
      CaseDocument doc = instance.document();
      if (t) doc.set("tokens", *t);
      doc.claim(id).description("A counterexample to " + id + ": " + spec.info.summary + " (from " + f.file +
                                "). The case meets the hypotheses and the conclusion " + conclusion.text +
                                " does not hold.");
      if (!hypothesis_texts.empty()) doc.hypotheses(hypothesis_texts);
      doc.asserts({q::relation(conclusion.lhs, negation(conclusion.op), conclusion.rhs).text});
      const std::string stem = instance.stem() + (t ? "-T" + std::to_string(*t) : "");
      report.counterexamples.push_back({id, id + "." + stem + ".json", doc.text()});
    }
  }

  // A limit claim on one case, over the domain's horizons (increasing).
  void limit(const ClaimSpec& spec, const Instance& instance) {
    const std::string& id = spec.info.id;
    const std::string& name = instance.name;
    std::vector<unsigned> ts = spec.horizons;
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    // Pdiff(d, T) alone with limit 1: a probability of a union of events that grows with T,
    // so non-decreasing and at most 1; reaching 1 at one T proves the limit.
    const Query shape = parse_query(spec.limit_of, {{"T", Rational(1)}});
    const Query target_shape = parse_query(spec.limit_equals, {{"T", Rational(1)}});
    const bool monotone_to_one = shape.terms.empty() && shape.constant.is_zero() && shape.values.size() == 1 &&
                                 shape.values[0].first == 1 &&
                                 shape.values[0].second.kind == ValueTerm::Kind::predictors_differ &&
                                 target_shape.terms.empty() && target_shape.values.empty() &&
                                 target_shape.constant == LogForm::constant(Rational(1));
    std::optional<unsigned> reached;
    std::vector<Measurement> distances;
    bool exact = true;
    for (unsigned t : ts) {
      auto opened = instance.open(t);
      OpenCase& open = *opened;
      const QuerySymbols symbols = open.symbols();
      const Query of = parse_query(spec.limit_of, symbols), target = parse_query(spec.limit_equals, symbols);
      if (!target.terms.empty() || !target.values.empty())
        throw InputError("limit.equals: the limit is a number, not an information quantity");
      QueryEvaluator eval(open.source());
      const Measurement v = measure(eval, of);
      const Measurement L = measure(eval, target);
      exact = exact && v.exact.has_value();
      const bool equal = v.exact && L.exact && decide_forms(*v.exact, Relation::eq, *L.exact).holds;
      if (equal && !reached) reached = t;
      Measurement dist = v.exact && L.exact ? measure_form(*v.exact - *L.exact)
                                             : measure_enclosure(Enclosure{v.enclosure.lo - L.enclosure.hi,
                                                                           v.enclosure.hi - L.enclosure.lo,
                                                                           v.enclosure.precision});
      distances.push_back(dist);
      observe(id, open, t);
      limits->rows.push_back({id, name, t, side(v), side(L), side(dist)});
    }
    Detail detail = Detail::object({{"of", spec.limit_of}, {"equals", spec.limit_equals}});
    Status status;
    std::string how;
    if (monotone_to_one && reached) {
      status = Status::proved;
      how = "reaches 1 exactly at T = " + std::to_string(*reached) + "; a probability of a union of events growing with "
            "T, it is non-decreasing and at most 1, so it equals 1 for every T >= " + std::to_string(*reached);
      // A witness verify re-checks by direct sums: the value at that T.
      CaseDocument doc = instance.document();
      doc.set("tokens", *reached);
      const Query at = parse_query(spec.limit_of, {{"T", Rational(static_cast<long>(*reached))}});
      doc.claim(id).description("A witness for " + id + ": " + spec.info.summary + " (from " + f.file + "). At T = " +
                                std::to_string(*reached) + " the value is exactly 1.");
      doc.asserts({query_text(at) + " = 1"});
      report.counterexamples.push_back(
          {id, id + ".witness-" + instance.stem() + ".json", doc.text()});
    } else {
      // A trend: the distance to the limit, decided between consecutive horizons.
      bool closing = distances.size() >= 2;
      for (std::size_t i = 0; closing && i + 1 < distances.size(); ++i) {
        const Enclosure& a = distances[i].enclosure;
        const Enclosure& b = distances[i + 1].enclosure;
        // |b| <= |a| certified: the enclosure of |b| lies below that of |a|, or both are 0.
        auto abs_hi = [](const Enclosure& e) { return std::max(abs(e.lo), abs(e.hi)); };
        auto abs_lo = [](const Enclosure& e) {
          return e.lo > 0 ? e.lo : e.hi < 0 ? Rational(-e.hi) : Rational(0);
        };
        // Strictly closer at every step, or exactly at the limit from then on.
        closing = abs_hi(b) < abs_lo(a) || distances[i + 1].is_zero();
      }
      status = closing ? Status::supported : Status::not_checkable;
      how = closing ? "the distance to the limit falls strictly at every step over T = " + std::to_string(ts.front()) + ".." +
                          std::to_string(ts.back()) + " (certified); a trend over a finite range, not a proof"
                    : "over T = " + std::to_string(ts.front()) + ".." + std::to_string(ts.back()) +
                          " the distance to the limit does not fall strictly at every step";
    }
    detail.set("how", how);
    if (reached) detail.set("reached_at", *reached);
    collector.add(id, {name, status, status != Status::not_checkable, detail, exact ? "exact" : "enclosure"});
    LimitSummary& sum = summaries[id];
    sum.range = "T = " + std::to_string(ts.front()) + ".." + std::to_string(ts.back());
    if (status == Status::proved) sum.reached.push_back(name + " at T = " + std::to_string(*reached));
    else if (status == Status::supported) ++sum.falling;
    else sum.other.push_back(name);
  }

  struct LimitSummary {
    std::vector<std::string> reached, other;
    std::size_t falling = 0;
    std::string range;
  };
  std::map<std::string, LimitSummary> summaries;

  // One sentence per limit claim: where the limit was reached, where only a trend was seen.
  void summarise(const std::string& id) {
    const LimitSummary& sum = summaries[id];
    std::string out;
    auto list = [](const std::vector<std::string>& v) {
      std::string text;
      for (std::size_t i = 0; i < v.size() && i < 4; ++i) text += (i ? ", " : "") + v[i];
      return v.size() > 4 ? text + " and " + std::to_string(v.size() - 4) + " more" : text;
    };
    if (!sum.reached.empty())
      out += "reaches the limit exactly (non-decreasing, bounded by it: proved from there on) on " + list(sum.reached);
    if (sum.falling)
      out += std::string(out.empty() ? "" : "; ") + "the distance to the limit falls strictly over " + sum.range + " on " +
             std::to_string(sum.falling) + " case" + (sum.falling == 1 ? "" : "s") + " (a trend, not a proof)";
    if (!sum.other.empty())
      out += std::string(out.empty() ? "" : "; ") + "no approach to the limit over " + sum.range + " on " + list(sum.other);
    collector.note(id, out);
  }

  void observe(const std::string& id, OpenCase& open, std::optional<unsigned> t) {
    if (open.sequence()) collector.observe(id, open.alphabet_size(), open.documents(), open.tokens_per_document());
    else if (t) collector.bound(id, "horizon T", static_cast<long>(*t));
  }
};

}  // namespace

check::CheckReport run_query_claims(const ClaimFile& f) {
  std::vector<std::string> ids;
  bool any_limit = false;
  for (const auto& c : f.claims)
    if (c.is_query()) {
      ids.push_back(c.info.id);
      any_limit = any_limit || c.is_limit();
    }
  check::VerdictCollector collector(ids);
  check::CheckReport report;
  report.checker = claim_file_stem(f.file);
  report.claim_file = f.file;
  check::Table table{"claims_" + report.checker, f.title.empty() ? "Claims of " + report.checker : f.title,
                     "Each claim of " + report.checker + " on each case of its domain: whether the case meets the "
                     "hypotheses, both sides of the conclusion, and how it was decided.",
                     {"claim", "case", "hypotheses met", "left side", "right side", "conclusion holds", "decided by"},
                     {}};
  check::Table limits{"limits_" + report.checker, "Limits claimed in " + report.checker,
                      "Each limit claim of " + report.checker + ": the sequence at every horizon T of its domain, the "
                      "claimed limit and the distance to it.",
                      {"claim", "case", "T", "value", "limit", "distance"},
                      {}};
  Run run{f, collector, table, &limits, report, {}};
  for (const ClaimSpec& spec : f.claims) {
    if (!spec.is_query()) continue;
    collector.form(spec.info.id, spec.info.form);
    std::vector<std::optional<unsigned>> horizons;
    for (unsigned t : spec.horizons) horizons.push_back(t);
    if (horizons.empty()) horizons.push_back(std::nullopt);
    std::vector<Instance> instances;
    for (const std::string& file : spec.cases)
      instances.push_back({std::filesystem::path(file).filename().string(), file, ""});
    for (const auto& [name, text] : spec.generated) instances.push_back({name, "", text});
    if (!spec.generator.empty()) collector.bound(spec.info.id, "generated", spec.generator);
    if (spec.is_limit()) run.summaries[spec.info.id];
    for (const Instance& instance : instances) {
      if (spec.is_limit()) {
        try {
          run.limit(spec, instance);
        } catch (const InputError& e) {
          rethrow_with_context(e, f.file + ": " + spec.at + ": on " + instance.name + ": ");
        }
        continue;
      }
      for (const auto& t : horizons) {
        const std::string name = t ? instance.name + " (T = " + std::to_string(*t) + ")" : instance.name;
        try {
          run.conclusion(spec, instance, t, name);
        } catch (const InputError& e) {
          rethrow_with_context(e, f.file + ": " + spec.at + ": on " + name + ": ");
        }
      }
    }
  }
  for (const auto& [id, sum] : run.summaries) run.summarise(id);
  report.claims = collector.finish("");
  if (!table.rows.empty()) report.tables.push_back(std::move(table));
  if (any_limit) report.tables.push_back(std::move(limits));
  return report;
}

}  // namespace infocert
