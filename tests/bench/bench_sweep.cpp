// Benchmark: the sweep behind lemmaA.hypotheses (which hypothesis of Lemma A can be dropped),
// over every pair of two-state chains on the 5-point grid (theta = 1/2) and every ordered
// pair at theta = 0, on 1 thread and on every core, with the results compared for identity.
//   build/tests/bench_sweep [T]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "infocert/engine/horizon.hpp"
#include "infocert/engine/parallel.hpp"

using namespace infocert;

int main(int argc, char** argv) {
  const unsigned t = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 10;
  const std::vector<ChainPair> pairs = grid_pairs(two_state_chains(coarse_probability_grid()));
  std::printf("drop_one_hypothesis over %zu pairs, d <= 2, T = %u\n", pairs.size(), t);
  std::string first;
  bool same = true;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned threads : {1u, cores}) {
    setenv("INFOCERT_THREADS", std::to_string(threads).c_str(), 1);
    auto a = std::chrono::steady_clock::now();
    auto tally = drop_one_hypothesis(pairs, 2, t);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
    std::string text;
    for (const auto& [name, d] : tally)
      text += name + ": " + std::to_string(d.pairs) + " pairs, " + std::to_string(d.agree) + " agree, " +
              std::to_string(d.proved) + " proved; " + d.example + "\n";
    if (first.empty()) first = text;
    same = same && text == first;
    std::printf("%u thread%s: %.2f s\n", threads, threads == 1 ? "" : "s", s);
  }
  std::printf("%s%s\n", first.c_str(), same ? "identical on every thread count" : "RESULTS DIFFER");
  return same ? 0 : 1;
}
