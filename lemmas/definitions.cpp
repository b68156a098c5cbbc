// Checker `definitions`: the information-theoretic definitions of the blog post (def.*).
//
// Each identity is decided exactly on log-forms over a set of joint distributions: seeded
// random rational ones of several shapes and degenerate ones (point mass, independent,
// deterministic). The literal readings of two typeset formulas are evaluated as well and
// refuted by exhibiting a distribution on which they differ from the intended quantity.
#include <cstdint>
#include <string>
#include <vector>

#include "infocert/cases/case_file.hpp"
#include "infocert/cases/counterexamples.hpp"
#include "infocert/cases/write.hpp"
#include "infocert/check/claims.hpp"
#include "infocert/check/collector.hpp"
#include "infocert/distribution/joint.hpp"
#include "infocert/distribution/readings.hpp"
#include "infocert/exact/decide.hpp"
#include "infocert/exact/logform.hpp"
#include "infocert/measure/measure.hpp"
#include "lemmas/registry.hpp"

namespace infocert::lemmas {
namespace {

struct NamedCase {
  std::string name;
  JointDistribution p;
};

// The built-in cases: seeded random shapes (random_joints), then degenerate ones.
constexpr std::uint64_t kSeed = 20240601;
constexpr int kPerShape = 3;
const std::vector<std::vector<std::size_t>> kShapes = {{2, 2}, {2, 3}, {3, 2}, {3, 3}, {4, 2}, {1, 3}, {2, 2, 2}, {2, 3, 2}};

std::vector<NamedCase> builtin_cases() {
  std::vector<NamedCase> cases;
  for (auto& [name, p] : random_joints(kSeed, kShapes, kPerShape, 6)) cases.push_back({name, std::move(p)});
  for (auto& [name, p] : degenerate_joints()) cases.push_back({name, std::move(p)});
  return cases;
}

class DefinitionsRun : public CheckerRun {
 public:
  DefinitionsRun()
      : CheckerRun("definitions"),
        cases_table_(decl.table("definitions_cases")),
        readings_table_(decl.table("definitions_literal_readings")) {}

  void run(const NamedCase& c) {
    const JointDistribution& p = c.p;
    auto pairs = pairs_of(p);
    std::size_t n = 0;
    auto m = chain_rule_mismatch(p, pairs, &n);
    identity("def.cond-entropy", c, n, m);
    check_literal_conditional(c, pairs);
    check_entropy_expectation(c);
    m = symmetry_mismatch(p, pairs, &n);
    if (n == 0)
      add("def.mi-symmetric", c, Status::hypotheses_fail, std::nullopt, Detail::object({{"reason", "fewer than two variables"}}));
    else
      identity("def.mi-symmetric", c, n, m);
    m = venn_mismatch(p, pairs, &n);
    identity("def.venn-additive", c, n, m);
    m = bits_mismatch(p, 256, &n);
    identity("def.bits-nats", c, n, m);
    add_row(c, pairs.front());
    ++cases_;
    for (std::size_t v = 0; v < p.variables().size(); ++v) {
      max_alphabet_ = std::max(max_alphabet_, p.alphabet(v).size());
      min_alphabet_ = std::min(min_alphabet_, p.alphabet(v).size());
    }
    max_vars_ = std::max(max_vars_, p.variables().size());
  }

  check::CheckReport finish(bool user_cases) {
    collector.fix("def.continuous-infinite", Status::not_checkable, "none", decl.text("continuous"));
    if (user_cases) {  // the worked example's diagram belongs to the built-in run
      std::erase_if(decl.tables, [](const check::Table& t) { return t.name == "definitions_venn"; });
      decl.figures.clear();
    } else {
      // The information diagram of the worked example, for the report's figure.
      for (const auto& [name, f] : information_diagram(load_joint_case(builtin_case("venn.json")), 0, 1))
        decl.table("definitions_venn").rows.push_back({name, Cell::form(f), Cell::value(f)});
    }
    std::string scope = decl.text("scope", {{"cases", std::to_string(cases_)}, {"max_vars", std::to_string(max_vars_)},
                                            {"min_alphabet", std::to_string(min_alphabet_)},
                                            {"max_alphabet", std::to_string(max_alphabet_)}});
    if (!user_cases) {
      std::string shapes;
      for (const auto& shape : kShapes) shapes += (shapes.empty() ? "" : ", ") + shape_label(shape);
      scope += decl.text("builtin_scope", {{"seed", std::to_string(kSeed)}, {"per_shape", std::to_string(kPerShape)},
                                           {"shapes", shapes}});
    }
    return report(user_cases, scope);
  }

 private:
  void add(const char* claim, const NamedCase& c, Status s, std::optional<bool> holds, Detail detail) {
    collector.add(claim, {c.name, s, holds, std::move(detail)});
  }

