#include "infocert/distribution/channel.hpp"
#include "infocert/progress.hpp"

#include <mpfr.h>

#include <cmath>
#include <stdexcept>

#include "infocert/distribution/joint.hpp"

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

// A small RAII vector of MPFR numbers at one precision.
class Reals {
 public:
  Reals(std::size_t n, mpfr_prec_t prec) : v_(n) {
    for (auto& x : v_) mpfr_init2(x, prec);
  }
  ~Reals() {
    for (auto& x : v_) mpfr_clear(x);
  }
  Reals(const Reals&) = delete;
  Reals& operator=(const Reals&) = delete;
  mpfr_ptr operator[](std::size_t i) { return v_[i]; }

 private:
  std::vector<mpfr_t> v_;
};

// D(W(.|x) || q) for every x, in MPFR (round to nearest).
void divergences(const Channel& w, Reals& p, Reals& wr, Reals& d, mpfr_prec_t prec) {
  const std::size_t nx = w.inputs.size(), ny = w.outputs.size();
  Reals q(ny, prec);
  mpfr_t t, l;
  mpfr_init2(t, prec);
  mpfr_init2(l, prec);
  for (std::size_t y = 0; y < ny; ++y) {
    mpfr_set_ui(q[y], 0, MPFR_RNDN);
    for (std::size_t x = 0; x < nx; ++x) {
      mpfr_mul(t, p[x], wr[x * ny + y], MPFR_RNDN);
      mpfr_add(q[y], q[y], t, MPFR_RNDN);
    }
  }
  for (std::size_t x = 0; x < nx; ++x) {
    mpfr_set_ui(d[x], 0, MPFR_RNDN);
    for (std::size_t y = 0; y < ny; ++y) {
      if (mpfr_zero_p(wr[x * ny + y])) continue;
      mpfr_div(l, wr[x * ny + y], q[y], MPFR_RNDN);
      mpfr_log(l, l, MPFR_RNDN);
      mpfr_mul(l, l, wr[x * ny + y], MPFR_RNDN);
      mpfr_add(d[x], d[x], l, MPFR_RNDN);
    }
  }
  mpfr_clear(t);
  mpfr_clear(l);
}

// The certified sandwich for a rational prior: [lo I(p), max_x hi D(W_x || pW)].
Enclosure sandwich(const Channel& w, const std::vector<Rational>& prior, mpfr_prec_t prec, Enclosure* info) {
  const std::size_t nx = w.inputs.size(), ny = w.outputs.size();
  std::vector<Rational> q(ny, Rational(0));
  for (std::size_t x = 0; x < nx; ++x)
    for (std::size_t y = 0; y < ny; ++y) q[y] += prior[x] * w.rows[x][y];
  // D(W_x || q) = Σ_y W ln(W / q): each term an exact log-form of rationals.
  Rational upper;
  bool first = true;
  LogForm i_form;
  for (std::size_t x = 0; x < nx; ++x) {
    LogFormBuilder b;
    for (std::size_t y = 0; y < ny; ++y) {
      if (w.rows[x][y] == 0) continue;
      Rational ratio = w.rows[x][y] / q[y];
      b.add_ln(numerator_of(ratio), w.rows[x][y]);
      b.add_ln(denominator_of(ratio), Rational(-w.rows[x][y]));
    }
    LogForm dx = b.finish();
    Interval e = evaluate(dx, prec);
    if (first || e.upper() > upper) upper = e.upper();
    first = false;
    if (prior[x] != 0) i_form += prior[x] * dx;
  }
  Interval ie = evaluate(i_form, prec);
  *info = {ie.lower(), ie.upper(), prec};
  return {ie.lower(), upper, prec};
}

}  // namespace

CapacityResult channel_capacity(const Channel& w, const Rational& max_width, unsigned max_iterations) {
  const std::size_t nx = w.inputs.size(), ny = w.outputs.size();
  if (max_width <= 0) throw std::invalid_argument("channel_capacity: the width must be positive");
  // -log2(width) from the bit lengths of its numerator and denominator: a double would
  // underflow below 10^-308.
  const Integer num = numerator_of(max_width), den = denominator_of(max_width);
  double want = static_cast<double>(mpz_sizeinbase(den.backend().data(), 2)) -
                static_cast<double>(mpz_sizeinbase(num.backend().data(), 2)) + 1;
  if (want < 64) want = 64;
  const mpfr_prec_t prec = static_cast<mpfr_prec_t>(2 * want + 64);
  const unsigned digits = static_cast<unsigned>(want * 0.30103) + 1;
  Reals p(nx, prec), wr(nx * ny, prec), d(nx, prec);
  for (std::size_t x = 0; x < nx; ++x) {
    mpfr_set_ui(p[x], 1, MPFR_RNDN);
    mpfr_div_ui(p[x], p[x], static_cast<unsigned long>(nx), MPFR_RNDN);
    for (std::size_t y = 0; y < ny; ++y) mpfr_set_q(wr[x * ny + y], w.rows[x][y].backend().data(), MPFR_RNDN);
  }
  CapacityResult result;
  mpfr_t s;
  mpfr_init2(s, prec);
  // Check the sandwich every `stride` iterations; the rounded prior is what is certified.
  unsigned stride = 1;
  Progress progress("Blahut-Arimoto iterations (at most " + std::to_string(max_iterations) + ")", 0, 256);
  for (unsigned it = 0;; ++it) {
    progress.advance();
    if (it % stride == 0 || it == max_iterations) {
      std::vector<Rational> exact(nx);
      for (std::size_t x = 0; x < nx; ++x) mpfr_get_q(exact[x].backend().data(), p[x]);
      std::vector<Rational> rounded = round_prior(exact, digits / 2 + 8);
      Enclosure info;
      Enclosure c = sandwich(w, rounded, prec, &info);
      result = {c, rounded, info, it, c.hi - c.lo <= max_width};
      if (result.width_met || it >= max_iterations) break;
      if (it >= 64) stride = std::min(1024u, stride * 2);
    }
    // p(x) <- p(x) exp(D(W_x || pW)) / Σ
    divergences(w, p, wr, d, prec);
    mpfr_set_ui(s, 0, MPFR_RNDN);
    for (std::size_t x = 0; x < nx; ++x) {
      mpfr_exp(d[x], d[x], MPFR_RNDN);
      mpfr_mul(p[x], p[x], d[x], MPFR_RNDN);
      mpfr_add(s, s, p[x], MPFR_RNDN);
    }
    for (std::size_t x = 0; x < nx; ++x) mpfr_div(p[x], p[x], s, MPFR_RNDN);
  }
  mpfr_clear(s);
  return result;
}

}  // namespace infocert
