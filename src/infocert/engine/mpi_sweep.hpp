#pragma once
/// Sweeps across MPI ranks (built with -Dmpi=enabled, OpenMPI): while an MpiSweeps lives,
/// every sweep_map of the library spreads its items over the ranks (item i on rank
/// i mod size, each rank on its own threads) and gathers every item's exact text on every
/// rank, so each rank goes on with the serial run's results, bit for bit. All ranks must run
/// the same program on the same inputs (the usual SPMD contract).
#include <string>

namespace infocert {

class MpiSweeps {
 public:
  /// MPI_Init (once per process) and installs the distributor.
  MpiSweeps(int* argc, char*** argv);
  /// Removes the distributor and calls MPI_Finalize.
  ~MpiSweeps();
  MpiSweeps(const MpiSweeps&) = delete;
  MpiSweeps& operator=(const MpiSweeps&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  /// Waits for every rank.
  void barrier() const;

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace infocert
