#include "infocert/report/render.hpp"

#include "infocert/report/output.hpp"
#include "infocert_version.hpp"

#include <algorithm>
#include <cstdio>

namespace infocert::report {

namespace {

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

std::string fixed(double x, int places) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, x);
  return buf;
}

}  // namespace

std::string cell_text(const check::Cell& c, unsigned digits) {
  using K = check::Cell::Kind;
  switch (c.kind()) {
    case K::empty: return "";
    case K::text: return c.text();
    case K::integer: return std::to_string(c.integer());
    case K::boolean: return c.boolean() ? "true" : "false";
    case K::rational: return to_decimal(c.rational_value(), digits, 0);
    case K::value: return certify(c.log_form(), digits).value;
    case K::form: return c.log_form().str();
    case K::form_value: return c.log_form().str() + " = " + certify(c.log_form(), digits).value;
    case K::enclosure: return certify_enclosure(c.enclosure_value(), digits).value;
    case K::interval:
      return "[" + to_decimal(c.enclosure_value().lo, digits, -1) + ", " + to_decimal(c.enclosure_value().hi, digits, +1) + "]";
    case K::estimate: return fixed(c.estimate_value(), c.places());
    case K::estimate_interval:
      return "[" + fixed(c.estimate_value(), c.places()) + ", " + fixed(c.estimate_upper(), c.places()) + "]";
  }
  return "";
}

nlohmann::json cell_json(const check::Cell& c, unsigned digits) {
  using K = check::Cell::Kind;
  switch (c.kind()) {
    case K::empty: return nullptr;
    case K::integer: return c.integer();
    case K::boolean: return c.boolean();
    default: return cell_text(c, digits);
  }
}

nlohmann::json detail_json(const check::Detail& d, unsigned digits) {
  if (d.is_cell()) return cell_json(d.cell(), digits);
  if (d.is_list()) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& x : d.items()) a.push_back(detail_json(x, digits));
    return a;
  }
  nlohmann::json o = nlohmann::json::object();
  for (const auto& [k, v] : d.members()) o[k] = detail_json(v, digits);
  return o;
}

std::string table_markdown(const check::Table& t, unsigned digits) {
  std::string out = md_row(t.headings());
  out += "|";
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& r : t.rows) {
    std::vector<std::string> cells;
    for (const auto& v : r) cells.push_back(cell_text(v, digits));
    out += md_row(cells);
  }
  return out + "\n" + t.caption + "\n";
}

nlohmann::json to_json(const check::Table& t, unsigned digits) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : t.rows) {
    nlohmann::json row = nlohmann::json::array();
    for (const auto& c : r) row.push_back(cell_json(c, digits));
    rows.push_back(row);
  }
  return {{"name", t.name}, {"caption", t.caption}, {"columns", t.headings()}, {"rows", rows}};
}

nlohmann::json to_json(const check::CheckReport& report, unsigned digits) {
  nlohmann::json claims = nlohmann::json::array();
  for (const auto& v : report.claims) {
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& c : v.cases) {
      nlohmann::json holds = c.conclusion_holds ? nlohmann::json(*c.conclusion_holds) : nlohmann::json(nullptr);
      cases.push_back({{"case", c.case_name},
                       {"status", check::status_name(c.status)},
                       {"conclusion_holds", holds},
                       {"detail", detail_json(c.detail, digits)}});
    }
    claims.push_back({{"id", v.id},
                      {"status", check::status_name(v.status)},
                      {"scope", v.scope},
                      {"evidence", v.evidence},
                      {"cases", cases}});
  }
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : report.tables) tables.push_back(to_json(t, digits));
  return {{"checker", report.checker}, {"claims", claims}, {"tables", tables}};
}

std::string check_text(const check::CheckReport& r, const std::string& description) {
  std::string out = (r.claim_file.empty() ? "checker " + r.checker : "claim file " + r.claim_file) + ": " + description + "\n";
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
      out += "  UNEXPECTED: " + id + " (" +
             (!info             ? std::string("no such claim")
              : info->expected ? "the catalogue expects " + std::string(check::status_name(*info->expected))
                               : std::string("refuted; its claim file states no expectation")) +
             ")\n";
    }
  }
  return out;
}

std::string check_markdown(const check::CheckReport& r, const std::string& description, unsigned digits) {
  std::string out = (r.claim_file.empty() ? "## Checker `" + r.checker : "## Claim file `" + r.claim_file) + "`\n\n" +
                    description + "\n\n";
  check::Table claims{"claims", "Claims", "Claims of this checker: status, scope and evidence.",
                      {"id", "status", "scope", "evidence"}, {}};
  for (const auto& v : r.claims) claims.rows.push_back({v.id, check::status_name(v.status), v.scope, v.evidence});
  out += table_markdown(claims, digits);
  for (const auto& t : r.tables) out += "\n### " + t.name + "\n\n" + table_markdown(t, digits);
  return out;
}

std::vector<LedgerRow> ledger(const std::vector<check::CheckReport>& reports) {
  std::vector<LedgerRow> rows;
  for (const auto& info : check::catalogue()) {
    LedgerRow row{info.id, info.checker, info.summary, check::status_name(check::Status::not_implemented),
                  "", "no checker yet", {}, {}, {}};
    for (const auto& r : reports)
      for (const auto& v : r.claims)
        if (v.id == info.id) {
          row.status = check::status_name(v.status);
          row.scope = v.scope;
          row.evidence = v.evidence;
          for (const auto& t : r.tables) row.tables.push_back(r.checker + "/" + t.name);
          for (const auto& c : r.counterexamples)
            if (c.claim == info.id) row.counterexamples.push_back(c.file);
          for (const auto& c : r.certificates)
            if (c.claim == info.id) row.certificates.push_back(c.file);
        }
    rows.push_back(row);
  }
  return rows;
}

std::string ledger_markdown(const std::vector<LedgerRow>& rows) {
  check::Table t{"claims", "Claims ledger", "The claims ledger: every claim of the catalogue with its status.",
                 {"id", "claim", "status", "scope", "evidence", "tables", "counterexamples", "certificates"}, {}};
  for (const auto& r : rows) {
    std::string tables, ces, certs;
    for (const auto& s : r.tables) tables += (tables.empty() ? "" : ", ") + s;
    for (const auto& s : r.counterexamples) ces += (ces.empty() ? "" : ", ") + s;
    for (const auto& s : r.certificates) certs += (certs.empty() ? "" : ", ") + s;
    t.rows.push_back({r.id, r.summary, r.status, r.scope, r.evidence, tables, ces, certs});
  }
  return table_markdown(t, 0);
}

nlohmann::json ledger_json(const std::vector<LedgerRow>& rows) {
  nlohmann::json claims = nlohmann::json::array();
  for (const auto& r : rows)
    claims.push_back({{"id", r.id}, {"checker", r.checker}, {"claim", r.summary}, {"status", r.status},
                      {"scope", r.scope}, {"evidence", r.evidence}, {"tables", r.tables},
                      {"counterexamples", r.counterexamples}, {"certificates", r.certificates}});
  return {{"schema", kJsonSchema}, {"infocert", INFOCERT_VERSION}, {"claims", claims}};
}

}  // namespace infocert::report
