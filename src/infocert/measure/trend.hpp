#pragma once
/// Describing a trend of certified values: the least-squares slope of ln v_i against i
/// (i = 1, 2, ...), in double precision from the values' certified lower ends. A
/// description, never a certified quantity.
#include <cstddef>
#include <optional>
#include <vector>

#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/logform.hpp"

namespace infocert {

struct LogLinearFit {
  double slope = 0;        ///< v_i ~ C exp(slope i)
  std::size_t points = 0;  ///< positive values used (i = 1..points)
};
/// nullopt with fewer than two positive values.
std::optional<LogLinearFit> log_linear_fit(const std::vector<LogForm>& values);
/// The same at abscissae x_i for enclosed values (their lower ends); non-positive lower
/// ends are skipped.
std::optional<LogLinearFit> log_linear_fit(const std::vector<double>& x, const std::vector<Interval>& values);

}  // namespace infocert
