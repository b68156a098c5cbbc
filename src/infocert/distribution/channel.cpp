#include "infocert/distribution/channel.hpp"

#include <mpfr.h>

#include <algorithm>
#include <boost/multiprecision/mpfr.hpp>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include "infocert/distribution/joint.hpp"
#include "infocert/limits.hpp"
#include "infocert/progress.hpp"

namespace infocert {


LogForm channel_information(const Channel& w, const std::vector<Rational>& prior) {
  // I(X;Y) = H(Y) - H(Y|X), both exact.
  std::vector<Rational> q(w.outputs.size(), Rational(0));
  LogForm h_given;
  for (std::size_t x = 0; x < w.inputs.size(); ++x) {
    if (prior[x] == 0) continue;
    for (std::size_t y = 0; y < q.size(); ++y) q[y] += prior[x] * w.rows[x][y];
    h_given += prior[x] * entropy_of_pmf(w.rows[x]);
  }
  return entropy_of_pmf(q) - h_given;
}

std::vector<Rational> round_prior(const std::vector<Rational>& p, unsigned digits) {
  std::vector<Rational> out;
  Rational total = 0;
  std::size_t last = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    out.push_back(parse_rational(to_decimal(p[i], digits, 0)));
    if (out.back() < 0) out.back() = 0;
    if (out.back() > 0) last = i;
    total += out.back();
  }
  out[last] += 1 - total;
  if (out[last] < 0) throw std::runtime_error("round_prior: cannot round this prior");
  return out;
}

namespace {

// The certified sandwich for a rational prior: [lo I(p), max_x hi D(W_x || pW)], each
// D(W_x || q) = Σ_y W ln(W / q) enclosed with MPFI from the exact rationals W and q.
Enclosure sandwich(const Channel& w, const std::vector<Rational>& prior, mpfr_prec_t prec, Enclosure* info) {
  const std::size_t nx = w.inputs.size(), ny = w.outputs.size();
  std::vector<Rational> q(ny, Rational(0));
  for (std::size_t x = 0; x < nx; ++x)
    for (std::size_t y = 0; y < ny; ++y) q[y] += prior[x] * w.rows[x][y];
  Rational upper;
  Interval info_sum = interval_of(Rational(0), prec), term(prec), dx(prec);
  for (std::size_t x = 0; x < nx; ++x) {
    mpfi_set_ui(dx.get(), 0);
    for (std::size_t y = 0; y < ny; ++y) {
      if (w.rows[x][y] == 0) continue;
      const Rational ratio = w.rows[x][y] / q[y];
      mpfi_set_q(term.get(), ratio.backend().data());
      mpfi_log(term.get(), term.get());
      mpfi_mul_q(term.get(), term.get(), w.rows[x][y].backend().data());
      mpfi_add(dx.get(), dx.get(), term.get());
    }
    const Rational hi = dx.upper();
    if (x == 0 || hi > upper) upper = hi;
    if (prior[x] != 0) {
      mpfi_mul_q(term.get(), dx.get(), prior[x].backend().data());
      mpfi_add(info_sum.get(), info_sum.get(), term.get());
    }
  }
  *info = {info_sum.lower(), info_sum.upper(), prec};
  return {info_sum.lower(), upper, prec};
}

using Real = boost::multiprecision::mpfr_float;

Real real_of(const Rational& q) {
  Real r;
  mpfr_set_q(r.backend().data(), q.backend().data(), MPFR_RNDN);
  return r;
}

// The channel's rows as Real, at the current default precision.
std::vector<std::vector<Real>> real_rows(const Channel& ch) {
  std::vector<std::vector<Real>> w(ch.rows.size());
  for (std::size_t x = 0; x < ch.rows.size(); ++x)
    for (const Rational& v : ch.rows[x]) w[x].push_back(real_of(v));
  return w;
}

// Σ_y W(y|x) ln W(y|x) for every row x, in Real: the part of D(W_x || q) that does not
// depend on the prior, computed once per precision.
std::vector<Real> row_negentropy(const std::vector<std::vector<Real>>& w) {
  std::vector<Real> h(w.size(), Real(0));
  for (std::size_t x = 0; x < w.size(); ++x)
    for (const Real& v : w[x])
      if (v != 0) h[x] += v * log(v);
  return h;
}

// D(W_x || pW) = h_x - Σ_y W(y|x) ln q(y) for every x, in Real: ny logarithms, not nx ny.
std::vector<Real> divergences_of(const std::vector<std::vector<Real>>& w, const std::vector<Real>& h,
                                 const std::vector<Real>& p, std::vector<Real>* q_out) {
  const std::size_t nx = w.size(), ny = w[0].size();
  std::vector<Real> q(ny, Real(0)), d(nx, Real(0)), logq(ny, Real(0));
  for (std::size_t x = 0; x < nx; ++x)
    if (p[x] != 0)
      for (std::size_t y = 0; y < ny; ++y) q[y] += p[x] * w[x][y];
  for (std::size_t y = 0; y < ny; ++y)
    if (q[y] != 0) logq[y] = log(q[y]);
  for (std::size_t x = 0; x < nx; ++x) {
    Real cross = 0;
    bool unreached = false;  // W(y|x) > 0 = q(y): D is infinite, as the direct sum says
    for (std::size_t y = 0; y < ny; ++y)
      if (w[x][y] != 0) {
        if (q[y] == 0) unreached = true;
        cross += w[x][y] * logq[y];
      }
    d[x] = unreached ? std::numeric_limits<Real>::infinity() : Real(h[x] - cross);
  }
  if (q_out) *q_out = std::move(q);
  return d;
}

// Solves a x = b in place (Gaussian elimination, partial pivoting); false when singular.
bool solve(std::vector<std::vector<Real>>& a, std::vector<Real>& b) {
  const std::size_t n = b.size();
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t piv = k;
    for (std::size_t i = k + 1; i < n; ++i)
      if (abs(a[i][k]) > abs(a[piv][k])) piv = i;
    if (a[piv][k] == 0) return false;
    std::swap(a[k], a[piv]);
    std::swap(b[k], b[piv]);
    for (std::size_t i = k + 1; i < n; ++i) {
      const Real f = a[i][k] / a[k][k];
      if (f == 0) continue;
      for (std::size_t j = k; j < n; ++j) a[i][j] -= f * a[k][j];
      b[i] -= f * b[k];
    }
  }
  for (std::size_t k = n; k-- > 0;) {
    for (std::size_t j = k + 1; j < n; ++j) b[k] -= a[k][j] * b[j];
    b[k] /= a[k][k];
  }
  return true;
}

