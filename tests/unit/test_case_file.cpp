#include <doctest/doctest.h>

#include "infocert/cases/case_file.hpp"
#include "infocert/error.hpp"

using namespace infocert;

namespace {
JointDistribution load(const std::string& text) {
  nlohmann::json doc = parse_json_text(text, "t.json");
  return joint_from_case(CaseReader("t.json", doc));
}
void fails(const std::string& text, const std::string& message) {
  CAPTURE(text);
  CHECK_THROWS_WITH_AS(load(text), message.c_str(), InputError);
}
}  // namespace

TEST_CASE("a joint case loads exactly") {
  JointDistribution p = load(R"({"kind": "joint", "variables": ["X", "Y"],
      "pmf": {"0 0": "1/2", "0 1": "0.25", "1 1": "2.5e-1", "1 0": 0}})");
  CHECK(p.variables().size() == 2);
  CHECK(p.outcomes().size() == 3);
  CHECK(p.marginal({0})[{0}] == Rational(3, 4));
  // Declared alphabets, and round trip through joint_to_case.
  JointDistribution q = load(R"({"kind": "joint", "variables": ["A"], "alphabets": {"A": ["x", "y", "z"]},
      "pmf": {"x": "1/3", "z": "2/3"}})");
  CHECK(q.alphabet(0).size() == 3);
  nlohmann::json back = joint_to_case(q);
  CHECK(back["pmf"]["z"] == "2/3");
  JointDistribution r = joint_from_case(CaseReader("back", back));
  CHECK(r.outcomes().size() == 2);
}

TEST_CASE("every violation is one line naming the file and the JSON path") {
  fails(R"({"kind": "joint", "variables": ["X", "Y"], "pmf": {"0 0": "1/2", "0 1": "-1/2", "1 1": "1"}})",
        "t.json: pmf[\"0 1\"]: -1/2 is not a probability");
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {"0": "1/2", "1": "1/3"}})", "t.json: pmf sums to 5/6, not 1");
  fails(R"({"kind": "joint", "variables": ["X", "Y"], "pmf": {"0": "1"}})",
        "t.json: pmf[\"0\"]: outcome has 1 symbol, expected 2 (X, Y)");
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {"0": "abc"}})", "t.json: pmf[\"0\"]: \"abc\" is not a rational number");
  // Decimal numbers are read from their text: 0.1 + 0.2 is 3/10 exactly (as doubles it is
  // 0.30000000000000004), so the sum is reported exactly.
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {"0": 0.1, "1": 0.2}})", "t.json: pmf sums to 3/10, not 1");
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {"0": true, "1": "1/2"}})",
        "t.json: pmf[\"0\"]: expected a number (\"1/3\", 0.25 or \"0.25\"), found true");
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {"0": "1"}, "pmff": {}})",
        "t.json: pmff: unknown key (expected one of: kind, name, description, claim, hypotheses, assert, recheck, variables, "
        "alphabets, pmf)");
  fails(R"({"kind": "joint", "variables": ["X"]})", "t.json: missing key \"pmf\"");
  fails(R"({"variables": ["X"], "pmf": {"0": "1"}})", "t.json: missing key \"kind\"");
  fails(R"({"kind": "markov", "variables": ["X"], "pmf": {"0": "1"}})", "t.json: kind: expected \"joint\", found \"markov\"");
  fails(R"({"kind": "joint", "variables": ["X", "X"], "pmf": {"0 0": "1"}})", "t.json: variables[1]: \"X\" appears twice");
  fails(R"({"kind": "joint", "variables": ["1X"], "pmf": {"0": "1"}})",
        "t.json: variables[0]: \"1X\" is not a name (letters, digits and _, not starting with a digit)");
  fails(R"({"kind": "joint", "variables": [], "pmf": {}})", "t.json: variables: expected a non-empty array of variable names");
  fails(R"({"kind": "joint", "variables": ["X"], "alphabets": {"X": ["0", "1"]}, "pmf": {"2": "1"}})",
        "t.json: pmf[\"2\"]: unknown symbol \"2\" for variable X (alphabet: 0, 1)");
  fails(R"({"kind": "joint", "variables": ["X", "Y"], "pmf": {"0 1": "1/2", "0  1": "1/2"}})",
        "t.json: pmf[\"0 1\"]: duplicate outcome (same as \"0  1\")");
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {"0": "1", "0": "0"}})", "t.json: pmf: duplicate key \"0\"");
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {}})", "t.json: pmf sums to 0, not 1");
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {"0": "1/0"}})", "t.json: pmf[\"0\"]: \"1/0\" is not a rational number");
  fails(R"({"kind": "joint", "variables": ["H"], "pmf": {"0": "1"}})", "t.json: variables[0]: \"H\" is reserved by the query language");
}

