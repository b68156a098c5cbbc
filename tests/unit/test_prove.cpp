// The Shannon-type prover and its independent certificate checker.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "infocert/cases/case_file.hpp"
#include "infocert/cases/verify.hpp"
#include "infocert/cases/certcheck.hpp"
#include "infocert/cases/proof_files.hpp"
#include "infocert/distribution/readings.hpp"
#include "infocert/error.hpp"
#include "infocert/prove/shannon.hpp"
#include "infocert/query/query.hpp"
#include "infocert_version.hpp"

using namespace infocert;
using nlohmann::json;

namespace {

prove::Result run(const std::string& claim, const std::vector<std::string>& given = {}) {
  return prove::prove(prove::make_problem(claim, given));
}

certcheck::Report recheck(const prove::Result& r) { return certcheck::check(prove::certificate_json(r), "cert"); }

certcheck::Report recheck_json(const json& j) { return certcheck::check(j.dump(), "cert"); }

json cert_of(const prove::Result& r) { return json::parse(prove::certificate_json(r)); }

std::string binomial_count(unsigned n) {
  unsigned long pairs = n * (n - 1) / 2;
  return std::to_string(n + (n >= 2 ? pairs << (n - 2) : 0));
}

}  // namespace

TEST_CASE("elemental inequalities: n + C(n,2) 2^(n-2) of them, each a basic form") {
  for (unsigned n = 1; n <= 7; ++n) CHECK(std::to_string(prove::elemental(n).size()) == binomial_count(n));
  // Hand-derived: on two variables H(A|B), H(B|A), I(A;B).
  auto e = prove::elemental(2);
  REQUIRE(e.size() == 3);
  CHECK(prove::basic_text(e[0], {"A", "B"}) == "H(A|B) >= 0");
  CHECK(prove::basic_text(e[2], {"A", "B"}) == "I(A;B) >= 0");
  prove::Form f = prove::basic_form(e[2]);  // h(A) + h(B) - h(AB)
  CHECK(f.size() == 3);
  CHECK(f.at(1) == 1);
  CHECK(f.at(2) == 1);
  CHECK(f.at(3) == -1);
}

TEST_CASE("a claim's form is the query language's value on every distribution (an independent route)") {
  // Co-information, conditional forms and rational coefficients, over W, X, Y, Z.
  const std::vector<std::string> claims = {
      "I(X;Y;Z) <= 2/3 H(X|W) + I(X;Y|Z,W)",
      "H(X,Y|Z) - 3 I(X;W) >= -1/2 I(W;Z|X,Y)",
      "I(X;Y,Z|W) = I(X;Y|W) + I(X;Z|Y,W)",
  };
  auto joints = random_joints(77, {{2, 2, 2, 2}, {3, 2, 2, 2}}, 2, 5);
  for (const auto& text : claims) {
    prove::Problem p = prove::make_problem(text);
    ClaimExpr c = parse_claim(text);
    for (const auto& entry : joints) {
      const auto& name = entry.first;  // CHECK_MESSAGE takes a lambda; clang 14 cannot capture a binding
      const auto& d = entry.second;
      JointSource src(d);
      QueryEvaluator ev(src);
      LogForm direct = ev.evaluate(c.lhs) - ev.evaluate(c.rhs);
      if (c.op == Relation::le) direct = LogForm() - direct;
      LogForm by_form;
      for (const auto& [mask, coef] : p.form) {
        VarSet s;
        for (std::size_t i = 0; i < p.variables.size(); ++i)
          if (mask >> i & 1u) s.push_back(d.index_of(p.variables[i]));
        std::sort(s.begin(), s.end());
        by_form = by_form + coef * entropy(d, s);
      }
      CHECK_MESSAGE(by_form == direct, text << " on " << name);
    }
  }
}

