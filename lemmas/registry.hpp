#pragma once
/// The checkers of the claim families, one per file under lemmas/. Each declares its text,
/// tables and figures in data/checkers/<name>.json.
#include "infocert/check/claims.hpp"

namespace infocert::lemmas {

check::Checker definitions_checker();
check::Checker jeon_decomposition_checker();
check::Checker lemma_a_checker();
check::Checker corollary_a_checker();
check::Checker lemma_b_checker();
check::Checker transformer_bounds_checker();

/// Every checker, in report order.
const std::vector<check::Checker>& checkers();
/// The checker with this name, or nullptr.
const check::Checker* find_checker(std::string_view name);

/// The path of a built-in case: $INFOCERT_DATA_DIR/cases/NAME, else the source tree's data/cases/NAME.
std::string builtin_case(const std::string& name);
/// The declarations of a checker, read once from data/checkers/NAME.json.
const check::Declarations& declarations(const std::string& checker);
/// A checker whose text comes from its declarations.
check::Checker declared_checker(const std::string& name, std::function<check::CheckReport(const check::CheckOptions&)> run);
/// A report carrying the checker's declared tables (rows filled by the run) and figures.
check::CheckReport declared_report(check::Declarations d);

}  // namespace infocert::lemmas
