#pragma once
/// Collects per-case verdicts claim by claim and turns them into claim verdicts.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "infocert/check/claims.hpp"

namespace infocert::check {

class VerdictCollector {
 public:
  /// Claims in report order.
  explicit VerdictCollector(std::vector<std::string> ids);
  /// Records the verdict of claim `id` on one case.
  void add(const std::string& id, CaseVerdict verdict);
  /// Fixes a claim's status, scope and evidence (for claims not decided case by case).
  void fix(const std::string& id, Status status, std::string scope, std::string evidence);
  /// Sets the scope of a claim (otherwise the default scope of finish()).
  void scope(const std::string& id, std::string scope);
  /// Records the sizes of a case the claim was checked on; the scope then lists them.
  void observe(const std::string& id, std::size_t alphabet, unsigned documents, unsigned tokens);
  /// Records the value of a named parameter the check iterated (a window length, a step);
  /// the scope then lists the values, as ranges where they are contiguous.
  void bound(const std::string& id, const std::string& name, long value);
  /// Records a named member of the domain the check iterated (a predictor, a family).
  void bound(const std::string& id, const std::string& name, const std::string& value);
  /// Sets what the claim quantifies over (otherwise the catalogue's form, else universal).
  void form(const std::string& id, Form form);
  /// Adds a sentence to a claim's evidence line.
  void note(const std::string& id, std::string sentence);
  const std::vector<CaseVerdict>& cases(const std::string& id) const;
  /// The verdicts: status aggregated over the cases, evidence counted from them. A universal
  /// claim decided exactly on finitely many cases is checked-exact, never verified-exact or
  /// proved. Claims no case exercised (and not fixed) are left out.
  std::vector<ClaimVerdict> finish(const std::string& default_scope) const;

 private:
  struct Entry {
    std::vector<CaseVerdict> cases;
    std::optional<Status> fixed;
    std::optional<Form> form;
    std::string scope, evidence, notes;
    std::set<std::size_t> alphabets;
    std::set<unsigned> documents, tokens;
    std::map<std::string, std::set<long>> bounds;
    std::map<std::string, std::vector<std::string>> members;
  };
  std::vector<std::string> ids_;
  std::map<std::string, Entry> entries_;
};

/// "decided exactly on 5 of 6 cases; ..." or "2 of 6 cases are counterexamples ...".
std::string count_evidence(const ClaimVerdict& v);

}  // namespace infocert::check
