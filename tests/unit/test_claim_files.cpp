// Claim files: reading (every malformed input named by file and JSON path) and deciding
// claims stated in the query language, against hand-derived values and `verify`.
#include <doctest/doctest.h>

#include "verdicts.hpp"

#include <filesystem>
#include <fstream>

#include "infocert/cases/read_declarations.hpp"
#include "infocert/cases/run_claims.hpp"
#include "infocert/cases/verify.hpp"
#include "infocert/distribution/readings.hpp"
#include "infocert/error.hpp"
#include "infocert_version.hpp"
#include "lemmas/registry.hpp"

using namespace infocert;
using infocert::testing::verdict;
using check::Status;

namespace {

const std::string kVenn = std::string(INFOCERT_DATA_DIR) + "/cases/venn.json";
const std::string kChain = std::string(INFOCERT_DATA_DIR) + "/cases/chain-a.json";

std::filesystem::path folder() {
  auto dir = std::filesystem::temp_directory_path() / "infocert-unit-claims";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string write(const std::string& name, const std::string& text) {
  auto p = folder() / name;
  std::ofstream(p) << text;
  return p.string();
}

// A file with one claim whose members are `members` (JSON text without braces).
std::string one_claim(const std::string& name, const std::string& members) {
  return write(name, "{\"claims\": [{\"id\": \"t.claim\", \"summary\": \"s\", " + members + "}]}");
}

std::string error_of(const std::string& file) {
  try {
    read_claim_file(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a claim file is read: ids, forms, domains, horizons, relative case paths") {
  std::filesystem::copy_file(kVenn, folder() / "venn-copy.json", std::filesystem::copy_options::overwrite_existing);
  std::string f = write("good.json", R"J({"title": "T", "summary": "S", "claims": [
    {"id": "a.one", "summary": "x", "form": "finite", "expected": "verified-exact",
     "source": {"section": "Lemma A", "locate": "be not dd"},
     "conclusion": "H(X) >= 0", "domain": {"cases": ["venn-copy.json"]}},
    {"id": "a.two", "summary": "y", "hypotheses": ["I(X1;X2) = 0"], "conclusion": "H(X1..X2) <= 2 ln(2)",
     "domain": {"cases": [")J" + kChain + R"J("], "horizon": "2..4"}},
    {"id": "lemma0", "summary": "restated", "procedure": "lemma_a"}]})J");
  ClaimFile c = read_claim_file(f);
  CHECK(c.title == "T");
  REQUIRE(c.claims.size() == 3);
  CHECK(c.claims[0].info.form == check::Form::finite);
  CHECK(c.claims[0].info.expected == Status::verified_exact);
  CHECK(c.claims[0].info.source.section == "Lemma A");
  CHECK(c.claims[0].cases.front() == (folder() / "venn-copy.json").string());
  CHECK(c.claims[0].info.checker == "query");
  CHECK(c.claims[1].horizons == std::vector<unsigned>{2, 3, 4});
  CHECK(c.claims[1].hypotheses.size() == 1);
  CHECK(c.claims[1].info.form == check::Form::universal);
  CHECK(!c.claims[1].info.expected);
  CHECK(c.claims[2].info.checker == "lemma_a");
  CHECK(!c.claims[2].conclusion);
}

TEST_CASE("malformed claim files: one error naming the file and the JSON path") {
  struct Bad {
    const char* members;
    const char* path;
    const char* says;
  };
  const std::string dom = "\"domain\": {\"cases\": [\"" + kVenn + "\"]}";
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> bad = {
      {"\"color\": 1, \"conclusion\": \"H(X) >= 0\", " + dom, {"claims[0]", "color"}},
      {"\"conclusion\": \"H(X >= 0\", " + dom, {"claims[0].conclusion", "H(X >= 0"}},
      {"\"conclusion\": \"H(X) >= 0\", \"procedure\": \"lemma_a\", " + dom, {"claims[0]", "not several"}},
      {"\"summary2\": 1", {"claims[0]", "summary2"}},
      {"\"conclusion\": \"H(X) >= 0\"", {"claims[0]", "missing \"domain\""}},
      {"\"conclusion\": \"H(X) >= 0\", \"domain\": {\"cases\": []}", {"claims[0].domain.cases", "empty"}},
      {"\"conclusion\": \"H(X) >= 0\", \"domain\": {\"cases\": [\"a.json\"], \"horizon\": \"5..2\"}",
       {"claims[0].domain.horizon", "first <= last"}},
      {"\"conclusion\": \"H(X) >= 0\", \"domain\": {\"cases\": [\"a.json\"], \"horizon\": 0}",
       {"claims[0].domain.horizon", "between 1 and 1000"}},
      {"\"conclusion\": \"H(X) >= 0\", \"domain\": {\"cases\": [\"a.json\"], \"horizon\": [3, 1001]}",
       {"claims[0].domain.horizon[1]", "between 1 and 1000"}},
      {"\"expected\": \"great\", \"conclusion\": \"H(X) >= 0\", " + dom, {"claims[0].expected", "unknown status"}},
      {"\"form\": \"some\", \"conclusion\": \"H(X) >= 0\", " + dom, {"claims[0].form", "universal"}},
      {"\"procedure\": \"query\"", {"claims[0].procedure", "query"}},
      {"\"form\": \"existential\", \"conclusion\": \"H(X) >= 0\", " + dom, {"claims[0].form", "witness"}},
      {"\"procedure\": \"lemma_a\", \"domain\": {}", {"claims[0].domain", "procedure"}},
      {"\"hypotheses\": [1], \"conclusion\": \"H(X) >= 0\", " + dom, {"claims[0].hypotheses[0]", "EXPR OP EXPR"}},
  };
  int i = 0;
  for (const auto& row : bad) {
    const auto& members = row.first;  // INFO takes a lambda; clang 14 cannot capture a binding
    const auto& expect = row.second;
    std::string file = one_claim("bad" + std::to_string(i++) + ".json", members);
    std::string e = error_of(file);
    INFO(members << " -> " << e);
    CHECK(e.rfind(file + ": " + expect.first, 0) == 0);
    CHECK(e.find(expect.second) != std::string::npos);
    CHECK(e.find('\n') == std::string::npos);
  }
  // File-level errors.
  CHECK(error_of(write("noclaims.json", "{\"title\": \"x\"}")).find("missing \"claims\"") != std::string::npos);
  CHECK(error_of(write("emptyclaims.json", "{\"claims\": []}")).find("claims: a claim file needs") != std::string::npos);
  CHECK(error_of(write("badid.json", "{\"claims\": [{\"id\": \"a b\", \"summary\": \"s\", \"procedure\": \"x\"}]}"))
            .find("claims[0].id") != std::string::npos);
  CHECK(error_of(write("twice.json", "{\"claims\": [{\"id\": \"a\", \"summary\": \"s\", \"procedure\": \"x\"}, "
                                     "{\"id\": \"a\", \"summary\": \"s\", \"procedure\": \"x\"}]}"))
            .find("claims[1].id: the id a is used twice") != std::string::npos);
  CHECK(error_of(write("notjson.json", "{\"claims\": [")).find("notjson.json") != std::string::npos);
  // A domain larger than the limit (101 cases at 100 horizons) is refused when read.
  std::string cases;
  for (int k = 0; k < 101; ++k) cases += std::string(k ? ", " : "") + "\"c" + std::to_string(k) + ".json\"";
  std::string big = one_claim("big.json", "\"conclusion\": \"H(X) >= 0\", \"domain\": {\"cases\": [" + cases +
                                              "], \"horizon\": \"1..100\"}");
  CHECK(error_of(big).find("10100 instances") != std::string::npos);
}

TEST_CASE("query claims: statuses by form and hypotheses, values against hand-derived ones") {
  lemmas::checkers();
  // venn: p(0,0) = 1/2, p(0,1) = p(1,1) = 1/4, so H(X,Y) = 3/2 ln 2, H(Y) = ln 2, I(X;Y) > 0.
  // indep: X ~ (1/3, 2/3) independent of Y uniform, so I(X;Y) = 0.
  std::string indep = write("indep.json", R"J({"kind": "joint", "variables": ["X", "Y"],
    "pmf": {"0 0": "1/6", "0 1": "1/6", "1 0": "1/3", "1 1": "1/3"}})J");
  std::string f = write("decide.json", R"J({"claims": [
    {"id": "u.chain", "summary": "chain rule", "conclusion": "H(X|Y) = H(X,Y) - H(Y)",
     "domain": {"cases": [")J" + kVenn + R"J(", ")J" + indep + R"J("]}},
    {"id": "u.value", "summary": "hand value", "form": "finite", "conclusion": "H(X,Y) = 3/2 ln(2)",
     "domain": {"cases": [")J" + kVenn + R"J("]}},
    {"id": "u.value-off", "summary": "a value off by 1/1000", "form": "finite",
     "conclusion": "H(X,Y) = 3/2 ln(2) + 1/1000", "domain": {"cases": [")J" + kVenn + R"J("]}},
    {"id": "u.indep", "summary": "independent", "conclusion": "I(X;Y) = 0",
     "domain": {"cases": [")J" + kVenn + R"J(", ")J" + indep + R"J("]}},
    {"id": "u.additive", "summary": "independent: entropies add", "hypotheses": ["I(X;Y) = 0"],
     "conclusion": "H(X,Y) = H(X) + H(Y)", "domain": {"cases": [")J" + kVenn + R"J(", ")J" + indep + R"J("]}},
    {"id": "u.outside", "summary": "only outside", "hypotheses": ["I(X;Y) = 0"],
     "conclusion": "H(X,Y) = H(X) + H(Y)", "domain": {"cases": [")J" + kVenn + R"J("]}},
    {"id": "u.horizon", "summary": "subadditive", "conclusion": "H(X1..X2) <= H(X1) + H(X2)",
     "domain": {"cases": [")J" + kChain + R"J("], "horizon": "2..3"}},
    {"id": "u.uniform", "summary": "as much as uniform tokens", "hypotheses": ["T >= 2"],
     "conclusion": "H(X1..XT) >= T ln(2)", "domain": {"cases": [")J" + kChain + R"J("], "horizon": 2}}]})J");
  check::CheckReport r = run_query_claims(read_claim_file(f));
  CHECK(r.checker == "decide");
  CHECK(verdict(r, "u.chain").status == Status::checked_exact);  // universal: checked, not verified
  CHECK(verdict(r, "u.value").status == Status::verified_exact);
  CHECK(verdict(r, "u.value-off").status == Status::refuted);
  CHECK(verdict(r, "u.indep").status == Status::refuted);
  CHECK(verdict(r, "u.indep").cases[1].status == Status::verified_exact);  // indep holds
  // venn is outside the hypotheses (the conclusion fails there); indep meets them.
  const auto& add = verdict(r, "u.additive");
  CHECK(add.status == Status::checked_exact);
  CHECK(add.cases[0].status == Status::hypotheses_fail);
  CHECK(add.cases[0].conclusion_holds == false);
  CHECK(verdict(r, "u.outside").status == Status::hypotheses_fail);
  CHECK(verdict(r, "u.horizon").cases.size() == 2);
  CHECK(verdict(r, "u.horizon").scope.find("T = 2, 3") != std::string::npos);
  REQUIRE(r.tables.size() == 1);
  CHECK(r.tables[0].name == "claims_decide");
  CHECK(r.tables[0].rows.size() == 2 + 1 + 1 + 2 + 2 + 1 + 2 + 1);
  // chain-a is not uniform: H(X1, X2) < 2 ln 2 refutes u.uniform, written with T.
  CHECK(verdict(r, "u.uniform").status == Status::refuted);
  // Each refutation has a counterexample that verify re-checks by direct sums (T read from
  // the case's tokens).
  REQUIRE(r.counterexamples.size() == 3);
  for (const auto& c : r.counterexamples) {
    VerifyResult v = verify_case(write("ce-" + c.file, c.content));
    CHECK(v.claim == c.claim);
    CHECK(v.holds());
  }
  // Errors on a case name the claim file, the claim and the case.
  std::string unknown = write("unknown-var.json", R"J({"claims": [{"id": "u.z", "summary": "s",
    "conclusion": "H(Z) >= 0", "domain": {"cases": [")J" + kVenn + R"J("]}}]})J");
  try {
    run_query_claims(read_claim_file(unknown));
    FAIL("no error");
  } catch (const InputError& e) {
    std::string m = e.what();
    CHECK(m.rfind(unknown + ": claims[0]: on venn.json: ", 0) == 0);
    CHECK(m.find("Z") != std::string::npos);
  }
  std::string joint_horizon = write("joint-horizon.json", R"J({"claims": [{"id": "u.h", "summary": "s",
    "conclusion": "H(X) >= 0", "domain": {"cases": [")J" + kVenn + R"J("], "horizon": 3}}]})J");
  CHECK_THROWS_AS(run_query_claims(read_claim_file(joint_horizon)), InputError);
}

