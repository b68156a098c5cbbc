#include <doctest/doctest.h>

#include "infocert/distribution/channel.hpp"
#include "infocert/engine/parametrisation.hpp"

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
