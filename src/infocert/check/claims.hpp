#pragma once
/// The claims catalogue (ids of CLAIMS.md), statuses, verdicts and tables.
#include <functional>
#include <optional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "infocert/check/table.hpp"

namespace infocert::check {

/// What a verdict means; the README has the table. Strongest positive first.
enum class Status {
  proved,                 ///< a certificate covers the claim's whole domain
  verified_exact,         ///< a finite statement (one distribution, model, number) decided exactly
  checked_exact,          ///< a general statement decided exactly on a finite domain, listed in the scope
  verified_numeric,       ///< estimated with confidence intervals
  supported,              ///< a numeric trend over a range where it could have failed
  not_informative,        ///< an inequality that cannot fail in the checked range
  refuted,                ///< a counterexample that meets every hypothesis
  transcription_differs,  ///< the post's form differs from the source's
  not_checkable,          ///< no finite computation decides it
  hypotheses_fail,        ///< (per case) the case does not meet the claim's hypotheses
  not_implemented,
};

/// What a claim quantifies over, which bounds the strongest status a finite check earns.
enum class Form {
  universal,    ///< "for every ...": exact checks on finitely many instances give checked-exact
  existential,  ///< "there is ...": one instance decided exactly settles it
  finite,       ///< about one distribution, model or number
};

/// "verified-exact", "refuted", ...
const char* status_name(Status s);
/// What the status means, in one sentence (the README's table and the report's key).
const char* status_meaning(Status s);
/// Every status, strongest positive first.
const std::vector<Status>& all_statuses();
/// A case decided exactly: verified-exact when the conclusion holds, refuted when it does
/// not, hypotheses-fail (whatever the conclusion) when the case does not meet them.
inline Status exact_status(bool holds, bool hypotheses_met = true) {
  return hypotheses_met ? (holds ? Status::verified_exact : Status::refuted) : Status::hypotheses_fail;
}

/// Where in the post a claim comes from: the section heading, a few words that locate the
/// sentence, and a fingerprint of the sentence's normalised text (see `infocert sync`).
struct ClaimSource {
  std::string section, locate, fingerprint;
};

/// A statement that proves (part of) a claim for every distribution: an information
/// inequality or identity and its constraints, as `infocert prove` takes them.
struct ProofSpec {
  std::string claim;
  std::vector<std::string> given;
  std::string reads;  ///< what it establishes, in words (the report's evidence)
};

/// One claim of the catalogue (read from a claim file, data/claims/*.json or the user's).
struct ClaimInfo {
  std::string id;
  std::string checker;   ///< the procedure that decides it: a checker, or "query" (hypotheses and conclusion)
  std::string summary;   ///< the claim in one line
  std::optional<Status> expected;  ///< the status the claim file leads one to expect, if it says
  Form form = Form::universal;
  ClaimSource source;
  std::string file;      ///< the claim file it was read from
  /// Shannon-type proofs: when every one is proved (and re-checked by certcheck), the claim
  /// holds for every distribution and its status is proved; the certificates join the report.
  std::vector<ProofSpec> proofs;
};

/// Every installed claim, in catalogue order (empty until claims are installed; the
/// command line installs the built-in claim files first).
const std::vector<ClaimInfo>& catalogue();
/// The claim with this id, or nullptr.
const ClaimInfo* find_claim(std::string_view id);
/// Adds claims to the catalogue. A claim whose id is installed already replaces it when it
/// names the same procedure (a revised statement); otherwise std::invalid_argument.
void install_claims(const std::vector<ClaimInfo>& claims);
/// A status by its name ("checked-exact"), or nullopt.
std::optional<Status> status_from_name(std::string_view name);

/// The verdict of one claim on one case.
struct CaseVerdict {
  std::string case_name;  ///< a file or a built-in name
  Status status;
  std::optional<bool> conclusion_holds;
  Detail detail = Detail::object();
  std::string decided_by = "exact";  ///< "exact", or "enclosure" when a certified enclosure decided
};

/// The verdict of one claim over all the cases a checker ran.
struct ClaimVerdict {
  std::string id;
  Status status;
  std::string scope;     ///< which cases, alphabets, horizons
  std::string evidence;  ///< one line
  std::vector<CaseVerdict> cases;
};

/// A counterexample written as a case file that names the claim it refutes; `infocert
/// verify` re-checks it on its own.
struct Counterexample {
  std::string claim;
  std::string file;     ///< file name, e.g. "ci-forward-counterexample.json"
  std::string content;  ///< the case file's text (written by cases/write)
};

struct CheckReport {
  std::string checker;
  std::vector<ClaimVerdict> claims;
  std::vector<Table> tables;
  std::vector<Figure> figures;  ///< drawn by the report from `tables`
  std::vector<Counterexample> counterexamples;
  std::vector<Counterexample> certificates;  ///< proofs' certificates (`infocert certcheck` re-checks them)
  bool user_cases = false;  ///< run on the user's case files rather than the built-in ones
  std::string claim_file;   ///< the claim file whose query claims were decided (empty for checkers)
  /// Claims whose status differs from the catalogue's expectation (claims without one:
  /// refuted ones). On user cases a claim none of whose cases meets its hypotheses is not
  /// counted.
  std::vector<std::string> unexpected() const;
};

struct CheckOptions {
  std::vector<std::string> case_files;  ///< empty: the checker's built-in cases
};

/// What a checker declares in data/checkers/<name>.json: its text for the report, its
/// tables (without rows) and its figures. The checker fills the rows.
struct Declarations {
  std::string checker;
  std::string description;  ///< one line
  std::string title;        ///< the family's section title in the report
  std::string summary;      ///< the family's paragraph in the report; {cite:key} cites
  std::vector<Table> tables;
  std::vector<Figure> figures;
  /// Sentences the checker writes into its verdicts (scopes, notes, evidence), by name, with
  /// {key} placeholders.
  std::map<std::string, std::string> texts;
  /// The declared table with this name; std::logic_error when none is declared.
  Table& table(const std::string& name);
  /// The declared text NAME with each {key} replaced by its value; std::logic_error when the
  /// text is not declared, a key has no placeholder, or a placeholder is left unfilled.
  std::string text(const std::string& name, const std::vector<std::pair<std::string, std::string>>& values = {}) const;
};

/// Values in verdict sentences: "a, b, c" (rationals by their exact text), and a double as
/// printf's %.{digits}g (for describing estimates and trends, never certified values).
std::string list_text(const std::vector<Rational>& values);
std::string list_text(const std::vector<unsigned>& values);
std::string general(double x, int digits);

/// A checker of one claim family.
struct Checker {
  std::string name;
  std::string description;  ///< one line
  std::string title;        ///< the family's section title in the report
  std::string summary;      ///< the family's paragraph in the report; {cite:key} cites
  std::function<CheckReport(const CheckOptions&)> run;
};


/// Aggregates per-case verdicts: refuted if any case refutes; otherwise the weakest positive
/// status of the cases (transcription-differs, not-informative, supported, verified-numeric,
/// checked-exact, verified-exact, proved); hypotheses-fail if no case meets the hypotheses.
Status aggregate(const std::vector<CaseVerdict>& cases);

}  // namespace infocert::check