TEST_CASE("user claim files join the catalogue: restatements, new ids, refusals") {
  std::string f = write("user.json", R"J({"claims": [
    {"id": "lemma0", "summary": "restated by the user", "procedure": "lemma_a"},
    {"id": "user.new", "summary": "new", "conclusion": "H(X) >= 0", "domain": {"cases": [")J" + kVenn + R"J("]}}]})J");
  auto files = load_claim_files({f}, lemmas::checkers());
  CHECK(check::find_claim("lemma0")->summary == "restated by the user");
  CHECK(check::find_claim("user.new") != nullptr);
  REQUIRE(procedures_of(files, lemmas::checkers()).size() == 1);
  CHECK(procedures_of(files, lemmas::checkers())[0]->name == "lemma_a");
  auto expect_error = [](const std::string& file, const std::string& says) {
    try {
      load_claim_files({file}, lemmas::checkers());
      FAIL("no error for " << file);
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find(says) != std::string::npos);
    }
  };
  expect_error(write("proc-new.json", R"J({"claims": [{"id": "x.y", "summary": "s", "procedure": "lemma_a"}]})J"),
               "claims[0].id: the procedure lemma_a does not decide a claim x.y");
  expect_error(write("proc-unknown.json", R"J({"claims": [{"id": "lemma0", "summary": "s", "procedure": "nope"}]})J"),
               "claims[0].procedure: unknown procedure \"nope\"");
  expect_error(write("taken.json", R"J({"claims": [{"id": "lemmaA", "summary": "s", "conclusion": "H(X) >= 0",
    "domain": {"cases": [")J" + kVenn + R"J("]}}]})J"),
               "claims[0].id: the claim lemmaA is already stated in");
}

