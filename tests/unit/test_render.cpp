// check/table, check/collector and report/render: typed cells rendered at a chosen number
// of digits against hand-computed decimals; details as JSON; verdicts aggregated.
#include <doctest/doctest.h>

#include "lemmas/registry.hpp"

#include "infocert/check/collector.hpp"
#include "infocert/report/render.hpp"

using namespace infocert;
using check::Cell;
using check::Detail;
using check::Status;

TEST_CASE("cells keep exact values; digits are chosen when rendered") {
  CHECK(report::cell_text(Cell("text"), 12) == "text");
  CHECK(report::cell_text(Cell(42), 3) == "42");
  CHECK(report::cell_text(Cell(true), 3) == "true");
  CHECK(report::cell_text(Cell::empty(), 3) == "");
  // 1/3 rounded to nearest: 0.333 at 3 digits, 0.33333 at 5.
  CHECK(report::cell_text(Cell::rational(Rational(1, 3)), 3) == "0.333");
  CHECK(report::cell_text(Cell::rational(Rational(2, 3)), 5) == "0.66667");
  // ln 2 = 0.693147180559945...: certified digits at 4 and 12.
  LogForm ln2 = LogForm::ln(Integer(2));
  CHECK(report::cell_text(Cell::value(ln2), 4) == "0.6931");
  CHECK(report::cell_text(Cell::value(ln2), 12) == "0.693147180560");
  CHECK(report::cell_text(Cell::form(ln2), 12) == "ln 2");
  CHECK(report::cell_text(Cell::form_value(ln2), 3) == "ln 2 = 0.693");
  // An enclosure too wide for the digits asked shows only the digits it settles.
  Enclosure e{Rational(1234, 10000), Rational(1236, 10000), 64};
  CHECK(report::cell_text(Cell::enclosure(e), 6) == "0.12");
  CHECK(report::cell_text(Cell::interval(e), 3) == "[0.123, 0.124]");
  CHECK(report::cell_text(Cell::estimate(0.0123456, 4), 12) == "0.0123");  // places fixed by the estimate
  CHECK(report::cell_text(Cell::estimate_interval(0.5, 0.75, 2), 12) == "[0.50, 0.75]");
  // JSON: numbers and booleans as such, empty as null, the rest as text.
  CHECK(report::cell_json(Cell(7), 3) == nlohmann::json(7));
  CHECK(report::cell_json(Cell(false), 3) == nlohmann::json(false));
  CHECK(report::cell_json(Cell::empty(), 3).is_null());
  CHECK(report::cell_json(Cell::value(ln2), 2) == nlohmann::json("0.69"));
}

TEST_CASE("details render as JSON objects with sorted keys") {
  Detail d = Detail::object({{"z", 1}, {"a", Detail::list({Cell::form(LogForm::ln(Integer(3))), "x"})}});
  d.set("m", Detail());
  d.set("z", 2);  // replaces
  CHECK(report::detail_json(d, 12).dump() == R"({"a":["ln 3","x"],"m":null,"z":2})");
  CHECK(d.find("z") != nullptr);
  CHECK(d.find("q") == nullptr);
  CHECK(Detail().is_empty());
  CHECK_FALSE(Detail(0).is_empty());
}

TEST_CASE("tables render in markdown at the digits asked") {
  check::Table t{"t", "Title", "caption", {"x", {"value", "nats"}}, {{"ln 2", Cell::value(LogForm::ln(Integer(2)))}}};
  CHECK(t.column("value") == 1);
  CHECK(t.column("nope") == 2);
  CHECK(report::table_markdown(t, 3) == "| x | value |\n|---|---|\n| ln 2 | 0.693 |\n\ncaption\n");
  CHECK(report::to_json(t, 2)["rows"][0][1] == "0.69");
}

TEST_CASE("the verdict collector aggregates cases and writes the scope from what it saw") {
  check::VerdictCollector c({"x", "y", "z"});
  c.add("x", {"case1", Status::verified_exact, true, Detail::object()});
  c.add("x", {"case2", Status::verified_exact, true, Detail::object()});
  c.observe("x", 2, 1, 5);
  c.observe("x", 3, 1, 7);
  c.add("y", {"case1", Status::verified_exact, true, Detail::object()});
  c.add("y", {"case2", Status::refuted, false, Detail::object()});
  c.fix("z", Status::not_checkable, "none", "informal");
  auto v = c.finish("default scope");
  REQUIRE(v.size() == 3);
  // "x" is not a catalogue claim, so it is read as general: finitely many exact cases give
  // checked-exact, never verified-exact.
  CHECK(v[0].status == Status::checked_exact);
  CHECK(v[0].scope.find("2, 3") != std::string::npos);
  CHECK(v[1].status == Status::refuted);
  CHECK(v[1].evidence.find("case2") != std::string::npos);
  CHECK(v[2].status == Status::not_checkable);
  CHECK(v[2].evidence == "informal");
  CHECK_THROWS(c.add("nope", {"c", Status::refuted, false, Detail::object()}));
}

TEST_CASE("statuses follow the claim's form; bounds come from what was iterated") {
  // comment.dd is existential: one proved case proves it. lemmaA is universal: proved cases
  // on finitely many models are checked-exact.
  lemmas::checkers();
  check::VerdictCollector c({"comment.dd", "lemmaA", "jeon.incontext", "lemmaA.hypotheses"});
  c.add("comment.dd", {"dd", Status::proved, true, Detail::object()});
  c.add("lemmaA", {"m1", Status::proved, true, Detail::object()});
  c.add("lemmaA", {"m2", Status::verified_exact, true, Detail::object()});
  for (long d : {1, 2, 3, 4}) c.bound("lemmaA", "d", d);
  c.add("jeon.incontext", {"a", Status::verified_exact, true, Detail::object(), "enclosure"});
  c.add("jeon.incontext", {"b", Status::verified_exact, true, Detail::object()});
  auto v = c.finish("default");
  REQUIRE(v.size() == 3);  // lemmaA.hypotheses saw no case: left out, not "0 of 0"
  CHECK(v[0].status == Status::proved);
  CHECK(v[1].status == Status::checked_exact);
  CHECK(v[1].scope == "default; d = 1..4");
  CHECK(v[2].evidence == "decided on 2 of 2 cases, 1 of them by certified enclosures and the rest exactly");
  check::VerdictCollector e({"jeon.incontext"});
  e.add("jeon.incontext", {"a", Status::verified_exact, true, Detail::object()});
  CHECK(e.finish("s")[0].evidence == "decided exactly on 1 of 1 cases");
  check::VerdictCollector n({"jeon.thm3.5"});
  n.add("jeon.thm3.5", {"a", Status::verified_numeric, true, Detail::object()});
  n.add("jeon.thm3.5", {"b", Status::not_informative, true, Detail::object()});
  CHECK(n.finish("s")[0].status == Status::not_informative);
}
