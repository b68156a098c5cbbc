#include "infocert/models/latent_mixture.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <stdexcept>

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
  return static_cast<unsigned>(v);
}

// A list of {name, weight, model | file} entries, each a state model.
struct WeightedModel {
  std::string name;
  Rational weight;
  StateModel model;
};

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
      json sub = load_case_document(f.string());
      w.model = state_model_from_case(CaseReader(f.string(), sub), sub, {});
    }
    w.model.name = w.name;
    if (!out.empty() && w.model.alphabet != out.front().model.alphabet)
      r.fail(p, "the alphabet differs from that of " + at.index(0).str() + " (same symbols in the same order)");
    out.push_back(std::move(w));
  }
  if (total != 1) r.fail({}, at.str() + " weights sum to " + total.str() + ", not 1");
  return out;
}

void name_tokens(LatentMixture& m, bool per_document) {
  std::size_t latents = m.latent_names.size();
  std::size_t pos = 0;
  for (std::size_t d = 0; d < m.doc_lengths.size(); ++d) {
    VarSet doc;
    for (unsigned t = 1; t <= m.doc_lengths[d]; ++t) {
      m.token_names.push_back(per_document ? "X" + std::to_string(d + 1) + "_" + std::to_string(t)
                                           : "X" + std::to_string(t));
      doc.push_back(latents + pos++);
    }
    if (per_document) m.aliases["D" + std::to_string(d + 1)] = doc;
  }
}

void check_components(const CaseReader& r, std::size_t count) {
  if (count > kMaxComponents)
    r.fail({}, "the latent variables take " + std::to_string(count) + " joint values; at most " +
                   std::to_string(kMaxComponents) + " are supported (fewer documents or a smaller pool)");
}

LatentMixture single_model(const CaseReader& r, const HorizonOptions& o) {
  LatentMixture m;
  m.kind = r.kind();
  StateModel s = state_model_from_case(r, r.doc(), {});
  s.name = m.kind;
  m.alphabet = s.alphabet;
  m.models.push_back(std::move(s));
  unsigned t = read_count(r, r.doc(), "tokens", o.tokens, 0, true, "--horizon T");
  unsigned docs = o.documents.value_or(1);
  m.doc_lengths.assign(docs, t);
  m.components.push_back({Rational(1), std::vector<std::uint32_t>(docs, 0), {}});
  name_tokens(m, docs > 1);
  return m;
}

LatentMixture finite_mixture(const CaseReader& r, const HorizonOptions& o) {
  r.check_keys(r.doc(), {}, {"kind", "name", "description", "claim", "assert", "recheck", "components", "tokens", "documents"});
  LatentMixture m;
  m.kind = "mixture";
  auto comps = read_weighted_models(r, "components");
  unsigned t = read_count(r, r.doc(), "tokens", o.tokens, 0, true, "--horizon T");
  unsigned docs = read_count(r, r.doc(), "documents", o.documents, 1, false, "--documents M");
  if (docs == 0) r.fail(JsonPath().key("documents"), "at least one document is needed");
  m.alphabet = comps.front().model.alphabet;
  m.latent_names = {"theta"};
  m.latent_values.resize(1);
  for (std::uint32_t c = 0; c < comps.size(); ++c) {
    m.latent_values[0].push_back(comps[c].name);
    m.models.push_back(comps[c].model);
    // One θ for all documents (the blog's multi-document form of Theorem 3.2).
    if (comps[c].weight != 0) m.components.push_back({comps[c].weight, std::vector<std::uint32_t>(docs, c), {c}});
  }
  m.doc_lengths.assign(docs, t);
  name_tokens(m, docs > 1);
  return m;
}

