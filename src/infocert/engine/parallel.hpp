#pragma once
/// Embarrassingly parallel sweeps over a generated domain (pairs of chains, grids of cases):
/// each item computed on its own, the results kept in the items' order, so the outcome is
/// the serial loop's, bit for bit, whatever the number of threads or their scheduling.
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <optional>
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
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
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

}  // namespace infocert
