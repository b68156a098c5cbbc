// Benchmark: infocert prove on the literature set (tests/data/prove/literature.json), each
// problem decided exactly with its certificate re-checked, next to the same linear programme
// solved in floating point by GLPK's simplex (the approach of ITIP-style tools), in the same
// run, and cddlib's exact programme alone. Times are the median of 3 runs; exact ms
// includes writing the certificate and certcheck's re-check.
//   build/tests/bench_prove [LITERATURE.json]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "infocert/cases/certcheck.hpp"
#include "infocert/cases/proof_files.hpp"
#include "infocert/prove/shannon.hpp"
#include "infocert_version.hpp"
#include "infocert/prove/lp.hpp"

using namespace infocert;

namespace {

double median_ms(const std::function<void()>& f) {
  std::vector<double> t;
  for (int i = 0; i < 3; ++i) {
    auto a = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[1];
}

/// min form·h over the elemental inequalities and the constraints, h(all) <= 1, solved by
/// GLPK in doubles without reduction: true when the optimum is >= -1e-9 (for = claims, both
/// directions).
bool float_holds(const prove::Problem& p) {
  unsigned n = static_cast<unsigned>(p.variables.size());
  std::vector<prove::Form> rows;
  std::vector<bool> equality;
  for (const auto& b : prove::elemental(n)) {
    rows.push_back(prove::basic_form(b));
    equality.push_back(false);
  }
  for (const auto& g : p.given) {
    rows.push_back(g.form);
    equality.push_back(g.equality);
  }
  auto holds = [&](const prove::Form& f) {
    auto b = prove::lp::float_basis(rows, equality, f, n);
    return b && b->optimum >= -1e-9;
  };
  prove::Form negated;
  for (const auto& [s, c] : p.form) negated[s] = -c;
  return holds(p.form) && (p.op != Relation::eq || holds(negated));
}

}  // namespace

int main(int argc, char** argv) {
  std::string file = argc > 1 ? argv[1] : std::string(INFOCERT_DATA_DIR) + "/../tests/data/prove/literature.json";
  std::ifstream in(file);
  if (!in) {
    std::fprintf(stderr, "bench_prove: cannot read %s\n", file.c_str());
    return 2;
  }
  nlohmann::json doc = nlohmann::json::parse(in);
  std::printf("%-36s %3s %-17s %9s %9s %9s %6s %9s %7s %s\n", "problem", "n", "outcome", "exact ms", "cdd ms", "cert B",
              "terms", "float ms", "ratio", "float agrees");
  int failures = 0;
  for (const auto& item : doc["problems"]) {
    prove::Problem p = prove::make_problem(item["claim"].get<std::string>(), item["given"].get<std::vector<std::string>>());
    prove::Result r;
    std::string cert;
    double exact = median_ms([&] {
      r = prove::prove(p);
      cert = prove::certificate_json(r);
      if (!certcheck::check(cert, "bench").accepted) ++failures;
    });
    // cddlib's exact programme alone (no floating-point proposals), for comparison.
    prove::Result alone;
    double cdd = median_ms([&] { alone = prove::prove(p, {false}); });
    if (alone.outcome != r.outcome) ++failures;
    std::size_t terms = 0;
    for (const auto& part : r.proof) terms += part.inequalities.size() + part.given.size();
    std::string outcome = prove::outcome_name(r.outcome);
    if (outcome != item["expected"].get<std::string>()) ++failures;
    std::printf("%-36s %3zu %-17s %9.1f %9.1f %9zu %6zu", item["name"].get<std::string>().c_str(), p.variables.size(),
                outcome.c_str(), exact, cdd, cert.size(), terms);
    bool holds = false;
    double flt = median_ms([&] { holds = float_holds(p); });
    bool agrees = holds == (r.outcome == prove::Outcome::proved);
    std::printf(" %9.1f %7.2f %s\n", flt, exact / std::max(flt, 1e-3), agrees ? "yes" : "NO");
    std::fflush(stdout);
  }
  if (failures) std::printf("%d problems did not get their expected outcome or certificate\n", failures);
  return failures ? 1 : 0;
}
