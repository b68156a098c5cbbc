#pragma once
/// `infocert verify`: re-checks a case file that names the claim it speaks to, on its own,
/// with code other than the checker that wrote it.
#include <string>
#include <vector>

namespace infocert {

struct VerifyLine {
  std::string text;  ///< what was checked
  bool holds;
  std::string how;   ///< "decided exactly", "by an enclosure at N bits", ... or why undecided
  bool decided = true;  ///< false: neither the exact forms nor an enclosure could settle it
};

struct VerifyResult {
  std::string claim;
  bool catalogued = false;  ///< the claim is in the catalogue (built-in or installed claim files)
  std::vector<VerifyLine> lines;
  /// Every line holds (each decided).
  bool holds() const;
  /// Some decided line does not hold.
  bool refuted() const;
};

/// Loads FILE: it must name a claim ("claim": any id; the catalogue's claims are listed by
/// `infocert claims`) and carry assertions ("assert": a
/// list of 'EXPR OP EXPR' on the case) and/or re-checks ("recheck": an object of named
/// checks). Throws InputError on bad input.
VerifyResult verify_case(const std::string& file);

}  // namespace infocert
