#pragma once
/// Full-history and horizon-d predictors compared history by history, exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "infocert/engine/enumerate.hpp"

namespace infocert {

/// One history h of positive probability with the mixture numerators N(h) and N(hx);
/// the full-history predictor is P(x | h) = N(hx) / (D N(h)).
struct HistoryRow {
  std::vector<std::uint32_t> history;
  Integer mass;               ///< N(h) over W D^t
  std::vector<Integer> next;  ///< N(hx) over W D^{t+1}
};

/// For t = 0..t_max-1, every history of length t with positive probability (t_max must not
/// exceed the model's horizon).
std::vector<std::vector<HistoryRow>> histories_by_depth(SequenceEngine& engine, unsigned t_max);

/// The full-history predictor of a row as rationals.
std::vector<Rational> predictor_of(const HistoryRow& row, const Integer& emission_denominator);

/// How the horizon-d predictor P(X_{t+1} | last min(d, t) tokens) compares with the
/// full-history one at step t.
struct WindowComparison {
  unsigned t = 0, d = 0;
  bool differ = false;
  /// Two histories of length t, both of positive probability, with the same last d tokens
  /// and different full-history predictions.
  std::optional<std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>>> witness;
  Rational mass;  ///< probability of the histories where the two predictors differ
};

/// Compares at step t; `rows` are the histories of length t, `total` is W D^t. `differs`,
/// when given, receives for each row whether its full-history prediction differs from the
/// horizon-d one.
WindowComparison compare_window(const std::vector<HistoryRow>& rows, unsigned t, unsigned d, const Integer& total,
                                std::vector<bool>* differs = nullptr);

/// Pdiff(d, T): the probability that the horizon-d and the full-history predictors differ at
/// some step t < T (T at most the model's horizon; a single-document model).
Rational predictors_differ_probability(SequenceEngine& engine, unsigned d, unsigned horizon);

/// For one window length d: the comparison at every step t = 1..t_max-1.
struct WindowProfile {
  unsigned d = 0;
  std::vector<WindowComparison> steps;  ///< steps[i] is t = i + 1
  std::optional<unsigned> t_star;       ///< first t where the predictors differ
  /// The predictors differ at every t in [t*, t_max - 1].
  bool differ_from_t_star_on() const;
  const WindowComparison* first_difference() const;
};

/// Profiles for d = 1..max_d from the histories of the process up to t_max - 1.
std::vector<WindowProfile> window_profiles(SequenceEngine& engine, unsigned max_d, unsigned t_max);

/// Re-checks a witness with code that did not find it: both histories have length t and
/// positive probability (component by component), the same last min(d, t) tokens, and
/// different Bayes predictions (posterior route). Returns an empty string or what fails.
std::string recheck_witness(const SequenceEngine& engine, const std::vector<std::uint32_t>& h1,
                            const std::vector<std::uint32_t>& h2, unsigned d);

/// For each window length d = 1..max_d (window_profiles up to t_max): where the horizon-d
/// and full-history predictors first differ, and the first witness there, re-checked by
/// recheck_witness, its histories and both predictive laws as text, and (with `excess`) the
/// excess loss eps(t, d) at its step, certified positive. A witness that does not re-check,
/// or a zero excess loss where the predictors differ, is a defect (std::logic_error).
struct WindowWitness {
  unsigned d = 0, t = 0;
  std::optional<unsigned> t_star;
  bool differ_from_t_star_on = false;
  bool found = false;           ///< a witness exists (the fields below are set)
  std::string h1, h2;           ///< the two histories
  std::string law1, law2;       ///< "(p_1, ..., p_D)": the full-history predictions after each
  Rational mass;                ///< probability of the histories where the predictors differ at t
  LogForm excess;               ///< eps(t, d), with `excess`
};
std::vector<WindowWitness> window_witnesses(SequenceEngine& engine, unsigned max_d, unsigned t_max, bool excess);

/// What the proof of Lemma A speaks of, on a single-document mixture of two Markov chains
/// (components 0 and 1), for t = 0..n: the expected posterior of the first component under
/// it, E_{M1}[P(M1 | H_t)] = Σ_h P1(h) P(M1 | h); the first history whose posterior is 0 or
/// 1; and the first step where the Bayes update for Markov chains,
/// P(M1 | h x) = p P1(last, x) / (p P1(last, x) + (1 - p) P2(last, x)), differs from it.
struct PosteriorTrace {
  struct Point {
    std::vector<std::uint32_t> history;
    Rational posterior, formula;
  };
  std::vector<Rational> expected;  ///< t = 0..n: E_M1[P(M1 | H_t)], non-decreasing, below its limit
  /// t = 0..n: an upper bound on the limit of `expected`, non-increasing in t: histories whose
  /// pair of component states is merged count with their posterior (frozen from then on),
  /// the others with 1. A value below 1 proves that the posterior does not tend to 1.
  std::vector<Rational> limit_upper;
  std::size_t histories = 0, bayes_steps = 0;
  std::optional<Point> boundary;        ///< posterior 0 or 1 (formula unused)
  std::optional<Point> bayes_mismatch;
  /// 1 - E_t for t = 0..n, and whether it falls strictly at every step.
  std::vector<Rational> remaining() const;
  bool remaining_falls() const;
};
PosteriorTrace two_component_posterior(SequenceEngine& engine, unsigned n);

/// Pairs of states (s1 of a, s2 of b) from which the two models generate the same law of
/// every continuation: equal next-token laws, and every token of positive probability leads
/// to a merged pair again (the greatest such set). merged[s1][s2].
std::vector<std::vector<bool>> merged_state_pairs(const StateModel& a, const StateModel& b);

/// The chain rule history by history: the product of the Bayes predictive probabilities of
/// each token equals P(h), for every sequence h of length n with positive probability.
/// Returns the first sequence where it fails (nullopt: none); `checked` counts sequences.
std::optional<std::vector<std::uint32_t>> chain_rule_mismatch(SequenceEngine& engine, unsigned n, std::size_t* checked);
/// Whether a predictor equals the Bayes predictive on every history of length < n with
/// positive probability.
bool agrees_on_support(SequenceEngine& engine, const SequenceEngine::Predictor& q, unsigned n);
/// The horizon-d predictor P(X_{t+1} | last min(d, t) tokens) as a predictor for t < n.
SequenceEngine::Predictor window_predictor(SequenceEngine& engine, unsigned d, unsigned n);

/// The Bayes predictive of the same component models under other prior weights (one per
/// component of the single-document mixture `m`): P_w(x | h) = Σ_k w_k P_k(hx) / Σ_k w_k P_k(h),
/// and uniform where every component gives h probability 0.
SequenceEngine::Predictor reweighted_predictor(const LatentMixture& m, std::vector<Rational> weights);

/// Predictors that Lemma 3.1's optimality is tested against on a single-document mixture,
/// for histories shorter than n, in this order: "other prior weights" (the same components,
/// the first weighted 1/5 and the rest sharing 4/5), "horizon-1 predictor", "uniform", and
/// "P-hat but uniform at t = 0"; with `off_support`, also "P-hat changed on
/// zero-probability histories" (uniform there), which must lose nothing.
struct NamedPredictor {
  std::string name;
  SequenceEngine::Predictor predictor;
};
std::vector<NamedPredictor> comparison_predictors(SequenceEngine& engine, unsigned n, bool off_support);

}  // namespace infocert
