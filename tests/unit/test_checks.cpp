#include <doctest/doctest.h>

#include "verdicts.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "infocert/cases/case_file.hpp"
#include "infocert/check/claims.hpp"
#include "lemmas/registry.hpp"
#include "infocert_version.hpp"
#include "infocert/exact/decide.hpp"
#include "infocert/error.hpp"
#include "infocert/report/render.hpp"
#include "infocert/report/report.hpp"

using namespace infocert;
using infocert::testing::verdict;

namespace {
/// A detail as JSON at 12 digits, as `check --format json` shows it.
nlohmann::json J(const check::Detail& d) { return report::detail_json(d, 12); }
}  // namespace
using check::Status;


TEST_CASE("the catalogue is the built-in claim files, in file-name order, every id once") {
  lemmas::checkers();
  // The ids read here straight from the JSON files, independently of the reader.
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(INFOCERT_DATA_DIR) + "/claims"))
    files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> expected;
  for (const auto& f : files) {
    std::ifstream in(f);
    nlohmann::json doc = nlohmann::json::parse(in);
    for (const auto& c : doc["claims"]) expected.push_back(c["id"].get<std::string>());
  }
  std::vector<std::string> got;
  std::set<std::string> ids;
  for (const auto& c : check::catalogue()) {
    got.push_back(c.id);
    CHECK(ids.insert(c.id).second);
    // Every built-in claim is decided by a checker that exists.
    CHECK(lemmas::find_checker(c.checker) != nullptr);
  }
  CHECK(got == expected);
  CHECK(!got.empty());
  CHECK(check::find_claim("def.cond-entropy") != nullptr);
  CHECK(check::find_claim("def.nope") == nullptr);
  // A restatement with the same procedure replaces the entry; a second statement of an id
  // under another procedure is refused.
  const check::ClaimInfo original = *check::find_claim("lemma0");
  check::ClaimInfo again = original;
  again.summary = "revised";
  check::install_claims({again});
  CHECK(check::find_claim("lemma0")->summary == "revised");
  again.checker = "query";
  CHECK_THROWS_AS(check::install_claims({again}), std::invalid_argument);
  check::install_claims({original});
  CHECK(check::find_claim("lemma0")->summary == original.summary);
}

TEST_CASE("aggregate: one counterexample refutes") {
  using check::CaseVerdict;
  CHECK(check::aggregate({{"a", Status::verified_exact, true, {}}, {"b", Status::refuted, false, {}}}) == Status::refuted);
  CHECK(check::aggregate({{"a", Status::verified_exact, true, {}}, {"b", Status::hypotheses_fail, {}, {}}}) ==
        Status::verified_exact);
  CHECK(check::aggregate({{"b", Status::hypotheses_fail, {}, {}}}) == Status::hypotheses_fail);
  CHECK(check::aggregate({}) == Status::hypotheses_fail);
}

