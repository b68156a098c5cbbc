#pragma once
/// Shannon-type information inequalities, proved for every distribution.
///
/// A claim over named random variables (the query language's H and I terms, rational
/// coefficients) becomes a linear form in the joint entropies h(S), S a non-empty set of
/// variables. It holds for every entropy vector satisfying the elemental inequalities
///   H(X_i | X_{N - i}) >= 0   and   I(X_i; X_j | X_K) >= 0   (K within N - {i, j})
/// and the given constraints exactly when an exact rational linear programme over them has
/// optimum 0. The programme is solved in GMP rationals (cddlib); the result is either
///   - proved: non-negative multipliers of basic inequalities (and multipliers of the given
///     constraints) whose sum is exactly the claim's form, reduced until no inequality can be
///     dropped, or
///   - not Shannon-type: an exact rational polymatroid that satisfies every elemental
///     inequality and constraint and violates the claim; a small search over GF(2)-linear
///     distributions may then find a genuine distribution that violates it (refuted).
/// Identities are first decided symbolically: the form is a combination of the given
/// equalities (exact Gaussian elimination).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "infocert/distribution/joint.hpp"
#include "infocert/exact/decide.hpp"
#include "infocert/exact/rational.hpp"

namespace infocert::prove {

/// The most variables a claim and its constraints may name together.
inline constexpr unsigned kMaxVariables = 10;

/// A set of variables as bits (bit i: variable i).
using Mask = std::uint32_t;
/// Σ coefficient · h(S) over non-empty sets S; no zero coefficients are stored.
using Form = std::map<Mask, Rational>;

/// A constraint: form = 0 (equality) or form >= 0.
struct Constraint {
  std::string text;                     ///< as written ("X -> Y -> Z", "I(X;Y) <= H(Z)")
  std::vector<std::string> expansion;   ///< what it stands for, in the query language
  Form form;
  bool equality = true;
};

/// A claim: form >= 0 (written lhs <= rhs or lhs >= rhs) or form = 0, given constraints.
struct Problem {
  std::vector<std::string> variables;  ///< in order of first appearance
  std::string text;                    ///< the claim as written
  Relation op = Relation::ge;          ///< as written
  std::string lhs, rhs;                ///< the two sides' canonical text
  Form form;                           ///< lhs - rhs (ge, eq, ne, gt) or rhs - lhs (le, lt)
  std::vector<Constraint> given;
};

/// Reads a claim "EXPR OP EXPR" and constraints: linear (in)equalities of information
/// quantities, or the shorthands `A -> B -> C` (Markov chain), `A : B` (A is a function of
/// B, H(A|B) = 0) and `A . B . C` (mutual independence); each node a comma list of names.
/// Throws InputError naming the text for unknown shorthands, constants other than 0,
/// P(...) or Pdiff terms, more than kMaxVariables variables. When `declared` is not empty,
/// every name must be one of it (so a misspelt name is an error, not a new variable).
Problem make_problem(std::string_view claim, const std::vector<std::string>& given = {},
                     const std::vector<std::string>& declared = {});

/// A basic Shannon inequality I(A;B|C) >= 0, or H(A|C) >= 0 when b is empty.
struct Basic {
  Mask a = 0, b = 0, c = 0;
  friend bool operator<(const Basic& x, const Basic& y) {
    return std::tie(x.a, x.b, x.c) < std::tie(y.a, y.b, y.c);
  }
};
/// Its form: h(AC) + h(BC) - h(ABC) - h(C), or h(AC) - h(C).
Form basic_form(const Basic& b);
/// "I(X;Y|Z) >= 0" with the problem's names.
std::string basic_text(const Basic& b, const std::vector<std::string>& names);
/// "A,B": the names of a set of variables.
std::string set_text(Mask m, const std::vector<std::string>& names);
/// The elemental inequalities on n variables: n + C(n,2) 2^(n-2) of them.
std::vector<Basic> elemental(unsigned n);

/// One direction of a proof: Σ multiplier · basic + Σ multiplier · given = sign · form.
struct ProofPart {
  Relation direction = Relation::ge;  ///< ge: form >= 0; le: form <= 0; eq: form = 0 (given equalities only)
  std::vector<std::pair<Rational, Basic>> inequalities;
  std::vector<std::pair<Rational, std::size_t>> given;  ///< (multiplier, index into Problem::given)
};

enum class Outcome { proved, not_shannon, refuted };
const char* outcome_name(Outcome o);

struct Result {
  Problem problem;
  Outcome outcome = Outcome::proved;
  std::vector<ProofPart> proof;  ///< proved: one part (ge, or eq for a symbolic identity) or two (ge and le)
  std::optional<Form> polymatroid;  ///< not_shannon or refuted: over all variables, every set
  Relation violated = Relation::ge;  ///< which direction the polymatroid violates (ge or le)
  std::optional<JointDistribution> distribution;  ///< refuted: a GF(2)-linear distribution
  std::string reduction;  ///< how the problem was reduced before the programme ("" when not)
  std::size_t searched = 0;  ///< distributions tried by the search (not_shannon, refuted)
};

struct Options {
  /// Let GLPK's floating-point simplex propose the optimal basis (certified exactly before
  /// it counts); false: cddlib's exact programme alone. Both give exact verdicts.
  bool float_proposals = true;
};

/// Decides the problem. Deterministic.
Result prove(const Problem& p, const Options& options = {});

/// The form's value on an entropy vector (missing sets count 0).
Rational value_at(const Form& f, const Form& h);

/// The readable proof. The certificate and the counterexample case file are written by
/// cases/proof_files.hpp.
std::string proof_text(const Result& r);

}  // namespace infocert::prove
