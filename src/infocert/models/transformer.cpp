#include "infocert/models/transformer.hpp"

#include <cmath>

namespace infocert {

namespace {

using IMatrix = std::vector<std::vector<Interval>>;  // rows

Interval zero(mpfr_prec_t p) { return interval_of(Rational(0), p); }

IMatrix to_intervals(const RationalMatrix& m, mpfr_prec_t p) {
  IMatrix out;
  for (const auto& row : m) {
    std::vector<Interval> r;
    for (const auto& x : row) r.push_back(interval_of(x, p));
    out.push_back(r);
  }
  return out;
}

IMatrix multiply(const IMatrix& a, const IMatrix& b, mpfr_prec_t p) {
  std::size_t n = a.size(), k = b.size(), m = b.empty() ? 0 : b[0].size();
  IMatrix out(n, std::vector<Interval>(m, zero(p)));
  Interval t(p);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t l = 0; l < k; ++l) {
        mpfi_mul(t.get(), a[i][l].get(), b[l][j].get());
        mpfi_add(out[i][j].get(), out[i][j].get(), t.get());
      }
  return out;
}

IMatrix transpose(const IMatrix& a) {
  if (a.empty()) return {};
  IMatrix out(a[0].size(), std::vector<Interval>(a.size(), Interval(a[0][0].precision())));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[0].size(); ++j) out[j][i] = a[i][j];
  return out;
}

// softmax of a vector, as p_i = 1 / Σ_j exp(z_j - z_i) (tighter than exp / sum).
std::vector<Interval> softmax(const std::vector<Interval>& z, mpfr_prec_t p) {
  std::vector<Interval> out;
  Interval s(p), t(p);
  for (std::size_t i = 0; i < z.size(); ++i) {
    mpfi_set_ui(s.get(), 0);
    for (std::size_t j = 0; j < z.size(); ++j) {
      mpfi_sub(t.get(), z[j].get(), z[i].get());
      mpfi_exp(t.get(), t.get());
      mpfi_add(s.get(), s.get(), t.get());
    }
    Interval q(p);
    mpfi_ui_div(q.get(), 1, s.get());
    out.push_back(q);
  }
  return out;
}

// Each column c becomes c / max(1, |c|); where |c| straddles 1 both branches are joined.
void clip_columns(IMatrix& u, mpfr_prec_t p) {
  if (u.empty()) return;
  Interval n(p), t(p), one(p);
  mpfi_set_ui(one.get(), 1);
  for (std::size_t j = 0; j < u[0].size(); ++j) {
    mpfi_set_ui(n.get(), 0);
    for (std::size_t i = 0; i < u.size(); ++i) {
      mpfi_sqr(t.get(), u[i][j].get());
      mpfi_add(n.get(), n.get(), t.get());
    }
    mpfi_sqrt(n.get(), n.get());
    Rational lo = n.lower(), hi = n.upper();
    if (hi <= 1) continue;
    Interval scale(p);
    if (lo >= 1) {
      mpfi_ui_div(scale.get(), 1, n.get());
    } else {
      // max(1, |c|) lies in [1, hi]: 1 / max lies in [1/hi, 1].
      Interval capped(p);
      mpfi_interv_q(capped.get(), Rational(1).backend().data(), hi.backend().data());
      mpfi_ui_div(scale.get(), 1, capped.get());
    }
    for (std::size_t i = 0; i < u.size(); ++i) mpfi_mul(u[i][j].get(), u[i][j].get(), scale.get());
  }
}

}  // namespace

std::vector<Interval> next_token_enclosure(const Transformer& m, const std::vector<std::uint32_t>& context,
                                           mpfr_prec_t p) {
  if (m.A.empty()) throw std::invalid_argument("next_token_enclosure: the model has no fixed weights");
  std::size_t k = std::min<std::size_t>(m.K, context.size());
  if (k == 0) {
    std::vector<Interval> out;
    for (const auto& q : m.first) out.push_back(interval_of(q, p));
    return out;
  }
  // U_0: r x k, the embeddings of the last k tokens (normalised in interval arithmetic).
  IMatrix u(m.r, std::vector<Interval>(k, zero(p)));
  Interval norm(p), t(p);
  for (std::size_t c = 0; c < k; ++c) {
    const auto& e = m.embeddings[context[context.size() - k + c]];
    mpfi_set_ui(norm.get(), 0);
    for (const auto& x : e) {
      Interval xi = interval_of(x, p);
      mpfi_sqr(t.get(), xi.get());
      mpfi_add(norm.get(), norm.get(), t.get());
    }
    mpfi_sqrt(norm.get(), norm.get());
    for (std::size_t i = 0; i < m.r; ++i) {
      u[i][c] = interval_of(e[i], p);
      if (m.normalise) mpfi_div(u[i][c].get(), u[i][c].get(), norm.get());
    }
  }
  Interval sqrt_r(p);
  mpfi_set_ui(sqrt_r.get(), m.r);
  mpfi_sqrt(sqrt_r.get(), sqrt_r.get());
  for (unsigned l = 0; l < m.L; ++l) {
    // Scores U^T A U / sqrt(r): k x k; softmax down each column.
    IMatrix scores = multiply(multiply(transpose(u), to_intervals(m.A[l], p), p), u, p);
    IMatrix attn(k, std::vector<Interval>(k, zero(p)));
    for (std::size_t j = 0; j < k; ++j) {
      std::vector<Interval> col;
      for (std::size_t i = 0; i < k; ++i) {
        mpfi_div(scores[i][j].get(), scores[i][j].get(), sqrt_r.get());
        col.push_back(scores[i][j]);
      }
      auto s = softmax(col, p);
      for (std::size_t i = 0; i < k; ++i) attn[i][j] = s[i];
    }
    u = multiply(multiply(to_intervals(m.V[l], p), u, p), attn, p);
    clip_columns(u, p);
  }
  std::vector<Interval> logits;
  for (std::size_t i = 0; i < m.d; ++i) logits.push_back(u[i][k - 1]);
  return softmax(logits, p);
}

