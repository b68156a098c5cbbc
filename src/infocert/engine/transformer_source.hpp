#pragma once
/// A transformer with fixed weights as the joint law of its first T tokens: its
/// probabilities are irrational, so every measure is an enclosure computed at a given
/// precision (the forward pass in interval arithmetic).
#include <map>

#include "infocert/query/query.hpp"
#include "infocert/models/transformer.hpp"

namespace infocert {

/// Largest number of sequences enumerated for a transformer.
inline constexpr double kMaxTransformerSequences = 2e6;

/// Forward passes the measures over `tokens` tokens make: one per distinct window
/// (d^t windows for each t < tokens up to K; later windows repeat and are cached).
double transformer_contexts(const Transformer& m, unsigned tokens);
/// Estimated interval operations of those forward passes and of the sequences' masses
/// (the unit of --max-work for a transformer).
double transformer_work(const Transformer& m, unsigned tokens);

class TransformerSource : public InfoSource {
 public:
  TransformerSource(Transformer model, unsigned tokens);
  VarSet resolve_name(std::string_view name) const override;
  LogForm entropy(const VarSet& vars) override;  ///< throws: no exact form exists
  bool exact() const override { return false; }
  Interval entropy_interval(const VarSet& vars, mpfr_prec_t precision) override;
  const Transformer& model() const { return model_; }
  unsigned tokens() const { return tokens_; }
  /// Enclosures of P(x_1..x_n) for every sequence of length n, in lexicographic order.
  std::vector<Interval> sequence_probabilities(unsigned n, mpfr_prec_t precision);

 private:
  const std::vector<Interval>& next(const std::vector<std::uint32_t>& context, mpfr_prec_t precision);
  Transformer model_;
  unsigned tokens_;
  std::map<std::pair<std::vector<std::uint32_t>, mpfr_prec_t>, std::vector<Interval>> cache_;
};

}  // namespace infocert
