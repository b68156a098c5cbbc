// Checker `corollary_a`: the corollary of Lemma A (a bounded-context model cannot express a
// mixture of two distinct full-support horizon-d models), its reduction to window chains,
// the n-component version, and the comment that full support is needed.
#include <map>
#include <string>
#include <vector>

#include "infocert/check/claims.hpp"
#include "infocert/check/collector.hpp"
#include "infocert/cases/open.hpp"
#include "infocert/engine/automaton.hpp"
#include "infocert/engine/horizon.hpp"
#include "infocert/models/chain_properties.hpp"
#include "infocert/cases/counterexamples.hpp"
#include "infocert/engine/predictors.hpp"
#include "lemmas/registry.hpp"

namespace infocert::lemmas {
namespace {

constexpr unsigned kMaxWindow = 4;

class CorollaryRun : public CheckerRun {
 public:
  CorollaryRun()
      : CheckerRun("corollary_a"),
        witnesses_(decl.table("corollary_a_witnesses")),
        reduction_(decl.table("corollary_a_reduction")),
        dd_(decl.table("comment_dd")) {}

  void reduction(const std::string& name, const StateModel& f, unsigned d, unsigned horizon) {
    WindowReduction w = window_reduction(f, d, horizon);
    bool ok = w.agrees_up_to_horizon && w.equal_for_every_length;
    collector.observe("corollaryA.reduction", f.alphabet.size(), 1, horizon);
    collector.add("corollaryA.reduction", {name, check::exact_status(ok), ok,
                                           Detail::object({{"windows", w.chain.states.size()}, {"sequences_checked", w.sequences_checked},
                                                           {"equal_for_every_length", w.equal_for_every_length}})});
    reduction_.rows.push_back({name, d, w.chain.states.size(), w.agrees_up_to_horizon, w.equal_for_every_length,
                               w.irreducible, w.irreducible_on_full});
    chains_.push_back({name, w.chain, w.irreducible, w.irreducible_on_full});
  }

  // Lemma A's hypotheses on the window chains the proof feeds it (pairs of models).
  void reduction_hypotheses() {
    for (std::size_t i = 0; i + 1 < chains_.size(); i += 2) {
      const auto &a = chains_[i], &b = chains_[i + 1];
      std::string edge;
      bool not_dd = !deterministically_distinguishable(a.chain, b.chain, &edge);
      bool different = !same_transitions(a.chain, b.chain);
      bool irr = a.irreducible && b.irreducible;
      Detail detail = Detail::object(
          {{"irreducible", irr}, {"irreducible_on_full_windows", a.irreducible_full && b.irreducible_full},
           {"not_dd", not_dd}, {"P1_differs_from_P2", different}, {"x0", "the empty word, for both"},
           {"why", decl.text("window_chain_why")}});
      collector.add("corollaryA.reduction-hypotheses",
                     {a.name + " and " + b.name, check::exact_status(irr && not_dd && different),
                      irr && not_dd && different, detail});
    }
    collector.note("corollaryA.reduction-hypotheses", decl.text("reduction_note"));
  }

  // For d1 = 1..max: a witness pair of equal length; re-checked on its own.
  bool witnesses(const std::string& id, const std::string& name, SequenceEngine& e, unsigned t_max, Detail* detail) {
    bool all = true;
    *detail = Detail::list();
    for (const WindowWitness& w : window_witnesses(e, kMaxWindow, t_max, false)) {
      collector.bound(id, "d1", w.d);
      all = all && w.found;
      if (!w.found) {
        detail->push(Detail::object({{"d1", w.d}, {"witness", Detail()}}));
        continue;
      }
      witnesses_.rows.push_back({name, w.d, w.t, w.h1, w.h2, w.law1, w.law2});
      detail->push(Detail::object({{"d1", w.d}, {"t", w.t}, {"h", w.h1}, {"h'", w.h2}}));
    }
    return all;
  }

  void corollary(const std::string& name, SequenceEngine& e, const char* id) {
    const LatentMixture& m = e.model();
    const auto [full, distinct] = component_properties(m);
    Detail detail;
    unsigned n = static_cast<unsigned>(m.token_count());
    bool all = witnesses(id, name, e, n, &detail);
    collector.observe(id, m.alphabet.size(), 1, n);
    bool hyp = full && distinct;
    collector.add(id, {name, check::exact_status(all, hyp), all,
                        Detail::object({{"components", m.components.size()}, {"full_support", full},
                                        {"distinct", distinct}, {"witnesses", detail}})});
  }

