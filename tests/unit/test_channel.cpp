#include <doctest/doctest.h>

#include <cmath>

#include "infocert/distribution/channel.hpp"
#include "infocert/engine/parametrisation.hpp"
#include "infocert/error.hpp"
#include "infocert/limits.hpp"

using namespace infocert;

namespace {
Channel binary(std::vector<std::vector<Rational>> rows, std::vector<std::string> outputs = {"0", "1"}) {
  return {{"0", "1"}, outputs, rows};
}

// The enclosure meets a much narrower enclosure of the closed form (both contain the true
// capacity), is at most 1e-40 wide, and a value 1e-9 off is outside.
void check_capacity(const Channel& w, const LogForm& closed_form) {
  CapacityResult c = channel_capacity(w, Rational(1, pow10(40)));
  CHECK(c.width_met);
  CHECK(c.capacity.hi - c.capacity.lo <= Rational(1, pow10(40)));
  Enclosure truth = enclose(closed_form, Rational(1, pow10(150)));
  CHECK(c.capacity.lo <= truth.hi);
  CHECK(truth.lo <= c.capacity.hi);
  Rational off = truth.lo + Rational(1, pow10(9));
  CHECK_FALSE((c.capacity.lo <= off && off <= c.capacity.hi));
  Rational below = truth.lo - Rational(1, pow10(9));
  CHECK_FALSE((c.capacity.lo <= below && below <= c.capacity.hi));
}

LogForm ln(long n, Rational q = 1) { return LogForm::ln(Integer(n), q); }

// A seeded random 6x6 channel whose optimal prior leaves 3 inputs out (Blahut-Arimoto is slow).
Channel sparse_six() {
  return {{"0", "1", "2", "3", "4", "5"}, {"0", "1", "2", "3", "4", "5"},
          {{Rational(3, 28), Rational(2, 28), Rational(5, 28), Rational(2, 28), Rational(8, 28), Rational(8, 28)},
           {Rational(8, 30), Rational(7, 30), Rational(4, 30), Rational(2, 30), Rational(8, 30), Rational(1, 30)},
           {Rational(7, 32), Rational(7, 32), Rational(1, 32), Rational(8, 32), Rational(5, 32), Rational(4, 32)},
           {Rational(2, 20), Rational(6, 20), Rational(1, 20), Rational(1, 20), Rational(1, 20), Rational(9, 20)},
           {Rational(1, 29), Rational(7, 29), Rational(4, 29), Rational(7, 29), Rational(1, 29), Rational(9, 29)},
           {Rational(4, 39), Rational(8, 39), Rational(8, 39), Rational(9, 39), Rational(4, 39), Rational(6, 39)}}};
}
}  // namespace

TEST_CASE("capacities with closed forms are enclosed") {
  // BSC(1/4): ln 2 - h(1/4) = 3/4 ln 3 - ln 2.
  check_capacity(binary({{Rational(3, 4), Rational(1, 4)}, {Rational(1, 4), Rational(3, 4)}}),
                 ln(3, Rational(3, 4)) - ln(2));
  // BSC(1/10): ln 2 + 1/10 ln(1/10) + 9/10 ln(9/10).
  check_capacity(binary({{Rational(9, 10), Rational(1, 10)}, {Rational(1, 10), Rational(9, 10)}}),
                 ln(2) + LogForm::ln_rational(Rational(1, 10), Rational(1, 10)) + LogForm::ln_rational(Rational(9, 10), Rational(9, 10)));
  // BEC(1/3): (1 - 1/3) ln 2.
  check_capacity(binary({{Rational(2, 3), Rational(1, 3), Rational(0)}, {Rational(0), Rational(1, 3), Rational(2, 3)}},
                        {"0", "e", "1"}),
                 ln(2, Rational(2, 3)));
  // Z-channel, 1 -> 0 with probability 1/2: log2(5/4) bits = ln(5/4) nats.
  check_capacity(binary({{Rational(1), Rational(0)}, {Rational(1, 2), Rational(1, 2)}}), LogForm::ln_rational(Rational(5, 4)));
  // Z-channel with crossover 1/3: C = ln(1 + (1 - p) p^(p / (1 - p))) = ln(1 + 2/3 (1/3)^(1/2)),
  // not a log-form; compare with a decimal to 30 digits computed independently.
  Channel z3 = binary({{Rational(1), Rational(0)}, {Rational(1, 3), Rational(2, 3)}});
  CapacityResult c = channel_capacity(z3, Rational(1, pow10(40)));
  Rational approx = parse_rational("0.325628064449709847874013000764");  // ln(1 + 2/(3 sqrt 3)), Python decimal
  CHECK(c.capacity.lo <= approx + Rational(1, pow10(29)));
  CHECK(approx - Rational(1, pow10(29)) <= c.capacity.hi);
}

