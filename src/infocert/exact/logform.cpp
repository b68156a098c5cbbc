#include "infocert/exact/logform.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

namespace infocert {

LogForm LogForm::constant(const Rational& c) {
  LogForm f;
  f.constant_ = c;
  return f;
}

LogForm LogForm::ln(const Integer& n, const Rational& q) {
  LogForm f;
  f.add_ln(n, q);
  return f;
}

LogForm LogForm::ln_rational(const Rational& r, const Rational& q) {
  if (r <= 0) throw std::domain_error("LogForm::ln_rational: argument " + r.str() + " is not positive");
  LogForm f;
  f.add_ln(numerator_of(r), q);
  f.add_ln(denominator_of(r), Rational(-q));
  return f;
}

namespace {
// Replaces m by r where m = r^k with k as large as possible; returns k.
unsigned long reduce_perfect_power(Integer& m) {
  unsigned long k = 1;
  mpz_ptr z = m.backend().data();
  Integer root;
  while (mpz_perfect_power_p(z) && mpz_cmp_ui(z, 1) > 0) {
    bool reduced = false;
    std::size_t bits = mpz_sizeinbase(z, 2);
    for (unsigned long e = 2; e <= bits; ++e) {
      if (mpz_root(root.backend().data(), z, e) != 0) {
        mpz_set(z, root.backend().data());
        k *= e;
        reduced = true;
        break;
      }
    }
    if (!reduced) break;
  }
  return k;
}
}  // namespace

void LogForm::add_ln(const Integer& n, const Rational& q) {
  if (n < 1) throw std::domain_error("LogForm::add_ln: ln of " + n.str() + " is not a real number");
  if (q == 0) return;
  // Factor refinement: whenever a pending integer m shares a factor g with a base b,
  // replace b by g and b/g and m by g and m/g. Each split lowers Σ (ln x)^2 over the
  // integers involved by at least 2 (ln 2)^2, so the loop ends; at the end the bases
  // are pairwise coprime again and ln n is expressed over them.
  std::vector<std::pair<Integer, Rational>> pending{{n, q}};
  while (!pending.empty()) {
    auto [m, r] = std::move(pending.back());
    pending.pop_back();
    if (m == 1 || r == 0) continue;
    auto same = terms_.find(m);
    if (same != terms_.end()) {
      same->second += r;
      if (same->second == 0) terms_.erase(same);
      continue;
    }
    bool split = false;
    for (auto it = terms_.begin(); it != terms_.end(); ++it) {
      Integer g = gcd(m, it->first);
      if (g == 1) continue;
      Integer b = it->first;
      Rational c = it->second;
      terms_.erase(it);
      pending.emplace_back(g, c);
      pending.emplace_back(Integer(b / g), c);
      pending.emplace_back(g, r);
      pending.emplace_back(Integer(m / g), r);
      split = true;
      break;
    }
    if (!split) {
      // A new base coprime to all others; store it as its smallest root (ln r^k = k ln r),
      // which keeps the base coprime and prints 6 ln 2 rather than ln 64.
      unsigned long k = reduce_perfect_power(m);
      terms_.emplace(std::move(m), Rational(r * k));
    }
  }
}

void LogForm::add_coprime_ln(Integer m, const Rational& q) {
  if (q == 0 || m == 1) return;
  unsigned long k = reduce_perfect_power(m);
  terms_.emplace(std::move(m), Rational(q * k));
}

namespace {
const std::vector<unsigned long>& small_primes() {
  static const std::vector<unsigned long> primes = [] {
    std::vector<unsigned long> p;
    for (unsigned long n = 2; n < 1024; ++n) {
      bool prime = true;
      for (unsigned long d : p) {
        if (d * d > n) break;
        if (n % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) p.push_back(n);
    }
    return p;
  }();
  return primes;
}
}  // namespace

void LogFormBuilder::add_ln(const Integer& n, const Rational& q) {
  if (n < 1) throw std::domain_error("LogFormBuilder::add_ln: ln of " + n.str() + " is not a real number");
  if (q == 0 || n == 1) return;
  Integer m = n;
  mpz_ptr z = m.backend().data();
  for (unsigned long p : small_primes()) {
    if (mpz_cmp_ui(z, 1) == 0) break;
    if (!mpz_divisible_ui_p(z, p)) continue;
    // GMP's mpz_remove divides by p, p^2, p^4, ...: about log e divisions instead of e
    // (10^100000 has e = 100000 and 330,000 bits).
    Integer prime(p);
    const unsigned long e = mpz_remove(z, z, prime.backend().data());
    small_[p] += q * e;
  }
  if (m == 1) return;
  Integer r;
  mpz_tdiv_r(r.backend().data(), product_.backend().data(), z);
  if (gcd(r, m) == 1) {
    product_ *= m;
    large_.add_coprime_ln(std::move(m), q);
  } else {
    // Shares a factor: refine by the scan. Every new base divides the old product or m.
    product_ *= m;
    large_.add_ln(m, q);
  }
}

LogForm LogFormBuilder::finish() const {
  LogForm f = large_;
  // Small primes are coprime to every large base (which has no factor below 1024).
  for (const auto& [p, q] : small_)
    if (q != 0) f.terms_.emplace(Integer(p), q);
  return f;
}

LogForm entropy_from_counts(const std::map<Integer, Integer>& groups, const Integer& total) {
  LogFormBuilder b;
  b.add_ln(total, Rational(1));
  for (const auto& [n, count] : groups) b.add_ln(n, Rational(-(count * n), total));
  return b.finish();
}

LogForm& LogForm::operator+=(const LogForm& other) {
  constant_ += other.constant_;
  for (const auto& [b, q] : other.terms_) add_ln(b, q);
  return *this;
}

LogForm& LogForm::operator-=(const LogForm& other) {
  constant_ -= other.constant_;
  for (const auto& [b, q] : other.terms_) add_ln(b, Rational(-q));
  return *this;
}

LogForm& LogForm::operator*=(const Rational& s) {
  if (s == 0) {
    *this = LogForm();
    return *this;
  }
  constant_ *= s;
  for (auto& [b, q] : terms_) q *= s;
  return *this;
}

LogForm LogForm::operator-() const {
  LogForm f = *this;
  f *= Rational(-1);
  return f;
}

namespace {

// Appends "± |q| unit" to out; the first term keeps a bare leading minus.
void append_term(std::string& out, const Rational& q, const std::string& unit) {
  bool negative = q < 0;
  Rational a = negative ? Rational(-q) : q;
  if (out.empty())
    out += negative ? "-" : "";
  else
    out += negative ? " - " : " + ";
  if (unit.empty()) {
    out += a.str();
  } else {
    if (a != 1) out += a.str() + " ";
    out += unit;
  }
}

}  // namespace

std::string LogForm::str() const {
  std::string out;
  if (constant_ != 0) append_term(out, constant_, "");
  for (const auto& [b, q] : terms_) append_term(out, q, "ln " + b.str());
  return out.empty() ? "0" : out;
}

std::string LogForm::str_bits() const {
  std::string out;
  // ln 2 / ln 2 = 1: a base-2 term is rational in bits.
  auto two = terms_.find(Integer(2));
  if (two != terms_.end()) append_term(out, two->second, "");
  if (constant_ != 0) append_term(out, constant_, "log2 e");
  for (const auto& [b, q] : terms_)
    if (b != 2) append_term(out, q, "log2 " + b.str());
  return out.empty() ? "0" : out;
}

}  // namespace infocert
