#pragma once
/// Checker declarations (data/checkers/<name>.json): the text, tables and figures a checker
/// declares for the report. Malformed files throw InputError naming the file and JSON path.
#include <string>

#include "infocert/check/claims.hpp"

namespace infocert {

/// Reads a declarations file; `checker` must equal its "checker" member.
check::Declarations read_declarations(const std::string& file, const std::string& checker);

}  // namespace infocert
