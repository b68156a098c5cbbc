#include "infocert/engine/conjugate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "infocert/engine/binary_classes.hpp"
#include "infocert/engine/parallel.hpp"
#include "infocert/limits.hpp"
#include "infocert/progress.hpp"

namespace infocert {

namespace {

constexpr unsigned kMaxAlpha = 1000;  // harmonic numbers stay small rationals

void check_parameters(const std::vector<unsigned>& alphas, unsigned long tokens) {
  if (alphas.size() < 2) throw std::invalid_argument("a Dirichlet prior needs at least two parameters");
  for (unsigned a : alphas)
    if (a < 1 || a > kMaxAlpha)
      throw std::invalid_argument("a Dirichlet parameter must be an integer from 1 to " + std::to_string(kMaxAlpha) +
                                  ", found " + std::to_string(a));
  if (tokens < 1) throw std::invalid_argument("at least one token");
}

unsigned long total_of(const std::vector<unsigned>& alphas) {
  unsigned long s = 0;
  for (unsigned a : alphas) s += a;
  return s;
}

Rational harmonic(unsigned long n) {
  Rational h = 0;
  for (unsigned long j = 1; j <= n; ++j) h += Rational(1, j);
  return h;
}

// ln n! for n = 0..N, enclosed: partial sums of ln n.
std::vector<Interval> ln_factorials(unsigned long n_max, mpfr_prec_t prec) {
  std::vector<Interval> table;
  table.reserve(n_max + 1);
  table.emplace_back(prec);
  mpfi_set_ui(table.back().get(), 0);
  Interval term(prec);
  Progress progress("ln n! for n up to " + std::to_string(n_max), static_cast<double>(n_max), 4096);
  for (unsigned long n = 1; n <= n_max; ++n) {
    progress.advance();
    mpfi_set_ui(term.get(), n);
    mpfi_log(term.get(), term.get());
    table.emplace_back(table.back());
    mpfi_add(table.back().get(), table.back().get(), term.get());
  }
  return table;
}

// E[ln Γ(a + k)] for k ~ Beta-binomial(T, a, b), with ln Γ(n) = L[n - 1]. The masses are
// enclosed too, and their sum must contain 1 (a check on the table's indices).
Interval expected_ln_gamma(const std::vector<Interval>& L, unsigned long t, unsigned long a, unsigned long b,
                           mpfr_prec_t prec) {
  const unsigned long a0 = a + b;
  Interval base(prec), ln_p(prec), p(prec), sum(prec), mass(prec), term(prec);
  // ln C(T, k) + ln B(a + k, b + T - k) - ln B(a, b), without the k-dependent parts.
  mpfi_sub(base.get(), L[t].get(), L[a0 + t - 1].get());
  mpfi_sub(base.get(), base.get(), L[a - 1].get());
  mpfi_sub(base.get(), base.get(), L[b - 1].get());
  mpfi_add(base.get(), base.get(), L[a0 - 1].get());
  mpfi_set_ui(sum.get(), 0);
  mpfi_set_ui(mass.get(), 0);
  Progress progress("Beta-binomial(" + std::to_string(t) + ", " + std::to_string(a) + ", " + std::to_string(b) + ") terms",
                    static_cast<double>(t + 1), 4096);
  for (unsigned long k = 0; k <= t; ++k) {
    progress.advance();
    mpfi_sub(ln_p.get(), base.get(), L[k].get());
    mpfi_sub(ln_p.get(), ln_p.get(), L[t - k].get());
    mpfi_add(ln_p.get(), ln_p.get(), L[a + k - 1].get());
    mpfi_add(ln_p.get(), ln_p.get(), L[b + t - k - 1].get());
    mpfi_exp(p.get(), ln_p.get());
    mpfi_add(mass.get(), mass.get(), p.get());
    mpfi_mul(term.get(), p.get(), L[a + k - 1].get());
    mpfi_add(sum.get(), sum.get(), term.get());
  }
  if (!mpfi_is_inside_ui(1, mass.get()))
    throw std::logic_error("dirichlet_information: the Beta-binomial masses do not sum to 1");
  return sum;
}

}  // namespace

Rational dirichlet_conditional_entropy(const std::vector<unsigned>& alphas, unsigned long tokens) {
  check_parameters(alphas, tokens);
  const unsigned long a0 = total_of(alphas);
  const Rational h0 = harmonic(a0);
  Rational per_token = 0;
  for (unsigned a : alphas) per_token += Rational(a, a0) * (h0 - harmonic(a));
  return per_token * Rational(tokens);
}

Interval dirichlet_joint_entropy(const std::vector<unsigned>& alphas, unsigned long tokens, mpfr_prec_t prec) {
  check_parameters(alphas, tokens);
  const unsigned long a0 = total_of(alphas);
  const unsigned long n_max = tokens + a0;
  std::map<unsigned, unsigned> multiplicity;  // distinct α_i: each Beta-binomial sum once
  for (unsigned a : alphas) ++multiplicity[a];
  const std::string what = "H(X1..X" + std::to_string(tokens) + ") under the Dirichlet prior";
  const double scale = std::pow(std::max(1.0, static_cast<double>(prec) / 256.0), 1.5);
  check_work((static_cast<double>(n_max) + 2.0 * multiplicity.size() * static_cast<double>(tokens + 1)) * 80 * scale,
             limits().work, what);
  check_memory(static_cast<double>(n_max + 1) * 2 * (48 + static_cast<double>(prec) / 8), what + " (a table of ln n!)");
  const std::vector<Interval> L = ln_factorials(n_max, prec);
  Interval h(prec);
  mpfi_sub(h.get(), L[a0 + tokens - 1].get(), L[a0 - 1].get());
  for (const auto& [a, count] : multiplicity) {
    Interval e = expected_ln_gamma(L, tokens, a, a0 - a, prec);
    // + count (ln Γ(a) - E[ln Γ(a + k)])
    Interval d(prec);
    mpfi_sub(d.get(), L[a - 1].get(), e.get());
    mpfi_mul_ui(d.get(), d.get(), count);
    mpfi_add(h.get(), h.get(), d.get());
  }
  return h;
}

Rational dirichlet_sequence_probability(const std::vector<unsigned>& alphas, const std::vector<unsigned long>& counts) {
  check_parameters(alphas, 1);
  if (counts.size() != alphas.size())
    throw std::invalid_argument("dirichlet_sequence_probability: one count per parameter expected");
  // Π_i α_i (α_i + 1) ... (α_i + k_i - 1) / (α0 (α0 + 1) ... (α0 + n - 1)).
  Integer num = 1, den = 1;
  unsigned long n = 0;
  for (std::size_t i = 0; i < alphas.size(); ++i) {
    for (unsigned long j = 0; j < counts[i]; ++j) num *= Integer(alphas[i] + j);
    n += counts[i];
  }
  const unsigned long a0 = total_of(alphas);
  for (unsigned long j = 0; j < n; ++j) den *= Integer(a0 + j);
  return Rational(num, den);
}

DirichletInformation dirichlet_information(const std::vector<unsigned>& alphas, unsigned long tokens,
                                           const Rational& max_width) {
  check_parameters(alphas, tokens);
  if (max_width <= 0) throw std::invalid_argument("dirichlet_information: the width must be positive");
  const unsigned long n_max = tokens + total_of(alphas);
  DirichletInformation r;
  r.alphas = alphas;
  r.tokens = tokens;
  r.conditional_entropy = dirichlet_conditional_entropy(alphas, tokens);
  // The width asked, in bits, plus room for the ~N roundings of the table and the cancellation
  // between ln Γ(α0 + T) (about T ln T) and the expectations.
  const double width_bits = static_cast<double>(msb(denominator_of(max_width))) - static_cast<double>(msb(numerator_of(max_width)));
  const double size_bits = std::log2(static_cast<double>(n_max) + 1);
  mpfr_prec_t prec = static_cast<mpfr_prec_t>(std::max(64.0, width_bits) + 3 * size_bits + 64);
  for (int attempt = 0;; ++attempt) {
    const Interval h = dirichlet_joint_entropy(alphas, tokens, prec);
    Interval info(prec);
    mpfi_sub_q(info.get(), h.get(), r.conditional_entropy.backend().data());
    r.joint_entropy = enclosure_of(h);
    r.information = enclosure_of(info);
    if (r.joint_entropy.hi - r.joint_entropy.lo <= max_width && r.information.hi - r.information.lo <= max_width) return r;
    if (attempt >= 6) throw std::runtime_error("dirichlet_information: no enclosure of the width asked at " +
                                               std::to_string(prec) + " bits");
    prec *= 2;
  }
}

double clarke_barron(const std::vector<unsigned>& alphas, unsigned long tokens) {
  check_parameters(alphas, tokens);
  const double k = static_cast<double>(alphas.size()) - 1;
  const unsigned long a0 = total_of(alphas);
  // ψ(n) = H_{n-1} - γ for integers; γ cancels in every difference below except the
  // entropy's, where it is kept.
  const double gamma = 0.57721566490153286061;
  auto psi = [&](unsigned long n) {
    double h = 0;
    for (unsigned long j = 1; j < n; ++j) h += 1.0 / static_cast<double>(j);
    return h - gamma;
  };
  const double pi = 3.14159265358979323846;
  double fisher = 0;
  double entropy = -std::lgamma(static_cast<double>(a0)) + (static_cast<double>(a0) - static_cast<double>(alphas.size())) * psi(a0);
  for (unsigned a : alphas) {
    fisher += -0.5 * (psi(a) - psi(a0));
    entropy += std::lgamma(static_cast<double>(a)) - (static_cast<double>(a) - 1) * psi(a);
  }
  return k / 2 * std::log(static_cast<double>(tokens) / (2 * pi * std::exp(1.0))) + fisher + entropy;
}

}  // namespace infocert

