// Checker `lemma_a`: Lemma A (a mixture of two Markov chains is not a finite-horizon
// process), the two statements of its proof, the Bayes step, which hypotheses it needs,
// Hypothesis B and the informal Lemma 0.
//
// A case is a mixture of two Markov chains with the same start x0. Its hypotheses are
// decided exactly from the transition tables; the conclusion is checked for every window
// length d <= D and every step t up to the case's horizon.
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "infocert/check/claims.hpp"
#include "infocert/check/collector.hpp"
#include "infocert/cases/open.hpp"
#include "infocert/engine/horizon.hpp"
#include "infocert/error.hpp"
#include "infocert/exact/decide.hpp"
#include "infocert/models/chain_properties.hpp"
#include "lemmas/finite_horizon.hpp"
#include "lemmas/registry.hpp"

namespace infocert::lemmas {
namespace {

using check::Status;
using nlohmann::json;

constexpr unsigned kMaxWindow = 4;

// Lemma A's hypotheses on a two-component mixture, decided exactly.
struct Hypotheses {
  std::string not_applicable;  // non-empty: not a mixture of two Markov chains
  bool irreducible1 = false, irreducible2 = false, not_dd = false, different = false, theta_inside = false,
       same_start = false;
  std::string dd_edge;
  bool all() const {
    return not_applicable.empty() && irreducible1 && irreducible2 && not_dd && different && theta_inside && same_start;
  }
  json to_json() const {
    if (!not_applicable.empty()) return {{"applicable", false}, {"reason", not_applicable}};
    json j = {{"finite", true}, {"irreducible_M1", irreducible1}, {"irreducible_M2", irreducible2},
              {"not_dd", not_dd}, {"P1_differs_from_P2", different}, {"theta_in_(0,1)", theta_inside},
              {"same_x0", same_start}};
    if (!not_dd) j["dd_edge"] = dd_edge;
    return j;
  }
};

Hypotheses hypotheses_of(const LatentMixture& m) {
  Hypotheses h;
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

std::string q_text(const Rational& q, unsigned digits) { return to_decimal(q, digits, 0); }

struct NamedMixture {
  std::string name;
  std::unique_ptr<OpenCase> open;
  SequenceEngine& engine() { return *open->engine(); }
  const LatentMixture& model() { return *open->sequence(); }
};

class LemmaARun {
 public:
  explicit LemmaARun(unsigned digits)
      : digits_(digits),
        collector_({"lemmaA", "lemmaA.a", "lemmaA.b", "lemmaA.bayes-step", "lemmaA.hypotheses", "hypothesisB",
                    "lemma0"}) {
    windows_ = {"lemma_a_windows",
                "Lemma A: for each window length d, the first step t* where the horizon-d predictor "
                "P(X_{t+1} | last d tokens) and the full-history predictor differ, a witness pair of histories of "
                "length t* (same last d tokens, different predictions, both of positive probability), the "
                "probability of the histories where they differ and the expected excess loss at t* (nats), and "
                "whether they differ at every t from t* to the horizon.",
                {"case", "d", "t*", "witness h", "witness h'", "mass at t*", "excess loss at t*", "differ on [t*, T-1]"},
                {}};
    posterior_ = {"lemma_a_posterior",
                  "Lemma A (a): the expected posterior E_M1[P(M1 | H_t)] under M1 by t, exact (shown rounded), and "
                  "whether it is at least its value at t - 1.",
                  {"case", "t", "E_M1[P(M1|H_t)]", "1 - E", "non-decreasing"},
                  {}};
    excess_ = {"hypothesis_b_excess",
               "Hypothesis B: expected excess log loss eps(d, t) = H(X_{t+1} | last d tokens) - H(X_{t+1} | H_t) "
               "(nats, certified digits), and whether eps(d + 1, t) <= eps(d, t) is certified.",
               {"case", "t", "d", "eps(d, t)", "eps(d+1, t) <= eps(d, t)"},
               {}};
    search_ = {"lemma_a_hypotheses",
               "Dropping one hypothesis of Lemma A at a time: pairs of chains (two states, transition probabilities "
               "from {0, 1/3, 1/2, 2/3, 1}; three states, a seeded sample; and the pair of comment-dd.json) with "
               "exactly that hypothesis failing, how many have equal horizon-d and full predictors up to T = 8 "
               "for some d <= 2, how many of those are proved to be horizon-d processes for every length "
               "(weighted-automaton equivalence), and the first example.",
               {"hypothesis dropped", "pairs", "agree up to T", "proved for all lengths", "example"},
               {}};
  }

  // ---- Lemma A and its proof on one case ----------------------------------------------
  void run_case(NamedMixture& c) {
    Hypotheses hyp = hypotheses_of(c.model());
    if (!hyp.not_applicable.empty()) {
      for (const char* id : {"lemmaA", "lemmaA.a", "lemmaA.b", "lemmaA.bayes-step"})
        collector_.add(id, {c.name, Status::hypotheses_fail, std::nullopt, hyp.to_json()});
      return;
    }
    const unsigned n = static_cast<unsigned>(c.model().token_count());
    for (const char* id : {"lemmaA", "lemmaA.a", "lemmaA.b", "lemmaA.bayes-step"})
      collector_.observe(id, c.model().alphabet.size(), 1, n);
    conclusion(c, hyp, n);
    posterior_checks(c, hyp, n);
  }

  void conclusion(NamedMixture& c, const Hypotheses& hyp, unsigned n) {
    SequenceEngine& e = c.engine();
    const unsigned max_d = std::min(kMaxWindow, n > 2 ? n - 2 : 1);
    auto profiles = window_profiles(e, max_d, n);
    bool holds = true;
    json per_d = json::array();
    for (const auto& p : profiles) {
      const WindowComparison* first = p.first_difference();
      bool ok = p.differ_from_t_star_on();
      holds = holds && ok;
      json row = {{"d", p.d}, {"t_star", p.t_star ? json(*p.t_star) : json(nullptr)}, {"differ_on_[t*,T-1]", ok}};
      if (first && first->witness) {
        const auto& [h1, h2] = *first->witness;
        std::string bad = recheck_witness(e, h1, h2, p.d);
        if (!bad.empty()) throw std::logic_error("lemma_a: a witness does not re-check: " + bad);
        LogForm eps = e.excess_loss(first->t, p.d);
        if (certified_sign(eps) <= 0) throw std::logic_error("lemma_a: predictors differ but the excess loss is 0");
        row["witness"] = {history_text(c.model(), h1), history_text(c.model(), h2)};
        row["mass"] = first->mass.str();
        windows_.rows.push_back({c.name, p.d, *p.t_star, history_text(c.model(), h1), history_text(c.model(), h2),
                                 q_text(first->mass, digits_), certify(eps, digits_).value, ok});
      } else {
        windows_.rows.push_back({c.name, p.d, nullptr, "-", "-", "0", "0", false});
      }
      per_d.push_back(row);
    }
    json detail = {{"hypotheses", hyp.to_json()}, {"horizon", n}, {"windows", per_d}};
    collector_.add("lemmaA", {c.name, hyp.all() ? (holds ? Status::verified_exact : Status::refuted) : Status::hypotheses_fail,
                              holds, detail});
    // Hypothesis B's table: eps(d, t) for every d < t, with monotonicity in d certified.
    if (!hyp.all()) return;
    bool monotone = true;
    for (unsigned t = 1; t < n; ++t) {
      std::vector<LogForm> eps;
      for (unsigned d = 1; d <= t; ++d) eps.push_back(e.excess_loss(t, d));
      for (unsigned d = 1; d < t; ++d) {
        Decision dec = decide(eps[d], Relation::le, eps[d - 1]);
        monotone = monotone && dec.holds;
        excess_.rows.push_back({c.name, t, d, certify(eps[d - 1], digits_).value, dec.holds});
      }
      if (t == n - 1) fit_decay(c.name, eps);
    }
    collector_.add("hypothesisB", {c.name, monotone ? Status::supported : Status::refuted, monotone,
                                   {{"monotone_in_d", monotone}, {"horizon", n}}});
  }

  // Least-squares slope of ln eps(d, T-1) against d: a description of the trend in double
  // precision, not a certified quantity.
  void fit_decay(const std::string& name, const std::vector<LogForm>& eps) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int k = 0;
    for (std::size_t d = 0; d + 1 < eps.size(); ++d) {
      Enclosure en = enclose(eps[d], Rational(1, pow10(30)));
      double v = static_cast<double>(en.lo);
      if (!(v > 0)) continue;
      double x = static_cast<double>(d + 1), y = std::log(v);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      ++k;
    }
    if (k < 2) return;
    double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s: eps(d, T-1) decays like exp(%.3g d) (least squares over d = 1..%d, double)",
                  name.c_str(), slope, k);
    collector_.note("hypothesisB", buf);
  }

