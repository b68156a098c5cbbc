#include "infocert/engine/mpi_sweep.hpp"

#include <mpi.h>

#include <climits>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "infocert/engine/parallel.hpp"

namespace infocert {

namespace {

// Item i runs on rank i mod size; every rank receives every text.
std::vector<std::string> distribute(std::size_t count, const std::function<std::string(std::size_t)>& item) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const std::size_t p = static_cast<std::size_t>(size), r = static_cast<std::size_t>(rank);
  auto share = [&](std::size_t q) { return q < count ? (count - q + p - 1) / p : 0; };
  std::vector<std::string> mine;
  std::string error;
  try {
    mine = parallel_map(share(r), [&](std::size_t k) { return item(r + k * p); });
  } catch (const std::exception& e) {
    error = e.what();
  }
  // Every rank learns whether one failed before any gathering.
  int ok = error.empty() ? 1 : 0, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) throw std::runtime_error(error.empty() ? "a sweep item failed on another MPI rank" : error);
  // The lengths of every rank's texts, then their bytes.
  std::vector<unsigned long long> lengths;
  std::string bytes;
  for (const std::string& t : mine) {
    lengths.push_back(t.size());
    bytes += t;
  }
  if (bytes.size() > static_cast<std::size_t>(INT_MAX) / 2)
    throw std::runtime_error("a distributed sweep's results exceed what one MPI message holds");
  std::vector<int> item_counts(p), item_offsets(p), byte_counts(p), byte_offsets(p);
  for (std::size_t q = 0; q < p; ++q) item_counts[q] = static_cast<int>(share(q));
  for (std::size_t q = 1; q < p; ++q) item_offsets[q] = item_offsets[q - 1] + item_counts[q - 1];
  std::vector<unsigned long long> all_lengths(count);
  MPI_Allgatherv(lengths.data(), static_cast<int>(lengths.size()), MPI_UNSIGNED_LONG_LONG, all_lengths.data(),
                 item_counts.data(), item_offsets.data(), MPI_UNSIGNED_LONG_LONG, MPI_COMM_WORLD);
  const int my_bytes = static_cast<int>(bytes.size());
  MPI_Allgather(&my_bytes, 1, MPI_INT, byte_counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  long long total = 0;
  for (std::size_t q = 0; q < p; ++q) {
    byte_offsets[q] = static_cast<int>(total);
    total += byte_counts[q];
    if (total > INT_MAX) throw std::runtime_error("a distributed sweep's results exceed what one MPI message holds");
  }
  std::string all_bytes(static_cast<std::size_t>(total), '\0');
  MPI_Allgatherv(bytes.data(), my_bytes, MPI_CHAR, all_bytes.data(), byte_counts.data(), byte_offsets.data(), MPI_CHAR,
                 MPI_COMM_WORLD);
  // Back into index order: rank q's k-th text is item q + k p.
  std::vector<std::string> out(count);
  for (std::size_t q = 0; q < p; ++q) {
    std::size_t at = static_cast<std::size_t>(byte_offsets[q]);
    for (std::size_t k = 0; k < share(q); ++k) {
      const std::size_t len = all_lengths[static_cast<std::size_t>(item_offsets[q]) + k];
      out[q + k * p] = all_bytes.substr(at, len);
      at += len;
    }
  }
  return out;
}

}  // namespace

MpiSweeps::MpiSweeps(int* argc, char*** argv) {
  int started = 0;
  MPI_Initialized(&started);
  if (!started) MPI_Init(argc, argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  sweep_distributor() = distribute;
}

MpiSweeps::~MpiSweeps() {
  sweep_distributor() = nullptr;
  int finished = 0;
  MPI_Finalized(&finished);
  if (!finished) MPI_Finalize();
}

void MpiSweeps::barrier() const { MPI_Barrier(MPI_COMM_WORLD); }

}  // namespace infocert
