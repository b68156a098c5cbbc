#pragma once
/// The bounds of Jeon et al. (2024) on the estimation error of the transformer environment
/// (Theorem 3.5) and of sparse mixtures of transformers (Theorem 4.5), as functions of
/// their parameters.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/logform.hpp"

namespace infocert {

/// Theorem 3.5 times T: p L ln(136 e K^2) + p ln(2 K T^2 / L), an exact log-form (ln e = 1
/// is its rational part). p parameters, depth L, context K.
LogForm thm35_bound_times_t(std::size_t p, unsigned L, unsigned K, std::uint64_t T);
/// The smallest T at which the bound per token is below ln d (decided exactly; the bound
/// per token decreases in T).
std::uint64_t thm35_crossover(std::size_t p, unsigned L, unsigned K, unsigned d);
/// Theorem 4.5 per token, enclosed at `precision` bits:
/// p R ln(1 + M/R) [c L ln(136 e K^2) + ln(2 K M T^2 / L)] / (M T) + ln(N) / T, with c = 1
/// (the paper's form, `with_factor_l`) or the factor L dropped (the blog's form).
Interval thm45_bound_per_token(unsigned p, unsigned L, unsigned R, unsigned N, unsigned K, unsigned M, unsigned T,
                               bool with_factor_l, mpfr_prec_t precision);

/// Theorem 4.5's two forms at every (M, T) of Ms x Ts (M outer) for one parameter set.
struct Thm45Point {
  unsigned M = 0, T = 0;
  Interval blog, paper;
};
std::vector<Thm45Point> thm45_forms(unsigned p, unsigned L, unsigned R, unsigned N, unsigned K, const std::vector<unsigned>& Ms,
                                    const std::vector<unsigned>& Ts, mpfr_prec_t precision);

}  // namespace infocert