TEST_CASE("textbook facts are proved, and certcheck accepts every certificate") {
  struct Fact {
    std::string claim;
    std::vector<std::string> given;
  };
  const std::vector<Fact> facts = {
      {"H(X,Y,Z) = H(X) + H(Y|X) + H(Z|X,Y)", {}},          // chain rule (symbolic)
      {"I(X;Y,Z) = I(X;Y) + I(X;Z|Y)", {}},                 // chain rule for information
      {"I(X;Z) <= I(X;Y)", {"X -> Y -> Z"}},                 // data processing
      {"I(A;B|C) <= H(A|C)", {}},
      {"H(A,B) + H(B,C) >= H(A,B,C) + H(B)", {}},            // submodularity
      {"H(B) <= H(A)", {"B : A"}},                           // a function has less entropy
      {"I(A;B,C) = 0", {"A . B . C"}},                       // independence, through inequalities
      {"I(A;D) <= I(B;C)", {"A -> B -> C -> D"}},
  };
  for (const auto& f : facts) {
    prove::Result r = run(f.claim, f.given);
    CHECK_MESSAGE(r.outcome == prove::Outcome::proved, f.claim);
    certcheck::Report c = recheck(r);
    CHECK_MESSAGE(c.accepted, f.claim << ": " << (c.findings.empty() ? "" : c.findings.front()));
  }
  // The data processing proof is the hand-derived one: I(X;Y) - I(X;Z) = I(X;Y|Z) - I(X;Z|Y).
  prove::Result dp = run("I(X;Z) <= I(X;Y)", {"X -> Y -> Z"});
  REQUIRE(dp.proof.size() == 1);
  REQUIRE(dp.proof[0].inequalities.size() == 1);
  CHECK(prove::basic_text(dp.proof[0].inequalities[0].second, dp.problem.variables) == "I(X;Y|Z) >= 0");
  CHECK(dp.proof[0].inequalities[0].first == 1);
  REQUIRE(dp.proof[0].given.size() == 1);
  CHECK(dp.proof[0].given[0].first == -1);
  // Shorthand expanded to typed claims: a chain of variable lists, a function, independence.
  prove::Problem chain = prove::make_problem("I(A;D) <= I(B;C)", {"A,E -> B -> C -> D"});
  REQUIRE(chain.given.size() == 2);
  CHECK(chain.given[0].expansion == std::vector<std::string>{"I(A,E;C|B) = 0"});
  CHECK(chain.given[1].expansion == std::vector<std::string>{"I(A,E,B;D|C) = 0"});
  CHECK(prove::make_problem("H(A) <= H(B)", {"A : B,C"}).given[0].expansion == std::vector<std::string>{"H(A|B,C) = 0"});
  CHECK(prove::make_problem("H(A) >= 0", {"A . B,C"}).given[0].expansion ==
        std::vector<std::string>{"H(A) + H(B,C) = H(A,B,C)"});
}

TEST_CASE("the literature set: each problem of up to 5 variables has its outcome") {
  std::ifstream in(std::string(INFOCERT_DATA_DIR) + "/../tests/data/prove/literature.json");
  REQUIRE(in);
  json doc = json::parse(in);
  std::size_t decided = 0;
  for (const auto& p : doc["problems"]) {
    prove::Problem problem = prove::make_problem(p["claim"].get<std::string>(), p["given"].get<std::vector<std::string>>());
    if (problem.variables.size() > 5) continue;
    // With floating-point proposals (certified exactly) and with cddlib's exact programme alone.
    for (bool proposals : {true, false}) {
      prove::Result r = prove::prove(problem, {proposals});
      CHECK_MESSAGE(prove::outcome_name(r.outcome) == p["expected"].get<std::string>(), p["name"] << " " << proposals);
      CHECK_MESSAGE(recheck(r).accepted, p["name"] << " " << proposals);
    }
    ++decided;
  }
  CHECK(decided >= 20);
}

TEST_CASE("not Shannon-type: Zhang-Yeung and Ingleton give polymatroids, and no distribution is claimed") {
  for (const std::string claim : {"2 I(C;D) <= I(A;B) + I(A;C,D) + 3 I(C;D|A) + I(C;D|B)",
                                  "I(A;B) <= I(A;B|C) + I(A;B|D) + I(C;D)"}) {
    prove::Result r = run(claim);
    CHECK(r.outcome == prove::Outcome::not_shannon);
    REQUIRE(r.polymatroid);
    CHECK_FALSE(r.distribution);
    CHECK(r.searched > 0);
    CHECK(recheck(r).accepted);
    CHECK(prove::proof_text(r).find("may still hold") != std::string::npos);
  }
}