namespace infocert {

namespace {

void check_rows(const std::vector<std::vector<unsigned>>& alphas, unsigned start) {
  if (alphas.size() != 2) throw std::invalid_argument("a Markov chain with Beta rows has two states, one row each");
  for (const auto& row : alphas) {
    if (row.size() != 2) throw std::invalid_argument("each row of a two-state chain has two Beta parameters");
    check_parameters(row, 1);
  }
  if (start > 1) throw std::invalid_argument("the start state is 0 or 1");
}

}  // namespace

Rational markov_beta_path_probability(const std::vector<std::vector<unsigned>>& alphas,
                                      const std::vector<std::vector<unsigned long>>& counts) {
  check_rows(alphas, 0);
  if (counts.size() != 2 || counts[0].size() != 2 || counts[1].size() != 2)
    throw std::invalid_argument("markov_beta_path_probability: a 2 x 2 table of counts expected");
  Rational p = 1;
  for (std::size_t s = 0; s < 2; ++s) p *= dirichlet_sequence_probability(alphas[s], counts[s]);
  return p;
}

MarkovBetaEntropies markov_beta_entropies(const std::vector<std::vector<unsigned>>& alphas, unsigned start,
                                          unsigned long tokens, mpfr_prec_t prec) {
  check_rows(alphas, start);
  if (tokens < 1) throw std::invalid_argument("at least one token");
  const unsigned long t = tokens;
  const unsigned long n_max = t + std::max(alphas[0][0] + alphas[0][1], alphas[1][0] + alphas[1][1]);
  const std::string what = "H(X1..X" + std::to_string(t) + ") of a chain with Beta rows";
  check_work(2.0 * static_cast<double>(t) * static_cast<double>(t) * 40, limits().work, what, "use a smaller horizon");
  check_memory(static_cast<double>(n_max + 1) * 3 * (48 + static_cast<double>(prec) / 8), what + " (tables)");
  const std::vector<Interval> L = ln_factorials(n_max, prec);
  // harmonic[k] = H_k, enclosed.
  std::vector<Interval> harmonic;
  harmonic.reserve(n_max + 1);
  harmonic.emplace_back(prec);
  mpfi_set_ui(harmonic.back().get(), 0);
  Interval term(prec);
  for (unsigned long k = 1; k <= n_max; ++k) {
    mpfi_set_ui(term.get(), 1);
    mpfi_div_ui(term.get(), term.get(), k);
    harmonic.emplace_back(harmonic.back());
    mpfi_add(harmonic.back().get(), harmonic.back().get(), term.get());
  }
  // The path s_0 = start, x_1..x_T: T transitions. With f = start and o the other state, a
  // class is (n_fo, n_of in {n_fo, n_fo - 1}, n_ff); n_oo is the rest.
  const unsigned f = start, o = 1 - start;
  const std::vector<BinaryClassLine> lines = binary_class_lines(t);
  struct Part {
    Interval joint, conditional, mass;
  };
  auto ln_binomial = [&](Interval& out, unsigned long n, unsigned long k) {
    mpfi_sub(out.get(), L[n].get(), L[k].get());
    mpfi_sub(out.get(), out.get(), L[n - k].get());
  };
  const std::vector<Part> parts = parallel_map(lines.size(), [&](std::size_t i) {
    const BinaryClassLine& line = lines[i];
    Part part{Interval(prec), Interval(prec), Interval(prec)};
    mpfi_set_ui(part.joint.get(), 0);
    mpfi_set_ui(part.conditional.get(), 0);
    mpfi_set_ui(part.mass.get(), 0);
    Interval ln_count(prec), other(prec), ln_p(prec), mass(prec), cond(prec), x(prec);
    for (unsigned long nff = line.lowest_ff(); nff <= line.rest; ++nff) {
      const unsigned long noo = line.rest - nff;
      unsigned long n[2][2];
      n[f][f] = nff;
      n[f][o] = line.fo;
      n[o][f] = line.of;
      n[o][o] = noo;
      const BinaryClassCount c = binary_class_count(line, nff);
      binary_class_size(ln_count, other, c, ln_binomial, [](Interval& x, const Interval& y) { mpfi_add(x.get(), x.get(), y.get()); });
      // ln P = Σ_s [Σ_j (ln Γ(α_sj + n_sj) - ln Γ(α_sj)) - (ln Γ(α_s + n_s) - ln Γ(α_s))].
      mpfi_set_ui(ln_p.get(), 0);
      mpfi_set_ui(cond.get(), 0);
      for (unsigned s = 0; s < 2; ++s) {
        const unsigned long as = alphas[s][0] + alphas[s][1], ns = n[s][0] + n[s][1];
        mpfi_sub(ln_p.get(), ln_p.get(), L[as + ns - 1].get());
        mpfi_add(ln_p.get(), ln_p.get(), L[as - 1].get());
        for (unsigned j = 0; j < 2; ++j) {
          const unsigned long a = alphas[s][j];
          mpfi_add(ln_p.get(), ln_p.get(), L[a + n[s][j] - 1].get());
          mpfi_sub(ln_p.get(), ln_p.get(), L[a - 1].get());
          if (n[s][j] == 0) continue;
          // n_sj (H_{α_s + n_s - 1} - H_{α_sj + n_sj - 1})
          mpfi_sub(x.get(), harmonic[as + ns - 1].get(), harmonic[a + n[s][j] - 1].get());
          mpfi_mul_ui(x.get(), x.get(), n[s][j]);
          mpfi_add(cond.get(), cond.get(), x.get());
        }
      }
      // mass = count P; joint += -mass ln P; conditional += mass cond.
      mpfi_add(mass.get(), ln_count.get(), ln_p.get());
      mpfi_exp(mass.get(), mass.get());
      mpfi_add(part.mass.get(), part.mass.get(), mass.get());
      mpfi_mul(x.get(), mass.get(), ln_p.get());
      mpfi_sub(part.joint.get(), part.joint.get(), x.get());
      mpfi_mul(x.get(), mass.get(), cond.get());
      mpfi_add(part.conditional.get(), part.conditional.get(), x.get());
    }
    return part;
  });
  MarkovBetaEntropies r{Interval(prec), Interval(prec)};
  mpfi_set_ui(r.joint.get(), 0);
  mpfi_set_ui(r.conditional.get(), 0);
  Interval mass(prec);
  mpfi_set_ui(mass.get(), 0);
  for (const Part& part : parts) {
    mpfi_add(r.joint.get(), r.joint.get(), part.joint.get());
    mpfi_add(r.conditional.get(), r.conditional.get(), part.conditional.get());
    mpfi_add(mass.get(), mass.get(), part.mass.get());
  }
  if (!mpfi_is_inside_ui(1, mass.get()))
    throw std::logic_error("markov_beta_entropies: the classes' masses do not sum to 1");
  return r;
}

}  // namespace infocert