TEST_CASE("the definitions checker gives the expected statuses with exact evidence") {
  const check::Checker* c = lemmas::find_checker("definitions");
  REQUIRE(c != nullptr);
  check::CheckReport r = c->run({});
  CHECK(r.unexpected().empty());
  CHECK(verdict(r, "def.cond-entropy").status == Status::checked_exact);
  CHECK(verdict(r, "def.mi-symmetric").status == Status::proved);
  CHECK(verdict(r, "def.venn-additive").status == Status::proved);
  CHECK(verdict(r, "def.bits-nats").status == Status::checked_exact);
  CHECK(verdict(r, "def.continuous-infinite").status == Status::not_checkable);
  // Literal readings, recomputed by hand on two independent fair bits:
  // for each y, Σ_x [1/2 - ln(1/2)] = 1 + 2 ln 2; averaged over y it stays 1 + 2 ln 2; H(X|Y) = ln 2.
  const auto& lit = verdict(r, "def.cond-entropy-literal");
  CHECK(lit.status == Status::refuted);
  bool found = false;
  for (const auto& cv : lit.cases)
    if (cv.case_name == "independent-fair-bits") {
      found = true;
      CHECK(cv.status == Status::refuted);
      CHECK(J(cv.detail)["literal"] == "1 + 2 ln 2");
      CHECK(J(cv.detail)["intended"] == "ln 2");
      CHECK(J(cv.detail)["case_file"]["pmf"]["1 1"] == "1/4");
    }
  CHECK(found);
  // E[-ln X] with X uniform on {1, 2}: -(1/2) ln 2, against H(X) = ln 2.
  const auto& ex = verdict(r, "def.entropy-expectation");
  CHECK(ex.status == Status::refuted);
  for (const auto& cv : ex.cases)
    if (cv.case_name == "independent-fair-bits") {
      CHECK(J(cv.detail)["literal_E[-ln X]"] == "-1/2 ln 2");
      CHECK(J(cv.detail)["H(X)"] == "ln 2");
    }
  // Tables are present and deterministic.
  REQUIRE(r.tables.size() == 3);
  CHECK(r.tables[0].rows.size() == 29);
  // The information diagram of venn.json, against the hand-derived values.
  std::map<std::string, std::string> venn;
  for (const auto& row : r.tables[2].rows) venn[row[0].text()] = report::cell_text(row[1], 12);
  CHECK(venn["H(X)"] == "2 ln 2 - 3/4 ln 3");
  CHECK(venn["H(X|Y)"] == "1/2 ln 2");
  CHECK(venn["I(X;Y)"] == "3/2 ln 2 - 3/4 ln 3");
  CHECK(venn["H(Y|X)"] == "-1/2 ln 2 + 3/4 ln 3");  // 3/2 ln 2 - (2 ln 2 - 3/4 ln 3)
  check::CheckReport again = c->run({});
  CHECK(report::to_json(again, 12).dump() == report::to_json(r, 12).dump());
}

TEST_CASE("the ledger lists every catalogue id; unimplemented ones say so") {
  std::vector<check::CheckReport> reports;
  for (const auto& c : lemmas::checkers()) reports.push_back(c.run({}));
  auto rows = report::ledger(reports);
  CHECK(rows.size() == check::catalogue().size());
  for (const auto& row : rows) {
    bool implemented = lemmas::find_checker(row.checker) != nullptr;
    CHECK((row.status != "not-implemented") == implemented);
  }
  std::string md = report::ledger_markdown(rows);
  CHECK(md.find("| def.cond-entropy | ") != std::string::npos);
  CHECK(md.find("| lemmaA | ") != std::string::npos);
}

TEST_CASE("markdown tables escape pipes") {
  check::Table t{"t", "T", "caption", {"a", "b"}, {{"H(X|Y)", 3}}};
  CHECK(report::table_markdown(t, 12) == "| a | b |\n|---|---|\n| H(X\\|Y) | 3 |\n\ncaption\n");
}

