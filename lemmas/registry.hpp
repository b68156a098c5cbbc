#pragma once
/// The checkers of the claim families, one per file under lemmas/.
#include "infocert/check/claims.hpp"

namespace infocert::lemmas {

check::Checker definitions_checker();

}  // namespace infocert::lemmas
