#include "infocert/engine/predictors.hpp"

#include "infocert/exact/enclosure.hpp"

#include <set>

#include <algorithm>
#include <stdexcept>
#include <memory>

#include <map>

namespace infocert {

std::vector<std::vector<HistoryRow>> histories_by_depth(SequenceEngine& engine, unsigned t_max) {
  std::vector<std::vector<HistoryRow>> out(t_max);
  const std::size_t d = engine.model().alphabet.size();
  // Visiting hx (depth t + 1) fills N(hx) into the row of h, the last row opened at depth t.
  engine.for_each_node(t_max, [&](unsigned t, const std::vector<std::uint32_t>& h, const std::vector<Integer>& num) {
    Integer mix = 0;
    for (const auto& v : num) mix += v;
    if (t > 0) out[t - 1].back().next[h.back()] = mix;
    if (t < t_max) out[t].push_back({h, mix, std::vector<Integer>(d, Integer(0))});
  });
  return out;
}

std::vector<Rational> predictor_of(const HistoryRow& row, const Integer& emission_denominator) {
  std::vector<Rational> p;
  for (const auto& n : row.next) p.push_back(Rational(n, Integer(emission_denominator * row.mass)));
  return p;
}

namespace {
// Rows proportional: a[x] / ma == b[x] / mb for every x.
bool same_prediction(const std::vector<Integer>& a, const Integer& ma, const std::vector<Integer>& b, const Integer& mb) {
  for (std::size_t x = 0; x < a.size(); ++x)
    if (a[x] * mb != b[x] * ma) return false;
  return true;
}
}  // namespace

WindowComparison compare_window(const std::vector<HistoryRow>& rows, unsigned t, unsigned d, const Integer& total,
                                std::vector<bool>* differs) {
  WindowComparison c;
  if (differs) differs->assign(rows.size(), false);
  c.t = t;
  c.d = d;
  unsigned w = std::min(d, t);
  struct Group {
    std::vector<std::size_t> members;
    Integer mass = 0;
    std::vector<Integer> next;
  };
  std::map<std::vector<std::uint32_t>, Group> groups;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& h = rows[i].history;
    Group& g = groups[std::vector<std::uint32_t>(h.end() - w, h.end())];
    if (g.next.empty()) g.next.assign(rows[i].next.size(), Integer(0));
    g.members.push_back(i);
    g.mass += rows[i].mass;
    for (std::size_t x = 0; x < g.next.size(); ++x) g.next[x] += rows[i].next[x];
  }
  Integer differing = 0;
  for (const auto& [window, g] : groups) {
    for (std::size_t i : g.members) {
      // The horizon-d predictor is the group's average; h differs from it or not.
      if (!same_prediction(rows[i].next, rows[i].mass, g.next, g.mass)) {
        differing += rows[i].mass;
        c.differ = true;
        if (differs) (*differs)[i] = true;
      }
    }
    if (c.differ && !c.witness) {
      const auto& first = rows[g.members.front()];
      for (std::size_t i : g.members)
        if (!same_prediction(first.next, first.mass, rows[i].next, rows[i].mass)) {
          c.witness = std::make_pair(first.history, rows[i].history);
          break;
        }
    }
  }
  c.mass = Rational(differing, total);
  return c;
}

Rational predictors_differ_probability(SequenceEngine& engine, unsigned d, unsigned horizon) {
  if (horizon <= 1) return Rational(0);  // at t = 0 both predict from the empty history
  const auto rows = histories_by_depth(engine, horizon);
  // A history is hit when the predictors differ at it or at one of its prefixes.
  std::set<std::vector<std::uint32_t>> hit;
  std::vector<bool> differs;
  for (unsigned t = 1; t < horizon; ++t) {
    compare_window(rows[t], t, d, engine.total_at(t), &differs);
    std::set<std::vector<std::uint32_t>> next;
    for (std::size_t i = 0; i < rows[t].size(); ++i) {
      const auto& h = rows[t][i].history;
      if (differs[i] || hit.count(std::vector<std::uint32_t>(h.begin(), h.end() - 1))) next.insert(h);
    }
    hit = std::move(next);
  }
  Integer mass = 0;
  for (const auto& row : rows[horizon - 1])
    if (hit.count(row.history)) mass += row.mass;
  return Rational(mass, engine.total_at(horizon - 1));
}

SequenceEngine::Predictor reweighted_predictor(const LatentMixture& m, std::vector<Rational> weights) {
  if (weights.size() != m.components.size())
    throw std::invalid_argument("reweighted_predictor: one weight per component expected");
  const std::size_t d = m.alphabet.size();
  return [&m, weights = std::move(weights), d](const std::vector<std::uint32_t>& h) {
    std::vector<Rational> out(d, Rational(0));
    Rational total = 0;
    for (std::size_t k = 0; k < m.components.size(); ++k) {
      const StateModel& model = m.models[m.components[k].doc_model[0]];
      total += weights[k] * sequence_probability(model, h);
      auto hx = h;
      hx.push_back(0);
      for (std::uint32_t x = 0; x < d; ++x) {
        hx.back() = x;
        out[x] += weights[k] * sequence_probability(model, hx);
      }
    }
    if (total == 0) return std::vector<Rational>(d, Rational(1, static_cast<long>(d)));
    for (auto& q : out) q /= total;
    return out;
  };
}

