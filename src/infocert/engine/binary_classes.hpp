#pragma once
/// The classes of paths over two states by their transition counts: a path x_0 = f, x_1..x_n
/// over {f, o} (n transitions) is determined up to its class by n_ff, n_fo, n_of, n_oo, where
/// n_of is n_fo or n_fo - 1 (it ends in f or in o). The class holds
/// C(n_ff + n_of, n_ff) C(n_oo + n_fo - 1, n_oo) paths (the f-runs take the n_ff extra f's,
/// the o-runs the n_oo extra o's; the second factor is 1 without a visit to o). Summing over
/// them instead of over paths turns 2^n terms into O(n^2).
#include <vector>

namespace infocert {

/// The classes with given switches f->o and o->f; n_ff + n_oo = rest.
struct BinaryClassLine {
  unsigned long fo = 0, of = 0, rest = 0;
  /// The smallest n_ff: without a visit to o every step is f->f.
  unsigned long lowest_ff() const { return fo == 0 ? rest : 0; }
  /// The last state is f after as many switches back as away.
  bool ends_in_first() const { return fo == of; }
};

/// Every line for n transitions, n_fo ascending.
inline std::vector<BinaryClassLine> binary_class_lines(unsigned long n) {
  std::vector<BinaryClassLine> lines;
  for (unsigned long fo = 0; fo <= n; ++fo)
    for (unsigned long of = fo == 0 ? 0 : fo - 1; of <= fo && fo + of <= n; ++of) lines.push_back({fo, of, n - fo - of});
  return lines;
}

/// The class's number of paths as binomial(n1, k1), times binomial(n2, k2) when `second`.
struct BinaryClassCount {
  unsigned long n1, k1;
  bool second;
  unsigned long n2, k2;
};
inline BinaryClassCount binary_class_count(const BinaryClassLine& line, unsigned long nff) {
  const unsigned long noo = line.rest - nff;
  return {nff + line.of, nff, line.fo > 0, line.fo > 0 ? noo + line.fo - 1 : 0, noo};
}

/// The class's size in any representation: `binomial(out, n, k)` writes one factor into out
/// (C(n, k), or its logarithm) and `combine(out, factor)` joins two (a product, or a sum of
/// logarithms); `scratch` holds the second factor.
template <class Value, class Binomial, class Combine>
void binary_class_size(Value& out, Value& scratch, const BinaryClassCount& c, Binomial binomial, Combine combine) {
  binomial(out, c.n1, c.k1);
  if (!c.second) return;
  binomial(scratch, c.n2, c.k2);
  combine(out, scratch);
}

}  // namespace infocert
