#pragma once
/// The catalogue of claims: the built-in claim files and the user's, each claim tied to the
/// procedure that decides it ("query", or a checker). The caller passes the checkers (lemmas/
/// lists them); nothing here names one. Also the declarations (text, tables, figures) a
/// checker reads from data/checkers/<name>.json.
#include <functional>
#include <string>
#include <vector>

#include "infocert/cases/open.hpp"
#include "infocert/cases/read_declarations.hpp"
#include "infocert/check/claims.hpp"
#include "infocert/check/collector.hpp"

namespace infocert {

/// Installs the built-in claim files, data_dir()/claims/*.json in file-name order, into the
/// catalogue (once). Every procedure they name must be one of `checkers`.
void load_builtin_claims(const std::vector<check::Checker>& checkers);
/// Reads the user's claim files and installs their claims after the built-in ones. A claim
/// that names a procedure restates a built-in claim of that procedure (same id); any other
/// id needs a "conclusion". Throws InputError naming the file and the JSON path.
std::vector<ClaimFile> load_claim_files(const std::vector<std::string>& files, const std::vector<check::Checker>& checkers);
/// The reports of claim files: the query claims of each file decided on their domains
/// (procedure claims are decided by their checkers, see procedures_of).
std::vector<check::CheckReport> run_claim_files(const std::vector<ClaimFile>& files);
/// The checkers that claim files name as procedures, in the order of `checkers`.
std::vector<const check::Checker*> procedures_of(const std::vector<ClaimFile>& files,
                                                 const std::vector<check::Checker>& checkers);
/// The checker with this name, or nullptr.
const check::Checker* checker_named(const std::vector<check::Checker>& checkers, std::string_view name);

/// The path of a built-in case: data_dir()/cases/NAME.
std::string builtin_case(const std::string& name);
/// The declarations of a checker, read once from data_dir()/checkers/NAME.json.
const check::Declarations& declarations(const std::string& checker);
/// A checker whose text comes from its declarations; its reports get their claims' proofs
/// applied (apply_proofs).
check::Checker declared_checker(const std::string& name, std::function<check::CheckReport(const check::CheckOptions&)> run);
/// A report carrying the checker's declared tables (rows filled by the run) and figures.
check::CheckReport declared_report(check::Declarations d);

/// The ids of the installed claims that CHECKER decides, in catalogue order;
/// std::logic_error when there are none (the claims are not installed).
std::vector<std::string> claims_of(const std::string& checker);

/// What every checker's run keeps: the verdicts of its claims (claims_of, in that order), its
/// declared tables (rows filled by the run) and its counterexamples.
struct CheckerRun {
  explicit CheckerRun(const std::string& checker) : collector(claims_of(checker)), decl(declarations(checker)) {}
  check::VerdictCollector collector;
  check::Declarations decl;
  std::vector<check::Counterexample> counterexamples;
  /// FILE opened as a sequence model named NAME, or an InputError "FILE: " followed by the
  /// checker's declared text "needs".
  SequenceCase sequence_case(std::string name, const std::string& file, const HorizonOptions& h = {}) const {
    return SequenceCase(std::move(name), file, decl.text("needs"), h);
  }
  /// The report: the declared tables and figures, the counterexamples, and the verdicts
  /// (`scope` for claims whose scope the run did not set).
  check::CheckReport report(bool user_cases, const std::string& scope = "") const {
    check::CheckReport r = declared_report(decl);
    r.counterexamples = counterexamples;
    r.user_cases = user_cases;
    r.claims = collector.finish(scope);
    return r;
  }
};

}  // namespace infocert