  // A claim that an identity holds: verified on the case when it holds for every pair.
  void identity(const char* claim, const NamedCase& c, std::size_t checked, const std::optional<RouteMismatch>& m) {
    Detail detail = Detail::object({{"identities_decided_exactly", checked}});
    if (m)
      detail.set("counterexample", Detail::object({{"A", names_of(c.p, m->a)}, {"B", names_of(c.p, m->b)},
                                                   {m->left_name, m->left.str()}, {m->right_name, m->right.str()}}));
    add(claim, c, check::exact_status(!m), !m, detail);
  }

  void check_literal_conditional(const NamedCase& c, const std::vector<std::pair<VarSet, VarSet>>& pairs) {
    // The claim read literally: the typeset formula equals H(A|B). One differing pair refutes.
    if (auto m = literal_conditional_mismatch(c.p, pairs)) {
      ClaimDecision d = decide_forms(m->left, Relation::eq, m->right);
      add("def.cond-entropy-literal", c, Status::refuted, false,
          Detail::object({{"A", names_of(c.p, m->a)}, {"B", names_of(c.p, m->b)}, {"literal", m->left.str()},
                          {"intended", m->right.str()}, {"decided_by", outcome_name(d.outcome)},
                          {"case_file", CaseDocument::joint(c.p, c.name).detail()}}));
      offer_reading("def.cond-entropy-literal", c, m->left, m->right);
      return;
    }
    add("def.cond-entropy-literal", c, Status::verified_exact, true, Detail::object({{"pairs", pairs.size()}}));
  }

  void check_entropy_expectation(const NamedCase& c) {
    const auto r = expectation_reading(c.p);
    if (!r)
      return add("def.entropy-expectation", c, Status::hypotheses_fail, std::nullopt,
                 Detail::object({{"reason", "no variable has positive numeric symbols"}, {"intended_reading_holds", true}}));
    const std::string& x = c.p.variables()[r->variable];
    const ClaimDecision d = decide_forms(r->literal, Relation::eq, r->entropy);
    if (d.holds)
      return add("def.entropy-expectation", c, Status::verified_exact, true,
                 Detail::object({{"X", x}, {"intended_reading_holds", true}}));
    add("def.entropy-expectation", c, Status::refuted, false,
        Detail::object({{"X", x}, {"literal_E[-ln X]", r->literal.str()}, {"H(X)", r->entropy.str()},
                        {"intended_reading_holds", true}, {"decided_by", outcome_name(d.outcome)},
                        {"case_file", CaseDocument::joint(c.p, c.name).detail()}}));
    offer_reading("def.entropy-expectation", c, r->literal, r->entropy);
  }

  void offer_reading(const char* claim, const NamedCase& c, const LogForm& literal, const LogForm& intended) {
    // Keep the counterexample with the fewest outcomes for the table.
    std::size_t size = c.p.outcomes().size();
    auto it = smallest_.find(claim);
    if (it != smallest_.end() && it->second <= size) return;
    smallest_[claim] = size;
    auto& rows = readings_table_.rows;
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const auto& r) { return r[0].text() == claim; }),
               rows.end());
    rows.push_back({claim, c.name, Cell::form(literal), Cell::value(literal), Cell::form(intended), Cell::value(intended)});
    std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x[0].text() < y[0].text(); });
  }

  void add_row(const NamedCase& c, const std::pair<VarSet, VarSet>& ab) {
    const auto& [a, b] = ab;
    LogForm hx = entropy(c.p, a);
    LogForm hxy = conditional_entropy_expected(c.p, a, b);
    LogForm ixy = mutual_information(c.p, a, b);
    LogForm lit = literal_conditional_entropy(c.p, a, b);
    cases_table_.rows.push_back({c.name, shape_of(c.p), Cell::form(hx), Cell::form(hxy), Cell::value(hxy), Cell::form(ixy),
                                 Cell::form(lit), Cell::value(lit)});
  }

  std::size_t cases_ = 0, max_vars_ = 0, max_alphabet_ = 0, min_alphabet_ = SIZE_MAX;
  check::Table &cases_table_, &readings_table_;
  std::map<std::string, std::size_t> smallest_;
};

check::CheckReport run_definitions(const check::CheckOptions& options) {
  DefinitionsRun run;
  if (options.case_files.empty()) {
    for (const NamedCase& c : builtin_cases()) run.run(c);
    check::CheckReport r = run.finish(false);
    // The two literal readings, refuted on two independent fair bits with values 1 and 2.
    for (const NamedCase& c : builtin_cases())
      if (c.name == "independent-fair-bits")
        r.counterexamples.insert(r.counterexamples.end(), {counterexamples::literal_conditional_entropy(c.p),
                                                           counterexamples::literal_expectation(c.p)});
    return r;
  } else {
    for (const std::string& file : options.case_files) run.run({file, load_joint_case(file)});
  }
  return run.finish(!options.case_files.empty());
}

}  // namespace

check::Checker definitions_checker() { return declared_checker("definitions", run_definitions); }

}  // namespace infocert::lemmas
