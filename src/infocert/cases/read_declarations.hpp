#pragma once
/// Declarations read at run time: a checker's text, tables and figures
/// (data/checkers/<name>.json), and claim files (data/claims/*.json and the user's). Malformed
/// files throw InputError naming the file and JSON path.
#include <optional>
#include <string>
#include <vector>

#include "infocert/check/claims.hpp"
#include "infocert/query/query.hpp"

namespace infocert {

/// Reads a declarations file; `checker` must equal its "checker" member.
check::Declarations read_declarations(const std::string& file, const std::string& checker);

}  // namespace infocert

namespace infocert {

/// One claim of a claim file: its catalogue entry and, for a claim stated in the query
/// language (procedure "query"), what is decided and where. Queries may use T, the horizon
/// of the instance (the texts are parsed again with its value when the claim is run).
struct ClaimSpec {
  check::ClaimInfo info;
  std::string at;                      ///< its JSON path in the file ("claims[2]"), for errors
  std::vector<ClaimExpr> hypotheses;   ///< premises, decided on each case first
  std::optional<ClaimExpr> conclusion;
  /// A limit claim: the sequence `limit_of` (an expression in T) tends to `limit_equals`
  /// as T grows, measured at the domain's horizons.
  std::string limit_of, limit_equals;
  bool is_limit() const { return !limit_of.empty(); }
  /// Decided case by case (a conclusion or a limit), not by a procedure.
  bool is_query() const { return conclusion.has_value() || is_limit(); }
  std::vector<std::string> cases;      ///< the domain's case files (paths as opened)
  /// Cases a generator made: (name, case-file text), and what the generator was.
  std::vector<std::pair<std::string, std::string>> generated;
  std::string generator;
  std::vector<unsigned> horizons;      ///< tokens per document T for each case; empty: the case's own
};

/// A claim file (data/claims/*.json, or a user's): a title and paragraph for the report and
/// its claims in order.
struct ClaimFile {
  std::string file, title, summary;
  std::vector<ClaimSpec> claims;
};

/// The most instances (cases times horizons) one query claim may ask for.
inline constexpr std::size_t kMaxClaimInstances = 10000;

/// Reads a claim file; malformed files (unknown keys, a query that does not parse, an empty
/// domain, an unknown status or form) throw InputError naming the file and the JSON path.
/// Case paths are relative to the claim file's folder.
ClaimFile read_claim_file(const std::string& file);
/// The same for text held in memory; `file` names it (and is the folder for relative cases).
ClaimFile read_claim_text(const std::string& file, const std::string& text);

}  // namespace infocert