TEST_CASE("limit claims: proved when Pdiff reaches 1, a trend when the distance falls, nothing otherwise") {
  lemmas::checkers();
  const std::string ab = std::string(INFOCERT_DATA_DIR) + "/cases/mixture-ab.json";
  std::string f = write("limits.json", R"J({"claims": [
    {"id": "l.pdiff", "summary": "s", "form": "finite", "limit": {"of": "Pdiff(1, T)", "equals": "1"},
     "domain": {"cases": [")J" + ab + R"J("], "horizon": "2..5"}},
    {"id": "l.pdiff-universal", "summary": "s", "limit": {"of": "Pdiff(1, T)", "equals": "1"},
     "domain": {"cases": [")J" + ab + R"J("], "horizon": "2..5"}},
    {"id": "l.pdiff-short", "summary": "s", "form": "finite", "limit": {"of": "Pdiff(1, T)", "equals": "1"},
     "domain": {"cases": [")J" + ab + R"J("], "horizon": "1..2"}},
    {"id": "l.info", "summary": "s", "form": "finite", "limit": {"of": "I(X1..XT; theta)", "equals": "ln(2)"},
     "domain": {"cases": [")J" + ab + R"J("], "horizon": [2, 4, 6]}},
    {"id": "l.half", "summary": "s", "form": "finite", "limit": {"of": "Pdiff(1, T)", "equals": "1/2"},
     "domain": {"cases": [")J" + ab + R"J("], "horizon": "2..4"}},
    {"id": "l.entropy", "summary": "s", "form": "finite", "limit": {"of": "H(X1..XT) - T ln(2)", "equals": "0"},
     "domain": {"cases": [")J" + ab + R"J("], "horizon": "2..4"}}]})J");
  check::CheckReport r = run_query_claims(read_claim_file(f));
  // Pdiff(1, 2) = 0 and Pdiff(1, 3) = 1 (hand-derived in test_verify): reached at T = 3.
  CHECK(verdict(r, "l.pdiff").status == Status::proved);
  CHECK(verdict(r, "l.pdiff").evidence.find("mixture-ab.json at T = 3") != std::string::npos);
  CHECK(verdict(r, "l.pdiff-universal").status == Status::checked_exact);  // one case of a general claim
  CHECK(verdict(r, "l.pdiff-short").status == Status::not_checkable);      // 0 then 0: no approach
  // I(H_T; theta) rises towards ln 2 (0.15, 0.25, 0.32): a trend, not a proof.
  CHECK(verdict(r, "l.info").status == Status::supported);
  CHECK(verdict(r, "l.half").status == Status::not_checkable);
  // H(X1..XT) - T ln 2 moves away from 0 as T grows (the entropy rate is below ln 2).
  CHECK(verdict(r, "l.entropy").status == Status::not_checkable);
  // The proved limit leaves a witness that verify re-checks by direct sums.
  int witnesses = 0;
  for (const auto& c : r.counterexamples)
    if (c.claim == "l.pdiff") {
      ++witnesses;
      VerifyResult v = verify_case(write("w-" + c.file, c.content));
      CHECK(v.holds());
      REQUIRE(v.lines.size() == 1);
      CHECK(v.lines[0].text == "Pdiff(1,3) = 1");
    }
  CHECK(witnesses == 1);
  // A limit needs a horizon; its expressions must parse.
  CHECK(error_of(one_claim("lim-nohorizon.json", "\"limit\": {\"of\": \"Pdiff(1, T)\", \"equals\": \"1\"}, "
                                                 "\"domain\": {\"cases\": [\"" + ab + "\"]}"))
            .find("claims[0].domain: a limit is measured over T") != std::string::npos);
  CHECK(error_of(one_claim("lim-parse.json", "\"limit\": {\"of\": \"Pdiff(1 T)\", \"equals\": \"1\"}, "
                                             "\"domain\": {\"cases\": [\"" + ab + "\"], \"horizon\": 3}"))
            .find("claims[0].limit.of") != std::string::npos);
  CHECK(error_of(one_claim("lim-both.json", "\"limit\": {\"of\": \"T\", \"equals\": \"1\"}, \"conclusion\": \"T = 1\", "
                                            "\"domain\": {\"cases\": [\"" + ab + "\"], \"horizon\": 3}"))
            .find("not several") != std::string::npos);
}

