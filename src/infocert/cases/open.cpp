#include "infocert/cases/open.hpp"

#include "infocert/engine/conjugate_source.hpp"
#include "infocert/error.hpp"

namespace infocert {

OpenCase::OpenCase(const std::string& file, const HorizonOptions& horizon, double max_work)
    : case_(read_case(file, horizon)) {
  build(max_work);
}

QuerySymbols OpenCase::symbols() const {
  QuerySymbols out;
  if (sequence()) out["T"] = Rational(static_cast<long>(tokens_per_document()));
  if (const auto* c = std::get_if<ConjugateCase>(&case_.model)) out["T"] = Rational(static_cast<long>(c->tokens));
  if (const auto* t = std::get_if<TransformerCase>(&case_.model); t && t->tokens)
    out["T"] = Rational(static_cast<long>(t->tokens));
  return out;
}

OpenCase::OpenCase(Case read, double max_work) : case_(std::move(read)) { build(max_work); }

void OpenCase::build(double max_work) {
  const std::string& file = case_.file;
  if (auto* p = std::get_if<JointDistribution>(&case_.model)) {
    source_ = std::make_unique<JointSource>(*p);
    for (const auto& v : p->variables()) default_queries_.push_back(q::H({v}));
    if (p->variables().size() > 1) default_queries_.push_back(q::H(p->variables()));
  } else if (auto* t = std::get_if<TransformerCase>(&case_.model)) {
    try {
      source_ = std::make_unique<TransformerSource>(t->model, t->tokens);
    } catch (const InputError& e) {
      rethrow_with_context(e, file + ": ");
    }
    default_queries_.push_back(q::H(q::tokens(1, t->tokens)));
  } else if (auto* m = std::get_if<LatentMixture>(&case_.model)) {
    auto engine = std::make_unique<SequenceEngine>(*m, max_work);
    engine_ = engine.get();
    source_ = std::move(engine);
    notes_ = m->notes;
    const q::Names tokens = q::span(m->token_names.front(), m->token_names.back());
    default_queries_.push_back(q::H(tokens));
    if (m->has_variable("theta")) {
      default_queries_.push_back(q::H({"theta"}));
      default_queries_.push_back(q::H(tokens, {"theta"}));
      default_queries_.push_back(q::I(tokens, {"theta"}));
    }
    if (m->has_variable("psi")) default_queries_.push_back(q::I(tokens, {"psi"}));
  } else if (auto* c = std::get_if<ConjugateCase>(&case_.model)) {
    try {
      if (c->rows.empty())
        source_ = std::make_unique<ConjugateSource>(c->alphabet, c->alphas, c->tokens);
      else
        source_ = std::make_unique<ConjugateSource>(c->alphabet, c->rows, c->start, c->tokens);
    } catch (const std::invalid_argument& e) {
      throw InputError(file + ": " + e.what());
    }
    const q::Names tokens = q::span("X1", "X" + std::to_string(c->tokens));
    default_queries_.push_back(q::H(tokens));
    default_queries_.push_back(q::H(tokens, {"theta"}));
    default_queries_.push_back(q::I(tokens, {"theta"}));
    notes_.push_back("theta is continuous: its own entropy is not measured; entropies with theta are taken given it");
  } else {
    throw InputError(file + ": kind: a channel has no variables to measure here; use infocert capacity");
  }
  evaluator_ = std::make_unique<QueryEvaluator>(*source_);
}

}  // namespace infocert
