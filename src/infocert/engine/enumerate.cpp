#include "infocert/engine/enumerate.hpp"

#include <exception>
#include "infocert/engine/predictors.hpp"
#include "infocert/engine/long_history.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "infocert/engine/type_classes.hpp"
#include "infocert/error.hpp"

namespace infocert {

SequenceEngine::SequenceEngine(const LatentMixture& model, double max_work)
    : model_(model), max_work_(max_work), w_(1), d_(1) {
  for (const auto& c : model_.components) w_ = lcm(w_, denominator_of(c.weight));
  for (const auto& c : model_.components) weight_num_.push_back(Integer(numerator_of(c.weight) * (w_ / denominator_of(c.weight))));
  for (const auto& m : model_.models)
    for (const auto& row : m.emit)
      for (const auto& p : row)
        if (p != 0) d_ = lcm(d_, denominator_of(p));
  for (const auto& m : model_.models) {
    std::vector<std::vector<Integer>> e;
    for (const auto& row : m.emit) {
      std::vector<Integer> r;
      for (const auto& p : row) r.push_back(Integer(numerator_of(p) * (d_ / denominator_of(p))));
      e.push_back(std::move(r));
    }
    emit_.push_back(std::move(e));
  }
  doc_of_ = model_.position_document();
}

VarSet SequenceEngine::resolve_name(std::string_view name) const {
  for (std::size_t i = 0; i < model_.latent_names.size(); ++i)
    if (model_.latent_names[i] == name) return {i};
  auto a = model_.aliases.find(std::string(name));
  if (a != model_.aliases.end()) return a->second;
  for (std::size_t i = 0; i < model_.token_names.size(); ++i)
    if (model_.token_names[i] == name) return {model_.token_var(i)};
  std::string known;
  for (const auto& n : model_.latent_names) known += (known.empty() ? "" : ", ") + n;
  for (const auto& [n, v] : model_.aliases) known += (known.empty() ? "" : ", ") + n;
  if (!model_.token_names.empty())
    known += (known.empty() ? "" : ", ") + model_.token_names.front() + ".." + model_.token_names.back();
  throw std::out_of_range("unknown variable \"" + std::string(name) + "\" (variables: " + known + ")");
}

VarSet SequenceEngine::resolve_range(const std::string& first, const std::string& last) const {
  const auto& names = model_.token_names;
  auto a = std::find(names.begin(), names.end(), first), b = std::find(names.begin(), names.end(), last);
  if (a == names.end() || b == names.end() || a > b)
    throw std::out_of_range("cannot resolve the range " + first + ".." + last + " (tokens run " + names.front() +
                            ".." + names.back() + ")");
  VarSet v;
  for (auto it = a; it <= b; ++it) v.push_back(model_.token_var(static_cast<std::size_t>(it - names.begin())));
  return v;
}

Integer SequenceEngine::total_at(unsigned t) const {
  Integer p;
  mpz_pow_ui(p.backend().data(), d_.backend().data(), t);
  return w_ * p;
}

double SequenceEngine::work_to_depth(unsigned t) const {
  double d = static_cast<double>(model_.alphabet.size()), nodes = 0, layer = 1;
  for (unsigned i = 0; i <= t; ++i) {
    nodes += layer;
    layer *= d;
  }
  return nodes * static_cast<double>(model_.components.size());
}

void SequenceEngine::check_work(unsigned depth, const char* what) const {
  double work = work_to_depth(depth);
  if (work > max_work_) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%s needs about %.3g node-component steps (%zu^%u sequences x %zu components), over the limit "
                  "of %.3g; use a smaller horizon or fewer components, or raise --max-work",
                  what, work, model_.alphabet.size(), depth, model_.components.size(), max_work_);
    throw BudgetExceeded(buf);
  }
}

void SequenceEngine::for_each_node(
    unsigned max_depth,
    const std::function<void(unsigned, const std::vector<std::uint32_t>&, const std::vector<Integer>&)>& f) {
  if (max_depth > model_.token_count()) throw std::invalid_argument("for_each_node: depth beyond the horizon");
  check_work(max_depth, "the enumeration");
  Progress progress("enumerating " + std::to_string(max_depth) + " tokens", work_to_depth(max_depth) / static_cast<double>(model_.components.size()));
  walk(max_depth, std::nullopt, f, &progress);
}

