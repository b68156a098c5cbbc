#pragma once
/// Monte Carlo estimates for models without a closed form: the estimation error
/// I(X_1..X_T; weights) of the transformer environment with Gaussian weights, sandwiched
/// from below (plug-in information of batches) and above (E KL(P_w || Q) against a mixture
/// Q of independent draws). Double precision: estimates with 95% t intervals, never
/// certified values.
#include <cstdint>
#include <random>
#include <vector>

#include "infocert/models/transformer.hpp"

namespace infocert {

/// A sample mean with its two-sided 95% Student t interval.
struct McEstimate {
  double mean = 0, lo = 0, hi = 0;
};
/// Mean and 95% interval of a sample of 2 to 128 values (Student t quantiles for n - 1
/// degrees of freedom; throws std::invalid_argument for sizes without a tabulated quantile).
McEstimate mean_interval(const std::vector<double>& sample);

/// The law of all d^t token sequences under one weight draw, in lexicographic order.
std::vector<double> sequence_law(const Transformer& m, const RealWeights& w, unsigned t);
/// Entropy (nats) of a probability vector, and relative entropy D(p || q).
double entropy_of(const std::vector<double>& p);
double relative_entropy(const std::vector<double>& p, const std::vector<double>& q);

/// How many weight draws the sandwich uses.
struct SandwichPlan {
  unsigned batches = 8, batch_size = 16;        ///< lower estimate: plug-in information per batch
  unsigned reference = 64, upper_samples = 64;  ///< upper estimate: Q from `reference` draws, KL over fresh ones
};

/// Lower and upper estimates of I(X_1..X_t; weights) / t, drawing weights with `rng`.
struct InformationSandwich {
  McEstimate lower, upper;
};
InformationSandwich information_sandwich(const Transformer& m, unsigned t, std::mt19937_64& rng,
                                         const SandwichPlan& plan = {});

}  // namespace infocert
