// cases/: typed reading (read_case), writing (CaseDocument) and `verify`, on files written
// to a temporary folder; every verdict of verify also comes out the other way.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "infocert/cases/open.hpp"
#include "infocert_version.hpp"
#include "infocert/models/latent_mixture.hpp"
#include "infocert/cases/direct.hpp"
#include "infocert/distribution/readings.hpp"
#include "infocert/cases/verify.hpp"
#include "lemmas/registry.hpp"
#include "infocert/cases/write.hpp"
#include "infocert/cases/counterexamples.hpp"
#include "infocert/engine/parametrisation.hpp"
#include "infocert/error.hpp"

using namespace infocert;
using check::Detail;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / "infocert-unit-verify";
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

JointDistribution fair_bits() {
  std::vector<std::vector<std::string>> a(2, {"1", "2"});
  return JointDistribution({"X", "Y"}, a,
                           {{{0, 0}, Rational(1, 4)}, {{0, 1}, Rational(1, 4)}, {{1, 0}, Rational(1, 4)},
                            {{1, 1}, Rational(1, 4)}});
}
}  // namespace

TEST_CASE("a written joint case reads back as the same distribution") {
  JointDistribution p = fair_bits();
  std::string f = write_temp("bits.json", CaseDocument::joint(p, "two fair bits").text());
  Case c = read_case(f);
  CHECK(c.kind == "joint");
  const auto* q = std::get_if<JointDistribution>(&c.model);
  REQUIRE(q);
  CHECK(q->variables() == p.variables());
  CHECK(entropy(*q, {0, 1}) == LogForm::ln(Integer(2), Rational(2)));
  CHECK(CaseDocument::joint(*q, "two fair bits").text() == CaseDocument::joint(p, "two fair bits").text());
  OpenCase open(f, {});
  CHECK(open.joint() != nullptr);
  CHECK(open.sequence() == nullptr);
  CHECK(open.engine() == nullptr);
  CHECK(open.default_queries().size() == 3);  // H(X), H(Y), H(X,Y)
  CHECK_THROWS_AS(OpenCase(f, HorizonOptions{3, {}, {}}), InputError);
}

TEST_CASE("a written mixture reads back with the same sequence law") {
  StateModel a = two_state_chain(Rational(1, 2), Rational(1, 3), "A"), b = two_state_chain(Rational(1, 4), Rational(2, 3), "B");
  std::string f = write_temp("mix.json", CaseDocument::mixture({a, b}, {Rational(1, 3), Rational(2, 3)}, 3).text());
  OpenCase open(f, {});
  REQUIRE(open.engine() != nullptr);
  // P(a b b) = 1/3 * (1/2 * 1/2 * 2/3) + 2/3 * (1/4 * 3/4 * 1/3), from the tables.
  Rational want = Rational(1, 3) * sequence_probability(a, {0, 1, 1}) + Rational(2, 3) * sequence_probability(b, {0, 1, 1});
  CHECK(open.engine()->probability({0, 1, 1}) == want);
}

TEST_CASE("verify: assertions decided exactly, and the other way round") {
  JointDistribution p = fair_bits();
  CaseDocument doc = CaseDocument::joint(p);
  doc.claim("def.cond-entropy-literal").asserts({"H(X|Y) = ln(2)", "I(X;Y) = 0"});
  VerifyResult v = verify_case(write_temp("ok.json", doc.text()));
  CHECK(v.holds());
  CHECK_FALSE(v.refuted());
  REQUIRE(v.lines.size() == 2);
  CHECK(v.lines[0].how == "decided exactly (direct sums over the joint table)");
  doc.asserts({"H(X|Y) = ln(2)", "I(X;Y) > 0"});
  VerifyResult w = verify_case(write_temp("bad.json", doc.text()));
  CHECK_FALSE(w.holds());
  CHECK(w.refuted());
  // A named re-check: E[-ln X] for X uniform on {1, 2} is -1/2 ln 2, not H(X) = ln 2.
  CaseDocument ex = CaseDocument::joint(p);
  ex.claim("def.entropy-expectation").recheck(Detail::object({{"literal_expectation", "X"}}));
  CHECK(verify_case(write_temp("ex.json", ex.text())).holds());
  // A claim outside the catalogue (a user's): its assertions are checked as written.
  lemmas::checkers();
  CaseDocument unknown = CaseDocument::joint(p);
  unknown.claim("no.such.claim").asserts({"H(X) = ln(2)"});
  VerifyResult u = verify_case(write_temp("unknown.json", unknown.text()));
  CHECK(u.holds());
  CHECK(!u.catalogued);
  CHECK(verify_case(write_temp("ex.json", ex.text())).catalogued);
  // Bad input: an empty claim id, nothing to verify, an unknown check.
  CaseDocument noid = CaseDocument::joint(p);
  noid.claim("").asserts({"H(X) = ln(2)"});
  CHECK_THROWS_AS(verify_case(write_temp("noid.json", noid.text())), InputError);
  CaseDocument empty = CaseDocument::joint(p);
  empty.claim("def.cond-entropy");
  CHECK_THROWS_AS(verify_case(write_temp("empty.json", empty.text())), InputError);
  CaseDocument badcheck = CaseDocument::joint(p);
  badcheck.claim("def.cond-entropy").recheck(Detail::object({{"nope", true}}));
  CHECK_THROWS_AS(verify_case(write_temp("badcheck.json", badcheck.text())), InputError);
}

