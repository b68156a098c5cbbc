#pragma once
// Small models shared by the unit tests.
#include <cstdint>
#include <vector>

#include "infocert/models/state_model.hpp"

namespace infocert::fixtures {

/// A horizon-2 model over {a, b}: P(a | context) by context "", a, b, aa, ab, ba, bb.
inline StateModel horizon2(const std::vector<Rational>& p_a) {
  std::vector<std::vector<std::uint32_t>> contexts;
  StateModel m = horizon_skeleton({"a", "b"}, 2, &contexts);
  for (std::size_t s = 0; s < contexts.size(); ++s) m.emit[s] = {p_a[s], Rational(1 - p_a[s])};
  return m;
}

}  // namespace infocert::fixtures