void SequenceEngine::walk(
    unsigned max_depth, std::optional<std::uint32_t> first,
    const std::function<void(unsigned, const std::vector<std::uint32_t>&, const std::vector<Integer>&)>& f,
    Progress* progress) const {
  const std::size_t nc = model_.components.size(), d = model_.alphabet.size();
  std::vector<std::vector<Integer>> num(max_depth + 1, std::vector<Integer>(nc));
  std::vector<std::vector<std::uint32_t>> state(max_depth + 1, std::vector<std::uint32_t>(nc));
  std::vector<std::uint32_t> tokens;
  num[0] = weight_num_;
  std::function<void(unsigned)> visit = [&](unsigned t) {
    if (t > 0 || !first) f(t, tokens, num[t]);
    if (progress) progress->advance();
    if (t == max_depth) return;
    bool fresh_doc = t == 0 || doc_of_[t] != doc_of_[t - 1];
    for (std::uint32_t x = 0; x < d; ++x) {
      if (t == 0 && first && x != *first) continue;
      bool any = false;
      for (std::size_t c = 0; c < nc; ++c) {
        mpz_ptr out = num[t + 1][c].backend().data();
        if (mpz_sgn(num[t][c].backend().data()) == 0) {
          mpz_set_ui(out, 0);
          continue;
        }
        std::uint32_t mi = model_.components[c].doc_model[doc_of_[t]];
        const StateModel& sm = model_.models[mi];
        std::uint32_t s = fresh_doc ? sm.initial : state[t][c];
        mpz_mul(out, num[t][c].backend().data(), emit_[mi][s][x].backend().data());
        state[t + 1][c] = sm.next[s][x];
        any = any || mpz_sgn(out) != 0;
      }
      if (!any) continue;
      tokens.push_back(x);
      visit(t + 1);
      tokens.pop_back();
    }
  };
  visit(0);
}

void SequenceEngine::split_vars(const VarSet& vars, VarSet* latents, VarSet* positions) const {
  for (std::size_t v : vars) {
    if (v < model_.latent_count())
      latents->push_back(v);
    else
      positions->push_back(v - model_.latent_count());
  }
}

std::vector<std::uint32_t> SequenceEngine::project_latents(const VarSet& latents, std::size_t* count) const {
  std::map<std::vector<std::uint32_t>, std::uint32_t> index;
  std::vector<std::uint32_t> proj;
  for (const auto& c : model_.components) {
    std::vector<std::uint32_t> key;
    for (std::size_t v : latents) key.push_back(c.latent[v]);
    auto [it, fresh] = index.emplace(key, static_cast<std::uint32_t>(index.size()));
    proj.push_back(it->second);
  }
  *count = index.size();
  return proj;
}

std::map<std::vector<std::uint32_t>, Integer> SequenceEngine::marginal_numerators(const VarSet& vars, Integer* total) {
  VarSet latents, positions;
  split_vars(vars, &latents, &positions);
  unsigned depth = positions.empty() ? 0 : static_cast<unsigned>(positions.back() + 1);
  std::size_t groups = 0;
  std::vector<std::uint32_t> proj = project_latents(latents, &groups);
  // Keys: latent values in variable order, then the tokens at the positions.
  std::vector<std::vector<std::uint32_t>> latent_key(model_.components.size());
  for (std::size_t c = 0; c < model_.components.size(); ++c)
    for (std::size_t v : latents) latent_key[c].push_back(model_.components[c].latent[v]);
  double entries = static_cast<double>(groups) * std::pow(static_cast<double>(model_.alphabet.size()),
                                                          static_cast<double>(positions.size()));
  if (entries > kMaxMarginalEntries)
    throw InputError("a marginal table over these variables could have " + std::to_string(static_cast<long long>(entries)) +
                     " entries; at most " + std::to_string(static_cast<long long>(kMaxMarginalEntries)));
  // A std::map entry holds its node, a key vector and an Integer, each with a heap block:
  // about 64 bytes plus 4 per key element plus 16 per limb of the numerator, measured
  // at about 220 bytes for binary keys of 24 tokens.
  const double limbs = std::ceil((static_cast<double>(depth) * std::log2(static_cast<double>(model_.alphabet.size()) + 1) +
                                  64) / 64);
  infocert::check_memory(entries * (140 + 4.0 * static_cast<double>(latents.size() + positions.size()) + 16 * limbs),
                         "a marginal table over these variables (" + std::to_string(static_cast<long long>(entries)) +
                             " entries)");
  std::map<std::vector<std::uint32_t>, Integer> table;
  std::vector<Integer> acc(groups);
  std::vector<std::vector<std::uint32_t>> group_key(groups);
  for (std::size_t c = 0; c < proj.size(); ++c) group_key[proj[c]] = latent_key[c];
  for_each_node(depth, [&](unsigned t, const std::vector<std::uint32_t>& h, const std::vector<Integer>& num) {
    if (t != depth) return;
    for (auto& a : acc) a = 0;
    for (std::size_t c = 0; c < num.size(); ++c) acc[proj[c]] += num[c];
    for (std::size_t g = 0; g < groups; ++g) {
      if (acc[g] == 0) continue;
      std::vector<std::uint32_t> key = group_key[g];
      for (std::size_t p : positions) key.push_back(h[p]);
      table[key] += acc[g];
    }
  });
  *total = total_at(depth);
  return table;
}

