#include "infocert/check/collector.hpp"

#include <algorithm>
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

void VerdictCollector::bound(const std::string& id, const std::string& name, long value) {
  entries_.at(id).bounds[name].insert(value);
}

void VerdictCollector::bound(const std::string& id, const std::string& name, const std::string& value) {
  auto& v = entries_.at(id).members[name];
  if (std::find(v.begin(), v.end(), value) == v.end()) v.push_back(value);
}

namespace {
template <class Set>
std::string list(const Set& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ", ") + std::to_string(x);
  return out;
}

// " (a.json, b.json)" for up to eight cases, else nothing (the cases are listed in the detail).
std::string names(const std::vector<CaseVerdict>& cases) {
  if (cases.size() > 8) return "";
  std::string out;
  for (const auto& c : cases) out += (out.empty() ? " (" : ", ") + c.case_name;
  return out.empty() ? out : out + ")";
}

// "1..4", or "1, 3, 9" when not contiguous.
std::string values(const std::set<long>& s) {
  if (s.size() > 2 && *s.rbegin() - *s.begin() + 1 == static_cast<long>(s.size()))
    return std::to_string(*s.begin()) + ".." + std::to_string(*s.rbegin());
  return list(s);
}
}  // namespace

void VerdictCollector::form(const std::string& id, Form form) { entries_.at(id).form = form; }

const std::vector<CaseVerdict>& VerdictCollector::cases(const std::string& id) const { return entries_.at(id).cases; }

std::vector<ClaimVerdict> VerdictCollector::finish(const std::string& default_scope) const {
  std::vector<ClaimVerdict> out;
  for (const auto& id : ids_) {
    const Entry& e = entries_.at(id);
    if (e.cases.empty() && !e.fixed) continue;
    std::string scope = e.scope;
    if (scope.empty() && !e.alphabets.empty())
      scope = std::to_string(e.cases.size()) + (e.cases.size() == 1 ? " case" : " cases") + names(e.cases) + "; alphabet sizes " + list(e.alphabets) + "; documents M = " +
              list(e.documents) + "; tokens per document T = " + list(e.tokens);
    if (scope.empty()) scope = default_scope;
    if (scope.empty()) {  // the cases themselves
      scope = std::to_string(e.cases.size()) + (e.cases.size() == 1 ? " case: " : " cases: ");
      for (std::size_t i = 0; i < e.cases.size(); ++i) scope += (i ? ", " : "") + e.cases[i].case_name;
    }
    for (const auto& [name, v] : e.bounds) scope += "; " + name + " = " + values(v);
    for (const auto& [name, v] : e.members) {
      scope += "; " + name + ": ";
      for (std::size_t i = 0; i < v.size(); ++i) scope += (i ? ", " : "") + v[i];
    }
    Status status = e.fixed.value_or(aggregate(e.cases));
    const ClaimInfo* info = find_claim(id);
    const Form form = e.form ? *e.form : info ? info->form : Form::universal;
    const bool universal = form == Form::universal;
    if (universal && !e.fixed && (status == Status::verified_exact || status == Status::proved))
      status = Status::checked_exact;
    ClaimVerdict v{id, status, scope, "", e.cases};
    v.evidence = (e.fixed ? e.evidence : count_evidence(v)) + e.notes;
    out.push_back(std::move(v));
  }
  return out;
}

std::string count_evidence(const ClaimVerdict& v) {
  std::size_t refuted = 0, positive = 0, by_enclosure = 0;
  const CaseVerdict* first = nullptr;
  for (const auto& c : v.cases) {
    if (c.status == Status::refuted) {
      ++refuted;
      if (!first) first = &c;
    }
    const bool pos = c.status == Status::verified_exact || c.status == Status::checked_exact ||
                     c.status == Status::proved || c.status == Status::supported ||
                     c.status == Status::verified_numeric || c.status == Status::not_informative ||
                     c.status == Status::transcription_differs;
    positive += pos;
    by_enclosure += (pos || c.status == Status::refuted) && c.decided_by == "enclosure";
  }
  const std::string n = std::to_string(v.cases.size());
  // Cases outside the hypotheses: whether the conclusion holds on them anyway.
  std::string outside;
  for (const auto& c : v.cases)
    if (c.status == Status::hypotheses_fail && c.conclusion_holds)
      outside += (outside.empty() ? "" : ", ") + c.case_name + (*c.conclusion_holds ? " (holds)" : " (fails)");
  if (!outside.empty()) outside = "; outside the hypotheses the conclusion: " + outside;
  const std::string others = positive + refuted < v.cases.size() ? "; the others do not meet the hypotheses" : "";
  // "decided exactly on 3 of 4 cases", "... by certified enclosures ...", or mixed.
  auto decided = [&](std::size_t k, const std::string& what) {
    const std::string counted = std::to_string(k) + " of " + n + " " + what;
    if (by_enclosure == 0) return "decided exactly on " + counted;
    if (by_enclosure == k) return "decided by certified enclosures on " + counted;
    return "decided on " + counted + ", " + std::to_string(by_enclosure) + " of them by certified enclosures and the "
           "rest exactly";
  };
  if (first)
    return std::to_string(refuted) + " of " + n + " cases are counterexamples, " +
           (by_enclosure == 0        ? std::string("decided exactly")
            : by_enclosure == refuted ? std::string("decided by certified enclosures")
                                      : std::to_string(by_enclosure) + " of them decided by certified enclosures") +
           "; first: " + first->case_name + outside;
  const std::string m = std::to_string(positive);
  switch (v.status) {
    case Status::transcription_differs: return "both forms evaluated on " + m + " of " + n + " settings; they differ" + outside;
    case Status::verified_numeric:
      return "estimated on " + m + " of " + n + " settings, with confidence intervals" + outside;
    case Status::not_informative:
      return "holds on " + m + " of " + n + " settings, but could not have failed there" + others + outside;
    case Status::supported:
      return "the trend holds on " + m + " of " + n + " cases over the range in the scope, each value certified; a "
             "trend, not a proof" + others + outside;
    case Status::proved: return "proved on " + m + " of " + n + " cases, for every length" + others + outside;
    case Status::hypotheses_fail: return "no case meets the hypotheses" + outside;
    case Status::not_checkable: {
      std::size_t unsettled = 0;
      for (const auto& c : v.cases) unsettled += c.status == Status::not_checkable;
      return "the measurement settles nothing on " + std::to_string(unsettled) + " of " + n + " cases" + outside;
    }
    default: return decided(positive, "cases") + others + outside;
  }
}

}  // namespace infocert::check
