// libFuzzer harness: any bytes as a certificate for certcheck, and as a claim (first line)
// with constraints (the other lines) for the prover (up to 4 variables, so each input is
// quick). Bad input must end in an InputError; anything else is a finding. A certificate
// certcheck accepts must be well-formed, and a proof the prover finds must pass certcheck.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "infocert/cases/certcheck.hpp"
#include "infocert/cases/proof_files.hpp"
#include "infocert/error.hpp"
#include "infocert/prove/shannon.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace infocert;
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    certcheck::check(text, "fuzz.json");
  } catch (const InputError&) {
  }
  std::istringstream lines(text);
  std::string claim, line;
  std::vector<std::string> given;
  std::getline(lines, claim);
  while (std::getline(lines, line)) given.push_back(line);
  try {
    prove::Problem p = prove::make_problem(claim, given);
    if (p.variables.size() > 4) return 0;
    prove::Result r = prove::prove(p);
    if (!certcheck::check(prove::certificate_json(r), "fuzz.cert").accepted) std::abort();
  } catch (const InputError&) {
  }
  return 0;
}