std::map<std::vector<std::uint32_t>, Rational> SequenceEngine::marginal(const VarSet& vars) {
  Integer total;
  auto num = marginal_numerators(vars, &total);
  std::map<std::vector<std::uint32_t>, Rational> out;
  for (const auto& [k, n] : num) out.emplace(k, Rational(n, total));
  return out;
}

LogForm SequenceEngine::entropy(const VarSet& vars) {
  CountsEntry& e = counts_for(vars);
  if (!e.form) {
    if (e.counts.size() > kMaxExactGroups)
      throw ExactFormTooLarge("the exact form of this entropy would have about " + std::to_string(e.counts.size()) +
                              " terms: enclosures decide instead");
    e.form = entropy_from_counts(e.counts, e.total);
  }
  return *e.form;
}

Interval SequenceEngine::entropy_interval(const VarSet& vars, mpfr_prec_t precision) {
  CountsEntry& e = counts_for(vars);
  if (e.counts.size() <= kMaxExactGroups) return evaluate(entropy(vars), precision);
  // H = ln W D^t - (1 / W D^t) Σ count N ln N, in interval arithmetic straight from the counts.
  Interval sum = interval_of(Rational(0), precision), term(precision), logn(precision);
  for (const auto& [n, count] : e.counts) {
    mpfi_set_z(logn.get(), n.backend().data());
    mpfi_log(logn.get(), logn.get());
    mpfi_mul_z(term.get(), logn.get(), Integer(count * n).backend().data());
    mpfi_add(sum.get(), sum.get(), term.get());
  }
  Rational inv(Integer(1), e.total);
  mpfi_mul_q(sum.get(), sum.get(), inv.backend().data());
  Interval h(precision);
  mpfi_set_z(h.get(), e.total.backend().data());
  mpfi_log(h.get(), h.get());
  mpfi_sub(h.get(), h.get(), sum.get());
  return h;
}

SequenceEngine::CountsEntry& SequenceEngine::counts_for(const VarSet& vars) {
  auto cached = counts_cache_.find(vars);
  if (cached != counts_cache_.end()) return cached->second;
  VarSet latents, positions;
  split_vars(vars, &latents, &positions);
  bool prefix = true;
  for (std::size_t i = 0; i < positions.size(); ++i) prefix = prefix && positions[i] == i;
  CountsEntry entry;
  std::map<Integer, Integer>& counts = entry.counts;
  Integer& total = entry.total;
  const bool classes = type_classes_ && prefix && positions.size() == model_.token_count() && !positions.empty() &&
                       type_classes_apply(model_) && (latents.empty() || latents == VarSet{0});
  if (classes) {
    // Sum over transition-count classes instead of sequences.
    if (const double work = type_class_work(model_); work > max_work_) {
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    "the type-class sum needs about %.3g steps (T = %u, %zu components), over the limit of %.3g; use a "
                    "smaller horizon or raise --max-work",
                    work, model_.doc_lengths.front(), model_.components.size(), max_work_);
      throw BudgetExceeded(buf);
    }
    counts = type_class_counts(*this, !latents.empty());
    total = total_at(static_cast<unsigned>(positions.size()));
  } else if (prefix) {
    // Streaming: every node at depth t is one outcome per latent group; the first token's
    // subtrees run on separate threads and their counts are added (the same result).
    unsigned depth = static_cast<unsigned>(positions.size());
    std::size_t groups = 0;
    std::vector<std::uint32_t> proj = project_latents(latents, &groups);
    Progress progress("enumerating " + std::to_string(depth) + " tokens",
                      work_to_depth(depth) / static_cast<double>(model_.components.size()));
    auto count_subtree = [&](std::optional<std::uint32_t> first, std::map<Integer, Integer>& out) {
      std::vector<Integer> acc(groups);
      walk(depth, first, [&](unsigned t, const std::vector<std::uint32_t>&, const std::vector<Integer>& num) {
        if (t != depth) return;
        for (auto& a : acc) a = 0;
        for (std::size_t c = 0; c < num.size(); ++c) acc[proj[c]] += num[c];
        for (const auto& a : acc)
          if (a != 0) out[a] += 1;
      }, &progress);
    };
    check_work(depth, "the enumeration");
    const std::uint32_t d = static_cast<std::uint32_t>(model_.alphabet.size());
    if (depth == 0 || work_to_depth(depth) < 1e5) {
      count_subtree(std::nullopt, counts);
    } else {
      std::vector<std::map<Integer, Integer>> parts(d);
      std::vector<std::thread> workers;
      const std::uint32_t threads = 2;
      std::vector<std::exception_ptr> errors(threads);  // a time limit reached in a worker, say
      for (std::uint32_t w = 0; w < threads; ++w)
        workers.emplace_back([&, w]() {
          try {
            for (std::uint32_t x = w; x < d; x += threads) count_subtree(x, parts[x]);
          } catch (...) {
            errors[w] = std::current_exception();
          }
        });
      for (auto& th : workers) th.join();
      for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
      for (const auto& part : parts)
        for (const auto& [n, c] : part) counts[n] += c;
    }
    total = total_at(depth);
  } else {
    for (const auto& [k, n] : marginal_numerators(vars, &total)) counts[n] += 1;
  }
  Integer check = 0;
  for (const auto& [n, c] : counts) check += n * c;
  if (check != total) throw std::logic_error("SequenceEngine::entropy: probabilities do not sum to 1");
  return counts_cache_.emplace(vars, std::move(entry)).first->second;
}

