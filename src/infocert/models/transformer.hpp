#pragma once
/// The transformer environment of Jeon et al. (2024, §3.3): vocabulary {1..d} with unit-norm
/// embeddings in R^r, context K, depth L, attention dimension r.
///   U_0 = embeddings of the last min(t, K) tokens (columns);
///   Attn(U) = softmax(U^T A U / sqrt(r)) column by column;
///   U_l = Clip(V_l U_{l-1} Attn(U_{l-1})), Clip scaling each column to L2 norm <= 1;
///   X_{t+1} ~ softmax(last column of U_L); X_1 from a given pmf.
/// A_l is r x r; V_l is r x r for l < L and d x r for l = L.
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include <string>
#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/rational.hpp"

namespace infocert {

using RationalMatrix = std::vector<std::vector<Rational>>;  ///< rows
using RealMatrix = std::vector<std::vector<double>>;

struct Transformer {
  unsigned d = 0, K = 0, L = 0, r = 0;
  RationalMatrix embeddings;        ///< d rows of r entries, as given
  bool normalise = true;            ///< scale each embedding to unit norm on use
  std::vector<Rational> first;      ///< pmf of X1
  std::vector<RationalMatrix> A, V; ///< fixed weights (empty with a seed)
  std::optional<std::uint64_t> seed;
  std::vector<std::string> alphabet;  ///< token names "1".."d"

  /// p = 2 r^2 (L - 1) + d r + r^2, the paper's count.
  std::size_t paper_parameter_count() const { return parameter_count(d, r, L); }
  static std::size_t parameter_count(unsigned dim, unsigned rank, unsigned layers) {
    return 2ull * rank * rank * (layers - 1) + 1ull * dim * rank + 1ull * rank * rank;
  }
};

/// A transformer with tokens "1".."d", embedding i the unit vector +-e_(i mod r) (+ for
/// i < r, - after: on a circle when r >= 2), a uniform first token and sampled weights (no
/// seed: the caller samples them).
Transformer unit_embedding_transformer(unsigned d, unsigned k, unsigned l, unsigned r);


/// Certified next-token probabilities after the context (the last min(t, K) tokens), at
/// `precision` bits: every operation in interval arithmetic, including sqrt, exp and Clip.
std::vector<Interval> next_token_enclosure(const Transformer& m, const std::vector<std::uint32_t>& context,
                                           mpfr_prec_t precision);

/// Gaussian weights as the paper prescribes: A entries N(0, 1), V entries N(0, 1/r), from a
/// seeded mt19937_64 through Box-Muller (the same numbers on every platform).
struct RealWeights {
  std::vector<RealMatrix> A, V;
};
RealWeights sample_weights(const Transformer& m, std::mt19937_64& rng);
/// The number of weights in `w` (every entry of every A and V matrix).
std::size_t weight_count(const RealWeights& w);

/// The next-token law in double precision for given real weights (Monte Carlo only).
std::vector<double> next_token_double(const Transformer& m, const RealWeights& w, const std::vector<std::uint32_t>& context);

}  // namespace infocert
