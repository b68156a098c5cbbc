#include "infocert/models/jeon_bounds.hpp"

#include "infocert/exact/decide.hpp"

namespace infocert {

LogForm thm35_bound_times_t(std::size_t p, unsigned l, unsigned k, std::uint64_t t) {
  LogForm f = LogForm::constant(Rational(static_cast<long>(p * l)));
  f += LogForm::ln_rational(Rational(136L * k * k), Rational(static_cast<long>(p * l)));
  f += LogForm::ln_rational(Rational(Integer(2L * k) * Integer(t) * Integer(t), Integer(l)), Rational(static_cast<long>(p)));
  return f;
}

std::uint64_t thm35_crossover(std::size_t p, unsigned l, unsigned k, unsigned d) {
  auto below = [&](std::uint64_t t) {
    return decide(Rational(1, static_cast<long>(t)) * thm35_bound_times_t(p, l, k, t), Relation::lt,
                  LogForm::ln(Integer(static_cast<long>(d))))
        .holds;
  };
  std::uint64_t hi = 1;
  while (!below(hi)) hi *= 2;
  std::uint64_t lo = hi / 2;  // below(lo) is false (or lo = 0)
  while (hi - lo > 1) {
    std::uint64_t mid = lo + (hi - lo) / 2;
    (below(mid) ? hi : lo) = mid;
  }
  return hi;
}

Interval thm45_bound_per_token(unsigned p, unsigned l, unsigned rr, unsigned n, unsigned k, unsigned m, unsigned t,
                               bool paper, mpfr_prec_t prec) {
  auto ln = [&](const Rational& x) { return evaluate(LogForm::ln_rational(x), prec); };
  Interval a = ln(Rational(rr + m, rr)), first = ln(Rational(136L * k * k)), one(prec),
           second = ln(Rational(Integer(2L * k * m) * t * t, Integer(l)));
  mpfi_set_ui(one.get(), 1);
  mpfi_add(first.get(), first.get(), one.get());  // ln(136 e K^2) = ln(136 K^2) + 1
  Interval sum(prec), term(prec);
  mpfi_add(sum.get(), first.get(), second.get());
  if (paper) {
    mpfi_mul_ui(term.get(), first.get(), l);
    mpfi_add(sum.get(), term.get(), second.get());
  }
  mpfi_mul(sum.get(), sum.get(), a.get());
  Rational scale(static_cast<long>(p * rr), static_cast<long>(m * t));
  mpfi_mul_q(sum.get(), sum.get(), scale.backend().data());
  Interval intra = ln(Rational(n));
  mpfi_div_ui(intra.get(), intra.get(), t);
  mpfi_add(sum.get(), sum.get(), intra.get());
  return sum;
}

std::vector<Thm45Point> thm45_forms(unsigned p, unsigned L, unsigned R, unsigned N, unsigned K, const std::vector<unsigned>& Ms,
                                    const std::vector<unsigned>& Ts, mpfr_prec_t precision) {
  std::vector<Thm45Point> out;
  for (unsigned m : Ms)
    for (unsigned t : Ts)
      out.push_back({m, t, thm45_bound_per_token(p, L, R, N, K, m, t, false, precision),
                     thm45_bound_per_token(p, L, R, N, K, m, t, true, precision)});
  return out;
}

}  // namespace infocert
