// libFuzzer harness: the query language, parsed and evaluated on a small joint law.
#include <cstddef>
#include <cstdint>
#include <string>

#include "infocert/query/query.hpp"
#include "infocert/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace infocert;
  static JointDistribution p({"X1", "X2", "X3"}, {{"0", "1"}, {"0", "1"}, {"0", "1"}},
                             {{{0, 0, 0}, Rational(1, 4)}, {{0, 1, 1}, Rational(1, 4)},
                              {{1, 0, 1}, Rational(1, 4)}, {{1, 1, 0}, Rational(1, 4)}});
  std::string text(reinterpret_cast<const char*>(data), size);
  if (text.size() > 512) return 0;
  JointSource source(p);
  QueryEvaluator eval(source);
  try {
    if (text.find_first_of("<>=!") != std::string::npos) {
      ClaimExpr c = parse_claim(text);
      decide(eval.evaluate(c.lhs), c.op, eval.evaluate(c.rhs));
    } else {
      eval.evaluate(parse_query(text));
    }
  } catch (const InputError&) {
  }
  return 0;
}
