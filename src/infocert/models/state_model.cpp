#include "infocert/models/state_model.hpp"

#include <random>

#include <algorithm>
#include <deque>
#include <map>
#include <stdexcept>

namespace infocert {

namespace {

std::string join_context(const std::vector<std::string>& alphabet, const std::vector<std::uint32_t>& ctx) {
  std::string s;
  for (auto x : ctx) s += (s.empty() ? "" : " ") + alphabet[x];
  return s;
}

}  // namespace

StateModel horizon_skeleton(const std::vector<std::string>& alphabet, std::size_t k,
                            std::vector<std::vector<std::uint32_t>>* contexts_out) {
  StateModel m;
  m.alphabet = alphabet;
  const std::size_t d = alphabet.size();
  // Index the contexts breadth first; the state after x appends x and keeps the last K tokens.
  std::map<std::vector<std::uint32_t>, std::uint32_t> index;
  std::vector<std::vector<std::uint32_t>> contexts;
  std::deque<std::vector<std::uint32_t>> queue{{}};
  while (!queue.empty()) {
    auto c = queue.front();
    queue.pop_front();
    index[c] = static_cast<std::uint32_t>(contexts.size());
    contexts.push_back(c);
    if (c.size() < k)
      for (std::uint32_t x = 0; x < d; ++x) {
        auto e = c;
        e.push_back(x);
        queue.push_back(e);
      }
  }
  m.initial = 0;
  m.emit.assign(contexts.size(), std::vector<Rational>(d, Rational(0)));
  m.next.assign(contexts.size(), std::vector<std::uint32_t>(d));
  for (std::size_t s = 0; s < contexts.size(); ++s) {
    m.states.push_back(join_context(m.alphabet, contexts[s]));
    for (std::uint32_t x = 0; x < d; ++x) {
      auto e = contexts[s];
      e.push_back(x);
      if (e.size() > k) e.erase(e.begin());
      m.next[s][x] = index.at(e);
    }
  }
  if (contexts_out) *contexts_out = std::move(contexts);
  return m;
}

Rational sequence_probability(const StateModel& m, const std::vector<std::uint32_t>& tokens) {
  Rational p = 1;
  std::uint32_t s = m.initial;
  for (auto x : tokens) {
    p *= m.emit[s][x];
    if (p == 0) return p;
    s = m.next[s][x];
  }
  return p;
}

StateModel markov_chain(const std::vector<std::string>& alphabet, std::vector<std::vector<Rational>> rows,
                        std::uint32_t start, const std::string& name) {
  if (rows.size() != alphabet.size() || start >= alphabet.size())
    throw std::invalid_argument("markov_chain: one row per symbol expected");
  StateModel m;
  m.name = name;
  m.alphabet = alphabet;
  m.states = alphabet;
  m.initial = start;
  for (auto& row : rows) {
    if (row.size() != alphabet.size()) throw std::invalid_argument("markov_chain: one entry per symbol expected");
    m.emit.push_back(std::move(row));
    std::vector<std::uint32_t> next(alphabet.size());
    for (std::uint32_t x = 0; x < next.size(); ++x) next[x] = x;
    m.next.push_back(std::move(next));
  }
  return m;
}

StateModel two_state_chain(const Rational& aa, const Rational& ba, const std::string& name) {
  return markov_chain({"a", "b"}, {{aa, Rational(1 - aa)}, {ba, Rational(1 - ba)}}, 0, name);
}

std::vector<StateModel> two_state_chains(const std::vector<Rational>& grid) {
  std::vector<StateModel> out;
  for (const auto& p : grid)
    for (const auto& q : grid) out.push_back(two_state_chain(p, q));
  return out;
}

std::vector<StateModel> random_markov_chains(std::uint64_t seed, std::size_t count, const std::vector<std::string>& alphabet,
                                             const std::vector<std::vector<Rational>>& rows) {
  std::mt19937_64 rng(seed);
  std::vector<StateModel> out;
  for (std::size_t k = 0; k < count; ++k) {
    std::vector<std::vector<Rational>> table;
    for (std::size_t s = 0; s < alphabet.size(); ++s) table.push_back(rows[rng() % rows.size()]);
    out.push_back(markov_chain(alphabet, std::move(table)));
  }
  return out;
}

std::vector<Rational> coarse_probability_grid() {
  return {Rational(0), Rational(1, 3), Rational(1, 2), Rational(2, 3), Rational(1)};
}

StateModel bernoulli(const Rational& p, const std::string& name) {
  StateModel m;
  m.name = name;
  m.alphabet = {"0", "1"};
  m.states = {"*"};
  m.initial = 0;
  m.emit = {{Rational(1 - p), p}};
  m.next = {{0, 0}};
  return m;
}

std::string describe_chain(const StateModel& m) {
  std::string s;
  for (std::size_t i = 0; i < m.emit.size(); ++i) {
    s += (i ? ", " : "") + m.alphabet[i] + "->(";
    for (std::size_t x = 0; x < m.emit[i].size(); ++x) s += (x ? " " : "") + m.emit[i][x].str();
    s += ")";
  }
  return s;
}

std::string history_text(const std::vector<std::string>& alphabet, const std::vector<std::uint32_t>& h) {
  std::string s;
  for (auto x : h) s += (s.empty() ? "" : " ") + alphabet[x];
  return s.empty() ? "(empty)" : s;
}

}  // namespace infocert