TEST_CASE("generated domains: two-state chains, their mixtures, seeded random joints") {
  lemmas::checkers();
  std::string f = write("generated.json", R"J({"claims": [
    {"id": "g.markov", "summary": "s", "conclusion": "I(X1;X3|X2) = 0",
     "domain": {"generate": {"two_state_chains": {"grid": ["0", "1/3", "1/2", "2/3", "1"]}}, "horizon": 3}},
    {"id": "g.mixtures", "summary": "s", "conclusion": "I(X1;X3|X2) = 0",
     "domain": {"generate": {"two_state_mixtures": {"grid": ["1/3", "2/3"], "weight": "1/4"}}, "horizon": 3}},
    {"id": "g.joints", "summary": "s", "conclusion": "H(X|Y) = H(X,Y) - H(Y)",
     "domain": {"generate": {"random_joints": {"seed": 20240601, "shapes": [[2, 2], [2, 3]], "per_shape": 3}}}}]})J");
  ClaimFile file = read_claim_file(f);
  // 5 x 5 chains; C(4, 2) mixtures of the 2 x 2 chains; 2 shapes x 3 tables.
  CHECK(file.claims[0].generated.size() == 25);
  CHECK(file.claims[1].generated.size() == 6);
  CHECK(file.claims[2].generated.size() == 6);
  CHECK(file.claims[1].generator.find("weights 1/4 and 3/4") != std::string::npos);
  // The same seed and shapes give the tables of the definitions checker (its first six).
  auto joints = random_joints(20240601, {{2, 2}, {2, 3}}, 3, 6);
  CHECK(file.claims[2].generated[4].first == joints[4].first);
  check::CheckReport r = run_query_claims(file);
  // Every Markov chain has X1 and X3 independent given X2; mixtures of two distinct chains do not.
  CHECK(verdict(r, "g.markov").status == Status::checked_exact);
  CHECK(verdict(r, "g.markov").cases.size() == 25);
  CHECK(verdict(r, "g.markov").scope.find("generated: every two-state chain") != std::string::npos);
  CHECK(verdict(r, "g.mixtures").status == Status::refuted);
  CHECK(verdict(r, "g.joints").status == Status::checked_exact);
  // A counterexample from a generated case stands on its own and verify re-checks it.
  REQUIRE(!r.counterexamples.empty());
  VerifyResult v = verify_case(write("gen-" + r.counterexamples[0].file, r.counterexamples[0].content));
  CHECK(v.holds());
  // Bad generators: named by their JSON path.
  auto bad = [&](const std::string& name, const std::string& generate, const std::string& says) {
    std::string e = error_of(one_claim(name, "\"conclusion\": \"H(X) >= 0\", \"domain\": {\"generate\": " + generate + "}"));
    INFO(generate << " -> " << e);
    CHECK(e.find(says) != std::string::npos);
  };
  bad("gen1.json", "{\"nope\": {}}", "claims[0].domain.generate: unknown generator \"nope\"");
  bad("gen2.json", "{\"two_state_chains\": {\"grid\": [\"3/2\"]}}", "grid[0]: a probability lies in [0, 1]");
  bad("gen3.json", "{\"two_state_mixtures\": {\"grid\": [\"1/2\"], \"weight\": \"1\"}}", "weight: the weight");
  bad("gen4.json", "{\"random_joints\": {\"seed\": 1, \"shapes\": [[0]], \"per_shape\": 1}}",
      "shapes[0][0]: expected an alphabet size");
  bad("gen5.json", "{\"random_joints\": {\"seed\": 1, \"shapes\": [[2]], \"per_shape\": 0}}", "per_shape");
  // 11 x 11 = 121 chains make 7260 mixtures: under the limit; 12 x 12 makes 10296: refused.
  std::string grid;
  for (int k = 0; k <= 11; ++k) grid += std::string(k ? ", " : "") + "\"" + std::to_string(k) + "/11\"";
  bad("gen6.json", "{\"two_state_mixtures\": {\"grid\": [" + grid + "]}}", "10296 mixtures exceed the limit");
}

