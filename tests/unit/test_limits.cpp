// The process's budgets (limits.hpp) and the estimates that are checked against them:
// the marginal table's memory and a transformer's forward passes.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <vector>

#include "infocert/distribution/channel.hpp"
#include "infocert/engine/transformer_source.hpp"
#include "infocert/error.hpp"
#include "infocert/limits.hpp"

using namespace infocert;

namespace {
/// Restores the default limits when a test ends, whatever it set.
struct DefaultLimitsAfter {
  ~DefaultLimitsAfter() { set_limits({}); }
};

Transformer fixed_transformer(unsigned d, unsigned k, unsigned layers, unsigned r) {
  Transformer m;
  m.d = d;
  m.K = k;
  m.L = layers;
  m.r = r;
  for (unsigned i = 0; i < d; ++i) {
    std::vector<Rational> e(r, Rational(0));
    e[i % r] = Rational(i < r ? 1 : -1);
    m.embeddings.push_back(e);
    m.alphabet.push_back(std::to_string(i + 1));
  }
  m.first.assign(d, Rational(1, d));
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

TEST_CASE("capacity: the work is planned before Blahut-Arimoto starts, and the high-precision iterations get what is left") {
  DefaultLimitsAfter restore;
  const Channel bsc{{"0", "1"}, {"0", "1"}, {{Rational(3, 4), Rational(1, 4)}, {Rational(1, 4), Rational(3, 4)}}};
  const Rational width(1, pow10(40));
  // Admitted under the default limit and certified.
  CHECK(channel_capacity(bsc, width).width_met);
  // A limit below the plan: refused before anything runs, naming the knob and the advice.
  set_limits({1000, 1e9});
  try {
    channel_capacity(bsc, width);
    FAIL("a 2 x 2 channel at 40 digits was admitted under 1000 steps");
  } catch (const BudgetExceeded& e) {
    const std::string m = e.what();
    CHECK(m.find("the capacity of a 2 x 2 channel at ") == 0);
    CHECK(m.find("over the limit of 1e+03; ask for fewer --digits or raise --max-work") != std::string::npos);
  }
  // Blahut-Arimoto alone on a channel where it is slow (an optimal prior with zeros): under
  // the default limit the 2000 iterations asked are allowed and are not enough; under a
  // tight limit fewer are allowed, and the result says the limit cut them.
  set_limits({});
  const Channel w{{"0", "1", "2", "3", "4", "5"}, {"0", "1", "2", "3", "4", "5"},
                  {{Rational(3, 28), Rational(2, 28), Rational(5, 28), Rational(2, 28), Rational(8, 28), Rational(8, 28)},
                   {Rational(8, 30), Rational(7, 30), Rational(4, 30), Rational(2, 30), Rational(8, 30), Rational(1, 30)},
                   {Rational(7, 32), Rational(7, 32), Rational(1, 32), Rational(8, 32), Rational(5, 32), Rational(4, 32)},
                   {Rational(2, 20), Rational(6, 20), Rational(1, 20), Rational(1, 20), Rational(1, 20), Rational(9, 20)},
                   {Rational(1, 29), Rational(7, 29), Rational(4, 29), Rational(7, 29), Rational(1, 29), Rational(9, 29)},
                   {Rational(4, 39), Rational(8, 39), Rational(8, 39), Rational(9, 39), Rational(4, 39), Rational(6, 39)}}};
  CapacityResult free_run = channel_capacity(w, width, 2000, false);
  CHECK_FALSE(free_run.width_met);
  CHECK_FALSE(free_run.cut_by_work);
  CHECK(free_run.iteration_limit == 2000);
  CHECK(free_run.iterations >= 2000);
  set_limits({3e4, 1e9});
  CapacityResult cut = channel_capacity(w, width, 2000, false);
  CHECK_FALSE(cut.width_met);
  CHECK(cut.cut_by_work);
  CHECK(cut.iteration_limit < 2000);
  CHECK(cut.iteration_limit >= 1);
  CHECK(cut.iterations < 2000);
}
