#include "infocert/measure/trend.hpp"

#include <cmath>

#include "infocert/exact/enclosure.hpp"

namespace infocert {

std::optional<LogLinearFit> log_linear_fit(const std::vector<LogForm>& values) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    Enclosure en = enclose(values[i], Rational(1, pow10(30)));
    double v = static_cast<double>(en.lo);
    if (!(v > 0)) continue;
    double x = static_cast<double>(i + 1), y = std::log(v);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    ++k;
  }
  if (k < 2) return std::nullopt;
  const double n = static_cast<double>(k);
  return LogLinearFit{(n * sxy - sx * sy) / (n * sxx - sx * sx), k};
}

}  // namespace infocert
