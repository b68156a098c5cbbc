// Checker `lemma_b`: what the estimation error means. Lemmas B.1 and B.2 (one distribution,
// parametrisations with estimation error 0 and H(H_T)), the range in between, and the
// claims about independent priors.
#include <memory>
#include <string>
#include <vector>

#include "infocert/check/claims.hpp"
#include "infocert/check/collector.hpp"
#include "infocert/distribution/channel.hpp"
#include "infocert/error.hpp"
#include "infocert/query/query.hpp"
#include "infocert/cases/open.hpp"
#include "infocert/engine/parametrisation.hpp"
#include "infocert/cases/counterexamples.hpp"
#include "infocert/measure/measure.hpp"
#include "lemmas/registry.hpp"

namespace infocert::lemmas {
namespace {

class LemmaBRun : public CheckerRun {
 public:
  LemmaBRun()
      : CheckerRun("lemma_b"),
        params_(decl.table("lemma_b_parametrisations")),
        range_(decl.table("lemma_b_range")),
        priors_(decl.table("independence_priors")) {}

  void lemmas(const std::string& name, const std::string& file, unsigned t) {
    auto open = open_case(file, {.tokens = t});
    SequenceEngine& natural = *open->engine();
    const std::size_t d = natural.model().alphabet.size();
    EstimationErrors nat = estimation_errors(natural);
    bool positive = decide_forms(nat.info, Relation::gt, LogForm()).holds;
    upper(name, nat.info, t, d);
    MeasuredParametrisation b1 = measure_prefix_parametrisation(natural, 0), b2 = measure_prefix_parametrisation(natural, t);
    bool ok1 = b1.same_law && b1.errors.info.is_zero();
    collector.observe("lemmaB1", d, 1, t);
    collector.add("lemmaB1", {name, check::exact_status(ok1, positive), ok1,
                               Detail::object({{"natural_error_positive", positive}, {"same_law", b1.same_law},
                                               {"sequences_checked", b1.sequences_checked}, {"error", b1.errors.info.str()}})});
    bool ok2 = b2.same_law && b2.errors.residual.is_zero() && b2.errors.info == nat.entropy;
    collector.observe("lemmaB2", d, 1, t);
    collector.add("lemmaB2", {name, check::exact_status(ok2), ok2,
                               Detail::object({{"same_law", b2.same_law}, {"H(H_T|theta)", b2.errors.residual.str()},
                                               {"I_equals_H(H_T)", b2.errors.info == nat.entropy},
                                               {"values_of_theta", b2.model.components.size()}})});
    upper(name + " (encoding)", b2.errors.info, t, d);
    params_.rows.push_back({name, t, b1.sequences_checked, Cell::value(nat.info), Cell::value(b1.errors.info),
                            Cell::value(b2.errors.info), Cell::value(nat.entropy), Cell::value(b2.errors.residual)});
  }

  void range(const std::string& file, unsigned t) {
    auto open = open_case(file, {.tokens = t});
    const ParametrisationRange r = parametrisation_range(*open->engine());
    for (unsigned k = 0; k <= t; ++k) {
      const MeasuredParametrisation& p = r.by_prefix[k];
      const LogForm& err = p.errors.info;
      std::string label = k == 0 ? "constant full table (B.1)" : k == t ? "encoding (B.2)" : "first " + std::to_string(k) + " tokens";
      range_.rows.push_back({label, p.model.components.size(), p.same_law, Cell::form(err), Cell::value(err),
                             err == p.prefix_entropy});
    }
    const LogForm& nat = r.natural.info;
    range_.rows.push_back({"the mixture itself", open->sequence()->components.size(), true,
                           nat.size() <= 12 ? Cell::form(nat) : Cell("(long)"), Cell::value(nat), Cell::empty()});
    collector.observe("lemmaB.range", open->sequence()->alphabet.size(), 1, t);
    collector.add("lemmaB.range", {file.substr(file.find_last_of('/') + 1), check::exact_status(r.rises), r.rises,
                                    Detail::object({{"parametrisations", r.by_prefix.size() + 1}})});
  }

  void upper(const std::string& name, const LogForm& info, unsigned t, std::size_t d) {
    ClaimDecision dec = decide_forms(info, Relation::le, LogForm::ln(Integer(static_cast<long>(d)), Rational(t)));
    collector.observe("independence.upper", d, 1, t);
    collector.add("independence.upper", {name, check::exact_status(dec.holds), dec.holds,
                                          Detail::object({{"I", Cell::value(info)},
                                                          {"T ln d", Cell::value(LogForm::ln(Integer(static_cast<long>(d)), Rational(t)))},
                                                          {"decided_by", outcome_name(dec.outcome)}}),
                                          outcome_name(dec.outcome)});
  }