TEST_CASE("false inequalities are refuted by a distribution that verify re-checks") {
  // I(A;B|C) <= I(A;B) fails on A, B independent bits and C = A xor B.
  prove::Result r = run("I(A;B|C) <= I(A;B)");
  REQUIRE(r.outcome == prove::Outcome::refuted);
  REQUIRE(r.distribution);
  // The found law by hand: four outcomes of probability 1/4 with C = A xor B.
  CHECK(r.distribution->outcomes().size() == 4);
  for (const auto& o : r.distribution->outcomes()) {
    CHECK(o.probability == Rational(1, 4));
    const auto& d = *r.distribution;
    int a = std::stoi(d.alphabet(0)[o.symbols[0]]), b = std::stoi(d.alphabet(1)[o.symbols[1]]),
        c = std::stoi(d.alphabet(2)[o.symbols[2]]);
    CHECK(((a ^ b) == c));
  }
  CHECK(recheck(r).accepted);
  auto file = std::filesystem::temp_directory_path() / "infocert-prove-refuted.json";
  std::ofstream(file) << prove::counterexample_case(r);
  VerifyResult v = verify_case(file.string());
  CHECK(v.holds());
  std::filesystem::remove(file);

  // With constraints: the refuting law meets them (hypotheses re-checked by verify).
  prove::Result g = run("I(A;C) <= I(A;B|C)", {"A . B"});
  REQUIRE(g.outcome == prove::Outcome::refuted);
  auto file2 = std::filesystem::temp_directory_path() / "infocert-prove-refuted-2.json";
  std::ofstream(file2) << prove::counterexample_case(g);
  VerifyResult v2 = verify_case(file2.string());
  CHECK(v2.holds());
  std::filesystem::remove(file2);

  // A strict inequality never holds for the all-constant law.
  prove::Result s = run("H(X) > 0");
  CHECK(s.outcome == prove::Outcome::refuted);
  CHECK(recheck(s).accepted);
}

TEST_CASE("identities: symbolic when the given equalities span the form, else both directions") {
  prove::Result sym = run("I(D1;t1|psi) = I(D2;t2|psi)",
                          {"H(D1,psi) = H(D2,psi)", "H(t1,psi) = H(t2,psi)", "H(D1,t1,psi) = H(D2,t2,psi)"});
  REQUIRE(sym.outcome == prove::Outcome::proved);
  REQUIRE(sym.proof.size() == 1);
  CHECK(sym.proof[0].direction == Relation::eq);
  CHECK(sym.proof[0].inequalities.empty());
  CHECK(recheck(sym).accepted);
  prove::Result two = run("I(D;psi|t,u) = 0", {"I(D;psi|t) = 0", "I(D;u|t,psi) = 0"});
  REQUIRE(two.outcome == prove::Outcome::proved);
  CHECK(two.proof.size() == 2);
  CHECK(recheck(two).accepted);
  // Without the second hypothesis the identity fails (contraction needs it).
  prove::Result fails = run("I(D;psi|t,u) = 0", {"I(D;psi|t) = 0"});
  CHECK(fails.outcome != prove::Outcome::proved);
  CHECK(recheck(fails).accepted);
}

TEST_CASE("reduction: variables that always appear together are one") {
  prove::Result r = run("I(A;B|C) <= H(A|C)");
  CHECK(r.reduction.find("B,C always appear together") != std::string::npos);
  REQUIRE(r.proof.size() == 1);
  REQUIRE(r.proof[0].inequalities.size() == 1);
  CHECK(prove::basic_text(r.proof[0].inequalities[0].second, r.problem.variables) == "H(A|B,C) >= 0");
  CHECK(recheck(r).accepted);
}

