#pragma once
/// A case file opened for measuring: its typed model and a source that queries are
/// evaluated on (a joint table, the enumeration engine of a sequence model, or the interval
/// forward pass of a transformer), with the default queries of `infocert measure`.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "infocert/cases/read.hpp"
#include "infocert/error.hpp"
#include "infocert/engine/enumerate.hpp"
#include "infocert/engine/transformer_source.hpp"
#include "infocert/query/query.hpp"

namespace infocert {

class OpenCase {
 public:
  /// Reads FILE (read_case) and builds its source. Channels are not measured this way
  /// (`infocert capacity`): an InputError naming the file.
  OpenCase(const std::string& file, const HorizonOptions& horizon, double max_work = limits().work);
  /// A case already read (a generated one).
  explicit OpenCase(Case read, double max_work = limits().work);
  OpenCase(const OpenCase&) = delete;
  OpenCase& operator=(const OpenCase&) = delete;

  const std::string& file() const { return case_.file; }
  const std::string& kind() const { return case_.kind; }
  const Case& read() const { return case_; }
  /// What queries are evaluated on.
  InfoSource& source() { return *source_; }
  /// The joint distribution, or nullptr for other kinds.
  const JointDistribution* joint() const { return std::get_if<JointDistribution>(&case_.model); }
  /// The sequence model, or nullptr for other kinds.
  const LatentMixture* sequence() const { return std::get_if<LatentMixture>(&case_.model); }
  /// The enumeration engine of a sequence model, or nullptr for other kinds.
  SequenceEngine* engine() { return engine_; }
  /// The entropies of the variables (joint), or of the tokens and latents (sequence models).
  const std::vector<Query>& default_queries() const { return default_queries_; }
  /// The named constants a query on this case may use: T, the tokens per document of a
  /// sequence model or the horizon of a transformer (none for other kinds).
  QuerySymbols symbols() const;
  /// Limits of the model (printed with results).
  const std::vector<std::string>& notes() const { return notes_; }

  /// The exact value of a query (entropies cached across calls). Throws InputError for an
  /// unknown variable and ExactFormTooLarge where only enclosures exist.
  LogForm exact(const Query& q) { return evaluator_->evaluate(q); }
  /// Sequence models: documents M, tokens per document T, alphabet size, all tokens X1..XT
  /// (or X1_1..XM_T). std::logic_error for other kinds.
  unsigned documents() const { return static_cast<unsigned>(seq().doc_lengths.size()); }
  unsigned tokens_per_document() const { return seq().doc_lengths.front(); }
  unsigned token_count() const { return static_cast<unsigned>(seq().token_count()); }
  std::size_t alphabet_size() const { return seq().alphabet.size(); }
  q::Names history() const { return q::span(seq().token_names.front(), seq().token_names.back()); }

 private:
  Case case_;
  const LatentMixture& seq() const {
    if (!sequence()) throw std::logic_error(case_.file + " is not a sequence model");
    return *sequence();
  }
  std::unique_ptr<InfoSource> source_;
  std::unique_ptr<QueryEvaluator> evaluator_;
  SequenceEngine* engine_ = nullptr;
  std::vector<Query> default_queries_;
  std::vector<std::string> notes_;
  void build(double max_work);
};

/// A case that must be a sequence model, opened under a name for tables; otherwise an
/// InputError "FILE: NEEDS".
struct SequenceCase : OpenCase {
  std::string name;
  SequenceCase(std::string case_name, const std::string& file, const std::string& needs, const HorizonOptions& h = {})
      : OpenCase(file, h), name(std::move(case_name)) {
    if (!sequence()) throw InputError(file + ": " + needs);
  }
  SequenceEngine& engine() { return *OpenCase::engine(); }
  const LatentMixture& model() const { return *sequence(); }
  LogForm operator()(const Query& q) { return exact(q); }
};

/// Opens FILE; throws InputError naming the file.
inline std::unique_ptr<OpenCase> open_case(const std::string& file, const HorizonOptions& horizon = {},
                                           double max_work = limits().work) {
  return std::make_unique<OpenCase>(file, horizon, max_work);
}

}  // namespace infocert