// ψ = (α, θ^(1..N)): α from a finite prior or a symmetric Dirichlet(β) (Pólya urn),
// θ^(n) iid from the pool prior, z_m iid ~ α, θ_m = θ^(z_m), D_m from θ_m.
LatentMixture sparse_mixture(const CaseReader& r, const HorizonOptions& o) {
  const json& doc = r.doc();
  r.check_keys(doc, {}, {"kind", "name", "description", "claim", "assert", "recheck", "pool", "N", "alpha", "dirichlet", "documents",
                         "tokens", "incontext"});
  LatentMixture m;
  m.kind = "sparse-mixture";
  auto pool = read_weighted_models(r, "pool");
  const json& nj = r.require("N");
  if (!nj.is_number_unsigned() || nj.get<unsigned long>() == 0 || nj.get<unsigned long>() > 16)
    r.fail(JsonPath().key("N"), "expected an integer from 1 to 16, found " + nj.dump());
  const std::size_t n = nj.get<std::size_t>();
  unsigned t = read_count(r, doc, "tokens", o.tokens, 0, true, "--horizon T");
  unsigned docs = read_count(r, doc, "documents", o.documents, 0, false, "--documents M");
  if (docs == 0) r.fail({}, "a sparse mixture needs documents: give --documents M or \"documents\" in the file");
  if (docs > kMaxDocuments) r.fail(JsonPath().key("documents"), "too many documents");
  unsigned tau = read_count(r, doc, "incontext", o.incontext, 0, false, "--incontext TAU");
  if (tau > t) r.fail(JsonPath().key("incontext"), "the in-context document is longer than T = " + std::to_string(t));
  const std::size_t total_docs = docs + (tau > 0 ? 1 : 0);

  bool finite_alpha = doc.contains("alpha");
  if (finite_alpha == doc.contains("dirichlet"))
    r.fail({}, "give exactly one of \"alpha\" (a finite prior over weight vectors) and \"dirichlet\" (a concentration)");
  std::vector<std::pair<Rational, std::vector<Rational>>> alphas;  // prior weight, vector
  Rational beta;
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
      alphas.emplace_back(w, vec);
    }
    if (total != 1) r.fail({}, ap.str() + " weights sum to " + total.str() + ", not 1");
  } else {
    beta = r.rational(doc["dirichlet"], JsonPath().key("dirichlet"));
    if (beta <= 0) r.fail(JsonPath().key("dirichlet"), beta.str() + " is not a positive concentration");
  }

  // Size of the latent space before building it.
  double count = std::pow(static_cast<double>(pool.size()), static_cast<double>(n)) *
                 std::pow(static_cast<double>(n), static_cast<double>(total_docs)) *
                 static_cast<double>(finite_alpha ? alphas.size() : 1);
  if (count > static_cast<double>(kMaxComponents)) check_components(r, static_cast<std::size_t>(std::min(count, 1e18)));

  m.alphabet = pool.front().model.alphabet;
  m.pool_draws = n;
  for (const auto& w : pool) m.models.push_back(w.model);
  // Latent variables and their value labels.
  if (finite_alpha) {
    m.latent_names.push_back("psi");
    m.latent_names.push_back("alpha");
  }
  m.latent_names.push_back("pool");
  for (std::size_t d = 1; d <= total_docs; ++d) m.latent_names.push_back("z" + std::to_string(d));
  for (std::size_t d = 1; d <= total_docs; ++d) m.latent_names.push_back("theta" + std::to_string(d));
  m.latent_values.resize(m.latent_names.size());
  const std::size_t base = finite_alpha ? 2 : 0;  // index of "pool"
  std::vector<std::map<std::string, std::uint32_t>> value_index(m.latent_names.size());
  auto value = [&](std::size_t var, const std::string& label) {
    auto [it, fresh] = value_index[var].emplace(label, static_cast<std::uint32_t>(m.latent_values[var].size()));
    if (fresh) m.latent_values[var].push_back(label);
    return it->second;
  };

  std::vector<std::uint32_t> draws(n, 0), z(total_docs, 0);
  const std::size_t alpha_count = finite_alpha ? alphas.size() : 1;
  for (std::size_t ai = 0; ai < alpha_count; ++ai) {
    // Enumerate pool draws θ^(1..N) and assignments z.
    std::function<void(std::size_t)> over_draws = [&](std::size_t i) {
      if (i < n) {
        for (std::uint32_t p = 0; p < pool.size(); ++p) {
          if (pool[p].weight == 0) continue;
          draws[i] = p;
          over_draws(i + 1);
        }
        return;
      }
      Rational w_draws = finite_alpha ? alphas[ai].first : Rational(1);
      std::string pool_label;
      for (std::size_t j = 0; j < n; ++j) {
        w_draws *= pool[draws[j]].weight;
        pool_label += (j ? "," : "") + pool[draws[j]].name;
      }
      std::function<void(std::size_t, Rational, std::vector<unsigned>&)> over_z =
          [&](std::size_t d, Rational w, std::vector<unsigned>& counts) {
            if (w == 0) return;
            if (d < total_docs) {
              for (std::uint32_t k = 0; k < n; ++k) {
                z[d] = k;
                // P(z_d = k | z_<d): α_k for a finite α; (β + count_k)/(Nβ + d) by the Pólya urn.
                Rational step = finite_alpha ? alphas[ai].second[k]
                                             : Rational((beta + counts[k]) / (beta * static_cast<long>(n) + static_cast<long>(d)));
                ++counts[k];
                over_z(d + 1, w * step, counts);
                --counts[k];
              }
              return;
            }
            LatentMixture::Component c;
            c.weight = w;
            c.latent.resize(m.latent_names.size());
            if (finite_alpha) {
              c.latent[0] = value(0, "a" + std::to_string(ai + 1) + ";" + pool_label);
              c.latent[1] = value(1, "a" + std::to_string(ai + 1));
            }
            c.latent[base] = value(base, pool_label);
            for (std::size_t dd = 0; dd < total_docs; ++dd) {
              c.latent[base + 1 + dd] = value(base + 1 + dd, std::to_string(z[dd] + 1));
              c.latent[base + 1 + total_docs + dd] = value(base + 1 + total_docs + dd, pool[draws[z[dd]]].name);
              c.doc_model.push_back(draws[z[dd]]);
            }
            m.components.push_back(std::move(c));
            check_components(r, m.components.size());
          };
      std::vector<unsigned> counts(n, 0);
      over_z(0, w_draws, counts);
    };
    over_draws(0);
  }
  m.doc_lengths.assign(docs, t);
  if (tau > 0) m.doc_lengths.push_back(tau);
  name_tokens(m, true);
  VarSet thetas;
  for (std::size_t d = 0; d < docs; ++d) thetas.push_back(base + 1 + total_docs + d);
  m.aliases["theta"] = thetas;
  if (!finite_alpha)
    m.notes.push_back("alpha ~ Dirichlet(" + beta.str() +
                      "): psi and alpha are continuous and not variables here; quantities conditioned on psi "
                      "are not covered (the assignments z follow the Polya urn exactly)");
  return m;
}

}  // namespace

