#include "infocert/engine/transformer_source.hpp"

#include <cmath>

#include "infocert/error.hpp"
#include "infocert/limits.hpp"

namespace infocert {

TransformerSource::TransformerSource(Transformer model, unsigned tokens) : model_(std::move(model)), tokens_(tokens) {
  if (model_.A.empty()) throw InputError("a transformer with a seed has random weights: measures need fixed \"weights\"");
  if (std::pow(static_cast<double>(model_.d), static_cast<double>(tokens_)) > kMaxTransformerSequences)
    throw InputError(std::to_string(model_.d) + "^" + std::to_string(tokens_) + " sequences are more than " +
                     std::to_string(static_cast<long>(kMaxTransformerSequences)) + "; use a smaller horizon");
  const std::string what = "the transformer's measures over " + std::to_string(tokens_) + " tokens (d = " +
                           std::to_string(model_.d) + ", K = " + std::to_string(model_.K) + ", L = " +
                           std::to_string(model_.L) + ", r = " + std::to_string(model_.r) + ")";
  check_work(transformer_work(model_, tokens_), limits().work, what);
  const double d = model_.d, sequences = std::pow(d, static_cast<double>(tokens_));
  // Per sequence: its enclosure and a marginal-table entry; per context: d cached enclosures.
  check_memory(sequences * 300 + transformer_contexts(model_, tokens_) * d * 100, what);
}

double transformer_contexts(const Transformer& m, unsigned tokens) {
  const double d = m.d;
  double contexts = 0;
  // Windows of t < K tokens, then the d^K full windows, the same at every later position.
  for (unsigned t = 0; t < tokens && t <= m.K; ++t) contexts += std::pow(d, static_cast<double>(t));
  return contexts;
}

double transformer_work(const Transformer& m, unsigned tokens) {
  // A forward pass over a window of k tokens: per layer the products U^T A U and V U attn
  // (2 (k r^2 + k^2 r) multiply-adds, two interval operations each), the weights turned
  // into intervals (2 r^2) and the softmax (k^2 exponentials, counted as 4 each).
  const double d = m.d, r = m.r, layers = m.L;
  double work = 0;
  for (unsigned t = 0; t < tokens && t <= m.K; ++t) {  // each distinct window once (cached)
    const double k = t;
    const double pass = k == 0 ? d : layers * (4 * (k * r * r + k * k * r) + 2 * r * r + 4 * k * k) + 4 * d;
    work += std::pow(d, k) * pass;
  }
  // Every sequence's mass, one product per token, and its marginal-table entries.
  return work + std::pow(d, static_cast<double>(tokens)) * (tokens + 4);
}

VarSet TransformerSource::resolve_name(std::string_view name) const {
  for (unsigned i = 1; i <= tokens_; ++i)
    if (name == "X" + std::to_string(i)) return {i - 1};
  throw std::out_of_range("unknown variable \"" + std::string(name) + "\" (variables: X1..X" + std::to_string(tokens_) + ")");
}

LogForm TransformerSource::entropy(const VarSet&) {
  throw InputError("a transformer's probabilities are irrational: its measures are enclosures, not exact forms");
}

const std::vector<Interval>& TransformerSource::next(const std::vector<std::uint32_t>& context, mpfr_prec_t precision) {
  // After t tokens the law depends on the last min(t, K) of them (K >= 1), so the window is
  // empty exactly before the first token, whose law is its own.
  std::size_t k = std::min<std::size_t>(model_.K, context.size());
  auto key = std::make_pair(std::vector<std::uint32_t>(context.end() - static_cast<long>(k), context.end()), precision);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  return cache_.emplace(key, next_token_enclosure(model_, key.first, precision)).first->second;
}

std::vector<Interval> TransformerSource::sequence_probabilities(unsigned n, mpfr_prec_t precision) {
  std::vector<Interval> out;
  std::vector<std::uint32_t> h;
  std::vector<Interval> mass{interval_of(Rational(1), precision)};
  std::function<void()> go = [&]() {
    if (h.size() == n) {
      out.push_back(mass.back());
      return;
    }
    const auto& p = next(h, precision);
    for (std::uint32_t x = 0; x < model_.d; ++x) {
      Interval m(precision);
      mpfi_mul(m.get(), mass.back().get(), p[x].get());
      h.push_back(x);
      mass.push_back(m);
      go();
      mass.pop_back();
      h.pop_back();
    }
  };
  go();
  return out;
}

Interval TransformerSource::entropy_interval(const VarSet& vars, mpfr_prec_t precision) {
  unsigned depth = vars.empty() ? 0 : static_cast<unsigned>(vars.back() + 1);
  auto probs = sequence_probabilities(depth, precision);
  // Group the sequences by their values at the variables.
  std::map<std::vector<std::uint32_t>, Interval> marginal;
  std::vector<std::uint32_t> seq(depth, 0);
  for (const auto& p : probs) {
    std::vector<std::uint32_t> key;
    for (std::size_t v : vars) key.push_back(seq[v]);
    auto [it, fresh] = marginal.emplace(key, p);
    if (!fresh) mpfi_add(it->second.get(), it->second.get(), p.get());
    for (std::size_t i = depth; i-- > 0;) {  // next sequence, last position fastest
      if (++seq[i] < model_.d) break;
      seq[i] = 0;
    }
  }
  Interval h = interval_of(Rational(0), precision), t(precision);
  for (const auto& [k, p] : marginal) {
    mpfi_log(t.get(), p.get());
    mpfi_mul(t.get(), t.get(), p.get());
    mpfi_sub(h.get(), h.get(), t.get());
  }
  return h;
}

}  // namespace infocert
