// Checker `lemma_a`: Lemma A (a mixture of two Markov chains is not a finite-horizon
// process), the two statements of its proof, the Bayes step, which hypotheses it needs,
// Hypothesis B and the informal Lemma 0.
//
// A case is a mixture of two Markov chains with the same start x0. Its hypotheses are
// decided exactly from the transition tables; the conclusion is checked for every window
// length d <= D and every step t up to the case's horizon.
#include <map>
#include <string>
#include <vector>

#include "infocert/check/claims.hpp"
#include "infocert/check/collector.hpp"
#include "infocert/cases/open.hpp"
#include "infocert/engine/horizon.hpp"
#include "infocert/engine/long_history.hpp"
#include "infocert/engine/type_classes.hpp"
#include "infocert/models/chain_properties.hpp"
#include "infocert/engine/predictors.hpp"
#include "infocert/measure/measure.hpp"
#include "infocert/measure/trend.hpp"
#include "lemmas/registry.hpp"

namespace infocert::lemmas {
namespace {

constexpr unsigned kMaxWindow = 4;
constexpr unsigned kThreeStatePairs = 400;
constexpr std::uint64_t kThreeStateSeed = 1729;

using Hypotheses = TwoChainHypotheses;

Detail hypotheses_detail(const Hypotheses& h) {
  if (!h.not_applicable.empty()) return Detail::object({{"applicable", false}, {"reason", h.not_applicable}});
  Detail j = Detail::object({{"finite", true}, {"irreducible_M1", h.irreducible1}, {"irreducible_M2", h.irreducible2},
                             {"not_dd", h.not_dd}, {"P1_differs_from_P2", h.different}, {"theta_in_(0,1)", h.theta_inside},
                             {"same_x0", h.same_start}});
  if (!h.not_dd) j.set("dd_edge", h.dd_edge);
  return j;
}

class LemmaARun : public CheckerRun {
 public:
  LemmaARun()
      : CheckerRun("lemma_a"),
        windows_(decl.table("lemma_a_windows")),
        posterior_(decl.table("lemma_a_posterior")),
        excess_(decl.table("hypothesis_b_excess")),
        search_(decl.table("lemma_a_hypotheses")),
        long_(decl.table("hypothesis_b_long")) {}

  // ---- Lemma A and its proof on one case ----------------------------------------------
  void run_case(SequenceCase& c) {
    Hypotheses hyp = two_chain_hypotheses(c.model());
    if (!hyp.not_applicable.empty()) {
      for (const char* id : {"lemmaA", "lemmaA.a", "lemmaA.b", "lemmaA.bayes-step"})
        collector.add(id, {c.name, Status::hypotheses_fail, std::nullopt, hypotheses_detail(hyp)});
      return;
    }
    const unsigned n = static_cast<unsigned>(c.model().token_count());
    for (const char* id : {"lemmaA", "lemmaA.a", "lemmaA.b", "lemmaA.bayes-step"})
      collector.observe(id, c.model().alphabet.size(), 1, n);
    conclusion(c, hyp, n);
    posterior_checks(c, hyp, n);
  }

  void conclusion(SequenceCase& c, const Hypotheses& hyp, unsigned n) {
    SequenceEngine& e = c.engine();
    const unsigned max_d = std::min(kMaxWindow, n > 2 ? n - 2 : 1);
    bool holds = true;
    Detail per_d = Detail::list();
    for (const WindowWitness& w : window_witnesses(e, max_d, n, true)) {
      collector.bound("lemmaA", "d", w.d);
      const bool ok = w.differ_from_t_star_on;
      holds = holds && ok;
      Detail row = Detail::object({{"d", w.d}, {"t_star", w.t_star ? Detail(*w.t_star) : Detail()}, {"differ_on_[t*,T-1]", ok}});
      if (w.found) {
        row.set("witness", Detail::strings({w.h1, w.h2}));
        row.set("mass", w.mass.str());
        windows_.rows.push_back({c.name, w.d, *w.t_star, w.h1, w.h2, Cell::rational(w.mass), Cell::value(w.excess), ok});
      } else {
        windows_.rows.push_back({c.name, w.d, Cell::empty(), "-", "-", "0", "0", false});
      }
      per_d.push(row);
    }
    Detail detail = Detail::object({{"hypotheses", hypotheses_detail(hyp)}, {"horizon", n}, {"windows", per_d}});
    collector.add("lemmaA", {c.name, check::exact_status(holds, hyp.all()),
                              holds, detail});
    // Hypothesis B's short table: eps(d, t) for every d < t. That eps falls with d is
    // certain (conditioning on more cannot raise an entropy), so it is shown, not counted.
    if (!hyp.all()) return;
    for (unsigned t = 1; t < n; ++t) {
      std::vector<LogForm> eps;
      for (unsigned d = 1; d <= t; ++d) eps.push_back(e.excess_loss(t, d));
      for (unsigned d = 1; d < t; ++d)
        excess_.rows.push_back({c.name, t, d, Cell::value(eps[d - 1]), decide_forms(eps[d], Relation::le, eps[d - 1]).holds});
    }
    long_histories(c);
  }