// Newton's method on the KKT conditions on the support: F_x = D(W_x || q) - C = 0 for x in
// it and Σ p = 1, with dF_x/dp_x' = -Σ_y W_xy W_x'y / q_y and dF_x/dC = -1. Updates p
// (zero outside the support) and c; the number of steps, or 0 when it fails (a singular
// system, a step leaving the simplex, no convergence).
unsigned kkt_newton(const std::vector<std::vector<Real>>& w, const std::vector<Real>& h,
                    const std::vector<std::size_t>& support, std::vector<Real>& p, Real& c, const Real& tolerance) {
  const std::size_t n = support.size(), ny = w[0].size();
  for (unsigned step = 1; step <= 80; ++step) {
    std::vector<Real> q;
    std::vector<Real> d = divergences_of(w, h, p, &q);
    for (std::size_t y = 0; y < ny; ++y)
      if (q[y] == 0) {
        bool used = false;
        for (std::size_t x : support) used = used || w[x][y] != 0;
        if (used) return 0;
      }
    std::vector<std::vector<Real>> a(n + 1, std::vector<Real>(n + 1, Real(0)));
    std::vector<Real> b(n + 1, Real(0));
    // The Jacobian is symmetric: W_x / q once per support row, then n (n + 1) / 2 sums.
    std::vector<std::vector<Real>> scaled(n, std::vector<Real>(ny, Real(0)));
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t y = 0; y < ny; ++y)
        if (q[y] != 0 && w[support[i]][y] != 0) scaled[i][y] = w[support[i]][y] / q[y];
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i; j < n; ++j) {
        Real sum = 0;
        for (std::size_t y = 0; y < ny; ++y)
          if (scaled[i][y] != 0) sum += scaled[i][y] * w[support[j]][y];
        a[i][j] = -sum;
        if (j != i) a[j][i] = a[i][j];
      }
    for (std::size_t i = 0; i < n; ++i) {
      a[i][n] = -1;
      b[i] = -(d[support[i]] - c);
      a[n][i] = 1;
    }
    Real total = 0;
    for (std::size_t x : support) total += p[x];
    b[n] = -(total - 1);
    if (!solve(a, b)) return 0;
    Real largest = 0;
    for (std::size_t i = 0; i <= n; ++i) largest = std::max(largest, Real(abs(b[i])));
    for (std::size_t i = 0; i < n; ++i) {
      p[support[i]] += b[i];
      if (p[support[i]] <= 0) return 0;
    }
    c += b[n];
    if (largest < tolerance) return step;
  }
  return 0;
}

