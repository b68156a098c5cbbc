#include "infocert/cases/read.hpp"

#include "infocert/error.hpp"

namespace infocert {

Case read_case(const std::string& file, const HorizonOptions& horizon) {
  return read_case_document(file, load_case_document(file), horizon);
}

Case read_case_text(const std::string& name, const std::string& text, const HorizonOptions& horizon) {
  return read_case_document(name, parse_json_text(text, name), horizon);
}

Case read_case_document(const std::string& file, nlohmann::json doc, const HorizonOptions& horizon) {
  CaseReader reader(file, doc);
  std::string kind = reader.kind();
  auto no_sizes = [&](bool tokens_too) {
    if ((tokens_too && horizon.tokens) || horizon.documents || horizon.incontext)
      throw InputError(file + ": " + (tokens_too ? "--horizon, --documents and --incontext apply to sequence models, not to kind "
                                                 : "--documents and --incontext apply to mixtures, not to kind ") + kind);
  };
  auto make = [&](CaseModel m) { return Case{file, kind, std::move(m), doc}; };
  if (kind == "joint") {
    no_sizes(true);
    return make(joint_from_case(reader));
  }
  if (kind == "channel") {
    no_sizes(true);
    return make(channel_from_case(reader));
  }
  if (kind == "transformer") {
    no_sizes(false);
    TransformerCase t{transformer_from_case(reader), 0};
    if (horizon.tokens) {
      t.tokens = *horizon.tokens;
    } else if (doc.contains("tokens") && doc["tokens"].is_number_unsigned()) {
      t.tokens = doc["tokens"].get<unsigned>();
    } else {
      reader.fail({}, "a sequence model needs a horizon: give --horizon T or \"tokens\" in the file");
    }
    if (t.tokens == 0) reader.fail({}, "the horizon must be at least 1 token");
    return make(std::move(t));
  }
  if (!is_sequence_kind(kind))
    reader.fail(JsonPath().key("kind"), "unknown case kind " + json_quote(kind) +
                                            " (kinds: joint, markov, am, mixture, sparse-mixture, transformer, channel)");
  return make(sequence_model_from_case(reader, horizon));
}

Channel read_channel_case(const std::string& file) {
  nlohmann::json doc = load_case_document(file);
  CaseReader reader(file, doc);
  if (reader.kind() != "channel")
    reader.fail(JsonPath().key("kind"), "expected \"channel\", found " + json_quote(reader.kind()));
  return channel_from_case(reader);
}

}  // namespace infocert
