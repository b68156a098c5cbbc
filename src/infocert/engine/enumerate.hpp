#pragma once
/// The enumeration engine: depth-first over the prefix tree of token sequences with exact
/// integer state per node. Component c's joint probability with a prefix h of length t is
/// num_c(h) / (W D^t), where W is the common denominator of the component weights and D
/// that of all next-token probabilities; a child costs one big-integer product per
/// component. Sequences of equal probability are grouped before any logarithm is taken.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "infocert/query/query.hpp"
#include "infocert/models/latent_mixture.hpp"
#include "infocert/limits.hpp"
#include "infocert/progress.hpp"

namespace infocert {

/// Above this many distinct probabilities an entropy is decided by enclosures only.
inline constexpr std::size_t kMaxExactGroups = 4000;


/// Largest number of entries of a marginal table.
inline constexpr double kMaxMarginalEntries = 2e7;

class SequenceEngine : public InfoSource {
 public:
  /// max_work bounds node-component steps of one enumeration (--max-work; the process limit by default).
  explicit SequenceEngine(const LatentMixture& model, double max_work = limits().work);

  const LatentMixture& model() const { return model_; }
  VarSet resolve_name(std::string_view name) const override;
  /// H of any set of latents and tokens. Sets made of latents and a prefix X1..Xt are
  /// computed streaming; other sets through their marginal table.
  LogForm entropy(const VarSet& vars) override;
  /// From the same grouped counts; straight in interval arithmetic when they are many.
  Interval entropy_interval(const VarSet& vars, mpfr_prec_t precision) override;
  /// P(tokens = symbols) for token variables (latents are not events here).
  Rational event_probability(const VarSet& vars, const std::vector<std::string>& symbols) override;
  /// Pdiff(d, T) on a single-document model: the probability of the sequences on which the
  /// horizon-d predictor and the full-history one differ at some step t < T.
  Rational predictors_differ(unsigned d, unsigned horizon) override;
  /// Token ranges across documents, in order: X1_1..X2_3.
  VarSet resolve_range(const std::string& first, const std::string& last) const override;

  /// The numerators of the marginal law of `vars` (keys: values in variable order) over
  /// the common denominator `*total`.
  std::map<std::vector<std::uint32_t>, Integer> marginal_numerators(const VarSet& vars, Integer* total);
  /// The marginal law of `vars` as rationals.
  std::map<std::vector<std::uint32_t>, Rational> marginal(const VarSet& vars);

  /// P(h) for a token prefix h (positions 0..|h|-1), by running every component.
  Rational probability(const std::vector<std::uint32_t>& h) const;
  /// P(component | h) for each component (h of positive probability).
  std::vector<Rational> posterior(const std::vector<std::uint32_t>& h) const;
  /// The Bayes-optimal predictor P(X_{|h|+1} = x | h) for each symbol x.
  std::vector<Rational> predictive(const std::vector<std::uint32_t>& h) const;
  /// The horizon-d predictor at step t: P(X_{t+1} = x | X_{t-d+1..t} = w) for every window
  /// w of positive probability (the window is the last min(d, t) tokens).
  std::map<std::vector<std::uint32_t>, std::vector<Rational>> horizon_predictor(unsigned t, unsigned d);
  /// Expected excess log loss of the horizon-d predictor at step t:
  /// H(X_{t+1} | window) - H(X_{t+1} | H_t) = I(X_{t+1}; X_1..X_{t-d} | window).
  LogForm excess_loss(unsigned t, unsigned d);

  /// Σ_t E[-ln P̂(X_{t+1} | H_t)] over the first n tokens, from the predictive ratios at
  /// every node (an independent route to H(X1..Xn) by the chain rule).
  LogForm cumulative_log_loss(unsigned n);

  /// A predictor: the law of the next token given a history.
  using Predictor = std::function<std::vector<Rational>(const std::vector<std::uint32_t>&)>;
  /// Σ_{t<n} E[-ln Q(X_{t+1} | H_t)] under the model; nullopt when Q gives probability 0 to
  /// a token that occurs with positive probability (infinite loss). Q is asked only at
  /// histories of positive probability.
  std::optional<LogForm> log_loss(unsigned n, const Predictor& q);

  /// Calls f(depth, tokens, numerators) at every node of depth <= max_depth that has
  /// positive probability (numerators per component over W D^depth).
  void for_each_node(unsigned max_depth,
                     const std::function<void(unsigned, const std::vector<std::uint32_t>&,
                                              const std::vector<Integer>&)>& f);

  /// Whether binary Markov mixtures use the type-class engine (default) or enumeration.
  void set_type_classes(bool on) {
    type_classes_ = on;
    counts_cache_.clear();
  }
  const Integer& weight_denominator() const { return w_; }
  /// The weight of component c times W, and P(x | state) of model m times D.
  const Integer& weight_numerator(std::size_t c) const { return weight_num_[c]; }
  const Integer& emission_numerator(std::size_t model, std::uint32_t state, std::uint32_t x) const {
    return emit_[model][state][x];
  }
  const Integer& emission_denominator() const { return d_; }
  /// W D^t.
  Integer total_at(unsigned t) const;
  /// Node-component steps of a full enumeration to depth t (an estimate before starting).
  double work_to_depth(unsigned t) const;

 private:
  struct CountsEntry {
    std::map<Integer, Integer> counts;  // N -> number of outcomes with probability N / total
    Integer total;
    std::optional<LogForm> form;
  };
  CountsEntry& counts_for(const VarSet& vars);
  void walk(unsigned max_depth, std::optional<std::uint32_t> first,
            const std::function<void(unsigned, const std::vector<std::uint32_t>&, const std::vector<Integer>&)>& f,
            Progress* progress = nullptr) const;
  void check_work(unsigned depth, const char* what) const;
  std::map<VarSet, CountsEntry> counts_cache_;
  bool type_classes_ = true;
  std::vector<std::uint32_t> project_latents(const VarSet& latents, std::size_t* count) const;
  /// Latent variables and token positions (0-based) of a variable set.
  void split_vars(const VarSet& vars, VarSet* latents, VarSet* positions) const;

  const LatentMixture& model_;
  double max_work_;
  Integer w_, d_;
  std::vector<Integer> weight_num_;                      // per component
  std::vector<std::vector<std::vector<Integer>>> emit_;  // [model][state][symbol] numerators over D
  std::vector<std::uint32_t> doc_of_;
};

}  // namespace infocert
