#include "infocert/cases/read_declarations.hpp"

#include "infocert/cases/case_file.hpp"

namespace infocert {

using nlohmann::json;

namespace {

std::string text(const CaseReader& r, const json& object, const JsonPath& at, const char* key, bool required = true) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) r.fail(at, std::string("missing \"") + key + "\"");
    return "";
  }
  if (!it->is_string()) r.fail(at.key(key), "expected a string, found " + it->dump());
  return it->get<std::string>();
}

std::vector<std::string> texts(const CaseReader& r, const json& object, const JsonPath& at, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end()) return out;
  if (!it->is_array()) r.fail(at.key(key), "expected an array of strings");
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) r.fail(at.key(key).index(i), "expected a string, found " + (*it)[i].dump());
    out.push_back((*it)[i].get<std::string>());
  }
  return out;
}

const json& array(const CaseReader& r, const json& object, const JsonPath& at, const char* key) {
  static const json empty = json::array();
  auto it = object.find(key);
  if (it == object.end()) return empty;
  if (!it->is_array()) r.fail(at.key(key), "expected an array");
  for (std::size_t i = 0; i < it->size(); ++i)
    if (!(*it)[i].is_object()) r.fail(at.key(key).index(i), "expected an object");
  return *it;
}

check::Table table(const CaseReader& r, const json& t, const JsonPath& at) {
  r.check_keys(t, at, {"name", "title", "caption", "columns"});
  check::Table out{text(r, t, at, "name"), text(r, t, at, "title"), text(r, t, at, "caption"), {}, {}};
  for (auto& c : texts(r, t, at, "columns")) out.columns.emplace_back(std::move(c));
  if (out.columns.empty()) r.fail(at.key("columns"), "a table needs at least one column");
  return out;
}

check::Figure figure(const CaseReader& r, const json& f, const JsonPath& at, const std::vector<check::Table>& tables) {
  r.check_keys(f, at, {"name", "kind", "title", "caption", "table", "series", "x", "lines", "last_of", "xlabel",
                       "ylabel", "log_y", "y_range", "key", "unit_column"});
  check::Figure out;
  out.name = text(r, f, at, "name");
  const std::string kind = text(r, f, at, "kind", false);
  if (kind == "information_diagram") out.kind = check::Figure::Kind::information_diagram;
  else if (!kind.empty() && kind != "lines") r.fail(at.key("kind"), "expected \"lines\" or \"information_diagram\"");
  out.title = text(r, f, at, "title");
  out.caption = text(r, f, at, "caption");
  out.table = text(r, f, at, "table");
  const check::Table* drawn = nullptr;
  for (const auto& t : tables)
    if (t.name == out.table) drawn = &t;
  if (!drawn) r.fail(at.key("table"), "no table \"" + out.table + "\" is declared");
  auto column = [&](const std::string& c, const JsonPath& p) {
    if (!c.empty() && drawn->column(c) == drawn->columns.size())
      r.fail(p, "table \"" + out.table + "\" has no column \"" + c + "\"");
  };
  out.series = texts(r, f, at, "series");
  for (std::size_t i = 0; i < out.series.size(); ++i) column(out.series[i], at.key("series").index(i));
  out.x = text(r, f, at, "x", false);
  column(out.x, at.key("x"));
  out.last_of = text(r, f, at, "last_of", false);
  column(out.last_of, at.key("last_of"));
  out.unit_column = text(r, f, at, "unit_column", false);
  column(out.unit_column, at.key("unit_column"));
  const json& lines = array(r, f, at, "lines");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const JsonPath p = at.key("lines").index(i);
    r.check_keys(lines[i], p, {"column", "label", "dash"});
    check::Figure::Line line{text(r, lines[i], p, "column"), text(r, lines[i], p, "label", false), 1};
    column(line.column, p.key("column"));
    if (auto d = lines[i].find("dash"); d != lines[i].end()) {
      if (!d->is_number_integer() || d->get<int>() < 1 || d->get<int>() > 20) r.fail(p.key("dash"), "expected an integer 1..20");
      line.dash = d->get<int>();
    }
    out.lines.push_back(std::move(line));
  }
  if (out.lines.empty()) r.fail(at.key("lines"), "a figure needs at least one line");
  out.xlabel = text(r, f, at, "xlabel", false);
  out.ylabel = text(r, f, at, "ylabel", false);
  if (auto l = f.find("log_y"); l != f.end()) {
    if (!l->is_boolean()) r.fail(at.key("log_y"), "expected true or false");
    out.log_y = l->get<bool>();
  }
  out.y_range = text(r, f, at, "y_range", false);
  if (f.contains("key")) out.key = text(r, f, at, "key");
  return out;
}

}  // namespace

check::Declarations read_declarations(const std::string& file, const std::string& checker) {
  const json doc = read_json_file(file);
  CaseReader r(file, doc);
  if (!doc.is_object()) r.fail({}, "expected an object");
  r.check_keys(doc, {}, {"checker", "description", "title", "summary", "tables", "figures"});
  check::Declarations d;
  d.checker = text(r, doc, {}, "checker");
  if (d.checker != checker) r.fail(JsonPath().key("checker"), "expected \"" + checker + "\"");
  d.description = text(r, doc, {}, "description");
  d.title = text(r, doc, {}, "title");
  d.summary = text(r, doc, {}, "summary");
  const json& tables = array(r, doc, {}, "tables");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    d.tables.push_back(table(r, tables[i], JsonPath().key("tables").index(i)));
    for (std::size_t j = 0; j + 1 < d.tables.size(); ++j)
      if (d.tables[j].name == d.tables.back().name)
        r.fail(JsonPath().key("tables").index(i).key("name"), "table \"" + d.tables[j].name + "\" is declared twice");
  }
  const json& figures = array(r, doc, {}, "figures");
  for (std::size_t i = 0; i < figures.size(); ++i)
    d.figures.push_back(figure(r, figures[i], JsonPath().key("figures").index(i), d.tables));
  return d;
}

}  // namespace infocert
