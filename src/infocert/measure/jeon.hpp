#pragma once
/// The decomposition of Jeon et al. (2024) measured on a mixture of sequence models: each
/// theorem's quantities as exact log-forms (queries on the enumeration engine) and its
/// equalities decided exactly, its inequalities by measure/decide. Variables are named as
/// the models name them: the tokens, theta (all documents' parameters), psi (the sparse
/// mixture's alpha), D_m and theta_m (document m and its parameter).
#include <cstdint>
#include <optional>
#include <vector>

#include "infocert/engine/enumerate.hpp"
#include "infocert/measure/measure.hpp"

namespace infocert {

/// M documents of T tokens each.
struct DocumentShape {
  unsigned documents = 0, tokens = 0;
};
DocumentShape document_shape(const LatentMixture& m);

/// Theorem 3.2 on M documents of T tokens: the product of the Bayes predictive probabilities
/// of the tokens is P(h) for every sequence h (chain_rule_mismatch); the cumulative log loss
/// L of the Bayes predictor equals H(H); and (L - H(H|theta))/(MT) = I(H;theta)/(MT).
struct Theorem32 : DocumentShape {
  std::size_t sequences_checked = 0;
  std::optional<std::vector<std::uint32_t>> mismatch;  ///< a sequence where the chain rule fails
  Rational mismatch_product;                           ///< the product of its predictive probabilities
  LogForm entropy, loss, residual, information;        ///< H(H), L, H(H|theta), I(H;theta)
  bool loss_is_entropy = false, decomposition = false;
  bool holds() const { return !mismatch && loss_is_entropy && decomposition; }
  LogForm information_per_token() const;  ///< I(H;theta)/(MT)
};
Theorem32 theorem32(SequenceEngine& engine);

/// Lemma 3.1 on a single-document mixture of T tokens: the cumulative log loss of the Bayes
/// predictor (`best`) against each predictor of comparison_predictors(engine, T, off_support).
/// A predictor's gap (its loss minus `best`) is decided = 0 where it agrees with the Bayes
/// predictor on every history of positive probability, and > 0 otherwise; an infinite loss
/// (a zero probability on a token that occurs) has no gap.
struct PredictorGap {
  std::string name;
  std::optional<LogForm> loss, gap;
  bool agrees = false;
  ClaimDecision decision;  ///< of the gap, when the loss is finite
};
struct Lemma31 {
  LogForm best;
  std::vector<PredictorGap> predictors;
  bool holds() const;         ///< every finite gap as its agreement says
  bool by_enclosure() const;  ///< some gap was decided by an enclosure
};
Lemma31 lemma31(SequenceEngine& engine, bool off_support);

/// Theorem 4.2 on a sparse mixture (variables psi, theta, D_m, theta_m): its steps, H
/// independent of psi given theta, (a) I(H;theta) = I(H;psi) + I(H;theta|psi), (b.1)
/// I(H;theta|psi) = Σ_m I(D_m;theta_m|psi), (b.2) the summands equal, and the estimation
/// error (L - H(H|psi,theta))/(MT) = I(H;psi)/(MT) + I(D_1;theta_1|psi)/T; the restatement
/// with /M in place of /T decided against it; and H(theta_m|psi) <= ln N for every m.
struct Theorem42 : DocumentShape {
  LogForm given_theta;  ///< I(H;psi|theta)
  LogForm i_theta, i_psi, i_theta_psi, estimation_error, claimed, restated;
  std::vector<LogForm> per_document;    ///< I(D_m;theta_m|psi)
  bool step_a = false, step_b1 = false, step_b2 = false, step_error = false;
  ClaimDecision restated_equal;         ///< estimation_error = restated
  std::vector<LogForm> theta_entropies;   ///< H(theta_m|psi)
  std::vector<ClaimDecision> within_ln_n;  ///< H(theta_m|psi) <= ln N
  std::size_t pool_draws = 0;              ///< N
  bool holds() const { return given_theta.is_zero() && step_a && step_b1 && step_b2 && step_error; }
};
Theorem42 theorem42(SequenceEngine& engine);

/// Theorem 4.7 on a sparse mixture of M past documents and a document M + 1 observed for tau
/// tokens (the model's last document): the in-context error
/// (1/tau)[H(past, D_{M+1}) - H(past) - H(D_{M+1}|theta_{M+1})] against the bound
/// I(past;psi)/(M tau) + I(D_{M+1};theta_{M+1}|psi)/tau; `tokens` is T of the past documents.
struct InContextBound {
  LogForm error, bound;
  ClaimDecision decision;  ///< error <= bound
};
InContextBound incontext_bound(SequenceEngine& engine, unsigned past_documents, unsigned tokens, unsigned tau);

}  // namespace infocert
