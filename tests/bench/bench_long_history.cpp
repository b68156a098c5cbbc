// Benchmark: Hypothesis B's eps(d, t) and Lemma A's Pdiff(d, T) on the built-in binary Lemma A
// mixture (data/cases/lemma-a-binary.json: chain-a, chain-b, theta = 1/2, start a) for d <= 8
// and t, T up to 1000, each timed; next to the type-class route for the full-history term
// (two history entropies), the baseline, where it stays affordable; and the group programme
// on a mixture whose predictors tie exactly on some histories (groups that persist).
//   build/tests/bench_long_history
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "infocert/engine/long_history.hpp"
#include "infocert/exact/enclosure.hpp"

using namespace infocert;

namespace {
StateModel chain(const Rational& aa, const Rational& ba) { return markov_chain({"a", "b"}, {{aa, 1 - aa}, {ba, 1 - ba}}); }

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double width(const Interval& x) { return static_cast<double>(x.upper() - x.lower()); }
}  // namespace

int main() {
  const Rational half(1, 2);
  const LatentMixture m = make_mixture({chain(Rational(3, 4), half), chain(Rational(1, 3), Rational(1, 5))}, {half, half}, 2);
  const std::vector<unsigned> ds = {1, 2, 3, 4, 5, 6, 7, 8};
  const auto total_start = std::chrono::steady_clock::now();

  std::printf("eps(d, t) in nats, 256 bits, full-history term by classes of histories\n");
  std::printf("%6s %9s %-14s %-14s %-14s %s\n", "t", "seconds", "eps(1,t)", "eps(8,t)", "width(eps(8,t))", "eps(8,t) < eps(1,t)/2");
  for (unsigned t : {10u, 20u, 50u, 100u, 200u, 500u, 1000u}) {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Interval> eps = excess_losses(m, t, ds, 256);
    const double s = seconds_since(start);
    std::printf("%6u %9.3f %-14.6e %-14.6e %-14.3e %s\n", t, s, static_cast<double>(eps.front().lower()),
                static_cast<double>(eps.back().lower()), width(eps.back()),
                eps.back().upper() * 2 < eps.front().lower() ? "yes" : "not certified");
  }

  std::printf("\nbaseline: H(X_{t+1} | X_1..X_t) as two type-class history entropies against one class pass\n");
  std::printf("%6s %12s %12s %s\n", "t", "two (s)", "classes (s)", "enclosures overlap");
  for (unsigned t : {100u, 200u, 400u}) {
    auto start = std::chrono::steady_clock::now();
    Interval two = history_entropy(m, t + 1, 256);
    mpfi_sub(two.get(), two.get(), history_entropy(m, t, 256).get());
    const double s_two = seconds_since(start);
    start = std::chrono::steady_clock::now();
    const Interval one = next_token_entropy(m, t, 256);
    const double s_one = seconds_since(start);
    std::printf("%6u %12.3f %12.3f %s\n", t, s_two, s_one,
                one.lower() <= two.upper() && two.lower() <= one.upper() ? "yes" : "NO");
  }

  std::printf("\nPdiff(d, T) by the group programme, T = 1000 (every T <= 1000 in one run)\n");
  std::printf("%3s %9s %-10s %-10s %-10s %s\n", "d", "seconds", "Pdiff(d+1)", "Pdiff(d+2)", "Pdiff(1000)", "largest group count");
  for (unsigned d : ds) {
    const auto start = std::chrono::steady_clock::now();
    const DifferProfile p = predictors_differ_profile(m, d, 1000);
    const double s = seconds_since(start);
    std::size_t most = 0;
    for (std::size_t g : p.groups) most = std::max(most, g);
    std::printf("%3u %9.3f %-10s %-10s %-10s %zu\n", d, s, to_string(p.probability[d + 1]).c_str(),
                to_string(p.probability[d + 2]).c_str(), to_string(p.probability[1000]).c_str(), most);
  }
  std::printf("lemma-a-binary total: %.2f s\n", seconds_since(total_start));

  // Zero transitions (a -> a impossible in the second chain, b -> b in the first): a window
  // holding aa or bb names the chain as surely as the history does, so the predictions tie
  // exactly on groups that persist, and exact arithmetic decides each tie.
  const LatentMixture ties = make_mixture({chain(half, Rational(1)), chain(Rational(0), half)}, {Rational(1, 4), Rational(3, 4)}, 2);
  std::printf("\nPdiff(d, T) with exact ties (zero transitions)\n");
  std::printf("%3s %6s %9s %-12s %8s %s\n", "d", "T", "seconds", "1 - Pdiff", "groups", "exact checks");
  for (unsigned d : {2u, 4u, 8u})
    for (unsigned T : {100u, 1000u}) {
      const auto start = std::chrono::steady_clock::now();
      const DifferProfile p = predictors_differ_profile(ties, d, T);
      const double s = seconds_since(start);
      std::printf("%3u %6u %9.3f %-12.4e %8zu %zu\n", d, T, s, static_cast<double>(1 - p.probability[T]), p.groups.back(),
                  p.exact_checks);
    }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  std::printf("peak RSS %.1f MiB\n", static_cast<double>(u.ru_maxrss) / 1024);
  return 0;
}
