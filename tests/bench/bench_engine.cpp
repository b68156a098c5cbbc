// Benchmark: H(X1..XT) and I(X1..XT; theta) of Markov mixtures certified to 1e-40, next to
// a plain double-precision enumeration of the same quantities (the obvious loop). Each
// target runs in its own process so that its peak memory is its own.
//   build/tests/bench_engine            all targets (the 3-symbol double baseline takes minutes)
//   build/tests/bench_engine quick      the binary targets only
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "infocert/engine/enumerate.hpp"
#include "infocert/exact/enclosure.hpp"

using namespace infocert;

namespace {

StateModel chain(std::vector<std::vector<Rational>> rows, std::uint32_t start) {
  StateModel m;
  for (std::size_t i = 0; i < rows.size(); ++i) m.alphabet.push_back(std::string(1, static_cast<char>('a' + i)));
  m.states = m.alphabet;
  m.initial = start;
  m.emit = rows;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::uint32_t> next;
    for (std::uint32_t x = 0; x < rows.size(); ++x) next.push_back(x);
    m.next.push_back(next);
  }
  return m;
}

LatentMixture binary(unsigned t) {
  return make_mixture({chain({{Rational(3, 4), Rational(1, 4)}, {Rational(1, 2), Rational(1, 2)}}, 0),
                       chain({{Rational(1, 3), Rational(2, 3)}, {Rational(1, 5), Rational(4, 5)}}, 0)},
                      {Rational(1, 2), Rational(1, 2)}, t);
}

LatentMixture ternary(unsigned t) {
  return make_mixture({chain({{Rational(1, 2), Rational(1, 4), Rational(1, 4)}, {Rational(1, 3), Rational(1, 3), Rational(1, 3)},
                              {Rational(1, 6), Rational(1, 6), Rational(2, 3)}}, 0),
                       chain({{Rational(1, 5), Rational(2, 5), Rational(2, 5)}, {Rational(1, 2), Rational(1, 4), Rational(1, 4)},
                              {Rational(1, 3), Rational(1, 3), Rational(1, 3)}}, 1),
                       chain({{Rational(1, 3), Rational(1, 3), Rational(1, 3)}, {Rational(1, 3), Rational(1, 3), Rational(1, 3)},
                              {Rational(1, 3), Rational(1, 3), Rational(1, 3)}}, 0)},
                      {Rational(1, 2), Rational(1, 3), Rational(1, 6)}, t);
}

// The obvious loop: every sequence, probabilities in double, -Σ p ln p.
void plain_double(const LatentMixture& m, double* h, double* info) {
  const std::size_t d = m.alphabet.size(), nc = m.components.size();
  const unsigned t = m.doc_lengths.front();
  std::vector<std::vector<std::vector<double>>> p(nc);
  std::vector<double> w(nc);
  std::vector<std::uint32_t> start(nc);
  for (std::size_t c = 0; c < nc; ++c) {
    const StateModel& s = m.models[m.components[c].doc_model[0]];
    w[c] = static_cast<double>(m.components[c].weight);
    start[c] = s.initial;
    p[c].assign(d, std::vector<double>(d));
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t j = 0; j < d; ++j) p[c][i][j] = static_cast<double>(s.emit[i][j]);
  }
  double hx = 0, hj = 0;
  std::vector<std::uint32_t> x(t, 0);
  std::vector<double> pc(nc);
  for (;;) {
    double mix = 0;
    for (std::size_t c = 0; c < nc; ++c) {
      double q = w[c];
      std::uint32_t s = start[c];
      for (unsigned k = 0; k < t; ++k) {
        q *= p[c][s][x[k]];
        s = x[k];
      }
      pc[c] = q;
      mix += q;
    }
    if (mix > 0) hx -= mix * std::log(mix);
    for (double q : pc)
      if (q > 0) hj -= q * std::log(q);
    std::size_t i = 0;
    while (i < t && ++x[i] == d) x[i++] = 0;
    if (i == t) break;
  }
  double hth = 0;
  for (double q : w) hth -= q * std::log(q);
  *h = hx;
  *info = hx + hth - hj;
}

