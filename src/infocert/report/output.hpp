#pragma once
/// The JSON documents the command line prints (`--format json`), built here so that JSON
/// stays in report/ and cases/.
#include <string>
#include <utility>
#include <vector>

#include "infocert/cases/post.hpp"
#include "infocert/cases/verify.hpp"
#include "infocert/check/claims.hpp"
#include "infocert/distribution/channel.hpp"
#include "infocert/measure/measure.hpp"

namespace infocert::report {

/// The version of the JSON documents' layout: every document the command line prints starts
/// with "schema" (this number) and "infocert" (the program's version). A number, where a
/// value is exact, also comes as a structure ("exact_form": constant and terms by base).
inline constexpr int kJsonSchema = 1;

/// `measure`: {"case", "unit", "results": [{"query", "exact", "is_zero", "lo", "hi", "value"}], "notes"?}.
std::string measure_json(const std::string& file, Unit unit, unsigned digits,
                         const std::vector<std::pair<std::string, Measurement>>& results,
                         const std::vector<std::string>& notes);
/// `measure --horizon A..B`: {"case", "unit", "sweep": [{"T", "results": [...]}]}.
std::string measure_sweep_json(
    const std::string& file, Unit unit, unsigned digits,
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, Measurement>>>>& rows);
/// `decide --horizon A..B`: {"claim", "sweep": [{"T", ...the decide document...}]}.
std::string decide_sweep_json(const std::string& claim, const std::vector<std::pair<std::string, std::string>>& rows);
/// `decide`: {"claim", "holds" (null when undecided), "decided_by", "reason"?, "lhs", "rhs"}.
std::string decide_json(const ClaimExpr& claim, const ClaimDecision& d, unsigned digits);
/// `capacity`: {"case", "unit", "capacity", "prior", "prior_information", "iterations", "width_met"}.
std::string capacity_json(const std::string& file, Unit unit, unsigned digits, const Channel& w,
                          const CapacityResult& c);
/// `verify`: {"case", "claim", "holds" (null when undecided), "checks": [{"check", "holds", "how"}]}.
std::string verify_json(const std::string& file, const VerifyResult& v);
/// `check --format json`: one report, or {"checkers": [...]} for several.
std::string check_json(const std::vector<check::CheckReport>& reports, unsigned digits, bool all);

/// `sync`: {"post", "stale", "claims": [{"id", "state", "line", "section", "locate", "recorded",
/// "found", "sentence"}], "uncovered": [{"line", "kind", "text", "section"}]}.
std::string sync_json(const SyncResult& r);
/// `sync` as text: one line per claim that is not current, then the uncovered statements.
std::string sync_text(const SyncResult& r);
/// `sync` as a Markdown checklist (checked: current claims).
std::string sync_markdown(const SyncResult& r);

}  // namespace infocert::report