TEST_CASE("proofs in a claim file: all proved upgrades the status; one that fails leaves it, and says why") {
  std::string f = write("proofs.json", R"J({"claims": [
    {"id": "u.proved", "summary": "s", "conclusion": "I(X;Y) >= 0", "domain": {"cases": [")J" + kVenn + R"J("]},
     "proofs": [{"claim": "I(X;Y) >= 0"}]},
    {"id": "u.half", "summary": "s", "conclusion": "I(X;Y) >= 0", "domain": {"cases": [")J" + kVenn + R"J("]},
     "proofs": [{"claim": "I(X;Y) >= 0"}, {"claim": "H(X) <= H(X|Y)"}]}]})J");
  auto files = load_claim_files({f}, lemmas::checkers());
  auto reports = run_claim_files(files);
  REQUIRE(reports.size() == 1);
  const check::ClaimVerdict *proved = nullptr, *half = nullptr;
  for (const auto& v : reports[0].claims) (v.id == "u.proved" ? proved : half) = &v;
  REQUIRE(proved);
  REQUIRE(half);
  CHECK(proved->status == check::Status::proved);
  CHECK(proved->scope.rfind("every distribution", 0) == 0);
  CHECK(half->status != check::Status::proved);
  CHECK(half->evidence.find("Not proved: H(X) <= H(X|Y): refuted.") != std::string::npos);
  CHECK(half->evidence.find("Proved for every distribution: I(X;Y) >= 0") != std::string::npos);
  // Only the proof that went through leaves a certificate.
  std::size_t certs = 0;
  for (const auto& c : reports[0].certificates) certs += c.claim == "u.proved" || c.claim == "u.half";
  CHECK(certs == 2);
}

