#pragma once
/// Writing case files: counterexamples and witnesses as self-contained documents that
/// `infocert verify` re-checks. Callers build a CaseDocument from typed models and set the
/// keys that say what to check; JSON stays inside cases/.
#include <memory>
#include <string>
#include <vector>

#include "infocert/check/table.hpp"
#include "infocert/distribution/joint.hpp"
#include "infocert/models/state_model.hpp"

namespace infocert {

class CaseDocument {
 public:
  /// Kind joint, canonical and deterministic.
  static CaseDocument joint(const JointDistribution& p, const std::string& description = "");
  /// A Markov chain as kind markov; any other state model as kind am, with a row for every
  /// context reachable from the start (contexts are the state names).
  static CaseDocument state_model(const StateModel& m);
  /// A finite mixture (kind mixture) with inline component models.
  static CaseDocument mixture(const std::vector<StateModel>& models, const std::vector<Rational>& weights,
                              unsigned tokens);
  /// The case file FILE with every {"file": ...} component replaced by its model, inline, so
  /// the document stands on its own (paths relative to FILE). Throws InputError.
  static CaseDocument inlined(const std::string& file);
  /// A document from its text (as text() wrote it); `name` names it in errors.
  static CaseDocument from_text(const std::string& text, const std::string& name);

  CaseDocument(const CaseDocument& other);
  CaseDocument& operator=(const CaseDocument& other);
  ~CaseDocument();

  /// Sets a top-level key (claim, description, assert, recheck, name, ...). Cells are written
  /// as JSON strings, integers and booleans (exact values as their exact text).
  CaseDocument& set(const std::string& key, const check::Detail& value);
  CaseDocument& claim(const std::string& id) { return set("claim", id); }
  CaseDocument& description(const std::string& text) { return set("description", text); }
  /// "assert": claims in the query language.
  CaseDocument& asserts(const std::vector<std::string>& claims) { return set("assert", check::Detail::strings(claims)); }
  /// "hypotheses": the claim's premises on this case, re-checked by verify before "assert".
  CaseDocument& hypotheses(const std::vector<std::string>& claims) {
    return set("hypotheses", check::Detail::strings(claims));
  }
  /// "recheck": named checks and their arguments.
  CaseDocument& recheck(const check::Detail& checks) { return set("recheck", checks); }

  /// The file's text: two-space indented JSON and a final newline.
  std::string text() const;
  /// The document as a detail tree (for a checker's per-case detail).
  check::Detail detail() const;

 private:
  struct Doc;
  explicit CaseDocument(std::unique_ptr<Doc> doc);
  std::unique_ptr<Doc> doc_;
};

}  // namespace infocert
