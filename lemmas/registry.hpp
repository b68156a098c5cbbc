#pragma once
/// The checkers of the claim families, one per file under lemmas/. Each declares its text,
/// tables and figures in data/checkers/<name>.json.
#include "infocert/cases/read_declarations.hpp"
#include "infocert/check/claims.hpp"

namespace infocert::lemmas {

check::Checker definitions_checker();
check::Checker jeon_decomposition_checker();
check::Checker lemma_a_checker();
check::Checker corollary_a_checker();
check::Checker lemma_b_checker();
check::Checker transformer_bounds_checker();

/// Every checker, in report order (the built-in claims are installed first).
const std::vector<check::Checker>& checkers();
/// The checker with this name, or nullptr.
const check::Checker* find_checker(std::string_view name);

/// Installs the built-in claim files, data_dir()/claims/*.json in file-name order,
/// into the catalogue (once). Every procedure they name must be a checker.
void load_builtin_claims();
/// Reads the user's claim files and installs their claims after the built-in ones. A claim
/// that names a procedure restates a built-in claim of that procedure (same id); any other
/// id needs a "conclusion". Throws InputError naming the file and the JSON path.
std::vector<ClaimFile> load_claim_files(const std::vector<std::string>& files);
/// The reports of claim files: the query claims of each file decided on their domains
/// (procedure claims are decided by their checkers, see procedures_of).
std::vector<check::CheckReport> run_claim_files(const std::vector<ClaimFile>& files);
/// The checkers that claim files name as procedures, in report order.
std::vector<const check::Checker*> procedures_of(const std::vector<ClaimFile>& files);

/// The path of a built-in case: data_dir()/cases/NAME.
std::string builtin_case(const std::string& name);
/// The declarations of a checker, read once from data/checkers/NAME.json.
const check::Declarations& declarations(const std::string& checker);
/// A checker whose text comes from its declarations.
check::Checker declared_checker(const std::string& name, std::function<check::CheckReport(const check::CheckOptions&)> run);
/// A report carrying the checker's declared tables (rows filled by the run) and figures.
check::CheckReport declared_report(check::Declarations d);

}  // namespace infocert::lemmas
