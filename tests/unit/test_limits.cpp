// The process's budgets (limits.hpp) and the estimates that are checked against them:
// the marginal table's memory and a transformer's forward passes.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <vector>

#include "infocert/engine/transformer_source.hpp"
#include "infocert/models/transformer.hpp"
#include "infocert/error.hpp"
#include "infocert/limits.hpp"

using namespace infocert;

namespace {
/// Restores the default limits when a test ends, whatever it set.
struct DefaultLimitsAfter {
  ~DefaultLimitsAfter() { set_limits({}); }
};

// The library's unit embeddings with fixed weights (A all 1/2, V all 1/3).
Transformer fixed_transformer(unsigned d, unsigned k, unsigned layers, unsigned r) {
  Transformer m = unit_embedding_transformer(d, k, layers, r);
  for (unsigned l = 0; l < layers; ++l) {
    m.A.push_back(RationalMatrix(r, std::vector<Rational>(r, Rational(1, 2))));
    m.V.push_back(RationalMatrix(l + 1 == layers ? d : r, std::vector<Rational>(r, Rational(1, 3))));
  }
  return m;
}

/// The windows the measures look at, listed: the last min(t, K) tokens of every prefix of
/// t < n tokens (a second count of transformer_contexts).
std::size_t windows_listed(unsigned d, unsigned k, unsigned n) {
  std::set<std::vector<unsigned>> windows;
  std::vector<unsigned> seq(n, 0);
  const double total = std::pow(d, n);
  for (double s = 0; s < total; ++s) {
    for (unsigned t = 0; t < n; ++t) {
      unsigned from = t > k ? t - k : 0;
      windows.insert(std::vector<unsigned>(seq.begin() + from, seq.begin() + t));
    }
    for (unsigned i = n; i-- > 0;) {
      if (++seq[i] < d) break;
      seq[i] = 0;
    }
  }
  return windows.size();
}
}  // namespace

TEST_CASE("limits: positive finite values only; a refused value leaves the limits as they were") {
  DefaultLimitsAfter restore;
  CHECK(limits().work == kDefaultMaxWork);
  CHECK(limits().memory == kDefaultMaxMemory);
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  for (double bad : {nan, inf, -inf, 0.0, -1.0}) {
    CHECK_THROWS_WITH_AS(set_limits({bad, 1e9}), "--max-work must be a positive finite number", std::invalid_argument);
    CHECK_THROWS_WITH_AS(set_limits({1e9, bad}), "--max-memory must be a positive finite number of bytes",
                         std::invalid_argument);
  }
  CHECK(limits().work == kDefaultMaxWork);
  set_limits({3e7, 1e6});
  CHECK(limits().work == 3e7);
  CHECK(limits().memory == 1e6);
}

TEST_CASE("format_bytes in binary units, and the memory check's line") {
  CHECK(format_bytes(500) == "500 bytes");
  CHECK(format_bytes(1536) == "1.5 KiB");
  CHECK(format_bytes(2.0 * 1024 * 1024 * 1024) == "2.0 GiB");
  CHECK(format_bytes(300.0 * 1024 * 1024) == "300 MiB");
  DefaultLimitsAfter restore;
  set_limits({1e9, 1024 * 1024});
  CHECK_NOTHROW(check_memory(1024 * 1024, "a table"));
  CHECK_THROWS_WITH_AS(check_memory(1024 * 1024 + 1, "a table"),
                       "a table would need about 1.0 MiB of memory, over the limit of 1.0 MiB; use a smaller horizon "
                       "or raise --max-memory",
                       BudgetExceeded);
  CHECK_THROWS_AS(check_memory(std::numeric_limits<double>::quiet_NaN(), "a table"), BudgetExceeded);
  CHECK_THROWS_WITH_AS(check_work(2e6, 1e6, "the sum"),
                       "the sum needs about 2e+06 steps, over the limit of 1e+06; use a smaller horizon or raise --max-work",
                       BudgetExceeded);
  CHECK_NOTHROW(check_work(1e6, 1e6, "the sum"));
}

TEST_CASE("a transformer's forward passes: counted against the windows listed, and refused above --max-work") {
  for (unsigned d : {2u, 3u})
    for (unsigned k : {1u, 2u, 3u})
      for (unsigned n : {1u, 2u, 4u, 5u}) {
        CAPTURE(d);
        CAPTURE(k);
        CAPTURE(n);
        Transformer m = fixed_transformer(d, k, 1, 2);
        CHECK(transformer_contexts(m, n) == static_cast<double>(windows_listed(d, k, n)));
      }
  // d = 16, K = 8, L = 8, r = 16 over 5 tokens: 69,905 passes (1 + 16 + 256 + 4096 + 65536).
  Transformer big = fixed_transformer(16, 8, 8, 16);
  CHECK(transformer_contexts(big, 5) == 69905.0);
  CHECK(transformer_work(big, 5) > kDefaultMaxWork);
  CHECK_THROWS_AS(TransformerSource(big, 5), BudgetExceeded);
  DefaultLimitsAfter restore;
  Transformer small = fixed_transformer(2, 2, 1, 2);
  CHECK_NOTHROW(TransformerSource(small, 4));
  set_limits({transformer_work(small, 4) - 1, kDefaultMaxMemory});
  CHECK_THROWS_WITH_AS(TransformerSource(small, 4),
                       doctest::Contains("the transformer's measures over 4 tokens (d = 2, K = 2, L = 1, r = 2) needs about"),
                       BudgetExceeded);
  set_limits({transformer_work(small, 4), kDefaultMaxMemory});
  CHECK_NOTHROW(TransformerSource(small, 4));
}