  // Hypothesis B at long histories, where it can fail: eps(d, t) for t up to 1000 and d up to 8
  // (one pass over the classes of histories for the full-history term, window laws for the
  // horizon-d term; t up to 160 through type classes where the model is not a pair of
  // binary chains). Supported when, at the longest t, eps(8, t) is certified below half of
  // eps(1, t). 128 bits leave widths near 1e-35, far below the 12 digits shown.
  void long_histories(SequenceCase& c) {
    const LatentMixture& m = c.model();
    if (m.alphabet.size() != 2 || !type_classes_apply(m))
      return collector.note("hypothesisB", decl.text("hypothesis_b_not_measured", {{"case", c.name}}));
    const std::vector<unsigned> ts = binary_chains_apply(m) ? std::vector<unsigned>{10, 20, 50, 100, 200, 500, 1000}
                                                            : std::vector<unsigned>{10, 20, 40, 80, 160};
    const ExcessLossGrid g = excess_loss_grid(m, ts, {1, 2, 4, 8}, 128);
    collector.observe("hypothesisB", m.alphabet.size(), 1, g.ts.back() + 1);
    for (std::size_t i = 0; i < g.ts.size(); ++i) {
      collector.bound("hypothesisB", "t", g.ts[i]);
      for (std::size_t k = 0; k < g.ds.size(); ++k) {
        long_.rows.push_back({c.name, g.ts[i], g.ds[k], Cell::enclosure(enclosure_of(g.eps[i][k]))});
        collector.bound("hypothesisB", "d", g.ds[k]);
      }
    }
    const std::vector<Interval>& last = g.eps.back();
    const std::string d_max = std::to_string(g.ds.back()), t = std::to_string(g.ts.back());
    Detail detail = Detail::object({{"t", g.ts.back()}, {"eps(1,t)", Cell::enclosure(enclosure_of(last.front()))},
                                    {"eps(" + d_max + ",t)", Cell::enclosure(enclosure_of(last.back()))},
                                    {"eps(1," + std::to_string(g.ts.front()) + ")", Cell::enclosure(enclosure_of(g.eps.front().front()))},
                                    {"halves_by_d_max", g.halves()}});
    if (auto fit = log_linear_fit(std::vector<double>(g.ds.begin(), g.ds.end()), last)) {
      detail.set("rate_in_d", Cell::estimate(fit->slope));
      collector.note("hypothesisB", decl.text("hypothesis_b_trend",
                                              {{"case", c.name}, {"d_max", d_max}, {"t", t}, {"met", g.halves() ? "met" : "not met"},
                                               {"upper", general(static_cast<double>(last.back().upper()), 4)}, {"half", general(static_cast<double>(last.front().lower()) / 2, 4)},
                                               {"slope", general(fit->slope, 3)}, {"ds", list_text(g.ds)},
                                               {"first", general(static_cast<double>(g.eps.front().front().lower()), 3)},
                                               {"t0", std::to_string(g.ts.front())}, {"last", general(static_cast<double>(last.front().lower()), 3)}}));
    }
    collector.add("hypothesisB", {c.name, g.halves() ? Status::supported : Status::not_checkable, std::nullopt, detail,
                                   "enclosure"});
  }

