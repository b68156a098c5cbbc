#pragma once
/// The counterexample case files the built-in checkers write. Each is a self-contained
/// document that `infocert verify` re-checks: the claim it refutes, what it shows in words,
/// the claim's hypotheses on the case and the assertions that refute it, in the query
/// language, and named re-checks. Checkers pass typed values; the wording lives here.
#include <string>
#include <vector>

#include "infocert/cases/write.hpp"
#include "infocert/check/claims.hpp"
#include "infocert/distribution/joint.hpp"
#include "infocert/models/latent_mixture.hpp"

namespace infocert::counterexamples {

/// jeon.thm4.2-restated: FILE (a sparse mixture of `docs` documents of `tokens` tokens each,
/// docs != tokens, token variables first..last) inlined, asserting Theorem 4.2's form of the
/// estimation error and that the restatement's (with /M in place of /T) differs.
check::Counterexample restated_thm42(const std::string& file, unsigned docs, unsigned tokens, const std::string& first,
                                     const std::string& last);

/// jeon.ci-equivalence: a law of (psi, theta1, theta2, D1) with theta1, theta2 iid given psi
/// on which the direction => (`forward`) or <= of the equivalence fails. `name` is the file's
/// name without ".json". The case document is also returned in `document` for the verdict.
check::Counterexample ci_direction(const JointDistribution& p, bool forward, const std::string& name,
                                   check::Detail* document);

/// corollaryA.reduction-hypotheses: the full-support horizon-2 model FILE whose window chain
/// is not irreducible.
check::Counterexample window_chain_not_irreducible(const std::string& file);

/// def.cond-entropy-literal on two independent fair bits X, Y with values 1 and 2 (`p`): the
/// typeset formula gives 1 + 2 ln 2, H(X|Y) is ln 2.
check::Counterexample literal_conditional_entropy(const JointDistribution& p);
/// def.entropy-expectation on the same bits: E[-ln X] read literally is not H(X) = ln 2.
check::Counterexample literal_expectation(const JointDistribution& p);

/// independence.uniform-zero: uniform bits X1..Xt under the encoding parametrisation
/// (theta = the whole sequence, `encoding`'s components): H(X1..Xt) = t ln 2, yet
/// I(X1..Xt; theta) = t ln 2 and H(X1..Xt | theta) = 0.
check::Counterexample uniform_encoding(const LatentMixture& encoding, unsigned t);

/// independence.max-prior: two-state chains under a (rounded) capacity-achieving prior whose
/// estimation error exceeds the uniform prior's; models with prior 0 are left out.
check::Counterexample capacity_prior(const std::vector<StateModel>& models, const std::vector<Rational>& prior,
                                     unsigned t);

}  // namespace infocert::counterexamples
