#pragma once
/// Finite mixtures of state models with latent variables: the common form of a single
/// model, a finite-prior mixture (latent theta) and a sparse mixture (latents psi, alpha,
/// pool, z_m, theta_m). Each component is one joint value of the latents; it fixes which
/// state model generates each document. Documents restart from the model's initial state.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "infocert/distribution/joint.hpp"
#include "infocert/exact/rational.hpp"
#include "infocert/models/state_model.hpp"

namespace infocert {

struct LatentMixture {
  struct Component {
    Rational weight;                       ///< > 0
    std::vector<std::uint32_t> doc_model;  ///< model index per document
    std::vector<std::uint32_t> latent;     ///< value index per latent variable
  };
  std::string kind;  ///< markov, am, mixture, sparse-mixture
  std::vector<std::string> alphabet;
  std::vector<StateModel> models;
  std::vector<unsigned> doc_lengths;                     ///< tokens of each document
  std::vector<std::string> latent_names;                 ///< variables 0..L-1
  std::vector<std::vector<std::string>> latent_values;   ///< labels of their values
  std::vector<Component> components;
  std::vector<std::string> token_names;                  ///< variables L..L+n-1
  std::map<std::string, VarSet> aliases;                 ///< D1 -> its tokens, theta -> theta1..M
  std::vector<std::string> notes;                        ///< what the model does not cover
  std::size_t pool_draws = 0;                            ///< N of a sparse mixture (0 otherwise)

  /// A latent variable or an alias (theta, D1) of this model.
  bool has_variable(const std::string& name) const;

  std::size_t latent_count() const { return latent_names.size(); }
  std::size_t token_count() const { return token_names.size(); }
  /// Variable index of token position p (0-based over all documents).
  std::size_t token_var(std::size_t p) const { return latent_names.size() + p; }
  /// Document of each token position and whether it starts its document.
  std::vector<std::uint32_t> position_document() const;
};

/// Largest number of mixture components (joint latent values) accepted.
inline constexpr std::size_t kMaxComponents = 1000000;

/// A named model with its prior weight.
struct WeightedModel {
  std::string name;
  Rational weight;
  StateModel model;
};

/// One state model generating `documents` documents of `tokens` tokens (kind markov or am).
LatentMixture single_model(StateModel model, const std::string& kind, unsigned tokens, unsigned documents);
/// A finite prior over models (latent theta, one theta shared by all documents).
LatentMixture finite_mixture(const std::vector<WeightedModel>& components, unsigned tokens, unsigned documents);

/// psi = (alpha, theta^(1..N)): alpha from a finite prior over weight vectors, or (when
/// `alphas` is empty) a symmetric Dirichlet(`dirichlet`) followed by the Polya urn; the pool
/// draws theta^(n) iid from `pool`; z_m iid ~ alpha; document m from theta^(z_m). With
/// `incontext` > 0 a last document of that many tokens follows.
struct SparseMixtureSpec {
  std::vector<WeightedModel> pool;
  std::size_t pool_draws = 1;                                        ///< N
  std::vector<std::pair<Rational, std::vector<Rational>>> alphas;    ///< prior weight, alpha
  Rational dirichlet;                                                ///< beta, when alphas is empty
  unsigned tokens = 0, documents = 1, incontext = 0;
};
/// Throws InputError when the latent variables take more than kMaxComponents joint values.
LatentMixture sparse_mixture(const SparseMixtureSpec& spec);

/// A single-document mixture of state models with latent `theta` (component names M1, M2..
/// unless the models are named) and T tokens.
LatentMixture make_mixture(const std::vector<StateModel>& models, const std::vector<Rational>& weights, unsigned tokens);

/// The model's joint law of latents and tokens, outcome by outcome (for small sizes and
/// for independent checks). Throws std::length_error beyond `max_outcomes`.
JointDistribution materialize(const LatentMixture& m, std::size_t max_outcomes);

}  // namespace infocert