  // The literal "for any n > 2" read without "distinct": a mixture of equal components is
  // its component. Outside the hypotheses; the evidence says whether the conclusion fails.
  void degenerate(const std::string& name, SequenceEngine& e, unsigned horizon_of_components) {
    unsigned n = static_cast<unsigned>(e.model().token_count());
    EquivalenceResult eq = horizon_equivalence(e, horizon_of_components, n);
    collector.add("corollaryA.n",
                   {name, Status::hypotheses_fail, !eq.equivalent,
                    Detail::object({{"components", e.model().components.size()}, {"distinct", false},
                                    {"is_horizon_" + std::to_string(horizon_of_components) + "_for_every_length", eq.equivalent},
                                    {"reading", "the statement without 'distinct': equal components are allowed"}})});
  }

  // Deterministically distinguishable pairs whose mixture is a finite-horizon process.
  void search_dd() {
    std::size_t finite = 0;
    for (const auto& [h, v] : dd_pairs_by_horizon(two_state_chains(coarse_probability_grid()), 3, 9)) {
      dd_.rows.push_back({h == 0 ? std::string("none up to 3") : std::to_string(h), v.pairs, v.example});
      if (h > 0) finite += v.pairs;
    }
    collector.note("comment.dd", decl.text("dd_note", {{"finite", std::to_string(finite)}}));
  }

  void comment_case(const std::string& name, SequenceEngine& e) {
    const LatentMixture& m = e.model();
    unsigned n = static_cast<unsigned>(m.token_count());
    std::string edge;
    bool dd = m.models.size() == 2 && deterministically_distinguishable(m.models[0], m.models[1], &edge);
    EquivalenceResult two = horizon_equivalence(e, 2, n), one = horizon_equivalence(e, 1, n);
    bool ok = dd && two.equivalent;
    // Horizon 2 for every length by weighted-automaton equivalence: a proof for this model.
    collector.add("comment.dd", {name, ok ? Status::proved : Status::refuted, ok,
                                  Detail::object({{"dd_edge", edge}, {"horizon_2_for_every_length", two.equivalent},
                                                  {"horizon_1", one.equivalent},
                                                  {"horizon_1_counterexample_word",
                                                   history_text(m.alphabet, one.counterexample)}})});
  }


 private:
  struct Chain {
    std::string name;
    StateModel chain;
    bool irreducible, irreducible_full;
  };
  check::Table &witnesses_, &reduction_, &dd_;
  std::vector<Chain> chains_;
};

check::CheckReport run_corollary(const check::CheckOptions& options) {
  CorollaryRun run;
  if (!options.case_files.empty()) {
    for (const auto& f : options.case_files) {
      SequenceCase c = run.sequence_case(f, f);
      run.corollary(f, c.engine(), c.engine().model().components.size() > 2 ? "corollaryA.n" : "corollaryA");
    }
    return run.report(true);
  }
  for (const char* f : {"am-2.json", "am-j.json"}) {
    SequenceCase c = run.sequence_case(f, builtin_case(f));
    const StateModel& model = c.sequence()->models.front();
    run.reduction(f, model, 2, 6);
  }
  run.reduction_hypotheses();
  run.counterexamples.push_back(counterexamples::window_chain_not_irreducible(builtin_case("am-2.json")));
  {
    SequenceCase c = run.sequence_case("corollary-rj.json", builtin_case("corollary-rj.json"));
    run.corollary("corollary-rj.json", c.engine(), "corollaryA");
  }
  for (const char* f : {"corollary-3.json", "corollary-4.json"}) {
    SequenceCase c = run.sequence_case(f, builtin_case(f));
    run.corollary(f, c.engine(), "corollaryA.n");
  }
  {
    SequenceCase c = run.sequence_case("corollary-degenerate.json", builtin_case("corollary-degenerate.json"));
    run.degenerate("corollary-degenerate.json", c.engine(), 2);
  }
  run.search_dd();
  {
    SequenceCase c = run.sequence_case("comment-dd.json", builtin_case("comment-dd.json"));
    run.comment_case("comment-dd.json", c.engine());
  }
  return run.report(false);
}

}  // namespace

check::Checker corollary_a_checker() { return declared_checker("corollary_a", run_corollary); }

}  // namespace infocert::lemmas
