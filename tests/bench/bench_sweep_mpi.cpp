// Benchmark and check (-Dmpi=enabled): the sweep of bench_sweep (which hypothesis of Lemma A
// can be dropped, every pair of two-state chains on the 5-point grid) spread over MPI ranks,
// timed, then recomputed on rank 0 alone on one thread; exit 1 unless the two are identical.
//   mpirun -n 2 build-mpi/tests/bench_sweep_mpi [T]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "infocert/engine/horizon.hpp"
#include "infocert/engine/mpi_sweep.hpp"
#include "infocert/engine/parallel.hpp"

using namespace infocert;

namespace {
std::string text_of(const std::map<std::string, DroppedHypothesis>& tally) {
  std::string text;
  for (const auto& [name, d] : tally)
    text += name + ": " + std::to_string(d.pairs) + " pairs, " + std::to_string(d.agree) + " agree, " +
            std::to_string(d.proved) + " proved; " + d.example + "\n";
  return text;
}
}  // namespace

int main(int argc, char** argv) {
  MpiSweeps mpi(&argc, &argv);
  const unsigned t = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 10;
  const std::vector<ChainPair> pairs = grid_pairs(two_state_chains(coarse_probability_grid()));
  const unsigned threads = sweep_threads();
  mpi.barrier();
  const auto start = std::chrono::steady_clock::now();
  const std::string spread = text_of(drop_one_hypothesis(pairs, 2, t));
  mpi.barrier();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int status = 0;
  if (mpi.rank() == 0) {
    // The serial run: no distributor, one thread.
    SweepDistributor saved = sweep_distributor();
    sweep_distributor() = nullptr;
    setenv("INFOCERT_THREADS", "1", 1);
    const auto a = std::chrono::steady_clock::now();
    const std::string serial = text_of(drop_one_hypothesis(pairs, 2, t));
    const double serial_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
    sweep_distributor() = saved;
    std::printf("drop_one_hypothesis over %zu pairs, d <= 2, T = %u\n", pairs.size(), t);
    std::printf("%d MPI rank%s x %u thread%s: %.2f s; serial (1 thread): %.2f s\n", mpi.size(),
                mpi.size() == 1 ? "" : "s", threads, threads == 1 ? "" : "s", seconds, serial_seconds);
    std::printf("%s%s\n", spread.c_str(), spread == serial ? "identical to the serial run" : "RESULTS DIFFER");
    status = spread == serial ? 0 : 1;
  }
  mpi.barrier();
  return status;
}