TEST_CASE("mutual information of a prior is exact") {
  Channel bsc = binary({{Rational(3, 4), Rational(1, 4)}, {Rational(1, 4), Rational(3, 4)}});
  CHECK(channel_information(bsc, {Rational(1, 2), Rational(1, 2)}) == ln(3, Rational(3, 4)) - ln(2));
  CHECK(channel_information(bsc, {Rational(1), Rational(0)}).is_zero());
  auto r = round_prior({Rational(1, 3), Rational(1, 3), Rational(1, 3)}, 3);
  CHECK(r[0] == Rational(333, 1000));
  CHECK(r[0] + r[1] + r[2] == 1);
}

TEST_CASE("prefix parametrisations keep the law and move the estimation error") {
  StateModel a;
  a.alphabet = {"a", "b"};
  a.states = a.alphabet;
  a.emit = {{Rational(3, 4), Rational(1, 4)}, {Rational(1, 2), Rational(1, 2)}};
  a.next = {{0, 1}, {0, 1}};
  StateModel b = a;
  b.emit = {{Rational(1, 3), Rational(2, 3)}, {Rational(1, 5), Rational(4, 5)}};
  LatentMixture m = make_mixture({a, b}, {Rational(1, 2), Rational(1, 2)}, 4);
  SequenceEngine e(m);
  VarSet tokens{1, 2, 3, 4};
  for (unsigned k = 0; k <= 4; ++k) {
    LatentMixture p = prefix_parametrisation(e, k);
    SequenceEngine pe(p);
    CHECK(same_sequence_law(e, pe, 4));
    LogForm info = pe.entropy(tokens) + pe.entropy({0}) - pe.entropy(var_union(tokens, {0}));
    VarSet prefix;
    for (unsigned i = 1; i <= k; ++i) prefix.push_back(i);
    CHECK(info == (k == 0 ? LogForm() : e.entropy(prefix)));
    if (k == 4) CHECK((pe.entropy(var_union(tokens, {0})) - pe.entropy({0})).is_zero());
  }
  // A different law is noticed.
  LatentMixture other = make_mixture({a}, {Rational(1)}, 4);
  SequenceEngine oe(other);
  CHECK_FALSE(same_sequence_law(e, oe, 4));
  // measure_prefix_parametrisation against the entropies above (engine variable sets, not
  // the query language): I = H(X1..Xk), H(H_T) unchanged, H(H_T | theta) = 0 at k = T.
  for (unsigned k = 0; k <= 4; ++k) {
    MeasuredParametrisation mp = measure_prefix_parametrisation(e, k);
    VarSet prefix;
    for (unsigned i = 1; i <= k; ++i) prefix.push_back(i);
    CHECK(mp.same_law);
    CHECK(mp.sequences_checked == 16);
    CHECK(mp.errors.info == (k == 0 ? LogForm() : e.entropy(prefix)));
    CHECK(mp.prefix_entropy == mp.errors.info);
    CHECK(mp.errors.entropy == e.entropy(tokens));
    CHECK(mp.errors.residual == e.entropy(tokens) - mp.errors.info);
    CHECK(mp.model.components.size() == (k == 0 ? 1u : std::size_t(1) << k));
  }
  // The natural parametrisation: I(H_T; theta) = H(H_T) - H(H_T | theta), both from the engine.
  EstimationErrors nat = estimation_errors(e);
  CHECK(nat.info == e.entropy(tokens) + e.entropy({0}) - e.entropy(var_union(tokens, {0})));
  CHECK_FALSE(nat.info.is_zero());
}

namespace {
// The sandwich re-checked by another route: I(prior) and every D(W_x || prior W) as exact
// log-forms (channel_information, LogFormBuilder-free sums of ln terms), enclosed at 400 bits.
void check_against_log_forms(const Channel& w, const CapacityResult& c) {
  const Rational tiny(1, pow10(110));
  Enclosure i = enclose(channel_information(w, c.prior), tiny);
  CHECK(c.capacity.lo <= i.hi);
  std::vector<Rational> q(w.outputs.size(), Rational(0));
  for (std::size_t x = 0; x < w.inputs.size(); ++x)
    for (std::size_t y = 0; y < q.size(); ++y) q[y] += c.prior[x] * w.rows[x][y];
  for (std::size_t x = 0; x < w.inputs.size(); ++x) {
    LogForm d;
    for (std::size_t y = 0; y < q.size(); ++y)
      if (w.rows[x][y] != 0) d += w.rows[x][y] * (LogForm::ln(numerator_of(w.rows[x][y] / q[y])) -
                                                   LogForm::ln(denominator_of(w.rows[x][y] / q[y])));
    CHECK(enclose(d, tiny).lo <= c.capacity.hi);  // the upper end is the largest divergence
  }
}
}  // namespace

