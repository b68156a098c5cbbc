#include "infocert/measure/trend.hpp"

#include <cmath>
#include <stdexcept>

namespace infocert {

namespace {
// Least squares of ln v against x over the pairs with v > 0.
std::optional<LogLinearFit> fit(const std::vector<std::pair<double, double>>& points) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  std::size_t k = 0;
  for (const auto& [x, v] : points) {
    if (!(v > 0)) continue;
    const double y = std::log(v);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    ++k;
  }
  const double n = static_cast<double>(k);
  if (k < 2 || n * sxx - sx * sx == 0) return std::nullopt;
  return LogLinearFit{(n * sxy - sx * sy) / (n * sxx - sx * sx), k};
}
}  // namespace

std::optional<LogLinearFit> log_linear_fit(const std::vector<LogForm>& values) {
  std::vector<std::pair<double, double>> points;
  for (std::size_t i = 0; i < values.size(); ++i)
    points.emplace_back(static_cast<double>(i + 1), static_cast<double>(enclose(values[i], Rational(1, pow10(30))).lo));
  return fit(points);
}

std::optional<LogLinearFit> log_linear_fit(const std::vector<double>& x, const std::vector<Interval>& values) {
  if (x.size() != values.size()) throw std::invalid_argument("log_linear_fit: as many abscissae as values expected");
  std::vector<std::pair<double, double>> points;
  for (std::size_t i = 0; i < x.size(); ++i) points.emplace_back(x[i], static_cast<double>(values[i].lower()));
  return fit(points);
}

}  // namespace infocert
