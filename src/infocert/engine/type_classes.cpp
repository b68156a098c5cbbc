#include "infocert/engine/type_classes.hpp"

#include <functional>

#include "infocert/models/chain_properties.hpp"

namespace infocert {

namespace {
// Compositions of t - 1 into d^2 parts: the count matrices to list.
double matrices_to_list(std::size_t d, unsigned t) {
  double k = static_cast<double>(d * d), n = t == 0 ? 0 : t - 1, c = 1;
  for (double i = 1; i < k; ++i) c = c * (n + i) / i;
  return c;
}
}  // namespace

double type_class_work(const LatentMixture& m) {
  const unsigned t = m.doc_lengths.empty() ? 0 : m.doc_lengths.front();
  const double classes = m.alphabet.size() == 2 ? 2.0 * t * t : matrices_to_list(m.alphabet.size(), t) * m.alphabet.size();
  return classes * static_cast<double>(m.components.size()) * t;
}

bool type_classes_apply(const LatentMixture& m) {
  if (m.kind != "mixture" && m.kind != "markov") return false;
  if (m.doc_lengths.size() != 1 || m.alphabet.size() < 2 || m.alphabet.size() > 4) return false;
  if (m.alphabet.size() > 2 && matrices_to_list(m.alphabet.size(), m.doc_lengths.front()) > 3e7) return false;
  for (const auto& c : m.components)
    if (!is_markov(m.models[c.doc_model[0]])) return false;
  return m.latent_names.size() <= 1;
}

namespace {
Integer binomial(unsigned long n, unsigned long k) {
  Integer b;
  mpz_bin_uiui(b.backend().data(), n, k);
  return b;
}
}  // namespace

Integer binary_class_size(std::uint32_t s, const unsigned n[2][2], unsigned t) {
  const std::uint32_t o = 1 - s;
  if (n[0][0] + n[0][1] + n[1][0] + n[1][1] + 1 != t) return 0;
  // Runs of s: one at the start and one after each switch o -> s; runs of o: one per s -> o.
  const long diff = static_cast<long>(n[s][o]) - static_cast<long>(n[o][s]);
  if (diff != 0 && diff != 1) return 0;
  const unsigned ks = n[o][s] + 1, ko = n[s][o];
  Integer count = binomial(n[s][s] + ks - 1, n[s][s]);
  if (ko == 0) return n[o][o] == 0 ? count : Integer(0);
  return count * binomial(n[o][o] + ko - 1, n[o][o]);
}

Integer whittle_count(std::uint32_t u, std::uint32_t v, const std::vector<std::vector<unsigned>>& f) {
  const std::size_t d = f.size();
  std::vector<unsigned> row(d, 0);
  Integer multinomials = 1;
  for (std::size_t i = 0; i < d; ++i) {
    Integer num, den = 1, fact;
    for (std::size_t j = 0; j < d; ++j) {
      row[i] += f[i][j];
      mpz_fac_ui(fact.backend().data(), f[i][j]);
      den *= fact;
    }
    mpz_fac_ui(num.backend().data(), row[i]);
    multinomials *= Integer(num / den);
  }
  // The minor: delete row v and column u of F* = I - (f_ij / f_i).
  std::vector<std::vector<Rational>> a;
  for (std::size_t i = 0; i < d; ++i) {
    if (i == v) continue;
    std::vector<Rational> r;
    for (std::size_t j = 0; j < d; ++j) {
      if (j == u) continue;
      Rational x = i == j ? Rational(1) : Rational(0);
      if (row[i] > 0) x -= Rational(f[i][j], row[i]);
      r.push_back(x);
    }
    a.push_back(r);
  }
  Rational det = 1;
  const std::size_t n = a.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    while (p < n && a[p][c] == 0) ++p;
    if (p == n) return 0;
    if (p != c) {
      std::swap(a[p], a[c]);
      det = -det;
    }
    det *= a[c][c];
    for (std::size_t r = c + 1; r < n; ++r) {
      if (a[r][c] == 0) continue;
      Rational k = a[r][c] / a[c][c];
      for (std::size_t j = c; j < n; ++j) a[r][j] -= k * a[c][j];
    }
  }
  if ((u + v) % 2 == 1) det = -det;
  Rational count = Rational(multinomials) * det;
  if (denominator_of(count) != 1 || count < 0) throw std::logic_error("whittle_count: not a count");
  return numerator_of(count);
}

