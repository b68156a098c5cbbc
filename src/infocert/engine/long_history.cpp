#include "infocert/engine/long_history.hpp"

#include "infocert/distribution/readings.hpp"

#include <stdexcept>

#include "infocert/engine/enumerate.hpp"
#include "infocert/engine/type_classes.hpp"

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

std::vector<Interval> excess_losses(const LatentMixture& m, unsigned t, const std::vector<unsigned>& ds,
                                    mpfr_prec_t precision) {
  for (unsigned d : ds)
    if (d == 0 || d > t) throw std::invalid_argument("excess_losses: need 1 <= d <= t");
  const Interval full = difference(history_entropy(m, t + 1, precision), history_entropy(m, t, precision));
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