  void posterior_checks(NamedMixture& c, const Hypotheses& hyp, unsigned n) {
    SequenceEngine& e = c.engine();
    const LatentMixture& m = c.model();
    const Integer a0 = numerator_of(m.components[0].weight) * (e.weight_denominator() / denominator_of(m.components[0].weight));
    // Statement (a): E_M1[P(M1 | H_t)] = Σ_h P1(h) P(M1 | h) is non-decreasing in t.
    std::vector<Rational> expected(n + 1, Rational(0));
    bool strictly_inside = true, bayes = true;
    std::size_t histories = 0, steps = 0;
    json outside, bayes_fail;
    std::vector<Rational> post_at(n + 1);
    std::vector<Integer> a0_pow_d(n + 1);  // a0 D^t: P1(h) = num_0(h) / (a0 D^t)
    for (unsigned t = 0; t <= n; ++t) a0_pow_d[t] = Integer(a0 * Integer(e.total_at(t) / e.weight_denominator()));
    e.for_each_node(n, [&](unsigned t, const std::vector<std::uint32_t>& h, const std::vector<Integer>& num) {
      Integer total_num = num[0] + num[1];
      Rational post(num[0], total_num);
      expected[t] += Rational(num[0], a0_pow_d[t]) * post;
      ++histories;
      // Statement (b): 0 < P(M1 | h) < 1 on every history of positive probability.
      if ((post == 0 || post == 1) && outside.is_null()) {
        strictly_inside = false;
        outside = {{"history", history_text(m, h)}, {"posterior", post.str()}};
      }
      // The Bayes step: P(M1 | h x) = p P1(last, x) / (p P1(last, x) + (1 - p) P2(last, x)).
      if (t > 0) {
        const Rational& p = post_at[t - 1];
        std::uint32_t last = t >= 2 ? h[t - 2] : m.models[0].initial, x = h[t - 1];
        Rational p1 = m.models[0].emit[last][x], p2 = m.models[1].emit[last][x];
        Rational formula = p * p1 / (p * p1 + (1 - p) * p2);
        ++steps;
        if (formula != post && bayes_fail.is_null()) {
          bayes = false;
          bayes_fail = {{"history", history_text(m, h)}, {"posterior", post.str()}, {"formula", formula.str()}};
        }
      }
      post_at[t] = post;
    });
    bool monotone = true;
    for (unsigned t = 0; t <= n; ++t) {
      bool step_ok = t == 0 || expected[t] >= expected[t - 1];
      monotone = monotone && step_ok;
      posterior_.rows.push_back({c.name, t, q_text(expected[t], digits_), q_text(Rational(1 - expected[t]), digits_),
                                 t == 0 ? json("-") : json(step_ok)});
    }
    auto status = [&](bool ok) { return hyp.all() ? (ok ? Status::verified_exact : Status::refuted) : Status::hypotheses_fail; };
    collector_.add("lemmaA.a", {c.name, status(monotone), monotone,
                                {{"E_t", q_text(expected[n], digits_)}, {"1-E_T", q_text(Rational(1 - expected[n]), digits_)}}});
    json b = {{"histories", histories}};
    if (!outside.is_null()) b["counterexample"] = outside;
    collector_.add("lemmaA.b", {c.name, status(strictly_inside), strictly_inside, b});
    json s = {{"steps", steps}};
    if (!bayes_fail.is_null()) s["mismatch"] = bayes_fail;
    // The update formula is Bayes' rule for Markov chains and needs no hypothesis.
    collector_.add("lemmaA.bayes-step", {c.name, bayes ? Status::verified_exact : Status::refuted, bayes, s});
  }

