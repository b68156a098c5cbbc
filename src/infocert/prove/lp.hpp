#pragma once
/// Exact rational linear programmes for the prover, solved by cddlib in GMP rationals
/// (its dual simplex, with a floating-point start that cddlib re-checks in rationals). No
/// floating-point number decides anything here.
#include <optional>
#include <utility>
#include <vector>

#include "infocert/prove/shannon.hpp"

namespace infocert::prove::lp {

struct Solution {
  Rational optimum;  ///< min objective · h
  Form point;        ///< an optimal h
  std::vector<std::size_t> tight;  ///< the rows of the final basis (non-basic in cddlib's terms): independent
};

/// min objective · h over h in R^(2^k - 1) (coordinates: masks 1..2^k-1) subject to
/// rows[i] · h >= 0 (= 0 where equality[i]) and h(full set) <= 1.
Solution minimise(const std::vector<Form>& rows, const std::vector<bool>& equality, const Form& objective, unsigned k);

/// The same programme solved in floating point (GLPK's simplex): only a guess of the
/// optimal basis, which the caller certifies in exact arithmetic or discards.
struct FloatBasis {
  double optimum = 0;
  std::vector<std::size_t> tight;  ///< rows non-basic at the optimum (index rows.size(): h(full) <= 1)
  std::vector<Mask> zero;          ///< coordinates non-basic (free, at 0)
};
std::optional<FloatBasis> float_basis(const std::vector<Form>& rows, const std::vector<bool>& equality,
                                      const Form& objective, unsigned k);

/// The rows a floating-point solve of min Σ y_i (over inequality rows) subject to
/// Σ y_i rows_i = target, y_i >= 0 on inequality rows, uses: a sparse proposal of a
/// certificate's support (empty when the solve fails).
std::vector<std::size_t> float_sparse_support(const std::vector<Form>& rows, const std::vector<bool>& equality,
                                              const Form& target);

struct Column {
  const Form* form;
  bool nonnegative;  ///< the multiplier must be >= 0
};
/// Multipliers y with Σ y_j columns_j = target exactly (y_j >= 0 where nonnegative), the
/// sum of the non-negative ones least; nullopt when there are none.
std::optional<std::vector<Rational>> combination(const std::vector<Column>& columns, const Form& target);

}  // namespace infocert::prove::lp
