#include "infocert/engine/automaton.hpp"

#include "infocert/models/chain_properties.hpp"

#include <deque>
#include <functional>
#include <stdexcept>

namespace infocert {

namespace {
/// `states` states, starting in `initial`, every state final, no transitions yet.
WeightedAutomaton prefix_automaton(std::size_t states, std::uint32_t initial, std::size_t symbols) {
  WeightedAutomaton a;
  a.states = states;
  a.initial.assign(states, Rational(0));
  a.initial[initial] = 1;
  a.final.assign(states, Rational(1));
  a.transitions.resize(symbols);
  return a;
}
}  // namespace

WeightedAutomaton automaton_of(const StateModel& m) {
  WeightedAutomaton a = prefix_automaton(m.emit.size(), m.initial, m.alphabet.size());
  for (std::uint32_t s = 0; s < a.states; ++s)
    for (std::uint32_t x = 0; x < m.alphabet.size(); ++x)
      if (m.emit[s][x] != 0) a.transitions[x].push_back({s, m.next[s][x], m.emit[s][x]});
  return a;
}

WeightedAutomaton automaton_of(const LatentMixture& m) {
  if (m.doc_lengths.size() != 1) throw std::invalid_argument("automaton_of: one document only");
  WeightedAutomaton a;
  a.transitions.resize(m.alphabet.size());
  for (const auto& c : m.components) {
    WeightedAutomaton part = automaton_of(m.models[c.doc_model[0]]);
    std::uint32_t offset = static_cast<std::uint32_t>(a.states);
    a.states += part.states;
    for (auto& q : part.initial) a.initial.push_back(c.weight * q);
    a.final.insert(a.final.end(), part.final.begin(), part.final.end());
    for (std::size_t x = 0; x < part.transitions.size(); ++x)
      for (const auto& e : part.transitions[x]) a.transitions[x].push_back({e.from + offset, e.to + offset, e.weight});
  }
  return a;
}

namespace {
std::vector<Rational> step(const WeightedAutomaton& a, const std::vector<Rational>& v, std::uint32_t x) {
  std::vector<Rational> out(a.states, Rational(0));
  for (const auto& e : a.transitions[x])
    if (v[e.from] != 0) out[e.to] += v[e.from] * e.weight;
  return out;
}

Rational dot(const std::vector<Rational>& v, const std::vector<Rational>& w) {
  Rational s = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] != 0 && w[i] != 0) s += v[i] * w[i];
  return s;
}
}  // namespace

Rational evaluate(const WeightedAutomaton& a, const std::vector<std::uint32_t>& word) {
  std::vector<Rational> v = a.initial;
  for (auto x : word) v = step(a, v, x);
  return dot(v, a.final);
}

EquivalenceResult equivalent(const WeightedAutomaton& a, const WeightedAutomaton& b) {
  if (a.transitions.size() != b.transitions.size())
    throw std::invalid_argument("equivalent: the automata have different alphabets");
  const std::size_t n = a.states + b.states;
  // Joint vector (α_A M_w, α_B M_w); the difference f_A(w) - f_B(w) is its product with (β_A, -β_B).
  std::vector<Rational> beta(a.final);
  for (const auto& q : b.final) beta.push_back(Rational(-q));
  auto joint_step = [&](const std::vector<Rational>& v, std::uint32_t x) {
    std::vector<Rational> va(v.begin(), v.begin() + static_cast<long>(a.states)),
        vb(v.begin() + static_cast<long>(a.states), v.end());
    std::vector<Rational> out = step(a, va, x), ob = step(b, vb, x);
    out.insert(out.end(), ob.begin(), ob.end());
    return out;
  };
  // Row-echelon basis: each basis row has a pivot column where the other rows... are reduced.
  std::vector<std::vector<Rational>> basis;
  std::vector<std::size_t> pivots;
  auto reduce = [&](std::vector<Rational> v) {
    for (std::size_t i = 0; i < basis.size(); ++i) {
      const Rational& c = v[pivots[i]];
      if (c == 0) continue;
      Rational f = c / basis[i][pivots[i]];
      for (std::size_t j = 0; j < n; ++j)
        if (basis[i][j] != 0) v[j] -= f * basis[i][j];
    }
    return v;
  };
  EquivalenceResult result;
  std::vector<Rational> start(a.initial);
  start.insert(start.end(), b.initial.begin(), b.initial.end());
  std::deque<std::pair<std::vector<Rational>, std::vector<std::uint32_t>>> queue{{start, {}}};
  while (!queue.empty()) {
    auto [v, word] = std::move(queue.front());
    queue.pop_front();
    std::vector<Rational> r = reduce(v);
    std::size_t pivot = n;
    for (std::size_t j = 0; j < n; ++j)
      if (r[j] != 0) {
        pivot = j;
        break;
      }
    if (pivot == n) continue;  // in the span already: its extensions are too
    if (dot(v, beta) != 0) {
      result.counterexample = word;
      result.basis_size = basis.size();
      return result;
    }
    basis.push_back(r);
    pivots.push_back(pivot);
    for (std::uint32_t x = 0; x < a.transitions.size(); ++x) {
      auto w = word;
      w.push_back(x);
      queue.emplace_back(joint_step(v, x), std::move(w));
    }
  }
  result.equivalent = true;
  result.basis_size = basis.size();
  return result;
}

WeightedAutomaton window_chain_automaton(const StateModel& f, unsigned d) {
  std::vector<std::vector<std::uint32_t>> words;
  StateModel chain = window_chain(f, d, &words);
  WeightedAutomaton a = prefix_automaton(chain.emit.size(), chain.initial, f.alphabet.size());
  for (std::uint32_t i = 0; i < a.states; ++i)
    for (std::uint32_t j = 0; j < a.states; ++j)
      if (chain.emit[i][j] != 0) a.transitions.at(words[j].back()).push_back({i, j, chain.emit[i][j]});
  return a;
}

bool agrees_up_to(const WeightedAutomaton& a, const StateModel& m, unsigned horizon, std::size_t* checked) {
  bool all = true;
  std::size_t count = 0;
  std::vector<std::uint32_t> word;
  std::function<void()> walk = [&]() {
    ++count;
    if (evaluate(a, word) != sequence_probability(m, word)) all = false;
    if (word.size() == horizon) return;
    for (std::uint32_t x = 0; x < m.alphabet.size(); ++x) {
      word.push_back(x);
      walk();
      word.pop_back();
    }
  };
  walk();
  if (checked) *checked = count;
  return all;
}

}  // namespace infocert
