#pragma once
/// An independent checker of the prover's certificates (`infocert certcheck`). It shares
/// nothing with the prover but the rational type: it reads the certificate's JSON, derives
/// each basic inequality's form from its text, and checks with exact rationals that
///   - a proof's multipliers are non-negative where they must be and sum exactly to the
///     claim's form (each direction the claim's relation needs), or
///   - a polymatroid satisfies every elemental inequality (derived here) and every given
///     constraint, and violates the claim.
/// It trusts the certificate's forms of the claim and the constraints (what the text means);
/// they are tested against the query language's evaluation separately.
#include <string>
#include <vector>

namespace infocert::certcheck {

struct Report {
  bool accepted = false;
  std::string outcome;                ///< what the certificate says: proved, not-shannon-type, refuted
  std::vector<std::string> findings;  ///< what was checked, or why it was rejected (first line)
};

/// Checks a certificate. Throws InputError("NAME: ...") when it is not a certificate at all
/// (malformed JSON, missing keys, unknown variables); a well-formed certificate whose
/// arithmetic fails is rejected (accepted = false) with the reason.
Report check(const std::string& text, const std::string& name);

}  // namespace infocert::certcheck
