// libFuzzer harness: the rational parser. Anything it accepts prints back to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "infocert/exact/rational.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace infocert;
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    Rational q = parse_rational(text);
    if (parse_rational(q.str()) != q) std::abort();
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
