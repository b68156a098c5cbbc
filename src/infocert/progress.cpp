#include "infocert/progress.hpp"

#include <cstdio>

#include "infocert/error.hpp"

namespace infocert {
namespace {
std::atomic<ProgressReporter*> installed{nullptr};
std::mutex reporting;  // one update at a time, across tasks
std::optional<std::chrono::steady_clock::time_point> deadline;
std::chrono::steady_clock::time_point deadline_set;
std::string deadline_knob;
}  // namespace

void set_deadline(std::optional<double> seconds, const std::string& knob) {
  deadline_set = std::chrono::steady_clock::now();
  deadline_knob = knob;
  deadline.reset();
  if (seconds)
    deadline = deadline_set + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(*seconds));
}

void set_progress_reporter(ProgressReporter* reporter) { installed.store(reporter); }

Progress::Progress(std::string task, double total, std::uint64_t every)
    : task_(std::move(task)), total_(total), every_(every == 0 ? 1 : every), reporter_(installed.load()), start_(std::chrono::steady_clock::now()),
      last_(start_ - std::chrono::seconds(1)) {}  // the first crossing reports at once

Progress::~Progress() {
  if (!reporter_) return;
  std::lock_guard<std::mutex> guard(reporting);
  reporter_->end(task_, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
}

void Progress::tick() {
  const auto now = std::chrono::steady_clock::now();
  if (deadline && now >= *deadline) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "stopped after %.1f s at the time limit (%s) while %s", std::chrono::duration<double>(now - deadline_set).count(),
                  deadline_knob.c_str(), task_.c_str());
    throw BudgetExceeded(buf);
  }
  if (!reporter_) return;
  {
    std::lock_guard<std::mutex> guard(lock_);
    if (every_ > 1 && now - last_ < std::chrono::milliseconds(125)) return;
    last_ = now;
  }
  std::lock_guard<std::mutex> guard(reporting);
  reporter_->update(task_, static_cast<double>(done()), total_, std::chrono::duration<double>(now - start_).count());
}

}  // namespace infocert
