#include "infocert/report/render.hpp"

#include <algorithm>

namespace infocert::report {

namespace {

std::string cell_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

// Pipes inside a GFM cell must be escaped.
std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string md_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + md_cell(c) + " |";
  return out + "\n";
}

}  // namespace

std::string table_markdown(const check::Table& t) {
  std::string out = md_row(t.columns);
  out += "|";
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& r : t.rows) {
    std::vector<std::string> cells;
    for (const auto& v : r) cells.push_back(cell_text(v));
    out += md_row(cells);
  }
  return out + "\n" + t.caption + "\n";
}

std::string check_text(const check::CheckReport& r, const std::string& description) {
  std::string out = "checker " + r.checker + ": " + description + "\n";
  std::size_t width = 0;
  for (const auto& v : r.claims) width = std::max(width, v.id.size());
  for (const auto& v : r.claims) {
    std::string status = check::status_name(v.status);
    out += "  " + v.id + std::string(width + 2 - v.id.size(), ' ') + status +
           std::string(status.size() < 16 ? 16 - status.size() : 1, ' ') + v.evidence + "\n";
    out += std::string(width + 4, ' ') + "scope: " + v.scope + "\n";
  }
  for (const auto& t : r.tables)
    out += "  table " + t.name + ": " + std::to_string(t.rows.size()) + " rows\n";
  auto bad = r.unexpected();
  if (bad.empty()) {
    out += "  every claim has the status the catalogue expects\n";
  } else {
    for (const auto& id : bad) {
      const check::ClaimInfo* info = check::find_claim(id);
      out += "  UNEXPECTED: " + id + " (the catalogue expects " +
             (info ? check::status_name(info->expected) : "no such claim") + ")\n";
    }
  }
  return out;
}

std::string check_markdown(const check::CheckReport& r, const std::string& description) {
  std::string out = "## Checker `" + r.checker + "`\n\n" + description + "\n\n";
  check::Table claims{"claims", "Claims of this checker: status, scope and evidence.",
                      {"id", "status", "scope", "evidence"}, {}};
  for (const auto& v : r.claims) claims.rows.push_back({v.id, check::status_name(v.status), v.scope, v.evidence});
  out += table_markdown(claims);
  for (const auto& t : r.tables) out += "\n### " + t.name + "\n\n" + table_markdown(t);
  return out;
}

std::vector<LedgerRow> ledger(const std::vector<check::CheckReport>& reports) {
  std::vector<LedgerRow> rows;
  for (const auto& info : check::catalogue()) {
    LedgerRow row{info.id, info.checker, info.summary, check::status_name(check::Status::not_implemented),
                  "", "no checker yet", {}};
    for (const auto& r : reports)
      for (const auto& v : r.claims)
        if (v.id == info.id) {
          row.status = check::status_name(v.status);
          row.scope = v.scope;
          row.evidence = v.evidence;
          for (const auto& t : r.tables) row.tables.push_back(r.checker + "/" + t.name);
          for (const auto& c : r.counterexamples)
            if (c.claim == info.id) row.counterexamples.push_back(c.file);
        }
    rows.push_back(row);
  }
  return rows;
}

std::string ledger_markdown(const std::vector<LedgerRow>& rows) {
  check::Table t{"claims", "The claims ledger: every claim of the catalogue with its status.",
                 {"id", "claim", "status", "scope", "evidence", "tables", "counterexamples"}, {}};
  for (const auto& r : rows) {
    std::string tables, ces;
    for (const auto& s : r.tables) tables += (tables.empty() ? "" : ", ") + s;
    for (const auto& s : r.counterexamples) ces += (ces.empty() ? "" : ", ") + s;
    t.rows.push_back({r.id, r.summary, r.status, r.scope, r.evidence, tables, ces});
  }
  return table_markdown(t);
}

nlohmann::json ledger_json(const std::vector<LedgerRow>& rows) {
  nlohmann::json claims = nlohmann::json::array();
  for (const auto& r : rows)
    claims.push_back({{"id", r.id}, {"checker", r.checker}, {"claim", r.summary}, {"status", r.status},
                      {"scope", r.scope}, {"evidence", r.evidence}, {"tables", r.tables},
                      {"counterexamples", r.counterexamples}});
  return {{"claims", claims}};
}

}  // namespace infocert::report
