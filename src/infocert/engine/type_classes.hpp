#pragma once
/// The type-class engine for mixtures of Markov chains over two symbols: the probability of
/// a sequence under each component depends only on its first token and its transition
/// counts, so the sum over the 2^T sequences becomes a sum over O(T^2) classes, each
/// weighted by its exact number of sequences. With first token s and counts n_ij over the
/// T - 1 transitions, the s-runs number n_{s'->s} + 1 and the other runs n_{s->s'}, and
/// splitting the tokens into runs gives C(n_ss + k_s - 1, n_ss) C(n_s's' + k_s' - 1, n_s's')
/// sequences (the binary case of Whittle's formula).
#include <map>

#include "infocert/engine/enumerate.hpp"

namespace infocert {

/// True for single-document mixtures whose components are Markov chains over two to four
/// symbols and whose count matrices are few enough to list.
bool type_classes_apply(const LatentMixture& m);

/// The work of the type-class sum, in the units of the engine's work limit: classes x
/// components x tokens (the length of the integers each class multiplies).
double type_class_work(const LatentMixture& m);

/// Whittle's formula: the number of sequences x_1..x_T with x_1 = u, x_T = v and transition
/// counts f (T - 1 transitions in all) is Π_i (f_i! / Π_j f_ij!) times the (v, u) cofactor
/// of the matrix δ_ij - f_ij / f_i (f_i the row sums; a row with f_i = 0 is δ_ij).
Integer whittle_count(std::uint32_t u, std::uint32_t v, const std::vector<std::vector<unsigned>>& f);

/// The grouped numerators for H(X1..XT) (with_theta false) or H(theta, X1..XT) (true): for
/// each value N the number of outcomes with probability N / (W D^T).
std::map<Integer, Integer> type_class_counts(const SequenceEngine& e, bool with_theta);

/// The number of binary sequences of length t with first token `first` and transition
/// counts n[i][j] (zero when the counts are inconsistent).
Integer binary_class_size(std::uint32_t first, const unsigned n[2][2], unsigned t);

}  // namespace infocert