namespace {
// Runs one component over h from its initial state (restarting at document starts);
// returns the probability and leaves the final state in *state.
Rational run_component(const LatentMixture& m, const LatentMixture::Component& c, const std::vector<std::uint32_t>& doc_of,
                       const std::vector<std::uint32_t>& h, std::uint32_t* state) {
  Rational p = c.weight;
  std::uint32_t s = 0;
  for (std::size_t t = 0; t < h.size() && p != 0; ++t) {
    const StateModel& sm = m.models[c.doc_model[doc_of[t]]];
    if (t == 0 || doc_of[t] != doc_of[t - 1]) s = sm.initial;
    p *= sm.emit[s][h[t]];
    s = sm.next[s][h[t]];
  }
  *state = s;
  return p;
}
}  // namespace

Rational SequenceEngine::probability(const std::vector<std::uint32_t>& h) const {
  Rational p = 0;
  std::uint32_t s;
  for (const auto& c : model_.components) p += run_component(model_, c, doc_of_, h, &s);
  return p;
}

std::vector<Rational> SequenceEngine::posterior(const std::vector<std::uint32_t>& h) const {
  std::vector<Rational> post;
  Rational total = 0;
  std::uint32_t s;
  for (const auto& c : model_.components) {
    post.push_back(run_component(model_, c, doc_of_, h, &s));
    total += post.back();
  }
  if (total == 0) throw std::domain_error("posterior: the history has probability 0");
  for (auto& p : post) p /= total;
  return post;
}

std::vector<Rational> SequenceEngine::predictive(const std::vector<std::uint32_t>& h) const {
  if (h.size() >= model_.token_count()) throw std::invalid_argument("predictive: history reaches the horizon");
  std::vector<Rational> pred(model_.alphabet.size(), Rational(0));
  Rational total = 0;
  std::size_t t = h.size();
  bool fresh = t == 0 || doc_of_[t] != doc_of_[t - 1];
  for (const auto& c : model_.components) {
    std::uint32_t s;
    Rational p = run_component(model_, c, doc_of_, h, &s);
    if (p == 0) continue;
    const StateModel& sm = model_.models[c.doc_model[doc_of_[t]]];
    if (fresh) s = sm.initial;
    total += p;
    for (std::size_t x = 0; x < pred.size(); ++x) pred[x] += p * sm.emit[s][x];
  }
  if (total == 0) throw std::domain_error("predictive: the history has probability 0");
  for (auto& q : pred) q /= total;
  return pred;
}

std::map<std::vector<std::uint32_t>, std::vector<Rational>> SequenceEngine::horizon_predictor(unsigned t, unsigned d) {
  if (t >= model_.token_count()) throw std::invalid_argument("horizon_predictor: t beyond the horizon");
  unsigned w = std::min(d, t);
  VarSet vars;
  for (unsigned p = t - w; p <= t; ++p) vars.push_back(model_.token_var(p));
  std::map<std::vector<std::uint32_t>, std::vector<Rational>> out;
  std::map<std::vector<std::uint32_t>, Rational> window_mass;
  auto joint = marginal(vars);
  for (const auto& [key, p] : joint) {
    std::vector<std::uint32_t> window(key.begin(), key.end() - 1);
    auto& row = out[window];
    if (row.empty()) row.assign(model_.alphabet.size(), Rational(0));
    row[key.back()] += p;
    window_mass[window] += p;
  }
  for (auto& [window, row] : out)
    for (auto& q : row) q /= window_mass[window];
  return out;
}