TEST_CASE("the jeon_decomposition checker: statuses, and its counterexamples are the committed case files") {
  const check::Checker* c = lemmas::find_checker("jeon_decomposition");
  REQUIRE(c != nullptr);
  check::CheckReport r = c->run({});
  CHECK(r.unexpected().empty());
  CHECK(verdict(r, "jeon.thm3.2").status == Status::proved);
  CHECK(verdict(r, "jeon.thm4.2").status == Status::proved);
  CHECK(verdict(r, "jeon.incontext").status == Status::checked_exact);
  CHECK(verdict(r, "jeon.entropy-logN").status == Status::checked_exact);
  CHECK(verdict(r, "jeon.obe-optimal").status == Status::checked_exact);
  const auto& restated = verdict(r, "jeon.thm4.2-restated");
  CHECK(restated.status == Status::refuted);
  for (const auto& cv : restated.cases) {
    // Refuted exactly where M != T.
    CHECK((cv.status == Status::refuted) == (J(cv.detail)["M"] != J(cv.detail)["T"]));
  }
  const auto& ci = verdict(r, "jeon.ci-equivalence");
  CHECK(ci.status == Status::refuted);
  int found = 0;
  for (const auto& cv : ci.cases) {
    if (!J(cv.detail).contains("case_file")) continue;
    ++found;
    nlohmann::json committed = read_json_file(std::string(INFOCERT_DATA_DIR) + "/cases/" + cv.case_name + ".json");
    nlohmann::json reported = J(cv.detail)["case_file"];
    reported["assert"] = committed["assert"];
    CHECK(committed == reported);
    // Re-check the counterexample from the file, independently of the search.
    JointDistribution p = load_joint_case(std::string(INFOCERT_DATA_DIR) + "/cases/" + cv.case_name + ".json");
    LogForm both = mutual_information(p, {3}, {0}, {1, 2}), one = mutual_information(p, {3}, {0}, {1});
    CHECK(both.is_zero() != one.is_zero());
    CHECK(mutual_information(p, {1}, {2}, {0}).is_zero());  // theta1, theta2 independent given psi
    // and identically distributed given psi: the conditional laws, symbol by symbol.
    std::map<std::vector<std::uint32_t>, Rational> l1 = p.marginal({0, 1}), l2 = p.marginal({0, 2});
    CHECK(l1 == l2);
  }
  CHECK(found == 2);
  // The counterexamples the checker writes are the committed files.
  for (const auto& ce : r.counterexamples)
    if (ce.claim == "jeon.ci-equivalence")
      CHECK(read_json_file(std::string(INFOCERT_DATA_DIR) + "/cases/" + ce.file) == parse_json_text(ce.content, ce.file));
}

TEST_CASE("lemma_a and corollary_a: statuses, and evidence re-checked") {
  check::CheckReport a = lemmas::find_checker("lemma_a")->run({});
  CHECK(a.unexpected().empty());
  CHECK(verdict(a, "hypothesisB").status == Status::supported);
  // Outside the hypotheses: the reducible pair and the dd pair break the conclusion.
  for (const auto& cv : verdict(a, "lemmaA").cases) {
    if (cv.case_name == "lemma-a-reducible.json" || cv.case_name == "comment-dd.json") {
      CHECK(cv.status == Status::hypotheses_fail);
      CHECK(cv.conclusion_holds == false);
    } else {
      CHECK(cv.status == Status::verified_exact);
    }
  }
  // Statement (b) fails for the dd pair: some history names the component for sure.
  for (const auto& cv : verdict(a, "lemmaA.b").cases)
    if (cv.case_name == "comment-dd.json") CHECK(J(cv.detail).contains("counterexample"));
  check::CheckReport c = lemmas::find_checker("corollary_a")->run({});
  CHECK(c.unexpected().empty());
  CHECK(verdict(c, "corollaryA.reduction-hypotheses").status == Status::refuted);
  // n > 2 on distinct components holds; equal components are outside the hypotheses, and
  // there the conclusion fails (the mixture is its component, a horizon-2 process).
  const auto& n = verdict(c, "corollaryA.n");
  CHECK(n.status == Status::checked_exact);
  for (const auto& cv : n.cases) {
    const bool degenerate = cv.case_name == "corollary-degenerate.json";
    CHECK((cv.status == Status::hypotheses_fail) == degenerate);
    CHECK(cv.conclusion_holds == !degenerate);
  }
  CHECK(n.scope.find("d1 = 1..4") != std::string::npos);
}

TEST_CASE("lemma_b: statuses") {
  check::CheckReport r = lemmas::find_checker("lemma_b")->run({});
  CHECK(r.unexpected().empty());
  CHECK(verdict(r, "lemmaB1").status == Status::checked_exact);
  CHECK(verdict(r, "lemmaB2").status == Status::checked_exact);
  CHECK(verdict(r, "independence.max-prior").status == Status::refuted);
  CHECK(J(verdict(r, "independence.uniform-zero").cases.front().detail)["estimation_error"] == "4 ln 2");
  CHECK(J(verdict(r, "independence.uniform-zero").cases.front().detail)["constant_parametrisation_error"] == "0");
}

