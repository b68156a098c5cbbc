#include "infocert/progress.hpp"

namespace infocert {
namespace {
std::atomic<ProgressReporter*> installed{nullptr};
std::mutex reporting;  // one update at a time, across tasks
}  // namespace

void set_progress_reporter(ProgressReporter* reporter) { installed.store(reporter); }

Progress::Progress(std::string task, double total, std::uint64_t every)
    : task_(std::move(task)), total_(total), every_(every == 0 ? 1 : every), reporter_(installed.load()), start_(std::chrono::steady_clock::now()),
      last_(start_ - std::chrono::seconds(1)) {}  // the first crossing reports at once

Progress::~Progress() {
  if (!reporter_) return;
  std::lock_guard<std::mutex> guard(reporting);
  reporter_->end(task_, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
}

void Progress::report() {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> guard(lock_);
    if (every_ > 1 && now - last_ < std::chrono::milliseconds(125)) return;
    last_ = now;
  }
  std::lock_guard<std::mutex> guard(reporting);
  reporter_->update(task_, static_cast<double>(done()), total_, std::chrono::duration<double>(now - start_).count());
}

}  // namespace infocert
