#pragma once
/// Embarrassingly parallel sweeps over a generated domain (pairs of chains, grids of cases):
/// each item computed on its own, the results kept in the items' order, so the outcome is
/// the serial loop's, bit for bit, whatever the number of threads or their scheduling.
#include <mpfr.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace infocert {

/// The threads a sweep uses: $INFOCERT_THREADS when set to a positive number, else every
/// core the machine reports (at least 1).
inline unsigned sweep_threads() {
  if (const char* s = std::getenv("INFOCERT_THREADS")) {
    const long n = std::strtol(s, nullptr, 10);
    if (n > 0) return static_cast<unsigned>(n);
  }
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

/// f(0), ..., f(n-1) computed on `threads` threads (0: sweep_threads()), in index order. An
/// exception from f is rethrown, the one of the lowest index (as the serial loop would).
template <class F>
auto parallel_map(std::size_t n, F f, unsigned threads = 0) -> std::vector<decltype(f(std::size_t{0}))> {
  using R = decltype(f(std::size_t{0}));
  std::vector<std::optional<R>> slots(n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        slots[i].emplace(f(i));
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  if (threads == 0) threads = sweep_threads();
  if (threads > n) threads = static_cast<unsigned>(n == 0 ? 1 : n);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&] {
      work();
      // MPFR keeps constants (ln 2, pi) in thread-local caches: free them before the thread ends.
      mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
    });
  work();
  for (auto& t : pool) t.join();
  std::vector<R> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (errors[i]) std::rethrow_exception(errors[i]);
    out.push_back(std::move(*slots[i]));
  }
  return out;
}

/// Runs the `count` items of a sweep, each turned into text by `item`, somewhere else (other
/// processes) and returns every item's text in index order on every caller; none by default.
/// A multi-process front end installs one (engine/mpi_sweep.hpp); the texts are exact
/// encodings, so the merged results are the serial ones, bit for bit.
using SweepDistributor =
    std::function<std::vector<std::string>(std::size_t count, const std::function<std::string(std::size_t)>& item)>;

inline SweepDistributor& sweep_distributor() {
  static SweepDistributor d;
  return d;
}

/// parallel_map(n, f), or, when a distributor is installed, the items spread over its
/// processes: `encode` turns a result into text and `decode` back (decode(encode(r)) == r).
template <class F, class Encode, class Decode>
auto sweep_map(std::size_t n, F f, Encode encode, Decode decode) -> std::vector<decltype(f(std::size_t{0}))> {
  using R = decltype(f(std::size_t{0}));
  const SweepDistributor& d = sweep_distributor();
  if (!d) return parallel_map(n, f);
  const std::vector<std::string> texts = d(n, [&](std::size_t i) { return encode(f(i)); });
  std::vector<R> out;
  out.reserve(n);
  for (const std::string& t : texts) out.push_back(decode(t));
  return out;
}

}  // namespace infocert