TEST_CASE("transformer_bounds: parameter count and the exact crossover of Theorem 3.5") {
  check::CheckReport r = lemmas::find_checker("transformer_bounds")->run({});
  CHECK(r.unexpected().empty());
  const auto& v = verdict(r, "jeon.thm3.5");
  // Every T checked is below the crossover, where the bound exceeds ln d: not informative.
  CHECK(v.status == Status::not_informative);
  REQUIRE(v.cases.size() == 3);
  for (const auto& cv : v.cases) {
    CHECK(J(cv.detail)["parameters_implemented"] == J(cv.detail)["p"]);
    // The bound per token written again: p L (1 + ln 136 + 2 ln K) + p (ln 2 + ln K + 2 ln T - ln L), over T.
    long p = J(cv.detail)["p"].get<long>();
    std::string name = cv.case_name;  // "d=2 K=2 L=1 r=2"
    long d = name[2] - '0', k = name[6] - '0', l = name[10] - '0';
    auto bound = [&](long t) {
      LogForm f = LogForm::constant(Rational(p * l)) + LogForm::ln(Integer(136), Rational(p * l)) +
                  LogForm::ln(Integer(k), Rational(2 * p * l)) + LogForm::ln(Integer(2), Rational(p)) +
                  LogForm::ln(Integer(k), Rational(p)) + LogForm::ln(Integer(t), Rational(2 * p)) -
                  LogForm::ln(Integer(l), Rational(p));
      return Rational(1, t) * f;
    };
    long t = J(cv.detail)["crossover_T"].get<long>();
    CHECK(decide(bound(t), Relation::lt, LogForm::ln(Integer(d))).holds);
    CHECK(decide(bound(t - 1), Relation::ge, LogForm::ln(Integer(d))).holds);
  }
  CHECK(verdict(r, "jeon.thm4.5").status == Status::transcription_differs);
}

TEST_CASE("citations resolve from the bibliography; unknown keys are errors") {
  auto bib = report::Bibliography::load(std::string(INFOCERT_DATA_DIR) + "/bibliography.json");
  for (const char* key : {"jeon2024information", "jeon2022information", "deletang2024language", "latham2009"}) {
    CHECK(bib.has(key));
    CHECK(bib.cite(key, "md") == std::string("{{< cite \"") + key + "\" >}}");
    CHECK(bib.cite(key, "qmd") == std::string("[@") + key + "]");
  }
  CHECK(bib.reference("latham2009") == "Latham, Roudi (2009). Mutual information. Scholarpedia.");
  CHECK_THROWS_WITH_AS(bib.cite("nobody2025", "md"), "bibliography: unknown citation key \"nobody2025\"", InputError);
}

TEST_CASE("the report's verdict sentences follow the ledger: flipping a status changes the prose") {
  auto bib = report::Bibliography::load(std::string(INFOCERT_DATA_DIR) + "/bibliography.json");
  const std::string dir = std::filesystem::temp_directory_path() / "infocert-flip-test";
  auto index_for = [&](Status s) {
    check::CheckReport r;
    r.checker = "family";
    r.claims.push_back({"claim.one", s, "scope", "evidence", {}});
    r.claims.push_back({"claim.two", Status::checked_exact, "scope", "evidence", {}});
    report::write_report(dir, {r}, {{"family", "A family", "What is checked.", ""}}, "md", bib, 6);
    std::ifstream in(dir + "/index.md");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  std::set<std::string> pages;
  for (Status s : check::all_statuses()) {
    const std::string page = index_for(s);
    pages.insert(page);
    // The family's verdict sentence names the status of claim.one, and the overview counts it.
    const std::string name = check::status_name(s);
    if (s == Status::checked_exact) {
      CHECK(page.find("checked-exact: `claim.one`, `claim.two`") != std::string::npos);
    } else {
      CHECK(page.find(name + ": `claim.one`") != std::string::npos);
      CHECK(page.find("1 " + name) != std::string::npos);
    }
    CHECK(page.find(std::string("**") + name + "**: " + check::status_meaning(s)) != std::string::npos);
  }
  CHECK(pages.size() == check::all_statuses().size());  // every status gives a different page
  std::filesystem::remove_all(dir);
}