// Temporarily sets the decimal precision of new Real values (a process-wide setting).
struct RealDigits {
  unsigned before;
  explicit RealDigits(unsigned digits10) : before(Real::default_precision()) { Real::default_precision(digits10); }
  ~RealDigits() { Real::default_precision(before); }
};

// The prior from Blahut-Arimoto's `start` made exact to the working precision by Newton on
// the KKT conditions, the support adjusted until they hold; nullopt when that fails.
std::optional<std::pair<std::vector<Rational>, unsigned>> newton_prior(const Channel& ch, const std::vector<Rational>& start,
                                                                       unsigned digits10) {
  RealDigits guard(digits10);
  const std::size_t nx = ch.inputs.size();
  const std::vector<std::vector<Real>> w = real_rows(ch);
  const std::vector<Real> h = row_negentropy(w);
  std::vector<Real> p(nx);
  for (std::size_t x = 0; x < nx; ++x) p[x] = real_of(start[x]);
  std::vector<Real> d = divergences_of(w, h, p, nullptr);
  Real hi = *std::max_element(d.begin(), d.end()), lo = 0;
  for (std::size_t x = 0; x < nx; ++x) lo += p[x] * d[x];
  // The support: inputs whose divergence is within reach of the maximum.
  const Real reach = std::max(Real(100) * (hi - lo), Real("1e-12"));
  std::vector<bool> in(nx);
  for (std::size_t x = 0; x < nx; ++x) in[x] = d[x] >= hi - reach;
  const Real tolerance = pow(Real(10), -static_cast<int>(digits10) + 8);
  unsigned steps = 0;
  for (std::size_t round = 0; round < 2 * nx + 2; ++round) {
    std::vector<std::size_t> support;
    Real mass = 0;
    for (std::size_t x = 0; x < nx; ++x)
      if (in[x]) {
        support.push_back(x);
        mass += p[x];
      }
    if (support.empty()) return std::nullopt;
    std::vector<Real> trial(nx, Real(0));
    for (std::size_t x : support) trial[x] = mass > 0 ? Real(p[x] / mass) : Real(Real(1) / support.size());
    Real c = hi;
    const unsigned k = kkt_newton(w, h, support, trial, c, tolerance);
    if (k == 0) {
      // Drop the support input of least weight and try again.
      std::size_t least = support.front();
      for (std::size_t x : support)
        if (p[x] < p[least]) least = x;
      in[least] = false;
      continue;
    }
    steps += k;
    p = trial;
    d = divergences_of(w, h, p, nullptr);
    std::size_t worst = nx;
    for (std::size_t x = 0; x < nx; ++x)
      if (!in[x] && d[x] > c + tolerance && (worst == nx || d[x] > d[worst])) worst = x;
    if (worst == nx) {
      std::vector<Rational> exact(nx);
      for (std::size_t x = 0; x < nx; ++x) mpfr_get_q(exact[x].backend().data(), p[x].backend().data());
      return std::make_pair(round_prior(exact, digits10 - 4), steps);
    }
    in[worst] = true;
  }
  return std::nullopt;
}

}  // namespace