  // ---- which hypotheses are needed --------------------------------------------------------
  void search_hypotheses() {
    struct Tally {
      std::size_t pairs = 0, agree = 0, proved = 0;
      std::string example;
    };
    std::map<std::string, Tally> tally;
    const char* order[] = {"not dd", "irreducible", "P1 != P2", "theta in (0,1)"};
    const unsigned horizon = 8;
    auto consider = [&](const StateModel& a, const StateModel& b, const Rational& theta) {
      LatentMixture m = make_mixture({a, b}, {theta, Rational(1 - theta)}, horizon);
      Hypotheses h = hypotheses_of(m);
      if (theta == 0 || theta == 1) {
        h.theta_inside = false;
        h.irreducible2 = h.irreducible1 = irreducible(a) && irreducible(b);
      }
      std::vector<std::string> failing;
      if (!h.not_dd) failing.push_back("not dd");
      if (!h.irreducible1 || !h.irreducible2) failing.push_back("irreducible");
      if (!h.different) failing.push_back("P1 != P2");
      if (!h.theta_inside) failing.push_back("theta in (0,1)");
      if (failing.size() != 1) return;
      Tally& t = tally[failing.front()];
      ++t.pairs;
      SequenceEngine e(m);
      // The conclusion fails when, for some d <= 2, the predictors agree at every step.
      for (const auto& p : window_profiles(e, 2, horizon)) {
        if (p.t_star) continue;
        ++t.agree;
        if (horizon_equivalence(e, p.d, horizon).equivalent) {
          ++t.proved;
          if (t.example.empty())
            t.example = describe_chain(a) + " | " + describe_chain(b) + " | theta = " + theta.str() + " | horizon " + std::to_string(p.d);
        }
        break;
      }
    };
    // The hand-made pair of data/cases/comment-dd.json first.
    {
      auto dd = open_case(builtin_case("comment-dd.json"), {});
      consider(dd->sequence()->models[0], dd->sequence()->models[1], Rational(1, 2));
    }
    // Two states, every pair of transition tables from the grid (theta = 1/2), plus theta
    // at 0 for the chains that meet the other hypotheses.
    const Rational grid[] = {Rational(0), Rational(1, 3), Rational(1, 2), Rational(2, 3), Rational(1)};
    std::vector<StateModel> chains;
    for (const auto& p : grid)
      for (const auto& q : grid) chains.push_back(two_state_chain(p, q));
    for (std::size_t i = 0; i < chains.size(); ++i)
      for (std::size_t j = i; j < chains.size(); ++j) consider(chains[i], chains[j], Rational(1, 2));
    for (std::size_t i = 0; i < chains.size(); ++i)
      for (std::size_t j = 0; j < chains.size(); ++j)
        if (i != j) consider(chains[i], chains[j], Rational(0));
    // Three states: a seeded sample of pairs whose rows come from a small grid.
    std::mt19937_64 rng(1729);
    const Rational rows3[][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {Rational(1, 2), Rational(1, 2), 0},
                                 {Rational(1, 2), 0, Rational(1, 2)}, {0, Rational(1, 2), Rational(1, 2)},
                                 {Rational(1, 3), Rational(1, 3), Rational(1, 3)}};
    for (int k = 0; k < 400; ++k) {
      StateModel a = three_state(rows3, rng), b = three_state(rows3, rng);
      consider(a, b, Rational(1, 2));
    }
    bool all = true;
    for (const char* name : order) {
      const Tally& t = tally[name];
      bool found = t.proved > 0;
      all = all && found;
      search_.rows.push_back({std::string(name), t.pairs, t.agree, t.proved, t.example.empty() ? "-" : t.example});
      collector_.add("lemmaA.hypotheses",
                     {std::string("drop: ") + name, found ? Status::verified_exact : Status::hypotheses_fail, found,
                      {{"pairs", t.pairs}, {"agree_up_to_T", t.agree}, {"proved_for_all_lengths", t.proved},
                       {"example", t.example}}});
    }
    collector_.scope("lemmaA.hypotheses",
                     "two-state chains with transition probabilities in {0, 1/3, 1/2, 2/3, 1} (all pairs), a seeded "
                     "sample of 400 three-state pairs, the pair of comment-dd.json; horizons d = 1, 2; T = 8, then a "
                     "proof for every length");
    if (!all) collector_.note("lemmaA.hypotheses", "no example found for some hypothesis: it may be needed");
  }

