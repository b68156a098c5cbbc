#include "infocert/cases/verify.hpp"

#include <algorithm>

#include "infocert/cases/case_file.hpp"
#include "infocert/cases/direct.hpp"
#include "infocert/check/claims.hpp"
#include "infocert/query/query.hpp"
#include "infocert/cases/open.hpp"
#include "infocert/engine/horizon.hpp"
#include "infocert/error.hpp"
#include "infocert/exact/decide.hpp"
#include "infocert/measure/measure.hpp"
#include "infocert/models/chain_properties.hpp"

namespace infocert {

using nlohmann::json;

bool VerifyResult::holds() const {
  for (const auto& l : lines)
    if (!l.holds) return false;
  return !lines.empty();
}

bool VerifyResult::refuted() const {
  for (const auto& l : lines)
    if (l.decided && !l.holds) return true;
  return false;
}

namespace {


VarSet names_to_set(const JointDistribution& p, const CaseReader& r, const json& names, const JsonPath& at) {
  if (!names.is_array() || names.empty()) r.fail(at, "expected a non-empty array of variable names");
  VarSet s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!names[i].is_string()) r.fail(at.index(i), "expected a variable name");
    try {
      s.push_back(p.index_of(names[i].get<std::string>()));
    } catch (const std::out_of_range& e) {
      r.fail(at.index(i), e.what());
    }
  }
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

// Σ over the joint support of (A, B) of p(b) (ln p(b) - ln p(a, b)), plus Σ p(a, b) = 1: the
// typeset formula Σ_b p(b) Σ_a [p(a|b) - ln p(a|b)] summed over the support.
LogForm literal_conditional(const JointDistribution& p, const VarSet& a, const VarSet& b) {
  VarSet ab = var_union(a, b);
  auto pb = p.marginal(b);
  LogForm total = LogForm::constant(Rational(1));
  for (const auto& [key, q] : p.marginal(ab)) {
    std::vector<std::uint32_t> y;
    for (std::size_t v : b) y.push_back(key[static_cast<std::size_t>(std::find(ab.begin(), ab.end(), v) - ab.begin())]);
    const Rational& w = pb.at(y);
    total += LogForm::ln_rational(w, w);
    total += LogForm::ln_rational(q, Rational(-w));
  }
  return total;
}

// The evaluator of verify: direct sums over the joint table, or over the table a sequence
// model generates (outcome by outcome from its definition) when it is small enough.
inline constexpr std::size_t kMaxDirectOutcomes = 200000;

std::optional<DirectEvaluator> direct_evaluator(OpenCase& open) {
  if (open.joint()) return DirectEvaluator(*open.joint());
  if (const LatentMixture* m = open.sequence()) {
    try {
      return DirectEvaluator(materialize(*m, kMaxDirectOutcomes), m->aliases);
    } catch (const std::length_error&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// I(X1..XT; theta) of a single-document mixture, summed directly over its table.
LogForm information_direct(const LatentMixture& m) {
  DirectEvaluator d(materialize(m, kMaxDirectOutcomes), m.aliases);
  Query q;
  InfoTerm t;
  t.is_entropy = false;
  t.a = m.token_names;
  t.b = {m.latent_names.front()};
  q.terms.push_back({Rational(1), t});
  return d.evaluate(q);
}

// Whether the window chain of a horizon-k model on the words of length <= k reachable from
// the empty word is irreducible: every window reaches every other. The windows and their
// transitions are built here from the model's next-token laws (feeding each word to the
// model from its start), not from the library's window chain.
bool window_chain_irreducible_direct(const StateModel& m, unsigned k) {
  const std::size_t d = m.alphabet.size();
  std::map<std::vector<std::uint32_t>, std::size_t> index;
  std::vector<std::vector<std::uint32_t>> words = {{}};
  index[{}] = 0;
  std::vector<std::vector<std::size_t>> edges;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::uint32_t state = m.initial;
    for (std::uint32_t x : words[i]) state = m.next[state][x];
    edges.emplace_back();
    for (std::uint32_t x = 0; x < d; ++x) {
      if (m.emit[state][x] == 0) continue;
      std::vector<std::uint32_t> w = words[i];
      w.push_back(x);
      if (w.size() > k) w.erase(w.begin());
      auto [it, fresh] = index.emplace(w, words.size());
      if (fresh) words.push_back(w);
      edges[i].push_back(it->second);
    }
  }
  auto reach_all = [&](const std::vector<std::vector<std::size_t>>& g) {
    std::vector<bool> seen(g.size());
    std::vector<std::size_t> stack = {0};
    seen[0] = true;
    while (!stack.empty()) {
      std::size_t v = stack.back();
      stack.pop_back();
      for (std::size_t u : g[v])
        if (!seen[u]) seen[u] = true, stack.push_back(u);
    }
    return std::all_of(seen.begin(), seen.end(), [](bool b) { return b; });
  };
  std::vector<std::vector<std::size_t>> reverse(edges.size());
  for (std::size_t v = 0; v < edges.size(); ++v)
    for (std::size_t u : edges[v]) reverse[u].push_back(v);
  return reach_all(edges) && reach_all(reverse);
}

std::vector<std::string> name_list(const CaseReader& r, const json& v, const JsonPath& at) {
  if (!v.is_array()) r.fail(at, "expected an array of variable names");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) r.fail(at.index(i), "expected a variable name");
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

}  // namespace

VerifyResult verify_case(const std::string& file) {
  json doc = load_case_document(file);
  CaseReader r(file, doc);
  VerifyResult result;
  auto claim = doc.find("claim");
  if (claim == doc.end()) r.fail({}, "missing key \"claim\" (the claim this case speaks to)");
  if (!claim->is_string() || claim->get<std::string>().empty())
    r.fail(JsonPath().key("claim"), "expected the id of the claim, found " + claim->dump());
  result.claim = claim->get<std::string>();
  result.catalogued = check::find_claim(result.claim) != nullptr;
  bool has_assert = doc.contains("assert"), has_recheck = doc.contains("recheck");
  if (!has_assert && !has_recheck) r.fail({}, "nothing to verify: give \"assert\" or \"recheck\"");
  auto open = open_case(file, {});

  // Hypotheses first (the claim's premises on this case), then the conclusion.
  std::optional<DirectEvaluator> direct = direct_evaluator(*open);
  for (const char* key : {"hypotheses", "assert"}) {
    if (!doc.contains(key)) continue;
    const bool premise = std::string(key) == "hypotheses";
    const JsonPath ap = JsonPath().key(key);
    const json& list = doc[key];
    if (!list.is_array() || list.empty()) r.fail(ap, "expected a non-empty array of claims 'EXPR OP EXPR'");
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string()) r.fail(ap.index(i), "expected a claim 'EXPR OP EXPR'");
      ClaimExpr c;
      ClaimDecision d;
      std::string route;
      try {
        c = parse_claim(list[i].get<std::string>(), open->symbols());
        if (direct) {
          d = decide_forms(direct->evaluate(c.lhs), c.op, direct->evaluate(c.rhs));
          route = " (direct sums over the joint table)";
        } else {
          // No table to sum over (a transformer, or too many outcomes): the model's own
          // evaluator, through the measure layer.
          QueryEvaluator eval(open->source());
          d = decide(eval, c);
          route = " (the model's evaluator)";
        }
      } catch (const InputError& e) {
        r.fail(ap.index(i), e);
      }
      result.lines.push_back({(premise ? "hypothesis: " : "") + c.text, d.decided() && d.holds,
                              (d.decided() ? d.how() : d.reason) + route, d.decided()});
    }
  }