TEST_CASE("certcheck rejects tampered certificates") {
  prove::Result r = run("H(A,B,C) <= H(A) + H(B) + H(C)");
  REQUIRE(r.outcome == prove::Outcome::proved);
  json good = cert_of(r);
  REQUIRE(recheck_json(good).accepted);
  auto& ineqs = good["proof"][0]["inequalities"];
  REQUIRE(ineqs.size() >= 2);
  {  // one multiplier changed
    json t = good;
    t["proof"][0]["inequalities"][0]["multiplier"] = "2";
    certcheck::Report c = recheck_json(t);
    CHECK_FALSE(c.accepted);
    CHECK(c.findings.front().find("do not sum") != std::string::npos);
  }
  {  // a sign flipped
    json t = good;
    t["proof"][0]["inequalities"][0]["multiplier"] = "-1";
    certcheck::Report c = recheck_json(t);
    CHECK_FALSE(c.accepted);
    CHECK(c.findings.front().find("negative multiplier") != std::string::npos);
  }
  {  // an inequality dropped
    json t = good;
    t["proof"][0]["inequalities"].erase(0);
    CHECK_FALSE(recheck_json(t).accepted);
  }
  {  // the claim strengthened
    json t = good;
    t["claim"]["form"]["A"] = "2";
    CHECK_FALSE(recheck_json(t).accepted);
  }
  {  // an identity claimed from a one-sided proof
    json t = good;
    t["claim"]["relation"] = "=";
    CHECK_FALSE(recheck_json(t).accepted);
  }
  // A polymatroid changed so that it breaks an elemental inequality.
  prove::Result zy = run("I(A;B) <= I(A;B|C) + I(A;B|D) + I(C;D)");
  json poly = cert_of(zy);
  REQUIRE(recheck_json(poly).accepted);
  poly["polymatroid"]["A,B,C,D"] = "1/100";
  certcheck::Report c = recheck_json(poly);
  CHECK_FALSE(c.accepted);
  CHECK(c.findings.front().find("fails") != std::string::npos);
  // One that satisfies the claim is no refutation.
  json p2 = cert_of(zy);
  for (auto& [k, v] : p2["polymatroid"].items()) v = "0";
  CHECK_FALSE(recheck_json(p2).accepted);
  // Not a certificate at all: exit-2 errors.
  CHECK_THROWS_AS(certcheck::check("{", "x.json"), InputError);
  CHECK_THROWS_AS(certcheck::check("[1e99999999999]", "x.json"), InputError);  // a number JSON cannot hold
  CHECK_THROWS_AS(certcheck::check("{\"a\": 1}", "x.json"), InputError);
  json unknown = cert_of(r);
  unknown["proof"][0]["inequalities"][0]["inequality"] = "I(A;Q) >= 0";
  CHECK_THROWS_AS(recheck_json(unknown), InputError);
}

TEST_CASE("bad input: one line naming the claim or constraint") {
  auto message = [](const std::string& claim, const std::vector<std::string>& given) {
    try {
      prove::make_problem(claim, given);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("H(X) * H(Y) <= 1", {}).find("H(X) * H(Y)") != std::string::npos);
  CHECK(message("H(X) <= 1", {}) ==
        "prove: claim \"H(X) <= 1\": only H and I terms with rational coefficients (no constants such as ln 2 or 1: "
        "information inequalities are homogeneous)");
  CHECK(message("H(X) >= 0", {"X -> Y"}) ==
        "prove: constraint \"X -> Y\": a Markov chain needs at least three nodes (A -> B -> C)");
  CHECK(message("H(X) >= 0", {"H(X) < H(Y)"}) == "prove: constraint \"H(X) < H(Y)\": a constraint is =, <= or >= (not <)");
  CHECK(message("H(X) >= 0", {"X :"}).find("a functional dependence is written A : B") != std::string::npos);
  CHECK(message("H(A,B,C,D,E,F,G,H,I,J,K) >= 0", {}).find("11 variables") != std::string::npos);
  CHECK(message("P(X=a) >= 0", {}).find("P(...)") != std::string::npos);
  CHECK(message("0 > 0", {}) == "prove: claim \"0 > 0\": names no random variable (write H and I terms)");
  CHECK(message("H(X) >= 0", {"H(Y) = 0"}) == "no error");  // a constraint may name more variables
  CHECK(message("H(X) >= 0", {"Y . Z", "Y . Q"}) == "no error");
  // Shorthand nodes are variable lists read by the query parser: "B C" is not one.
  CHECK(message("H(X) >= 0", {"A -> B C -> D"}) ==
        "prove: constraint \"A -> B C -> D\": variable list \"B C\": unexpected \"C\" at column 3");
  CHECK(message("H(X) >= 0", {"A : B C"}) == "prove: constraint \"A : B C\": variable list \"B C\": unexpected \"C\" at column 3");
  CHECK(message("H(X) >= 0", {"A -> B -> 1"}).find("expected a variable name") != std::string::npos);
  // With the variables declared, a name outside them is an error.
  try {
    prove::make_problem("I(A;C) <= I(A;B)", {"A -> B -> c"}, {"A", "B", "C"});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "prove: constraint \"A -> B -> c\": unknown variable \"c\" (variables: A, B, C)");
  }
}
