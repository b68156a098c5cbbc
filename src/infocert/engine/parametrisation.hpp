#pragma once
/// Other parametrisations of the same sequence distribution (Lemmas B.1 and B.2).
#include "infocert/distribution/channel.hpp"
#include "infocert/engine/enumerate.hpp"

namespace infocert {

/// The prefix-k parametrisation of a single-document process over its T tokens:
/// theta = (X_1..X_k), drawn with the process's own law; given theta the model emits theta
/// and then continues with the process's conditional laws P(X_{t+1} | h). It has the same
/// sequence distribution, and I(H_T; theta) = H(X_1..X_k). k = 0 is the constant full table
/// of next-token laws (estimation error 0); k = T encodes the whole sequence in theta
/// (estimation error H(H_T)).
LatentMixture prefix_parametrisation(SequenceEngine& process, unsigned k);

/// True when the two single-document models give every sequence of length T the same
/// probability (checked one sequence at a time).
bool same_sequence_law(const SequenceEngine& a, const SequenceEngine& b, unsigned t, std::size_t* checked = nullptr);

/// The estimation-error quantities of a single-document model with latent theta over its T
/// tokens H_T: I(H_T; theta), H(H_T) and H(H_T | theta), exact.
struct EstimationErrors {
  LogForm info, entropy, residual;
};
EstimationErrors estimation_errors(SequenceEngine& model);

/// The prefix-k parametrisation of a process, built and measured: how many values theta
/// takes, whether its sequence law is the process's (checked sequence by sequence, over the
/// process's T tokens), its estimation errors, and H(X_1..X_k), which I(H_T; theta) equals.
struct MeasuredParametrisation {
  LatentMixture model;
  bool same_law = false;
  std::size_t sequences_checked = 0;
  EstimationErrors errors;
  LogForm prefix_entropy;
};
MeasuredParametrisation measure_prefix_parametrisation(SequenceEngine& process, unsigned k);

/// Between Lemmas B.1 and B.2: the prefix-k parametrisations of a process for k = 0..T,
/// measured, with the process's own estimation errors. `rises`: each has the process's law
/// and I(H_T; theta) = H(X_1..X_k), and the errors rise strictly (certified) from 0 at k = 0
/// to H(H_T) at k = T.
struct ParametrisationRange {
  std::vector<MeasuredParametrisation> by_prefix;  ///< [k]
  EstimationErrors natural;
  bool rises = false;
};
ParametrisationRange parametrisation_range(SequenceEngine& process);

/// Every token sequence of length t over d symbols, in lexicographic order.
std::vector<std::vector<std::uint32_t>> all_sequences(std::size_t d, unsigned t);

/// The channel theta -> (X_1..X_t) of a family of models over one alphabet: input k is
/// model k (named by the model), output the sequence (its symbols concatenated), entry its
/// probability under the model.
Channel sequence_channel(const std::vector<StateModel>& family, unsigned t);

/// Priors over a family of models for t tokens, by their estimation error I(H_t; theta)
/// (exact, on the sequence channel): the uniform (maximum-entropy) prior; the
/// capacity-achieving one (channel_capacity to 10^-12, rounded to 8 digits, so that its
/// information is exact); with `marginals`, a family of two-state chains indexed by
/// (P(a->a), P(b->b)), the product of that prior's two marginals. The channel is
/// cross-checked against the sequence engine on the uniform prior (std::logic_error).
struct PriorComparison {
  CapacityResult capacity;
  std::vector<Rational> uniform, best, product;  ///< product: with `marginals` only
  LogForm uniform_info, best_info, product_info;
};
PriorComparison compare_priors(const std::vector<StateModel>& family, unsigned t, bool marginals);

}  // namespace infocert
