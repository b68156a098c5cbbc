#pragma once
/// Progress of long computations. The library reports units of work done out of an
/// expected total through Progress objects; what is shown is up to the program: the command
/// line draws one line on stderr, with the time left, for a task that runs longer than about
/// two seconds. Without an installed reporter a Progress costs one relaxed atomic add.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace infocert {

class ProgressReporter {
 public:
  virtual ~ProgressReporter() = default;
  /// `done` of about `total` units of `task` (total 0: unknown), `seconds` since it began.
  /// Called at most about every 1/8 s per task, under a lock (never concurrently).
  virtual void update(const std::string& task, double done, double total, double seconds) = 0;
  /// The task ended after `seconds`.
  virtual void end(const std::string& task, double seconds) = 0;
};

/// The reporter that every Progress reports to (nullptr: none, the default). Set it before
/// tasks start.
void set_progress_reporter(ProgressReporter* reporter);

/// A time limit for every task from now on (nullopt: none): once it has passed, the next
/// advance() that consults the clock (each time the count passes a multiple of `every`)
/// throws BudgetExceeded naming `knob` (e.g. "--timeout"). Set it before tasks start.
void set_deadline(std::optional<double> seconds_from_now, const std::string& knob = "--timeout");

/// One task: construct with its name and expected total; advance() from any thread. The
/// reporter is consulted each time the count passes a multiple of `every` (1 for coarse
/// steps such as one checker, thousands for fine ones such as one node of an enumeration).
class Progress {
 public:
  Progress(std::string task, double total, std::uint64_t every = 4096);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void advance(std::uint64_t units = 1) {
    const std::uint64_t before = done_.fetch_add(units, std::memory_order_relaxed);
    if (before / every_ != (before + units) / every_) tick();
  }
  /// Units done so far.
  std::uint64_t done() const { return done_.load(std::memory_order_relaxed); }

 private:
  void tick();
  std::string task_;
  double total_;
  std::uint64_t every_;
  ProgressReporter* reporter_;
  std::atomic<std::uint64_t> done_{0};
  std::chrono::steady_clock::time_point start_, last_;
  std::mutex lock_;
};

}  // namespace infocert
