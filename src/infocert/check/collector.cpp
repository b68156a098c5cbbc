#include "infocert/check/collector.hpp"

#include <stdexcept>

namespace infocert::check {

VerdictCollector::VerdictCollector(std::vector<std::string> ids) : ids_(std::move(ids)) {
  for (const auto& id : ids_) entries_[id];
}

void VerdictCollector::add(const std::string& id, CaseVerdict verdict) { entries_.at(id).cases.push_back(std::move(verdict)); }

void VerdictCollector::fix(const std::string& id, Status status, std::string scope, std::string evidence) {
  Entry& e = entries_.at(id);
  e.fixed = status;
  e.scope = std::move(scope);
  e.evidence = std::move(evidence);
}

void VerdictCollector::scope(const std::string& id, std::string scope) { entries_.at(id).scope = std::move(scope); }

void VerdictCollector::note(const std::string& id, std::string sentence) {
  Entry& e = entries_.at(id);
  e.notes += "; " + sentence;
}

void VerdictCollector::observe(const std::string& id, std::size_t alphabet, unsigned documents, unsigned tokens) {
  Entry& e = entries_.at(id);
  e.alphabets.insert(alphabet);
  e.documents.insert(documents);
  e.tokens.insert(tokens);
}

namespace {
template <class Set>
std::string list(const Set& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ", ") + std::to_string(x);
  return out;
}
}  // namespace

const std::vector<CaseVerdict>& VerdictCollector::cases(const std::string& id) const { return entries_.at(id).cases; }

std::vector<ClaimVerdict> VerdictCollector::finish(const std::string& default_scope) const {
  std::vector<ClaimVerdict> out;
  for (const auto& id : ids_) {
    const Entry& e = entries_.at(id);
    std::string scope = e.scope;
    if (scope.empty() && !e.alphabets.empty())
      scope = std::to_string(e.cases.size()) + " cases; alphabet sizes " + list(e.alphabets) + "; documents M = " +
              list(e.documents) + "; tokens per document T = " + list(e.tokens);
    ClaimVerdict v{id, e.fixed.value_or(aggregate(e.cases)), scope.empty() ? default_scope : scope, "", e.cases};
    v.evidence = (e.fixed ? e.evidence : count_evidence(v)) + e.notes;
    out.push_back(std::move(v));
  }
  return out;
}

std::string count_evidence(const ClaimVerdict& v) {
  std::size_t refuted = 0, verified = 0;
  const CaseVerdict* first = nullptr;
  for (const auto& c : v.cases) {
    if (c.status == Status::refuted) {
      ++refuted;
      if (!first) first = &c;
    }
    verified += c.status == Status::verified_exact || c.status == Status::supported ||
                c.status == Status::verified_numeric || c.status == Status::transcription_differs;
  }
  std::string n = std::to_string(v.cases.size());
  // Cases outside the hypotheses: whether the conclusion holds on them anyway.
  std::string outside;
  for (const auto& c : v.cases)
    if (c.status == Status::hypotheses_fail && c.conclusion_holds)
      outside += (outside.empty() ? "" : ", ") + c.case_name + (*c.conclusion_holds ? " (holds)" : " (fails)");
  if (!outside.empty()) outside = "; outside the hypotheses the conclusion: " + outside;
  if (first)
    return std::to_string(refuted) + " of " + n + " cases are counterexamples, decided exactly; first: " +
           first->case_name + outside;
  if (v.status == Status::transcription_differs)
    return "both forms evaluated on " + std::to_string(verified) + " of " + n + " settings; they differ" + outside;
  if (v.status == Status::verified_numeric)
    return "estimated on " + std::to_string(verified) + " of " + n + " settings, with confidence intervals" + outside;
  if (v.status == Status::supported)
    return "holds on " + std::to_string(verified) + " of " + n + " cases, each step certified; a trend, not a proof" +
           std::string(verified < v.cases.size() ? "; the others do not meet the hypotheses" : "") + outside;
  return "decided exactly on " + std::to_string(verified) + " of " + n + " cases" +
         (verified < v.cases.size() ? "; the others do not meet the hypotheses" : "") + outside;
}

}  // namespace infocert::check
