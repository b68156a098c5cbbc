#pragma once
/// Exact log-forms c + Σ q_i ln b_i with rational c, q_i and pairwise coprime integers b_i > 1.
///
/// The numbers 1, ln b_1, ..., ln b_n are linearly independent over Q when the b_i are
/// pairwise coprime integers > 1 (unique factorisation for the logs; Lindemann's theorem
/// for the constant: e^c is transcendental for rational c ≠ 0). Hence two log-forms are
/// equal as real numbers iff their constants and coefficient vectors are equal, and every
/// equality between information quantities of rational distributions is decided exactly.
#include <cstddef>
#include <map>
#include <string>

#include "infocert/exact/rational.hpp"

namespace infocert {

class LogForm {
 public:
  /// The zero form.
  LogForm() = default;
  /// The rational constant c.
  static LogForm constant(const Rational& c);
  /// q · ln n for an integer n >= 1 (ln 1 = 0).
  static LogForm ln(const Integer& n, const Rational& q = Rational(1));
  /// q · ln r for a rational r > 0.
  static LogForm ln_rational(const Rational& r, const Rational& q = Rational(1));

  /// Adds q · ln n (n >= 1) in place, refining the coprime base by gcds.
  void add_ln(const Integer& n, const Rational& q);
  LogForm& operator+=(const LogForm& other);
  LogForm& operator-=(const LogForm& other);
  LogForm& operator*=(const Rational& s);

  friend LogForm operator+(LogForm a, const LogForm& b) { return a += b; }
  friend LogForm operator-(LogForm a, const LogForm& b) { return a -= b; }
  friend LogForm operator*(const Rational& s, LogForm a) { return a *= s; }
  LogForm operator-() const;
  /// Equality of the real numbers: the difference, refined over one coprime base, is zero.
  /// (Two forms may use different bases for the same number: ln 6 and ln 2 + ln 3.)
  friend bool operator==(const LogForm& a, const LogForm& b) { return (a - b).is_zero(); }

  bool is_zero() const { return constant_ == 0 && terms_.empty(); }
  /// True when the form has no logarithm terms (a rational number).
  bool is_rational() const { return terms_.empty(); }
  const Rational& constant_term() const { return constant_; }
  /// Base b -> coefficient q (never zero), bases pairwise coprime, > 1, not perfect powers.
  const std::map<Integer, Rational>& terms() const { return terms_; }
  std::size_t size() const { return terms_.size(); }

  /// Readable closed form in nats: "ln 2 - 3/4 ln 3", "1 + ln 5", "0".
  std::string str() const;
  /// The same value divided by ln 2, in bits: "1 - 3/4 log2 3"; a constant c reads "c log2 e".
  std::string str_bits() const;

 private:
  friend class LogFormBuilder;
  /// Adds q · ln m for m > 1 known to be coprime to every base (no scan).
  void add_coprime_ln(Integer m, const Rational& q);
  Rational constant_;
  std::map<Integer, Rational> terms_;
};

/// Builds Σ q_i ln n_i over many integers: small prime factors are divided out first, and
/// a running product of the larger bases tells in one remainder whether a new cofactor
/// shares a factor with any of them (rare), so most insertions skip the scan over bases.
class LogFormBuilder {
 public:
  /// Adds q · ln n (n >= 1).
  void add_ln(const Integer& n, const Rational& q);
  /// The sum as a log-form.
  LogForm finish() const;

 private:
  std::map<unsigned long, Rational> small_;  // prime -> coefficient
  LogForm large_;
  Integer product_ = 1;  // a multiple of every base of large_
};

/// The entropy -Σ p ln p of the law that gives `count` outcomes the probability N / total
/// for each (N, count) in `groups` (N > 0). The counts times N must sum to total.
LogForm entropy_from_counts(const std::map<Integer, Integer>& groups, const Integer& total);

}  // namespace infocert
