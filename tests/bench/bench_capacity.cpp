// Benchmark: certified channel capacity to 10^-40 on a set of channels (closed-form ones,
// Bernoulli and binomial families, seeded random rational channels, channels whose optimal
// prior has zeros), next to a plain double-precision Blahut-Arimoto run to 10^-12 in the same
// run, with the double result's distance from the certified enclosure.
//   build/tests/bench_capacity
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "infocert/distribution/channel.hpp"

using namespace infocert;

namespace {

Channel make(std::vector<std::vector<Rational>> rows) {
  Channel w;
  for (std::size_t x = 0; x < rows.size(); ++x) w.inputs.push_back(std::to_string(x));
  for (std::size_t y = 0; y < rows[0].size(); ++y) w.outputs.push_back(std::to_string(y));
  w.rows = std::move(rows);
  return w;
}

Channel bsc(const Rational& e) { return make({{1 - e, e}, {e, 1 - e}}); }

// Inputs p = k/(n-1), k = 0..n-1; outputs the number of ones in m Bernoulli(p) draws.
Channel binomial(unsigned n, unsigned m) {
  std::vector<std::vector<Rational>> rows;
  for (unsigned k = 0; k < n; ++k) {
    const Rational p(k, n - 1);
    std::vector<Rational> row;
    for (unsigned j = 0; j <= m; ++j) {
      Rational c = 1;
      for (unsigned i = 0; i < j; ++i) c = c * (m - i) / (i + 1);
      Rational v = c;
      for (unsigned i = 0; i < j; ++i) v *= p;
      for (unsigned i = j; i < m; ++i) v *= 1 - p;
      row.push_back(v);
    }
    rows.push_back(row);
  }
  return make(rows);
}

Channel random_channel(unsigned nx, unsigned ny, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<Rational>> rows;
  for (unsigned x = 0; x < nx; ++x) {
    std::vector<long> w(ny);
    long s = 0;
    for (auto& v : w) s += (v = static_cast<long>(rng() % 9 + 1));
    std::vector<Rational> row;
    for (long v : w) row.push_back(Rational(v, s));
    rows.push_back(row);
  }
  return make(rows);
}

}  // namespace

int main() {
  std::vector<std::pair<std::string, Channel>> set = {
      {"BSC(1/4)", bsc(Rational(1, 4))},
      {"BSC(1/10)", bsc(Rational(1, 10))},
      {"BSC(49/100)", bsc(Rational(49, 100))},
      {"BEC(1/3)", make({{Rational(2, 3), Rational(1, 3), 0}, {0, Rational(1, 3), Rational(2, 3)}})},
      {"Z(1/2)", make({{1, 0}, {Rational(1, 2), Rational(1, 2)}})},
      {"Z(9/10)", make({{1, 0}, {Rational(9, 10), Rational(1, 10)}})},
      {"4x4 Bernoulli (3 draws)", binomial(4, 3)},
      {"useless third input", make({{1, 0}, {0, 1}, {Rational(1, 2), Rational(1, 2)}})},
      {"noisy typewriter 5", make({{Rational(1, 2), Rational(1, 2), 0, 0, 0}, {0, Rational(1, 2), Rational(1, 2), 0, 0},
                                   {0, 0, Rational(1, 2), Rational(1, 2), 0}, {0, 0, 0, Rational(1, 2), Rational(1, 2)},
                                   {Rational(1, 2), 0, 0, 0, Rational(1, 2)}})}};
  for (unsigned n = 5; n <= 9; ++n) set.push_back({"binomial " + std::to_string(n) + " inputs, 4 draws", binomial(n, 4)});
  for (std::uint64_t s = 1; s <= 3; ++s) set.push_back({"random 6x6 #" + std::to_string(s), random_channel(6, 6, s)});
  for (std::uint64_t s = 1; s <= 3; ++s) set.push_back({"random 16x16 #" + std::to_string(s), random_channel(16, 16, s)});
  set.push_back({"random 64x64 #1", random_channel(64, 64, 1)});
  set.push_back({"random 32x8 #1", random_channel(32, 8, 1)});
  std::printf("certified capacity to 10^-40 (infocert) and double Blahut-Arimoto to 10^-12 (baseline)\n");
  std::printf("%-32s %9s %9s %7s %9s %10s %9s %10s\n", "channel", "support", "BA its", "Newton", "cert ms", "double ms",
              "dbl its", "dbl error");
  std::size_t met = 0;
  double worst = 0;
  for (const auto& [name, w] : set) {
    auto t0 = std::chrono::steady_clock::now();
    CapacityResult c = channel_capacity(w, Rational(1, pow10(40)));
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    t0 = std::chrono::steady_clock::now();
    const DoubleCapacity dc = double_blahut_arimoto(w, 1e-12, 1000000);
    const double v = dc.information;
    const unsigned its = dc.iterations;
    double dms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    // The double value's distance from the certified enclosure (0 inside it).
    const double lo = static_cast<double>(c.capacity.lo), hi = static_cast<double>(c.capacity.hi);
    const double err = v < lo ? lo - v : v > hi ? v - hi : 0.0;
    met += c.width_met;
    worst = std::max(worst, ms);
    std::printf("%-32s %4zu/%-4zu %9u %7u %9.1f %10.2f %9u %10.2e%s\n", name.c_str(), c.support, w.inputs.size(),
                c.iterations, c.newton_iterations, ms, dms, its, err, c.width_met ? "" : "  (10^-40 NOT reached)");
  }
  std::printf("%zu of %zu channels certified to 10^-40; slowest %.1f ms\n", met, set.size(), worst);
  return met == set.size() ? 0 : 1;
}