TEST_CASE("the direct evaluator agrees with the library's entropies and separates conditional laws") {
  // A 2 x 3 x 2 law with uneven weights; every term computed both ways.
  JointDistribution p = joint_from_weights({2, 3, 2}, {1, 0, 2, 3, 1, 1, 4, 2, 0, 1, 3, 5});
  DirectEvaluator d(p);
  const std::vector<std::string> names = p.variables();
  for (std::size_t a = 0; a < 3; ++a)
    for (std::size_t c = 0; c < 3; ++c) {
      if (a == c) continue;
      CHECK(d.evaluate(parse_query("H(" + names[a] + "|" + names[c] + ")")) ==
            entropy(p, var_union({a}, {c})) - entropy(p, {c}));
      const std::size_t b = 3 - a - c;
      CHECK(d.evaluate(parse_query("I(" + names[a] + ";" + names[b] + "|" + names[c] + ")")) ==
            mutual_information(p, {a}, {b}, {c}));
    }
  CHECK(d.evaluate(parse_query("H(" + names[0] + ".." + names[2] + ")")) == entropy(p, p.all()));
  CHECK_THROWS_AS(d.evaluate(parse_query("H(nope)")), InputError);
  // theta1 | psi ~ Bern(1/4 or 3/4), theta2 | psi ~ Bern(3/4 or 1/4): equal conditional
  // entropies, different laws; theta3 a copy of theta1's law.
  std::vector<unsigned> w;
  for (int psi = 0; psi < 2; ++psi)
    for (int t1 = 0; t1 < 2; ++t1)
      for (int t2 = 0; t2 < 2; ++t2)
        for (int t3 = 0; t3 < 2; ++t3) {
          auto b = [&](int x, bool high) { return (x == 1) == high ? 3u : 1u; };
          w.push_back(b(t1, psi == 1) * b(t2, psi == 0) * b(t3, psi == 1));
        }
  JointDistribution q = joint_from_weights({2, 2, 2, 2}, w);
  DirectEvaluator e(q);
  const auto& v = q.variables();
  CHECK(entropy(q, {0, 1}) == entropy(q, {0, 2}));
  std::string why;
  CHECK_FALSE(e.same_conditional_law({v[1]}, {v[2]}, {v[0]}, &why));
  CHECK(why.find("differs") != std::string::npos);
  CHECK(e.same_conditional_law({v[1]}, {v[3]}, {v[0]}, nullptr));
  CHECK(e.same_conditional_law({v[1]}, {v[3]}, {}, nullptr));  // the marginals agree too
}

