#include "infocert/cases/read.hpp"

#include <algorithm>

#include "infocert/engine/conjugate_source.hpp"
#include "infocert/error.hpp"

namespace infocert {

namespace {

// kind dirichlet (or beta, two symbols): "alphabet", "alpha" (a positive integer per
// symbol, at most 1000) and "tokens" (or --horizon).
ConjugateCase conjugate_from_case(const CaseReader& r, const std::string& kind, const HorizonOptions& horizon) {
  const nlohmann::json& doc = r.doc();
  const JsonPath root;
  r.check_keys(doc, root,
               {"kind", "name", "description", "claim", "hypotheses", "assert", "recheck", "alphabet", "alpha", "start", "tokens"});
  ConjugateCase c;
  c.alphabet = read_alphabet(r, doc, root);
  if (c.alphabet.size() < 2) r.fail(root.key("alphabet"), "a " + kind + " prior needs at least two symbols");
  if (kind == "beta" && c.alphabet.size() != 2)
    r.fail(root.key("alphabet"), "a beta prior has two symbols; use kind \"dirichlet\" for " +
                                     std::to_string(c.alphabet.size()));
  auto parameters = [&](const nlohmann::json& alpha, const JsonPath& at) {
    if (!alpha.is_array() || alpha.size() != c.alphabet.size())
      r.fail(at, "expected an array of " + std::to_string(c.alphabet.size()) + " parameters, one per symbol");
    std::vector<unsigned> out;
    for (std::size_t i = 0; i < alpha.size(); ++i) {
      const nlohmann::json& a = alpha[i];
      if (!a.is_number_integer() || a.get<long long>() < 1 || a.get<long long>() > 1000)
        r.fail(at.index(i), "expected an integer from 1 to 1000 (integer parameters keep every probability rational), found " +
                                a.dump());
      out.push_back(a.get<unsigned>());
    }
    return out;
  };
  const nlohmann::json& alpha = r.require("alpha");
  const JsonPath at = root.key("alpha");
  if (auto start = doc.find("start"); start != doc.end()) {
    // A Markov chain whose rows have priors: "alpha": {state: [parameters]}.
    if (c.alphabet.size() != 2) r.fail(root.key("alphabet"), "Beta rows of a Markov chain are read for two symbols only");
    if (!start->is_string()) r.fail(root.key("start"), "expected a symbol, found " + start->dump());
    auto s = std::find(c.alphabet.begin(), c.alphabet.end(), start->get<std::string>());
    if (s == c.alphabet.end()) r.fail(root.key("start"), "unknown symbol " + start->dump());
    c.start = static_cast<unsigned>(s - c.alphabet.begin());
    if (!alpha.is_object()) r.fail(at, "with \"start\", expected an object: each state's row parameters");
    for (const auto& item : alpha.items())
      if (std::find(c.alphabet.begin(), c.alphabet.end(), item.key()) == c.alphabet.end())
        r.fail(at.key(item.key()), "not a state of the chain (states: " + c.alphabet[0] + ", " + c.alphabet[1] + ")");
    for (const std::string& state : c.alphabet) {
      auto row = alpha.find(state);
      if (row == alpha.end()) r.fail(at, "missing the row of state " + json_quote(state));
      c.rows.push_back(parameters(*row, at.key(state)));
    }
  } else {
    c.alphas = parameters(alpha, at);
  }
  if (horizon.tokens) {
    c.tokens = *horizon.tokens;
  } else if (auto it = doc.find("tokens"); it != doc.end()) {
    if (!it->is_number_unsigned()) r.fail(root.key("tokens"), "expected a positive integer, found " + it->dump());
    c.tokens = it->get<unsigned long>();
  } else {
    r.fail(root, "a sequence model needs a horizon: give --horizon T or \"tokens\" in the file");
  }
  if (c.tokens < 1 || c.tokens > kMaxConjugateTokens)
    r.fail(root.key("tokens"), "the horizon must be from 1 to " + std::to_string(kMaxConjugateTokens) + " tokens");
  return c;
}

}  // namespace

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
  if (kind == "dirichlet" || kind == "beta") {
    no_sizes(false);
    return make(conjugate_from_case(reader, kind, horizon));
  }
  if (!is_sequence_kind(kind))
    reader.fail(JsonPath().key("kind"), "unknown case kind " + json_quote(kind) +
                                            " (kinds: joint, markov, am, mixture, sparse-mixture, transformer, channel, dirichlet, beta)");
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