TEST_CASE("100 digits on a channel whose Blahut-Arimoto prior used to be rounded too coarsely") {
  // Inputs p in {0, 1/3, 2/3, 1}, outputs the number of ones in 3 Bernoulli(p) draws: the
  // prior is kept at the working precision, so the upper end of the sandwich follows it.
  const Rational t(1, 3), u(2, 3);
  Channel binomial{{"0", "1/3", "2/3", "1"}, {"0", "1", "2", "3"},
                   {{1, 0, 0, 0}, {u * u * u, 3 * t * u * u, 3 * t * t * u, t * t * t},
                    {t * t * t, 3 * t * t * u, 3 * t * u * u, u * u * u}, {0, 0, 0, 1}}};
  CapacityResult c = channel_capacity(binomial, Rational(1, pow10(100)), 2000);
  CHECK(c.width_met);
  CHECK(c.support == 4);
  CHECK(c.capacity.hi - c.capacity.lo <= Rational(1, pow10(100)));
  CHECK(c.prior[0] == c.prior[3]);  // the channel's symmetry, found, not imposed
  CHECK(c.prior[1] == c.prior[2]);
  CHECK(c.prior[0] > Rational(39, 100));
  CHECK(c.prior[0] < Rational(40, 100));
  check_against_log_forms(binomial, c);
}

TEST_CASE("Newton on the KKT conditions: zero weights certified where Blahut-Arimoto stalls") {
  // A seeded random 6x6 channel whose optimal prior leaves 3 inputs out.
  const Channel w = sparse_six();
  // Blahut-Arimoto alone does not reach 10^-40 in 2000 iterations.
  CHECK_FALSE(channel_capacity(w, Rational(1, pow10(40)), 2000, false).width_met);
  // It does on the Z channel (full support), and its enclosure holds ln(5/4).
  CapacityResult ba = channel_capacity(binary({{1, 0}, {Rational(1, 2), Rational(1, 2)}}), Rational(1, pow10(40)), 2000, false);
  CHECK(ba.width_met);
  CHECK(ba.newton_iterations == 0);
  Enclosure ln54 = enclose(ln(5) - ln(2, Rational(2)), Rational(1, pow10(60)));
  CHECK(ba.capacity.lo <= ln54.hi);
  CHECK(ln54.lo <= ba.capacity.hi);
  CapacityResult c = channel_capacity(w, Rational(1, pow10(60)), 2000);
  CHECK(c.width_met);
  CHECK(c.newton_iterations > 0);
  CHECK(c.support == 3);
  CHECK(c.capacity.hi - c.capacity.lo <= Rational(1, pow10(60)));
  check_against_log_forms(w, c);
  // Two noiseless inputs and a useless one: C = ln 2 with the third input at weight 0,
  // certified because its divergence, 0, is below C.
  Channel useless{{"a", "b", "c"}, {"0", "1"}, {{1, 0}, {0, 1}, {Rational(1, 2), Rational(1, 2)}}};
  CapacityResult z = channel_capacity(useless, Rational(1, pow10(60)), 2000);
  CHECK(z.width_met);
  CHECK(z.support == 2);
  CHECK(z.prior[2] == 0);
  Enclosure ln2 = enclose(ln(2), Rational(1, pow10(80)));
  CHECK(z.capacity.lo <= ln2.hi);
  CHECK(ln2.lo <= z.capacity.hi);
  check_against_log_forms(useless, z);
}

TEST_CASE("double Blahut-Arimoto: a starting point within its gap of the closed form") {
  // Z channel with crossover 1/2: C = ln(5/4), optimal P(1) = 2/5.
  Channel z = binary({{1, 0}, {Rational(1, 2), Rational(1, 2)}});
  DoubleCapacity d = double_blahut_arimoto(z, 1e-12, 100000);
  CHECK(std::abs(d.information - std::log(1.25)) < 1e-11);
  CHECK(std::abs(d.prior[1] - 0.4) < 1e-5);
  CHECK(d.iterations > 1);
  // The iteration limit is respected.
  CHECK(double_blahut_arimoto(z, 1e-12, 3).iterations == 3);
}

