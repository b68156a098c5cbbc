#pragma once
/// A Dirichlet (or Beta) prior over the rows of an i.i.d. categorical model as the joint law
/// of θ and the tokens X1..XT: the tokens are exchangeable, so the entropy of any n of them is
/// H(X1..Xn) (engine/conjugate), and given θ they are independent, so H(n tokens | θ) is
/// n E[H(θ)] exactly. θ is continuous: its own entropy is not a number of this table, so the
/// source answers only queries in which every entropy containing θ cancels against another
/// (I(X1..XT; θ), H(X1..XT | θ), I(X1; X2 | θ), ...); the evaluator refuses the others.
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "infocert/query/query.hpp"

namespace infocert {

/// Largest number of tokens of a Dirichlet case (the work limit still applies).
inline constexpr unsigned long kMaxConjugateTokens = 10000000;

class ConjugateSource : public InfoSource {
 public:
  /// `alphabet` names the symbols, `alphas` the parameters (one each, integers 1..1000),
  /// `tokens` the horizon T >= 1. std::invalid_argument otherwise.
  ConjugateSource(std::vector<std::string> alphabet, std::vector<unsigned> alphas, unsigned long tokens);
  /// A Markov chain over two symbols whose rows are independent Beta priors (rows[s] the
  /// parameters of state s's row), started at state `start`: θ is both rows. Its tokens are
  /// not exchangeable, so entropies and events are of prefixes X1..Xn (with or given θ).
  ConjugateSource(std::vector<std::string> alphabet, std::vector<std::vector<unsigned>> rows, unsigned start,
                  unsigned long tokens);
  VarSet resolve_name(std::string_view name) const override;
  /// X_i..X_j, i <= j.
  VarSet resolve_range(const std::string& first, const std::string& last) const override;
  VarSet continuous_variables() const override { return {theta_index()}; }
  LogForm entropy(const VarSet& vars) override;  ///< throws: the measures are enclosures
  bool exact() const override { return false; }
  /// H of the tokens in `vars` (given θ when θ is among them, the continuous part left out).
  Interval entropy_interval(const VarSet& vars, mpfr_prec_t precision) override;
  /// P(tokens = symbols), exactly (a ratio of rising factorials); θ has no events.
  Rational event_probability(const VarSet& vars, const std::vector<std::string>& symbols) override;

  const std::vector<std::string>& alphabet() const { return alphabet_; }
  const std::vector<unsigned>& alphas() const { return alphas_; }
  bool markov() const { return !rows_.empty(); }
  unsigned long tokens() const { return tokens_; }

 private:
  std::size_t theta_index() const { return static_cast<std::size_t>(tokens_); }
  std::vector<std::string> alphabet_;
  /// InputError unless the tokens are a prefix X1..Xn (Markov rows).
  void require_prefix(const VarSet& tokens) const;
  std::vector<unsigned> alphas_;
  std::vector<std::vector<unsigned>> rows_;  ///< Markov rows (empty: i.i.d. tokens)
  unsigned start_ = 0;
  unsigned long tokens_;
  /// H(X1..Xn) (false) or H(X1..Xn | θ) (true) by (n, precision).
  std::map<std::tuple<unsigned long, mpfr_prec_t, bool>, Interval> cache_;
};

}  // namespace infocert
