// Benchmark: I(X1..XT; θ) certified to 10^-30 under Beta(1,1), Beta(2,3) and Dirichlet(1,1,1)
// priors at T = 10^3, 10^4, 10^5 (engine/conjugate), each timed, next to the Clarke-Barron
// asymptote (k/2) ln(T/(2πe)) + ∫ w ln(√det J / w) and the difference.
//   build/tests/bench_conjugate
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "infocert/engine/conjugate.hpp"

using namespace infocert;

int main() {
  const Rational width(1, pow10(30));
  std::printf("%-18s %7s %9s %-36s %-20s %s\n", "prior", "T", "seconds", "I(X1..XT; theta), nats (30 digits)",
              "Clarke-Barron", "I - asymptote");
  const std::vector<std::pair<std::string, std::vector<unsigned>>> priors = {
      {"Beta(1,1)", {1, 1}}, {"Beta(2,3)", {2, 3}}, {"Dirichlet(1,1,1)", {1, 1, 1}}};
  for (const auto& [name, alphas] : priors)
    for (unsigned long t : {1000ul, 10000ul, 100000ul}) {
      const auto start = std::chrono::steady_clock::now();
      DirichletInformation r = dirichlet_information(alphas, t, width);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const std::string digits = certified_digits(r.information.lo, r.information.hi, 30);
      const double asymptote = clarke_barron(alphas, t);
      std::printf("%-18s %7lu %9.3f %-36s %-20.12f %.3e\n", name.c_str(), t, seconds, digits.c_str(), asymptote,
                  static_cast<double>(r.information.lo) - asymptote);
    }
  // A two-state chain whose rows are Beta(1,1) priors: two parameters, so I grows like ln T.
  std::printf("\nchain with Beta(1,1) rows, start a (classes of paths, 160 bits)\n%7s %9s %-24s %s\n", "T", "seconds",
              "I(X1..XT; theta), nats", "I(T) - I(T/2) (ln 2 = 0.693 asymptotically)");
  double previous = 0;
  for (unsigned long t : {250ul, 500ul, 1000ul, 2000ul}) {
    const auto start = std::chrono::steady_clock::now();
    const MarkovBetaEntropies e = markov_beta_entropies({{1, 1}, {1, 1}}, 0, t, 160);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Interval info(160);
    mpfi_sub(info.get(), e.joint.get(), e.conditional.get());
    const double value = static_cast<double>(info.lower());
    std::printf("%7lu %9.3f %-24.15f %.6f\n", t, seconds, value, previous == 0 ? 0.0 : value - previous);
    previous = value;
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  std::printf("peak RSS %.1f MiB\n", static_cast<double>(u.ru_maxrss) / 1024);
  return 0;
}
