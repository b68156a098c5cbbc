#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "infocert/engine/enumerate.hpp"
#include "infocert/models/latent_mixture.hpp"
#include "infocert/error.hpp"
#include "infocert/progress.hpp"

using namespace infocert;

namespace {
struct Recorder : ProgressReporter {
  std::vector<double> done;
  double total = -1;
  int ends = 0;
  std::string task;
  void update(const std::string& t, double d, double n, double) override {
    task = t;
    done.push_back(d);
    total = n;
  }
  void end(const std::string&, double) override { ++ends; }
};
// Installs a reporter for one test and removes it afterwards.
struct Installed {
  explicit Installed(ProgressReporter* r) { set_progress_reporter(r); }
  ~Installed() { set_progress_reporter(nullptr); }
};
}  // namespace

TEST_CASE("coarse progress reports every step, with the task and its total") {
  Recorder r;
  Installed guard(&r);
  {
    Progress p("three steps", 3, 1);
    for (int i = 0; i < 3; ++i) p.advance();
    CHECK(p.done() == 3);
  }
  CHECK(r.task == "three steps");
  CHECK(r.done == std::vector<double>{1, 2, 3});
  CHECK(r.total == 3);
  CHECK(r.ends == 1);
}

TEST_CASE("fine progress is counted exactly across threads, and reported only at multiples of `every`") {
  Recorder r;
  Installed guard(&r);
  {
    Progress p("many", 4 * 10000, 4096);
    std::vector<std::thread> workers;
    for (int w = 0; w < 4; ++w)
      workers.emplace_back([&] {
        for (int i = 0; i < 10000; ++i) p.advance();
      });
    for (auto& t : workers) t.join();
    CHECK(p.done() == 40000);
  }
  // At most one report per 4096 units (9 multiples below 40000), and fewer when the 1/8 s
  // spacing skips some.
  CHECK(r.done.size() <= 9);
  CHECK(r.ends == 1);
}

TEST_CASE("without a reporter nothing is reported; the enumeration counts its nodes") {
  Recorder r;
  {
    Progress p("unseen", 2, 1);
    p.advance(2);
  }
  CHECK(r.done.empty());
  CHECK(r.ends == 0);
  Installed guard(&r);
  // A fair coin over 12 tokens: 2^13 - 1 nodes, so at least one report at 4096.
  LatentMixture m = make_mixture({bernoulli(Rational(1, 2))}, {Rational(1)}, 12);
  SequenceEngine e(m);
  std::size_t nodes = 0;
  e.for_each_node(12, [&](unsigned, const std::vector<std::uint32_t>&, const std::vector<Integer>&) { ++nodes; });
  CHECK(nodes == 8191);
  REQUIRE(!r.done.empty());
  CHECK(r.task == "enumerating 12 tokens");
  CHECK(r.total == 8191);
  CHECK(r.ends == 1);
}

TEST_CASE("a time limit stops the next task that consults the clock, with a BudgetExceeded naming the knob") {
  set_deadline(0.0, "--timeout");
  {
    Progress p("a task", 10, 1);
    CHECK_THROWS_WITH_AS(p.advance(), doctest::Contains("at the time limit (--timeout) while a task"), BudgetExceeded);
  }
  // Inside an enumeration, from its worker threads too (a model big enough to use them).
  LatentMixture m = make_mixture({bernoulli(Rational(1, 3)), bernoulli(Rational(1, 2))}, {Rational(1, 2), Rational(1, 2)}, 16);
  SequenceEngine e(m);
  CHECK_THROWS_AS(e.entropy({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}), BudgetExceeded);
  set_deadline(std::nullopt);
  {
    Progress p("no limit", 10, 1);
    CHECK_NOTHROW(p.advance());
  }
  SequenceEngine again(m);
  CHECK_FALSE(again.entropy({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}).is_zero());
}
