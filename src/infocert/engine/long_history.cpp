#include "infocert/engine/long_history.hpp"

#include "infocert/distribution/readings.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "infocert/engine/binary_classes.hpp"
#include "infocert/engine/enumerate.hpp"
#include "infocert/engine/parallel.hpp"
#include "infocert/engine/type_classes.hpp"
#include "infocert/limits.hpp"
#include "infocert/models/chain_properties.hpp"

namespace infocert {

namespace {

const StateModel& component_model(const LatentMixture& m, std::size_t c) { return m.models[m.components[c].doc_model[0]]; }

void require_single_document(const LatentMixture& m, const char* what) {
  if (m.doc_lengths.size() != 1) throw std::invalid_argument(std::string(what) + ": a single-document mixture expected");
}

// -Σ q ln q over the law, enclosed.
Interval difference(const Interval& a, const Interval& b) {
  Interval out(a.precision());
  mpfi_sub(out.get(), a.get(), b.get());
  return out;
}

}  // namespace

std::vector<Rational> window_law(const LatentMixture& m, unsigned start, unsigned length) {
  require_single_document(m, "window_law");
  if (start == 0) throw std::invalid_argument("window_law: positions start at 1");
  const std::size_t d = m.alphabet.size();
  std::size_t words = 1;
  for (unsigned i = 0; i < length; ++i) {
    if (words > (std::size_t(1) << 24) / d) throw std::length_error("window_law: too many words");
    words *= d;
  }
  std::vector<Rational> law(words, Rational(0));
  for (std::size_t c = 0; c < m.components.size(); ++c) {
    const StateModel& model = component_model(m, c);
    // The state distribution before token `start`, weighted by the component's prior.
    std::vector<Rational> mu(model.states.size(), Rational(0));
    mu[model.initial] = m.components[c].weight;
    for (unsigned step = 1; step < start; ++step) {
      std::vector<Rational> next(mu.size(), Rational(0));
      for (std::size_t s = 0; s < mu.size(); ++s)
        if (mu[s] != 0)
          for (std::size_t x = 0; x < d; ++x)
            if (model.emit[s][x] != 0) next[model.next[s][x]] += mu[s] * model.emit[s][x];
      mu = std::move(next);
    }
    // Word by word: push the distribution through the word's tokens.
    for (std::size_t w = 0; w < words; ++w) {
      std::vector<std::size_t> word(length);
      for (std::size_t i = length, rest = w; i-- > 0; rest /= d) word[i] = rest % d;
      Rational total = 0;
      for (std::size_t s0 = 0; s0 < mu.size(); ++s0) {
        if (mu[s0] == 0) continue;
        Rational p = mu[s0];
        std::size_t s = s0;
        for (std::size_t x : word) {
          p *= model.emit[s][x];
          if (p == 0) break;
          s = model.next[s][x];
        }
        total += p;
      }
      law[w] += total;
    }
  }
  return law;
}

Interval history_entropy(const LatentMixture& m, unsigned t, mpfr_prec_t precision) {
  require_single_document(m, "history_entropy");
  std::vector<StateModel> models;
  std::vector<Rational> weights;
  for (std::size_t c = 0; c < m.components.size(); ++c) {
    models.push_back(component_model(m, c));
    weights.push_back(m.components[c].weight);
  }
  const LatentMixture at = make_mixture(models, weights, t);
  if (!type_classes_apply(at)) throw std::invalid_argument("history_entropy: type classes do not apply to this model");
  SequenceEngine e(at);
  const std::map<Integer, Integer> counts = type_class_counts(e, false);
  const Integer total = e.total_at(t);
  // H = ln Z - (1/Z) Σ count N ln N, with probabilities N / Z.
  Interval sum = interval_of(Rational(0), precision), term(precision);
  for (const auto& [n, count] : counts) {
    if (n == 0) continue;
    mpfi_set_z(term.get(), n.backend().data());
    mpfi_log(term.get(), term.get());
    Integer weight = n * count;
    mpfi_mul_z(term.get(), term.get(), weight.backend().data());
    mpfi_add(sum.get(), sum.get(), term.get());
  }
  mpfi_div_z(sum.get(), sum.get(), total.backend().data());
  Interval h(precision);
  mpfi_set_z(h.get(), total.backend().data());
  mpfi_log(h.get(), h.get());
  mpfi_sub(h.get(), h.get(), sum.get());
  return h;
}

bool binary_chains_apply(const LatentMixture& m) {
  if (m.doc_lengths.size() != 1 || m.alphabet.size() != 2 || m.components.empty()) return false;
  for (std::size_t c = 0; c < m.components.size(); ++c) {
    const StateModel& model = component_model(m, c);
    if (model.states.size() != 2 || model.emit.size() != 2 || !is_markov(model)) return false;
  }
  return true;
}

namespace {

void require_binary_chains(const LatentMixture& m, const char* what) {
  if (!binary_chains_apply(m))
    throw std::invalid_argument(std::string(what) +
                                ": a single document from Markov chains over two symbols expected");
}

// -p ln p, enclosed, for p an interval inside (0, 1].
void add_minus_p_ln_p(Interval& acc, const Interval& p, Interval& scratch) {
  mpfi_log(scratch.get(), p.get());
  mpfi_mul(scratch.get(), scratch.get(), p.get());
  mpfi_sub(acc.get(), acc.get(), scratch.get());
}

}  // namespace

Interval next_token_entropy(const LatentMixture& m, unsigned t, mpfr_prec_t precision) {
  require_binary_chains(m, "next_token_entropy");
  if (t == 0) return entropy_direct(window_law(m, 1, 1), precision);
  const std::size_t K = m.components.size();
  // Classes: first token f (2), switches f->o (t), o->f (2 choices), f->f count (<= t).
  check_work(4.0 * double(t) * double(t) * double(K), limits().work,
             "H(X_" + std::to_string(t + 1) + " | X_1..X_" + std::to_string(t) + ") over the classes of histories",
             "use a smaller t");
  check_memory(double(K) * 4 * (t + 1) * (64.0 + double(precision) / 4), "the power tables of next_token_entropy");
  // power[k][s][x][n] = p_k(s, x)^n; factorial[n] = n!; row_entropy[k][s] = H(p_k(s, .)).
  std::vector<std::vector<Interval>> power(K * 4);
  std::vector<std::array<Rational, 4>> row(K);
  std::vector<Interval> weight, row_entropy;
  std::vector<std::uint32_t> initial(K);
  for (std::size_t k = 0; k < K; ++k) {
    const StateModel& model = component_model(m, k);
    initial[k] = model.initial;
    weight.push_back(interval_of(m.components[k].weight, precision));
    for (std::size_t s = 0; s < 2; ++s) {
      row_entropy.push_back(entropy_direct(model.emit[s], precision));
      for (std::size_t x = 0; x < 2; ++x) {
        row[k][2 * s + x] = model.emit[s][x];
        auto& table = power[4 * k + 2 * s + x];
        table.reserve(t + 1);
        table.push_back(interval_of(Rational(1), precision));
        const Interval p = interval_of(model.emit[s][x], precision);
        for (unsigned n = 1; n <= t; ++n) {
          table.push_back(table.back());
          mpfi_mul(table.back().get(), table.back().get(), p.get());
        }
      }
    }
  }
  std::vector<Interval> factorial, inverse_factorial;
  factorial.reserve(t + 1);
  inverse_factorial.reserve(t + 1);
  factorial.push_back(interval_of(Rational(1), precision));
  for (unsigned n = 1; n <= t; ++n) {
    factorial.push_back(factorial.back());
    mpfi_mul_ui(factorial.back().get(), factorial.back().get(), n);
  }
  for (unsigned n = 0; n <= t; ++n) {
    inverse_factorial.push_back(factorial[n]);
    mpfi_inv(inverse_factorial.back().get(), factorial[n].get());
  }
  std::vector<Interval> next0_row;  // p_k(s, 0), enclosed, at [2k + s]
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t s = 0; s < 2; ++s) next0_row.push_back(interval_of(row[k][2 * s], precision));
  // The histories x_1..x_t by first token f and the classes of the t - 1 transitions after it.
  struct Line {
    unsigned f;
    BinaryClassLine line;
  };
  std::vector<Line> lines;
  for (unsigned f = 0; f < 2; ++f)
    for (const BinaryClassLine& l : binary_class_lines(t - 1)) lines.push_back({f, l});
  auto binomial = [&](Interval& out, unsigned long n, unsigned long k) {
    mpfi_mul(out.get(), factorial[n].get(), inverse_factorial[k].get());
    mpfi_mul(out.get(), out.get(), inverse_factorial[n - k].get());
  };
  // A class whose mass is below 2^-(precision + 8) / (number of classes) is not worth its
  // logarithms: together such classes move the result by less than 2^-(precision + 8). A
  // screen in double precision (log-factorials, log-likelihoods) finds them before any
  // interval work; it needs no rigour, since the classes skipped are bounded afterwards by
  // what the kept ones leave of the total mass sum_k w_k, and each lies in [0, mass ln 2].
  const Interval negligible = interval_of(
      Rational(1, Integer(Integer(1) << (precision + 8)) * Integer(lines.size()) * Integer(t)), precision);
  const double screen = -double(precision + 8) * std::log(2.0) - std::log(double(lines.size()) * t) - 2 -
                        std::log(double(K));
  std::vector<double> log_factorial(t + 1, 0.0), log_row(4 * K), log_weight(K);
  for (unsigned n = 1; n <= t; ++n) log_factorial[n] = log_factorial[n - 1] + std::log(double(n));
  for (std::size_t k = 0; k < K; ++k) {
    log_weight[k] = std::log(static_cast<double>(m.components[k].weight));
    for (std::size_t j = 0; j < 4; ++j) log_row[4 * k + j] = std::log(static_cast<double>(row[k][j]));
  }
  // n ln p with 0 ln 0 = 0 (a transition never taken).
  auto times_log = [](unsigned n, double log_p) { return n == 0 ? 0.0 : double(n) * log_p; };
  const auto parts = parallel_map(lines.size(), [&](std::size_t i) {
    const BinaryClassLine& line = lines[i].line;
    const unsigned f = lines[i].f, o = 1 - f;
    const unsigned last = line.ends_in_first() ? f : o;
    const std::size_t ff = 2 * f + f, fo = 2 * f + o, of = 2 * o + f, oo = 2 * o + o;
    // The class weight of component k without its f->f and o->o factors.
    std::vector<Interval> base;
    for (std::size_t k = 0; k < K; ++k) {
      Interval b = weight[k];
      mpfi_mul(b.get(), b.get(), power[4 * k + 2 * initial[k] + f][1].get());
      mpfi_mul(b.get(), b.get(), power[4 * k + fo][line.fo].get());
      mpfi_mul(b.get(), b.get(), power[4 * k + of][line.of].get());
      base.push_back(std::move(b));
    }
    std::vector<double> log_base(K);
    for (std::size_t k = 0; k < K; ++k)
      log_base[k] = log_weight[k] + log_row[4 * k + 2 * initial[k] + f] + times_log(line.fo, log_row[4 * k + fo]) +
                    times_log(line.of, log_row[4 * k + of]);
    Interval sum = interval_of(Rational(0), precision), kept = interval_of(Rational(0), precision);
    Interval mass(precision), count(precision), other(precision), total(precision), next0(precision), p(precision), h(precision),
        scratch(precision);
    std::vector<Interval> w(K, Interval(precision));
    std::vector<bool> alive(K);
    for (unsigned long nff = line.lowest_ff(); nff <= line.rest; ++nff) {
      const unsigned long noo = line.rest - nff;
      const BinaryClassCount c = binary_class_count(line, nff);
      auto log_binomial = [&](unsigned long n, unsigned long k) { return log_factorial[n] - log_factorial[k] - log_factorial[n - k]; };
      const double log_mass = log_binomial(c.n1, c.k1) + (c.second ? log_binomial(c.n2, c.k2) : 0.0);
      double most = -HUGE_VAL;
      for (std::size_t k = 0; k < K; ++k)
        most = std::max(most, log_base[k] + times_log(nff, log_row[4 * k + ff]) + times_log(noo, log_row[4 * k + oo]));
      if (log_mass + most < screen) continue;
      binary_class_size(count, other, c, binomial, [](Interval& x, const Interval& y) { mpfi_mul(x.get(), x.get(), y.get()); });
      mpfi_set_ui(total.get(), 0);
      mpfi_set_ui(next0.get(), 0);
      std::size_t first_alive = K;
      bool same_rows = true;
      for (std::size_t k = 0; k < K; ++k) {
        mpfi_mul(w[k].get(), base[k].get(), power[4 * k + ff][nff].get());
        mpfi_mul(w[k].get(), w[k].get(), power[4 * k + oo][noo].get());
        alive[k] = !mpfi_is_zero(w[k].get());
        if (!alive[k]) continue;
        if (first_alive == K)
          first_alive = k;
        else if (row[k][2 * last] != row[first_alive][2 * last])
          same_rows = false;
        mpfi_add(total.get(), total.get(), w[k].get());
        mpfi_mul(scratch.get(), w[k].get(), next0_row[2 * k + last].get());
        mpfi_add(next0.get(), next0.get(), scratch.get());
      }
      if (first_alive == K) continue;  // a class of probability 0
      mpfi_mul(mass.get(), count.get(), total.get());
      if (mpfr_cmp(&mass.get()->right, &negligible.get()->left) < 0) continue;
      mpfi_add(kept.get(), kept.get(), mass.get());
      if (same_rows) {
        h = row_entropy[2 * first_alive + last];
      } else {
        mpfi_div(p.get(), next0.get(), total.get());
        mpfi_set_ui(h.get(), 0);
        add_minus_p_ln_p(h, p, scratch);
        mpfi_ui_sub(p.get(), 1, p.get());
        add_minus_p_ln_p(h, p, scratch);
        if (mpfi_nan_p(h.get())) {
          // p touched 0 or 1 in the rounding: fall back to the sure bounds [0, ln 2].
          mpfi_const_log2(h.get());
          mpfr_set_ui(&h.get()->left, 0, MPFR_RNDD);
        }
      }
      mpfi_mul(scratch.get(), mass.get(), h.get());
      mpfi_add(sum.get(), sum.get(), scratch.get());
    }
    return std::make_pair(sum, kept);
  });
  Interval total = interval_of(Rational(0), precision), slack(precision);
  Rational weights = 0;
  for (const auto& c : m.components) weights += c.weight;
  slack = interval_of(weights, precision);
  for (const auto& [sum, mass] : parts) {
    mpfi_add(total.get(), total.get(), sum.get());
    mpfi_sub(slack.get(), slack.get(), mass.get());
  }
  // The classes skipped hold the mass the kept ones leave, and add somewhere in
  // [0, that mass * ln 2].
  if (mpfr_sgn(&slack.get()->right) > 0) {
    Interval ln2(precision);
    mpfi_const_log2(ln2.get());
    mpfr_set_ui(&slack.get()->left, 0, MPFR_RNDD);
    mpfi_mul(slack.get(), slack.get(), ln2.get());
    mpfi_add(total.get(), total.get(), slack.get());
  }
  return total;
}

