#pragma once
/// Continuous priors: X1..XT i.i.d. categorical(θ) given θ ~ Dirichlet(α) (Beta(a, b) for two
/// symbols), with positive integer parameters, so that every sequence probability is a
/// rational number (a ratio of Beta functions).
///
/// No sequence and no type class of K symbols is enumerated. Given the counts k of a
/// sequence of length T, -ln P(x) = ln Γ(α0 + T) - ln Γ(α0) - Σ_i [ln Γ(α_i + k_i) - ln Γ(α_i)],
/// which is a sum over the symbols, so H(X1..XT) = E[-ln P(X)] needs only the law of each
/// count k_i: Beta-binomial(T, α_i, α0 - α_i), T + 1 terms per distinct α_i. With integer
/// arguments ln Γ(n) = ln (n - 1)!, a table of sums of logarithms enclosed with MPFI.
/// E[H(X1..XT | θ)] = T Σ_i (α_i / α0)(H_{α0} - H_{α_i}) (harmonic numbers) is rational, and
/// I(X1..XT; θ) = H(X1..XT) - E[H(X1..XT | θ)] is enclosed from the two.
#include <vector>

#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/rational.hpp"

namespace infocert {

struct DirichletInformation {
  std::vector<unsigned> alphas;  ///< the Dirichlet parameters (two: a Beta prior)
  unsigned long tokens = 0;      ///< T
  Enclosure joint_entropy;       ///< H(X1..XT), nats
  Rational conditional_entropy;  ///< E[H(X1..XT | θ)], nats, exact
  Enclosure information;         ///< I(X1..XT; θ), nats
};

/// H(X1..XT), E[H(X1..XT | θ)] and I(X1..XT; θ) under a Dirichlet(`alphas`) prior (each
/// α_i >= 1, at least two), the enclosures at most `max_width` wide (> 0); the precision
/// rises until they are. std::invalid_argument for bad parameters; the work (about T + α0
/// logarithms and T + 1 exponentials per distinct α_i) and the table's memory are checked
/// against limits() first (BudgetExceeded).
DirichletInformation dirichlet_information(const std::vector<unsigned>& alphas, unsigned long tokens,
                                           const Rational& max_width);

/// H(X1..XT) in nats under the Dirichlet(`alphas`) prior, enclosed at `prec` bits (the
/// parameters checked as above; the work and memory against limits()).
Interval dirichlet_joint_entropy(const std::vector<unsigned>& alphas, unsigned long tokens, mpfr_prec_t prec);

/// P(x_1..x_n) of one sequence whose symbol i occurs counts[i] times, exactly:
/// Π_i α_i^(k_i rising) / α0^(n rising) (any order of the tokens: they are exchangeable).
Rational dirichlet_sequence_probability(const std::vector<unsigned>& alphas, const std::vector<unsigned long>& counts);

/// E[H(X1..XT | θ)] = T Σ_i (α_i / α0)(H_{α0} - H_{α_i}), exact.
Rational dirichlet_conditional_entropy(const std::vector<unsigned>& alphas, unsigned long tokens);

/// The Clarke-Barron asymptote of I(X1..XT; θ) for the Dirichlet(`alphas`) prior over K
/// symbols (k = K - 1 parameters): (k/2) ln(T / (2πe)) + ∫ w ln(√det J / w), where the
/// integral is -½ Σ_i (ψ(α_i) - ψ(α0)) plus the prior's differential entropy
/// ln B(α) + (α0 - K) ψ(α0) - Σ_i (α_i - 1) ψ(α_i). In double precision: a comparison, not
/// a certified value.
double clarke_barron(const std::vector<unsigned>& alphas, unsigned long tokens);

}  // namespace infocert

namespace infocert {

/// A Markov chain over two symbols whose rows are independent Beta priors: the row of state
/// s is θ_s ~ Beta(alphas[s][0], alphas[s][1]) (integers 1..1000), the chain started at state
/// `start` (the first token follows its row). A path's probability depends on its transition
/// counts n_sj only, Π_s B(α_s + n_s) / B(α_s), so the sum runs over the O(T^2) classes of
/// paths (first state fixed; counts of a->a, a->b, b->a; the number of paths of a class from
/// binomials), each enclosed from tables of ln n! and of harmonic numbers:
///   H(X1..XT)      = -Σ count P ln P,
///   H(X1..XT | θ)  = Σ count P Σ_sj n_sj (H_{α_s0 + α_s1 + n_s - 1} - H_{α_sj + n_sj - 1})
/// (-E[ln θ_sj | x] = ψ(α_s + n_s) - ψ(α_sj + n_sj), the posterior being Beta(α_s + n_s)).
struct MarkovBetaEntropies {
  Interval joint;        ///< H(X1..XT), nats
  Interval conditional;  ///< H(X1..XT | θ), nats
};
/// The work (about 2 T^2 classes) and memory are checked against limits(); bad parameters
/// throw std::invalid_argument.
MarkovBetaEntropies markov_beta_entropies(const std::vector<std::vector<unsigned>>& alphas, unsigned start,
                                          unsigned long tokens, mpfr_prec_t prec);
/// P(x_1..x_n) exactly for a path with transition counts counts[s][j] (from the start state).
Rational markov_beta_path_probability(const std::vector<std::vector<unsigned>>& alphas,
                                      const std::vector<std::vector<unsigned long>>& counts);

}  // namespace infocert