TEST_CASE("Pdiff and event probabilities: the engine against direct sums over the table") {
  for (const char* name : {"mixture-ab.json", "mixture-3.json"}) {
    for (unsigned horizon : {4u, 5u}) {
      HorizonOptions h;
      h.tokens = horizon;
      auto open = open_case(std::string(INFOCERT_DATA_DIR) + "/cases/" + name, h);
      const LatentMixture& m = *open->sequence();
      DirectEvaluator direct(materialize(m, 200000), m.aliases);
      QueryEvaluator engine(open->source());
      for (unsigned d : {0u, 1u, 2u})
        for (unsigned t = 1; t <= horizon; ++t) {
          Query q = parse_query("Pdiff(" + std::to_string(d) + ", " + std::to_string(t) + ")");
          INFO(name << " d = " << d << " T = " << t);
          CHECK(engine.evaluate(q) == direct.evaluate(q));
        }
      for (const char* text : {"P(X2=a | X1=a)", "P(X3=b, X1=a)", "P(X4=a | X2=b, X3=a)"}) {
        Query q = parse_query(text);
        CHECK(engine.evaluate(q) == direct.evaluate(q));
      }
    }
  }
  // Hand-derived on mixture-ab (chains A and B from state a, weights 1/2): at t = 1 the
  // window is the whole history, so Pdiff(1, 2) = 0; at t = 2 every history (x1, x2) shares
  // its window x2 with (x1', x2), whose posterior differs, so Pdiff(1, 3) = 1.
  // P(X2=a | X1=a) = (9/16 + 1/9) / (3/4 + 1/3) = 97/156.
  auto open = open_case(std::string(INFOCERT_DATA_DIR) + "/cases/mixture-ab.json");
  QueryEvaluator e(open->source());
  CHECK(e.evaluate(parse_query("Pdiff(1, 2)")).is_zero());
  CHECK(e.evaluate(parse_query("Pdiff(1, 3)")) == LogForm::constant(Rational(1)));
  CHECK(e.evaluate(parse_query("P(X2=a | X1=a)")) == LogForm::constant(Rational(97, 156)));
  CHECK_THROWS_AS(e.evaluate(parse_query("Pdiff(1, 7)")), InputError);  // beyond the model's 6 tokens
  CHECK_THROWS_AS(e.evaluate(parse_query("P(theta=A)")), InputError);   // latents are not events
  CHECK_THROWS_AS(e.evaluate(parse_query("P(X1=c)")), InputError);
}

TEST_CASE("the built-in counterexample files verify, and fail on inputs that do not refute") {
  lemmas::checkers();
  auto verify = [](const check::Counterexample& c) { return verify_case(write_temp(c.file, c.content)); };
  // The literal readings: two fair bits with values 1 and 2 refute them; the assertion
  // H(X|Y) = ln 2 fails when Y determines X.
  JointDistribution bits = fair_bits();
  check::Counterexample lit = counterexamples::literal_conditional_entropy(bits);
  CHECK(lit.claim == "def.cond-entropy-literal");
  CHECK(verify(lit).holds());
  std::vector<std::vector<std::string>> a(2, {"1", "2"});
  JointDistribution copy({"X", "Y"}, a, {{{0, 0}, Rational(1, 2)}, {{1, 1}, Rational(1, 2)}});
  CHECK(verify(counterexamples::literal_conditional_entropy(copy)).refuted());
  CHECK(verify(counterexamples::literal_expectation(bits)).holds());
  // Uniform bits under the encoding parametrisation: I = T ln 2; under the constant one the
  // assertion fails.
  LatentMixture uniform = make_mixture({bernoulli(Rational(1, 2), "u")}, {Rational(1)}, 3);
  SequenceEngine e(uniform);
  CHECK(verify(counterexamples::uniform_encoding(measure_prefix_parametrisation(e, 3).model, 3)).holds());
  CHECK(verify(counterexamples::uniform_encoding(measure_prefix_parametrisation(e, 0).model, 3)).refuted());
  // A prior that does not beat the uniform one (the uniform prior itself) is refuted.
  std::vector<StateModel> chains = {two_state_chain(Rational(1, 5), Rational(1, 5), "x"),
                                    two_state_chain(Rational(4, 5), Rational(4, 5), "y")};
  check::Counterexample prior = counterexamples::capacity_prior(chains, {Rational(1, 2), Rational(1, 2)}, 3);
  CHECK(prior.file == "independence.max-prior.json");
  CHECK(verify(prior).refuted());
  // The ci counterexamples: a law where D1 is constant refutes neither direction.
  Detail document;
  JointDistribution indep({"psi", "theta1", "theta2", "D1"}, std::vector<std::vector<std::string>>(4, {"0", "1"}),
                          {{{0, 0, 0, 0}, Rational(1, 2)}, {{1, 0, 0, 0}, Rational(1, 2)}});
  check::Counterexample ci = counterexamples::ci_direction(indep, true, "ci-forward", &document);
  CHECK(ci.file == "ci-forward.json");
  CHECK_FALSE(document.is_empty());
  CHECK(verify(ci).refuted());
}