namespace {

// A group of histories of one length t: first token, transition counts in terms of the
// first token f and the other symbol o (n_ff, n_fo, n_of; n_oo is the rest) and the last
// min(t, d) tokens, packed into 56 bits; its members share every component's probability.
constexpr unsigned kCountBits = 13;
constexpr std::uint64_t kCountMask = (std::uint64_t(1) << kCountBits) - 1;
std::uint64_t pack(unsigned f, unsigned nff, unsigned nfo, unsigned nof, std::uint64_t window) {
  return std::uint64_t(f) | std::uint64_t(nff) << 1 | std::uint64_t(nfo) << (1 + kCountBits) |
         std::uint64_t(nof) << (1 + 2 * kCountBits) | window << (1 + 3 * kCountBits);
}
unsigned first_of(std::uint64_t key) { return unsigned(key & 1); }
unsigned count_of(std::uint64_t key, unsigned i) { return unsigned(key >> (1 + i * kCountBits) & kCountMask); }
std::uint64_t window_of(std::uint64_t key) { return key >> (1 + 3 * kCountBits); }
unsigned last_of(std::uint64_t key) {
  const unsigned f = first_of(key);
  return count_of(key, 1) == count_of(key, 2) ? f : 1 - f;
}

}  // namespace

DifferProfile predictors_differ_profile(const LatentMixture& m, unsigned d, unsigned horizon) {
  require_binary_chains(m, "predictors_differ_profile");
  if (d > 16) throw std::invalid_argument("predictors_differ_profile: d <= 16 expected");
  if (horizon > 8000) throw std::invalid_argument("predictors_differ_profile: horizon <= 8000 expected");
  const std::size_t K = m.components.size();
  DifferProfile out;
  out.d = d;
  out.probability.assign(horizon + 1, Rational(0));
  if (horizon <= 1) return out;  // at t = 0 both predict from the empty history
  constexpr mpfr_prec_t kFilter = 96;
  // p_k(s, x) = a_k[s][x] / D_k with integers a_k; P_k(h) = (product of the a's) / D_k^t.
  std::vector<Integer> denominator(K);
  std::vector<std::array<unsigned long, 4>> a(K);
  std::vector<std::uint32_t> initial(K);
  std::vector<std::array<Rational, 4>> p(K);
  for (std::size_t k = 0; k < K; ++k) {
    const StateModel& model = component_model(m, k);
    initial[k] = model.initial;
    Integer D = 1;
    for (const auto& r : model.emit)
      for (const Rational& q : r) D = boost::multiprecision::lcm(D, denominator_of(q));
    if (D > Integer(1) << 40) throw std::invalid_argument("predictors_differ_profile: transition denominators above 2^40");
    denominator[k] = D;
    for (std::size_t s = 0; s < 2; ++s)
      for (std::size_t x = 0; x < 2; ++x) {
        p[k][2 * s + x] = model.emit[s][x];
        a[k][2 * s + x] = static_cast<unsigned long>(numerator_of(model.emit[s][x] * D));
      }
  }
  // At a state where every component has the same row, both predictors give that row (the
  // window ends with the state when d >= 1), so no comparison is needed there.
  std::array<bool, 2> automatic{};
  for (std::size_t s = 0; s < 2; ++s) {
    automatic[s] = d >= 1;
    for (std::size_t k = 1; k < K; ++k)
      if (p[k][2 * s] != p[0][2 * s]) automatic[s] = false;
  }
  // P_k(u | s) for every word u of d tokens (bits oldest first) and start state s.
  const std::size_t words = std::size_t(1) << d;
  std::vector<Rational> word_probability(K * 2 * words);
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t s = 0; s < 2; ++s)
      for (std::size_t u = 0; u < words; ++u) {
        Rational q = 1;
        std::size_t state = s;
        for (unsigned i = d; i-- > 0;) {
          const std::size_t x = (u >> i) & 1;
          q *= p[k][2 * state + x];
          state = x;
        }
        word_probability[(k * 2 + s) * words + u] = q;
      }
  // mu[j][k][s]: component k's probability of the state s after j tokens (before token j+1).
  std::vector<std::vector<std::array<Rational, 2>>> mu(1, std::vector<std::array<Rational, 2>>(K));
  for (std::size_t k = 0; k < K; ++k) mu[0][k][initial[k]] = 1;
  // The groups at t = 1.
  struct Groups {
    std::vector<std::uint64_t> keys;
    std::vector<Integer> e;  // keys.size() * K numerators
  };
  const std::uint64_t window_mask = (std::uint64_t(1) << d) - 1;
  Groups g;
  for (unsigned x = 0; x < 2; ++x) {
    std::vector<Integer> e(K);
    bool any = false;
    for (std::size_t k = 0; k < K; ++k) {
      e[k] = a[k][2 * initial[k] + x];
      any = any || e[k] != 0;
    }
    if (!any) continue;
    g.keys.push_back(pack(x, 0, 0, 0, x & window_mask));
    for (auto& v : e) g.e.push_back(std::move(v));
  }
  double work = 0;
  Interval q_full(kFilter), num(kFilter), den(kFilter), term(kFilter);
  std::vector<Interval> next0_filter;  // p_k(s, 0), enclosed, at [2k + s]
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t s = 0; s < 2; ++s) next0_filter.push_back(interval_of(p[k][2 * s], kFilter));
  std::vector<Rational> weight_at(K);            // w_k / D_k^t, exact
  std::vector<Interval> weight_interval;         // the same, enclosed
  for (std::size_t k = 0; k < K; ++k) {
    weight_at[k] = m.components[k].weight / Rational(denominator[k]);
    weight_interval.push_back(interval_of(weight_at[k], kFilter));
  }
  for (unsigned t = 1; t < horizon; ++t) {
    // mu after t tokens, for the window predictors of later steps.
    std::vector<std::array<Rational, 2>> next_mu(K);
    for (std::size_t k = 0; k < K; ++k)
      for (std::size_t s = 0; s < 2; ++s)
        for (std::size_t x = 0; x < 2; ++x) next_mu[k][x] += mu[t - 1][k][s] * p[k][2 * s + x];
    mu.push_back(std::move(next_mu));
    // Step t: drop the groups whose full-history prediction differs from the window's.
    if (t > d && !g.keys.empty()) {
      // Per window u at this step, computed when first needed: the prediction of symbol 0,
      // exact and enclosed, and the one component that can produce u (K: none or several).
      struct WindowPrediction {
        Rational exact;
        Interval enclosed;
        std::size_t only;
      };
      std::vector<std::optional<WindowPrediction>> window_prediction(words);
      auto predict = [&](std::uint64_t u) -> const WindowPrediction& {
        auto& slot = window_prediction[u];
        if (!slot) {
          Rational n = 0, total = 0;
          std::size_t producers = 0, only = K;
          for (std::size_t k = 0; k < K; ++k) {
            bool produces = false;
            for (std::size_t s = 0; s < 2; ++s) {
              const Rational base = m.components[k].weight * mu[t - d][k][s] * word_probability[(k * 2 + s) * words + u];
              if (base == 0) continue;
              produces = true;
              total += base;
              // With d = 0 the window is empty and the next token follows the state s itself.
              n += base * p[k][2 * (d == 0 ? s : (u & 1))];
            }
            if (produces && producers++ == 0) only = k;
          }
          const Rational q = n / total;
          slot = WindowPrediction{q, interval_of(q, kFilter), producers == 1 ? only : K};
        }
        return *slot;
      };
      Groups kept;
      for (std::size_t i = 0; i < g.keys.size(); ++i) {
        const std::uint64_t key = g.keys[i];
        const unsigned last = last_of(key);
        const Integer* e = &g.e[i * K];
        // A group that only one component can have produced, at a window only the same one
        // can produce: both predictors are that component's row at the last token (d >= 1).
        std::size_t alive = K, alive_count = 0;
        for (std::size_t k = 0; k < K; ++k)
          if (e[k] != 0 && alive_count++ == 0) alive = k;
        const WindowPrediction* window = automatic[last] ? nullptr : &predict(window_of(key));
        const bool settled = window && d >= 1 && alive_count == 1 && window->only == alive;
        if (window && !settled) {
          // Full-history prediction of symbol 0: sum_k c_k E_k p_k(last, 0) / sum_k c_k E_k.
          mpfi_set_ui(num.get(), 0);
          mpfi_set_ui(den.get(), 0);
          for (std::size_t k = 0; k < K; ++k) {
            if (e[k] == 0) continue;
            mpfi_set_z(term.get(), e[k].backend().data());
            mpfi_mul(term.get(), term.get(), weight_interval[k].get());
            mpfi_add(den.get(), den.get(), term.get());
            mpfi_mul(term.get(), term.get(), next0_filter[2 * k + last].get());
            mpfi_add(num.get(), num.get(), term.get());
          }
          mpfi_div(q_full.get(), num.get(), den.get());
          const Interval& w = window->enclosed;
          bool differ;
          if (mpfr_cmp(&q_full.get()->right, &w.get()->left) < 0 || mpfr_cmp(&w.get()->right, &q_full.get()->left) < 0) {
            differ = true;
          } else {
            ++out.exact_checks;
            Rational n = 0, total = 0;
            for (std::size_t k = 0; k < K; ++k) {
              const Rational c = weight_at[k] * Rational(e[k]);
              total += c;
              n += c * p[k][2 * last];
            }
            differ = n != window->exact * total;
          }
          if (differ) continue;
        }
        kept.keys.push_back(key);
        for (std::size_t k = 0; k < K; ++k) kept.e.push_back(e[k]);
      }
      g = std::move(kept);
    }
    // The mass still agreeing after step t: sum_k w_k (sum of E_k) / D_k^t.
    Rational agree = 0;
    for (std::size_t k = 0; k < K; ++k) {
      Integer sum = 0;
      for (std::size_t i = 0; i < g.keys.size(); ++i) sum += g.e[i * K + k];
      agree += weight_at[k] * Rational(sum);
    }
    out.probability[t + 1] = 1 - agree;
    out.groups.push_back(g.keys.size());
    if (t + 1 == horizon) break;
    // Extend every group by each symbol and merge equal keys.
    work += double(g.keys.size()) * 2 * double(K);
    check_work(work, limits().work, "Pdiff(" + std::to_string(d) + ", " + std::to_string(horizon) + ") over groups of histories",
               "use a smaller T or d");
    std::vector<std::pair<std::uint64_t, std::size_t>> order;  // (new key, source * 2 + symbol)
    order.reserve(2 * g.keys.size());
    for (std::size_t i = 0; i < g.keys.size(); ++i) {
      const std::uint64_t key = g.keys[i];
      const unsigned f = first_of(key), last = last_of(key);
      for (unsigned x = 0; x < 2; ++x) {
        unsigned nff = count_of(key, 0), nfo = count_of(key, 1), nof = count_of(key, 2);
        if (last == f && x == f) ++nff;
        else if (last == f) ++nfo;
        else if (x == f) ++nof;
        order.emplace_back(pack(f, nff, nfo, nof, ((window_of(key) << 1) | x) & window_mask), 2 * i + x);
      }
    }
    std::sort(order.begin(), order.end());
    Groups next;
    double bytes = 0;
    for (std::size_t j = 0; j < order.size();) {
      const std::uint64_t key = order[j].first;
      std::vector<Integer> e(K, Integer(0));
      for (; j < order.size() && order[j].first == key; ++j) {
        const std::size_t i = order[j].second / 2;
        const unsigned x = unsigned(order[j].second % 2), last = last_of(g.keys[i]);
        for (std::size_t k = 0; k < K; ++k)
          if (a[k][2 * last + x] != 0 && g.e[i * K + k] != 0) e[k] += g.e[i * K + k] * a[k][2 * last + x];
      }
      bool any = false;
      for (std::size_t k = 0; k < K; ++k) {
        any = any || e[k] != 0;
        bytes += 32 + double(boost::multiprecision::msb(e[k] + 1)) / 8;
      }
      if (!any) continue;
      next.keys.push_back(key);
      for (auto& v : e) next.e.push_back(std::move(v));
    }
    check_memory(bytes + 48.0 * double(order.size()), "the groups of Pdiff(" + std::to_string(d) + ", " +
                                                          std::to_string(horizon) + ")");
    g = std::move(next);
    for (std::size_t k = 0; k < K; ++k) {
      weight_at[k] /= Rational(denominator[k]);
      weight_interval[k] = interval_of(weight_at[k], kFilter);
    }
  }
  return out;
}

