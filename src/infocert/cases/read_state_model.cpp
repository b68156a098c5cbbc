#include "infocert/cases/read.hpp"

#include <algorithm>
#include <deque>
#include <sstream>

namespace infocert {

using nlohmann::json;

std::vector<std::string> read_alphabet(const CaseReader& r, const json& doc, const JsonPath& at) {
  const JsonPath p = at.key("alphabet");
  auto it = doc.find("alphabet");
  if (it == doc.end()) r.fail(at, "missing key \"alphabet\"");
  if (!it->is_array() || it->empty()) r.fail(p, "expected a non-empty array of symbols");
  if (it->size() > kMaxAlphabet)
    r.fail(p, std::to_string(it->size()) + " symbols; at most " + std::to_string(kMaxAlphabet) + " are supported");
  std::vector<std::string> a;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& s = (*it)[i];
    bool ok = s.is_string() && !s.get<std::string>().empty() &&
              s.get<std::string>().find_first_of(" \t\n\r") == std::string::npos;
    if (!ok) r.fail(p.index(i), "expected a symbol (a non-empty string without spaces), found " + s.dump());
    if (std::find(a.begin(), a.end(), s.get<std::string>()) != a.end()) r.fail(p.index(i), s.dump() + " appears twice");
    a.push_back(s.get<std::string>());
  }
  return a;
}

namespace {

std::uint32_t symbol_index(const CaseReader& r, const std::vector<std::string>& alphabet, const std::string& s,
                           const JsonPath& at) {
  auto it = std::find(alphabet.begin(), alphabet.end(), s);
  if (it == alphabet.end()) {
    std::string list;
    for (const auto& x : alphabet) list += (list.empty() ? "" : ", ") + x;
    r.fail(at, "unknown symbol " + json_quote(s) + " (alphabet: " + list + ")");
  }
  return static_cast<std::uint32_t>(it - alphabet.begin());
}

// A distribution over the alphabet: symbol -> probability, summing to exactly 1.
std::vector<Rational> read_row(const CaseReader& r, const std::vector<std::string>& alphabet, const json& row,
                               const JsonPath& at) {
  if (!row.is_object()) r.fail(at, "expected an object from symbol to probability");
  std::vector<Rational> p(alphabet.size(), Rational(0));
  Rational total = 0;
  for (const auto& [sym, v] : row.items()) {
    const JsonPath here = at.key(sym);
    std::uint32_t x = symbol_index(r, alphabet, sym, here);
    p[x] = r.probability(v, here);
    total += p[x];
  }
  if (total != 1) r.fail({}, at.str() + " sums to " + total.str() + ", not 1");
  return p;
}

}  // namespace

StateModel markov_from_case(const CaseReader& r, const json& doc, const JsonPath& at) {
  r.check_keys(doc, at, {"kind", "name", "description", "claim", "hypotheses", "assert", "recheck", "alphabet", "start", "transition", "tokens"});
  StateModel m;
  m.alphabet = read_alphabet(r, doc, at);
  m.states = m.alphabet;
  auto start = doc.find("start");
  if (start == doc.end()) r.fail(at, "missing key \"start\"");
  if (!start->is_string()) r.fail(at.key("start"), "expected a symbol");
  m.initial = symbol_index(r, m.alphabet, start->get<std::string>(), at.key("start"));
  auto tr = doc.find("transition");
  if (tr == doc.end()) r.fail(at, "missing key \"transition\"");
  const JsonPath tp = at.key("transition");
  if (!tr->is_object()) r.fail(tp, "expected an object from state to its next-symbol distribution");
  std::size_t d = m.alphabet.size();
  m.emit.assign(d, std::vector<Rational>(d, Rational(0)));
  m.next.assign(d, std::vector<std::uint32_t>(d));
  std::vector<bool> given(d, false);
  for (const auto& [state, row] : tr->items()) {
    std::uint32_t s = symbol_index(r, m.alphabet, state, tp.key(state));
    m.emit[s] = read_row(r, m.alphabet, row, tp.key(state));
    given[s] = true;
  }
  for (std::uint32_t s = 0; s < d; ++s) {
    for (std::uint32_t x = 0; x < d; ++x) m.next[s][x] = x;
    if (!given[s]) r.fail(tp, "no row for state " + json_quote(m.alphabet[s]) + " (every symbol is a state)");
  }
  return m;
}

