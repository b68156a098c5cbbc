#include "infocert/engine/parametrisation.hpp"

#include "infocert/exact/enclosure.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "infocert/engine/predictors.hpp"
#include "infocert/query/query.hpp"

namespace infocert {

LatentMixture prefix_parametrisation(SequenceEngine& process, unsigned k) {
  const LatentMixture& m = process.model();
  if (m.doc_lengths.size() != 1) throw std::invalid_argument("prefix_parametrisation: one document only");
  const unsigned t = m.doc_lengths.front();
  if (k > t) throw std::invalid_argument("prefix_parametrisation: k beyond the horizon");
  const std::size_t d = m.alphabet.size();
  std::vector<std::vector<std::uint32_t>> contexts;
  StateModel base = horizon_skeleton(m.alphabet, t == 0 ? 0 : t - 1, &contexts);
  // The process's conditional laws at every history of positive probability.
  auto rows = histories_by_depth(process, t);
  std::map<std::vector<std::uint32_t>, std::vector<Rational>> law;
  std::map<std::vector<std::uint32_t>, Rational> mass;  // P(h) for |h| <= t
  mass[{}] = 1;
  for (unsigned depth = 0; depth < t; ++depth)
    for (const auto& r : rows[depth]) {
      law[r.history] = predictor_of(r, process.emission_denominator());
      for (std::uint32_t x = 0; x < d; ++x)
        if (r.next[x] != 0) {
          auto hx = r.history;
          hx.push_back(x);
          mass[hx] = Rational(r.next[x], process.total_at(depth + 1));
        }
    }
  LatentMixture out;
  out.kind = "mixture";
  out.alphabet = m.alphabet;
  out.latent_names = {"theta"};
  out.latent_values = {{}};
  out.doc_lengths = {t};
  out.token_names = m.token_names;
  for (const auto& [prefix, p] : mass) {
    if (prefix.size() != k || p == 0) continue;
    StateModel model = base;
    for (std::size_t s = 0; s < contexts.size(); ++s) {
      const auto& c = contexts[s];
      bool consistent = std::equal(c.begin(), c.begin() + static_cast<long>(std::min<std::size_t>(c.size(), k)), prefix.begin());
      if (!consistent) continue;
      if (c.size() < k) {
        model.emit[s][prefix[c.size()]] = 1;  // emit theta's next token
      } else if (auto it = law.find(c); it != law.end()) {
        model.emit[s] = it->second;  // then continue as the process does
      }
    }
    std::string label;
    for (auto x : prefix) label += (label.empty() ? "" : " ") + m.alphabet[x];
    model.name = "table";  // names carry no spaces: the tokens joined by "_"
    if (!label.empty()) {
      model.name = label;
      std::replace(model.name.begin(), model.name.end(), ' ', '_');
    }
    auto index = static_cast<std::uint32_t>(out.models.size());
    out.latent_values[0].push_back(label.empty() ? "(constant)" : label);
    out.models.push_back(std::move(model));
    out.components.push_back({p, {index}, {index}});
  }
  return out;
}

bool same_sequence_law(const SequenceEngine& a, const SequenceEngine& b, unsigned t, std::size_t* checked) {
  const std::size_t d = a.model().alphabet.size();
  std::vector<std::uint32_t> h(t, 0);
  std::size_t n = 0;
  for (;;) {
    ++n;
    if (a.probability(h) != b.probability(h)) return false;
    std::size_t i = 0;
    while (i < t && ++h[i] == d) h[i++] = 0;
    if (i == t) break;
  }
  if (checked) *checked = n;
  return true;
}

std::vector<std::vector<std::uint32_t>> all_sequences(std::size_t d, unsigned t) {
  std::vector<std::vector<std::uint32_t>> sequences{{}};
  for (unsigned i = 0; i < t; ++i) {
    std::vector<std::vector<std::uint32_t>> longer;
    longer.reserve(sequences.size() * d);
    for (const auto& s : sequences)
      for (std::uint32_t x = 0; x < d; ++x) {
        longer.push_back(s);
        longer.back().push_back(x);
      }
    sequences = std::move(longer);
  }
  return sequences;
}

Channel sequence_channel(const std::vector<StateModel>& family, unsigned t) {
  if (family.empty()) throw std::invalid_argument("sequence_channel: no models");
  const auto& alphabet = family.front().alphabet;
  Channel w;
  const auto sequences = all_sequences(alphabet.size(), t);
  for (const auto& m : family) {
    if (m.alphabet != alphabet) throw std::invalid_argument("sequence_channel: different alphabets");
    w.inputs.push_back(m.name);
    std::vector<Rational> row;
    for (const auto& s : sequences) row.push_back(sequence_probability(m, s));
    w.rows.push_back(std::move(row));
  }
  for (const auto& s : sequences) {
    std::string name;
    for (auto x : s) name += alphabet[x];
    w.outputs.push_back(name);
  }
  return w;
}

EstimationErrors estimation_errors(SequenceEngine& model) {
  const q::Names h = q::tokens(1, static_cast<unsigned>(model.model().token_count()));
  QueryEvaluator eval(model);
  return {eval.evaluate(q::I(h, {"theta"})), eval.evaluate(q::H(h)), eval.evaluate(q::H(h, {"theta"}))};
}

MeasuredParametrisation measure_prefix_parametrisation(SequenceEngine& process, unsigned k) {
  MeasuredParametrisation out;
  out.model = prefix_parametrisation(process, k);
  SequenceEngine e(out.model);
  const unsigned t = static_cast<unsigned>(process.model().token_count());
  out.same_law = same_sequence_law(process, e, t, &out.sequences_checked);
  out.errors = estimation_errors(e);
  if (k > 0) out.prefix_entropy = QueryEvaluator(process).evaluate(q::H(q::tokens(1, k)));
  return out;
}

ParametrisationRange parametrisation_range(SequenceEngine& process) {
  ParametrisationRange r;
  const auto t = static_cast<unsigned>(process.model().token_count());
  bool rises = true;
  for (unsigned k = 0; k <= t; ++k) {
    r.by_prefix.push_back(measure_prefix_parametrisation(process, k));
    const MeasuredParametrisation& p = r.by_prefix.back();
    rises = rises && p.same_law && p.errors.info == p.prefix_entropy;
    if (k > 0) rises = rises && certified_sign(p.errors.info - r.by_prefix[k - 1].errors.info) > 0;
  }
  r.natural = estimation_errors(process);
  r.rises = rises && r.by_prefix.front().errors.info.is_zero() && r.by_prefix.back().errors.info == r.natural.entropy;
  return r;
}

PriorComparison compare_priors(const std::vector<StateModel>& family, unsigned t, bool marginals) {
  const Channel w = sequence_channel(family, t);
  const std::size_t n = family.size();
  PriorComparison r;
  r.uniform.assign(n, Rational(1, static_cast<long>(n)));
  r.uniform_info = channel_information(w, r.uniform);
  r.capacity = channel_capacity(w, Rational(1, pow10(12)), 20000);
  r.best = round_prior(r.capacity.prior, 8);
  r.best_info = channel_information(w, r.best);
  const LatentMixture mix = make_mixture(family, r.uniform, t);
  SequenceEngine e(mix);
  if (!(estimation_errors(e).info == r.uniform_info))
    throw std::logic_error("compare_priors: the channel and the sequence engine disagree on I(H_T;theta)");
  if (marginals) {
    std::map<Rational, Rational> first, second;  // P(a->a) and P(b->b) under the best prior
    for (std::size_t i = 0; i < n; ++i) {
      first[family[i].emit[0][0]] += r.best[i];
      second[family[i].emit[1][1]] += r.best[i];
    }
    for (std::size_t i = 0; i < n; ++i) r.product.push_back(first[family[i].emit[0][0]] * second[family[i].emit[1][1]]);
    r.product_info = channel_information(w, r.product);
  }
  return r;
}

}  // namespace infocert