std::vector<Interval> excess_losses(const LatentMixture& m, unsigned t, const std::vector<unsigned>& ds,
                                    mpfr_prec_t precision) {
  for (unsigned d : ds)
    if (d == 0 || d > t) throw std::invalid_argument("excess_losses: need 1 <= d <= t");
  const Interval full = binary_chains_apply(m) ? next_token_entropy(m, t, precision)
                                              : difference(history_entropy(m, t + 1, precision),
                                                           history_entropy(m, t, precision));
  std::vector<Interval> out;
  for (unsigned d : ds) {
    // H(X_{t+1} | X_{t-d+1..t}) = H(X_{t-d+1..t+1}) - H(X_{t-d+1..t}).
    const Interval window = difference(entropy_direct(window_law(m, t - d + 1, d + 1), precision),
                                       entropy_direct(window_law(m, t - d + 1, d), precision));
    out.push_back(difference(window, full));
  }
  return out;
}

bool ExcessLossGrid::halves() const {
  const std::vector<Interval>& last = eps.back();
  return last.back().upper() * 2 < last.front().lower();
}

ExcessLossGrid excess_loss_grid(const LatentMixture& m, const std::vector<unsigned>& ts, const std::vector<unsigned>& ds,
                                mpfr_prec_t precision) {
  ExcessLossGrid g{ts, ds, {}};
  for (unsigned t : ts) g.eps.push_back(excess_losses(m, t, ds, precision));
  return g;
}

}  // namespace infocert
