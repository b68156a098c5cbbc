#include "lemmas/finite_horizon.hpp"

namespace infocert::lemmas {

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

StateModel two_state_chain(const Rational& aa, const Rational& ba) {
  StateModel m;
  m.alphabet = {"a", "b"};
  m.states = m.alphabet;
  m.initial = 0;
  m.emit = {{aa, Rational(1 - aa)}, {ba, Rational(1 - ba)}};
  m.next = {{0, 1}, {0, 1}};
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

std::string history_text(const LatentMixture& m, const std::vector<std::uint32_t>& h) {
  std::string s;
  for (auto x : h) s += (s.empty() ? "" : " ") + m.alphabet[x];
  return s.empty() ? "(empty)" : s;
}

}  // namespace infocert::lemmas
