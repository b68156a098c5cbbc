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

/// Sizes the case file may not override, and those the command line sets.
struct HorizonOptions {
  std::optional<unsigned> tokens;     ///< T: tokens per document
  std::optional<unsigned> documents;  ///< M
  std::optional<unsigned> incontext;  ///< tau: tokens of document M+1 (sparse mixtures)
};

/// Largest number of mixture components (joint latent values) accepted.
inline constexpr std::size_t kMaxComponents = 1000000;

/// True for the case kinds that are sequence models.
bool is_sequence_kind(const std::string& kind);

/// Builds a sequence model from a case document of kind markov, am, mixture or
/// sparse-mixture; `file` names it in errors and anchors relative "file" references.
LatentMixture sequence_model_from_case(const CaseReader& r, const HorizonOptions& options);

/// A single-document mixture of state models with latent `theta` (component names M1, M2..
/// unless the models are named) and T tokens.
LatentMixture make_mixture(const std::vector<StateModel>& models, const std::vector<Rational>& weights, unsigned tokens);

/// The model's joint law of latents and tokens, outcome by outcome (for small sizes and
/// for independent checks). Throws std::length_error beyond `max_outcomes`.
JointDistribution materialize(const LatentMixture& m, std::size_t max_outcomes);

}  // namespace infocert
