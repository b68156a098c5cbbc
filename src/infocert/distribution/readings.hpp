#pragma once
#include <cstdint>
/// Joint distributions built from integer weights, and readings of formulas that the
/// definitions of the post are compared with: the typeset conditional entropy taken
/// literally, E[-ln X] for a numeric X, and the entropy in bits straight from MPFI's log2.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "infocert/distribution/joint.hpp"
#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/logform.hpp"

namespace infocert {

/// The symbols "1".."k".
std::vector<std::string> numeric_alphabet(std::size_t k);
/// Variables X, Y, Z, W with alphabets {1..shape[v]} and probabilities proportional to the
/// integer weights (row-major over the outcomes), normalised exactly.
JointDistribution joint_from_weights(const std::vector<std::size_t>& shape, const std::vector<unsigned>& weights);

/// A seeded random sample of joint distributions: for each shape, `per_shape` tables with
/// weights drawn uniformly from 0..max_weight by mt19937_64(seed) (specified bit for bit by
/// the standard; only its raw output is used), all-zero tables replaced by a point mass on
/// the first outcome. Named "random-2x3-1", ...
std::vector<std::pair<std::string, JointDistribution>> random_joints(std::uint64_t seed,
                                                                     const std::vector<std::vector<std::size_t>>& shapes,
                                                                     unsigned per_shape, unsigned max_weight);
/// Degenerate joint distributions, named: "point-mass" (2x2), "independent-fair-bits" (2x2),
/// "independent-product" ((1:3) x (1:2:3)), "deterministic-y-of-x" (4x2, Y = X mod 2) and
/// "single-variable" (weights 1:2:5).
std::vector<std::pair<std::string, JointDistribution>> degenerate_joints();
/// "2x3" for the shape {2, 3}.
std::string shape_label(const std::vector<std::size_t>& shape);
/// {v}.
VarSet single(std::size_t v);
/// The (A, B) pairs an identity is checked on: ordered pairs of distinct variables, the
/// first variable against all the others (both ways, from three variables on), and
/// (X, {}) for a single variable.
std::vector<std::pair<VarSet, VarSet>> pairs_of(const JointDistribution& p);
/// "X,Y" ("{}" for none).
std::string names_of(const JointDistribution& p, const VarSet& s);
/// The typeset conditional entropy read literally: Σ_y p(y) Σ_x [p(x|y) - ln p(x|y)] over
/// x with p(x|y) > 0 (the terms with p(x|y) = 0 are +∞ in that reading; leaving them out is
/// its most favourable form).
LogForm literal_conditional_entropy(const JointDistribution& p, const VarSet& a, const VarSet& b);
/// E[-ln X] for a variable whose symbols are positive rationals; false when they are not.
bool literal_expectation(const JointDistribution& p, std::size_t v, LogForm* out);
/// H(X) as an expectation, both readings: the intended E[-ln p_X(X)], summed term by term,
/// must equal H(X) for every variable (std::logic_error otherwise: a defect); the literal
/// E[-ln X] of the first variable whose symbols are positive numbers, with its H(X).
/// nullopt when no variable has such symbols.
struct ExpectationReading {
  std::size_t variable = 0;
  LogForm literal, entropy;
};
std::optional<ExpectationReading> expectation_reading(const JointDistribution& p);
/// The information diagram of variables x and y: "H(X)", "H(Y)", "H(X,Y)", "H(X|Y)",
/// "H(Y|X)", "I(X;Y)" in this order, exact (conditionals as expected entropies).
std::vector<std::pair<std::string, LogForm>> information_diagram(const JointDistribution& p, std::size_t x, std::size_t y);
/// -Σ p log p straight from MPFI's log (nats) or log2 (bits) at `precision` bits: a numeric
/// route to an entropy that shares no code with the log-form evaluation.
Interval entropy_direct(const std::vector<Rational>& pmf, mpfr_prec_t precision, Unit unit = Unit::nat);
/// The marginal law of a set of variables as a list of probabilities.
std::vector<Rational> pmf_of(const JointDistribution& p, const VarSet& s);
/// "2x3": the alphabet sizes.
std::string shape_of(const JointDistribution& p);

/// Two independent routes to one quantity that disagree on a pair (A, B) of variable sets.
struct RouteMismatch {
  VarSet a, b;
  std::string left_name, right_name;
  LogForm left, right;
};
/// The definitions' identities on one distribution, over the pairs given (pairs_of), each
/// decided exactly by comparing two routes as log-forms; the first pair where the routes
/// differ, or nullopt. `checked` (when given) receives the number of identities decided.
/// H(A|B) as an expected entropy against the chain rule H(A,B) - H(B).
std::optional<RouteMismatch> chain_rule_mismatch(const JointDistribution& p, const std::vector<std::pair<VarSet, VarSet>>& pairs,
                                                 std::size_t* checked = nullptr);
/// H(A) - H(A|B) against H(B) - H(B|A), on the pairs with B non-empty.
std::optional<RouteMismatch> symmetry_mismatch(const JointDistribution& p, const std::vector<std::pair<VarSet, VarSet>>& pairs,
                                               std::size_t* checked = nullptr);
/// H(A,B) against H(A|B) + I(A;B) + H(B|A), and H(A) against H(A|B) + I(A;B), with I from
/// H(A) + H(B) - H(A,B) and the conditionals as expected entropies.
std::optional<RouteMismatch> venn_mismatch(const JointDistribution& p, const std::vector<std::pair<VarSet, VarSet>>& pairs,
                                           std::size_t* checked = nullptr);
/// For each variable and for all of them: the entropy's log-form against the termwise sum
/// of its pmf (bits are the nats form over ln 2, so the same coefficients), and MPFI's log2
/// sum against the form's enclosure in bits (they must overlap at `precision` bits).
std::optional<RouteMismatch> bits_mismatch(const JointDistribution& p, mpfr_prec_t precision, std::size_t* checked = nullptr);

/// The typeset conditional entropy read literally (literal_conditional_entropy, "literal")
/// against the expected entropy H(A|B) ("intended"): the first pair where they differ.
std::optional<RouteMismatch> literal_conditional_mismatch(const JointDistribution& p,
                                                          const std::vector<std::pair<VarSet, VarSet>>& pairs);

/// A finite family of laws of (psi, theta1, theta2, D1), all binary: psi uniform; theta1,
/// theta2 iid given psi, P(theta = 1 | psi) = a_psi with a_0, a_1 from `theta_grid`; D1
/// given (psi, theta1, theta2) Bernoulli with a parameter from `d_grid` for each of the 8
/// triples. Visits the laws in a fixed order (a_0, a_1, then the 8 parameters as base-|d_grid|
/// digits) while `visit` returns true; returns how many it visited.
std::size_t for_each_exchangeable_law(const std::vector<Rational>& theta_grid, const std::vector<Rational>& d_grid,
                                      const std::function<bool(const JointDistribution&)>& visit);

/// The equivalence "D1 indep psi | (theta1, theta2) <=> D1 indep psi | theta1" over that
/// family, each side decided exactly (I = 0 as a log-form): the first law where the left
/// side holds and the right does not (`forward`, against =>), the first where the right
/// holds and the left does not (`backward`, against <=), and how many laws were visited
/// (the search stops when both are found).
struct CiEquivalenceSearch {
  std::optional<JointDistribution> forward, backward;
  std::size_t searched = 0;
};
CiEquivalenceSearch ci_equivalence_search(const std::vector<Rational>& theta_grid, const std::vector<Rational>& d_grid);

}  // namespace infocert