LatentMixture make_mixture(const std::vector<StateModel>& models, const std::vector<Rational>& weights, unsigned tokens) {
  if (models.empty() || models.size() != weights.size())
    throw std::invalid_argument("make_mixture: one weight per model expected");
  LatentMixture m;
  m.kind = "mixture";
  m.alphabet = models.front().alphabet;
  m.latent_names = {"theta"};
  m.latent_values = {{}};
  for (std::uint32_t c = 0; c < models.size(); ++c) {
    if (models[c].alphabet != m.alphabet) throw std::invalid_argument("make_mixture: different alphabets");
    m.latent_values[0].push_back(models[c].name.empty() ? "M" + std::to_string(c + 1) : models[c].name);
    m.models.push_back(models[c]);
    if (weights[c] != 0) m.components.push_back({weights[c], {c}, {c}});
  }
  m.doc_lengths = {tokens};
  name_tokens(m, false);
  return m;
}

bool LatentMixture::has_variable(const std::string& name) const {
  return std::find(latent_names.begin(), latent_names.end(), name) != latent_names.end() || aliases.count(name) > 0;
}

std::vector<std::uint32_t> LatentMixture::position_document() const {
  std::vector<std::uint32_t> doc;
  for (std::uint32_t d = 0; d < doc_lengths.size(); ++d) doc.insert(doc.end(), doc_lengths[d], d);
  return doc;
}

bool is_sequence_kind(const std::string& kind) {
  return kind == "markov" || kind == "am" || kind == "mixture" || kind == "sparse-mixture";
}

LatentMixture sequence_model_from_case(const CaseReader& r, const HorizonOptions& options) {
  std::string kind = r.kind();
  LatentMixture m;
  if (kind == "markov" || kind == "am")
    m = single_model(r, options);
  else if (kind == "mixture")
    m = finite_mixture(r, options);
  else if (kind == "sparse-mixture")
    m = sparse_mixture(r, options);
  else
    r.fail(JsonPath().key("kind"), json_quote(kind) + " is not a sequence model");
  if (m.token_count() > kMaxTokens)
    r.fail({}, std::to_string(m.token_count()) + " tokens in all; at most " + std::to_string(kMaxTokens));
  return m;
}

JointDistribution materialize(const LatentMixture& m, std::size_t max_outcomes) {
  std::vector<std::string> names = m.latent_names;
  names.insert(names.end(), m.token_names.begin(), m.token_names.end());
  std::vector<std::vector<std::string>> alphabets = m.latent_values;
  for (std::size_t i = 0; i < m.token_count(); ++i) alphabets.push_back(m.alphabet);
  std::vector<JointDistribution::Outcome> outcomes;
  const auto doc_of = m.position_document();
  const std::size_t n = m.token_count(), d = m.alphabet.size();
  for (const auto& c : m.components) {
    // Depth-first over sequences with the running probability; zero branches are cut.
    std::vector<std::uint32_t> tokens(n);
    std::vector<std::uint32_t> state(n + 1);
    std::function<void(std::size_t, const Rational&)> go = [&](std::size_t pos, const Rational& p) {
      if (pos == n) {
        if (outcomes.size() >= max_outcomes)
          throw std::length_error("materialize: more than " + std::to_string(max_outcomes) + " outcomes");
        JointDistribution::Outcome o;
        o.symbols = c.latent;
        o.symbols.insert(o.symbols.end(), tokens.begin(), tokens.end());
        o.probability = p;
        outcomes.push_back(std::move(o));
        return;
      }
      const StateModel& sm = m.models[c.doc_model[doc_of[pos]]];
      std::uint32_t s = (pos == 0 || doc_of[pos] != doc_of[pos - 1]) ? sm.initial : state[pos];
      for (std::uint32_t x = 0; x < d; ++x) {
        if (sm.emit[s][x] == 0) continue;
        tokens[pos] = x;
        state[pos + 1] = sm.next[s][x];
        go(pos + 1, Rational(p * sm.emit[s][x]));
      }
    };
    go(0, c.weight);
  }
  // Components with the same latent labels (none here) would merge in the joint table.
  std::sort(outcomes.begin(), outcomes.end(), [](const auto& a, const auto& b) { return a.symbols < b.symbols; });
  std::vector<JointDistribution::Outcome> merged;
  for (auto& o : outcomes) {
    if (!merged.empty() && merged.back().symbols == o.symbols)
      merged.back().probability += o.probability;
    else
      merged.push_back(std::move(o));
  }
  return JointDistribution(names, alphabets, merged);
}

}  // namespace infocert