TEST_CASE("decimal JSON numbers are exact: fractions, exponents, long integers; strings untouched") {
  JointDistribution p = load(R"({"kind": "joint", "variables": ["X"], "alphabets": {"X": ["0.5", "b", "c", "d"]},
      "pmf": {"0.5": 0.1, "b": 2e-1, "c": 0.30, "d": 4E-1}})");
  CHECK(p.marginal({0})[{0}] == Rational(1, 10));
  CHECK(p.marginal({0})[{1}] == Rational(1, 5));
  CHECK(p.marginal({0})[{3}] == Rational(2, 5));
  CHECK(p.alphabet(0)[0] == "0.5");  // a symbol written as a string stays a string
  // A 20-digit integer is beyond a double's 53 bits: read exactly, it makes the sum exact.
  JointDistribution q = load(R"({"kind": "joint", "variables": ["X"],
      "pmf": {"0": "1/100000000000000000001", "1": "100000000000000000000/100000000000000000001"}})");
  CHECK(q.marginal({0})[{1}] == Rational(Integer("100000000000000000000"), Integer("100000000000000000001")));
  nlohmann::json doc = parse_json_text(R"({"a": 0.1, "b": "0.1", "c": 1, "d": -2.5e3, "e": 123456789012345678901,
      "f": "x\"0.5", "g": [1e2, true, null]})", "t.json");
  CHECK(doc["a"] == "0.1");
  CHECK(doc["b"] == "0.1");
  CHECK(doc["c"] == 1);
  CHECK(doc["d"] == "-2.5e3");
  CHECK(doc["e"] == "123456789012345678901");
  CHECK(doc["f"] == "x\"0.5");
  CHECK(doc["g"] == nlohmann::json::parse(R"(["1e2", true, null])"));
  CHECK(parse_rational(doc["d"].get<std::string>()) == Rational(-2500));
  // Malformed numbers stay malformed, and errors keep their place in the file as written.
  CHECK_THROWS_WITH_AS(parse_json_text("{\"a\": 0.5, \"b\": 1.}", "t.json"),
                       doctest::Contains("line 1, column 19"), InputError);
  CHECK_THROWS_AS(parse_json_text("{\"a\": 1.2.3}", "t.json"), InputError);
  CHECK_THROWS_AS(parse_json_text("{\"a\": -}", "t.json"), InputError);
}

TEST_CASE("malformed JSON reports line and column") {
  CHECK_THROWS_WITH_AS(parse_json_text("{\n  \"kind\": \"joint\",\n  x\n}", "t.json"),
                       "t.json: malformed JSON: line 3, column 3: syntax error while parsing object key - invalid "
                       "literal; last read: '\"joint\",<U+000A>  x'; expected string literal",
                       InputError);
  CHECK_THROWS_WITH_AS(parse_json_text(R"({"a": [1, {"b": 1, "b": 2}]})", "t.json"),
                       "t.json: a[1]: duplicate key \"b\"", InputError);
  // A fuzzer finding: a number literal too large for a double. Read as text it no longer
  // overflows; the syntax error after it is reported.
  CHECK_THROWS_WITH_AS(parse_json_text("11111e111111111111100000000085696800211599360{", "t.json"),
                       doctest::Contains("unexpected '{'; expected end of input"), InputError);
  CHECK(parse_json_text(R"({"kind": "joint", "pmf": {"0": 1e400}})", "t.json")["pmf"]["0"] == "1e400");
  // Its value is refused by the exact reader (the exponent is bounded), as one line.
  fails(R"({"kind": "joint", "variables": ["X"], "pmf": {"0": 1e111111111111100000000085696800211599360}})",
        "t.json: pmf[\"0\"]: \"1e111111111111100000000085696800211599360\" is not a rational number");
  CHECK_THROWS_WITH_AS(read_json_file("/nonexistent/x.json"), "/nonexistent/x.json: cannot open file (No such file or directory)",
                       InputError);
}

TEST_CASE("large inputs read in one pass: 20000 symbols of one variable, duplicates found deep in arrays") {
  std::string text = R"({"kind": "joint", "variables": ["X"], "pmf": {)";
  for (int i = 0; i < 20000; ++i) text += (i ? ", \"" : "\"") + std::to_string(i) + "\": \"1/20000\"";
  text += "}}";
  JointDistribution p = joint_from_case(CaseReader("t.json", parse_json_text(text, "t.json")));
  CHECK(p.alphabet(0).size() == 20000);
  CHECK(entropy(p, {0}) == LogForm::ln(Integer(20000)));
  // A repeated symbol among them is named by its key.
  std::string twice = text.substr(0, text.size() - 2) + R"(, "17": "0"}})";
  CHECK_THROWS_WITH_AS(parse_json_text(twice, "t.json"), "t.json: pmf: duplicate key \"17\"", InputError);
  CHECK_THROWS_WITH_AS(parse_json_text(R"([[0], [1, [2, {"a": 1, "a": 1}]]])", "t.json"), "t.json: [1][1][1]: duplicate key \"a\"",
                       InputError);
}
