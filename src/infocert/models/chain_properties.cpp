#include "infocert/models/chain_properties.hpp"

#include <deque>
#include <map>
#include <stdexcept>

namespace infocert {

namespace {
// States reachable from s0 through states in `keep` (all when empty), along edges of
// positive probability (backwards when `reverse`).
std::vector<bool> reach_from(const StateModel& m, std::uint32_t s0, bool reverse, const std::vector<bool>& keep = {}) {
  const std::size_t n = m.emit.size();
  auto kept = [&](std::uint32_t s) { return keep.empty() || keep[s]; };
  std::vector<std::vector<std::uint32_t>> adj(n);
  for (std::uint32_t s = 0; s < n; ++s)
    for (std::uint32_t x = 0; x < m.alphabet.size(); ++x)
      if (m.emit[s][x] != 0 && kept(s) && kept(m.next[s][x])) {
        if (reverse)
          adj[m.next[s][x]].push_back(s);
        else
          adj[s].push_back(m.next[s][x]);
      }
  std::vector<bool> seen(n, false);
  std::deque<std::uint32_t> todo{s0};
  seen[s0] = true;
  while (!todo.empty()) {
    std::uint32_t s = todo.front();
    todo.pop_front();
    for (auto t : adj[s])
      if (!seen[t]) {
        seen[t] = true;
        todo.push_back(t);
      }
  }
  return seen;
}
}  // namespace

bool is_markov(const StateModel& m) {
  if (m.emit.size() != m.alphabet.size()) return false;
  for (std::size_t s = 0; s < m.next.size(); ++s)
    for (std::size_t x = 0; x < m.next[s].size(); ++x)
      if (m.next[s][x] != x) return false;
  return true;
}

std::vector<bool> reachable_states(const StateModel& m) { return reach_from(m, m.initial, false); }

bool irreducible(const StateModel& m) { return irreducible_on(m, std::vector<bool>(m.emit.size(), true)); }

bool irreducible_on(const StateModel& m, const std::vector<bool>& keep) {
  std::uint32_t first = 0;
  while (first < keep.size() && !keep[first]) ++first;
  if (first == keep.size()) return false;
  auto fwd = reach_from(m, first, false, keep), bwd = reach_from(m, first, true, keep);
  for (std::size_t s = 0; s < fwd.size(); ++s)
    if (keep[s] && (!fwd[s] || !bwd[s])) return false;
  return true;
}

bool deterministically_distinguishable(const StateModel& a, const StateModel& b, std::string* edge) {
  if (a.emit.size() != b.emit.size() || a.alphabet != b.alphabet)
    throw std::invalid_argument("deterministically_distinguishable: different state spaces");
  for (std::size_t s = 0; s < a.emit.size(); ++s)
    for (std::size_t x = 0; x < a.alphabet.size(); ++x)
      if ((a.emit[s][x] == 0) != (b.emit[s][x] == 0)) {
        if (edge) *edge = a.states[s] + " -> " + a.alphabet[x];
        return true;
      }
  return false;
}

bool same_transitions(const StateModel& a, const StateModel& b) { return a.emit == b.emit && a.next == b.next; }

bool full_support(const StateModel& m) {
  for (const auto& row : m.emit)
    for (const auto& p : row)
      if (p == 0) return false;
  return true;
}

StateModel window_chain(const StateModel& f, unsigned d, std::vector<std::vector<std::uint32_t>>* words_out) {
  // Built from the recipe, not from f's own state graph: the words of Σ^[d] are listed
  // afresh, f(w) is looked up by the word's text, and the successor of w under x is the
  // word s(w)x computed letter by letter.
  const std::size_t k = f.alphabet.size();
  std::vector<std::vector<std::uint32_t>> words{{}};
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i].size() < d)
      for (std::uint32_t x = 0; x < k; ++x) {
        auto w = words[i];
        w.push_back(x);
        words.push_back(w);
      }
  std::map<std::vector<std::uint32_t>, std::uint32_t> index;
  for (std::uint32_t i = 0; i < words.size(); ++i) index[words[i]] = i;
  std::map<std::string, const std::vector<Rational>*> table;
  for (std::size_t s = 0; s < f.states.size(); ++s) table[f.states[s]] = &f.emit[s];
  auto text = [&](const std::vector<std::uint32_t>& w) {
    std::string t;
    for (auto x : w) t += (t.empty() ? "" : " ") + f.alphabet[x];
    return t;
  };
  StateModel c;
  c.name = f.name + " (window chain)";
  for (const auto& w : words) c.states.push_back("[" + text(w) + "]");
  c.alphabet = c.states;
  c.initial = 0;
  const std::size_t n = words.size();
  c.emit.assign(n, std::vector<Rational>(n, Rational(0)));
  c.next.assign(n, std::vector<std::uint32_t>(n));
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint32_t j = 0; j < n; ++j) c.next[i][j] = j;
    auto row = table.find(text(words[i]));
    if (row == table.end()) throw std::invalid_argument("window_chain: the model has no context " + text(words[i]));
    for (std::uint32_t x = 0; x < k; ++x) {
      auto w = words[i];
      if (w.size() == d) w.erase(w.begin());
      w.push_back(x);
      c.emit[i][index.at(w)] += (*row->second)[x];
    }
  }
  if (words_out) *words_out = std::move(words);
  return c;
}

std::vector<std::string> TwoChainHypotheses::failing() const {
  std::vector<std::string> out;
  if (!not_dd) out.push_back("not dd");
  if (!irreducible1 || !irreducible2) out.push_back("irreducible");
  if (!different) out.push_back("P1 != P2");
  if (!theta_inside) out.push_back("theta in (0,1)");
  return out;
}

TwoChainHypotheses two_chain_hypotheses(const LatentMixture& m) {
  TwoChainHypotheses h;
  if (m.kind != "mixture" || m.models.size() != 2 || m.doc_lengths.size() != 1) {
    h.not_applicable = "Lemma A speaks of a mixture of two Markov chains over one sequence";
    return h;
  }
  const StateModel &a = m.models[0], &b = m.models[1];
  if (!is_markov(a) || !is_markov(b)) {
    h.not_applicable = "a component is not a Markov chain (kind markov)";
    return h;
  }
  h.irreducible1 = irreducible(a);
  h.irreducible2 = irreducible(b);
  h.not_dd = !deterministically_distinguishable(a, b, &h.dd_edge);
  h.different = !same_transitions(a, b);
  h.theta_inside = m.components.size() == 2;  // a zero weight drops its component
  h.same_start = a.initial == b.initial;
  return h;
}

}  // namespace infocert