  // "A uniform X forces estimation error zero": the encoding of the uniform law has T ln d.
  void uniform_zero(unsigned t) {
    StateModel u = bernoulli(Rational(1, 2), "uniform");
    LatentMixture m = make_mixture({u}, {Rational(1)}, t);
    SequenceEngine e(m);
    MeasuredParametrisation p = measure_prefix_parametrisation(e, t);
    const LatentMixture& enc = p.model;
    bool same = p.same_law;
    LogForm err = p.errors.info;
    LogForm full = LogForm::ln(Integer(2), Rational(t));
    bool refutes = same && err == full && !err.is_zero();
    counterexamples.push_back(counterexamples::uniform_encoding(enc, t));
    collector.add("independence.uniform-zero",
                   {"uniform bits, T = " + std::to_string(t) + ", encoding parametrisation",
                    refutes ? Status::refuted : Status::verified_exact, !refutes,
                    Detail::object({{"same_law", same}, {"estimation_error", err.str()}, {"T ln 2", full.str()},
                                    {"constant_parametrisation_error", estimation_errors(e).info.str()}})});
    upper("uniform bits (encoding)", err, t, 2);
  }

  // Uniform / product prior against the capacity-achieving prior.
  void max_prior(const std::string& family, const std::vector<StateModel>& models, unsigned t, bool two_parameters) {
    const PriorComparison r = compare_priors(models, t, two_parameters);
    const ClaimDecision gap = decide_forms(r.best_info, Relation::gt, r.uniform_info);
    const Cell cap_cell = Cell::interval(r.capacity.capacity);
    priors_.rows.push_back({family, "uniform (maximum entropy)", Cell::value(r.uniform_info), "0", "-", cap_cell});
    priors_.rows.push_back({family, "capacity-achieving, rounded: " + prior_text(models, r.best), Cell::value(r.best_info),
                            Cell::value(r.best_info - r.uniform_info), outcome_name(gap.outcome), cap_cell});
    Detail detail = Detail::object({{"uniform_I", r.uniform_info.str()}, {"best_I", Cell::value(r.best_info)},
                                    {"gap_certified", gap.holds}, {"decided_by", outcome_name(gap.outcome)},
                                    {"prior", prior_text(models, r.best)}});
    bool refutes = gap.holds;
    if (two_parameters) {
      const ClaimDecision beats = decide_forms(r.best_info, Relation::gt, r.product_info);
      const bool correlated = r.product != r.best;
      priors_.rows.push_back({family, "product of that prior's marginals", Cell::value(r.product_info),
                              Cell::value(r.product_info - r.uniform_info), outcome_name(beats.outcome), cap_cell});
      detail.set("correlated_beats_its_product", beats.holds && correlated);
      refutes = refutes && beats.holds && correlated;
      counterexamples.push_back(counterexamples::capacity_prior(models, r.best, t));
    }
    collector.observe("independence.max-prior", models.front().alphabet.size(), 1, t);
    collector.add("independence.max-prior",
                   {family, refutes ? Status::refuted : Status::verified_exact, !refutes, detail, outcome_name(gap.outcome)});
  }


 private:
  static std::string prior_text(const std::vector<StateModel>& models, const std::vector<Rational>& p) {
    std::string s;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p[i] != 0) s += (s.empty() ? "" : ", ") + models[i].name + ": " + p[i].str();
    return s;
  }

  check::Table &params_, &range_, &priors_;
};

check::CheckReport run_lemma_b(const check::CheckOptions& options) {
  LemmaBRun run;
  if (!options.case_files.empty()) {
    for (const auto& f : options.case_files) {
      auto open = open_case(f, {});
      if (!open->sequence() || open->sequence()->doc_lengths.size() != 1 || !open->sequence()->has_variable("theta"))
        throw InputError(f + ": Lemmas B.1 and B.2 need a single-document mixture (a sequence model with a latent theta)");
      run.lemmas(f, f, open->sequence()->doc_lengths.front());
    }
    return run.report(true);
  }
  run.lemmas("mixture-ab.json", builtin_case("mixture-ab.json"), 5);
  run.lemmas("mixture-am.json", builtin_case("mixture-am.json"), 4);
  run.lemmas("mixture-3.json", builtin_case("mixture-3.json"), 3);
  run.range(builtin_case("mixture-ab.json"), 4);
  run.uniform_zero(4);
  std::vector<StateModel> coins;
  for (int k = 0; k <= 4; ++k) coins.push_back(bernoulli(Rational(k, 4), "p=" + Rational(k, 4).str()));
  run.max_prior("Bernoulli, p in {0, 1/4, 1/2, 3/4, 1}, T = 4", coins, 4, false);
  std::vector<StateModel> chains;
  for (const Rational& aa : {Rational(1, 5), Rational(1, 2), Rational(4, 5)})
    for (const Rational& bb : {Rational(1, 5), Rational(1, 2), Rational(4, 5)})
      chains.push_back(two_state_chain(aa, Rational(1 - bb), "(" + aa.str() + "," + bb.str() + ")"));
  run.max_prior("Markov (P(a->a), P(b->b)) in {1/5, 1/2, 4/5}^2, T = 4", chains, 4, true);
  return run.report(false);
}

}  // namespace

check::Checker lemma_b_checker() { return declared_checker("lemma_b", run_lemma_b); }

}  // namespace infocert::lemmas
