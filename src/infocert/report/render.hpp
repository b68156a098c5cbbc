#pragma once
/// Rendering of check reports, tables and the ledger as text, Markdown and JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "infocert/check/claims.hpp"

namespace infocert::report {

/// A cell as text at `digits` decimal places (certified digits for enclosures and log-forms).
std::string cell_text(const check::Cell& c, unsigned digits);
/// A cell as JSON: numbers and booleans as such, empty as null, everything else as cell_text.
nlohmann::json cell_json(const check::Cell& c, unsigned digits);
nlohmann::json detail_json(const check::Detail& d, unsigned digits);
/// A GFM pipe table with the caption as a line under it.
std::string table_markdown(const check::Table& table, unsigned digits);
/// JSON of a table and of a report as documented for `check --format json`.
nlohmann::json to_json(const check::Table& table, unsigned digits);
nlohmann::json to_json(const check::CheckReport& report, unsigned digits);
/// A human-readable summary of one checker's report.
std::string check_text(const check::CheckReport& report, const std::string& description);
/// Markdown: the claims as a table, then every table.
std::string check_markdown(const check::CheckReport& report, const std::string& description, unsigned digits);

/// One row of the ledger: a catalogue claim with its verdict (or not-implemented).
struct LedgerRow {
  std::string id, checker, summary, status, scope, evidence;
  std::vector<std::string> tables;
  std::vector<std::string> counterexamples;  ///< file names, written under counterexamples/
  std::vector<std::string> certificates;     ///< proofs' certificates, written under certificates/
};
/// Every catalogue claim, in order, with the verdicts of the reports given.
std::vector<LedgerRow> ledger(const std::vector<check::CheckReport>& reports);
std::string ledger_markdown(const std::vector<LedgerRow>& rows);
nlohmann::json ledger_json(const std::vector<LedgerRow>& rows);

}  // namespace infocert::report
