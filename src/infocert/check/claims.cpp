#include "infocert/check/claims.hpp"

#include <stdexcept>

namespace infocert::check {

const char* status_name(Status s) {
  switch (s) {
    case Status::proved: return "proved";
    case Status::verified_exact: return "verified-exact";
    case Status::checked_exact: return "checked-exact";
    case Status::not_informative: return "not-informative";
    case Status::verified_numeric: return "verified-numeric";
    case Status::refuted: return "refuted";
    case Status::transcription_differs: return "transcription-differs";
    case Status::supported: return "supported";
    case Status::not_checkable: return "not-checkable";
    case Status::hypotheses_fail: return "hypotheses-fail";
    case Status::not_implemented: return "not-implemented";
  }
  return "?";
}

const char* status_meaning(Status s) {
  switch (s) {
    case Status::proved: return "a certificate covers the claim's whole domain (every length, every distribution, or the limit)";
    case Status::verified_exact: return "a statement about one distribution, model or number, decided exactly";
    case Status::checked_exact:
      return "a general statement decided exactly on a finite domain; the scope lists every bound of that domain";
    case Status::verified_numeric: return "estimated numerically with confidence intervals, not certified";
    case Status::supported: return "a numeric trend measured over a range where it could have failed, stated in the scope";
    case Status::not_informative: return "holds where checked, but could not have failed there";
    case Status::refuted: return "a counterexample that meets every hypothesis; infocert verify re-checks it";
    case Status::transcription_differs: return "the post's form differs from the source's; both are evaluated";
    case Status::not_checkable: return "no finite computation decides it, or the measurement settles nothing";
    case Status::hypotheses_fail: return "(one case) the case does not meet the claim's hypotheses";
    case Status::not_implemented: return "no checker covers it yet";
  }
  return "?";
}

const std::vector<Status>& all_statuses() {
  static const std::vector<Status> all = {Status::proved,          Status::verified_exact,  Status::checked_exact,
                                          Status::verified_numeric, Status::supported,       Status::not_informative,
                                          Status::refuted,         Status::transcription_differs, Status::not_checkable,
                                          Status::hypotheses_fail, Status::not_implemented};
  return all;
}

const std::vector<ClaimInfo>& catalogue() {
  using S = Status;
  using F = Form;
  static const std::vector<ClaimInfo> claims = {
      {"def.cond-entropy", "definitions", "H(X|Y), the expected entropy of X given Y = y, equals H(X,Y) - H(Y)", S::checked_exact},
      {"def.cond-entropy-literal", "definitions", "the formula as typeset, sum_y p(y) sum_x [p(x|y) - log p(x|y)], equals H(X|Y)", S::refuted},
      {"def.entropy-expectation", "definitions", "H(X) = E[-log2 X], with X read as its numeric value", S::refuted},
      {"def.mi-symmetric", "definitions", "I(X;Y) := H(X) - H(X|Y) equals H(Y) - H(Y|X)", S::checked_exact},
      {"def.venn-additive", "definitions", "H(X,Y) = H(X|Y) + I(X;Y) + H(Y|X) and H(X) = H(X|Y) + I(X;Y)", S::checked_exact},
      {"def.bits-nats", "definitions", "entropy in bits = entropy in nats / ln 2", S::checked_exact},
      {"def.continuous-infinite", "definitions", "the entropy of continuous random variables is infinity", S::not_checkable, F::finite},
      {"jeon.ci-equivalence", "jeon_decomposition", "(theta_1..theta_M | psi) iid implies (D_m indep psi | theta iff D_m indep psi | theta_m)", S::refuted},
      {"jeon.entropy-logN", "jeon_decomposition", "theta_m | psi takes at most N values, so H(theta_m | psi) <= ln N", S::checked_exact},
      {"jeon.thm3.2", "jeon_decomposition", "L_{M,T} MT = H(H) and L_{M,T} - H(H|theta)/(MT) = I(H;theta)/(MT)", S::checked_exact},
      {"jeon.obe-optimal", "jeon_decomposition", "the posterior predictive has a smaller expected log loss than any other predictor", S::checked_exact},
      {"jeon.thm4.2", "jeon_decomposition", "sparse mixture: L = I(H;psi)/(MT) + I(D_m;theta_m|psi)/T, every step", S::checked_exact},
      {"jeon.thm4.2-restated", "jeon_decomposition", "the same with the second term written over M instead of T", S::refuted},
      {"jeon.incontext", "jeon_decomposition", "in-context error L_{M,T,tau} <= I(H;psi)/(M tau) + I(D_{M+1};theta_{M+1}|psi)/tau", S::checked_exact},
      {"jeon.thm3.5", "transformer_bounds", "transformer environment: I(H_T;theta)/T is at most the bound with p = 2r^2(L-1) + dr + r^2 parameters", S::not_informative},
      {"jeon.thm4.5", "transformer_bounds", "the sparse-mixture bound as the post writes it (without the paper's factor L in the first term)", S::transcription_differs},
      {"lemmaA", "lemma_a", "a mixture of two non-dd irreducible Markov chains is not a finite-horizon process", S::checked_exact},
      {"lemmaA.a", "lemma_a", "under M1 the posterior P(M1 | H_t) tends to 1", S::supported},
      {"lemmaA.b", "lemma_a", "0 < P(M1 | H_t) < 1 for every history of positive probability", S::checked_exact},
      {"lemmaA.bayes-step", "lemma_a", "the Bayes update formula in the proof of (b) holds exactly", S::checked_exact},
      {"lemmaA.hypotheses", "lemma_a", "each hypothesis is needed: dropping it admits a mixture that is a finite-horizon process", S::proved, F::existential},
      {"corollaryA.reduction", "corollary_a", "a horizon-d model equals the Markov chain on windows started at the empty word", S::checked_exact},
      {"corollaryA.reduction-hypotheses", "corollary_a", "the window chains the reduction builds meet Lemma A's hypotheses", S::refuted},
      {"corollaryA", "corollary_a", "a mixture of two distinct full-support horizon-d models is not horizon-d1 for any d1", S::checked_exact},
      {"corollaryA.n", "corollary_a", "the same for mixtures of n > 2 distinct full-support horizon-d models", S::checked_exact},
      {"comment.dd", "corollary_a", "with zero-probability transitions a mixture can be a finite-horizon process", S::proved, F::existential},
      {"hypothesisB", "lemma_a", "as d grows the horizon-d predictor approaches the full-history predictor", S::supported},
      {"lemma0", "lemma_a", "a document whose last word depends on its first (informal)", S::not_checkable, F::finite},
      {"lemmaB1", "lemma_b", "every autoregressive distribution has a parametrisation with estimation error 0", S::checked_exact},
      {"lemmaB2", "lemma_b", "every autoregressive distribution has a parametrisation with estimation error H(H_T)", S::checked_exact},
      {"lemmaB.range", "lemma_b", "the estimation error of one distribution spans [0, H(H_T)] over parametrisations", S::checked_exact},
      {"independence.max-prior", "lemma_b", "an iid (maximum-entropy) prior gives the largest estimation error", S::refuted},
      {"independence.upper", "lemma_b", "I(H_T; theta) <= T ln d", S::checked_exact},
      {"independence.uniform-zero", "lemma_b", "a uniform X forces estimation error zero", S::refuted},
  };
  return claims;
}

const ClaimInfo* find_claim(std::string_view id) {
  for (const auto& c : catalogue())
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<std::string> CheckReport::unexpected() const {
  std::vector<std::string> out;
  for (const auto& v : claims) {
    const ClaimInfo* info = find_claim(v.id);
    if (user_cases && v.status == Status::hypotheses_fail) continue;
    if (!info || info->expected != v.status) out.push_back(v.id);
  }
  return out;
}

Status aggregate(const std::vector<CaseVerdict>& cases) {
  // The weakest positive status among the cases, unless one refutes.
  static const Status weakest_first[] = {Status::not_checkable, Status::transcription_differs, Status::not_informative, Status::supported,
                                         Status::verified_numeric,      Status::checked_exact,   Status::verified_exact,
                                         Status::proved};
  for (const auto& c : cases)
    if (c.status == Status::refuted) return Status::refuted;
  for (Status s : weakest_first)
    for (const auto& c : cases)
      if (c.status == s) return s;
  return Status::hypotheses_fail;
}

Table& Declarations::table(const std::string& name) {
  for (auto& t : tables)
    if (t.name == name) return t;
  throw std::logic_error("checker " + checker + " declares no table " + name);
}

}  // namespace infocert::check
