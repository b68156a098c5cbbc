#include "infocert/engine/horizon.hpp"

#include <algorithm>
#include <map>

#include "infocert/engine/parallel.hpp"
#include "infocert/error.hpp"
#include "infocert/models/chain_properties.hpp"

namespace infocert {

StateModel induced_horizon_model(SequenceEngine& engine, unsigned d1, unsigned t_max) {
  const LatentMixture& m = engine.model();
  // 1 + d + ... + d^d1 contexts, counted before any is built.
  std::size_t contexts_needed = 0, layer = 1;
  for (unsigned len = 0; len <= d1; ++len) {
    contexts_needed += layer;
    if (contexts_needed > kMaxStates)
      throw InputError("a horizon-" + std::to_string(d1) + " model over " + std::to_string(m.alphabet.size()) +
                       " symbols needs more than " + std::to_string(kMaxStates) + " contexts");
    layer *= m.alphabet.size();
  }
  std::vector<std::vector<std::uint32_t>> contexts;
  StateModel f = horizon_skeleton(m.alphabet, d1, &contexts);
  f.name = "induced horizon-" + std::to_string(d1) + " model";
  std::map<std::vector<std::uint32_t>, std::size_t> index;
  for (std::size_t i = 0; i < contexts.size(); ++i) index[contexts[i]] = i;
  std::vector<bool> done(contexts.size(), false);
  auto rows = histories_by_depth(engine, t_max);
  const std::size_t k = m.alphabet.size();
  for (unsigned t = 0; t < t_max; ++t) {
    unsigned w = std::min(d1, t);
    // Group the histories of length t by their window and average their predictions.
    std::map<std::vector<std::uint32_t>, std::pair<Integer, std::vector<Integer>>> groups;
    for (const auto& r : rows[t]) {
      auto& g = groups[std::vector<std::uint32_t>(r.history.end() - w, r.history.end())];
      if (g.second.empty()) g.second.assign(k, Integer(0));
      g.first += r.mass;
      for (std::size_t x = 0; x < k; ++x) g.second[x] += r.next[x];
    }
    for (const auto& [window, g] : groups) {
      std::size_t s = index.at(window);
      if (done[s]) continue;
      done[s] = true;
      for (std::size_t x = 0; x < k; ++x)
        f.emit[s][x] = Rational(g.second[x], Integer(engine.emission_denominator() * g.first));
    }
  }
  return f;
}

EquivalenceResult horizon_equivalence(SequenceEngine& engine, unsigned d1, unsigned t_max) {
  return equivalent(automaton_of(engine.model()), automaton_of(induced_horizon_model(engine, d1, t_max)));
}

std::map<std::string, DroppedHypothesis> drop_one_hypothesis(const std::vector<ChainPair>& pairs, unsigned max_d,
                                                             unsigned t_max) {
  // Each pair on its own (in parallel), then tallied in the pairs' order.
  struct Outcome {
    std::string dropped;  ///< the one failing hypothesis, or empty
    bool agree = false, proved = false;
    std::string example;
  };
  // As text for a distributed sweep: the flags, then the failing hypothesis and the example
  // on lines of their own (neither holds a newline).
  auto encode = [](const Outcome& o) {
    return std::string(1, o.agree ? '1' : '0') + (o.proved ? '1' : '0') + o.dropped + "\n" + o.example;
  };
  auto decode = [](const std::string& t) {
    Outcome o;
    o.agree = t.at(0) == '1';
    o.proved = t.at(1) == '1';
    const std::size_t line = t.find('\n');
    o.dropped = t.substr(2, line - 2);
    o.example = t.substr(line + 1);
    return o;
  };
  const std::vector<Outcome> outcomes = sweep_map(pairs.size(), [&](std::size_t i) {
    const ChainPair& pair = pairs[i];
    Outcome o;
    LatentMixture m = make_mixture({pair.a, pair.b}, {pair.theta, Rational(1 - pair.theta)}, t_max);
    TwoChainHypotheses h = two_chain_hypotheses(m);
    if (pair.theta == 0 || pair.theta == 1) {
      h.theta_inside = false;
      h.irreducible2 = h.irreducible1 = irreducible(pair.a) && irreducible(pair.b);
    }
    const std::vector<std::string> failing = h.failing();
    if (failing.size() != 1) return o;
    o.dropped = failing.front();
    SequenceEngine e(m);
    // The conclusion fails when, for some d <= max_d, the predictors agree at every step.
    for (const auto& p : window_profiles(e, max_d, t_max)) {
      if (p.t_star) continue;
      o.agree = true;
      o.proved = horizon_equivalence(e, p.d, t_max).equivalent;
      if (o.proved)
        o.example = describe_chain(pair.a) + " | " + describe_chain(pair.b) + " | theta = " + pair.theta.str() +
                    " | horizon " + std::to_string(p.d);
      break;
    }
    return o;
  }, encode, decode);
  std::map<std::string, DroppedHypothesis> tally;
  for (const Outcome& o : outcomes) {
    if (o.dropped.empty()) continue;
    DroppedHypothesis& t = tally[o.dropped];
    ++t.pairs;
    t.agree += o.agree;
    if (o.proved && t.proved++ == 0) t.example = o.example;
  }
  return tally;
}

unsigned smallest_horizon(SequenceEngine& engine, unsigned max_d, unsigned t_max) {
  for (unsigned d1 = 1; d1 <= max_d; ++d1)
    if (horizon_equivalence(engine, d1, t_max).equivalent) return d1;
  return 0;
}

WindowReduction window_reduction(const StateModel& f, unsigned d, unsigned horizon) {
  WindowReduction r;
  std::vector<std::vector<std::uint32_t>> words;
  r.chain = window_chain(f, d, &words);
  const WeightedAutomaton projected = window_chain_automaton(f, d);
  r.agrees_up_to_horizon = agrees_up_to(projected, f, horizon, &r.sequences_checked);
  r.equal_for_every_length = equivalent(projected, automaton_of(f)).equivalent;
  std::vector<bool> full(words.size());
  for (std::size_t s = 0; s < words.size(); ++s) full[s] = words[s].size() == d;
  r.irreducible = infocert::irreducible(r.chain);
  r.irreducible_on_full = irreducible_on(r.chain, full);
  return r;
}

std::vector<ChainPair> grid_pairs(const std::vector<StateModel>& chains) {
  std::vector<ChainPair> pairs;
  for (std::size_t i = 0; i < chains.size(); ++i)
    for (std::size_t j = i; j < chains.size(); ++j) pairs.push_back({chains[i], chains[j], Rational(1, 2)});
  for (std::size_t i = 0; i < chains.size(); ++i)
    for (std::size_t j = 0; j < chains.size(); ++j)
      if (i != j) pairs.push_back({chains[i], chains[j], Rational(0)});
  return pairs;
}

std::vector<ChainPair> hypothesis_search_pairs(const ChainPair& first, const std::vector<StateModel>& chains,
                                               const std::vector<StateModel>& three_state) {
  std::vector<ChainPair> pairs = {first};
  for (ChainPair& p : grid_pairs(chains)) pairs.push_back(std::move(p));
  for (std::size_t k = 0; k + 1 < three_state.size(); k += 2)
    pairs.push_back({three_state[k], three_state[k + 1], Rational(1, 2)});
  return pairs;
}

std::map<unsigned, HorizonCount> dd_pairs_by_horizon(const std::vector<StateModel>& chains, unsigned max_d,
                                                     unsigned t_max) {
  std::vector<const StateModel*> kept;
  for (const auto& c : chains)
    if (irreducible(c)) kept.push_back(&c);
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < kept.size(); ++i)
    for (std::size_t j = i + 1; j < kept.size(); ++j)
      if (deterministically_distinguishable(*kept[i], *kept[j])) pairs.emplace_back(i, j);
  // Each pair on its own (in parallel), then counted in the pairs' order.
  const std::vector<unsigned> horizon = parallel_map(pairs.size(), [&](std::size_t k) {
    const LatentMixture m = make_mixture({*kept[pairs[k].first], *kept[pairs[k].second]}, {Rational(1, 2), Rational(1, 2)}, t_max);
    SequenceEngine e(m);  // keeps a reference to m
    return smallest_horizon(e, max_d, t_max);
  }, sweep_threads());
  std::map<unsigned, HorizonCount> out;
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    HorizonCount& slot = out[horizon[k]];
    if (slot.pairs++ == 0) slot.example = describe_chain(*kept[pairs[k].first]) + " | " + describe_chain(*kept[pairs[k].second]);
  }
  return out;
}

ComponentProperties component_properties(const LatentMixture& m) {
  ComponentProperties p;
  for (const auto& c : m.components) p.full_support = p.full_support && full_support(m.models[c.doc_model[0]]);
  for (std::size_t i = 0; i < m.models.size(); ++i)
    for (std::size_t j = i + 1; j < m.models.size(); ++j)
      p.distinct = p.distinct && !equivalent(automaton_of(m.models[i]), automaton_of(m.models[j])).equivalent;
  return p;
}

}  // namespace infocert
