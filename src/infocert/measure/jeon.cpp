#include "infocert/measure/jeon.hpp"

#include <algorithm>
#include <string>

#include "infocert/engine/predictors.hpp"

namespace infocert {

namespace {

using q::H;
using q::I;

q::Names history(const LatentMixture& m) { return q::span(m.token_names.front(), m.token_names.back()); }
std::string indexed(const char* name, unsigned k) { return name + std::to_string(k); }

}  // namespace

DocumentShape document_shape(const LatentMixture& m) {
  return {static_cast<unsigned>(m.doc_lengths.size()), m.doc_lengths.front()};
}

LogForm Theorem32::information_per_token() const {
  return Rational(1, static_cast<long>(documents) * tokens) * information;
}

Theorem32 theorem32(SequenceEngine& e) {
  const LatentMixture& m = e.model();
  QueryEvaluator q(e);
  Theorem32 r;
  static_cast<DocumentShape&>(r) = document_shape(m);
  const auto n = static_cast<unsigned>(m.token_count());
  r.mismatch = chain_rule_mismatch(e, n, &r.sequences_checked);
  if (r.mismatch) {
    const auto& h = *r.mismatch;
    r.mismatch_product = 1;
    for (unsigned i = 0; i < n; ++i) r.mismatch_product *= e.predictive({h.begin(), h.begin() + i})[h[i]];
  }
  const q::Names hist = history(m);
  r.entropy = q.evaluate(H(hist));
  r.loss = e.cumulative_log_loss(n);
  r.residual = q.evaluate(H(hist, {"theta"}));
  r.information = q.evaluate(I(hist, {"theta"}));
  const Rational mt(static_cast<long>(r.documents) * r.tokens);
  r.loss_is_entropy = r.loss == r.entropy;
  r.decomposition = Rational(1) / mt * (r.loss - r.residual) == Rational(1) / mt * r.information;
  return r;
}

bool Lemma31::holds() const {
  return std::all_of(predictors.begin(), predictors.end(), [](const PredictorGap& p) { return !p.loss || p.decision.holds; });
}

bool Lemma31::by_enclosure() const {
  return std::any_of(predictors.begin(), predictors.end(),
                     [](const PredictorGap& p) { return p.loss && p.decision.outcome == Outcome::enclosure; });
}

Lemma31 lemma31(SequenceEngine& e, bool off_support) {
  const auto n = static_cast<unsigned>(e.model().token_count());
  Lemma31 r;
  r.best = *e.log_loss(n, [&](const auto& h) { return e.predictive(h); });
  for (const auto& [name, q] : comparison_predictors(e, n, off_support)) {
    PredictorGap p{name, e.log_loss(n, q), std::nullopt, false, {}};
    if (p.loss) {
      p.gap = *p.loss - r.best;
      // Zero exactly where the predictor agrees with P-hat on the support; otherwise strictly
      // positive. Both are decided, not assumed.
      p.agrees = agrees_on_support(e, q, n);
      p.decision = decide_forms(*p.gap, p.agrees ? Relation::eq : Relation::gt, LogForm());
    }
    r.predictors.push_back(std::move(p));
  }
  return r;
}

Theorem42 theorem42(SequenceEngine& e) {
  const LatentMixture& m = e.model();
  QueryEvaluator q(e);
  Theorem42 r;
  static_cast<DocumentShape&>(r) = document_shape(m);
  r.pool_draws = m.pool_draws;
  const q::Names hist = history(m);
  const Rational mt(static_cast<long>(r.documents) * r.tokens);
  r.given_theta = q.evaluate(I(hist, {"psi"}, {"theta"}));
  r.i_theta = q.evaluate(I(hist, {"theta"}));
  r.i_psi = q.evaluate(I(hist, {"psi"}));
  r.i_theta_psi = q.evaluate(I(hist, {"theta"}, {"psi"}));
  const LogForm ln_n = LogForm::ln(Integer(static_cast<long>(r.pool_draws)));
  LogForm sum;
  for (unsigned k = 1; k <= r.documents; ++k) {
    r.per_document.push_back(q.evaluate(I({indexed("D", k)}, {indexed("theta", k)}, {"psi"})));
    sum += r.per_document.back();
    r.theta_entropies.push_back(q.evaluate(H({indexed("theta", k)}, {"psi"})));
    r.within_ln_n.push_back(decide_forms(r.theta_entropies.back(), Relation::le, ln_n));
  }
  r.step_b2 = true;
  for (const auto& x : r.per_document) r.step_b2 = r.step_b2 && x == r.per_document.front();
  r.estimation_error =
      Rational(1) / mt * (e.cumulative_log_loss(static_cast<unsigned>(m.token_count())) - q.evaluate(H(hist, {"psi", "theta"})));
  r.claimed = Rational(1) / mt * r.i_psi + Rational(1, r.tokens) * r.per_document.front();
  r.restated = Rational(1) / mt * r.i_psi + Rational(1, r.documents) * r.per_document.front();
  r.step_a = r.i_theta == r.i_psi + r.i_theta_psi;
  r.step_b1 = r.i_theta_psi == sum;
  r.step_error = r.estimation_error == r.claimed;
  r.restated_equal = decide_forms(r.estimation_error, Relation::eq, r.restated);
  return r;
}

InContextBound incontext_bound(SequenceEngine& e, unsigned past_documents, unsigned tokens, unsigned tau) {
  const auto& names = e.model().token_names;
  QueryEvaluator q(e);
  const q::Names past = q::span(names.front(), names[static_cast<std::size_t>(past_documents) * tokens - 1]);
  const std::string next = indexed("D", past_documents + 1), theta = indexed("theta", past_documents + 1);
  InContextBound r;
  // (1/tau) Σ_t E[-ln P-hat(X_{t+1}^{M+1} | H_{M+1,t})] by the chain rule, minus H(D_{M+1}|theta_{M+1})/tau.
  r.error = Rational(1, tau) * (q.evaluate(H(q::join(past, {next}))) - q.evaluate(H(past)) - q.evaluate(H({next}, {theta})));
  r.bound = Rational(1, static_cast<long>(past_documents) * tau) * q.evaluate(I(past, {"psi"})) +
            Rational(1, tau) * q.evaluate(I({next}, {theta}, {"psi"}));
  r.decision = decide_forms(r.error, Relation::le, r.bound);
  return r;
}

}  // namespace infocert