DoubleCapacity double_blahut_arimoto(const Channel& ch, double gap, unsigned limit) {
  const std::size_t nx = ch.inputs.size(), ny = ch.outputs.size();
  std::vector<std::vector<double>> w(nx, std::vector<double>(ny));
  for (std::size_t x = 0; x < nx; ++x)
    for (std::size_t y = 0; y < ny; ++y) w[x][y] = static_cast<double>(ch.rows[x][y]);
  // D(W_x || q) = Σ_y W(y|x) ln W(y|x) - Σ_y W(y|x) ln q(y): the first sum once, the
  // logarithms of q once per iteration (ny of them, not nx ny).
  std::vector<double> negentropy(nx, 0.0);
  for (std::size_t x = 0; x < nx; ++x)
    for (std::size_t y = 0; y < ny; ++y)
      if (w[x][y] > 0) negentropy[x] += w[x][y] * std::log(w[x][y]);
  DoubleCapacity r{std::vector<double>(nx, 1.0 / static_cast<double>(nx)), 0, 0};
  std::vector<double>& p = r.prior;
  std::vector<double> d(nx), q(ny), logq(ny);
  Progress progress("double-precision Blahut-Arimoto (at most " + std::to_string(limit) + " iterations)",
                    static_cast<double>(limit), 64);
  for (;; ++r.iterations) {
    progress.advance();
    std::fill(q.begin(), q.end(), 0.0);
    for (std::size_t x = 0; x < nx; ++x)
      for (std::size_t y = 0; y < ny; ++y) q[y] += p[x] * w[x][y];
    // q(y) = 0 (a prior weight underflowed): a row reaching y gets a D of about W(y|x) times
    // the largest double, where the direct sum had +inf (exp overflows the same way below);
    // a row with W(y|x) = 0 gets 0 * -max = 0.
    for (std::size_t y = 0; y < ny; ++y) logq[y] = q[y] > 0 ? std::log(q[y]) : -std::numeric_limits<double>::max();
    double hi = -1, s = 0;
    r.information = 0;
    for (std::size_t x = 0; x < nx; ++x) {
      double cross = 0;
      for (std::size_t y = 0; y < ny; ++y) cross += w[x][y] * logq[y];
      d[x] = negentropy[x] - cross;
      r.information += p[x] * d[x];
      hi = std::max(hi, d[x]);
    }
    if (hi - r.information < gap || r.iterations >= limit) break;
    for (std::size_t x = 0; x < nx; ++x) s += (p[x] *= std::exp(d[x]));
    for (auto& v : p) v /= s;
  }
  return r;
}

