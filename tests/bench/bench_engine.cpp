// Benchmark of the enumeration engine: H(X1..XT) and I(X1..XT; theta) of a two-component
// binary Markov mixture, exact and certified, next to a plain double-precision enumeration
// of the same quantities. Run with `meson test -C build --benchmark` or directly:
//   build/tests/bench_engine [T ...]      (default T = 16 20)
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "infocert/engine/enumerate.hpp"
#include "infocert/exact/enclosure.hpp"

using namespace infocert;

namespace {

StateModel chain(const char* name, Rational aa, Rational bb) {
  StateModel m;
  m.name = name;
  m.alphabet = {"a", "b"};
  m.states = m.alphabet;
  m.initial = 0;
  m.emit = {{aa, Rational(1 - aa)}, {Rational(1 - bb), bb}};
  m.next = {{0, 1}, {0, 1}};
  return m;
}

LatentMixture mixture(unsigned t) {
  LatentMixture m;
  m.kind = "mixture";
  m.alphabet = {"a", "b"};
  m.models = {chain("A", Rational(3, 4), Rational(1, 2)), chain("B", Rational(1, 3), Rational(4, 5))};
  m.latent_names = {"theta"};
  m.latent_values = {{"A", "B"}};
  m.components = {{Rational(1, 2), {0}, {0}}, {Rational(1, 2), {1}, {1}}};
  m.doc_lengths = {t};
  for (unsigned i = 1; i <= t; ++i) m.token_names.push_back("X" + std::to_string(i));
  return m;
}

// The obvious loop: every sequence, probabilities in double, -Σ p ln p.
void plain_double(unsigned t, double* h, double* i) {
  const double pa[2][2] = {{0.75, 0.25}, {0.5, 0.5}}, pb[2][2] = {{1.0 / 3, 2.0 / 3}, {0.2, 0.8}};
  double hx = 0, hjoint = 0;
  for (unsigned long code = 0; code < (1UL << t); ++code) {
    double p1 = 0.5, p2 = 0.5;
    unsigned s = 0;
    for (unsigned k = 0; k < t; ++k) {
      unsigned x = (code >> k) & 1;
      p1 *= pa[s][x];
      p2 *= pb[s][x];
      s = x;
    }
    double p = p1 + p2;
    hx -= p * std::log(p);
    hjoint -= p1 * std::log(p1) + p2 * std::log(p2);
  }
  *h = hx;
  *i = hx + std::log(2.0) - hjoint;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<unsigned> horizons;
  for (int a = 1; a < argc; ++a) horizons.push_back(static_cast<unsigned>(std::atoi(argv[a])));
  if (horizons.empty()) horizons = {16, 20};
  std::printf("%-4s %-12s %-10s %-14s %-14s %-10s %s\n", "T", "sequences", "engine s", "engine seq/s", "double s",
              "ratio", "H(X1..XT) certified (40 digits) / double");
  for (unsigned t : horizons) {
    LatentMixture m = mixture(t);
    SequenceEngine e(m);
    VarSet tokens, with_theta{0};
    for (unsigned k = 0; k < t; ++k) {
      tokens.push_back(m.token_var(k));
      with_theta.push_back(m.token_var(k));
    }
    auto start = std::chrono::steady_clock::now();
    LogForm h = e.entropy(tokens);
    LogForm i = h + e.entropy({0}) - e.entropy(with_theta);
    CertifiedValue hv = certify(h, 40), iv = certify(i, 40);
    double engine_s = seconds_since(start);
    start = std::chrono::steady_clock::now();
    double hd, id;
    plain_double(t, &hd, &id);
    double double_s = seconds_since(start);
    double sequences = std::ldexp(1.0, static_cast<int>(t));
    std::printf("%-4u %-12.0f %-10.3f %-14.3g %-14.3f %-10.2f %s / %.17g\n", t, sequences, engine_s, sequences / engine_s,
                double_s, engine_s / double_s, hv.value.c_str(), hd);
    std::printf("     I(X1..XT;theta) = %s (double %.17g); terms in the exact forms: %zu, %zu\n", iv.value.c_str(), id,
                h.size(), i.size());
  }
  std::printf("peak RSS: %ld MiB\n", peak_rss_mib());
  return 0;
}