RealWeights sample_weights(const Transformer& m, std::mt19937_64& rng) {
  // Box-Muller on the raw 64-bit output: uniform in (0, 1) from the top 53 bits.
  auto uniform = [&]() { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53; };
  auto gaussian = [&](double sd) {
    double u1 = uniform(), u2 = uniform();
    return sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  };
  RealWeights w;
  for (unsigned l = 0; l < m.L; ++l) {
    RealMatrix a(m.r, std::vector<double>(m.r));
    for (auto& row : a)
      for (auto& x : row) x = gaussian(1.0);
    RealMatrix v(l + 1 == m.L ? m.d : m.r, std::vector<double>(m.r));
    for (auto& row : v)
      for (auto& x : row) x = gaussian(1.0 / std::sqrt(static_cast<double>(m.r)));
    w.A.push_back(a);
    w.V.push_back(v);
  }
  return w;
}

std::vector<double> next_token_double(const Transformer& m, const RealWeights& w, const std::vector<std::uint32_t>& context) {
  std::size_t k = std::min<std::size_t>(m.K, context.size());
  if (k == 0) {
    std::vector<double> out;
    for (const auto& q : m.first) out.push_back(static_cast<double>(q));
    return out;
  }
  RealMatrix u(m.r, std::vector<double>(k));
  for (std::size_t c = 0; c < k; ++c) {
    const auto& e = m.embeddings[context[context.size() - k + c]];
    double n = 0;
    for (const auto& x : e) n += static_cast<double>(x) * static_cast<double>(x);
    n = m.normalise ? std::sqrt(n) : 1.0;
    for (std::size_t i = 0; i < m.r; ++i) u[i][c] = static_cast<double>(e[i]) / n;
  }
  auto mul = [](const RealMatrix& a, const RealMatrix& b) {
    RealMatrix out(a.size(), std::vector<double>(b[0].size(), 0.0));
    for (std::size_t i = 0; i < a.size(); ++i)
      for (std::size_t l = 0; l < b.size(); ++l)
        for (std::size_t j = 0; j < b[0].size(); ++j) out[i][j] += a[i][l] * b[l][j];
    return out;
  };
  auto softmax = [](std::vector<double> z) {
    double mx = *std::max_element(z.begin(), z.end()), s = 0;
    for (auto& x : z) s += (x = std::exp(x - mx));
    for (auto& x : z) x /= s;
    return z;
  };
  const double sr = std::sqrt(static_cast<double>(m.r));
  for (unsigned l = 0; l < m.L; ++l) {
    RealMatrix ut(k, std::vector<double>(m.r));
    for (std::size_t i = 0; i < m.r; ++i)
      for (std::size_t j = 0; j < k; ++j) ut[j][i] = u[i][j];
    RealMatrix scores = mul(mul(ut, w.A[l]), u);
    RealMatrix attn(k, std::vector<double>(k));
    for (std::size_t j = 0; j < k; ++j) {
      std::vector<double> col(k);
      for (std::size_t i = 0; i < k; ++i) col[i] = scores[i][j] / sr;
      col = softmax(col);
      for (std::size_t i = 0; i < k; ++i) attn[i][j] = col[i];
    }
    u = mul(mul(w.V[l], u), attn);
    for (std::size_t j = 0; j < k; ++j) {
      double n = 0;
      for (std::size_t i = 0; i < u.size(); ++i) n += u[i][j] * u[i][j];
      n = std::sqrt(n);
      if (n > 1)
        for (std::size_t i = 0; i < u.size(); ++i) u[i][j] /= n;
    }
  }
  std::vector<double> logits;
  for (std::size_t i = 0; i < m.d; ++i) logits.push_back(u[i][k - 1]);
  return softmax(logits);
}

Transformer unit_embedding_transformer(unsigned d, unsigned k, unsigned l, unsigned r) {
  Transformer m;
  m.d = d;
  m.K = k;
  m.L = l;
  m.r = r;
  for (unsigned i = 0; i < d; ++i) {
    m.alphabet.push_back(std::to_string(i + 1));
    std::vector<Rational> e(r, Rational(0));
    e[i % r] = i < r ? 1 : -1;
    m.embeddings.push_back(e);
  }
  m.first.assign(d, Rational(1, static_cast<long>(d)));
  return m;
}

std::size_t weight_count(const RealWeights& w) {
  std::size_t n = 0;
  for (const auto* family : {&w.A, &w.V})
    for (const auto& m : *family) n += m.size() * (m.empty() ? 0 : m[0].size());
  return n;
}

}  // namespace infocert
