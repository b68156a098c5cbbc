#include "infocert/cases/counterexamples.hpp"

#include "infocert/query/query.hpp"

namespace infocert::counterexamples {

using check::Detail;

namespace {

check::Counterexample file(const char* claim, const std::string& name, const CaseDocument& doc) {
  return {claim, name + ".json", doc.text()};
}

std::string zero_is(const Query& q) { return q::relation(q, Relation::eq, q::constant(Rational(0))).text; }

}  // namespace

check::Counterexample restated_thm42(const std::string& path, unsigned docs, unsigned tokens, const std::string& first,
                                     const std::string& last) {
  CaseDocument doc = CaseDocument::inlined(path);
  doc.claim("jeon.thm4.2-restated");
  doc.description("M = " + std::to_string(docs) + " documents of T = " + std::to_string(tokens) +
                  " tokens: the estimation error I(H;psi,theta)/(MT) equals I(H;psi)/(MT) + I(D1;theta1|psi)/T "
                  "(Theorem 4.2), not the restatement with /M.");
  const q::Names h = q::span(first, last);
  const Rational mt(static_cast<long>(docs) * tokens);
  const Query est = Rational(1) / mt * q::I(h, {"psi", "theta"});
  const Query meta = Rational(1) / mt * q::I(h, {"psi"});
  const Query intra = q::I({"D1"}, {"theta1"}, {"psi"});
  doc.asserts({q::relation(est, Relation::eq, meta + Rational(1, tokens) * intra).text,
               q::relation(est, Relation::ne, meta + Rational(1, docs) * intra).text});
  return file("jeon.thm4.2-restated", "jeon.thm4.2-restated", doc);
}

check::Counterexample ci_direction(const JointDistribution& p, bool forward, const std::string& name,
                                   check::Detail* document) {
  const char* description =
      forward ? "theta1, theta2 iid given psi and D1 indep psi | (theta1, theta2), yet D1 not indep psi | theta1: the "
                "direction => of jeon.ci-equivalence fails in general"
              : "theta1, theta2 iid given psi and D1 indep psi | theta1, yet D1 not indep psi | (theta1, theta2): the "
                "direction <= of jeon.ci-equivalence fails in general";
  CaseDocument doc = CaseDocument::joint(p, description);
  doc.claim("jeon.ci-equivalence");
  const Query given_both = q::I({"D1"}, {"psi"}, {"theta1", "theta2"}), given_one = q::I({"D1"}, {"psi"}, {"theta1"});
  // The hypotheses as the post states them: theta1, theta2 independent and identically
  // distributed given psi (the conditional laws compared, not their entropies).
  doc.hypotheses({zero_is(q::I({"theta1"}, {"theta2"}, {"psi"}))})
      .recheck(Detail::object({{"same_conditional_law",
                                Detail::object({{"A", Detail::strings({"theta1"})}, {"B", Detail::strings({"theta2"})},
                                                {"given", Detail::strings({"psi"})}})}}))
      .asserts({zero_is(forward ? given_both : given_one),
                q::relation(forward ? given_one : given_both, Relation::ne, q::constant(Rational(0))).text});
  if (document) *document = doc.detail();
  return file("jeon.ci-equivalence", name, doc);
}

check::Counterexample window_chain_not_irreducible(const std::string& path) {
  CaseDocument doc = CaseDocument::inlined(path);
  doc.claim("corollaryA.reduction-hypotheses")
      .description("R, a full-support horizon-2 model: the window chain the corollary's proof builds from it "
                   "is not irreducible (the words shorter than 2 are left at the start and never re-entered), "
                   "so Lemma A does not apply to it as stated.")
      .recheck(Detail::object({{"full_support", true}, {"window_chain_irreducible", false}}));
  return file("corollaryA.reduction-hypotheses", "corollaryA.reduction-hypotheses", doc);
}

check::Counterexample literal_conditional_entropy(const JointDistribution& p) {
  CaseDocument doc = CaseDocument::joint(p, "Two independent fair bits with values 1 and 2: the conditional "
                                            "entropy as typeset (product sign missing) is 1 + 2 ln 2, not H(X|Y) = ln 2.");
  doc.claim("def.cond-entropy-literal")
      .recheck(Detail::object({{"literal_conditional_entropy",
                                Detail::object({{"A", Detail::strings({"X"})}, {"B", Detail::strings({"Y"})}})}}))
      .asserts({q::relation(q::H({"X"}, {"Y"}), Relation::eq, q::ln(Rational(2))).text});
  return file("def.cond-entropy-literal", "def.cond-entropy-literal", doc);
}

check::Counterexample literal_expectation(const JointDistribution& p) {
  CaseDocument doc = CaseDocument::joint(p, "X uniform on the numbers {1, 2}: E[-log2 X] = -1/2 bit, but H(X) = 1 bit.");
  doc.claim("def.entropy-expectation")
      .recheck(Detail::object({{"literal_expectation", "X"}}))
      .asserts({q::relation(q::H({"X"}), Relation::eq, q::ln(Rational(2))).text});
  return file("def.entropy-expectation", "def.entropy-expectation", doc);
}

check::Counterexample uniform_encoding(const LatentMixture& encoding, unsigned t) {
  std::vector<StateModel> models;
  std::vector<Rational> weights;
  for (const auto& c : encoding.components) {
    models.push_back(encoding.models[c.doc_model[0]]);
    weights.push_back(c.weight);
  }
  CaseDocument doc = CaseDocument::mixture(models, weights, t);
  doc.claim("independence.uniform-zero");
  doc.description("Uniform bits X1..X" + std::to_string(t) + " parametrised by theta = the whole sequence: the "
                  "law is uniform, yet the estimation error is T ln 2.");
  const q::Names h = q::tokens(1, t);
  const Query t_ln2 = Rational(t) * q::ln(Rational(2));
  doc.hypotheses({q::relation(q::H(h), Relation::eq, t_ln2).text});
  doc.asserts({q::relation(q::I(h, {"theta"}), Relation::eq, t_ln2).text, zero_is(q::H(h, {"theta"}))});
  return file("independence.uniform-zero", "independence.uniform-zero", doc);
}

check::Counterexample capacity_prior(const std::vector<StateModel>& models, const std::vector<Rational>& prior,
                                     unsigned t) {
  std::vector<StateModel> support;
  std::vector<Rational> weights;
  for (std::size_t i = 0; i < models.size(); ++i)
    if (prior[i] != 0) {
      support.push_back(models[i]);
      weights.push_back(prior[i]);
    }
  CaseDocument doc = CaseDocument::mixture(support, weights, t);
  doc.claim("independence.max-prior")
      .description("Two-state chains theta = (P(a->a), P(b->b)) with the capacity-achieving prior (rounded): its "
                   "estimation error exceeds that of the uniform (maximum-entropy) prior on the same models.")
      .recheck(Detail::object({{"prior_beats_uniform", true}}));
  return file("independence.max-prior", "independence.max-prior", doc);
}

}  // namespace infocert::counterexamples
