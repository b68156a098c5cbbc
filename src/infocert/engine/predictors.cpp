#include "infocert/engine/predictors.hpp"

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

WindowComparison compare_window(const std::vector<HistoryRow>& rows, unsigned t, unsigned d, const Integer& total) {
  WindowComparison c;
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

}  // namespace infocert
