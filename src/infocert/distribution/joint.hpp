#pragma once
/// Finite joint distributions over named variables with rational probabilities, and their
/// information measures as exact log-forms.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "infocert/exact/logform.hpp"
#include "infocert/exact/rational.hpp"

namespace infocert {

/// A set of variables by index: sorted, no repeats.
using VarSet = std::vector<std::size_t>;
/// The union of two variable sets.
VarSet var_union(const VarSet& a, const VarSet& b);

/// Entropy -Σ p ln p of a finite pmf (zeros allowed) as an exact log-form. With the
/// common denominator D and p_i = a_i / D: H = ln D - (1/D) Σ a_i ln a_i, equal a_i grouped.
LogForm entropy_of_pmf(const std::vector<Rational>& pmf);
/// The same sum taken term by term, -Σ p_i (ln num_i - ln den_i): an independent route.
LogForm entropy_of_pmf_termwise(const std::vector<Rational>& pmf);

class JointDistribution {
 public:
  struct Outcome {
    std::vector<std::uint32_t> symbols;  ///< one symbol index per variable
    Rational probability;                ///< > 0
  };

  /// Variables with their alphabets and the outcomes of positive probability (zeros are
  /// dropped; duplicates are an error). Throws std::invalid_argument when the
  /// probabilities are not in [0, 1], do not sum to 1, or the shapes disagree.
  JointDistribution(std::vector<std::string> variables,
                    std::vector<std::vector<std::string>> alphabets,
                    std::vector<Outcome> outcomes);

  const std::vector<std::string>& variables() const { return variables_; }
  const std::vector<std::string>& alphabet(std::size_t var) const { return alphabets_[var]; }
  /// Positive-probability outcomes, in lexicographic order of symbol indices.
  const std::vector<Outcome>& outcomes() const { return outcomes_; }
  /// Index of a variable; throws std::out_of_range naming the known variables.
  std::size_t index_of(std::string_view name) const;
  /// All variables.
  VarSet all() const;
  /// The outcome's symbols joined by spaces, as in case files.
  std::string outcome_text(const Outcome& o) const;

  /// The marginal pmf of a set of variables (the empty set gives {(): 1}).
  std::map<std::vector<std::uint32_t>, Rational> marginal(const VarSet& vars) const;

 private:
  std::vector<std::string> variables_;
  std::vector<std::vector<std::string>> alphabets_;
  std::vector<Outcome> outcomes_;
};

/// H(A) of the marginal of A.
LogForm entropy(const JointDistribution& p, const VarSet& a);
/// H(A|B) = H(A,B) - H(B).
LogForm conditional_entropy(const JointDistribution& p, const VarSet& a, const VarSet& b);
/// H(A|B) = Σ_b p(b) H(A | B = b), the expected entropy of the conditional laws: the
/// blog's definition, computed from the conditionals directly (not via the chain rule).
LogForm conditional_entropy_expected(const JointDistribution& p, const VarSet& a, const VarSet& b);
/// I(A;B|C) = H(A,C) + H(B,C) - H(A,B,C) - H(C).
LogForm mutual_information(const JointDistribution& p, const VarSet& a, const VarSet& b,
                           const VarSet& c = {});

}  // namespace infocert
