#include "infocert/engine/monte_carlo.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>

namespace infocert {

namespace {
/// Two-sided 95% quantiles of Student's t (the 0.975 quantile) by degrees of freedom.
double t975(std::size_t dof) {
  static const std::map<std::size_t, double> table = {{1, 12.706205}, {3, 3.182446}, {7, 2.364624}, {15, 2.131450},
                                                      {31, 2.039513}, {63, 1.998341}, {127, 1.978971}};
  auto it = table.find(dof);
  if (it == table.end())
    throw std::invalid_argument("mean_interval: no t quantile for " + std::to_string(dof) +
                                " degrees of freedom (sample sizes 2, 4, 8, 16, 32, 64, 128)");
  return it->second;
}
}  // namespace

McEstimate mean_interval(const std::vector<double>& v) {
  if (v.size() < 2) throw std::invalid_argument("mean_interval: at least two values are needed");
  const double tq = t975(v.size() - 1);
  double m = 0, s = 0;
  for (double x : v) m += x;
  m /= static_cast<double>(v.size());
  for (double x : v) s += (x - m) * (x - m);
  double half = tq * std::sqrt(s / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
  return {m, m - half, m + half};
}

std::vector<double> sequence_law(const Transformer& m, const RealWeights& w, unsigned t) {
  std::map<std::vector<std::uint32_t>, std::vector<double>> cache;
  std::vector<double> out;
  std::vector<std::uint32_t> h;
  std::function<void(double)> go = [&](double mass) {
    if (h.size() == t) {
      out.push_back(mass);
      return;
    }
    std::size_t k = std::min<std::size_t>(m.K, h.size());
    std::vector<std::uint32_t> key(h.end() - static_cast<long>(k), h.end());  // empty only before the first token
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, next_token_double(m, w, key)).first;
    std::vector<double> p = it->second;
    for (std::uint32_t x = 0; x < m.d; ++x) {
      h.push_back(x);
      go(mass * p[x]);
      h.pop_back();
    }
  };
  go(1.0);
  return out;
}

double entropy_of(const std::vector<double>& p) {
  double h = 0;
  for (double q : p)
    if (q > 0) h -= q * std::log(q);
  return h;
}

double relative_entropy(const std::vector<double>& p, const std::vector<double>& q) {
  double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] > 0) s += p[i] * std::log(p[i] / q[i]);
  return s;
}

InformationSandwich information_sandwich(const Transformer& m, unsigned t, std::mt19937_64& rng, const SandwichPlan& plan) {
  // Lower: plug-in information of each batch (uniform prior on its draws).
  std::vector<double> lower, upper;
  for (unsigned b = 0; b < plan.batches; ++b) {
    std::vector<std::vector<double>> laws;
    for (unsigned i = 0; i < plan.batch_size; ++i) laws.push_back(sequence_law(m, sample_weights(m, rng), t));
    std::vector<double> mix(laws[0].size(), 0.0);
    double cond = 0;
    for (const auto& law : laws) {
      for (std::size_t s = 0; s < law.size(); ++s) mix[s] += law[s] / plan.batch_size;
      cond += entropy_of(law) / plan.batch_size;
    }
    lower.push_back((entropy_of(mix) - cond) / t);
  }
  // Upper: E KL(P_theta || Q) with Q from independent draws.
  std::vector<double> q;
  for (unsigned i = 0; i < plan.reference; ++i) {
    auto law = sequence_law(m, sample_weights(m, rng), t);
    if (q.empty()) q.assign(law.size(), 0.0);
    for (std::size_t s = 0; s < law.size(); ++s) q[s] += law[s] / plan.reference;
  }
  for (unsigned i = 0; i < plan.upper_samples; ++i)
    upper.push_back(relative_entropy(sequence_law(m, sample_weights(m, rng), t), q) / t);
  return {mean_interval(lower), mean_interval(upper)};
}

}  // namespace infocert