CapacityResult channel_capacity(const Channel& w, const Rational& max_width, unsigned max_iterations, bool newton) {
  const std::size_t nx = w.inputs.size();
  if (max_width <= 0) throw std::invalid_argument("channel_capacity: the width must be positive");
  // -log2(width) from the bit lengths of its numerator and denominator: a double would
  // underflow below 10^-308.
  const Integer num = numerator_of(max_width), den = denominator_of(max_width);
  double want = static_cast<double>(mpz_sizeinbase(den.backend().data(), 2)) -
                static_cast<double>(mpz_sizeinbase(num.backend().data(), 2)) + 1;
  if (want < 64) want = 64;
  const mpfr_prec_t prec = static_cast<mpfr_prec_t>(2 * want + 64);
  const unsigned digits = static_cast<unsigned>(want * 0.30103) + 1;
  // The budget, before anything runs. Per channel entry: the double Blahut-Arimoto (20,000
  // iterations of two multiply-adds, about 400 steps of the ~100 ns unit) and Newton with
  // the sandwich at the working precision (about 300 steps at 256 bits, growing with the
  // precision r = prec / 256 as r^1.2 + r^1.6 / 10: fitted to 400 x 400 at 40 digits, 50 x 50
  // at 1000 and 5 x 5 at 10000).
  const double entries = static_cast<double>(nx) * static_cast<double>(w.outputs.size());
  const double ratio = std::max(1.0, static_cast<double>(prec) / 256.0);
  const double mp = std::pow(ratio, 1.2) + std::pow(ratio, 1.6) / 10;
  const std::string what = "the capacity of a " + std::to_string(nx) + " x " + std::to_string(w.outputs.size()) +
                           " channel at " + std::to_string(prec) + " bits";
  const double planned = entries * ((newton ? 400 : 0) + 300 * mp);
  check_work(planned, limits().work, what, "ask for fewer --digits");
  // The high-precision iteration (when Newton does not certify) gets what is left: each
  // iteration costs about 4 steps per entry at 256 bits.
  const double per_iteration = entries * 4 * mp;
  const double left = limits().work - planned;
  bool cut = false;
  if (per_iteration * max_iterations > left) {
    max_iterations = std::max(1u, static_cast<unsigned>(left / per_iteration));
    cut = true;
  }
  // Newton runs a few digits short of the working precision; the rounding keeps them all.
  const unsigned newton_digits = static_cast<unsigned>(static_cast<double>(prec) * 0.30103) - 4;
  CapacityResult result;
  // First a double-precision Blahut-Arimoto to find the support, then Newton at the working
  // precision; the high-precision iteration below only when that does not certify.
  std::optional<std::pair<std::vector<Rational>, unsigned>> found;
  if (newton) {
    const DoubleCapacity ba = double_blahut_arimoto(w, 1e-10, 20000);
    std::vector<Rational> start(nx);
    for (std::size_t x = 0; x < nx; ++x) mpq_set_d(start[x].backend().data(), ba.prior[x]);
    if ((found = newton_prior(w, start, newton_digits))) {
      Enclosure info;
      Enclosure c = sandwich(w, found->first, prec, &info);
      result = {c, found->first, info, ba.iterations, found->second, 0, c.hi - c.lo <= max_width};
    }
  }
  // Blahut-Arimoto at the working precision: p(x) <- p(x) exp(D(W_x || pW)) / Σ.
  RealDigits guard(newton_digits + 4);
  const std::vector<std::vector<Real>> wr = real_rows(w);
  const std::vector<Real> hr = row_negentropy(wr);
  std::vector<Real> p(nx, Real(1) / static_cast<unsigned>(nx));
  unsigned newton_at = 256;  // Blahut-Arimoto iterations before Newton is tried (then every 4x)
  // Check the sandwich every `stride` iterations; the rounded prior is what is certified.
  unsigned stride = 1;
  Progress progress("Blahut-Arimoto iterations (at most " + std::to_string(max_iterations) + ")", 0, 256);
  for (unsigned it = 0; !result.width_met; ++it) {
    progress.advance();
    if (it % stride == 0 || it == max_iterations) {
      std::vector<Rational> exact(nx);
      for (std::size_t x = 0; x < nx; ++x) mpfr_get_q(exact[x].backend().data(), p[x].backend().data());
      std::vector<Rational> rounded = round_prior(exact, digits + 8);
      Enclosure info;
      Enclosure c = sandwich(w, rounded, prec, &info);
      result = {c, rounded, info, it, 0, 0, c.hi - c.lo <= max_width};
      if (newton && !result.width_met && it == newton_at) {
        newton_at *= 4;
        if ((found = newton_prior(w, exact, newton_digits))) {
          Enclosure ni;
          Enclosure nc = sandwich(w, found->first, prec, &ni);
          if (nc.hi - nc.lo < c.hi - c.lo) result = {nc, found->first, ni, it, found->second, 0, nc.hi - nc.lo <= max_width};
        }
      }
      if (result.width_met || it >= max_iterations) break;
      if (it >= 64) stride = std::min(1024u, stride * 2);
    }
    const std::vector<Real> d = divergences_of(wr, hr, p, nullptr);
    Real sum = 0;
    for (std::size_t x = 0; x < nx; ++x) sum += (p[x] *= exp(d[x]));
    for (auto& v : p) v /= sum;
  }
  for (const auto& x : result.prior) result.support += x != 0;
  result.iteration_limit = max_iterations;
  result.cut_by_work = cut;
  return result;
}

}  // namespace infocert
