#include "infocert/models/state_model.hpp"

#include <algorithm>
#include <deque>
#include <map>

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

}  // namespace infocert