bool WindowProfile::differ_from_t_star_on() const {
  if (!t_star) return false;
  for (const auto& s : steps)
    if (s.t >= *t_star && !s.differ) return false;
  return true;
}

const WindowComparison* WindowProfile::first_difference() const {
  for (const auto& s : steps)
    if (s.differ) return &s;
  return nullptr;
}

std::vector<WindowProfile> window_profiles(SequenceEngine& engine, unsigned max_d, unsigned t_max) {
  auto rows = histories_by_depth(engine, t_max);
  std::vector<WindowProfile> out;
  for (unsigned d = 1; d <= max_d; ++d) {
    WindowProfile p;
    p.d = d;
    for (unsigned t = 1; t < t_max; ++t) {
      p.steps.push_back(compare_window(rows[t], t, d, engine.total_at(t)));
      if (p.steps.back().differ && !p.t_star) p.t_star = t;
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::string recheck_witness(const SequenceEngine& engine, const std::vector<std::uint32_t>& h1,
                            const std::vector<std::uint32_t>& h2, unsigned d) {
  if (h1.size() != h2.size()) return "the histories have different lengths";
  std::size_t w = std::min<std::size_t>(d, h1.size());
  if (!std::equal(h1.end() - static_cast<long>(w), h1.end(), h2.end() - static_cast<long>(w)))
    return "the histories do not share their last " + std::to_string(w) + " tokens";
  if (engine.probability(h1) == 0 || engine.probability(h2) == 0) return "a history has probability 0";
  if (engine.predictive(h1) == engine.predictive(h2)) return "the predictions are equal";
  return "";
}

std::vector<std::vector<bool>> merged_state_pairs(const StateModel& a, const StateModel& b) {
  if (a.alphabet != b.alphabet) throw std::invalid_argument("merged_state_pairs: the models have different alphabets");
  const std::size_t na = a.states.size(), nb = b.states.size();
  std::vector<std::vector<bool>> merged(na, std::vector<bool>(nb));
  for (std::size_t i = 0; i < na; ++i)
    for (std::size_t j = 0; j < nb; ++j) merged[i][j] = a.emit[i] == b.emit[j];
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < na; ++i)
      for (std::size_t j = 0; j < nb; ++j) {
        if (!merged[i][j]) continue;
        for (std::size_t x = 0; x < a.alphabet.size(); ++x)
          if (a.emit[i][x] != 0 && !merged[a.next[i][x]][b.next[j][x]]) {
            merged[i][j] = false;
            changed = true;
            break;
          }
      }
  }
  return merged;
}

PosteriorTrace two_component_posterior(SequenceEngine& e, unsigned n) {
  const LatentMixture& m = e.model();
  if (m.components.size() != 2 || m.doc_lengths.size() != 1)
    throw std::invalid_argument("two_component_posterior: a single-document mixture of two components expected");
  const Rational& w0 = m.components[0].weight;
  // P1(h) = num_0(h) / (a0 D^t) with a0 = w0 W.
  const Integer a0 = numerator_of(w0) * (e.weight_denominator() / denominator_of(w0));
  std::vector<Integer> scale(n + 1);
  for (unsigned t = 0; t <= n; ++t) scale[t] = Integer(a0 * Integer(e.total_at(t) / e.weight_denominator()));
  PosteriorTrace out;
  out.expected.assign(n + 1, Rational(0));
  out.limit_upper.assign(n + 1, Rational(0));
  std::vector<Rational> post_at(n + 1);
  const StateModel &m1 = m.models[m.components[0].doc_model[0]], &m2 = m.models[m.components[1].doc_model[0]];
  const auto merged = merged_state_pairs(m1, m2);
  e.for_each_node(n, [&](unsigned t, const std::vector<std::uint32_t>& h, const std::vector<Integer>& num) {
    Rational post(num[0], Integer(num[0] + num[1]));
    out.expected[t] += Rational(num[0], scale[t]) * post;
    std::uint32_t s1 = m1.initial, s2 = m2.initial;
    for (std::uint32_t x : h) {
      s1 = m1.next[s1][x];
      s2 = m2.next[s2][x];
    }
    out.limit_upper[t] += Rational(num[0], scale[t]) * (merged[s1][s2] ? post : Rational(1));
    ++out.histories;
    if ((post == 0 || post == 1) && !out.boundary) out.boundary = PosteriorTrace::Point{h, post, post};
    if (t > 0) {
      const Rational& p = post_at[t - 1];
      std::uint32_t last = t >= 2 ? h[t - 2] : m1.initial, x = h[t - 1];
      Rational p1 = m1.emit[last][x], p2 = m2.emit[last][x];
      Rational formula = p * p1 / (p * p1 + (1 - p) * p2);
      ++out.bayes_steps;
      if (formula != post && !out.bayes_mismatch) out.bayes_mismatch = PosteriorTrace::Point{h, post, formula};
    }
    post_at[t] = post;
  });
  return out;
}

std::optional<std::vector<std::uint32_t>> chain_rule_mismatch(SequenceEngine& e, unsigned n, std::size_t* checked) {
  std::optional<std::vector<std::uint32_t>> mismatch;
  std::size_t count = 0;
  e.for_each_node(n, [&](unsigned depth, const std::vector<std::uint32_t>& h, const std::vector<Integer>&) {
    if (depth != n) return;
    Rational product = 1;
    std::vector<std::uint32_t> prefix;
    for (unsigned i = 0; i < n; ++i) {
      product *= e.predictive(prefix)[h[i]];
      prefix.push_back(h[i]);
    }
    ++count;
    if (product != e.probability(h) && !mismatch) mismatch = h;
  });
  if (checked) *checked = count;
  return mismatch;
}

bool agrees_on_support(SequenceEngine& e, const SequenceEngine::Predictor& q, unsigned n) {
  bool agrees = true;
  if (n == 0) return true;
  e.for_each_node(n - 1, [&](unsigned, const std::vector<std::uint32_t>& h, const std::vector<Integer>&) {
    if (agrees && q(h) != e.predictive(h)) agrees = false;
  });
  return agrees;
}

SequenceEngine::Predictor window_predictor(SequenceEngine& e, unsigned d, unsigned n) {
  auto window = std::make_shared<std::vector<std::map<std::vector<std::uint32_t>, std::vector<Rational>>>>(n);
  for (unsigned t = 0; t < n; ++t) (*window)[t] = e.horizon_predictor(t, d);
  return [window, d](const std::vector<std::uint32_t>& h) {
    std::size_t k = std::min<std::size_t>(d, h.size());
    std::vector<std::uint32_t> w(h.end() - static_cast<long>(k), h.end());
    return window->at(h.size()).at(w);
  };
}

std::vector<NamedPredictor> comparison_predictors(SequenceEngine& e, unsigned n, bool off_support) {
  const LatentMixture& m = e.model();
  const std::size_t d = m.alphabet.size(), k = m.components.size();
  std::vector<Rational> w(k, Rational(4, 5 * static_cast<long>(std::max<std::size_t>(1, k - 1))));
  w[0] = k == 1 ? Rational(1) : Rational(1, 5);
  auto uniform = [d](const std::vector<std::uint32_t>&) { return std::vector<Rational>(d, Rational(1, static_cast<long>(d))); };
  std::vector<NamedPredictor> out = {
      {"other prior weights", reweighted_predictor(m, w)},
      {"horizon-1 predictor", window_predictor(e, 1, n)},
      {"uniform", uniform},
      {"P-hat but uniform at t = 0",
       [&e, uniform](const std::vector<std::uint32_t>& h) { return h.empty() ? uniform(h) : e.predictive(h); }}};
  if (off_support)
    out.push_back({"P-hat changed on zero-probability histories", [&e, uniform](const std::vector<std::uint32_t>& h) {
                     return e.probability(h) == 0 ? uniform(h) : e.predictive(h);
                   }});
  return out;
}

std::vector<Rational> PosteriorTrace::remaining() const {
  std::vector<Rational> out;
  for (const Rational& e : expected) out.push_back(1 - e);
  return out;
}

bool PosteriorTrace::remaining_falls() const {
  const std::vector<Rational> r = remaining();
  for (std::size_t t = 1; t < r.size(); ++t)
    if (!(r[t] < r[t - 1])) return false;
  return true;
}

std::vector<WindowWitness> window_witnesses(SequenceEngine& e, unsigned max_d, unsigned t_max, bool excess) {
  const auto& alphabet = e.model().alphabet;
  auto law = [&](const std::vector<std::uint32_t>& h) {
    std::string s;
    for (const Rational& p : e.predictive(h)) s += (s.empty() ? "" : ", ") + p.str();
    return "(" + s + ")";
  };
  std::vector<WindowWitness> out;
  for (const WindowProfile& p : window_profiles(e, max_d, t_max)) {
    WindowWitness w;
    w.d = p.d;
    w.t_star = p.t_star;
    w.differ_from_t_star_on = p.differ_from_t_star_on();
    const WindowComparison* first = p.first_difference();
    if (first && first->witness) {
      const auto& [h1, h2] = *first->witness;
      const std::string bad = recheck_witness(e, h1, h2, p.d);
      if (!bad.empty()) throw std::logic_error("a witness does not re-check: " + bad);
      w.found = true;
      w.t = first->t;
      w.h1 = history_text(alphabet, h1);
      w.h2 = history_text(alphabet, h2);
      w.law1 = law(h1);
      w.law2 = law(h2);
      w.mass = first->mass;
      if (excess) {
        w.excess = e.excess_loss(first->t, p.d);
        if (certified_sign(w.excess) <= 0) throw std::logic_error("the predictors differ but the excess loss is 0");
      }
    }
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace infocert