LogForm SequenceEngine::excess_loss(unsigned t, unsigned d) {
  if (t >= model_.token_count()) throw std::invalid_argument("excess_loss: t beyond the horizon");
  unsigned w = std::min(d, t);
  VarSet window, window_next, past, past_next;
  for (unsigned p = t - w; p < t; ++p) window.push_back(model_.token_var(p));
  window_next = window;
  window_next.push_back(model_.token_var(t));
  for (unsigned p = 0; p < t; ++p) past.push_back(model_.token_var(p));
  past_next = past;
  past_next.push_back(model_.token_var(t));
  auto h = [&](const VarSet& s) { return s.empty() ? LogForm() : entropy(s); };
  return (h(window_next) - h(window)) - (h(past_next) - h(past));
}

std::optional<LogForm> SequenceEngine::log_loss(unsigned n, const Predictor& q) {
  if (n > model_.token_count()) throw std::invalid_argument("log_loss: beyond the horizon");
  LogFormBuilder b;
  std::vector<std::vector<Rational>> preds(n + 1);
  bool infinite = false;
  for_each_node(n, [&](unsigned t, const std::vector<std::uint32_t>& h, const std::vector<Integer>& num) {
    if (infinite) return;
    if (t > 0) {
      Integer mix = 0;
      for (const auto& v : num) mix += v;
      const Rational& qx = preds[t - 1].at(h.back());
      if (qx == 0) {
        infinite = true;
        return;
      }
      b.add_ln(numerator_of(qx), Rational(-Rational(mix, total_at(t))));
      b.add_ln(denominator_of(qx), Rational(mix, total_at(t)));
    }
    if (t < n) preds[t] = q(h);
  });
  if (infinite) return std::nullopt;
  return b.finish();
}

LogForm SequenceEngine::cumulative_log_loss(unsigned n) {
  if (n > model_.token_count()) throw std::invalid_argument("cumulative_log_loss: beyond the horizon");
  // At a node h of depth t < n with mixture numerator N(h) and child hx with N(hx):
  // P̂(x | h) = N(hx) / (D N(h)) and the child's mass is N(hx) / (W D^{t+1}).
  LogFormBuilder b;
  std::vector<Integer> mixture_at(n + 1);
  for_each_node(n, [&](unsigned t, const std::vector<std::uint32_t>&, const std::vector<Integer>& num) {
    Integer mix = 0;
    for (const auto& v : num) mix += v;
    mixture_at[t] = mix;
    if (t == 0) return;
    const Integer& parent = mixture_at[t - 1];
    Rational mass(mix, total_at(t));
    b.add_ln(Integer(d_ * parent), mass);
    b.add_ln(mix, Rational(-mass));
  });
  return b.finish();
}

Rational SequenceEngine::event_probability(const VarSet& vars, const std::vector<std::string>& symbols) {
  VarSet latents, positions;
  split_vars(vars, &latents, &positions);
  if (!latents.empty()) throw std::domain_error("events P(...) name token variables only, not latent ones");
  std::vector<std::uint32_t> key;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    auto it = std::find(model_.alphabet.begin(), model_.alphabet.end(), symbols[i]);
    if (it == model_.alphabet.end()) {
      std::string known;
      for (const auto& a : model_.alphabet) known += (known.empty() ? "" : ", ") + a;
      throw std::out_of_range("unknown symbol \"" + symbols[i] + "\" (symbols: " + known + ")");
    }
    key.push_back(static_cast<std::uint32_t>(it - model_.alphabet.begin()));
  }
  const auto m = marginal(vars);
  auto it = m.find(key);
  return it == m.end() ? Rational(0) : it->second;
}

Rational SequenceEngine::predictors_differ(unsigned d, unsigned horizon) {
  if (model_.doc_lengths.size() != 1) throw std::domain_error("Pdiff(d, T) is defined for single-document models");
  if (horizon > model_.token_count())
    throw std::domain_error("Pdiff(" + std::to_string(d) + ", " + std::to_string(horizon) + ") needs T <= " +
                            std::to_string(model_.token_count()) + " tokens (set the horizon)");
  // Binary chains: the dynamic programme over groups of histories reaches T in the
  // thousands; it agrees with the enumeration (tests/unit/test_long_history.cpp).
  if (binary_chains_apply(model_) && d <= 16) return predictors_differ_profile(model_, d, horizon).probability[horizon];
  return predictors_differ_probability(*this, d, horizon);
}

}  // namespace infocert