double seconds(const std::function<void()>& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs f in a child process; returns its peak RSS in MiB. f prints its own line.
long in_child(const std::function<void()>& f) {
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    f();
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  return usage.ru_maxrss / 1024;
}

void certified(const char* label, LatentMixture m, bool classes) {
  long rss = in_child([&]() {
    SequenceEngine e(m);
    e.set_type_classes(classes);
    const unsigned t = m.doc_lengths.front();
    VarSet tokens, with_theta{0};
    for (unsigned k = 0; k < t; ++k) {
      tokens.push_back(m.token_var(k));
      with_theta.push_back(m.token_var(k));
    }
    std::string hv, iv;
    double s = seconds([&]() {
      QueryEvaluator q(e);
      std::string h = "X1..X" + std::to_string(t);
      for (const char* query : {"H(", "I("}) {
        Query parsed = parse_query(std::string(query) + h + (query[0] == 'I' ? ";theta)" : ")"));
        for (mpfr_prec_t prec = 256;; prec *= 2) {
          Interval x = q.evaluate_interval(parsed, Unit::nat, prec);
          if (x.upper() - x.lower() <= Rational(1, pow10(41))) {
            (query[0] == 'H' ? hv : iv) = certify_enclosure({x.lower(), x.upper(), prec}, 40).value;
            break;
          }
        }
      }
    });
    std::printf("  %-34s %9.3f s   H = %s\n  %-34s %9s     I = %s\n", label, s, hv.c_str(), "", "", iv.c_str());
  });
  std::printf("  %-34s %9s     peak RSS %ld MiB\n", "", "", rss);
}

double baseline(const char* label, const LatentMixture& m) {
  double s = 0;
  long rss = in_child([&]() {
    double h = 0, info = 0;
    double t = seconds([&]() { plain_double(m, &h, &info); });
    std::printf("  %-34s %9.3f s   H = %.17g, I = %.17g\n", label, t, h, info);
    std::FILE* f = std::fopen("/tmp/infocert-bench-baseline", "w");
    if (f) {
      std::fprintf(f, "%.9f\n", t);
      std::fclose(f);
    }
  });
  if (std::FILE* f = std::fopen("/tmp/infocert-bench-baseline", "r")) {
    if (std::fscanf(f, "%lf", &s) != 1) s = 0;
    std::fclose(f);
    std::remove("/tmp/infocert-bench-baseline");
  }
  std::printf("  %-34s %9s     peak RSS %ld MiB\n", "", "", rss);
  return s;
}

double timed_certified(const char* label, LatentMixture m, bool classes) {
  auto start = std::chrono::steady_clock::now();
  certified(label, std::move(m), classes);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = argc > 1 && std::strcmp(argv[1], "quick") == 0;
  std::printf("H(X1..XT) and I(X1..XT; theta), certified to 1e-40 (infocert) or in double (baseline)\n");
  std::printf("\n2 components, 2 symbols, T = 24\n");
  double a = timed_certified("infocert (type classes)", binary(24), true);
  double b = baseline("plain double enumeration", binary(24));
  std::printf("  ratio infocert / double: %.3f\n", a / b);
  std::printf("\n2 components, 2 symbols, T = 20: the enumeration engine\n");
  double e = timed_certified("infocert (enumeration, 2 threads)", binary(20), false);
  double f = baseline("plain double enumeration", binary(20));
  std::printf("  ratio enumeration / double: %.3f\n", e / f);
  std::printf("\n2 components, 2 symbols, T = 400\n");
  timed_certified("infocert (type classes)", binary(400), true);
  if (!quick) {
    std::printf("\n3 components, 3 symbols, T = 20\n");
    double c = timed_certified("infocert (type classes)", ternary(20), true);
    double g = baseline("plain double enumeration", ternary(20));
    std::printf("  ratio infocert / double: %.3f\n", c / g);
  }
  return 0;
}
