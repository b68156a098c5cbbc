#pragma once
/// The files a proof attempt writes: the certificate (JSON, `infocert certcheck` reads it)
/// and, for a refutation, the refuting distribution as a case file `infocert verify`
/// re-checks (the constraints as hypotheses, the negated claim as the assertion).
#include <string>

#include "infocert/prove/shannon.hpp"

namespace infocert::prove {

std::string certificate_json(const Result& r);
std::string counterexample_case(const Result& r);

}  // namespace infocert::prove
