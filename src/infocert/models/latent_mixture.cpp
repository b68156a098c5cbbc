#include "infocert/models/latent_mixture.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <stdexcept>

#include "infocert/error.hpp"

namespace infocert {

namespace {

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

void check_components(std::size_t count) {
  if (count > kMaxComponents)
    throw InputError("the latent variables take " + std::to_string(count) + " joint values; at most " +
                     std::to_string(kMaxComponents) + " are supported (fewer documents or a smaller pool)");
}

}  // namespace

LatentMixture single_model(StateModel model, const std::string& kind, unsigned tokens, unsigned documents) {
  LatentMixture m;
  m.kind = kind;
  model.name = kind;
  m.alphabet = model.alphabet;
  m.models.push_back(std::move(model));
  m.doc_lengths.assign(documents, tokens);
  m.components.push_back({Rational(1), std::vector<std::uint32_t>(documents, 0), {}});
  name_tokens(m, documents > 1);
  return m;
}

LatentMixture finite_mixture(const std::vector<WeightedModel>& comps, unsigned tokens, unsigned documents) {
  if (comps.empty()) throw std::invalid_argument("finite_mixture: no components");
  LatentMixture m;
  m.kind = "mixture";
  m.alphabet = comps.front().model.alphabet;
  m.latent_names = {"theta"};
  m.latent_values.resize(1);
  for (std::uint32_t c = 0; c < comps.size(); ++c) {
    if (comps[c].model.alphabet != m.alphabet) throw std::invalid_argument("finite_mixture: different alphabets");
    m.latent_values[0].push_back(comps[c].name);
    m.models.push_back(comps[c].model);
    // One θ for all documents (the blog's multi-document form of Theorem 3.2).
    if (comps[c].weight != 0) m.components.push_back({comps[c].weight, std::vector<std::uint32_t>(documents, c), {c}});
  }
  m.doc_lengths.assign(documents, tokens);
  name_tokens(m, documents > 1);
  return m;
}

// ψ = (α, θ^(1..N)): α from a finite prior or a symmetric Dirichlet(β) (Pólya urn),
// θ^(n) iid from the pool prior, z_m iid ~ α, θ_m = θ^(z_m), D_m from θ_m.
LatentMixture sparse_mixture(const SparseMixtureSpec& spec) {
  const auto& pool = spec.pool;
  const std::size_t n = spec.pool_draws;
  const bool finite_alpha = !spec.alphas.empty();
  const auto& alphas = spec.alphas;
  const Rational& beta = spec.dirichlet;
  const unsigned docs = spec.documents, tau = spec.incontext, t = spec.tokens;
  if (pool.empty() || n == 0 || docs == 0) throw std::invalid_argument("sparse_mixture: empty pool, draws or documents");
  const std::size_t total_docs = docs + (tau > 0 ? 1 : 0);
  LatentMixture m;
  m.kind = "sparse-mixture";
  // Size of the latent space before building it.
  double count = std::pow(static_cast<double>(pool.size()), static_cast<double>(n)) *
                 std::pow(static_cast<double>(n), static_cast<double>(total_docs)) *
                 static_cast<double>(finite_alpha ? alphas.size() : 1);
  if (count > static_cast<double>(kMaxComponents)) check_components(static_cast<std::size_t>(std::min(count, 1e18)));
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
            check_components(m.components.size());
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

LatentMixture make_mixture(const std::vector<StateModel>& models, const std::vector<Rational>& weights, unsigned tokens) {
  if (models.empty() || models.size() != weights.size())
    throw std::invalid_argument("make_mixture: one weight per model expected");
  std::vector<WeightedModel> comps;
  for (std::size_t c = 0; c < models.size(); ++c)
    comps.push_back({models[c].name.empty() ? "M" + std::to_string(c + 1) : models[c].name, weights[c], models[c]});
  return finite_mixture(comps, tokens, 1);
}

bool LatentMixture::has_variable(const std::string& name) const {
  return std::find(latent_names.begin(), latent_names.end(), name) != latent_names.end() || aliases.count(name) > 0;
}

std::vector<std::uint32_t> LatentMixture::position_document() const {
  std::vector<std::uint32_t> doc;
  for (std::uint32_t d = 0; d < doc_lengths.size(); ++d) doc.insert(doc.end(), doc_lengths[d], d);
  return doc;
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
