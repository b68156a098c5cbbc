#pragma once
/// The checkers of the claim families, one per file under lemmas/. Each declares its text,
/// tables and figures in data/checkers/<name>.json; the claim catalogue is in cases/.
#include "infocert/cases/catalogue.hpp"

namespace infocert::lemmas {

// The vocabulary every checker writes its verdicts in.
using check::Cell;
using check::Detail;
using check::Status;
using check::general;
using check::list_text;

check::Checker definitions_checker();
check::Checker jeon_decomposition_checker();
check::Checker lemma_a_checker();
check::Checker corollary_a_checker();
check::Checker lemma_b_checker();
check::Checker transformer_bounds_checker();

/// Every checker, in report order, with the built-in claims installed.
const std::vector<check::Checker>& checkers();
/// The checker with this name, or nullptr.
inline const check::Checker* find_checker(std::string_view name) { return checker_named(checkers(), name); }

}  // namespace infocert::lemmas
