#include <filesystem>

#include "infocert/cases/read.hpp"
#include "infocert/error.hpp"

namespace infocert {

using nlohmann::json;

namespace {

constexpr unsigned kMaxTokens = 1000;
constexpr unsigned kMaxDocuments = 1000;

unsigned read_count(const CaseReader& r, const json& doc, const char* key, std::optional<unsigned> override_value,
                    unsigned fallback, bool required, const char* option) {
  if (override_value) return *override_value;
  auto it = doc.find(key);
  if (it == doc.end()) {
    if (required)
      r.fail({}, std::string("a sequence model needs a horizon: give ") + option + " or \"" + key + "\" in the file");
    return fallback;
  }
  if (!it->is_number_unsigned()) r.fail(JsonPath().key(key), "expected a non-negative integer, found " + it->dump());
  unsigned long v = it->get<unsigned long>();
  if (v > kMaxTokens) r.fail(JsonPath().key(key), std::to_string(v) + " is larger than " + std::to_string(kMaxTokens));
  if (v == 0 && required) r.fail(JsonPath().key(key), "the horizon must be at least 1 token");
  return static_cast<unsigned>(v);
}

// A list of {name, weight, model | file} entries, each a state model.
std::vector<WeightedModel> read_weighted_models(const CaseReader& r, const char* key) {
  const JsonPath at = JsonPath().key(key);
  const json& list = r.require(key);
  if (!list.is_array() || list.empty()) r.fail(at, "expected a non-empty array of {name, weight, model}");
  std::vector<WeightedModel> out;
  Rational total = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const JsonPath p = at.index(i);
    const json& e = list[i];
    if (!e.is_object()) r.fail(p, "expected an object {name, weight, model}");
    r.check_keys(e, p, {"name", "weight", "model", "file"});
    WeightedModel w;
    auto name = e.find("name");
    w.name = name == e.end() ? "M" + std::to_string(i + 1) : "";
    if (name != e.end()) {
      if (!name->is_string() || name->get<std::string>().empty() ||
          name->get<std::string>().find(' ') != std::string::npos)
        r.fail(p.key("name"), "expected a name without spaces");
      w.name = name->get<std::string>();
    }
    for (const auto& o : out)
      if (o.name == w.name) r.fail(p.key("name"), json_quote(w.name) + " appears twice");
    auto weight = e.find("weight");
    if (weight == e.end()) r.fail(p, "missing key \"weight\"");
    w.weight = r.probability(*weight, p.key("weight"));
    total += w.weight;
    bool inline_model = e.contains("model"), file_model = e.contains("file");
    if (inline_model == file_model) r.fail(p, "give exactly one of \"model\" and \"file\"");
    if (inline_model) {
      w.model = state_model_from_case(r, e["model"], p.key("model"));
    } else {
      if (!e["file"].is_string()) r.fail(p.key("file"), "expected a file name");
      std::filesystem::path f = e["file"].get<std::string>();
      if (f.is_relative()) f = std::filesystem::path(r.file()).parent_path() / f;
      // An error in the component names the case that refers to it, then the component.
      try {
        json sub = load_case_document(f.string());
        w.model = state_model_from_case(CaseReader(f.string(), sub), sub, {});
      } catch (const InputError& e) {
        r.fail(p.key("file"), std::string("in the component file: ") + e.what());
      }
    }
    w.model.name = w.name;
    if (!out.empty() && w.model.alphabet != out.front().model.alphabet)
      r.fail(p, "the alphabet differs from that of " + at.index(0).str() + " (same symbols in the same order)");
    out.push_back(std::move(w));
  }
  if (total != 1) r.fail({}, at.str() + " weights sum to " + total.str() + ", not 1");
  return out;
}


LatentMixture read_single_model(const CaseReader& r, const HorizonOptions& o) {
  StateModel s = state_model_from_case(r, r.doc(), {});
  unsigned t = read_count(r, r.doc(), "tokens", o.tokens, 0, true, "--horizon T");
  return single_model(std::move(s), r.kind(), t, o.documents.value_or(1));
}

LatentMixture read_finite_mixture(const CaseReader& r, const HorizonOptions& o) {
  r.check_keys(r.doc(), {}, {"kind", "name", "description", "claim", "hypotheses", "assert", "recheck", "components", "tokens", "documents"});
  auto comps = read_weighted_models(r, "components");
  unsigned t = read_count(r, r.doc(), "tokens", o.tokens, 0, true, "--horizon T");
  unsigned docs = read_count(r, r.doc(), "documents", o.documents, 1, false, "--documents M");
  if (docs == 0) r.fail(JsonPath().key("documents"), "at least one document is needed");
  return finite_mixture(comps, t, docs);
}

LatentMixture read_sparse_mixture(const CaseReader& r, const HorizonOptions& o) {
  const json& doc = r.doc();
  r.check_keys(doc, {}, {"kind", "name", "description", "claim", "hypotheses", "assert", "recheck", "pool", "N", "alpha", "dirichlet", "documents",
                         "tokens", "incontext"});
  SparseMixtureSpec spec;
  spec.pool = read_weighted_models(r, "pool");
  const json& nj = r.require("N");
  if (!nj.is_number_unsigned() || nj.get<unsigned long>() == 0 || nj.get<unsigned long>() > 16)
    r.fail(JsonPath().key("N"), "expected an integer from 1 to 16, found " + nj.dump());
  const std::size_t n = nj.get<std::size_t>();
  spec.pool_draws = n;
  spec.tokens = read_count(r, doc, "tokens", o.tokens, 0, true, "--horizon T");
  spec.documents = read_count(r, doc, "documents", o.documents, 0, false, "--documents M");
  if (spec.documents == 0) r.fail({}, "a sparse mixture needs documents: give --documents M or \"documents\" in the file");
  if (spec.documents > kMaxDocuments) r.fail(JsonPath().key("documents"), "too many documents");
  spec.incontext = read_count(r, doc, "incontext", o.incontext, 0, false, "--incontext TAU");
  if (spec.incontext > spec.tokens)
    r.fail(JsonPath().key("incontext"), "the in-context document is longer than T = " + std::to_string(spec.tokens));

  bool finite_alpha = doc.contains("alpha");
  if (finite_alpha == doc.contains("dirichlet"))
    r.fail({}, "give exactly one of \"alpha\" (a finite prior over weight vectors) and \"dirichlet\" (a concentration)");
  if (finite_alpha) {
    const JsonPath ap = JsonPath().key("alpha");
    const json& a = doc["alpha"];
    if (!a.is_array() || a.empty()) r.fail(ap, "expected a non-empty array of {weight, alpha}");
    Rational total = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const JsonPath p = ap.index(i);
      if (!a[i].is_object()) r.fail(p, "expected an object {weight, alpha}");
      r.check_keys(a[i], p, {"weight", "alpha"});
      if (!a[i].contains("weight")) r.fail(p, "missing key \"weight\"");
      if (!a[i].contains("alpha")) r.fail(p, "missing key \"alpha\"");
      Rational w = r.probability(a[i]["weight"], p.key("weight"));
      const json& v = a[i]["alpha"];
      if (!v.is_array() || v.size() != n)
        r.fail(p.key("alpha"), "expected " + std::to_string(n) + " probabilities (one per pool draw)");
      std::vector<Rational> vec;
      Rational s = 0;
      for (std::size_t j = 0; j < n; ++j) {
        vec.push_back(r.probability(v[j], p.key("alpha").index(j)));
        s += vec.back();
      }
      if (s != 1) r.fail({}, p.key("alpha").str() + " sums to " + s.str() + ", not 1");
      total += w;
      spec.alphas.emplace_back(w, vec);
    }
    if (total != 1) r.fail({}, ap.str() + " weights sum to " + total.str() + ", not 1");
  } else {
    spec.dirichlet = r.rational(doc["dirichlet"], JsonPath().key("dirichlet"));
    if (spec.dirichlet <= 0) r.fail(JsonPath().key("dirichlet"), spec.dirichlet.str() + " is not a positive concentration");
  }
  try {
    return sparse_mixture(spec);
  } catch (const InputError& e) {
    r.fail({}, e.what());
  }
}

}  // namespace

bool is_sequence_kind(const std::string& kind) {
  return kind == "markov" || kind == "am" || kind == "mixture" || kind == "sparse-mixture";
}

LatentMixture sequence_model_from_case(const CaseReader& r, const HorizonOptions& options) {
  std::string kind = r.kind();
  LatentMixture m;
  if (kind == "markov" || kind == "am")
    m = read_single_model(r, options);
  else if (kind == "mixture")
    m = read_finite_mixture(r, options);
  else if (kind == "sparse-mixture")
    m = read_sparse_mixture(r, options);
  else
    r.fail(JsonPath().key("kind"), json_quote(kind) + " is not a sequence model");
  if (m.token_count() > kMaxTokens)
    r.fail({}, std::to_string(m.token_count()) + " tokens in all; at most " + std::to_string(kMaxTokens));
  return m;
}

}  // namespace infocert