  void posterior_checks(SequenceCase& c, const Hypotheses& hyp, unsigned n) {
    const LatentMixture& m = c.model();
    PosteriorTrace trace = two_component_posterior(c.engine(), n);
    const auto& expected = trace.expected;
    // (a) is a limit: E_t rises to it and limit_upper[t] falls to it. An upper bound below 1
    // decides that the posterior does not tend to 1; otherwise 1 - E_t is a trend that could
    // have stalled.
    const std::vector<Rational> rest = trace.remaining();
    const bool falling = trace.remaining_falls();
    std::vector<LogForm> gap;
    for (unsigned t = 0; t <= n; ++t) {
      if (t > 0) gap.push_back(LogForm::constant(rest[t]));
      posterior_.rows.push_back({c.name, t, Cell::rational(expected[t]), Cell::rational(rest[t]),
                                 Cell::rational(trace.limit_upper[t])});
      collector.bound("lemmaA.a", "t", t);
    }
    const Rational& upper = trace.limit_upper[n];
    Detail a = Detail::object({{"E_T", Cell::rational(expected[n])}, {"1-E_T", Cell::rational(rest[n])},
                               {"limit_upper_bound", Cell::rational(upper)}, {"1-E_t_strictly_falling", falling}});
    if (auto fit = log_linear_fit(gap)) a.set("1-E_t_rate_per_step", Cell::estimate(fit->slope));
    if (upper < 1) {
      a.set("limit_in", Detail::strings({expected[n].str(), upper.str()}));
      collector.add("lemmaA.a", {c.name, hyp.all() ? Status::refuted : Status::hypotheses_fail, false, a});
    } else {
      // A stalled 1 - E_t at finite t neither supports nor refutes a limit.
      collector.add("lemmaA.a", {c.name, !hyp.all() ? Status::hypotheses_fail : falling ? Status::supported : Status::not_checkable,
                                  std::nullopt, a});
    }
    auto status = [&](bool ok) { return check::exact_status(ok, hyp.all()); };
    // Statement (b): 0 < P(M1 | h) < 1 on every history of positive probability.
    Detail b = Detail::object({{"histories", trace.histories}});
    if (trace.boundary)
      b.set("counterexample", Detail::object({{"history", history_text(m.alphabet, trace.boundary->history)},
                                              {"posterior", trace.boundary->posterior.str()}}));
    collector.add("lemmaA.b", {c.name, status(!trace.boundary), !trace.boundary, b});
    Detail s = Detail::object({{"steps", trace.bayes_steps}});
    if (trace.bayes_mismatch)
      s.set("mismatch", Detail::object({{"history", history_text(m.alphabet, trace.bayes_mismatch->history)},
                                        {"posterior", trace.bayes_mismatch->posterior.str()},
                                        {"formula", trace.bayes_mismatch->formula.str()}}));
    // The update formula is Bayes' rule for Markov chains and needs no hypothesis.
    const bool bayes = !trace.bayes_mismatch;
    collector.add("lemmaA.bayes-step", {c.name, check::exact_status(bayes), bayes, s});
  }

  // ---- which hypotheses are needed --------------------------------------------------------
  void search_hypotheses() {
    const unsigned horizon = 8;
    // The hand-made pair of comment-dd.json; every pair of two-state chains from the grid
    // (theta = 1/2), and theta = 0 for ordered pairs; a seeded sample of three-state pairs.
    auto dd = open_case(builtin_case("comment-dd.json"), {});
    const std::vector<StateModel> chains = two_state_chains(coarse_probability_grid());
    const Rational h = Rational(1, 2), t = Rational(1, 3);
    const auto three = random_markov_chains(kThreeStateSeed, 2 * kThreeStatePairs, {"a", "b", "c"},
                                            {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {h, h, 0}, {h, 0, h}, {0, h, h}, {t, t, t}});
    const auto pairs = hypothesis_search_pairs({dd->sequence()->models[0], dd->sequence()->models[1], h}, chains, three);
    auto tally = drop_one_hypothesis(pairs, 2, horizon);
    bool all = true;
    for (const char* name : {"not dd", "irreducible", "P1 != P2", "theta in (0,1)"}) {
      const DroppedHypothesis& t = tally[name];
      bool found = t.proved > 0;
      all = all && found;
      search_.rows.push_back({std::string(name), t.pairs, t.agree, t.proved, t.example.empty() ? "-" : t.example});
      collector.add("lemmaA.hypotheses",
                     {std::string("drop: ") + name, found ? Status::proved : Status::hypotheses_fail, found,
                      Detail::object({{"pairs", t.pairs}, {"agree_up_to_T", t.agree},
                                      {"proved_for_all_lengths", t.proved}, {"example", t.example}})});
    }
    collector.scope("lemmaA.hypotheses",
                    decl.text("hypotheses_scope", {{"grid", "{" + list_text(coarse_probability_grid()) + "}"},
                                                   {"chains", std::to_string(chains.size())},
                                                   {"three", std::to_string(kThreeStatePairs)},
                                                   {"seed", std::to_string(kThreeStateSeed)}, {"horizon", std::to_string(horizon)}}));
    if (!all) collector.note("lemmaA.hypotheses", decl.text("hypotheses_missing"));
  }

  check::CheckReport finish(bool user_cases) {
    if (!user_cases) {
      collector.fix("lemma0", Status::not_checkable, "none", decl.text("lemma0"));
    }
    return report(user_cases);
  }

 private:
  check::Table &windows_, &posterior_, &excess_, &search_, &long_;
};

check::CheckReport run_lemma_a(const check::CheckOptions& options) {
  LemmaARun run;
  if (!options.case_files.empty()) {
    for (const auto& f : options.case_files) {
      SequenceCase c = run.sequence_case(f, f);
      run.run_case(c);
    }
    return run.finish(true);
  }
  for (const char* f : {"lemma-a-binary.json", "lemma-a-3state.json", "lemma-a-reducible.json", "comment-dd.json"}) {
    SequenceCase c = run.sequence_case(f, builtin_case(f));
    run.run_case(c);
  }
  run.search_hypotheses();
  return run.finish(false);
}

}  // namespace

check::Checker lemma_a_checker() { return declared_checker("lemma_a", run_lemma_a); }

}  // namespace infocert::lemmas
