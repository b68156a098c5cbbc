#pragma once
/// Claims stated in the query language (a claim file's "conclusion", "hypotheses" and
/// "domain"), decided case by case with the measure-and-decide layer and the statuses of the
/// built-in checkers. A refuted claim comes with a counterexample case file that `infocert
/// verify` re-checks.
#include "infocert/cases/read_declarations.hpp"
#include "infocert/check/claims.hpp"

namespace infocert {

/// Decides every query claim of the file on every instance of its domain (each case at
/// each horizon). The report carries one table of the instances, named "claims_<stem>" after
/// the file, and the counterexamples. Claims decided by a procedure are skipped (their
/// checker decides them). Errors on a case throw InputError naming the claim file, the
/// claim's JSON path and the case.
check::CheckReport run_query_claims(const ClaimFile& file);

/// Runs the Shannon-type proofs of the report's claims (their "proofs" in the claim file):
/// each is proved by `prove` and its certificate re-checked by `certcheck`. When every proof
/// of a claim goes through, its status becomes proved (a refuted claim stays refuted; the
/// proof of its true part joins the evidence), and the certificates join the report. On
/// user cases too: the proof covers them, and the scope still lists them.
void apply_proofs(check::CheckReport& report);

/// The family name of a claim file in reports: its file name without folder and ".json".
std::string claim_file_stem(const std::string& file);

}  // namespace infocert