namespace {
// Adds the sequences of one class (first token u, count matrix f, `size` of them) to the
// grouped numerators: N_c = a_c P_c(x0 -> u) D Π_ij (P_c(i -> j) D)^f_ij for each component.
void add_class(const SequenceEngine& e, std::uint32_t u, const std::vector<std::vector<unsigned>>& f, const Integer& size,
               bool with_theta, std::map<Integer, Integer>& counts) {
  const LatentMixture& m = e.model();
  Integer mix = 0, power, n;
  for (std::size_t c = 0; c < m.components.size(); ++c) {
    const std::uint32_t mi = m.components[c].doc_model[0];
    n = e.weight_numerator(c) * e.emission_numerator(mi, m.models[mi].initial, u);
    for (std::uint32_t i = 0; i < f.size() && n != 0; ++i)
      for (std::uint32_t j = 0; j < f.size(); ++j) {
        if (f[i][j] == 0) continue;
        mpz_pow_ui(power.backend().data(), e.emission_numerator(mi, i, j).backend().data(), f[i][j]);
        n *= power;
      }
    if (!with_theta) {
      mix += n;
    } else if (n != 0) {
      counts[n] += size;
    }
  }
  if (!with_theta && mix != 0) counts[mix] += size;
}

// The general listing: every count matrix with total t - 1 and every first token.
std::map<Integer, Integer> general_counts(const SequenceEngine& e, bool with_theta) {
  const LatentMixture& m = e.model();
  const unsigned t = m.doc_lengths.front();
  const std::size_t d = m.alphabet.size();
  std::map<Integer, Integer> counts;
  std::vector<std::vector<unsigned>> f(d, std::vector<unsigned>(d, 0));
  std::function<void(std::size_t, unsigned)> fill = [&](std::size_t cell, unsigned left) {
    if (cell + 1 == d * d) {
      f[cell / d][cell % d] = left;
      // Out minus in degree must be e_u - e_v for the first token u and last token v.
      std::vector<long> diff(d, 0);
      for (std::size_t i = 0; i < d; ++i)
        for (std::size_t j = 0; j < d; ++j) {
          diff[i] += f[i][j];
          diff[j] -= f[i][j];
        }
      for (std::uint32_t u = 0; u < d; ++u) {
        std::vector<long> rest = diff;
        rest[u] -= 1;
        std::uint32_t v = u;
        bool ok = true;
        int minus = 0;
        for (std::uint32_t i = 0; i < d; ++i) {
          if (rest[i] == 0) continue;
          if (rest[i] == -1 && minus == 0) {
            v = i;
            ++minus;
          } else {
            ok = false;
          }
        }
        if (!ok) continue;
        Integer size = whittle_count(u, v, f);
        if (size == 0) continue;
        add_class(e, u, f, size, with_theta, counts);
      }
      return;
    }
    for (unsigned x = 0; x <= left; ++x) {
      f[cell / d][cell % d] = x;
      fill(cell + 1, left - x);
    }
  };
  fill(0, t - 1);
  return counts;
}
}  // namespace

std::map<Integer, Integer> type_class_counts(const SequenceEngine& e, bool with_theta) {
  const LatentMixture& m = e.model();
  if (m.alphabet.size() != 2) return general_counts(e, with_theta);
  const unsigned t = m.doc_lengths.front();
  std::map<Integer, Integer> counts;
  unsigned n[2][2];
  std::vector<std::vector<unsigned>> f(2, std::vector<unsigned>(2));
  for (std::uint32_t s = 0; s < 2; ++s) {
    const std::uint32_t o = 1 - s;
    for (unsigned so = 0; so + 1 <= t; ++so)                      // switches s -> o
      for (unsigned os = so == 0 ? 0 : so - 1; os <= so; ++os) {  // switches o -> s: so - 1 or so
        if (so + os + 1 > t) continue;
        unsigned rest = t - 1 - so - os;
        for (unsigned ss = 0; ss <= rest; ++ss) {
          n[s][s] = ss;
          n[s][o] = so;
          n[o][s] = os;
          n[o][o] = rest - ss;
          Integer size = binary_class_size(s, n, t);
          if (size == 0) continue;
          for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j) f[i][j] = n[i][j];
          add_class(e, s, f, size, with_theta, counts);
        }
      }
  }
  return counts;
}

}  // namespace infocert
