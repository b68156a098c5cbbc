// libFuzzer harness: any bytes as a case file of any kind. Bad input must end in an
// InputError (one line for the user); anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "infocert/cases/case_file.hpp"
#include "infocert/cases/read.hpp"
#include "infocert/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace infocert;
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    nlohmann::json doc = parse_json_text(text, "fuzz.json");
    if (!doc.is_object()) return 0;
    CaseReader r("fuzz.json", doc);
    std::string kind = r.kind();
    if (kind == "joint") {
      joint_from_case(r);
    } else if (kind == "channel") {
      channel_from_case(r);
    } else if (kind == "transformer") {
      transformer_from_case(r);
    } else if (is_sequence_kind(kind)) {
      // Small sizes keep each input cheap; "file" references are resolved too.
      HorizonOptions h;
      h.tokens = 2;
      h.documents = 1;
      sequence_model_from_case(r, h);
    }
  } catch (const InputError&) {
  }
  return 0;
}
