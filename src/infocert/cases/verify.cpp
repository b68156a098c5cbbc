#include "infocert/cases/verify.hpp"

#include "infocert/cases/case_file.hpp"
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

}  // namespace

VerifyResult verify_case(const std::string& file) {
  json doc = load_case_document(file);
  CaseReader r(file, doc);
  VerifyResult result;
  auto claim = doc.find("claim");
  if (claim == doc.end()) r.fail({}, "missing key \"claim\" (the claim this case speaks to)");
  if (!claim->is_string() || !check::find_claim(claim->get<std::string>()))
    r.fail(JsonPath().key("claim"), "unknown claim " + claim->dump() + " (see infocert claims)");
  result.claim = claim->get<std::string>();
  bool has_assert = doc.contains("assert"), has_recheck = doc.contains("recheck");
  if (!has_assert && !has_recheck) r.fail({}, "nothing to verify: give \"assert\" or \"recheck\"");
  auto open = open_case(file, {});

  if (has_assert) {
    const JsonPath ap = JsonPath().key("assert");
    const json& list = doc["assert"];
    if (!list.is_array() || list.empty()) r.fail(ap, "expected a non-empty array of claims 'EXPR OP EXPR'");
    QueryEvaluator eval(open->source());
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string()) r.fail(ap.index(i), "expected a claim 'EXPR OP EXPR'");
      ClaimExpr c;
      ClaimDecision d;
      try {
        c = parse_claim(list[i].get<std::string>());
        d = decide(eval, c);
      } catch (const InputError& e) {
        r.fail(ap.index(i), e.what());
      }
      result.lines.push_back({c.text, d.decided() && d.holds, d.decided() ? d.how() : d.reason, d.decided()});
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
      } else if (name == "horizon_process") {
        if (!open->sequence() || !arg.is_number_unsigned()) r.fail(p, "needs a sequence model and a horizon (integer)");
        if (arg.get<std::uint64_t>() > 1000) r.fail(p, arg.dump() + " is larger than 1000");
        auto& engine = *open->engine();
        unsigned d1 = arg.get<unsigned>();
        EquivalenceResult eq = horizon_equivalence(engine, d1, static_cast<unsigned>(open->sequence()->token_count()));
        result.lines.push_back({"the process is a horizon-" + std::to_string(d1) + " process for every length",
                                eq.equivalent, "weighted-automaton equivalence"});
      } else if (name == "window_chain_irreducible") {
        if (!open->sequence() || open->sequence()->models.size() != 1 || !arg.is_boolean())
          r.fail(p, "needs a single horizon model (kind am) and true or false");
        const StateModel& m = open->sequence()->models.front();
        std::size_t k = static_cast<std::size_t>(doc.value("horizon", 0));
        bool irr = irreducible(window_chain(m, static_cast<unsigned>(k)));
        result.lines.push_back({std::string("its window chain on words of length <= ") + std::to_string(k) + " is " +
                                    (arg.get<bool>() ? "" : "not ") + "irreducible",
                                irr == arg.get<bool>(), "transition graph"});
      } else if (name == "prior_beats_uniform") {
        if (!open->sequence() || open->sequence()->kind != "mixture" || !arg.is_boolean())
          r.fail(p, "needs a mixture and true or false");
        auto& engine = *open->engine();
        const LatentMixture& m = *open->sequence();
        VarSet tokens;
        for (std::size_t i = 0; i < m.token_count(); ++i) tokens.push_back(m.token_var(i));
        auto info = [&](SequenceEngine& e) { return e.entropy(tokens) + e.entropy({0}) - e.entropy(var_union(tokens, {0})); };
        std::vector<StateModel> models;
        for (const auto& c : m.components) models.push_back(m.models[c.doc_model[0]]);
        LatentMixture uniform = make_mixture(models, std::vector<Rational>(models.size(), Rational(1, static_cast<long>(models.size()))),
                                             static_cast<unsigned>(m.token_count()));
        SequenceEngine ue(uniform);
        ClaimDecision d = decide_forms(info(engine), Relation::gt, info(ue));
        result.lines.push_back({"I(H;theta) under this prior exceeds I(H;theta) under the uniform prior on the same models",
                                d.holds == arg.get<bool>(), d.how()});
      } else {
        r.fail(p, "unknown check (known: literal_conditional_entropy, literal_expectation, horizon_process, "
                  "window_chain_irreducible, prior_beats_uniform)");
      }
    }
  }
  return result;
}

}  // namespace infocert