  static StateModel three_state(const Rational rows[][3], std::mt19937_64& rng) {
    StateModel m;
    m.alphabet = {"a", "b", "c"};
    m.states = m.alphabet;
    m.initial = 0;
    for (int s = 0; s < 3; ++s) {
      const Rational* r = rows[rng() % 7];
      m.emit.push_back({r[0], r[1], r[2]});
      m.next.push_back({0, 1, 2});
    }
    return m;
  }

  check::CheckReport finish(bool user_cases) {
    if (!user_cases) {
      collector_.fix("lemma0", Status::not_checkable, "none",
                     "informal: 'a document whose last word depends on its first' names no distribution to compute "
                     "with; the finite models here only illustrate such dependence");
    }
    check::CheckReport r;
    r.checker = "lemma_a";
    r.user_cases = user_cases;
    r.claims = collector_.finish("built-in cases under data/cases");
    r.tables = {windows_, posterior_, excess_, search_};
    return r;
  }

 private:
  unsigned digits_;
  check::VerdictCollector collector_;
  check::Table windows_, posterior_, excess_, search_;
};

NamedMixture open_named(const std::string& name, const std::string& file) {
  return {name, open_case(file, {})};
}

check::CheckReport run_lemma_a(const check::CheckOptions& options) {
  LemmaARun run(options.digits);
  if (!options.case_files.empty()) {
    for (const auto& f : options.case_files) {
      NamedMixture c = open_named(f, f);
      if (!c.open->sequence()) throw InputError(f + ": Lemma A needs a sequence model (a mixture of two Markov chains)");
      run.run_case(c);
    }
    return run.finish(true);
  }
  for (const char* f : {"lemma-a-binary.json", "lemma-a-3state.json", "lemma-a-reducible.json", "comment-dd.json"}) {
    NamedMixture c = open_named(f, builtin_case(f));
    run.run_case(c);
  }
  run.search_hypotheses();
  return run.finish(false);
}

}  // namespace

check::Checker lemma_a_checker() {
  return {"lemma_a",
          "Lemma A: a mixture of two irreducible, not deterministically distinguishable Markov chains is not a "
          "finite-horizon process; statements (a), (b), the Bayes step, the hypotheses it needs, Hypothesis B, "
          "Lemma 0",
          run_lemma_a};
}

}  // namespace infocert::lemmas