// Coins p in {0, 1/2, 1}, one token: under the uniform prior P(X = 1) = 1/2 and H(X|theta) =
// ln 2 / 3, so I = 2/3 ln 2; the capacity ln 2 puts 1/2 on each deterministic coin.
TEST_CASE("compare_priors: uniform against capacity-achieving by hand; the product of marginals") {
  const std::vector<StateModel> coins = {bernoulli(Rational(0), "0"), bernoulli(Rational(1, 2), "h"), bernoulli(Rational(1), "1")};
  PriorComparison r = compare_priors(coins, 1, false);
  const LogForm ln2 = LogForm::ln(Integer(2));
  CHECK(r.uniform_info == Rational(2, 3) * ln2);
  CHECK(r.best == std::vector<Rational>{Rational(1, 2), Rational(0), Rational(1, 2)});
  CHECK(r.best_info == ln2);
  CHECK(r.product.empty());
  // Chains indexed by (P(a->a), P(b->b)) in {1/5, 4/5}^2: the product prior is the product of
  // the best prior's marginals, entry by entry, and sums to 1.
  std::vector<StateModel> chains;
  for (const Rational& aa : {Rational(1, 5), Rational(4, 5)})
    for (const Rational& bb : {Rational(1, 5), Rational(4, 5)}) chains.push_back(two_state_chain(aa, Rational(1 - bb)));
  PriorComparison c = compare_priors(chains, 3, true);
  REQUIRE(c.product.size() == 4);
  Rational total = 0;
  for (const auto& x : c.product) total += x;
  CHECK(total == 1);
  CHECK(c.product[0] == (c.best[0] + c.best[1]) * (c.best[0] + c.best[2]));  // aa = 1/5, bb = 1/5
  CHECK(c.product[3] == (c.best[2] + c.best[3]) * (c.best[1] + c.best[3]));  // aa = 4/5, bb = 4/5
}

TEST_CASE("parametrisation_range: errors H(X1..Xk) rise strictly for fair bits, not for a constant sequence") {
  LatentMixture fair = make_mixture({bernoulli(Rational(1, 2))}, {Rational(1)}, 3);
  SequenceEngine e(fair);
  ParametrisationRange r = parametrisation_range(e);
  REQUIRE(r.by_prefix.size() == 4);
  for (unsigned k = 0; k <= 3; ++k) CHECK(r.by_prefix[k].errors.info == LogForm::ln(Integer(2), Rational(k)));
  CHECK(r.natural.info.is_zero());  // one component: theta says nothing
  CHECK(r.rises);
  // Always 1: every prefix has entropy 0, so nothing rises.
  LatentMixture ones = make_mixture({bernoulli(Rational(1))}, {Rational(1)}, 2);
  SequenceEngine o(ones);
  CHECK_FALSE(parametrisation_range(o).rises);
}

TEST_CASE("capacity: the work is planned before Blahut-Arimoto starts, and the high-precision iterations get what is left") {
  struct Restore {
    ~Restore() { set_limits({}); }
  } restore;
  const Channel bsc{{"0", "1"}, {"0", "1"}, {{Rational(3, 4), Rational(1, 4)}, {Rational(1, 4), Rational(3, 4)}}};
  const Rational width(1, pow10(40));
  // Admitted under the default limit and certified.
  CHECK(channel_capacity(bsc, width).width_met);
  // A limit below the plan: refused before anything runs, naming the knob and the advice.
  set_limits({1000, 1e9});
  try {
    channel_capacity(bsc, width);
    FAIL("a 2 x 2 channel at 40 digits was admitted under 1000 steps");
  } catch (const BudgetExceeded& e) {
    const std::string m = e.what();
    CHECK(m.find("the capacity of a 2 x 2 channel at ") == 0);
    CHECK(m.find("over the limit of 1e+03; ask for fewer --digits or raise --max-work") != std::string::npos);
  }
  // Blahut-Arimoto alone on a channel where it is slow (an optimal prior with zeros): under
  // the default limit the 2000 iterations asked are allowed and are not enough; under a
  // tight limit fewer are allowed, and the result says the limit cut them.
  set_limits({});
  const Channel w = sparse_six();
  CapacityResult free_run = channel_capacity(w, width, 2000, false);
  CHECK_FALSE(free_run.width_met);
  CHECK_FALSE(free_run.cut_by_work);
  CHECK(free_run.iteration_limit == 2000);
  CHECK(free_run.iterations >= 2000);
  set_limits({3e4, 1e9});
  CapacityResult cut = channel_capacity(w, width, 2000, false);
  CHECK_FALSE(cut.width_met);
  CHECK(cut.cut_by_work);
  CHECK(cut.iteration_limit < 2000);
  CHECK(cut.iteration_limit >= 1);
  CHECK(cut.iterations < 2000);
}