StateModel am_from_case(const CaseReader& r, const json& doc, const JsonPath& at) {
  r.check_keys(doc, at, {"kind", "name", "description", "claim", "hypotheses", "assert", "recheck", "alphabet", "horizon", "table", "tokens"});
  StateModel m;
  m.alphabet = read_alphabet(r, doc, at);
  std::size_t d = m.alphabet.size();
  auto hk = doc.find("horizon");
  if (hk == doc.end()) r.fail(at, "missing key \"horizon\" (the context length K)");
  if (!hk->is_number_unsigned()) r.fail(at.key("horizon"), "expected a non-negative integer, found " + hk->dump());
  std::size_t k = hk->get<std::size_t>();
  // Contexts of length 0..K: 1 + d + ... + d^K states.
  // The contexts are stored token by token: their total length is bounded too (a one-symbol
  // alphabet with K = 99999 has few contexts but about K^2 / 2 tokens in them).
  constexpr std::size_t kMaxContextTokens = 20000000;
  std::size_t count = 0, layer = 1, tokens = 0;
  for (std::size_t len = 0; len <= k; ++len) {
    count += layer;
    tokens += layer * len;
    if (count > kMaxStates) r.fail(at.key("horizon"), "horizon " + std::to_string(k) + " needs more than " +
                                                           std::to_string(kMaxStates) + " contexts");
    if (tokens > kMaxContextTokens)
      r.fail(at.key("horizon"), "horizon " + std::to_string(k) + " needs contexts of more than " +
                                    std::to_string(kMaxContextTokens) + " tokens in all");
    layer *= d;
  }
  std::vector<std::vector<std::uint32_t>> contexts;
  m = horizon_skeleton(m.alphabet, k, &contexts);
  auto tb = doc.find("table");
  if (tb == doc.end()) r.fail(at, "missing key \"table\"");
  const JsonPath tp = at.key("table");
  if (!tb->is_object()) r.fail(tp, "expected an object from context to next-symbol distribution");
  std::vector<bool> given(contexts.size(), false);
  for (const auto& [ctx, row] : tb->items()) {
    const JsonPath here = tp.entry(ctx);
    std::vector<std::uint32_t> c;
    std::istringstream in(ctx);
    for (std::string w; in >> w;) c.push_back(symbol_index(r, m.alphabet, w, here));
    if (c.size() > k)
      r.fail(here, "context of length " + std::to_string(c.size()) + " exceeds the horizon " + std::to_string(k));
    auto s = static_cast<std::uint32_t>(std::find(contexts.begin(), contexts.end(), c) - contexts.begin());
    if (given[s]) r.fail(here, "duplicate context");
    given[s] = true;
    m.emit[s] = read_row(r, m.alphabet, row, here);
  }
  // Every context reachable with positive probability needs a row. Contexts shorter than
  // K occur only at the start, so they are reachable exactly along the first tokens.
  std::vector<bool> seen(contexts.size(), false);
  std::deque<std::uint32_t> todo{0};
  seen[0] = true;
  while (!todo.empty()) {
    std::uint32_t s = todo.front();
    todo.pop_front();
    if (!given[s])
      r.fail(tp, "no row for context " + json_quote(m.states[s]) + ", which is reached with positive probability");
    for (std::uint32_t x = 0; x < d; ++x)
      if (m.emit[s][x] != 0 && !seen[m.next[s][x]]) {
        seen[m.next[s][x]] = true;
        todo.push_back(m.next[s][x]);
      }
  }
  return m;
}

StateModel state_model_from_case(const CaseReader& r, const json& doc, const JsonPath& at) {
  if (!doc.is_object()) r.fail(at, "expected a model object");
  auto kind = doc.find("kind");
  if (kind == doc.end()) r.fail(at, "missing key \"kind\"");
  if (*kind == "markov") return markov_from_case(r, doc, at);
  if (*kind == "am") return am_from_case(r, doc, at);
  r.fail(at.key("kind"), "expected \"markov\" or \"am\" for a component model, found " + kind->dump());
}

}  // namespace infocert
