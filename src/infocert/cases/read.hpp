#pragma once
/// Reading case files: the edge where JSON becomes typed models. Every other layer knows
/// nothing of JSON. read_case() returns a Case (a variant of the case kinds); the per-kind
/// readers are for callers that read one part of a document (a component model).
/// Every violation throws InputError("FILE: PATH: message").
#include <optional>
#include <string>
#include <variant>

#include "infocert/cases/case_file.hpp"
#include "infocert/distribution/channel.hpp"
#include "infocert/distribution/joint.hpp"
#include "infocert/models/latent_mixture.hpp"
#include "infocert/models/state_model.hpp"
#include "infocert/models/transformer.hpp"

namespace infocert {

/// Sizes the command line sets (and the case file may give).
struct HorizonOptions {
  std::optional<unsigned> tokens = std::nullopt;     ///< T: tokens per document
  std::optional<unsigned> documents = std::nullopt;  ///< M
  std::optional<unsigned> incontext = std::nullopt;  ///< tau: tokens of document M+1 (sparse mixtures)
};

/// A transformer with the horizon it is measured at (0: none given).
struct TransformerCase {
  Transformer model;
  unsigned tokens = 0;
};

/// θ ~ Dirichlet(alphas) (Beta for two symbols), then X1..XT i.i.d. categorical(θ) (kinds
/// dirichlet and beta).
struct ConjugateCase {
  std::vector<std::string> alphabet;
  std::vector<unsigned> alphas;
  unsigned long tokens = 0;
  /// With "start": a Markov chain over two symbols whose row of state s is Beta(rows[s]).
  std::vector<std::vector<unsigned>> rows;
  unsigned start = 0;
};

/// What a case file holds, by kind.
using CaseModel = std::variant<JointDistribution, LatentMixture, TransformerCase, Channel, ConjugateCase>;

struct Case {
  std::string file;
  std::string kind;    ///< the file's "kind"
  CaseModel model;
  nlohmann::json doc;  ///< the document (its "claim", "assert" and "recheck" keys)
};

/// Loads FILE and reads it as its kind says. Horizon options apply to sequence models and
/// transformers (tokens) only; giving them for another kind is an error.
Case read_case(const std::string& file, const HorizonOptions& horizon = {});

/// The same for a case held in memory (a generated one): `name` stands for the file in
/// messages, and relative component files are read relative to the working folder.
Case read_case_text(const std::string& name, const std::string& text, const HorizonOptions& horizon = {});
/// The same for a parsed document.
Case read_case_document(const std::string& file, nlohmann::json doc, const HorizonOptions& horizon = {});

/// Loads FILE, which must be a case of kind `channel`.
Channel read_channel_case(const std::string& file);

/// The member "alphabet" of `doc` (at `at`): distinct symbols without spaces, at most
/// kMaxAlphabet of them.
std::vector<std::string> read_alphabet(const CaseReader& r, const nlohmann::json& doc, const JsonPath& at);

/// True for the case kinds that are sequence models (markov, am, mixture, sparse-mixture).
bool is_sequence_kind(const std::string& kind);
/// A sequence model from a document of kind markov, am, mixture or sparse-mixture;
/// relative "file" references are read relative to the reader's file.
LatentMixture sequence_model_from_case(const CaseReader& r, const HorizonOptions& options);
/// A Markov chain (`alphabet`, `start`, `transition`) or a horizon-K table (`alphabet`,
/// `horizon`, `table`), by the object's `kind`, at `at` in the document.
StateModel state_model_from_case(const CaseReader& r, const nlohmann::json& doc, const JsonPath& at);
StateModel markov_from_case(const CaseReader& r, const nlohmann::json& doc, const JsonPath& at);
StateModel am_from_case(const CaseReader& r, const nlohmann::json& doc, const JsonPath& at);
/// A `transformer` case.
Transformer transformer_from_case(const CaseReader& r);
/// A `channel` case: inputs, outputs, rows (input -> output -> probability).
Channel channel_from_case(const CaseReader& r);

}  // namespace infocert
