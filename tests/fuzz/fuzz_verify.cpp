// libFuzzer harness: any bytes as a file for `infocert verify` (a case naming a claim, with
// assertions, hypotheses and re-checks). Bad input and budgets must end in an InputError
// (BudgetExceeded is one); anything else is a finding. The limits are small, so that each
// input is quick and a path without a budget shows up as a timeout or a memory finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "infocert/cases/verify.hpp"
#include "infocert/error.hpp"
#include "infocert/limits.hpp"

namespace {
std::string folder, case_path;
void remove_folder() {
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // One file per process, in a folder of its own (the working directory is left alone).
  folder = (std::filesystem::temp_directory_path() / "infocert-fuzz-verify-XXXXXX").string();
  if (!mkdtemp(folder.data())) std::abort();
  std::atexit(remove_folder);
  case_path = folder + "/case.json";
  infocert::set_limits({1e6, 256.0 * 1024 * 1024});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(case_path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    infocert::VerifyResult r = infocert::verify_case(case_path);
    (void)r.holds();
    (void)r.refuted();
  } catch (const infocert::InputError&) {
  }
  return 0;
}
