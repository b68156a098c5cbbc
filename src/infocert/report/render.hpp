#pragma once
/// Rendering of check reports, tables and the ledger as text, Markdown and JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "infocert/check/claims.hpp"

namespace infocert::report {

/// A GFM pipe table with the caption as a line under it.
std::string table_markdown(const check::Table& table);
/// A human-readable summary of one checker's report.
std::string check_text(const check::CheckReport& report, const std::string& description);
/// Markdown: the claims as a table, then every table.
std::string check_markdown(const check::CheckReport& report, const std::string& description);

/// One row of the ledger: a catalogue claim with its verdict (or not-implemented).
struct LedgerRow {
  std::string id, checker, summary, status, scope, evidence;
  std::vector<std::string> tables;
  std::vector<std::string> counterexamples;  ///< file names, written under counterexamples/
};
/// Every catalogue claim, in order, with the verdicts of the reports given.
std::vector<LedgerRow> ledger(const std::vector<check::CheckReport>& reports);
std::string ledger_markdown(const std::vector<LedgerRow>& rows);
nlohmann::json ledger_json(const std::vector<LedgerRow>& rows);

}  // namespace infocert::report
