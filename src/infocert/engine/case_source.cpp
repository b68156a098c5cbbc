#include "infocert/engine/case_source.hpp"

#include "infocert/cases/case_file.hpp"
#include "infocert/engine/transformer_source.hpp"
#include "infocert/error.hpp"

namespace infocert {

std::unique_ptr<OpenCase> open_case(const std::string& file, const HorizonOptions& horizon, double max_work) {
  auto c = std::make_unique<OpenCase>();
  c->file = file;
  nlohmann::json doc = load_case_document(file);
  CaseReader reader(file, doc);
  c->kind = reader.kind();
  if (c->kind == "joint") {
    if (horizon.tokens || horizon.documents || horizon.incontext)
      throw InputError(file + ": --horizon, --documents and --incontext apply to sequence models, not to kind joint");
    c->joint.emplace(joint_from_case(reader));
    c->source = std::make_unique<JointSource>(*c->joint);
    for (const auto& v : c->joint->variables()) c->default_queries.push_back(q::H({v}));
    if (c->joint->variables().size() > 1) c->default_queries.push_back(q::H(c->joint->variables()));
    return c;
  }
  if (c->kind == "transformer") {
    if (horizon.documents || horizon.incontext)
      throw InputError(file + ": --documents and --incontext apply to mixtures, not to kind transformer");
    Transformer t = transformer_from_case(reader);
    unsigned tokens = 0;
    if (horizon.tokens) {
      tokens = *horizon.tokens;
    } else if (doc.contains("tokens") && doc["tokens"].is_number_unsigned()) {
      tokens = doc["tokens"].get<unsigned>();
    } else {
      reader.fail({}, "a sequence model needs a horizon: give --horizon T or \"tokens\" in the file");
    }
    if (tokens == 0) reader.fail({}, "the horizon must be at least 1 token");
    try {
      c->source = std::make_unique<TransformerSource>(std::move(t), tokens);
    } catch (const InputError& e) {
      throw InputError(file + ": " + e.what());
    }
    c->default_queries.push_back(q::H(q::tokens(1, tokens)));
    return c;
  }
  if (!is_sequence_kind(c->kind))
    reader.fail(JsonPath().key("kind"), "unknown case kind " + json_quote(c->kind) +
                                            " (kinds: joint, markov, am, mixture, sparse-mixture, transformer, channel)");
  c->sequence.emplace(sequence_model_from_case(reader, horizon));
  const LatentMixture& m = *c->sequence;
  c->source = std::make_unique<SequenceEngine>(m, max_work);
  c->notes = m.notes;
  const q::Names tokens = q::span(m.token_names.front(), m.token_names.back());
  c->default_queries.push_back(q::H(tokens));
  if (m.has_variable("theta")) {
    c->default_queries.push_back(q::H({"theta"}));
    c->default_queries.push_back(q::H(tokens, {"theta"}));
    c->default_queries.push_back(q::I(tokens, {"theta"}));
  }
  if (m.has_variable("psi")) c->default_queries.push_back(q::I(tokens, {"psi"}));
  return c;
}

}  // namespace infocert