TEST_CASE("declared texts: placeholders filled, and a missing, extra or unknown one is a defect") {
  check::Declarations d;
  d.checker = "c";
  d.texts["t"] = "{a} of {b}, again {a}";
  CHECK(d.text("t", {{"a", "1"}, {"b", "{x}"}}) == "1 of {x}, again 1");
  CHECK_THROWS_AS(d.text("t", {{"a", "1"}}), std::logic_error);
  CHECK_THROWS_AS(d.text("t", {{"a", "1"}, {"b", "2"}, {"c", "3"}}), std::logic_error);
  CHECK_THROWS_AS(d.text("u"), std::logic_error);
  CHECK(check::list_text(std::vector<Rational>{Rational(1, 2), Rational(3)}) == "1/2, 3");
  CHECK(check::general(0.000123456, 3) == "0.000123");
}

TEST_CASE("a checker's declarations read their texts; a text that is not a string is named by its path") {
  const std::string head = R"({"checker": "x", "description": "d", "title": "t", "summary": "s", "tables": [], "figures": [], )";
  check::Declarations d = read_declarations(write("decl-ok.json", head + R"("texts": {"note": "{n} cases"}})"), "x");
  CHECK(d.text("note", {{"n", "3"}}) == "3 cases");
  try {
    read_declarations(write("decl-bad.json", head + R"("texts": {"note": 3}})"), "x");
    FAIL("a number as a text was accepted");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == (folder() / "decl-bad.json").string() + ": texts.note: expected a string, found 3");
  }
  const std::string list = write("decl-list.json", head + R"("texts": ["a"]})");
  CHECK_THROWS_WITH_AS(read_declarations(list, "x"), (list + ": texts: expected an object of named sentences").c_str(), InputError);
}