  if (has_recheck) {
    const JsonPath rp = JsonPath().key("recheck");
    const json& checks = doc["recheck"];
    if (!checks.is_object() || checks.empty()) r.fail(rp, "expected an object of named checks");
    for (const auto& [name, arg] : checks.items()) {
      const JsonPath p = rp.key(name);
      if (name == "literal_conditional_entropy") {
        if (!open->joint()) r.fail(p, "needs a joint case");
        if (!arg.is_object() || !arg.contains("A") || !arg.contains("B")) r.fail(p, "expected {\"A\": [...], \"B\": [...]}");
        VarSet a = names_to_set(*open->joint(), r, arg["A"], p.key("A")), b = names_to_set(*open->joint(), r, arg["B"], p.key("B"));
        LogForm lit = literal_conditional(*open->joint(), a, b);
        LogForm h = entropy(*open->joint(), var_union(a, b)) - entropy(*open->joint(), b);
        ClaimDecision d = decide_forms(lit, Relation::ne, h);
        result.lines.push_back({"the typeset H(A|B) = " + lit.str() + " differs from H(A|B) = " + h.str(), d.holds, d.how()});
      } else if (name == "literal_expectation") {
        if (!open->joint()) r.fail(p, "needs a joint case");
        if (!arg.is_string()) r.fail(p, "expected a variable name");
        VarSet x = names_to_set(*open->joint(), r, json::array({arg}), p);
        LogForm lit;
        for (const auto& [key, q] : open->joint()->marginal(x)) {
          Rational value;
          try {
            value = parse_rational(open->joint()->alphabet(x[0])[key[0]]);
          } catch (const std::invalid_argument&) {
            r.fail(p, "the symbols of " + arg.get<std::string>() + " are not numbers");
          }
          if (value <= 0) r.fail(p, "the symbols of " + arg.get<std::string>() + " are not positive numbers");
          lit += LogForm::ln_rational(value, Rational(-q));
        }
        LogForm h = entropy(*open->joint(), x);
        ClaimDecision d = decide_forms(lit, Relation::ne, h);
        result.lines.push_back({"E[-ln X] = " + lit.str() + " differs from H(X) = " + h.str(), d.holds, d.how()});
      } else if (name == "same_conditional_law") {
        // "identically distributed given C": the conditional laws, not their entropies.
        if (!arg.is_object() || !arg.contains("A") || !arg.contains("B"))
          r.fail(p, "expected {\"A\": [...], \"B\": [...], \"given\": [...]}");
        r.check_keys(arg, p, {"A", "B", "given"});
        std::optional<DirectEvaluator> direct = direct_evaluator(*open);
        if (!direct) r.fail(p, "needs a joint case or a sequence model small enough to tabulate");
        auto a = name_list(r, arg["A"], p.key("A")), b = name_list(r, arg["B"], p.key("B"));
        auto c = arg.contains("given") ? name_list(r, arg["given"], p.key("given")) : std::vector<std::string>{};
        std::string why;
        bool same = false;
        try {
          same = direct->same_conditional_law(a, b, c, &why);
        } catch (const InputError& e) {
          r.fail(p, e);
        }
        auto joined = [](const std::vector<std::string>& v) {
          std::string out;
          for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
          return out;
        };
        result.lines.push_back({"hypothesis: " + joined(a) + " given " + (c.empty() ? "nothing" : joined(c)) + " has the law of " + joined(b) +
                                    " given " + (c.empty() ? "nothing" : joined(c)) + (same ? "" : ": " + why),
                                same, "exact rational comparison of the conditional laws"});
      } else if (name == "horizon_process") {
        if (!open->sequence() || !arg.is_number_unsigned()) r.fail(p, "needs a sequence model and a horizon (integer)");
        if (arg.get<std::uint64_t>() > 1000) r.fail(p, arg.dump() + " is larger than 1000");
        auto& engine = *open->engine();
        unsigned d1 = arg.get<unsigned>();
        EquivalenceResult eq;
        try {
          eq = horizon_equivalence(engine, d1, static_cast<unsigned>(open->sequence()->token_count()));
        } catch (const InputError& e) {
          r.fail(p, e);
        }
        result.lines.push_back({"the process is a horizon-" + std::to_string(d1) + " process for every length",
                                eq.equivalent, "weighted-automaton equivalence"});
      } else if (name == "window_chain_irreducible") {
        if (!open->sequence() || open->sequence()->models.size() != 1 || !arg.is_boolean())
          r.fail(p, "needs a single horizon model (kind am) and true or false");
        const StateModel& m = open->sequence()->models.front();
        std::size_t k = static_cast<std::size_t>(doc.value("horizon", 0));
        bool irr = window_chain_irreducible_direct(m, static_cast<unsigned>(k));
        result.lines.push_back({std::string("its window chain on words of length <= ") + std::to_string(k) + " is " +
                                    (arg.get<bool>() ? "" : "not ") + "irreducible",
                                irr == arg.get<bool>(), "reachability on the windows built from the model"});
      } else if (name == "full_support") {
        // A premise of the corollary: every next token has positive probability after every
        // context the model can be in.
        if (!open->sequence() || !arg.is_boolean()) r.fail(p, "needs a sequence model and true or false");
        bool full = true;
        for (const auto& m : open->sequence()->models)
          for (const auto& row : m.emit)
            for (const auto& q : row) full = full && q > 0;
        result.lines.push_back({std::string("hypothesis: every next-token probability is ") +
                                    (arg.get<bool>() ? "positive (full support)" : "not all positive"),
                                full == arg.get<bool>(), "the model's tables, entry by entry"});
      } else if (name == "prior_beats_uniform") {
        if (!open->sequence() || open->sequence()->kind != "mixture" || !arg.is_boolean())
          r.fail(p, "needs a mixture and true or false");
        const LatentMixture& m = *open->sequence();
        std::vector<StateModel> models;
        for (const auto& c : m.components) models.push_back(m.models[c.doc_model[0]]);
        LatentMixture uniform = make_mixture(models, std::vector<Rational>(models.size(), Rational(1, static_cast<long>(models.size()))),
                                             static_cast<unsigned>(m.token_count()));
        ClaimDecision d;
        try {
          d = decide_forms(information_direct(m), Relation::gt, information_direct(uniform));
        } catch (const std::length_error&) {
          r.fail(p, "the mixture has too many outcomes to tabulate");
        }
        result.lines.push_back({"I(H;theta) under this prior exceeds I(H;theta) under the uniform prior on the same models",
                                d.holds == arg.get<bool>(), d.how() + " (direct sums over the joint table)"});
      } else {
        r.fail(p, "unknown check (known: literal_conditional_entropy, literal_expectation, same_conditional_law, "
                  "full_support, horizon_process, window_chain_irreducible, prior_beats_uniform)");
      }
    }
  }
  // The premises first, then what is concluded from them.
  std::stable_partition(result.lines.begin(), result.lines.end(),
                        [](const VerifyLine& l) { return l.text.rfind("hypothesis: ", 0) == 0; });
  return result;
}

}  // namespace infocert
